"""Alerts: ``/api/alerts`` (list, one, acknowledge) and ``/alerts.atom`` for any feed reader.

The data comes from the alerting stage's store functions (:mod:`sitroom.store.watch_alerts`);
each alert carries its evidence (events, claims and the quoted spans behind it).
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ...alerts.atom import alerts_atom
from ...store.watch_alerts import AlertRecord, ack_alert, count_open_alerts, get_alert, list_alerts
from ..deps import ReadAccess, StoreDep, WriteAccess
from ..errors import ApiError
from ..schemas import AlertsOut

router = APIRouter(tags=["alerts"], dependencies=[ReadAccess])


def alert_json(record: AlertRecord) -> dict[str, Any]:
    return {
        "id": record.id, "key": record.key, "rule": record.rule, "rule_name": record.rule_name,
        "severity": record.severity, "title": record.title, "summary": record.summary, "version": record.version,
        "created_at": record.created_at.isoformat(), "updated_at": record.updated_at.isoformat(),
        "acknowledged": record.acknowledged, "acked_version": record.acked_version,
        "acked_at": record.acked_at.isoformat() if record.acked_at else None, "acked_by": record.acked_by,
        "data": record.data,
    }


@router.get("/api/alerts", response_model=AlertsOut)
def alerts(store: StoreDep, limit: Annotated[int, Query(ge=1, le=1000)] = 100,
           open_only: Annotated[bool, Query(alias="open")] = False, rule: str | None = None) -> AlertsOut:
    """Alerts, most recently updated first (``open=true``: only those not acknowledged)."""
    items = list_alerts(store, include_acknowledged=not open_only, rule=rule, limit=limit)
    return AlertsOut(items=[alert_json(a) for a in items], open=count_open_alerts(store))


@router.get("/api/alerts/{key_or_id}")
def alert(store: StoreDep, key_or_id: str) -> dict[str, Any]:
    """One alert by id or key, with its evidence."""
    record = get_alert(store, key_or_id)
    if record is None:
        raise ApiError(404, f"no alert {key_or_id!r}", code="not_found")
    return alert_json(record)


@router.post("/api/alerts/{key_or_id}/ack")
def acknowledge(store: StoreDep, who: WriteAccess, key_or_id: str) -> dict[str, Any]:
    """Acknowledge the alert's current version (a later update re-opens it)."""
    record = ack_alert(store, key_or_id, by=who, now=datetime.now(timezone.utc))
    if record is None:
        raise ApiError(404, f"no alert {key_or_id!r}", code="not_found")
    return alert_json(record)


@router.get("/alerts.atom", response_class=Response)
def atom(store: StoreDep, request: Request) -> Response:
    """The alerts as an Atom feed."""
    base = str(request.base_url).rstrip("/")
    body = alerts_atom(list_alerts(store, limit=200), feed_url=f"{base}/alerts.atom",
                       alert_url=f"{base}/api/alerts/{{id}}")
    return Response(body, media_type="application/atom+xml; charset=utf-8")
