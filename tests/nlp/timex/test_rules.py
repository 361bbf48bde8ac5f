"""One test (or a few) per detection/normalisation rule, on sentences written for sitroom.

DCT is Wednesday 2026-03-04 unless a test says otherwise.
"""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import DCT, only, tag


# ---------------------------------------------------------------- issue 9's required behaviours


def test_on_tuesday_in_past_tense_is_the_day_before_a_wednesday_dct():
    t = only("Gunmen attacked the checkpoint on Tuesday.")
    assert (t.text, t.type, t.value) == ("Tuesday", "DATE", "2026-03-03")


def test_last_week_is_the_previous_iso_week():
    t = only("The ministry said last week that the road was closed.")
    assert (t.text, t.type, t.value) == ("last week", "DATE", "2026-W09")


def test_in_recent_weeks_is_a_past_duration():
    t = only("Hundreds of families have fled the district in recent weeks.")
    assert t.text == "recent weeks"
    assert t.type == "DURATION" and t.value == "PXW" and t.anchor == "past"


def test_mid_january_is_the_month_with_mod_mid():
    t = only("The fighting began in mid-January.")
    assert (t.text, t.value, t.mod) == ("mid-January", "2026-01", "MID")


# ------------------------------------------------------------------------------- explicit dates


@pytest.mark.parametrize("text, span, value", [
    ("The camp was handed over on March 2, 2025.", "March 2, 2025", "2025-03-02"),
    ("The truce was signed on 12 February 2024 in Doha.", "12 February 2024", "2024-02-12"),
    ("Talks resumed on Feb. 27.", "Feb. 27", "2026-02-27"),
    ("Elections are due in November 2027.", "November 2027", "2027-11"),
    ("The report was dated 2025-12-30.", "2025-12-30", "2025-12-30"),
    ("The convoy left on 2/14/2026, officials said.", "2/14/2026", "2026-02-14"),
])
def test_explicit_dates(text, span, value):
    t = only(text)
    assert (t.text, t.type, t.value) == (span, "DATE", value)


def test_month_day_without_year_takes_the_nearest_past_occurrence():
    # Past tense, December is after March: the December before the DCT.
    t = only("The offensive started on Dec. 20.")
    assert t.value == "2025-12-20"


def test_month_day_a_few_days_ahead_stays_in_this_year_even_in_past_tense():
    t = only("The deadline had been set for March 10.")
    assert t.value == "2026-03-10"


def test_bare_year_and_since_year():
    t = only("Rebels have held the town since 2019.")
    assert (t.text, t.value, t.mod) == ("2019", "2019", "ON_OR_AFTER")


def test_year_in_words():
    t = only("The dam was finished in nineteen ninety-six.")
    assert (t.text, t.value) == ("nineteen ninety-six", "1996")


def test_a_number_is_not_a_year():
    assert tag("Police counted 1,990 people and 2000 vehicles.") == ()


def test_decade_and_century():
    assert only("Smuggling grew in the 1990s.").value == "199"
    assert only("The fort dates from the 18th century.").value == "17"


def test_may_the_modal_is_not_a_month():
    assert tag("The militia may withdraw its fighters.") == ()


def test_month_alone_resolved_by_tense():
    assert only("The camp was emptied in October.").value == "2025-10"
    assert only("A new round of talks will open in April.").value == "2026-04"


# ------------------------------------------------------------------------------------ weekdays


@pytest.mark.parametrize("text, value", [
    ("Police arrested the suspects on Friday.", "2026-02-27"),
    ("The minister will visit the border on Friday.", "2026-03-06"),
    ("The council met on Wednesday.", "2026-03-04"),
    ("Aid trucks arrived last Monday.", "2026-03-02"),
    ("Negotiators will meet again next Tuesday.", "2026-03-10"),
])
def test_weekday_direction(text, value):
    assert only(text).value == value


def test_weekday_with_part_of_day():
    t = only("Shelling resumed on Sunday night.")
    assert (t.text, t.value) == ("Sunday night", "2026-03-01TNI")


def test_plural_weekday_is_a_set():
    t = only("Markets close on Fridays.")
    assert (t.type, t.value) == ("SET", "XXXX-WXX-5")


