"""The store suite, run against SQLite and PostgreSQL alike (the ``store`` fixture is parametrised)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from builders import make_claim, make_document
from sitroom.model import Event, FusedValue, Place, Precision
from sitroom.store import AmbiguousId, DocumentNotFound, open_store
from sitroom.store.backends import fts_terms


def test_new_store_is_migrated_to_latest(store):
    assert store.schema_version() == store.latest_schema_version() >= 1
    assert store.integrity() == "ok"
    assert store.stats()["documents"] == 0


def test_reopening_does_not_reapply_migrations(store_url):
    with open_store(store_url) as first:
        first.add_document(make_document())
    with open_store(store_url) as again:
        assert again.schema_version() == again.latest_schema_version()
        assert again.count_documents() == 1


def test_add_document_is_idempotent(store):
    doc = make_document()
    assert store.add_document(doc) is True
    assert store.add_document(doc) is False
    assert store.count_documents() == 1


def test_document_round_trip_keeps_every_field(store):
    doc = make_document(author="A. Writer", encoding="cp1252", lossy_decode=True, meta={"feed": "x", "n": 2})
    store.add_document(doc)
    got = store.get_document(doc.id)
    for name in ("id", "text", "title", "outlet", "url", "author", "published", "language", "source",
                 "source_kind", "encoding", "lossy_decode"):
        assert getattr(got, name) == getattr(doc, name), name
    assert got.meta == {"feed": "x", "n": 2}
    assert got.published.tzinfo is not None


def test_get_document_by_prefix_and_errors(store):
    doc = make_document()
    store.add_document(doc)
    assert store.get_document(doc.id[:8]).id == doc.id
    with pytest.raises(DocumentNotFound):
        store.get_document("ffffffffffff")
    with pytest.raises(DocumentNotFound):
        store.get_document("abc")  # too short to be a prefix


def test_ambiguous_prefix(store):
    a = make_document(text="First report about a flood in the province of Kirkuk.", id="abcdef0001")
    b = make_document(text="Second report about a protest in the city of Erbil today.", id="abcdef0002")
    store.add_document(a)
    store.add_document(b)
    with pytest.raises(AmbiguousId):
        store.get_document("abcdef")


def test_list_documents_filters_and_order(store):
    older = make_document(text="An older report on shelling near the river town of Hajin.",
                          published=datetime(2026, 2, 1, tzinfo=timezone.utc), outlet="Gulf Monitor")
    newer = make_document(published=datetime(2026, 3, 4, 9, 30, tzinfo=timezone.utc))
    undated = make_document(text="A report without a date about floods near Mosul city.", published=None)
    for d in (older, newer, undated):
        store.add_document(d)
    assert [d.id for d in store.list_documents()] == [newer.id, older.id, undated.id]
    assert [d.id for d in store.list_documents(outlet="Gulf Monitor")] == [older.id]
    since = store.list_documents(since=datetime(2026, 3, 1, tzinfo=timezone.utc))
    assert [d.id for d in since] == [newer.id]
    until = store.list_documents(until=datetime(2026, 3, 1, tzinfo=timezone.utc))
    assert [d.id for d in until] == [older.id]
    assert len(store.list_documents(limit=1)) == 1
    assert sorted(d.id for d in store.iter_documents(batch=1)) == sorted([older.id, newer.id, undated.id])


def test_search_ranks_and_snippets(store):
    escape = make_document()
    flood = make_document(text="Floods displaced hundreds of families in Duhok after heavy rain on Monday, officials said.",
                          title="Floods in Duhok")
    store.add_document(escape)
    store.add_document(flood)
    hits = store.search("escaped camp")
    assert [h.document_id for h in hits] == [escape.id]
    assert "[" in hits[0].snippet and "]" in hits[0].snippet
    # stemming: "escape" finds "escaped"
    assert store.search("escape")[0].document_id == escape.id
    assert store.search("floods duhok")[0].document_id == flood.id
    assert store.search("nothing-like-this-anywhere") == []


@pytest.mark.parametrize("query", ['"unterminated', "a AND OR NOT", "camp*", "-camp", "title:camp", "NEAR(", "'; DROP TABLE documents; --", "", "   "])
def test_search_never_raises_on_query_syntax(store, query):
    store.add_document(make_document())
    store.search(query)
    assert store.count_documents() == 1


def test_fts_terms_strip_operators():
    assert fts_terms('al-Hol "the camp" -x: OR') == ["al-Hol", "the camp", "x", "OR"]


def test_claims_replace_atomically_and_mark_processed(store):
    doc = make_document()
    store.add_document(doc)
    assert store.count_documents(unprocessed=True) == 1
    store.replace_claims(doc.id, [make_claim(doc, "c1"), make_claim(doc, "c2")])
    assert [c.id for c in store.claims_for_document(doc.id)] == ["c1", "c2"]
    assert store.claims_for_document(doc.id)[0] == make_claim(doc, "c1")
    assert store.count_documents(unprocessed=True) == 0
    store.replace_claims(doc.id, [make_claim(doc, "c3")])
    assert [c.id for c in store.claims_for_document(doc.id)] == ["c3"]


def test_mark_unprocessed_queues_every_document_again_keeping_claims(store):
    """`sitroom process --reprocess`: claims made by an older extraction are replaced on the next run."""
    doc = make_document()
    store.add_document(doc)
    store.replace_claims(doc.id, [make_claim(doc, "c1")])
    assert store.mark_unprocessed() == 1
    assert store.count_documents(unprocessed=True) == 1
    assert [c.id for c in store.claims_for_document(doc.id)] == ["c1"]  # until extracted again
    assert store.mark_unprocessed() == 0


def test_failed_claim_write_leaves_previous_claims(store):
    doc = make_document()
    store.add_document(doc)
    store.replace_claims(doc.id, [make_claim(doc, "c1")])
    with pytest.raises(Exception):
        # the same claim id twice violates the primary key halfway through the write
        store.replace_claims(doc.id, [make_claim(doc, "c2"), make_claim(doc, "c2")])
    assert [c.id for c in store.claims_for_document(doc.id)] == ["c1"]


def test_claims_for_unknown_document_rejected(store):
    doc = make_document()
    with pytest.raises(Exception):
        store.replace_claims(doc.id, [make_claim(doc, "c1")])
    assert store.count_claims() == 0


def test_events_round_trip(store):
    doc = make_document()
    store.add_document(doc)
    store.replace_claims(doc.id, [make_claim(doc, "c1")])
    place = Place("geonames:123", "Al-Hol camp", "SY", "Al-Hasakah", None, 36.37, 41.15, Precision.POINT)
    event = Event(id="e1", event_type="Escape", sub_event_type=None, claim_ids=("c1",),
                  fields=(FusedValue("escaped", None, ("c1",), low=1000, best=None, high=9999),),
                  independent_chains=(("c1",),), place=place)
    store.save_events([event])
    assert store.get_event("e1") == event
    assert store.list_events(event_type="Escape") == [event]
    store.save_events([], delete_ids=["e1"])
    assert store.get_event("e1") is None


def test_skip_log(store):
    store.record_skip("photo.png", "binary", "PNG image")
    [skip] = store.list_skips()
    assert (skip.source, skip.reason, skip.detail) == ("photo.png", "binary", "PNG image")


def test_nested_transaction_rolls_back_inner_only(store):
    a = make_document()
    b = make_document(text="Another report entirely, about a drone strike near Sinjar on Monday.")
    with store.transaction():
        store.add_document(a)
        with pytest.raises(RuntimeError):
            with store.transaction():
                store.add_document(b)
                raise RuntimeError("boom")
    assert store.has_document(a.id)
    assert not store.has_document(b.id)
