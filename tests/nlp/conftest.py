"""Shared fixtures for extractor tests: the installed small model, loaded once per session."""

from __future__ import annotations

import pytest

from sitroom.nlp.parse import ModelMissing, load_nlp


@pytest.fixture(scope="session")
def nlp():
    try:
        return load_nlp()
    except ModelMissing as exc:  # pragma: no cover - the model is a pinned dependency
        pytest.skip(str(exc))