# ------------------------------------------------------------------------------- relative days


@pytest.mark.parametrize("text, span, type_, value", [
    ("Two soldiers were killed yesterday.", "yesterday", "DATE", "2026-03-03"),
    ("The border reopens today.", "today", "DATE", "2026-03-04"),
    ("Results are expected tomorrow.", "tomorrow", "DATE", "2026-03-05"),
    ("A curfew starts tonight.", "tonight", "TIME", "2026-03-04TNI"),
    ("Explosions were heard last night.", "last night", "TIME", "2026-03-03TNI"),
    ("The envoy arrived this morning.", "this morning", "TIME", "2026-03-04TMO"),
])
def test_relative_days(text, span, type_, value):
    t = only(text)
    assert (t.text, t.type, t.value) == (span, type_, value)


def test_late_yesterday_has_mod_end():
    t = only("The statement came late yesterday.")
    assert (t.text, t.value, t.mod) == ("late yesterday", "2026-03-03", "END")


# ------------------------------------------------------------------------------ relative units


@pytest.mark.parametrize("text, span, value", [
    ("Fighting eased this week.", "this week", "2026-W10"),
    ("A ceasefire may hold next week.", "next week", "2026-W11"),
    ("Prices rose last month.", "last month", "2026-02"),
    ("Prices rose this month.", "this month", "2026-03"),
    ("Exports fell last year.", "last year", "2025"),
    ("Elections are planned next year.", "next year", "2027"),
    ("Revenue fell in the last quarter.", "the last quarter", "2025-Q4"),
])
def test_relative_units(text, span, value):
    t = only(text)
    assert (t.text, t.type, t.value) == (span, "DATE", value)


def test_earlier_this_month_is_this_month_with_start():
    t = only("The camp was attacked earlier this month.")
    assert (t.text, t.value, t.mod) == ("earlier this month", "2026-03", "START")


def test_early_next_year():
    t = only("The base will close early next year.")
    assert (t.value, t.mod) == ("2027", "START")


def test_over_the_weekend_is_the_last_weekend():
    t = only("Three villages were shelled over the weekend.")
    assert (t.text, t.value) == ("the weekend", "2026-W09-WE")


# --------------------------------------------------------------------------- ago / durations


@pytest.mark.parametrize("text, span, value", [
    ("The road was cut three days ago.", "three days ago", "2026-03-01"),
    ("The talks collapsed two weeks ago.", "two weeks ago", "2026-W08"),
    ("The camp opened six months ago.", "six months ago", "2025-09"),
    ("The group was founded a decade ago.", "a decade ago", "2016"),
])
def test_ago(text, span, value):
    t = only(text)
    assert (t.text, t.type, t.value) == (span, "DATE", value)


@pytest.mark.parametrize("text, span, value, anchor", [
    ("Police detained 40 people over the past few days.", "the past few days", "PXD", "past"),
    ("Police detained 40 people in the past three days.", "the past three days", "P3D", "past"),
    ("The siege lasted two weeks.", "two weeks", "P2W", None),
    ("A 48-hour truce was agreed.", "48-hour", "PT48H", None),
    ("Aid will be delivered over the next two months.", "the next two months", "P2M", "future"),
    ("The mission ran for nearly forty years.", "nearly forty years", "P40Y", None),
    ("The camp has stood for decades.", "decades", "PXDE", None),
])
def test_durations(text, span, value, anchor):
    t = only(text)
    assert (t.text, t.type, t.value, t.anchor) == (span, "DURATION", value, anchor)


def test_age_is_not_a_duration():
    assert tag("A 40-year-old man was wounded.") == ()


# ------------------------------------------------------------------------------ vague references


@pytest.mark.parametrize("text, span, value", [
    ("The camp is now under government control.", "now", "PRESENT_REF"),
    ("About 9,000 people currently live in the camp.", "currently", "PRESENT_REF"),
    ("The area was recently retaken.", "recently", "PAST_REF"),
    ("The building formerly housed a school.", "formerly", "PAST_REF"),
    ("Officials fear more attacks in the future.", "the future", "FUTURE_REF"),
])
def test_vague_references(text, span, value):
    t = only(text)
    assert (t.text, t.type, t.value) == (span, "DATE", value)


