"""The spike statistic: is this week's count in a region surprising given its own past?

The statistic (issue 8), for one group g = (event type, country, admin1), window length W days,
evaluated at clock time t (a date):

* current window C = (t - W, t]; baseline windows B_i = (t - (i+1)W, t - iW] for i = 1..N;
* k = count in C (events, or distinct reports behind them); c_i = count in B_i;
* only baseline windows that lie entirely after the start of the store's history are *observed*
  (``n`` of them): a window before anything was collected is unknown, not zero;
* baseline rate, a gamma-Poisson (shrinkage) estimate with prior mean ``r0`` worth ``w`` windows::

      lambda = (sum of observed c_i + r0 * w) / (n + w)

* p = P(X >= k) for X ~ Poisson(lambda), the upper-tail probability;
* alert when n >= ``min_observed_windows``, k >= ``min_count`` and p <= ``p_value``.

Why this shape: a Poisson tail is the textbook test for "more counts than usual" and stays
meaningful for small counts, where z-scores are not. Day one stays quiet twice over: nothing fires
until ``min_observed_windows`` (default 1) baseline windows lie inside the store's history — so a
region with steady traffic never looks like a spike just because watching began — and a region
with no events in its observed history is judged against the prior, so it needs ``min_count``
events *and* a count improbable under lambda (with one empty observed window and the default prior,
lambda = 0.25: p(X >= 3) = 0.0022). A single report in a quiet province never alerts. As history
accumulates the observed windows dominate the prior, so a busy region needs a real departure from
its own level, and a historically quiet one alerts early.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

__all__ = ["poisson_sf", "baseline_rate", "SpikeStat", "spike_stat", "window_index"]


def poisson_sf(k: int, lam: float) -> float:
    """P(X >= k) for X ~ Poisson(lam); 1.0 for k <= 0."""
    if k <= 0:
        return 1.0
    if lam <= 0:
        return 0.0
    # Sum P(X = j) for j < k in log space (stable for large lam), then take the complement.
    log_term = -lam
    cdf = 0.0
    for j in range(k):
        if j > 0:
            log_term += math.log(lam) - math.log(j)
        cdf += math.exp(log_term)
    return max(0.0, min(1.0, 1.0 - cdf))


def baseline_rate(observed_counts: list[int], prior_rate: float, prior_weight: float) -> float:
    """Gamma-Poisson posterior mean of the per-window rate (see the module docstring)."""
    return (sum(observed_counts) + prior_rate * prior_weight) / (len(observed_counts) + prior_weight)


def window_index(day: date, clock: date, window_days: int) -> int:
    """0 for the current window (clock - W, clock], i for baseline window i, -1 for the future."""
    delta = (clock - day).days
    if delta < 0:
        return -1
    return delta // window_days


@dataclass(frozen=True, slots=True)
class SpikeStat:
    count: int
    baseline: float
    observed_windows: int
    baseline_counts: tuple[int, ...]
    p: float
    window_start: date
    window_end: date
    fires: bool


def spike_stat(
    days: list[date], *, clock: datetime, history_start: datetime | None, window_days: int,
    baseline_windows: int, min_count: int, p_value: float, prior_rate: float, prior_weight: float,
    min_observed_windows: int = 1,
) -> SpikeStat:
    """The statistic for one group from the days of its events (or reports).

    Args:
        days: one date per counted item (event day or report day); items outside the windows are ignored.
        clock: the evaluation time (passed in; nothing here reads the system clock).
        history_start: when the store's reports begin; ``None`` means no history at all.
    """
    today = clock.date()
    counts = [0] * (baseline_windows + 1)
    for day in days:
        i = window_index(day, today, window_days)
        if 0 <= i <= baseline_windows:
            counts[i] += 1
    observed = []
    for i in range(1, baseline_windows + 1):
        first_day = today - timedelta(days=(i + 1) * window_days - 1)
        if history_start is not None and history_start.date() <= first_day:
            observed.append(counts[i])
    lam = baseline_rate(observed, prior_rate, prior_weight)
    k = counts[0]
    p = poisson_sf(k, lam)
    return SpikeStat(
        count=k, baseline=lam, observed_windows=len(observed), baseline_counts=tuple(counts[1:]), p=p,
        window_start=today - timedelta(days=window_days - 1), window_end=today,
        fires=len(observed) >= min_observed_windows and k >= min_count and p <= p_value,
    )
