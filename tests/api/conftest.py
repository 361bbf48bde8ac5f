"""Fixtures for the API tests: a demo store (example reports + hand-made events) and clients."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterator

import pytest
from api_support import TOKEN, make_client
from demo_data import seed_demo
from fastapi.testclient import TestClient

from sitroom.store import open_store


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with open_store(f"sqlite:///{path}") as store:
        seed_demo(store)
    return path


@pytest.fixture(scope="session")
def client(demo_db: Path) -> Iterator[TestClient]:
    """Read-only tests share one client over the demo store."""
    with make_client(demo_db) as c:
        yield c


@pytest.fixture
def fresh_db(demo_db: Path, tmp_path: Path) -> Path:
    """A private copy of the demo store for tests that write."""
    target = tmp_path / "copy.db"
    shutil.copy(demo_db, target)
    return target


@pytest.fixture
def writer(fresh_db: Path) -> Iterator[TestClient]:
    with make_client(fresh_db) as c:
        c.headers["Authorization"] = f"Bearer {TOKEN}"
        c.headers["X-Sitroom-Analyst"] = "alice"
        yield c
