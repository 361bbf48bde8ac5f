"""import_geonames loads a GeoNames-format dump (written here) into an index."""

import shutil

from sitroom.geo.gazetteer import Gazetteer
from sitroom.geo.geonames_import import import_geonames, precision_for
from sitroom.model import Precision


def _line(*cols):
    return "\t".join(str(c) for c in cols) + "\n"


def test_import_country_file(tmp_path, gaz_path):
    index = tmp_path / "gaz.sqlite"
    shutil.copy(gaz_path, index)
    dump = tmp_path / "SY.txt"
    dump.write_text(
        # a village cities500 does not have, with inline alternate names
        _line(9990001, "Tall Qarqur", "Tall Qarqur", "Tal Karkur,Tell Qarqour", 36.01, 38.12, "P", "PPL", "SY", "",
              "04", "", "", "", 350, "", 300, "Asia/Damascus", "2020-01-01")
        # an admin1 the build knows only by a median point
        + _line(9990002, "Muhafazat al Hasakah", "Muhafazat al Hasakah", "", 36.60, 41.00, "A", "ADM1", "SY", "",
                "01", "", "", "", 1500000, "", 400, "Asia/Damascus", "2020-01-01")
        # a place already in the index (Mosul's id) only adds names
        + _line(99072, "Mosul", "Mosul", "Mossoul", 36.34, 43.13, "P", "PPLA", "IQ", "", "15", "", "", "",
                1700000, "", 200, "Asia/Baghdad", "2020-01-01"),
        encoding="utf-8")
    alt = tmp_path / "alternateNames.txt"
    alt.write_text(_line(1, 9990001, "en", "Qarqur Hill", "", "", "", "")
                   + _line(2, 9990001, "link", "https://example.invalid/qarqur", "", "", "", ""), encoding="utf-8")
    stats = import_geonames(dump, index, alternate_names=alt)
    assert stats["added"] == 1 and stats["present"] == 2 and stats["admin1_replaced"] == 1

    g = Gazetteer(index)
    village = g.lookup("Tell Qarqour")
    assert [c.place.gazetteer_id for c in village] == ["9990001"]
    assert village[0].place.admin1 == "Raqqa"
    assert village[0].place.precision == Precision.TOWN
    assert g.lookup("Qarqur Hill")
    assert any(c.place.gazetteer_id == "99072" for c in g.lookup("Mossoul"))
    a1 = g.by_gid("9990002")
    assert a1 is not None and a1.place.precision == Precision.ADMIN1 and a1.place.lat == 36.60


def test_precision_mapping():
    assert precision_for("A", "PCLI") == "country"
    assert precision_for("A", "ADM1") == "admin1"
    assert precision_for("A", "ADM3") == "admin2"
    assert precision_for("P", "PPLX") == "town"
    assert precision_for("S", "CMP") == "point"
