"""One bad document must not stop a corpus run: it is reported with its reason and set aside.

The two ways a document fails here are the ones seen in practice: a text longer than the parser
accepts (an operator raised ``max_document_chars`` above spaCy's limit) and an extraction stage
that raises on odd input (a plugin, or a bug).
"""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from sitroom.extraction import (DEFAULT_STAGES, ExtractionFailure, SystemicFailure, document_id, extract_document,
                                extract_many, make_document)
from sitroom.ingestion import ingest_sources
from sitroom.nlp.parse import DEFAULT_MODEL, load_nlp
from sitroom.processing import SKIP_REASON, process_documents, process_store, systemic_reason
from sitroom.registry import extractors
from sitroom.settings import Settings
from sitroom.store import open_store
from sitroom.store.watch_alerts import pending_document_ids
from sitroom.watch.config import WatchConfig
from sitroom.watch.runner import CycleReport, Watcher

GOOD = "A car bomb killed four people in Kirkuk on Monday, police said."
TRIP = "Gunmen attacked a checkpoint near Tikrit on Sunday. TRIPWIRE"
LONG = "Shelling hit the eastern districts of the town again on Friday night. " * 40


def _tripping_stage(monkeypatch) -> None:
    """Replace the quantities stage with one that raises on a marked text (this test only)."""
    real = extractors.get(DEFAULT_STAGES["quantities"])

    def stage(doc, document, ctx):
        if "TRIPWIRE" in document.text:
            raise RuntimeError("stage tripped")
        return real(doc, document, ctx)

    monkeypatch.setitem(extractors._items, DEFAULT_STAGES["quantities"], stage)


def test_a_failing_document_yields_its_reason_and_the_batch_goes_on(monkeypatch):
    _tripping_stage(monkeypatch)
    nlp = load_nlp(DEFAULT_MODEL)  # the cache key extract_many uses
    monkeypatch.setattr(nlp, "max_length", len(LONG) - 1)
    docs = [make_document(t, published="2026-03-02", outlet="Example Wire") for t in (GOOD, TRIP, LONG, GOOD + " ")]
    out = list(extract_many(docs, batch_size=4))
    assert [d.id for d, _ in out] == [d.id for d in docs]  # every document answered, in order
    kinds = [type(r).__name__ for _, r in out]
    assert kinds == ["list", "ExtractionFailure", "ExtractionFailure", "list"]
    assert "stage tripped" in out[1][1].reason
    assert out[2][1].reason.startswith("too long for the parser")
    assert out[0][1] and out[3][1]  # the good ones keep their claims


def _store_with(tmp_path, texts: dict[str, str]):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    ingest_sources(store, [str(folder)], Settings())
    return store


def queue(store, ids: list[str]) -> None:
    """Put stored documents on the watcher's queue, as a poll that stored them would."""
    with store.transaction():
        store.backend.executemany("INSERT INTO watch_pending (document_id, queued_at) VALUES (?, ?)",
                                  [(i, "2026-03-02T00:00:00+00:00") for i in ids])


def _broken_gazetteer(tmp_path) -> Settings:
    """Settings naming a gazetteer file that is not an index (a setup fault, not a document fault)."""
    bad = tmp_path / "not-an-index.sqlite"
    bad.write_text("plain words, no database here\n" * 50, encoding="utf-8")
    return Settings().with_overrides(gazetteer_path=str(bad))


def test_process_reports_the_failure_and_sets_the_document_aside(tmp_path, monkeypatch):
    store = _store_with(tmp_path, {"good.txt": GOOD, "trip.txt": TRIP})
    try:
        _tripping_stage(monkeypatch)
        report = process_store(store, Settings(), fuse=False)
        assert report.documents == 2
        [(failed_id, reason)] = report.failed
        assert reason == "extraction failed: RuntimeError: stage tripped"
        # Set aside: marked processed with no claims, and kept in view in the skip log.
        assert store.count_documents(unprocessed=True) == 0
        assert store.claims_for_document(failed_id) == []
        [skip] = store.list_skips()
        assert (skip.source, skip.reason) == (f"document:{failed_id}", SKIP_REASON)
        assert "trip.txt" in skip.detail and "stage tripped" in skip.detail
        # The next run does not try it again (and so does not fail again) ...
        later = process_store(store, Settings(), fuse=False)
        assert (later.documents, later.failed) == (0, [])
        # ... until the operator asks for everything again.
        store.mark_unprocessed()
        retried = process_store(store, Settings(), fuse=False)
        assert retried.documents == 2 and [d for d, _ in retried.failed] == [failed_id]
    finally:
        store.close()


def test_a_small_limit_is_not_spent_on_the_same_failing_document_every_run(tmp_path, monkeypatch):
    # A failing text whose id sorts before the good one's: the run with --limit 1 meets it first.
    trip = next(t for t in (f"{TRIP} {i}" for i in range(1000)) if document_id(t) < document_id(GOOD))
    store = _store_with(tmp_path, {"good.txt": GOOD, "trip.txt": trip})
    try:
        _tripping_stage(monkeypatch)
        first = process_store(store, Settings(), fuse=False, limit=1)
        assert [d for d, _ in first.failed] == [document_id(trip)]
        second = process_store(store, Settings(), fuse=False, limit=1)
        assert second.failed == [] and second.claims > 0  # the good report got its turn
        assert store.count_documents(unprocessed=True) == 0
    finally:
        store.close()


