"""Second pass: split a cluster that holds two look-alike events.

Why: reports of one topic (two arrests of two players of one team, two elections in one country)
share most words *and* the topic's names, so pool-wide weighting lets those dominate and the two
events merge. Inside such a cluster the shared terms carry no information; what is left — the
other player's name, the other year — tells the events apart.

How, for each cluster of at least ``min_size`` reports:

1. Re-weight its reports with IDF computed inside the cluster, dropping terms most members share
   (the caller's ``local_similarity``), and cut the local average-link tree into the fewest
   groups whose two largest each hold at least ``min_frac`` of the cluster (a stray report
   would otherwise be the cheapest thing to cut off). The remaining small groups join whichever
   of the two they are closer to.
2. Accept the split only if, on the *pool-wide* similarity, the two sides are alike at less than
   ``ratio`` × the smaller side's cohesion (mean similarity inside it): one event told from two
   angles stays together, two events separate.
3. Recurse into both sides.
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

from .agglomerative import average_link

__all__ = ["split_clusters"]

LocalSimilarity = Callable[[Sequence[int]], np.ndarray]


def _mean_inside(sim: np.ndarray, idx: np.ndarray) -> float:
    n = len(idx)
    if n < 2:
        return 1.0
    block = sim[np.ix_(idx, idx)]
    return float((block.sum() - np.trace(block)) / (n * (n - 1)))


def _two_sides(local: np.ndarray, glob: np.ndarray, min_frac: float, max_cut: int) -> np.ndarray | None:
    """A boolean mask (True = side A) of the best two-way cut, or None if none is balanced."""
    n = local.shape[0]
    need = max(2, int(np.ceil(min_frac * n)))
    for cut in range(2, min(max_cut, n) + 1):
        roots = np.array(average_link(local, -np.inf, n_clusters=cut))
        labels, counts = np.unique(roots, return_counts=True)
        order = np.argsort(-counts, kind="stable")
        if counts[order[1]] < need:
            continue
        a_lab, b_lab = labels[order[0]], labels[order[1]]
        a = roots == a_lab
        b = roots == b_lab
        for lab in labels[order[2:]]:
            rest = roots == lab
            to_a = glob[np.ix_(rest, a)].mean() >= glob[np.ix_(rest, b)].mean()
            (a if to_a else b)[rest] = True
        return a
    return None


def split_clusters(roots: Sequence[int], glob: np.ndarray, local_similarity: LocalSimilarity, *,
                   min_size: int = 6, min_frac: float = 0.2, ratio: float = 0.7, max_cut: int = 5,
                   max_depth: int = 3) -> list[int]:
    """Split clusters that hold two look-alike events; returns new roots (lowest member index).

    Args:
        roots: per item, its cluster's root (as :func:`average_link` returns).
        glob: the pool-wide similarity matrix.
        local_similarity: given member indices, their similarity re-weighted inside the group.
        min_size: clusters smaller than this are left alone.
        min_frac: each side of a split holds at least this fraction of the cluster.
        ratio: split when between-side similarity < ratio × the smaller side's cohesion.
        max_cut: the deepest cut of the local tree tried when looking for two balanced sides.
        max_depth: how many times a cluster may be split again.
    """
    groups: dict[int, list[int]] = {}
    for k, r in enumerate(roots):
        groups.setdefault(r, []).append(k)
    out = list(roots)
    todo = [(np.array(m), 0) for m in groups.values()]
    while todo:
        members, depth = todo.pop()
        if len(members) < min_size or depth >= max_depth:
            continue
        local = local_similarity(members.tolist())
        sub_glob = glob[np.ix_(members, members)]
        a = _two_sides(local, sub_glob, min_frac, max_cut)
        if a is None:
            continue
        ia, ib = np.flatnonzero(a), np.flatnonzero(~a)
        between = float(sub_glob[np.ix_(ia, ib)].mean())
        cohesion = min(_mean_inside(sub_glob, ia), _mean_inside(sub_glob, ib))
        if between >= ratio * cohesion:
            continue
        for side in (members[ia], members[ib]):
            root = int(side.min())
            for k in side:
                out[k] = root
            todo.append((side, depth + 1))
    return out
