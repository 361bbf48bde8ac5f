"""Read endpoints: every route, filters, cursor pages, errors as JSON, security headers."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from api_support import LOCAL, TOKEN, make_client
from demo_data import CAMP_ESCAPE_ID, CAR_BOMB_ID, HOSTILE_ID


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def test_health_and_config(client):
    body = client.get("/api/health").json()
    assert body["status"] == "ok" and body["events"] == 10 and body["documents"] == 45
    assert body["schema_version"] >= 2
    assert client.get("/api/config").json()["tile_url"] is None


def test_openapi_lists_every_resource(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/events", "/api/events.geojson", "/api/events/{event_id}", "/api/documents", "/api/claims",
                 "/api/places", "/api/actors", "/api/alerts", "/api/search", "/api/exports/{fmt}", "/api/health",
                 "/api/events/merge", "/api/events/{event_id}/split", "/api/audit"):
        assert path in paths, path


def test_event_list_newest_first_with_summary(client):
    items = client.get("/api/events").json()["items"]
    starts = [i["start"] for i in items]
    assert starts == sorted(starts, reverse=True)
    camp = next(i for i in items if i["id"] == CAMP_ESCAPE_ID)
    assert camp["independent_sources"] == 2 and camp["country"] == "SY"
    assert camp["magnitude"] == {"name": "escaped", "low": 1000, "best": 15000, "high": 20000}
    bomb = next(i for i in items if i["id"] == CAR_BOMB_ID)
    assert bomb["contradiction"] is True


def test_cursor_pages_cover_everything_once(client):
    seen, cursor = [], None
    for _ in range(20):
        url = "/api/events?limit=3" + (f"&cursor={cursor}" if cursor else "")
        body = client.get(url).json()
        seen += [i["id"] for i in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 10
    assert seen == ids(client.get("/api/events?limit=100"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=SY", {CAMP_ESCAPE_ID, CAR_BOMB_ID, "ev-idlib-strike"}),
        ("country=lb", {"ev-zahle-escape"}),
        ("admin1=Nineveh", {"ev-rabia-arrests", "ev-sinjar-drone"}),
        ("type=Escape", {CAMP_ESCAPE_ID, "ev-zahle-escape"}),
        ("type=Escape,Disaster", {CAMP_ESCAPE_ID, "ev-zahle-escape", "ev-duhok-floods"}),
        ("type=Escape&type=Protests", {CAMP_ESCAPE_ID, "ev-zahle-escape", "ev-erbil-protest"}),
        ("min_sources=2", {CAMP_ESCAPE_ID, CAR_BOMB_ID}),
        ("since=2026-03-12&until=2026-03-13", {HOSTILE_ID, "ev-duhok-floods"}),
        ("since=2026-02-26&until=2026-02-26", {CAMP_ESCAPE_ID}),
        ("bbox=35,33,36.5,34", {"ev-zahle-escape"}),
        ("bbox=41,36,42,37.5", {CAMP_ESCAPE_ID, CAR_BOMB_ID, "ev-sinjar-drone"}),
        ("actor=coalition", {"ev-idlib-strike"}),
        ("actor=POLICE", {"ev-sanliurfa-raids"}),
        ("q=satellite imagery", {CAMP_ESCAPE_ID}),
        ("q=escaped camp", {CAMP_ESCAPE_ID, "ev-sanliurfa-raids"}),
        ("q=drone", {"ev-sinjar-drone"}),
        ("q=%2B%2B%2B", set()),
        ("q=zzzznotaword", set()),
        ("actor=100%25_", set()),
    ],
)
def test_event_filters(client, query, expected):
    assert set(ids(client.get(f"/api/events?{query}"))) == expected


@pytest.mark.parametrize(
    "query",
    [
        "since=yesterday", "until=2026-13-01", "since=2026-03-02&until=2026-03-01", "bbox=1,2,3", "bbox=a,b,c,d",
        "bbox=0,50,10,40", "bbox=0,0,200,10", "country=SYR", "country=1", "min_sources=-1", "min_sources=x",
        "limit=0", "limit=501", "limit=ten", "cursor=%%%", "cursor=bm90LWpzb24", "cursor=WzEsMl0", "q=" + "x" * 600,
    ],
)
def test_bad_filters_are_422_json(client, query):
    r = client.get(f"/api/events?{query}")
    assert r.status_code == 422, (query, r.text)
    err = r.json()["error"]
    assert err["status"] == 422 and err["code"] and err["message"]


def test_geojson_feature_collection(client):
    r = client.get("/api/events.geojson?country=SY")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/geo+json")
    fc = r.json()
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 3
    camp = next(f for f in fc["features"] if f["id"] == CAMP_ESCAPE_ID)
    assert camp["geometry"] == {"type": "Point", "coordinates": [41.1466, 36.3736]}
    assert client.get("/api/events.geojson?limit=0").status_code == 422


def test_event_detail_has_claims_spans_chains_and_texts(client):
    body = client.get(f"/api/events/{CAMP_ESCAPE_ID}").json()
    assert body["summary"]["independent_sources"] == 2
    assert [c["claim_ids"] for c in body["chains"]] == [["c011"], ["c016"]]
    assert body["chains"][1]["sources"] == ["The Northern Ledger ← U.S. officials"]
    texts = {d["id"]: d["text"] for d in body["documents"]}
    quotes = {(s["role"], s["quote"]) for c in body["claims"] for s in c["spans"]}
    assert ("quantity", "Thousands") in quotes and ("quantity", "Between 15,000 and 20,000") in quotes
    for claim in body["claims"]:
        for s in claim["spans"]:
            assert texts[claim["document_id"]][s["start"] : s["end"]] == s["quote"]
    assert body["audit"] == []


def test_event_detail_contradiction(client):
    body = client.get(f"/api/events/{CAR_BOMB_ID}").json()
    (c,) = body["event"]["contradictions"]
    assert (c["field"], c["left"], c["right"]) == ("killed", 9, 7)


def test_unknown_ids_are_404_json(client):
    for url in ("/api/events/nope", "/api/claims/nope", "/api/documents/nope", "/api/documents/nope/claims",
                "/api/nothing-here", "/api/events/nope/audit"):
        r = client.get(url)
        if url.endswith("/audit"):
            assert r.status_code == 200 and r.json() == []
            continue
        assert r.status_code == 404, url
        assert r.json()["error"]["code"] == "not_found"


def test_documents_pages_and_detail(client):
    first = client.get("/api/documents?limit=20").json()
    second = client.get(f"/api/documents?limit=20&cursor={first['next_cursor']}").json()
    third = client.get(f"/api/documents?limit=20&cursor={second['next_cursor']}").json()
    all_ids = [d["id"] for d in first["items"] + second["items"] + third["items"]]
    assert len(all_ids) == len(set(all_ids)) == 45 and third["next_cursor"] is None
    assert first["items"][0]["text"] is None
    doc = client.get(f"/api/documents/{all_ids[0][:10]}").json()
    assert doc["id"] == all_ids[0] and doc["text"]
    assert client.get("/api/documents?outlet=Levant%20Wire%20Service&limit=100").json()["items"]
    assert client.get("/api/documents?since=2026-03-02&until=2026-03-01").status_code == 422


def test_document_claims_and_claims(client):
    camp = client.get(f"/api/events/{CAMP_ESCAPE_ID}").json()
    doc_id = camp["claims"][0]["document_id"]
    claims = client.get(f"/api/documents/{doc_id}/claims").json()["items"]
    assert [c["id"] for c in claims] == ["c011"] and claims[0]["spans"][0]["quote"]
    page = client.get("/api/claims?limit=5").json()
    assert len(page["items"]) == 5 and page["next_cursor"]
    rest = client.get(f"/api/claims?limit=50&cursor={page['next_cursor']}").json()
    assert len(page["items"]) + len(rest["items"]) == 13
    assert [c["id"] for c in client.get(f"/api/claims?event_id={CAR_BOMB_ID}").json()["items"]] == ["c027", "c028"]
    assert {c["id"] for c in client.get("/api/claims?type=Escape").json()["items"]} == {"c011", "c016", "c043"}
    one = client.get("/api/claims/c016").json()
    assert one["event_id"] == CAMP_ESCAPE_ID
    assert any(s["quote"] == "U.S. officials" for s in one["spans"])


def test_places_actors_alerts_search(client):
    places = client.get("/api/places").json()
    assert places[0]["name"] == "Erbil" and places[0]["events"] == 2
    assert {p["country"] for p in client.get("/api/places?country=iq").json()} == {"IQ"}
    assert client.get("/api/places?country=Iraq").status_code == 422
    actors = client.get("/api/actors?q=forces").json()
    assert {a["name"] for a in actors} == {"Iraqi security forces", "Syrian government forces"}
    alerts = client.get("/api/alerts").json()
    assert alerts["open"] == 1 and alerts["items"][0]["rule"] == "spike"  # the demo's seeded alert
    found = client.get("/api/search?q=escaped%20camp").json()
    assert found["documents"] and CAMP_ESCAPE_ID in [e["id"] for e in found["events"]]
    assert "[" in found["documents"][0]["snippet"]
    assert client.get("/api/search").status_code == 422
    assert client.get("/api/search?q=%20").status_code == 422


def test_security_headers_on_every_response(client):
    for url in ("/api/health", "/api/events/nope", "/", "/static/index.html", "/api/events?limit=0"):
        r = client.get(url)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["referrer-policy"] == "no-referrer"
    assert client.get("/api/health").headers["cache-control"] == "no-store"


def test_cors_off_by_default_and_on_by_setting(demo_db):
    with make_client(demo_db) as c:
        r = c.get("/api/health", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in r.headers
    with make_client(demo_db, cors_origins="https://ok.example") as c:
        r = c.get("/api/health", headers={"Origin": "https://ok.example"})
        assert r.headers["access-control-allow-origin"] == "https://ok.example"


def test_tile_url_setting_reaches_config_and_csp(demo_db):
    with make_client(demo_db, tile_url="https://{s}.tiles.example/{z}/{x}/{y}.png") as c:
        r = c.get("/api/config")
        assert r.json()["tile_url"].startswith("https://{s}.tiles.example")
        assert "img-src 'self' data: https://*.tiles.example" in r.headers["content-security-policy"]


def test_reads_from_other_hosts_need_the_token(demo_db):
    with make_client(demo_db, client=("203.0.113.9", 4000)) as c:
        r = c.get("/api/events")
        assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
        assert r.headers["www-authenticate"].startswith("Bearer")
        assert c.get("/api/events", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    with make_client(demo_db, client=("::1", 4000)) as c:
        assert c.get("/api/events").status_code == 200
    assert LOCAL[0] == "127.0.0.1"


def test_index_page_served_without_inline_script(client):
    from sitroom.api.routes.pages import bundle_built, static_dir

    html = (static_dir() / "index.html").read_text()
    assert "<script src=" in html and "<script>" not in html and " on" not in html.replace(" one", "")
    r = client.get("/")
    if bundle_built():
        assert r.status_code == 200 and 'id="map"' in r.text
    else:
        assert r.status_code == 503 and "make web" in r.text


def test_dns_rebinding_refused_on_loopback(demo_db):
    with make_client(demo_db) as c:
        r = c.get("/api/events", headers={"Host": "attacker.example"})
        assert r.status_code == 421 and r.json()["error"]["code"] == "wrong_host"
        assert "content-security-policy" in r.headers
        for host in ("localhost:8000", "127.0.0.1", "[::1]:8000"):
            assert c.get("/api/health", headers={"Host": host}).status_code == 200, host
    with make_client(demo_db, host="0.0.0.0") as c:
        r = c.get("/api/health", headers={"Host": "sitroom.internal"})
        assert r.status_code == 200


PARAMS = ["since", "until", "bbox", "country", "admin1", "type", "actor", "min_sources", "q", "limit", "cursor"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(PARAMS), st.text(max_size=40), max_size=4))
def test_any_filter_values_give_200_or_422_never_500(client, params):
    for path in ("/api/events", "/api/events.geojson"):
        r = client.get(path, params=params)
        assert r.status_code in (200, 422), (path, params, r.text)
        if r.status_code == 422:
            assert r.json()["error"]["message"]
