"""Document-level event clustering: which reports in a pool describe the same happening.

Why beside claim fusion: claim fusion (:mod:`sitroom.fuse.cluster`) needs extraction, places and
dates first; analysts and benchmarks (ECB+, GVC) also ask the simpler question "which articles
cover the same event?" straight from the text. This module answers it, unsupervised, with no
number of clusters given and no gold structure used — only each record's ``text``, optional
``title`` and optional publication date (``published`` or ``dct``).

How:

1. Each report is read into four bags of terms — words, names, numbers, dates
   (:mod:`sitroom.fuse.doc_features` explains why each is there).
2. Each bag becomes a TF-IDF block over the pool; two reports' similarity is a weighted mean of
   their block cosines (:mod:`sitroom.fuse.doc_vectors`). Names weigh double the words because
   they are what separates two look-alike events of one topic (two earthquakes, two shootings).
3. When both reports carry a publication date, reports published far apart are pushed apart:
   follow-ups of one event cluster within days, while a look-alike event is months away.
4. Average-link agglomerative clustering with a low threshold *and* a cohesion test: two groups
   merge only if they are nearly as alike as each group is inside
   (:mod:`sitroom.fuse.agglomerative`). No number of clusters is given.
5. A second pass re-weights each large cluster on its own and splits it when its two halves
   share few names, numbers and dates (:mod:`sitroom.fuse.doc_split`).

Cost: O(n²) time and memory in the pool size (dense similarity matrices; about 10 s for 800
reports here). Pools of a few thousand reports are fine; a larger stream should be cut into
windows of publication time first.

Deterministic: records are processed in input order, ties break by index, and labels name each
cluster by its first report, so the same input gives the same labels.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Iterable, Iterator, Mapping, Sequence

import numpy as np

from .agglomerative import average_link
from .doc_features import DocTerms, name_like, read_terms, tokens
from .doc_split import split_clusters
from .doc_vectors import channel_matrix, similarity

__all__ = ["ClusterParams", "cluster_documents", "cluster_jsonl", "document_similarity"]


@dataclass(frozen=True)
class ClusterParams:
    """Weights and thresholds, tuned on ECB+ train/dev and GVC train/dev only (never on test).

    The first pass is deliberately permissive on the absolute threshold and strict on cohesion:
    the cohesion ratio, not the threshold, is what keeps look-alike events apart, and it adapts
    to how tightly each event's reports agree.
    """

    #: Channel weights: words (topic), names (who/where), numbers (figures), dates (when).
    #: Names weigh double: they are what tells two events of one topic apart.
    weights: Mapping[str, float] = field(default_factory=lambda: {"w": 1.0, "n": 2.0, "q": 0.3, "d": 0.5})
    #: Merge while the average similarity between two clusters is at least this.
    threshold: float = 0.1
    #: Cohesion test: clusters merge only at >= ratio x the smaller one's inner mean similarity.
    ratio: float = 0.5
    #: Terms in more than this fraction of the pool are dropped.
    max_df: float = 0.5
    #: IDF is raised to this power (1 = plain IDF; larger favours rare terms — did not help).
    idf_power: float = 1.0
    #: Reports published more than ``max_days`` apart have their similarity multiplied by
    #: ``date_penalty`` (only when both have a publication date).
    max_days: int = 30
    date_penalty: float = 0.5
    #: Second pass (:mod:`sitroom.fuse.doc_split`): clusters of at least ``split_min_size``
    #: reports are cut in two on similarity re-weighted inside them (terms in more than
    #: ``split_max_df`` of members dropped); the cut stands if the sides' pool-wide similarity
    #: over names, numbers and dates (``split_weights``) is below ``split_ratio`` × cohesion.
    split: bool = True
    split_min_size: int = 6
    split_min_frac: float = 0.2
    split_ratio: float = 0.65
    split_max_df: float = 0.5
    split_weights: Mapping[str, float] = field(default_factory=lambda: {"n": 1.0, "q": 0.3, "d": 0.5})


def _published(record: Mapping[str, Any]) -> str | None:
    value = record.get("published") or record.get("dct")
    return str(value) if value else None


def _text(record: Mapping[str, Any]) -> str:
    text = str(record.get("text") or "")
    title = record.get("title")
    if title and not text.startswith(str(title)):
        text = f"{title}\n{text}"
    return text


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def read_pool(records: list[Mapping[str, Any]]) -> tuple[list[DocTerms], list[date | None]]:
    """Each record's term bags and publication day (the only inputs the clusterer uses)."""
    texts = [_text(r) for r in records]
    toks = [tokens(t) for t in texts]
    names = name_like(toks)
    terms = [read_terms(tk, tx, names) for tk, tx in zip(toks, texts)]
    return terms, [_day(_published(r)) for r in records]


