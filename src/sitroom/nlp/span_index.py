"""Which of many character spans may hold a position, without scanning them all.

Why: claim assembly asks, for every quantity, actor, place and trigger, which event mentions or
attributions lie around it. Scanning every span per question costs claims × spans, minutes on a
report of thousands of sentences (a hostile or merely huge input). Spans are filed under the
fixed-width blocks of text they touch, so a question reads only the spans of its block; callers
still test each candidate with their own exact rule, so answers are the same as a full scan, in
the same order.
"""

from __future__ import annotations

from typing import Sequence

from sitroom.model import Span

__all__ = ["SpanIndex"]

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
