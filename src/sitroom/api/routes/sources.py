"""``/api/sources``: the health of every watched source (last success, last error, items, next poll)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from fastapi import APIRouter

from ...store.watch_alerts import list_source_states
from ..deps import ReadAccess, StoreDep

router = APIRouter(prefix="/api", tags=["sources"], dependencies=[ReadAccess])


@router.get("/sources")
def sources(store: StoreDep) -> dict[str, list[dict[str, Any]]]:
    """Each source ``sitroom watch`` polls, as the watcher last left it (validators left out)."""
    items = []
    for state in list_source_states(store):
        row = {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in asdict(state).items()}
        row.pop("etag", None)
        row.pop("last_modified", None)
        items.append(row)
    return {"items": items}
