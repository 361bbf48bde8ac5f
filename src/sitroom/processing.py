"""``sitroom process``: extraction over every stored document not yet processed, then fusion.

Resumable by construction: each document's claims are written together with its ``processed_at``
mark in one transaction, so a killed run loses at most the batch in flight and the next run picks
up exactly the documents still unmarked. Documents are parsed in batches through one
``nlp.pipe`` (the model loads once per process).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .extraction import extract_many
from .fuse import FuseReport, fuse_store
from .settings import Settings
from .store import Store

__all__ = ["ProcessReport", "process_store", "process_documents"]


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
    """Extract claims for unprocessed documents (in batches), then fuse them into events."""
    report = ProcessReport()
    while limit is None or report.documents < limit:
        size = batch_size if limit is None else min(batch_size, limit - report.documents)
        batch = store.list_documents(unprocessed=True, limit=size, order="id")
        batch = [d for d in batch if d.id not in {f for f, _ in report.failed}]
        if not batch:
            break
        for document, claims in extract_many(batch, model=settings.spacy_model, batch_size=batch_size,
                                                  gazetteer_path=settings.gazetteer_path):
            try:
                report.claims += store.replace_claims(document.id, claims)
            except Exception as exc:  # the batch boundary: one bad document must not stop the run
                report.failed.append((document.id, f"{type(exc).__name__}: {exc}"))
            report.documents += 1
            if on_document:
                on_document(document.id)
        if all(d.id in {f for f, _ in report.failed} for d in batch):
            break
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
        store.replace_claims(document.id, claims)
    return fuse_store(store).event_ids
