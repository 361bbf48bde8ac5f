"""What fusion knows about a claim: the claim plus the few document facts it needs, derived once.

Why a view: clustering compares each claim with many candidate events, so the inputs of every
comparison (family, time window, place, content words, source chain) are computed once per claim
and kept in a flat, hashable record. Building views is the only step that reads document text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from ..model import Claim, Document, Place, Quantity, QuantityScope, TimePrecision

__all__ = ["ClaimView", "make_view", "family_of", "content_words", "UNDATED_LOOKBACK_DAYS"]

#: A claim with no time expression happened at most this many days before its report was published.
UNDATED_LOOKBACK_DAYS = 10
#: A time expression spanning more than this many days ("in recent years", "since 2019") says too
#: little to tell events apart; such claims are placed like undated ones — unless the span ends
#: before the report's window ("in 2014"): that is history and keeps its own dates.
MAX_DATED_SPAN_DAYS = 31

#: Types whose sub-types are different kinds of happening (an arrest is not an agreement; an
#: escape is not a flood), so fusion keeps sub-types apart; for the other ACLED types a report's
#: sub-type varies for the same happening ("car bomb" vs "IED"), so the type is the family.
_SPLIT_BY_SUBTYPE = ("Strategic developments", "Movements and detention")

_WORD = re.compile(r"[^\W\d_][\w'-]+", re.UNICODE)
_STOP = frozenset(
    """a an the of to in on at for from by with and or but as is was were be been being are has have had
    it its this that these those their his her they them he she we our you your who which what when where
    said says say told according also after before over into about than more most some such other
    would could will can may might not no so if while there here just very up out one two three new""".split()
)


def family_of(event_type: str, sub_event_type: str | None) -> str:
    """The fusion family of a claim: claims of different families are never one event."""
    if sub_event_type and event_type.startswith(_SPLIT_BY_SUBTYPE):
        return sub_event_type
    return event_type


def content_words(text: str) -> frozenset[str]:
    """Lower-cased content words (no stop words, no numbers), for text similarity."""
    return frozenset(w for w in (m.group(0).lower() for m in _WORD.finditer(text)) if w not in _STOP and len(w) > 2)


@dataclass(frozen=True, slots=True)
class ClaimView:
    claim: Claim
    document_id: str
    outlet: str | None
    published: datetime | None
    family: str
    start: date | None
    end: date | None
    time_precision: TimePrecision | None
    """``None`` when the window comes from the publication date, not from the text."""
    place: Place | None
    words: frozenset[str]
    order: tuple[str, str, int, str]
    """Deterministic processing order: publication time, document id, position, claim id."""
    sentence_figures: tuple[Quantity, ...] = ()
    """Event figures that other claims of the same report give inside this claim's span ("Nine
    people were killed when a car bomb exploded": the attack claim holds the figure, the bombing
    claim beside it none). What the claim's sentence tells, for :mod:`sitroom.fuse.context`."""

    @property
    def id(self) -> str:
        return self.claim.id


def _history(claim: Claim, published: datetime | None) -> bool:
    """Whether a coarse claim time ("in 2014") ends before the report's own window.

    Such a claim tells history ("the group overran the province in 2014"), not the news: placing
    it in the days before publication, as an undated claim is placed, would file a years-old
    happening as this week's event (and raise a "first event" alert for it).
    """
    if claim.time is None or published is None:
        return False
    return claim.time.end < published.date() - timedelta(days=UNDATED_LOOKBACK_DAYS)


def _sentence_figures(claim: Claim, siblings: Iterable[Claim]) -> tuple[Quantity, ...]:
    span = claim.span
    return tuple(q for s in siblings if s.id != claim.id and s.document_id == claim.document_id
                 for q in s.quantities
                 if q.scope == QuantityScope.EVENT and span.start <= q.span.start and q.span.end <= span.end)


def make_view(claim: Claim, document: Document, siblings: Iterable[Claim] = ()) -> ClaimView:
    """The view of ``claim``, which must come from ``document``; ``siblings`` are the other claims
    of that document, when known (for :attr:`ClaimView.sentence_figures`)."""
    published = document.published
    if claim.time is not None and ((claim.time.end - claim.time.start).days <= MAX_DATED_SPAN_DAYS
                                   or _history(claim, published)):
        start, end, precision = claim.time.start, claim.time.end, claim.time.precision
    elif published is not None:
        end = published.date()
        start, precision = end - timedelta(days=UNDATED_LOOKBACK_DAYS), None
    else:
        start = end = precision = None
    place_mention = claim.event_place
    sentence = claim.span.quote(document.text)
    return ClaimView(
        claim=claim,
        document_id=document.id,
        outlet=document.outlet,
        published=published,
        family=family_of(claim.event_type, claim.sub_event_type),
        start=start,
        end=end,
        time_precision=precision,
        place=place_mention.place if place_mention else None,
        words=content_words(sentence),
        order=(published.isoformat() if published else "9999", document.id, claim.span.start, claim.id),
        sentence_figures=_sentence_figures(claim, siblings),
    )
