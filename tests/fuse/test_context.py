"""Context claims (sitroom.fuse.context): a claim whose only figures are a background record or a
round-up, with no date of its own, stays with the event but is no independent chain of it.
Reports written for these tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone

from builders import QAMISHLI, claim_in, report, span_of
from sitroom.fuse import fuse_claims, make_view
from sitroom.fuse.context import is_context
from sitroom.model import QuantityScope, SourceKind, TimeMention, TimePrecision

VIOLENCE = "Explosions/Remote violence"
BOMB = "Remote explosive/landmine/IED"
AT = datetime(2026, 4, 15, 10, tzinfo=timezone.utc)
TUESDAY = date(2026, 4, 14)

FIRST = ("A roadside bomb killed four soldiers on the road outside Qamishli on Tuesday, a military source said. "
         "More than 150 people have died in such blasts in the district since 2020, according to a local monitor.")
SECOND = "Four soldiers died when a roadside bomb struck their vehicle near Qamishli on Tuesday, the health directorate said."


def bomb(doc, phrase, quantities, source, day=TUESDAY):
    return claim_in(doc, phrase, event_type=VIOLENCE, sub_event_type=BOMB, place=QAMISHLI, day=day,
                    quantities=quantities, sources=((source, SourceKind.OFFICIAL),))


def scoped(claim, doc, scope_words, scope=QuantityScope.BACKGROUND, time_words=None, precision=TimePrecision.RANGE):
    """``claim`` with its figures marked by ``scope_words``; its time, when given, on ``time_words``."""
    scope_span = span_of(doc, scope_words)
    quantities = tuple(replace(q, scope=scope, scope_span=scope_span) for q in claim.quantities)
    time = None
    if time_words is not None:
        start, end = (date(2020, 1, 1), date(2026, 4, 14)) if precision is TimePrecision.RANGE else (TUESDAY, TUESDAY)
        time = TimeMention(time_words, span_of(doc, time_words), start, end, precision)
    return replace(claim, quantities=quantities, time=time)


def bombing():
    a, b = report(FIRST, "Qamishli Courier", AT), report(SECOND, "Northern Dispatch", AT.replace(hour=12))
    main = bomb(a, "A roadside bomb killed four soldiers on the road outside Qamishli", (("killed", 4, 4, 4, "exact"),),
                "a military source")
    record = bomb(a, "More than 150 people have died in such blasts in the district since 2020",
                  (("killed", 151, None, None, "more_than"),), "a local monitor")
    other = bomb(b, "Four soldiers died when a roadside bomb struck their vehicle near Qamishli",
                 (("killed", 4, 4, 4, "exact"),), "the health directorate")
    return {a.id: a, b.id: b}, main, record, other


def chain_ids(event):
    return {cid for chain in event.independent_chains for cid in chain}


def test_background_record_stays_with_the_event_but_is_no_chain():
    docs, main, record, other = bombing()
    doc = docs[record.document_id]
    record = scoped(record, doc, "since 2020", time_words="2020")
    [event] = fuse_claims([main, record, other], docs)
    assert record.id in event.claim_ids  # linked, in view
    assert record.id not in chain_ids(event)
    assert event.independent_sources == 2
    [without] = fuse_claims([main, other], docs)
    assert event.confidence == without.confidence
    assert event.chain_labels == without.chain_labels
    # the control: read as the event's own figure, the monitor is a third chain
    [unscoped] = fuse_claims([main, bomb(doc, "More than 150 people have died in such blasts in the district since 2020",
                                         (("killed", 151, None, None, "more_than"),), "a local monitor"), other], docs)
    assert unscoped.independent_sources == 3


def test_round_up_dated_by_its_own_period_words_is_context():
    doc = report("The army said 11 fighters had been killed in clashes across the province in the past 24 hours.",
                 "Qamishli Courier", AT)
    claim = bomb(doc, "11 fighters had been killed in clashes across the province in the past 24 hours",
                 (("killed", 11, 11, 11, "exact"),), "The army")
    tally = scoped(claim, doc, "in the past 24 hours", QuantityScope.TALLY, time_words="the past 24 hours",
                   precision=TimePrecision.DAY)
    assert is_context(make_view(tally, doc))
    # a round-up with no time expression at all is context too
    assert is_context(make_view(replace(tally, time=None), doc))


def test_background_figure_beside_a_date_of_its_own_counts():
    doc = report("The prison, which held about 900 inmates in 2024, was overrun by gunmen on Tuesday, a guard said.",
                 "Qamishli Courier", AT)
    claim = bomb(doc, "The prison, which held about 900 inmates in 2024, was overrun by gunmen on Tuesday",
                 (("people", 810, 990, 900, "about"),), "a guard")
    held = scoped(claim, doc, "in 2024", time_words="Tuesday", precision=TimePrecision.DAY)
    assert not is_context(make_view(held, doc))  # "on Tuesday" dates the overrun, not the record
    # the same claim whose only date is the record's year is context
    assert is_context(make_view(scoped(claim, doc, "in 2024", time_words="2024"), doc))


def test_claims_without_figures_or_with_an_event_figure_are_never_context():
    docs, main, record, _ = bombing()
    doc = docs[record.document_id]
    assert not is_context(make_view(replace(main, quantities=()), doc))
    both = scoped(record, doc, "since 2020", time_words="2020")
    both = replace(both, quantities=(*both.quantities, *main.quantities))  # the toll beside the record
    assert not is_context(make_view(both, doc))


def test_an_event_made_only_of_records_keeps_its_chains():
    docs, _, record, _ = bombing()
    doc = docs[record.document_id]
    record = scoped(record, doc, "since 2020", time_words="2020")
    [event] = fuse_claims([record], docs)
    assert event.independent_chains == ((record.id,),)
    assert event.confidence > 0
    assert event.record  # a record of past happenings, which the new-event alerts leave out


def test_a_round_up_of_recent_days_is_no_record():
    """"45 killed over the past three days": context for counting sources, but recent activity."""
    docs, _, record, _ = bombing()
    doc = docs[record.document_id]
    tally = scoped(record, doc, "since 2020", scope=QuantityScope.TALLY, time_words="2020")
    [event] = fuse_claims([tally], docs)
    assert not event.record


def test_an_event_with_news_is_no_record():
    docs, main, record, _ = bombing()
    record = scoped(record, docs[record.document_id], "since 2020", time_words="2020")
    assert not any(e.record for e in fuse_claims([main, record], docs))


def test_extracted_record_from_another_source_adds_no_chain():
    from sitroom.extraction import extract_document, make_document

    a = make_document(FIRST, outlet="Qamishli Courier", published="2026-04-15T10:00:00Z")
    b = make_document(SECOND, outlet="Northern Dispatch", published="2026-04-15T12:00:00Z")
    claims = extract_document(a) + extract_document(b)
    [record] = [c for c in claims if any(q.scope is QuantityScope.BACKGROUND for q in c.quantities)]
    [event] = [e for e in fuse_claims(claims, {a.id: a, b.id: b}) if record.id in e.claim_ids]
    assert event.sub_event_type == BOMB
    assert record.id not in chain_ids(event)
    assert event.independent_sources == 2  # the courier's military source and the health directorate
    assert {label.split(" ← ")[0] for label in event.chain_labels} == {"Qamishli Courier", "Northern Dispatch"}


def test_cli_event_shows_context_claims_apart_from_the_chains(tmp_path):
    from click.testing import CliRunner

    from sitroom.cli import main
    from sitroom.store import open_store

    db, *_ = _stored_bombing(tmp_path)
    with open_store(db) as store:
        [event] = store.list_events()
    out = CliRunner().invoke(main, ["--db", db, "event", event.id], catch_exceptions=False).output
    assert "independent source chains: 2" in out
    chains, context = out.split("context: background or round-up figures only, not counted as a chain")
    assert "chain 2:" in chains and "More than 150 people" not in chains
    assert "More than 150 people have died" in context


# ------------------------------------------------------------ a record figure that is the event's toll


def test_background_figure_matching_the_event_toll_is_a_source_not_context():
    docs, main, record, other = bombing()
    doc = docs[record.document_id]
    # the courier's monitor gives the day's toll, mis-scoped as background by a record phrase beside it
    toll = bomb(doc, "More than 150 people have died in such blasts in the district since 2020",
                (("killed", 4, 4, 4, "exact"),), "a local monitor")
    toll = scoped(toll, doc, "since 2020", time_words="2020")
    assert is_context(make_view(toll, doc))  # alone, it reads as a record
    [event] = fuse_claims([main, toll, other], docs)
    assert toll.id in chain_ids(event) and event.independent_sources == 3
    # a genuine record (more than 150) beside the toll of four matches nothing and stays context
    record = scoped(record, doc, "since 2020", time_words="2020")
    [event] = fuse_claims([main, record, other], docs)
    assert record.id not in chain_ids(event) and event.independent_sources == 2


def test_an_open_toll_does_not_reach_a_record_far_above_it():
    # "at least four" is four or a few more, not every larger figure: a record of more than 150
    # beside it stays context, while a background figure of four or five still matches it
    first = ("A roadside bomb killed at least four soldiers on the road outside Qamishli on Tuesday, a military "
             "source said. More than 150 people have died in such blasts in the district since 2020, according "
             "to a local monitor.")
    second = ("At least four soldiers died when a roadside bomb struck their vehicle near Qamishli on Tuesday, "
              "the health directorate said.")
    a, b = report(first, "Qamishli Courier", AT), report(second, "Northern Dispatch", AT.replace(hour=12))
    docs = {a.id: a, b.id: b}
    at_least = (("killed", 4, None, None, "at_least"),)
    main = bomb(a, "A roadside bomb killed at least four soldiers on the road outside Qamishli", at_least,
                "a military source")
    other = bomb(b, "At least four soldiers died when a roadside bomb struck their vehicle near Qamishli", at_least,
                 "the health directorate")
    phrase = "More than 150 people have died in such blasts in the district since 2020"
    record = scoped(bomb(a, phrase, (("killed", 151, None, None, "more_than"),), "a local monitor"), a,
                    "since 2020", time_words="2020")
    [event] = fuse_claims([main, record, other], docs)
    assert record.id not in chain_ids(event) and event.independent_sources == 2
    [pair] = fuse_claims([main, other], docs)
    assert event.confidence == pair.confidence
    # the guard still holds for a figure the open toll does reach
    toll = scoped(bomb(a, phrase, (("killed", 4, 5, None, "exact"),), "a local monitor"), a,
                  "since 2020", time_words="2020")
    [event] = fuse_claims([main, toll, other], docs)
    assert toll.id in chain_ids(event) and event.independent_sources == 3


def test_an_open_toll_reaches_a_nearby_figure():
    """"More than 40 died" (scoped as background beside a record phrase) still corroborates another
    outlet's "killed 45": an open bound reaches a little above its low."""
    first = ("A roadside bomb killed 45 soldiers on the road outside Qamishli on Tuesday, a military source said.")
    second = ("More than 40 soldiers died when a roadside bomb struck their convoy near Qamishli, the deadliest "
              "attack in the district since 2019, the health directorate said.")
    a, b = report(first, "Qamishli Courier", AT), report(second, "Northern Dispatch", AT.replace(hour=12))
    docs = {a.id: a, b.id: b}
    main = bomb(a, "A roadside bomb killed 45 soldiers on the road outside Qamishli", (("killed", 45, 45, None, "exact"),),
                "a military source")
    phrase = "More than 40 soldiers died when a roadside bomb struck their convoy near Qamishli"
    other = scoped(bomb(b, phrase, (("killed", 41, None, None, "more_than"),), "the health directorate"), b,
                   "since 2019", time_words="2019")
    [event] = fuse_claims([main, other], docs)
    assert event.independent_sources == 2 and not event.record


