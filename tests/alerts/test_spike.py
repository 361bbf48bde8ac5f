"""The spike statistic: Poisson upper tail against a gamma-Poisson baseline (see alerts/spike.py)."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitroom.alerts.spike import baseline_rate, poisson_sf, spike_stat, window_index

CLOCK = datetime(2026, 3, 20, 12, tzinfo=timezone.utc)
KW = dict(window_days=7, baseline_windows=8, min_count=3, p_value=0.01, prior_rate=0.5, prior_weight=1.0)


def test_poisson_tail_values():
    assert poisson_sf(0, 2.0) == 1.0
    assert poisson_sf(1, 2.0) == pytest.approx(1 - math.exp(-2))
    assert poisson_sf(3, 0.5) == pytest.approx(0.01439, abs=1e-5)
    assert poisson_sf(4, 0.5) == pytest.approx(0.001752, abs=1e-6)
    assert poisson_sf(5, 0.0) == 0.0
    assert 0.0004 < poisson_sf(1000, 900.0) < 0.0007  # stable for large rates (normal approx. ~5e-4)


@given(st.integers(0, 60), st.floats(0.01, 50))
def test_tail_is_a_probability_and_falls_with_k(k, lam):
    p, q = poisson_sf(k, lam), poisson_sf(k + 1, lam)
    assert 0.0 <= q <= p <= 1.0


def test_baseline_rate_shrinks_towards_prior():
    assert baseline_rate([], 0.5, 1.0) == 0.5
    assert baseline_rate([0, 0, 0], 0.5, 1.0) == 0.125
    assert baseline_rate([4, 4, 4, 4], 0.5, 1.0) == pytest.approx(16.5 / 5)


def test_window_index():
    today = date(2026, 3, 20)
    assert window_index(today, today, 7) == 0
    assert window_index(today - timedelta(days=6), today, 7) == 0
    assert window_index(today - timedelta(days=7), today, 7) == 1
    assert window_index(today + timedelta(days=1), today, 7) == -1


def _days(*offsets: int) -> list[date]:
    return [CLOCK.date() - timedelta(days=o) for o in offsets]


def test_day_one_is_quiet_even_for_a_busy_region():
    # Seven events this week, but the store's history began three days ago: nothing to compare with.
    stat = spike_stat(_days(0, 0, 1, 1, 2, 2, 3), clock=CLOCK, history_start=CLOCK - timedelta(days=3), **KW)
    assert stat.observed_windows == 0 and not stat.fires


def test_no_history_at_all_never_fires():
    assert not spike_stat(_days(0, 0, 0, 0, 0), clock=CLOCK, history_start=None, **KW).fires


def test_quiet_region_with_history_fires_on_a_burst_but_not_on_one_report():
    history = CLOCK - timedelta(days=70)
    assert not spike_stat(_days(0), clock=CLOCK, history_start=history, **KW).fires
    assert not spike_stat(_days(0, 1), clock=CLOCK, history_start=history, **KW).fires  # below min_count
    burst = spike_stat(_days(0, 1, 2, 2), clock=CLOCK, history_start=history, **KW)
    assert burst.fires and burst.observed_windows == 8 and burst.baseline == pytest.approx(0.5 / 9)


def test_steady_traffic_does_not_fire_but_a_real_departure_does():
    history = CLOCK - timedelta(days=70)
    steady_past = [o for w in range(1, 9) for o in (7 * w, 7 * w + 2, 7 * w + 4)]  # 3 a week for 8 weeks
    usual = spike_stat(_days(0, 2, 4, *steady_past), clock=CLOCK, history_start=history, **KW)
    assert usual.count == 3 and usual.baseline == pytest.approx(24.5 / 9) and not usual.fires
    surge = spike_stat(_days(*[0] * 10, *steady_past), clock=CLOCK, history_start=history, **KW)
    assert surge.count == 10 and surge.fires and surge.p < 0.001


def test_partially_covered_windows_are_not_counted_as_zero():
    # History began 10 days ago: baseline window 1 (7-13 days back) is only partly covered, so not observed.
    stat = spike_stat(_days(0, 0, 0, 0), clock=CLOCK, history_start=CLOCK - timedelta(days=10), **KW)
    assert stat.observed_windows == 0 and not stat.fires
    stat = spike_stat(_days(0, 0, 0, 0), clock=CLOCK, history_start=CLOCK - timedelta(days=13), **KW)
    assert stat.observed_windows == 1 and stat.fires
