"""``sitroom docs``, ``sitroom show`` and ``sitroom search``: look at what is stored."""

from __future__ import annotations

import json

import click
from rich.markup import escape
from rich.table import Table

from ..ingestion import IngestError
from ..ingestion.times import parse_published
from ..model import Document, to_jsonable
from ..store import AmbiguousId, DocumentNotFound
from . import main
from .context import AppContext, fail, pass_app


def _when(value: str | None, flag: str):  # type: ignore[no-untyped-def]
    try:
        return parse_published(value)
    except IngestError as exc:
        raise click.BadParameter(exc.detail, param_hint=flag) from exc


def _doc_json(doc: Document, with_text: bool = True) -> dict:
    data = to_jsonable(doc)
    if not with_text:
        data.pop("text", None)
    return data


@main.command("docs")
@click.option("--outlet", help="Only this outlet.")
@click.option("--since", help="Published at or after (ISO date/time).")
@click.option("--until", help="Published before (ISO date/time).")
@click.option("--language", help="Only this language code.")
@click.option("--unprocessed", is_flag=True, help="Only documents not yet extracted.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@pass_app
def docs_cmd(app: AppContext, outlet: str | None, since: str | None, until: str | None, language: str | None,
             unprocessed: bool, limit: int, fmt: str) -> None:
    """List stored documents, newest first."""
    docs = app.store().list_documents(outlet=outlet, since=_when(since, "--since"), until=_when(until, "--until"),
                                      language=language, unprocessed=unprocessed, limit=limit)
    if fmt == "json":
        for doc in docs:
            click.echo(json.dumps(_doc_json(doc, with_text=False), ensure_ascii=False))
        return
    table = Table(box=None)
    for name, low, high in (("id", 12, 12), ("published", 16, 16), ("outlet", 10, 22), ("title", 20, 70), ("chars", 5, 7)):
        table.add_column(name, no_wrap=True, overflow="ellipsis", min_width=low, max_width=high)
    for doc in docs:
        table.add_row(doc.id[:12], doc.published.strftime("%Y-%m-%d %H:%M") if doc.published else "-",
                      escape(doc.outlet or "-"), escape((doc.title or doc.text[:60]).replace("\n", " ")), str(len(doc.text)))
    app.out.print(table)
    total = app.store().count_documents()
    app.out.print(f"{len(docs)} shown of {total} stored")


@main.command("show")
@click.argument("doc_id")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_app
def show_cmd(app: AppContext, doc_id: str, fmt: str) -> None:
    """Show one document (its full id or a unique prefix of at least 6 characters)."""
    try:
        doc = app.store().get_document(doc_id)
    except (DocumentNotFound, AmbiguousId) as exc:
        raise fail(str(exc.args[0])) from exc
    if fmt == "json":
        click.echo(json.dumps(_doc_json(doc), ensure_ascii=False, indent=2))
        return
    fields = [("id", doc.id), ("title", doc.title), ("outlet", doc.outlet), ("url", doc.url), ("author", doc.author),
              ("published", doc.published.isoformat() if doc.published else None), ("language", doc.language),
              ("source", f"{doc.source} ({doc.source_kind})"), ("encoding", f"{doc.encoding}{' (lossy)' if doc.lossy_decode else ''}")]
    for name, value in fields:
        if value:
            app.out.print(f"[bold]{name}:[/] {escape(str(value))}")
    app.out.print()
    app.out.print(escape(doc.text), markup=False)


@main.command("search")
@click.argument("query")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@pass_app
def search_cmd(app: AppContext, query: str, limit: int, fmt: str) -> None:
    """Full-text search over titles and texts, best matches first, with snippets ([matched] words)."""
    hits = app.store().search(query, limit=limit)
    if fmt == "json":
        for h in hits:
            click.echo(json.dumps({"document_id": h.document_id, "title": h.title, "outlet": h.outlet,
                                   "published": h.published.isoformat() if h.published else None,
                                   "snippet": h.snippet, "score": round(h.score, 6)}, ensure_ascii=False))
        return
    if not hits:
        app.out.print(f"no documents match {query!r}")
        return
    for rank, h in enumerate(hits, 1):
        when = h.published.strftime("%Y-%m-%d") if h.published else "-"
        app.out.print(f"[bold]{rank}. {escape(h.title or '(untitled)')}[/]  [dim]{h.document_id[:12]} · {escape(h.outlet or '-')} · {when}[/]")
        app.out.print("   " + escape(h.snippet))