def _extracted(first: str, second: str):
    from sitroom.extraction import extract_document, make_document

    a = make_document(first, outlet="Qamishli Courier", published="2026-04-15T10:00:00Z")
    b = make_document(second, outlet="Northern Dispatch", published="2026-04-15T12:00:00Z")
    return extract_document(a) + extract_document(b), {a.id: a, b.id: b}


def test_extracted_toll_beside_a_record_phrase_corroborates():
    # "the worst attack ... since 2021" scopes the courier's six as background; the dispatch's six is
    # held by its attack claim, not by the bombing claim beside it in the same sentence
    claims, docs = _extracted(
        "A roadside bomb killed six soldiers near Qamishli, the worst attack on the army in the district since 2021, "
        "a military source said.",
        "Six soldiers were killed when a roadside bomb hit their patrol near Qamishli on Tuesday, "
        "the health directorate said.")
    [courier] = [c for c in claims if c.quantities and c.quantities[0].scope is QuantityScope.BACKGROUND]
    [event] = [e for e in fuse_claims(claims, docs) if courier.id in e.claim_ids]
    assert courier.id in chain_ids(event)
    assert event.independent_sources == 2


def test_extracted_earlier_strike_with_the_same_toll_corroborates():
    claims, docs = _extracted("Earlier, a drone strike killed three fighters near Qamishli, residents said.",
                              "A drone strike killed three fighters near Qamishli on Tuesday, the health directorate said.")
    [event] = [e for e in fuse_claims(claims, docs) if len(e.claim_ids) == 2]
    assert event.independent_sources == 2


