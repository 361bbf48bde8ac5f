"""The two modules split out of the quantity reader, called on their own.

:func:`singular_counts` reads counts written without a numeral; :func:`counted_kind` says what a
number counts. Sentences written for these tests."""

from __future__ import annotations

from sitroom.model import QuantityKind
from sitroom.nlp.counted_kind import counted_kind
from sitroom.nlp.quantities import find_quantities
from sitroom.nlp.singular_counts import singular_counts


def counts(nlp, text):
    doc = nlp(text)
    return [(q.span.quote(text), q.kind, q.best) for q in singular_counts(doc, [])]


def test_a_man_shot_dead_is_one_killed(nlp):
    assert counts(nlp, "A man was shot dead outside a bakery on Friday.") == [("A man", QuantityKind.KILLED, 1)]


def test_no_one_hurt_is_zero_injured(nlp):
    assert counts(nlp, "No one was hurt in the blaze.") == [("No one", QuantityKind.INJURED, 0)]


def test_both_victims_died_is_two(nlp):
    assert counts(nlp, "Both victims died at the scene.") == [("Both victims", QuantityKind.KILLED, 2)]


def test_a_double_shooting_is_two_hit(nlp):
    assert counts(nlp, "Detectives are looking into a double shooting on Elm Street.") == [
        ("double shooting", QuantityKind.INJURED, 2)]


def test_ranges_already_counted_are_left_alone(nlp):
    text = "A man was shot dead outside a bakery on Friday."
    doc = nlp(text)
    assert singular_counts(doc, [(0, 5)]) == []


def test_find_quantities_without_singular_reads_numerals_only(nlp):
    doc = nlp("A man was shot dead and two others were wounded.")
    assert [(q.kind, q.best) for q in find_quantities(doc, singular=False)] == [(QuantityKind.INJURED, 2)]
    assert [(q.kind, q.best) for q in find_quantities(doc)] == [(QuantityKind.KILLED, 1), (QuantityKind.INJURED, 2)]


def test_counted_kind_reads_the_verb_of_the_counted_noun(nlp):
    doc = nlp("The blast killed nine people and left 20 wounded.")
    nine, people = doc[3], doc[4]
    assert counted_kind(nine, people)[0] == "killed"
    twenty = doc[7]
    assert counted_kind(twenty, None)[0] == "injured"


def test_a_number_and_single_people_coordinated_are_one_group(nlp):
    text = "The attacker killed his four sons as well as his mother."
    got = [(q.span.quote(text), q.best) for q in find_quantities(nlp(text)) if q.kind is QuantityKind.KILLED]
    assert got == [("four sons as well as his mother", 5)]
    text = "Two men and three women were killed."
    assert sorted(q.best for q in find_quantities(nlp(text))) == [2, 3]  # each its own count


def test_suicide_idioms_are_one_killed(nlp):
    for text, quote in (("He then turned the gun on himself.", "turned the gun on himself"),
                        ("The gunman later took his own life.", "took his own life")):
        assert [(q.span.quote(text), q.kind, q.best) for q in singular_counts(nlp(text), [])] == [
            (quote, QuantityKind.KILLED, 1)]


def test_a_single_person_before_a_counted_group_joins_it(nlp):
    text = "A woman and her two children were killed in a shooting."
    assert [(q.span.quote(text), q.best) for q in find_quantities(nlp(text))] == [
        ("A woman and her two children", 3)]


def test_an_apposition_listing_single_people_counts_them(nlp):
    text = "The victims, a 20-year-old man and a 22-year-old woman, were taken to the hospital."
    assert counts(nlp, text) == [("a 20-year-old man and a 22-year-old woman", QuantityKind.INJURED, 2)]


def test_another_with_injuries_is_one_more_hurt(nlp):
    text = "The attack left one guard dead and another with serious injuries."
    assert [(q.span.quote(text), q.kind, q.best) for q in find_quantities(nlp(text))] == [
        ("one", QuantityKind.KILLED, 1), ("another", QuantityKind.INJURED, 1)]


def test_an_age_used_as_a_noun_and_the_other_are_people(nlp):
    text = "The 7-year-old was pronounced dead at the clinic."
    assert counts(nlp, text) == [("The 7-year-old", QuantityKind.KILLED, 1)]
    text = "The other is in critical condition."
    assert counts(nlp, text) == [("The other", QuantityKind.INJURED, 1)]


def test_him_counts_only_for_a_killing_that_happened(nlp):
    assert [q.best for q in singular_counts(nlp("Police shot and killed him on Monday."), [])] == [1]
    assert singular_counts(nlp("He told the officers to kill him."), []) == []
