"""The built-in alert sinks, registered in :data:`sitroom.registry.alert_sinks`.

* ``atom`` — :func:`sitroom.alerts.atom.alerts_atom`: alerts → Atom XML bytes (``/alerts.atom``);
* ``webhook`` — :func:`sitroom.alerts.webhook.deliver_due`: sends queued, signed POSTs;
* ``cli`` — :func:`format_alert`: one alert → lines of text for ``sitroom alerts``.
"""

from __future__ import annotations

from ..registry import alert_sinks
from ..store.watch_alerts import AlertRecord
from .atom import alerts_atom
from .webhook import deliver_due

__all__ = ["format_alert"]


def format_alert(record: AlertRecord, *, evidence: int = 5) -> list[str]:
    """Plain lines describing an alert and (up to ``evidence``) the claims behind it."""
    state = "acknowledged" if record.acknowledged else ("updated" if record.acked_version else "open")
    lines = [
        f"#{record.id} [{record.severity}] {record.title}",
        f"    key {record.key} · v{record.version} · {state} · updated {record.updated_at:%Y-%m-%d %H:%M}Z",
        f"    {record.summary}",
    ]
    items = record.data.get("evidence") or []
    for ev in items[:evidence]:
        when = (ev.get("published") or "")[:10]
        quote = " ".join(str(ev.get("quote", "")).split())
        if len(quote) > 160:
            quote = quote[:157] + "..."
        lines.append(f"    - {ev.get('outlet') or '?'} {when} [{str(ev.get('document_id'))[:12]} "
                     f"{ev.get('span_start')}-{ev.get('span_end')}]: \u201c{quote}\u201d")
    if len(items) > evidence:
        lines.append(f"    … {len(items) - evidence} more")
    return lines


alert_sinks.add("atom", alerts_atom)
alert_sinks.add("webhook", deliver_due)
alert_sinks.add("cli", format_alert)
