"""docs/schema.json is generated from the model and must stay current; records follow it."""

from __future__ import annotations

import json
from pathlib import Path

from builders import make_claim, make_document
from sitroom.cli.pipeline import extraction_record
from sitroom.schema import SCHEMA_ID, extract_record_schema

ROOT = Path(__file__).resolve().parents[1]


def test_published_schema_is_current():
    published = json.loads((ROOT / "docs" / "schema.json").read_text(encoding="utf-8"))
    assert published == extract_record_schema(), "regenerate: sitroom schema > docs/schema.json"


def test_record_has_schema_fields():
    doc = make_document()
    record = extraction_record(doc, [make_claim(doc)])
    schema = extract_record_schema()
    assert record["schema"] == SCHEMA_ID
    assert set(schema["required"]) <= set(record)
    claim_props = set(schema["$defs"]["Claim"]["properties"])
    assert set(record["claims"][0]) <= claim_props
    doc_props = set(schema["$defs"]["Document"]["properties"])
    assert set(record["document"]) <= doc_props
