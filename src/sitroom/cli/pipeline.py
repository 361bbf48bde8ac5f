"""``sitroom extract``, ``process``, ``fuse``, ``events`` and ``event``: from reports to events."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import click
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..geo.distance import bbox_around, haversine_km
from ..ingestion import IngestError
from ..ingestion.decode import decode_bytes
from ..ingestion.times import parse_published
from ..model import Event, to_jsonable
from . import main
from .context import AppContext, fail, pass_app

from ..schema import SCHEMA_ID, extract_record_schema


def extraction_record(document, claims) -> dict:  # type: ignore[no-untyped-def]
    """One JSON Lines record of ``sitroom extract --format json`` (see docs/schema.json)."""
    return {"schema": SCHEMA_ID, "document": to_jsonable(document), "claims": [to_jsonable(c) for c in claims]}


def failure_record(document, reason: str) -> dict:  # type: ignore[no-untyped-def]
    """The ``sitroom extract --format json`` line of a file whose extraction failed."""
    return {"document_id": document.id, "title": document.title, "error": reason}


@main.command("extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--published", help="Publication time (ISO 8601) that relative dates resolve against.")
@click.option("--outlet", help="The publishing outlet (first link of every attribution chain).")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True)
@pass_app
def extract_cmd(app: AppContext, files: tuple[Path, ...], published: str | None, outlet: str | None, fmt: str) -> None:
    """Extract claims from text files without storing them (JSON Lines, one object per file).

    A file whose extraction fails gets {"document_id", "title", "error"} on its line (exit code 1).
    """
    from ..extraction import ExtractionFailure, extract_many, make_document

    try:
        when = parse_published(published)
    except IngestError as exc:
        raise click.BadParameter(exc.detail, param_hint="--published") from exc
    docs = []
    for path in files:
        try:
            text = decode_bytes(path.read_bytes()).text
        except IngestError as exc:
            app.err.print(f"skipped {escape(str(path))}: {exc}")
            continue
        docs.append(make_document(text, published=when, outlet=outlet, title=path.name))
    failures = 0
    for document, claims in extract_many(docs, model=app.settings.spacy_model, gazetteer_path=app.settings.gazetteer_path):
        if isinstance(claims, ExtractionFailure):
            app.err.print(f"failed {escape(document.title or document.id)}: {escape(claims.reason)}")
            failures += 1
            if fmt == "json":  # one line per input file, so output lines still pair with the files
                click.echo(json.dumps(failure_record(document, claims.reason), ensure_ascii=False))
            continue
        if fmt == "json":
            click.echo(json.dumps(extraction_record(document, claims), ensure_ascii=False))
            continue
        table = Table(title=f"{escape(document.title or document.id)}: {len(claims)} claims", box=None)
        for col in ("type", "trigger", "quantities", "place", "time", "according to"):
            table.add_column(col, overflow="fold")
        for c in claims:
            qty = "; ".join(f"{q.kind} {q.low}" + (f"-{q.high}" if q.high != q.low else "")
                            + ("" if q.scope == "event" else f" ({q.scope})") for q in c.quantities)
            place = c.event_place.text if c.event_place else ""
            when_ = f"{c.time.start}..{c.time.end}" if c.time else ""
            chain = " ← ".join(s.name for s in c.attribution.chain) if c.attribution else ""
            table.add_row(escape(c.sub_event_type or c.event_type), escape(c.trigger or ""), escape(qty),
                          escape(place), when_, escape(chain))
        app.out.print(table)
    if failures:
        sys.exit(1)


@main.command("cluster")
@click.argument("source", type=click.File("r", encoding="utf-8"))
def cluster_cmd(source) -> None:  # type: ignore[no-untyped-def]
    """Group reports of the same real-world event (document level).

    SOURCE is a JSONL file (or - for stdin) of {"doc_id", "text", optional "title", "published"};
    prints {"doc_id", "cluster"} per line, in input order.
    """
    from ..fuse.documents import cluster_jsonl

    try:
        for row in cluster_jsonl(source):
            click.echo(json.dumps(row, ensure_ascii=False))
    except (ValueError, KeyError) as exc:
        raise fail(f"bad input: {exc}") from exc


def _jsonl_records(source) -> list[dict]:  # type: ignore[no-untyped-def]
    records = []
    for n, line in enumerate(source, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise fail(f"line {n}: invalid JSON ({exc})") from exc
        if not isinstance(record, dict) or "doc_id" not in record or "text" not in record:
            raise fail(f"line {n}: expected an object with doc_id and text")
        records.append(record)
    return records


@main.command("timex")
@click.argument("source", type=click.File("r", encoding="utf-8"))
@pass_app
def timex_cmd(app: AppContext, source) -> None:  # type: ignore[no-untyped-def]
    """TIMEX3 time expressions, resolved against each document's date.

    SOURCE is a JSONL file (or - for stdin) of {"doc_id", "text", "dct"}; prints
    {"doc_id", "timexes": [{"start", "end", "type", "value", "mod"}]} per line.
    """
    from ..nlp.timex import timex_jsonl

    try:
        for row in timex_jsonl(_jsonl_records(source), model=app.settings.spacy_model):
            click.echo(json.dumps(row, ensure_ascii=False))
    except ValueError as exc:
        raise fail(str(exc)) from exc


@main.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of `sitroom extract --format json` records (docs/schema.json)."""
    click.echo(json.dumps(extract_record_schema(), indent=2, ensure_ascii=False))