# ------------------------------------------------------------ analyst merge and split: fusion's rule


def _stored_bombing(tmp_path):
    from sitroom.fuse import fuse_store
    from sitroom.store import open_store

    docs, main, record, other = bombing()
    record = scoped(record, docs[record.document_id], "since 2020", time_words="2020")
    db = f"sqlite:///{tmp_path / 'analyst.db'}"
    with open_store(db) as store:
        for d in docs.values():
            store.add_document(d)
            store.replace_claims(d.id, [c for c in (main, record, other) if c.document_id == d.id])
        fuse_store(store)
    return db, docs, main, record, other


def test_split_off_context_claims_recomputes_both_sides(tmp_path):
    from sitroom.analyst import split_event
    from sitroom.fuse import chain_judge, fuse_store
    from sitroom.store import open_store
    from sitroom.store.queries import record_audit

    db, docs, main, record, other = _stored_bombing(tmp_path)
    [alone] = fuse_claims([record], docs)  # what fusion makes of the record on its own
    [pair] = fuse_claims([main, other], docs)
    with open_store(db) as store:
        [event] = store.list_events()
        rest, moved = split_event(event, [record.id], judge=chain_judge(store))
        assert moved.independent_chains == ((record.id,),)  # a record alone keeps its chain
        assert moved.confidence == alone.confidence and moved.chain_labels == alone.chain_labels
        assert rest.independent_chains == pair.independent_chains and rest.confidence == pair.confidence
        # without a judge the cut chains stay as they were (until fusion runs again)
        assert split_event(event, [record.id])[1].independent_chains == ()
        # a rebuild re-fuses the analyst's events by the same rule: nothing changes
        store.save_events([rest, moved])
        record_audit(store, actor="test", action="split", event_ids=[event.id, moved.id],
                     patch={"claim_ids": [record.id]}, before=None, after=None, note=None)
        fuse_store(store, rebuild=True)
        assert {e.id: (e.independent_chains, e.confidence) for e in store.list_events()} == {
            rest.id: (rest.independent_chains, rest.confidence), moved.id: (moved.independent_chains, moved.confidence)}


