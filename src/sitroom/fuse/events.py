"""From a cluster of claims to an :class:`Event`: chains, reconciled values, contradictions.

Pure: takes the claims' views and the documents' shingles, returns the event. Every fused value
carries the ids of the claims behind it (the provenance rule, fused).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date

from ..model import Event, FusedValue, Place, from_jsonable
from .context import counted_chains
from .echo import find_echoes
from .independence import chain_labels, source_chains
from .reconcile import (reconcile_actors, reconcile_destinations, reconcile_place, reconcile_quantities,
                        reconcile_time)
from .views import ClaimView

__all__ = ["build_event", "HEDGED_WEIGHT"]

#: A chain whose every claim is hedged ("reportedly", "estimates") counts for this much.
HEDGED_WEIGHT = 0.7


def _chain_confidence(chain: Sequence[ClaimView]) -> float:
    best = max(v.claim.confidence for v in chain)
    hedged = all(v.claim.attribution is not None and v.claim.attribution.hedges for v in chain)
    return best * (HEDGED_WEIGHT if hedged else 1.0)


def build_event(event_id: str, views: Sequence[ClaimView], document_shingles: Mapping[str, frozenset[int]]) -> Event:
    """The fused event for one cluster of claims.

    Confidence = 1 - prod(1 - c_i) over independent chains, with c_i the chain's strongest claim
    confidence, discounted when the chain only hedges: more independent chains, more confidence.
    A chain of context claims only (a background record, :mod:`sitroom.fuse.context`) is no
    independent chain: it neither counts among them nor adds confidence; its claims stay the event's.
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
    counted = counted_chains(chains)
    miss = 1.0
    for chain in counted:
        miss *= 1.0 - _chain_confidence(chain)
    place = from_jsonable(Place, place_value.value) if place_value else None
    start = date.fromisoformat(time_value.value["start"]) if time_value else None
    end = date.fromisoformat(time_value.value["end"]) if time_value else None
    return Event(
        id=event_id, event_type=event_type, sub_event_type=sub_event_type,
        claim_ids=tuple(v.id for v in ordered), fields=tuple(fields),
        independent_chains=tuple(tuple(v.id for v in chain) for chain in counted),
        chain_labels=chain_labels(counted, echoes),
        contradictions=tuple(contradictions), confidence=round(1.0 - miss, 4),
        place=place, start=start, end=end,
        echoes=tuple(echoes[v.id] for v in ordered if v.id in echoes),
    )
