"""Fusion on claims we build: one event from many reports, look-alikes apart, chains, numbers."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from builders import AL_HOL, HASAKAH_PROVINCE, QAMISHLI, ROJ, ZAHLE, claim_in, report
from sitroom.fuse import fuse_claims, fuse_store
from sitroom.fuse.independence import resemblance, shingles
from sitroom.model import ActorType, Role, SourceKind

BOMB = "Remote explosive/landmine/IED"
VIOLENCE = "Explosions/Remote violence"


def at(day: int, month: int = 3) -> datetime:
    return datetime(2026, month, day, 10, tzinfo=timezone.utc)


WIRE = ("Thousands of people have escaped from the al-Hol camp in northeast Syria since the fence was breached "
        "on Wednesday night, security and humanitarian sources said, and some of them have reached Iraq and Turkey. "
        "The camp had held about 24,000 people before government forces replaced the Kurdish-led guards.")
REWRITE = ("(LWS) Thousands of people have escaped from the al-Hol camp in northeast Syria since the fence was "
           "breached on Wednesday night, security and humanitarian sources said, and some of them have reached "
           "Iraq and Turkey. The camp had held about 24,000 people before government forces took over.")


def escape_corpus():
    ledger = report("Between 15,000 and 20,000 people escaped the camp, U.S. officials familiar with the assessment "
                    "estimate, some of them Islamic State members.", "The Northern Ledger", at(3))
    wire = report(WIRE, "Levant Wire Service", at(2))
    rewrite = report(REWRITE, "Gulf Monitor", at(2, 3).replace(hour=14))
    citing = report("Up to 20,000 people escaped the al-Hol camp, The Northern Ledger reported, citing U.S. officials.",
                    "Ankara Herald", at(4))
    un = report("At least 3,000 residents of the al-Hol camp are unaccounted for, a UN spokesperson said.",
                "Global Aid Report", at(27, 2))
    claims = [
        claim_in(ledger, "Between 15,000 and 20,000 people escaped the camp", place=AL_HOL,
                 quantities=(("escaped", 15000, 20000, None, "range"),),
                 sources=(("U.S. officials", SourceKind.OFFICIAL),), hedges=("estimate",)),
        claim_in(wire, "Thousands of people have escaped from the al-Hol camp", place=AL_HOL,
                 quantities=(("escaped", 2000, 9999, None, "vague"),),
                 sources=(("security and humanitarian sources", SourceKind.ANONYMOUS),),
                 destinations=()),
        claim_in(rewrite, "Thousands of people have escaped from the al-Hol camp", place=AL_HOL,
                 quantities=(("escaped", 2000, 9999, None, "vague"),),
                 sources=(("security and humanitarian sources", SourceKind.ANONYMOUS),)),
        claim_in(citing, "Up to 20,000 people escaped the al-Hol camp", place=AL_HOL,
                 quantities=(("escaped", 0, 20000, 20000, "up_to"),),
                 sources=(("The Northern Ledger", SourceKind.OUTLET), ("U.S. officials", SourceKind.OFFICIAL))),
        claim_in(un, "At least 3,000 residents of the al-Hol camp are unaccounted for", place=AL_HOL,
                 quantities=(("missing", 3000, None, 3000, "at_least"),),
                 sources=(("UN", SourceKind.ORGANISATION),)),
    ]
    return [ledger, wire, rewrite, citing, un], claims


def by_doc(docs):
    return {d.id: d for d in docs}


def test_camp_escape_is_one_event_with_independent_chains():
    docs, claims = escape_corpus()
    [event] = fuse_claims(claims, by_doc(docs))
    assert set(event.claim_ids) == {c.id for c in claims}
    # Ledger + the outlet citing the Ledger are one chain; the wire and its rewrite are one chain; UN is one.
    assert event.independent_sources == 3
    chains = [set(ch) for ch in event.independent_chains]
    assert {claims[0].id, claims[3].id} in chains and {claims[1].id, claims[2].id} in chains
    escaped = next(f for f in event.fields if f.name == "quantity:escaped")
    # one chain says "between 15,000 and 20,000" and "up to 20,000" (intersected); "thousands" from
    # another chain is vague, so it does not widen the precise bounds
    assert (escaped.low, escaped.high) == (15000, 20000)
    assert set(escaped.claim_ids) == {claims[0].id, claims[1].id, claims[2].id, claims[3].id}
    assert event.place == AL_HOL
    assert not event.contradictions
    assert any("U.S. officials" in label for label in event.chain_labels)


def test_ranges_best_is_median_of_central_figures():
    docs, claims = escape_corpus()
    event = fuse_claims(claims[:2], by_doc(docs))[0]
    escaped = next(f for f in event.fields if f.name == "quantity:escaped")
    assert (escaped.low, escaped.best, escaped.high) == (15000, 17500, 20000)


def test_vague_only_bounds_and_gives_no_best():
    docs, claims = escape_corpus()
    event = fuse_claims([claims[1]], by_doc(docs))[0]
    escaped = next(f for f in event.fields if f.name == "quantity:escaped")
    assert (escaped.low, escaped.best, escaped.high) == (2000, None, 9999)
    assert escaped.value["vague_only"] is True


def test_car_bomb_tolls_contradict_and_are_not_averaged():
    hospital = report("A car bomb near the market in Qamishli on Sunday killed nine people and wounded 20, a hospital official said.",
                      "Rojava Daily", at(8))
    ministry = report("The interior ministry said seven people were killed when a car bomb exploded in Qamishli on Sunday.",
                      "SANA", at(9))
    c1 = claim_in(hospital, "A car bomb near the market in Qamishli on Sunday killed nine people", event_type=VIOLENCE,
                  sub_event_type=BOMB, place=QAMISHLI, day=date(2026, 3, 8),
                  quantities=(("killed", 9, 9, 9, "exact"), ("injured", 20, 20, 20, "exact")),
                  sources=(("a hospital official", SourceKind.ANONYMOUS),))
    c2 = claim_in(ministry, "seven people were killed when a car bomb exploded in Qamishli", event_type=VIOLENCE,
                  sub_event_type=BOMB, place=QAMISHLI, day=date(2026, 3, 8),
                  quantities=(("killed", 7, 7, 7, "exact"),), sources=(("the interior ministry", SourceKind.OFFICIAL),))
    [event] = fuse_claims([c1, c2], by_doc([hospital, ministry]))
    killed = next(f for f in event.fields if f.name == "quantity:killed")
    assert (killed.low, killed.high) == (7, 9) and killed.best == 8
    [conflict] = [c for c in event.contradictions if c.field == "quantity:killed"]
    assert {conflict.left["low"], conflict.right["low"]} == {7, 9}
    assert set(conflict.left_claim_ids) | set(conflict.right_claim_ids) == {c1.id, c2.id}
    assert event.start == event.end == date(2026, 3, 8)


def test_two_car_bombs_a_week_apart_stay_apart():
    first = report("A car bomb in Qamishli on Sunday killed nine people near the market, officials said.", "Rojava Daily", at(8))
    second = report("A car bomb in Qamishli on Sunday killed two members of the security forces at a checkpoint.", "Rojava Daily", at(16))
    c1 = claim_in(first, "A car bomb in Qamishli on Sunday killed nine people", event_type=VIOLENCE, sub_event_type=BOMB,
                  place=QAMISHLI, day=date(2026, 3, 8), quantities=(("killed", 9, 9, 9, "exact"),))
    c2 = claim_in(second, "A car bomb in Qamishli on Sunday killed two members", event_type=VIOLENCE, sub_event_type=BOMB,
                  place=QAMISHLI, day=date(2026, 3, 15), quantities=(("killed", 2, 2, 2, "exact"),))
    assert len(fuse_claims([c1, c2], by_doc([first, second]))) == 2


def test_two_escapes_from_two_camps_or_countries_stay_apart():
    a = report("Hundreds escaped the al-Hol camp on Wednesday night, residents said.", "Rojava Daily", at(26, 2))
    b = report("Dozens escaped the Roj camp on Wednesday night, residents said.", "Rojava Daily", at(26, 2).replace(hour=12))
    c = report("About 60 inmates escaped from a prison in Zahle on Tuesday, security forces said.", "Levant Wire Service", at(18))
    claims = [claim_in(a, "Hundreds escaped the al-Hol camp", place=AL_HOL, day=date(2026, 2, 25)),
              claim_in(b, "Dozens escaped the Roj camp", place=ROJ, day=date(2026, 2, 25)),
              claim_in(c, "About 60 inmates escaped from a prison in Zahle", place=ZAHLE, day=date(2026, 3, 17))]
    assert len(fuse_claims(claims, by_doc([a, b, c]))) == 3


def test_different_families_never_merge():
    doc = report("Government forces took over the al-Hol camp on Saturday and later began evacuating residents.",
                 "SANA", at(21, 2))
    handover = claim_in(doc, "Government forces took over the al-Hol camp", sub_event_type="Handover/transfer of control",
                        place=AL_HOL, day=date(2026, 2, 21))
    evac = claim_in(doc, "later began evacuating residents", sub_event_type="Evacuation", place=AL_HOL, day=date(2026, 2, 21))
    assert len(fuse_claims([handover, evac], by_doc([doc]))) == 2


def test_province_level_claim_joins_the_precise_event():
    docs, claims = escape_corpus()
    vague = report("Thousands escaped a camp in Al-Hasakah province this week, officials said.", "Baghdad Bulletin", at(3))
    extra = claim_in(vague, "Thousands escaped a camp in Al-Hasakah province", place=HASAKAH_PROVINCE,
                     quantities=(("escaped", 2000, 9999, None, "vague"),), sources=(("officials", SourceKind.OFFICIAL),))
    events = fuse_claims(claims + [extra], by_doc(docs + [vague]))
    assert len(events) == 1 and events[0].place == AL_HOL


def test_actors_and_destinations_are_fused_with_their_claims():
    docs, claims = escape_corpus()
    doc = report("Some escapees reached Iraq and Turkey, Iraqi security forces said after arresting dozens at the camp.",
                 "Baghdad Bulletin", at(3))
    from builders import Place, Precision
    iraq = Place("geonames:99237", "Iraq", "IQ", None, None, 33.0, 44.0, Precision.COUNTRY)
    extra = claim_in(doc, "Some escapees reached Iraq and Turkey", place=AL_HOL, destinations=(iraq,),
                     actors=(("Iraqi security forces", ActorType.STATE_FORCES, Role.INITIATOR),))
    [event] = fuse_claims(claims + [extra], by_doc(docs + [doc]))
    dest = [f for f in event.fields if f.name == "destination"]
    assert dest and dest[0].value["name"] == "Iraq" and dest[0].claim_ids == (extra.id,)
    actor = [f for f in event.fields if f.name == "actor"]
    assert actor[0].value["name"] == "Iraqi security forces"


def test_near_duplicate_detection():
    assert resemblance(shingles(WIRE), shingles(REWRITE)) > 0.5
    assert resemblance(shingles(WIRE), shingles("A car bomb killed nine people in Qamishli on Sunday.")) < 0.05


def test_fusion_is_deterministic_and_order_independent():
    docs, claims = escape_corpus()
    a = fuse_claims(claims, by_doc(docs))
    b = fuse_claims(list(reversed(claims)), by_doc(docs))
    assert a == b


def test_store_fusion_is_incremental_and_stable(store):
    docs, claims = escape_corpus()
    for d in docs:
        store.add_document(d)
    for d in docs[:3]:
        store.replace_claims(d.id, [c for c in claims if c.document_id == d.id])
    first = fuse_store(store)
    assert (first.events_created, first.claims_placed) == (1, 3)
    [event] = store.list_events()
    for d in docs[3:]:
        store.replace_claims(d.id, [c for c in claims if c.document_id == d.id])
    second = fuse_store(store)
    assert (second.events_created, second.events_updated, second.claims_placed) == (0, 1, 2)
    [grown] = store.list_events()
    assert grown.id == event.id and len(grown.claim_ids) == 5
    again = fuse_store(store)
    assert again.claims_placed == 0 and again.events_updated == 0
    rebuilt = fuse_store(store, rebuild=True)
    assert rebuilt.events_created == 1 and store.list_events()[0] == grown


def test_reextraction_updates_or_removes_events(sqlite_store):
    docs, claims = escape_corpus()
    for d in docs:
        sqlite_store.add_document(d)
        sqlite_store.replace_claims(d.id, [c for c in claims if c.document_id == d.id])
    fuse_store(sqlite_store)
    sqlite_store.replace_claims(docs[4].id, [])
    report_ = fuse_store(sqlite_store)
    [event] = sqlite_store.list_events()
    assert report_.events_updated == 1 and len(event.claim_ids) == 4
    for d in docs:
        sqlite_store.replace_claims(d.id, [])
    assert fuse_store(sqlite_store).events_removed == 1 and sqlite_store.count_events() == 0


@pytest.mark.parametrize("n", [200])
def test_blocking_keeps_cost_near_linear(n):
    """Many unrelated events: each claim is scored against its block only (no quadratic blow-up)."""
    from sitroom.fuse import cluster as cluster_mod
    from sitroom.fuse.views import make_view

    calls = {"n": 0}
    original = cluster_mod.score

    def counting(v, c):
        calls["n"] += 1
        return original(v, c)

    docs, claims = [], []
    for i in range(n):
        doc = report(f"Report {i}: a car bomb killed {i + 1} people in a town on that day.", "Wire", at(1, 1 + i % 12).replace(day=1 + i % 28))
        place = QAMISHLI.__class__(f"g:{i}", f"Town {i}", "SY", f"Province {i % 7}", None, 30 + (i % 50) * 0.5,
                                   35 + (i // 50) * 0.5, QAMISHLI.precision)
        docs.append(doc)
        claims.append(claim_in(doc, f"Report {i}", event_type=VIOLENCE, sub_event_type=BOMB, place=place,
                               day=date(2026, 1 + i % 12, 1 + i % 28)))
    views = [make_view(c, d) for c, d in zip(claims, docs)]
    cluster_mod.score = counting
    try:
        clusters, _ = cluster_mod.cluster_claims(views)
    finally:
        cluster_mod.score = original
    assert len(clusters) == n
    assert calls["n"] < n * 5


def test_analyst_merge_survives_rebuild(sqlite_store):
    from sitroom.analyst import merge_events
    from sitroom.store.queries import record_audit

    docs, claims = escape_corpus()
    far = report("About 60 inmates escaped from a prison in Zahle on Tuesday, security forces said.", "Levant Wire Service", at(18))
    docs.append(far)
    claims.append(claim_in(far, "About 60 inmates escaped from a prison in Zahle", place=ZAHLE, day=date(2026, 3, 17)))
    for d in docs:
        sqlite_store.add_document(d)
        sqlite_store.replace_claims(d.id, [c for c in claims if c.document_id == d.id])
    fuse_store(sqlite_store)
    first, second = sorted(sqlite_store.list_events(), key=lambda e: -len(e.claim_ids))
    merged = merge_events([first, second])
    with sqlite_store.transaction():
        sqlite_store.save_events([merged], delete_ids=[first.id, second.id])
        record_audit(sqlite_store, actor="analyst", action="merge", event_ids=[first.id, second.id, merged.id])
    fuse_store(sqlite_store, rebuild=True)
    [kept] = sqlite_store.list_events()
    assert kept.id == merged.id and set(kept.claim_ids) == {c.id for c in claims}


def test_a_year_long_past_time_is_history_not_this_weeks_news():
    """'in 2014' is too coarse to tell events apart, yet it must not be filed as an event of the
    days before publication (as an undated claim is): it keeps its own year."""
    from dataclasses import replace

    from sitroom.fuse.views import make_view
    from sitroom.model import TimeMention, TimePrecision

    doc = report("Militants overran the province in 2014, and their cells remain active.", "Wire", at(4))
    base = claim_in(doc, "Militants overran the province in 2014")
    year = TimeMention("2014", base.span, date(2014, 1, 1), date(2014, 12, 31), TimePrecision.YEAR)
    view = make_view(replace(base, time=year), doc)
    assert (view.start, view.end, view.time_precision) == (date(2014, 1, 1), date(2014, 12, 31), TimePrecision.YEAR)
    # A coarse span that reaches the report's days ("this year") still reads as undated.
    this_year = TimeMention("this year", base.span, date(2026, 1, 1), date(2026, 12, 31), TimePrecision.YEAR)
    recent = make_view(replace(base, time=this_year), doc)
    assert recent.time_precision is None and recent.end == date(2026, 3, 4)
