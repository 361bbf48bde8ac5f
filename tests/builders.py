"""Builders for domain objects in tests (``make_document()``, ``make_claim()``)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sitroom.ingestion.normalize import document_id, normalize_text
from sitroom.model import (
    Attribution, Claim, Document, Event, Place, Precision, Qualifier, Quantity, QuantityKind, Source, SourceKind, Span,
)

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


def make_event(
    claims: Any = (),
    event_id: str = "e1",
    *,
    event_type: str = "Escape",
    admin1: str | None = "Al-Hasakah",
    country: str | None = "SY",
    place_name: str = "al-Hol",
    day: Any = None,
    **fields: Any,
) -> Event:
    """An event over ``claims`` (Claim objects or ids), placed in ``admin1`` on ``day``."""
    from datetime import date as _date

    claim_ids = tuple(c if isinstance(c, str) else c.id for c in claims)
    day = day or _date(2026, 3, 3)
    place = None
    if admin1 is not None or country is not None:
        place = Place(gazetteer_id=f"test:{place_name}", name=place_name, country=country, admin1=admin1, admin2=None,
                      lat=36.39, lon=41.15, precision=Precision.TOWN)
    values: dict[str, Any] = {
        "id": event_id, "event_type": event_type, "sub_event_type": None, "claim_ids": claim_ids,
        "independent_chains": tuple((cid,) for cid in claim_ids), "confidence": 0.8, "place": place,
        "start": day, "end": day,
    }
    values.update(fields)
    return Event(**values)
