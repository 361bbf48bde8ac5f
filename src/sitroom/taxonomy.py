"""The event taxonomy as data: ACLED event types and sub-types plus sitroom's extensions.

Why a module of its own: the extractor (:mod:`sitroom.nlp.events`) reads the trigger lexicon, and
the CLI and the REST API need the names (is "Escape from detention or camp" a type or a
sub-type?) without loading spaCy. One loader serves both.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

__all__ = ["taxonomy", "top_level_types", "sub_type_names", "split_type_names"]


@lru_cache(maxsize=1)
def taxonomy() -> dict[str, Any]:
    """The raw taxonomy file (``data/taxonomy.json``), loaded once."""
    return json.loads(resources.files("sitroom.data").joinpath("taxonomy.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def top_level_types() -> frozenset[str]:
    """The event types (ACLED's six and ours), as opposed to their sub-types."""
    return frozenset(group["type"] for group in taxonomy()["types"])


@lru_cache(maxsize=1)
def sub_type_names() -> frozenset[str]:
    """Every sub-type name of the taxonomy."""
    return frozenset(sub["name"] for group in taxonomy()["types"] for sub in group["sub_types"])


def split_type_names(names: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(types, sub_types)`` among ``names``: a filter may name either level. A name the
    taxonomy does not know as a sub-type is taken as a type (a plugin's own type, say)."""
    names = tuple(names)
    subs = sub_type_names() - top_level_types()
    return tuple(n for n in names if n not in subs), tuple(n for n in names if n in subs)
