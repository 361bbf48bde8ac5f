"""Builders for domain objects in tests (``make_document()``, ``make_claim()``, ``make_event()``)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sitroom.ingestion.normalize import document_id, normalize_text
from sitroom.model import Attribution, Claim, Document, Event, Qualifier, Quantity, QuantityKind, Source, SourceKind, Span

DEFAULT_TEXT = (
    "Thousands escape camp\n\nThousands of people escaped the al-Hol camp in Al-Hasakah province "
    "on Tuesday after the guards were replaced, security and humanitarian sources said."
)


def make_document(text: str = DEFAULT_TEXT, **fields: Any) -> Document:
    text = normalize_text(text)
    values: dict[str, Any] = {
        "id": document_id(text), "text": text, "title": text.split("\n")[0][:80], "outlet": "Levant Wire Service",
        "url": "https://levantwire.example/escape", "published": datetime(2026, 3, 4, 9, 30, tzinfo=timezone.utc),
        "language": "en", "source": "test", "source_kind": "text",
    }
    values.update(fields)
    return Document(**values)


def make_claim(doc: Document, claim_id: str = "c1", **fields: Any) -> Claim:
    start = doc.text.find("Thousands of people")
    start = max(start, 0)
    sentence = Span(start, len(doc.text))
    word = Span(start, start + len("Thousands"))
    values: dict[str, Any] = {
        "id": claim_id, "document_id": doc.id, "event_type": "Escape", "sub_event_type": "Escape from camp",
        "confidence": 0.8, "span": sentence, "trigger": "escaped",
        "quantities": (Quantity(QuantityKind.ESCAPED, 1000, 9999, None, Qualifier.VAGUE, word),),
        "attribution": Attribution(chain=(Source(doc.outlet or "outlet", SourceKind.OUTLET),
                                          Source("security and humanitarian sources", SourceKind.ANONYMOUS, Span(start, start + 5))),
                                   cue="said"),
    }
    values.update(fields)
    return Claim(**values)


def span_of(doc: Document, needle: str, start: int = 0) -> Span:
    """The span of the first ``needle`` in ``doc`` at or after ``start`` (fails loudly if absent)."""
    at = doc.text.find(needle, start)
    if at < 0:
        raise ValueError(f"{needle!r} not in document {doc.id[:8]}")
    return Span(at, at + len(needle))


def make_event(claims: list[Claim] | tuple[Claim, ...], event_id: str = "e1", **fields: Any) -> Event:
    """An event over ``claims``: one chain per claim unless ``independent_chains`` is given."""
    values: dict[str, Any] = {
        "id": event_id, "event_type": claims[0].event_type if claims else "Escape",
        "sub_event_type": claims[0].sub_event_type if claims else None,
        "claim_ids": tuple(c.id for c in claims),
        "independent_chains": tuple((c.id,) for c in claims), "confidence": 0.7,
    }
    values.update(fields)
    return Event(**values)
