"""``/api/alerts``: alerts raised by the alerting stage (an empty list until it has a table)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ...store.queries import list_alerts
from ..deps import ReadAccess, StoreDep
from ..schemas import AlertsOut

router = APIRouter(prefix="/api", tags=["alerts"], dependencies=[ReadAccess])


@router.get("/alerts", response_model=AlertsOut)
def alerts(store: StoreDep, limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> AlertsOut:
    return AlertsOut(items=list_alerts(store, limit=limit))
