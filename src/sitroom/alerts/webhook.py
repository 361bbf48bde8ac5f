"""Webhooks: alerts POSTed as JSON, signed with HMAC-SHA256, retried with backoff from a queue.

The contract for receivers:

* ``POST`` with ``Content-Type: application/json``; the body is one JSON object
  ``{"type": "alert.created" | "alert.updated", "delivery": "<key>#<version>", "alert": {...}}``
  where ``alert`` holds the key, rule, severity, title, summary, version, times, event ids, claim
  ids, statistics and the evidence (claims with report, span offsets and quoted words).
* ``X-Sitroom-Signature: sha256=<hex>`` — HMAC-SHA256 of the **raw body bytes** with the shared
  secret from the config; compare it in constant time before parsing (:func:`verify_signature`).
* ``X-Sitroom-Event`` repeats ``type``; ``X-Sitroom-Delivery`` is unique per alert version, so a
  receiver can drop a repeat (a retry after a lost answer delivers the same body again).
* Any 2xx answer is success. Anything else, or no answer within the timeout, is retried with
  exponential backoff and jitter, up to ``max_attempts``; then the delivery is marked ``failed``.

Why a queue: the pipeline only inserts a row (:func:`queue_webhooks`); a separate bounded step
(:func:`deliver_due`) sends, so a slow or dead receiver never holds up ingestion or fusion, and a
restart resumes pending deliveries.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import random
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Callable

from ..store import Store
from ..store.watch_alerts import AlertRecord, due_deliveries, enqueue_delivery, mark_delivered, mark_delivery_failed
from .config import WebhookTarget

__all__ = [
    "SIGNATURE_HEADER", "sign", "verify_signature", "alert_payload", "queue_webhooks", "deliver_due",
    "DeliveryReport", "Poster",
]

SIGNATURE_HEADER = "X-Sitroom-Signature"

Poster = Callable[[str, bytes, dict[str, str], float], int]
"""(url, body, headers, timeout) -> HTTP status; raises on a transport error."""


def sign(body: bytes, secret: str) -> str:
    """The signature header value for a body: ``sha256=<hex HMAC-SHA256(secret, body)>``."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify_signature(body: bytes, secret: str, header: str | None) -> bool:
    """True when ``header`` is the signature of ``body`` under ``secret`` (constant-time compare)."""
    return bool(header) and hmac.compare_digest(sign(body, secret), header or "")


def alert_payload(record: AlertRecord, status: str) -> str:
    """The JSON body for one alert version (deterministic: sorted keys, no spaces)."""
    alert = {
        **record.data, "id": record.id, "key": record.key, "version": record.version, "severity": record.severity,
        "title": record.title, "summary": record.summary, "created_at": record.created_at.isoformat(),
        "updated_at": record.updated_at.isoformat(),
    }
    body = {"type": f"alert.{status}", "delivery": f"{record.key}#{record.version}", "alert": alert}
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def queue_webhooks(store: Store, record: AlertRecord, status: str, targets: tuple[WebhookTarget, ...], *, now: datetime) -> int:
    """Queue this alert version for every webhook target; returns how many were queued."""
    payload = alert_payload(record, status)
    return sum(
        enqueue_delivery(store, alert_key=record.key, alert_version=record.version, sink="webhook",
                         target=t.url, payload=payload, now=now)
        for t in targets
    )


class _HttpxPoster:
    """POSTs through one httpx client per delivery step (building one loads the CA bundle)."""

    def __init__(self) -> None:
        import httpx

        # No redirects (a redirect could carry the signed body elsewhere), no proxies from the environment.
        self.client = httpx.Client(follow_redirects=False, trust_env=False)

    def __call__(self, url: str, body: bytes, headers: dict[str, str], timeout: float) -> int:
        return self.client.post(url, content=body, headers=headers, timeout=timeout).status_code

    def close(self) -> None:
        self.client.close()


@dataclass
class DeliveryReport:
    delivered: int = 0
    retried: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def deliver_due(
    store: Store,
    targets: tuple[WebhookTarget, ...],
    *,
    now: datetime,
    post: Poster | None = None,
    budget_seconds: float = 10.0,
    max_items: int = 50,
    base_delay: float = 30.0,
    max_delay: float = 3600.0,
    rng: random.Random | None = None,
    monotonic: Callable[[], float] = time.monotonic,
) -> DeliveryReport:
    """Send queued webhooks that are due, within a time budget; schedule retries for failures.

    Args:
        store: the queue.
        targets: configured webhooks (the secret and limits are looked up by URL; a queued delivery
            whose target was removed from the config is marked failed).
        now: the clock, for due times and retry schedules.
        post: the HTTP seam (tests); default httpx, no redirects, no proxy.
        budget_seconds: stop starting new deliveries after this long (the pipeline is never held up
            by more than one budget plus one timeout).
    """
    from ..watch.schedule import backoff_delay  # here, not at import: sitroom.watch imports this package

    own = None
    if not due_deliveries(store, now=now, limit=1):
        return DeliveryReport()
    if post is None:
        own = _HttpxPoster()
        post = own
    try:
        return _deliver(store, targets, now=now, post=post, budget_seconds=budget_seconds, max_items=max_items,
                        base_delay=base_delay, max_delay=max_delay, rng=rng or random.Random(), monotonic=monotonic,
                        backoff_delay=backoff_delay)
    finally:
        if own is not None:
            own.close()


def _deliver(
    store: Store, targets: tuple[WebhookTarget, ...], *, now: datetime, post: Poster, budget_seconds: float,
    max_items: int, base_delay: float, max_delay: float, rng: random.Random, monotonic: Callable[[], float],
    backoff_delay: Callable[..., float],
) -> DeliveryReport:
    by_url = {t.url: t for t in targets}
    report = DeliveryReport()
    started = monotonic()
    for delivery in due_deliveries(store, now=now, limit=max_items):
        if monotonic() - started > budget_seconds:
            break
        target = by_url.get(delivery.target)
        if target is None:
            mark_delivery_failed(store, delivery.id, error="target no longer configured", next_attempt=None)
            report.failed += 1
            continue
        body = delivery.payload.encode("utf-8")
        event_type = json.loads(delivery.payload).get("type", "alert")
        headers = {
            "Content-Type": "application/json", "User-Agent": "sitroom-webhook",
            SIGNATURE_HEADER: sign(body, target.secret), "X-Sitroom-Event": event_type,
            "X-Sitroom-Delivery": f"{delivery.alert_key}#{delivery.alert_version}",
        }
        error: str | None = None
        try:
            status = post(target.url, body, headers, target.timeout)
            if not 200 <= status < 300:
                error = f"HTTP {status}"
        except Exception as exc:  # noqa: BLE001 - the delivery boundary: any failure is retried
            error = f"{type(exc).__name__}: {exc}"[:300]
        if error is None:
            mark_delivered(store, delivery.id, now=now)
            report.delivered += 1
            continue
        attempts = delivery.attempts + 1
        report.errors.append(f"{target.url}: {error}")
        if attempts >= target.max_attempts:
            mark_delivery_failed(store, delivery.id, error=error, next_attempt=None)
            report.failed += 1
        else:
            wait = backoff_delay(attempts, base=base_delay, cap=max_delay, jitter=0.5, draw=rng.random())
            mark_delivery_failed(store, delivery.id, error=error, next_attempt=now + timedelta(seconds=wait))
            report.retried += 1
    return report


def payload_dict(payload: str | bytes) -> dict[str, Any]:
    return json.loads(payload)
