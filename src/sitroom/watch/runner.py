"""The watch loop: poll due sources, process new documents, evaluate alerts, deliver webhooks.

One cycle, in an order chosen so that a process killed at any point resumes without gaps or
duplicates:

1. process documents still queued from an earlier run (the queue is in the store);
2. poll every due source; each new document is stored with its queue entry in one transaction,
   and the source's state (validators, health, next poll) is saved after its items;
3. process the queue in small batches through the process hook (extraction + fusion), removing
   each batch from the queue only after the hook returned;
4. evaluate the alert rules when events changed (or on the first cycle), upserting one alert per
   situation and queueing webhooks only for created/updated alerts;
5. send due webhooks within a time budget (a dead receiver never holds up the next cycle).

SIGINT/SIGTERM set a stop flag (:func:`install_signal_handlers`); it is checked between documents
and between batches, so the current document is finished and the loop exits cleanly.
"""

from __future__ import annotations

import random
import signal
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable

from ..alerts.engine import AlertRunReport, run_alerts
from ..alerts.webhook import DeliveryReport, Poster, deliver_due
from ..settings import Settings
from ..store import Store
from ..store.watch_alerts import SourceState, clear_pending, get_source_state, pending_document_ids, save_source_state
from .config import SourceConfig, WatchConfig
from .hooks import ProcessHook, noop_process
from .poller import PollResult, poll_source
from .schedule import next_poll_time

__all__ = ["Watcher", "CycleReport", "install_signal_handlers", "utc_now"]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class CycleReport:
    """What one cycle did."""

    started: datetime
    polls: list[PollResult] = field(default_factory=list)
    processed: int = 0
    affected_events: list[str] = field(default_factory=list)
    process_error: str | None = None
    alerts: AlertRunReport | None = None
    deliveries: DeliveryReport | None = None
    interrupted: bool = False

    @property
    def new_documents(self) -> int:
        return sum(len(p.new_documents) for p in self.polls)

    def as_dict(self) -> dict[str, Any]:
        return {
            "started": self.started.isoformat(),
            "polls": [{"source": p.source, "status": p.status, "new": len(p.new_documents), "duplicates": p.duplicates,
                       "already_seen": p.already_seen, "skipped": len(p.skipped), "error": p.error} for p in self.polls],
            "processed": self.processed, "affected_events": len(self.affected_events),
            "process_error": self.process_error,
            "alerts": self.alerts.as_dict() if self.alerts else None,
            "webhooks": None if self.deliveries is None else {
                "delivered": self.deliveries.delivered, "retried": self.deliveries.retried, "failed": self.deliveries.failed},
            "interrupted": self.interrupted,
        }


