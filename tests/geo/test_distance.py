"""The one distance formula and the index box around a radius."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sitroom.geo.distance import bbox_around, haversine_km


def test_known_distance():
    # Damascus to Aleppo is about 310 km as the crow flies.
    assert 300 < haversine_km(33.51, 36.29, 36.20, 37.16) < 320
    assert haversine_km(10, 20, 10, 20) == 0


def _inside(box, lat, lon):
    west, south, east, north = box
    in_lon = west <= lon <= east if west <= east else (lon >= west or lon <= east)
    return south - 1e-9 <= lat <= north + 1e-9 and in_lon


@given(st.floats(-89, 89), st.floats(-180, 180), st.floats(1, 2000), st.floats(0, 360), st.floats(0, 1))
def test_box_holds_every_point_of_the_circle(lat, lon, km, bearing, frac):
    """A point at distance ≤ km (any bearing) lies in the box: the SQL prefilter never drops a hit."""
    import math

    d = km * frac / 6371.0088
    b = math.radians(bearing)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    lat2, lon2 = math.degrees(p2), (math.degrees(l2) + 540) % 360 - 180
    assert _inside(bbox_around(lat, lon, km), lat2, lon2)


def test_box_wraps_the_antimeridian():
    west, south, east, north = bbox_around(0.0, 179.9, 50)
    assert west > east and _inside((west, south, east, north), 0.0, -179.9)
