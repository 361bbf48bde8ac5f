"""PointIndex answers as a scan of every item would: the items standing in a stretch, in the
order they were given."""

from __future__ import annotations

import random

from sitroom.nlp.span_index import PointIndex


def test_point_index_matches_a_scan_of_every_item():
    rng = random.Random(5)
    for _ in range(2000):
        items = [(rng.randrange(0, 30), k) for k in range(rng.randrange(0, 14))]  # repeats on purpose
        index = PointIndex(items, lambda it: it[0])
        lo = rng.randrange(-2, 32)
        hi = lo + rng.randrange(0, 12)
        scan = [k for k, it in enumerate(items) if lo <= it[0] < hi]
        assert index.indices(lo, hi) == scan
        assert index.within(lo, hi) == [items[k] for k in scan]


def test_an_empty_stretch_or_index_holds_nothing():
    assert PointIndex([], lambda x: x).within(0, 10) == []
    assert PointIndex([3, 7], lambda x: x).within(4, 4) == []
    assert PointIndex([3, 7], lambda x: x).within(3, 8) == [3, 7]
