"""Append places and their names to a gazetteer index (used by the build and the GeoNames import).

Why a writer object: both the package build and a user's GeoNames import must normalise every name
the same way and drop the same junk (codes, non-Latin/Arabic scripts that English news never
uses), or lookups would silently miss. Rows are batched for speed.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import Iterable

from sitroom.geo.normalize import is_arabic, name_key, phonetic_key

__all__ = ["PlaceRow", "IndexWriter", "usable_name"]

_DIGIT_RE = re.compile(r"\d")


@dataclass(slots=True)
class PlaceRow:
    gid: str
    name: str
    country: str | None
    admin1: str | None
    admin1_code: str | None
    admin2: str | None
    lat: float
    lon: float
    fclass: str | None
    fcode: str | None
    population: int
    precision: str
    source: str


def _latin_or_arabic(name: str) -> bool:
    for ch in name:
        o = ord(ch)
        if o < 0x250 or 0x1E00 <= o <= 0x1EFF or 0x2000 <= o <= 0x206F or 0x0300 <= o <= 0x036F:
            continue
        if 0x0600 <= o <= 0x06FF:
            continue
        return False
    return True


def usable_name(name: str) -> bool:
    """Whether an alternate name is worth indexing for English news.

    Drops digits (postcodes, codes), short all-capital codes ("LAX", "SYR") that would match
    acronyms in text, and scripts other than Latin and Arabic.
    """
    name = name.strip()
    if len(name) < 2 or _DIGIT_RE.search(name):
        return False
    if len(name) <= 3 and name.isupper():
        return False
    return _latin_or_arabic(name) and bool(name_key(name))


class IndexWriter:
    """Buffered inserts into an open index connection."""

    def __init__(self, con: sqlite3.Connection, batch: int = 20_000) -> None:
        self.con = con
        self.batch = batch
        self._names: list[tuple[str, str, int, str]] = []
        self.n_places = 0
        self.n_names = 0

    def add_place(self, row: PlaceRow) -> int:
        cur = self.con.execute(
            "INSERT INTO places (gid, name, country, admin1, admin1_code, admin2, lat, lon, fclass, fcode,"
            " population, precision, source) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (row.gid, row.name, row.country, row.admin1, row.admin1_code, row.admin2, row.lat, row.lon,
             row.fclass, row.fcode, row.population, row.precision, row.source),
        )
        self.n_places += 1
        return int(cur.lastrowid or 0)

    def add_names(self, place: int, names: Iterable[str], kind: str = "alt", *, seen: set[str] | None = None,
                  check: bool = True) -> None:
        """Index ``names`` for ``place``; a key already in ``seen`` (per place) is skipped."""
        seen = set() if seen is None else seen
        for name in names:
            if not name or (check and not usable_name(name)):
                continue
            key = name_key(name)
            if not key or key in seen:
                continue
            seen.add(key)
            pkey = key if is_arabic(key) else phonetic_key(name)
            self._names.append((key, pkey, place, kind))
        if len(self._names) >= self.batch:
            self.flush()

    def flush(self) -> None:
        if self._names:
            self.con.executemany("INSERT INTO names (key, pkey, place, kind) VALUES (?,?,?,?)", self._names)
            self.n_names += len(self._names)
            self._names.clear()
