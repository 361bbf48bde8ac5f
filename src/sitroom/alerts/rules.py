"""The four alert rules, as pure functions over events (with their claims) and a clock.

Nothing here reads the store or the system clock: the engine (:mod:`sitroom.alerts.engine`) loads
the :class:`EventContext` list, decides the clock and passes what earlier evaluations left behind
(open spike episodes), so a rule's answer depends only on its arguments and tests can replay weeks
of simulated time in milliseconds.

Alert keys are stable per situation:

* ``spike:<rule>:<type>|<country>|<admin1>:<first day>`` — one per episode; while the group keeps
  firing (a previous firing within one window) the episode, and so the key, continues;
* ``first_event:<rule>:<type>|<country>|<admin1>`` — once per region and type, ever;
* ``large_quantity:<rule>:<event id>:<kind>``;
* ``contradiction:<rule>:<event id>:<field>``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Iterable, Mapping

from ..fuse.views import family_of
from ..model import Event, FusedValue
from .config import ContradictionRule, FirstEventRule, QuantityRule, Rule, SpikeRule
from .model import Alert, EventContext, build_evidence
from .spike import spike_stat

__all__ = ["ActiveSpike", "evaluate", "group_of", "matches_type"]


@dataclass(frozen=True, slots=True)
class ActiveSpike:
    """A spike episode already alerted: its key, events so far, peak count and last firing day."""

    key: str
    event_ids: tuple[str, ...]
    peak: int
    last_fired: date


def matches_type(event: Event, types: tuple[str, ...]) -> bool:
    if not types:
        return True
    wanted = {t.lower() for t in types}
    return event.event_type.lower() in wanted or (event.sub_event_type or "").lower() in wanted


def group_of(event: Event) -> str | None:
    """``family|country|admin1``, or ``None`` for an event without a province.

    The family is fusion's (:func:`sitroom.fuse.views.family_of`): the ACLED type, or the sub-type
    where a type lumps different happenings (an escape and an evacuation are not one trend).
    """
    if event.place is None or not event.place.admin1:
        return None
    return f"{family_of(event.event_type, event.sub_event_type)}|{event.place.country or '?'}|{event.place.admin1}"


def _place_label(event: Event) -> str:
    if event.place is None:
        return "an unknown place"
    parts = [event.place.name]
    if event.place.admin1 and event.place.admin1 != event.place.name:
        parts.append(event.place.admin1)
    if event.place.country:
        parts.append(event.place.country)
    return ", ".join(parts)


def _claim_ids(contexts: Iterable[EventContext]) -> tuple[str, ...]:
    return tuple(sorted({c.id for ctx in contexts for c in ctx.claims} | {cid for ctx in contexts for cid in ctx.event.claim_ids}))


# --------------------------------------------------------------------------------------- spike


def _spike(
    rule: SpikeRule, contexts: list[EventContext], now: datetime, history_start: datetime | None,
    active: Mapping[str, ActiveSpike], max_evidence: int,
) -> list[Alert]:
    groups: dict[str, list[EventContext]] = defaultdict(list)
    for ctx in contexts:
        group = group_of(ctx.event)
        if group and matches_type(ctx.event, rule.event_types):
            groups[group].append(ctx)
    today = now.date()
    out = []
    for group, members in sorted(groups.items()):
        if rule.measure == "reports":
            # A report behind two events of the group is one report.
            seen: dict[str, date] = {}
            for ctx in members:
                for doc_id, doc in ctx.documents.items():
                    if doc.published:
                        seen[doc_id] = doc.published.date()
            days = list(seen.values())
        else:
            days = [d for d in (ctx.when() for ctx in members) if d is not None]
        stat = spike_stat(
            days, clock=now, history_start=history_start, window_days=rule.window_days,
            baseline_windows=rule.baseline_windows, min_count=rule.min_count, p_value=rule.p_value,
            prior_rate=rule.prior_rate, prior_weight=rule.prior_weight, min_observed_windows=rule.min_observed_windows,
        )
        if not stat.fires:
            continue
        in_window = [
            ctx for ctx in members
            if (ctx.when() is not None and stat.window_start <= ctx.when() <= today)  # type: ignore[operator]
            or (rule.measure == "reports" and any(
                d.published and stat.window_start <= d.published.date() <= today for d in ctx.documents.values()))
        ]
        prev = active.get(f"{rule.name}|{group}")
        continuing = prev is not None and (today - prev.last_fired).days <= rule.window_days
        key = prev.key if continuing and prev else f"spike:{rule.name}:{group}:{stat.window_start.isoformat()}"
        event_ids = sorted({ctx.event.id for ctx in in_window} | (set(prev.event_ids) if continuing and prev else set()))
        peak = max(stat.count, prev.peak if continuing and prev else 0)
        event_type, country, admin1 = group.split("|", 2)
        unit = "reports" if rule.measure == "reports" else "events"
        out.append(Alert(
            key=key, rule="spike", rule_name=rule.name, severity=rule.severity,
            title=f"Spike: {stat.count} {event_type} {unit} in {admin1} ({country}) in {rule.window_days} days",
            summary=(f"{stat.count} {unit} of type {event_type} in {admin1}, {country} between "
                     f"{stat.window_start} and {stat.window_end}, against a baseline of {stat.baseline:.2f} per "
                     f"{rule.window_days} days ({stat.observed_windows} observed windows); "
                     f"Poisson upper-tail p = {stat.p:.2g}."),
            event_ids=tuple(event_ids), claim_ids=_claim_ids(in_window),
            evidence=build_evidence(in_window, max_items=max_evidence),
            stats={"count": stat.count, "peak": peak, "baseline": round(stat.baseline, 4), "p": stat.p,
                   "observed_windows": stat.observed_windows, "baseline_counts": list(stat.baseline_counts),
                   "window_start": stat.window_start.isoformat(), "window_end": stat.window_end.isoformat(),
                   "measure": rule.measure, "event_type": event_type, "country": country, "admin1": admin1},
            group=f"{rule.name}|{group}",
        ))
    return out


# --------------------------------------------------------------------------------- first event


def _first_event(
    rule: FirstEventRule, contexts: list[EventContext], now: datetime, history_start: datetime | None,
    max_evidence: int, known_first_days: Mapping[str, date],
) -> list[Alert]:
    if history_start is None:
        return []
    groups: dict[str, list[EventContext]] = defaultdict(list)
    for ctx in contexts:
        group = group_of(ctx.event)
        if group and matches_type(ctx.event, rule.event_types) and ctx.when() is not None:
            groups[group].append(ctx)
    today = now.date()
    out = []
    for group, members in sorted(groups.items()):
        first_day = min(ctx.when() for ctx in members)  # type: ignore[type-var]
        if group in known_first_days and known_first_days[group] < first_day:
            continue  # an earlier event of this group exists outside the events passed in
        if not (today - timedelta(days=rule.recent_days) <= first_day <= today):
            continue
        if history_start.date() > first_day - timedelta(days=rule.min_history_days):
            continue  # we have not been watching long enough to call it a first
        firsts = [ctx for ctx in members if ctx.when() == first_day]
        event_type, country, admin1 = group.split("|", 2)
        out.append(Alert(
            key=f"first_event:{rule.name}:{group}", rule="first_event", rule_name=rule.name, severity=rule.severity,
            title=f"First {event_type} event in {admin1} ({country})",
            summary=(f"The first {event_type} event recorded in {admin1}, {country} (history since "
                     f"{history_start.date()}): {_place_label(firsts[0].event)} on {first_day}."),
            event_ids=tuple(sorted(ctx.event.id for ctx in firsts)), claim_ids=_claim_ids(firsts),
            evidence=build_evidence(firsts, max_items=max_evidence),
            stats={"first_day": first_day.isoformat(), "event_type": event_type, "country": country, "admin1": admin1},
        ))
    return out


# ------------------------------------------------------------------------------ large quantity


def _field_kind(value: FusedValue) -> str:
    name = value.name.lower()
    for sep in (".", ":", "/"):
        name = name.rsplit(sep, 1)[-1]
    return name


def _bound(value: FusedValue, bound: str) -> int | None:
    if bound == "low":
        return value.low
    if bound == "high":
        return value.high if value.high is not None else (value.best if value.best is not None else value.low)
    return value.best if value.best is not None else value.low


def _recent(ctx: EventContext, now: datetime, days: int) -> bool:
    when = ctx.when()
    return when is None or when >= now.date() - timedelta(days=days)


def _large_quantity(rule: QuantityRule, contexts: list[EventContext], now: datetime, max_evidence: int) -> list[Alert]:
    kinds = {k.lower() for k in rule.kinds}
    out = []
    for ctx in contexts:
        if not _recent(ctx, now, rule.recent_days):
            continue
        for value in ctx.event.fields:
            kind = _field_kind(value)
            if kind not in kinds:
                continue
            amount = _bound(value, rule.bound)
            if amount is None or amount < rule.threshold:
                continue
            behind = [c for c in ctx.claims if c.id in set(value.claim_ids)] or list(ctx.claims)
            sub = EventContext(ctx.event, tuple(behind), ctx.documents)
            rng = f"{value.low if value.low is not None else '?'}–{value.high if value.high is not None else '?'}"
            best = f"{value.best:,}" if value.best is not None else f"at least {value.low:,}" if value.low is not None else "?"
            out.append(Alert(
                key=f"large_quantity:{rule.name}:{ctx.event.id}:{kind}", rule="large_quantity", rule_name=rule.name,
                severity=rule.severity,
                title=f"{best} {kind} ({rng}) — {ctx.event.event_type} in {_place_label(ctx.event)}",
                summary=(f"Reconciled range for {kind}: low {value.low}, best {value.best}, high {value.high} "
                         f"(the {rule.bound} bound reaches {rule.threshold:,}), from {len(value.claim_ids)} claim(s) "
                         f"and {ctx.event.independent_sources} independent source chain(s)."),
                event_ids=(ctx.event.id,), claim_ids=tuple(sorted(set(value.claim_ids))),
                evidence=build_evidence([sub], max_items=max_evidence),
                stats={"kind": kind, "low": value.low, "best": value.best, "high": value.high,
                       "bound": rule.bound, "threshold": rule.threshold},
            ))
    return out


# ------------------------------------------------------------------------------- contradiction


def _independent(event: Event, left: tuple[str, ...], right: tuple[str, ...]) -> bool:
    """False when one source chain holds claims of both sides (a chain cannot contradict itself)."""
    if not event.independent_chains:
        return True
    for chain in event.independent_chains:
        members = set(chain)
        if members & set(left) and members & set(right):
            return False
    return True


def _contradiction(rule: ContradictionRule, contexts: list[EventContext], now: datetime, max_evidence: int) -> list[Alert]:
    wanted = {f.lower() for f in rule.fields}
    out = []
    for ctx in contexts:
        if not _recent(ctx, now, rule.recent_days):
            continue
        by_field: dict[str, list[Any]] = defaultdict(list)
        for c in ctx.event.contradictions:
            if (not wanted or c.field.lower() in wanted) and _independent(ctx.event, c.left_claim_ids, c.right_claim_ids):
                by_field[c.field].append(c)
        for field_name, found in sorted(by_field.items()):
            ids = sorted({cid for c in found for cid in (*c.left_claim_ids, *c.right_claim_ids)})
            behind = [c for c in ctx.claims if c.id in set(ids)] or list(ctx.claims)
            sides = [f"{c.left} vs {c.right}" for c in found]
            out.append(Alert(
                key=f"contradiction:{rule.name}:{ctx.event.id}:{field_name}", rule="contradiction", rule_name=rule.name,
                severity=rule.severity,
                title=f"Sources disagree on {field_name}: {'; '.join(sides)} — {ctx.event.event_type} in {_place_label(ctx.event)}",
                summary=" | ".join(
                    f"{c.left} (claims {', '.join(c.left_claim_ids)}) vs {c.right} (claims {', '.join(c.right_claim_ids)})"
                    + (f": {c.note}" if c.note else "") for c in found),
                event_ids=(ctx.event.id,), claim_ids=tuple(ids),
                evidence=build_evidence([EventContext(ctx.event, tuple(behind), ctx.documents)], max_items=max_evidence),
                stats={"field": field_name, "left": [str(c.left) for c in found], "right": [str(c.right) for c in found]},
            ))
    return out


# ------------------------------------------------------------------------------------ evaluate


def evaluate(
    contexts: list[EventContext],
    rules: Iterable[Rule],
    *,
    now: datetime,
    history_start: datetime | None,
    active_spikes: Mapping[str, ActiveSpike] | None = None,
    max_evidence: int = 25,
    first_days: Mapping[str, date] | None = None,
) -> list[Alert]:
    """Every alert the rules raise over these events at clock time ``now``.

    Args:
        contexts: events with their claims and reports (all events the rules may need: the spike
            baseline reaches back ``window_days * (baseline_windows + 1)`` days).
        rules: the configured rules.
        now: the evaluation clock, passed in.
        history_start: the earliest report time in the store (for the spike's observed windows and
            the first-event rule's minimum history).
        active_spikes: open spike episodes by ``"<rule>|<group>"`` (from stored alerts), so an
            episode keeps its key while it grows.
        first_days: the earliest event day per ``type|country|admin1`` over all history, when
            ``contexts`` holds only recent events (the first-event rule then needs no old events).

    Returns:
        Alerts sorted by key; at most one per key.
    """
    active = active_spikes or {}
    # A record of past happenings ("has repatriated 20,000 since 2021") is no new happening: it
    # neither makes a spike nor a first event (its figures still reach the quantity rule's view).
    news = [ctx for ctx in contexts if not ctx.event.record]
    out: list[Alert] = []
    for rule in rules:
        if isinstance(rule, SpikeRule):
            out += _spike(rule, news, now, history_start, active, max_evidence)
        elif isinstance(rule, FirstEventRule):
            out += _first_event(rule, news, now, history_start, max_evidence, first_days or {})
        elif isinstance(rule, QuantityRule):
            out += _large_quantity(rule, contexts, now, max_evidence)
        elif isinstance(rule, ContradictionRule):
            out += _contradiction(rule, contexts, now, max_evidence)
    unique = {a.key: a for a in out}
    return [unique[k] for k in sorted(unique)]
