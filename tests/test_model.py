"""The shared domain model: spans derive quotes, values validate, everything round-trips as JSON."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from builders import make_claim, make_document
from sitroom.model import (Claim, Document, Qualifier, Quantity, QuantityKind, Span, TimeMention, TimePrecision,
                           from_jsonable, json_schema, to_jsonable, utc)


def test_span_quote_and_checks():
    text = "Thousands escaped the camp."
    assert Span(0, 9).quote(text) == "Thousands"
    assert Span(10, 17).shift(2) == Span(12, 19)
    assert Span(0, 5).overlaps(Span(4, 8)) and not Span(0, 5).overlaps(Span(5, 8))
    with pytest.raises(ValueError):
        Span(5, 2)
    with pytest.raises(ValueError):
        Span(-1, 2)


def test_quantity_interval_rules():
    Quantity(QuantityKind.ESCAPED, 15000, 20000, None, Qualifier.RANGE, Span(0, 5))
    Quantity(QuantityKind.KILLED, 40, None, 40, Qualifier.AT_LEAST, Span(0, 5))
    with pytest.raises(ValueError):
        Quantity(QuantityKind.KILLED, 10, 5, None, Qualifier.RANGE, Span(0, 5))


def test_time_mention_order():
    with pytest.raises(ValueError):
        TimeMention("x", Span(0, 1), date(2026, 3, 4), date(2026, 3, 3), TimePrecision.DAY)


def test_claim_and_document_round_trip():
    doc = make_document()
    claim = make_claim(doc)
    assert from_jsonable(Claim, to_jsonable(claim)) == claim
    assert from_jsonable(Document, to_jsonable(doc)) == doc
    data = to_jsonable(claim)
    assert data["quantities"][0]["kind"] == "escaped" and data["span"]["start"] >= 0


def test_utc_normalises():
    naive = datetime(2026, 3, 4, 9, 30)
    assert utc(naive).tzinfo is timezone.utc
    plus3 = datetime(2026, 3, 4, 12, 30, tzinfo=timezone(timedelta(hours=3)))
    assert utc(plus3) == datetime(2026, 3, 4, 9, 30, tzinfo=timezone.utc)


def test_json_schema_has_claim_fields():
    schema = json_schema(Claim)
    assert {"id", "document_id", "event_type", "span", "quantities", "attribution"} <= set(schema["properties"])
