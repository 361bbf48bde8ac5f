"""``/api/exports/{format}``: the same exports as ``sitroom export``, as a download."""

from __future__ import annotations

import tempfile

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from ...export import export_events, formats, get_exporter
from ..deps import EventFilterDep, ReadAccess, StoreDep
from ..errors import ApiError

router = APIRouter(prefix="/api/exports", tags=["exports"], dependencies=[ReadAccess])


@router.get("")
def list_formats() -> dict:
    return {"formats": formats()}


@router.get("/{fmt}", responses={200: {"description": "The export file."}})
def export(fmt: str, store: StoreDep, flt: EventFilterDep) -> StreamingResponse:
    """Every event matching the filters in ``acled-csv``, ``geojson``, ``jsonl`` or ``parquet``.

    Written to a temporary file first (spilled to disk past 8 MB) so a failure is an error
    response, never a truncated download.
    """
    try:
        exporter = get_exporter(fmt)
    except KeyError:
        raise ApiError(404, f"no export format {fmt!r} (known: {', '.join(formats())})", code="unknown_format") from None
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    try:
        count = export_events(store, fmt, spool, flt)
    except Exception:
        spool.close()
        raise
    spool.seek(0)

    def chunks():
        try:
            while block := spool.read(64 * 1024):
                yield block
        finally:
            spool.close()

    headers = {"Content-Disposition": f'attachment; filename="sitroom-events{exporter.suffix}"',
               "X-Sitroom-Count": str(count)}
    return StreamingResponse(chunks(), media_type=exporter.media_type, headers=headers)
