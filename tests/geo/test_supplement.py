"""The supplement data file and the done-when places of the geoparsing issue."""

import pytest

from sitroom.geo.build import read_csv, supplement_rows
from sitroom.geo.geocoding import geocode
from sitroom.geo.distance import haversine_km
from sitroom.model import Precision


def test_supplement_rows_are_well_formed():
    rows = list(supplement_rows())
    assert len(rows) > 40
    for r in rows:
        assert r["name"], r
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180, r
        assert r["precision"] in {p.value for p in Precision}, r
        assert r["feature_class"] in {"P", "A", "S", "L", "T", "H", "V"}, r


def test_country_table_has_points_and_demonyms():
    rows = {r["iso2"]: r for r in read_csv("countries.csv")}
    assert {"SY", "IQ", "TR", "US"} <= set(rows)
    assert "Syrian" in rows["SY"]["demonyms"]


@pytest.mark.parametrize("spelling", ["al-Hol", "al-Hawl", "Al Hol", "Al-Hol camp", "الهول", "El Hol"])
def test_al_hol_any_spelling(gaz, spelling):
    place = geocode(spelling, gazetteer=gaz)
    assert place is not None
    assert haversine_km(place.lat, place.lon, 36.39, 41.15) < 5
    assert place.admin1 == "Al-Hasakah"
    assert place.country == "SY"


def test_al_hol_with_context(gaz):
    place = geocode("al-Hawl", context="Hasakah, Syria", gazetteer=gaz)
    assert place is not None and place.country == "SY"


def test_baghouz_is_the_euphrates_village_near_the_iraqi_border(gaz):
    place = geocode("Baghouz", gazetteer=gaz)
    assert place is not None and place.country == "SY"
    assert place.admin1 == "Deir ez-Zor"
    # East bank of the Euphrates, a few km from the Iraqi border near Abu Kamal / al-Qaim.
    assert haversine_km(place.lat, place.lon, 34.45, 40.92) < 10
    assert haversine_km(place.lat, place.lon, 34.37, 41.09) < 25
    assert geocode("al-Baghuz Fawqani", gazetteer=gaz) == place


@pytest.mark.parametrize("name,iso", [("Iraq", "IQ"), ("Turkey", "TR"), ("Türkiye", "TR"), ("Syria", "SY")])
def test_countries_resolve_as_countries(gaz, name, iso):
    place = geocode(name, gazetteer=gaz)
    assert place is not None
    assert place.precision == Precision.COUNTRY and place.country == iso


def test_border_crossings_and_camps(gaz):
    for name, cc in [("Rabia", "IQ"), ("Semalka", "SY"), ("Bab al-Hawa", "SY"), ("Roj camp", "SY"),
                     ("Zaatari", "JO"), ("Rukban", "SY")]:
        place = geocode(name, gazetteer=gaz)
        assert place is not None and place.country == cc, name
        assert place.precision == Precision.POINT, name


def test_admin1_spellings(gaz):
    for spelling in ("Hasakah province", "Hassakeh province", "al-Hasakah governorate"):
        place = geocode(spelling, gazetteer=gaz)
        assert place is not None and place.precision == Precision.ADMIN1, spelling
        assert place.name == "Al-Hasakah"


def test_default_index_is_rebuilt_when_its_sources_change(tmp_path, monkeypatch):
    """A default index built from other data (older supplement, older build code) is rebuilt on open."""
    import sqlite3

    from sitroom.geo import build, gazetteer

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    target = gazetteer.default_gazetteer_path()
    target.parent.mkdir(parents=True)
    built = []
    monkeypatch.setattr(build, "build_gazetteer", lambda path, **kw: built.append(path) or _tiny_index(path))
    _tiny_index(target, source="something-older")
    monkeypatch.setattr(gazetteer, "_OPEN", {})
    gazetteer.open_gazetteer()
    assert built == [target]
    # Current sources: opened as it is.
    built.clear()
    _tiny_index(target, source=build.source_fingerprint())
    monkeypatch.setattr(gazetteer, "_OPEN", {})
    gazetteer.open_gazetteer()
    assert built == []
    # An index holding a user's GeoNames import is kept even when stale.
    _tiny_index(target, source="older", imported="allCountries.txt")
    monkeypatch.setattr(gazetteer, "_OPEN", {})
    gazetteer.open_gazetteer()
    assert built == []


def _tiny_index(path, source=None, imported=None):
    import sqlite3

    from sitroom.geo import schema

    path.unlink(missing_ok=True)
    con = sqlite3.connect(path)
    schema.create(con)
    schema.finish(con)
    if source:
        con.execute("INSERT OR REPLACE INTO meta VALUES ('source', ?)", (source,))
    if imported:
        con.execute("INSERT OR REPLACE INTO meta VALUES ('geonames_import', ?)", (imported,))
    con.commit()
    con.close()
