"""The process hook: what happens to new documents after ingest (extraction, geocoding, fusion).

The watcher does not know how claims and events are made; it calls a hook with the ids of the
documents it stored and gets back the ids of the events that changed. The contract:

* ``hook(store, document_ids) -> affected_event_ids``;
* it must be idempotent: after a crash the same ids may be passed again (at-least-once), and
  re-processing a document must give the same claims and events (fusion's stable ids);
* it may raise; the documents then stay queued and are retried next cycle.

The default is sitroom's own pipeline, :func:`sitroom.processing.process_documents` (extraction,
geocoding, fusion). A config names another with ``[watch] process = "package.module:function"``
(resolved by :func:`resolve_hook`); ``sitroom.watch.hooks:noop_process`` only stores documents.
"""

from __future__ import annotations

import importlib
from typing import Callable

from ..store import Store

__all__ = ["ProcessHook", "noop_process", "resolve_hook", "DEFAULT_HOOK"]

DEFAULT_HOOK = "sitroom.processing:process_documents"

ProcessHook = Callable[[Store, list[str]], list[str]]


def noop_process(store: Store, document_ids: list[str]) -> list[str]:
    """Does nothing and changes no event (for watchers that only collect documents)."""
    return []


def resolve_hook(spec: str | None) -> ProcessHook:
    """The hook a ``"package.module:function"`` string names; sitroom's pipeline for ``None``.

    Raises:
        ValueError: the module or function does not exist or is not callable.
    """
    spec = spec or DEFAULT_HOOK
    module_name, _, attr = spec.partition(":")
    try:
        module = importlib.import_module(module_name)
        hook = getattr(module, attr)
    except (ImportError, AttributeError) as exc:
        raise ValueError(f"process hook {spec!r} not found: {exc}") from exc
    if not callable(hook):
        raise ValueError(f"process hook {spec!r} is not callable")
    return hook  # type: ignore[no-any-return]
