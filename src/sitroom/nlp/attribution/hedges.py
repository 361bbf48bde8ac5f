"""Hedging and modality cues: words that lower the certainty of what is reported.

Why: "estimates that 15,000 escaped", "could have fled", "reportedly killed", "it is feared" are
weaker than a flat statement; fusion and analysts weigh a hedged figure differently, so each
attribution carries its hedges with their spans.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sitroom.model import Span

from .base import Mention
from .lexicon import Lexicon, lexicon

__all__ = ["find_hedges", "mention_hedges"]

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


_ANAPHORIC_DETERMINERS = {"the", "that", "this", "their", "its", "his", "her"}


def _naming_noun(doc: Doc, start: int, lex: Lexicon) -> tuple[str, Span] | None:
    """A hedge noun that opens the next sentence (from token ``start``, the end of the reporting
    sentence) as a definite description of what was just reported ("… escaped, according to
    officials. The estimate, which has not been made public, …"): the writer names the previous
    claim an estimate, so it hedges that claim."""
    # Tokens by index, not ``doc[start:start + 8]``: an empty slice at the end of the document
    # makes spaCy build the whole text to find its offset.
    toks = [doc[i] for i in range(start, min(start + 8, len(doc))) if not doc[i].is_space]
    if len(toks) < 2 or toks[0].lower_ not in _ANAPHORIC_DETERMINERS:
        return None
    for tok in toks[1:4]:
        if tok.is_sent_start or tok.is_punct:  # within the first few words of one sentence
            return None
        if tok.pos_ == "NOUN":
            if tok.lemma_.lower() in lex.hedge_lemmas and tok.dep_ in ("nsubj", "nsubjpass"):
                return tok.text, Span(tok.idx, tok.idx + len(tok.text))
            if tok.dep_ != "compound":
                return None
    return None


def mention_hedges(doc: Doc, mention: Mention, lex: Lexicon | None = None) -> list[tuple[str, Span]]:
    """The hedges of what ``mention`` reports, in text order.

    * hedges in the mention's sentence, except those inside its source phrases ("officials
      familiar with an intelligence assessment": the assessment is what the officials know, not a
      qualification of the claim);
    * the cue itself when it hedges ("…, Officials Estimate");
    * a hedge noun naming the claim at the start of the next sentence ("The estimate, which …").
    """
    lex = lex or lexicon()
    sent = doc.char_span(mention.sentence.start, mention.sentence.end, alignment_mode="expand")
    hedges = _sentence_hedges(doc, sent, lex)
    sources = [s for s in (mention.speaker, mention.cited, mention.recipient, mention.antecedent) if s is not None]
    hedges = [h for h in hedges if not any(src.start <= h[1].start < src.end for src in sources)]
    if mention.cue_lemma in lex.hedge_lemmas and not any(span.overlaps(mention.cue) for _, span in hedges):
        hedges.append((mention.cue_text, mention.cue))
    if sent is not None:
        named = _naming_noun(doc, sent.end, lex)
        if named is not None:
            hedges.append(named)
    hedges.sort(key=lambda h: h[1].start)
    return hedges


def _sentence_hedges(doc: Doc, sent: SpacySpan | None, lex: Lexicon) -> list[tuple[str, Span]]:
    """:func:`find_hedges` of one sentence, read once per parse (kept in ``doc.user_data``).

    Why: every mention in a sentence asks for the same hedges; a sentence with hundreds of cues
    (a transcript, a list, hostile input) would otherwise be scanned once per cue.
    """
    if sent is None:
        return []
    cache = doc.user_data.setdefault("sitroom.hedges", {})
    key = (sent.start, sent.end, id(lex))
    if key not in cache:
        cache[key] = find_hedges(sent, lex)
    return list(cache[key])
