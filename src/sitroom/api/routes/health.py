"""``/api/health`` and ``/api/config``: is the store there, and what the dashboard needs to know."""

from __future__ import annotations

from fastapi import APIRouter

from ... import __version__
from ..deps import ReadAccess, SettingsDep, StoreDep
from ..schemas import ConfigOut, Health

router = APIRouter(prefix="/api", tags=["health"], dependencies=[ReadAccess])


@router.get("/health", response_model=Health)
def health(store: StoreDep) -> Health:
    stats = store.stats()
    return Health(status="ok", engine=stats["engine"], schema_version=stats["schema_version"],
                  documents=stats["documents"], claims=stats["claims"], events=stats["events"])


@router.get("/config", response_model=ConfigOut)
def config(settings: SettingsDep) -> ConfigOut:
    return ConfigOut(tile_url=settings.tile_url or None, version=__version__)
