"""``/api/events``: filtered pages, GeoJSON for the map, one event in full, and analyst edits.

Edits (patch, merge, split) need the token; each is written together with its audit-log entry in
one transaction, so the log never misses a change and a failed change leaves no entry.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from ...analyst import EditError, apply_patch, merge_events, reapply_edits, split_event
from ...export import bundle_to_dict, event_summary, load_bundles, row_summary
from ...export.geojson import summary_feature
from ...fuse.runner import chain_judge
from ...model import Event, to_jsonable
from ...store.queries import edits_by_event, event_rows, list_audit, record_audit
from ..cache import ResponseCache, cached
from ..deps import EventFilterDep, Limit, ReadAccess, StoreDep, WriteAccess, encode_cursor, event_key
from ..errors import ApiError
from ..schemas import AuditOut, EditOut, EventDetail, EventPage, EventPatchIn, EventSummary, MergeIn, SplitIn

router = APIRouter(prefix="/api", tags=["events"])

MAX_FEATURES = 50_000


@router.get("/events", response_model=EventPage, dependencies=[ReadAccess])
def events(store: StoreDep, flt: EventFilterDep, limit: Limit = 50, cursor: str | None = None) -> EventPage:
    """Events newest first, filtered; follow ``next_cursor`` for the next page."""
    rows, next_key = event_rows(store, flt, after=event_key(cursor), limit=limit)
    return EventPage(
        items=[EventSummary(**row_summary(r)) for r in rows],
        next_cursor=encode_cursor(list(next_key)) if next_key else None,
    )


@router.get("/events.geojson", dependencies=[ReadAccess],
            responses={200: {"content": {"application/geo+json": {}}, "description": "A FeatureCollection."}})
def events_geojson(
    request: Request, store: StoreDep, flt: EventFilterDep,
    limit: Annotated[int, Query(ge=1, le=MAX_FEATURES)] = MAX_FEATURES,
) -> Response:
    """Every matching event (up to ``limit``) as a GeoJSON FeatureCollection, for the map and timeline.

    The serialised answer is cached per query until the events change (every dashboard load asks
    for the same collection; building 10k features costs far more than checking the data version).
    """
    body = cached_collection(request.app.state.geojson_cache, store, str(request.url.query), flt, limit)
    return Response(body, media_type="application/geo+json")


def cached_collection(cache: ResponseCache, store, query: str, flt, limit: int = MAX_FEATURES) -> bytes:
    """The serialised FeatureCollection for ``flt``, from ``cache`` while the events are unchanged."""
    def build() -> bytes:
        rows, next_key = event_rows(store, flt, limit=limit)
        data = {"type": "FeatureCollection", "features": [summary_feature(row_summary(r)) for r in rows],
                "truncated": next_key is not None}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    return cached(cache, store, ("geojson", query), build)




def _get_event(store, event_id: str) -> Event:
    event = store.get_event(event_id)
    if event is None:
        raise ApiError(404, f"no event with id {event_id!r}")
    return event


def _audit_dicts(store, event_id: str) -> list[dict[str, Any]]:
    return [AuditOut(**asdict(a)).model_dump(mode="json") for a in list_audit(store, event_id=event_id)]


@router.get("/events/{event_id}", response_model=EventDetail, dependencies=[ReadAccess])
def event(event_id: str, store: StoreDep) -> dict[str, Any]:
    """One event in full: fused values, chains, contradictions, claims with quoted spans, the
    documents' texts (for highlighting), and the analyst audit trail."""
    bundle = next(load_bundles(store, [_get_event(store, event_id)]))
    return {**bundle_to_dict(bundle, include_text=True), "audit": _audit_dicts(store, event_id)}


@router.get("/events/{event_id}/audit", response_model=list[AuditOut], dependencies=[ReadAccess])
def event_audit(event_id: str, store: StoreDep) -> list[dict[str, Any]]:
    """Every analyst action that touched this event, oldest first (kept after the event is gone)."""
    return _audit_dicts(store, event_id)


