"""Parquet (pyarrow): the ACLED-style columns with real types, for pandas and DuckDB users."""

from __future__ import annotations

from typing import BinaryIO, Iterable

from ..registry import exporters
from .base import Exporter
from .bundle import EventBundle
from .rows import COLUMNS, acled_row

__all__ = ["write_parquet", "arrow_schema", "EXPORTER"]


def arrow_schema():  # -> pyarrow.Schema (imported lazily: pyarrow is heavy)
    import pyarrow as pa

    types = {"string": pa.string(), "date": pa.date32(), "float": pa.float64(), "int": pa.int64(), "bool": pa.bool_()}
    return pa.schema([(name, types[kind]) for name, kind in COLUMNS])


def write_parquet(bundles: Iterable[EventBundle], out: BinaryIO, *, batch: int = 5000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema()
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        rows: list[dict] = []
        for bundle in bundles:
            rows.append(acled_row(bundle))
            if len(rows) >= batch:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                n += len(rows)
                rows = []
        if rows or n == 0:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            n += len(rows)
    return n


EXPORTER = Exporter("parquet", "application/vnd.apache.parquet", ".parquet", write_parquet)
exporters.add(EXPORTER.name, EXPORTER)
