"""Fixtures for the TIMEX3 tagger tests: the installed small spaCy model, parsed once per text."""

from __future__ import annotations

import os
from datetime import date
from functools import lru_cache

import pytest

from sitroom.nlp.parse import parse
from sitroom.nlp.timex import Timex, find_timexes

# Wednesday 4 March 2026: the publication date issue 9 states its examples against.
DCT = date(2026, 3, 4)


@lru_cache(maxsize=512)
def tag(text: str, dct: date = DCT) -> tuple[Timex, ...]:
    """The timexes of ``text`` (parsed with the installed small model)."""
    return tuple(find_timexes(parse(text), dct))


def only(text: str, dct: date = DCT) -> Timex:
    """The single timex of ``text``; fails when there is not exactly one."""
    found = tag(text, dct)
    assert len(found) == 1, f"expected one timex in {text!r}, got {found}"
    return found[0]


def require_evalsets() -> None:
    """Skip when ../shared/evalsets is absent, unless CI=true (then fail)."""
    from sitroom.evals.report import EvalsetsMissing, evalsets_dir

    try:
        path = evalsets_dir() / "time" / "tbaq-dev.jsonl"
    except EvalsetsMissing as exc:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"evaluation corpora not available: {exc}")
    if not path.exists():
        if os.environ.get("CI") == "true":
            raise FileNotFoundError(path)
        pytest.skip(f"{path} not available")
