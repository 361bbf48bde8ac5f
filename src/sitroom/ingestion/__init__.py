"""Ingestion: files, folders, globs, JSONL/CSV dumps, RSS/Atom feeds and URLs into documents.

Importing this package registers the built-in readers (``text``, ``html``, ``jsonl``, ``csv``,
``feed``) in :data:`sitroom.registry.readers`.
"""

from . import readers as _readers  # noqa: F401 - registers the built-in readers
from .candidate import Candidate, Overrides, make_document
from .errors import IngestError, Reason, Skipped
from .normalize import document_id, normalize_text
from .pipeline import IngestReport, Outcome, ingest_sources
from .readers import ColumnMap

__all__ = [
    "Candidate", "ColumnMap", "IngestError", "IngestReport", "Outcome", "Overrides", "Reason", "Skipped",
    "document_id", "ingest_sources", "make_document", "normalize_text",
]
