"""Engines: the same claims whether extraction runs here or on Ray workers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitroom.cli import main
from sitroom.engines import get_engine
from sitroom.ingestion import ingest_sources
from sitroom.model import to_jsonable
from sitroom.processing import process_store
from sitroom.settings import Settings
from sitroom.store import open_store

REPORTS = Path(__file__).resolve().parents[2] / "examples" / "reports"


def test_unknown_engine_is_a_clear_error():
    with pytest.raises(ValueError, match="no engine named 'spark'"):
        get_engine(Settings(engine="spark"))
    with pytest.raises(ValueError, match="ray_workers"):
        get_engine(Settings(engine="ray", ray_workers="many"))


def _claims(url: str) -> dict[str, list]:
    store = open_store(url)
    try:
        return {d.id: sorted(json.dumps(to_jsonable(c), sort_keys=True) for c in store.claims_for_document(d.id))
                for d in store.list_documents(limit=None)}
    finally:
        store.close()


def test_ray_engine_gives_the_local_claims(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in sorted(p.name for p in REPORTS.glob("*.txt"))[:8]:
        shutil.copy(REPORTS / name, folder / name)
    urls = {}
    for engine in ("local", "ray"):
        urls[engine] = f"sqlite:///{tmp_path / engine}.db"
        store = open_store(urls[engine])
        ingest_sources(store, [str(folder)], Settings())
        store.close()
    local = open_store(urls["local"])
    process_store(local, Settings(), fuse=False)
    local.close()

    # Through the CLI, as a user runs it: two workers on a local Ray instance.
    result = CliRunner().invoke(main, ["--db", urls["ray"], "process", "--engine", "ray", "--workers", "2",
                                       "--batch-size", "3", "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    report = json.loads(result.output[result.output.index("{"):])
    assert report["documents"] == 8 and report["claims"] > 8 and not report["failed"]
    assert report["fusion"]["events_created"] > 0

    ours, theirs = _claims(urls["local"]), _claims(urls["ray"])
    assert ours == theirs and sum(map(len, ours.values())) == report["claims"]
    again = CliRunner().invoke(main, ["--db", urls["ray"], "process", "--engine", "ray", "--json"])
    assert json.loads(again.output[again.output.index("{"):])["documents"] == 0  # resumable: nothing left
