"""The two storage engines behind :class:`sitroom.store.Store`: SQLite (default) and PostgreSQL.

Why a backend object: the data-access code is written once, with ``?`` placeholders and portable
SQL (``ON CONFLICT … DO NOTHING`` works on both). What truly differs — connecting, transactions,
placeholders, JSON/boolean/timestamp types and full-text search — lives here, one class per engine.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Iterator, Sequence
from urllib.parse import unquote, urlparse

__all__ = ["Backend", "SQLiteBackend", "PostgresBackend", "backend_for_url", "StoreURLError", "fts_terms"]


class StoreURLError(ValueError):
    """A ``--db`` / ``SITROOM_DB`` value that names no engine sitroom supports."""


_WORD = re.compile(r'"([^"]+)"|([\w][\w\-\'.]*)', re.UNICODE)


def fts_terms(query: str) -> list[str]:
    """Split a user's search into phrases and words, dropping all query-language syntax.

    Why: FTS5's MATCH syntax treats ``-``, ``:`` and ``*`` as operators, so raw user input can raise
    or change meaning; every term is re-quoted by the backend instead.
    """
    terms = []
    for phrase, word in _WORD.findall(query):
        term = (phrase or word).strip().strip("'.-")
        if term:
            terms.append(term)
    return terms


class Backend:
    """What an engine must provide. Methods take and return plain Python values."""

    name: str
    migrations_dir: str

    def cursor(self) -> Any:  # pragma: no cover - interface
        raise NotImplementedError

    @contextmanager
    def transaction(self) -> Iterator[None]:  # pragma: no cover - interface
        raise NotImplementedError
        yield

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        cur = self.cursor()
        cur.execute(self.sql(sql), tuple(self.param(p) for p in params))
        return cur

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        cur = self.cursor()
        cur.executemany(self.sql(sql), [tuple(self.param(p) for p in row) for row in rows])

    def sql(self, sql: str) -> str:
        return sql

    def param(self, value: Any) -> Any:
        return value

    def run_script(self, script: str) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def json_param(self, value: Any) -> Any:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    def load_json(self, value: Any) -> Any:
        return json.loads(value) if isinstance(value, (str, bytes)) else value

    def load_datetime(self, value: Any) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, datetime):
            return value.astimezone(timezone.utc)
        return datetime.fromisoformat(value).astimezone(timezone.utc)

    def load_date(self, value: Any) -> date | None:
        if value is None or isinstance(value, date):
            return value
        return date.fromisoformat(value)

    def search_sql(self, terms: list[str]) -> tuple[str, list[Any]]:  # pragma: no cover - interface
        raise NotImplementedError

    def table_names(self) -> set[str]:  # pragma: no cover - interface
        raise NotImplementedError

    def check(self) -> str:  # pragma: no cover - interface
        raise NotImplementedError

    def close(self) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def describe(self) -> str:  # pragma: no cover - interface
        raise NotImplementedError


class SQLiteBackend(Backend):
    """One SQLite file in WAL mode: readers never block the writer, a crash never half-writes.

    The connection runs in autocommit mode with explicit ``BEGIN IMMEDIATE`` so that every write
    transaction takes the write lock up front (no upgrade deadlocks) and nests through savepoints.
    """

    name = "sqlite"
    migrations_dir = "sqlite"

    def __init__(self, path: str, *, timeout: float = 30.0) -> None:
        self.path = path
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
        self.conn.execute("PRAGMA foreign_keys = ON")
        if path != ":memory:":
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
        self.conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        self._depth = 0
        self._lock = threading.RLock()

    def cursor(self) -> sqlite3.Cursor:
        return self.conn.cursor()

    def param(self, value: Any) -> Any:
        if isinstance(value, datetime):
            return value.astimezone(timezone.utc).isoformat(timespec="seconds")
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, bool):
            return int(value)
        return value

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock:
            depth = self._depth
            if depth == 0:
                self.conn.execute("BEGIN IMMEDIATE")
            else:
                self.conn.execute(f"SAVEPOINT sp{depth}")
            self._depth += 1
            try:
                yield
            except BaseException:
                self._depth -= 1
                if depth == 0:
                    self.conn.execute("ROLLBACK")
                else:
                    self.conn.execute(f"ROLLBACK TO sp{depth}")
                    self.conn.execute(f"RELEASE sp{depth}")
                raise
            self._depth -= 1
            if depth == 0:
                self.conn.execute("COMMIT")
            else:
                self.conn.execute(f"RELEASE sp{depth}")

    def run_script(self, script: str) -> None:
        """Run a migration script statement by statement inside the current transaction.

        ``executescript`` would commit first, breaking the all-or-nothing migration; statements are
        split with ``sqlite3.complete_statement`` so trigger bodies stay whole.
        """
        buffer = ""
        for line in script.splitlines(keepends=True):
            if not buffer and line.strip().startswith("--"):
                continue
            buffer += line
            if sqlite3.complete_statement(buffer):
                self.conn.execute(buffer)
                buffer = ""
        if buffer.strip():
            self.conn.execute(buffer)

    def search_sql(self, terms: list[str]) -> tuple[str, list[Any]]:
        match = " ".join('"' + t.replace('"', '""') + '"' for t in terms)
        sql = (
            "SELECT d.id, d.title, d.outlet, d.published, "
            "snippet(documents_fts, 1, '[', ']', '…', 14) AS snippet, bm25(documents_fts, 4.0, 1.0) AS score "
            "FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
            "WHERE documents_fts MATCH ? ORDER BY score LIMIT ?"
        )
        return sql, [match]

    def search_score(self, raw: float) -> float:
        # bm25() is lower-is-better and negative; report higher-is-better.
        return -float(raw)

    def table_names(self) -> set[str]:
        rows = self.conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')").fetchall()
        return {r[0] for r in rows}

    def check(self) -> str:
        return str(self.conn.execute("PRAGMA integrity_check").fetchone()[0])

    def close(self) -> None:
        self.conn.close()

    def describe(self) -> str:
        return f"sqlite:///{self.path}"


class PostgresBackend(Backend):
    """PostgreSQL through psycopg 3, for stores that outgrow one file or one machine."""

    name = "postgresql"
    migrations_dir = "postgresql"

    def __init__(self, url: str) -> None:
        import psycopg

        self.url = url
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.OperationalError as exc:
            raise ConnectionError(f"cannot connect to PostgreSQL at {_redact(url)}: {exc}".strip()) from exc
        self._lock = threading.RLock()

    def cursor(self) -> Any:
        return self.conn.cursor()

    def sql(self, sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s")

    def json_param(self, value: Any) -> Any:
        from psycopg.types.json import Jsonb

        return Jsonb(value)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock, self.conn.transaction():
            yield

    def run_script(self, script: str) -> None:
        self.conn.execute(script)  # type: ignore[arg-type]  # a trusted, parameterless file

    def search_sql(self, terms: list[str]) -> tuple[str, list[Any]]:
        query = " ".join('"' + t.replace('"', " ") + '"' for t in terms)
        sql = (
            "SELECT d.id, d.title, d.outlet, d.published, "
            "ts_headline('english', d.text, q, 'StartSel=[, StopSel=], MaxWords=28, MinWords=8, ShortWord=2') AS snippet, "
            "ts_rank(d.fts, q) AS score "
            "FROM documents d, websearch_to_tsquery('english', ?) q "
            "WHERE d.fts @@ q ORDER BY score DESC LIMIT ?"
        )
        return sql, [query]

    def search_score(self, raw: float) -> float:
        return float(raw)

    def table_names(self) -> set[str]:
        rows = self.conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        ).fetchall()
        return {r[0] for r in rows}

    def check(self) -> str:
        self.conn.execute("SELECT 1")
        return "ok"

    def close(self) -> None:
        self.conn.close()

    def describe(self) -> str:
        return _redact(self.url)


def _redact(url: str) -> str:
    parsed = urlparse(url)
    if parsed.password:
        return url.replace(f":{parsed.password}@", ":***@")
    return url


def backend_for_url(url: str) -> Backend:
    """Open the engine a store URL names.

    Accepted: ``sqlite:///relative/path.db``, ``sqlite:////absolute/path.db``, ``sqlite:///:memory:``,
    a bare file path (taken as SQLite), and ``postgresql://…`` / ``postgres://…``.
    """
    if url.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        return PostgresBackend(url.replace("postgresql+psycopg://", "postgresql://", 1))
    if url.startswith("sqlite:"):
        path = unquote(url[len("sqlite:"):])
        if path.startswith("///"):
            path = path[3:]
        elif path.startswith("//"):
            raise StoreURLError(f"bad SQLite URL {url!r}: use sqlite:///relative.db or sqlite:////absolute.db")
        if not path:
            raise StoreURLError(f"bad SQLite URL {url!r}: no file path")
        return SQLiteBackend(path)
    if "://" in url:
        raise StoreURLError(f"unsupported store URL {url!r}: use sqlite:///file.db or postgresql://…")
    return SQLiteBackend(url)
