"""Extraction throughput by engine: this process vs Ray workers on the same machine, wall clock.

Why wall clock here (the speed bench uses CPU time): the point of the Ray engine is to use more
cores, so what matters is documents per second end to end, start-up included. Texts: GVDB dev
articles when ``../shared/evalsets`` is present, else the example reports repeated. Each engine
processes the same documents into its own SQLite store (no fusion). Writes
bench/results/engine-scale.json and a BENCHMARKS.md row.
Run: ``.venv/bin/python bench/engine_scale.py [--docs 1600] [--workers 2]``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from extract_speed import texts  # noqa: E402

from sitroom.evals.report import record_row, write_result  # noqa: E402
from sitroom.extraction import make_document  # noqa: E402
from sitroom.processing import process_store  # noqa: E402
from sitroom.settings import Settings  # noqa: E402
from sitroom.store import open_store  # noqa: E402


def run(engine: str, corpus: list[str], workers: int, folder: Path) -> dict:
    store = open_store(f"sqlite:///{folder / engine}.db")
    for i, text in enumerate(corpus):
        document = make_document(text, published="2026-03-04T12:00:00+00:00", outlet=f"Bench Wire {i % 7}")
        store.add_document(document)
    settings = Settings(engine=engine, ray_workers=workers if engine == "ray" else None)
    t0 = time.perf_counter()
    report = process_store(store, settings, fuse=False)
    wall = time.perf_counter() - t0
    store.close()
    return {"engine": engine, "documents": report.documents, "claims": report.claims, "wall_s": round(wall, 2),
            "docs_per_s": round(report.documents / wall, 2)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=1600)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    source, base = texts(args.docs)
    # Repeat the texts (marked, so each copy is its own document) up to --docs: start-up costs
    # seconds, so the corpus must be large enough for the cores to matter.
    corpus = [t if i < len(base) else f"{t}\n\n(copy {i // len(base)})" for i, t in
              enumerate(base[i % len(base)] for i in range(args.docs))]
    with tempfile.TemporaryDirectory() as tmp:
        rows = [run(engine, corpus, args.workers, Path(tmp)) for engine in ("local", "ray")]
    local, ray = rows
    result = {"corpus": source, "documents": len(corpus), "workers": args.workers, "cores": os.cpu_count(),
              "runs": rows, "speedup": round(ray["docs_per_s"] / local["docs_per_s"], 2),
              "load_avg_1m": round(os.getloadavg()[0], 2)}
    print(result)
    write_result("engine-scale", result)
    record_row("engine-scale", f"Extraction wall-clock throughput by engine ({source}, {len(corpus)} docs, "
               f"{args.workers} Ray workers on {os.cpu_count()} cores, start-up included)",
               f"local {local['docs_per_s']} docs/s, ray {ray['docs_per_s']} docs/s (×{result['speedup']})",
               "scales with cores (claims identical: tests/engines)", "python bench/engine_scale.py")


if __name__ == "__main__":
    main()
