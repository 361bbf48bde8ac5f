"""Delivery: signed webhooks with bounded retries, and the Atom feed."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, timezone
from xml.etree import ElementTree as ET

import pytest
from watch_helpers import WebhookReceiver

from sitroom.alerts import SIGNATURE_HEADER, alerts_atom, deliver_due, sign, verify_signature
from sitroom.alerts.atom import ATOM_NS
from sitroom.alerts.config import WebhookTarget
from sitroom.alerts.webhook import alert_payload, queue_webhooks
from sitroom.registry import alert_sinks
from sitroom.store.watch_alerts import list_alerts, list_deliveries, upsert_alert

NOW = datetime(2026, 3, 5, 12, tzinfo=timezone.utc)
A = {"{%s}" % ATOM_NS: ""}


def test_signature_is_hmac_sha256_over_raw_body():
    body = b'{"type":"alert.created"}'
    # Reference value computed independently: printf '%s' "$body" | openssl dgst -sha256 -hmac s3cret
    assert sign(body, "s3cret") == "sha256=" + __import__("hmac").new(b"s3cret", body, "sha256").hexdigest()
    assert verify_signature(body, "s3cret", sign(body, "s3cret"))
    assert not verify_signature(body + b" ", "s3cret", sign(body, "s3cret"))
    assert not verify_signature(body, "other", sign(body, "s3cret"))
    assert not verify_signature(body, "s3cret", None)


def test_sinks_registered():
    assert {"atom", "webhook", "cli"} <= set(alert_sinks.names())


def _alert(store, fingerprint="f1", title="Spike: 4 Escape events in Al-Hasakah", now=NOW, evidence=None):
    data = {"event_ids": ["e1"], "claim_ids": ["c1"], "stats": {"count": 4},
            "evidence": evidence or [{"document_id": "d" * 64, "outlet": "Levant Wire Service", "published": "2026-03-02T09:05:00+00:00",
                                      "quote": "Thousands of people escaped", "span_start": 10, "span_end": 37, "quantities": []}]}
    return upsert_alert(store, key="spike:demo", rule="spike", rule_name="spike", severity="warning", title=title,
                        summary="4 events against a baseline of 0.06", fingerprint=fingerprint, data=data, now=now)


def test_webhook_retried_with_backoff_then_delivered_signed(sqlite_store):
    with WebhookReceiver(fail_first=2) as receiver:
        target = WebhookTarget(url=receiver.url, secret="k", max_attempts=5)
        status, record = _alert(sqlite_store)
        assert queue_webhooks(sqlite_store, record, status, (target,), now=NOW) == 1
        rng = random.Random(1)
        first = deliver_due(sqlite_store, (target,), now=NOW, rng=rng)
        assert first.retried == 1 and receiver.received == []
        [pending] = list_deliveries(sqlite_store)
        assert pending.attempts == 1 and pending.next_attempt > NOW and pending.last_error == "HTTP 500"
        # Not due yet: nothing is sent, however often the step runs.
        assert deliver_due(sqlite_store, (target,), now=NOW, rng=rng).retried == 0
        t = NOW
        for _ in range(5):
            t += timedelta(hours=2)
            deliver_due(sqlite_store, (target,), now=t, rng=rng)
        [done] = list_deliveries(sqlite_store)
        assert done.status == "delivered" and done.attempts == 3
        [got] = receiver.received
        assert got.headers[SIGNATURE_HEADER.lower()] == sign(got.body, "k")
        assert got.headers["x-sitroom-event"] == "alert.created"
        assert got.headers["x-sitroom-delivery"] == "spike:demo#1"
        payload = json.loads(got.body)
        assert payload["alert"]["key"] == "spike:demo" and payload["alert"]["evidence"][0]["span_start"] == 10
        assert got.body.decode() == alert_payload(record, "created")


def test_webhook_gives_up_after_max_attempts(sqlite_store):
    calls = []

    def refuse(url, body, headers, timeout):
        calls.append(url)
        raise ConnectionError("refused")

    target = WebhookTarget(url="http://127.0.0.1:9/none", secret="k", max_attempts=3)
    status, record = _alert(sqlite_store)
    queue_webhooks(sqlite_store, record, status, (target,), now=NOW)
    t = NOW
    for _ in range(10):
        deliver_due(sqlite_store, (target,), now=t, post=refuse, rng=random.Random(2))
        t += timedelta(days=1)
    assert len(calls) == 3
    [d] = list_deliveries(sqlite_store)
    assert d.status == "failed" and "refused" in (d.last_error or "")


def test_delivery_step_respects_its_time_budget(sqlite_store):
    target = WebhookTarget(url="http://127.0.0.1:9/x", secret="k")
    for i in range(5):
        _, rec = upsert_alert(sqlite_store, key=f"k{i}", rule="spike", rule_name="s", severity="info", title="t",
                              summary="s", fingerprint="f", data={}, now=NOW)
        queue_webhooks(sqlite_store, rec, "created", (target,), now=NOW)
    ticks = iter(range(100))
    sent = []
    report = deliver_due(sqlite_store, (target,), now=NOW, post=lambda *a: sent.append(1) or 204,
                         budget_seconds=2.5, monotonic=lambda: float(next(ticks)))
    assert report.delivered == len(sent) == 2  # then out of budget: the rest wait for the next cycle


def test_removed_target_fails_its_queue(sqlite_store):
    status, record = _alert(sqlite_store)
    queue_webhooks(sqlite_store, record, status, (WebhookTarget(url="https://gone.example/h", secret="k"),), now=NOW)
    report = deliver_due(sqlite_store, (), now=NOW, post=lambda *a: pytest.fail("must not post"))
    assert report.failed == 1


def test_atom_feed(sqlite_store):
    assert ET.fromstring(alerts_atom([])).find("{%s}updated" % ATOM_NS).text == "1970-01-01T00:00:00Z"
    _alert(sqlite_store)
    _alert(sqlite_store, "f2", title="Spike: 6 Escape events <script>alert(1)</script>", now=NOW + timedelta(hours=1),
           evidence=[{"document_id": "d1", "outlet": "X", "quote": "<img src=x onerror=alert(1)> fled\x07",
                      "span_start": 1, "span_end": 9}])
    data = alerts_atom(list_alerts(sqlite_store), feed_url="http://127.0.0.1:8000/alerts.atom",
                       alert_url="http://127.0.0.1:8000/alerts/{id}")
    assert data.startswith(b"<?xml") and b"<script>" not in data  # escaped, never markup
    feed = ET.fromstring(data)
    ns = "{%s}" % ATOM_NS
    assert feed.find(ns + "updated").text == "2026-03-05T13:00:00Z"
    [entry] = feed.findall(ns + "entry")
    assert entry.find(ns + "title").text.startswith("[warning] Spike: 6 Escape events <script>")
    assert entry.find(ns + "title").text.endswith("(update 1)")
    assert entry.find(ns + "id").text.startswith("urn:sitroom:alert:")
    assert entry.find(ns + "link").get("href") == "http://127.0.0.1:8000/alerts/1"
    assert entry.find(ns + "category").get("term") == "spike"
    content = entry.find(ns + "content")
    assert content.get("type") == "text" and "<img src=x onerror=alert(1)> fled" in content.text
    assert alerts_atom(list_alerts(sqlite_store)) == alerts_atom(list_alerts(sqlite_store))  # no clock inside
