"""``sitroom eval geo``: geoparse one corpus of ``../shared/evalsets/geo`` and score it.

Why the scorer is loaded from the evalsets folder instead of copied: the numbers must come from
the same code every other system in ``BENCHMARKS.md`` was scored with (geotagging P/R/F1 exact and
overlap; geocoding coverage, mean/median km, acc@161, AUC).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from sitroom.evals import report
from sitroom.evals.report import EvalsetsMissing, evalsets_dir, record_row, write_result
from sitroom.geo.gazetteer import Gazetteer, open_gazetteer
from sitroom.geo.geoparse import mention_record
from sitroom.geo.resolve import resolve_mentions
from sitroom.geo.toponyms import find_toponyms
from sitroom.nlp.parse import DEFAULT_MODEL, parse_many

__all__ = ["evaluate_geo", "CORPORA", "PUBLISHED", "load_scorer"]

#: Splits that exist per corpus (files ``<corpus>-<split>.jsonl``).
CORPORA: dict[str, tuple[str, ...]] = {
    "geowebnews": ("dev", "test"), "lgl": ("dev",), "geovirus": ("dev",), "trnews": ("test",),
}
#: Best published acc@161 (Mordecai 3; GeoVirus: CamCoder) and the issue's target, for the table.
PUBLISHED: dict[str, str] = {
    "geowebnews": "Mordecai 3 acc@161 0.941; target ≥ 0.95 at coverage ≥ 0.90, tag F1 ≥ 0.85 (Yahoo 0.76)",
    "lgl": "Mordecai 3 acc@161 0.827; target ≥ 0.85",
    "trnews": "Mordecai 3 acc@161 0.873; target ≥ 0.90",
    "geovirus": "CamCoder acc@161 0.82",
}


def load_scorer() -> ModuleType:
    """``tools/geo_score.py`` (see :func:`sitroom.evals.report.load_scorer`)."""
    return report.load_scorer("geo_score")


def _fmt(res: dict[str, Any]) -> str:
    tag = res["geotagging_overlap"]
    geo = res["geocoding"]
    return (f"tag P/R/F1 {tag['P']:.3f}/{tag['R']:.3f}/{tag['F1']:.3f} (overlap) · acc@161 {geo.get('acc@161', 0):.3f}"
            f" at coverage {geo['coverage']:.3f} · AUC {geo.get('AUC', float('nan')):.3f}"
            f" · mean/median {geo.get('mean_km', float('nan'))}/{geo.get('median_km', float('nan'))} km")


def evaluate_geo(corpus: str, split: str, *, gazetteer: Gazetteer | None = None, model: str = DEFAULT_MODEL,
                 gwn_types: str = "toponyms", record: bool = True, predictions: Path | None = None,
                 limit: int | None = None) -> dict[str, Any]:
    """Geoparse ``geo/<corpus>-<split>.jsonl``, score it, and (``record``) write the result and row.

    Args:
        corpus: ``geowebnews``, ``lgl``, ``geovirus`` or ``trnews``.
        split: ``dev`` or ``test`` (test files are held out: score them, never tune on them).
        gazetteer: an open gazetteer (default: :func:`open_gazetteer`, built on first use).
        model: spaCy pipeline name.
        gwn_types: GeoWebNews gold filter passed to the scorer (``toponyms``, ``literal``, ``all``).
        record: write ``bench/results/geo-<corpus>-<split>.json`` and the ``BENCHMARKS.md`` row.
        predictions: also write the predictions (scorer format, JSONL) to this path.
        limit: score only the first ``limit`` documents (smoke tests); never recorded.

    Returns:
        The scorer's result plus timing (documents/s, resolution ms per mention) and counts.

    Raises:
        ValueError: unknown corpus or split.
        EvalsetsMissing: the corpus file or the scorer is absent.
    """
    if corpus not in CORPORA or split not in CORPORA[corpus]:
        raise ValueError(f"unknown corpus/split {corpus}/{split}; have {CORPORA}")
    path = evalsets_dir() / "geo" / f"{corpus}-{split}.jsonl"
    if not path.exists():
        raise EvalsetsMissing(f"corpus file not found: {path}")
    scorer = load_scorer()
    gaz = gazetteer or open_gazetteer()
    gold = scorer.load_jsonl(str(path))
    if limit is not None:
        gold = gold[:limit]
        record = False

    started = time.perf_counter()
    resolve_s = 0.0
    n_mentions = 0
    preds: dict[str, list[dict[str, Any]]] = {}
    for doc, doc_id in parse_many(((d.get("text") or "", d["doc_id"]) for d in gold), model=model):
        mentions = find_toponyms(doc, gaz)
        t0 = time.perf_counter()
        resolved = resolve_mentions(doc.text, mentions, gaz)
        resolve_s += time.perf_counter() - t0
        n_mentions += len(mentions)
        # The same filter as sitroom.geo.geoparse.geoparse_doc (timed apart from recognition).
        resolved = [m for m in resolved if m.place is not None or len(m.text.split()) > 1]
        preds[doc_id] = [mention_record(m) for m in resolved]
    elapsed = time.perf_counter() - started
    if predictions is not None:
        predictions.parent.mkdir(parents=True, exist_ok=True)
        with predictions.open("w", encoding="utf-8") as fh:
            for doc_id, tops in preds.items():
                fh.write(json.dumps({"doc_id": doc_id, "toponyms": tops}) + "\n")

    scores = scorer.score(gold, preds, gwn_types)
    result: dict[str, Any] = {
        "corpus": corpus, "split": split, "gwn_types": gwn_types, "model": model,
        "documents": len(gold), "mentions": n_mentions, "seconds": round(elapsed, 1),
        "docs_per_second": round(len(gold) / elapsed, 2) if elapsed else None,
        "resolve_ms_per_mention": round(1000 * resolve_s / n_mentions, 3) if n_mentions else None,
        "gazetteer": str(gaz.path), **scores,
    }
    if record:
        name = f"geo-{corpus}-{split}"
        write_result(name, result)
        record_row(name, f"geoparsing {corpus} {split} ({gwn_types})" if corpus == "geowebnews"
                   else f"geoparsing {corpus} {split}", _fmt(scores), PUBLISHED[corpus],
                   f"sitroom eval geo --corpus {corpus} --split {split}")
    return result