@router.get("/audit", response_model=list[AuditOut], dependencies=[ReadAccess])
def audit(store: StoreDep, limit: Limit = 100, after: Annotated[int | None, Query(ge=0)] = None) -> list[dict]:
    """The analyst audit log, oldest first; ``after`` is the last id already seen."""
    return [AuditOut(**asdict(a)).model_dump(mode="json") for a in list_audit(store, after=after, limit=limit)]


def _keep_confidence_edits(store, events: list[Event]) -> list[Event]:
    """A merge or split gives confidence by fusion's rule; a confidence an analyst set on an event
    of the same id wins, as it does after re-fusion (:func:`sitroom.analyst.reapply_edits`)."""
    edits = {eid: [{"confidence": p["confidence"]} for p in patches if "confidence" in p]
             for eid, patches in edits_by_event(store).items()}
    return reapply_edits(events, edits)


def _edit_error(exc: EditError) -> ApiError:
    return ApiError(422, str(exc), code="invalid_edit")


@router.patch("/events/{event_id}", response_model=EditOut)
def edit_event(event_id: str, body: EventPatchIn, store: StoreDep, who: WriteAccess) -> EditOut:
    """Correct an event's type, dates, place, confidence or fused values. Needs the token."""
    patch = body.model_dump(exclude_unset=True)
    note = patch.pop("note", None)
    if not patch:
        raise ApiError(422, "nothing to change: give at least one field", code="invalid_edit")
    with store.transaction():
        before = _get_event(store, event_id)
        try:
            after = apply_patch(before, patch)
        except EditError as exc:
            raise _edit_error(exc) from None
        store.save_events([after])
        audit_id = record_audit(store, actor=who, action="edit", event_ids=[event_id], patch=patch,
                                before=to_jsonable(before), after=to_jsonable(after), note=note)
    return EditOut(audit_id=audit_id, events=[EventSummary(**event_summary(after))])


@router.post("/events/merge", response_model=EditOut)
def merge(body: MergeIn, store: StoreDep, who: WriteAccess) -> EditOut:
    """Merge events an analyst judges to be one happening; the first one leads. Needs the token."""
    ids = list(dict.fromkeys(body.event_ids))
    if len(ids) < 2:
        raise ApiError(422, "event_ids: give at least two different events", code="invalid_edit")
    with store.transaction():
        before = [_get_event(store, eid) for eid in ids]
        [merged] = _keep_confidence_edits(store, [merge_events(before, judge=chain_judge(store))])
        store.save_events([merged], delete_ids=[e.id for e in before if e.id != merged.id])
        audit_id = record_audit(store, actor=who, action="merge", event_ids=[*ids, merged.id],
                                patch={"event_ids": ids}, before=[to_jsonable(e) for e in before],
                                after=to_jsonable(merged), note=body.note)
    return EditOut(audit_id=audit_id, events=[EventSummary(**event_summary(merged))],
                   deleted=[e.id for e in before if e.id != merged.id])


@router.post("/events/{event_id}/split", response_model=EditOut)
def split(event_id: str, body: SplitIn, store: StoreDep, who: WriteAccess) -> EditOut:
    """Move some claims of an event into a new event of their own. Needs the token."""
    with store.transaction():
        before = _get_event(store, event_id)
        try:
            rest, new = split_event(before, body.claim_ids, judge=chain_judge(store))
        except EditError as exc:
            raise _edit_error(exc) from None
        rest, new = _keep_confidence_edits(store, [rest, new])
        store.save_events([rest, new])
        audit_id = record_audit(store, actor=who, action="split", event_ids=[event_id, new.id],
                                patch={"claim_ids": body.claim_ids}, before=to_jsonable(before),
                                after=[to_jsonable(rest), to_jsonable(new)], note=body.note)
    return EditOut(audit_id=audit_id, events=[EventSummary(**event_summary(e)) for e in (rest, new)])