@main.command("process")
@click.option("--batch-size", type=click.IntRange(min=1), default=32, show_default=True)
@click.option("--limit", type=click.IntRange(min=1), help="Process at most this many documents.")
@click.option("--no-fuse", is_flag=True, help="Extract only; do not update events.")
@click.option("--engine", type=click.Choice(["local", "ray"]), help="Where extraction runs (setting engine; default local).")
@click.option("--ray-address", help="Ray cluster to join (setting ray_address; default: a local Ray on this machine).")
@click.option("--workers", type=click.IntRange(min=1), help="Ray extraction workers (setting ray_workers; default one per CPU).")
@click.option("--reprocess", is_flag=True,
              help="Extract every document again, not only new ones (after upgrading sitroom: stored claims "
                   "keep the extraction they were made with, e.g. figures without a scope before schema 1.2; "
                   "documents set aside after a failed extraction are tried again too).")
@click.option("--json", "as_json", is_flag=True)
@pass_app
def process_cmd(app: AppContext, batch_size: int, limit: int | None, no_fuse: bool, engine: str | None,
                ray_address: str | None, workers: int | None, reprocess: bool, as_json: bool) -> None:
    """Extract claims from every unprocessed document, then fuse them into events (resumable).

    With --engine ray the parsing runs on a Ray cluster (one model per worker) while this process
    writes claims to the store; pair it with a PostgreSQL store (--db postgresql://…) for corpora
    past one machine. With --reprocess every document is marked unprocessed first (so an
    interrupted run resumes with plain `sitroom process`).

    A document whose extraction fails is reported (exit code 1), kept in the store's skip log and
    set aside with no claims, so later runs do not retry it; --reprocess does. When every document
    of a batch fails the same way the setup is at fault: the run stops with that error.
    """
    from ..extraction import SystemicFailure
    from ..processing import process_store

    app.settings = app.settings.with_overrides(engine=engine, ray_address=ray_address, ray_workers=workers)
    store = app.store()
    if reprocess:
        store.mark_unprocessed()
    todo = store.count_documents(unprocessed=True)
    try:
        if app.err.is_terminal and not as_json and todo:
            with Progress(SpinnerColumn(), TextColumn("extracting"), BarColumn(), MofNCompleteColumn(),
                          TimeElapsedColumn(), console=app.err, transient=True) as bar:
                task = bar.add_task("process", total=min(todo, limit or todo))
                report = process_store(store, app.settings, batch_size=batch_size, fuse=not no_fuse, limit=limit,
                                       on_document=lambda _d: bar.advance(task))
        else:
            report = process_store(store, app.settings, batch_size=batch_size, fuse=not no_fuse, limit=limit)
    except SystemicFailure as exc:
        raise fail(f"processing stopped: {exc}") from exc
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
    else:
        app.out.print(f"processed {report.documents} documents → {report.claims} claims")
        for doc_id, error in report.failed:
            app.err.print(f"[yellow]failed[/] {doc_id[:12]}: {escape(error)}")
        if report.fusion:
            f = report.fusion
            app.out.print(f"events: {f.events_created} new, {f.events_updated} updated, {f.events_removed} removed "
                          f"({store.count_events()} in all)")
    if report.failed:
        sys.exit(1)


