"""``sitroom db``: the store itself — where it is, its schema version, its consistency."""

from __future__ import annotations

import json

import click
from rich.markup import escape

from . import main
from .context import AppContext, pass_app


@main.group("db")
def db_group() -> None:
    """Inspect and migrate the store."""


@db_group.command("info")
@click.option("--json", "as_json", is_flag=True)
@pass_app
def db_info(app: AppContext, as_json: bool) -> None:
    """Engine, location, schema version and counts."""
    store = app.store()
    stats = store.stats()
    stats["latest_schema_version"] = store.latest_schema_version()
    stats["integrity"] = store.integrity()
    if as_json:
        click.echo(json.dumps(stats, indent=2))
        return
    for key, value in stats.items():
        app.out.print(f"{key}: {value}")


@db_group.command("skips")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@pass_app
def db_skips(app: AppContext, limit: int, as_json: bool) -> None:
    """What was skipped or set aside, newest first, with its reason.

    Ingest skips (binary files, bad encodings, malformed feeds) and documents set aside by
    ``sitroom process`` (parse or extraction failed) land in one log; this is where an analyst
    sees them — a count alone (``db info``) does not say which input to fix.
    """
    skips = app.store().list_skips(limit=limit)
    if as_json:
        click.echo(json.dumps([{"source": s.source, "reason": s.reason, "detail": s.detail,
                                "at": s.at.isoformat() if s.at else None} for s in skips], indent=2))
        return
    if not skips:
        app.out.print("nothing skipped")
        return
    for s in skips:
        when = s.at.strftime("%Y-%m-%d %H:%M") if s.at else ""
        app.out.print(f"{when}  {escape(s.reason)}  {escape(s.source)}" + (f"  — {escape(s.detail)}" if s.detail else ""))


@db_group.command("migrate")
@pass_app
def db_migrate(app: AppContext) -> None:
    """Bring the schema to the latest version (opening a store does this too)."""
    store = app.store()
    app.out.print(f"{store.describe()}: schema version {store.schema_version()} of {store.latest_schema_version()}")
