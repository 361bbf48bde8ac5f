"""``sitroom watch``, ``sitroom sources`` and ``sitroom alerts``: the live watch and early warning."""

from __future__ import annotations

import getpass
import json
from datetime import datetime, timezone
from pathlib import Path

import click
from rich.markup import escape
from rich.table import Table

from ..alerts import alerts_atom, deliver_due, format_alert, run_alerts
from ..store.watch_alerts import ack_alert, list_alerts, list_source_states
from ..watch import ConfigError, Watcher, install_signal_handlers, load_config, resolve_hook
from ..watch.config import WatchConfig
from . import main
from .context import AppContext, fail, pass_app

DEFAULT_CONFIG = "sources.toml"


def _config(path: str | None) -> WatchConfig:
    try:
        return load_config(path or DEFAULT_CONFIG)
    except ConfigError as exc:
        raise fail(str(exc)) from exc


def _when(value: datetime | None) -> str:
    return value.strftime("%m-%d %H:%M") if value else "-"


@main.command("watch")
@click.option("--config", "config_path", default=DEFAULT_CONFIG, show_default=True, metavar="FILE",
              help="Watch config (TOML): sources, limits, process hook, alert rules.")
@click.option("--once", is_flag=True, help="Poll every source once (sources in error backoff only when due), process, alert, exit (for cron).")
@click.option("--process", "process_spec", metavar="MODULE:FUNCTION",
              help="Process hook for new documents (overrides [watch] process).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_app
def watch_cmd(app: AppContext, config_path: str, once: bool, process_spec: str | None, fmt: str) -> None:
    """Poll the configured feeds and URL lists; ingest, process and alert on what is new.

    Stops cleanly on Ctrl-C or SIGTERM after the current document; a restart resumes where it stopped.
    """
    config = _config(config_path)
    try:
        hook = resolve_hook(process_spec or config.options.process)
    except ValueError as exc:
        raise fail(str(exc)) from exc
    store = app.store()
    say = (lambda line: app.err.print(escape(line))) if fmt == "text" else (lambda line: None)
    watcher = Watcher(store, config, app.settings, process=hook, log=say)
    restore = install_signal_handlers(watcher.stop)

    def on_cycle(report) -> None:  # type: ignore[no-untyped-def]
        if fmt == "json":
            click.echo(json.dumps(report.as_dict(), ensure_ascii=False))
            return
        polled = len(report.polls)
        errors = sum(1 for p in report.polls if p.status == "error")
        alerts = report.alerts
        made = f", alerts: {len(alerts.created)} new, {len(alerts.updated)} updated" if alerts else ""
        app.out.print(f"cycle {report.started:%Y-%m-%d %H:%M:%S}Z: {polled} source(s) polled ({errors} failed), "
                      f"{report.new_documents} new document(s), {report.processed} processed{made}"
                      + (" — stopped" if report.interrupted else ""))

    try:
        watcher.run(once=once, on_cycle=on_cycle)
    finally:
        restore()


@main.command("sources")
@click.option("--config", "config_path", default=None, metavar="FILE", help="Also list configured sources not yet polled.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@pass_app
def sources_cmd(app: AppContext, config_path: str | None, fmt: str) -> None:
    """Health of every watched source: last success, last error, items seen, next poll."""
    states = {s.name: s for s in list_source_states(app.store())}
    configured = _config(config_path).sources if config_path else ()
    names = sorted(set(states) | {s.name for s in configured})
    if fmt == "json":
        for name in names:
            s = states.get(name)
            click.echo(json.dumps({
                "name": name, "kind": s.kind if s else None, "location": s.location if s else None,
                "last_poll": s.last_poll.isoformat() if s and s.last_poll else None,
                "last_success": s.last_success.isoformat() if s and s.last_success else None,
                "last_error": s.last_error if s else None,
                "last_error_at": s.last_error_at.isoformat() if s and s.last_error_at else None,
                "consecutive_failures": s.consecutive_failures if s else 0, "items_seen": s.items_seen if s else 0,
                "documents_new": s.documents_new if s else 0,
                "next_poll": s.next_poll.isoformat() if s and s.next_poll else None,
            }, ensure_ascii=False))
        return
    table = Table(box=None)
    for col in ("source", "kind", "last ok", "failures", "items", "new", "next poll", "last error"):
        table.add_column(col, overflow="fold", no_wrap=col not in ("source", "last error"))
    for name in names:
        s = states.get(name)
        if s is None:
            table.add_row(escape(name), "-", "never", "0", "0", "0", "-", "-")
            continue
        error = f"{_when(s.last_error_at)} {s.last_error}" if s.last_error else "-"
        table.add_row(escape(name), s.kind, _when(s.last_success), str(s.consecutive_failures), str(s.items_seen),
                      str(s.documents_new), _when(s.next_poll), escape(error[:120]))
    app.out.print(table)


@main.group("alerts", invoke_without_command=True)
@click.option("--all", "show_all", is_flag=True, help="Include acknowledged alerts.")
@click.option("--rule", help="Only alerts of this rule kind (spike, first_event, large_quantity, contradiction).")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--evidence", type=click.IntRange(min=0), default=5, show_default=True, help="Claims shown per alert.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def alerts_group(ctx: click.Context, show_all: bool, rule: str | None, limit: int, evidence: int, fmt: str) -> None:
    """List alerts (open ones by default) with the evidence behind them; see also `alerts ack`."""
    if ctx.invoked_subcommand is not None:
        return
    ctx.invoke(alerts_list, show_all=show_all, rule=rule, limit=limit, evidence=evidence, fmt=fmt)


@alerts_group.command("list")
@click.option("--all", "show_all", is_flag=True, help="Include acknowledged alerts.")
@click.option("--rule", help="Only alerts of this rule kind.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--evidence", type=click.IntRange(min=0), default=5, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_app
def alerts_list(app: AppContext, show_all: bool, rule: str | None, limit: int, evidence: int, fmt: str) -> None:
    """List alerts, most recently updated first."""
    records = list_alerts(app.store(), include_acknowledged=show_all, rule=rule, limit=limit)
    if fmt == "json":
        for r in records:
            click.echo(json.dumps({
                "id": r.id, "key": r.key, "rule": r.rule, "rule_name": r.rule_name, "severity": r.severity,
                "title": r.title, "summary": r.summary, "version": r.version, "acknowledged": r.acknowledged,
                "acked_version": r.acked_version, "created_at": r.created_at.isoformat(),
                "updated_at": r.updated_at.isoformat(), **{k: r.data.get(k) for k in ("event_ids", "claim_ids", "stats", "evidence")},
            }, ensure_ascii=False, default=str))
        return
    if not records:
        app.out.print("no open alerts" if not show_all else "no alerts")
        return
    for r in records:
        for line in format_alert(r, evidence=evidence):
            app.out.print(escape(line))


@alerts_group.command("ack")
@click.argument("alerts", nargs=-1, required=True)
@click.option("--by", default=None, help="Who acknowledges (default: the login name).")
@pass_app
def alerts_ack(app: AppContext, alerts: tuple[str, ...], by: str | None) -> None:
    """Acknowledge alerts by id or key (an update after the ack re-opens an alert)."""
    who = by or getpass.getuser()
    missing = []
    for ident in alerts:
        record = ack_alert(app.store(), ident, by=who, now=datetime.now(timezone.utc))
        if record is None:
            missing.append(ident)
        else:
            app.out.print(f"acknowledged #{record.id} v{record.version}: {escape(record.title)}")
    if missing:
        raise fail(f"no alert {', '.join(missing)}")


@alerts_group.command("evaluate")
@click.option("--config", "config_path", default=DEFAULT_CONFIG, show_default=True, metavar="FILE")
@pass_app
def alerts_evaluate(app: AppContext, config_path: str) -> None:
    """Evaluate the alert rules over the stored events now (after `sitroom process` or `fuse`)."""
    config = _config(config_path)
    report = run_alerts(app.store(), config.alerts, now=datetime.now(timezone.utc))
    app.out.print(f"{len(report.created)} alert(s) created, {len(report.updated)} updated, "
                  f"{report.unchanged} unchanged, {report.queued} webhook(s) queued")


@alerts_group.command("deliver")
@click.option("--config", "config_path", default=DEFAULT_CONFIG, show_default=True, metavar="FILE")
@pass_app
def alerts_deliver(app: AppContext, config_path: str) -> None:
    """Send the queued webhooks that are due (the watch loop does this every cycle)."""
    config = _config(config_path)
    report = deliver_due(app.store(), config.alerts.webhooks, now=datetime.now(timezone.utc))
    app.out.print(f"{report.delivered} delivered, {report.retried} to retry, {report.failed} failed")
    for error in report.errors:
        app.err.print(escape(error))


@alerts_group.command("atom")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file (default stdout).")
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True)
@click.option("--feed-url", default="http://127.0.0.1:8000/alerts.atom", show_default=True)
@pass_app
def alerts_atom_cmd(app: AppContext, output: Path | None, limit: int, feed_url: str) -> None:
    """Write the alerts as an Atom feed (what /alerts.atom serves)."""
    data = alerts_atom(list_alerts(app.store(), limit=limit), feed_url=feed_url)
    if output:
        output.write_bytes(data)
    else:
        click.echo(data.decode("utf-8"))
