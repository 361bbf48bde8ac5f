"""The watch configuration: sources to poll, polling limits, the process hook and the alert rules.

A TOML file (read with :mod:`tomllib`)::

    [watch]
    interval = "15m"         # default per source; seconds or "30s" / "15m" / "2h" / "1d"
    timeout = 20             # seconds per request
    max_bytes = 5_000_000    # size cap per download or file
    backoff_base = 60        # first retry delay after an error, seconds
    backoff_max = "6h"       # longest retry delay
    jitter = 0.5             # randomised fraction of each retry delay
    allow_private = false    # fetch private/loopback addresses (off: refused, as for `sitroom ingest`)
    process = "package.module:function"   # optional process hook (extract + fuse), see hooks.py

    [[sources]]
    name = "levant-wire"
    kind = "feed"            # an RSS/Atom feed over http(s)
    url = "https://levantwire.example/feed.xml"
    interval = "10m"

    [[sources]]
    name = "pages"
    kind = "urls"            # a list of article URLs, each fetched once
    urls = ["https://example.org/a", "https://example.org/b"]

    [[sources]]
    name = "local"
    kind = "file"            # a feed file on disk (path relative to this config file)
    path = "feeds/levant.xml"

    [alerts]                 # see sitroom.alerts.config
    ...

Why ``file`` sources: the fetcher refuses ``file://`` URLs by design (a URL inside a feed must not
read local files), so a local feed is named explicitly as a path in the operator's config instead.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from ..alerts.config import AlertConfig, ConfigError, parse_alert_config

__all__ = ["SourceConfig", "WatchOptions", "WatchConfig", "load_config", "parse_config", "parse_duration", "ConfigError"]

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
_KINDS = ("feed", "urls", "file")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,79}$")


def parse_duration(value: Any, where: str) -> float:
    """Seconds from a number or a string like ``"90s"``, ``"15m"``, ``"2h"``, ``"1d"``."""
    if isinstance(value, bool):
        raise ConfigError(f"{where}: expected a duration, got {value!r}")
    if isinstance(value, (int, float)):
        seconds = float(value)
    else:
        m = _DURATION.match(str(value))
        if not m:
            raise ConfigError(f"{where}: expected a duration like 30s, 15m, 2h or 1d, got {value!r}")
        seconds = float(m.group(1)) * _UNITS[m.group(2)]
    if seconds <= 0:
        raise ConfigError(f"{where}: a duration must be positive")
    return seconds


@dataclass(frozen=True, slots=True)
class SourceConfig:
    name: str
    kind: str
    """``feed`` (RSS/Atom over http/https), ``urls`` (article URLs) or ``file`` (a feed file on disk)."""
    interval: float
    url: str | None = None
    urls: tuple[str, ...] = ()
    path: Path | None = None
    outlet: str | None = None
    """Overrides the outlet of every document from this source."""

    @property
    def location(self) -> str:
        if self.kind == "file":
            return str(self.path)
        if self.kind == "urls":
            return f"{len(self.urls)} URL(s)"
        return self.url or ""


@dataclass(frozen=True, slots=True)
class WatchOptions:
    interval: float = 900.0
    timeout: float = 20.0
    max_bytes: int = 5_000_000
    backoff_base: float = 60.0
    backoff_max: float = 6 * 3600.0
    jitter: float = 0.5
    allow_private: bool = False
    process: str | None = None
    max_items_per_poll: int = 500


@dataclass(frozen=True, slots=True)
class WatchConfig:
    sources: tuple[SourceConfig, ...]
    options: WatchOptions = field(default_factory=WatchOptions)
    alerts: AlertConfig = field(default_factory=AlertConfig)
    path: Path | None = None


def _source(raw: Mapping[str, Any], index: int, options: WatchOptions, base: Path) -> SourceConfig:
    name = raw.get("name")
    where = f"sources[{index}]" + (f" ({name})" if name else "")
    if not isinstance(name, str) or not _NAME.match(name):
        raise ConfigError(f"{where}: name is required (letters, digits, . _ -)")
    kind = raw.get("kind", "feed")
    if kind not in _KINDS:
        raise ConfigError(f"{where}: kind must be one of {', '.join(_KINDS)}, got {kind!r}")
    unknown = set(raw) - {"name", "kind", "url", "urls", "path", "interval", "outlet"}
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    interval = parse_duration(raw.get("interval", options.interval), f"{where}.interval")
    outlet = raw.get("outlet")
    if kind == "feed":
        url = raw.get("url")
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise ConfigError(f"{where}: a feed needs url = \"http(s)://…\" (for a local file use kind = \"file\")")
        return SourceConfig(name, kind, interval, url=url, outlet=outlet)
    if kind == "urls":
        urls = raw.get("urls")
        if not isinstance(urls, list) or not urls or not all(isinstance(u, str) for u in urls):
            raise ConfigError(f"{where}: urls must be a non-empty list of URLs")
        bad = [u for u in urls if not u.startswith(("http://", "https://"))]
        if bad:
            raise ConfigError(f"{where}: only http(s) URLs are watched, not {bad[0]!r}")
        return SourceConfig(name, kind, interval, urls=tuple(dict.fromkeys(urls)), outlet=outlet)
    path = raw.get("path")
    if not isinstance(path, str) or not path:
        raise ConfigError(f"{where}: a file source needs path = \"…\"")
    resolved = Path(path).expanduser()
    if not resolved.is_absolute():
        resolved = base / resolved
    return SourceConfig(name, kind, interval, path=resolved, outlet=outlet)


def _options(raw: Mapping[str, Any]) -> WatchOptions:
    unknown = set(raw) - set(WatchOptions.__dataclass_fields__)
    if unknown:
        raise ConfigError(f"watch: unknown key(s) {', '.join(sorted(unknown))}")
    d = WatchOptions()
    jitter = float(raw.get("jitter", d.jitter))
    if not 0 <= jitter <= 1:
        raise ConfigError("watch.jitter must be between 0 and 1")
    process = raw.get("process")
    if process is not None and (not isinstance(process, str) or ":" not in process):
        raise ConfigError("watch.process must be \"package.module:function\"")
    return WatchOptions(
        interval=parse_duration(raw.get("interval", d.interval), "watch.interval"),
        timeout=parse_duration(raw.get("timeout", d.timeout), "watch.timeout"),
        max_bytes=int(raw.get("max_bytes", d.max_bytes)),
        backoff_base=parse_duration(raw.get("backoff_base", d.backoff_base), "watch.backoff_base"),
        backoff_max=parse_duration(raw.get("backoff_max", d.backoff_max), "watch.backoff_max"),
        jitter=jitter, allow_private=bool(raw.get("allow_private", d.allow_private)), process=process,
        max_items_per_poll=int(raw.get("max_items_per_poll", d.max_items_per_poll)),
    )


def parse_config(raw: Mapping[str, Any], *, base: Path = Path("."), env: Mapping[str, str] | None = None) -> WatchConfig:
    """Validate a parsed TOML document; relative file paths are taken from ``base``."""
    unknown = set(raw) - {"watch", "sources", "alerts"}
    if unknown:
        raise ConfigError(f"unknown section(s) {', '.join(sorted(unknown))} (expected watch, sources, alerts)")
    options = _options(raw.get("watch", {}))
    sources = tuple(_source(s, i, options, base) for i, s in enumerate(raw.get("sources", [])))
    names = [s.name for s in sources]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ConfigError(f"sources: duplicate name(s) {', '.join(dupes)}")
    return WatchConfig(sources=sources, options=options, alerts=parse_alert_config(raw.get("alerts"), env=env))


def load_config(path: str | Path, *, env: Mapping[str, str] | None = None) -> WatchConfig:
    """Read and validate a watch config file; raise :class:`ConfigError` with the offending key."""
    p = Path(path)
    try:
        raw = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read {p}: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{p}: invalid TOML: {exc}") from exc
    config = parse_config(raw, base=p.resolve().parent, env=env)
    return WatchConfig(config.sources, config.options, config.alerts, p)
