"""Watch state, alerts and the delivery queue in the store, on both engines."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from builders import make_document

from sitroom.store.watch_alerts import (
    SourceState, ack_alert, clear_pending, count_items, count_open_alerts, due_deliveries, enqueue_delivery, get_alert,
    get_source_state, item_seen, list_alerts, list_deliveries, list_source_states, mark_delivered,
    mark_delivery_failed, mark_item_seen, pending_document_ids, save_source_state, store_watch_document, upsert_alert,
)

NOW = datetime(2026, 3, 5, 12, tzinfo=timezone.utc)


def test_source_state_round_trip(store):
    assert get_source_state(store, "wire") is None
    state = SourceState("wire", "feed", "https://w.example/rss", etag='"a"', last_modified="Sun, 01 Mar 2026 06:00:00 GMT",
                        last_poll=NOW, last_success=NOW, consecutive_failures=0, documents_new=3,
                        next_poll=NOW + timedelta(minutes=10))
    save_source_state(store, state)
    save_source_state(store, SourceState("other", "file", "/tmp/x.xml", last_error="malformed_feed: x", last_error_at=NOW,
                                         consecutive_failures=2))
    got = get_source_state(store, "wire")
    assert got == state
    assert [s.name for s in list_source_states(store)] == ["other", "wire"]


def test_watch_document_seen_and_queued_atomically(store):
    doc = make_document()
    assert store_watch_document(store, "wire", "entry-1", doc, now=NOW)
    assert item_seen(store, "wire", "entry-1") and pending_document_ids(store) == [doc.id]
    # The same text from another source: seen there too, but stored and queued once.
    assert not store_watch_document(store, "mirror", "m-9", doc, now=NOW)
    assert count_items(store) == 2 and store.count_documents() == 1 and pending_document_ids(store) == [doc.id]
    mark_item_seen(store, "wire", "bad-entry", now=NOW)
    assert count_items(store, "wire") == 2 and get_source_state(store, "wire") is None
    clear_pending(store, [doc.id])
    assert pending_document_ids(store) == []


def test_failed_write_leaves_nothing_behind(store):
    doc = make_document()
    try:
        with store.transaction():
            store_watch_document(store, "wire", "entry-1", doc, now=NOW)
            raise RuntimeError("killed")
    except RuntimeError:
        pass
    assert store.count_documents() == 0 and count_items(store) == 0 and pending_document_ids(store) == []


def _upsert(store, fingerprint: str, now: datetime = NOW, key: str = "spike:x"):
    return upsert_alert(store, key=key, rule="spike", rule_name="spike", severity="warning", title=f"t {fingerprint}",
                        summary="s", fingerprint=fingerprint, data={"event_ids": ["e1"], "evidence": []}, now=now)


def test_alert_lifecycle(store):
    status, rec = _upsert(store, "f1")
    assert status == "created" and rec.version == 1 and not rec.acknowledged
    assert _upsert(store, "f1", NOW + timedelta(hours=1))[0] == "unchanged"
    status, rec = _upsert(store, "f2", NOW + timedelta(hours=2))
    assert status == "updated" and rec.version == 2 and rec.updated_at == NOW + timedelta(hours=2)
    assert rec.created_at == NOW
    acked = ack_alert(store, rec.id, by="analyst", now=NOW + timedelta(hours=3))
    assert acked is not None and acked.acknowledged and acked.acked_by == "analyst"
    assert count_open_alerts(store) == 0 and list_alerts(store, include_acknowledged=False) == []
    # Growth after the acknowledgement re-opens it.
    status, rec = _upsert(store, "f3", NOW + timedelta(hours=4))
    assert status == "updated" and not rec.acknowledged and count_open_alerts(store) == 1
    assert get_alert(store, "spike:x") == get_alert(store, str(rec.id)) == rec
    assert ack_alert(store, "nope", now=NOW) is None
    _upsert(store, "g1", NOW + timedelta(hours=5), key="first:y")
    assert [a.key for a in list_alerts(store)] == ["first:y", "spike:x"]
    assert [a.key for a in list_alerts(store, since=NOW + timedelta(hours=5))] == ["first:y"]


def test_delivery_queue(store):
    kw = dict(alert_key="spike:x", alert_version=1, sink="webhook", target="https://h.example", payload='{"a":1}')
    assert enqueue_delivery(store, now=NOW, **kw)
    assert not enqueue_delivery(store, now=NOW, **kw)  # the same version to the same target: once
    [d] = due_deliveries(store, now=NOW)
    assert d.payload == '{"a":1}' and d.attempts == 0
    mark_delivery_failed(store, d.id, error="HTTP 500", next_attempt=NOW + timedelta(minutes=1))
    assert due_deliveries(store, now=NOW) == []
    [d] = due_deliveries(store, now=NOW + timedelta(minutes=1))
    assert d.attempts == 1 and d.last_error == "HTTP 500"
    mark_delivered(store, d.id, now=NOW + timedelta(minutes=1))
    assert list_deliveries(store)[0].status == "delivered" and due_deliveries(store, now=NOW + timedelta(days=1)) == []
    enqueue_delivery(store, now=NOW, **{**kw, "alert_version": 2})
    [d2] = due_deliveries(store, now=NOW)
    mark_delivery_failed(store, d2.id, error="gone", next_attempt=None)
    assert [d.status for d in list_deliveries(store, status="failed")] == ["failed"]