@main.command("fuse")
@click.option("--rebuild", is_flag=True, help="Recompute every event from scratch (same input, same events).")
@click.option("--json", "as_json", is_flag=True)
@pass_app
def fuse_cmd(app: AppContext, rebuild: bool, as_json: bool) -> None:
    """Cluster claims into events, judge source independence, reconcile numbers."""
    from ..fuse import fuse_store

    store = app.store()
    report = fuse_store(store, rebuild=rebuild)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
        return
    app.out.print(f"{report.claims_placed} claims placed; events: {report.events_created} new, "
                  f"{report.events_updated} updated, {report.events_removed} removed ({store.count_events()} in all)")


def _quantity_summary(event: Event) -> str:
    parts = []
    for f in event.fields:
        if f.name.startswith("quantity:"):
            kind = f.name.split(":", 1)[1]
            rng = f"{f.low}" if f.high == f.low else f"{f.low}–{f.high if f.high is not None else '…'}"
            parts.append(f"{kind} {rng}" + (f" (best {f.best})" if f.best is not None else ""))
    return "; ".join(parts)


_LATLON = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")


def _near_point(text: str) -> tuple[float, float]:
    """``--near``: ``"36.37,41.15"`` or a place name the gazetteer knows → (lat, lon)."""
    m = _LATLON.match(text)
    if m:
        lat, lon = float(m.group(1)), float(m.group(2))
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            return lat, lon
        raise click.BadParameter("latitude must be within ±90 and longitude within ±180", param_hint="--near")
    from ..geo import geocode

    place = geocode(text)
    if place is None:
        raise fail(f"cannot place {text!r}: give LAT,LON or a known place name")
    return place.lat, place.lon


@main.command("events")
@click.option("--since", help="Events ending on or after this date.")
@click.option("--type", "event_type", help="Event type or sub-type (exact name).")
@click.option("--country", help="ISO country code of the event place.")
@click.option("--near", help="A place name (geocoded) or LAT,LON.")
@click.option("--km", type=click.FloatRange(min=0), default=50.0, show_default=True, help="Radius for --near.")
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "geojson"]), default="table", show_default=True)
@pass_app
def events_cmd(app: AppContext, since: str | None, event_type: str | None, country: str | None, near: str | None,
               km: float, limit: int, fmt: str) -> None:
    """List fused events, newest first (the same filters as the REST API's /api/events)."""
    from ..export.geojson import event_feature
    from ..store.queries import EventFilter, iter_events
    from ..taxonomy import split_type_names

    try:
        since_dt = parse_published(since)
    except IngestError as exc:
        raise click.BadParameter(exc.detail, param_hint="--since") from exc
    center = _near_point(near) if near else None
    types, sub_types = split_type_names([event_type] if event_type else [])
    flt = EventFilter(since=since_dt.date() if since_dt else None, country=country, event_types=types,
                      sub_event_types=sub_types, bbox=bbox_around(*center, km) if center else None)
    events = []
    for e in iter_events(app.store(), flt):
        # The box is a coarse index filter; the radius is exact.
        if center and (e.place is None or haversine_km(center[0], center[1], e.place.lat, e.place.lon) > km):
            continue
        events.append(e)
        if len(events) >= limit:
            break
    if fmt == "json":
        for e in events:
            click.echo(json.dumps(to_jsonable(e), ensure_ascii=False))
        return
    if fmt == "geojson":
        click.echo(json.dumps({"type": "FeatureCollection", "features": [event_feature(e) for e in events]}, ensure_ascii=False))
        return
    table = Table(box=None)
    for name, low, high in (("id", 12, 24), ("date", 10, 23), ("type", 12, 30), ("place", 8, 28), ("chains", 6, 6),
                            ("numbers", 10, 48), ("!", 1, 1)):
        table.add_column(name, overflow="ellipsis", no_wrap=True, min_width=low, max_width=high)
    for e in events:
        when = f"{e.start}" if e.start == e.end else f"{e.start}..{e.end}"
        table.add_row(e.id, when if e.start else "-", escape(e.sub_event_type or e.event_type),
                      escape(e.place.name if e.place else "-"), str(e.independent_sources),
                      escape(_quantity_summary(e)), "⚠" if e.contradictions else "")
    app.out.print(table)
    app.out.print(f"{len(events)} events")


