"""to_interval / to_time_mention: the one path from TIMEX3 to the claims' day interval."""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.model import TimePrecision as P
from sitroom.nlp.timex import Timex, to_interval, to_time_mention
from sitroom.nlp.timex.interval import FUTURE_REF_DAYS, PAST_REF_DAYS, VAGUE_COUNT

DCT = date(2026, 3, 4)


@pytest.mark.parametrize("value, mod, expected", [
    ("2026-03-03", None, (date(2026, 3, 3), date(2026, 3, 3), P.DAY)),
    ("2026-03-03TNI", None, (date(2026, 3, 3), date(2026, 3, 3), P.DAY)),
    ("2026-W09", None, (date(2026, 2, 23), date(2026, 3, 1), P.WEEK)),
    ("2026-W09-WE", None, (date(2026, 2, 28), date(2026, 3, 1), P.RANGE)),
    ("2026-02", None, (date(2026, 2, 1), date(2026, 2, 28), P.MONTH)),
    ("2026-Q1", None, (date(2026, 1, 1), date(2026, 3, 31), P.QUARTER)),
    ("2025", None, (date(2025, 1, 1), date(2025, 12, 31), P.YEAR)),
    ("2025-WI", None, (date(2025, 12, 1), date(2026, 2, 28), P.RANGE)),
    ("199", None, (date(1990, 1, 1), date(1999, 12, 31), P.RANGE)),
    ("2026-01", "MID", (date(2026, 1, 11), date(2026, 1, 21), P.RANGE)),
    ("2026-01", "START", (date(2026, 1, 1), date(2026, 1, 10), P.RANGE)),
    ("2026-01", "END", (date(2026, 1, 22), date(2026, 1, 31), P.RANGE)),
    ("2019", "ON_OR_AFTER", (date(2019, 1, 1), DCT, P.RANGE)),
    ("PRESENT_REF", None, (DCT, DCT, P.DAY)),
])
def test_calendar_values(value, mod, expected):
    assert to_interval(value, mod, DCT) == expected


def test_in_recent_weeks_is_a_past_range_ending_on_the_dct():
    start, end, precision = to_interval("PXW", None, DCT, type="DURATION", anchor="past")
    assert end == DCT and precision is P.RANGE
    assert (DCT - start).days == 7 * VAGUE_COUNT


def test_past_and_future_refs():
    start, end, precision = to_interval("PAST_REF", None, DCT)
    assert (end, (DCT - start).days, precision) == (DCT, PAST_REF_DAYS, P.RANGE)
    start, end, precision = to_interval("FUTURE_REF", None, DCT)
    assert (start, (end - DCT).days, precision) == (DCT, FUTURE_REF_DAYS, P.RANGE)


def test_future_duration():
    assert to_interval("P2W", None, DCT, anchor="future") == (DCT, date(2026, 3, 18), P.RANGE)


@pytest.mark.parametrize("value, type_", [
    ("XXXX-WXX-2", "SET"), ("P1W", "SET"), ("XXXX-10", "DATE"), ("nonsense", "DATE"), ("", "DATE"),
])
def test_no_interval(value, type_):
    assert to_interval(value, None, DCT, type=type_) is None


def test_to_time_mention_carries_span_and_value():
    t = Timex(start=3, end=10, text="Tuesday", type="DATE", value="2026-03-03")
    mention = to_time_mention(t, DCT)
    assert mention is not None
    assert (mention.span.start, mention.span.end) == (3, 10)
    assert (mention.start, mention.end, mention.precision) == (date(2026, 3, 3), date(2026, 3, 3), P.DAY)
    assert mention.value == "2026-03-03" and mention.type == "DATE"


def test_to_time_mention_of_a_set_is_none():
    assert to_time_mention(Timex(0, 6, "weekly", "SET", "P1W"), DCT) is None


def test_time_mentions_for_claims_with_a_datetime_dct():
    from datetime import datetime, timezone

    from sitroom.nlp.parse import parse
    from sitroom.nlp.timex import time_mentions

    text = "On Tuesday gunmen raided the camp, which has been shelled every week since 2019."
    published = datetime(2026, 3, 4, 9, 30, tzinfo=timezone.utc)
    mentions = time_mentions(parse(text), published)
    assert [(m.text, m.start, m.end, m.precision) for m in mentions] == [
        ("Tuesday", date(2026, 3, 3), date(2026, 3, 3), P.DAY),
        ("2019", date(2019, 1, 1), date(2026, 3, 4), P.RANGE),
    ]


def test_compound_and_sub_day_durations():
    assert to_interval("P2Y6M", None, DCT)[0] < date(2023, 9, 10)
    assert to_interval("PT5H30M", None, DCT) == (DCT, DCT, P.DAY)
    assert to_interval("P3DT12H", None, DCT, anchor="future")[1] == date(2026, 3, 8)
