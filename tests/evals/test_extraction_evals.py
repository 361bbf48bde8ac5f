"""Extraction evals: scorer arithmetic always; a few corpus rows when ../shared/evalsets is there."""

from __future__ import annotations

import os

import pytest

from sitroom.evals.case2021 import SEEN_LABELS, weighted_f1
from sitroom.evals.gvdb import gold_counts
from sitroom.evals.report import EvalsetsMissing, evalsets_dir


def _evalsets_or_skip():
    try:
        return evalsets_dir()
    except EvalsetsMissing as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but evaluation corpora are missing: {exc}")
        pytest.skip(f"evaluation corpora not available: {exc}")


def test_weighted_f1_matches_hand_computation():
    gold = ["ARREST", "ARREST", "GRENADE", "OTHER"]
    pred = ["ARREST", "GRENADE", "GRENADE", "OTHER"]
    out = weighted_f1(gold, pred, SEEN_LABELS)
    # ARREST: p=1 r=.5 f=.667 (w 2); GRENADE: p=.5 r=1 f=.667 (w 1); OTHER: 1 (w 1)
    assert out["weighted_f1"] == pytest.approx((2 * 2 / 3 + 2 / 3 + 1) / 4, abs=1e-3)


def test_gvdb_gold_counts_victims_by_outcome():
    ann = {"victim-section": [{"victim-was": ["killed"]}, {"victim-was": ["injured"]},
                              {"victim-was": ["injured", "killed"]}]}
    assert gold_counts(ann) == (2, 1)


def test_gvdb_runs_on_a_few_dev_articles():
    _evalsets_or_skip()
    from sitroom.evals.gvdb import evaluate_gvdb

    out = evaluate_gvdb("dev", limit=5, record=False)
    assert out["n"] == 5 and 0.0 <= out["killed_exact"] <= 1.0
