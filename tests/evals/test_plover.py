"""PLOVER mapping and evaluation: the mapping file is consistent; a real run on the gold records."""

from __future__ import annotations

from sitroom.evals.plover import actor_match, plover_map, to_plover
from sitroom.nlp.events import sub_types
from tests.conftest import evalsets_path


def test_every_sub_type_has_a_mapping_entry_onto_a_plover_category():
    table = plover_map()
    codes = {st.code for st in sub_types()}
    assert codes == set(table["by_sub_type"])
    allowed = set(table["categories"])
    assert {v for v in table["by_sub_type"].values() if v} <= allowed
    for code, by_trigger in table["by_trigger"].items():
        assert code in codes
        assert set(by_trigger.values()) <= allowed


def test_to_plover_uses_the_trigger_to_split_bundled_sub_types():
    assert to_plover("armed_clash") == "FIGHT"
    assert to_plover("abduction") == "ASSAULT"
    assert to_plover("peaceful_protest", "rally") == "PROTEST"
    assert to_plover("other_strategic", "threaten") == "THREATEN"
    assert to_plover("other_strategic", "claim") is None
    assert to_plover("agreement", "truce") == "RETREAT"
    assert to_plover("displacement") is None


def test_actor_match_is_containment_either_way():
    assert actor_match("Kenyan riot police", ["police"])
    assert actor_match("the army", ["the army of Chad"])
    assert not actor_match("rebels", ["police"])
    assert not actor_match(None, ["police"])


def test_plover_eval_runs_on_the_gold_records():
    evalsets_path()  # skip (or fail under CI) without the corpora
    from sitroom.evals.plover import evaluate_plover

    result = evaluate_plover("dev", record=False)
    assert result["n"] > 300
    assert 0.0 <= result["accuracy"] <= result["reachable_accuracy"] <= 1.0
    assert result["per_category_recall"]["PROTEST"] > 0.5
