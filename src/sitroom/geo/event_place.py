"""Which place mention is where an event happened, given the event's trigger in the parse.

Why from syntax: "Troops from Turkey shelled villages near Tal Tamr" mentions two places, and only
the one attached to the trigger verb by a locative preposition ("near Tal Tamr") is the event's
place. The rule scores each literal mention: same sentence, a locative preposition ("in", "at",
"near", "outside"...) linking it to the trigger or to the trigger's object, few tokens apart, a
finer precision; origins ("from X") and metonyms ("Turkey said") are never chosen.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from spacy.tokens import Doc, Span as SpacySpan, Token

from sitroom.model import PlaceMention, Precision

__all__ = ["choose_event_place", "mark_event_place", "LOCATIVE", "ORIGIN"]

LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "around", "on", "across", "throughout",
                      "within", "along", "into", "onto", "towards", "toward", "nearby", "off", "west", "east",
                      "north", "south", "between", "of"})
ORIGIN = frozenset({"from"})
#: Below this score no mention is taken as the event place (it is in another sentence, or an origin).
MIN_SCORE = -4.0


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _path_to(token: Token, target: Token, limit: int = 4) -> list[Token] | None:
    """Heads from ``token`` up to ``target`` (inclusive), if reached within ``limit`` steps."""
    path = [token]
    cur = token
    for _ in range(limit):
        if cur == target:
            return path
        if cur.head == cur:
            return None
        cur = cur.head
        path.append(cur)
    return path if cur == target else None


def _score(doc: Doc, trigger: Token, m: PlaceMention) -> float | None:
    if m.kind in ("metonym", "demonym", "embedded"):
        return None
    tok = _token_at(doc, m.span.start)
    if tok is None:
        return None
    # The mention's syntactic head: the last token of a multi-word name.
    head = _token_at(doc, max(m.span.start, m.span.end - 1)) or tok
    score = 0.0
    if head.sent != trigger.sent:
        score -= 5.0
    path = _path_to(head, trigger, 5)
    preps = [t for t in path or [] if t.dep_ == "prep"]
    if path is not None:
        score += 3.0
        if any(p.lower_ in LOCATIVE for p in preps):
            score += 3.0
        if any(p.lower_ in ORIGIN for p in preps):
            score -= 4.0
        score -= 0.3 * len(path)
    else:
        # Not governed by the trigger: a locative preposition still makes it a likely setting.
        prep = head.head if head.dep_ == "pobj" else None
        if prep is not None and prep.lower_ in LOCATIVE:
            score += 1.5
        if prep is not None and prep.lower_ in ORIGIN:
            score -= 3.0
    score -= 0.02 * abs(head.i - trigger.i)
    if m.place is not None:
        score += 0.2 * (len(Precision) - m.place.precision.rank())
    return score


def choose_event_place(doc: Doc, trigger: Token | SpacySpan, mentions: Sequence[PlaceMention]) -> int | None:
    """Index into ``mentions`` of the place where the event of ``trigger`` happened, or ``None``.

    Args:
        doc: the parse the mentions and the trigger come from.
        trigger: the event's trigger token (or span: its root is used), e.g. "shelled".
        mentions: place mentions of the document (resolved or not).
    """
    trig = trigger.root if isinstance(trigger, SpacySpan) else trigger
    best, best_score = None, None
    for i, m in enumerate(mentions):
        s = _score(doc, trig, m)
        if s is None:
            continue
        if best_score is None or s > best_score:
            best, best_score = i, s
    if best_score is None or best_score < MIN_SCORE:
        return None
    return best


def mark_event_place(doc: Doc, trigger: Token | SpacySpan, mentions: Sequence[PlaceMention]) -> list[PlaceMention]:
    """``mentions`` with ``is_event_place=True`` on the chosen one (all others ``False``)."""
    chosen = choose_event_place(doc, trigger, mentions)
    return [replace(m, is_event_place=(i == chosen)) for i, m in enumerate(mentions)]
