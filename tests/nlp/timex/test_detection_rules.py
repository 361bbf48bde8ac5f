"""TIMEX3 detection rules (issue 9, second pass): what is a timex and what only looks like one.

Sentences written for sitroom. DCT is Wednesday 2026-03-04 unless a test says otherwise.
"""

from __future__ import annotations

import pytest

from .conftest import only, tag


# ---------------------------------------------------------------------- detection: in and out


def test_post_and_pre_year():
    t = only("The post-1959 politics split families.")
    assert (t.text, t.value, t.mod) == ("post-1959", "1959", "AFTER")
    t = only("Output is back to pre-2020 levels.")
    assert (t.text, t.value, t.mod) == ("pre-2020", "2020", "BEFORE")


@pytest.mark.parametrize("text, span, value", [
    ("The bus will depart at 4 in the morning.", "4 in the morning", "2026-03-04T04:00"),
    ("The rally began at 7 in the evening.", "7 in the evening", "2026-03-04T19:00"),
    ("The shelling stopped at 10 o'clock.", "10 o'clock", "2026-03-04T10:00"),
])
def test_clock_times_in_words(text, span, value):
    t = only(text)
    assert (t.text, t.type, t.value) == (span, "TIME", value)


def test_a_count_before_in_the_morning_session_is_not_a_time():
    assert tag("Traders sold 4 in the morning session.") == ()


@pytest.mark.parametrize("text, value", [
    ("She stepped down as director in March for family reasons.", "2026-03"),
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
