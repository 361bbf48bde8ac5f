"""One reader per source kind: bytes in, :class:`Candidate` or :class:`Skipped` out.

Every reader has the same signature and is registered by name in :data:`sitroom.registry.readers`
(``text``, ``html``, ``jsonl``, ``csv``, ``feed``), so plugins add kinds the same way. Readers never
touch the store and never raise for bad content: a bad file yields one ``Skipped``, a bad line in a
dump yields one ``Skipped`` and the good lines still come through.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable, Iterator, Mapping

from ..registry import readers
from .candidate import Candidate
from .decode import decode_bytes
from .errors import IngestError, Reason, Skipped
from .html import extract_html, html_to_text, looks_like_html
from .language import normalize_language
from .times import parse_published

__all__ = ["ColumnMap", "ReadOptions", "Reader", "read_text", "read_html", "read_jsonl", "read_csv", "read_feed", "looks_like_feed"]

Item = Candidate | Skipped
Reader = Callable[[bytes, str, "ReadOptions"], Iterator[Item]]


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """Which field of a JSONL/CSV record holds what. ``None`` means: try the usual names."""

    text: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    author: str | None = None
    language: str | None = None

    _DEFAULTS = {
        "text": ("text", "body", "content", "article", "full_text", "maintext"),
        "title": ("title", "headline"),
        "url": ("url", "link", "source_url"),
        "outlet": ("outlet", "source", "publisher", "site", "source_name", "domain"),
        "published": ("published", "date", "publish_date", "published_at", "pubdate", "date_publish", "timestamp", "dct"),
        "author": ("author", "authors", "byline"),
        "language": ("language", "lang"),
    }

    def names(self, what: str) -> tuple[str, ...]:
        chosen = getattr(self, what)
        return (chosen,) if chosen else self._DEFAULTS[what]

    def pick(self, record: Mapping[str, Any], what: str) -> Any:
        for name in self.names(what):
            value = record.get(name)
            if value not in (None, ""):
                return value
        return None


@dataclass(frozen=True, slots=True)
class ReadOptions:
    columns: ColumnMap = field(default_factory=ColumnMap)
    max_bytes: int = 10_000_000
    max_feed_items: int = 1000
    declared_charset: str | None = None
    base_meta: Mapping[str, Any] = field(default_factory=dict)
    """Metadata known before reading (from a manifest row or an HTTP response)."""


def _base(opts: ReadOptions) -> dict[str, Any]:
    return {k: v for k, v in opts.base_meta.items() if v not in (None, "")}


def _candidate(text: str, source: str, kind: str, opts: ReadOptions, **found: Any) -> Candidate:
    """Merge what the reader found with what was known before (manifest/HTTP metadata wins)."""
    merged = {k: v for k, v in found.items() if v not in (None, "")}
    merged.update(_base(opts))
    published = merged.pop("published", None)
    if isinstance(published, str):
        published = parse_published(published)
    return Candidate(text=text, source=source, source_kind=kind, published=published, **merged)


@readers.register("text")
def read_text(data: bytes, source: str, opts: ReadOptions) -> Iterator[Item]:
    """A plain-text report. A short first line followed by a blank line is taken as the headline."""
    try:
        decoded = decode_bytes(data, opts.declared_charset, max_bytes=opts.max_bytes)
        lines = decoded.text.lstrip("\ufeff").strip().split("\n", 2)
        title = lines[0].strip() if len(lines) > 2 and not lines[1].strip() and len(lines[0]) <= 250 else None
        yield _candidate(decoded.text, source, "text", opts, title=title, encoding=decoded.encoding,
                         lossy_decode=decoded.lossy)
    except IngestError as err:
        yield err.skipped(source)


@readers.register("html")
def read_html(data: bytes, source: str, opts: ReadOptions) -> Iterator[Item]:
    """An HTML page: boilerplate removed, metadata from the page (see :mod:`sitroom.ingestion.html`)."""
    try:
        decoded = decode_bytes(data, opts.declared_charset, max_bytes=opts.max_bytes)
        art = extract_html(decoded.text, url=opts.base_meta.get("url"))
        yield _candidate(
            art.text, source, "html", opts, title=art.title, author=art.author, published=art.published,
            language=art.language, outlet=art.site_name, encoding=decoded.encoding, lossy_decode=decoded.lossy,
        )
    except IngestError as err:
        yield err.skipped(source)


def _record_candidate(record: Any, where: str, kind: str, opts: ReadOptions) -> Item:
    if not isinstance(record, dict):
        return Skipped(where, Reason.MALFORMED_RECORD, f"expected an object, got {type(record).__name__}")
    cols = opts.columns
    text = cols.pick(record, "text")
    if text is None:
        return Skipped(where, Reason.MISSING_COLUMN, f"no text field (looked for {', '.join(cols.names('text'))})")
    if not isinstance(text, str):
        return Skipped(where, Reason.BAD_VALUE, "the text field is not a string")
    found: dict[str, Any] = {}
    try:
        if looks_like_html(text):
            art = extract_html(text, url=cols.pick(record, "url"))
            text = art.text
            found.update(title=art.title, author=art.author, published=art.published, language=art.language)
        author = cols.pick(record, "author")
        if isinstance(author, list):
            author = ", ".join(str(a) for a in author)
        for key, value in (
            ("title", cols.pick(record, "title")), ("url", cols.pick(record, "url")),
            ("outlet", cols.pick(record, "outlet")), ("author", author),
            ("language", normalize_language(str(cols.pick(record, "language") or "")) or None),
        ):
            if value not in (None, ""):
                found[key] = str(value)
        raw_published = cols.pick(record, "published")
        if raw_published is not None:
            found["published"] = parse_published(str(raw_published))
        return _candidate(text, where, kind, opts, **found)
    except IngestError as err:
        return err.skipped(where)


@readers.register("jsonl")
def read_jsonl(data: bytes, source: str, opts: ReadOptions) -> Iterator[Item]:
    """A JSON Lines dump (one object per line), or a ``.json`` file holding an array of objects."""
    try:
        decoded = decode_bytes(data, opts.declared_charset, max_bytes=opts.max_bytes)
    except IngestError as err:
        yield err.skipped(source)
        return
    stripped = decoded.text.lstrip()
    if stripped.startswith("["):
        try:
            records = json.loads(stripped)
        except ValueError as exc:
            yield Skipped(source, Reason.MALFORMED_RECORD, f"invalid JSON: {exc}")
            return
        for i, record in enumerate(records, 1):
            yield _record_candidate(record, f"{source}#{i}", "jsonl", opts)
        return
    for lineno, line in enumerate(decoded.text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield Skipped(where, Reason.MALFORMED_RECORD, f"invalid JSON: {exc.msg if hasattr(exc, 'msg') else exc}")
            continue
        yield _record_candidate(record, where, "jsonl", opts)


@readers.register("csv")
def read_csv(data: bytes, source: str, opts: ReadOptions) -> Iterator[Item]:
    """A CSV or TSV dump with a header row; the delimiter is detected."""
    try:
        decoded = decode_bytes(data, opts.declared_charset, max_bytes=opts.max_bytes)
    except IngestError as err:
        yield err.skipped(source)
        return
    text = decoded.text.lstrip("\ufeff")
    sample = text[:20_000]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;|")
    except csv.Error:
        dialect = "excel-tab" if source.lower().endswith(".tsv") else "excel"
    csv.field_size_limit(max(opts.max_bytes, 131072))
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        yield Skipped(source, Reason.MALFORMED_RECORD, f"unreadable header: {exc}")
        return
    if not any(name in header for name in opts.columns.names("text")):
        wanted = ", ".join(opts.columns.names("text"))
        yield Skipped(source, Reason.MISSING_COLUMN, f"no text column (looked for {wanted}; header has {', '.join(header[:12])})")
        return
    rowno = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            rowno += 1
            yield Skipped(f"{source}:{rowno}", Reason.MALFORMED_RECORD, str(exc))
            continue
        rowno = reader.line_num
        if None in row:  # more cells than header names
            row.pop(None)
        yield _record_candidate(row, f"{source}:{rowno}", "csv", opts)


def looks_like_feed(data: bytes) -> bool:
    head = data[:2000].lstrip().lower()
    return (b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head) and b"<html" not in head[:200]


def _entry_time(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        st = entry.get(key)
        if st:
            return datetime(*st[:6], tzinfo=timezone.utc)
    return None


@readers.register("feed")
def read_feed(data: bytes, source: str, opts: ReadOptions) -> Iterator[Item]:
    """An RSS 0.9x/1.0/2.0 or Atom feed; each entry is one candidate (its title, then its content)."""
    import feedparser

    if len(data) > opts.max_bytes:
        yield Skipped(source, Reason.TOO_LARGE, f"{len(data)} bytes, limit {opts.max_bytes}")
        return
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    feed = parsed.get("feed", {})
    entries = parsed.get("entries", [])
    if not entries:
        why = str(parsed.get("bozo_exception") or "no entries")
        reason = Reason.MALFORMED_FEED if parsed.get("bozo") or not feed else Reason.EMPTY
        yield Skipped(source, reason, why[:200])
        return
    outlet = feed.get("title")
    language = normalize_language(feed.get("language"))
    for i, entry in enumerate(entries[: opts.max_feed_items], 1):
        where = f"{source}#{entry.get('id') or entry.get('link') or i}"
        contents = [c.get("value", "") for c in entry.get("content", [])]
        body = max(contents, key=len) if contents else entry.get("summary", "")
        body_text = html_to_text(body) if "<" in body else body
        title = entry.get("title")
        text = f"{title}\n\n{body_text}" if title and title.strip() not in body_text[:300] else body_text
        try:
            yield _candidate(
                text, where, "feed", opts, title=title, url=entry.get("link"), outlet=outlet,
                author=entry.get("author"), published=_entry_time(entry), language=language,
                meta={"feed": source, "entry_id": entry.get("id")},
            )
        except IngestError as err:
            yield err.skipped(where)
    if len(entries) > opts.max_feed_items:
        yield Skipped(source, Reason.TOO_LARGE, f"{len(entries) - opts.max_feed_items} entries over the feed item limit")