def test_as_soon_as_is_not_a_timex():
    assert tag("Convoys will move as soon as the road is cleared.") == ()


# ---------------------------------------------------------------------- parts of years, seasons


@pytest.mark.parametrize("text, span, value, mod", [
    ("Prices peaked in late November.", "late November", "2025-11", "END"),
    ("The offensive began in early February.", "early February", "2026-02", "START"),
    ("Shortages worsened last summer.", "last summer", "2025-SU", None),
    ("Fighting resumed in the spring of 2024.", "the spring of 2024", "2024-SP", None),
    ("Troops left in mid-2023.", "mid-2023", "2023", "MID"),
    ("Sales fell in the third quarter.", "the third quarter", "2025-Q3", None),
    ("Sales fell in the first quarter of 2024.", "the first quarter of 2024", "2024-Q1", None),
])
def test_parts_of_years(text, span, value, mod):
    t = only(text)
    assert (t.text, t.value, t.mod) == (span, value, mod)


# ------------------------------------------------------------------------------------------ sets


@pytest.mark.parametrize("text, span, value", [
    ("Patrols pass every week.", "every week", "P1W"),
    ("The bulletin is published weekly.", "weekly", "P1W"),
    ("Convoys leave each Thursday.", "each Thursday", "XXXX-WXX-4"),
    ("Aid flights land twice a month.", "twice a month", "P1M"),
])
def test_sets(text, span, value):
    t = only(text)
    assert (t.text, t.type, t.value) == (span, "SET", value)


def test_quarterly_dividend_is_not_a_set_but_a_daily_rally_is():
    assert tag("The firm raised its quarterly dividend.") == ()
    t = only("Supporters hold a daily rally outside the court.")
    assert (t.text, t.type, t.value) == ("daily", "SET", "P1D")


# ---------------------------------------------------------------------------------- clock times


def test_clock_time_with_weekday():
    t = only("The blast happened at 3:30 p.m. Monday.")
    assert (t.text, t.type, t.value) == ("3:30 p.m. Monday", "TIME", "2026-03-02T15:30")


def test_noon_today():
    t = only("The curfew ends at noon today.")
    assert (t.text, t.type, t.value) == ("noon today", "TIME", "2026-03-04T12:00")


# ------------------------------------------------------------------------------ document state


def test_that_year_refers_to_the_last_year_mentioned():
    found = tag("The camp opened in 2017. Later that year it held 10,000 people.")
    assert [t.value for t in found] == ["2017", "2017"]


def test_year_ago_quarter_follows_the_report_quarter():
    found = tag("Profit rose in the third quarter, up from a year earlier.", date(2025, 10, 20))
    assert [t.value for t in found] == ["2025-Q3", "2024-Q3"]


def test_offsets_point_at_the_text():
    text = "On Tuesday, and again last week, the camp was shelled."
    for t in tag(text):
        assert text[t.start:t.end] == t.text


def test_half_units_are_written_the_iso_way():
    assert only("The refugees spent 2 1/2 years in the camp.").value == "P2Y6M"


def test_a_rate_after_a_plural_count_is_a_set():
    t = only("Smugglers moved hundreds of people a week across the river.")
    assert (t.text, t.type, t.value) == ("a week", "SET", "P1W")


def test_bare_clock_time_belongs_to_the_last_day_named():
    found = tag("The attack began on Feb. 20. At 10 p.m. the guards fled.")
    assert [t.value for t in found] == ["2026-02-20", "2026-02-20T22:00"]


@pytest.mark.parametrize("text, span, value", [
    ("They met for a day-long session.", "day-long", "P1D"),
    ("The decades-long feud ended.", "decades-long", "PXDE"),
    ("Prices fell for eight trading days.", "eight trading days", "P8D"),
    ("Talks may take the next couple of years.", "the next couple of years", "P2Y"),
])
def test_more_durations(text, span, value):
    t = only(text)
    assert (t.text, t.type, t.value) == (span, "DURATION", value)


def test_days_later_is_a_duration_not_a_date():
    t = only("Three days later the guards left.")
    assert (t.text, t.type, t.value) == ("Three days", "DURATION", "P3D")
