"""One scan for rule starts finds exactly what scanning rule by rule finds (nlp/timex/scan.py)."""

from __future__ import annotations

import json

from hypothesis import given, settings, strategies as st

from sitroom.nlp.timex.detect import lowered
from sitroom.nlp.timex.lexicon import rules
from sitroom.nlp.timex.scan import _starts, first_characters, rule_matches

SENTENCES = [
    "On Tuesday, two days after the attack, officials said 1,990 people had fled since mid-January.",
    "The 2019 ceasefire held until late last year; talks resume next week, at 3 p.m. on March 4.",
    "A 40-year-old man was shot in the early hours of Saturday, and the 1990s-era rifle was found.",
    "Every Friday for the past three months, hundreds have marched; the vote may be delayed until 2027.",
    "In the first quarter of fiscal 2025, two weeks ago, on 12/03/2024 and 2024-03-12 at 14:30 GMT.",
    "x2019 and 2019x and mid-2010s and the Oct. 23 slaying, tonight, this morning, a decade ago.",
]


def _rule_by_rule(low: str) -> list[tuple[int, int, int, tuple]]:
    return sorted((m.start(), m.end(), p, tuple(sorted(m.groupdict().items())))
                  for p, rule in enumerate(rules()) for m in rule.regex.finditer(low))


def _one_scan(low: str) -> list[tuple[int, int, int, tuple]]:
    return sorted((m.start(), m.end(), p, tuple(sorted(m.groupdict().items()))) for p, _, m in rule_matches(low))


def test_the_start_scan_is_built():
    assert _starts() is not None


def test_same_matches_as_rule_by_rule_on_sentences():
    for text in SENTENCES + [" ".join(SENTENCES), "\n\n".join(SENTENCES)]:
        low = lowered(text)
        assert _one_scan(low) == _rule_by_rule(low), text


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(
    ["on", "tuesday", "2019", "mid-", "january", "the", "last", "week", "1,990", "-", "'", "s", " ", "  ",
     "\n", "3", "p.m.", "ago", "two", "days", "x", "early", "since", ",", ".", "12/03", "year", "old",
     "a", "decade", "every", "friday", "fiscal", "quarter", "tonight", "may", "march", "4"]), max_size=30))
def test_same_matches_as_rule_by_rule_on_any_word_soup(words):
    low = "".join(words)
    assert _one_scan(low) == _rule_by_rule(low)


def test_same_matches_on_real_news(evalsets):
    texts = [json.loads(line)["text"] for line in (evalsets / "time" / "tbaq-dev.jsonl").open(encoding="utf-8")][:80]
    for text in texts:
        low = lowered(text)
        assert _one_scan(low) == _rule_by_rule(low)


def test_first_characters():
    assert first_characters(r"(?:the\s+)?(?:day|week)") == "[dtw]"
    assert first_characters(r"\d+|x") == r"[\dx]"
    assert first_characters(r"(?:a)?") is None  # may match nothing
    assert first_characters(r"[^a]b") is None  # any character but one
    assert first_characters(r"(?i:a)") is None  # case-insensitive part
