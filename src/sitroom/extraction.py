"""The Python entry point to extraction: ``sitroom.extract(text, published=..., outlet=...)``.

Why a thin module: a notebook user has a string, not a store; this builds a :class:`Document`,
runs the one spaCy pass, and hands the parse to every extractor and to claim assembly. The time,
attribution and geocoding stages plug in when their modules are installed (see
:func:`extract_document`); without them the claims still carry quantities, actors, event types
and NER place spans.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Any, Iterable, Iterator

from spacy.tokens import Doc

from sitroom.geo.gazetteer import open_gazetteer
from sitroom.geo.geoparse import geoparse_doc
from sitroom.ingestion.normalize import document_id
from sitroom.model import Attribution, Claim, Document, PlaceMention, TimeMention, utc
from sitroom.nlp.attribution import find_attributions
from sitroom.nlp.timex import time_mentions
from sitroom.nlp.claims import build_claims
from sitroom.nlp.parse import DEFAULT_MODEL, parse, parse_many

__all__ = ["extract", "extract_document", "extract_many", "make_document", "document_id"]

log = logging.getLogger(__name__)


def make_document(text: str, *, published: datetime | str | None = None, outlet: str | None = None,
                  title: str | None = None, url: str | None = None) -> Document:
    """A :class:`Document` for a bare text (ISO strings are accepted for ``published``)."""
    if isinstance(published, str):
        published = datetime.fromisoformat(published.replace("Z", "+00:00"))
    meta = {"published_local": published.isoformat()} if published is not None and published.utcoffset() else {}
    return Document(id=document_id(text), text=text, title=title, outlet=outlet, url=url,
                    published=utc(published) if published else None, language="en", meta=meta)


def publication_day(document: Document) -> date | None:
    """The day the report was published *where it was published* (the anchor of "on Tuesday").

    Ingest keeps the original offset in ``meta["published_local"]``; the stored time is UTC, whose
    date can be a day off for reports published near midnight far from Greenwich.
    """
    local = document.meta.get("published_local") if document.meta else None
    if isinstance(local, str):
        try:
            return datetime.fromisoformat(local).date()
        except ValueError:
            pass
    return document.published.date() if document.published else None


def _time_mentions(doc: Doc, document: Document) -> list[TimeMention]:
    day = publication_day(document)
    return time_mentions(doc, day) if day else []


def _attributions(doc: Doc, document: Document) -> list[Attribution]:
    return list(find_attributions(doc, document.outlet))


def _places(doc: Doc, gazetteer_path: str | None) -> list[PlaceMention]:
    """Toponyms resolved against the gazetteer (opened once per process and path)."""
    return geoparse_doc(doc, open_gazetteer(gazetteer_path))


def extract_document(document: Document, doc: Doc | None = None, *, model: str = DEFAULT_MODEL,
                     gazetteer_path: str | None = None) -> list[Claim]:
    """Claims for one :class:`Document` (parsed here unless ``doc`` is given).

    Every stage reads the one parse: dates (TIMEX3 resolver), attribution chains, geoparsing
    against the gazetteer, then claim assembly (event types, quantities, actors).
    """
    if doc is None:
        doc = parse(document.text, model)
    return build_claims(doc, document, time_mentions=_time_mentions(doc, document),
                        attributions=_attributions(doc, document), place_mentions=_places(doc, gazetteer_path))


def extract_many(documents: Iterable[Document], *, model: str = DEFAULT_MODEL, batch_size: int = 32,
                 gazetteer_path: str | None = None) -> Iterator[tuple[Document, list[Claim]]]:
    """Claims for many documents, parsed in batches through one ``nlp.pipe``."""
    for doc, document in parse_many(((d.text, d) for d in documents), model=model, batch_size=batch_size):
        yield document, extract_document(document, doc, gazetteer_path=gazetteer_path)


def extract(text: str, published: datetime | str | None = None, outlet: str | None = None,
            **kwargs: Any) -> list[Claim]:
    """Claims from one report's text.

    Args:
        text: the report.
        published: its publication time (datetime or ISO string); relative dates resolve against it.
        outlet: the publishing outlet, the first link of every attribution chain.
        **kwargs: ``title``, ``url`` for the document; ``model`` for another spaCy pipeline.

    Returns:
        One :class:`~sitroom.model.Claim` per reported happening, every value with its span.

    Example:
        >>> claims = extract("A car bomb killed nine people in Mosul on Tuesday.",
        ...                  published="2026-03-04", outlet="Example Wire")  # doctest: +SKIP
    """
    model = kwargs.pop("model", DEFAULT_MODEL)
    document = make_document(text, published=published, outlet=outlet, **kwargs)
    return extract_document(document, model=model)

