"""The ingest run: sources in, documents stored, a report of what happened to every item.

Why this shape: the batch boundary is the only place that catches broadly (the trafilatura
lesson). Each item is read, turned into a document and written in its own transaction; a bad item
becomes a ``Skipped`` with a reason code (also kept in the store's skip log) and the run goes on.
Killing the process loses at most the document being written, and a rerun skips what is already
stored as duplicates, so it completes the rest.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..model import Document
from ..registry import readers
from ..settings import Settings
from ..store import Store
from .candidate import Candidate, Overrides, make_document
from .errors import IngestError, Reason, Skipped
from .readers import ColumnMap, ReadOptions
from .sources import SourceItem, expand_sources, fetch_item, read_file, reader_for_path

__all__ = ["IngestReport", "ingest_sources", "iter_candidates", "Outcome"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one item: ``ingested``, ``duplicate`` or ``skipped``."""

    status: str
    source: str
    document_id: str | None = None
    skipped: Skipped | None = None


@dataclass
class IngestReport:
    ingested: int = 0
    duplicates: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    document_ids: list[str] = field(default_factory=list)

    @property
    def skipped_by_reason(self) -> dict[str, int]:
        return dict(Counter(str(s.reason) for s in self.skipped))

    @property
    def total(self) -> int:
        return self.ingested + self.duplicates + len(self.skipped)

    @property
    def exit_code(self) -> int:
        """0: nothing skipped; 1: some items skipped; 3: items given but none could be read."""
        if not self.skipped:
            return 0
        return 3 if self.ingested + self.duplicates == 0 else 1

    def as_dict(self) -> dict[str, object]:
        return {
            "ingested": self.ingested, "duplicates": self.duplicates, "skipped": len(self.skipped),
            "skipped_by_reason": self.skipped_by_reason,
            "skipped_items": [{"source": s.source, "reason": str(s.reason), "detail": s.detail} for s in self.skipped],
            "document_ids": self.document_ids,
        }


def iter_candidates(
    items: Iterable[SourceItem | Skipped], settings: Settings, columns: ColumnMap,
) -> Iterator[Candidate | Skipped]:
    """Read every item with its reader; yield candidates and skips in order."""
    for item in items:
        if isinstance(item, Skipped):
            yield item
            continue
        opts = ReadOptions(columns=columns, max_bytes=settings.max_document_bytes,
                           max_feed_items=settings.max_feed_items, base_meta=item.meta)
        try:
            if item.is_url:
                kind, data, opts = fetch_item(
                    item, opts, timeout=settings.fetch_timeout, max_redirects=settings.max_redirects,
                    allow_private=settings.allow_private, user_agent=settings.user_agent,
                )
            else:
                data = read_file(item, settings.max_document_bytes)
                kind = item.kind or reader_for_path(item.location, data)
            reader = readers.get(kind)
        except IngestError as err:
            yield err.skipped(item.location)
            continue
        except KeyError as err:
            yield Skipped(item.location, Reason.BAD_VALUE, str(err))
            continue
        yield from reader(data, item.location, opts)


def ingest_sources(
    store: Store,
    sources: list[str],
    settings: Settings,
    *,
    kind: str | None = None,
    columns: ColumnMap | None = None,
    overrides: Overrides | None = None,
    manifest: Path | None = None,
    on_item: Callable[[Outcome], None] | None = None,
) -> IngestReport:
    """Ingest files, folders, globs, dumps, feeds and URLs into ``store``.

    Args:
        store: where documents go (one transaction per document).
        sources: paths, folders (recursive), glob patterns or http(s) URLs.
        settings: limits (sizes, timeouts, redirects, feed items, private addresses).
        kind: force one reader (``text``, ``html``, ``jsonl``, ``csv``, ``feed``) for every item.
        columns: field names in JSONL/CSV dumps.
        overrides: outlet / published / language applied to every document.
        manifest: a CSV/JSONL file giving per-file metadata (a ``manifest.csv`` inside a folder is
            used automatically).
        on_item: called after each item (progress bars).

    Returns:
        Counts of ingested, duplicate and skipped items, with every skip's reason.
    """
    report = IngestReport()
    overrides = overrides or Overrides()
    items = expand_sources(sources, kind=kind, manifest=manifest)
    for cand in iter_candidates(items, settings, columns or ColumnMap()):
        outcome = _store_one(store, cand, overrides, settings)
        if outcome.status == "ingested":
            report.ingested += 1
            report.document_ids.append(outcome.document_id or "")
        elif outcome.status == "duplicate":
            report.duplicates += 1
        else:
            assert outcome.skipped is not None
            report.skipped.append(outcome.skipped)
        if on_item:
            on_item(outcome)
    return report


def _store_one(store: Store, cand: Candidate | Skipped, overrides: Overrides, settings: Settings) -> Outcome:
    if isinstance(cand, Candidate):
        try:
            doc: Document = make_document(overrides.apply(cand), min_chars=settings.min_document_chars,
                                          max_chars=settings.max_document_chars)
        except IngestError as err:
            cand = err.skipped(cand.source)
        else:
            try:
                added = store.add_document(doc)
            except Exception as exc:  # the batch boundary: a store error must not end the run
                cand = Skipped(doc.source or "?", Reason.STORE_ERROR, f"{type(exc).__name__}: {exc}")
            else:
                return Outcome("ingested" if added else "duplicate", cand.source, doc.id)
    try:
        store.record_skip(cand.source, str(cand.reason), cand.detail)
    except Exception:  # noqa: BLE001 - the skip is still reported to the caller
        pass
    return Outcome("skipped", cand.source, skipped=cand)
