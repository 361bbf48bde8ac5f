"""Flat, ACLED-style rows: shared by the CSV and Parquet exporters so both carry the same values.

Column names follow ACLED's codebook where a column means the same thing; ours follow them.
``geo_precision`` and ``time_precision`` use ACLED's codes (1 = exact place / day, 2 = nearby or
part of a region / a few days, 3 = a larger region / a longer period).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..model import Precision
from .bundle import EventBundle, actor_names, country_name, primary_quantity

__all__ = ["COLUMNS", "acled_row", "geo_precision_code", "time_precision_code"]

COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "string"),
    ("event_date", "date"),
    ("end_date", "date"),
    ("event_type", "string"),
    ("sub_event_type", "string"),
    ("actor1", "string"),
    ("actor2", "string"),
    ("country", "string"),
    ("country_code", "string"),
    ("admin1", "string"),
    ("admin2", "string"),
    ("location", "string"),
    ("latitude", "float"),
    ("longitude", "float"),
    ("geo_precision", "int"),
    ("time_precision", "int"),
    ("source", "string"),
    ("notes", "string"),
    ("fatalities", "int"),
    ("quantity", "string"),
    ("low", "int"),
    ("best", "int"),
    ("high", "int"),
    ("independent_sources", "int"),
    ("claims", "int"),
    ("contradiction", "bool"),
    ("confidence", "float"),
    ("record", "bool"),
)
"""(name, type) of every column, in order."""

_GEO = {
    Precision.POINT: 1, Precision.TOWN: 1, Precision.ADMIN2: 2,
    Precision.ADMIN1: 3, Precision.COUNTRY: 3, Precision.REGION: 3,
}


def geo_precision_code(precision: Precision | None) -> int | None:
    return None if precision is None else _GEO[Precision(precision)]


def time_precision_code(start: date | None, end: date | None) -> int | None:
    if start is None:
        return None
    days = ((end or start) - start).days
    return 1 if days == 0 else 2 if days <= 7 else 3


def acled_row(bundle: EventBundle) -> dict[str, Any]:
    """One typed row (dates as ``date``, missing values as ``None``)."""
    e = bundle.event
    place = e.place
    q = primary_quantity(e)
    killed = next((f for f in e.fields if f.name == "killed"), None)
    fatalities = 0
    if killed is not None:
        fatalities = next((v for v in (killed.best, killed.low) if v is not None), 0)
    outlets = dict.fromkeys(
        d.outlet for c in bundle.claims if (d := bundle.documents.get(c.document_id)) is not None and d.outlet
    )
    lead = max(bundle.claims, key=lambda c: c.confidence, default=None)
    notes = None
    if lead is not None and lead.document_id in bundle.documents:
        notes = " ".join(lead.span.quote(bundle.documents[lead.document_id].text).split())
    return {
        "event_id": e.id,
        "event_date": e.start,
        "end_date": e.end,
        "event_type": e.event_type,
        "sub_event_type": e.sub_event_type,
        "actor1": "; ".join(actor_names(bundle, "initiator")) or None,
        "actor2": "; ".join(actor_names(bundle, "target")) or None,
        "country": country_name(place.country) if place else None,
        "country_code": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "location": place.name if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": geo_precision_code(place.precision) if place else None,
        "time_precision": time_precision_code(e.start, e.end),
        "source": "; ".join(outlets) or None,
        "notes": notes,
        "fatalities": fatalities,
        "quantity": q.name if q else None,
        "low": q.low if q else None,
        "best": q.best if q else None,
        "high": q.high if q else None,
        "independent_sources": e.independent_sources,
        "claims": len(e.claim_ids),
        "contradiction": bool(e.contradictions),
        "confidence": e.confidence,
        "record": e.record,  # a record of past happenings, not a new event: leave out when counting events
    }
