"""Serialised answers kept until the events change: the dashboard's collection, places, actors.

Why: these answers aggregate every event, and every page load asks for the same ones; checking
:func:`~sitroom.store.queries.data_version` costs a millisecond, rebuilding them costs seconds at
100k events.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Callable

from ..store import Store
from ..store.queries import data_version

__all__ = ["ResponseCache", "cached"]


class ResponseCache:
    """A small thread-safe LRU of serialised responses."""

    def __init__(self, size: int = 16) -> None:
        self.size = size
        self.items: OrderedDict[Any, bytes] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: Any) -> bytes | None:
        with self.lock:
            body = self.items.get(key)
            if body is not None:
                self.items.move_to_end(key)
            return body

    def put(self, key: Any, body: bytes) -> None:
        with self.lock:
            self.items[key] = body
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)


def cached(cache: ResponseCache, store: Store, key: Any, build: Callable[[], bytes]) -> bytes:
    """``build()``'s bytes for ``key``, reused while the store's events are unchanged."""
    full = (key, data_version(store))
    body = cache.get(full)
    if body is None:
        body = build()
        cache.put(full, body)
    return body
