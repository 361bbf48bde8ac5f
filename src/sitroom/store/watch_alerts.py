"""Data access for the live watch and for alerts (issue 8): the SQL stays inside ``sitroom.store``.

Functions take a :class:`~sitroom.store.Store` and plain values, and return small record types
defined here, so the watcher, the alert engine, the CLI and the REST API share one way to read
and write this state on either engine.

Why these tables (migration ``0003_watch_alerts``):

- ``watch_sources``: per-source health and the conditional-GET validators, so a restarted watcher
  sends ``If-None-Match`` / ``If-Modified-Since`` and keeps its backoff.
- ``watch_items`` + ``watch_pending``: an item's document, its "seen" row and its place in the
  processing queue are written in one transaction. A process killed anywhere leaves either none
  or all of them; a document is removed from the queue only after the process hook returned, so
  restarting neither loses nor duplicates work (processing is at-least-once and the hook is
  idempotent; documents are deduplicated by id).
- ``alerts``: one row per situation (stable key), whose version grows with the evidence.
- ``alert_deliveries``: a queue of signed webhook bodies with bounded retries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any, Iterable, Sequence

from ..model import Document, Event, from_jsonable, utc
from .store import Store

__all__ = [
    "SourceState", "AlertRecord", "Delivery", "DocInfo",
    "get_source_state", "list_source_states", "save_source_state",
    "store_watch_document", "mark_item_seen", "item_seen", "count_items", "pending_document_ids", "clear_pending",
    "upsert_alert", "get_alert", "list_alerts", "ack_alert", "count_open_alerts",
    "enqueue_delivery", "due_deliveries", "mark_delivered", "mark_delivery_failed", "list_deliveries",
    "load_events", "first_event_days", "documents_info", "history_start",
]


def _now() -> datetime:
    return datetime.now(timezone.utc)


# ------------------------------------------------------------------------------ source state


@dataclass(frozen=True, slots=True)
class SourceState:
    """The persisted health of one watched source."""

    name: str
    kind: str
    location: str
    etag: str | None = None
    last_modified: str | None = None
    last_poll: datetime | None = None
    last_success: datetime | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    consecutive_failures: int = 0
    documents_new: int = 0
    next_poll: datetime | None = None
    items_seen: int = 0
    """Derived: rows in ``watch_items`` for this source (read-only)."""


_STATE_COLS = ("name, kind, location, etag, last_modified, last_poll, last_success, last_error, "
               "last_error_at, consecutive_failures, documents_new, next_poll")


def _state(store: Store, row: Sequence[Any], items: int) -> SourceState:
    b = store.backend
    return SourceState(
        name=row[0], kind=row[1], location=row[2], etag=row[3], last_modified=row[4],
        last_poll=b.load_datetime(row[5]), last_success=b.load_datetime(row[6]), last_error=row[7],
        last_error_at=b.load_datetime(row[8]), consecutive_failures=int(row[9]), documents_new=int(row[10]),
        next_poll=b.load_datetime(row[11]), items_seen=items,
    )


def get_source_state(store: Store, name: str) -> SourceState | None:
    row = store.backend.execute(f"SELECT {_STATE_COLS} FROM watch_sources WHERE name = ?", (name,)).fetchone()
    return _state(store, row, count_items(store, name)) if row else None


def list_source_states(store: Store) -> list[SourceState]:
    """Every source the watcher has polled, by name, with its item count (``sitroom sources``)."""
    counts = dict(store.backend.execute("SELECT source, COUNT(*) FROM watch_items GROUP BY source").fetchall())
    rows = store.backend.execute(f"SELECT {_STATE_COLS} FROM watch_sources ORDER BY name").fetchall()
    return [_state(store, r, int(counts.get(r[0], 0))) for r in rows]


def save_source_state(store: Store, state: SourceState) -> None:
    """Insert or replace a source's state (``items_seen`` is derived and not written)."""
    b = store.backend
    with store.transaction():
        b.execute("DELETE FROM watch_sources WHERE name = ?", (state.name,))
        b.execute(
            f"INSERT INTO watch_sources ({_STATE_COLS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (state.name, state.kind, state.location, state.etag, state.last_modified, state.last_poll,
             state.last_success, state.last_error, state.last_error_at, state.consecutive_failures,
             state.documents_new, state.next_poll),
        )


# ------------------------------------------------------------------------------- items, queue


