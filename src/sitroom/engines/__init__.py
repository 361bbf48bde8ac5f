"""Where extraction runs: in this process (``local``) or across a Ray cluster (``ray``).

Why engines: extraction is a pure function ``Document -> [Claim]`` over a model and a gazetteer
that load once per process, so it can run wherever there are cores; the store, fusion and the
resumability rule (claims and the processed mark written together) stay in the driver. An engine
is a named part in :data:`sitroom.registry.engines`; the ``engine`` setting picks one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from ..model import Claim, Document
from ..registry import engines
from ..settings import Settings

__all__ = ["Engine", "get_engine"]


class Engine(Protocol):
    """Turns documents into claims; yields ``(document, claims)`` for every input, in any order."""

    name: str

    def chunk_size(self, batch_size: int) -> int:
        """How many documents to hand over at once so that every worker stays busy."""
        ...

    def extract(self, documents: Iterable[Document], *, batch_size: int = 32) -> Iterator[tuple[Document, list[Claim]]]:
        ...

    def close(self) -> None:
        ...


def get_engine(settings: Settings) -> Engine:
    """The engine the settings name, configured from them."""
    from . import local, ray_engine  # noqa: F401 - registers the built-in engines

    try:
        factory = engines.get(settings.engine)
    except KeyError as exc:
        raise ValueError(str(exc.args[0])) from None
    return factory(settings)
