"""Property tests (hypothesis): no crash on any text or DCT, valid values, start <= end."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitroom.nlp.parse import load_nlp
from sitroom.nlp.timex import find_timexes, is_valid_value, to_interval, to_time_mention
from sitroom.nlp.timex.values import is_valid_mod

_WORDS = [
    "on", "Tuesday", "last", "week", "in", "recent", "weeks", "mid-January", "since", "2019",
    "the", "past", "few", "days", "early", "late", "next", "year", "quarter", "third", "ago",
    "two", "a", "every", "daily", "now", "recently", "3:30", "p.m.", "Friday", "night",
    "nineteen", "ninety-six", "1990s", "December", "31", ",", ".", "century", "20th", "May",
    "fiscal", "1989", "yesterday", "tonight", "spring", "weekend", "the", "year-earlier",
    "period", "2/30/2026", "9999", "0001", "hundred", "thousand", "years", "earlier", "that",
]

_SETTINGS = settings(max_examples=60, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
_DCTS = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))


def _check(text: str, dct: date) -> None:
    doc = load_nlp()(text)
    for t in find_timexes(doc, dct):
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start:t.end] == t.text
        assert is_valid_value(t.value), t
        assert is_valid_mod(t.mod), t
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        found = to_interval(t.value, t.mod, dct, type=t.type, anchor=t.anchor)
        if found is not None:
            assert found[0] <= found[1], (t, found)
        to_time_mention(t, dct)


@_SETTINGS
@given(st.text(max_size=120), _DCTS)
def test_no_crash_on_any_string(text, dct):
    _check(text, dct)


@_SETTINGS
@given(st.lists(st.sampled_from(_WORDS), max_size=14).map(" ".join), _DCTS)
def test_time_words_in_any_order_at_any_dct(text, dct):
    _check(text, dct)


_VALUES = st.one_of(
    st.from_regex(r"\A\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?\Z"),
    st.from_regex(r"\A\d{4}-W(0[1-9]|[1-4]\d|5[0-3])(-([1-7]|WE))?\Z"),
    st.from_regex(r"\A\d{4}-(Q[1-4]|H[12]|SP|SU|FA|WI)\Z"),
    st.from_regex(r"\AP(\d{1,4}|X)(D|W|M|Q|Y|DE|CE)\Z"),
    st.from_regex(r"\A\d{2,3}\Z"),
    st.sampled_from(["PAST_REF", "PRESENT_REF", "FUTURE_REF"]),
    st.text(max_size=12),
)
_MODS = st.sampled_from([None, "START", "MID", "END", "APPROX", "ON_OR_AFTER", "BEFORE"])


@settings(max_examples=400, deadline=None)
@given(_VALUES, _MODS, _DCTS, st.sampled_from([None, "past", "future"]))
def test_interval_start_not_after_end(value, mod, dct, anchor):
    found = to_interval(value, mod, dct, type="DATE", anchor=anchor)
    if found is not None:
        assert found[0] <= found[1]
