"""Document-level event clustering on ECB+ and GVC (``sitroom eval clustering``).

Why these corpora: ECB+ pairs every topic with a look-alike second event (two earthquakes, two
arrests of one team's players), which is exactly the confusion analysts suffer from duplicates;
GVC is many small, similar local shootings, where pairwise F1 shows whether reports of one
incident find each other at all.

The whole file is clustered as one pool, and only the system inputs reach the clusterer:
``text``, ``title`` and ``dct``. ``url`` is left out too (our ``sitroom cluster`` input has none,
and in ECB+ its presence alone gives the sub-topic away). Scoring uses the corpus's own
``tools/cluster_score.py``, loaded by path, so our numbers are computed exactly as the
published reference points in the corpus README.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from sitroom.evals import report
from sitroom.evals.report import EvalsetsMissing, evalsets_dir, record_row, write_result
from sitroom.fuse.documents import cluster_documents

__all__ = ["SYSTEM_FIELDS", "load_corpus", "score_clusters", "evaluate_clustering"]

#: The only record fields the clusterer may see (everything else is gold or gives gold away).
SYSTEM_FIELDS = ("doc_id", "text", "title", "dct")

_SPLITS = {"ecbplus": ("dev", "test", "docs"), "gvc": ("train", "dev", "test")}

#: Barhom et al. (2019) k-means, told the true k = 20, as scored by the corpus scorer (README).
_BARHOM_ECB_TEST = "Barhom et al. 2019 k-means (oracle k=20) B³ F1 0.968, PW F1 0.967; target B³ F1 ≥ 0.95"


def _scorer(root: Path) -> ModuleType:
    return report.load_scorer("cluster_score", root)


def _corpus_path(corpus: str, split: str, root: Path) -> Path:
    if split not in _SPLITS.get(corpus, ()):
        raise ValueError(f"unknown corpus/split {corpus}/{split}; known: {_SPLITS}")
    path = root / "clustering" / f"{corpus}-{split}.jsonl"
    if not path.exists():
        raise EvalsetsMissing(f"corpus file not found: {path}")
    return path


def load_corpus(corpus: str, split: str, root: Path | None = None) -> list[dict[str, Any]]:
    """Full records (gold fields included) of ``clustering/<corpus>-<split>.jsonl``."""
    path = _corpus_path(corpus, split, root or evalsets_dir())
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def score_clusters(records: list[dict[str, Any]], pred: dict[str, str], root: Path | None = None) -> dict[str, Any]:
    """Score ``pred`` (doc_id → label) against the records' ``gold_event_cluster`` with the corpus scorer."""
    scorer = _scorer(root or evalsets_dir())
    gold = {r["doc_id"]: str(r["gold_event_cluster"]) for r in records}
    return scorer.score(gold, dict(pred))


def evaluate_clustering(corpus: str = "ecbplus", split: str = "dev", *, limit: int | None = None,
                        record: bool = True) -> dict[str, Any]:
    """Cluster one corpus file as a single pool and score it (B³ and pairwise P/R/F1).

    Args:
        corpus: ``ecbplus`` or ``gvc``.
        split: ``dev`` or ``test`` (``gvc`` also has ``train``; ``ecbplus`` also ``docs``, all of it).
        limit: cluster only the first ``limit`` records (quick checks; never recorded).
        record: write ``bench/results/clustering-<corpus>-<split>.json`` and a BENCHMARKS.md row.

    Returns:
        The scorer's metrics plus ``corpus``, ``split`` and ``seconds``.
    """
    root = evalsets_dir()
    records = load_corpus(corpus, split, root)[:limit]
    system_input = [{k: r.get(k) for k in SYSTEM_FIELDS} for r in records]
    started = time.perf_counter()
    pred = cluster_documents(system_input)
    seconds = time.perf_counter() - started
    result: dict[str, Any] = {"corpus": corpus, "split": split, **score_clusters(records, pred, root),
                              "seconds": round(seconds, 2), "inputs": list(SYSTEM_FIELDS[1:])}
    if record and limit is None:
        name = f"clustering-{corpus}-{split}"
        write_result(name, result)
        b3, pw = result["bcubed"], result["pairwise"]
        if corpus == "ecbplus" and split == "test":
            published = _BARHOM_ECB_TEST
        elif corpus == "ecbplus":
            published = "Barhom et al. 2019 report test only (0.968 with oracle k); target B³ F1 ≥ 0.95 on test"
        else:
            published = "no published document-level figure (README); all-singletons B³ F1 ≈ 0.63, PW F1 0"
        record_row(name,
                   f"{'ECB+' if corpus == 'ecbplus' else 'GVC'} {split}: document event clustering, one pool, "
                   f"no oracle k (n={result['n_docs']}, gold {result['n_gold_clusters']}, "
                   f"ours {result['n_pred_clusters']} clusters) — B³ P/R/F1; pairwise P/R/F1",
                   f"B³ {b3['p']:.3f}/{b3['r']:.3f}/{b3['f1']:.3f}; PW {pw['p']:.3f}/{pw['r']:.3f}/{pw['f1']:.3f}",
                   published, f"sitroom eval clustering --corpus {corpus} --split {split}")
    return result
