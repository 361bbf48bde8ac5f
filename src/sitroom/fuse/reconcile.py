"""Reconciling what independent chains say about one event: numbers, place, time and actors.

The rule for numbers (per quantity kind: killed, injured, escaped, displaced, …), after UCDP's
low/best/high practice:

1. *Within one chain* the chain says one thing: its estimates are intersected when they agree (a
   later "at least 40" and an earlier "about 45" → 40-45); when they disagree the chain's latest
   estimate stands (a chain updating its own figure is not a contradiction).
2. *Across chains* a **precise** estimate (exact, about, a range, at least / more than / at most /
   up to) bounds the truth; a **vague** amount ("thousands", "dozens") only bounds when no chain
   gives a precise one. ``low`` = the lowest low of the precise estimates, ``high`` = the highest
   finite high (``None`` when every estimate is open-ended), ``best`` = the median of the chains'
   central figures (a stated figure, or the midpoint of a closed range), clamped to [low, high];
   no ``best`` from vague amounts alone.
3. **Contradictions**: two precise chain estimates whose intervals do not overlap (9 killed vs 7
   killed) are flagged with both sides and their claims, never averaged away. Vague amounts never
   contradict precise ones (they are too loose to), and open-ended bounds only contradict when
   the other side lies wholly outside them.
4. Only figures of the event itself count (``Quantity.scope`` ``event``): a claim's background
   figure ("300 have died here since 2012") or round-up ("40 killed across the country") is a
   true number about something larger, so it neither sets the event's low/best/high nor
   contradicts its toll; it stays on the claim for analysts to see.

Place: the most precise place consistent with the others (within the tolerance of the coarser
precision); places from other chains that are not consistent are flagged. Time: the intersection
of the claims' intervals (tightest consistent); when chains give disjoint day-precise dates, the
best-supported one stands and the disagreement is flagged. Actors: every actor any chain names,
each with the claims behind it.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..model import (
    Contradiction, FusedValue, Place, Precision, Qualifier, Quantity, QuantityScope, TimePrecision, to_jsonable,
)
from ..geo.distance import haversine_km
from .views import ClaimView

__all__ = ["Estimate", "event_quantities", "reconcile_quantities", "reconcile_place", "reconcile_time", "reconcile_actors",
           "reconcile_destinations", "place_distance_km", "places_compatible", "PRECISION_KM"]

#: How far apart two places may be and still be "the same place", by the coarser precision.
PRECISION_KM = {
    Precision.POINT: 15.0, Precision.TOWN: 30.0, Precision.ADMIN2: 80.0, Precision.ADMIN1: 250.0,
    Precision.COUNTRY: 1500.0, Precision.REGION: 3000.0,
}


@dataclass(frozen=True, slots=True)
class Estimate:
    """One chain's figure for one quantity kind."""

    low: int
    high: int | None
    central: int | None
    vague: bool
    claim_ids: tuple[str, ...]
    low_stated: bool = True
    """False when the chain only gave an upper bound ("up to 20,000"): its low is no estimate."""


# Enum members hoisted to module constants: attribute access on an Enum class costs ~0.5 µs on
# Python 3.11, and these run once per quantity per rebuilt event.
_VAGUE, _RANGE, _EXACT, _ABOUT = Qualifier.VAGUE, Qualifier.RANGE, Qualifier.EXACT, Qualifier.ABOUT
_UP_TO, _AT_MOST = Qualifier.UP_TO, Qualifier.AT_MOST
_DAY, _RANGE_TIME = TimePrecision.DAY, TimePrecision.RANGE
_ADMIN1, _ADMIN2, _COUNTRY, _REGION = Precision.ADMIN1, Precision.ADMIN2, Precision.COUNTRY, Precision.REGION
_EVENT_SCOPE = QuantityScope.EVENT


def event_quantities(quantities: Sequence[Quantity]) -> list[Quantity]:
    """The figures that count the event itself (rule 4): background and round-ups left out."""
    return [q for q in quantities if q.scope == _EVENT_SCOPE]


def _central(q: Quantity) -> int | None:
    if q.qualifier is _VAGUE:
        return None
    if q.best is not None:
        return q.best
    if q.high is not None and q.qualifier is _RANGE:
        return round((q.low + q.high) / 2)
    if q.qualifier in (_EXACT, _ABOUT):
        return q.low
    return None


def _chain_estimate(items: list[tuple[ClaimView, Quantity]]) -> Estimate:
    """Rule 1: one chain, one estimate (precise figures beat vague ones within the chain too)."""
    precise = [(v, q) for v, q in items if q.qualifier is not _VAGUE]
    pool = precise or items
    low, high = pool[0][1].low, pool[0][1].high
    agree = True
    for _, q in pool[1:]:
        new_low = max(low, q.low)
        new_high = q.high if high is None else (high if q.high is None else min(high, q.high))
        if new_high is not None and new_low > new_high:
            agree = False
            break
        low, high = new_low, new_high
    if not agree:
        latest = max(pool, key=lambda vq: vq[0].order)[1]
        low, high = latest.low, latest.high
    centrals = [c for c in (_central(q) for _, q in pool) if c is not None and low <= c and (high is None or c <= high)]
    central = round(statistics.median(centrals)) if centrals else None
    low_stated = any(q.qualifier not in (_UP_TO, _AT_MOST) for _, q in pool)
    return Estimate(low, high, central, vague=not precise, claim_ids=tuple(v.id for v, _ in items),
                    low_stated=low_stated)


