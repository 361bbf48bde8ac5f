"""The retry schedule: exponential backoff with jitter, as a pure function."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitroom.watch.schedule import backoff_delay, next_poll_time


def test_doubles_from_base_up_to_cap_without_jitter():
    delays = [backoff_delay(n, base=60, cap=3600, jitter=0.0) for n in range(0, 9)]
    assert delays == [0, 60, 120, 240, 480, 960, 1920, 3600, 3600]


def test_equal_jitter_spans_half_to_full_delay():
    assert backoff_delay(3, base=60, cap=3600, jitter=0.5, draw=0.0) == 120
    assert backoff_delay(3, base=60, cap=3600, jitter=0.5, draw=0.5) == 180
    assert backoff_delay(3, base=60, cap=3600, jitter=1.0, draw=0.0) == 0


def test_huge_failure_counts_do_not_overflow():
    assert backoff_delay(10_000, base=60, cap=7200, jitter=0.0) == 7200


@pytest.mark.parametrize("kwargs", [{"jitter": 1.5}, {"draw": 1.0}, {"draw": -0.1}])
def test_bad_arguments_rejected(kwargs):
    with pytest.raises(ValueError):
        backoff_delay(1, base=1, cap=2, **kwargs)


@given(failures=st.integers(1, 200), base=st.floats(0.1, 1e4), cap=st.floats(0.1, 1e6),
       jitter=st.floats(0, 1), draw=st.floats(0, 0.999999))
def test_delay_is_bounded(failures, base, cap, jitter, draw):
    full = min(cap, base * 2 ** min(failures - 1, 62))
    d = backoff_delay(failures, base=base, cap=cap, jitter=jitter, draw=draw)
    assert full * (1 - jitter) - 1e-6 <= d <= full + 1e-6


@given(st.integers(1, 30), st.floats(0, 0.999))
def test_delay_never_shrinks_as_failures_grow_for_the_same_draw(failures, draw):
    a = backoff_delay(failures, base=30, cap=86400, draw=draw)
    b = backoff_delay(failures + 1, base=30, cap=86400, draw=draw)
    assert b >= a


def test_next_poll_time():
    now = datetime(2026, 3, 1, tzinfo=timezone.utc)
    assert next_poll_time(now, interval=600, failures=0, base=60, cap=3600, jitter=0.5, draw=0.3) == now + timedelta(seconds=600)
    # A backoff shorter than the interval never polls sooner than the interval.
    assert next_poll_time(now, interval=600, failures=1, base=60, cap=3600, jitter=0.5, draw=0.3) == now + timedelta(seconds=600)
    assert next_poll_time(now, interval=600, failures=6, base=60, cap=3600, jitter=0.0, draw=0.0) == now + timedelta(seconds=1920)
