"""``/api/places`` and ``/api/actors``: where events happened and who took part, with counts."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from ...store.queries import list_actors, list_places
from ..cache import cached
from ..deps import ReadAccess, StoreDep
from ..errors import ApiError
from ..schemas import ActorOut, PlaceOut

router = APIRouter(prefix="/api", tags=["places and actors"], dependencies=[ReadAccess])


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@router.get("/places", response_model=list[PlaceOut])
def places(
    request: Request,
    store: StoreDep,
    country: Annotated[str | None, Query(min_length=2, max_length=2, pattern="^[A-Za-z]{2}$")] = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
) -> Response:
    """Distinct event places, most events first."""
    body = cached(request.app.state.geojson_cache, store, ("places", country and country.upper(), limit),
                  lambda: _json(list_places(store, country=country, limit=limit)))
    return Response(body, media_type="application/json")


@router.get("/actors", response_model=list[ActorOut])
def actors(
    request: Request,
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
) -> Response:
    """Actors named in claims (optionally matching ``q``), with claim and event counts."""
    if q is not None and not q.strip():
        raise ApiError(422, "q: empty actor query", code="invalid_filter")
    body = cached(request.app.state.geojson_cache, store, ("actors", q, limit),
                  lambda: _json(list_actors(store, q=q, limit=limit)))
    return Response(body, media_type="application/json")
