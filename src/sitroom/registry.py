"""A registry of named, versioned parts: readers, exporters, extractors, alert sinks, engines.

Why: built-in parts and third-party plugins go through the same door (the datasette lesson), and a
name like ``sitroom.readers.html.v1`` keeps old configurations meaningful when a part is replaced.
``tests/test_registry.py`` pins what is registered so a part cannot vanish silently.
"""

from __future__ import annotations

from typing import Callable, Generic, Iterator, TypeVar

__all__ = ["Registry", "readers", "exporters", "extractors", "alert_sinks", "engines", "all_registries"]

T = TypeVar("T")


class Registry(Generic[T]):
    """A name → object table with a decorator to register into it."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, T] = {}

    def register(self, name: str) -> Callable[[T], T]:
        def deco(obj: T) -> T:
            self.add(name, obj)
            return obj

        return deco

    def add(self, name: str, obj: T) -> None:
        existing = self._items.get(name)
        if existing is not None and existing is not obj:
            raise ValueError(f"{self.kind} {name!r} is already registered")
        self._items[name] = obj

    def get(self, name: str) -> T:
        try:
            return self._items[name]
        except KeyError:
            known = ", ".join(sorted(self._items)) or "none"
            raise KeyError(f"no {self.kind} named {name!r} (known: {known})") from None

    def names(self) -> list[str]:
        return sorted(self._items)

    def __contains__(self, name: object) -> bool:
        return name in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())


readers: Registry = Registry("reader")
exporters: Registry = Registry("exporter")
extractors: Registry = Registry("extractor")
alert_sinks: Registry = Registry("alert sink")
engines: Registry = Registry("engine")


def all_registries() -> dict[str, Registry]:
    return {"readers": readers, "exporters": exporters, "extractors": extractors, "alert_sinks": alert_sinks,
            "engines": engines}
