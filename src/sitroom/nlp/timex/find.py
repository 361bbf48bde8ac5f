"""``find_timexes``: detection plus normalisation over one parsed document.

Why a separate module: detection (``detect``) and normalisation (``normalize``) stay pure and
testable on their own; this is where the document-level pieces meet: reading order (the quarter
a report is about, the last day or year named, a dateline's day), the governing verb's tense,
the signal words just before an expression ("since", "as soon as", "payable") and "since"
widening a date.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta

from spacy.tokens import Doc, Span

from ...model import TimeMention
from ..dateline import DATELINE_CHARS as _DATELINE_CHARS, dateline_day as _dateline_day
from ..parse import text_of
from .detect import Candidate, find_candidates
from .interval import to_time_mention
from .normalize import Context, DocState, normalise
from .tense import direction_of, governing_verb
from .types import Direction, Timex
from .values import is_valid_value

__all__ = ["find_timexes", "time_mentions", "as_date"]

_OPEN_AFTER = frozenset({"since"})
# Words that make a calendar date a schedule point whatever the tense of the sentence.
_SCHEDULE_WORDS = frozenset({"payable", "effective", "through", "until", "till", "expires", "expire"})
_AS_EARLY_AS = re.compile(r"\bas\s+(?:soon|early)\s+as\s+$")
_DAY_BEFORE_AFTER = re.compile(r"\b(?:[Tt]he\s+)?[Dd]ay\s+(?P<which>before|after)\s+$")
_FULL_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


# Verbs that set or move a deadline: "until <day>" after them is the new deadline, ahead of the
# report even in the past tense ("postponed the vote until Monday"). "Up until Thursday, police
# had said ..." keeps the tense's reading.
_DEADLINE_VERBS = frozenset({"give", "extend", "postpone", "delay", "adjourn", "defer", "suspend",
                             "recess", "grant", "allow"})


def _moves_a_deadline(span: Span) -> bool:
    verb = governing_verb(span)
    return verb is not None and verb.lemma_ in _DEADLINE_VERBS


_EVENT_DETERMINERS = frozenset({"the", "its", "their", "his", "her"})


def _names_an_event(doc: Doc, span: Span, prev: str) -> bool:
    """ "the Oct. 23 slaying", "the Feb. 20 bombing": a date used as a noun's modifier.

    Why past: news names an event by its date once it has happened; a date ahead is written
    with a verb ("talks set for Oct. 23"). Only a determiner before and a noun after count.
    """
    if prev not in _EVENT_DETERMINERS or span.end >= len(doc):
        return False
    after = doc[span.end]
    return after.pos_ == "NOUN" and after.head.i != span.root.i and span.root.head.i == after.i


def _context(doc: Doc, text: str, cand: Candidate, dct: date, state: DocState) -> Context:
    span = cand.span
    prev = doc[span.start - 1].lower_ if span.start > 0 else ""
    nxt = text[cand.end : cand.end + 40].lower()
    before = text[max(0, cand.start - 16) : cand.start].lower()
    if prev == "since":
        direction: Direction | None = "past"
    elif _AS_EARLY_AS.search(before):
        direction = "future"  # "as soon as Tuesday", "as early as next week"
    elif prev in _SCHEDULE_WORDS and cand.rule.norm in ("explicit_date", "month", "holiday"):
        direction = None  # "payable Dec. 15", "effective Feb. 1": the nearest such date
    elif prev in ("until", "till") and _moves_a_deadline(span):
        direction = "future"  # "extended the deadline until Tuesday", "gave them until 9 a.m. Friday"
    else:
        direction = direction_of(span)
        if direction != "future" and _names_an_event(doc, span, prev):
            direction = "past"
    plural = span.start > 0 and doc[span.start - 1].tag_ in ("NNS", "NNPS")
    return Context(dct=dct, direction=direction, prev=prev, next=nxt, state=state,
                   prev_plural_noun=plural)


def as_date(value: date) -> date:
    """The calendar day of a DCT given as a date or a (possibly aware) datetime."""
    return value.date() if isinstance(value, datetime) else value


def find_timexes(doc: Doc, dct: date) -> list[Timex]:
    """All TIMEX3 expressions in ``doc``, normalised against the document creation time ``dct``.

    Args:
        doc: the one spaCy parse of the document (tagger, parser and NER are read).
        dct: the publication date the relative expressions are resolved against.

    Returns:
        The expressions in document order, each with TimeML ``type``/``value``/``mod``. "since
        2019" yields the timex "2019" with mod ``ON_OR_AFTER`` (the preposition stays outside the
        extent, as TimeML wants, but claims need the open interval it implies). When a report
        opens with a dateline day up to a week before ``dct``, relative expressions count from
        that day (agency copy is often stamped after it was written).
    """
    dct = as_date(dct)
    state = DocState(dct)
    text = text_of(doc)
    out: list[Timex] = []
    ref = dct
    for cand in find_candidates(doc, text):
        context = _context(doc, text, cand, ref, state)
        try:
            result = normalise(cand.rule.norm, cand.groups, context)
        except (ValueError, OverflowError):
            # Date arithmetic off the calendar's ends (year 1 or 9999): not a usable timex.
            result = None
        if result is None or not is_valid_value(result.value):
            continue
        start = cand.start
        day_shift = _DAY_BEFORE_AFTER.search(text, max(0, cand.start - 24), cand.start)
        if day_shift and _FULL_DAY.match(result.value) and (not out or out[-1].end <= day_shift.start()):
            # "the day before last Tuesday's hearing": one day from the day named, one expression.
            try:
                shifted = date.fromisoformat(result.value[:10]) + timedelta(
                    days=-1 if day_shift.group("which").lower() == "before" else 1)
            except (ValueError, OverflowError):
                shifted = None
            if shifted is not None:
                result = replace(result, value=shifted.isoformat() + result.value[10:])
                start = day_shift.start()
        mod = result.mod
        if mod is None and result.type == "DATE" and context.prev in _OPEN_AFTER:
            mod = "ON_OR_AFTER"
        if not out and cand.start < _DATELINE_CHARS and cand.rule.norm == "explicit_date":
            ref = _dateline_day(result.value, dct) or ref
        out.append(Timex(start=start, end=cand.end, text=text[start : cand.end],
                         type=result.type, value=result.value, mod=mod, anchor=result.anchor,
                         rule=cand.rule.name))
    return out


def time_mentions(doc: Doc, published: date) -> list[TimeMention]:
    """The claims' view of a document's dates: each timex that has an interval, as a TimeMention.

    Why here: extraction (issue 3) needs exactly this, and it must go through the one resolver
    (:func:`find_timexes` + :func:`~sitroom.nlp.timex.interval.to_time_mention`); SETs and
    unanchored values ("every Tuesday", "XXXX-WXX-2") have no interval and are left out.
    """
    day = as_date(published)
    out = []
    for timex in find_timexes(doc, day):
        mention = to_time_mention(timex, day)
        if mention is not None:
            out.append(mention)
    return out
