"""The versioned JSON Schema of ``sitroom extract --format json`` records (``docs/schema.json``).

Why generated: the schema is derived from the domain model itself, so it cannot drift from what
the code writes; ``tests/test_schema.py`` fails when ``docs/schema.json`` is stale
(regenerate with ``sitroom schema > docs/schema.json``). Bump :data:`SCHEMA_VERSION` when a
change is not backward compatible.
"""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from .model import Claim, Document

__all__ = ["SCHEMA_VERSION", "SCHEMA_ID", "extract_record_schema"]

SCHEMA_VERSION = "1.3.0"
SCHEMA_ID = "https://sitroom.example/schema/extract/v1"


def extract_record_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of one extraction record: a document and its claims."""
    defs: dict[str, Any] = {}
    props: dict[str, Any] = {}
    for name, cls in (("document", Document), ("claim", Claim)):
        schema = TypeAdapter(cls).json_schema(mode="serialization", ref_template="#/$defs/{model}")
        defs.update(schema.pop("$defs", {}))
        defs[cls.__name__] = schema
        props[name] = {"$ref": f"#/$defs/{cls.__name__}"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "sitroom extraction record",
        "description": ("One line of `sitroom extract --format json`: a document and the claims extracted from it. "
                        "Every span is a half-open [start, end) range of character offsets into document.text."),
        "version": SCHEMA_VERSION,
        "type": "object",
        "required": ["schema", "document", "claims"],
        "properties": {
            "schema": {"const": SCHEMA_ID},
            "document": props["document"],
            "claims": {"type": "array", "items": props["claim"]},
        },
        "$defs": dict(sorted(defs.items())),
    }
