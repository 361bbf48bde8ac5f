"""``sitroom export``: events as ACLED-style CSV, GeoJSON, JSON Lines or Parquet (same code as the API)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from . import main
from .context import AppContext, fail, pass_app


def _day(value: str | None, flag: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}", param_hint=flag) from None


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(["acled-csv", "geojson", "jsonl", "parquet"]), required=True,
              help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output; required for parquet).")
@click.option("--since", help="Events ending on or after this day (YYYY-MM-DD).")
@click.option("--until", help="Events starting on or before this day (YYYY-MM-DD).")
@click.option("--bbox", metavar="W,S,E,N", help="Bounding box in degrees.")
@click.option("--country", help="ISO 3166-1 alpha-2 code, e.g. SY.")
@click.option("--admin1", help="First-level administrative area, e.g. Al-Hasakah.")
@click.option("--type", "types", multiple=True, help="Event type; repeatable.")
@click.option("--actor", help="Part of an actor's name.")
@click.option("--min-sources", type=click.IntRange(min=0), default=0, help="Minimum independent source chains.")
@click.option("-q", "--query", help="Words in the supporting reports.")
@pass_app
def export_cmd(app: AppContext, fmt: str, output: Path | None, since: str | None, until: str | None, bbox: str | None,
               country: str | None, admin1: str | None, types: tuple[str, ...], actor: str | None, min_sources: int,
               query: str | None) -> None:
    """Write the events matching the filters in one format (rows newest first)."""
    from ..api.deps import parse_bbox
    from ..api.errors import ApiError
    from ..export import export_events
    from ..store.queries import EventFilter

    start, end = _day(since, "--since"), _day(until, "--until")
    if start and end and end < start:
        raise click.BadParameter("until is before since", param_hint="--until")
    if country and (len(country) != 2 or not country.isalpha()):
        raise click.BadParameter("expected an ISO 3166-1 alpha-2 code such as SY", param_hint="--country")
    try:
        box = parse_bbox(bbox) if bbox else None
    except ApiError as exc:
        raise click.BadParameter(exc.message, param_hint="--bbox") from None
    if fmt == "parquet" and output is None and sys.stdout.isatty():
        raise fail("parquet is binary: give -o FILE.parquet")
    flt = EventFilter(since=start, until=end, bbox=box, country=country, admin1=admin1,
                      event_types=tuple(t for t in types if t), actor=actor, min_sources=min_sources, q=query)
    store = app.store()
    if output is None:
        count = export_events(store, fmt, sys.stdout.buffer, flt)
        sys.stdout.buffer.flush()
    else:
        tmp = output.with_name(output.name + ".part")
        try:
            with open(tmp, "wb") as fh:
                count = export_events(store, fmt, fh, flt)
            tmp.replace(output)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    app.err.print(f"exported {count} event{'s' if count != 1 else ''} as {fmt}" + (f" to {output}" if output else ""))
