"""Average-link agglomerative clustering with a similarity threshold and a cohesion test, in numpy.

Why average link and a threshold: the number of events in a pool of reports is unknown (no
oracle k), and average link is the classic choice for documents — single link chains look-alike
events together through one bridging report, complete link splits one event whose reports differ
in length and angle. Merging stops when the best average similarity between two clusters falls
below the threshold.

Why a cohesion test as well: one absolute threshold cannot serve both a tight event (ten reports
of one earthquake, alike at 0.5) and a loose one (an event told from many angles, alike at 0.25).
Two look-alike events of one topic are alike at, say, 0.2 — above the loose event's level but far
below each one's own cohesion. So two clusters of at least two reports merge only if their
average similarity reaches ``ratio`` × the smaller of their cohesions (mean similarity inside
each). A single report has no cohesion yet and joins on the threshold alone.

The similarity matrix is updated in place with the Lance–Williams rule for average link,
``s(k, i∪j) = (|i|·s(k,i) + |j|·s(k,j)) / (|i|+|j|)``, one vectorised row per merge; each row
keeps its best partner so a merge costs O(n) rather than a scan of the whole matrix. A pair that
fails the cohesion test is blocked until either side changes. Ties break towards the lowest
index, so the result is deterministic.
"""

from __future__ import annotations

import numpy as np

__all__ = ["average_link"]


def average_link(sim: np.ndarray, threshold: float, n_clusters: int = 1, ratio: float = 0.0) -> list[int]:
    """Cluster items given their pairwise similarities.

    Args:
        sim: a symmetric (n, n) similarity matrix (not modified).
        threshold: merge two clusters only while their average similarity is at least this.
        n_clusters: stop once this many clusters are left.
        ratio: cohesion test factor (0 turns the test off); see the module docstring.

    Returns:
        For each item, the index of its cluster's first (lowest-index) member.
    """
    n = sim.shape[0]
    if n == 0:
        return []
    s = np.array(sim, dtype=np.float64, copy=True)
    np.fill_diagonal(s, -np.inf)
    eff = s.copy()  # s with blocked pairs at -inf: what the search looks at
    size = np.ones(n, dtype=np.int64)
    inner = np.zeros(n, dtype=np.float64)  # sum of within-cluster pair similarities
    parent = list(range(n))
    nn = np.argmax(eff, axis=1)
    nnv = eff[np.arange(n), nn]
    clusters = n
    while clusters > max(n_clusters, 1):
        i = int(np.argmax(nnv))
        if not nnv[i] >= threshold:
            break
        j = int(nn[i])
        if j < i:
            i, j = j, i
        if ratio > 0 and size[i] > 1 and size[j] > 1:
            coh_i = inner[i] / (size[i] * (size[i] - 1) / 2)
            coh_j = inner[j] / (size[j] * (size[j] - 1) / 2)
            if s[i, j] < ratio * min(coh_i, coh_j):
                eff[i, j] = eff[j, i] = -np.inf
                for k in (i, j):
                    nn[k] = int(np.argmax(eff[k]))
                    nnv[k] = eff[k, nn[k]]
                continue
        inner[i] += inner[j] + s[i, j] * size[i] * size[j]
        row = (size[i] * s[i] + size[j] * s[j]) / (size[i] + size[j])
        s[i, :] = row
        s[:, i] = row
        s[i, i] = -np.inf
        s[j, :] = -np.inf
        s[:, j] = -np.inf
        # The merged cluster is new: earlier refusals of i or j do not bind it.
        eff[i, :] = s[i]
        eff[:, i] = s[i]
        eff[j, :] = -np.inf
        eff[:, j] = -np.inf
        size[i] += size[j]
        parent[j] = i
        clusters -= 1
        nnv[j] = -np.inf
        # Rows whose best partner was i or j must look again; the others only compare with i.
        stale = np.flatnonzero((nn == i) | (nn == j))
        for k in stale:
            if k == j or (nnv[k] == -np.inf and k != i):
                continue
            nn[k] = int(np.argmax(eff[k]))
            nnv[k] = eff[k, nn[k]]
        better = eff[:, i] > nnv
        better[i] = False
        better[j] = False
        nn[better] = i
        nnv[better] = eff[better, i]
        nn[i] = int(np.argmax(eff[i]))
        nnv[i] = eff[i, nn[i]]
    root = []
    for k in range(n):
        r = k
        while parent[r] != r:
            r = parent[r]
        root.append(r)
    # Merges always keep the lower index as the parent, so a root is its cluster's first member.
    return root
