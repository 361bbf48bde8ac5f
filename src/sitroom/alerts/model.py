"""What an alert is, before it is stored: the situation, its evidence and a fingerprint.

Why evidence is part of the alert: an analyst must be able to check an alert without opening the
database, so every alert carries the events behind it and, for each, the claims with the exact
spans (and quoted words) of the reports that support them — the provenance rule, applied to alerts.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ..model import Claim, Event, to_jsonable
from ..store.watch_alerts import DocInfo

__all__ = ["EventContext", "Evidence", "Alert", "build_evidence"]


@dataclass(frozen=True, slots=True)
class EventContext:
    """An event with the claims and reports behind it: the input of every rule."""

    event: Event
    claims: tuple[Claim, ...] = ()
    documents: dict[str, DocInfo] = field(default_factory=dict, hash=False, compare=False)

    def document_ids(self) -> list[str]:
        return sorted({c.document_id for c in self.claims})

    def when(self) -> date | None:
        """The day the event happened (its end, else start), else the day it was first reported."""
        if self.event.end or self.event.start:
            return self.event.end or self.event.start
        published = [d.published for d in self.documents.values() if d.published]
        return min(published).date() if published else None


@dataclass(frozen=True, slots=True)
class Evidence:
    """One claim behind an alert, with where in which report it is said."""

    event_id: str
    claim_id: str
    document_id: str
    outlet: str | None
    title: str | None
    url: str | None
    published: datetime | None
    span_start: int
    span_end: int
    quote: str
    quantities: tuple[dict[str, Any], ...] = ()
    """Each ``{"kind", "low", "high", "best", "start", "end", "quote"}``."""


@dataclass(frozen=True, slots=True)
class Alert:
    """One situation as a rule sees it now. ``key`` is stable across evaluations."""

    key: str
    rule: str
    """``spike``, ``first_event``, ``large_quantity`` or ``contradiction``."""
    rule_name: str
    severity: str
    title: str
    summary: str
    event_ids: tuple[str, ...]
    claim_ids: tuple[str, ...]
    evidence: tuple[Evidence, ...] = ()
    stats: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    group: str | None = None
    """For rules with episodes (spike): the (type, country, admin1) group, to continue an episode."""

    def fingerprint(self) -> str:
        """Changes exactly when the situation grows or changes: new events, claims or numbers."""
        basis = {"events": sorted(self.event_ids), "claims": sorted(self.claim_ids),
                 "severity": self.severity, "stats": {k: v for k, v in self.stats.items() if k in _FINGERPRINT_STATS}}
        return hashlib.sha256(json.dumps(basis, sort_keys=True, default=str).encode()).hexdigest()[:32]

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key, "rule": self.rule, "rule_name": self.rule_name, "severity": self.severity,
            "title": self.title, "summary": self.summary, "event_ids": list(self.event_ids),
            "claim_ids": list(self.claim_ids), "stats": self.stats, "group": self.group,
            "evidence": [to_jsonable(e) for e in self.evidence],
        }


# Statistics that describe the situation itself (not the clock): a change re-notifies.
_FINGERPRINT_STATS = {"peak", "low", "best", "high", "left", "right", "field"}


def build_evidence(contexts: list[EventContext], *, max_items: int = 25) -> tuple[Evidence, ...]:
    """The claims behind the given events, with their spans and quoted words (at most ``max_items``)."""
    out: list[Evidence] = []
    # Newest events first, so a capped list keeps what is new; ties by id for a stable order.
    ordered = sorted(contexts, key=lambda c: c.event.id)
    ordered.sort(key=lambda c: c.when() or date.min, reverse=True)
    for ctx in ordered:
        def newest_first(c: Claim, docs: dict[str, DocInfo] = ctx.documents) -> tuple[float, str, int, str]:
            doc = docs.get(c.document_id)
            stamp = doc.published.timestamp() if doc and doc.published else float("-inf")
            return (-stamp, c.document_id, c.span.start, c.id)

        for claim in sorted(ctx.claims, key=newest_first):
            doc = ctx.documents.get(claim.document_id)
            text = doc.text if doc else ""
            quantities = tuple(
                {"kind": str(q.kind), "low": q.low, "high": q.high, "best": q.best,
                 "start": q.span.start, "end": q.span.end, "quote": q.span.quote(text), "scope": str(q.scope)}
                for q in claim.quantities
            )
            out.append(Evidence(
                event_id=ctx.event.id, claim_id=claim.id, document_id=claim.document_id,
                outlet=doc.outlet if doc else None, title=doc.title if doc else None, url=doc.url if doc else None,
                published=doc.published if doc else None, span_start=claim.span.start, span_end=claim.span.end,
                quote=claim.span.quote(text)[:600], quantities=quantities,
            ))
            if len(out) >= max_items:
                return tuple(out)
    return tuple(out)
