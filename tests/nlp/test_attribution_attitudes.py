"""Attitude cues, verbal attacks, intentions and clause hedges on sentences written for these tests."""

from __future__ import annotations

from sitroom.nlp.attribution import find_attributions
from sitroom.nlp.attribution.base import Mention
from sitroom.nlp.parse import parse

from attribution_support import mentions


def cue_of(text: str, word: str) -> tuple[str, str | None, str]:
    found = [m for m in mentions(text) if word in m[0]]
    assert len(found) == 1, mentions(text)
    return found[0]


def test_attitude_adjective_with_preposition() -> None:
    cue, speaker, pattern = cue_of("The governor has been critical of the agreement since March.", "critical")
    assert cue == "has been critical of" and speaker == "The governor" and pattern == "attitude"


def test_attitude_adjective_with_clause() -> None:
    cue, speaker, _ = cue_of("Aid groups are afraid that the wells will run dry before summer.", "afraid")
    assert cue == "are afraid" and speaker == "Aid groups"


def test_extraposed_judgement_has_no_speaker() -> None:
    cue, speaker, _ = cue_of("It is clear that the convoy never reached the town.", "clear")
    assert cue == "is clear" and speaker is None


def test_adjective_not_after_a_copula_is_no_cue() -> None:
    assert mentions("A clear road led to the critical border crossing.") == []


def test_evidential_verb_is_the_writers_judgement() -> None:
    cue, speaker, _ = cue_of("The ceasefire seems to be holding in the north.", "seems")
    assert cue == "seems" and speaker is None
    assert mentions("The minister appeared on state television on Monday.") == []


def test_attitudes_make_no_chain() -> None:
    text = "The governor has been critical of the agreement since March."
    assert [a for a in find_attributions(parse(text), "Example Wire") if a.cue is not None] == []


def test_verbal_attack_with_a_person_or_a_reason() -> None:
    cue, speaker, _ = cue_of("The senator attacked the minister for his handling of the crisis.", "attacked")
    assert speaker == "The senator"
    cue, speaker, _ = cue_of("Jane Roe attacked John Doe in a series of posts.", "attacked")
    assert speaker == "Jane Roe"


def test_physical_attack_is_no_cue() -> None:
    assert mentions("Gunmen attacked a checkpoint near the border on Sunday.") == []


def test_intention_with_infinitive() -> None:
    cue, speaker, pattern = cue_of("The council is seeking to delay the vote until spring.", "seeking")
    assert cue == "is seeking" and speaker == "The council" and pattern == "attitude"


def test_finding_verb_keeps_its_own_clause() -> None:
    # "trusted" is not a parenthetical of "showed": the poll's finding stays a mention of its own.
    cue, speaker, _ = cue_of("Polls showed that few residents trusted the council.", "showed")
    assert speaker == "Polls"


def test_went_on_to_explain() -> None:
    cue, speaker, _ = cue_of("The commander went on to explain how the convoy was stopped.", "explain")
    assert speaker == "The commander"


def test_first_person_speaker() -> None:
    cue, speaker, _ = cue_of("I believe the talks will fail.", "believe")
    assert speaker == "I"


def test_perception_passive_without_agent_is_no_cue() -> None:
    assert mentions("A second device was found near the station.") == []


def test_conjoined_verb_shares_the_subject() -> None:
    text = "The mayor praised the volunteers and urged residents to stay indoors."
    assert cue_of(text, "urged")[1] == "The mayor"


def test_hedge_in_source_phrase_is_not_a_hedge_of_the_claim() -> None:
    text = "Between 300 and 400 people fled the town, according to officials familiar with the assessment."
    [a] = [a for a in find_attributions(parse(text), "Example Wire") if a.cue is not None]
    assert "assessment" not in a.hedges


