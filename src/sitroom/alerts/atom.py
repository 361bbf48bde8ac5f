"""The alerts as an Atom 1.0 feed (RFC 4287), for ``/alerts.atom`` and any feed reader.

Why Atom: every feed reader and many chat/ops tools follow Atom, and its ``updated`` element per
entry lets readers show an alert again when it grows. Entries are text, not HTML: report quotes are
untrusted text and must stay inert in whatever displays them.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from typing import Iterable
from xml.etree import ElementTree as ET

from ..store.watch_alerts import AlertRecord

__all__ = ["alerts_atom", "ATOM_NS"]

ATOM_NS = "http://www.w3.org/2005/Atom"
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _iso(value: datetime) -> str:
    return value.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
    if text is not None:
        el.text = _xml_safe(text)
    return el


def _xml_safe(text: str) -> str:
    """Drop characters XML 1.0 cannot carry (control bytes from a bad report)."""
    return "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20 and not 0xD800 <= ord(ch) <= 0xDFFF and ch not in "\ufffe\uffff")


def _entry_text(record: AlertRecord) -> str:
    lines = [record.summary, ""]
    evidence = record.data.get("evidence") or []
    if evidence:
        lines.append("Evidence:")
    for ev in evidence:
        when = (ev.get("published") or "")[:10]
        who = ev.get("outlet") or "unknown outlet"
        lines.append(f"- {who} {when}: \u201c{ev.get('quote', '').strip()}\u201d "
                     f"[document {str(ev.get('document_id', ''))[:12]}, chars {ev.get('span_start')}-{ev.get('span_end')}]")
        for q in ev.get("quantities") or []:
            scope = q.get("scope") or "event"  # background / round-up figures say so
            lines.append(f"    {q.get('kind')}: \u201c{q.get('quote')}\u201d = {q.get('low')}..{q.get('high')}"
                         + ("" if scope == "event" else f" ({scope}, not this event's toll)"))
    lines.append("")
    lines.append(f"Events: {', '.join(record.data.get('event_ids') or [])}")
    return "\n".join(lines)


def alerts_atom(
    alerts: Iterable[AlertRecord], *, title: str = "sitroom alerts", feed_url: str = "http://127.0.0.1:8000/alerts.atom",
    alert_url: str | None = None,
) -> bytes:
    """The Atom document (UTF-8 bytes) for these alerts, newest update first.

    Args:
        alerts: stored alerts (e.g. ``list_alerts(store, limit=100)``).
        title: the feed title.
        feed_url: the feed's own URL (its ``id`` and ``rel="self"`` link).
        alert_url: a format string with ``{id}`` for each entry's link, e.g.
            ``"http://127.0.0.1:8000/alerts/{id}"``; default: the feed URL with a fragment.

    The feed's ``updated`` is the newest alert update (no clock is read here), so the same alerts
    always give the same bytes.
    """
    records = sorted(alerts, key=lambda r: (r.updated_at, r.id), reverse=True)
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    _sub(feed, "id", feed_url)
    _sub(feed, "title", title)
    _sub(feed, "updated", _iso(records[0].updated_at if records else _EPOCH))
    _sub(feed, "link", rel="self", href=feed_url, type="application/atom+xml")
    author = _sub(feed, "author")
    _sub(author, "name", "sitroom")
    _sub(feed, "generator", "sitroom")
    for r in records:
        entry = _sub(feed, "entry")
        _sub(entry, "id", "urn:sitroom:alert:" + hashlib.sha256(r.key.encode()).hexdigest()[:32])
        status = " [acknowledged]" if r.acknowledged else ""
        version = f" (update {r.version - 1})" if r.version > 1 else ""
        _sub(entry, "title", f"[{r.severity}] {r.title}{version}{status}")
        _sub(entry, "updated", _iso(r.updated_at))
        _sub(entry, "published", _iso(r.created_at))
        href = alert_url.format(id=r.id, key=r.key) if alert_url else f"{feed_url}#alert-{r.id}"
        _sub(entry, "link", rel="alternate", href=href)
        _sub(entry, "category", term=r.rule, label=r.rule_name)
        _sub(entry, "summary", r.summary, type="text")
        _sub(entry, "content", _entry_text(r), type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
