"""The tagger's word lists and rule table, loaded once from ``sitroom/data/timex/``.

Why data files: the words news uses for time ("fortnight", "year-earlier", "mid-") grow with every
corpus we read; keeping them in TOML lets a reader add one without touching code, and the rule
table reads as a grammar. Both load once per process (``lru_cache``); extraction never reads files.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Mapping

__all__ = ["Lexicon", "Rule", "lexicon", "rules", "GUARD"]


@dataclass(frozen=True, slots=True)
class Rule:
    """One detection rule: a compiled pattern and the normaliser that reads its groups."""

    name: str
    norm: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class Lexicon:
    """The word lists of ``lexicon.toml``, keys lower case."""

    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    numbers: Mapping[str, int]
    vague_numbers: Mapping[str, str]
    ordinals: Mapping[str, int]
    units: Mapping[str, str]
    seasons: Mapping[str, str]
    day_parts: Mapping[str, str]
    relative_days: Mapping[str, int]
    modifiers: Mapping[str, str]
    approximators: Mapping[str, str]
    vague: Mapping[str, str]
    set_adverbs: Mapping[str, str]
    holidays: Mapping[str, str]


def _load(name: str) -> dict[str, Any]:
    text = (resources.files("sitroom") / "data" / "timex" / name).read_text(encoding="utf-8")
    return tomllib.loads(text)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The word lists (loaded once per process)."""
    data = _load("lexicon.toml")
    return Lexicon(**{key: data[key] for key in Lexicon.__dataclass_fields__})


def _alternation(words: list[str]) -> str:
    """A non-capturing alternation, longest first so "new year's day" beats "new year"."""
    parts = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        parts.append(r"\s+".join(re.escape(piece) for piece in word.split()))
    return "(?:" + "|".join(parts) + ")"


def _month_alternation(months: Mapping[str, int]) -> str:
    full = {name for name in months if len(name) > 4 or name in {"may", "june", "july"}}
    words = [re.escape(name) for name in full]
    words += [re.escape(abbr) + r"\.?" for abbr in months if abbr not in full]
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")(?!\w)"


def _number_alternation(numbers: Mapping[str, int]) -> str:
    word = _alternation([w for w in numbers if w not in {"a", "an"}])
    tail = rf"(?:(?:\s+|-)(?:and\s+)?{word})*"
    digits = r"\d{1,3}(?:,\d{3})*(?:\.\d+)?(?:\s+1/2)?"
    big = rf"an?\s+(?:hundred|thousand|dozen){tail}"
    return rf"(?:{digits}|{big}|{word}{tail}|an?(?=[\s-]))"


_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
YEAR_WORDS = (
    rf"(?:(?:nineteen|twenty)[\s-]+(?:(?:{_TENS})(?:[\s-]+(?:{_UNITS}))?|{_TEENS}|hundred)"
    rf"|two\s+thousand(?:\s+and)?(?:[\s-]+(?:{_TEENS}|{_UNITS}))?)(?![\w-])"
)
"""Years said in words, as broadcast transcripts write them ("nineteen ninety-six")."""


@lru_cache(maxsize=1)
def placeholders() -> dict[str, str]:
    """``<<NAME>>`` -> regex fragment, built from the word lists."""
    lex = lexicon()
    return {
        "MONTH": _month_alternation(lex.months),
        "WEEKDAY": _alternation(list(lex.weekdays)),
        "DAY": r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)",
        "YEAR": rf"(?:(?<![\d$.,])(?:1[0-9]\d\d|20\d\d)(?![\d%]|,\d)|{YEAR_WORDS})",
        "NUM": _number_alternation(lex.numbers),
        "VAGUENUM": _alternation(list(lex.vague_numbers)),
        "UNIT": _alternation(list(lex.units)) + r"(?![\w])",
        "ORD": _alternation(list(lex.ordinals)),
        "SEASON": _alternation(list(lex.seasons)),
        "PART": _alternation(list(lex.day_parts)),
        "RELDAY": _alternation(list(lex.relative_days)),
        "MOD": _alternation(list(lex.modifiers)),
        "APPROX": _alternation(list(lex.approximators)),
        "VAGUE": _alternation(list(lex.vague)),
        "SETADV": _alternation(list(lex.set_adverbs)),
        "HOLIDAY": _alternation(list(lex.holidays)),
    }


_PLACEHOLDER = re.compile(r"<<([A-Z]+)>>")


def expand(pattern: str) -> str:
    """Replace every ``<<NAME>>`` in ``pattern`` with its word-list fragment."""
    table = placeholders()
    return _PLACEHOLDER.sub(lambda m: table[m.group(1)], pattern)


#: What every rule pattern starts with: no match begins inside a word ("2019" in "x2019").
GUARD = r"(?<![\w'-])"


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The compiled rule table, in priority order (loaded once per process)."""
    compiled = []
    for entry in _load("rules.toml")["rule"]:
        body = expand(entry["pattern"])
        # Patterns run over lower-cased text (see ``detect.lowered``): faster than IGNORECASE.
        regex = re.compile(rf"{GUARD}(?:{body})(?![\w]|-\w)")
        compiled.append(Rule(name=entry["name"], norm=entry["norm"], regex=regex))
    return tuple(compiled)
