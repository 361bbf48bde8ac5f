"""Distances on the Earth: the one great-circle formula every stage uses.

Why one module: geocoding ranks candidates by distance to co-mentioned places, fusion compares
event places, and the CLI filters events within a radius; the three must agree on what "50 km"
means. A sphere of mean radius is plenty at the precisions news gives (errors < 0.5%).
"""

from __future__ import annotations

import math

__all__ = ["EARTH_RADIUS_KM", "haversine_km", "bbox_around"]

EARTH_RADIUS_KM = 6371.0088
"""Mean Earth radius (IUGG)."""


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in degrees (haversine, in its
    ``atan2`` form, which stays accurate for antipodal points)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlam = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    h = min(1.0, max(0.0, h))
    return EARTH_RADIUS_KM * 2 * math.atan2(math.sqrt(h), math.sqrt(1 - h))


def bbox_around(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """A ``(west, south, east, north)`` box that contains every point within ``km`` of a point.

    Why: an index can narrow by box; the exact circle is then checked with :func:`haversine_km`.
    Near a pole the box spans every longitude; across the antimeridian west > east, which
    :class:`~sitroom.store.queries.EventFilter` reads as a box that wraps.
    """
    dlat = math.degrees(km / EARTH_RADIUS_KM)
    south, north = max(-90.0, lat - dlat), min(90.0, lat + dlat)
    if south <= -90.0 or north >= 90.0:
        return (-180.0, south, 180.0, north)
    # The widest longitude span of the circle is at the latitude where it touches the box.
    ratio = math.sin(km / EARTH_RADIUS_KM) / math.cos(math.radians(lat))
    if ratio >= 1.0:
        return (-180.0, south, 180.0, north)
    dlon = math.degrees(math.asin(ratio))
    west, east = lon - dlon, lon + dlon
    if west < -180.0:
        west += 360.0
    if east > 180.0:
        east -= 360.0
    return (west, south, east, north)
