"""TIMEX3 rules for the direction of a bare day name (issue 9, second pass): tense, mood, 'until'.

Sentences written for sitroom. DCT is Wednesday 2026-03-04 unless a test says otherwise.
"""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import only, tag


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
    # "the Oct. 23 crash": the event has happened, even seven months before its anniversary.
    found = tag("Detectives have sought the driver since soon after the Oct. 23 crash.",
                date(2026, 5, 6))
    assert [(t.text, t.value) for t in found] == [("Oct. 23", "2025-10-23")]


# ---------------------------------------------------------------------- until after a deadline verb


@pytest.mark.parametrize("text, value", [
    ("The board extended the ballot until 9 a.m. Friday.", "2026-03-06T09:00"),
    ("The judge postponed the hearing until Monday.", "2026-03-09"),
    # "until" after other verbs keeps the tense's reading.
    ("Up until Monday, the police had described him as a witness.", "2026-03-02"),
])
def test_until_after_a_deadline_verb_points_ahead(text, value):
    assert only(text).value == value
