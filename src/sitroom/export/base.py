"""What an exporter is: a named writer of event bundles to a binary stream."""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO, Callable, Iterable

from .bundle import EventBundle

__all__ = ["Exporter"]


@dataclass(frozen=True, slots=True)
class Exporter:
    """``write(bundles, out)`` writes every bundle to ``out`` and returns how many it wrote."""

    name: str
    media_type: str
    suffix: str
    write: Callable[[Iterable[EventBundle], BinaryIO], int]
    needs_claims: bool = True
    """False when the format needs only the events (saves loading claims and documents)."""
