"""``regions.csv``: counties, islands and macro-regions that cities500 has no rows for, and the
admin1 names our ``admin1.csv`` gives by seat city (Italian, Spanish, French regions...)."""

import pytest

from sitroom.geo.build import read_csv, region_rows, supplement_rows
from sitroom.geo.geocoding import geocode
from sitroom.geo.distance import haversine_km
from sitroom.model import Precision


def test_region_rows_are_well_formed_and_unique():
    rows = list(region_rows())
    assert len(rows) > 150
    names = [r["name"] for r in rows]
    assert len(names) == len(set(names))
    assert not set(names) & {r["name"] for r in supplement_rows()}
    for r in rows:
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180, r
        assert r["precision"] in {p.value for p in Precision}, r
        # Never a populated place: those belong in supplement.csv, where they merge into cities.
        assert r["feature_class"] in {"A", "L", "T", "H"}, r


def test_every_admin1_row_names_a_seat_or_a_code():
    for r in read_csv("admin1.csv"):
        assert r["code"] or r["seat"], r
        assert bool(r["lat"]) == bool(r["lon"]), r


@pytest.mark.parametrize("name,cc,lat,lon,precision", [
    ("Hampshire", "GB", 51.05, -1.3, Precision.ADMIN2),      # an English county
    ("Co. Cork", "IE", 51.95, -8.75, Precision.ADMIN2),      # an Irish county, abbreviated
    ("Laguna", "PH", 14.17, 121.33, Precision.ADMIN2),       # a Philippine province
    ("Oahu", "US", 21.47, -157.98, Precision.ADMIN2),        # an island
    ("North Waziristan", "PK", 32.95, 70.1, Precision.ADMIN2),
    ("Spratly Islands", "", 10.0, 114.0, Precision.REGION),  # a disputed island group
    ("Himalayas", "", 28.5, 84.0, Precision.REGION),         # a macro-region
    ("Strait of Hormuz", "", 26.6, 56.4, Precision.REGION),  # a strait
    ("South Ossetia", "GE", 42.35, 43.95, Precision.ADMIN1), # a breakaway region
])
def test_region_entries_load_and_resolve(gaz, name, cc, lat, lon, precision):
    place = geocode(name, gazetteer=gaz)
    assert place is not None, name
    assert (place.country or "") == cc and place.precision == precision, place
    assert haversine_km(place.lat, place.lon, lat, lon) < 5


def test_a_county_does_not_merge_into_its_namesake_town(gaz):
    # "Durham" is a city; "County Durham" the county around it: both stay.
    place = geocode("County Durham", gazetteer=gaz)
    assert place is not None and place.precision == Precision.ADMIN2 and place.country == "GB"


def test_sea_points_are_feature_centres(gaz):
    place = geocode("Indian Ocean", gazetteer=gaz)
    assert place is not None and place.precision == Precision.REGION
    assert -40 < place.lat < 10 and 50 < place.lon < 100  # in the open ocean, not on a coast


def test_admin1_named_by_its_seat_city(gaz):
    # Italian regions carry numeric GeoNames codes that pycountry cannot name: admin1.csv names
    # Sicily through its seat, Palermo, and gives the island's centre rather than the seat's.
    place = geocode("Sicily", gazetteer=gaz)
    assert place is not None and place.precision == Precision.ADMIN1 and place.country == "IT"
    assert haversine_km(place.lat, place.lon, 37.6, 14.1) < 5
    palermo = geocode("Palermo", context="Sicily", gazetteer=gaz)
    assert palermo is not None and palermo.admin1 == "Sicily"


def test_a_village_does_not_name_a_foreign_region():
    # pycountry names a GeoNames admin1 code through a city of the subdivision's name; a village
    # called "Maule" in the region of a city 100 times its size must not make that region "Maule",
    # while a regional capital of the name ("Antofagasta") still names its own.
    from tests.geo.conftest import _city
    from sitroom.geo.build import _admin1_table

    cities = {str(c["geonameid"]): c for c in [
        _city(1, "Concepción", -36.83, -73.05, "CL", "06", 220000),
        _city(2, "Maule", -36.90, -73.10, "CL", "06", 1500),
        _city(3, "Antofagasta", -23.65, -70.40, "CL", "03", 350000),
        _city(4, "Tocopilla", -22.09, -70.20, "CL", "03", 25000),
    ]}
    table = _admin1_table(cities)
    assert table.get(("CL", "06"), {}).get("name") != "Maule"
    assert table[("CL", "03")]["name"] == "Antofagasta"


@pytest.mark.parametrize("name", ["Democratic Republic of Congo", "DR Congo", "Congo"])
def test_congo_spellings_name_the_drc(gaz, name):
    assert geocode(name, gazetteer=gaz).country == "CD"


def test_republic_of_congo_is_brazzaville(gaz):
    assert geocode("Republic of Congo", gazetteer=gaz).country == "CG"


def test_former_kenyan_province_beats_a_foreign_town_of_its_name(gaz):
    place = geocode("Nyanza", gazetteer=gaz)
    assert place.country == "KE" and place.precision == Precision.ADMIN1


def test_arab_is_a_demonym_not_the_alabama_town(gaz):
    assert any(c.kind == "demonym" and not c.place.country for c in gaz.lookup("Arab"))