def _overlap(a: Estimate, b: Estimate) -> bool:
    a_high = math.inf if a.high is None else a.high
    b_high = math.inf if b.high is None else b.high
    return a.low <= b_high and b.low <= a_high


def reconcile_quantities(chains: Sequence[Sequence[ClaimView]]) -> tuple[list[FusedValue], list[Contradiction]]:
    """Rules 2, 3 and 4 over every quantity kind the chains report (see the module docstring)."""
    per_kind: dict[str, list[Estimate]] = defaultdict(list)
    units: dict[str, str] = {}
    for chain in chains:
        items: dict[str, list[tuple[ClaimView, Quantity]]] = defaultdict(list)
        for view in chain:
            for q in event_quantities(view.claim.quantities):
                items[str(q.kind)].append((view, q))
                units.setdefault(str(q.kind), q.unit)
        for kind, found in items.items():
            per_kind[kind].append(_chain_estimate(found))
    fused: list[FusedValue] = []
    contradictions: list[Contradiction] = []
    for kind in sorted(per_kind):
        estimates = per_kind[kind]
        precise = [e for e in estimates if not e.vague]
        bounding = precise or estimates
        # an upper bound alone ("up to 20,000") says nothing about the low end
        low = min((e.low for e in bounding if e.low_stated), default=min(e.low for e in bounding))
        highs = [e.high for e in bounding if e.high is not None]
        high = max(highs) if highs else None
        centrals = [e.central for e in precise if e.central is not None]
        best = round(statistics.median(centrals)) if centrals else None
        if best is not None:
            best = max(low, best if high is None else min(best, high))
        claim_ids = tuple(cid for e in estimates for cid in e.claim_ids)
        fused.append(FusedValue(name=f"quantity:{kind}", value={"kind": kind, "unit": units.get(kind, "people"),
                                                                "chains": len(estimates), "vague_only": not precise},
                                claim_ids=claim_ids, low=low, best=best, high=high))
        seen_pairs: set[tuple] = set()
        for i, a in enumerate(precise):
            for b in precise[i + 1 :]:
                pair = tuple(sorted([(a.low, a.high or -1), (b.low, b.high or -1)]))
                if not _overlap(a, b) and pair not in seen_pairs:
                    seen_pairs.add(pair)  # one flag per disagreement, however many chains repeat it
                    contradictions.append(Contradiction(
                        field=f"quantity:{kind}", left_claim_ids=a.claim_ids, right_claim_ids=b.claim_ids,
                        left={"low": a.low, "high": a.high}, right={"low": b.low, "high": b.high},
                        note=f"{kind}: {_show(a)} vs {_show(b)} from independent chains",
                    ))
    return fused, contradictions


def _show(e: Estimate) -> str:
    if e.high == e.low:
        return f"{e.low}"
    return f"{e.low}-{e.high}" if e.high is not None else f"at least {e.low}"


