"""Load a GeoNames dump a user downloaded (allCountries.txt or a country file such as SY.txt, and
optionally alternateNames.txt) into an existing or new gazetteer index.

Why: the packaged build covers places of 500+ people; villages, camps, wadis and checkpoints of
conflict reporting often need the full dump. The import reuses the build's writer so names are
normalised identically, skips places the index already has (adding their new names), and lets a
dump's real admin1 points replace the medians the build had to estimate.

Formats (https://download.geonames.org/export/dump/readme.txt): the main file has 19 tab-separated
columns (geonameid, name, asciiname, alternatenames, latitude, longitude, feature class, feature
code, country code, cc2, admin1..admin4 codes, population, elevation, dem, timezone, modification
date); ``alternateNames`` has (alternateNameId, geonameid, isolanguage, alternate name, ...).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any, Iterator

from sitroom.geo import schema
from sitroom.geo.writer import IndexWriter, PlaceRow

__all__ = ["import_geonames", "precision_for"]

#: ``isolanguage`` values of alternateNames that are codes or links, not names.
_NOT_NAMES = frozenset({"link", "post", "iata", "icao", "faac", "tcid", "unlc", "wkdt", "abbr", "fr_1793"})


def precision_for(fclass: str, fcode: str) -> str:
    """sitroom precision for a GeoNames feature class and code."""
    if fclass == "A":
        if fcode.startswith("PCL") or fcode in ("TERR",):
            return "country"
        if fcode == "ADM1":
            return "admin1"
        if fcode.startswith("ADM"):
            return "admin2"
        return "admin1"
    if fclass == "P":
        return "town"
    if fclass == "L" and fcode in ("RGN", "CONT", "AREA", "ZN"):
        return "region"
    if fclass == "H" and fcode in ("OCN", "SEA", "GULF", "BAY"):
        return "region"
    return "point"


def _rows(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 15:
                yield cols


def import_geonames(path: str | Path, index_path: str | Path, alternate_names: str | Path | None = None,
                    *, feature_classes: str | None = None) -> dict[str, Any]:
    """Import a GeoNames dump file into the index at ``index_path`` (created if missing).

    Args:
        path: ``allCountries.txt`` or a country file, in GeoNames' tab-separated format.
        index_path: the gazetteer index to extend.
        alternate_names: optional ``alternateNames.txt`` (or V2) to add names for imported places.
        feature_classes: keep only these GeoNames feature classes (e.g. ``"APS"``); default all.

    Returns:
        Counts: places added, places already present, admin1 points replaced, names added.
    """
    path = Path(path)
    index_path = Path(index_path)
    index_path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(index_path)
    schema.create(con)
    writer = IndexWriter(con)
    known: dict[str, int] = dict(con.execute("SELECT gid, id FROM places").fetchall())

    # Pass 1: admin1 names by (country, code): from the dump's ADM1 rows, else those indexed.
    admin1: dict[tuple[str, str], str] = {
        (cc, code): name for cc, code, name in
        con.execute("SELECT country, admin1_code, name FROM places WHERE fcode = 'ADM1' AND admin1_code IS NOT NULL")
    }
    replaced = 0
    for cols in _rows(path):
        if cols[7] == "ADM1" and cols[10]:
            key = (cols[8], cols[10])
            ours = f"sitroom:adm1:{cols[8]}.{cols[10]}"
            if ours in known:
                # A real GeoNames point beats the median the build estimated.
                con.execute("UPDATE places SET lat = ?, lon = ?, gid = ? WHERE gid = ?",
                            (float(cols[4]), float(cols[5]), cols[0], ours))
                known[cols[0]] = known.pop(ours)
                replaced += 1
            else:
                admin1[key] = cols[1]

    # Pass 2: places and their inline alternate names.
    added = present = 0
    for cols in _rows(path):
        gid, name, ascii_name, alts = cols[0], cols[1], cols[2], cols[3]
        fclass, fcode, cc, a1 = cols[6], cols[7], cols[8], cols[10]
        if feature_classes and fclass not in feature_classes:
            continue
        names = [name, ascii_name, *[a for a in alts.split(",") if a]]
        if gid in known:
            present += 1
            writer.add_names(known[gid], names, "alt")
            continue
        pop = int(cols[14]) if cols[14].strip().lstrip("-").isdigit() else 0
        row = PlaceRow(gid, name, cc or None, admin1.get((cc, a1)), a1 or None, None, float(cols[4]), float(cols[5]),
                       fclass or None, fcode or None, max(pop, 0), precision_for(fclass, fcode), "geonames-import")
        pid = writer.add_place(row)
        known[gid] = pid
        seen: set[str] = set()
        writer.add_names(pid, [name], "name", seen=seen, check=False)
        writer.add_names(pid, names[1:], "alt", seen=seen)
        added += 1
    writer.flush()

    n_alt = 0
    if alternate_names is not None:
        with Path(alternate_names).open(encoding="utf-8") as fh:
            for line in fh:
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 4 or cols[2] in _NOT_NAMES:
                    continue
                pid = known.get(cols[1])
                if pid is None:
                    continue
                writer.add_names(pid, [cols[3]], "alt")
                n_alt += 1
        writer.flush()

    schema.finish(con)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('geonames_import', ?)", (path.name,))
    con.commit()
    con.close()
    return {"added": added, "present": present, "admin1_replaced": replaced, "names": writer.n_names,
            "alternate_names_rows": n_alt}