def test_merge_counts_a_record_chain_as_fusion_does(tmp_path):
    from sitroom.analyst import merge_events
    from sitroom.fuse import chain_judge
    from sitroom.store import open_store

    db, docs, main, record, other = _stored_bombing(tmp_path)
    [together] = fuse_claims([main, record, other], docs)
    [pair] = fuse_claims([main, other], docs)
    [alone] = fuse_claims([record], docs)
    with open_store(db) as store:
        merged = merge_events([pair, alone], judge=chain_judge(store))
    assert merged.independent_chains == together.independent_chains
    assert merged.independent_sources == 2 and merged.confidence == together.confidence
    assert merge_events([pair, alone]).independent_sources == 3  # the union, without a judge


def test_cli_lists_context_claims_of_an_event_with_no_chains(tmp_path):
    from dataclasses import replace as dc_replace

    from click.testing import CliRunner

    from sitroom.cli import main
    from sitroom.store import open_store

    db, _, _, record, _ = _stored_bombing(tmp_path)
    with open_store(db) as store:
        [event] = store.list_events()
        store.save_events([dc_replace(event, independent_chains=(), chain_labels=())])  # as an old split left it
    out = CliRunner().invoke(main, ["--db", db, "event", event.id], catch_exceptions=False).output
    assert "independent source chains: 0" in out
    assert "More than 150 people have died" in out.split("context:")[1]


