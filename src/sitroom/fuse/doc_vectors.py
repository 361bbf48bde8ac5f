"""TF-IDF vectors over a pool of reports, one block per term channel, and their cosine matrix.

Why per-channel blocks: a report has hundreds of words but a handful of names, numbers and dates;
in one shared vector the words would drown the rest. Each channel is weighted with sublinear TF
and pool IDF, normalised on its own, then scaled by the channel weight, so the cosine of two
reports is a weighted mean of their per-channel cosines (over the channels both reports have).
Terms seen in only one report cannot make two reports alike, so they only count in the norms and
never enter the matrix — this keeps it small enough for numpy without a sparse library. Terms in
more than ``max_df`` of the pool say nothing about which event a report covers and are dropped.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Mapping, Sequence

import numpy as np

__all__ = ["channel_matrix", "similarity"]


def channel_matrix(bags: Sequence[Counter[str]], max_df: float = 0.5,
                   idf_power: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Unit-length TF-IDF rows for one channel, and which reports have any kept term in it.

    A report whose terms are all its own has a zero row but is still *present*: its names or
    dates disagree with everyone else's, which must count against a merge.

    Args:
        bags: term counts per report.
        max_df: drop terms found in more than this fraction of reports (when the pool has > 4).
    """
    n = len(bags)
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    limit = max_df * n if n > 4 else n + 1
    idf = {t: (math.log((n + 1) / (c + 1)) + 1.0) ** idf_power for t, c in df.items() if c <= limit}
    shared = sorted(t for t, c in df.items() if c >= 2 and t in idf)
    col = {t: k for k, t in enumerate(shared)}
    m = np.zeros((n, len(shared)), dtype=np.float32)
    present = np.zeros(n, dtype=np.float64)
    for r, bag in enumerate(bags):
        norm2 = 0.0
        for t, c in bag.items():
            w = idf.get(t)
            if w is None:
                continue
            v = (1.0 + math.log(c)) * w
            norm2 += v * v
            k = col.get(t)
            if k is not None:
                m[r, k] = v
        if norm2 > 0:
            m[r] /= math.sqrt(norm2)
            present[r] = 1.0
    return m, present


def similarity(channels: Mapping[str, tuple[np.ndarray, np.ndarray]], weights: Mapping[str, float]) -> np.ndarray:
    """Weighted mean of per-channel cosines, over the channels both reports have.

    A channel a report lacks (no dates written, say) neither helps nor hurts it: the weights of
    channels present in both reports are what the sum is divided by.
    """
    n = next(iter(channels.values()))[0].shape[0]
    num = np.zeros((n, n), dtype=np.float64)
    den = np.zeros((n, n), dtype=np.float64)
    for name, (m, present) in channels.items():
        w = weights.get(name, 0.0)
        if w <= 0:
            continue
        num += w * (m @ m.T).astype(np.float64)
        den += w * np.outer(present, present)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(den > 0, num / den, 0.0)
    return out
