"""Average-link agglomerative clustering with a similarity threshold, in numpy.

Why average link and a threshold: the number of events in a pool of reports is unknown (no
oracle k), and average link is the classic choice for documents — single link chains look-alike
events together through one bridging report, complete link splits one event whose reports differ
in length and angle. Merging stops when the best average similarity between two clusters falls
below the threshold.

The similarity matrix is updated in place with the Lance–Williams rule for average link,
``s(k, i∪j) = (|i|·s(k,i) + |j|·s(k,j)) / (|i|+|j|)``, one vectorised row per merge; each row
keeps its best partner so a merge costs O(n) rather than a scan of the whole matrix. Ties break
towards the lowest index, so the result is deterministic.
"""

from __future__ import annotations

import numpy as np

__all__ = ["average_link"]


def average_link(sim: np.ndarray, threshold: float) -> list[int]:
    """Cluster items given their pairwise similarities.

    Args:
        sim: a symmetric (n, n) similarity matrix (not modified).
        threshold: merge two clusters only while their average similarity is at least this.

    Returns:
        For each item, the index of its cluster's first (lowest-index) member.
    """
    n = sim.shape[0]
    if n == 0:
        return []
    s = np.array(sim, dtype=np.float64, copy=True)
    np.fill_diagonal(s, -np.inf)
    size = np.ones(n, dtype=np.int64)
    parent = list(range(n))
    nn = np.argmax(s, axis=1)
    nnv = s[np.arange(n), nn]
    for _ in range(n - 1):
        i = int(np.argmax(nnv))
        if not nnv[i] >= threshold:
            break
        j = int(nn[i])
        if j < i:
            i, j = j, i
        row = (size[i] * s[i] + size[j] * s[j]) / (size[i] + size[j])
        s[i, :] = row
        s[:, i] = row
        s[i, i] = -np.inf
        s[j, :] = -np.inf
        s[:, j] = -np.inf
        size[i] += size[j]
        parent[j] = i
        nnv[j] = -np.inf
        # Rows whose best partner was i or j must look again; the others only compare with i.
        stale = np.flatnonzero((nn == i) | (nn == j))
        for k in stale:
            if nnv[k] == -np.inf and k != i:
                continue
            nn[k] = int(np.argmax(s[k]))
            nnv[k] = s[k, nn[k]]
        better = s[:, i] > nnv
        better[i] = False
        nn[better] = i
        nnv[better] = s[better, i]
        nn[i] = int(np.argmax(s[i]))
        nnv[i] = s[i, nn[i]]
    root = []
    for k in range(n):
        r = k
        while parent[r] != r:
            r = parent[r]
        root.append(r)
    # Clusters are named by their lowest member; merges always keep the lower index as parent.
    return root
