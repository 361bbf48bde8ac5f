"""Fusion cost at 10k / 100k / 1M synthetic claims: clustering plus event building, in memory.

Synthetic claims mimic a conflict news stream: events spread over 200 regions and a year, each
reported by 1-8 claims from different outlets with jittered places, dates and tolls. Writes
bench/results/fuse-scale.json and a BENCHMARKS.md row. Run: ``.venv/bin/python bench/fuse_scale.py``
(``--sizes 10000,100000`` for a quick run).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from sitroom.evals.report import record_row, write_result  # noqa: E402
from sitroom.fuse.cluster import cluster_claims  # noqa: E402
from sitroom.fuse.events import build_event  # noqa: E402
from sitroom.fuse.views import ClaimView, family_of  # noqa: E402
from sitroom.model import (Attribution, Claim, Place, PlaceMention, Precision, Qualifier, Quantity,  # noqa: E402
                           QuantityKind, Source, SourceKind, Span, TimeMention, TimePrecision)

TYPES = [("Explosions/Remote violence", "Remote explosive/landmine/IED"), ("Battles", "Armed clash"),
         ("Movements and detention (sitroom extension)", "Escape from detention or camp"),
         ("Strategic developments", "Arrests"), ("Protests", "Peaceful protest")]
OUTLETS = [f"Outlet {i}" for i in range(40)]


def synthetic_views(n: int, seed: int = 7) -> list[ClaimView]:
    rng = random.Random(seed)
    views: list[ClaimView] = []
    base = date(2026, 1, 1)
    event_no = 0
    while len(views) < n:
        event_no += 1
        etype, sub = rng.choice(TYPES)
        region = rng.randrange(200)
        lat, lon = 30 + (region % 20) * 0.9 + rng.random() * 0.5, 35 + (region // 20) * 0.9 + rng.random() * 0.5
        day = base + timedelta(days=rng.randrange(365))
        toll = rng.randint(1, 60)
        for k in range(min(rng.randint(1, 8), n - len(views))):
            cid = f"c{event_no}_{k}"
            span = Span(0, 40)
            place = Place(f"g{region}_{event_no % 5}", f"Town {region}", "SY", f"Province {region % 14}", None,
                          lat + rng.uniform(-0.02, 0.02), lon + rng.uniform(-0.02, 0.02), Precision.TOWN)
            when = day + timedelta(days=rng.choice([0, 0, 0, 1]))
            kill = max(0, toll + rng.choice([0, 0, -1, 2]))
            claim = Claim(
                id=cid, document_id=f"d{event_no}_{k}", event_type=etype, sub_event_type=sub, confidence=0.7,
                span=span, trigger="attack",
                places=(PlaceMention(place.name, span, place, is_event_place=True),),
                time=TimeMention("on Sunday", span, when, when, TimePrecision.DAY),
                quantities=(Quantity(QuantityKind.KILLED, kill, kill, kill, Qualifier.EXACT, span),),
                attribution=Attribution(chain=(Source(rng.choice(OUTLETS), SourceKind.OUTLET),
                                               Source(f"official {rng.randrange(5)}", SourceKind.OFFICIAL, span))),
            )
            published = datetime.combine(when + timedelta(days=k % 3), datetime.min.time(), tzinfo=timezone.utc)
            views.append(ClaimView(claim=claim, document_id=claim.document_id, outlet=claim.attribution.chain[0].name,
                                   published=published, family=family_of(etype, sub), start=when, end=when,
                                   time_precision=TimePrecision.DAY, place=place,
                                   words=frozenset({f"w{region}", f"e{event_no}", sub.split()[0].lower(), "attack", "killed"}),
                                   order=(published.isoformat(), claim.document_id, 0, cid)))
    return views


def run(n: int) -> dict:
    views = synthetic_views(n)
    t0 = time.perf_counter()
    clusters, _ = cluster_claims(views)
    t1 = time.perf_counter()
    events = [build_event(c.id, c.views, {}) for c in clusters]
    t2 = time.perf_counter()
    return {"claims": n, "events": len(events), "cluster_s": round(t1 - t0, 2), "build_s": round(t2 - t1, 2),
            "total_s": round(t2 - t0, 2), "claims_per_s": round(n / (t2 - t0)),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000,1000000")
    args = parser.parse_args()
    rows = []
    for n in [int(x) for x in args.sizes.split(",")]:
        row = run(n)
        rows.append(row)
        print(row, flush=True)
    write_result("fuse-scale", {"runs": rows, "note": "in-memory clustering + event building, synthetic claims"})
    summary = ", ".join(f"{r['claims']:,}: {r['total_s']} s" for r in rows)
    record_row("fuse-scale", "Fusion cost, synthetic claims (cluster + build events), growth curve", summary,
               "target: 1M claims < 600 s", "python bench/fuse_scale.py")


if __name__ == "__main__":
    main()