def store_watch_document(store: Store, source: str, item_key: str, doc: Document, *, now: datetime) -> bool:
    """Store a document read from a watched source, its seen-item row and its queue entry, atomically.

    Returns:
        True when the document is new to the store (and so was queued for processing); False when
        it was already stored (from this or any other source): nothing is queued twice.
    """
    b = store.backend
    with store.transaction():
        added = store.add_document(doc)
        b.execute(
            "INSERT INTO watch_items (source, item_key, document_id, first_seen) VALUES (?,?,?,?) "
            "ON CONFLICT (source, item_key) DO NOTHING",
            (source, item_key, doc.id, utc(now)),
        )
        if added:
            b.execute(
                "INSERT INTO watch_pending (document_id, queued_at) VALUES (?, ?) ON CONFLICT (document_id) DO NOTHING",
                (doc.id, utc(now)),
            )
    return added


def mark_item_seen(store: Store, source: str, item_key: str, *, now: datetime, document_id: str | None = None) -> None:
    """Remember an item that yielded no document (skipped as bad), so it is not re-read every poll."""
    with store.transaction():
        store.backend.execute(
            "INSERT INTO watch_items (source, item_key, document_id, first_seen) VALUES (?,?,?,?) "
            "ON CONFLICT (source, item_key) DO NOTHING",
            (source, item_key, document_id, utc(now)),
        )


def item_seen(store: Store, source: str, item_key: str) -> bool:
    return store.backend.execute(
        "SELECT 1 FROM watch_items WHERE source = ? AND item_key = ?", (source, item_key)
    ).fetchone() is not None


def count_items(store: Store, source: str | None = None) -> int:
    if source is None:
        return int(store.backend.execute("SELECT COUNT(*) FROM watch_items").fetchone()[0])
    return int(store.backend.execute("SELECT COUNT(*) FROM watch_items WHERE source = ?", (source,)).fetchone()[0])


def pending_document_ids(store: Store, *, limit: int = 500) -> list[str]:
    """Documents waiting for the process hook, oldest first."""
    rows = store.backend.execute(
        "SELECT document_id FROM watch_pending ORDER BY queued_at, document_id LIMIT ?", (int(limit),)
    ).fetchall()
    return [r[0] for r in rows]


def clear_pending(store: Store, document_ids: Iterable[str]) -> None:
    ids = list(document_ids)
    if not ids:
        return
    with store.transaction():
        store.backend.executemany("DELETE FROM watch_pending WHERE document_id = ?", [(i,) for i in ids])


# ------------------------------------------------------------------------------------ alerts


@dataclass(frozen=True, slots=True)
class AlertRecord:
    """An alert as stored: the situation, its current version and who acknowledged which version."""

    id: int
    key: str
    rule: str
    rule_name: str
    severity: str
    title: str
    summary: str
    fingerprint: str
    version: int
    created_at: datetime
    updated_at: datetime
    acked_version: int | None
    acked_at: datetime | None
    acked_by: str | None
    data: dict[str, Any]

    @property
    def acknowledged(self) -> bool:
        """True when the current version was acknowledged (an update after an ack re-opens it)."""
        return self.acked_version is not None and self.acked_version >= self.version


_ALERT_COLS = ("id, key, rule, rule_name, severity, title, summary, fingerprint, version, created_at, "
               "updated_at, acked_version, acked_at, acked_by, data")


def _alert(store: Store, row: Sequence[Any]) -> AlertRecord:
    b = store.backend
    return AlertRecord(
        id=int(row[0]), key=row[1], rule=row[2], rule_name=row[3], severity=row[4], title=row[5], summary=row[6],
        fingerprint=row[7], version=int(row[8]), created_at=b.load_datetime(row[9]),  # type: ignore[arg-type]
        updated_at=b.load_datetime(row[10]),  # type: ignore[arg-type]
        acked_version=None if row[11] is None else int(row[11]), acked_at=b.load_datetime(row[12]),
        acked_by=row[13], data=b.load_json(row[14]) or {},
    )


