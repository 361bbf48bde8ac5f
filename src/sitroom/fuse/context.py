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

A chain made only of context claims is not an independent chain of the event; its claims stay
among the event's claims (visible, with their figures and scope words) but in no chain. When every
chain of an event is context (an event that is itself a record: "several escapes since 2019"), its
chains are kept: there is nothing else to tell its sources by.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import QuantityScope, Span
from .views import ClaimView

__all__ = ["is_context", "counted_chains"]

_EVENT = QuantityScope.EVENT


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _own_date(view: ClaimView) -> bool:
    """Whether the claim dates a happening of its own (see the module docstring)."""
    time = view.claim.time
    if time is None or view.time_precision is None:
        return False
    scope_spans = [q.scope_span for q in view.claim.quantities if q.scope_span is not None]
    return not any(_overlaps(time.span, s) for s in scope_spans)


def is_context(view: ClaimView) -> bool:
    """A claim whose only figures are background or round-ups and which has no date of its own."""
    quantities = view.claim.quantities
    if not quantities or any(q.scope == _EVENT for q in quantities):
        return False
    return not _own_date(view)


def counted_chains(chains: Sequence[Sequence[ClaimView]]) -> list[Sequence[ClaimView]]:
    """The chains that corroborate the event: those holding at least one claim that is not context
    (all of them when none does)."""
    counted = [chain for chain in chains if not all(is_context(v) for v in chain)]
    return counted if counted else list(chains)
