"""Read the data files sitroom ships under ``sitroom/data/`` (tables we write, loaded once)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

__all__ = ["data_file", "load_json"]


def data_file(*parts: str) -> Traversable:
    """A file under ``sitroom/data`` (works from a wheel, an sdist or a source checkout)."""
    node = resources.files("sitroom") / "data"
    for part in parts:
        node = node / part
    return node


@lru_cache(maxsize=None)
def load_json(*parts: str) -> Any:
    """Parse a JSON data file once per process."""
    return json.loads(data_file(*parts).read_text(encoding="utf-8"))
