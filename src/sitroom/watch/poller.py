"""Polling one source: fetch (conditionally), read its items, store each new one as it comes.

Why item by item: each new document is written in its own transaction together with its "seen"
row and its processing-queue entry (:func:`~sitroom.store.watch_alerts.store_watch_document`), and
the stop flag is checked between items, so SIGINT/SIGTERM ends a poll after the current document
and a SIGKILL loses at most the document being written. The conditional-GET validators are saved
only after every item of a response was handled: an interrupted poll fetches the whole feed again
next time, and the items already stored are recognised and passed over (no gaps, no duplicates).

Fetching always goes through :func:`sitroom.ingestion.fetch.fetch` (timeouts, size cap, http/https
only, the private-address rule on every redirect hop); reading through the registered readers.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Callable, Iterable

from ..ingestion.candidate import Candidate, Overrides, make_document
from ..ingestion.errors import IngestError, Reason, Skipped
from ..ingestion.fetch import fetch
from ..ingestion.readers import ReadOptions
from ..ingestion.sources import SourceItem, fetch_item, reader_for_path
from ..registry import readers
from ..settings import Settings
from ..store import Store
from ..store.watch_alerts import SourceState, item_seen, mark_item_seen, store_watch_document
from .config import SourceConfig, WatchOptions

__all__ = ["PollResult", "poll_source", "item_key"]


@dataclass
class PollResult:
    """What one poll did. ``status``: ``ok``, ``not_modified``, ``error`` or ``interrupted``."""

    source: str
    status: str
    new_documents: list[str] = field(default_factory=list)
    duplicates: int = 0
    already_seen: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    error: str | None = None
    etag: str | None = None
    last_modified: str | None = None


def item_key(cand: Candidate) -> str:
    """A feed entry's stable identity: its id, else its link, else where it was read."""
    entry_id = cand.meta.get("entry_id") if isinstance(cand.meta, dict) else None
    return str(entry_id or cand.url or cand.source)[:1000]


def _store_candidates(
    store: Store, source: SourceConfig, items: Iterable[Candidate | Skipped], result: PollResult, *,
    settings: Settings, now: datetime, stop: threading.Event, on_document: Callable[[str, str], None] | None,
    limit: int,
) -> bool:
    """Store each new item; return False when stopped early."""
    overrides = Overrides(outlet=source.outlet)
    handled = 0
    for cand in items:
        if stop.is_set():
            return False
        if handled >= limit:
            break
        if isinstance(cand, Skipped):
            result.skipped.append(cand)
            continue
        key = item_key(cand)
        if item_seen(store, source.name, key):
            result.already_seen += 1
            continue
        handled += 1
        try:
            doc = make_document(overrides.apply(cand), min_chars=settings.min_document_chars,
                                max_chars=settings.max_document_chars, now=now)
        except IngestError as err:
            skipped = err.skipped(cand.source)
            result.skipped.append(skipped)
            store.record_skip(skipped.source, str(skipped.reason), skipped.detail)
            mark_item_seen(store, source.name, key, now=now)
            continue
        if store_watch_document(store, source.name, key, doc, now=now):
            result.new_documents.append(doc.id)
            if on_document:
                on_document(source.name, doc.id)
        else:
            result.duplicates += 1
    return True


def _read(kind: str, data: bytes, where: str, opts: ReadOptions) -> list[Candidate | Skipped]:
    return list(readers.get(kind)(data, where, opts))


def _feed_failure(items: list[Candidate | Skipped]) -> str | None:
    """The reason a whole feed is unusable (malformed, not a feed), else ``None``."""
    if items and all(isinstance(i, Skipped) for i in items) and len(items) == 1:
        only = items[0]
        assert isinstance(only, Skipped)
        if only.reason in (Reason.MALFORMED_FEED, Reason.TOO_LARGE, Reason.UNDECODABLE, Reason.BINARY):
            return f"{only.reason}: {only.detail}"
    return None


def _store_read(store: Store, source: SourceConfig, items: list[Candidate | Skipped], result: PollResult,
                validators: tuple[str | None, str | None], store_kwargs: dict[str, Any]) -> PollResult:
    """Store what one read of a feed or file gave; its validators are kept only once all of it is stored.

    Why only then: a poll interrupted half-way must fetch the same content again next time, so the
    conditional-GET validators (ETag / Last-Modified, or a file's mtime and size) must not advance.
    """
    failure = _feed_failure(items)
    if failure:
        return replace(result, status="error", error=failure)
    if not _store_candidates(store, source, items, result, **store_kwargs):
        result.status = "interrupted"
        return result
    result.etag, result.last_modified = validators
    return result


