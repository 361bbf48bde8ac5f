"""Amount phrases as text: "between 15,000 and 20,000", "at least 40", "two dozen", "thousands".

Why a module of its own: the grammar of amounts is pure string work, shared by the Doc extractor
(:mod:`sitroom.nlp.quantities`) and by anything that has a bare phrase (a CSV column, a headline
evaluated without a parse). It has no spaCy dependency, so it can be property-tested on any string.

The regular expression :data:`AMOUNT_RE` finds amount phrases in running text; :func:`parse_amount`
turns one phrase into ``(low, high, best, qualifier)``. Intervals for vague words ("thousands") and
the margins for "about"/"nearly" come from ``data/vague_quantities.json`` (our choices, documented
there).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from sitroom.model import Qualifier
from sitroom.nlp.textscan import folded

__all__ = ["parse_amount", "AMOUNT_RE", "amount_matches", "word_number", "vague_table", "Amount"]

Amount = tuple[int, int | None, int | None, Qualifier]
"""``(low, high, best, qualifier)``; ``high`` is ``None`` for an open upper bound."""

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_DIGIT_SCALES = {**_SCALES, "mln": 1_000_000, "bn": 1_000_000_000}

# Qualifier cues, longest first within each group so "well over" wins over "over".
_QUALIFIERS: dict[str, tuple[str, ...]] = {
    "at_least": ("at least", "no fewer than", "no less than", "not less than", "a minimum of", "at a minimum"),
    "more_than": ("more than", "well over", "just over", "upwards of", "upward of", "in excess of",
                  "greater than", "over", "above", "beyond"),
    "up_to": ("up to", "as many as", "as much as"),
    "at_most": ("at most", "no more than", "not more than", "a maximum of", "fewer than", "less than",
                "just under", "under", "below"),
    "nearly": ("nearly", "almost", "close to", "approaching", "just shy of"),
    "about": ("an estimated", "estimated", "about", "around", "some", "approximately", "roughly",
              "approx.", "circa", "more or less", "an approximate", "reportedly", "a reported",
              "a total of", "a further", "another", "an additional"),
}
_QUAL_EXACT_WORDS = {"a total of", "a further", "another", "an additional", "reportedly", "a reported"}

_WORD = "|".join(sorted([*_UNITS, *_TENS, *_SCALES, "dozen"], key=len, reverse=True))
_WORDNUM = rf"(?:(?:a|an|half\s+a)\s+(?:dozen|hundred|thousand|million)|(?:{_WORD})(?:(?:\s+and\s+|\s+|-)(?:{_WORD}))*)"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_DIGNUM = rf"(?:{_DIGITS}(?:\s*(?:hundred|thousand|million|billion|mln|bn)\b)?)"
_NUM = rf"(?:{_DIGNUM}|{_WORDNUM})"


@lru_cache(maxsize=1)
def vague_table() -> dict[str, Any]:
    """The vague-amount table (``data/vague_quantities.json``), loaded once."""
    text = resources.files("sitroom.data").joinpath("vague_quantities.json").read_text(encoding="utf-8")
    return json.loads(text)


def _vague_alternation() -> str:
    phrases = sorted(vague_table()["phrases"], key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)


def _qual_alternation() -> str:
    cues = sorted((c for group in _QUALIFIERS.values() for c in group), key=len, reverse=True)
    return "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in cues)


# A number may not be glued to letters, '$', or be part of a decimal/time/hyphen compound
# ("COVID-19", "5-year-old", "8:20", "$5").
_LB = r"(?<![\w$£€¥.,:/#-])"
_LA = r"(?![\w%$£€]|-[A-Za-z]|:\d|[.,]\d|\s*(?:%|per\s*cent|percent)\b)"

AMOUNT_RE = re.compile(
    rf"""{_LB}
    (?P<qual>(?:{_qual_alternation()})\s+)?
    (?:
        between\s+(?P<a1>{_NUM})\s+and\s+(?P<b1>{_NUM})
      | from\s+(?P<a2>{_NUM})\s+to\s+(?P<b2>{_NUM})
      | (?P<a3>{_DIGNUM})\s*[-–—]\s*(?P<b3>{_DIGNUM})
      | (?P<a4>{_NUM})\s+(?:to|or)\s+(?P<b4>{_NUM})
      | (?P<v>{_vague_alternation()})
      | (?P<n>{_NUM})
    )
    (?P<suffix>\s+or\s+more|\s+or\s+so|\s*-?\s*plus|\+)?
    {_LA}""",
    re.IGNORECASE | re.VERBOSE,
)
"""Finds amount phrases in running text (the Doc extractor filters dates, ages, money after)."""

_AMOUNT_FOLDED = re.compile(AMOUNT_RE.pattern, AMOUNT_RE.flags & ~re.IGNORECASE)


def amount_matches(text: str) -> list[re.Match[str]]:
    """``AMOUNT_RE.finditer(text)``, in half the time: the places are found case-sensitively over
    :func:`~sitroom.nlp.textscan.folded` text (where the pattern matches exactly where it matches
    ``text`` ignoring case), then each match is read from ``text`` (groups keep their capitals)."""
    out = []
    for found in _AMOUNT_FOLDED.finditer(folded(text)):
        m = AMOUNT_RE.match(text, found.start())
        if m is None or m.end() != found.end():  # not expected: then the plain scan decides
            return list(AMOUNT_RE.finditer(text))
        out.append(m)
    return out

_WS = re.compile(r"\s+")


def word_number(text: str) -> int | None:
    """The value of a number written in digits or words ("15,000", "1.2 million", "twenty-five",
    "two dozen", "a hundred"), or ``None`` when ``text`` is not one number."""
    t = _WS.sub(" ", text.strip().lower())
    if not t:
        return None
    m = re.fullmatch(rf"({_DIGITS})\s*(hundred|thousand|million|billion|mln|bn)?", t)
    if m:
        value = float(m.group(1).replace(",", ""))
        if m.group(2):
            value *= _DIGIT_SCALES[m.group(2)]
        if value != int(value) or value > 10**12:
            return None
        return int(value)
    t = re.sub(r"^half an? ", "half ", t)
    words = [w for w in re.split(r"[\s-]+", t) if w and w != "and"]
    if not words:
        return None
    if words[0] in ("a", "an"):
        words[0] = "one"
    half = False
    if words[0] == "half":
        half, words = True, words[1:] or ["?"]
        if words[0] in ("a", "an"):
            words[0] = "one"
    total, current, seen = 0, 0, False
    for w in words:
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "dozen":
            current = (current or 1) * 12
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in ("thousand", "million", "billion"):
            total += (current or 1) * _SCALES[w]
            current = 0
        else:
            return None
        seen = True
    if not seen:
        return None
    value = total + current
    if half:
        if value % 2:
            return None
        value //= 2
    return value


def _qualifier_group(cue: str) -> str:
    cue = _WS.sub(" ", cue.strip().lower())
    for group, cues in _QUALIFIERS.items():
        if cue in cues:
            return group if cue not in _QUAL_EXACT_WORDS else "exact"
    return "exact"


def _apply(group: str, n: int) -> Amount:
    table = vague_table()
    if group == "at_least":
        return (n, None, n, Qualifier.AT_LEAST)
    if group == "more_than":
        return (n + 1, None, None, Qualifier.MORE_THAN)
    if group == "up_to":
        return (min(1, n), n, n, Qualifier.UP_TO)
    if group == "at_most":
        return (0, n, None, Qualifier.AT_MOST)
    if group == "nearly":
        low = n - round(n * float(table.get("nearly_margin", 0.1)))
        return (max(0, low), n, n, Qualifier.ABOUT)
    if group == "about":
        delta = round(n * float(table.get("about_margin", 0.1)))
        return (max(0, n - delta), n + delta, n, Qualifier.ABOUT)
    return (n, n, n, Qualifier.EXACT)


def parse_amount(text: str) -> Amount | None:
    """Parse one amount phrase into ``(low, high, best, qualifier)``, or ``None``.

    Why intervals: reports disagree and hedge ("at least 40", "thousands"), and fusion compares
    intervals, not points. Rules (choices written here and in ``data/vague_quantities.json``):
    exact N → [N, N]; "at least N" → [N, open], best N; "more than N" → [N+1, open], no best;
    "up to N"/"as many as N" → [1, N], best N; "at most N"/"fewer than N" → [0, N]; "nearly N" →
    [N·0.9, N], best N; "about/some/an estimated N" → [N·0.9, N·1.1], best N; a range → [A, B], no
    best; a vague word → its table interval (best only where the table gives one); "N or more" and
    "N-plus" → at least N.

    Args:
        text: the phrase alone, e.g. ``"between 15,000 and 20,000"``.

    Returns:
        The interval, or ``None`` when ``text`` is not (entirely) an amount phrase.
    """
    if not isinstance(text, str):
        raise TypeError("parse_amount expects a string")
    phrase = _WS.sub(" ", text.strip())
    if not phrase or len(phrase) > 200:
        return None
    m = AMOUNT_RE.fullmatch(phrase)
    if not m:
        return None
    return amount_from_match(m)


def amount_from_match(m: re.Match[str]) -> Amount | None:
    """The interval for one :data:`AMOUNT_RE` match (shared by the string and Doc readers)."""
    group = _qualifier_group(m.group("qual")) if m.group("qual") else "exact"
    suffix = (m.group("suffix") or "").strip().lower()
    for a, b in (("a1", "b1"), ("a2", "b2"), ("a3", "b3"), ("a4", "b4")):
        if m.group(a):
            low, high = word_number(m.group(a)), word_number(m.group(b))
            if low is None or high is None:
                return None
            if high < low:
                # "15-20" is a range; "20-15" is not an amount (a score, a date).
                return None
            if low == high:
                return _apply(group, low)
            return (low, high, None, Qualifier.RANGE)
    if m.group("v"):
        key = _WS.sub(" ", m.group("v").strip().lower())
        entry = vague_table()["phrases"].get(key)
        if entry is None:
            return None
        if group != "exact" and entry.get("best") is not None:
            # "more than a dozen": the vague word is a number here.
            return _apply(group, int(entry["best"]))
        low, high = int(entry["low"]), int(entry["high"])
        if group in ("at_least", "more_than"):
            return (low, None, None, Qualifier.VAGUE)
        best = entry.get("best")
        return (low, high, int(best) if best is not None else None, Qualifier.VAGUE)
    n = word_number(m.group("n"))
    if n is None:
        return None
    if suffix in ("or more", "plus", "+", "-plus", "- plus") or suffix.endswith("plus"):
        return (n, None, n, Qualifier.AT_LEAST)
    if suffix == "or so":
        group = "about"
    return _apply(group, n)
