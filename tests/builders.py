"""Builders for domain objects in tests (``make_document()``, ``make_claim()``, ``make_event()``)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sitroom.ingestion.normalize import document_id, normalize_text
from sitroom.model import (
    Attribution, Claim, Document, Event, Place, Precision, Qualifier, Quantity, QuantityKind, Source, SourceKind, Span,
)


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


# ------------------------------------------------------------------------------------- fusion

from datetime import date  # noqa: E402

from sitroom.model import (ActorMention, Actor, ActorType, Place, PlaceMention, Precision, Role,  # noqa: E402
                           TimeMention, TimePrecision)

AL_HOL = Place("geonames:al-hol-camp", "Al-Hol camp", "SY", "Al-Hasakah", None, 36.3726, 41.1486, Precision.POINT)
ROJ = Place("sitroom:roj-camp", "Roj camp", "SY", "Al-Hasakah", None, 36.7906, 42.0431, Precision.POINT)
QAMISHLI = Place("geonames:173576", "Qamishli", "SY", "Al-Hasakah", None, 37.0522, 41.2317, Precision.TOWN)
HASAKAH_PROVINCE = Place("geonames:173310", "Al-Hasakah", "SY", "Al-Hasakah", None, 36.5, 40.75, Precision.ADMIN1)
ZAHLE = Place("geonames:265560", "Zahle", "LB", "Beqaa", None, 33.8463, 35.9019, Precision.TOWN)


def report(text: str, outlet: str, published: datetime, doc_id: str | None = None) -> Document:
    """A document for fusion tests (the text is the report; its id is derived unless given)."""
    return make_document(text, outlet=outlet, published=published, **({"id": doc_id} if doc_id else {}))


def claim_in(doc: Document, phrase: str, *, event_type: str = "Movements and detention (sitroom extension)",
             sub_event_type: str = "Escape from detention or camp", place: Place | None = None,
             day: date | None = None, quantities: tuple[tuple[str, int, int | None, int | None, str], ...] = (),
             sources: tuple[tuple[str, SourceKind], ...] = (), hedges: tuple[str, ...] = (),
             actors: tuple[tuple[str, ActorType, Role], ...] = (), destinations: tuple[Place, ...] = (),
             confidence: float = 0.8) -> Claim:
    """A claim over the sentence containing ``phrase`` in ``doc``, with the values given."""
    from sitroom.model import Qualifier as Q

    start = doc.text.index(phrase)
    span = Span(start, start + len(phrase))
    places = []
    if place is not None:
        places.append(PlaceMention(place.name, span, place, is_event_place=True, confidence=0.9))
    for dest in destinations:
        places.append(PlaceMention(dest.name, span, dest, role="destination", confidence=0.8))
    qs = tuple(Quantity(QuantityKind(kind), low, high, best, Q(qual), span) for kind, low, high, best, qual in quantities)
    chain = (Source(doc.outlet or "outlet", SourceKind.OUTLET), *(Source(n, k, span) for n, k in sources))
    time = TimeMention("that day", span, day, day, TimePrecision.DAY) if day else None
    acts = tuple(ActorMention(Actor(n, t), r, span) for n, t, r in actors)
    return Claim(id=f"clm_{doc.id[:8]}_{start}", document_id=doc.id, event_type=event_type, sub_event_type=sub_event_type,
                 confidence=confidence, span=span, trigger=phrase.split()[0], trigger_span=span, actors=acts,
                 places=tuple(places), time=time, quantities=qs,
                 attribution=Attribution(chain=chain, cue="said" if sources else None, hedges=hedges))


def span_of(doc: Document, needle: str, start: int = 0) -> Span:
    """The span of the first ``needle`` in ``doc`` at or after ``start`` (fails loudly if absent)."""
    at = doc.text.find(needle, start)
    if at < 0:
        raise ValueError(f"{needle!r} not in document {doc.id[:8]}")
    return Span(at, at + len(needle))


def make_claims_event(claims: list[Claim] | tuple[Claim, ...], event_id: str = "e1", **fields: Any) -> Event:
    """An event over ``claims`` (type from the first claim, no place unless given): one chain per claim
    unless ``independent_chains`` is given."""
    values: dict[str, Any] = {
        "id": event_id, "event_type": claims[0].event_type if claims else "Escape",
        "sub_event_type": claims[0].sub_event_type if claims else None,
        "claim_ids": tuple(c.id for c in claims),
        "independent_chains": tuple((c.id,) for c in claims), "confidence": 0.7,
    }
    values.update(fields)
    return Event(**values)