def poll_source(
    store: Store,
    source: SourceConfig,
    state: SourceState | None,
    *,
    settings: Settings,
    options: WatchOptions,
    now: datetime,
    stop: threading.Event | None = None,
    fetch_options: dict[str, Any] | None = None,
    on_document: Callable[[str, str], None] | None = None,
) -> PollResult:
    """Poll one source once and store what is new.

    Args:
        store: documents, seen items and the processing queue go here.
        source: the configured source.
        state: its persisted state (validators for conditional GET), or ``None`` the first time.
        settings: document limits and the User-Agent.
        options: timeouts, size cap, private-address rule.
        now: the clock (stamped on stored rows).
        stop: set by SIGINT/SIGTERM; checked between items.
        fetch_options: extra keyword arguments for :func:`~sitroom.ingestion.fetch.fetch` (tests
            pass a narrower address ``policy``).
        on_document: called with (source name, document id) after each new document is stored.

    Returns:
        A :class:`PollResult`; errors are returned, never raised.
    """
    stop = stop or threading.Event()
    result = PollResult(source.name, "ok", etag=state.etag if state else None,
                        last_modified=state.last_modified if state else None)
    opts = ReadOptions(max_bytes=options.max_bytes, max_feed_items=settings.max_feed_items)
    common = dict(timeout=options.timeout, max_bytes=options.max_bytes, max_redirects=settings.max_redirects,
                  allow_private=options.allow_private, user_agent=settings.user_agent, **(fetch_options or {}))
    store_kwargs = dict(settings=settings, now=now, stop=stop, on_document=on_document, limit=options.max_items_per_poll)
    try:
        if source.kind == "feed":
            return _poll_feed(store, source, state, result, opts, common, store_kwargs)
        if source.kind == "file":
            return _poll_file(store, source, state, result, opts, options.max_bytes, store_kwargs)
        return _poll_urls(store, source, result, opts, common, stop, store_kwargs)
    except IngestError as err:
        return replace(result, status="error", error=f"{err.reason}: {err.detail}"[:300])
    except OSError as exc:
        return replace(result, status="error", error=f"unreadable: {exc.strerror or exc}"[:300])


def _poll_feed(store: Store, source: SourceConfig, state: SourceState | None, result: PollResult,
               opts: ReadOptions, common: dict[str, Any], store_kwargs: dict[str, Any]) -> PollResult:
    """A feed: fetched with a conditional GET (nothing to do on 304), read as a feed whatever its
    content type says (garbage is a malformed feed)."""
    assert source.url is not None
    headers = {}
    if state and state.etag:
        headers["If-None-Match"] = state.etag
    if state and state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    got = fetch(source.url, headers=headers, **common)  # type: ignore[arg-type]
    if got.status == 304:
        result.status = "not_modified"
        return result
    items = _read("feed", got.body, source.url, replace(opts, declared_charset=got.charset))
    return _store_read(store, source, items, result, (got.etag, got.last_modified), store_kwargs)


def _poll_file(store: Store, source: SourceConfig, state: SourceState | None, result: PollResult,
               opts: ReadOptions, max_bytes: int, store_kwargs: dict[str, Any]) -> PollResult:
    """A local file: its mtime and size are the validator (unchanged: nothing to do); a file over
    the size cap is an error, not a truncated read."""
    assert source.path is not None
    st = os.stat(source.path)
    validator = f"{st.st_mtime_ns}-{st.st_size}"
    if state and state.etag == validator:
        result.status = "not_modified"
        return result
    if st.st_size > max_bytes:
        return replace(result, status="error", error=f"too_large: {st.st_size} bytes, limit {max_bytes}")
    with open(source.path, "rb") as fh:
        data = fh.read(max_bytes + 1)
    items = _read(reader_for_path(str(source.path), data), data, str(source.path), opts)
    return _store_read(store, source, items, result, (validator, None), store_kwargs)


def _poll_urls(store: Store, source: SourceConfig, result: PollResult, opts: ReadOptions, common: dict[str, Any],
               stop: threading.Event, store_kwargs: dict[str, Any]) -> PollResult:
    """A list of URLs: each URL is an item, fetched until it has been stored once; the poll is an
    error only when every URL it tried failed."""
    errors = []
    attempted = 0
    for url in source.urls:
        if stop.is_set():
            result.status = "interrupted"
            return result
        if item_seen(store, source.name, url):
            result.already_seen += 1
            continue
        attempted += 1
        try:
            kind, data, item_opts = fetch_item(SourceItem(url, is_url=True), opts,
                                               **{k: v for k, v in common.items() if k != "max_bytes"})
            found = _read(kind, data, url, item_opts)
        except IngestError as err:
            result.skipped.append(err.skipped(url))
            errors.append(f"{url}: {err}")
            continue
        keyed = [replace(c, meta={**c.meta, "entry_id": url}) if isinstance(c, Candidate) else c for c in found[:1]]
        if not _store_candidates(store, source, keyed, result, **store_kwargs):  # type: ignore[arg-type]
            result.status = "interrupted"
            return result
    if attempted and len(errors) == attempted:
        return replace(result, status="error", error=errors[0][:300])
    return result
