"""What every command gets: the settings, a lazily opened store, and consoles for output.

Why: commands never read the environment or open connections themselves, so tests can hand them
a store, and errors from opening the store become one clear line (not a traceback).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import click
from rich.console import Console

from ..settings import Settings
from ..store import Store, StoreURLError, open_store

__all__ = ["AppContext", "pass_app", "fail"]


def fail(message: str) -> click.ClickException:
    return click.ClickException(message)


@dataclass
class AppContext:
    settings: Settings
    out: Console = field(default_factory=lambda: Console(highlight=False, soft_wrap=True))
    err: Console = field(default_factory=lambda: Console(stderr=True, highlight=False))
    _store: Store | None = None

    def store(self) -> Store:
        if self._store is None:
            try:
                self._store = open_store(self.settings.db_url)
            except StoreURLError as exc:
                raise fail(str(exc)) from exc
            except ConnectionError as exc:
                raise fail(str(exc)) from exc
            except Exception as exc:  # engine errors: locked, corrupt, permission denied
                raise fail(f"cannot open the store at {self.settings.db_url}: {type(exc).__name__}: {exc}") from exc
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


pass_app = click.make_pass_decorator(AppContext)
