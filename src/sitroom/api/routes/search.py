"""``/api/search``: ranked full-text search over reports, and the events those reports support."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ...export import row_summary
from ...store.queries import EventFilter, event_rows
from ..deps import ReadAccess, StoreDep
from ..errors import ApiError
from ..schemas import EventSummary, SearchHitOut, SearchOut

router = APIRouter(prefix="/api", tags=["search"], dependencies=[ReadAccess])


@router.get("/search", response_model=SearchOut)
def search(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> SearchOut:
    if not q.strip():
        raise ApiError(422, "q: empty search", code="invalid_filter")
    hits = store.search(q, limit=limit)
    events, _ = event_rows(store, EventFilter(q=q), limit=limit)
    return SearchOut(
        query=q,
        documents=[SearchHitOut(document_id=h.document_id, title=h.title, outlet=h.outlet, published=h.published,
                                snippet=h.snippet, score=h.score) for h in hits],
        events=[EventSummary(**row_summary(e)) for e in events],
    )
