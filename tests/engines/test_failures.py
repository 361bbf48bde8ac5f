"""One bad document must not stop a corpus run: it is reported with its reason and left for later.

The two ways a document fails here are the ones seen in practice: a text longer than the parser
accepts (an operator raised ``max_document_chars`` above spaCy's limit) and an extraction stage
that raises on odd input (a plugin, or a bug).
"""

from __future__ import annotations

from sitroom.extraction import DEFAULT_STAGES, ExtractionFailure, extract_many, make_document
from sitroom.ingestion import ingest_sources
from sitroom.nlp.parse import DEFAULT_MODEL, load_nlp
from sitroom.processing import process_store
from sitroom.registry import extractors
from sitroom.settings import Settings
from sitroom.store import open_store

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


def test_process_reports_the_failure_and_leaves_the_document_unprocessed(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "trip.txt").write_text(TRIP, encoding="utf-8")
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    try:
        ingest_sources(store, [str(folder)], Settings())
        _tripping_stage(monkeypatch)
        report = process_store(store, Settings(), fuse=False)
        assert report.documents == 2
        assert [reason for _, reason in report.failed] == ["extraction failed: RuntimeError: stage tripped"]
        left = store.list_documents(unprocessed=True, limit=None)
        assert [d.text for d in left] == [TRIP]  # retried by a later run, nothing half-written
    finally:
        store.close()


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
