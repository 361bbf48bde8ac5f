"""The ranker's score is weights · features, and its weights come from a data file when one exists."""

import json
from dataclasses import fields, replace

from sitroom.geo.resolve import (FEATURES, HAND_WEIGHTS, Weights, candidate_features, load_weights, prior_features,
                                 resolve_mentions, score_prior)

from .test_ranking import _mentions


def test_every_feature_has_a_weight_of_its_name():
    names = [f.name for f in fields(Weights)]
    assert all(f in names for f in FEATURES)
    assert HAND_WEIGHTS.vector() == tuple(getattr(HAND_WEIGHTS, f) for f in FEATURES)


def test_the_chosen_reading_has_the_best_weighted_feature_sum(gaz):
    text = "Police in Dallas said the suspect later drove to Paris, Texas and then to Mosul."
    ms = _mentions(text, ["Dallas", "Paris", "Texas", "Mosul"])
    res = resolve_mentions(text, ms, gaz, w=HAND_WEIGHTS)
    w = HAND_WEIGHTS.vector()
    for indices, cands, rows in candidate_features(text, ms, gaz, HAND_WEIGHTS):
        assert all(len(x) == len(FEATURES) for x in rows)
        scores = [sum(a * b for a, b in zip(w, x)) for x in rows]
        best = cands[scores.index(max(scores))]
        assert all(res[i].place == best.place for i in indices)


def test_prior_score_is_the_dot_product_of_its_features(gaz):
    from sitroom.geo.resolve import candidates_for

    cands, hint = candidates_for("Raqqa province", gaz)
    for c in cands:
        x = prior_features(c, hint)
        assert abs(score_prior(c, hint) - sum(a * b for a, b in zip(HAND_WEIGHTS.vector(), x))) < 1e-9


def test_a_zero_weight_feature_changes_nothing(gaz):
    text = "Police in Dallas said the suspect later drove to Paris."
    ms = _mentions(text, ["Dallas", "Paris"])
    assert resolve_mentions(text, ms, gaz, w=replace(HAND_WEIGHTS, pop_top=0.0)) == \
        resolve_mentions(text, ms, gaz, w=HAND_WEIGHTS)


def test_weights_file_overrides_the_hand_weights(tmp_path):
    path = tmp_path / "ranker_weights.json"
    path.write_text(json.dumps({"weights": {"country": 8.0, "near_50": 3.5, "not_a_feature": 1.0}}))
    w = load_weights(path)
    assert w.country == 8.0 and w.near_50 == 3.5
    assert w.admin1 == HAND_WEIGHTS.admin1  # a field the file lacks keeps its hand weight


def test_missing_or_broken_weights_file_falls_back_to_the_hand_weights(tmp_path):
    assert load_weights(tmp_path / "absent.json") == HAND_WEIGHTS
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    assert load_weights(broken) == HAND_WEIGHTS


def test_a_weights_file_with_any_value_that_is_not_a_finite_number_is_ignored_whole(tmp_path):
    """NaN would rank at random; a bool, a string or a list is no weight; 1e308 overflows a sum."""
    bad = ['{"weights": {"country": NaN, "pop_scale": 1.0}}', '{"weights": {"near_50": Infinity}}',
           '{"weights": {"near_50": -Infinity}}', '{"weights": {"softmax_scale": 1e308}}',
           '{"weights": {"county_vote": 1e999}}', '{"weights": {"country": "8.5"}}',
           '{"weights": {"country": true}}', '{"weights": {"country": [1]}}', '{"weights": {"country": null}}',
           '{"weights": [1, 2]}', '[1, 2]', '"weights"', '{"weights": {"country": 1' + '0' * 400 + '}}']
    for k, text in enumerate(bad):
        path = tmp_path / f"w{k}.json"
        path.write_text(text)
        assert load_weights(path) == HAND_WEIGHTS, text


def test_a_weights_file_of_finite_numbers_applies_ints_and_floats(tmp_path):
    path = tmp_path / "w.json"
    path.write_text('{"weights": {"country": 8, "near_50": 0.0, "softmax_scale": -1.5, "old_feature": NaN}}')
    w = load_weights(path)
    assert (w.country, w.near_50, w.softmax_scale) == (8.0, 0.0, -1.5)  # an unknown name is not read


class _Stub:
    """A gazetteer of one name: a curated camp without population and two namesake towns."""

    def __init__(self) -> None:
        from sitroom.geo.gazetteer import Candidate
        from sitroom.model import Place, Precision

        def place(gid: str, precision: Precision, population: int) -> Place:
            return Place(gid, "Kestrel", "NO", None, None, 60.0, 10.0, precision, population=population)

        self.cands = (Candidate(1, place("s:1", Precision.POINT, 0), "name", None, "supplement"),
                      Candidate(2, place("g:2", Precision.TOWN, 50_000), "name", None, "geonames"),
                      Candidate(3, place("g:3", Precision.TOWN, 2_000), "name", None, "geonames"))

    def lookup(self, text: str):
        return self.cands if text == "Kestrel" else ()

    def lookup_phonetic(self, text: str):
        return ()


def test_a_floored_curated_entry_carries_none_of_the_type_and_size_features_it_replaces():
    """The floor is applied once the readings' population features are set: the camp's pop_gap
    (its gap to the largest town) goes with its other size features."""
    from .test_ranking import _mentions

    text = "Fighting was reported near Kestrel."
    w = replace(HAND_WEIGHTS, pop_gap=1.0, pop_top=1.0)
    [(_idx, cands, rows)] = candidate_features(text, _mentions(text, ["Kestrel"]), _Stub(), w)
    camp = rows[[c.id for c in cands].index(1)]
    assert camp[FEATURES.index("supplement_floor")] == 1.0
    assert all(camp[FEATURES.index(f)] == 0.0 for f in ("pop_gap", "pop_top", "pop_scale", "point_bonus"))
    town = rows[[c.id for c in cands].index(3)]
    assert town[FEATURES.index("pop_gap")] < 0  # a town keeps its gap to the largest namesake
