"""Helpers for the watch and alert tests: simulated feeds, a webhook receiver, a process hook.

Everything listens on 127.0.0.1 only. The process hook stands in for extraction + fusion (not merged
yet): it reads a tag the simulated feeds put in each title — ``[Type|Admin1|CC]`` or
``[Type|Admin1|CC|kind=low-high]`` — and writes one claim and one event per document.
"""

from __future__ import annotations

import ipaddress
import json
import re
import threading
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler
from typing import Any
from xml.sax.saxutils import escape

from builders import make_claim, make_event
from httpserver import LoopbackServer
from sitroom.model import FusedValue, Qualifier, Quantity, QuantityKind, Span
from sitroom.store import Store

LOOPBACK_ONLY = lambda ip: ip == ipaddress.ip_address("127.0.0.1")  # noqa: E731 - a test address policy
T0 = datetime(2026, 3, 1, 6, 0, tzinfo=timezone.utc)


# ------------------------------------------------------------------------------ feeds


@dataclass(frozen=True)
class Item:
    guid: str
    title: str
    body: str
    published: datetime


def rss(title: str, items: list[Item]) -> bytes:
    parts = [f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>{escape(title)}</title>"]
    for it in sorted(items, key=lambda i: i.published, reverse=True):
        parts.append(
            f"<item><title>{escape(it.title)}</title><guid isPermaLink='false'>{escape(it.guid)}</guid>"
            f"<link>https://example.org/{escape(it.guid)}</link>"
            f"<pubDate>{format_datetime(it.published, usegmt=True)}</pubDate>"
            f"<description>{escape(it.body)}</description></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode("utf-8")


def report(tag: str, n: int, published: datetime, words: str = "") -> Item:
    """A report item whose title carries the tag the test hook reads."""
    what = tag.split("|")[0]
    body = (f"[{tag}] Report {n}: {words or 'officials said the situation was developing'}. "
            f"Witnesses described {what.lower()} number {n} on {published:%d %B %Y} in detail to reporters.")
    return Item(guid=f"{tag}-{n}", title=f"[{tag}] report {n}", body=body, published=published)


# ---------------------------------------------------------------------- webhook receiver


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes


class WebhookReceiver(LoopbackServer):
    """A POST receiver on loopback that records every request; ``fail_first`` answers 500 first."""

    def __init__(self, fail_first: int = 0) -> None:
        self.received: list[Received] = []
        self.fail_first = fail_first
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                with outer.lock:
                    failing = outer.fail_first > 0
                    if failing:
                        outer.fail_first -= 1
                    else:
                        outer.received.append(Received({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(500 if failing else 204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        super().__init__(Handler)

    @property
    def url(self) -> str:
        return f"{self.base}/hook"

    def payloads(self) -> list[dict[str, Any]]:
        return [json.loads(r.body) for r in self.received]


# --------------------------------------------------------------------------- process hook

_TAG = re.compile(r"\[([^\]|]+)\|([^\]|]+)\|([A-Z]{2})(?:\|(\w+)=(\d+)-(\d+))?\]")


def tag_process(store: Store, document_ids: list[str]) -> list[str]:
    """One claim and one event per tagged document (idempotent: same ids every time)."""
    affected = []
    for doc_id in document_ids:
        doc = store.get_document(doc_id)
        m = _TAG.search(doc.text)
        if not m:
            continue
        event_type, admin1, country, kind, low, high = m.groups()
        start = m.start()
        quantities: tuple[Quantity, ...] = ()
        fields: tuple[FusedValue, ...] = ()
        claim_id = f"c-{doc.id[:16]}"
        if kind:
            quantities = (Quantity(QuantityKind(kind), int(low), int(high), None, Qualifier.RANGE, Span(m.start(4), m.end(6))),)
            fields = (FusedValue(kind, None, (claim_id,), low=int(low), best=None, high=int(high)),)
        claim = make_claim(doc, claim_id, event_type=event_type, span=Span(start, len(doc.text)), quantities=quantities)
        store.replace_claims(doc.id, [claim])
        day = doc.published.date() if doc.published else date(2026, 3, 1)
        event = make_event([claim], f"ev-{doc.id[:16]}", event_type=event_type, admin1=admin1, country=country,
                           place_name=admin1, day=day, fields=fields)
        store.save_events([event])
        affected.append(event.id)
    return affected


def days(n: float) -> timedelta:
    return timedelta(days=n)


@dataclass
class SimClock:
    now: datetime = T0
    log: list[str] = field(default_factory=list)

    def __call__(self) -> datetime:
        return self.now


def slow_tag_process(store: Store, document_ids: list[str]) -> list[str]:
    """:func:`tag_process`, slowed down so a test can kill the watcher while it works."""
    import time

    out = []
    for doc_id in document_ids:
        time.sleep(0.05)
        out += tag_process(store, [doc_id])
    return out


_ESCAPE = re.compile(r"\b(escaped|escapes|escape|fled|flee|breakout|breached|breach)\b", re.I)
_ALHOL = re.compile(r"\b(al-Hol|al-Hawl|Al Hol|Hasakah|Hasakeh|Hassakeh)\b", re.I)


def keyword_process(store: Store, document_ids: list[str]) -> list[str]:
    """A crude stand-in for extraction + fusion over the bundled reports, for the demo test only:
    a report mentioning an escape and al-Hol/Hasakah becomes a claim of one fused escape event."""
    from sitroom.model import Span as _Span

    event_id = "ev-al-hol-escape"
    new_claims = []
    for doc_id in document_ids:
        doc = store.get_document(doc_id)
        esc, place = _ESCAPE.search(doc.text), _ALHOL.search(doc.text)
        if not (esc and place):
            store.replace_claims(doc.id, [])
            continue
        claim = make_claim(doc, f"kw-{doc.id[:16]}", span=_Span(esc.start(), min(len(doc.text), esc.end() + 120)),
                           quantities=())
        store.replace_claims(doc.id, [claim])
        new_claims.append(claim)
    if not new_claims:
        return []
    existing = store.get_event(event_id)
    ids = sorted(set(existing.claim_ids if existing else ()) | {c.id for c in new_claims})
    claims = store.get_claims(ids)
    first_day = min(store.get_document(c.document_id).published for c in claims).date()
    store.save_events([make_event(ids, event_id, event_type="Movements and detention (sitroom extension)",
                                  sub_event_type="Escape from detention or camp", admin1="Al-Hasakah", country="SY",
                                  place_name="al-Hol", day=first_day)])
    return [event_id]
