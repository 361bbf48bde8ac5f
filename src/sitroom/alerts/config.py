"""Alert rules and delivery targets, read from the ``[alerts]`` section of the watch TOML.

Example::

    [alerts]
    clock = "now"            # or "data": evaluate at the latest report time (replaying archives)

    [[alerts.rules]]
    name = "escape-spike"
    kind = "spike"           # spike | first_event | large_quantity | contradiction
    event_types = ["Escape"] # empty or absent: every type
    window_days = 7
    baseline_windows = 8
    min_count = 3
    p_value = 0.01
    prior_rate = 0.5
    measure = "events"       # or "reports"

    [[alerts.webhooks]]
    url = "https://hooks.example.org/sitroom"
    secret_env = "SITROOM_WEBHOOK_SECRET"   # or secret = "..."

Why typed and validated here: a typo in a rule must fail at start-up with the rule's name, not
silently produce no alerts for weeks.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Mapping

__all__ = [
    "ConfigError", "SpikeRule", "FirstEventRule", "QuantityRule", "ContradictionRule", "Rule",
    "WebhookTarget", "AlertConfig", "parse_alert_config", "DEFAULT_RULES",
]


class ConfigError(ValueError):
    """A watch or alert configuration that cannot be used, with the offending key named."""


@dataclass(frozen=True, slots=True)
class SpikeRule:
    name: str = "spike"
    event_types: tuple[str, ...] = ()
    window_days: int = 7
    baseline_windows: int = 8
    min_count: int = 3
    p_value: float = 0.01
    prior_rate: float = 0.5
    """Events per window assumed for a group with no observed history (the gamma prior's mean)."""
    prior_weight: float = 1.0
    """How many windows' worth of evidence the prior is worth."""
    min_observed_windows: int = 1
    """No spike until this many baseline windows lie inside the store's history: on day one there is
    nothing to compare with, so steady traffic in a region never looks like a spike at start-up."""
    measure: str = "events"
    """``events`` counts events; ``reports`` counts the distinct reports behind them."""
    severity: str = "warning"
    kind: str = "spike"


@dataclass(frozen=True, slots=True)
class FirstEventRule:
    name: str = "first_event"
    event_types: tuple[str, ...] = ()
    recent_days: int = 14
    """Only an event that happened within this many days of the clock counts as news."""
    min_history_days: int = 7
    """The store must hold reports from at least this long before the event: otherwise "first" only
    means "first since we started watching" (the day-one storm)."""
    severity: str = "info"
    kind: str = "first_event"


@dataclass(frozen=True, slots=True)
class QuantityRule:
    name: str = "large_quantity"
    kinds: tuple[str, ...] = ("escaped", "displaced")
    threshold: int = 1000
    recent_days: int = 30
    """Events that ended longer ago than this are history, not news (no storm on a backfill)."""
    bound: str = "best"
    """Which end of the reconciled range must reach the threshold: ``low`` (certain), ``best``
    (falls back to ``low`` when there is no best figure) or ``high`` (possible)."""
    severity: str = "warning"
    kind: str = "large_quantity"


@dataclass(frozen=True, slots=True)
class ContradictionRule:
    name: str = "contradiction"
    fields: tuple[str, ...] = ()
    """Only contradictions on these fields (empty: all)."""
    recent_days: int = 30
    severity: str = "info"
    kind: str = "contradiction"


Rule = SpikeRule | FirstEventRule | QuantityRule | ContradictionRule

_RULE_TYPES: dict[str, type] = {
    "spike": SpikeRule, "first_event": FirstEventRule, "large_quantity": QuantityRule,
    "contradiction": ContradictionRule,
}

DEFAULT_RULES: tuple[Rule, ...] = (SpikeRule(), FirstEventRule(), QuantityRule(), ContradictionRule())


@dataclass(frozen=True, slots=True)
class WebhookTarget:
    url: str
    secret: str = field(repr=False)
    max_attempts: int = 6
    timeout: float = 5.0
    name: str = "webhook"


@dataclass(frozen=True, slots=True)
class AlertConfig:
    rules: tuple[Rule, ...] = DEFAULT_RULES
    webhooks: tuple[WebhookTarget, ...] = ()
    clock: str = "now"
    feed_title: str = "sitroom alerts"
    feed_url: str = "http://127.0.0.1:8000/alerts.atom"
    max_evidence: int = 25


def _tuple(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of strings")
    return tuple(value)


def _rule(raw: Mapping[str, Any], index: int) -> Rule:
    kind = raw.get("kind")
    cls = _RULE_TYPES.get(str(kind))
    where = f"alerts.rules[{index}] ({raw.get('name', kind)})"
    if cls is None:
        raise ConfigError(f"{where}: kind must be one of {', '.join(_RULE_TYPES)}, got {kind!r}")
    known = set(cls.__dataclass_fields__)
    unknown = set(raw) - known
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key in ("event_types", "kinds", "fields"):
            values[key] = _tuple(value, f"{where}.{key}")
        else:
            values[key] = value
    values.setdefault("name", str(kind))
    try:
        rule = cls(**values)
    except TypeError as exc:
        raise ConfigError(f"{where}: {exc}") from exc
    _check(rule, where)
    return rule


def _check(rule: Rule, where: str) -> None:
    if isinstance(rule, SpikeRule):
        if rule.window_days < 1 or rule.baseline_windows < 1 or rule.min_count < 1:
            raise ConfigError(f"{where}: window_days, baseline_windows and min_count must be >= 1")
        if not 0 <= rule.min_observed_windows <= rule.baseline_windows:
            raise ConfigError(f"{where}: min_observed_windows must be between 0 and baseline_windows")
        if not 0 < rule.p_value < 1:
            raise ConfigError(f"{where}: p_value must be between 0 and 1")
        if rule.prior_rate <= 0 or rule.prior_weight <= 0:
            raise ConfigError(f"{where}: prior_rate and prior_weight must be > 0")
        if rule.measure not in ("events", "reports"):
            raise ConfigError(f"{where}: measure must be 'events' or 'reports'")
    if isinstance(rule, QuantityRule) and rule.bound not in ("low", "best", "high"):
        raise ConfigError(f"{where}: bound must be low, best or high")


def _webhook(raw: Mapping[str, Any], index: int, env: Mapping[str, str]) -> WebhookTarget:
    where = f"alerts.webhooks[{index}]"
    url = raw.get("url")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise ConfigError(f"{where}: url must be an http(s) URL")
    secret = raw.get("secret")
    if secret is None and raw.get("secret_env"):
        secret = env.get(str(raw["secret_env"]))
        if not secret:
            raise ConfigError(f"{where}: environment variable {raw['secret_env']} is not set")
    if not isinstance(secret, str) or not secret:
        raise ConfigError(f"{where}: a shared secret is required (secret or secret_env)")
    return WebhookTarget(url=url, secret=secret, max_attempts=int(raw.get("max_attempts", 6)),
                         timeout=float(raw.get("timeout", 5.0)), name=str(raw.get("name", f"webhook{index}")))


def parse_alert_config(raw: Mapping[str, Any] | None, *, env: Mapping[str, str] | None = None) -> AlertConfig:
    """Validate the ``[alerts]`` table; absent means the default rules and no webhooks."""
    raw = raw or {}
    env = os.environ if env is None else env
    rules_raw = raw.get("rules")
    rules = DEFAULT_RULES if rules_raw is None else tuple(_rule(r, i) for i, r in enumerate(rules_raw))
    names = [r.name for r in rules]
    if len(names) != len(set(names)):
        raise ConfigError("alerts.rules: rule names must be unique")
    hooks = tuple(_webhook(w, i, env) for i, w in enumerate(raw.get("webhooks", [])))
    clock = str(raw.get("clock", "now"))
    if clock not in ("now", "data"):
        raise ConfigError("alerts.clock must be 'now' or 'data'")
    return AlertConfig(
        rules=rules, webhooks=hooks, clock=clock, feed_title=str(raw.get("feed_title", AlertConfig.feed_title)),
        feed_url=str(raw.get("feed_url", AlertConfig.feed_url)), max_evidence=int(raw.get("max_evidence", 25)),
    )
