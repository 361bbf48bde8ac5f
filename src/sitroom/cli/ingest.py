"""``sitroom ingest``: read sources into the store and say what happened to every item."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..ingestion import ColumnMap, IngestError, Outcome, Overrides, ingest_sources
from ..ingestion.times import parse_published
from . import main
from .context import AppContext, pass_app

KINDS = ["text", "html", "jsonl", "csv", "feed"]


@main.command("ingest")
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@click.option("--kind", type=click.Choice(KINDS), help="Read every source with this reader (default: by extension and content).")
@click.option("--outlet", help="Outlet name for every document (overrides metadata).")
@click.option("--published", help="Publication time for every document, ISO 8601 (overrides metadata).")
@click.option("--language", help="Language code for every document (overrides detection).")
@click.option("--manifest", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="CSV/JSONL with a 'file' column and outlet/url/published/title/language per file.")
@click.option("--text-field", help="JSONL/CSV field holding the text (default: text, body, content…).")
@click.option("--title-field", help="JSONL/CSV field holding the title.")
@click.option("--url-field", help="JSONL/CSV field holding the URL.")
@click.option("--outlet-field", help="JSONL/CSV field holding the outlet.")
@click.option("--published-field", help="JSONL/CSV field holding the publication time.")
@click.option("--author-field", help="JSONL/CSV field holding the author.")
@click.option("--language-field", help="JSONL/CSV field holding the language.")
@click.option("--allow-private", is_flag=True, default=None, help="Allow fetching private, loopback and link-local addresses.")
@click.option("--max-bytes", type=click.IntRange(min=1), help="Size limit per file or download (setting max_document_bytes).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON on stdout.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no per-item lines.")
@pass_app
def ingest_cmd(app: AppContext, sources: tuple[str, ...], kind: str | None, outlet: str | None,
               published: str | None, language: str | None, manifest: Path | None, text_field: str | None,
               title_field: str | None, url_field: str | None, outlet_field: str | None,
               published_field: str | None, author_field: str | None, language_field: str | None,
               allow_private: bool | None, max_bytes: int | None, as_json: bool, quiet: bool) -> None:
    """Ingest files, folders (recursive), globs, JSONL/CSV dumps, RSS/Atom feeds and URLs.

    Re-ingesting the same text is a no-op (reported as a duplicate). Bad items are skipped with a
    reason; exit code 0 when nothing was skipped, 1 when some items were, 3 when none could be read.
    """
    try:
        when = parse_published(published)
    except IngestError as exc:
        raise click.BadParameter(exc.detail, param_hint="--published") from exc
    settings = app.settings.with_overrides(allow_private=allow_private, max_document_bytes=max_bytes)
    columns = ColumnMap(text=text_field, title=title_field, url=url_field, outlet=outlet_field,
                        published=published_field, author=author_field, language=language_field)
    store = app.store()
    show_progress = not quiet and not as_json and app.err.is_terminal

    def echo_skip(outcome: Outcome) -> None:
        if outcome.skipped and not quiet and not as_json:
            app.err.print(f"[yellow]skipped[/] {outcome.skipped.line()}", markup=True, highlight=False, soft_wrap=True)

    if show_progress:
        with Progress(SpinnerColumn(), TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("{task.fields[last]}"), TimeElapsedColumn(), console=app.err, transient=True) as bar:
            task = bar.add_task("ingest", total=None, last="")

            def on_item(outcome: Outcome) -> None:
                bar.update(task, advance=1, last=Path(outcome.source).name[:40])
                echo_skip(outcome)

            report = ingest_sources(store, list(sources), settings, kind=kind, columns=columns,
                                    overrides=Overrides(outlet, when, language), manifest=manifest, on_item=on_item)
    else:
        report = ingest_sources(store, list(sources), settings, kind=kind, columns=columns,
                                overrides=Overrides(outlet, when, language), manifest=manifest, on_item=echo_skip)

    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
    elif not quiet:
        table = Table(title="ingest summary", box=None, show_header=False)
        table.add_row("ingested", str(report.ingested))
        table.add_row("duplicates (already stored)", str(report.duplicates))
        for reason, n in sorted(report.skipped_by_reason.items()):
            table.add_row(f"skipped: {reason}", str(n))
        app.out.print(table)
        if report.total and report.ingested == 0 and report.duplicates and not report.skipped:
            app.out.print(f"nothing new: all {report.duplicates} documents are already stored")
        app.out.print(f"store: {store.describe()} ({store.count_documents()} documents)")
    sys.exit(report.exit_code) if report.exit_code else None
