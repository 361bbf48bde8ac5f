"""Which claims of an event only set it in context, and so do not count as corroboration.

A report often follows its news with a record: "Bombs have killed more than 200 people in the city
since 2019", "Iraq has repatriated thousands from the camp since 2021", "the ministry reported 40
arrests in the past 24 hours". Extraction marks such figures as background or round-up
(``Quantity.scope``), and reconciliation already keeps them out of the toll. But the claim itself
still clusters with the event (same family, same place, an undated or long-ago time), and when its
source differs from the report's main claim ("police said" vs "officials said") it forms a source
chain of its own: one report then looks like two independent confirmations.

The rule: a claim is *context* when

- it has figures, and none of them counts the event itself (every ``scope`` is background or
  tally): what the claim tells, its figures say, is the record; and
- it has no date of its own: no time expression, one too coarse to place a happening (the
  view's ``time_precision`` is ``None``: "in recent years"), or one that lies inside the words
  that make a figure background ("since 2019", "in the past 24 hours", the earlier year "2014").

A date of its own ("before its handover on Saturday", next to "about 24,000 residents") is
evidence the claim also tells this happening, so such a claim counts. A trigger or a place alone
is not: in a record sentence the trigger is the record's verb ("have killed", "has detained"), and
a record is set in the event's own place ("in the city", "in the area"), which clustering has
already required to agree.

One guard: a claim is not context when one of its background or round-up figures reports the
event's own toll: it matches (same kind, overlapping low–high interval, an open upper bound reaching
to twice its low) a figure another claim of the event gives as the event's own. Extraction sometimes scopes a sentence's own figure as
background because of a record phrase beside it ("killed nine people, the deadliest attack in the
town since 2019"; "Earlier, an air strike killed five civilians"); a second outlet that tells the
same toll is then a corroborating source, not a record. A genuine record ("more than 400 have died
since 2012") beside an event toll of nine matches no event figure, and stays context.

A chain made only of context claims is not an independent chain of the event; its claims stay
among the event's claims (visible, with their figures and scope words) but in no chain. When every
chain of an event is context (an event that is itself a record: "several escapes since 2019"), its
chains are kept: there is nothing else to tell its sources by. When, moreover, every figure is
background, the event is a *record* of past happenings (``Event.record``), which the new-event
alerts leave out; a round-up of recent days stays news.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..model import Quantity, QuantityScope
from .views import ClaimView

__all__ = ["is_context", "judge_context"]

_EVENT = QuantityScope.EVENT


def _own_date(view: ClaimView) -> bool:
    """Whether the claim dates a happening of its own (see the module docstring)."""
    time = view.claim.time
    if time is None or view.time_precision is None:
        return False
    scope_spans = [q.scope_span for q in view.claim.quantities if q.scope_span is not None]
    return not any(time.span.overlaps(s) for s in scope_spans)


def _top(q: Quantity) -> int:
    """The highest value ``q`` plausibly claims: an open upper bound ("at least 4", "more than 40")
    reaches to twice its low (at least five more).

    Why: "at least 4 killed" says four or a few more, not every larger number; read as reaching on,
    it would match any record ("more than 150 have died since 2020") and count the record as a
    second source of the event's toll. Taken as its low alone, "more than 40 died" would miss
    another outlet's "killed 45"."""
    return max(2 * q.low, q.low + 5) if q.high is None else q.high


def _same_figure(a: Quantity, b: Quantity) -> bool:
    """Same kind and overlapping intervals (an open upper bound reaching as far as :func:`_top` says)."""
    return a.kind == b.kind and b.low <= _top(a) and a.low <= _top(b)


def is_context(view: ClaimView, event_figures: Iterable[Quantity] = ()) -> bool:
    """A claim whose only figures are background or round-ups, none of them the event's own toll
    as ``event_figures`` (the event-scope figures of the event's other claims) give it, and which
    has no date of its own."""
    quantities = view.claim.quantities
    if not quantities or any(q.scope == _EVENT for q in quantities):
        return False
    tolls = list(event_figures)
    if any(_same_figure(q, t) for q in quantities for t in tolls):
        return False
    return not _own_date(view)


def judge_context(chains: Sequence[Sequence[ClaimView]]) -> tuple[list[Sequence[ClaimView]], bool]:
    """(the chains that corroborate the event, whether the event is a record).

    The counted chains are those holding at least one claim that is not context, all of them when
    none does. The event is a record of past happenings ("Iraq has repatriated 20,000 since 2021")
    when no chain holds news and every figure is background: its chains still count (they are all
    it has), but alerts do not take it for a new happening; a round-up ("45 killed over the past
    three days") is context for counting sources, yet tells recent activity, so it is no record.
    The one rule fusion and the analyst's merge and split both use (one pass over the claims)."""
    news = _news_chains(chains)
    if news:
        return news, False
    record = bool(chains) and all(q.scope == QuantityScope.BACKGROUND
                                  for chain in chains for v in chain for q in v.claim.quantities)
    return list(chains), record


def _news_chains(chains: Sequence[Sequence[ClaimView]]) -> list[Sequence[ClaimView]]:
    figures = [(v.id, q) for chain in chains for v in chain
               for q in (*v.claim.quantities, *v.sentence_figures) if q.scope == _EVENT]

    def context(view: ClaimView) -> bool:
        return is_context(view, (q for cid, q in figures if cid != view.id))

    return [chain for chain in chains if not all(context(v) for v in chain)]
