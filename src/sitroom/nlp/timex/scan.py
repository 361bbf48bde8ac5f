"""Every rule's matches over a text, found with one scan for where any rule can begin.

Why: the rule table has some forty patterns, and scanning the text once per pattern costs more
than the rest of time tagging together: at every character each pattern first tests its word-start
guard, then its alternations. Instead one pattern, the guard followed by a look-ahead that
accepts any rule's body (each behind a test of the characters that body can begin with), finds
the few places where some rule matches; each rule is then tried only there. The result is what
``rule.regex.finditer`` gives, rule by rule (the leftmost match from where the last one ended):
every place where a rule matches is such a place, and a match tried at a place is the one
``finditer`` finds there.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import GUARD, Rule, rules

__all__ = ["rule_matches", "first_characters"]

try:  # the standard library's parser of patterns (private; without it, no first-character tests)
    from re import _constants as _C, _parser as _P
except ImportError:  # pragma: no cover - CPython 3.11+ ships both
    _C = _P = None  # type: ignore[assignment]

_NAMED = re.compile(r"\(\?P<\w+>")


def _first_of_items(items) -> tuple[set | None, bool]:  # type: ignore[no-untyped-def]
    """(atoms a match of ``items`` can begin with, or None for any character; can it be empty)."""
    out: set = set()
    for op, av in items:
        first, empty = _first_of_op(op, av)
        if first is None:
            return None, False
        out |= first
        if not empty:
            return out, False
    return out, True


def _first_of_op(op, av) -> tuple[set | None, bool]:  # type: ignore[no-untyped-def]
    if op is _C.LITERAL:
        return {("char", av)}, False
    if op is _C.IN:
        atoms = set()
        for kind, arg in av:
            if kind is _C.LITERAL:
                atoms.add(("char", arg))
            elif kind is _C.RANGE:
                atoms.add(("range", arg))
            elif kind is _C.CATEGORY and arg in _CATEGORIES:
                atoms.add(("category", arg))
            else:  # a negated set or a category without a class escape
                return None, False
        return atoms, False
    if op is _C.SUBPATTERN:
        if av[1] & re.IGNORECASE:
            return None, False
        return _first_of_items(av[3])
    if op is _C.BRANCH:
        atoms, empty = set(), False
        for branch in av[1]:
            first, can_be_empty = _first_of_items(branch)
            if first is None:
                return None, False
            atoms |= first
            empty = empty or can_be_empty
        return atoms, empty
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
        low, _, item = av
        first, empty = _first_of_items(item)
        return (None, False) if first is None else (first, empty or low == 0)
    if op is _C.ATOMIC_GROUP:
        return _first_of_items(av)
    if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
        return set(), True  # takes no character (ignoring what it asserts only widens the set)
    return None, False


_CATEGORIES = {} if _C is None else {
    _C.CATEGORY_DIGIT: r"\d", _C.CATEGORY_WORD: r"\w", _C.CATEGORY_SPACE: r"\s"}


def first_characters(body: str) -> str | None:
    """A character class holding every character a match of ``body`` can begin with, or ``None``
    when that cannot be said (any character, an empty match, flags, or no pattern parser)."""
    if _P is None:
        return None
    try:
        parsed = _P.parse(body)
    except re.error:
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    atoms, empty = _first_of_items(parsed)
    if atoms is None or empty or not atoms:
        return None
    parts = []
    for kind, arg in sorted(atoms, key=repr):
        if kind == "char":
            parts.append(re.escape(chr(arg)))
        elif kind == "range":
            parts.append(f"{re.escape(chr(arg[0]))}-{re.escape(chr(arg[1]))}")
        else:
            parts.append(_CATEGORIES[arg])
    return "[" + "".join(parts) + "]"


@lru_cache(maxsize=1)
def _starts() -> re.Pattern[str] | None:
    """The pattern of places where some rule can match (``None``: scan rule by rule instead)."""
    bodies = []
    for rule in rules():
        pattern = rule.regex.pattern
        if not pattern.startswith(GUARD) or "(?P=" in pattern or "(?(" in pattern:
            return None
        body = _NAMED.sub("(?:", pattern[len(GUARD):])  # the same pattern, without group names
        if _P is not None and _P.parse(body).getwidth()[0] == 0:
            return None  # an empty match would make finditer's steps differ
        first = first_characters(body)
        bodies.append(f"(?={first})(?:{body})" if first else f"(?:{body})")
    try:
        return re.compile(GUARD + "(?=" + "|".join(bodies) + ")")
    except re.error:  # pragma: no cover - the rules compiled one by one
        return None


def rule_matches(low: str) -> list[tuple[int, Rule, re.Match[str]]]:
    """``(priority, rule, match)`` for every match of every rule in ``low``: for each rule, the
    matches ``rule.regex.finditer(low)`` gives (rules in table order, matches in text order)."""
    table = rules()
    starts_rx = _starts()
    if starts_rx is None:
        return [(p, rule, m) for p, rule in enumerate(table) for m in rule.regex.finditer(low)]
    starts = [m.start() for m in starts_rx.finditer(low)]
    out: list[tuple[int, Rule, re.Match[str]]] = []
    if not starts:
        return out
    for priority, rule in enumerate(table):
        match = rule.regex.match
        last = 0
        for start in starts:
            if start < last:
                continue
            m = match(low, start)
            if m is not None:
                out.append((priority, rule, m))
                last = m.end()
    return out
