"""parse_amount: the pure amount grammar (no parse needed)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from sitroom.model import Qualifier
from sitroom.nlp.amounts import parse_amount, word_number


@pytest.mark.parametrize("text, expected", [
    ("15", (15, 15, 15, Qualifier.EXACT)),
    ("1.2 million", (1_200_000, 1_200_000, 1_200_000, Qualifier.EXACT)),
    ("nine", (9, 9, 9, Qualifier.EXACT)),
    ("twelve", (12, 12, 12, Qualifier.EXACT)),
    ("two dozen", (24, 24, 24, Qualifier.EXACT)),
    ("twenty-five", (25, 25, 25, Qualifier.EXACT)),
    ("between 15,000 and 20,000", (15_000, 20_000, None, Qualifier.RANGE)),
    ("15,000-20,000", (15_000, 20_000, None, Qualifier.RANGE)),
    ("15,000 to 20,000", (15_000, 20_000, None, Qualifier.RANGE)),
    ("two or three", (2, 3, None, Qualifier.RANGE)),
    ("at least 40", (40, None, 40, Qualifier.AT_LEAST)),
    ("more than 100", (101, None, None, Qualifier.MORE_THAN)),
    ("over 100", (101, None, None, Qualifier.MORE_THAN)),
    ("up to 300", (1, 300, 300, Qualifier.UP_TO)),
    ("nearly 20", (18, 20, 20, Qualifier.ABOUT)),
    ("almost 20", (18, 20, 20, Qualifier.ABOUT)),
    ("some 50,000", (45_000, 55_000, 50_000, Qualifier.ABOUT)),
    ("about 10", (9, 11, 10, Qualifier.ABOUT)),
    ("around 10", (9, 11, 10, Qualifier.ABOUT)),
    ("roughly 10", (9, 11, 10, Qualifier.ABOUT)),
    ("an estimated 10", (9, 11, 10, Qualifier.ABOUT)),
    ("20 or more", (20, None, 20, Qualifier.AT_LEAST)),
])
def test_parse_amount(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["a handful", "a dozen", "dozens", "scores", "hundreds", "thousands",
                                  "tens of thousands"])
def test_vague_amounts_are_intervals_from_the_table(text):
    low, high, best, qual = parse_amount(text)
    assert qual is Qualifier.VAGUE and high is not None and low < high


def test_vague_amounts_are_ordered():
    order = ["a handful", "dozens", "hundreds", "thousands", "tens of thousands"]
    lows = [parse_amount(t)[0] for t in order]
    assert lows == sorted(lows)
    assert parse_amount("thousands")[:2] == (2000, 9999)


@pytest.mark.parametrize("text", ["", "COVID-19", "5-year-old", "hello", "20%", "$5", "no", "20-15"])
def test_not_amounts(text):
    assert parse_amount(text) is None


def test_word_number():
    assert word_number("one hundred and fifty") == 150
    assert word_number("half a dozen") == 6
    assert word_number("fish") is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_parse_amount_never_crashes_and_low_le_high(text):
    out = parse_amount(text)
    if out is not None:
        low, high, best, _ = out
        assert low >= 0
        assert high is None or low <= high


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["", "at least ", "about ", "more than ", "up to ", "nearly ", "some "]),
       st.integers(min_value=0, max_value=10**9))
def test_qualified_numbers_bound_the_value(prefix, n):
    text = f"{prefix}{n:,}"
    low, high, best, _ = parse_amount(text)
    assert low <= (high if high is not None else low)
    assert low <= n + 1 and (high is None or high >= n - 1)
