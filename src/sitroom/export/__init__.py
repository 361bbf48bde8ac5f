"""Exports: ACLED-style CSV, GeoJSON, JSON Lines and Parquet — one code path for CLI and API.

Importing this package registers the four exporters in :data:`sitroom.registry.exporters`.
"""

from __future__ import annotations

from typing import BinaryIO

from ..registry import exporters
from ..store import Store
from ..store.queries import EventFilter, iter_events
from . import acled_csv, geojson, jsonl, parquet  # noqa: F401 - registers the exporters
from .base import Exporter
from .bundle import EventBundle, bundle_to_dict, claim_spans, event_summary, load_bundles, row_summary

__all__ = [
    "Exporter",
    "EventBundle",
    "export_events",
    "get_exporter",
    "formats",
    "load_bundles",
    "bundle_to_dict",
    "claim_spans",
    "event_summary",
    "row_summary",
]


def formats() -> list[str]:
    return exporters.names()


def get_exporter(name: str) -> Exporter:
    """The exporter called ``name``; ``KeyError`` naming the known formats otherwise."""
    return exporters.get(name)


def export_events(store: Store, fmt: str, out: BinaryIO, flt: EventFilter | None = None) -> int:
    """Write every event matching ``flt`` to ``out`` in format ``fmt``; return how many.

    The CLI (``sitroom export``) and the API (``GET /api/exports/{fmt}``) both call this.
    """
    exporter = get_exporter(fmt)
    events = iter_events(store, flt or EventFilter())
    if exporter.needs_claims:
        bundles = load_bundles(store, events)
    else:
        bundles = (EventBundle(e) for e in events)
    return exporter.write(bundles, out)
