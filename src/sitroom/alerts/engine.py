"""The alert step: load events with their evidence, evaluate the rules, store and queue.

This is the I/O edge around the pure :func:`sitroom.alerts.rules.evaluate`: it reads the store,
passes the clock in, upserts one row per situation and queues webhooks only for alerts that were
created or changed — so re-running the step, or a watcher restarted mid-cycle, notifies nobody twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from ..store import Store
from ..store.watch_alerts import (
    AlertRecord, documents_info, first_event_days, history_start, list_alerts, load_events, upsert_alert,
)
from .config import AlertConfig, FirstEventRule
from .model import EventContext
from .rules import ActiveSpike, evaluate
from .webhook import queue_webhooks

__all__ = ["AlertRunReport", "run_alerts", "load_contexts", "active_spikes", "data_clock", "resolve_clock"]


@dataclass
class AlertRunReport:
    created: list[AlertRecord] = field(default_factory=list)
    updated: list[AlertRecord] = field(default_factory=list)
    unchanged: int = 0
    queued: int = 0

    def as_dict(self) -> dict[str, object]:
        return {"created": [a.key for a in self.created], "updated": [a.key for a in self.updated],
                "unchanged": self.unchanged, "webhooks_queued": self.queued}


def data_clock(store: Store) -> datetime | None:
    """The latest publication time in the store (the clock for replaying an archive)."""
    row = store.backend.execute("SELECT MAX(published) FROM documents").fetchone()
    return store.backend.load_datetime(row[0]) if row and row[0] is not None else None


def resolve_clock(store: Store, config: AlertConfig, now: datetime) -> datetime:
    """``now``, or with ``clock = "data"`` the latest report time (falling back to ``now``)."""
    if config.clock == "data":
        return data_clock(store) or now
    return now


def load_contexts(store: Store, *, since: date | None) -> list[EventContext]:
    """Events (from ``since``) with their claims and the reports behind those claims."""
    events = load_events(store, since=since)
    claim_ids = sorted({cid for e in events for cid in e.claim_ids})
    claims = {c.id: c for c in store.get_claims(claim_ids)}
    docs = documents_info(store, {c.document_id for c in claims.values()})
    out = []
    for e in events:
        mine = tuple(claims[cid] for cid in e.claim_ids if cid in claims)
        out.append(EventContext(e, mine, {c.document_id: docs[c.document_id] for c in mine if c.document_id in docs}))
    return out


def active_spikes(store: Store) -> dict[str, ActiveSpike]:
    """The latest stored spike episode per rule and group (what :func:`evaluate` continues)."""
    out: dict[str, ActiveSpike] = {}
    for record in list_alerts(store, rule="spike", limit=None):  # newest first
        group = record.data.get("group")
        stats = record.data.get("stats") or {}
        if not group or group in out or not stats.get("window_end"):
            continue
        out[group] = ActiveSpike(
            key=record.key, event_ids=tuple(record.data.get("event_ids") or ()), peak=int(stats.get("peak", 0)),
            last_fired=date.fromisoformat(stats["window_end"]),
        )
    return out


def _lookback(config: AlertConfig, clock: datetime) -> date:
    """How far back events are needed: the longest spike horizon or recency window.

    First-event rules look at all history through :func:`first_event_days` instead.
    """
    days = 31
    for r in config.rules:
        days = max(days, getattr(r, "window_days", 0) * (getattr(r, "baseline_windows", 0) + 1),
                   getattr(r, "recent_days", 0) + (r.min_history_days if isinstance(r, FirstEventRule) else 0))
    return clock.date() - timedelta(days=days + 1)


def run_alerts(store: Store, config: AlertConfig, *, now: datetime, clock: datetime | None = None) -> AlertRunReport:
    """Evaluate every rule and store the result.

    Args:
        store: events, claims and documents in; alerts and queued webhooks out.
        config: rules and webhook targets.
        now: wall-clock time, stamped on created/updated alerts and queued deliveries.
        clock: the evaluation clock (default: :func:`resolve_clock`; ``"data"`` replays archives).
    """
    now = now.astimezone(timezone.utc)
    clock = clock or resolve_clock(store, config, now)
    contexts = load_contexts(store, since=_lookback(config, clock))
    first_days = first_event_days(store) if any(isinstance(r, FirstEventRule) for r in config.rules) else {}
    alerts = evaluate(contexts, config.rules, now=clock, history_start=history_start(store),
                      active_spikes=active_spikes(store), max_evidence=config.max_evidence, first_days=first_days)
    report = AlertRunReport()
    for alert in alerts:
        status, record = upsert_alert(
            store, key=alert.key, rule=alert.rule, rule_name=alert.rule_name, severity=alert.severity,
            title=alert.title, summary=alert.summary, fingerprint=alert.fingerprint(), data=alert.as_dict(), now=now,
        )
        if status == "unchanged":
            report.unchanged += 1
            continue
        (report.created if status == "created" else report.updated).append(record)
        report.queued += queue_webhooks(store, record, status, config.webhooks, now=now)
    return report
