"""``sitroom fuse``: the I/O edge of fusion — read claims and events, cluster, write events back.

Incremental by default: claims in no event yet join stored events or found new ones, and only the
events that changed are rebuilt and written (each write is one transaction with its claim links).
Events whose claims were re-extracted away are rebuilt from what remains, or removed when nothing
does. ``rebuild=True`` starts from scratch; on the same input it yields the same events and ids.
An event an analyst merged or split keeps its claims on a rebuild; while they are unchanged it also
keeps its stored values (the merge lead's type and place, patches made before the merge or split,
under other ids) and only its chains, labels, confidence and record mark are judged again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from ..model import Claim, Document
from ..analyst import ChainJudge, reapply_edits, rejudged
from ..store import Store
from ..store.queries import analyst_shaped_events, edits_by_event
from .cluster import Cluster, cluster_claims, event_id_for
from .events import ChainVerdict, build_event, judge_chains
from .independence import shingles
from .views import ClaimView, make_view

__all__ = ["FuseReport", "fuse_store", "fuse_claims", "chain_judge"]


@dataclass
class FuseReport:
    claims_placed: int = 0
    events_created: int = 0
    events_updated: int = 0
    events_removed: int = 0
    event_ids: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {"claims_placed": self.claims_placed, "events_created": self.events_created,
                "events_updated": self.events_updated, "events_removed": self.events_removed}


def _views(claims: Iterable[Claim], documents: dict[str, Document],
           siblings: Iterable[Claim] | None = None) -> list[ClaimView]:
    """Views of ``claims``; each sees the other claims of its report among ``siblings`` (default:
    ``claims`` themselves)."""
    claims = list(claims)
    by_document: dict[str, list[Claim]] = {}
    for c in (claims if siblings is None else siblings):
        by_document.setdefault(c.document_id, []).append(c)
    return [make_view(c, documents[c.document_id], by_document.get(c.document_id, ()))
            for c in claims if c.document_id in documents]


def fuse_claims(claims: list[Claim], documents: dict[str, Document]) -> list:
    """Fuse claims in memory (no store): the events they make, in a stable order."""
    views = _views(claims, documents)
    clusters, _ = cluster_claims(views)
    shingle_map = {d.id: shingles(d.text) for d in documents.values()}
    return sorted((build_event(c.id, c.views, shingle_map) for c in clusters), key=lambda e: e.id)


def chain_judge(store: Store) -> ChainJudge:
    """For an analyst's merge or split (:func:`sitroom.analyst.merge_events`, ``split_event``): the
    chains, labels and confidence fusion gives an event of these claims, read from the stored claims
    (``None`` when none of them is stored: the analyst's cut chains are kept)."""
    def judge(claim_ids: Sequence[str]) -> ChainVerdict | None:
        claims = store.get_claims(claim_ids)
        documents = store.get_documents(c.document_id for c in claims)
        siblings = [s for d in documents for s in store.claims_for_document(d)]
        views = _views(claims, documents, siblings)
        if not views:
            return None
        return judge_chains(views, {d.id: shingles(d.text) for d in documents.values()})

    return judge


def _keep_ids(clusters: list[Cluster], previous: dict[str, list[str]]) -> None:
    """Give rebuilt events the ids they had: each old id goes to the new cluster sharing most claims.

    Why: ids are what analysts bookmark, edit and get alerts about; a rebuild that finds the same
    events must not rename them.
    """
    owner = {cid: eid for eid, ids in previous.items() for cid in ids}
    pairs = []
    for c in clusters:
        counts: dict[str, int] = {}
        for v in c.views:
            if v.id in owner:
                counts[owner[v.id]] = counts.get(owner[v.id], 0) + 1
        pairs.extend((-n, old, c.id) for old, n in counts.items())
    taken_old: set[str] = set()
    renamed: dict[str, str] = {}
    for _, old, new in sorted(pairs):
        if old not in taken_old and new not in renamed:
            taken_old.add(old)
            renamed[new] = old
    used = set(renamed.values())
    for c in clusters:
        if c.id in renamed:
            c.id = renamed[c.id]
        elif c.id in used:  # its founding claim now lives in an event that kept the old id
            c.id = event_id_for(c.id + ":rebuilt")


def fuse_store(store: Store, *, rebuild: bool = False, on_progress: Callable[[str], None] | None = None) -> FuseReport:
    """Bring the store's events up to date with its claims (see the module docstring)."""
    report = FuseReport()
    membership = store.event_claim_ids()
    previous: dict[str, list[str]] = {}
    kept: set[str] = set()
    if rebuild and membership:
        # events an analyst merged or split keep their claims: a rebuild re-decides only fusion's work
        kept = analyst_shaped_events(store)
        previous = {eid: ids for eid, ids in membership.items() if eid not in kept}
        store.save_events([], delete_ids=list(previous))
        membership = {eid: ids for eid, ids in membership.items() if eid in kept}
    linked = {cid for ids in membership.values() for cid in ids}
    existing_claims = store.get_claims(sorted(linked)) if linked else []
    new_claims = list(store.iter_claims(unfused=True))
    all_claims = existing_claims + new_claims
    documents = store.get_documents(c.document_id for c in all_claims)
    by_id = {v.id: v for v in _views(all_claims, documents)}
    clusters: list[Cluster] = []
    emptied: list[str] = []
    for event_id, claim_ids in membership.items():
        views = sorted((by_id[cid] for cid in claim_ids if cid in by_id), key=lambda v: v.order)
        if not views:
            emptied.append(event_id)
            continue
        cluster = Cluster(id=event_id, family=views[0].family)
        for v in views:
            cluster.add(v)
        clusters.append(cluster)
    if on_progress:
        on_progress(f"{len(new_claims)} new claims, {len(clusters)} stored events")
    new_views = [by_id[c.id] for c in new_claims if c.id in by_id]
    before = {c.id for c in clusters}
    stored = {e.id: set(e.claim_ids) for e in store.list_events(limit=None)} if membership else {}
    result, changed = cluster_claims(new_views, clusters)
    # events whose stored claim list no longer matches their links (claims re-extracted away)
    changed |= {c.id for c in clusters if {v.id for v in c.views} != stored.get(c.id)}
    if previous:
        _keep_ids(result, previous)
    # an analyst's event whose claims are as the analyst left them keeps its values (built afresh it
    # would lose the merge lead's type and the patches made under its parts' ids); only its chains
    # follow today's rules, by the judge the merge and split use
    rejudge = sorted(c.id for c in result if c.id in kept and c.id not in changed) if rebuild else []
    if rebuild:  # every other event is built again
        changed = {c.id for c in result} - set(rejudge)
    touched = [c for c in result if c.id in changed]
    doc_ids = {v.document_id for c in touched for v in c.views}
    shingle_map = {d: shingles(documents[d].text) for d in doc_ids if d in documents}
    events = [build_event(c.id, c.views, shingle_map) for c in sorted(touched, key=lambda c: c.id)]
    if rejudge:
        judge = chain_judge(store)
        events += [rejudged(e, judge) for e in (store.get_event(eid) for eid in rejudge) if e is not None]
        events.sort(key=lambda e: e.id)
    # analysts' edits survive re-fusion: their patches are replayed on the events they were made on
    events = reapply_edits(events, edits_by_event(store))
    store.save_events(events, delete_ids=emptied)
    report.claims_placed = len(new_views)
    report.events_created = sum(1 for c in touched if c.id not in before)
    report.events_updated = sum(1 for c in touched if c.id in before) + len(rejudge)
    report.events_removed = len(emptied)
    report.event_ids = [e.id for e in events]
    return report