def place_distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places (haversine, mean Earth radius)."""
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def places_compatible(a: Place, b: Place) -> bool:
    """Could ``a`` and ``b`` name where one happening occurred, given their precisions?"""
    if a.gazetteer_id == b.gazetteer_id:
        return True
    coarser = a.precision if a.precision.rank() >= b.precision.rank() else b.precision
    if a.country and b.country and a.country != b.country:
        return False
    if coarser in (_ADMIN1, _ADMIN2) and a.admin1 and b.admin1:
        return a.admin1 == b.admin1
    if coarser in (_COUNTRY, _REGION):
        return True
    return place_distance_km(a, b) <= PRECISION_KM[coarser]


def reconcile_place(views: Sequence[ClaimView], chain_of: dict[str, int]) -> tuple[FusedValue | None, list[Contradiction]]:
    """The most precise place that most claims agree with; disagreeing chains flagged."""
    located = [v for v in views if v.place is not None]
    if not located:
        return None, []
    support: list[tuple[int, int, str, ClaimView]] = []
    for v in located:
        agreeing = sum(1 for w in located if places_compatible(v.place, w.place))  # type: ignore[arg-type]
        support.append((agreeing, -v.place.precision.rank(), v.place.gazetteer_id, v))  # type: ignore[union-attr]
    support.sort(key=lambda t: (-t[0], -t[1], t[2]))
    chosen = support[0][3].place
    assert chosen is not None
    backing = tuple(v.id for v in located if places_compatible(chosen, v.place))  # type: ignore[arg-type]
    contradictions = []
    outliers = [v for v in located if not places_compatible(chosen, v.place)]  # type: ignore[arg-type]
    chosen_chains = {chain_of[cid] for cid in backing}
    outside = [v for v in outliers if chain_of[v.id] not in chosen_chains]
    if outside:
        contradictions.append(Contradiction(
            field="place", left_claim_ids=backing, right_claim_ids=tuple(v.id for v in outside),
            left=chosen.name, right=sorted({v.place.name for v in outside}),  # type: ignore[union-attr]
            note="independent chains place the event in different locations",
        ))
    return FusedValue("place", to_jsonable(chosen), backing), contradictions


_PRECISION_ORDER = [TimePrecision.DAY, TimePrecision.WEEK, TimePrecision.MONTH, TimePrecision.QUARTER,
                    TimePrecision.YEAR, TimePrecision.RANGE]


def reconcile_time(views: Sequence[ClaimView], chain_of: dict[str, int]) -> tuple[FusedValue | None, list[Contradiction]]:
    """The tightest interval consistent with the claims that state a time."""
    dated = [v for v in views if v.time_precision is not None and v.start and v.end]
    if not dated:
        undated = [v for v in views if v.start and v.end]
        if not undated:
            return None, []
        start = max(v.start for v in undated)  # type: ignore[type-var]
        end = min(v.end for v in undated)  # type: ignore[type-var]
        if start > end:
            start, end = min(v.start for v in undated), max(v.end for v in undated)  # type: ignore[type-var]
        return FusedValue("time", {"start": start.isoformat(), "end": end.isoformat(), "precision": "range",
                                   "from_publication": True}, tuple(v.id for v in undated)), []
    # the interval most claims fall into, tightest first
    best: tuple[int, int, date, date] | None = None
    for v in dated:
        agreeing = [w for w in dated if w.start <= v.end and v.start <= w.end]  # type: ignore[operator]
        start = max(w.start for w in agreeing)  # type: ignore[type-var]
        end = min(w.end for w in agreeing)  # type: ignore[type-var]
        if start > end:
            start, end = v.start, v.end
        key = (len(agreeing), -(end - start).days, start, end)  # type: ignore[operator]
        if best is None or key[:2] > best[:2] or (key[:2] == best[:2] and key[2] < best[2]):
            best = key  # type: ignore[assignment]
    assert best is not None
    _, _, start, end = best
    backing = [w for w in dated if w.start <= end and start <= w.end]  # type: ignore[operator]
    precision = min((w.time_precision for w in backing), key=_PRECISION_ORDER.index)  # type: ignore[arg-type]
    if (end - start).days > 0 and precision is _DAY:
        precision = _RANGE_TIME
    contradictions = []
    disjoint = [w for w in dated if not (w.start <= end and start <= w.end)]  # type: ignore[operator]
    backing_chains = {chain_of[w.id] for w in backing}
    disjoint = [w for w in disjoint if chain_of[w.id] not in backing_chains and w.time_precision is _DAY]
    if disjoint:
        contradictions.append(Contradiction(
            field="time", left_claim_ids=tuple(w.id for w in backing), right_claim_ids=tuple(w.id for w in disjoint),
            left={"start": start.isoformat(), "end": end.isoformat()},
            right=sorted({w.start.isoformat() for w in disjoint}),  # type: ignore[union-attr]
            note="independent chains date the event differently",
        ))
    value = {"start": start.isoformat(), "end": end.isoformat(), "precision": str(precision), "from_publication": False}
    return FusedValue("time", value, tuple(w.id for w in backing)), contradictions


def reconcile_actors(views: Sequence[ClaimView]) -> list[FusedValue]:
    """Every actor named, once per (actor, role), with the claims naming it."""
    found: dict[tuple[str, str], dict] = {}
    claims: dict[tuple[str, str], list[str]] = defaultdict(list)
    for v in views:
        for m in v.claim.actors:
            key = (m.actor.name, str(m.role))
            found.setdefault(key, {"name": m.actor.name, "type": str(m.actor.type), "role": str(m.role),
                                   "known": m.actor.known})
            if v.id not in claims[key]:
                claims[key].append(v.id)
    ordered = sorted(found, key=lambda k: (-len(claims[k]), k))
    return [FusedValue("actor", found[k], tuple(claims[k])) for k in ordered]


def reconcile_destinations(views: Sequence[ClaimView]) -> list[FusedValue]:
    """Places the claims name as destinations ("some reached Iraq and Turkey")."""
    found: dict[str, tuple[dict, list[str]]] = {}
    for v in views:
        for m in v.claim.places:
            if m.role != "destination":
                continue
            key = m.place.gazetteer_id if m.place else m.text.lower()
            value = to_jsonable(m.place) if m.place else {"name": m.text}
            entry = found.setdefault(key, (value, []))
            if v.id not in entry[1]:
                entry[1].append(v.id)
    return [FusedValue("destination", value, tuple(ids)) for value, ids in
            sorted(found.values(), key=lambda e: (-len(e[1]), str(e[0].get("name"))))]
