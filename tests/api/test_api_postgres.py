"""The API over a PostgreSQL store: the same answers as on SQLite for the main reads and an edit."""

from __future__ import annotations

import csv
import io

import pytest
from api_support import TOKEN
from builders import make_claim, make_document, make_claims_event
from fastapi.testclient import TestClient

from sitroom.api import create_app
from sitroom.model import Place, Precision
from sitroom.settings import Settings
from sitroom.store import open_store

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_client(pg_url):
    with open_store(pg_url) as store:
        doc = make_document()
        store.add_document(doc)
        claims = [make_claim(doc, "c1"), make_claim(doc, "c2")]
        store.replace_claims(doc.id, claims)
        place = Place("g:hol", "al-Hol camp", "SY", "Al-Hasakah", None, 36.37, 41.15, Precision.POINT)
        from datetime import date

        store.save_events([make_claims_event(claims, "e1", place=place, start=date(2026, 3, 3), end=date(2026, 3, 3))])
    settings = Settings(token=TOKEN)
    app = create_app(settings, store_factory=lambda: open_store(pg_url))
    with TestClient(app, client=("127.0.0.1", 1), base_url="http://127.0.0.1:8000") as c:
        yield c


def test_reads_and_edit_on_postgres(pg_client):
    c = pg_client
    assert c.get("/api/health").json()["engine"] == "postgresql"
    assert [i["id"] for i in c.get("/api/events?country=SY&q=escaped&min_sources=2").json()["items"]] == ["e1"]
    assert c.get("/api/events?actor=nobody").json()["items"] == []
    assert c.get("/api/events.geojson").json()["features"][0]["geometry"]["coordinates"] == [41.15, 36.37]
    detail = c.get("/api/events/e1").json()
    assert detail["claims"][0]["spans"][0]["quote"]
    assert c.get("/api/places").json()[0]["name"] == "al-Hol camp"
    rows = list(csv.DictReader(io.StringIO(c.get("/api/exports/acled-csv").text)))
    assert rows[0]["event_id"] == "e1" and rows[0]["country"] == "Syria"
    r = c.patch("/api/events/e1", json={"confidence": 0.4}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200, r.text
    assert [a["action"] for a in c.get("/api/events/e1/audit").json()] == ["edit"]
