"""Numbered schema migrations, one SQL file per version and engine.

Why files per engine: SQLite and PostgreSQL differ in types and full-text search, but the version
numbers and the meaning of each step are shared, so a store on either engine at version N has the
same tables. Each migration runs in one transaction together with its row in
``schema_migrations``: a crash leaves the store at the previous version, never in between.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import resources

from .backends import Backend

__all__ = ["Migration", "available_migrations", "applied_versions", "migrate"]

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def available_migrations(engine_dir: str) -> list[Migration]:
    """The migrations shipped for an engine, in version order."""
    folder = resources.files("sitroom.store") / "migrations" / engine_dir
    found = []
    for entry in folder.iterdir():
        m = _NAME.match(entry.name)
        if m:
            found.append(Migration(int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    found.sort(key=lambda mig: mig.version)
    versions = [mig.version for mig in found]
    if versions != list(range(1, len(versions) + 1)):
        raise RuntimeError(f"migrations for {engine_dir} are not numbered 1..N: {versions}")
    return found


def applied_versions(backend: Backend) -> set[int]:
    if "schema_migrations" not in backend.table_names():
        return set()
    return {int(r[0]) for r in backend.execute("SELECT version FROM schema_migrations").fetchall()}


def migrate(backend: Backend) -> list[Migration]:
    """Apply every migration not yet applied; return those applied now."""
    with backend.transaction():
        backend.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
    done = applied_versions(backend)
    applied = []
    for mig in available_migrations(backend.migrations_dir):
        if mig.version in done:
            continue
        with backend.transaction():
            # Re-check inside the transaction: two processes may open a new store at once.
            if mig.version in applied_versions(backend):
                continue
            backend.run_script(mig.sql)
            backend.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (mig.version, mig.name, datetime.now(timezone.utc).isoformat(timespec="seconds")),
            )
        applied.append(mig)
    return applied
