"""The alert step against the store, on both engines: created, unchanged, updated, queued once."""

from __future__ import annotations

from dataclasses import replace

from datetime import datetime, timedelta, timezone

from builders import make_claim, make_document, make_event

from sitroom.alerts import parse_alert_config, run_alerts
from sitroom.store.watch_alerts import list_alerts, list_deliveries

NOW = datetime(2026, 3, 5, 12, tzinfo=timezone.utc)
CONFIG = parse_alert_config({
    "rules": [{"kind": "spike", "window_days": 7}, {"kind": "first_event", "min_history_days": 7}],
    "webhooks": [{"url": "https://hooks.example/h", "secret": "k"}],
})


def _report(store, i: int, when: datetime, admin1: str = "Al-Hasakah", record: bool = False) -> None:
    doc = make_document(f"Escape report {i}\n\nThousands of people escaped from a camp in {admin1}, report {i} said.",
                        published=when)
    store.add_document(doc)
    claim = make_claim(doc, f"c{i}")
    store.replace_claims(doc.id, [claim])
    event = make_event([claim], f"e{i}", admin1=admin1, day=when.date())
    store.save_events([replace(event, record=record)])


def test_run_alerts_lifecycle(store):
    _report(store, 0, NOW - timedelta(days=40), admin1="Raqqa")  # history starts here
    for i in range(1, 4):
        _report(store, i, NOW - timedelta(days=i))
    first = run_alerts(store, CONFIG, now=NOW)
    assert sorted(a.rule for a in first.created) == ["first_event", "spike"] and first.queued == 2
    spike = next(a for a in first.created if a.rule == "spike")
    assert spike.data["evidence"][0]["quote"].startswith("Thousands of people escaped")
    again = run_alerts(store, CONFIG, now=NOW + timedelta(minutes=5))
    assert again.created == [] and again.updated == [] and again.unchanged == 2 and again.queued == 0
    _report(store, 4, NOW)
    grown = run_alerts(store, CONFIG, now=NOW + timedelta(minutes=10))
    assert [a.key for a in grown.updated] == [spike.key] and grown.updated[0].version == 2 and grown.queued == 1
    assert len(list_alerts(store)) == 2
    assert sorted((d.alert_key, d.alert_version) for d in list_deliveries(store)) == sorted(
        [(spike.key, 1), (spike.key, 2), (next(a.key for a in first.created if a.rule == "first_event"), 1)])


def test_data_clock_replays_an_archive(store):
    _report(store, 0, NOW - timedelta(days=300), admin1="Raqqa")
    for i in range(1, 5):
        _report(store, i, NOW - timedelta(days=200 + i))
    config = parse_alert_config({"clock": "data", "rules": [{"kind": "spike"}]})
    assert run_alerts(store, parse_alert_config({"rules": [{"kind": "spike"}]}), now=NOW).created == []
    assert [a.rule for a in run_alerts(store, config, now=NOW).created] == ["spike"]


def test_first_event_knows_history_beyond_the_loaded_window(store):
    _report(store, 0, NOW - timedelta(days=400), admin1="Raqqa")
    _report(store, 1, NOW - timedelta(days=300))  # Al-Hasakah's real first escape, long ago
    _report(store, 2, NOW)
    config = parse_alert_config({"rules": [{"kind": "first_event"}]})
    assert run_alerts(store, config, now=NOW).created == []
    from sitroom.store.watch_alerts import first_event_days

    assert first_event_days(store)["Escape|SY|Al-Hasakah"] == (NOW - timedelta(days=300)).date()


def test_a_stored_record_does_not_hide_the_real_first_event(store):
    from sitroom.store.watch_alerts import first_event_days

    _report(store, 0, NOW - timedelta(days=400), admin1="Raqqa")
    _report(store, 1, NOW - timedelta(days=2), record=True)  # a record of past escapes, told lately
    _report(store, 2, NOW)
    assert first_event_days(store)["Escape|SY|Al-Hasakah"] == NOW.date()
    config = parse_alert_config({"rules": [{"kind": "first_event"}]})
    assert [a.rule for a in run_alerts(store, config, now=NOW).created] == ["first_event"]
