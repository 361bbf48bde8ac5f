"""Helpers for the API tests (a module of its own: test files cannot import a conftest reliably)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from fastapi.testclient import TestClient

from sitroom.api import create_app
from sitroom.settings import Settings

TOKEN = "test-token-0123456789"
LOCAL = ("127.0.0.1", 50123)


def make_client(db: Path, *, client: tuple[str, int] = LOCAL, **settings: object) -> TestClient:
    conf = replace(Settings(db=f"sqlite:///{db}", token=TOKEN), **settings)
    return TestClient(create_app(conf), client=client, base_url="http://127.0.0.1:8000")
