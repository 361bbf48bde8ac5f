"""An event with everything needed to show or export it: its claims, their documents and spans.

Why one shape for API, dashboard and exports: the provenance an analyst sees in the event card is
exactly what the JSON Lines export writes, because both come from :func:`bundle_to_dict`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Iterator, Mapping

from ..model import Claim, Document, Event, FusedValue, Span, to_jsonable
from ..store import DocumentNotFound, Store
from ..store.queries import EventRow

__all__ = [
    "EventBundle",
    "load_bundles",
    "claim_spans",
    "bundle_to_dict",
    "event_summary",
    "row_summary",
    "primary_quantity",
    "actor_names",
    "country_name",
    "QUANTITY_ORDER",
]

QUANTITY_ORDER = (
    "killed", "escaped", "displaced", "injured", "arrested", "kidnapped", "missing", "evacuated", "people", "other",
)
"""Which fused quantity is an event's headline magnitude when it has several (first present wins)."""


@dataclass(frozen=True, slots=True)
class EventBundle:
    event: Event
    claims: tuple[Claim, ...] = ()
    documents: Mapping[str, Document] = field(default_factory=dict)


def load_bundles(store: Store, events: Iterable[Event], *, batch: int = 200) -> Iterator[EventBundle]:
    """Bundles for ``events`` in order, fetching claims and documents a batch of events at a time."""
    pending: list[Event] = []
    docs: dict[str, Document] = {}

    def flush() -> Iterator[EventBundle]:
        claims = {c.id: c for c in store.get_claims([cid for e in pending for cid in e.claim_ids])}
        for claim in claims.values():
            if claim.document_id not in docs:
                try:
                    docs[claim.document_id] = store.get_document(claim.document_id)
                except DocumentNotFound:
                    pass
        for e in pending:
            own = tuple(claims[c] for c in e.claim_ids if c in claims)
            yield EventBundle(e, own, {c.document_id: docs[c.document_id] for c in own if c.document_id in docs})
        pending.clear()
        if len(docs) > 5000:
            docs.clear()

    for event in events:
        pending.append(event)
        if len(pending) >= batch:
            yield from flush()
    if pending:
        yield from flush()


def claim_spans(claim: Claim) -> list[dict[str, Any]]:
    """Every span a claim rests on, labelled by what it supports, in text order.

    ``role`` is one of ``report`` (the whole sentence), ``trigger``, ``actor``, ``place``, ``time``,
    ``quantity``, ``scope`` (the words that make a figure background or a round-up), ``source``,
    ``cue`` and ``hedge``; ``label`` says more (the actor's role, the
    quantity kind, the source name). A place taken from another mention — an anaphor ("the camp"),
    a facility placed in the town the text or the story names ("the Kestrel Inn in Ashvale") —
    adds the span of that mention, so the place stays traceable to the words that name it.
    """
    out: list[tuple[str, str, Span]] = [("report", claim.event_type, claim.span)]
    if claim.trigger_span:
        out.append(("trigger", claim.trigger or "", claim.trigger_span))
    for a in claim.actors:
        out.append(("actor", f"{a.role}: {a.actor.name}", a.span))
    for p in claim.places:
        name = p.place.name if p.place else p.text
        out.append(("place", name, p.span))
        if p.antecedent:  # "the camp", "the Kestrel Inn in Ashvale": the words that name the place it takes
            when = "named earlier" if p.antecedent.end <= p.span.start else "named later"
            # The antecedent's words name where the mention is, not always the place's own name
            # (a county moved to its town's point keeps "Marion County" but quotes "Ocala").
            out.append(("place", f"where {p.text!r} is ({when})", p.antecedent))
    if claim.time:
        out.append(("time", claim.time.text, claim.time.span))
    for q in claim.quantities:
        label = f"{q.kind}: {q.low}" + ("" if q.high == q.low else f"–{q.high if q.high is not None else ''}")
        out.append(("quantity", label, q.span))
        if q.counted_span:
            out.append(("quantity", str(q.kind), q.counted_span))
        if q.scope_span:  # "since 2012": why this figure is not the event's own
            out.append(("scope", f"{q.kind}: {q.scope}", q.scope_span))
    if claim.attribution:
        for src in claim.attribution.chain:
            if src.span:
                out.append(("source", f"{src.kind}: {src.name}", src.span))
        if claim.attribution.cue_span:
            out.append(("cue", claim.attribution.cue or "", claim.attribution.cue_span))
        for hedge, span in zip(claim.attribution.hedges, claim.attribution.hedge_spans):
            out.append(("hedge", hedge, span))
    out.sort(key=lambda t: (t[2].start, -t[2].end))
    return [{"role": role, "label": label, "start": s.start, "end": s.end} for role, label, s in out]


def _pick_primary(fields: list[Any], name: Any, numbers: Any) -> Any:
    numeric = [f for f in fields if numbers(f)]
    by_name = {name(f): f for f in numeric}
    for kind in QUANTITY_ORDER:
        if kind in by_name:
            return by_name[kind]
    return numeric[0] if numeric else None


def primary_quantity(event: Event) -> FusedValue | None:
    """The fused number that best sums the event up (see :data:`QUANTITY_ORDER`)."""
    return _pick_primary(list(event.fields), lambda f: f.name,
                         lambda f: f.low is not None or f.best is not None or f.high is not None)


