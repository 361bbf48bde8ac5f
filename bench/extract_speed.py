"""Extraction speed: end-to-end words/s per core next to the bare spaCy pass, in the same run.

Texts: the GVDB dev articles from ``../shared/evalsets`` when present (real news), else the
bundled example reports; the measured documents are never the warm-up ones. Both passes parse the same texts with the same pipeline in one process
(the model is loaded before timing). Writes bench/results/extract-speed.json and a BENCHMARKS.md
row. Run: ``.venv/bin/python bench/extract_speed.py [--limit 200]``.
"""

from __future__ import annotations

import argparse
import csv
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import spacy  # noqa: E402

from sitroom.evals.report import EvalsetsMissing, evalsets_dir, record_row, write_result  # noqa: E402
from sitroom.extraction import extract_many, make_document  # noqa: E402
from sitroom.geo.gazetteer import open_gazetteer  # noqa: E402
from sitroom.nlp.parse import DEFAULT_MODEL, load_nlp  # noqa: E402


def texts(limit: int) -> tuple[str, list[str]]:
    try:
        path = evalsets_dir() / "gvdb" / "dev.tsv"
        csv.field_size_limit(1 << 24)
        with path.open(encoding="utf-8") as fh:
            rows = [r.get("Full text", "") for r in csv.DictReader(fh, delimiter="\t")]
        return "GVDB dev articles", [t for t in rows if t.strip()][:limit]
    except (EvalsetsMissing, OSError):
        reports = sorted((ROOT / "examples" / "reports").glob("*.txt"))
        return "example reports", [p.read_text(encoding="utf-8") for p in reports][:limit]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=100, help="documents after the measured ones, run first")
    args = parser.parse_args()
    source, texts_all = texts(args.limit + args.warmup)
    corpus, warmup = texts_all[:args.limit], texts_all[args.limit:]
    words = sum(len(t.split()) for t in corpus)
    # The bare pass is the stock pipeline as spaCy loads it; extraction uses sitroom's (the same
    # model, with the attribute rules compiled to lookups and paragraph breaks as boundaries).
    nlp = spacy.load(DEFAULT_MODEL)
    load_nlp(DEFAULT_MODEL)
    open_gazetteer()
    # Both passes first run over other documents (a long run's steady state: tables loaded,
    # caches warm), never over the measured ones.
    list(nlp.pipe(warmup or corpus[:5]))
    t0 = time.process_time()
    list(nlp.pipe(corpus, batch_size=32))
    bare = time.process_time() - t0
    documents = [make_document(t, published="2026-03-04T12:00:00+00:00", outlet="Bench Wire") for t in corpus]
    warm = [make_document(t, published="2026-03-04T12:00:00+00:00", outlet="Bench Wire") for t in warmup or corpus[:5]]
    list(extract_many(warm, batch_size=32))
    t0 = time.process_time()
    claims = sum(len(c) for _, c in extract_many(documents, batch_size=32))
    full = time.process_time() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {"corpus": source, "documents": len(corpus), "words": words, "claims": claims,
              "bare_parse_cpu_s": round(bare, 2), "extraction_cpu_s": round(full, 2),
              "bare_words_per_cpu_s": round(words / bare), "extraction_words_per_cpu_s": round(words / full),
              "ratio_to_bare": round(bare / full, 3), "peak_rss_mb": round(peak)}
    print(result)
    write_result("extract-speed", result)
    record_row("extract-speed", f"Extraction speed ({source}, {len(corpus)} docs after {len(warmup)} others as warm-up): words per CPU-second, end to end vs the bare stock spaCy pass",
               f"{result['extraction_words_per_cpu_s']} vs {result['bare_words_per_cpu_s']} words/s (ratio {result['ratio_to_bare']}); peak {result['peak_rss_mb']} MB",
               "target ratio ≥ 0.65 and ≥ 5,000 words/s per core; peak ≤ 1 GB", "python bench/extract_speed.py")


if __name__ == "__main__":
    main()
