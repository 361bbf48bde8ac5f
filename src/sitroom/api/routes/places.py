"""``/api/places`` and ``/api/actors``: where events happened and who took part, with counts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ...store.queries import list_actors, list_places
from ..deps import ReadAccess, StoreDep
from ..errors import ApiError
from ..schemas import ActorOut, PlaceOut

router = APIRouter(prefix="/api", tags=["places and actors"], dependencies=[ReadAccess])


@router.get("/places", response_model=list[PlaceOut])
def places(
    store: StoreDep,
    country: Annotated[str | None, Query(min_length=2, max_length=2, pattern="^[A-Za-z]{2}$")] = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
) -> list[dict]:
    """Distinct event places, most events first."""
    return list_places(store, country=country, limit=limit)


@router.get("/actors", response_model=list[ActorOut])
def actors(
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
) -> list[dict]:
    """Actors named in claims (optionally matching ``q``), with claim and event counts."""
    if q is not None and not q.strip():
        raise ApiError(422, "q: empty actor query", code="invalid_filter")
    return list_actors(store, q=q, limit=limit)
