"""``sitroom eval time``: the TIMEX3 tagger scored on TempEval-3's TBAQ dev set.

Why a subprocess for the scorer: ``../shared/evalsets/tools/timex_score.py`` is the shared,
stdlib-only judge every team uses; running it as is (never a copy) keeps our numbers comparable.
The timing compares the timex stage with the bare spaCy parse of the same texts in the same run,
the ratio issue 9 bounds (the timex stage should add <= 10 % to extraction).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from ..nlp.parse import DEFAULT_MODEL, load_nlp
from ..nlp.timex.find import find_timexes
from ..nlp.timex.runner import parse_dct
from .report import EvalsetsMissing, evalsets_dir, record_row, write_result

__all__ = ["evaluate_time", "HEIDELTIME"]

HEIDELTIME = {"relaxed_f1": 90.30, "value_f1": 77.61, "strict_f1": 81.34,
              "source": "UzZaman et al. 2013, TempEval-3 Task A, platinum test (HeidelTime-t)"}
"""HeidelTime's published TempEval-3 figures (from ``time/README.md``), for the BENCHMARKS row."""

_FILES = {"dev": "tbaq-dev.jsonl"}


def _read(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _tag(records: list[dict[str, Any]], model: str) -> tuple[list[dict[str, Any]], float, float]:
    """Predictions plus (seconds in the bare parse, seconds in the timex stage)."""
    nlp = load_nlp(model)
    texts = [str(r.get("text") or "") for r in records]
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    parse_seconds = time.perf_counter() - started
    preds = []
    started = time.perf_counter()
    for record, doc in zip(records, docs):
        dct: date = parse_dct(record.get("dct"))
        preds.append({"doc_id": record["doc_id"],
                      "timexes": [t.as_json() for t in find_timexes(doc, dct)]})
    timex_seconds = time.perf_counter() - started
    return preds, parse_seconds, timex_seconds


def _write_jsonl(rows: list[dict[str, Any]]) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row) + "\n")
        return out.name


def _score(gold: Path, preds: list[dict[str, Any]],
           subset: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Run the shared scorer (a subprocess, the file as distributed) on ``preds``.

    ``subset``: score against these gold records only (written to a temporary gold file).
    """
    scorer = gold.parent.parent / "tools" / "timex_score.py"
    pred_path = _write_jsonl(preds)
    gold_path = _write_jsonl(subset) if subset is not None else str(gold)
    try:
        done = subprocess.run([sys.executable, str(scorer), "--gold", gold_path, "--pred", pred_path,
                               "--json"], capture_output=True, text=True, check=True, timeout=600)
    finally:
        Path(pred_path).unlink(missing_ok=True)
        if subset is not None:
            Path(gold_path).unlink(missing_ok=True)
    return json.loads(done.stdout)


def evaluate_time(split: str = "dev", model: str = DEFAULT_MODEL, write: bool = True,
                  predictions_out: Path | None = None, limit: int | None = None) -> dict[str, Any]:
    """Tag the TBAQ ``split``, score it with the shared scorer, record the result.

    Args:
        split: only ``dev`` is in ``../shared/evalsets/time`` (the TempEval-3 test is held back).
        model: spaCy pipeline name.
        write: write ``bench/results/time-tbaq-<split>.json`` and the ``BENCHMARKS.md`` row.
        predictions_out: optionally keep the predictions JSONL there (for error analysis).
        limit: score only the first ``limit`` documents (smoke tests); never written.

    Returns:
        The scorer's JSON plus ``timing`` (bare parse seconds, timex seconds, their ratio).

    Raises:
        EvalsetsMissing: the corpus is not there.
    """
    if split not in _FILES:
        raise ValueError(f"unknown split {split!r}; the time corpus has {sorted(_FILES)}")
    gold = evalsets_dir() / "time" / _FILES[split]
    if not gold.exists():
        raise EvalsetsMissing(f"{gold} not found")
    records = _read(gold)
    if limit is not None:
        records, write = records[:limit], False
    preds, parse_s, timex_s = _tag(records, model)
    if predictions_out is not None:
        predictions_out.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
    scores = _score(gold, preds, records if limit is not None else None)
    words = sum(len(str(r.get("text") or "").split()) for r in records)
    result = {
        "corpus": f"TempEval-3 TBAQ-cleaned ({split})",
        "model": model,
        "scores": scores,
        "timing": {"parse_seconds": round(parse_s, 3), "timex_seconds": round(timex_s, 3),
                   "timex_over_parse": round(timex_s / parse_s, 4) if parse_s else None,
                   "words": words},
        "published": HEIDELTIME,
        "targets": {"relaxed_f1": 0.92, "value_f1": 0.82, "type_f1": 0.88},
    }
    if write:
        name = f"time-tbaq-{split}"
        write_result(name, result)
        ours = (f"relaxed F1 {100 * scores['relaxed']['f1']:.2f}, value F1 "
                f"{100 * scores['value']['f1']:.2f}, type F1 {100 * scores['type']['f1']:.2f}, "
                f"strict F1 {100 * scores['strict']['f1']:.2f}; timex stage "
                f"{100 * result['timing']['timex_over_parse']:.1f}% of the parse time")
        published = (f"HeidelTime (TE3 test): relaxed {HEIDELTIME['relaxed_f1']}, value "
                     f"{HEIDELTIME['value_f1']}, strict {HEIDELTIME['strict_f1']}; targets "
                     "relaxed 92 / value 82 / type 88")
        record_row(name, f"TIMEX3 on TempEval-3 TBAQ {split} ({len(records)} docs)", ours,
                   published, f"sitroom eval time --split {split}")
    return result