@main.command("event")
@click.argument("event_id")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_app
def event_cmd(app: AppContext, event_id: str, fmt: str) -> None:
    """One event: fused fields, independent chains, contradictions and every supporting span."""
    store = app.store()
    event = store.get_event(event_id)
    if event is None:
        matches = [e for e in store.list_events(limit=None) if e.id.startswith(event_id)] if len(event_id) >= 6 else []
        if len(matches) != 1:
            raise fail(f"no event with id {event_id!r}" if not matches else f"event id prefix {event_id!r} is ambiguous")
        event = matches[0]
    claims = {c.id: c for c in store.get_claims(event.claim_ids)}
    docs = store.get_documents(c.document_id for c in claims.values())
    if fmt == "json":
        payload = to_jsonable(event)
        payload["claims"] = [{**to_jsonable(c), "quote": c.span.quote(docs[c.document_id].text),
                              "document": {"id": c.document_id, "outlet": docs[c.document_id].outlet,
                                           "title": docs[c.document_id].title, "url": docs[c.document_id].url}}
                             for c in claims.values() if c.document_id in docs]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    out = app.out
    out.print(f"[bold]{escape(event.sub_event_type or event.event_type)}[/]  {event.id}")
    if event.place:
        p = event.place
        out.print(f"where: {escape(p.name)} ({escape(', '.join(x for x in (p.admin2, p.admin1, p.country) if x))}) "
                  f"{p.lat:.4f}, {p.lon:.4f} [{p.precision}]")
    if event.start:
        out.print(f"when: {event.start}" + (f" .. {event.end}" if event.end != event.start else ""))
    out.print(f"confidence: {event.confidence:.2f}; independent source chains: {event.independent_sources}")
    if event.record:
        out.print("record: every figure is background, no claim tells news: a record of past happenings "
                  "(no new-event alerts)")
    for f in event.fields:
        if f.name.startswith("quantity:"):
            out.print(f"  {escape(_quantity_summary(Event(event.id, event.event_type, None, (), (f,))))}  "
                      f"[dim]({len(f.claim_ids)} claims)[/]")
        elif f.name in ("actor", "destination"):
            out.print(f"  {f.name}: {escape(str(f.value.get('name')))}"
                      + (f" ({f.value.get('role')})" if f.name == "actor" else "") + f"  [dim]({len(f.claim_ids)} claims)[/]")
    for c in event.contradictions:
        out.print(f"[red]contradiction[/] {escape(c.field)}: {escape(c.note)}")
    groups = [(f"chain {i}", label, chain) for i, (chain, label) in enumerate(
        zip(event.independent_chains, event.chain_labels or [""] * len(event.independent_chains)), 1)]
    chained = {cid for chain in event.independent_chains for cid in chain}
    context = tuple(cid for cid in event.claim_ids if cid not in chained)
    if context:  # claims with background figures only: shown, not counted (sitroom.fuse.context)
        groups.append(("context", "background or round-up figures only, not counted as a chain", context))
    for heading, label, chain in groups:
        out.print(f"\n[bold]{heading}[/]: {escape(label)}")
        for cid in chain:
            claim = claims.get(cid)
            if claim is None or claim.document_id not in docs:
                continue
            doc = docs[claim.document_id]
            text = doc.text
            quote = claim.span.quote(text)
            highlights = sorted({(q.span.start, q.span.end) for q in claim.quantities} |
                                ({(claim.trigger_span.start, claim.trigger_span.end)} if claim.trigger_span else set()))
            rendered, pos = "", claim.span.start
            for s, e in highlights:
                if s < pos or e > claim.span.end:
                    continue
                rendered += escape(text[pos:s]) + "[reverse]" + escape(text[s:e]) + "[/reverse]"
                pos = e
            rendered += escape(text[pos:claim.span.end])
            out.print(f"  [dim]{escape(doc.outlet or '?')} · {doc.published.date() if doc.published else '-'} · {doc.id[:10]}[/]")
            out.print(f"  “{rendered if quote else ''}”")
