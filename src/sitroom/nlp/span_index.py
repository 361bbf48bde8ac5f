"""Position questions over many items, answered without scanning them all: which spans may hold a
position (:class:`SpanIndex`), the latest-starting span that holds it (:class:`LatestCover`), and
which items stand in a stretch (:class:`PointIndex`).

Why: claim assembly asks, for every quantity, actor, place and trigger, which event mentions,
attributions or times lie around it, and count scope asks for the cues near every number.
Scanning every item per question costs questions × items, minutes on a report of thousands of
sentences (a hostile or merely huge input). Each class here files its items once; answers are
the same as a full scan's, in the same order (callers of :class:`SpanIndex` still test each
candidate with their own exact rule). One module, so each of these questions has one answer
in the code base.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Callable, Generic, Iterable, Sequence, TypeVar

from sitroom.model import Span

__all__ = ["SpanIndex", "LatestCover", "PointIndex"]

T = TypeVar("T")

#: Characters per block: a few sentences, so a block holds few spans and a span few blocks.
BLOCK = 512


class SpanIndex:
    """Spans filed by the blocks of text they touch (``None`` spans are never candidates)."""

    __slots__ = ("_blocks",)

    def __init__(self, spans: Sequence[Span | None]) -> None:
        blocks: dict[int, list[int]] = {}
        for i, span in enumerate(spans):
            if span is None:
                continue
            for b in range(span.start // BLOCK, span.end // BLOCK + 1):
                blocks.setdefault(b, []).append(i)
        self._blocks = blocks

    def around(self, position: int) -> list[int]:
        """Indices, ascending, of every span with ``start <= position <= end`` (and perhaps a
        few more of the same block: callers filter with their own rule)."""
        return self._blocks.get(position // BLOCK, [])


class LatestCover:
    """The latest-starting span that holds a position (``start <= position < end``), for long spans.

    Why not :class:`SpanIndex`: an "according to" scope runs to the end of its paragraph, which in
    a text with single newlines is the end of the text; filed under every block it crosses, n
    such scopes cost n² entries and reads. Here the spans are sorted by start once; a question
    bisects for those starting at or before the position and finds the last of them reaching past
    it through a tree of the largest end per range of that order, in O(log n).

    ``ties`` says which of several spans with the same start wins: ``"first"`` or ``"last"`` in
    list order (what the caller's full scan would pick).
    """

    __slots__ = ("_starts", "_index", "_tree", "_size")

    def __init__(self, spans: Sequence[Span | None], *, ties: str = "first") -> None:
        if ties not in ("first", "last"):
            raise ValueError(f"ties must be 'first' or 'last', not {ties!r}")
        sign = -1 if ties == "first" else 1  # the winner of a tie sorts last among its equals
        order = sorted((s.start, sign * i, i) for i, s in enumerate(spans) if s is not None)
        self._starts = [start for start, _, _ in order]
        self._index = [i for _, _, i in order]
        size = 1
        while size < len(order):
            size *= 2
        tree = [-1] * (2 * size)  # tree[size + k]: end of the k-th span in start order; above: maxima
        for k, i in enumerate(self._index):
            tree[size + k] = spans[i].end  # type: ignore[union-attr]
        for node in range(size - 1, 0, -1):
            tree[node] = max(tree[2 * node], tree[2 * node + 1])
        self._tree, self._size = tree, size

    def latest(self, position: int) -> int | None:
        """Index (in the given list) of the latest-starting span holding ``position``, or ``None``."""
        k = self._rightmost_reaching(1, 0, self._size, bisect_right(self._starts, position), position)
        return None if k is None else self._index[k]

    def _rightmost_reaching(self, node: int, lo: int, hi: int, limit: int, position: int) -> int | None:
        """The last k in [lo, hi) with k < limit whose span ends after ``position``."""
        if lo >= limit or self._tree[node] <= position:
            return None
        if hi - lo == 1:
            return lo
        mid = (lo + hi) // 2
        found = self._rightmost_reaching(2 * node + 1, mid, hi, limit, position)
        return found if found is not None else self._rightmost_reaching(2 * node, lo, mid, limit, position)


class PointIndex(Generic[T]):
    """Items that each stand at one position (a character offset, a token index), sorted by it
    once, so those standing in a stretch are found by bisection: a question costs what its
    stretch holds, not what the document holds.

    Why not :class:`SpanIndex`: these items are points (a time's start, a cue's token), asked
    for by the stretch they stand in (a sentence, a window of tokens), not by a point they cover.
    """

    __slots__ = ("_keys", "_order", "_items")

    def __init__(self, items: Iterable[T], position: Callable[[T], int]) -> None:
        self._items = list(items)
        order = sorted(range(len(self._items)), key=lambda i: position(self._items[i]))
        self._keys = [position(self._items[i]) for i in order]
        self._order = order

    def indices(self, lo: int, hi: int) -> list[int]:
        """Indices (in the given list) of the items with ``lo <= position < hi``, ascending: the
        order a scan of the list would meet them in."""
        return sorted(self._order[bisect_left(self._keys, lo):bisect_left(self._keys, hi)])

    def within(self, lo: int, hi: int) -> list[T]:
        """The items with ``lo <= position < hi``, in the order they were given."""
        return [self._items[i] for i in self.indices(lo, hi)]
