"""The gazetteer index file's layout (SQLite), shared by the builder, the importer and the reader.

Why SQLite and not an in-memory dict: the index holds ~240k places and ~1.4M names; opening an
indexed file takes milliseconds (the issue allows 2 s) and a keyed lookup well under a
millisecond, where unpickling the same data would take seconds and hundreds of MB per process.
"""

from __future__ import annotations

import sqlite3

__all__ = ["SCHEMA", "INDEXES", "SCHEMA_VERSION", "create", "finish"]

SCHEMA_VERSION = "1"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS places (
    id INTEGER PRIMARY KEY,
    gid TEXT NOT NULL,          -- GeoNames id as text, or 'sitroom:<slug>' for our supplement
    name TEXT NOT NULL,
    country TEXT,               -- ISO 3166-1 alpha-2
    admin1 TEXT,                -- admin1 *name*
    admin1_code TEXT,           -- GeoNames admin1 code
    admin2 TEXT,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    fclass TEXT,                -- GeoNames feature class (A, P, S, L, T, H, V)
    fcode TEXT,                 -- GeoNames feature code (PPL, PCLI, ADM1, CMP, BCP...)
    population INTEGER NOT NULL DEFAULT 0,
    precision TEXT NOT NULL,    -- sitroom.model.Precision value
    source TEXT NOT NULL        -- cities500 | countries | admin1 | supplement | geonames-import...
);
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL,          -- sitroom.geo.normalize.name_key
    pkey TEXT NOT NULL,         -- sitroom.geo.normalize.phonetic_key
    place INTEGER NOT NULL,
    kind TEXT NOT NULL          -- name | alt | abbr | demonym
);
"""

INDEXES = """
CREATE INDEX IF NOT EXISTS names_key ON names(key);
CREATE INDEX IF NOT EXISTS names_pkey ON names(pkey);
CREATE INDEX IF NOT EXISTS names_place ON names(place);
CREATE INDEX IF NOT EXISTS places_gid ON places(gid);
CREATE INDEX IF NOT EXISTS places_admin1 ON places(country, admin1_code, fcode);
"""


def create(con: sqlite3.Connection) -> None:
    """Create the tables (idempotent); indexes come after bulk loading, see :func:`finish`."""
    con.executescript(SCHEMA)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))


def finish(con: sqlite3.Connection) -> None:
    """Create indexes and refresh planner statistics once the rows are in."""
    con.executescript(INDEXES)
    con.execute("ANALYZE")