def test_every_document_failing_alike_stops_the_run_and_keeps_them_unprocessed(tmp_path):
    store = _store_with(tmp_path, {"good.txt": GOOD, "trip.txt": TRIP})
    try:
        with pytest.raises(SystemicFailure, match="all 2 documents of a batch failed the same way"):
            process_store(store, _broken_gazetteer(tmp_path), fuse=False)
        assert store.count_documents(unprocessed=True) == 2
        assert store.list_skips() == []
    finally:
        store.close()


def test_systemic_means_two_or_more_documents_all_failing_for_one_reason():
    assert systemic_reason(["no index", "no index"], 2) == "no index"
    assert systemic_reason(["no index"], 1) is None  # one document alone proves nothing
    assert systemic_reason(["no index", "no index"], 3) is None  # another document went through
    assert systemic_reason(["too long: 2000", "too long: 3000"], 2) is None  # each its own reason


def test_the_watch_hook_raises_on_a_broken_setup_so_the_queue_is_kept(tmp_path):
    store = _store_with(tmp_path, {"good.txt": GOOD, "trip.txt": TRIP})
    try:
        ids = [d.id for d in store.list_documents(limit=None)]
        queue(store, ids)
        settings = _broken_gazetteer(tmp_path)
        watcher = Watcher(store, WatchConfig(sources=()), settings,
                          process=lambda s, d: process_documents(s, d, settings), log=lambda _m: None)
        report = CycleReport(started=datetime.now(timezone.utc))
        watcher.process_pending(report)
        assert report.process_error and "SystemicFailure" in report.process_error
        assert sorted(pending_document_ids(store)) == sorted(ids) and report.processed == 0
    finally:
        store.close()


def test_the_watch_hook_sets_one_failing_document_aside_and_goes_on(tmp_path, monkeypatch):
    store = _store_with(tmp_path, {"good.txt": GOOD, "trip.txt": TRIP})
    try:
        _tripping_stage(monkeypatch)
        ids = [d.id for d in store.list_documents(limit=None)]
        process_documents(store, ids, Settings())
        assert store.count_documents(unprocessed=True) == 0
        [skip] = store.list_skips()
        assert skip.reason == SKIP_REASON and skip.source == f"document:{document_id(TRIP)}"
    finally:
        store.close()


def test_extract_json_answers_every_file_and_process_stops_on_a_broken_setup(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from sitroom.cli import main

    nlp = load_nlp(DEFAULT_MODEL)
    monkeypatch.setattr(nlp, "max_length", len(LONG) - 1)
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(LONG, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", "--format", "json", "--published", "2026-03-02",
                                       str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], catch_exceptions=False)
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 2 and lines[0]["claims"]
    assert lines[1]["title"] == "b.txt" and lines[1]["error"].startswith("too long for the parser")
    assert lines[1]["document_id"] == document_id(LONG)

    db = f"sqlite:///{tmp_path / 'cli.db'}"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.txt").write_text(GOOD, encoding="utf-8")
    (folder / "two.txt").write_text(TRIP, encoding="utf-8")
    assert CliRunner().invoke(main, ["--db", db, "ingest", "-q", str(folder)]).exit_code == 0
    bad = _broken_gazetteer(tmp_path).gazetteer_path
    stopped = CliRunner().invoke(main, ["--db", db, "-s", f"gazetteer_path={bad}", "process", "--no-fuse"])
    assert stopped.exit_code == 1 and "processing stopped" in stopped.output
    assert stopped.exception is None or isinstance(stopped.exception, SystemExit)  # a message, no traceback


def test_failure_is_a_plain_value():
    assert ExtractionFailure("x") == ExtractionFailure("x")


def test_a_ray_worker_sends_the_reason_back(monkeypatch):
    """The worker's answer carries the failure (decoded by RayEngine.extract into the same value)."""
    import json

    from sitroom.engines.ray_engine import ClaimWorker
    from sitroom.model import to_jsonable

    _tripping_stage(monkeypatch)
    docs = [make_document(t, published="2026-03-02", outlet="Example Wire") for t in (GOOD, TRIP)]
    worker = ClaimWorker(DEFAULT_MODEL, None)
    answer = dict(worker.extract([json.dumps(to_jsonable(d)) for d in docs]))
    assert isinstance(json.loads(answer[docs[0].id]), list)
    assert json.loads(answer[docs[1].id]) == {"failure": "extraction failed: RuntimeError: stage tripped"}


def test_a_stage_that_raises_leaves_no_scratch_on_the_parse(monkeypatch, nlp):
    """The parse may be handed on (a DocBin cache): a failed extraction must clean it as a good one does."""
    def stage(doc, document, ctx):
        doc.user_data["sitroom.half_done"] = object()  # a lookup spaCy cannot serialise
        raise RuntimeError("stage tripped midway")

    monkeypatch.setitem(extractors._items, "test.scratch_then_raise.v1", stage)
    document = make_document(GOOD, published="2026-03-02", outlet="Example Wire")
    doc = nlp(GOOD)
    with pytest.raises(RuntimeError, match="midway"):
        extract_document(document, doc, stages={"actors": "test.scratch_then_raise.v1"})
    assert not [k for k in doc.user_data if isinstance(k, str) and k.startswith("sitroom.") and k != "sitroom.text"]
