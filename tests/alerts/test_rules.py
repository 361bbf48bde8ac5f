"""The four rules as pure functions over events, claims and a clock passed in."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from builders import make_claim, make_document, make_event

from sitroom.alerts.config import ContradictionRule, FirstEventRule, QuantityRule, SpikeRule
from sitroom.alerts.model import EventContext
from sitroom.alerts.rules import ActiveSpike, evaluate
from sitroom.model import Contradiction, FusedValue
from sitroom.store.watch_alerts import DocInfo

NOW = datetime(2026, 3, 5, 12, tzinfo=timezone.utc)
HISTORY = NOW - timedelta(days=60)


def ctx(event_id: str, day: date, *, admin1: str = "Al-Hasakah", event_type: str = "Escape", **event_fields) -> EventContext:
    doc = make_document(f"Report {event_id}\n\nThousands of people escaped the camp in {admin1} said officials, report {event_id}.",
                        published=datetime.combine(day, datetime.min.time(), timezone.utc))
    claim = make_claim(doc, f"c-{event_id}", event_type=event_type)
    info = DocInfo(doc.id, doc.outlet, doc.title, doc.url, doc.published, doc.text)
    event = make_event([claim], event_id, event_type=event_type, admin1=admin1, day=day, **event_fields)
    return EventContext(event, (claim,), {doc.id: info})


def test_evaluate_is_pure_and_deterministic():
    contexts = [ctx(f"e{i}", NOW.date() - timedelta(days=i % 3)) for i in range(5)]
    rules = (SpikeRule(), FirstEventRule())
    a = evaluate(contexts, rules, now=NOW, history_start=HISTORY)
    b = evaluate(list(reversed(contexts)), rules, now=NOW, history_start=HISTORY)
    assert [x.as_dict() for x in a] == [x.as_dict() for x in b]
    assert {x.rule for x in a} == {"spike", "first_event"}


def test_spike_alert_carries_events_claims_and_spans():
    contexts = [ctx(f"e{i}", NOW.date() - timedelta(days=i)) for i in range(4)]
    contexts.append(ctx("old", NOW.date() - timedelta(days=30)))
    [alert] = evaluate(contexts, (SpikeRule(),), now=NOW, history_start=HISTORY)
    assert alert.key == "spike:spike:Escape|SY|Al-Hasakah:2026-02-27"
    assert alert.event_ids == ("e0", "e1", "e2", "e3") and alert.claim_ids == ("c-e0", "c-e1", "c-e2", "c-e3")
    ev = alert.evidence[0]
    assert ev.quote.startswith("Thousands of people escaped") and ev.quantities[0]["quote"] == "Thousands"
    assert alert.stats["count"] == 4 and alert.stats["baseline_counts"][3] == 1


def test_spike_episode_continues_and_grows():
    contexts = [ctx(f"e{i}", NOW.date() - timedelta(days=i)) for i in range(4)]
    [first] = evaluate(contexts, (SpikeRule(),), now=NOW, history_start=HISTORY)
    later = NOW + timedelta(days=2)
    more = contexts + [ctx("e9", later.date())]
    active = {first.group: ActiveSpike(first.key, first.event_ids, first.stats["peak"], NOW.date())}
    [grown] = evaluate(more, (SpikeRule(),), now=later, history_start=HISTORY, active_spikes=active)
    assert grown.key == first.key and "e9" in grown.event_ids and grown.fingerprint() != first.fingerprint()
    # Without the open episode (or long after it), the same burst is a new situation with a new key.
    [fresh] = evaluate(more, (SpikeRule(),), now=later, history_start=HISTORY)
    assert fresh.key != first.key


def test_spike_by_reports_counts_one_fused_event_many_times():
    one = ctx("big", NOW.date())
    docs = {}
    claims = []
    for i in range(5):
        doc = make_document(f"Escape report {i}\n\nThousands of people escaped the camp, outlet {i} said on the day.",
                            published=NOW - timedelta(hours=i))
        claims.append(make_claim(doc, f"c{i}"))
        docs[doc.id] = DocInfo(doc.id, f"Outlet {i}", doc.title, None, doc.published, doc.text)
    fused = EventContext(make_event(claims, "big", day=NOW.date()), tuple(claims), docs)
    assert evaluate([fused], (SpikeRule(),), now=NOW, history_start=HISTORY) == []
    [alert] = evaluate([fused], (SpikeRule(measure="reports"),), now=NOW, history_start=HISTORY)
    assert alert.stats["count"] == 5 and alert.event_ids == ("big",) and len(alert.evidence) == 5
    del one


def test_first_event_needs_history_and_recency():
    first = ctx("e1", NOW.date() - timedelta(days=2))
    earlier_elsewhere = ctx("e0", NOW.date() - timedelta(days=40), admin1="Deir ez-Zor")
    later_same = ctx("e2", NOW.date(), admin1="Al-Hasakah")
    alerts = evaluate([first, earlier_elsewhere, later_same], (FirstEventRule(),), now=NOW, history_start=HISTORY)
    assert [a.key for a in alerts] == ["first_event:first_event:Escape|SY|Al-Hasakah"]
    assert alerts[0].event_ids == ("e1",)
    # Day one: the store's history starts with this very event, so "first" means nothing.
    assert evaluate([first], (FirstEventRule(),), now=NOW, history_start=NOW - timedelta(days=3)) == []
    # Other types and places without a province are not mixed in.
    protest = ctx("p1", NOW.date(), event_type="Protests")
    nowhere = ctx("n1", NOW.date(), admin1=None)  # type: ignore[arg-type]
    assert {a.key for a in evaluate([protest, nowhere], (FirstEventRule(event_types=("Escape",)),), now=NOW,
                                    history_start=HISTORY)} == set()


def test_large_quantity_uses_the_reconciled_range():
    fields = (FusedValue("quantity.escaped", None, ("c-e1",), low=1500, best=None, high=20000),
              FusedValue("killed", None, ("c-e1",), low=2, best=2, high=2))
    c = ctx("e1", NOW.date(), fields=fields)
    [alert] = evaluate([c], (QuantityRule(),), now=NOW, history_start=HISTORY)
    assert alert.key == "large_quantity:large_quantity:e1:escaped"
    assert (alert.stats["low"], alert.stats["best"], alert.stats["high"]) == (1500, None, 20000)
    assert "1,500" in alert.title and alert.claim_ids == ("c-e1",)
    assert evaluate([c], (QuantityRule(threshold=2000, bound="low"),), now=NOW, history_start=HISTORY) == []
    assert len(evaluate([c], (QuantityRule(threshold=2000, bound="high"),), now=NOW, history_start=HISTORY)) == 1
    old = ctx("e2", NOW.date() - timedelta(days=90), fields=fields)
    assert evaluate([old], (QuantityRule(),), now=NOW, history_start=HISTORY) == []  # history, not news


def test_contradiction_between_independent_chains_only():
    base = ctx("e1", NOW.date())
    a, b = "c-e1", "c-other"
    two_chains = make_event([a, b], "e1", day=NOW.date(), independent_chains=((a,), (b,)),
                            contradictions=(Contradiction("killed", (a,), (b,), 9, 7, "9 vs 7"),))
    one_chain = make_event([a, b], "e1", day=NOW.date(), independent_chains=((a, b),),
                           contradictions=(Contradiction("killed", (a,), (b,), 9, 7),))
    rule = (ContradictionRule(),)
    [alert] = evaluate([EventContext(two_chains, base.claims, base.documents)], rule, now=NOW, history_start=HISTORY)
    assert alert.key == "contradiction:contradiction:e1:killed" and "9 vs 7" in alert.title
    assert alert.claim_ids == (a, b) and alert.stats["left"] == ["9"]
    assert evaluate([EventContext(one_chain, base.claims, base.documents)], rule, now=NOW, history_start=HISTORY) == []
    assert evaluate([EventContext(two_chains, base.claims, base.documents)], (ContradictionRule(fields=("injured",)),),
                    now=NOW, history_start=HISTORY) == []


def test_a_record_of_past_happenings_raises_no_spike_and_no_first_event():
    from dataclasses import replace

    contexts = [ctx(f"e{i}", NOW.date() - timedelta(days=i)) for i in range(4)]
    records = [replace(c, event=replace(c.event, record=True)) for c in contexts]
    assert evaluate(records, (SpikeRule(), FirstEventRule()), now=NOW, history_start=HISTORY) == []
    assert evaluate(contexts, (SpikeRule(), FirstEventRule()), now=NOW, history_start=HISTORY)
