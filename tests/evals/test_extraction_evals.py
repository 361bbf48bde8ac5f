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


def test_gvdb_gold_hospitalized_alone_counts_as_injured_unless_strict():
    ann = {"victim-section": [{"victim-was": ["hospitalized"]}, {"victim-was": ["hospitalized", "killed"]}]}
    assert gold_counts(ann) == (1, 1)
    assert gold_counts(ann, hospitalized_is_injured=False) == (1, 0)


@pytest.fixture(scope="module")
def nlp_model():
    from sitroom.nlp.parse import ModelMissing, load_nlp

    try:
        return load_nlp()
    except ModelMissing as exc:  # pragma: no cover - the model is a pinned dependency
        pytest.skip(str(exc))


def test_gvdb_prediction_reads_the_lede_and_drops_background(nlp_model):
    from sitroom.evals.gvdb import predict_counts

    text = ("Man shot dead near a gas station.\nA 30-year-old welder was shot dead near a gas station on Friday "
            "in 2016, police said. Two other men were wounded. In 2009, 14 people were killed on the "
            "same block. No arrests have been made.")
    assert predict_counts(nlp_model(text)) == (1, 2)


def test_ucdp_headline_count_skips_round_ups(nlp_model):
    from sitroom.evals.ucdp import headline_count

    assert headline_count(nlp_model("Roadside bomb kills seven soldiers near Kandahar")) == 7
    assert headline_count(nlp_model("More than 300 villagers were killed yesterday")) is None
    assert headline_count(nlp_model("Mortar rounds kill and wound more than 60 residents")) is None


def test_gvdb_prediction_shot_then_died(nlp_model):
    from sitroom.evals.gvdb import predict_counts

    two = "Two men shot outside bar.\nTwo men were shot outside a bar on Friday. One of them later died in hospital."
    assert predict_counts(nlp_model(two)) == (1, 1)
    one = "Man shot dead.\nA man was shot on Friday. He died at the hospital."
    assert predict_counts(nlp_model(one)) == (1, 0)
    hurt = "Shooting leaves one injured.\nA woman was shot in the arm on Elm Street. She is in stable condition."
    assert predict_counts(nlp_model(hurt)) == (0, 1)


def test_gvdb_prediction_counts_the_attacker_who_died_too(nlp_model):
    from sitroom.evals.gvdb import predict_counts

    suicide = ("Man kills wife.\nA man shot and killed his wife before turning the gun on himself on Sunday, "
               "police said.")
    assert predict_counts(nlp_model(suicide)) == (2, 0)
    police = ("Three killed at mall.\nA gunman killed three people and wounded two others at a shopping mall "
              "before he was shot dead by police.")
    assert predict_counts(nlp_model(police)) == (4, 2)
    included = "Two dead in office shooting.\nTwo people, including the gunman, were killed at an office park."
    assert predict_counts(nlp_model(included)) == (2, 0)


def test_gvdb_prediction_separate_clauses_keep_their_outcomes(nlp_model):
    from sitroom.evals.gvdb import predict_counts

    both = ("Officer shot, suspect killed.\nA police officer was shot and wounded and the suspect was killed in an "
            "exchange of gunfire on Monday night.")
    assert predict_counts(nlp_model(both)) == (1, 1)
    another = "Shooting leaves one dead.\nOne person died and another was injured in a shooting near the park."
    assert predict_counts(nlp_model(another)) == (1, 1)


def test_gvdb_prediction_a_named_survivor_is_not_the_named_dead(nlp_model):
    from sitroom.evals.gvdb import predict_counts

    text = ("Two shot in Ashvale.\nTomas Varrell, 41, was found lying on the pavement and pronounced dead at the "
            "scene. Ian Dorsey, 23, was taken to a hospital in Marren.")
    assert predict_counts(nlp_model(text)) == (1, 1)
    same = ("Man dies after shooting.\nPeter Lang, 30, was taken to a hospital on Friday. Lang died there "
            "on Saturday.")
    assert predict_counts(nlp_model(same)) == (1, 0)


def test_gvdb_prediction_grazed_and_other_clause(nlp_model):
    from sitroom.evals.gvdb import predict_counts

    text = ("Suspect dead after shootout.\nA robbery suspect died after exchanging gunfire with deputies on "
            "Tuesday. One deputy was grazed by a bullet.")
    assert predict_counts(nlp_model(text)) == (1, 1)
    text = ("Teen killed, two hurt.\nA 16-year-old boy was killed and two other teenagers were wounded in a "
            "drive-by shooting on Friday night.")
    assert predict_counts(nlp_model(text)) == (1, 2)
    text = ("Gunman kills three.\nA gunman killed three people at a factory on Tuesday before police shot and "
            "killed him.")
    assert predict_counts(nlp_model(text)) == (4, 0)


def test_gvdb_prediction_adds_distinct_single_victims(nlp_model):
    from sitroom.evals.gvdb import predict_counts

    also = "Shooting.\nA man was killed in a shooting on Friday. His brother was also killed."
    assert predict_counts(nlp_model(also)) == (2, 0)
    named = ("Shooting.\nMark Stone, 22, died at the scene. Luis Vega, 24, was taken to a hospital, where he "
             "died hours later.")
    assert predict_counts(nlp_model(named)) == (2, 0)
    once = ("Shooting.\nMark Stone, 22, was shot in the neck and died at the scene, officers said. Stone was "
            "a father of two.")
    assert predict_counts(nlp_model(once)) == (1, 0)


def test_gvdb_prediction_a_new_person_shot_is_not_the_dead(nlp_model):
    from sitroom.evals.gvdb import predict_counts

    text = "Shooting.\nA man was shot and killed Friday on Elm Street. A woman was shot in the leg."
    assert predict_counts(nlp_model(text)) == (1, 1)
    same = "Man shot, killed.\nA 23-year-old man was shot Friday on Elm Street. He died at a hospital."
    assert predict_counts(nlp_model(same)) == (1, 0)
    also = "Shooting.\nJohn Ray, 33, was killed Sunday. His friend, Sam Cole, was also shot but survived."
    assert predict_counts(nlp_model(also)) == (1, 1)
