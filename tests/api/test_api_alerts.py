"""Alerts over the API: list, one, acknowledge (token), and the Atom feed."""

from __future__ import annotations

from datetime import datetime, timezone
from xml.etree import ElementTree as ET

from fastapi.testclient import TestClient

from sitroom.api import create_app
from sitroom.settings import Settings
from sitroom.store import open_store
from sitroom.store.watch_alerts import upsert_alert

NOW = datetime(2026, 3, 4, 12, tzinfo=timezone.utc)


def test_alerts_list_ack_and_atom(tmp_path):
    url = f"sqlite:///{tmp_path / 'a.db'}"
    with open_store(url) as store:
        upsert_alert(store, key="spike:escape|SY|Al-Hasakah", rule="spike", rule_name="escape-spike", severity="warning",
                     title="Spike: 12 escape reports in Al-Hasakah <b>(SY)</b>", summary="12 reports in 5 days",
                     fingerprint="f1", data={"evidence": [{"quote": "Thousands escaped"}]}, now=NOW)
    app = create_app(Settings(db=url, token="s3cret"))
    with TestClient(app, client=("127.0.0.1", 1), base_url="http://127.0.0.1:8000") as client:
        listed = client.get("/api/alerts").json()
        assert listed["open"] == 1 and listed["items"][0]["title"].startswith("Spike")
        alert_id = listed["items"][0]["id"]
        assert client.get(f"/api/alerts/{alert_id}").json()["data"]["evidence"][0]["quote"] == "Thousands escaped"
        assert client.get("/api/alerts/nope").status_code == 404
        assert client.post(f"/api/alerts/{alert_id}/ack").status_code == 401
        acked = client.post(f"/api/alerts/{alert_id}/ack", headers={"Authorization": "Bearer s3cret",
                                                                    "X-Sitroom-Analyst": "rana"})
        assert acked.status_code == 200 and acked.json()["acknowledged"] and acked.json()["acked_by"] == "rana"
        assert client.get("/api/alerts", params={"open": "true"}).json() == {"items": [], "open": 0}
        feed = client.get("/alerts.atom")
        assert feed.headers["content-type"].startswith("application/atom+xml")
        root = ET.fromstring(feed.content)
        titles = [e.text for e in root.iter("{http://www.w3.org/2005/Atom}title")]
        assert any("Al-Hasakah <b>(SY)</b>" in (t or "") for t in titles)  # text, escaped by XML, never markup


def test_sources_health(tmp_path):
    from sitroom.store.watch_alerts import SourceState, save_source_state

    url = f"sqlite:///{tmp_path / 's.db'}"
    with open_store(url) as store:
        save_source_state(store, SourceState(name="wire", kind="feed", location="https://wire.example/rss", etag='"x"',
                                             last_success=NOW, consecutive_failures=0, documents_new=3))
    with TestClient(create_app(Settings(db=url)), client=("127.0.0.1", 1), base_url="http://127.0.0.1:8000") as client:
        [row] = client.get("/api/sources").json()["items"]
    assert row["name"] == "wire" and row["last_success"].startswith("2026-03-04") and "etag" not in row


def test_skips_say_what_was_left_out_and_why(tmp_path):
    url = f"sqlite:///{tmp_path / 'k.db'}"
    with open_store(url) as store:
        store.record_skip("reports/photo.png", "binary", "binary content, not text (PNG image)")
        store.record_skip("document:abc123", "extraction_failed", "too long for the parser")
    with TestClient(create_app(Settings(db=url)), client=("127.0.0.1", 1), base_url="http://127.0.0.1:8000") as client:
        items = client.get("/api/skips").json()["items"]
        assert [i["reason"] for i in items] == ["extraction_failed", "binary"]  # newest first
        assert items[1]["source"] == "reports/photo.png" and "PNG" in items[1]["detail"]
        assert client.get("/api/skips?limit=0").status_code == 422


def test_docs_page_is_offline_and_strict(tmp_path):
    url = f"sqlite:///{tmp_path / 'd.db'}"
    with TestClient(create_app(Settings(db=url)), client=("127.0.0.1", 1), base_url="http://127.0.0.1:8000") as client:
        page = client.get("/docs")
        assert page.status_code == 200 and "/api/events" in page.text and "<script" not in page.text
        assert "http" not in page.headers["content-security-policy"].split("img-src")[0]  # no CDN for scripts/styles
        assert "unsafe-inline" not in page.headers["content-security-policy"]
        assert client.get("/static/apidocs.css").status_code == 200
        assert client.get("/openapi.json").json()["info"]["title"] == "sitroom"
