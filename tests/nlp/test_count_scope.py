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
    assert got == [(301, "background", "since 2014")]  # the marker with what it governs
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


# --- a marker on a noun or on another clause is not the count's own (review of the first version)


def test_the_deadliest_day_since_a_year_is_a_comparison_not_a_period(nlp):
    """"The deadliest day for the army since 2014" ranks this day; the five are its own toll."""
    assert scopes(nlp, "Five soldiers were killed on Tuesday, the deadliest day for the army since 2014.") == [
        (5, "event", None)]
    assert scopes(nlp, "Twelve people were killed on Monday, the bloodiest day so far in the offensive.") == [
        (12, "event", None)]
    assert scopes(nlp, "Five soldiers were killed in the town on Tuesday, the deadliest day since the war began.") == [
        (5, "event", None)]


def test_a_marker_in_a_joined_clause_is_that_clauses_own(nlp):
    got = scopes(nlp, "A bomb killed six people on Monday and gunmen have killed 40 since January.")
    assert got == [(6, "event", None), (40, "background", "since January")]


def test_a_marker_covers_an_elliptical_second_count(nlp):
    """"... have been killed and 120 wounded" shares its auxiliaries, and so its "since 2012"."""
    text = "Since 2012, 40 people have been killed and 120 wounded in the city."
    assert scopes(nlp, text) == [(40, "background", "Since 2012")]
    assert scopes(nlp, text, QuantityKind.INJURED) == [(120, "background", "Since 2012")]
    text = "Bombs have killed 40 people and wounded 120 in the city since 2012."
    assert scopes(nlp, text, QuantityKind.INJURED) == [(120, "background", "since 2012")]


def test_the_year_so_far_is_still_background(nlp):
    assert scopes(nlp, "Forty people have been killed so far this month, the health ministry said.")[0][1] == "background"
    assert scopes(nlp, "At least 40 people have been killed in the province this year.") == [
        (40, "background", "this year")]
    assert scopes(nlp, "Twelve people were killed in the district in the past year.")[0][1] == "background"


# --- openers: another happening's own toll, or the past


def test_a_separate_attack_is_its_own_event_not_background(nlp):
    text = "In a separate attack, gunmen killed four policemen at a checkpoint in Mosul on Monday."
    assert scopes(nlp, text) == [(4, "event", None)]


def test_a_past_opener_scopes_its_own_clause_only(nlp):
    got = scopes(nlp, "Last week's bombing killed 40 people; on Monday another blast killed six.")
    assert got == [(40, "background", "Last week"), (6, "event", None)]
    assert scopes(nlp, "Earlier, three soldiers were killed at a checkpoint.") == [(3, "background", "Earlier")]


# --- day totals, round-up words, years


def test_a_day_total_without_where_or_how_only_in_the_first_sentence(nlp):
    """A later sentence takes where and how from the sentences before it."""
    text = "A drone struck a car on the road to Marib. Two civilians were killed today, including a child."
    assert scopes(nlp, text) == [(2, "event", None)]
    assert scopes(nlp, "Two civilians were killed today, including a child.") == [(2, "tally", "today")]


def test_round_up_words_off_the_count_are_not_a_round_up(nlp):
    assert scopes(nlp, "The army gave no timeline for the withdrawal after a roadside bomb killed three soldiers "
                       "on Sunday.") == [(3, "event", None)]
    assert scopes(nlp, "Rescuers worked round the clock after the blast killed 30 people in the market on "
                       "Monday.") == [(30, "event", None)]
    assert scopes(nlp, "Forty militants were killed in round-the-clock raids, the ministry said.")[0][1] == "tally"
    assert scopes(nlp, "Timeline: 12 killed in clashes in the north.")[0][1:] == ("tally", "Timeline")


def test_a_count_of_four_digits_is_not_a_year(nlp):
    """"2050 troops" is a count: it must not make 2026 an earlier year."""
    text = "A car bomb killed 12 people at the market in 2026, officials said. The army has deployed 2050 troops."
    assert scopes(nlp, text) == [(12, "event", None)]


def test_the_publication_year_is_the_reports_own_time(nlp):
    text = "Gunmen killed four people at a checkpoint in 2025, police said."
    doc = nlp(text)
    assert [str(q.scope) for q in document_quantities(doc) if q.kind is QuantityKind.KILLED] == ["event"]
    got = [(q.low, str(q.scope), q.scope_span.quote(text)) for q in document_quantities(doc, published_year=2026)
           if q.kind is QuantityKind.KILLED]
    assert got == [(4, "background", "2025")]
    # build_claims reads the year from the document, a week back (a report of January 2 tells of December 30)
    from sitroom.nlp.claims import own_year

    assert own_year(make_document(text, published="2026-03-04")) == 2026
    assert own_year(make_document(text, published="2026-01-02")) == 2025


def test_since_the_fighting_erupted_this_week_is_a_running_count(nlp):
    got = scopes(nlp, "More than 1,000 people have fled the town since the fighting erupted this week.",
                 QuantityKind.DISPLACED)
    assert got == [(1001, "event", None)]


def test_a_scope_given_as_a_string_is_the_enum():
    from sitroom.model import Qualifier, Quantity, Span

    q = Quantity(kind=QuantityKind.KILLED, low=3, high=3, best=3, qualifier=Qualifier.EXACT, span=Span(0, 5),
                 scope="background")
    assert q.scope is QuantityScope.BACKGROUND


def test_a_scope_given_without_its_words_is_judged_again(nlp):
    """Provenance: a plugin that marks a figure background must say which words show it; one that
    does not is read again, so fusion never drops a figure from a toll with nothing to show why."""
    from dataclasses import replace

    from sitroom.nlp.count_scope import scope_quantities
    from sitroom.nlp.quantities import find_quantities

    doc = nlp("A car bomb killed six people at the market on Monday, police said.")
    [q] = [q for q in find_quantities(doc) if q.kind is QuantityKind.KILLED]
    [judged] = scope_quantities(doc, [replace(q, scope=QuantityScope.BACKGROUND)])
    assert judged.scope == QuantityScope.EVENT and judged.scope_span is None


def _resolved_scopes(nlp, text, published=None):
    """(figure, scope, words) of the killed counts, judged on the document's resolved TIMEX values."""
    from datetime import date

    from sitroom.nlp.timex import time_mentions

    doc = nlp(text)
    times = time_mentions(doc, published or date(2026, 3, 4))
    return [(q.low, str(q.scope), q.scope_span.quote(text) if q.scope_span else None)
            for q in document_quantities(doc, published_year=2026, times=times) if q.kind is QuantityKind.KILLED]


def test_resolved_dates_say_which_years_and_months_are_named(nlp):
    """With the TIMEX values claim assembly has, a year or a whole month named is read from them."""
    assert _resolved_scopes(nlp, "Nine people were killed in the town in 2019, police said.") == [
        (9, "background", "2019")]
    assert _resolved_scopes(nlp, "Twelve people have been killed in the city since January.")[0][1] == "background"
    assert _resolved_scopes(nlp, "Twelve people have been killed in the city since March 2.")[0][1] == "event"
    assert _resolved_scopes(nlp, "Clashes killed 35 fighters in the province in January.")[0][1:] == (
        "tally", "in January")  # a whole month is a period: a round-up


def test_a_phone_number_is_no_year_to_the_date_reader(nlp):
    """"call 555-374-1923": the text pattern reads 1923 as a year; the TIMEX reader does not."""
    text = "Two men were shot dead on Friday, and police asked anyone who saw it to call 555-374-1923."
    assert _resolved_scopes(nlp, text) == [(2, "event", None)]
