"""Benchmark the event list query and the dashboard's first render.

1. Event-list query latency at 100k synthetic events on SQLite: first pages under ten filter
   shapes (none, country, type, bbox, dates, min sources, actor, text, a deep keyset page, a
   combination), each repeated, through the store and through the HTTP API (in-process client).
   Target (issue 7): p95 < 50 ms.
2. First render of the dashboard with 10k events in headless Chromium: navigation start to map,
   timeline and list drawn (the page records it in ``body[data-render-ms]``). Target: < 2 s.

Run: ``PYTHONPATH=src python bench/web_perf.py`` (needs /usr/bin/chromium and ``make web`` for part 2).
Writes ``bench/results/web_perf.json`` and two rows of ``BENCHMARKS.md``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sitroom.evals.report import record_row, write_result
from sitroom.model import (
    Actor, ActorMention, ActorType, Attribution, Claim, Document, Event, FusedValue, Place, Precision, Qualifier,
    Quantity, QuantityKind, Role, Source, SourceKind, Span,
)
from sitroom.store import Store, open_store
from sitroom.store.queries import EventFilter, list_events

TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
         "Strategic developments", "Escape", "Displacement"]
COUNTRIES = [("SY", "Al-Hasakah", 36.5, 41.0), ("IQ", "Nineveh", 36.3, 43.1), ("TR", "Sanliurfa", 37.2, 38.8),
             ("LB", "Beqaa", 33.8, 35.9), ("IQ", "Erbil", 36.2, 44.0), ("SY", "Idlib", 35.9, 36.6)]
ACTORS = ["State forces", "Border guards", "Tribal militia", "Rebel front", "Police", "Protesters", "Unknown group"]
WORDS = "attack convoy checkpoint village shelling escape camp market drone raid protest flood border".split()


def populate(store: Store, n_events: int, *, per_doc: int = 50, seed: int = 7) -> None:
    """``n_events`` events, each with one claim; ``n_events / per_doc`` documents carry the claims."""
    rng = random.Random(seed)
    day0 = date(2024, 1, 1)
    n_docs = max(1, n_events // per_doc)
    for d in range(n_docs):
        # A large vocabulary, as in real reports, plus two of the query words: text filters are selective.
        words = [f"w{rng.randrange(5000):04d}" for _ in range(60)] + rng.sample(WORDS, 2)
        rng.shuffle(words)
        text = f"Synthetic report {d}. " + " ".join(words)
        doc = Document(id=f"doc{d:07d}", text=text, title=f"Report {d}", outlet=f"Outlet {d % 40}", language="en")
        store.add_document(doc)
        claims, events = [], []
        for k in range(per_doc):
            i = d * per_doc + k
            if i >= n_events:
                break
            etype = rng.choice(TYPES)
            country, admin1, lat, lon = rng.choice(COUNTRIES)
            lat += rng.uniform(-1, 1)
            lon += rng.uniform(-1, 1)
            killed = rng.randint(0, 40)
            actor = ActorMention(Actor(rng.choice(ACTORS), ActorType.UNKNOWN), Role.INITIATOR, Span(0, 9))
            claim = Claim(
                id=f"c{i:07d}", document_id=doc.id, event_type=etype, sub_event_type=None, confidence=0.7,
                span=Span(0, min(len(text), 80)), actors=(actor,),
                quantities=(Quantity(QuantityKind.KILLED, killed, killed, killed, Qualifier.EXACT, Span(0, 9)),),
                attribution=Attribution((Source(doc.outlet or "", SourceKind.OUTLET),)),
            )
            start = day0 + timedelta(days=rng.randint(0, 900))
            place = Place(f"g{i % 5000}", f"Place {i % 5000}", country, admin1, None, lat, lon, Precision.TOWN)
            chains = tuple((claim.id,) for _ in range(rng.choice([1, 1, 1, 2, 3])))
            claims.append(claim)
            events.append(Event(
                id=f"e{i:07d}", event_type=etype, sub_event_type=None, claim_ids=(claim.id,),
                fields=(FusedValue("killed", None, (claim.id,), low=killed, best=killed, high=killed),),
                independent_chains=chains, confidence=0.7, place=place, start=start, end=start,
            ))
        store.replace_claims(doc.id, claims)
        store.save_events(events)


def query_shapes(store: Store) -> dict[str, tuple[EventFilter, object]]:
    deep = None
    page = None
    for _ in range(max(1, min(100, store.count_events() // 100))):  # a keyset position deep in the list (page 100 at 100k)
        page = list_events(store, EventFilter(), after=deep, limit=50)
        deep = page.next_key
    return {
        "none": (EventFilter(), None),
        "country": (EventFilter(country="IQ"), None),
        "type": (EventFilter(event_types=("Protests",)), None),
        "bbox": (EventFilter(bbox=(40.0, 35.5, 42.0, 37.5)), None),
        "dates": (EventFilter(since=date(2025, 1, 1), until=date(2025, 3, 31)), None),
        "min_sources": (EventFilter(min_sources=3), None),
        "actor": (EventFilter(actor="militia"), None),
        "text": (EventFilter(q="convoy checkpoint"), None),
        "deep_page": (EventFilter(), deep),
        "combined": (EventFilter(country="SY", event_types=("Battles", "Riots"), since=date(2024, 6, 1), min_sources=2), None),
    }


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 20 else max(values)


def bench_queries(db_url: str, repeats: int) -> dict:
    from fastapi.testclient import TestClient

    from sitroom.api import create_app
    from sitroom.api.deps import encode_cursor
    from sitroom.settings import Settings

    store = open_store(db_url)
    shapes = query_shapes(store)
    per_shape, all_ms = {}, []
    for name, (flt, after) in shapes.items():
        list_events(store, flt, after=after, limit=50)  # warm the page cache
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            list_events(store, flt, after=after, limit=50)
            times.append((time.perf_counter() - t0) * 1000)
        per_shape[name] = {"p50_ms": round(statistics.median(times), 2), "p95_ms": round(p95(times), 2)}
        all_ms += times
    http_ms = []
    client = TestClient(create_app(Settings(db=db_url)), client=("127.0.0.1", 1), base_url="http://127.0.0.1:8000")
    urls = ["/api/events", "/api/events?country=IQ", "/api/events?type=Protests", "/api/events?bbox=40,35.5,42,37.5",
            "/api/events?since=2025-01-01&until=2025-03-31", "/api/events?min_sources=3", "/api/events?actor=militia",
            "/api/events?q=convoy%20checkpoint",
            f"/api/events?cursor={encode_cursor(list(shapes['deep_page'][1]))}"]
    for url in urls:
        assert client.get(url).status_code == 200
        for _ in range(repeats):
            t0 = time.perf_counter()
            client.get(url)
            http_ms.append((time.perf_counter() - t0) * 1000)
    store.close()
    return {
        "store_p95_ms": round(p95(all_ms), 2), "store_p50_ms": round(statistics.median(all_ms), 2),
        "http_p95_ms": round(p95(http_ms), 2), "http_p50_ms": round(statistics.median(http_ms), 2),
        "per_filter": per_shape, "page_size": 50, "repeats_per_filter": repeats,
    }


def bench_render(db_path: Path, runs: int) -> dict:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from browser_support import CHROMIUM, CHROMIUM_ARGS, serve  # type: ignore[import-not-found]
    from playwright.sync_api import sync_playwright

    gen = serve(db_path)
    base = next(gen)
    time.sleep(2)  # an analyst opens the page after `sitroom serve` has started (and warmed up)
    times, wall = [], []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for _ in range(runs + 1):  # the first run is the cold one
                page = browser.new_page(viewport={"width": 1500, "height": 950})
                t0 = time.perf_counter()
                page.goto(base + "/")
                page.wait_for_selector("body[data-ready=true]", timeout=60_000)
                wall.append((time.perf_counter() - t0) * 1000)
                times.append(float(page.get_attribute("body", "data-render-ms")))
                markers = page.locator("path.event-marker").count() + page.locator(".marker-cluster").count()
                listed = page.locator("#event-list li").count()
                page.close()
            browser.close()
    finally:
        try:
            next(gen)
        except StopIteration:
            pass
    cold, times, wall = times[0], times[1:], wall[1:]
    return {"render_ms_cold": cold, "render_ms_median": statistics.median(times), "render_ms_max": max(times),
            "wall_ms_median": round(statistics.median(wall), 1), "runs": runs,
            "markers_and_clusters_drawn": markers, "list_rows": listed,
            "note": "cold = first page load, 2 s after the server started (it builds the default event "
                    "collection in the background at startup); the others are later page loads"}


def machine_load() -> float | None:
    try:
        return os.getloadavg()[0]
    except OSError:
        return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--render-events", type=int, default=10_000)
    ap.add_argument("--repeats", type=int, default=30)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-render", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.db"
        t0 = time.perf_counter()
        with open_store(f"sqlite:///{big}") as store:
            populate(store, args.events)
        build_s = time.perf_counter() - t0
        q = bench_queries(f"sqlite:///{big}", args.repeats)
        result = {"events": args.events, "build_seconds": round(build_s, 1), "query": q,
                  "load_average_1min": machine_load()}
        print(f"query p95 {q['store_p95_ms']} ms (store), {q['http_p95_ms']} ms (HTTP) at {args.events} events")
        if not args.no_render:
            small = Path(tmp) / "render.db"
            with open_store(f"sqlite:///{small}") as store:
                populate(store, args.render_events)
            r = bench_render(small, args.runs)
            result["render"] = {"events": args.render_events, **r}
            print(f"first render {r['render_ms_median']} ms median with {args.render_events} events")
    write_result("web_perf", result)
    cmd = "PYTHONPATH=src python bench/web_perf.py"
    record_row("web.event_list_p95", f"event list query p95, {args.events // 1000}k events, SQLite, page of 50 (10 filter shapes)",
               f"{q['store_p95_ms']} ms store / {q['http_p95_ms']} ms in-process HTTP (load avg {result['load_average_1min']:.1f} on 2 cores)",
               "target < 50 ms (issue 7)", cmd)
    if "render" in result:
        r = result["render"]
        record_row("web.first_render", f"dashboard first render, {args.render_events // 1000}k events, headless Chromium",
                   f"{r['render_ms_median']:.0f} ms median of {r['runs']} (cold first load {r['render_ms_cold']:.0f} ms)",
                   "target < 2 s (issue 7)", cmd)


if __name__ == "__main__":
    main()
