"""GeoJSON (RFC 7946) FeatureCollection: one Point feature per event, summary fields as properties.

Events without a place are kept, with a ``null`` geometry (allowed by the RFC), so the count of a
GeoJSON export always matches the other formats.
"""

from __future__ import annotations

import io
import json
from typing import Any, BinaryIO, Iterable

from ..model import Event
from ..registry import exporters
from .base import Exporter
from .bundle import EventBundle, event_summary

__all__ = ["event_feature", "summary_feature", "write_geojson", "EXPORTER"]


def event_feature(event: Event) -> dict[str, Any]:
    return summary_feature(event_summary(event))


def summary_feature(props: dict[str, Any]) -> dict[str, Any]:
    """A Point feature from an event summary (:func:`event_summary` or :func:`row_summary`)."""
    geometry = None
    if props["lat"] is not None and props["lon"] is not None:
        geometry = {"type": "Point", "coordinates": [props["lon"], props["lat"]]}
    return {"type": "Feature", "id": props["id"], "geometry": geometry, "properties": props}


def write_geojson(bundles: Iterable[EventBundle], out: BinaryIO) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    text.write('{"type":"FeatureCollection","features":[')
    n = 0
    for bundle in bundles:
        if n:
            text.write(",\n")
        text.write(json.dumps(event_feature(bundle.event), ensure_ascii=False))
        n += 1
    text.write("]}\n")
    text.flush()
    text.detach()
    return n


EXPORTER = Exporter("geojson", "application/geo+json", ".geojson", write_geojson, needs_claims=False)
exporters.add(EXPORTER.name, EXPORTER)
