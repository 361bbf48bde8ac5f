"""TIMEX3 quarter and half rules (issue 9, second pass): the report's quarter, parts of a year.

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
    ("Profit rose in the third quarter, and revenue in last year's quarter was lower.",
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


# ---------------------------------------------------------------------------------- fiscal quarters


def test_fiscal_hyphenated_before_the_ordinal():
    t = only("Net income fell in the fiscal-second quarter.", EARNINGS_DCT)
    assert (t.text, t.value) == ("the fiscal-second quarter", "2025-Q2")
