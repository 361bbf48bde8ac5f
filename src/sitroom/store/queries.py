"""Read queries for the REST API, the exports and the dashboard, and the analyst audit log.

Why a module of functions over :class:`~sitroom.store.Store` and not more methods on it: the API's
filters (bounding box, actor, minimum independent sources, text query, keyset pages) and the audit
log are one consumer's needs; keeping them here leaves ``store.py`` the shared core while SQL still
lives only inside ``sitroom.store``. Every function works on both engines.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any, Iterator, Sequence

from ..model import Claim, Event, from_jsonable
from .backends import fts_terms
from .store import Store

__all__ = [
    "EventFilter",
    "EventPage",
    "AuditEntry",
    "list_events",
    "EventRow",
    "event_rows",
    "iter_events",
    "count_events",
    "event_points",
    "data_version",
    "list_claims",
    "list_places",
    "list_actors",
    "has_table",
    "record_audit",
    "analyst_shaped_events",
    "list_audit",
    "edits_by_event",
]

@dataclass(frozen=True, slots=True)
class EventFilter:
    """What an event listing may be narrowed by; every field is optional and they combine with AND.

    ``since``/``until`` select events whose day interval overlaps ``[since, until]``; ``bbox`` is
    ``(west, south, east, north)`` in degrees, a west greater than east crossing the antimeridian.
    """

    since: date | None = None
    until: date | None = None
    bbox: tuple[float, float, float, float] | None = None
    country: str | None = None
    admin1: str | None = None
    event_types: tuple[str, ...] = ()
    sub_event_types: tuple[str, ...] = ()
    actor: str | None = None
    min_sources: int = 0
    q: str | None = None
    ids: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class EventPage:
    events: list[Event]
    next_key: tuple[str | None, str] | None
    """Keyset position after the last event (start date, id), or ``None`` on the last page."""


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    action: str
    event_ids: list[str]
    patch: Any
    before: Any
    after: Any
    note: str | None


# ---------------------------------------------------------------------------------------- events


def _where(store: Store, flt: EventFilter) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if flt.since:
        where.append("COALESCE(events.end_date, events.start_date) >= ?")
        params.append(flt.since)
    if flt.until:
        where.append("events.start_date <= ?")
        params.append(flt.until)
    if flt.bbox:
        west, south, east, north = flt.bbox
        where.append("events.lat BETWEEN ? AND ?")
        params += [south, north]
        if west <= east:
            where.append("events.lon BETWEEN ? AND ?")
            params += [west, east]
        else:
            where.append("(events.lon >= ? OR events.lon <= ?)")
            params += [west, east]
    if flt.country:
        where.append("events.country = ?")
        params.append(flt.country.upper())
    if flt.admin1:
        where.append("lower(events.admin1) = ?")
        params.append(flt.admin1.lower())
    if flt.event_types:
        where.append(f"events.event_type IN ({','.join('?' * len(flt.event_types))})")
        params += list(flt.event_types)
    if flt.sub_event_types:
        where.append(f"events.sub_event_type IN ({','.join('?' * len(flt.sub_event_types))})")
        params += list(flt.sub_event_types)
    if flt.min_sources:
        where.append("events.independent_sources >= ?")
        params.append(int(flt.min_sources))
    if flt.ids:
        where.append(f"events.id IN ({','.join('?' * len(flt.ids))})")
        params += list(flt.ids)
    if flt.actor:
        where.append(_actor_exists(store))
        params.append(f"%{_like_escape(flt.actor.lower())}%")
    if flt.q:
        # Words in the supporting reports (the type has its own filter): a plain IN over the
        # matching documents' events, so the engine can sort just those.
        match = _fts_documents(store, flt.q)
        if match is None:
            where.append("1 = 0")
        else:
            where.append(
                "events.id IN (SELECT ec.event_id FROM event_claims ec JOIN claims c ON c.id = ec.claim_id "
                f"WHERE c.document_id IN ({match[0]}))"
            )
            params.append(match[1])
    return where, params


def _fts_documents(store: Store, query: str) -> tuple[str, str] | None:
    """A subquery selecting the ids of documents matching ``query`` (all words), and its parameter.

    Why not :meth:`Store.search`: ranking and snippets cost time per match, and a filter needs
    neither; the subquery lets the engine join without shipping ids through Python.
    """
    terms = fts_terms(query)
    if not terms:
        return None
    if store.engine == "postgresql":
        return ("SELECT d.id FROM documents d WHERE d.fts @@ websearch_to_tsquery('english', ?)",
                " ".join('"' + t.replace('"', " ") + '"' for t in terms))
    return ("SELECT d.id FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH ?",
            " ".join('"' + t.replace('"', '""') + '"' for t in terms))


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _actor_exists(store: Store) -> str:
    """An EXISTS clause: some claim of the event names an actor whose name contains the pattern."""
    if store.engine == "postgresql":
        return (
            "EXISTS (SELECT 1 FROM event_claims ec JOIN claims c ON c.id = ec.claim_id "
            "CROSS JOIN LATERAL jsonb_array_elements(c.data->'actors') a "
            "WHERE ec.event_id = events.id AND lower(a->'actor'->>'name') LIKE ? ESCAPE '\\')"
        )
    return (
        "EXISTS (SELECT 1 FROM event_claims ec JOIN claims c ON c.id = ec.claim_id, json_each(c.data, '$.actors') a "
        "WHERE ec.event_id = events.id AND lower(json_extract(a.value, '$.actor.name')) LIKE ? ESCAPE '\\')"
    )


def _order(store: Store) -> str:
    # Newest first with undated events last, then id: the same total order on both engines.
    if store.engine == "postgresql":
        return " ORDER BY events.start_date DESC NULLS LAST, events.id"
    return " ORDER BY events.start_date DESC, events.id"


def _after(key: tuple[str | None, str]) -> tuple[str, list[Any]]:
    start, last_id = key
    if start is None:
        return "(events.start_date IS NULL AND events.id > ?)", [last_id]
    day = date.fromisoformat(start)
    return (
        "(events.start_date < ? OR (events.start_date = ? AND events.id > ?) OR events.start_date IS NULL)",
        [day, day, last_id],
    )


def _load_event(store: Store, data: Any) -> Event:
    return from_jsonable(Event, store.backend.load_json(data))


def _page_sql(store: Store, flt: EventFilter, after: tuple[str | None, str] | None, limit: int, columns: str) -> tuple[str, list[Any]]:
    """Keys first, rows second: the sort touches narrow index entries, then only one page of wide rows
    (the JSON ``data``) is read."""
    where, params = _where(store, flt)
    if after is not None:
        clause, extra = _after(after)
        where.append(clause)
        params += extra
    inner = "SELECT events.id AS k FROM events"
    if where:
        inner += " WHERE " + " AND ".join(where)
    inner += _order(store) + " LIMIT ?"
    params.append(int(limit) + 1)
    return f"SELECT {columns} FROM ({inner}) page JOIN events ON events.id = page.k" + _order(store), params


def list_events(
    store: Store, flt: EventFilter = EventFilter(), *, after: tuple[str | None, str] | None = None, limit: int = 50,
) -> EventPage:
    """One page of events, newest first, after the keyset position ``after``.

    Why keyset and not OFFSET: page N costs the same as page 1 at 100k events, and a page does not
    shift when fusion adds events while an analyst scrolls.
    """
    sql, params = _page_sql(store, flt, after, limit, "events.data")
    rows = store.backend.execute(sql, params).fetchall()
    events = [_load_event(store, r[0]) for r in rows[:limit]]
    next_key = None
    if len(rows) > limit and events:
        last = events[-1]
        next_key = (last.start.isoformat() if last.start else None, last.id)
    return EventPage(events, next_key)


@dataclass(frozen=True, slots=True)
class EventRow:
    """An event's listing fields read straight from columns and JSON, without building an :class:`Event`.

    Why: the event list and the map load thousands of these; validating each full event costs ~10x
    more than the listing needs.
    """

    id: str
    event_type: str
    sub_event_type: str | None
    start: date | None
    end: date | None
    independent_sources: int
    contradiction: bool
    confidence: float
    claims: int
    place: dict[str, Any] | None
    fields: list[dict[str, Any]]
    record: bool = False


def _row_columns(store: Store) -> str:
    base = ("events.id, events.event_type, events.sub_event_type, events.start_date, events.end_date, "
            "events.independent_sources, events.has_contradiction, events.confidence, ")
    if store.engine == "postgresql":
        return base + ("jsonb_array_length(events.data->'claim_ids'), events.data->'place', events.data->'fields', "
                       "events.record")
    return base + ("json_array_length(events.data, '$.claim_ids'), json_extract(events.data, '$.place'), "
                   "json_extract(events.data, '$.fields'), events.record")


def event_rows(
    store: Store, flt: EventFilter = EventFilter(), *, after: tuple[str | None, str] | None = None, limit: int = 50,
) -> tuple[list[EventRow], tuple[str | None, str] | None]:
    """Like :func:`list_events`, returning :class:`EventRow` listings and the next keyset position."""
    sql, params = _page_sql(store, flt, after, limit, _row_columns(store))
    b = store.backend
    rows = b.execute(sql, params).fetchall()
    out = [
        EventRow(
            id=r[0], event_type=r[1], sub_event_type=r[2], start=b.load_date(r[3]), end=b.load_date(r[4]),
            independent_sources=int(r[5]), contradiction=bool(r[6]), confidence=float(r[7]), claims=int(r[8] or 0),
            place=b.load_json(r[9]), fields=b.load_json(r[10]) or [], record=bool(r[11]),
        )
        for r in rows[:limit]
    ]
    next_key = None
    if len(rows) > limit and out:
        next_key = (out[-1].start.isoformat() if out[-1].start else None, out[-1].id)
    return out, next_key


def iter_events(store: Store, flt: EventFilter = EventFilter(), *, batch: int = 1000) -> Iterator[Event]:
    """Every matching event in list order, fetched page by page (exports of any size)."""
    after = None
    while True:
        page = list_events(store, flt, after=after, limit=batch)
        yield from page.events
        if page.next_key is None:
            return
        after = page.next_key


def count_events(store: Store, flt: EventFilter = EventFilter()) -> int:
    where, params = _where(store, flt)
    sql = "SELECT COUNT(*) FROM events"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return int(store.backend.execute(sql, params).fetchone()[0])


def data_version(store: Store) -> tuple[Any, ...]:
    """Changes whenever events are saved, deleted or edited, or the number of claims changes: a
    cache key for derived responses (fusion re-saves events after new claims, which moves it)."""
    b = store.backend
    count, latest = b.execute("SELECT COUNT(*), MAX(updated_at) FROM events").fetchone()
    audited = b.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    claims = b.execute("SELECT COUNT(*) FROM claims").fetchone()[0]
    return int(count), str(latest), int(audited), int(claims)


def event_points(store: Store, flt: EventFilter = EventFilter(), *, limit: int = 50_000) -> list[EventRow]:
    """Listings for the map and the timeline: every match up to ``limit``, located or not."""
    return event_rows(store, flt, limit=limit)[0]


# ---------------------------------------------------------------------------------------- claims


def list_claims(
    store: Store,
    *,
    event_id: str | None = None,
    document_id: str | None = None,
    event_type: str | None = None,
    after: str | None = None,
    limit: int = 50,
) -> tuple[list[Claim], str | None]:
    """Claims in id order, with the id to continue after (``None`` on the last page)."""
    where, params = [], []
    if event_id:
        where.append("claims.id IN (SELECT claim_id FROM event_claims WHERE event_id = ?)")
        params.append(event_id)
    if document_id:
        where.append("claims.document_id = ?")
        params.append(document_id)
    if event_type:
        where.append("claims.event_type = ?")
        params.append(event_type)
    if after:
        where.append("claims.id > ?")
        params.append(after)
    sql = "SELECT claims.data FROM claims"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY claims.id LIMIT ?"
    rows = store.backend.execute(sql, [*params, int(limit) + 1]).fetchall()
    claims = [from_jsonable(Claim, store.backend.load_json(r[0])) for r in rows[:limit]]
    return claims, (claims[-1].id if len(rows) > limit and claims else None)


def events_for_claims(store: Store, claim_ids: Sequence[str]) -> dict[str, str]:
    """claim id → id of the event it belongs to, for the given claims."""
    out: dict[str, str] = {}
    ids = list(claim_ids)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        rows = store.backend.execute(
            f"SELECT claim_id, event_id FROM event_claims WHERE claim_id IN ({','.join('?' * len(chunk))})", chunk
        ).fetchall()
        out.update({r[0]: r[1] for r in rows})
    return out


# ------------------------------------------------------------------------------ places and actors


def list_places(store: Store, *, country: str | None = None, limit: int = 500) -> list[dict[str, Any]]:
    """Distinct event places with how many events happened there, most events first (grouped in SQL)."""
    if store.engine == "postgresql":
        sql = ("SELECT (array_agg(data->'place'))[1], COUNT(*) FROM events WHERE lat IS NOT NULL{cond} "
               "GROUP BY data->'place'->>'gazetteer_id' ORDER BY 2 DESC, 1 LIMIT ?")
    else:
        sql = ("SELECT json_extract(data, '$.place'), COUNT(*) FROM events WHERE lat IS NOT NULL{cond} "
               "GROUP BY json_extract(data, '$.place.gazetteer_id') ORDER BY 2 DESC LIMIT ?")
    params: list[Any] = []
    cond = ""
    if country:
        cond = " AND country = ?"
        params.append(country.upper())
    rows = store.backend.execute(sql.format(cond=cond), [*params, int(limit) * 4 + 100]).fetchall()
    places = [{**store.backend.load_json(r[0]), "events": int(r[1])} for r in rows if r[0] is not None]
    places.sort(key=lambda p: (-p["events"], p.get("name") or "", p.get("gazetteer_id") or ""))
    return places[:limit]


def list_actors(store: Store, *, q: str | None = None, limit: int = 500) -> list[dict[str, Any]]:
    """Actors named by claims, with their type and the number of claims and events naming them."""
    if store.engine == "postgresql":
        sql = (
            "SELECT a->'actor'->>'name', a->'actor'->>'type', COUNT(DISTINCT c.id), COUNT(DISTINCT ec.event_id) "
            "FROM claims c CROSS JOIN LATERAL jsonb_array_elements(c.data->'actors') a "
            "LEFT JOIN event_claims ec ON ec.claim_id = c.id"
        )
        name = "a->'actor'->>'name'"
        group = " GROUP BY 1, 2"
    else:
        sql = (
            "SELECT json_extract(a.value, '$.actor.name'), json_extract(a.value, '$.actor.type'), "
            "COUNT(DISTINCT c.id), COUNT(DISTINCT ec.event_id) "
            "FROM claims c JOIN json_each(c.data, '$.actors') a LEFT JOIN event_claims ec ON ec.claim_id = c.id"
        )
        name = "json_extract(a.value, '$.actor.name')"
        group = " GROUP BY 1, 2"
    params: list[Any] = []
    if q:
        sql += f" WHERE lower({name}) LIKE ? ESCAPE '\\'"
        params.append(f"%{_like_escape(q.lower())}%")
    sql += group + " ORDER BY 3 DESC, 1 LIMIT ?"
    rows = store.backend.execute(sql, [*params, int(limit)]).fetchall()
    return [{"name": r[0], "type": r[1], "claims": int(r[2]), "events": int(r[3])} for r in rows]


# ---------------------------------------------------------------------------------------- alerts


def has_table(store: Store, name: str) -> bool:
    return name in store.backend.table_names()


def record_audit(
    store: Store,
    *,
    actor: str,
    action: str,
    event_ids: Sequence[str],
    patch: Any = None,
    before: Any = None,
    after: Any = None,
    note: str | None = None,
) -> int:
    """Append one analyst action to the audit log (call inside the transaction that makes the change)."""
    b = store.backend
    at = datetime.now(timezone.utc)
    j = lambda v: None if v is None else b.json_param(v)  # noqa: E731 - local shorthand
    with store.transaction():
        b.execute(
            "INSERT INTO audit_log (at, actor, action, event_ids, patch, before, after, note) VALUES (?,?,?,?,?,?,?,?)",
            (at, actor, action, b.json_param(list(event_ids)), j(patch), j(before), j(after), note),
        )
        row = b.execute("SELECT MAX(id) FROM audit_log").fetchone()
    return int(row[0])


def list_audit(
    store: Store, *, event_id: str | None = None, after: int | None = None, limit: int = 100,
) -> list[AuditEntry]:
    """Audit entries, oldest first, optionally only those touching ``event_id``."""
    b = store.backend
    sql = "SELECT id, at, actor, action, event_ids, patch, before, after, note FROM audit_log"
    where, params = [], []
    if after is not None:
        where.append("id > ?")
        params.append(int(after))
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY id"
    entries = []
    for r in b.execute(sql, params).fetchall():
        ids = b.load_json(r[4]) or []
        if event_id and event_id not in ids:
            continue
        entries.append(AuditEntry(
            id=int(r[0]), at=b.load_datetime(r[1]), actor=r[2], action=r[3], event_ids=ids,
            patch=b.load_json(r[5]), before=b.load_json(r[6]), after=b.load_json(r[7]), note=r[8],
        ))
        if len(entries) >= limit:
            break
    return entries


def analyst_shaped_events(store: Store) -> set[str]:
    """Ids of events an analyst merged or split: their claim membership is the analyst's, not fusion's."""
    shaped: set[str] = set()
    for entry in list_audit(store, limit=10**9):
        if entry.action in ("merge", "split"):
            shaped.update(entry.event_ids)
    return shaped


def edits_by_event(store: Store) -> dict[str, list[Any]]:
    """event id → the patches analysts applied to it, oldest first (replayed after re-fusion)."""
    out: dict[str, list[Any]] = {}
    for entry in list_audit(store, limit=10**9):
        if entry.action == "edit" and entry.patch is not None:
            for eid in entry.event_ids:
                out.setdefault(eid, []).append(entry.patch)
    return out