def pool_similarity(terms: list[DocTerms], days: list[date | None], params: ClusterParams,
                    max_df: float | None = None) -> np.ndarray:
    """The (n, n) similarity matrix of a pool (or of one cluster, with its own IDF)."""
    df_cut = params.max_df if max_df is None else max_df
    channels = {
        "w": channel_matrix([t.words for t in terms], df_cut, params.idf_power),
        "n": channel_matrix([t.names for t in terms], df_cut, params.idf_power),
        "q": channel_matrix([t.numbers for t in terms], df_cut, params.idf_power),
        "d": channel_matrix([t.dates for t in terms], df_cut, params.idf_power),
    }
    sim = similarity(channels, params.weights)
    if any(d is not None for d in days):
        ords = np.array([d.toordinal() if d else np.nan for d in days], dtype=np.float64)
        gap = np.abs(ords[:, None] - ords[None, :])
        far = np.nan_to_num(gap, nan=0.0) > params.max_days
        sim = np.where(far, sim * params.date_penalty, sim)
    return sim


def document_similarity(records: list[Mapping[str, Any]], params: ClusterParams = ClusterParams()) -> np.ndarray:
    """The pool's similarity matrix (exposed for tuning and inspection)."""
    terms, days = read_pool(records)
    return pool_similarity(terms, days, params)


def split_pass(terms: list[DocTerms], days: list[date | None], roots: list[int], params: ClusterParams) -> list[int]:
    """Split clusters holding two look-alike events (:mod:`sitroom.fuse.doc_split`)."""
    test_sim = pool_similarity(terms, days, replace(params, weights=params.split_weights))

    def local(members: Sequence[int]) -> np.ndarray:
        return pool_similarity([terms[k] for k in members], [days[k] for k in members], params,
                               max_df=params.split_max_df)

    return split_clusters(roots, test_sim, local, min_size=params.split_min_size,
                          min_frac=params.split_min_frac, ratio=params.split_ratio)


def cluster_documents(records: list[dict[str, Any]], params: ClusterParams = ClusterParams()) -> dict[str, str]:
    """Group reports that describe the same real-world event.

    Args:
        records: dicts with ``doc_id`` and ``text``; optional ``title`` and ``published``/``dct``
            (ISO date). Any other field is ignored (a URL or gold label never steers the result).
        params: weights and threshold; the defaults are the tuned ones.

    Returns:
        ``doc_id`` → cluster label (``"c"`` + the index of the cluster's first report).
    """
    if not records:
        return {}
    terms, days = read_pool(records)
    sim = pool_similarity(terms, days, params)
    roots = average_link(sim, params.threshold, ratio=params.ratio)
    if params.split:
        roots = split_pass(terms, days, roots, params)
    return {str(r["doc_id"]): f"c{root}" for r, root in zip(records, roots)}


def cluster_jsonl(lines: Iterable[str], params: ClusterParams = ClusterParams()) -> Iterator[dict[str, Any]]:
    """Cluster JSON Lines records, yielding ``{"doc_id", "cluster"}`` per input line, in order.

    The output is the format ``cluster_score.py`` reads. Blank lines are skipped.
    """
    records = [json.loads(line) for line in lines if line.strip()]
    labels = cluster_documents(records, params)
    for r in records:
        yield {"doc_id": r["doc_id"], "cluster": labels[str(r["doc_id"])]}
