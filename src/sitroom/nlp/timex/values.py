"""What a valid TimeML TIMEX3 ``value`` looks like, as one regular expression.

Why: the normaliser builds values from pieces; the property tests and the JSONL runner check every
value against this grammar so a malformed one ("2026-W9-", "P-1D") never reaches the store.
"""

from __future__ import annotations

import re

__all__ = ["VALUE_RE", "is_valid_value", "MODS", "is_valid_mod"]

_YEAR = r"(?:\d{4}|\d{3}|\d{2}|[\dX]{4}|\d{2}XX|\d{3}X)"
_DATE = (
    rf"{_YEAR}"
    r"(?:-(?:"
    r"(?:0[1-9]|1[0-2]|XX)(?:-(?:0[1-9]|[12]\d|3[01]|XX))?"  # month, day
    r"|W(?:0[1-9]|[1-4]\d|5[0-3]|XX)(?:-(?:[1-7]|WE))?"       # week, weekday / weekend
    r"|Q[1-4X]|H[12X]|SP|SU|FA|WI"                          # quarter, half, season
    r"))?"
)
_TIME = r"T(?:(?:[01]\d|2[0-4])(?::[0-5]\d(?::[0-5]\d)?)?|MO|AF|EV|NI|DT)"
_N = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = (
    rf"P(?:{_N}(?:DE|CE|ML|Q|WE)"                              # TimeML's own units: P1DE, P2Q
    rf"|(?=\d|X|T\d|TX)(?:{_N}Y)?(?:{_N}M)?(?:{_N}W)?(?:{_N}D)?"  # ISO 8601: P2Y6M, P3DT12H
    rf"(?:T(?=\d|X)(?:{_N}H)?(?:{_N}M)?(?:{_N}S)?)?)"
)

VALUE_RE = re.compile(
    rf"^(?:{_DATE}(?:{_TIME})?|{_DURATION}|PRESENT_REF|PAST_REF|FUTURE_REF)$"
)

MODS = frozenset({
    "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS",
    "EQUAL_OR_MORE", "START", "MID", "END", "APPROX",
})


def is_valid_value(value: str) -> bool:
    """True when ``value`` is a TIMEX3 value in the TimeML conventions sitroom emits."""
    return bool(VALUE_RE.match(value))


def is_valid_mod(mod: str | None) -> bool:
    """True for ``None`` or one of the TimeML ``mod`` values."""
    return mod is None or mod in MODS
