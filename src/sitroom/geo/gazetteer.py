"""Read access to the gazetteer index: candidates by name, places by id.

Why a class holding one read-only connection: opening the file is the only load cost (milliseconds),
every lookup is an indexed query, and repeated names (a document says "Mosul" ten times) hit a
small per-instance cache. Use :func:`open_gazetteer` to get the default index, built on first use.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from sitroom.geo.normalize import name_key, phonetic_key
from sitroom.model import Place, Precision

log = logging.getLogger(__name__)

__all__ = ["Candidate", "Gazetteer", "default_gazetteer_path", "open_gazetteer", "GAZETTEER_FILE"]

GAZETTEER_FILE = "gazetteer-v2.sqlite"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name could refer to, with how the name matched it."""

    id: int
    place: Place
    kind: str
    """How the name matched: ``name`` (main name), ``alt`` (alternate), ``demonym``, ``phonetic``."""
    admin1_code: str | None
    source: str


_COLS = "p.id, p.gid, p.name, p.country, p.admin1, p.admin1_code, p.admin2, p.lat, p.lon, p.fclass, p.fcode, " \
        "p.population, p.precision, p.source"


def _candidate(row: tuple, kind: str) -> Candidate:
    (pid, gid, name, country, admin1, a1code, admin2, lat, lon, fclass, fcode, pop, precision, source) = row
    place = Place(gazetteer_id=gid, name=name, country=country, admin1=admin1, admin2=admin2, lat=lat, lon=lon,
                  precision=Precision(precision), feature_class=fclass, feature_code=fcode, population=pop)
    return Candidate(pid, place, kind, a1code, source)


class Gazetteer:
    """A gazetteer index file opened read-only."""

    def __init__(self, path: str | Path, cache_size: int = 50_000) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise FileNotFoundError(f"gazetteer index not found: {self.path} (build it with build_gazetteer)")
        self._local = threading.local()
        self._cache: dict[tuple[str, str], tuple[Candidate, ...]] = {}
        self._cache_size = cache_size

    @property
    def _con(self) -> sqlite3.Connection:
        # One connection per thread: sqlite3 connections must not be shared across threads.
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            self._local.con = con
        return con

    def _query(self, column: str, key: str) -> tuple[Candidate, ...]:
        cache_key = (column, key)
        hit = self._cache.get(cache_key)
        if hit is not None:
            return hit
        rows = self._con.execute(
            f"SELECT {_COLS}, n.kind FROM names n JOIN places p ON p.id = n.place WHERE n.{column} = ?", (key,)
        ).fetchall()
        best: dict[int, Candidate] = {}
        order = {"name": 0, "demonym": 1, "alt": 2, "phonetic": 3}
        for row in rows:
            kind = row[-1] if column == "key" else "phonetic"
            cand = _candidate(row[:-1], kind)
            old = best.get(cand.id)
            if old is None or order.get(kind, 9) < order.get(old.kind, 9):
                best[cand.id] = cand
        out = tuple(best.values())
        if len(self._cache) >= self._cache_size:
            self._cache.clear()
        self._cache[cache_key] = out
        return out

    def lookup(self, name: str) -> tuple[Candidate, ...]:
        """Entries whose normalised name (main, alternate or demonym) equals ``name``'s."""
        key = name_key(name)
        return self._query("key", key) if key else ()

    def lookup_phonetic(self, name: str) -> tuple[Candidate, ...]:
        """Entries whose consonant skeleton equals ``name``'s (fallback for spelling variants)."""
        key = phonetic_key(name)
        if len(key) < 3:
            return ()
        return self._query("pkey", key)

    def has_key(self, key: str) -> bool:
        """Whether any entry carries the normalised ``key`` (cheap check for text scanning)."""
        return bool(self._query("key", key))

    def by_id(self, pid: int) -> Candidate | None:
        row = self._con.execute(f"SELECT {_COLS} FROM places p WHERE p.id = ?", (pid,)).fetchone()
        return _candidate(row, "name") if row else None

    def by_gid(self, gid: str) -> Candidate | None:
        row = self._con.execute(f"SELECT {_COLS} FROM places p WHERE p.gid = ?", (gid,)).fetchone()
        return _candidate(row, "name") if row else None

    def country(self, iso2: str) -> Candidate | None:
        """The country entry for an ISO alpha-2 code."""
        row = self._con.execute(f"SELECT {_COLS} FROM places p WHERE p.fcode = 'PCLI' AND p.country = ?",
                                (iso2,)).fetchone()
        return _candidate(row, "name") if row else None

    def admin1(self, iso2: str, code: str) -> Candidate | None:
        """The admin1 entry for a country and GeoNames admin1 code."""
        row = self._con.execute(
            f"SELECT {_COLS} FROM places p WHERE p.country = ? AND p.admin1_code = ? AND p.fcode = 'ADM1'",
            (iso2, code)).fetchone()
        return _candidate(row, "name") if row else None

    def meta(self) -> dict[str, str]:
        return dict(self._con.execute("SELECT key, value FROM meta").fetchall())

    def close(self) -> None:
        con = getattr(self._local, "con", None)
        if con is not None:
            con.close()
            self._local.con = None


def default_gazetteer_path(setting: str | None = None) -> Path:
    """Where the index lives: the ``gazetteer_path`` setting, else the user cache directory.

    Default: ``$XDG_CACHE_HOME/sitroom/gazetteer-v2.sqlite`` (``~/.cache/sitroom/...``). A cache
    directory because the file is derived data that can be rebuilt from installed packages.
    """
    if setting:
        return Path(setting).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sitroom" / GAZETTEER_FILE


_OPEN: dict[Path, Gazetteer] = {}
_LOCK = threading.Lock()


def _stale(target: Path) -> bool:
    """Whether the index at ``target`` was built from other sources than the installed ones."""
    from sitroom.geo.build import source_fingerprint

    try:
        con = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
        try:
            meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
        finally:
            con.close()
    except sqlite3.Error:
        return True
    stale = meta.get("source") != source_fingerprint()
    if stale and "geonames_import" in meta:
        # A rebuild would drop the user's imported GeoNames dump: keep it, and say so.
        log.warning("gazetteer index %s predates the installed data but holds an import (%s); "
                    "run `sitroom gazetteer build` and import again to update it", target, meta["geonames_import"])
        return False
    return stale


def open_gazetteer(path: str | Path | None = None, *, build: bool = True) -> Gazetteer:
    """The gazetteer at ``path`` (default :func:`default_gazetteer_path`), built first if missing.

    Cached per path, so a process opens each index once.
    """
    target = Path(path) if path else default_gazetteer_path()
    with _LOCK:
        gaz = _OPEN.get(target)
        if gaz is not None:
            return gaz
        if not target.exists():
            if not build:
                raise FileNotFoundError(f"gazetteer index not found: {target}")
            from sitroom.geo.build import build_gazetteer

            build_gazetteer(target)
        elif build and path is None and _stale(target):
            # The default index is derived data: rebuilt when our data files or build changed.
            from sitroom.geo.build import build_gazetteer

            log.info("gazetteer index %s is older than its sources; rebuilding", target)
            build_gazetteer(target)
        gaz = Gazetteer(target)
        _OPEN[target] = gaz
        return gaz
