"""GVDB city and date helpers (sitroom.evals.gvdb_where) on inputs we write."""

from __future__ import annotations

from datetime import date

from sitroom.evals.gvdb_where import city_matches, gold_date, predict_date, publication_date, stamp_end
from sitroom.model import Span, TimeMention, TimePrecision


def test_publication_date_from_url_and_stamp():
    assert publication_date("http://news.example.com/2016/01/27/man-shot/") == date(2016, 1, 27)
    assert publication_date("http://example.com/news/2016/feb/09/cashier-hurt/") == date(2016, 2, 9)
    assert publication_date("http://example.com/story-20151217-story.html") == date(2015, 12, 17)
    text = "Title.\nSPRINGDALE, Ark. (Dec. 10, 2015) - A man was shot."
    assert publication_date("http://example.com/story/123", text) == date(2015, 12, 10)
    assert stamp_end(text) == text.index(")") + 1
    assert publication_date("http://example.com/story/123", "No date here.") is None


def test_gold_date_and_city_comparison():
    assert gold_date("2015-8-23") == date(2015, 8, 23)
    assert gold_date("") is None
    assert city_matches(("SPRINGDALE", "Springdale"), "Springdale ")
    assert city_matches(("St. Louis",), "ST LOUIS")
    assert not city_matches(("Springdale",), "Rogers")


def _t(text: str, start: int, day: date, precision: TimePrecision = TimePrecision.DAY) -> TimeMention:
    return TimeMention(text=text, span=Span(start, start + len(text)), start=day, end=day, precision=precision)


def test_date_prefers_a_past_day_after_the_stamp_then_publication():
    pub = date(2016, 1, 27)
    times = [_t("Jan. 27, 2016", 10, pub), _t("Tuesday night", 60, date(2016, 1, 26)),
             _t("Friday", 90, date(2016, 1, 29))]
    assert predict_date([], times, pub, stamp_end=30) == date(2016, 1, 26)
    assert predict_date([], times[2:], pub) == pub  # a future day is a court date, not the shooting
    assert predict_date([], times, None) is None


def test_date_named_with_the_toll_wins_over_an_earlier_day():
    pub = date(2016, 1, 27)
    times = [_t("Monday", 20, date(2016, 1, 25)), _t("Saturday night", 120, date(2016, 1, 23))]
    assert predict_date([], times, pub, toll_sentences=[Span(100, 160)]) == date(2016, 1, 23)
    assert predict_date([], times, pub) == date(2016, 1, 25)


def test_toll_sentences_from_the_quantity_reader():
    from sitroom.evals.gvdb_where import toll_sentences
    from sitroom.nlp.parse import parse

    text = "Police were called on Monday. A man was shot dead late Saturday on Elm Street."
    doc = parse(text)
    spans = toll_sentences(doc)
    assert spans and spans[0].start == text.index("A man")


def test_publication_date_from_a_us_order_slug():
    assert publication_date("http://tv.example.com/news/man-hurt-on-elm-st-sunday-03-06-2016") == date(2016, 3, 6)


def test_a_bare_clock_time_states_no_day():
    pub = date(2016, 3, 4)
    times = [_t("9 p.m.", 20, pub), _t("Wednesday night", 60, date(2016, 3, 2))]
    assert predict_date([], times, pub) == date(2016, 3, 2)


def test_text_anchor_is_the_latest_full_date():
    from sitroom.evals.gvdb_where import states_year, text_anchor

    text = "A clerk was robbed on March 2, 2016. The suspect, arrested 3/5/2016, was first jailed in May 1999."
    assert text_anchor(text) == date(2016, 3, 5)
    assert text_anchor("Shots were fired on Saturday.") is None
    assert states_year(_t("Thursday, March 9, 2017", 0, date(2017, 3, 9)))
    assert not states_year(_t("Thursday", 0, date(2017, 3, 9)))


def test_a_day_still_to_come_is_not_the_anchor():
    from sitroom.evals.gvdb_where import text_anchor

    text = "Two men were shot on Friday, March 4, 2016. A hearing is scheduled for April 3, 2031."
    assert text_anchor(text) == date(2016, 3, 4)
