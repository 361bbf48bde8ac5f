"""Normalisers: from one rule match (its named groups) and the DCT to a TIMEX3 type/value/mod.

Why one function per rule family: each reads the groups its rule in ``rules.toml`` captures, and a
unit test per rule pins its behaviour. Anything that depends on the rest of the document (which
quarter "the quarter" means) lives in :class:`DocState`, which the pipeline threads through the
document in reading order. All functions are pure apart from updating that state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable, Mapping

from . import calendar as cal
from .lexicon import lexicon
from .types import Direction, TimexType

__all__ = ["Context", "DocState", "Normalised", "normalise", "parse_number"]


@dataclass(frozen=True, slots=True)
class Normalised:
    type: TimexType
    value: str
    mod: str | None = None
    anchor: Direction | None = None


@dataclass
class DocState:
    """What earlier expressions in the document established (the financial-report quarter)."""

    dct: date
    ref_quarter: tuple[int, int] = (0, 0)
    quarter_seen: bool = False
    ref_fixed: bool = False
    """The report's quarter is settled (the first recent quarter the text named)."""
    last_year: int | None = None
    """The year of the latest explicit date, for "that year", "the following year"."""
    last_day: date | None = None
    """The latest explicit day, for "that day"."""

    def __post_init__(self) -> None:
        if self.ref_quarter == (0, 0):
            # Reports are about the last completed quarter unless the text names another.
            self.ref_quarter = cal.shift_quarter(self.dct.year, cal.quarter_of(self.dct), -1)

    def note_quarter(self, year: int, quarter: int) -> None:
        """A quarter the text names: the first one of the last year or so is the report's quarter.

        Why only the first: an earnings story names its quarter first ("third-quarter profit
        rose"), then others in passing ("a flat second quarter", "the fourth quarter" ahead);
        "a year ago" and "the year-earlier period" still mean the report's quarter a year back.
        Quarters after the current one, or more than a year back, never become the reference (the
        current one may: a fiscal quarter is often named by the calendar quarter it ends in).
        """
        self.quarter_seen = True
        if self.ref_fixed:
            return
        now = (self.dct.year, cal.quarter_of(self.dct))
        if cal.shift_quarter(*now, -4) <= (year, quarter) <= now:
            self.ref_quarter, self.ref_fixed = (year, quarter), True


@dataclass(frozen=True, slots=True)
class Context:
    """Everything a normaliser may read besides the groups."""

    dct: date
    direction: Direction | None
    prev: str = ""
    """The word before the expression, lower case ("" at the start)."""
    next: str = ""
    """The text right after the expression (a few characters), lower case."""
    prev_plural_noun: bool = False
    """The word before is a plural noun ("fifty thousand CDs a year": a rate, a SET)."""
    state: DocState = field(default_factory=lambda: DocState(date(2000, 1, 1)))


Groups = Mapping[str, str | None]
_Norm = Callable[[Groups, Context], Normalised | None]

_PAST_WORDS = frozenset({"last", "past", "previous", "prior", "recent", "latest"})
_FUTURE_WORDS = frozenset({"next", "coming", "following", "ensuing"})
_SLACK_DAYS = 45
_NUM_RE = re.compile(r"^\d{1,3}(?:,\d{3})*(?:\.\d+)?$")


# ------------------------------------------------------------------------------------ small helpers


def _key(word: str | None) -> str:
    return re.sub(r"\s+", " ", (word or "").lower().rstrip(".")).strip()


