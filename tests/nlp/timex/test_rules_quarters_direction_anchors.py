"""Tests for the rules added to raise TIMEX3 value F1 (issue 9, second pass): one or more per rule.

Sentences written for sitroom. DCT is Wednesday 2026-03-04 unless a test says otherwise; the
financial tests use a DCT just after a quarter closed (Monday 2025-10-20), when earnings are told.
"""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import only, tag

EARNINGS_DCT = date(2025, 10, 20)


# ------------------------------------------------------------------------- the report's quarter


@pytest.mark.parametrize("text, span", [
    ("Profit rose in the third quarter, up from the same period last year.",
     "the same period last year"),
    ("Profit rose in the third quarter, up from the quarter a year earlier.",
     "the quarter a year earlier"),
    ("Profit rose in the third quarter, and sales for last year's quarter were lower.",
     "last year's quarter"),
])
def test_the_reports_quarter_one_year_back(text, span):
    found = tag(text, EARNINGS_DCT)
    assert [(t.text, t.value) for t in found] == [("the third quarter", "2025-Q3"), (span, "2024-Q3")]


def test_a_year_named_before_quarter_is_that_years_report_quarter():
    found = tag("Net rose in the third quarter, after a loss in the 2024 quarter.", EARNINGS_DCT)
    assert [(t.text, t.value) for t in found] == [("the third quarter", "2025-Q3"),
                                                   ("the 2024 quarter", "2024-Q3")]


def test_later_quarters_named_in_passing_do_not_move_the_reference():
    text = ("Profit rose in the third quarter after a flat second quarter. "
            "The company earned $5 million a year ago and expects a weak fourth quarter.")
    found = tag(text, EARNINGS_DCT)
    assert [t.value for t in found] == ["2025-Q3", "2025-Q2", "2024-Q3", "2025-Q4"]


def test_a_future_quarter_named_first_is_not_the_reference():
    # In July the fourth quarter is ahead; the report's quarter stays the last one closed (Q2).
    text = "The firm will post gains in the fourth quarter. In the year-ago period it lost money."
    found = tag(text, date(2025, 7, 20))
    assert [t.value for t in found] == ["2025-Q4", "2024-Q2"]


def test_this_quarter_in_a_report_on_a_closed_quarter_is_that_quarter():
    text = "The company lost money in the third quarter. This quarter's loss includes charges."
    found = tag(text, EARNINGS_DCT)
    assert [t.value for t in found] == ["2025-Q3", "2025-Q3"]


def test_the_current_quarter_stays_the_calendar_quarter():
    text = "The company lost money in the third quarter and expects a profit in the current quarter."
    assert [t.value for t in tag(text, EARNINGS_DCT)] == ["2025-Q3", "2025-Q4"]


# ------------------------------------------------------------------------ parts of a named year


@pytest.mark.parametrize("text, span, value, mod", [
    ("Earnings will be weaker in the last half of 2026.", "the last half of 2026", "2026-H2", None),
    ("Sales rose in the first half of 2025.", "the first half of 2025", "2025-H1", None),
    ("Demand should recover in the first two quarters of 2027.",
     "the first two quarters of 2027", "2027-H1", None),
    ("Output peaked in the final quarter of 2024.", "the final quarter of 2024", "2024-Q4", None),
    ("Prices were flat in the last half of the '90s.", "the last half of the '90s", "199", "END"),
])
def test_parts_of_a_named_year(text, span, value, mod):
    t = only(text)
    assert (t.text, t.type, t.value, t.mod) == (span, "DATE", value, mod)


def test_the_last_half_alone_is_still_the_previous_half():
    assert only("Revenue fell in the last half.").value == "2025-H2"


# ------------------------------------------------------------------------------- tense and mood


@pytest.mark.parametrize("text, value", [
    # Timetable present: a bare day name on a simple-present verb.
    ("The two leaders meet Monday in Geneva.", "2026-03-09"),
    # A reporting verb in the present is still the headline past.
    ("The ministry says Monday's strike killed four.", "2026-03-02"),
    # Scheduling verbs in the present or present perfect point ahead.
    ("The governor has scheduled a news conference Friday.", "2026-03-06"),
    ("The group plans a march Saturday.", "2026-03-07"),
    # ... but a plan told in the past tense is left to the past.
    ("The group planned a march Saturday.", "2026-02-28"),
    # "would" in reported speech: the future in the past.
    ("He said he would be traveling to Cairo Thursday.", "2026-03-05"),
    ("Officials said the convoy would leave Friday.", "2026-03-06"),
    # "would have" looks back.
    ("She said the convoy would have left Friday.", "2026-02-27"),
])
def test_direction_from_tense_and_mood(text, value):
    t = only(text)
    assert t.value == value


