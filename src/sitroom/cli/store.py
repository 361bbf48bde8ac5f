"""``sitroom db``: the store itself — where it is, its schema version, its consistency."""

from __future__ import annotations

import json

import click

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


@db_group.command("migrate")
@pass_app
def db_migrate(app: AppContext) -> None:
    """Bring the schema to the latest version (opening a store does this too)."""
    store = app.store()
    app.out.print(f"{store.describe()}: schema version {store.schema_version()} of {store.latest_schema_version()}")
