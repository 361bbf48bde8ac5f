"""The helpers behind a verb cue, each on its own (speakers, content, cue words, citing,
according to): the modules split out of the mention finder answer one question each."""

from __future__ import annotations

import pytest
from attribution_support import mentions

from sitroom.nlp.attribution import find_attributions, find_mentions
from sitroom.nlp.attribution.according import according_mentions
from sitroom.nlp.attribution.citing import citing_of, recipient_of
from sitroom.nlp.attribution.content import clause_content
from sitroom.nlp.attribution.cue_words import calls_something, cue_tokens
from sitroom.nlp.attribution.lexicon import lexicon
from sitroom.nlp.attribution.speakers import inherited_subject, subject_of
from sitroom.nlp.parse import parse


def _token(doc, word):
    return next(t for t in doc if t.text == word)


def test_subject_and_inherited_subject():
    doc = parse("The mayor said the road was closed and added that repairs would take a week.")
    assert subject_of(_token(doc, "said")).text == "mayor"
    assert inherited_subject(_token(doc, "added")).text == "mayor"


def test_clause_content_is_the_reported_clause():
    doc = parse("The ministry said that the convoy reached the town on Monday.")
    start, end = clause_content(_token(doc, "said"), set())
    assert doc[start:end].text.endswith("reached the town on Monday")


def test_cue_tokens_keep_auxiliaries_and_particle():
    doc = parse("The council has called for an inquiry into the fire.")
    assert [t.text for t in cue_tokens(_token(doc, "called"))] == ["has", "called", "for"]
    assert calls_something(_token(doc, "called"))


def test_phone_call_is_not_a_cue():
    doc = parse("She called the office twice.")
    assert not calls_something(_token(doc, "called"))


def test_citing_and_recipient():
    lex = lexicon()
    doc = parse("The newspaper, citing two officials, said the camp was empty.")
    found = citing_of(_token(doc, "said"), lex)
    assert found is not None and found[1] is not None and found[1].text == "officials"
    doc = parse("A spokesman told Reuters the talks had stalled.")
    assert recipient_of(_token(doc, "told"), lex).text == "Reuters"


def test_according_to_mention():
    text = "Twelve people were hurt, according to the regional health office."
    doc = parse(text)
    (m,) = according_mentions(doc, lexicon())
    assert m.cue.quote(text) == "according to"
    assert m.speaker.quote(text) == "the regional health office"
    assert m.content.quote(text) == "Twelve people were hurt"


def test_quoted_as_saying_is_one_cue_with_the_subject_as_speaker():
    assert mentions("The commander was quoted as saying that the offensive had stalled.") == [
        ("was quoted as saying", "The commander", "passive")
    ]


def test_quoted_by_an_outlet_keeps_the_outlet_as_a_link():
    doc = parse("The governor was quoted by state radio as saying the roads would reopen.")
    (att,) = find_attributions(doc, outlet="Daily Ledger")
    assert [link.name for link in att.chain] == ["Daily Ledger", "state radio", "The governor"]


def test_citing_hung_on_the_reported_clause_belongs_to_the_report_verb():
    text = "The agency reported, citing two police sources, that the convoy was hit."
    assert mentions(text) == [("reported", "The agency", "verb")]
    (m,) = find_mentions_of(text)
    assert m.cited.quote(text) == "two police sources"


def test_belief_in_the_clause_before_a_parenthetical_cue_is_kept():
    found = mentions("The senator openly admires the general, praising him as a strong leader.")
    assert ("admires", "The senator", "verb") in found


def find_mentions_of(text: str):
    return find_mentions(parse(text))


def test_terms_of_speaking_are_not_a_topic():
    text = "Two officials, speaking on condition of anonymity, said the convoy was delayed."
    found = mentions(text)
    assert found == [("said", "Two officials", "verb")]


def test_colon_after_a_reporting_verb_is_part_of_the_verb_cue():
    assert mentions('She said: "We will not leave."') == [("said:", "She", "verb")]


def test_reporting_verb_as_an_act_inside_reported_content_is_not_a_cue():
    found = mentions("Asked about the attacks, the minister said the army would respond.")
    assert ("said", "the minister", "verb") in found
    assert not any(cue.endswith("respond") for cue, _, _ in found)


