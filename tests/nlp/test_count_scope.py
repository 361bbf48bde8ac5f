"""Quantity.scope: whether a figure counts the reported happening, background or a round-up.

Sentences written for these tests; each checks one rule of sitroom.nlp.count_scope as claim
assembly records it (the scope and the words that show it)."""

from __future__ import annotations

from sitroom.model import QuantityKind, QuantityScope
from sitroom.nlp.claims import build_claims, document_quantities
from sitroom.extraction import make_document


def scopes(nlp, text, kind=QuantityKind.KILLED):
    """(figure, scope, the words that show it) for each quantity of ``kind``."""
    doc = nlp(text)
    return [(q.low, str(q.scope), q.scope_span.quote(text) if q.scope_span else None)
            for q in document_quantities(doc) if q.kind is kind]


def test_the_incident_toll_is_event_scope(nlp):
    assert scopes(nlp, "A car bomb killed six people at a market in Kirkuk on Monday.") == [(6, "event", None)]


def test_a_record_since_a_year_is_background_with_its_words(nlp):
    got = scopes(nlp, "More than 300 people have died in bombings in the city since 2014.")
    assert got == [(301, "background", "since")]
    assert scopes(nlp, "At least 40 people have been shot dead in the city since 2015.")[0][1] == "background"


def test_since_the_happening_began_is_a_running_count_of_it(nlp):
    """"Since" back to the start of this happening is its own count, not background."""
    got = scopes(nlp, "Hundreds of inmates have escaped since the wall was breached on Tuesday night.",
                 QuantityKind.ESCAPED)
    assert [s for _, s, _ in got] == ["event"]
    assert scopes(nlp, "Twelve people have died in the city since January.")[0][1] == "background"


def test_another_happening_and_an_earlier_year_are_background(nlp):
    text = "A man was shot dead on Elm Street on Friday in 2024. In 2019, a gunman killed four people on the same block."
    got = scopes(nlp, text)
    assert got[0] == (1, "event", None) and got[1] == (4, "background", "2019")
    earlier = scopes(nlp, "Two guards were wounded at the gate. Earlier, three soldiers were killed at a checkpoint.")
    assert earlier == [(3, "background", "Earlier")]


def test_a_period_phrase_on_the_counts_clause_is_a_round_up(nlp):
    got = scopes(nlp, "Fighting killed 35 people across the province over the past two days.")
    assert got[0][:2] == (35, "tally") and got[0][2] in ("across the province", "over the past two days")


def test_a_period_phrase_on_a_noun_is_not_a_round_up(nlp):
    """"The third shooting in two weeks" places this shooting in a series; its toll is its own."""
    got = scopes(nlp, "Two men were killed on Friday in the third shooting in two weeks on the street.")
    assert got == [(2, "event", None)]


def test_a_day_total_is_a_round_up_but_a_day_with_a_cause_is_not(nlp):
    assert scopes(nlp, "90 people died yesterday, including 30 soldiers.")[0][1:] == ("tally", "yesterday")
    assert scopes(nlp, "Two people were killed yesterday when a bomb exploded at a bus stop.")[0][1] == "event"


def test_one_person_is_never_a_round_up(nlp):
    assert scopes(nlp, "A man was shot dead in a parking lot in the past two days.")[0][1] == "event"


def test_scope_is_recorded_on_the_claims_and_background_stays_visible(nlp):
    text = ("A car bomb killed six people at a market in Kirkuk on Monday, police said. "
            "More than 300 people have died in bombings in the city since 2014.")
    claims = build_claims(nlp(text), make_document(text, outlet="Kirkuk Daily"))
    figures = [(q.low, q.scope) for c in claims for q in c.quantities if q.kind is QuantityKind.KILLED]
    assert (6, QuantityScope.EVENT) in figures and (301, QuantityScope.BACKGROUND) in figures


def test_a_scope_set_by_an_extractor_is_kept(nlp):
    from dataclasses import replace

    text = "A car bomb killed six people at a market in Kirkuk on Monday."
    doc = nlp(text)
    [q] = [q for q in document_quantities(doc) if q.kind is QuantityKind.KILLED]
    marked = replace(q, scope=QuantityScope.TALLY, scope_span=q.span)
    assert document_quantities(doc, [marked]) == [marked]