def test_api_split_and_merge_follow_fusion_and_keep_a_confidence_set_by_hand(tmp_path):
    from api_support import TOKEN, make_client

    _, docs, _, record, _ = _stored_bombing(tmp_path)
    [alone] = fuse_claims([record], docs)
    path = tmp_path / "analyst.db"
    with make_client(path) as client:
        client.headers.update({"Authorization": f"Bearer {TOKEN}", "X-Sitroom-Analyst": "test"})
        event_id = client.get("/api/events").json()["items"][0]["id"]
        assert client.patch(f"/api/events/{event_id}", json={"confidence": 0.5}).status_code == 200
        split = client.post(f"/api/events/{event_id}/split", json={"claim_ids": [record.id]}).json()["events"]
        rest, moved = ({e["id"]: e for e in split}[k] for k in (event_id, split[1]["id"]))
        assert rest["confidence"] == 0.5 and rest["independent_sources"] == 2  # the analyst's figure stays
        assert moved["independent_sources"] == 1 and moved["confidence"] == alone.confidence
        detail = client.get(f"/api/events/{moved['id']}").json()
        assert [c["chain"] for c in detail["claims"]] == [0]
        merged = client.post("/api/events/merge", json={"event_ids": [event_id, moved["id"]]}).json()["events"][0]
        assert merged["independent_sources"] == 2  # the record counts no more than when fused together


def test_rebuild_keeps_an_analysts_values_on_merged_events_and_judges_their_chains_again(tmp_path):
    from dataclasses import replace as dc_replace

    from api_support import TOKEN, make_client
    from sitroom.fuse import fuse_store
    from sitroom.store import open_store

    db, docs, main, record, other = _stored_bombing(tmp_path)
    [together] = fuse_claims([main, record, other], docs)
    with make_client(tmp_path / "analyst.db") as client:
        client.headers.update({"Authorization": f"Bearer {TOKEN}", "X-Sitroom-Analyst": "test"})
        event_id = client.get("/api/events").json()["items"][0]["id"]
        split = client.post(f"/api/events/{event_id}/split", json={"claim_ids": [record.id]}).json()["events"]
        [moved] = [e["id"] for e in split if e["id"] != event_id]
        patch = {"sub_event_type": "Suicide bomb", "start": "2026-04-13", "end": "2026-04-13"}
        assert client.patch(f"/api/events/{moved}", json=patch).status_code == 200
        # the patched part leads the merge: its values are the merged event's, under a new id
        merged = client.post("/api/events/merge", json={"event_ids": [moved, event_id]}).json()["events"][0]
    with open_store(db) as store:
        # as an older rule left it: the record counted as a third chain
        stale = store.get_event(merged["id"])
        store.save_events([dc_replace(stale, independent_chains=tuple((c,) for c in stale.claim_ids),
                                      chain_labels=("",) * len(stale.claim_ids), confidence=0.99)])
        fuse_store(store, rebuild=True)
        [first] = store.list_events()
        fuse_store(store, rebuild=True)
        [second] = store.list_events()
    assert first.id == merged["id"] and first.sub_event_type == "Suicide bomb"
    assert (str(first.start), str(first.end)) == ("2026-04-13", "2026-04-14")  # the merge's span, the analyst's start
    assert first.independent_chains == together.independent_chains  # the chains follow today's rule
    assert first.chain_labels == together.chain_labels and first.confidence == together.confidence
    assert second == first  # idempotent


def test_rebuild_builds_an_analysts_event_again_when_its_claims_changed(tmp_path):
    from api_support import TOKEN, make_client
    from sitroom.fuse import fuse_store
    from sitroom.store import open_store

    db, docs, main, record, other = _stored_bombing(tmp_path)
    with make_client(tmp_path / "analyst.db") as client:
        client.headers.update({"Authorization": f"Bearer {TOKEN}", "X-Sitroom-Analyst": "test"})
        event_id = client.get("/api/events").json()["items"][0]["id"]
        split = client.post(f"/api/events/{event_id}/split", json={"claim_ids": [record.id]}).json()["events"]
        [moved] = [e["id"] for e in split if e["id"] != event_id]
        assert client.patch(f"/api/events/{moved}", json={"sub_event_type": "Suicide bomb"}).status_code == 200
        merged = client.post("/api/events/merge", json={"event_ids": [moved, event_id]}).json()["events"][0]
    with open_store(db) as store:
        # the dispatch is re-extracted without its claim: the merged event is built from what remains
        store.replace_claims(other.document_id, [])
        fuse_store(store, rebuild=True)
        [event] = store.list_events()
    [fused] = fuse_claims([main, record], docs)
    assert event.id == merged["id"] and set(event.claim_ids) == {main.id, record.id}
    assert event.sub_event_type == fused.sub_event_type and event.independent_chains == fused.independent_chains
