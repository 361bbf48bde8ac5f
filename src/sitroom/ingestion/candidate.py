"""What a reader yields: one report's text and metadata, before it becomes a :class:`Document`.

Why a separate type: readers only read; the rules that make a document (normalisation, size
limits, the id, overrides from the command line, language guessing) live in one place,
:func:`make_document`, so every reader obeys them identically.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Any

from ..model import Document, utc
from .errors import IngestError, Reason
from .language import guess_language, normalize_language
from .normalize import document_id, normalize_text

__all__ = ["Candidate", "Overrides", "make_document"]


@dataclass(frozen=True, slots=True)
class Candidate:
    text: str
    source: str
    source_kind: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published: datetime | None = None
    language: str | None = None
    encoding: str | None = None
    lossy_decode: bool = False
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Overrides:
    """Values the user gives for every item of a run (``--outlet``, ``--published``, ``--language``)."""

    outlet: str | None = None
    published: datetime | None = None
    language: str | None = None

    def apply(self, cand: Candidate) -> Candidate:
        changes: dict[str, Any] = {}
        if self.outlet:
            changes["outlet"] = self.outlet
        if self.published:
            changes["published"] = self.published
        if self.language:
            changes["language"] = self.language
        return replace(cand, **changes) if changes else cand


def _clean(value: str | None, limit: int = 1000) -> str | None:
    if value is None:
        return None
    value = " ".join(str(value).split())[:limit]
    return value or None


def make_document(cand: Candidate, *, min_chars: int, max_chars: int, now: datetime | None = None) -> Document:
    """Normalise a candidate into a :class:`Document`, or raise ``empty`` / ``too_large``."""
    text = normalize_text(cand.text)
    if len(text) > max_chars:
        raise IngestError(Reason.TOO_LARGE, f"{len(text)} characters, limit {max_chars}", cand.source)
    if len(text) < min_chars:
        what = "no text" if not text else f"only {len(text)} characters"
        raise IngestError(Reason.EMPTY, what, cand.source)
    language = normalize_language(cand.language) or guess_language(text)
    meta = dict(cand.meta)
    if cand.published is not None and cand.published.utcoffset():
        # keep the local time: relative dates ("on Tuesday") resolve against the local day
        meta["published_local"] = cand.published.isoformat()
    return Document(
        id=document_id(text),
        text=text,
        title=_clean(cand.title),
        outlet=_clean(cand.outlet, 200),
        url=_clean(cand.url, 2000),
        author=_clean(cand.author, 300),
        published=utc(cand.published) if cand.published else None,
        language=language,
        source=cand.source,
        source_kind=cand.source_kind,
        encoding=cand.encoding,
        lossy_decode=cand.lossy_decode,
        ingested_at=now or datetime.now(timezone.utc),
        meta=meta,
    )