def test_headline_verb_needs_a_noun_before_it():
    found = mentions("The claim by the rebels that they shot down a helicopter was denied.")
    assert all(speaker != "The" for _, speaker, _ in found)


def test_nearest_of_two_subjects_is_the_speaker():
    found = mentions("Norway, as one of the mayor's aides pointed out, rarely gets floods.")
    assert found == [("pointed out", "one of the mayor's aides", "verb")]


def test_second_report_coordinated_inside_the_clause_keeps_the_first_speaker():
    text = "The minister said the country would leave the bloc and suggested that it would quit."
    assert ("suggested", "The minister", "verb") in mentions(text)


@pytest.mark.parametrize(
    "text",
    [
        "Let's say the talks fail.",
        "Having said that, the minister was cautious.",
        "That said, the ceasefire mostly held.",
    ],
)
def test_fixed_phrases_with_say_report_nothing(text):
    assert mentions(text) == []


def test_putting_a_toll_at_a_number_is_an_estimate_by_the_subject():
    text = "Local officials put the death toll at 35."
    (att,) = find_attributions(parse(text), outlet="Daily Ledger")
    assert [link.name for link in att.chain] == ["Daily Ledger", "Local officials"]
    assert att.content_span.quote(text) == "the death toll at 35"
    assert mentions("He put the book on the table.") == []


@pytest.mark.parametrize(
    "text",
    [
        "The agency quoted a senior official as saying the talks would resume.",
        "The agency quoted a senior official saying that the talks would resume.",
    ],
)
def test_quoting_someone_as_saying_cites_them(text):
    (att,) = find_attributions(parse(text), outlet="Daily Ledger")
    assert [link.name for link in att.chain] == ["Daily Ledger", "The agency", "a senior official"]
    assert att.content_span.quote(text).endswith("the talks would resume")


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('Said one official: "We have no idea where they went."', "one official"),
        ("The plan is costly. Said Ellis: “I don’t see how it works.”", "Ellis"),
    ],
)
def test_sentence_opening_with_said_takes_the_speaker_after_it(text, speaker):
    assert mentions(text) == [("Said", speaker, "verb")]


def test_speaker_inside_a_later_quotation_is_moved_to_the_name_before_the_cue():
    from sitroom.model import Span
    from sitroom.nlp.attribution.base import Mention, quoted_ranges
    from sitroom.nlp.attribution.repairs import unquote_speaker

    text = "“We need more troops,” Jane Roe, a senior aide, said on “Sunrise Hour.”"
    doc = parse(text)
    cue = text.index("said")
    show = text.index("Sunrise")
    wrong = Mention(
        cue=Span(cue, cue + 4), cue_text="said", cue_lemma="say", sentence=Span(0, len(text)),
        speaker=Span(show, show + len("Sunrise Hour")), pattern="verb",
    )
    fixed = unquote_speaker(wrong, doc, quoted_ranges(text))
    assert fixed.speaker.quote(text) == "Jane Roe, a senior aide"


@pytest.mark.parametrize(
    "text, cue",
    [
        ("The mayor has been hounded by claims that he took bribes.", "claims"),
        ("Fears that the dam could burst forced thousands to flee.", "Fears"),
    ],
)
def test_noun_with_a_that_clause_is_a_cue(text, cue):
    assert (cue, None, "nominal") in mentions(text)


def test_hypothetical_act_with_would_is_not_a_cue():
    assert mentions("Under the plan, the state would impose a surcharge on imports.") == []
    assert mentions("The state imposed a surcharge, the minister said.") == [
        ("said", "the minister", "verb")
    ]


def test_participle_used_as_a_preposition_is_not_a_cue():
    assert mentions("The party won 22 percent of the vote, compared to 11 percent in 2019.") == []
    assert mentions("Critics compared him to a dictator.") == [("compared", "Critics", "verb")]


def test_perception_of_a_thing_is_not_a_view():
    assert mentions("Police saw the post and removed the protesters.") == []
    found = mentions("The minister sees the blockade as a threat to the talks.")
    assert found == [("sees", "The minister", "verb")]


def test_having_a_share_of_support_is_not_a_communication():
    assert mentions("The mayor has a wide majority of support among older voters.") == []
    assert ("issued", "The ministry", "verb") in mentions("The ministry issued a statement on the attack.")
