"""Live watch: sources in a TOML config polled on their own intervals (conditional GET, backoff,
the fetcher's limits), new items ingested and handed to a process hook, alerts evaluated.
"""

from .config import ConfigError, SourceConfig, WatchConfig, WatchOptions, load_config, parse_config
from .hooks import ProcessHook, noop_process, resolve_hook
from .poller import PollResult, poll_source
from .runner import CycleReport, Watcher, install_signal_handlers
from .schedule import backoff_delay, next_poll_time

__all__ = [
    "ConfigError", "CycleReport", "PollResult", "ProcessHook", "SourceConfig", "WatchConfig", "WatchOptions", "Watcher",
    "backoff_delay", "install_signal_handlers", "load_config", "next_poll_time", "noop_process", "parse_config",
    "poll_source", "resolve_hook",
]
