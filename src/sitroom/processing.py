"""``sitroom process``: extraction over every stored document not yet processed, then fusion.

Resumable by construction: each document's claims are written together with its ``processed_at``
mark in one transaction, so a killed run loses at most the batch in flight and the next run picks
up exactly the documents still unmarked. Documents are parsed in batches through one
``nlp.pipe`` (the model loads once per process) by the engine the settings name: this process
(``local``) or the workers of a Ray cluster (``ray``, :mod:`sitroom.engines.ray_engine`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .engines import get_engine
from .extraction import ExtractionFailure, SystemicFailure, extract_many
from .fuse import FuseReport, fuse_store
from .model import Document
from .settings import Settings
from .store import Store

__all__ = ["ProcessReport", "process_store", "process_documents", "set_aside", "systemic_reason", "SKIP_REASON"]

log = logging.getLogger(__name__)

#: The skip-log reason code of a document whose extraction failed (ingest codes: ``binary``, ``too_large`` …).
SKIP_REASON = "extraction_failed"


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
    """Extract claims for unprocessed documents (in chunks the engine can keep busy), then fuse.

    A document that fails is reported, logged in the skip log and set aside (see
    :func:`set_aside`); a chunk whose documents all fail alike raises :class:`SystemicFailure`
    before anything of it is written.
    """
    report = ProcessReport()
    engine = get_engine(settings)
    unwritable: set[str] = set()  # the store refused them: still unprocessed, not fetched again this run
    try:
        while limit is None or report.documents < limit:
            size = engine.chunk_size(batch_size)
            if limit is not None:
                size = min(size, limit - report.documents)
            chunk = [d for d in store.list_documents(unprocessed=True, limit=size + len(unwritable), order="id")
                     if d.id not in unwritable][:size]
            if not chunk:
                break
            failures: list[tuple[Document, str]] = []
            for document, claims in engine.extract(chunk, batch_size=batch_size):
                if isinstance(claims, ExtractionFailure):
                    failures.append((document, claims.reason))  # judged once the chunk is complete
                    continue
                try:
                    report.claims += store.replace_claims(document.id, claims)
                except Exception as exc:  # the batch boundary: one bad document must not stop the run
                    report.failed.append((document.id, f"{type(exc).__name__}: {exc}"))
                    unwritable.add(document.id)
                _count(report, document, on_document)
            _raise_if_systemic(failures, len(chunk))
            for document, reason in failures:
                report.failed.append((document.id, reason))
                try:
                    set_aside(store, document, reason)
                except Exception:  # noqa: BLE001 - reported above; stays unprocessed
                    unwritable.add(document.id)
                _count(report, document, on_document)
    finally:
        engine.close()
    if fuse:
        report.fusion = fuse_store(store)
    return report


def _count(report: ProcessReport, document: Document, on_document: Callable[[str], None] | None) -> None:
    report.documents += 1
    if on_document:
        on_document(document.id)


def systemic_reason(reasons: Sequence[str], attempted: int) -> str | None:
    """The one reason shared by every document of a batch of two or more, if they all failed alike.

    Why: a broken setup (a gazetteer path that is not an index, a plugin that cannot load its data)
    fails every document with the same message; setting each aside as if it were at fault would
    empty the queue and hide the real error. One document alone proves nothing, nor do failures
    with different reasons (two texts over the parser limit name their own lengths).
    """
    if attempted < 2 or len(reasons) != attempted or len(set(reasons)) != 1:
        return None
    return reasons[0]


def _raise_if_systemic(failures: Sequence[tuple[Document, str]], attempted: int) -> None:
    reason = systemic_reason([r for _, r in failures], attempted)
    if reason is not None:
        raise SystemicFailure(
            f"all {attempted} documents of a batch failed the same way, so the setup is at fault rather than "
            f"the documents (they stay unprocessed): {reason}")


def set_aside(store: Store, document: Document, reason: str) -> None:
    """Record a failed document in the skip log and mark it processed, with no claims.

    Why mark it: a document that fails once (a text over the parser limit, a stage tripping on its
    input) fails on every run; left unprocessed, it would be retried first by each ``sitroom
    process`` (spending ``--limit`` on it and exiting 1 for ever). The skip log keeps it in view
    (``sitroom db info`` counts it) and ``sitroom process --reprocess`` tries it again after a fix.
    """
    with store.transaction():
        where = document.source or document.title
        store.record_skip(f"document:{document.id}", SKIP_REASON, f"{where}: {reason}" if where else reason)
        store.replace_claims(document.id, [])


def process_documents(store: Store, document_ids: list[str], settings: Settings | None = None) -> list[str]:
    """The watch hook: extract the given documents, fuse, and return the ids of events that changed.

    Idempotent, as the watcher requires: claims are replaced per document and fusion keeps event
    ids, so a document seen twice (after a crash) changes nothing the second time. A document that
    fails is set aside as ``sitroom process`` does (:func:`set_aside`); when all of them fail alike
    (:func:`systemic_reason`) this raises, so the watcher keeps them queued and reports the error.
    """
    from .settings import load_settings

    settings = settings or load_settings()
    documents = list(store.get_documents(document_ids).values())
    failures: list[tuple[Document, str]] = []
    for document, claims in extract_many(documents, model=settings.spacy_model, gazetteer_path=settings.gazetteer_path):
        if isinstance(claims, ExtractionFailure):
            failures.append((document, claims.reason))
            continue
        store.replace_claims(document.id, claims)
    _raise_if_systemic(failures, len(documents))
    for document, reason in failures:
        log.warning("document %s set aside: %s", document.id, reason)
        set_aside(store, document, reason)
    return fuse_store(store).event_ids
