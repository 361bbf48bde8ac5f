"""find_quantities: counts read from the parse, with their kind and spans."""

from __future__ import annotations

import pytest

from sitroom.model import Qualifier, QuantityKind
from sitroom.nlp.quantities import find_quantities


def quantities(nlp, text):
    doc = nlp(text)
    return [(q.span.quote(text), q.kind, q.low, q.high, q.qualifier) for q in find_quantities(doc)]


def test_escape_range_from_officials(nlp):
    text = ("A regional daily, citing U.S. officials, said between 15,000 and 20,000 detainees "
            "escaped from the Hawl camp.")
    got = quantities(nlp, text)
    assert ("between 15,000 and 20,000", QuantityKind.ESCAPED, 15_000, 20_000, Qualifier.RANGE) in got


def test_hyphenated_range_broke_out(nlp):
    got = quantities(nlp, "Guards said 15,000-20,000 inmates broke out overnight.")
    assert got[0][:4] == ("15,000-20,000", QuantityKind.ESCAPED, 15_000, 20_000)


def test_thousands_fled_a_camp_is_an_escape_interval(nlp):
    got = quantities(nlp, "Thousands of people fled the camp, security sources said.")
    assert got == [("Thousands", QuantityKind.ESCAPED, 2000, 9999, Qualifier.VAGUE)]


def test_killed_and_left_wounded(nlp):
    got = quantities(nlp, "A car bomb killed nine people and left 20 wounded in the market.")
    assert ("nine", QuantityKind.KILLED, 9, 9, Qualifier.EXACT) in got
    assert ("20", QuantityKind.INJURED, 20, 20, Qualifier.EXACT) in got


def test_passive_and_qualifier(nlp):
    got = quantities(nlp, "At least 40 people were arrested near the border.")
    assert got == [("At least 40", QuantityKind.ARRESTED, 40, None, Qualifier.AT_LEAST)]


def test_death_toll_rose_to(nlp):
    got = quantities(nlp, "The death toll rose to 12 on Tuesday.")
    assert got == [("12", QuantityKind.KILLED, 12, 12, Qualifier.EXACT)]


def test_a_toll_put_at_a_number_is_its_value(nlp):
    got = quantities(nlp, "Medics put the death toll at 23 by nightfall.")
    assert got == [("23", QuantityKind.KILLED, 23, 23, Qualifier.EXACT)]


def test_the_number_of_injured_counts_the_injured(nlp):
    got = quantities(nlp, "Doctors said the number of injured had climbed to 70.")
    assert got == [("70", QuantityKind.INJURED, 70, 70, Qualifier.EXACT)]


def test_verb_decides_over_noun(nlp):
    got = quantities(nlp, "Border guards arrested 12 escapees near the crossing.")
    assert got[0][1] is QuantityKind.ARRESTED


def test_people_in_a_place(nlp):
    got = quantities(nlp, "Some 50,000 people live in the camp.")
    assert got[0][1] is QuantityKind.PEOPLE and got[0][4] is Qualifier.ABOUT


@pytest.mark.parametrize("text, kind", [
    ("Nine people died in the fire.", QuantityKind.KILLED),
    ("The storm displaced tens of thousands of people.", QuantityKind.DISPLACED),
    ("Gunmen abducted nine students.", QuantityKind.KIDNAPPED),
    ("Rescuers evacuated 300 residents.", QuantityKind.EVACUATED),
    ("The attack claimed the lives of 23 civilians.", QuantityKind.KILLED),
    ("Two people were killed and five injured.", QuantityKind.INJURED),
])
def test_kinds(nlp, text, kind):
    assert kind in [q[1] for q in quantities(nlp, text)]


def test_dates_ages_money_percentages_are_not_counts(nlp):
    text = "Omar Haddad, 25, paid $500 in 2019 and 20% of voters stayed home for 3 days."
    assert quantities(nlp, text) == []


def test_singular_victim_and_no_one(nlp):
    got = quantities(nlp, "A man was shot and killed on Tuesday. No one was injured.")
    assert ("A man", QuantityKind.KILLED, 1, 1, Qualifier.EXACT) in got
    assert ("No one", QuantityKind.INJURED, 0, 0, Qualifier.EXACT) in got


def test_counted_span_points_at_the_deciding_word(nlp):
    text = "Police said 30 protesters were detained."
    doc = nlp(text)
    q = find_quantities(doc)[0]
    assert q.counted_span is not None and q.counted_span.quote(text) == "detained"


def test_range_subject_with_apposition(nlp):
    text = ("Between 12,000 and 18,000 people, some of them militia members, escaped from the Roj camp "
            "last week, officials said.")
    got = quantities(nlp, text)
    assert got[0][:4] == ("Between 12,000 and 18,000", QuantityKind.ESCAPED, 12_000, 18_000)


_WORDS = ["at", "least", "between", "and", "15,000", "to", "20,000", "people", "were", "killed", "nine", "dozens",
          "of", "thousands", "escaped", "the", "camp", "-", ",", ".", "no", "one", "a", "man", "shot", "2019",
          "$5", "20%", "aged", "25", "about", "more", "than", "left", "wounded", "toll", "rose", "\n\n", "Mr.", "IS"]


def test_find_quantities_never_crashes_and_bounds_hold(nlp):
    from hypothesis import HealthCheck, given, settings, strategies as st

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(st.sampled_from(_WORDS), max_size=25))
    def check(words):
        text = " ".join(words)
        for q in find_quantities(nlp(text)):
            assert 0 <= q.span.start <= q.span.end <= len(text)
            assert q.high is None or q.low <= q.high

    check()


def test_speakers_are_not_counted(nlp):
    from sitroom.nlp.quantities import find_quantities

    assert find_quantities(nlp("Two security sources said the escapes continued on Thursday.")) == []
    killed = find_quantities(nlp("Three officials said nine people were killed."))
    assert [(str(q.kind), q.low) for q in killed] == [("killed", 9)]
