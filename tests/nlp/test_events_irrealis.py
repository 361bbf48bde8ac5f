"""Irrealis: a to-infinitive governed by effort, intention or bidding names a goal, not a happening,
while achievement, sequence and ability verbs report outcomes. Every sentence is ours."""

from __future__ import annotations

import pytest

from sitroom.nlp.events import classify_events


def subtypes(nlp, text):
    return [m.sub_event_type for m in classify_events(nlp(text))]


@pytest.mark.parametrize("text, goal", [
    ("The coalition said it was working with partners to locate and detain dangerous individuals.", "Arrests"),
    # quoted goal: the parser hangs "detain" off the noun, the goal still governs it
    ('The alliance said it was working with partners "to locate and detain" dangerous individuals.', "Arrests"),
    ("Police are seeking to arrest the two brothers.", "Arrests"),
    ("Officials urged the police to arrest the gunmen.", "Arrests"),
    ("The ministry approved a plan to evacuate the remaining families from the camp.", "Evacuation"),
    ("Troops were sent in order to arrest the suspects.", "Arrests"),
    ("Police raided the house so as to arrest the smugglers.", "Arrests"),
    ("Police launched efforts to arrest the smugglers.", "Arrests"),
    ("Their goal was to seize the airport before the rainy season.", "Non-state actor overtakes territory"),
    ("The rebels made a bid to seize the airport on Sunday.", "Non-state actor overtakes territory"),
    ("Ankara called on European states to repatriate their nationals from the camps.", "Evacuation"),
    ("Police did not try to arrest the marchers.", "Arrests"),
    ("Police failed to arrest the suspects.", "Arrests"),
])
def test_a_goal_is_no_happening(nlp, text, goal):
    assert goal not in subtypes(nlp, text)


@pytest.mark.parametrize("text, outcome", [
    ("Police managed to arrest the gunmen after a chase.", "Arrests"),
    ("Police went on to arrest three more suspects.", "Arrests"),
    ("Police were able to arrest the gunmen.", "Arrests"),
    ("Police succeeded in arresting the gunmen.", "Arrests"),
    ("Police fired tear gas to disperse the protesters.", "Protest with intervention"),
    # a clause with its own tense inside a goal tells its own happening
    ("Officials called on the coalition to track down militants who escaped from the camp.",
     "Escape from detention or camp"),
    ("The spokesman declined to comment on reports that hundreds had escaped from the prison.",
     "Escape from detention or camp"),
])
def test_an_outcome_is_a_happening(nlp, text, outcome):
    assert outcome in subtypes(nlp, text)


def test_a_negated_arrest_stays_negated(nlp):
    ms = [m for m in classify_events(nlp("Police did not arrest anyone.")) if m.sub_event_type == "Arrests"]
    assert ms and ms[0].negated


@pytest.mark.parametrize("text, kept", [
    # the thing acted on inside a goal is there already: a handover to exploit, not a goal
    ("Officials warned that smugglers were preparing to exploit the handover of the camp.",
     "Handover/transfer of control"),
])
def test_a_participant_inside_a_goal_is_kept(nlp, text, kept):
    assert kept in subtypes(nlp, text)


def test_a_light_verb_passes_the_goal_on(nlp):
    assert "Suicide bomb" in subtypes(nlp, "The cell carried out a suicide bombing in the capital.")
    assert "Suicide bomb" not in subtypes(nlp, "The cell was planning to carry out a suicide bombing in the capital.")


@pytest.mark.parametrize("text, told, happened", [
    ("The army will evacuate the villages next week.", "Evacuation", False),
    ("The ministry said it would evacuate the camp's remaining residents.", "Evacuation", False),
    ("Police will not arrest the marchers, the mayor said.", "Arrests", False),
    ("The army evacuated the villages last week.", "Evacuation", True),
    ("The ministry said it had evacuated the camp's remaining residents.", "Evacuation", True),
    # a narrator's future in the past tells what happened next
    ("The men fled, but police would eventually arrest all three.", "Arrests", True),
    ("Police will later arrest the men.", "Arrests", False),
])
def test_a_future_happening_is_not_yet_one(nlp, text, told, happened):
    assert (told in subtypes(nlp, text)) is happened


@pytest.mark.parametrize("text, sub_type", [
    ("Soldiers attempted to enter the village and opened fire, killing five civilians in Marren.", "Attack"),
    ("Police said militants had planned to attack a church in Marren and were arrested on Sunday.", "Arrests"),
    ("Police worked with Interpol to arrest the suspect in Marren on Monday.", "Arrests"),
])
def test_a_happening_beside_a_goal_is_still_a_happening(nlp, text, sub_type):
    """A clause with its own tense joined to a goal ("attempted to enter and opened fire"), a
    result clause after a comma and a past joint deed's purpose tell what happened."""
    assert sub_type in [m.sub_event_type for m in classify_events(nlp(text))]


@pytest.mark.parametrize("text", [
    "Gunmen attempted on Monday, without success, to storm the army base in Marren.",
    "If talks fail, the army would then attack Marren, officials said.",
])
def test_a_past_attempt_and_a_conditional_are_no_happenings(nlp, text):
    assert not classify_events(nlp(text))