def test_an_infinitive_subject_of_be_is_not_is_to_meet():
    t = only("Among the first to sign the accord on Friday were Chad and Niger.")
    assert t.value == "2026-02-27"


def test_is_to_meet_still_points_ahead():
    assert only("The council is to meet on Friday.").value == "2026-03-06"


def test_a_date_naming_an_event_is_past():
    # "the Oct. 23 shooting": the event has happened, even seven months before its anniversary.
    found = tag("Police have been hunting the gunman since shortly after the Oct. 23 shooting.",
                date(2026, 5, 6))
    assert [(t.text, t.value) for t in found] == [("Oct. 23", "2025-10-23")]


# ------------------------------------------------------------------------------- anchored days


def test_the_previous_weekday_counts_from_the_day_named():
    text = "Shares fell on Friday, down 3% from the previous Friday."
    found = tag(text)
    assert [(t.text, t.value) for t in found] == [("Friday", "2026-02-27"),
                                                   ("the previous Friday", "2026-02-20")]


def test_the_day_before_a_named_day():
    t = only("The day before last Tuesday's hearing, the lawyers met.")
    assert (t.text, t.value) == ("The day before last Tuesday", "2026-03-02")


def test_since_year_end_is_the_year_end_that_passed():
    t = only("The index has risen 4% since year-end.", date(2025, 10, 20))
    assert (t.text, t.value) == ("year-end", "2024-12-31")


def test_a_week_or_so_ago():
    t = only("A week or so ago, the general chose the date.")
    assert (t.text, t.type, t.value) == ("A week or so ago", "DATE", "2026-W09")


# ---------------------------------------------------------------------- detection: in and out


def test_post_and_pre_year():
    t = only("The post-1959 politics split families.")
    assert (t.text, t.value, t.mod) == ("post-1959", "1959", "AFTER")
    t = only("Output is back to pre-2020 levels.")
    assert (t.text, t.value, t.mod) == ("pre-2020", "2020", "BEFORE")


@pytest.mark.parametrize("text, span, value", [
    ("The ferry will leave at 4 in the morning.", "4 in the morning", "2026-03-04T04:00"),
    ("The rally began at 7 in the evening.", "7 in the evening", "2026-03-04T19:00"),
    ("The shelling stopped at 10 o'clock.", "10 o'clock", "2026-03-04T10:00"),
])
def test_clock_times_in_words(text, span, value):
    t = only(text)
    assert (t.text, t.type, t.value) == (span, "TIME", value)


def test_a_count_before_in_the_morning_session_is_not_a_time():
    assert tag("Traders sold 4 in the morning session.") == ()


@pytest.mark.parametrize("text, value", [
    ("He resigned as chairman in March for health reasons.", "2026-03"),
    ("The March accession will let the two states join.", "2026-03"),
])
def test_march_the_month_before_for_or_a_noun(text, value):
    t = only(text)
    assert (t.text, t.value) == ("March", value)


def test_the_march_for_peace_is_not_a_month():
    assert tag("Thousands joined the March for Peace.") == ()


def test_now_as_a_discourse_marker_is_not_a_timex():
    assert tag("Now, the question is who pays.") == ()
    assert only("Now the camp holds 9,000 people.").value == "PRESENT_REF"


def test_soon_after_a_past_event_is_not_future_ref():
    assert tag("The man was soon released by the militia.") == ()


@pytest.mark.parametrize("text, value", [
    ("The agency extended its deadline until 9 a.m. Friday.", "2026-03-06T09:00"),
    ("The judge postponed the hearing until Monday.", "2026-03-09"),
    # "until" after other verbs keeps the tense's reading.
    ("Up until Monday, the police had described him as a witness.", "2026-03-02"),
])
def test_until_after_a_deadline_verb_points_ahead(text, value):
    assert only(text).value == value


def test_fiscal_hyphenated_before_the_ordinal():
    t = only("Net income fell in the fiscal-second quarter.", EARNINGS_DCT)
    assert (t.text, t.value) == ("the fiscal-second quarter", "2025-Q2")