def test_next_sentence_naming_the_claim_an_estimate() -> None:
    text = (
        "Between 300 and 400 people fled the town, according to local officials.\n\n"
        "The estimate, which was not published, is higher than earlier figures."
    )
    [a] = [a for a in find_attributions(parse(text), "Example Wire") if a.cue is not None]
    assert a.hedges == ("estimate",)
    assert [s.quote(text) for s in a.hedge_spans] == ["estimate"]


def test_estimating_cue_of_the_clause_is_kept() -> None:
    text = "The agency, citing officials familiar with the assessment, estimates that 500 people left."
    [a] = [a for a in find_attributions(parse(text), "Example Wire") if a.cue is not None]
    assert a.hedges == ("estimates",)


def test_mention_type_is_exported() -> None:
    assert Mention.__name__ == "Mention"


def test_title_case_headline_verb() -> None:
    text = "Border Mayors Rip Governor Over Camp Closure\n\nThe mayors met on Friday."
    cue, speaker, _ = cue_of(text, "Rip")
    assert cue == "Rip" and speaker == "Border Mayors"
    text = "New Survey Shows Few Families Returned\n\nThe survey was small."
    assert cue_of(text, "Shows")[1] == "New Survey"


def test_title_case_noun_phrase_is_no_headline_cue() -> None:
    text = "A Reconstruction Plan for the Valley\n\nEngineers met on Friday."
    assert [m for m in mentions(text) if m[0] == "Plan"] == []


def test_headline_colon_speaker_before_quotation() -> None:
    text = "Governor Rebukes Council: ‘We Will Not Wait Any Longer.’\n\nThe council met on Friday."
    assert (":", "Governor Rebukes Council", "punctuation") in mentions(text)
    text = "Okafor: the border will stay closed until spring\n\nThe minister spoke on Friday."
    assert (":", "Okafor", "punctuation") in mentions(text)


def test_heading_line_is_not_the_speaker() -> None:
    text = "The Latest on the floods (all times local):\n\n4:10 p.m.\n\nThe governor says the dam is holding."
    found = [m for m in mentions(text) if m[0] == "says"]
    assert found and found[0][1] == "The governor"


def test_document_subject_with_object() -> None:
    assert cue_of("Satellite images show a wide breach in the fence.", "show")[1] == "Satellite images"


def test_stance_noun_after_copula() -> None:
    cue, speaker, _ = cue_of("Maria Okafor has long been a vocal critic of the blockade.", "critic")
    assert cue.endswith("a vocal critic of") and speaker == "Maria Okafor"


def test_reaction_received() -> None:
    cue, speaker, pattern = cue_of("The ministry has faced sharp criticism from aid groups over the delays.", "criticism")
    assert "criticism" in cue and speaker is not None and speaker.startswith("aid groups")
    assert pattern == "attitude"
    cue, speaker, _ = cue_of("The governor came under fire for the curfew.", "fire")
    assert speaker is None


def test_speaking_needs_a_topic() -> None:
    assert mentions("The envoy spoke at a dinner in Geneva on Friday.") == []
    assert cue_of("The envoy spoke about the talks on Friday.", "spoke")[1] == "The envoy"


def test_made_clear_reports_its_clause() -> None:
    text = "Officials made clear that the border would stay closed."
    [a] = [a for a in find_attributions(parse(text), "Example Wire") if a.cue is not None]
    assert a.content_span is not None and a.content_span.quote(text) == "that the border would stay closed"
    assert [s.name for s in a.chain][-1] == "Officials"


def test_speaker_is_not_inside_the_quotation() -> None:
    text = '"My answer, that was a mistake," the former camp director said in an interview.'
    assert cue_of(text, "said")[1] == "the former camp director"


def test_medium_phrase_without_a_cue_verb() -> None:
    text = "In a statement on Friday, the ministry was more cautious about the talks."
    found = [m for m in mentions(text) if m[2] == "nominal"]
    assert found == [("In a statement", "the ministry", "nominal")]
    # "said in a statement": the verb is the cue, the phrase adds none.
    assert [m for m in mentions("The ministry said in a statement that talks would resume.") if m[2] == "nominal"] == []
