"""ACLED-style CSV: one row per event, UTF-8, header row, empty cells for missing values."""

from __future__ import annotations

import csv
import io
from typing import Any, BinaryIO, Iterable

from ..registry import exporters
from .base import Exporter
from .bundle import EventBundle
from .rows import COLUMNS, acled_row

__all__ = ["write_csv", "EXPORTER"]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def write_csv(bundles: Iterable[EventBundle], out: BinaryIO) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text)
    writer.writerow([name for name, _ in COLUMNS])
    n = 0
    for bundle in bundles:
        row = acled_row(bundle)
        writer.writerow([_cell(row[name]) for name, _ in COLUMNS])
        n += 1
    text.flush()
    text.detach()
    return n


EXPORTER = Exporter("acled-csv", "text/csv; charset=utf-8", ".csv", write_csv)
exporters.add(EXPORTER.name, EXPORTER)
