"""The event-type lexicon: sub-types, their trigger words and phrases, and the scanners over them.

Why its own module: the lexicon is data (``data/taxonomy.json``) turned into lookups once per
process (trigger words by key, phrase patterns with the word each needs, context words by
index); the typer in :mod:`sitroom.nlp.events` only asks it questions. Keeping the compilation
here lets the typer's module read as the rules it applies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from sitroom.nlp.textscan import GuardedPattern
from sitroom.taxonomy import taxonomy

__all__ = ["SubType", "sub_types", "PhraseScanners", "Scanners"]


@dataclass(frozen=True)
class SubType:
    """One sub-event type with its lexicon, as read from the taxonomy file."""

    event_type: str
    name: str
    code: str
    case: str | None
    extension: bool
    triggers: dict[str, float]
    phrases: tuple[tuple[re.Pattern[str], float], ...]
    context_words: dict[str, float]
    context_phrases: tuple[tuple[re.Pattern[str], float], ...]
    phrase_literals: tuple[str, ...] = ()
    """A lower-case word each phrase pattern needs, to skip patterns whose word is absent."""
    phrase_openers: tuple[tuple[str, ...], ...] = ()
    """Per phrase, the word beginnings one of which it must start with (empty: no such set)."""
    context_literals: tuple[str, ...] = ()


_GUARD = r"(?<![\w-])"


def _rx(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"{_GUARD}{phrase}(?![\w-])", re.IGNORECASE)


def _literal(pattern: str) -> str:
    """The longest plain lower-case word a phrase pattern always contains ("" when none is sure).

    Only words outside any group or optional part are taken, so the test ``literal in text`` can
    never skip a pattern that would have matched."""
    depth = 0
    plain: list[str] = []
    cur = ""
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            cur = ""
            i += 2
            continue
        if ch == "(":
            depth += 1
            plain.append(cur)
            cur = ""
        elif ch == ")":
            depth -= 1
            cur = ""
            if i + 1 < len(pattern) and pattern[i + 1] in "?*":
                pass
        elif depth == 0 and ch.isalpha():
            cur += ch
        else:
            if depth == 0:
                plain.append(cur)
            cur = ""
            if ch in "?*" and plain:
                plain[-1] = ""  # the letter before "?" is optional: drop the word it ends
        i += 1
    plain.append(cur)
    if "|" in pattern and depth == 0 and not pattern.startswith("("):
        top = [p for p in _split_top(pattern)]
        if len(top) > 1:
            return ""
    words = [w.lower() for w in plain if len(w) >= 3]
    return max(words, key=len) if words else ""


def _openers(pattern: str) -> tuple[str, ...]:
    """The lower-case beginnings a phrase pattern must start with, when it opens with a group of
    alternatives that each begin with three or more plain letters ("(?:fired|launch...) ..." →
    ("fired", "launch")); empty when there is no such set. Lets the scan skip a pattern none of
    whose openings occur in the text, as :func:`_literal` does for one required word."""
    if not pattern.startswith("(?:"):
        return ()
    depth, end = 0, -1
    for i, ch in enumerate(pattern):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                end = i
                break
    if end < 0 or pattern[end + 1:end + 2] in ("?", "*"):
        return ()
    out = []
    for alt in _split_top(pattern[3:end]):
        m = re.match(r"[a-z]+", alt)
        run = m.group() if m else ""
        if alt[len(run):len(run) + 1] in ("?", "*", "{"):
            run = run[:-1]  # "corpses?": the last letter is optional, so only "corpse" is required
        if len(run) < 3:
            return ()
        out.append(run)
    return tuple(out)


def _split_top(pattern: str) -> list[str]:
    parts, depth, cur = [], 0, ""
    for ch in pattern:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "|" and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return parts


@lru_cache(maxsize=1)
def sub_types() -> tuple[SubType, ...]:
    """Every sub-type with compiled phrase patterns, in taxonomy order (ties go to the first)."""
    out = []
    for group in taxonomy()["types"]:
        for st in group["sub_types"]:
            ctx = st.get("context", {})
            out.append(SubType(
                event_type=group["type"], name=st["name"], code=st["code"], case=st.get("case"),
                extension=bool(group.get("extension", False)),
                triggers={k.lower(): float(v) for k, v in st.get("triggers", {}).items()},
                phrases=tuple((_rx(p), float(w)) for p, w in st.get("phrases", {}).items()),
                context_words={k.lower(): float(v) for k, v in ctx.items() if " " not in k and "-" not in k},
                context_phrases=tuple((_rx(re.escape(k)), float(v)) for k, v in ctx.items() if " " in k or "-" in k),
                phrase_literals=tuple(_literal(p) for p in st.get("phrases", {})),
                phrase_openers=tuple(_openers(p) for p in st.get("phrases", {})),
                context_literals=tuple(k.lower() for k in ctx if " " in k or "-" in k),
            ))
    return tuple(out)


def _keys(tok: Token) -> frozenset[str]:
    """Lookup keys of a token: lemma, lower-case form, and the form less a regular inflection.

    Why the last: the small model's lemmatizer misses words it has not seen ("raping" → "rap",
    "shelled" as an adjective), and a trigger list should not have to spell every inflection."""
    return _keys_of(tok.lower_, tok.lemma_)


@lru_cache(maxsize=1 << 16)
def _keys_of(low: str, lemma: str) -> frozenset[str]:
    """:func:`_keys` by form and lemma (worked out once per word: every token is looked up)."""
    keys = {lemma.lower(), low}
    for suf in ("ing", "ed", "es", "s"):
        if low.endswith(suf) and len(low) - len(suf) >= 3:
            stem = low[: -len(suf)]
            keys |= {stem, stem + "e"}
            if len(stem) > 3 and stem[-1] == stem[-2]:  # "shelling" → "shell", "kidnapped" → "kidnap"
                keys.add(stem[:-1])
            break
    return frozenset(keys)


@lru_cache(maxsize=1)
def _trigger_index() -> dict[str, tuple[tuple[int, float], ...]]:
    """Trigger word → ((sub-type index, weight), ...), so each token is looked up once."""
    index: dict[str, list[tuple[int, float]]] = {}
    for si, st in enumerate(sub_types()):
        for key, w in st.triggers.items():
            index.setdefault(key, []).append((si, w))
    return {k: tuple(v) for k, v in index.items()}


#: (pattern, weight, required literal, required openers) per trigger phrase of one sub-type.
PhraseScanners = tuple[tuple[GuardedPattern, float, str, tuple[str, ...]], ...]
#: (pattern, weight, required literal) per context phrase of one sub-type.
Scanners = tuple[tuple[GuardedPattern, float, str], ...]


@lru_cache(maxsize=1)
def _phrase_scanners() -> tuple[tuple[PhraseScanners, Scanners], ...]:
    """Per sub-type, its phrase and context-phrase patterns (with weights, literals and openers) as
    :class:`~sitroom.nlp.textscan.GuardedPattern` scanners: the same matches, a third of the time."""
    return tuple((tuple((GuardedPattern.of(rx, _GUARD), w, lit, opens)
                        for (rx, w), lit, opens in zip(st.phrases, st.phrase_literals, st.phrase_openers)),
                  tuple((GuardedPattern.of(rx, _GUARD), w, lit)
                        for (rx, w), lit in zip(st.context_phrases, st.context_literals)))
                 for st in sub_types())


@lru_cache(maxsize=1)
def _context_index() -> dict[str, tuple[tuple[int, int, float], ...]]:
    """Context word → ((sub-type index, place in that sub-type's table, weight), ...)."""
    index: dict[str, list[tuple[int, int, float]]] = {}
    for si, st in enumerate(sub_types()):
        for place, (key, w) in enumerate(st.context_words.items()):
            index.setdefault(key, []).append((si, place, w))
    return {k: tuple(v) for k, v in index.items()}


def _context_sums(words: set[str], n: int) -> list[float]:
    """Per sub-type, the summed weights of its context words found in ``words``.

    Why an index: a sentence holds a few of the thousands of context words, so each word is
    looked up once instead of every table being walked per sentence. Weights add in table order,
    so every sum is the same float as a walk of the table gives."""
    found: dict[int, list[tuple[int, float]]] = {}
    index = _context_index()
    for word in words:
        for si, place, w in index.get(word, ()):
            found.setdefault(si, []).append((place, w))
    sums: list[float] = [0] * n
    for si, hits in found.items():
        hits.sort()
        sums[si] = sum(w for _, w in hits)
    return sums
