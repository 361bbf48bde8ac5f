"""Calendar arithmetic in TimeML's units: ISO weeks, quarters, seasons, month and year shifts.

Why separate: the normaliser and the interval converter both need the same week/quarter maths,
and keeping it pure and tiny makes it easy to property-test.
"""

from __future__ import annotations

import calendar as _cal
from datetime import date, timedelta

__all__ = [
    "MIN_YEAR", "MAX_YEAR", "clamp_year", "add_months", "month_end", "quarter_of", "shift_quarter",
    "iso_week", "week_value", "week_monday", "weekday_near", "SEASON_MONTHS", "season_of",
]

MIN_YEAR = 1
MAX_YEAR = 9999

# Season code -> (first month, month count); winter runs December to February of the next year.
SEASON_MONTHS = {"SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "WI": (12, 3)}


def clamp_year(year: int) -> int:
    """Keep a computed year inside what ``datetime.date`` can hold."""
    return max(MIN_YEAR, min(MAX_YEAR, year))


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) moved by ``delta`` months."""
    index = year * 12 + (month - 1) + delta
    return clamp_year(index // 12), index % 12 + 1


def month_end(year: int, month: int) -> date:
    """Last day of the month."""
    return date(year, month, _cal.monthrange(year, month)[1])


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def shift_quarter(year: int, quarter: int, delta: int) -> tuple[int, int]:
    """(year, quarter) moved by ``delta`` quarters."""
    index = year * 4 + (quarter - 1) + delta
    return clamp_year(index // 4), index % 4 + 1


def iso_week(day: date) -> tuple[int, int]:
    """(ISO year, ISO week number)."""
    iso = day.isocalendar()
    return iso[0], iso[1]


def week_value(day: date) -> str:
    """TimeML week value of the week containing ``day``: ``2026-W09``."""
    year, week = iso_week(day)
    return f"{year:04d}-W{week:02d}"


def week_monday(year: int, week: int) -> date:
    """The Monday of ISO week ``week`` of ``year``."""
    return date.fromisocalendar(year, week, 1)


def weekday_near(dct: date, weekday: int, direction: str | None) -> date:
    """The ``weekday`` (ISO, Monday = 1) nearest the DCT in ``direction``.

    Past (and unknown) -> the latest such day on or before the DCT (news says "said Friday" in a
    Friday paper about that day); future -> the first such day after the DCT.
    """
    delta = weekday - dct.isoweekday()
    if direction == "future":
        delta = delta if delta > 0 else delta + 7
    else:
        delta = delta if delta <= 0 else delta - 7
    try:
        return dct + timedelta(days=delta)
    except OverflowError:
        return dct


def season_of(day: date) -> tuple[int, str]:
    """(season year, season code) of ``day``; December belongs to that year's winter."""
    month = day.month
    if month in (3, 4, 5):
        return day.year, "SP"
    if month in (6, 7, 8):
        return day.year, "SU"
    if month in (9, 10, 11):
        return day.year, "FA"
    if month == 12:
        return day.year, "WI"
    return day.year - 1, "WI"
