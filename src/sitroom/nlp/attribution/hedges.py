"""Hedging and modality cues: words that lower the certainty of what is reported.

Why: "estimates that 15,000 escaped", "could have fled", "reportedly killed", "it is feared" are
weaker than a flat statement; fusion and analysts weigh a hedged figure differently, so each
attribution carries its hedges with their spans.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token
from spacy.tokens import Span as SpacySpan

from sitroom.model import Span

from .lexicon import Lexicon, lexicon

__all__ = ["find_hedges"]

_MODALS = {"could", "may", "might"}
_POS_OK = {"VERB", "AUX", "ADV", "ADJ", "NOUN"}


def _hedge_token(tok: Token, lex: Lexicon) -> bool:
    low, lemma = tok.lower_, tok.lemma_.lower()
    if low in _MODALS or lemma in _MODALS:
        return tok.tag_ == "MD"
    if tok.pos_ not in _POS_OK:
        return False
    if lemma == "claim" and tok.pos_ == "NOUN":
        return any(c.dep_ in ("acl", "ccomp") for c in tok.children)
    return low in lex.hedge_lemmas or lemma in lex.hedge_lemmas


@lru_cache(maxsize=4)
def _phrases_by_first_word(
    phrases: tuple[tuple[str, ...], ...],
) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrase hedges indexed by their first word, longest first (one dict lookup per token)."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted(phrases, key=len, reverse=True):
        index.setdefault(phrase[0], []).append(phrase)
    return {k: tuple(v) for k, v in index.items()}


def find_hedges(sentence: SpacySpan, lex: Lexicon | None = None) -> list[tuple[str, Span]]:
    """Hedges in ``sentence`` as ``(words, span)`` pairs, in text order; phrase hedges ("believed
    to", "it is feared") are matched before single words so their words are not counted twice."""
    lex = lex or lexicon()
    found: list[tuple[str, Span]] = []
    used: set[int] = set()
    toks = list(sentence)
    lowers = [t.lower_ for t in toks]
    firsts = _phrases_by_first_word(lex.hedge_phrases)
    for i, low in enumerate(lowers):
        for phrase in firsts.get(low, ()):
            n = len(phrase)
            if tuple(lowers[i : i + n]) != phrase or any(toks[i + k].i in used for k in range(n)):
                continue
            used.update(toks[i + k].i for k in range(n))
            start, end = toks[i].idx, toks[i + n - 1].idx + len(toks[i + n - 1].text)
            words = sentence.doc[toks[i].i : toks[i + n - 1].i + 1].text
            found.append((words, Span(start, end)))
            break
    for tok in toks:
        if tok.i in used or not _hedge_token(tok, lex):
            continue
        found.append((tok.text, Span(tok.idx, tok.idx + len(tok.text))))
    found.sort(key=lambda h: h[1].start)
    return found
