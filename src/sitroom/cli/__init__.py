"""The ``sitroom`` command line: a thin shell over the Python API (:mod:`sitroom.library`).

Each command group lives in its own module and registers itself on :data:`main`. Exit codes: 0 ok;
1 some items skipped or a command failed with a message; 2 usage error; 3 nothing usable.
"""

from __future__ import annotations

import sys

import click

from .. import __version__
from ..settings import SETTINGS, load_settings
from .context import AppContext

__all__ = ["main"]


def _parse_setting(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for value in values:
        name, sep, raw = value.partition("=")
        if not sep:
            raise click.BadParameter(f"expected NAME=VALUE, got {value!r}", param_hint="--setting")
        out[name.strip().replace("-", "_")] = raw
    return out


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="sitroom")
@click.option("--db", metavar="URL", help="Store: sqlite:///file.db (default .sitroom/sitroom.db) or postgresql://… [env SITROOM_DB]")
@click.option("-s", "--setting", "settings_", multiple=True, metavar="NAME=VALUE",
              help="Override a setting (see `sitroom settings`); repeatable.")
@click.pass_context
def main(ctx: click.Context, db: str | None, settings_: tuple[str, ...]) -> None:
    """sitroom — conflict news reports turned into a trusted, source-traced event database."""
    try:
        settings = load_settings(**_parse_setting(settings_)).with_overrides(db=db)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--setting") from exc
    app = AppContext(settings)
    ctx.obj = app
    ctx.call_on_close(app.close)


@main.command("settings")
@click.pass_obj
def settings_cmd(app: AppContext) -> None:
    """List every setting with its current value and what it does."""
    from rich.markup import escape

    for s in SETTINGS:
        value = app.settings.db_url if s.name == "db" else getattr(app.settings, s.name)
        if s.name == "token" and value:
            value = "*** (set)"  # a secret: never printed
        app.out.print(f"[bold]{s.name}[/] = {escape(str(value))}  [dim](SITROOM_{s.name.upper()})[/]")
        app.out.print(f"    {escape(s.help)}")


def _register() -> None:
    from . import (documents, evaluate, export, geo, ingest, pipeline, serve, store,  # noqa: F401 - each adds
                   watch)  # its commands to main


_register()


def run() -> None:  # pragma: no cover - console entry point
    main(prog_name="sitroom")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