class Watcher:
    """Runs watch cycles over a config against a store.

    Args:
        store: where everything is kept (including the watcher's own state).
        config: sources, options and alert rules.
        settings: document limits, redirects, User-Agent.
        process: the process hook (default: the config's ``process``, else a no-op).
        clock: wall clock (tests pass simulated time).
        rng: randomness for backoff jitter.
        stop: the stop flag (SIGINT/SIGTERM set it).
        fetch_options: extra arguments for the fetcher (tests narrow the address policy).
        post: the webhook HTTP seam.
        log: receives one line per notable happening (the CLI prints them).
        process_batch: documents per process-hook call (the stop flag is checked between calls).
        webhook_budget: seconds per cycle for sending webhooks.
    """

    def __init__(
        self, store: Store, config: WatchConfig, settings: Settings, *, process: ProcessHook | None = None,
        clock: Callable[[], datetime] = utc_now, rng: random.Random | None = None,
        stop: threading.Event | None = None, fetch_options: dict[str, Any] | None = None,
        post: Poster | None = None, log: Callable[[str], None] | None = None, process_batch: int = 10,
        webhook_budget: float = 10.0,
    ) -> None:
        self.store = store
        self.config = config
        self.settings = settings
        self.process = process or noop_process
        self.clock = clock
        self.rng = rng or random.Random()
        self.stop = stop or threading.Event()
        # One transport for every fetch: building an httpx client loads the CA bundle each time
        # (~0.1 s), which would dominate a cycle over many sources.
        self.fetch_options = {"transport": _shared_transport(), **(fetch_options or {})}
        self.post = post
        self.log = log or (lambda _line: None)
        self.process_batch = max(1, process_batch)
        self.webhook_budget = webhook_budget
        self.cycles = 0

    # ------------------------------------------------------------------------------- pieces

    def due(self, source: SourceConfig, state: SourceState | None, now: datetime) -> bool:
        return state is None or state.next_poll is None or state.next_poll <= now

    def _save(self, source: SourceConfig, state: SourceState | None, result: PollResult, now: datetime) -> None:
        o = self.config.options
        base = state or SourceState(name=source.name, kind=source.kind, location=source.location)
        common: dict[str, Any] = {"kind": source.kind, "location": source.location, "last_poll": now}
        if result.status in ("ok", "not_modified"):
            new = _with(
                base, **common, etag=result.etag, last_modified=result.last_modified, last_success=now,
                consecutive_failures=0, documents_new=base.documents_new + len(result.new_documents),
                next_poll=next_poll_time(now, interval=source.interval, failures=0, base=o.backoff_base,
                                         cap=o.backoff_max, jitter=o.jitter, draw=0.0),
            )
        elif result.status == "interrupted":
            # Validators unchanged: the next poll re-reads the whole response; stored items are passed over.
            new = _with(base, **common, documents_new=base.documents_new + len(result.new_documents), next_poll=now)
        else:
            failures = base.consecutive_failures + 1
            new = _with(
                base, **common, last_error=result.error, last_error_at=now, consecutive_failures=failures,
                documents_new=base.documents_new + len(result.new_documents),
                next_poll=next_poll_time(now, interval=source.interval, failures=failures, base=o.backoff_base,
                                         cap=o.backoff_max, jitter=o.jitter, draw=self.rng.random()),
            )
        save_source_state(self.store, new)

    def process_pending(self, report: CycleReport) -> None:
        """Run the process hook over queued documents, batch by batch, until the queue is empty."""
        rounds = 0
        while not self.stop.is_set():
            ids = pending_document_ids(self.store, limit=self.process_batch)
            if not ids:
                return
            rounds += 1
            if rounds > 100_000:  # a hook that never empties the queue must not spin forever
                return
            try:
                affected = self.process(self.store, ids)
            except Exception as exc:  # noqa: BLE001 - the batch boundary: documents stay queued
                report.process_error = f"{type(exc).__name__}: {exc}"[:300]
                self.log(f"process hook failed, {len(ids)} document(s) stay queued: {report.process_error}")
                return
            clear_pending(self.store, ids)
            report.processed += len(ids)
            report.affected_events.extend(a for a in affected if a not in report.affected_events)

    # ------------------------------------------------------------------------------- cycles

    def run_cycle(self, *, force: bool = False) -> CycleReport:
        """One cycle (see the module docstring). ``force`` polls every source not in backoff, due or not."""
        now = self.clock()
        report = CycleReport(started=now)
        self.process_pending(report)
        for source in self.config.sources:
            if self.stop.is_set():
                report.interrupted = True
                break
            state = get_source_state(self.store, source.name)
            # ``force`` (``--once``, for cron) polls every healthy source now, but a failing source
            # keeps its backoff: cron must not hammer a server that is down.
            in_backoff = state is not None and state.consecutive_failures > 0
            if not self.due(source, state, now) and (not force or in_backoff):
                continue
            result = poll_source(
                self.store, source, state, settings=self.settings, options=self.config.options, now=self.clock(),
                stop=self.stop, fetch_options=self.fetch_options,
                on_document=lambda name, doc_id: self.log(f"{name}: new document {doc_id[:12]}"),
            )
            self._save(source, state, result, self.clock())
            report.polls.append(result)
            if result.status == "error":
                self.log(f"{source.name}: error: {result.error}")
            elif result.status == "interrupted":
                report.interrupted = True
        self.process_pending(report)
        if self.stop.is_set():
            report.interrupted = True
        if report.affected_events or self.cycles == 0 or report.new_documents:
            report.alerts = run_alerts(self.store, self.config.alerts, now=self.clock())
            for record in report.alerts.created:
                self.log(f"alert created: #{record.id} {record.title}")
            for record in report.alerts.updated:
                self.log(f"alert updated: #{record.id} v{record.version} {record.title}")
        if self.config.alerts.webhooks and not self.stop.is_set():
            report.deliveries = deliver_due(self.store, self.config.alerts.webhooks, now=self.clock(), post=self.post,
                                            budget_seconds=self.webhook_budget, rng=self.rng)
        self.cycles += 1
        return report

    def next_wake(self, now: datetime, *, cap: float = 60.0) -> float:
        """Seconds until the next source is due (at most ``cap``, so config errors surface)."""
        waits = []
        for source in self.config.sources:
            state = get_source_state(self.store, source.name)
            if state is None or state.next_poll is None:
                return 0.0
            waits.append((state.next_poll - now).total_seconds())
        return max(0.0, min([cap, *waits]))

    def run(self, *, once: bool = False, max_cycles: int | None = None,
            on_cycle: Callable[[CycleReport], None] | None = None) -> list[CycleReport]:
        """Cycle until stopped (or once). Sleeps on the stop flag, so a signal wakes it at once."""
        reports = []
        while not self.stop.is_set():
            report = self.run_cycle(force=once)
            reports.append(report)
            if on_cycle:
                on_cycle(report)
            if once or (max_cycles is not None and len(reports) >= max_cycles):
                break
            self.stop.wait(self.next_wake(self.clock()))
        return reports


def _shared_transport() -> Any:
    import httpx

    return httpx.HTTPTransport()


def _fields(state: SourceState) -> dict[str, Any]:
    return {name: getattr(state, name) for name in SourceState.__dataclass_fields__}


def _with(state: SourceState, **changes: Any) -> SourceState:
    return SourceState(**{**_fields(state), **changes})


def install_signal_handlers(stop: threading.Event) -> Callable[[], None]:
    """Make SIGINT and SIGTERM set ``stop``; a second SIGINT interrupts at once. Returns a restorer."""
    previous: dict[int, Any] = {}

    def handler(signum: int, _frame: Any) -> None:
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        stop.set()

    for sig in (signal.SIGINT, signal.SIGTERM):
        previous[sig] = signal.signal(sig, handler)

    def restore() -> None:
        for sig, old in previous.items():
            signal.signal(sig, old)

    return restore
