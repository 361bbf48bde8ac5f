"""TIMEX3 rules for days anchored on another day or on year-end (issue 9, second pass).

Sentences written for sitroom. DCT is Wednesday 2026-03-04 unless a test says otherwise.
"""

from __future__ import annotations

from datetime import date

from .conftest import only, tag


# ------------------------------------------------------------------------------- anchored days


def test_the_previous_weekday_counts_from_the_day_named():
    text = "Shares fell on Friday, down 3% from the previous Friday."
    found = tag(text)
    assert [(t.text, t.value) for t in found] == [("Friday", "2026-02-27"),
                                                   ("the previous Friday", "2026-02-20")]


def test_the_day_before_a_named_day():
    t = only("The day before last Tuesday's vote, the delegates gathered.")
    assert (t.text, t.value) == ("The day before last Tuesday", "2026-03-02")


def test_since_year_end_is_the_year_end_that_passed():
    t = only("The index has risen 4% since year-end.", date(2025, 10, 20))
    assert (t.text, t.value) == ("year-end", "2024-12-31")


def test_a_week_or_so_ago():
    t = only("A week or so ago, the mayor picked the venue.")
    assert (t.text, t.type, t.value) == ("A week or so ago", "DATE", "2026-W09")
