"""Smoke test of the evaluation harness on two dev documents (skips without ../shared/evalsets)."""

import os

import pytest

from sitroom.evals.report import EvalsetsMissing


def skip_or_fail(reason: str) -> None:
    """Skip on a developer's machine; fail under CI=true, where the corpora must be present."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: a missing corpus is a failure)")
    pytest.skip(reason)


def test_evaluate_geo_smoke(gaz, tmp_path):
    from sitroom.evals.geo import evaluate_geo

    try:
        res = evaluate_geo("geowebnews", "dev", gazetteer=gaz, limit=2, predictions=tmp_path / "p.jsonl")
    except EvalsetsMissing as exc:
        skip_or_fail(str(exc))
        return
    assert res["documents"] == 2
    assert {"geotagging_overlap", "geocoding"} <= set(res)
    assert (tmp_path / "p.jsonl").exists()


def test_unknown_corpus_rejected():
    from sitroom.evals.geo import evaluate_geo

    with pytest.raises(ValueError):
        evaluate_geo("nosuch", "dev")


def test_event_location_smoke(gaz):
    from sitroom.evals.event_location import evaluate_event_location

    try:
        res = evaluate_event_location("dev", gazetteer=gaz, limit=5)
    except EvalsetsMissing as exc:
        skip_or_fail(str(exc))
        return
    assert res["sentences"] == 5
    assert 0.0 <= res["accuracy"] <= res["candidate_recall"] + 1e-9 or res["accuracy"] <= 1.0
