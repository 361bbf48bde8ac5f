"""``/api/claims``: claims by event, document or type, and one claim with its quoted spans."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ...export import claim_spans
from ...model import to_jsonable
from ...store import DocumentNotFound
from ...store.queries import events_for_claims, list_claims
from ..deps import Limit, ReadAccess, StoreDep, encode_cursor, id_key
from ..errors import ApiError
from ..schemas import ClaimPage

router = APIRouter(prefix="/api/claims", tags=["claims"], dependencies=[ReadAccess])


@router.get("", response_model=ClaimPage)
def claims(
    store: StoreDep,
    limit: Limit = 50,
    cursor: str | None = None,
    event_id: Annotated[str | None, Query(max_length=200)] = None,
    document_id: Annotated[str | None, Query(max_length=200)] = None,
    type: Annotated[str | None, Query(max_length=200)] = None,
) -> ClaimPage:
    """Claims in id order, narrowed to one event, one document or one event type."""
    items, last = list_claims(store, event_id=event_id, document_id=document_id, event_type=type,
                              after=id_key(cursor), limit=limit)
    owners = events_for_claims(store, [c.id for c in items])
    return ClaimPage(items=[{**to_jsonable(c), "event_id": owners.get(c.id)} for c in items],
                     next_cursor=encode_cursor(last) if last else None)


@router.get("/{claim_id}")
def claim(claim_id: str, store: StoreDep) -> dict:
    """One claim, the event it belongs to, and each span it rests on with the quoted words."""
    found = store.get_claims([claim_id])
    if not found:
        raise ApiError(404, f"no claim with id {claim_id!r}")
    c = found[0]
    spans = claim_spans(c)
    try:
        text = store.get_document(c.document_id).text
        for s in spans:
            s["quote"] = text[s["start"] : s["end"]]
    except DocumentNotFound:
        pass
    return {**to_jsonable(c), "event_id": events_for_claims(store, [c.id]).get(c.id), "spans": spans}
