"""The one reader of a person's home town (sitroom.geo.event_place.home_of), which recognition,
the event-place chooser and is_home_town share. Sentences written for these tests."""

from sitroom.geo.event_place import choose_event_place, home_of, place_role
from sitroom.geo.toponyms import find_toponyms, is_home_town
from sitroom.model import PlaceMention, Span


def _token(doc, word, nth=0):
    return [t for t in doc if t.text == word][nth]


def test_home_town_after_a_named_person_with_an_age(nlp):
    doc = nlp("Police said Jodi Marsh, 34, of Ashvale was arrested on Friday.")
    assert home_of(_token(doc, "of"))


def test_home_town_after_a_noun_for_a_person(gaz, nlp):
    doc = nlp("A man from Rogersburg was hurt in a crash near Dallas on Friday.")
    found = {m.text: m for m in find_toponyms(doc, gaz)}
    assert is_home_town(doc, found["Rogersburg"]) and not is_home_town(doc, found["Dallas"])


def test_of_after_a_relative_names_a_person_not_a_home(nlp):
    doc = nlp("The daughter of Ann Reed spoke to reporters on Monday.")
    assert not home_of(_token(doc, "of"))


def test_words_after_a_relative_are_not_the_scene(nlp):
    """"The brother of a Dallas teacher": Dallas says who he is, not where he was shot."""
    text = "The brother of a Dallas teacher was shot dead in Mosul on Sunday."
    doc = nlp(text)
    ms = [PlaceMention(text=n, span=Span(text.index(n), text.index(n) + len(n))) for n in ("Dallas", "Mosul")]
    trig = _token(doc, "shot")
    assert ms[choose_event_place(doc, trig, ms)].text == "Mosul"
    assert not place_role(doc, ms[0], trig).eligible


def test_only_of_and_from_give_a_home(nlp):
    doc = nlp("Jodi Marsh in Ashvale said the road was closed.")
    assert not home_of(_token(doc, "in"))
