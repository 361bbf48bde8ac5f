"""Shared pieces of the attribution rules: the :class:`Mention` record, token-range helpers and
quotation ranges.

Why a module of its own: the verb rules (:mod:`.mentions`) and the layout rules (:mod:`.layout`)
both build mentions from token ranges; keeping the record and the helpers here lets each rule
module stay about one kind of evidence.
"""

from __future__ import annotations

import re

from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sitroom.model import Span

from .lexicon import Lexicon

__all__ = [
    "Mention",
    "token_span",
    "quoted_ranges",
    "inside",
    "trim",
    "phrase",
    "extend_name",
    "span_of",
    "animate",
]


_PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "who", "which", "that"}


@dataclass(frozen=True, slots=True)
class Mention:
    """One attribution as the sentence states it.

    ``speaker`` is the syntactic source of the cue (subject, agent, or the object of "according
    to"); ``cited`` the source it cites ("citing Y"), which is then the original source;
    ``recipient`` an outlet the speaker talked to ("told Reuters").
    """

    cue: Span
    cue_text: str
    cue_lemma: str
    sentence: Span
    speaker: Span | None = None
    speaker_head: int | None = None
    """Token index of the speaker's syntactic head (for kind and name decisions)."""
    cited: Span | None = None
    cited_head: int | None = None
    recipient: Span | None = None
    recipient_head: int | None = None
    content: Span | None = None
    pattern: str = "verb"
    """``verb``, ``according``, ``passive``, ``punctuation`` ("Name: …", "” ― Name") or
    ``nominal`` ("the claim that …")."""
    clausal: bool = False
    """True when the content is a reported clause or quotation (not an infinitive or object)."""
    negated: bool = False
    """"did not say", "declined to comment": no one is reported as saying anything."""
    antecedent: Span | None = None
    antecedent_head: int | None = None
    """For a relative-pronoun speaker ("the coalition, which said …"), the noun phrase it stands
    for."""


def token_span(tokens: list[Token] | SpacySpan) -> Span:
    """The character :class:`Span` covering ``tokens`` (a contiguous run)."""
    if isinstance(tokens, SpacySpan):  # its ends, not a walk over every token of a long sentence
        return Span(tokens.start_char, tokens.end_char)
    return Span(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token range ``[start, end)`` without leading/trailing punctuation and conjunctions."""
    while start < end and (doc[start].is_punct or doc[start].dep_ == "cc"):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
        end -= 1
    return start, end


def phrase(token: Token, exclude: set[int] | None = None) -> tuple[int, int] | None:
    """Token range of ``token``'s subtree, cut before any excluded token (the cue, a clause)."""
    exclude = exclude or set()
    left, right = token.left_edge.i, token.right_edge.i + 1
    # Keep a contiguous run around the head that does not cross an excluded token.
    start = token.i
    while start > left and (start - 1) not in exclude:
        start -= 1
    end = token.i + 1
    while end < right and end not in exclude:
        end += 1
    doc = token.doc
    # Never across a paragraph or line break ("09:40 GMT\n\nThe governor says").
    for i in range(token.i - 1, start - 1, -1):
        if "\n" in doc[i].text_with_ws:
            start = i + 1
            break
    for i in range(token.i, end - 1):
        if "\n" in doc[i].text_with_ws:
            end = i + 1
            break
    start, end = trim(doc, start, end)
    if start >= end:
        return None
    return start, end


def extend_name(doc: Doc, rng: tuple[int, int] | None, limit: int) -> tuple[int, int] | None:
    """Pull a name the parser left outside the phrase back in ("state news agency SANA")."""
    if rng is None:
        return None
    start, end = rng
    while end < min(limit, len(doc)) and doc[end - 1].pos_ == "NOUN" and (
        doc[end].pos_ == "PROPN" or (doc[end].is_upper and doc[end].is_alpha and len(doc[end]) > 1)
    ):
        end += 1
        while end < min(limit, len(doc)) and doc[end].pos_ == "PROPN":
            end += 1
    return start, end


def span_of(doc: Doc, rng: tuple[int, int] | None) -> Span | None:
    if rng is None or rng[0] >= rng[1]:
        return None
    return token_span(doc[rng[0] : rng[1]])


def animate(token: Token, lex: Lexicon) -> bool:
    """A speaker that can be talking: a person or organisation name, a pronoun, or an official,
    anonymous or organisation head noun."""
    if token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    low = token.lower_
    if low in _PRONOUNS - {"it", "which", "that"}:
        return True
    lemma = token.lemma_.lower()  # plurals the lists do not spell out ("unions", "agencies")
    return any(
        word in heads
        for word in (low, lemma)
        for heads in (
            lex.official_heads, lex.anonymous_heads, lex.organisation_heads, lex.outlet_heads, lex.person_heads,
        )
    )


_QUOTE_MARKS = re.compile("\n(?=\n)|“|``|”|\"|''")


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (curly pairs, straight double quotes and doubled
    single quotes), never crossing a paragraph break.

    Why: a cue inside someone's quotation ("I say we hold the line") is the speaker's wording, not the
    report's attribution.
    """
    ranges: list[tuple[int, int]] = []
    open_at: int | None = None
    # Only the marks matter, so the scan jumps from one to the next: a blank line, curly quotes,
    # doubled backticks or single quotes (taken in pairs from the left) and straight double quotes.
    for m in _QUOTE_MARKS.finditer(text):
        i, mark = m.start(), m.group()
        if mark == "\n":
            open_at = None
        elif mark in ("“", "``"):
            open_at = i + 1
        elif mark == "”":
            if open_at is not None:
                ranges.append((open_at, i))
            open_at = None
        elif open_at is None:  # '"' or "''"
            open_at = i + 1
        else:
            ranges.append((open_at, i))
            open_at = None
    return ranges


def inside(ranges: list[tuple[int, int]], pos: int) -> bool:
    lo, hi = 0, len(ranges)
    while lo < hi:
        mid = (lo + hi) // 2
        if ranges[mid][1] <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo < len(ranges) and ranges[lo][0] <= pos < ranges[lo][1]
