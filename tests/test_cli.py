"""The command line as a user meets it: one-line reasons, exit codes, no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitroom.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "reports"


@pytest.fixture
def db(tmp_path_factory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('cli') / 'cli.db'}"


def run(*args: str, db: str | None = None):
    runner = CliRunner()
    argv = (["--db", db] if db else []) + list(args)
    return runner.invoke(main, argv, catch_exceptions=False)


def test_examples_ingest_then_reingest_then_search(db):
    first = run("ingest", str(EXAMPLES), db=db)
    assert first.exit_code == 0, first.output
    assert "ingested" in first.output
    again = run("ingest", str(EXAMPLES), db=db)
    assert again.exit_code == 0 and "nothing new" in again.output
    found = run("search", "escaped camp", "--format", "json", db=db)
    hits = [json.loads(line) for line in found.output.splitlines()]
    assert hits and any("al-Hol" in (h["title"] or "") or "camp" in h["snippet"].lower() for h in hits)
    assert all("[" in h["snippet"] for h in hits)


def test_binary_file_gives_one_line_reason(db, tmp_path):
    png = tmp_path / "photo.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    result = CliRunner().invoke(main, ["--db", db, "ingest", str(png)])
    assert result.exit_code == 3
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if "photo.png" in line]
    assert len(lines) == 1 and "binary" in lines[0] and "PNG image" in lines[0]


def test_partial_skip_exit_code_and_json(db, tmp_path):
    (tmp_path / "ok.txt").write_text("Headline\n\nFloods displaced hundreds of families in Duhok on Thursday.")
    (tmp_path / "empty.txt").write_text("  ")
    result = run("ingest", "--json", str(tmp_path), db=db)
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["ingested"] == 1 and report["skipped_by_reason"] == {"empty": 1}


def test_docs_show_and_prefix(db):
    run("ingest", "-q", str(EXAMPLES), db=db)
    listed = run("docs", "--format", "json", "--limit", "3", db=db)
    docs = [json.loads(line) for line in listed.output.splitlines()]
    assert len(docs) == 3 and "text" not in docs[0]
    shown = run("show", docs[0]["id"][:10], db=db)
    assert shown.exit_code == 0 and docs[0]["id"] in shown.output
    missing = CliRunner().invoke(main, ["--db", db, "show", "ffffffffffff"])
    assert missing.exit_code == 1 and "no document" in missing.output


def test_overrides_published_validation(db, tmp_path):
    (tmp_path / "a.txt").write_text("Headline\n\nShelling hit the town of Hajin overnight, residents said.")
    bad = CliRunner().invoke(main, ["--db", db, "ingest", "--published", "someday maybe", str(tmp_path)])
    assert bad.exit_code == 2 and "--published" in bad.output
    good = run("ingest", "--published", "2026-03-04T09:30:00Z", "--outlet", "Wire", str(tmp_path), db=db)
    assert good.exit_code == 0
    doc = json.loads(run("docs", "--format", "json", db=db).output.splitlines()[0])
    assert doc["outlet"] == "Wire" and doc["published"].startswith("2026-03-04T09:30")


def test_bad_store_url_is_a_clear_error():
    result = CliRunner().invoke(main, ["--db", "mysql://nope", "docs"])
    assert result.exit_code == 1 and "unsupported store URL" in result.output and "Traceback" not in result.output


def test_settings_and_db_info(db):
    listed = run("settings", db=db)
    assert "max_document_bytes" in listed.output and "SITROOM_ALLOW_PRIVATE" in listed.output
    info = json.loads(run("db", "info", "--json", db=db).output)
    assert info["schema_version"] == info["latest_schema_version"] and info["integrity"] == "ok"


def test_setting_flag_and_env(db, tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("Headline\n\n" + "A sentence about the camp. " * 50)
    result = CliRunner().invoke(main, ["--db", db, "-s", "max_document_chars=100", "ingest", "--json", str(tmp_path)])
    assert json.loads(result.output)["skipped_by_reason"] == {"too_large": 1}
    bad = CliRunner().invoke(main, ["--db", db, "-s", "max_document_chars=lots", "docs"])
    assert bad.exit_code == 2
    monkeypatch.setenv("SITROOM_MAX_DOCUMENT_CHARS", "100")
    env = CliRunner().invoke(main, ["--db", db, "ingest", "--json", str(tmp_path)])
    assert json.loads(env.output)["skipped_by_reason"] == {"too_large": 1}
    skips = json.loads(run("db", "skips", "--json", db=db).output)
    assert skips and skips[0]["reason"] == "too_large" and skips[0]["source"].endswith("a.txt")
    assert "too_large" in run("db", "skips", db=db).output


def test_jsonl_column_flags(db, tmp_path):
    dump = tmp_path / "dump.jsonl"
    dump.write_text(json.dumps({"story": "Protesters gathered in Amman on Sunday demanding higher wages.", "site": "Amman Daily"}) + "\n")
    result = run("ingest", "--text-field", "story", "--outlet-field", "site", str(dump), db=db)
    assert result.exit_code == 0
    assert json.loads(run("docs", "--format", "json", db=db).output)["outlet"] == "Amman Daily"


def test_process_reprocess_extracts_stored_documents_again(db, tmp_path):
    (tmp_path / "one.txt").write_text("Bombing in Kirkuk\n\nA car bomb killed six people at a market in Kirkuk on Monday.")
    assert run("ingest", "-q", str(tmp_path), db=db).exit_code == 0
    first = run("process", "--no-fuse", "--json", db=db)
    assert json.loads(first.output)["documents"] == 1
    assert json.loads(run("process", "--no-fuse", "--json", db=db).output)["documents"] == 0
    again = run("process", "--no-fuse", "--reprocess", "--json", db=db)
    assert again.exit_code == 0 and json.loads(again.output)["documents"] == 1