def actor_names(bundle: EventBundle, role: str) -> list[str]:
    """Distinct actor names in ``role`` (initiator, target, affected) across the event's claims.

    A fused field named ``actor1`` (initiator) or ``actor2`` (target) wins when fusion made one.
    """
    fused = {"initiator": "actor1", "target": "actor2"}.get(role)
    for f in bundle.event.fields:
        if fused and f.name == fused and f.value:
            return [str(v) for v in f.value] if isinstance(f.value, (list, tuple)) else [str(f.value)]
    names: dict[str, None] = {}
    for claim in bundle.claims:
        for mention in claim.actors:
            if str(mention.role) == role:
                names[mention.actor.name] = None
    return list(names)


@lru_cache(maxsize=512)
def country_name(code: str | None) -> str | None:
    if not code:
        return None
    import pycountry

    found = pycountry.countries.get(alpha_2=code.upper())
    return getattr(found, "common_name", None) or (found.name if found else code)


def event_summary(event: Event) -> dict[str, Any]:
    """The flat fields every listing shows (API list items, GeoJSON properties, the dashboard)."""
    return row_summary(EventRow(
        id=event.id, event_type=event.event_type, sub_event_type=event.sub_event_type, start=event.start,
        end=event.end, independent_sources=event.independent_sources, contradiction=bool(event.contradictions),
        confidence=event.confidence, claims=len(event.claim_ids),
        place=to_jsonable(event.place) if event.place else None,
        fields=[{"name": f.name, "low": f.low, "best": f.best, "high": f.high} for f in event.fields],
        record=event.record,
    ))


def row_summary(row: EventRow) -> dict[str, Any]:
    """:func:`event_summary` from a listing row read without building the event (same output)."""
    q = _pick_primary(row.fields, lambda f: f.get("name"),
                      lambda f: f.get("low") is not None or f.get("best") is not None or f.get("high") is not None)
    place = row.place
    return {
        "id": row.id,
        "event_type": row.event_type,
        "sub_event_type": row.sub_event_type,
        "start": row.start.isoformat() if row.start else None,
        "end": row.end.isoformat() if row.end else None,
        "country": place.get("country") if place else None,
        "admin1": place.get("admin1") if place else None,
        "admin2": place.get("admin2") if place else None,
        "location": place.get("name") if place else None,
        "lat": place.get("lat") if place else None,
        "lon": place.get("lon") if place else None,
        "geo_precision": place.get("precision") if place else None,
        "independent_sources": row.independent_sources,
        "claims": row.claims,
        "contradiction": row.contradiction,
        "confidence": row.confidence,
        "record": row.record,
        "magnitude": None if q is None else {"name": q["name"], "low": q.get("low"), "best": q.get("best"),
                                             "high": q.get("high")},
    }


def bundle_to_dict(bundle: EventBundle, *, include_text: bool = False) -> dict[str, Any]:
    """The full event: fused values, chains, contradictions, and each claim with its quoted spans.

    Args:
        bundle: the event and its claims and documents.
        include_text: also carry each document's full text (the dashboard highlights spans in it);
            exports leave it out and carry the quotes.
    """
    event = bundle.event
    claims_out = []
    for claim in bundle.claims:
        doc = bundle.documents.get(claim.document_id)
        spans = claim_spans(claim)
        if doc is not None:
            for s in spans:
                s["quote"] = doc.text[s["start"] : s["end"]]
        claims_out.append({
            **to_jsonable(claim),
            "outlet": doc.outlet if doc else None,
            "spans": spans,
        })
    documents = []
    for doc_id in dict.fromkeys(c.document_id for c in bundle.claims):
        doc = bundle.documents.get(doc_id)
        if doc is None:
            continue
        item = {
            "id": doc.id, "title": doc.title, "outlet": doc.outlet, "url": doc.url,
            "published": doc.published.isoformat() if doc.published else None,
        }
        if include_text:
            item["text"] = doc.text
        documents.append(item)
    chain_of = {cid: i for i, chain in enumerate(event.independent_chains) for cid in chain}
    return {
        "summary": event_summary(event),
        "event": to_jsonable(event),
        "chains": [
            {"index": i, "claim_ids": list(chain),
             "sources": _chain_sources([c for c in bundle.claims if c.id in chain])}
            for i, chain in enumerate(event.independent_chains)
        ],
        "claims": [{**c, "chain": chain_of.get(c["id"])} for c in claims_out],
        "echoes": _echoes(bundle),
        "documents": documents,
        "actors": {
            "initiator": actor_names(bundle, "initiator"),
            "target": actor_names(bundle, "target"),
        },
    }


def _echoes(bundle: EventBundle) -> list[dict[str, Any]]:
    """The event's media echoes (``Event.echoes``) with the words their spans mark quoted from each
    claim's own document, as claim spans are: the citation, and the shared figure on both sides."""
    doc_of = {c.id: bundle.documents.get(c.document_id) for c in bundle.claims}

    def quote(claim_id: str, span: Span | None) -> dict[str, Any] | None:
        if span is None:
            return None
        doc = doc_of.get(claim_id)
        out: dict[str, Any] = {"start": span.start, "end": span.end}
        if doc is not None:
            out["quote"] = span.quote(doc.text)
        return out

    return [{
        "claim_id": e.claim_id, "target_id": e.target_id, "cited": e.cited, "outlet": e.outlet, "figure": e.figure,
        "cited_span": quote(e.claim_id, e.cited_span),
        "figure_spans": [quote(e.claim_id, s) for s in e.figure_spans],
        "target_figure_spans": [quote(e.target_id, s) for s in e.target_figure_spans],
    } for e in bundle.event.echoes]


def _chain_sources(claims: list[Claim]) -> list[str]:
    """A readable chain label per claim: ``Outlet ← original source``."""
    labels: dict[str, None] = {}
    for claim in claims:
        if claim.attribution and claim.attribution.chain:
            labels[" ← ".join(s.name for s in claim.attribution.chain)] = None
    return list(labels)
