"""Shared fixtures: stores on both engines, the evalsets guard, builders.

Under ``CI=true`` nothing may skip for a missing service or corpus: the guards fail instead.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Iterator

import pytest

from sitroom.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
IN_CI = os.environ.get("CI", "").lower() == "true"
DEFAULT_TEST_PG = "postgresql://sitroom:sitroom@127.0.0.1:5432/sitroom_test"


def skip_or_fail(reason: str) -> None:
    """Skip on a developer's machine; fail under CI, where every service must be there."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: a missing service or corpus is a failure)")
    pytest.skip(reason)


def evalsets_path() -> Path:
    path = Path(os.environ.get("SITROOM_EVALSETS", ROOT.parent / "shared" / "evalsets"))
    if not path.is_dir():
        skip_or_fail(f"evaluation corpora not found at {path}")
    return path


@pytest.fixture(scope="session")
def nlp():
    """The installed small model, loaded once per test session (the one parse every extractor reads)."""
    from sitroom.nlp.parse import ModelMissing, load_nlp

    try:
        return load_nlp()
    except ModelMissing as exc:  # the model is a pinned dependency: missing it is a broken install
        skip_or_fail(str(exc))


@pytest.fixture(scope="session")
def evalsets() -> Path:
    return evalsets_path()


@pytest.fixture(scope="session")
def pg_admin_url() -> str:
    """A PostgreSQL URL whose role may create schemas (SITROOM_TEST_POSTGRES or the CI default)."""
    url = os.environ.get("SITROOM_TEST_POSTGRES", DEFAULT_TEST_PG)
    try:
        import psycopg

        with psycopg.connect(url, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - any failure means: no server for the tests
        skip_or_fail(f"PostgreSQL not reachable at {url}: {type(exc).__name__}")
    return url


@pytest.fixture
def pg_url(pg_admin_url: str) -> Iterator[str]:
    """A fresh, empty schema on the test server, dropped afterwards."""
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_admin_url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in pg_admin_url else "?"
    yield f"{pg_admin_url}{sep}options=-csearch_path%3D{schema}"
    with psycopg.connect(pg_admin_url, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store URL on each engine: the whole store suite runs against both."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'store.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = open_store(store_url)
    yield s
    s.close()


@pytest.fixture
def sqlite_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = open_store(f"sqlite:///{tmp_path_factory.mktemp('db') / 'store.db'}")
    yield s
    s.close()
