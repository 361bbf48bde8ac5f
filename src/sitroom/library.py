"""The Python API: one function for each ``sitroom`` command, usable from notebooks and scripts.

The CLI is a thin shell over these functions (the sqlite-utils lesson): what a command does, a
function here does, with the same names and arguments.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from .settings import Settings, load_settings
from .store import SearchHit, Store, open_store

__all__ = ["connect", "ingest", "search", "documents"]


def _settings(db: str | None, settings: Settings | None, **overrides: Any) -> Settings:
    base = settings or load_settings()
    return base.with_overrides(db=db, **overrides)


def connect(db: str | None = None, settings: Settings | None = None) -> Store:
    """Open the store named by ``db`` (a URL or path), ``SITROOM_DB``, or the default SQLite file."""
    return open_store(_settings(db, settings).db_url)


def ingest(
    sources: str | Iterable[str],
    *,
    db: str | None = None,
    store: Store | None = None,
    settings: Settings | None = None,
    kind: str | None = None,
    outlet: str | None = None,
    published: Any = None,
    language: str | None = None,
    manifest: str | Path | None = None,
    columns: dict[str, str] | None = None,
    allow_private: bool | None = None,
) -> Any:
    """Ingest files, folders, globs, dumps, feeds or URLs; returns an :class:`IngestReport`.

    Example:
        >>> report = ingest("examples/reports", db="sqlite:///demo.db")  # doctest: +SKIP
        >>> report.ingested, report.duplicates, report.skipped_by_reason  # doctest: +SKIP
    """
    from .ingestion import ColumnMap, Overrides, ingest_sources
    from .ingestion.times import parse_published

    conf = _settings(db, settings, allow_private=allow_private)
    items = [sources] if isinstance(sources, (str, Path)) else list(sources)
    overrides = Overrides(outlet=outlet, published=parse_published(published), language=language)
    own = store is None
    target = store or open_store(conf.db_url)
    try:
        return ingest_sources(
            target, [str(s) for s in items], conf, kind=kind, columns=ColumnMap(**(columns or {})),
            overrides=overrides, manifest=Path(manifest) if manifest else None,
        )
    finally:
        if own:
            target.close()


def search(query: str, *, db: str | None = None, limit: int = 20, settings: Settings | None = None) -> list[SearchHit]:
    """Ranked full-text search over stored documents."""
    with connect(db, settings) as store:
        return store.search(query, limit=limit)


def documents(*, db: str | None = None, settings: Settings | None = None, **filters: Any) -> list[Any]:
    """Stored documents, filtered like ``sitroom docs`` (outlet, since, until, language, limit)."""
    with connect(db, settings) as store:
        return store.list_documents(**filters)