def _d(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def _m(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _mod(groups: Groups, key: str = "mod") -> str | None:
    word = _key(groups.get(key)).replace("-", "")
    if not word:
        return None
    return lexicon().modifiers.get(word) or lexicon().approximators.get(word)


def _approx(groups: Groups) -> str | None:
    for key in ("approx", "approx2"):
        word = _key(groups.get(key))
        if word:
            return lexicon().approximators.get(word)
    return None


def _shift(day: date, days: int) -> date:
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return day


def parse_number(text: str | None) -> float | None:
    """Digits or English number words ("twenty four", "a hundred", "1,000") -> value; None if vague."""
    word = _key(text)
    if not word:
        return None
    if _NUM_RE.match(word):
        return float(word.replace(",", ""))
    lex = lexicon()
    if word in lex.vague_numbers:
        vague = lex.vague_numbers[word]
        return None if vague == "X" else float(vague)
    half = 0.5 if word.endswith(" 1/2") else 0.0
    if half:
        word = word[: -len(" 1/2")]
        if _NUM_RE.match(word):
            return float(word.replace(",", "")) + half
    total, current = 0, 0
    for piece in re.split(r"[\s-]+", word):
        if piece in ("and", "", "a", "an"):
            continue
        if piece not in lex.numbers:
            return None
        value = lex.numbers[piece]
        if value == 100:
            current = max(current, 1) * 100
        elif value == 1000:
            total += max(current, 1) * 1000
            current = 0
        else:
            current += value
    total += current
    if not total and word in ("a", "an"):
        total = 1
    return float(total) + half if total else None


def year_int(text: str | None) -> int:
    """A year written in digits or words ("1996", "nineteen ninety-six", "two thousand")."""
    word = _key(text)
    if word.isdigit():
        return int(word)
    pieces = [p for p in re.split(r"[\s-]+", word) if p and p != "and"]
    numbers = lexicon().numbers
    if len(pieces) >= 2 and pieces[0] in ("nineteen", "twenty") and pieces[1] != "thousand":
        century = numbers[pieces[0]]
        rest = pieces[1:]
        if rest == ["hundred"]:
            return century * 100
        return century * 100 + sum(numbers.get(p, 0) for p in rest)
    return int(parse_number(word) or 0)


def _year_for_month_day(dct: date, month: int, day: int, direction: Direction | None) -> int:
    """The year of "March 12" without a year: by tense, else the occurrence nearest the DCT."""
    here = (month, day)
    now = (dct.month, dct.day)
    # Slack: "was due to lapse Nov. 6" (past tense, a date days after the DCT) is this year.
    ahead = (month - dct.month) * 31 + (day - dct.day)
    if direction == "past":
        return dct.year if here <= now or ahead <= _SLACK_DAYS else dct.year - 1
    if direction == "future":
        return dct.year if here >= now or -ahead <= _SLACK_DAYS else dct.year + 1
    # Nearest occurrence: within six months either side.
    diff = (month - dct.month) + (day - dct.day) / 31
    if diff > 6:
        return dct.year - 1
    if diff < -6:
        return dct.year + 1
    return dct.year


def _year_for_month(dct: date, month: int, direction: Direction | None) -> int:
    """The year of a month named alone: by tense (one month of slack), else the nearest."""
    if direction == "past":
        return dct.year if month <= dct.month + 1 else dct.year - 1
    if direction == "future":
        return dct.year if month >= dct.month - 1 else dct.year + 1
    if month - dct.month > 6:
        return dct.year - 1
    if dct.month - month > 6:
        return dct.year + 1
    return dct.year


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(cal.clamp_year(year), month, day)
    except ValueError:
        return None


def _year_value(year: int) -> str:
    return f"{cal.clamp_year(year):04d}"


def _unit_code(unit: str | None) -> str:
    return lexicon().units.get(_key(unit), "")


_HALF_OF = {"Y": "6M", "M": "15D", "W": "3DT12H", "D": "", "H": "30M", "MIN": "30S"}
_IN_SMALLER_UNIT = {"Q": (3, "M"), "DE": (10, "Y"), "CE": (100, "Y")}
"""Counted quarters, decades and centuries are written in months or years (P9M, P20Y), as the
TimeBank annotators did."""


def _duration_value(amount: float | None, code: str, keep_unit: bool = False) -> str | None:
    """TimeML duration: (2, "D") -> P2D; (5, "H") -> PT5H; (None, "W") -> PXW."""
    if not code:
        return None
    if code == "2W":
        amount, code = (amount * 2 if amount is not None else None), "W"
    if amount is not None and code in _IN_SMALLER_UNIT and not keep_unit:
        factor, code = _IN_SMALLER_UNIT[code]
        amount *= factor
    if code == "WE":
        amount, code = (amount * 2 if amount is not None else None), "D"
    if amount is None:
        num = "X"
    elif amount == int(amount):
        num = str(int(amount))
    elif amount * 2 == int(amount * 2) and code in _HALF_OF:
        # "2 1/2 years" = P2Y6M, "5 1/2 hours" = PT5H30M, as ISO 8601 writes them.
        whole, half = int(amount), _HALF_OF[code]
        if code in ("H", "MIN", "S"):
            unit = "M" if code == "MIN" else code
            return f"PT{whole}{unit}{half}" if whole else f"PT{half}"
        if code == "D":
            return f"P{whole}DT12H" if whole else "PT12H"
        return f"P{whole}{code}{half}" if whole else f"P{half}"
    else:
        num = f"{amount:.1f}".rstrip("0").rstrip(".")
    if code in ("H", "MIN", "S"):
        return f"PT{num}{'M' if code == 'MIN' else code}"
    return f"P{num}{code}"


# ------------------------------------------------------------------------------------- normalisers


def explicit_date(g: Groups, c: Context) -> Normalised | None:
    month = lexicon().months.get(_key(g.get("month")))
    if month is None:
        return None
    mod = _mod(g)
    year = year_int(g["year"]) if g.get("year") else None
    if year is not None:
        c.state.last_year = year
    day_text = g.get("day")
    if day_text:
        day = int(re.sub(r"\D", "", day_text))
        if year is None:
            year = _year_for_month_day(c.dct, month, day, c.direction)
        when = _safe_date(year, month, day)
        if when is None:
            return Normalised("DATE", _m(cal.clamp_year(year), month), mod)
        c.state.last_day = when
        return Normalised("DATE", _d(when), mod)
    if year is None:
        year = _year_for_month(c.dct, month, c.direction)
    return Normalised("DATE", _m(cal.clamp_year(year), month), mod)


def numeric_date(g: Groups, c: Context) -> Normalised | None:
    year = int(g["y"] or 0)
    if len(g["y"] or "") == 2:
        century = c.dct.year // 100 * 100
        year += century
        if year > c.dct.year + 20:
            year -= 100
    when = _safe_date(year, int(g["m"] or 0), int(g["d"] or 0))
    return Normalised("DATE", _d(when)) if when else None


def iso_date(g: Groups, c: Context) -> Normalised | None:
    when = _safe_date(int(g["y"] or 0), int(g["m"] or 0), int(g["d"] or 0))
    return Normalised("DATE", _d(when)) if when else None


def month(g: Groups, c: Context) -> Normalised | None:
    number = lexicon().months.get(_key(g.get("month")))
    if number is None:
        return None
    rel, relyear = _key(g.get("rel")), _key(g.get("relyear"))
    if relyear:
        year = c.dct.year + {"last": -1, "next": 1}.get(relyear, 0)
    elif rel in ("last", "past", "previous"):
        year = c.dct.year if number < c.dct.month else c.dct.year - 1
    elif rel in ("next", "coming"):
        year = c.dct.year if number > c.dct.month else c.dct.year + 1
    elif rel == "this":
        year = c.dct.year
    else:
        year = _year_for_month(c.dct, number, c.direction)
    return Normalised("DATE", _m(cal.clamp_year(year), number), _mod(g))


def year(g: Groups, c: Context) -> Normalised | None:
    value = year_int(g["year"])
    if value < 1000:
        return None
    c.state.last_year = value
    side = _key(g.get("side"))
    if side:
        return Normalised("DATE", _year_value(value), "BEFORE" if side == "pre" else "AFTER")
    if _key(g.get("period")) == "quarter":
        # "the 1988 quarter": the quarter the report is about, in that year.
        return Normalised("DATE", f"{_year_value(value)}-Q{c.state.ref_quarter[1]}", _mod(g))
    return Normalised("DATE", _year_value(value), _mod(g))


_DECADE_WORDS = {"twenties": "20", "thirties": "30", "forties": "40", "fifties": "50",
                 "sixties": "60", "seventies": "70", "eighties": "80", "nineties": "90"}


def decade(g: Groups, c: Context) -> Normalised | None:
    text = (g.get("decade") or "").lstrip("'")
    if g.get("decade_word"):
        text = _DECADE_WORDS.get(_key(g["decade_word"]), "")
        if not text:
            return None
    if len(text) == 2:
        century = c.dct.year // 100
        if int(text) > c.dct.year % 100:
            century -= 1
        text = f"{century:02d}{text}"
    mod = _mod(g) or {"early": "START", "mid": "MID", "late": "END"}.get(_key(g.get("mod2")))
    return Normalised("DATE", text[:3], mod)


def century(g: Groups, c: Context) -> Normalised | None:
    word = _key(g.get("ord"))
    number = lexicon().ordinals.get(word)
    if number is None:
        digits = re.sub(r"\D", "", word)
        number = int(digits) if digits else None
    if not number or number < 1 or number > 99:
        return None
    return Normalised("DATE", f"{number - 1:02d}", _mod(g))


def weekday(g: Groups, c: Context) -> Normalised | None:
    number = lexicon().weekdays.get(_key(g.get("weekday")))
    if number is None:
        return None
    rel = _key(g.get("rel"))
    if g.get("the") and c.state.last_day is not None:
        # "the previous Friday", "the following Monday": counted from the day the text last named.
        base = c.state.last_day
        if rel in ("previous", "preceding"):
            when = cal.weekday_near(_shift(base, -1), number, "past")
        else:
            when = cal.weekday_near(base, number, "future")
    elif rel in ("last", "past", "previous", "preceding"):
        when = cal.weekday_near(_shift(c.dct, -1), number, "past")
    elif rel in ("next", "coming", "following"):
        when = cal.weekday_near(c.dct, number, "future")
    elif rel == "this":
        when = cal.weekday_near(c.dct, number, c.direction or "future")
    else:
        when = cal.weekday_near(c.dct, number, c.direction)
    value = _d(when)
    c.state.last_day = when
    part = lexicon().day_parts.get(_key(g.get("part")))
    if part:
        value += "T" + part
    mod = {"early": "START", "late": "END"}.get(_key(g.get("mod")))
    return Normalised("DATE", value, mod)


def weekday_set(g: Groups, c: Context) -> Normalised | None:
    number = lexicon().weekdays.get(_key(g.get("weekday")))
    if number is None:
        return None
    value = f"XXXX-WXX-{number}"
    part = lexicon().day_parts.get(_key(g.get("part")))
    if part:
        value += "T" + part
    return Normalised("SET", value)


def relative_day(g: Groups, c: Context) -> Normalised | None:
    word = _key(g.get("relday"))
    offset = lexicon().relative_days.get(word)
    if offset is None:
        return None
    value = _d(_shift(c.dct, offset))
    part = lexicon().day_parts.get(_key(g.get("part")))
    kind: TimexType = "DATE"
    if word == "tonight":
        part = part or "NI"
    if part:
        value += "T" + part
        kind = "TIME"
    mod = {"early": "START", "late": "END", "mid": "MID"}.get(_key(g.get("mod")))
    return Normalised(kind, value, mod)


def day_before_after(g: Groups, c: Context) -> Normalised | None:
    offset = -2 if _key(g.get("which")).startswith("before") else 2
    return Normalised("DATE", _d(_shift(c.dct, offset)))


def part_of_day(g: Groups, c: Context) -> Normalised | None:
    part = _key(g.get("part"))
    code = lexicon().day_parts.get(part)
    if code is None:
        return None
    day = c.dct
    if _key(g.get("rel")) == "last" and part in ("night", "evening"):
        day = _shift(c.dct, -1)
    mod = {"early": "START", "late": "END", "mid": "MID"}.get(_key(g.get("mod")))
    return Normalised("TIME", f"{_d(day)}T{code}", mod)


def _weekend(dct: date, rel: str, direction: Direction | None) -> str:
    saturday = 6
    if rel in ("last", "past", "previous"):
        day = cal.weekday_near(_shift(dct, -1), saturday, "past")
    elif rel in ("next", "coming", "following"):
        day = cal.weekday_near(dct, saturday, "future")
    elif dct.isoweekday() >= 6:
        day = dct
    else:
        day = cal.weekday_near(dct, saturday, "past" if direction == "past" else "future")
    return cal.week_value(day) + "-WE"


def relative_unit(g: Groups, c: Context) -> Normalised | None:
    rel, unit = _key(g.get("rel")), _key(g.get("unit"))
    mod = _mod(g)
    if rel in _PAST_WORDS and rel != "latest":
        delta = -1
    elif rel in _FUTURE_WORDS:
        delta = 1
    else:
        delta = 0
    dct = c.dct
    if unit == "week":
        return Normalised("DATE", cal.week_value(_shift(dct, 7 * delta)), mod)
    if unit == "weekend":
        return Normalised("DATE", _weekend(dct, rel, c.direction), mod)
    if unit == "month":
        y, m = cal.add_months(dct.year, dct.month, delta)
        return Normalised("DATE", _m(y, m), mod)
    if unit == "quarter":
        if rel == "latest":
            # The latest quarter is the last one completed, whatever fiscal quarter the text named.
            y, q = cal.shift_quarter(dct.year, cal.quarter_of(dct), -1)
        elif rel == "same" or (rel == "this" and c.state.quarter_seen):
            # "This quarter's loss" in a report on a quarter just ended: the report's quarter.
            y, q = c.state.ref_quarter
        else:
            y, q = cal.shift_quarter(dct.year, cal.quarter_of(dct), delta)
        c.state.note_quarter(y, q)
        return Normalised("DATE", f"{y:04d}-Q{q}", mod)
    if unit == "year":
        anaphoric = rel in ("following", "previous", "prior", "same") and c.state.last_year
        base = c.state.last_year if anaphoric and c.state.last_year else dct.year
        return Normalised("DATE", _year_value(base + delta), mod)
    if unit == "half":
        half = 1 if dct.month <= 6 else 2
        index = dct.year * 2 + half - 1 + delta
        return Normalised("DATE", f"{cal.clamp_year(index // 2):04d}-H{index % 2 + 1}", mod)
    if unit == "decade":
        if delta == -1 and rel in ("past", "last"):
            return Normalised("DURATION", "P10Y", mod, "past")
        if delta == 1:
            return Normalised("DURATION", "P10Y", mod, "future")
        return Normalised("DATE", f"{dct.year // 10:03d}", mod)
    if unit == "century":
        if delta == -1 and rel in ("past", "last"):
            return Normalised("DURATION", "P100Y", mod, "past")
        return Normalised("DATE", f"{dct.year // 100 + delta:02d}", mod)
    return None


_SEASON_ORDER = {"SP": 0, "SU": 1, "FA": 2, "WI": 3}


def season(g: Groups, c: Context) -> Normalised | None:
    code = lexicon().seasons.get(_key(g.get("season")))
    if code is None:
        return None
    mod = _mod(g)
    if g.get("year"):
        return Normalised("DATE", f"{cal.clamp_year(year_int(g['year'])):04d}-{code}", mod)
    relyear = _key(g.get("relyear"))
    if relyear:
        y = c.dct.year + {"last": -1, "next": 1}.get(relyear, 0)
        return Normalised("DATE", f"{cal.clamp_year(y):04d}-{code}", mod)
    cur_year, cur_code = cal.season_of(c.dct)
    cur_index = cur_year * 4 + _SEASON_ORDER[cur_code]
    rel = _key(g.get("rel"))
    if rel in ("last", "past", "previous"):
        target = cur_index - ((_SEASON_ORDER[cur_code] - _SEASON_ORDER[code]) % 4 or 4)
    elif rel in ("next", "coming"):
        target = cur_index + ((_SEASON_ORDER[code] - _SEASON_ORDER[cur_code]) % 4 or 4)
    elif rel in ("this", "current") or c.direction is None:
        target = c.dct.year * 4 + _SEASON_ORDER[code]
    elif c.direction == "past":
        target = cur_index - (_SEASON_ORDER[cur_code] - _SEASON_ORDER[code]) % 4
    else:
        target = cur_index + (_SEASON_ORDER[code] - _SEASON_ORDER[cur_code]) % 4
    return Normalised("DATE", f"{cal.clamp_year(target // 4):04d}-{code}", mod)


def quarter(g: Groups, c: Context) -> Normalised | None:
    word = _key(g.get("ord"))
    number = 4 if word == "final" else lexicon().ordinals.get(word)
    unit = _key(g.get("qunit"))
    if number is None or number < 1 or number > (4 if unit == "quarter" else 2):
        return None
    mod = _mod(g)
    dct = c.dct
    if g.get("year") or g.get("yearposs"):
        y = year_int(g.get("year") or g.get("yearposs"))
    elif g.get("relyear") or g.get("rel"):
        y = dct.year + {"last": -1, "next": 1}.get(_key(g.get("relyear") or g.get("rel")), 0)
    else:
        current = cal.quarter_of(dct) if unit == "quarter" else (1 if dct.month <= 6 else 2)
        y = dct.year
        if number > current and c.direction != "future":
            y -= 1
        elif number == current and unit == "quarter" and c.direction == "past" and dct.month % 3 == 1:
            y = dct.year  # the quarter just begun, spoken of in the past: still this year
    if g.get("ago"):
        y -= 1
    y = cal.clamp_year(y)
    if unit == "half":
        return Normalised("DATE", f"{y:04d}-H{number}", mod)
    c.state.note_quarter(y, number)
    ended = _ENDED.match(c.next)
    if ended and lexicon().months.get(ended.group("month").rstrip(".")):
        # "its first quarter ended Dec. 31": a fiscal label; later references ("the latest
        # quarter", "a year earlier") follow the calendar quarter that ended on that date.
        end_month = lexicon().months[ended.group("month").rstrip(".")]
        c.state.ref_quarter = (_year_for_month(dct, end_month, "past"), (end_month - 1) // 3 + 1)
        c.state.ref_fixed = True
    return Normalised("DATE", f"{y:04d}-Q{number}", mod)


_FIRST_PART = frozenset({"first"})
_LAST_PART = frozenset({"last", "latter", "final"})


def part_of_named_period(g: Groups, c: Context) -> Normalised | None:
    """ "the last half of 2026" -> 2026-H2; "the first two quarters of 2027" -> 2027-H1.

    Why apart from :func:`quarter`: "last"/"final" here name a part of the year that follows, not
    the previous half or quarter counted from the DCT. A half of a decade keeps the decade's value
    with START/END (TimeML has no value for it).
    """
    word = _key(g.get("ord"))
    if g.get("decade"):
        decade_text = _key(g["decade"]).lstrip("'").rstrip("s")
        if len(decade_text) == 2:
            century = c.dct.year // 100 - (1 if int(decade_text) > c.dct.year % 100 else 0)
            decade_text = f"{century:02d}{decade_text}"
        if g.get("unit") != "half" and not g.get("qunits"):
            return None
        mod = "START" if word in _FIRST_PART else "END" if word in _LAST_PART | {"second"} else None
        return Normalised("DATE", decade_text[:3], mod)
    y = _year_value(year_int(g.get("year")))
    if g.get("qunits"):  # two quarters: a half
        if word in _FIRST_PART:
            return Normalised("DATE", f"{y}-H1")
        if word in _LAST_PART:
            return Normalised("DATE", f"{y}-H2")
        return None
    if _key(g.get("unit")) == "half":
        number = 1 if word in _FIRST_PART else 2 if word in _LAST_PART | {"second"} else None
        return Normalised("DATE", f"{y}-H{number}") if number else None
    number = 4 if word in _LAST_PART else lexicon().ordinals.get(word)
    if number is None or not 1 <= number <= 4:
        return None
    return Normalised("DATE", f"{y}-Q{number}")


def reference_quarter(g: Groups, c: Context) -> Normalised | None:
    y, q = c.state.ref_quarter
    if g.get("ago") or g.get("ago2"):
        y -= 1
    return Normalised("DATE", f"{cal.clamp_year(y):04d}-Q{q}")


def year_ago_adjective(g: Groups, c: Context) -> Normalised | None:
    if c.state.quarter_seen:
        y, q = c.state.ref_quarter
        return Normalised("DATE", f"{cal.clamp_year(y - 1):04d}-Q{q}")
    return Normalised("DATE", _year_value(c.dct.year - 1))


def year_end(g: Groups, c: Context) -> Normalised | None:
    if c.prev == "since" and (c.dct.month, c.dct.day) != (12, 31):
        y = cal.clamp_year(c.dct.year - 1)  # "since year-end": the last one that has passed
    else:
        y = cal.clamp_year(c.dct.year - 1 if c.direction == "past" and c.dct.month <= 3 else c.dct.year)
    if "-" in (g.get("_text") or ""):  # "year-end": the closing day itself
        return Normalised("DATE", f"{y:04d}-12-31", _approx(g))
    return Normalised("DATE", f"{y:04d}", "END")


def adjacent_day(g: Groups, c: Context) -> Normalised | None:
    """ "the next morning", "the previous day": next to the last day the text named."""
    base = c.state.last_day or c.dct
    offset = -1 if _key(g.get("which")) in ("previous", "preceding") else 1
    return Normalised("DATE", _d(_shift(base, offset)))


def ago(g: Groups, c: Context) -> Normalised | None:
    amount = parse_number(g.get("num"))
    code = _unit_code(g.get("unit"))
    word = _key(g.get("ago"))
    sign = 1 if word in ("later", "hence", "from now") else -1
    mod = _approx(g)
    if not g.get("num") and not _key(g.get("unit")).endswith("s"):
        return None  # "year ago" without a count: left to the adjective rule
    if amount is None:
        return Normalised("DATE", "FUTURE_REF" if sign > 0 else "PAST_REF", mod)
    n = int(round(amount)) * sign
    dct = c.dct
    if code == "2W":
        code, n = "W", n * 2
    if code in ("D", "WE"):
        return Normalised("DATE", _d(_shift(dct, n)), mod)
    if code == "W":
        return Normalised("DATE", cal.week_value(_shift(dct, 7 * n)), mod)
    if code == "M":
        y, m = cal.add_months(dct.year, dct.month, n)
        return Normalised("DATE", _m(y, m), mod)
    if code == "Q":
        y, q = cal.shift_quarter(*c.state.ref_quarter, n) if c.state.quarter_seen else \
            cal.shift_quarter(dct.year, cal.quarter_of(dct), n)
        return Normalised("DATE", f"{y:04d}-Q{q}", mod)
    if code == "Y":
        if c.state.quarter_seen and abs(n) == 1:
            y, q = c.state.ref_quarter
            return Normalised("DATE", f"{cal.clamp_year(y + n):04d}-Q{q}", mod)
        return Normalised("DATE", _year_value(dct.year + n), mod)
    if code == "DE":
        return Normalised("DATE", _year_value(dct.year + 10 * n), mod or "APPROX")
    if code == "CE":
        return Normalised("DATE", f"{max(0, min(99, (dct.year + 100 * n) // 100)):02d}", mod)
    if code in ("H", "MIN", "S"):
        return Normalised("TIME", _d(dct), mod)
    return None


def duration(g: Groups, c: Context) -> Normalised | None:
    num_text = _key(g.get("num"))
    if num_text:
        amount = parse_number(num_text)
    else:  # "day-long" = one day, "decades-long" = an unknown number of decades
        amount = None if _key(g.get("unit")).endswith("s") else 1.0
    code = _unit_code(g.get("unit"))
    if amount is not None and (g.get("half") or " and a half" in num_text):
        amount += 0.5
    if num_text in ("a", "an") and (c.prev[:1].isdigit() or c.prev in ("%", "percent", "cents")
                                      or c.prev.startswith("$") or c.prev_plural_noun
                                      or c.prev in ("million", "billion", "thousand", "hundred")):
        value = _duration_value(1, code)
        return Normalised("SET", value) if value else None
    value = _duration_value(amount, code)
    if value is None:
        return None
    rel = _key(g.get("rel"))
    anchor: Direction | None = None
    if rel in ("last", "past", "previous", "recent", "latest"):
        anchor = "past"
    elif rel in ("next", "coming", "following", "ensuing", "remaining"):
        anchor = "future"
    return Normalised("DURATION", value, _approx(g), anchor)


def vague_duration(g: Groups, c: Context) -> Normalised | None:
    code = _unit_code(g.get("unit"))
    vnum = _key(g.get("vnum"))
    amount = parse_number(vnum) if vnum else None
    value = _duration_value(amount, code)
    if value is None:
        return None
    rel = _key(g.get("rel"))
    anchor: Direction | None = None
    if rel in ("last", "past", "previous", "recent"):
        anchor = "past"
    elif rel in ("next", "coming", "following", "ensuing"):
        anchor = "future"
    return Normalised("DURATION", value, None, anchor)


def set_every(g: Groups, c: Context) -> Normalised | None:
    wd = lexicon().weekdays.get(_key(g.get("weekday")))
    if wd is not None:
        return Normalised("SET", f"XXXX-WXX-{wd}")
    month_ = lexicon().months.get(_key(g.get("month")))
    if month_ is not None:
        return Normalised("SET", f"XXXX-{month_:02d}")
    part = lexicon().day_parts.get(_key(g.get("part")))
    if part is not None:
        return Normalised("SET", f"XXXX-XX-XXT{part}")
    amount = parse_number(g.get("num")) if g.get("num") else 1.0
    if g.get("other"):
        amount = 2.0
    value = _duration_value(amount, _unit_code(g.get("unit")), keep_unit=True)
    return Normalised("SET", value) if value else None


def set_times(g: Groups, c: Context) -> Normalised | None:
    value = _duration_value(1, _unit_code(g.get("unit")))
    return Normalised("SET", value) if value else None


def set_adverb(g: Groups, c: Context) -> Normalised | None:
    value = lexicon().set_adverbs.get(_key(g.get("_text")))
    return Normalised("SET", value) if value else None


def vague(g: Groups, c: Context) -> Normalised | None:
    value = lexicon().vague.get(_key(g.get("_text")))
    return Normalised("DATE", value) if value else None


def clock_time(g: Groups, c: Context) -> Normalised | None:
    if g.get("noon"):
        hour, minute = (24, 0) if _key(g["noon"]) == "midnight" else (12, 0)
    else:
        hour = int(g.get("hour") or 0)
        minute = int(g.get("minute") or 0)
        ampm = _key(g.get("ampm")).replace(".", "")
        if (ampm.startswith("p") or ampm.endswith(("afternoon", "evening"))) and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
    # A bare clock time belongs to the last day the text named ("shot on Oct. 23 ... at 10 p.m.").
    day = c.state.last_day or c.dct
    wd = lexicon().weekdays.get(_key(g.get("weekday")))
    if wd is not None:
        day = cal.weekday_near(c.dct, wd, c.direction)
    elif g.get("relday"):
        day = _shift(c.dct, lexicon().relative_days.get(_key(g.get("relday")), 0))
    elif g.get("month") and g.get("day"):
        month_ = lexicon().months.get(_key(g.get("month")), 0)
        day_ = int(re.sub(r"\D", "", g.get("day") or "") or 0)
        day = _safe_date(_year_for_month_day(c.dct, month_, day_, c.direction), month_, day_) or c.dct
    return Normalised("TIME", f"{_d(day)}T{hour:02d}:{minute:02d}", _approx(g))


def holiday(g: Groups, c: Context) -> Normalised | None:
    name = _key(g.get("holiday"))
    if name.startswith("thanksgiving"):
        month_, day_ = 11, 0
    else:
        mmdd = lexicon().holidays.get(name)
        if mmdd is None:
            return None
        month_, day_ = (int(x) for x in mmdd.split("-"))
    if g.get("year"):
        y = year_int(g["year"])
    else:
        y = _year_for_month_day(c.dct, month_, max(day_, 22), c.direction)
    if day_ == 0:  # fourth Thursday of November
        first = _safe_date(y, 11, 1)
        if first is None:
            return None
        offset = (4 - first.isoweekday()) % 7
        when = _shift(first, offset + 21)
    else:
        maybe = _safe_date(y, month_, day_)
        if maybe is None:
            return None
        when = maybe
    return Normalised("DATE", _d(when))


_ENDED = re.compile(r"^\s+(?:ended|ending|that\s+ended|which\s+ended)\s+(?P<month>[a-z]+)")


def bare_unit(g: Groups, c: Context) -> Normalised | None:
    """ "the year", "that day", "the quarter ended Sept. 30", "the fiscal year"."""
    unit = _key(g.get("unit"))
    det, fiscal = _key(g.get("det")), _key(g.get("fiscal"))
    mod = _mod(g)
    dct = c.dct
    ended = _ENDED.match(c.next)
    if unit == "quarter" and ended:
        month_ = lexicon().months.get(ended.group("month").rstrip("."))
        if month_:
            y = _year_for_month(dct, month_, "past")
            q = (month_ - 1) // 3 + 1
            c.state.ref_quarter, c.state.quarter_seen, c.state.ref_fixed = (y, q), True, True
            return Normalised("DATE", f"{y:04d}-Q{q}", mod)
    if unit == "year" and (ended or fiscal == "fiscal"):
        return Normalised("DURATION", "P1Y", mod)
    if c.prev == "for" and unit in ("year", "month", "week", "day") and fiscal != "full":
        return Normalised("DURATION", _duration_value(1, _unit_code(unit)) or "P1Y", mod)
    if det == "that" or fiscal == "same":
        if unit == "year" and c.state.last_year:
            return Normalised("DATE", _year_value(c.state.last_year), mod)
        if unit == "day" and c.state.last_day:
            return Normalised("DATE", _d(c.state.last_day), mod)
    if unit == "day":
        return Normalised("DATE", _d(dct), mod)
    if unit == "week":
        return Normalised("DATE", cal.week_value(dct))
    if unit == "weekend":
        return Normalised("DATE", _weekend(dct, "", c.direction or "past"))
    if unit == "month":
        return Normalised("DATE", _m(dct.year, dct.month))
    if unit == "quarter":
        y, q = c.state.ref_quarter
        c.state.quarter_seen = True
        return Normalised("DATE", f"{y:04d}-Q{q}")
    if unit == "year":
        return Normalised("DATE", _year_value(dct.year), mod)
    return None


def week_of(g: Groups, c: Context) -> Normalised | None:
    month_ = lexicon().months.get(_key(g.get("month")))
    if month_ is None:
        return None
    day_ = int(re.sub(r"\D", "", g.get("day") or "") or 0)
    when = _safe_date(_year_for_month_day(c.dct, month_, day_, c.direction), month_, day_)
    return Normalised("DATE", cal.week_value(when)) if when else None


_NORMALISERS: dict[str, _Norm] = {
    "explicit_date": explicit_date,
    "numeric_date": numeric_date,
    "iso_date": iso_date,
    "month": month,
    "year": year,
    "decade": decade,
    "century": century,
    "weekday": weekday,
    "weekday_set": weekday_set,
    "relative_day": relative_day,
    "day_before_after": day_before_after,
    "part_of_day": part_of_day,
    "relative_unit": relative_unit,
    "season": season,
    "quarter": quarter,
    "reference_quarter": reference_quarter,
    "part_of_named_period": part_of_named_period,
    "year_ago_adjective": year_ago_adjective,
    "year_end": year_end,
    "ago": ago,
    "duration": duration,
    "vague_duration": vague_duration,
    "set_every": set_every,
    "set_times": set_times,
    "set_adverb": set_adverb,
    "vague": vague,
    "clock_time": clock_time,
    "holiday": holiday,
    "bare_unit": bare_unit,
    "week_of": week_of,
    "adjacent_day": adjacent_day,
}


def normalise(norm: str, groups: Groups, context: Context) -> Normalised | None:
    """Run the normaliser ``norm`` (a rule's ``norm`` field) on a match's groups.

    ``groups`` holds the regex's named groups plus ``_text`` (the matched text). Returns ``None``
    when the match turns out not to be a time expression or cannot be normalised.
    """
    func = _NORMALISERS.get(norm)
    if func is None:
        raise KeyError(f"rules.toml names an unknown normaliser {norm!r}")
    return func(groups, context)
