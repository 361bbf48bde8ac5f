"""Faster ways of computing the same thing give the same thing (actors' case folding, event
context sums); the pipeline-level equivalences are in test_tag_attributes.py and timex/test_scan.py."""

from __future__ import annotations


from hypothesis import given, settings, strategies as st

from sitroom.nlp.actors import _entries, _folded_matcher, _matchers
from sitroom.nlp.event_lexicon import _context_sums, _phrase_scanners, sub_types
from sitroom.nlp.textscan import GuardedPattern, folded

_ALIASES = sorted({a for a, cs, _ in _entries() if not cs})


def test_folded_text_keeps_offsets():
    for text in ["İstanbul", "ISIS and ıSIS", "ſtate", "Straße", "ΣΑΣ", "K"]:
        assert len(folded(text)) == len(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_ALIASES), st.sampled_from(
    [" ", "  ", "\n", "-", "'", "x", "İ", "ı", "ſ", "K", "ß", "Σ", "the ", "ISIS", "iSiS", "ıSıS", "ſdf", "SDF"])),
    max_size=12))
def test_folded_scan_finds_what_the_case_insensitive_scan_finds(parts):
    text = "".join(parts)
    ci_rx = _matchers()[0]
    fast = _folded_matcher()
    assert fast._body is not None  # the fast way is taken
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in ci_rx.finditer(text)]


_PHRASES = [entry[0] for scans in _phrase_scanners() for part in scans for entry in part]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(
    ["killed", "shot", "protesters", "were", "the", "fired", "on", "at", "rockets", "KILLED", "Shot", " ",
     "  ", "\n", "-", "gun", "İ", "ı", "ſ", "a", "an", "took", "control", "of", "camp", "fled", "grenade",
     "threw", "explosive", "devices", "seized", "weapons", "cache", "set", "up", "checkpoints", "2"]), max_size=25))
def test_phrase_scanners_find_what_the_patterns_find(words):
    text = "".join(words)
    scanned = folded(text)
    for rx in _PHRASES:
        assert [m.span() for m in rx.finditer(text, scanned)] == [m.span() for m in rx.pattern.finditer(text)]


def test_guarded_pattern_falls_back_when_it_must():
    import re

    assert GuardedPattern(r"(?<![\w-])", r"Big\S+", re.IGNORECASE)._body is None  # upper case in the pattern
    assert GuardedPattern(r"(?<![\w-])", r"(?:a)?", 0)._body is None  # may match nothing
    assert GuardedPattern(r"(?<![\w-])", r"(?-i:x)y", re.IGNORECASE)._body is None  # inline flags
    rx = GuardedPattern(r"(?<![\w-])", r"(?:war|warn)(?![\w-])", re.IGNORECASE)
    text = "forewarn WARN war-torn, Warn ſwarn"
    assert [m.span() for m in rx.finditer(text)] == [m.span() for m in rx.pattern.finditer(text)]


def _walk(words: set[str]) -> list[float]:
    return [sum(w for key, w in s.context_words.items() if key in words) for s in sub_types()]


def test_context_sums_equal_a_walk_of_every_table():
    vocabulary = sorted({k for s in sub_types() for k in s.context_words})
    for i in range(0, len(vocabulary), 7):
        words = set(vocabulary[i:i + 60]) | {"unrelated", "words"}
        got = _context_sums(words, len(sub_types()))
        assert got == _walk(words) and [type(x) for x in got] == [type(x) for x in _walk(words)]
    assert _context_sums(set(), len(sub_types())) == _walk(set())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(
    ["At least", "at LEAST", "between", "And", "15,000", "20,000", "to", "Dozens", "thousands", "of", "people",
     " ", "-", "–", "İ", "ı", "ſ", "K", "some", "SOME", "Nearly", "three", "Hundred", "killed", "or more", "%",
     "percent", "a", "An estimated", "2", "12", "x", "ab", ".", ",", "$", "plus", "From"]), max_size=20))
def test_amount_matches_are_the_case_insensitive_scan(words):
    from sitroom.nlp.amounts import AMOUNT_RE, amount_matches

    text = " ".join(words)
    got = [(m.span(), m.groupdict()) for m in amount_matches(text)]
    assert got == [(m.span(), m.groupdict()) for m in AMOUNT_RE.finditer(text)]


def test_folded_agrees_with_ignorecase_on_every_code_point():
    """Every character matches an ASCII letter ignoring case exactly when its folded form is that
    letter (the premise of :func:`sitroom.nlp.textscan.folded`)."""
    import re

    letters = re.compile("[a-z]", re.IGNORECASE)
    for cp in range(0x110000):
        if 0xD800 <= cp < 0xE000:
            continue
        ch = chr(cp)
        low = folded(ch)
        if letters.fullmatch(ch):
            assert low in "abcdefghijklmnopqrstuvwxyz" and re.fullmatch(low, ch, re.IGNORECASE), hex(cp)
        else:
            assert not (len(low) == 1 and "a" <= low <= "z"), hex(cp)


def test_the_model_loads_once_whatever_the_call_spelling():
    from sitroom.nlp.parse import DEFAULT_MODEL, load_nlp

    assert load_nlp() is load_nlp(DEFAULT_MODEL) is load_nlp(model=DEFAULT_MODEL)
