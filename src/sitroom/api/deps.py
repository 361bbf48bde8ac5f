"""Dependencies shared by the routes: the store, the settings, access checks, filters, cursors."""

from __future__ import annotations

import base64
import binascii
import json
import queue
import re
from datetime import date
from typing import Annotated, Any, Callable, Iterator

from fastapi import Depends, Query, Request

from ..settings import Settings
from ..taxonomy import split_type_names
from ..store import Store
from ..store.queries import EventFilter
from .errors import ApiError
from .security import is_loopback, token_matches

__all__ = [
    "StorePool", "StoreDep", "SettingsDep", "ReadAccess", "WriteAccess", "EventFilterDep", "Limit",
    "encode_cursor", "decode_cursor", "parse_bbox",
]

MAX_PAGE = 500


class StorePool:
    """Stores handed to one request at a time (a SQLite connection is not shared between requests).

    Why a pool and not one store: FastAPI runs sync routes on worker threads; a connection in use
    by one request must not be used by another. Stores are opened lazily and reused.
    """

    def __init__(self, factory: Callable[[], Store], size: int = 8) -> None:
        self.factory = factory
        self.idle: queue.LifoQueue[Store] = queue.LifoQueue()
        self.size = size

    def acquire(self) -> Store:
        try:
            return self.idle.get_nowait()
        except queue.Empty:
            return self.factory()

    def release(self, store: Store) -> None:
        if self.idle.qsize() < self.size:
            self.idle.put(store)
        else:
            store.close()

    def close(self) -> None:
        while True:
            try:
                self.idle.get_nowait().close()
            except queue.Empty:
                return


def _store(request: Request) -> Iterator[Store]:
    pool: StorePool = request.app.state.store_pool
    store = pool.acquire()
    try:
        yield store
    finally:
        pool.release(store)


def _settings(request: Request) -> Settings:
    return request.app.state.settings


StoreDep = Annotated[Store, Depends(_store)]
SettingsDep = Annotated[Settings, Depends(_settings)]


def _read_access(request: Request, settings: SettingsDep) -> None:
    """Reads are open to loopback clients; others need the token (and none get in without one)."""
    host = request.client.host if request.client else None
    if is_loopback(host):
        return
    if token_matches(settings.token, request.headers.get("authorization")):
        return
    raise ApiError(401, "reading from a non-loopback address needs Authorization: Bearer <SITROOM_TOKEN>",
                   headers={"WWW-Authenticate": "Bearer"})


def _write_access(request: Request, settings: SettingsDep) -> str:
    """Writes always need the token; returns who is writing (``X-Sitroom-Analyst`` or ``analyst``)."""
    if not settings.token:
        raise ApiError(403, "writes are disabled: start the server with SITROOM_TOKEN set", code="writes_disabled")
    header = request.headers.get("authorization")
    if not header:
        raise ApiError(401, "this endpoint needs Authorization: Bearer <SITROOM_TOKEN>",
                       headers={"WWW-Authenticate": "Bearer"})
    if not token_matches(settings.token, header):
        raise ApiError(401, "wrong token", headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
    who = (request.headers.get("x-sitroom-analyst") or "analyst").strip()[:100]
    return who or "analyst"


ReadAccess = Depends(_read_access)
WriteAccess = Annotated[str, Depends(_write_access)]


# ------------------------------------------------------------------------------------- cursors


def encode_cursor(value: Any) -> str:
    raw = json.dumps(value, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> Any:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        return json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise ApiError(422, "cursor: not a cursor this API returned", code="invalid_cursor") from None


def event_key(cursor: str | None) -> tuple[str | None, str] | None:
    """Keyset position from an event-list cursor."""
    if not cursor:
        return None
    value = decode_cursor(cursor)
    if (not isinstance(value, list) or len(value) != 2 or not isinstance(value[1], str)
            or not (value[0] is None or isinstance(value[0], str))):
        raise ApiError(422, "cursor: not a cursor this API returned", code="invalid_cursor")
    if value[0] is not None:
        try:
            date.fromisoformat(value[0])
        except ValueError:
            raise ApiError(422, "cursor: not a cursor this API returned", code="invalid_cursor") from None
    return value[0], value[1]


def id_key(cursor: str | None) -> str | None:
    if not cursor:
        return None
    value = decode_cursor(cursor)
    if not isinstance(value, str):
        raise ApiError(422, "cursor: not a cursor this API returned", code="invalid_cursor")
    return value


# ------------------------------------------------------------------------------------- filters


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    parts = text.split(",")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise ApiError(422, "bbox: expected west,south,east,north in degrees", code="invalid_filter") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise ApiError(422, "bbox: longitudes must be within ±180, latitudes within ±90 and south <= north",
                       code="invalid_filter")
    return west, south, east, north


_COUNTRY = re.compile(r"^[A-Za-z]{2}$")


def _event_filter(
    since: Annotated[date | None, Query(description="Events ending on or after this day (YYYY-MM-DD).")] = None,
    until: Annotated[date | None, Query(description="Events starting on or before this day.")] = None,
    bbox: Annotated[str | None, Query(description="west,south,east,north in degrees.")] = None,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-2 code, e.g. SY.")] = None,
    admin1: Annotated[str | None, Query(max_length=200)] = None,
    type: Annotated[list[str] | None, Query(description="Event type or sub-type; repeat or comma-separate for several.")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Part of an actor's name.")] = None,
    min_sources: Annotated[int, Query(ge=0, le=1000, description="Minimum independent source chains.")] = 0,
    q: Annotated[str | None, Query(max_length=500, description="Words in the supporting reports.")] = None,
) -> EventFilter:
    if since and until and until < since:
        raise ApiError(422, "until is before since", code="invalid_filter")
    if country is not None and not _COUNTRY.match(country):
        raise ApiError(422, "country: expected an ISO 3166-1 alpha-2 code such as SY", code="invalid_filter")
    types, sub_types = split_type_names(t.strip() for item in (type or []) for t in item.split(",") if t.strip())
    return EventFilter(
        since=since, until=until, bbox=parse_bbox(bbox) if bbox else None, country=country,
        admin1=admin1 or None, event_types=types, sub_event_types=sub_types, actor=(actor or "").strip() or None, min_sources=min_sources,
        q=(q or "").strip() or None,
    )


EventFilterDep = Annotated[EventFilter, Depends(_event_filter)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Page size (1–{MAX_PAGE}).")]