def upsert_alert(
    store: Store, *, key: str, rule: str, rule_name: str, severity: str, title: str, summary: str,
    fingerprint: str, data: dict[str, Any], now: datetime,
) -> tuple[str, AlertRecord]:
    """Create the alert for a situation, or update it when its fingerprint changed.

    Returns:
        ``("created" | "updated" | "unchanged", record)``. Only the first two warrant a notification,
        which is how one situation raises one alert, updated as it grows, not one per report.
    """
    b = store.backend
    with store.transaction():
        row = b.execute(f"SELECT {_ALERT_COLS} FROM alerts WHERE key = ?", (key,)).fetchone()
        if row is None:
            b.execute(
                "INSERT INTO alerts (key, rule, rule_name, severity, title, summary, fingerprint, version, "
                "created_at, updated_at, data) VALUES (?,?,?,?,?,?,?,1,?,?,?)",
                (key, rule, rule_name, severity, title, summary, fingerprint, utc(now), utc(now), b.json_param(data)),
            )
            status = "created"
        elif row[7] == fingerprint:
            return "unchanged", _alert(store, row)
        else:
            b.execute(
                "UPDATE alerts SET severity = ?, title = ?, summary = ?, fingerprint = ?, version = version + 1, "
                "updated_at = ?, data = ? WHERE key = ?",
                (severity, title, summary, fingerprint, utc(now), b.json_param(data), key),
            )
            status = "updated"
        record = get_alert(store, key)
    assert record is not None
    return status, record


def get_alert(store: Store, key_or_id: str | int) -> AlertRecord | None:
    """An alert by key, or by numeric id (an int or a string of digits)."""
    if isinstance(key_or_id, int) or str(key_or_id).isdigit():
        row = store.backend.execute(f"SELECT {_ALERT_COLS} FROM alerts WHERE id = ?", (int(key_or_id),)).fetchone()
        if row is not None:
            return _alert(store, row)
    row = store.backend.execute(f"SELECT {_ALERT_COLS} FROM alerts WHERE key = ?", (str(key_or_id),)).fetchone()
    return _alert(store, row) if row else None


def list_alerts(
    store: Store, *, include_acknowledged: bool = True, rule: str | None = None, since: datetime | None = None,
    limit: int | None = 100,
) -> list[AlertRecord]:
    """Alerts, most recently updated first."""
    where, params = [], []
    if not include_acknowledged:
        where.append("(acked_version IS NULL OR acked_version < version)")
    if rule:
        where.append("rule = ?")
        params.append(rule)
    if since:
        where.append("updated_at >= ?")
        params.append(utc(since))
    sql = f"SELECT {_ALERT_COLS} FROM alerts"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY updated_at DESC, id DESC"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return [_alert(store, r) for r in store.backend.execute(sql, params).fetchall()]


def count_open_alerts(store: Store) -> int:
    """Alerts whose current version nobody acknowledged (the dashboard badge)."""
    return int(store.backend.execute(
        "SELECT COUNT(*) FROM alerts WHERE acked_version IS NULL OR acked_version < version"
    ).fetchone()[0])


def ack_alert(store: Store, key_or_id: str | int, *, by: str | None = None, now: datetime) -> AlertRecord | None:
    """Acknowledge the current version of an alert; ``None`` when there is no such alert."""
    record = get_alert(store, key_or_id)
    if record is None:
        return None
    with store.transaction():
        store.backend.execute(
            "UPDATE alerts SET acked_version = version, acked_at = ?, acked_by = ? WHERE id = ?",
            (utc(now), by, record.id),
        )
    return get_alert(store, record.id)


# -------------------------------------------------------------------------------- deliveries


@dataclass(frozen=True, slots=True)
class Delivery:
    id: int
    alert_key: str
    alert_version: int
    sink: str
    target: str
    payload: str
    status: str
    """``pending``, ``delivered`` or ``failed`` (retries exhausted)."""
    attempts: int
    next_attempt: datetime
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None


_DELIVERY_COLS = ("id, alert_key, alert_version, sink, target, payload, status, attempts, next_attempt, "
                  "last_error, created_at, delivered_at")


def _delivery(store: Store, row: Sequence[Any]) -> Delivery:
    b = store.backend
    return Delivery(
        id=int(row[0]), alert_key=row[1], alert_version=int(row[2]), sink=row[3], target=row[4], payload=row[5],
        status=row[6], attempts=int(row[7]), next_attempt=b.load_datetime(row[8]),  # type: ignore[arg-type]
        last_error=row[9], created_at=b.load_datetime(row[10]),  # type: ignore[arg-type]
        delivered_at=b.load_datetime(row[11]),
    )


def enqueue_delivery(
    store: Store, *, alert_key: str, alert_version: int, sink: str, target: str, payload: str, now: datetime,
) -> bool:
    """Queue one notification; a second enqueue of the same alert version to the same target is a no-op."""
    with store.transaction():
        cur = store.backend.execute(
            "INSERT INTO alert_deliveries (alert_key, alert_version, sink, target, payload, status, attempts, "
            "next_attempt, created_at) VALUES (?,?,?,?,?,'pending',0,?,?) "
            "ON CONFLICT (alert_key, alert_version, sink, target) DO NOTHING",
            (alert_key, alert_version, sink, target, payload, utc(now), utc(now)),
        )
        return cur.rowcount == 1


