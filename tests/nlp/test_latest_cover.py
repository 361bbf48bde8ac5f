"""LatestCover answers as a full scan of every span would, for both tie rules."""

from __future__ import annotations

import random

import pytest

from sitroom.model import Span
from sitroom.nlp.span_index import LatestCover


def _scan(spans, position, ties):
    holding = [i for i, s in enumerate(spans) if s is not None and s.start <= position < s.end]
    if not holding:
        return None
    latest = max(spans[i].start for i in holding)
    same = [i for i in holding if spans[i].start == latest]
    return same[0] if ties == "first" else same[-1]


@pytest.mark.parametrize("ties", ["first", "last"])
def test_latest_cover_matches_a_scan_of_every_span(ties):
    rng = random.Random(11)
    for _ in range(3000):
        spans = []
        for _ in range(rng.randrange(0, 16)):
            if rng.random() < 0.2:
                spans.append(None)
            else:
                start = rng.randrange(0, 100)
                spans.append(Span(start, start + rng.randrange(0, 70)))
        index = LatestCover(spans, ties=ties)
        for position in range(0, 175, 2):
            assert index.latest(position) == _scan(spans, position, ties), (spans, position)


def test_scopes_running_to_the_end_of_the_text_are_answered_at_any_position():
    """Every "according to" scope of a text without blank lines reaches its end: the latest one
    begun before a position wins, wherever the position is."""
    spans = [Span(k * 80, 80 * 400) for k in range(400)]
    index = LatestCover(spans)
    assert [index.latest(p) for p in (0, 79, 80, 80 * 399 + 5, 80 * 400)] == [0, 0, 1, 399, None]


def test_an_unknown_tie_rule_is_refused():
    with pytest.raises(ValueError):
        LatestCover([], ties="middle")
