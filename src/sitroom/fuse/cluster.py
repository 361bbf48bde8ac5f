"""Clustering claims into events: blocking, scoring, and greedy incremental assignment.

Why greedy and incremental: news arrives in time order and analysts need events to be stable as
it does. Claims are taken in a fixed order (publication time, document, position); each joins the
best-scoring compatible event among the candidates its *blocks* name, or founds a new event. A
block is (family, country, ISO week): only events sharing one are ever compared, so the cost grows
with the number of claims times the (small, capped) number of events per block — near-linear, not
quadratic. Re-running on the same input gives the same events with the same ids; new claims join
or create events without touching the others.

Hard constraints keep look-alikes apart: different families never merge; places must be
compatible within the tolerance of their precision (two camps 300 km apart are two escapes); and
dated claims must fall within a day of the event's dates (two car bombs in one city a week apart
are two events). The soft score then weighs sub-type, actors, the event's own figures (not a claim's
background or round-up figures) and wording.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..model import Place, Precision
from .reconcile import event_quantities, places_compatible
from .views import ClaimView

__all__ = ["Cluster", "ClusterIndex", "cluster_claims", "event_id_for", "THRESHOLD", "score"]

#: Minimum score for a claim to join an event (weights below sum to 1).
THRESHOLD = 0.5
WEIGHTS = {"time": 0.25, "place": 0.25, "subtype": 0.1, "actors": 0.1, "quantities": 0.1, "text": 0.2}
#: Slack, in days, when comparing a dated claim with an event's dates (reports straddle midnight).
SLACK_DAYS = 1
#: Happenings that unfold over days (a breakout, a displacement, an evacuation) are reported with
#: the dates of their phases and of the reports themselves, so their claims get a wider slack; two
#: escapes from one camp within a week are then one event, a trade-off written down in docs/fusion.md.
SLOW_FAMILIES = {"Escape from detention or camp": 7, "Displacement": 7, "Evacuation": 7,
                 "Handover/transfer of control": 3, "Natural disaster/flood": 3}
#: At most this many events per block are scored for one claim (the most recent ones).
MAX_CANDIDATES = 64
#: Claims compared for wording per event (the first ones; enough to characterise it).
TEXT_SAMPLE = 12
_MAX_WEEKS = 8


def event_id_for(founding_claim_id: str) -> str:
    """A stable event id, derived from the claim that founded the event."""
    return "evt_" + hashlib.sha256(founding_claim_id.encode()).hexdigest()[:20]


@dataclass
class Cluster:
    """An event under construction: its claims and the summaries scoring needs."""

    id: str
    family: str
    views: list[ClaimView] = field(default_factory=list)
    dated_start: date | None = None
    dated_end: date | None = None
    any_start: date | None = None
    any_end: date | None = None
    places: list[Place] = field(default_factory=list)
    subtypes: Counter = field(default_factory=Counter)
    actors: set[str] = field(default_factory=set)
    quantities: dict[str, tuple[int, float]] = field(default_factory=dict)
    _place: Place | None = None

    def add(self, v: ClaimView) -> None:
        self.views.append(v)
        if v.start and v.end:
            self.any_start = min(self.any_start, v.start) if self.any_start else v.start
            self.any_end = max(self.any_end, v.end) if self.any_end else v.end
            if v.time_precision is not None:
                if self.dated_start is None or self.dated_end is None:
                    self.dated_start, self.dated_end = v.start, v.end
                else:
                    lo, hi = max(self.dated_start, v.start), min(self.dated_end, v.end)
                    if lo <= hi:
                        self.dated_start, self.dated_end = lo, hi
        if v.place is not None:
            self.places.append(v.place)
            current = self._place
            # recompute only when the new place could change the choice (rare: it disagrees, or is
            # more precise); otherwise adding a claim costs O(1) here
            if current is None or v.place.precision.rank() < current.precision.rank() or not places_compatible(current, v.place):
                self._place = _central_place(self.places)
        if v.claim.sub_event_type:
            self.subtypes[v.claim.sub_event_type] += 1
        self.actors.update(m.actor.name for m in v.claim.actors)
        for q in event_quantities(v.claim.quantities):
            lo, hi = self.quantities.get(str(q.kind), (q.low, float(q.high) if q.high is not None else float("inf")))
            self.quantities[str(q.kind)] = (min(lo, q.low), max(hi, float(q.high) if q.high is not None else float("inf")))

    @property
    def place(self) -> Place | None:
        """The most precise place most claims agree with (kept up to date by :meth:`add`)."""
        return self._place

    def weeks(self) -> list[int]:
        start, end = (self.dated_start, self.dated_end) if self.dated_start else (self.any_start, self.any_end)
        return _weeks(start, end)

    def region(self) -> str:
        return region_of(self.place)


_ADMIN1_RANK = Precision.ADMIN1.rank()


def region_of(place: Place | None) -> str:
    """The blocking region of a place: ``CC/admin1`` when known that finely, else ``CC``, else ``?``."""
    if place is None:
        return "?"
    country = place.country or "?"
    if place.admin1 and place.precision.rank() <= _ADMIN1_RANK:
        return f"{country}/{place.admin1}"
    return country


def _central_place(places: list[Place]) -> Place:
    """The place most others are compatible with, the more precise first (ties: the earliest)."""
    sample = places[:TEXT_SAMPLE * 2]
    return min(places, key=lambda p: (-sum(places_compatible(p, q) for q in sample), p.precision.rank()))


def _weeks(start: date | None, end: date | None, slack: int = SLACK_DAYS) -> list[int]:
    if start is None or end is None:
        return [-1]
    first, last = (start - timedelta(days=slack)).toordinal() // 7, (end + timedelta(days=slack)).toordinal() // 7
    if last - first >= _MAX_WEEKS:
        first = last - _MAX_WEEKS + 1
    return list(range(first, last + 1))


def _overlaps(a0: date, a1: date, b0: date, b1: date, slack: int = 0) -> bool:
    d = timedelta(days=slack)
    return a0 <= b1 + d and b0 <= a1 + d


def compatible(v: ClaimView, c: Cluster) -> bool:
    """Hard constraints: same family, compatible place, overlapping dates."""
    if v.family != c.family:
        return False
    place = c.place
    if v.place is not None and place is not None and not places_compatible(v.place, place):
        return False
    if v.start and v.end:
        slack = SLOW_FAMILIES.get(v.family, SLACK_DAYS)
        if v.time_precision is not None and c.dated_start and c.dated_end:
            return _overlaps(v.start, v.end, c.dated_start, c.dated_end, slack)
        if c.any_start and c.any_end:
            return _overlaps(v.start, v.end, c.any_start, c.any_end, slack)
    return True


def _jaccard(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def score(v: ClaimView, c: Cluster) -> float:
    """How well a compatible claim fits an event, from 0 to 1 (see :data:`WEIGHTS`)."""
    parts: dict[str, float] = {}
    if v.time_precision is not None and c.dated_start:
        parts["time"] = 1.0
    elif v.start and c.any_start:
        parts["time"] = 0.6
    else:
        parts["time"] = 0.3
    place = c.place
    if v.place is not None and place is not None:
        parts["place"] = 1.0 if max(v.place.precision.rank(), place.precision.rank()) <= 1 else 0.7
    else:
        parts["place"] = 0.3
    top = c.subtypes.most_common(1)
    parts["subtype"] = 1.0 if top and top[0][0] == v.claim.sub_event_type else 0.0
    names = {m.actor.name for m in v.claim.actors}
    parts["actors"] = _jaccard(names, c.actors) if names and c.actors else 0.5
    kinds = {str(q.kind): q for q in event_quantities(v.claim.quantities)}
    shared = set(kinds) & set(c.quantities)
    if shared:
        fits = 0
        for k in shared:
            lo, hi = c.quantities[k]
            q = kinds[k]
            q_hi = float(q.high) if q.high is not None else float("inf")
            fits += q.low <= hi and lo <= q_hi
        parts["quantities"] = 0.3 + 0.7 * fits / len(shared)
    else:
        parts["quantities"] = 0.5
    parts["text"] = max((_jaccard(v.words, w.words) for w in c.views[:TEXT_SAMPLE]), default=0.0)
    parts["text"] = min(1.0, parts["text"] * 2.5)
    return sum(WEIGHTS[k] * parts[k] for k in WEIGHTS)


class ClusterIndex:
    """Events by block ``(family, region, week)``, for candidate lookup.

    A claim placed in a province looks in that province's block and in the blocks of events known
    only to the country (and of events with no place); a claim known only to a country, or not
    placed at all, looks in every region of that country (or of the family) that week.
    """

    def __init__(self) -> None:
        self.by_block: dict[tuple[str, str, int], dict[str, Cluster]] = defaultdict(dict)
        self.blocks_of: dict[str, list[tuple[str, str, int]]] = {}
        self.clusters: dict[str, Cluster] = {}
        self.regions: dict[tuple[str, int], set[str]] = defaultdict(set)

    def put(self, c: Cluster) -> None:
        keys = [(c.family, c.region(), w) for w in c.weeks()]
        if self.blocks_of.get(c.id) == keys:
            return
        for key in self.blocks_of.pop(c.id, []):
            self.by_block[key].pop(c.id, None)
        for key in keys:
            self.by_block[key][c.id] = c
            self.regions[(key[0], key[2])].add(key[1])
        self.blocks_of[c.id] = keys
        self.clusters[c.id] = c

    def _regions_for(self, v: ClaimView, week: int) -> list[str]:
        region = region_of(v.place)
        if "/" in region:
            country = region.split("/", 1)[0]
            return [region, country, "?"]
        known = self.regions.get((v.family, week), ())
        if region == "?":
            return sorted(known)
        return sorted(r for r in known if r == region or r.startswith(region + "/") or r == "?")

    def candidates(self, v: ClaimView) -> list[Cluster]:
        seen: dict[str, Cluster] = {}
        for week in _weeks(v.start, v.end, SLOW_FAMILIES.get(v.family, SLACK_DAYS)):
            for region in self._regions_for(v, week):
                bucket = self.by_block.get((v.family, region, week))
                if not bucket:
                    continue
                for c in list(bucket.values())[-MAX_CANDIDATES:]:
                    seen.setdefault(c.id, c)
        return [seen[k] for k in sorted(seen)]


def cluster_claims(views: Sequence[ClaimView], existing: Iterable[Cluster] = (), *,
                   threshold: float = THRESHOLD) -> tuple[list[Cluster], set[str]]:
    """Assign claims to events, in the deterministic order of :attr:`ClaimView.order`.

    Args:
        views: the claims to place (already-placed claims must not be repeated).
        existing: events from earlier runs; claims may join them.
        threshold: minimum :func:`score` to join an event.

    Returns:
        All clusters (existing and new) and the ids of those that changed.
    """
    index = ClusterIndex()
    for c in existing:
        index.clusters[c.id] = c
        index.put(c)
    changed: set[str] = set()
    for v in sorted(views, key=lambda v: v.order):
        best: tuple[float, str] | None = None
        for c in index.candidates(v):
            if not compatible(v, c):
                continue
            s = score(v, c)
            if s >= threshold and (best is None or s > best[0] or (s == best[0] and c.id < best[1])):
                best = (s, c.id)
        if best is None:
            target = Cluster(id=event_id_for(v.id), family=v.family)
        else:
            target = index.clusters[best[1]]
        target.add(v)
        index.put(target)
        changed.add(target.id)
    return list(index.clusters.values()), changed