def due_deliveries(store: Store, *, now: datetime, limit: int = 50) -> list[Delivery]:
    rows = store.backend.execute(
        f"SELECT {_DELIVERY_COLS} FROM alert_deliveries WHERE status = 'pending' AND next_attempt <= ? "
        "ORDER BY next_attempt, id LIMIT ?",
        (utc(now), int(limit)),
    ).fetchall()
    return [_delivery(store, r) for r in rows]


def mark_delivered(store: Store, delivery_id: int, *, now: datetime) -> None:
    with store.transaction():
        store.backend.execute(
            "UPDATE alert_deliveries SET status = 'delivered', attempts = attempts + 1, delivered_at = ?, "
            "last_error = NULL WHERE id = ?",
            (utc(now), delivery_id),
        )


def mark_delivery_failed(store: Store, delivery_id: int, *, error: str, next_attempt: datetime | None) -> None:
    """Record a failed attempt; ``next_attempt=None`` gives up (status ``failed``)."""
    with store.transaction():
        if next_attempt is None:
            store.backend.execute(
                "UPDATE alert_deliveries SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?",
                (error[:500], delivery_id),
            )
        else:
            store.backend.execute(
                "UPDATE alert_deliveries SET attempts = attempts + 1, last_error = ?, next_attempt = ? WHERE id = ?",
                (error[:500], utc(next_attempt), delivery_id),
            )


def list_deliveries(store: Store, *, status: str | None = None, limit: int = 100) -> list[Delivery]:
    sql, params = f"SELECT {_DELIVERY_COLS} FROM alert_deliveries", []
    if status:
        sql += " WHERE status = ?"
        params.append(status)
    sql += " ORDER BY id DESC LIMIT ?"
    params.append(int(limit))
    return [_delivery(store, r) for r in store.backend.execute(sql, params).fetchall()]


# ------------------------------------------------------------------------- evaluation inputs


@dataclass(frozen=True, slots=True)
class DocInfo:
    """What an alert shows about a report behind it."""

    id: str
    outlet: str | None
    title: str | None
    url: str | None
    published: datetime | None
    text: str


def load_events(store: Store, *, since: date | None = None) -> list[Event]:
    """Events starting on or after ``since`` (and those without a date), for alert evaluation."""
    sql, params = "SELECT data FROM events", []
    if since is not None:
        sql += " WHERE start_date IS NULL OR start_date >= ? OR end_date >= ?"
        params += [since, since]
    sql += " ORDER BY id"
    return [from_jsonable(Event, store.backend.load_json(r[0])) for r in store.backend.execute(sql, params)]


def first_event_days(store: Store) -> dict[str, date]:
    """The earliest event day per ``type|country|admin1`` group, over the whole store, records of
    past happenings left out (as the rule leaves them out: a record must not hide a real first).

    Why in SQL: the first-event rule needs each province's whole history, but only its first day;
    loading every event (with claims and report texts) each cycle would grow without bound.
    """
    rows = store.backend.execute(
        "SELECT event_type, country, admin1, MIN(COALESCE(end_date, start_date)) FROM events "
        "WHERE admin1 IS NOT NULL AND COALESCE(end_date, start_date) IS NOT NULL AND record = ? "
        "GROUP BY event_type, country, admin1", (False,)
    ).fetchall()
    out: dict[str, date] = {}
    for event_type, country, admin1, day in rows:
        out[f"{event_type}|{country or '?'}|{admin1}"] = store.backend.load_date(day)  # type: ignore[assignment]
    return out


def documents_info(store: Store, document_ids: Iterable[str]) -> dict[str, DocInfo]:
    ids = sorted(set(document_ids))
    out: dict[str, DocInfo] = {}
    b = store.backend
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        rows = b.execute(
            f"SELECT id, outlet, title, url, published, text FROM documents WHERE id IN ({marks})", chunk
        ).fetchall()
        for r in rows:
            out[r[0]] = DocInfo(r[0], r[1], r[2], r[3], b.load_datetime(r[4]), r[5])
    return out


def history_start(store: Store) -> datetime | None:
    """The earliest publication time in the store: how far back the baseline can look."""
    row = store.backend.execute("SELECT MIN(published) FROM documents").fetchone()
    return store.backend.load_datetime(row[0]) if row and row[0] is not None else None
