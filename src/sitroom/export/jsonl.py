"""JSON Lines: one full event per line — fused values, chains, contradictions, claims with spans."""

from __future__ import annotations

import json
from typing import BinaryIO, Iterable

from ..registry import exporters
from .base import Exporter
from .bundle import EventBundle, bundle_to_dict

__all__ = ["write_jsonl", "EXPORTER"]


def write_jsonl(bundles: Iterable[EventBundle], out: BinaryIO) -> int:
    n = 0
    for bundle in bundles:
        line = json.dumps(bundle_to_dict(bundle), ensure_ascii=False, sort_keys=True)
        out.write(line.encode("utf-8") + b"\n")
        n += 1
    return n


EXPORTER = Exporter("jsonl", "application/x-ndjson", ".jsonl", write_jsonl)
exporters.add(EXPORTER.name, EXPORTER)
