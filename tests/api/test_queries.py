"""The API's store queries on both engines: filters, keyset pages (undated events last), actors,
places, alerts and the audit log."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from builders import make_claim, make_document, make_claims_event

from sitroom.model import Actor, ActorMention, ActorType, Place, Precision, Role, Span
from sitroom.store.queries import (
    EventFilter, count_events, edits_by_event, event_points, iter_events, list_actors, list_audit,
    list_claims, list_events, list_places, record_audit,
)

PLACE_A = Place("g:a", "Alpha", "SY", "Al-Hasakah", None, 36.5, 41.0, Precision.TOWN)
PLACE_B = Place("g:b", "Beta", "IQ", "Nineveh", None, 36.3, 41.9, Precision.TOWN)
PLACE_W = Place("g:w", "West of the line", "US", "Alaska", None, 52.0, 179.5, Precision.TOWN)
PLACE_E = Place("g:e", "East of the line", "RU", "Chukotka", None, 65.0, -179.5, Precision.TOWN)


@pytest.fixture
def seeded(store):
    doc = make_document()
    store.add_document(doc)
    base = make_claim(doc, "c0")
    claims = []
    for i in range(12):
        actor = ActorMention(Actor("Border Guards" if i % 3 == 0 else "River Militia", ActorType.STATE_FORCES),
                             Role.INITIATOR, Span(0, 5))
        claims.append(replace(base, id=f"c{i:02d}", actors=(actor,)))
    store.replace_claims(doc.id, claims)
    events = []
    places = [PLACE_A, PLACE_B, PLACE_W, PLACE_E]
    for i, claim in enumerate(claims):
        day = None if i >= 10 else date(2026, 3, 1 + i % 5)
        events.append(make_claims_event(
            [claim], f"e{i:02d}", event_type="Escape" if i % 2 else "Protests", place=places[i % 4],
            sub_event_type="Peaceful protest" if i % 4 == 0 else None,
            start=day, end=day, independent_chains=tuple((claim.id,) for _ in range(i % 3 + 1)),
        ))
    store.save_events(events)
    return events


def all_ids(store, flt=EventFilter(), limit=4):
    out, after = [], None
    while True:
        page = list_events(store, flt, after=after, limit=limit)
        out += [e.id for e in page.events]
        if page.next_key is None:
            return out
        after = page.next_key


def test_migration_adds_audit_log(store):
    assert store.schema_version() >= 2
    assert "audit_log" in store.backend.table_names()


def test_pages_are_complete_ordered_and_put_undated_last(store, seeded):
    ids = all_ids(store)
    assert len(ids) == len(set(ids)) == 12
    assert ids[-2:] == ["e10", "e11"]
    starts = [store.get_event(i).start for i in ids[:10]]
    assert starts == sorted(starts, reverse=True)
    assert ids == all_ids(store, limit=100) == all_ids(store, limit=1)
    assert [e.id for e in iter_events(store, batch=5)] == ids
    assert count_events(store) == 12 and len(event_points(store)) == 12


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (EventFilter(event_types=("Escape",)), {f"e{i:02d}" for i in range(1, 12, 2)}),
        (EventFilter(sub_event_types=("Peaceful protest",)), {"e00", "e04", "e08"}),
        (EventFilter(country="iq"), {"e01", "e05", "e09"}),
        (EventFilter(admin1="nineveh"), {"e01", "e05", "e09"}),
        (EventFilter(min_sources=3), {"e02", "e05", "e08", "e11"}),
        (EventFilter(since=date(2026, 3, 5)), {"e04", "e09"}),
        (EventFilter(until=date(2026, 3, 1)), {"e00", "e05"}),
        (EventFilter(bbox=(40.0, 36.0, 42.0, 37.0)), {"e00", "e01", "e04", "e05", "e08", "e09"}),
        (EventFilter(bbox=(179.0, 50.0, -179.0, 70.0)), {"e02", "e03", "e06", "e07", "e10", "e11"}),
        (EventFilter(actor="border"), {"e00", "e03", "e06", "e09"}),
        (EventFilter(actor="%"), set()),
        (EventFilter(q="escaped"), {f"e{i:02d}" for i in range(12)}),
        (EventFilter(q="protests"), set()),
        (EventFilter(q="al-Hol"), {f"e{i:02d}" for i in range(12)}),
        (EventFilter(q="nothingmatches"), set()),
        (EventFilter(ids=("e01", "e02")), {"e01", "e02"}),
        (EventFilter(country="SY", event_types=("Protests",), min_sources=1), {"e00", "e04", "e08"}),
    ],
)
def test_filters(store, seeded, flt, expected):
    assert set(all_ids(store, flt)) == expected
    assert count_events(store, flt) == len(expected)


def test_claims_actors_places(store, seeded):
    claims, nxt = list_claims(store, limit=5)
    assert [c.id for c in claims] == ["c00", "c01", "c02", "c03", "c04"] and nxt == "c04"
    assert [c.id for c in list_claims(store, event_id="e03")[0]] == ["c03"]
    actors = list_actors(store)
    assert [(a["name"], a["claims"], a["events"]) for a in actors] == [("River Militia", 8, 8), ("Border Guards", 4, 4)]
    assert [a["name"] for a in list_actors(store, q="guard")] == ["Border Guards"]
    places = list_places(store)
    assert {p["gazetteer_id"]: p["events"] for p in places} == {"g:a": 3, "g:b": 3, "g:w": 3, "g:e": 3}
    assert [p["name"] for p in list_places(store, country="iq")] == ["Beta"]


def test_audit_log_outlives_events(store, seeded):
    first = record_audit(store, actor="bob", action="edit", event_ids=["e01"], patch={"confidence": 0.2},
                         before={"x": 1}, after={"x": 2}, note="why")
    second = record_audit(store, actor="eve", action="merge", event_ids=["e01", "e02"], patch={"event_ids": ["e01"]})
    assert second > first
    store.save_events([], delete_ids=["e01"])
    entries = list_audit(store, event_id="e01")
    assert [(e.actor, e.action) for e in entries] == [("bob", "edit"), ("eve", "merge")]
    assert entries[0].before == {"x": 1} and entries[0].note == "why" and entries[0].at.tzinfo is not None
    assert [e.id for e in list_audit(store, after=first)] == [second]
    assert edits_by_event(store) == {"e01": [{"confidence": 0.2}]}


def test_rows_summarise_like_events(store, seeded):
    from sitroom.export import event_summary, row_summary
    from sitroom.store.queries import event_rows

    rows, _ = event_rows(store, limit=100)
    events = list_events(store, limit=100).events
    assert [row_summary(r) for r in rows] == [event_summary(e) for e in events]
    store.save_events([replace(seeded[0], record=True)])  # a record of past happenings, listed as one
    rows, _ = event_rows(store, limit=100)
    assert {r.id for r in rows if r.record} == {seeded[0].id}
    assert [row_summary(r) for r in rows] == [event_summary(e) for e in list_events(store, limit=100).events]


def test_type_names_split_into_types_and_sub_types():
    from sitroom.taxonomy import split_type_names

    assert split_type_names(["Battles", "Escape from detention or camp", "Peaceful protest"]) == (
        ("Battles",), ("Escape from detention or camp", "Peaceful protest"))
