"""The one data-access module: only this file (and the migrations) knows SQL.

Everything the rest of sitroom stores or reads goes through :class:`Store`, whichever engine is
behind it. Writes are grouped so a document, or a document's claims, commit together or not at
all; a process killed mid-batch therefore leaves a valid store and a rerun completes the rest.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterable, Iterator, Sequence

from ..model import Claim, Document, Event, from_jsonable, to_jsonable, utc
from .backends import Backend, backend_for_url, fts_terms
from .migrations import applied_versions, available_migrations, migrate

__all__ = ["Store", "SearchHit", "SkipRecord", "open_store", "DocumentNotFound", "AmbiguousId"]

_DOC_COLUMNS = (
    "id, text, title, outlet, url, author, published, language, source, source_kind, "
    "encoding, lossy_decode, meta, ingested_at, processed_at"
)


class DocumentNotFound(LookupError):
    pass


class AmbiguousId(LookupError):
    pass


@dataclass(frozen=True, slots=True)
class SearchHit:
    document_id: str
    title: str | None
    outlet: str | None
    published: datetime | None
    snippet: str
    score: float


@dataclass(frozen=True, slots=True)
class SkipRecord:
    source: str
    reason: str
    detail: str | None
    at: datetime


def _now() -> datetime:
    return datetime.now(timezone.utc)


class Store:
    """Documents, claims and events in SQLite or PostgreSQL.

    Open with :func:`open_store`; use as a context manager to close it.
    """

    def __init__(self, backend: Backend, *, migrate_schema: bool = True) -> None:
        self.backend = backend
        if migrate_schema:
            migrate(backend)

    # ------------------------------------------------------------------------------ lifecycle

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.backend.close()

    @property
    def engine(self) -> str:
        return self.backend.name

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together; nested blocks become savepoints."""
        with self.backend.transaction():
            yield

    def schema_version(self) -> int:
        done = applied_versions(self.backend)
        return max(done) if done else 0

    def latest_schema_version(self) -> int:
        return len(available_migrations(self.backend.migrations_dir))

    def integrity(self) -> str:
        """``ok`` when the engine's own consistency check passes."""
        return self.backend.check()

    def describe(self) -> str:
        return self.backend.describe()

    # ------------------------------------------------------------------------------ documents

    def add_document(self, doc: Document) -> bool:
        """Store ``doc`` in its own transaction; return False when its id is already stored.

        Why ``ON CONFLICT DO NOTHING`` and not a read-then-write: two ingest processes racing on the
        same text must both succeed, one of them as a no-op.
        """
        b = self.backend
        with self.transaction():
            cur = b.execute(
                f"INSERT INTO documents ({_DOC_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT (id) DO NOTHING",
                (
                    doc.id, doc.text, doc.title, doc.outlet, doc.url, doc.author,
                    utc(doc.published) if doc.published else None, doc.language, doc.source,
                    doc.source_kind, doc.encoding, doc.lossy_decode, b.json_param(doc.meta),
                    utc(doc.ingested_at) if doc.ingested_at else _now(), None,
                ),
            )
            return cur.rowcount == 1

    def has_document(self, doc_id: str) -> bool:
        return self.backend.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def get_document(self, doc_id: str) -> Document:
        """The document with this id, or with this unique id prefix (at least 6 characters)."""
        row = self.backend.execute(f"SELECT {_DOC_COLUMNS} FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None and len(doc_id) >= 6:
            rows = self.backend.execute(
                f"SELECT {_DOC_COLUMNS} FROM documents WHERE id LIKE ? ORDER BY id LIMIT 2",
                (doc_id.replace("%", "").replace("_", "") + "%",),
            ).fetchall()
            if len(rows) > 1:
                raise AmbiguousId(f"document id prefix {doc_id!r} matches more than one document")
            row = rows[0] if rows else None
        if row is None:
            raise DocumentNotFound(f"no document with id {doc_id!r}")
        return self._document(row)

    def list_documents(
        self,
        *,
        outlet: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        language: str | None = None,
        unprocessed: bool = False,
        after_id: str | None = None,
        limit: int | None = 50,
        order: str = "published",
    ) -> list[Document]:
        """Documents matching the filters; ``order`` is ``published`` (newest first) or ``id``.

        ``after_id`` with ``order="id"`` pages through everything in a stable order (for
        resumable batch jobs).
        """
        where, params = [], []
        if outlet:
            where.append("outlet = ?")
            params.append(outlet)
        if since:
            where.append("published >= ?")
            params.append(utc(since))
        if until:
            where.append("published < ?")
            params.append(utc(until))
        if language:
            where.append("language = ?")
            params.append(language)
        if unprocessed:
            where.append("processed_at IS NULL")
        if after_id:
            where.append("id > ?")
            params.append(after_id)
        sql = f"SELECT {_DOC_COLUMNS} FROM documents"
        if where:
            sql += " WHERE " + " AND ".join(where)
        if order == "id":
            sql += " ORDER BY id"
        elif order == "published":
            # NULL publication times last on both engines.
            sql += " ORDER BY (published IS NULL), published DESC, id"
        else:
            raise ValueError(f"unknown order {order!r}")
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return [self._document(r) for r in self.backend.execute(sql, params).fetchall()]

    def mark_unprocessed(self) -> int:
        """Mark every document as not yet extracted, so the next ``sitroom process`` extracts
        them all again (their claims are replaced then, not now). Returns how many were marked.

        Why: an extractor change (a new claim field such as ``Quantity.scope``) reaches stored
        documents only when they are extracted again.
        """
        with self.transaction():
            cur = self.backend.execute("UPDATE documents SET processed_at = NULL WHERE processed_at IS NOT NULL")
        return max(int(cur.rowcount or 0), 0)

    def count_documents(self, *, unprocessed: bool = False) -> int:
        sql = "SELECT COUNT(*) FROM documents"
        if unprocessed:
            sql += " WHERE processed_at IS NULL"
        return int(self.backend.execute(sql).fetchone()[0])

    def iter_documents(self, *, unprocessed: bool = False, batch: int = 500) -> Iterator[Document]:
        """Every document (or every unprocessed one), in id order, fetched in batches."""
        after = None
        while True:
            docs = self.list_documents(unprocessed=unprocessed, after_id=after, limit=batch, order="id")
            if not docs:
                return
            yield from docs
            after = docs[-1].id

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Ranked full-text search over titles and texts, with a highlighted snippet per hit."""
        terms = fts_terms(query)
        if not terms:
            return []
        sql, params = self.backend.search_sql(terms)
        rows = self.backend.execute(sql, [*params, int(limit)]).fetchall()
        return [
            SearchHit(
                document_id=r[0], title=r[1], outlet=r[2], published=self.backend.load_datetime(r[3]),
                snippet=" ".join((r[4] or "").split()), score=self.backend.search_score(r[5]),
            )
            for r in rows
        ]

    def _document(self, row: Sequence[Any]) -> Document:
        b = self.backend
        meta = b.load_json(row[12]) or {}
        if row[14] is not None:
            meta = {**meta, "processed_at": b.load_datetime(row[14]).isoformat()}
        return Document(
            id=row[0], text=row[1], title=row[2], outlet=row[3], url=row[4], author=row[5],
            published=b.load_datetime(row[6]), language=row[7], source=row[8], source_kind=row[9],
            encoding=row[10], lossy_decode=bool(row[11]), meta=meta,
            ingested_at=b.load_datetime(row[13]),
        )

    # --------------------------------------------------------------------------------- skips

    def record_skip(self, source: str, reason: str, detail: str | None = None) -> None:
        with self.transaction():
            self.backend.execute(
                "INSERT INTO ingest_skips (source, reason, detail, at) VALUES (?, ?, ?, ?)",
                (source, reason, detail, _now()),
            )

    def list_skips(self, *, limit: int = 100) -> list[SkipRecord]:
        rows = self.backend.execute(
            "SELECT source, reason, detail, at FROM ingest_skips ORDER BY id DESC LIMIT ?", (int(limit),)
        ).fetchall()
        return [SkipRecord(r[0], r[1], r[2], self.backend.load_datetime(r[3])) for r in rows]

    # -------------------------------------------------------------------------------- claims

    def replace_claims(self, document_id: str, claims: Iterable[Claim]) -> int:
        """Store a document's claims, replacing earlier ones, and mark it processed — atomically."""
        b = self.backend
        claims = list(claims)
        for claim in claims:
            if claim.document_id != document_id:
                raise ValueError(f"claim {claim.id} belongs to {claim.document_id}, not {document_id}")
        with self.transaction():
            b.execute("DELETE FROM claims WHERE document_id = ?", (document_id,))
            if claims:
                b.executemany(
                    "INSERT INTO claims (id, document_id, event_type, sub_event_type, confidence, "
                    "span_start, span_end, data) VALUES (?,?,?,?,?,?,?,?)",
                    [
                        (c.id, c.document_id, c.event_type, c.sub_event_type, c.confidence,
                         c.span.start, c.span.end, b.json_param(to_jsonable(c)))
                        for c in claims
                    ],
                )
            cur = b.execute("UPDATE documents SET processed_at = ? WHERE id = ?", (_now(), document_id))
            if cur.rowcount != 1:
                raise DocumentNotFound(f"no document with id {document_id!r}")
        return len(claims)

    def claims_for_document(self, document_id: str) -> list[Claim]:
        rows = self.backend.execute(
            "SELECT data FROM claims WHERE document_id = ? ORDER BY span_start, id", (document_id,)
        ).fetchall()
        return [from_jsonable(Claim, self.backend.load_json(r[0])) for r in rows]

    def get_claims(self, claim_ids: Iterable[str]) -> list[Claim]:
        ids = list(claim_ids)
        out: list[Claim] = []
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.backend.execute(f"SELECT data FROM claims WHERE id IN ({marks})", chunk).fetchall()
            out.extend(from_jsonable(Claim, self.backend.load_json(r[0])) for r in rows)
        return out

    def iter_claims(self, *, unfused: bool = False, batch: int = 1000) -> Iterator[Claim]:
        """Every claim (or every claim in no event yet), in id order, fetched in batches."""
        after = ""
        cond = " AND id NOT IN (SELECT claim_id FROM event_claims)" if unfused else ""
        while True:
            rows = self.backend.execute(
                f"SELECT id, data FROM claims WHERE id > ?{cond} ORDER BY id LIMIT ?", (after, int(batch))
            ).fetchall()
            if not rows:
                return
            for row in rows:
                yield from_jsonable(Claim, self.backend.load_json(row[1]))
            after = rows[-1][0]

    def get_documents(self, doc_ids: Iterable[str]) -> dict[str, Document]:
        """Documents by id (missing ids are left out)."""
        ids = sorted(set(doc_ids))
        out: dict[str, Document] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.backend.execute(f"SELECT {_DOC_COLUMNS} FROM documents WHERE id IN ({marks})", chunk):
                doc = self._document(row)
                out[doc.id] = doc
        return out

    def event_claim_ids(self) -> dict[str, list[str]]:
        """Which claims each stored event holds (from the link table, so re-extracted claims drop out)."""
        out: dict[str, list[str]] = {}
        for event_id, claim_id in self.backend.execute("SELECT event_id, claim_id FROM event_claims ORDER BY event_id, claim_id"):
            out.setdefault(event_id, []).append(claim_id)
        for (event_id,) in self.backend.execute("SELECT id FROM events WHERE id NOT IN (SELECT event_id FROM event_claims)"):
            out.setdefault(event_id, [])
        return out

    def count_claims(self) -> int:
        return int(self.backend.execute("SELECT COUNT(*) FROM claims").fetchone()[0])

    # -------------------------------------------------------------------------------- events

    def save_events(self, events: Iterable[Event], *, delete_ids: Iterable[str] = ()) -> int:
        """Insert or replace events (and their claim links), removing ``delete_ids``, atomically."""
        b = self.backend
        events = list(events)
        with self.transaction():
            for event_id in delete_ids:
                b.execute("DELETE FROM events WHERE id = ?", (event_id,))
            for e in events:
                b.execute("DELETE FROM events WHERE id = ?", (e.id,))
                b.execute(
                    "INSERT INTO events (id, event_type, sub_event_type, start_date, end_date, country, "
                    "admin1, lat, lon, independent_sources, has_contradiction, confidence, record, data, updated_at) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        e.id, e.event_type, e.sub_event_type, e.start, e.end,
                        e.place.country if e.place else None, e.place.admin1 if e.place else None,
                        e.place.lat if e.place else None, e.place.lon if e.place else None,
                        e.independent_sources, bool(e.contradictions), e.confidence, bool(e.record),
                        b.json_param(to_jsonable(e)), _now(),
                    ),
                )
                b.executemany(
                    "INSERT INTO event_claims (event_id, claim_id) VALUES (?, ?)",
                    [(e.id, cid) for cid in e.claim_ids],
                )
        return len(events)

    def get_event(self, event_id: str) -> Event | None:
        row = self.backend.execute("SELECT data FROM events WHERE id = ?", (event_id,)).fetchone()
        return from_jsonable(Event, self.backend.load_json(row[0])) if row else None

    def list_events(self, *, event_type: str | None = None, limit: int | None = 100) -> list[Event]:
        sql, params = "SELECT data FROM events", []
        if event_type:
            sql += " WHERE event_type = ?"
            params.append(event_type)
        sql += " ORDER BY start_date DESC, id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return [from_jsonable(Event, self.backend.load_json(r[0])) for r in self.backend.execute(sql, params)]

    def count_events(self) -> int:
        return int(self.backend.execute("SELECT COUNT(*) FROM events").fetchone()[0])

    # --------------------------------------------------------------------------------- stats

    def stats(self) -> dict[str, Any]:
        b = self.backend
        one = lambda sql: int(b.execute(sql).fetchone()[0])  # noqa: E731 - local shorthand
        return {
            "engine": self.engine,
            "location": self.describe(),
            "schema_version": self.schema_version(),
            "documents": one("SELECT COUNT(*) FROM documents"),
            "unprocessed": one("SELECT COUNT(*) FROM documents WHERE processed_at IS NULL"),
            "claims": one("SELECT COUNT(*) FROM claims"),
            "events": one("SELECT COUNT(*) FROM events"),
            "skipped_items": one("SELECT COUNT(*) FROM ingest_skips"),
        }


def open_store(url: str, *, migrate_schema: bool = True) -> Store:
    """Open (and migrate to the latest schema) the store a URL names.

    Args:
        url: ``sqlite:///path.db`` (the default engine), a bare file path, or ``postgresql://…``.
        migrate_schema: apply pending migrations (on by default; a store is never used half-migrated).
    """
    return Store(backend_for_url(url), migrate_schema=migrate_schema)
