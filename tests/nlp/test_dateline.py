"""The one dateline reader (sitroom.nlp.dateline), on openings we write."""

from __future__ import annotations

from datetime import date

from sitroom.nlp.dateline import dateline_day, find_dateline, is_caps_dateline, opens_dateline
from sitroom.nlp.timex import time_mentions


def test_find_dateline_reads_the_shape_of_the_opening():
    cases = {
        "Headline here.\nMAPLETON, Ore. (KMAP) - A clerk was hurt.": "MAPLETON",
        "Headline.\n(Fairview, OH)--Two men were shot.": "Fairview",
        "BRIDGEPORT -- A fire broke out.": "BRIDGEPORT",
        "Headline.\nEAST HAVEN, Conn. (Jan. 4, 2026) — Police said": "EAST HAVEN",
        "Title.\nMonday, March 2, 2026 LAKEWOOD, Colorado --A man": "LAKEWOOD",
        "Hasakah, SANA - Units of the army took over the camp.": "Hasakah",
    }
    for text, name in cases.items():
        span = find_dateline(text)
        assert span is not None and span.quote(text) == name, text
    assert find_dateline("Headline.\n(WKRP) - A man was shot in Fairview.") is None  # an outlet's tag
    assert find_dateline("Officers said the man ran - twice - on Friday.") is None
    assert find_dateline("Headline.\nTuesday, 9 a.m. - Roads were closed.") is None  # a day, not a place


def test_opens_dateline_on_a_mention_span():
    text = "ELMWOOD, Ill. (KELM) - Deputies said shots were fired near Oak Ridge."
    assert opens_dateline(text, 0, len("ELMWOOD"))
    at = text.index("Oak Ridge")
    assert not opens_dateline(text, at, at + len("Oak Ridge"))


def test_caps_dateline_on_tokens(nlp):
    doc = nlp("HARTWELL, Ga. - A deputy was hurt. Later a car hit a pole in Hartwell.")
    assert is_caps_dateline(doc, 0, 1)
    later = [t.i for t in doc if t.text == "Hartwell"][0]
    assert not is_caps_dateline(doc, later, later + 1)


def test_dateline_day_is_trusted_only_within_a_week():
    dct = date(2026, 3, 12)
    assert dateline_day("2026-03-10", dct) == date(2026, 3, 10)
    assert dateline_day("2026-02-01", dct) is None  # too old for a dateline
    assert dateline_day("2026-03-12", dct) is None  # the stamp's own day changes nothing
    assert dateline_day("2026-W10", dct) is None


def test_relative_dates_count_from_the_dateline_day(nlp):
    doc = nlp("CAIRO, March 10 (Agency) -- A bomb exploded yesterday near the market.")
    days = {t.text: t.start for t in time_mentions(doc, date(2026, 3, 12))}
    assert days["yesterday"] == date(2026, 3, 9)


def test_hostile_dateline_tails_do_not_backtrack():
    """Commas and runs of spaces in the first line once made the tail pattern try every split
    (seconds per position, growing sixfold per comma); the pattern is possessive now."""
    from sitroom.nlp.dateline import DATELINE_TAIL, find_dateline, opens_dateline

    hostile = "AL-MARREN" + ", a     " * 40 + "\n" + "x " * 1000
    assert DATELINE_TAIL.match(hostile, 9, 89) is None
    assert find_dateline(hostile) is None
    assert opens_dateline(hostile, 0, 9) is False
