"""PolNeAR reader and scorer on files the tests write; the real corpus when it is there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitroom.evals import polnear
from sitroom.evals.report import EvalsetsMissing, evalsets_dir

ANN_A = (
    "T1\tSource 0 11\tThe minister\n"
    "T2\tCue 12 16\tsaid\n"
    "T3\tContent 17 40;45 50\tthe road was closed all\tnight\n"
    "T4\tAttribution 12 16\tsaid\n"
    "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
    "#1\tAnnotatorNotes T1\tfree text\n"
)
ANN_B = "T1\tSource 0 11\tThe minister\nT2\tCue 12 16\tsaid\n"


def write_split(root: Path) -> None:
    base = root / "polnear" / "dev"
    (base / "text").mkdir(parents=True)
    (base / "attributions").mkdir(parents=True)
    (base / "text" / "doc-one.txt").write_text("The minister said the road was closed all day and night.\n", encoding="utf-8")
    (base / "attributions" / "doc-one_ab12.ann").write_text(ANN_A, encoding="utf-8")
    (base / "attributions" / "doc-one_cd34.ann").write_text(ANN_B, encoding="utf-8")


def test_read_ann_types_and_fragments() -> None:
    spans = polnear.read_ann(ANN_A)
    assert spans["Source"] == {((0, 11),)}
    assert spans["Cue"] == {((12, 16),)}
    assert spans["Content"] == {((17, 40), (45, 50))}


def test_load_split_groups_annotators(tmp_path: Path) -> None:
    write_split(tmp_path)
    docs = polnear.load_split("dev", tmp_path)
    assert [d.name for d in docs] == ["doc-one"]
    assert len(docs[0].annotations) == 2


def test_score_spans_overlap_is_one_to_one() -> None:
    gold = {((0, 5),), ((6, 10),)}
    pred = {((0, 10),)}
    counts = polnear.score_spans(pred, gold)
    assert counts == {"tp": 1, "tp_exact": 0, "pred": 1, "gold": 2}


def test_evaluate_on_written_split(tmp_path: Path) -> None:
    write_split(tmp_path)
    result = polnear.evaluate_polnear("dev", root=tmp_path, write=False)
    assert result["documents"] == 1 and result["annotations"] == 2
    assert result["multi_annotator_documents"] == 1
    assert result["cue"]["overlap"]["f1"] == 1.0
    assert result["source"]["overlap"]["f1"] == 1.0


def test_unknown_split() -> None:
    with pytest.raises(ValueError):
        polnear.evaluate_polnear("train", write=False)


def _real_root() -> Path:
    try:
        root = evalsets_dir()
    except EvalsetsMissing:
        root = None
    if root is None or not (root / "polnear" / "dev").is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail("../shared/evalsets/polnear is missing (required when CI=true)")
        pytest.skip("../shared/evalsets/polnear not present")
    return root


@pytest.mark.evalsets
def test_real_dev_documents_load_and_score() -> None:
    root = _real_root()
    docs = polnear.load_split("dev", root)[:4]
    assert docs and all(d.annotations for d in docs)
    preds = polnear.predict(docs)
    scores = polnear.score_documents(docs, preds)
    # A smoke floor on four documents, far below the full-split figure in BENCHMARKS.md.
    assert scores["cue"]["overlap"]["f1"] > 0.4


def test_multi_annotator_document_weighs_once() -> None:
    # Annotator A marks two cues, B one; a prediction of the shared cue gets recall (1/2 + 1/1) / 2
    # of a document, and counts as one predicted span, not two.
    doc = polnear.GoldDoc("d", "x" * 40, [{"Cue": {((0, 4),), ((10, 14),)}}, {"Cue": {((0, 4),)}}])
    scores = polnear.score_documents([doc], [{"Cue": {((0, 4),)}}])
    assert scores["cue"]["predicted"] == 1.0 and scores["cue"]["gold"] == 1.5
    assert scores["cue"]["overlap"]["precision"] == 1.0
    assert scores["cue"]["overlap"]["recall"] == round(1 / 1.5, 4)
