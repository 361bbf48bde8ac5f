"""The one code path from a TIMEX3 (value, mod, type) to the day interval claims and events use.

Why one function: extraction, fusion and the dashboard all reason with ``[start, end]`` day
intervals and a precision; if each derived them from TimeML values on its own, "last week" would
mean three slightly different things. No other module parses dates for claims.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from ...model import Span, TimeMention, TimePrecision
from . import calendar as cal
from .types import Direction, Timex

__all__ = ["to_interval", "to_time_mention", "VAGUE_COUNT", "PAST_REF_DAYS", "FUTURE_REF_DAYS"]

VAGUE_COUNT = 3
"""What an unknown count X stands for in a duration: "in recent weeks" (PXW) = three weeks."""
PAST_REF_DAYS = 90
"""PAST_REF ("recently", "formerly", "in the past") = the 90 days up to the DCT."""
FUTURE_REF_DAYS = 365
"""FUTURE_REF ("soon", "in the future") = the 365 days from the DCT."""

Interval = tuple[date, date, TimePrecision]

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(?:-(\d|WE))?(?:T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")

_UNIT_DAYS = {"D": 1, "W": 7, "M": 30.44, "Q": 91.31, "Y": 365.25, "DE": 3652.5, "CE": 36525,
              "ML": 365250}


def _safe(year: int, month: int, day: int) -> date:
    return date(cal.clamp_year(year), month, day)


def _shift(day: date, days: float) -> date:
    try:
        return day + timedelta(days=round(days))
    except OverflowError:
        return date.max if days > 0 else date.min


def _period(value: str) -> Interval | None:
    """The calendar period a DATE value names, or None (unanchored or unknown)."""
    if m := _DAY.match(value):
        day = _safe(int(m[1]), int(m[2]), int(m[3]))
        return day, day, TimePrecision.DAY
    if m := _WEEK.match(value):
        monday = cal.week_monday(int(m[1]), int(m[2]))
        if m[3] == "WE":
            return _shift(monday, 5), _shift(monday, 6), TimePrecision.RANGE
        if m[3]:
            day = _shift(monday, int(m[3]) - 1)
            return day, day, TimePrecision.DAY
        return monday, _shift(monday, 6), TimePrecision.WEEK
    if m := _MONTH.match(value):
        y, mo = int(m[1]), int(m[2])
        return _safe(y, mo, 1), cal.month_end(cal.clamp_year(y), mo), TimePrecision.MONTH
    if m := _QUARTER.match(value):
        y, q = int(m[1]), int(m[2])
        return _safe(y, 3 * q - 2, 1), cal.month_end(cal.clamp_year(y), 3 * q), TimePrecision.QUARTER
    if m := _HALF.match(value):
        y, h = int(m[1]), int(m[2])
        return _safe(y, 6 * h - 5, 1), cal.month_end(cal.clamp_year(y), 6 * h), TimePrecision.RANGE
    if m := _SEASON.match(value):
        y = int(m[1])
        first, count = cal.SEASON_MONTHS[m[2]]
        ey, em = cal.add_months(y, first, count - 1)
        return _safe(y, first, 1), cal.month_end(ey, em), TimePrecision.RANGE
    if m := _YEAR.match(value):
        y = int(m[1])
        if y < cal.MIN_YEAR:
            return None
        return _safe(y, 1, 1), _safe(y, 12, 31), TimePrecision.YEAR
    if m := _DECADE.match(value):
        y = int(m[1]) * 10
        if y < cal.MIN_YEAR:
            return None
        return _safe(y, 1, 1), _safe(y + 9, 12, 31), TimePrecision.RANGE
    if m := _CENTURY.match(value):
        y = int(m[1]) * 100
        return _safe(max(y, 1), 1, 1), _safe(y + 99, 12, 31), TimePrecision.RANGE
    return None


_PART = re.compile(r"(\d+(?:\.\d+)?|X)(DE|CE|ML|Y|Q|M|W|D|H|S)")


def _duration(value: str, dct: date, anchor: Direction | None) -> Interval | None:
    """A duration as the period of that length ending on (or, ``anchor="future"``, starting on)
    the DCT. Compound values (``P2Y6M``) add up; hours, minutes and seconds count as parts of
    days; an unknown count X is :data:`VAGUE_COUNT`."""
    if not value.startswith("P") or len(value) < 3:
        return None
    date_part, _, time_part = value[1:].partition("T")
    days = 0.0
    for part, is_time in ((date_part, False), (time_part, True)):
        pos = 0
        for m in _PART.finditer(part):
            if m.start() != pos:
                return None
            pos = m.end()
            count = VAGUE_COUNT if m[1] == "X" else float(m[1])
            unit = m[2]
            if is_time:
                days += count * {"H": 1 / 24, "M": 1 / 1440, "S": 1 / 86400}.get(unit, 0)
            elif unit in _UNIT_DAYS:
                days += count * _UNIT_DAYS[unit]
            else:
                return None
        if pos != len(part):
            return None
    if days < 1:
        return dct, dct, TimePrecision.DAY
    if anchor == "future":
        return dct, _shift(dct, days), TimePrecision.RANGE
    return _shift(dct, -days), dct, TimePrecision.RANGE


def _narrow(start: date, end: date, mod: str) -> tuple[date, date]:
    """START/MID/END keep the first, middle or last third of the period."""
    days = (end - start).days + 1
    third = max(days // 3, 1)
    if mod == "START":
        return start, _shift(start, third - 1)
    if mod == "END":
        return _shift(end, -(third - 1)), end
    return _shift(start, third), _shift(start, days - third - 1)


def to_interval(value: str, mod: str | None, dct: date, type: str | None = None,
                anchor: Direction | None = None) -> Interval | None:
    """The inclusive day interval ``(start, end, precision)`` a TIMEX3 stands for.

    Calendar values map to their period: ``2026-03-03`` -> that day (day); ``2026-W09`` -> Monday
    to Sunday (week); ``2026-W09-WE`` -> Saturday-Sunday (range); ``2026-01`` (month);
    ``2026-Q1`` (quarter); ``2026-H1``, seasons (``2026-SU`` = June-August, ``2026-WI`` =
    December-February), decades ``202`` and centuries ``20`` (range); ``2026`` (year). A time of
    day (``T15:00``, ``TNI``) keeps its day.

    Vague and relative values, documented because claims rely on them:

    * ``PRESENT_REF`` ("now", "currently") -> the DCT itself, precision day.
    * ``PAST_REF`` ("recently", "formerly", "in the past") -> the :data:`PAST_REF_DAYS` (90) days
      up to and including the DCT, precision range.
    * ``FUTURE_REF`` ("soon", "in the future") -> the DCT and the :data:`FUTURE_REF_DAYS` (365)
      days after it, precision range.
    * A duration ``PnU`` is read as the period of that length ending on the DCT ("the past three
      days" = [DCT - 3 days, DCT]) or, with ``anchor="future"`` ("the next two weeks"), starting on
      it; precision range. An unknown count X counts as :data:`VAGUE_COUNT` (3): "in recent
      weeks" (``PXW``) = [DCT - 21 days, DCT]. Sub-day durations (``PT5H``) give the DCT's day.

    Modifiers: ``START``/``MID``/``END`` keep the first, middle or last third of the period
    ("mid-January" = 11-20 January), precision range; ``ON_OR_AFTER`` ("since 2019") runs from
    the period's start to the DCT (range). Other mods (APPROX, BEFORE, ...) leave the period as is.

    Args:
        value: the TIMEX3 value.
        mod: the TIMEX3 mod, or None.
        dct: the publication date (anchors durations and reference values).
        type: the TIMEX3 type; ``SET`` ("every week") has no interval and gives None.
        anchor: the side of the DCT a duration lies on (:attr:`Timex.anchor`); default past.

    Returns:
        ``(start, end, precision)`` with ``start <= end``, or None when the value has no anchored
        interval (``XXXX-WXX-2``, a SET, an unknown shape).
    """
    if isinstance(dct, datetime):
        dct = dct.date()
    if type == "SET" or not value:
        return None
    if value == "PRESENT_REF":
        return dct, dct, TimePrecision.DAY
    if value == "PAST_REF":
        return _shift(dct, -PAST_REF_DAYS), dct, TimePrecision.RANGE
    if value == "FUTURE_REF":
        return dct, _shift(dct, FUTURE_REF_DAYS), TimePrecision.RANGE
    if "X" in value and not value.startswith("P"):
        return None
    try:
        found = _duration(value, dct, anchor) if value.startswith("P") else _period(value)
    except ValueError:
        return None
    if found is None:
        return None
    start, end, precision = found
    if mod in ("START", "MID", "END") and end > start:
        start, end = _narrow(start, end, mod)
        precision = TimePrecision.RANGE
    elif mod == "ON_OR_AFTER" and start <= dct:
        end, precision = max(end, dct), TimePrecision.RANGE
    if end < start:
        start, end = end, start
    return start, end, precision


def to_time_mention(timex: Timex, dct: date) -> TimeMention | None:
    """The claims' :class:`~sitroom.model.TimeMention` for a timex, or None when it has no interval."""
    found = to_interval(timex.value, timex.mod, dct, type=timex.type, anchor=timex.anchor)
    if found is None:
        return None
    start, end, precision = found
    return TimeMention(text=timex.text, span=Span(timex.start, timex.end), start=start, end=end,
                       precision=precision, value=timex.value, type=timex.type, mod=timex.mod)
