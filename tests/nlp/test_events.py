"""classify_events: typed happenings with triggers, confidence and negation."""

from __future__ import annotations

import pytest

from sitroom.nlp.events import classify_document, classify_events, sub_types, taxonomy


def subtypes(nlp, text):
    return [m.sub_event_type for m in classify_events(nlp(text))]


def test_taxonomy_has_acled_sub_types_and_extensions():
    names = {st.name for st in sub_types()}
    for name in ["Armed clash", "Air/drone strike", "Suicide bomb", "Remote explosive/landmine/IED", "Grenade",
                 "Peaceful protest", "Protest with intervention", "Excessive force against protesters",
                 "Violent demonstration", "Mob violence", "Arrests", "Agreement", "Abduction/forced disappearance",
                 "Escape from detention or camp", "Displacement", "Evacuation", "Handover/transfer of control",
                 "Natural disaster/flood"]:
        assert name in names
    assert taxonomy()["version"] == 1


@pytest.mark.parametrize("text, expected", [
    ("Hundreds of detainees escaped from the camp overnight.", "Escape from detention or camp"),
    ("A roadside bomb exploded near a convoy.", "Remote explosive/landmine/IED"),
    ("Warplanes carried out air strikes on the town.", "Air/drone strike"),
    ("Police fired tear gas to disperse the protesters.", "Protest with intervention"),
    ("Students staged a peaceful protest outside parliament.", "Peaceful protest"),
    ("Police arrested 40 suspects near the border.", "Arrests"),
    ("A suicide bomber blew himself up at a checkpoint.", "Suicide bomb"),
    ("Artillery shells hit the village.", "Shelling/artillery/missile attack"),
    ("Gunmen kidnapped nine students from a school.", "Abduction/forced disappearance"),
    ("The two sides agreed to a ceasefire.", "Agreement"),
    ("The guards handed over control of the camp to the army.", "Handover/transfer of control"),
    ("Officials announced an evacuation plan for the camp.", "Evacuation"),
    ("Floods swept through the valley.", "Natural disaster/flood"),
])
def test_sub_types(nlp, text, expected):
    assert expected in subtypes(nlp, text)


def test_one_mention_per_clause(nlp):
    assert subtypes(nlp, "An air strike killed six civilians in the village.") == ["Air/drone strike"]


def test_several_happenings_give_several_mentions(nlp):
    got = subtypes(nlp, "Detainees escaped from the camp on Monday. Police arrested 12 of them on Tuesday.")
    assert got == ["Escape from detention or camp", "Arrests"]


@pytest.mark.parametrize("text, denied", [
    ("Officials denied reports that a car bomb exploded near the bridge on Monday.", True),
    ("Police dismissed claims of a car bomb near the bridge.", True),
    ("Reports of an attack on the base were dismissed by the army.", True),
    # the denial's object is entry, not the strike, which happened
    ("The government denied entry to aid convoys after an air strike killed five people.", False),
    ("A car bomb exploded near the bridge, police said.", False),
])
def test_a_denied_report_is_a_negated_happening(nlp, text, denied):
    assert [m.negated for m in classify_events(nlp(text))][:1] == [denied]


def test_negation(nlp):
    ms = classify_events(nlp("The army denied that its jets bombed the market."))
    assert ms and ms[0].negated
    ms = classify_events(nlp("Detainees escaped from the prison."))
    assert ms and not ms[0].negated


def test_confidence_and_spans(nlp):
    text = "A car bomb exploded in the market."
    m = classify_events(nlp(text))[0]
    assert 0 < m.confidence < 1
    assert m.trigger_span.quote(text) == m.trigger
    assert m.sentence_span.quote(text) == text


def test_classify_document_restricts_labels(nlp):
    doc = nlp("Floods swept through the valley and police arrested looters.")
    m = classify_document(doc, allowed_case_labels=frozenset({"ARREST"}))
    assert m is not None and m.case_label == "ARREST"


def test_phrase_literal_prefilter_never_skips_a_match():
    """The speed-up that skips phrase patterns whose required word is absent must be safe."""
    from hypothesis import HealthCheck, given, settings, strategies as st

    from sitroom.nlp.event_lexicon import _literal

    patterns = [p for group in taxonomy()["types"] for s in group["sub_types"] for p in s.get("phrases", {})]

    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.sampled_from(patterns).flatmap(lambda p: st.tuples(st.just(p), st.from_regex(p, fullmatch=True))))
    def check(item):
        pattern, text = item
        assert _literal(pattern) in text.lower()

    check()


@pytest.mark.parametrize("text", [
    "Officials said it was unclear whether the missing men had left of their own accord.",
    "The convoy caused a great deal of anger in the market town.",
])
def test_an_idiom_holding_a_trigger_word_is_no_happening(nlp, text):
    assert "Agreement" not in subtypes(nlp, text)


def test_the_trigger_word_outside_the_idiom_still_types(nlp):
    assert "Agreement" in subtypes(nlp, "The two parties signed a peace accord on Monday.")


def test_intercepted_talk_is_no_disrupted_weapon(nlp):
    text = "Analysts relied on intercepted communications and on reports from informants."
    assert "Disrupted weapons use" not in subtypes(nlp, text)
    assert "Disrupted weapons use" in subtypes(nlp, "Air defences intercepted two drones over the airport.")


def test_a_trigger_word_outside_the_idioms_frame_still_types(nlp):
    assert "Agreement" in subtypes(nlp, "The two rebel factions signed their own accord in Doha on Monday.")


def test_a_verb_is_not_read_in_its_nouns_only_sense(nlp):
    assert "Natural disaster/flood" not in subtypes(nlp, "Gunmen stormed the prison in Marren on Monday.")
    assert "Natural disaster/flood" in subtypes(nlp, "Marren was hit by a storm on Monday.")


def test_a_prison_handed_to_other_guards_is_a_handover(nlp):
    text = "The militia handed the central prison in Marren to government forces on Sunday."
    assert "Handover/transfer of control" in subtypes(nlp, text)
    assert "Handover/transfer of control" not in subtypes(nlp, "She handed the letter to the governor on Monday.")
