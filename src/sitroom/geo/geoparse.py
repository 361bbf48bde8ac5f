"""Geoparsing end to end: recognise toponyms in a parsed document and resolve them.

Why here and not in each caller: extraction, ``sitroom geoparse`` and the evaluation all need the
same two steps in the same order, over the one spaCy parse per document.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Iterator

from spacy.tokens import Doc

from sitroom.geo.gazetteer import Gazetteer
from sitroom.geo.resolve import resolve_mentions
from sitroom.geo.toponyms import find_toponyms
from sitroom.model import PlaceMention
from sitroom.nlp.parse import DEFAULT_MODEL, parse_many
from sitroom.nlp.parse import text_of

__all__ = ["geoparse_doc", "geoparse_jsonl", "mention_record"]


def geoparse_doc(doc: Doc, gazetteer: Gazetteer, country_hint: str | None = None,
                 keep_unknown_words: bool = False) -> list[PlaceMention]:
    """Toponyms of ``doc`` with their resolved places (``place=None`` where none was found).

    A one-word name the NER proposed but the gazetteer does not know at all is dropped unless
    ``keep_unknown_words``: on the dev corpora about three in four of them are people or
    organisations the small model mislabelled, and without a place they carry no coordinates.
    """
    mentions = resolve_mentions(text_of(doc), find_toponyms(doc, gazetteer), gazetteer, country_hint=country_hint)
    if keep_unknown_words:
        return mentions
    return [m for m in mentions if m.place is not None or len(m.text.split()) > 1]


def mention_record(m: PlaceMention) -> dict[str, Any]:
    """One toponym in the scorer's format (``../shared/evalsets/tools/geo_score.py``)."""
    p = m.place
    return {
        "start": m.span.start, "end": m.span.end, "name": p.name if p else m.text,
        "lat": p.lat if p else None, "lon": p.lon if p else None,
        "geonameid": p.gazetteer_id if p and not p.gazetteer_id.startswith("sitroom:") else None,
        "gazetteer_id": p.gazetteer_id if p else None,
        "country": p.country if p else None, "admin1": p.admin1 if p else None,
        "precision": p.precision.value if p else None, "kind": m.kind, "confidence": m.confidence,
    }


def geoparse_jsonl(lines: Iterable[str], gazetteer: Gazetteer, model: str = DEFAULT_MODEL,
                   batch_size: int = 16) -> Iterator[dict[str, Any]]:
    """Geoparse JSONL lines ``{"doc_id", "text", ...}`` (other fields ignored), in input order.

    Yields ``{"doc_id", "toponyms": [{"start", "end", "lat", "lon", "name", "geonameid",
    "country", "precision", ...}]}`` per document. Blank lines are skipped; a line without text
    yields an empty toponym list.
    """

    def items() -> Iterator[tuple[str, Any]]:
        for line in lines:
            if not line.strip():
                continue
            rec = json.loads(line)
            yield (rec.get("text") or ""), rec.get("doc_id")

    for doc, doc_id in parse_many(items(), model=model, batch_size=batch_size):
        yield {"doc_id": doc_id, "toponyms": [mention_record(m) for m in geoparse_doc(doc, gazetteer)]}
