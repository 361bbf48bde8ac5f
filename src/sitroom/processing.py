"""``sitroom process``: extraction over every stored document not yet processed, then fusion.

Resumable by construction: each document's claims are written together with its ``processed_at``
mark in one transaction, so a killed run loses at most the batch in flight and the next run picks
up exactly the documents still unmarked. Documents are parsed in batches through one
``nlp.pipe`` (the model loads once per process) by the engine the settings name: this process
(``local``) or the workers of a Ray cluster (``ray``, :mod:`sitroom.engines.ray_engine`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from .engines import get_engine
from .extraction import ExtractionFailure, extract_many
from .fuse import FuseReport, fuse_store
from .settings import Settings
from .store import Store

__all__ = ["ProcessReport", "process_store", "process_documents"]

log = logging.getLogger(__name__)


@dataclass
class ProcessReport:
    documents: int = 0
    claims: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    fusion: FuseReport | None = None

    def as_dict(self) -> dict[str, object]:
        return {"documents": self.documents, "claims": self.claims,
                "failed": [{"document_id": d, "error": e} for d, e in self.failed],
                "fusion": self.fusion.as_dict() if self.fusion else None}


def process_store(store: Store, settings: Settings, *, batch_size: int = 32, fuse: bool = True,
                  limit: int | None = None, on_document: Callable[[str], None] | None = None) -> ProcessReport:
    """Extract claims for unprocessed documents (in chunks the engine can keep busy), then fuse."""
    report = ProcessReport()
    engine = get_engine(settings)
    failed: set[str] = set()
    try:
        while limit is None or report.documents < limit:
            size = engine.chunk_size(batch_size)
            if limit is not None:
                size = min(size, limit - report.documents)
            chunk = [d for d in store.list_documents(unprocessed=True, limit=size + len(failed), order="id")
                     if d.id not in failed][:size]
            if not chunk:
                break
            for document, claims in engine.extract(chunk, batch_size=batch_size):
                if isinstance(claims, ExtractionFailure):
                    # Left unprocessed (a later run retries it), reported now with its reason.
                    report.failed.append((document.id, claims.reason))
                    failed.add(document.id)
                    report.documents += 1
                    continue
                try:
                    report.claims += store.replace_claims(document.id, claims)
                except Exception as exc:  # the batch boundary: one bad document must not stop the run
                    report.failed.append((document.id, f"{type(exc).__name__}: {exc}"))
                    failed.add(document.id)
                report.documents += 1
                if on_document:
                    on_document(document.id)
    finally:
        engine.close()
    if fuse:
        report.fusion = fuse_store(store)
    return report


def process_documents(store: Store, document_ids: list[str], settings: Settings | None = None) -> list[str]:
    """The watch hook: extract the given documents, fuse, and return the ids of events that changed.

    Idempotent, as the watcher requires: claims are replaced per document and fusion keeps event
    ids, so a document seen twice (after a crash) changes nothing the second time.
    """
    from .settings import load_settings

    settings = settings or load_settings()
    documents = list(store.get_documents(document_ids).values())
    for document, claims in extract_many(documents, model=settings.spacy_model, gazetteer_path=settings.gazetteer_path):
        if isinstance(claims, ExtractionFailure):
            log.warning("document %s not processed: %s", document.id, claims.reason)
            continue
        store.replace_claims(document.id, claims)
    return fuse_store(store).event_ids
