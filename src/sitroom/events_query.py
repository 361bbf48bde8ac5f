"""Filtering events for people (``sitroom events``): by date, type, country and distance.

Why in memory: the CLI lists at most a few thousand events of a working store; radius search
needs great-circle distance, which both engines lack without extensions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from .fuse.reconcile import place_distance_km
from .model import Event, Place, Precision, to_jsonable

__all__ = ["filter_events", "event_feature", "resolve_near"]

_LATLON = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")


def resolve_near(text: str) -> Place | None:
    """``"36.37,41.15"`` → a point; a place name → its gazetteer entry (``None`` if unknown)."""
    m = _LATLON.match(text)
    if m:
        lat, lon = float(m.group(1)), float(m.group(2))
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            return Place(f"point:{lat},{lon}", text.strip(), None, None, None, lat, lon, Precision.POINT)
        return None
    from .geo import geocode

    return geocode(text)


def filter_events(events: Iterable[Event], *, since: date | None = None, event_type: str | None = None,
                  country: str | None = None, near: Place | None = None, km: float = 50.0) -> list[Event]:
    out = []
    for e in events:
        if since and (e.end or e.start) and (e.end or e.start) < since:  # type: ignore[operator]
            continue
        if event_type and event_type not in (e.event_type, e.sub_event_type):
            continue
        if country and (not e.place or (e.place.country or "").upper() != country.upper()):
            continue
        if near and (not e.place or place_distance_km(near, e.place) > km):
            continue
        out.append(e)
    return sorted(out, key=lambda e: (e.start or date.min, e.id), reverse=True)


def event_feature(e: Event) -> dict:
    """A GeoJSON Feature for an event (geometry ``null`` when it has no place)."""
    geometry = {"type": "Point", "coordinates": [e.place.lon, e.place.lat]} if e.place else None
    props = to_jsonable(e)
    props.pop("place", None)
    props["place"] = to_jsonable(e.place) if e.place else None
    return {"type": "Feature", "id": e.id, "geometry": geometry, "properties": props}
