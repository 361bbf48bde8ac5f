"""When to poll next: the interval on success, exponential backoff with jitter on errors.

Pure functions (the random draw is an argument), so the schedule is tested exactly and a restarted
watcher recomputes the same next poll from the stored failure count.
"""

from __future__ import annotations

from datetime import datetime, timedelta

__all__ = ["backoff_delay", "next_poll_time"]


def backoff_delay(failures: int, *, base: float, cap: float, jitter: float = 0.5, draw: float = 0.5) -> float:
    """Seconds to wait after ``failures`` consecutive failures (``failures >= 1``).

    The delay doubles with each failure from ``base`` up to ``cap``; then a fraction ``jitter`` of it
    is randomised by ``draw`` in [0, 1): ``delay * (1 - jitter + jitter * draw)`` ("equal jitter" when
    ``jitter = 0.5``). Why jitter: many watchers (or many sources on one host) that failed together
    must not retry together.

    Args:
        failures: consecutive failures so far; 0 or less means no backoff (returns 0).
        base: the first delay, in seconds.
        cap: the largest delay before jitter.
        jitter: the randomised fraction, 0 (none) to 1 (full jitter).
        draw: a uniform random number in [0, 1), passed in so the function stays pure.
    """
    if failures <= 0:
        return 0.0
    if not 0.0 <= jitter <= 1.0:
        raise ValueError("jitter must be between 0 and 1")
    if not 0.0 <= draw < 1.0:
        raise ValueError("draw must be in [0, 1)")
    exponent = min(failures - 1, 62)  # 2**62 seconds is already past any cap
    delay = min(cap, base * (2 ** exponent))
    return delay * (1.0 - jitter + jitter * draw)


def next_poll_time(
    now: datetime, *, interval: float, failures: int, base: float, cap: float, jitter: float, draw: float,
) -> datetime:
    """The next poll: ``now + interval`` after a success, ``now + backoff`` after failures.

    A backoff never polls sooner than the source's own interval would.
    """
    if failures <= 0:
        return now + timedelta(seconds=interval)
    return now + timedelta(seconds=max(interval, backoff_delay(failures, base=base, cap=cap, jitter=jitter, draw=draw)))
