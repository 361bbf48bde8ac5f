"""``/api/skips``: what ingest skipped and what ``sitroom process`` set aside, with the reason.

Why a route of its own: the brief's rule for bad input is "a clear error or skipped with a
reason"; the reason is only useful where the analyst looks, and a count in ``/api/health`` does
not say which file, feed item or document to fix.
"""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Query
from pydantic import BaseModel

from ..deps import ReadAccess, StoreDep

router = APIRouter(prefix="/api", tags=["skips"], dependencies=[ReadAccess])


class SkipOut(BaseModel):
    source: str
    """The file, URL, feed item or ``document:<id>`` that was skipped."""
    reason: str
    detail: str | None = None
    at: datetime | None = None


class SkipsOut(BaseModel):
    items: list[SkipOut]


@router.get("/skips", response_model=SkipsOut)
def skips(store: StoreDep, limit: int = Query(100, ge=1, le=1000)) -> SkipsOut:
    """The newest skips first."""
    return SkipsOut(items=[SkipOut(source=s.source, reason=s.reason, detail=s.detail, at=s.at)
                           for s in store.list_skips(limit=limit)])
