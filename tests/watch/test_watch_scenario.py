"""Two simulated weeks of feeds on a loopback server, watched cycle by cycle (issue 8's scenario).

Steady traffic (a protest a day in Erbil, an escape every four days in Deir ez-Zor), then a burst
of escape reports in Al-Hasakah; beside them a malformed feed, a slow feed, a feed answering 500,
a feed whose ETag changes without new items and a redirect to a private address. The clock is
simulated; requests are bounded (a fixed number of cycles, backoff on failing feeds).
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from datetime import timedelta

import pytest
from httpserver import CannedServer
from watch_helpers import LOOPBACK_ONLY, T0, SimClock, WebhookReceiver, days, report, rss, tag_process

from sitroom.alerts.webhook import SIGNATURE_HEADER, verify_signature
from sitroom.settings import Settings
from sitroom.store.watch_alerts import count_items, list_alerts, list_deliveries, list_source_states
from sitroom.watch import Watcher, parse_config

SECRET = "test-shared-secret"
STEP = timedelta(hours=12)
CYCLES = 28  # 14 simulated days


def _feeds() -> dict[str, list]:
    steady = [report("Protest|Erbil|IQ", d, T0 + days(d) + timedelta(hours=2)) for d in range(14)]
    steady += [report("Escape|Deir ez-Zor|SY", d, T0 + days(d) + timedelta(hours=3)) for d in range(0, 14, 4)]
    burst_times = [days(10), days(10.1), days(10.3), days(10.5), days(11), days(11.2), days(12)]
    burst = [report("Escape|Al-Hasakah|SY", i, T0 + t) for i, t in enumerate(burst_times)]
    burst.append(report("Escape|Al-Hasakah|SY|escaped=1500-3000", 99, T0 + days(10.2), "thousands were said to have fled"))
    churn = [report("Protest|Nineveh|IQ", i, T0 + timedelta(hours=i)) for i in range(2)]
    return {"steady": steady, "burst": burst, "churn": churn}


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    from sitroom.store import open_store

    sqlite_store = open_store(f"sqlite:///{tmp_path_factory.mktemp('watch') / 'store.db'}")
    clock = SimClock()
    feeds = _feeds()

    def feed_route(name: str, churn_etag: bool = False):
        def route(handler):
            visible = [it for it in feeds[name] if it.published <= clock.now]
            tag = hashlib.sha1("".join(i.guid for i in visible).encode()).hexdigest()[:16]
            etag = f'"{tag}-{time.monotonic_ns()}"' if churn_etag else f'"{tag}"'
            if not churn_etag and handler.headers.get("If-None-Match") == etag:
                return 304, {"ETag": etag}, b""
            return 200, {"Content-Type": "application/rss+xml", "ETag": etag}, rss(name, visible)
        return route

    def slow(_h):
        time.sleep(4.0)  # well past the watch timeout below, even on a loaded machine
        return 200, {"Content-Type": "application/rss+xml"}, rss("slow", [])

    routes = {
        "/steady": feed_route("steady"), "/burst": feed_route("burst"), "/churn": feed_route("churn", churn_etag=True),
        "/malformed": lambda _h: (200, {"Content-Type": "application/rss+xml"}, b"this is { not a feed <at all"),
        "/slow": slow,
        "/error": lambda _h: (500, {"Content-Type": "text/plain"}, b"boom"),
        "/to-private": lambda _h: (302, {"Location": "http://10.1.2.3/feed.xml"}, b""),
    }
    with CannedServer(routes) as server, WebhookReceiver() as receiver:
        names = ["steady", "burst", "churn", "malformed", "slow", "error", "to-private"]
        raw = {
            "watch": {"interval": "1h", "timeout": 1.5, "backoff_base": "1h", "backoff_max": "2d", "jitter": 0.5},
            "sources": [{"name": n, "kind": "feed", "url": f"{server.base}/{n}"} for n in names],
            "alerts": {
                "rules": [
                    {"kind": "spike", "name": "spike", "window_days": 3, "baseline_windows": 8, "min_count": 3},
                    {"kind": "first_event", "name": "first", "recent_days": 14, "min_history_days": 7},
                    {"kind": "large_quantity", "name": "big", "kinds": ["escaped"], "threshold": 1000},
                ],
                "webhooks": [{"url": receiver.url, "secret": SECRET, "max_attempts": 4}],
            },
        }
        config = parse_config(raw)
        watcher = Watcher(sqlite_store, config, Settings(), process=tag_process, clock=clock,
                          rng=random.Random(7), fetch_options={"policy": LOOPBACK_ONLY}, webhook_budget=5.0)
        reports = []
        for step in range(CYCLES):
            clock.now = T0 + step * STEP
            reports.append(watcher.run_cycle())
        yield {"store": sqlite_store, "server": server, "receiver": receiver, "feeds": feeds, "reports": reports}
    sqlite_store.close()


def test_every_item_stored_exactly_once(scenario):
    store, feeds = scenario["store"], scenario["feeds"]
    end = T0 + (CYCLES - 1) * STEP
    for name in ("steady", "burst", "churn"):
        published = [it for it in feeds[name] if it.published <= end]
        assert count_items(store, name) == len(published), name
    total = sum(len([it for it in feeds[n] if it.published <= end]) for n in ("steady", "burst", "churn"))
    assert store.count_documents() == total
    assert store.count_events() == total  # the hook made one event per document, each once


def test_alerts_fire_exactly_once_and_update(scenario):
    alerts = list_alerts(scenario["store"], limit=None)
    by_rule: dict[str, list] = {}
    for a in alerts:
        by_rule.setdefault(a.rule, []).append(a)
    spikes = by_rule.get("spike", [])
    assert [a.data["stats"]["admin1"] for a in spikes] == ["Al-Hasakah"]
    spike = spikes[0]
    assert spike.version >= 2  # the burst kept growing after the first alert
    assert spike.data["stats"]["peak"] >= 4
    assert len(spike.data["event_ids"]) >= 6
    ev = spike.data["evidence"][0]
    assert ev["quote"].startswith("[Escape|Al-Hasakah|SY") and ev["span_end"] > ev["span_start"]
    firsts = by_rule.get("first_event", [])
    # Deir ez-Zor's first escape and Erbil's first protest came on day one: not news, no alert.
    assert [a.data["stats"]["admin1"] for a in firsts] == ["Al-Hasakah"]
    big = by_rule.get("large_quantity", [])
    assert len(big) == 1 and big[0].data["stats"]["low"] == 1500 and big[0].version == 1
    assert set(by_rule) == {"spike", "first_event", "large_quantity"}


def test_webhooks_signed_once_per_version(scenario):
    receiver, store = scenario["receiver"], scenario["store"]
    assert receiver.received
    for r in receiver.received:
        assert verify_signature(r.body, SECRET, r.headers[SIGNATURE_HEADER.lower()])
        assert r.headers["content-type"] == "application/json"
    deliveries = [json.loads(r.body)["delivery"] for r in receiver.received]
    assert len(deliveries) == len(set(deliveries))  # never the same alert version twice
    spike = next(a for a in list_alerts(store) if a.rule == "spike")
    kinds = [p["type"] for p in receiver.payloads() if p["alert"]["key"] == spike.key]
    assert kinds[0] == "alert.created" and kinds.count("alert.created") == 1
    assert kinds.count("alert.updated") == spike.version - 1
    assert all(d.status == "delivered" for d in list_deliveries(store))


def test_source_health_and_bounded_requests(scenario):
    states = {s.name: s for s in list_source_states(scenario["store"])}
    hits = scenario["server"].hits
    for name in ("malformed", "slow", "error", "to-private"):
        s = states[name]
        assert s.last_success is None and s.last_error and s.consecutive_failures >= 3, name
        assert hits.get(f"/{name}", 0) <= CYCLES // 2, (name, hits.get(f"/{name}"))  # backoff spaces the retries
    assert "malformed_feed" in states["malformed"].last_error
    assert "timed out" in states["slow"].last_error
    assert "HTTP 500" in states["error"].last_error
    assert "forbidden_address" in states["to-private"].last_error and "10.1.2.3" in states["to-private"].last_error
    for name in ("steady", "burst", "churn"):
        assert states[name].consecutive_failures == 0 and states[name].last_error is None
        assert hits[f"/{name}"] == CYCLES  # interval 1h < step 12h: polled every cycle
    assert states["churn"].items_seen == 2  # a new ETag every time, but nothing new and no duplicates
    assert states["steady"].next_poll > states["steady"].last_success


def test_backoff_grows_for_failing_feed(scenario):
    s = next(s for s in list_source_states(scenario["store"]) if s.name == "error")
    # After n failures the next poll is at least the base delay * 2**(n-1) * (1 - jitter) away.
    wait = (s.next_poll - s.last_error_at).total_seconds()
    assert wait >= 3600 * min(2 ** (s.consecutive_failures - 1), 48) * 0.5
