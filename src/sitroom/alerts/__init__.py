"""Early warning: rules over events (spike, first event, large quantity, contradiction), one alert
per situation with the evidence behind it, delivered to the CLI, an Atom feed and signed webhooks.

Importing this package registers the built-in sinks (``atom``, ``webhook``, ``cli``) in
:data:`sitroom.registry.alert_sinks`.
"""

from . import sinks as _sinks  # noqa: F401 - registers the built-in sinks
from .atom import alerts_atom
from .config import AlertConfig, ConfigError, parse_alert_config
from .engine import AlertRunReport, run_alerts
from .model import Alert, EventContext, Evidence
from .rules import evaluate
from .sinks import format_alert
from .spike import poisson_sf, spike_stat
from .webhook import SIGNATURE_HEADER, deliver_due, sign, verify_signature

__all__ = [
    "Alert", "AlertConfig", "AlertRunReport", "ConfigError", "EventContext", "Evidence", "SIGNATURE_HEADER",
    "alerts_atom", "deliver_due", "evaluate", "format_alert", "parse_alert_config", "poisson_sf", "run_alerts",
    "sign", "spike_stat", "verify_signature",
]
