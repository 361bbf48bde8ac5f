"""Faster ways of computing the same thing give the same thing (actors' case folding, event
context sums); the pipeline-level equivalences are in test_tag_attributes.py and timex/test_scan.py."""

from __future__ import annotations


from hypothesis import given, settings, strategies as st

from sitroom.nlp.actors import _entries, _folded_matcher, _matchers, folded
from sitroom.nlp.events import _context_sums, sub_types

_ALIASES = sorted({a for a, cs, _ in _entries() if not cs})[:40]


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
    assert fast is not None
    assert [m.span() for m in fast.finditer(folded(text))] == [m.span() for m in ci_rx.finditer(text)]


def _walk(words: set[str]) -> list[float]:
    return [sum(w for key, w in s.context_words.items() if key in words) for s in sub_types()]


def test_context_sums_equal_a_walk_of_every_table():
    vocabulary = sorted({k for s in sub_types() for k in s.context_words})
    for i in range(0, len(vocabulary), 7):
        words = set(vocabulary[i:i + 60]) | {"unrelated", "words"}
        got = _context_sums(words, len(sub_types()))
        assert got == _walk(words) and [type(x) for x in got] == [type(x) for x in _walk(words)]
    assert _context_sums(set(), len(sub_types())) == _walk(set())
