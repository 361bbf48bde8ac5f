"""From a cluster of claims to an :class:`Event`: chains, reconciled values, contradictions.

Pure: takes the claims' views and the documents' shingles, returns the event. Every fused value
carries the ids of the claims behind it (the provenance rule, fused).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ..model import Echo, Event, FusedValue, Place, from_jsonable
from .context import judge_context
from .echo import find_echoes
from .independence import chain_labels, source_chains
from .reconcile import (reconcile_actors, reconcile_destinations, reconcile_place, reconcile_quantities,
                        reconcile_time)
from .views import ClaimView

__all__ = ["build_event", "ChainVerdict", "judge_chains", "HEDGED_WEIGHT"]

#: A chain whose every claim is hedged ("reportedly", "estimates") counts for this much.
HEDGED_WEIGHT = 0.7


def _chain_confidence(chain: Sequence[ClaimView]) -> float:
    best = max(v.claim.confidence for v in chain)
    hedged = all(v.claim.attribution is not None and v.claim.attribution.hedges for v in chain)
    return best * (HEDGED_WEIGHT if hedged else 1.0)


@dataclass(frozen=True)
class ChainVerdict:
    """An event's independent chains (claim ids), their labels and the confidence they give."""

    chains: tuple[tuple[str, ...], ...]
    labels: tuple[str, ...]
    confidence: float
    record: bool = False
    """Every claim is context and every figure background (:func:`sitroom.fuse.context.judge_context`)."""
    echoes: tuple[Echo, ...] = ()
    """The media echoes that joined its chains, as :func:`sitroom.fuse.echo.find_echoes` found them."""


def _verdict(ordered: Sequence[ClaimView], chains: Sequence[Sequence[ClaimView]], echoes: Mapping) -> ChainVerdict:
    """Confidence = 1 - prod(1 - c_i) over independent chains, with c_i the chain's strongest claim
    confidence, discounted when the chain only hedges: more independent chains, more confidence.
    A chain of context claims only (a background record, :mod:`sitroom.fuse.context`) is no
    independent chain: it neither counts among them nor adds confidence."""
    counted, record = judge_context(chains)
    miss = 1.0
    for chain in counted:
        miss *= 1.0 - _chain_confidence(chain)
    return ChainVerdict(chains=tuple(tuple(v.id for v in chain) for chain in counted),
                        labels=tuple(chain_labels(counted, echoes)), confidence=round(1.0 - miss, 4),
                        record=record, echoes=tuple(echoes[v.id] for v in ordered if v.id in echoes))


def judge_chains(views: Sequence[ClaimView], document_shingles: Mapping[str, frozenset[int]]) -> ChainVerdict:
    """The chains and confidence fusion would give an event of just these claims.

    Why separate from :func:`build_event`: an analyst's merge or split changes an event's claims,
    and its chains and confidence must follow by the same rule fusion applies (no second copy of it).
    """
    ordered = sorted(views, key=lambda v: v.order)
    echoes = find_echoes(ordered)
    return _verdict(ordered, source_chains(ordered, document_shingles, echoes), echoes)


def build_event(event_id: str, views: Sequence[ClaimView], document_shingles: Mapping[str, frozenset[int]]) -> Event:
    """The fused event for one cluster of claims.

    Chains and confidence as :func:`_verdict` judges them; the claims of a chain that does not count
    (context only) stay the event's.
    """
    ordered = sorted(views, key=lambda v: v.order)
    echoes = find_echoes(ordered)
    chains = source_chains(ordered, document_shingles, echoes)
    chain_of = {v.id: i for i, chain in enumerate(chains) for v in chain}
    fields: list[FusedValue] = []
    contradictions = []
    types = Counter(v.claim.event_type for v in ordered)
    event_type = min(types, key=lambda t: (-types[t], t))
    subtypes = Counter(v.claim.sub_event_type for v in ordered if v.claim.sub_event_type)
    sub_event_type = min(subtypes, key=lambda t: (-subtypes[t], t)) if subtypes else None
    fields.append(FusedValue("event_type", {"event_type": event_type, "sub_event_type": sub_event_type},
                             tuple(v.id for v in ordered if v.claim.event_type == event_type)))
    place_value, place_conflicts = reconcile_place(ordered, chain_of)
    time_value, time_conflicts = reconcile_time(ordered, chain_of)
    quantity_values, quantity_conflicts = reconcile_quantities(chains)
    for value in (place_value, time_value):
        if value is not None:
            fields.append(value)
    fields.extend(quantity_values)
    fields.extend(reconcile_actors(ordered))
    fields.extend(reconcile_destinations(ordered))
    contradictions = [*quantity_conflicts, *place_conflicts, *time_conflicts]
    verdict = _verdict(ordered, chains, echoes)
    place = from_jsonable(Place, place_value.value) if place_value else None
    start = date.fromisoformat(time_value.value["start"]) if time_value else None
    end = date.fromisoformat(time_value.value["end"]) if time_value else None
    return Event(
        id=event_id, event_type=event_type, sub_event_type=sub_event_type,
        claim_ids=tuple(v.id for v in ordered), fields=tuple(fields),
        independent_chains=verdict.chains, chain_labels=verdict.labels,
        contradictions=tuple(contradictions), confidence=verdict.confidence,
        place=place, start=start, end=end,
        echoes=verdict.echoes, record=verdict.record,
    )
