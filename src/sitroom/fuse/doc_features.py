"""Terms that tell one news event from another, read from a report's own words.

Why these channels: reports of one topic (two earthquakes, two shootings, two product launches)
share most of their vocabulary, so plain word overlap mixes look-alike events. What differs between
them is *who*, *where* and *when*, so each document is read into four bags of terms, weighted
separately later (:mod:`sitroom.fuse.doc_vectors`):

* ``w`` **words** — lower-cased content words, function words and news boilerplate dropped
  (``data/cluster_stopwords.json``), plurals folded. Carries the topic and the kind of happening.
* ``n`` **names** — capitalised tokens that are not capitalised merely by position (sentence or
  line start), plus each run of such tokens as one term (``new_haven``). People, places and
  organisations are the strongest sign that two reports describe *the same* incident. A word
  counts as a name only if the pool writes it capitalised more often than lower-cased
  mid-sentence (:func:`name_like`), so headline Title Case ("Shooting Victim Dies") does not
  turn common words into names.
* ``q`` **numbers** — digit tokens (tolls, ages, magnitudes, amounts, scores). Two look-alike
  events rarely share their figures.
* ``d`` **dates** — years and month–day pairs written in the text ("June 13", "13 June 2013"),
  Look-alike events of one topic usually happen in different years or months. (The
  publication date is *not* a term: in a stream of one month every report would share it; it
  acts as a gap penalty instead, see :mod:`sitroom.fuse.documents`.)

All of it is plain string work on the text: no parse is needed, which keeps clustering of a
thousand reports to about a second.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, NamedTuple

from ..datafiles import load_json

__all__ = ["DocTerms", "read_terms", "name_like", "tokens", "MONTHS"]

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

# A token: a word (letters, inner apostrophes/hyphens/dots as in "O'Brien", "U.S."), or a number.
_TOKEN = re.compile(r"[^\W\d_](?:[\w'’.-]*[^\W_])?|\d(?:[\d,.:]*\d)?")
# Characters after which the next word is capitalised by position, not because it is a name.
_OPENERS = frozenset('.!?:;"“‘(\n|—–-')
_POSSESSIVE = re.compile(r"['’]s$")
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(load_json("cluster_stopwords.json")["en"])


def _fold(word: str) -> str:
    """Fold a lower-case word's plural so "earthquakes" and "earthquake" are one term."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


class Token(NamedTuple):
    """One token: its text, whether position alone explains a capital, and where it sits."""

    text: str
    initial: bool
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """Tokens of ``text`` with a flag for sentence/line-initial position."""
    out: list[Token] = []
    append = out.append
    openers = _OPENERS
    for m in _TOKEN.finditer(text):
        start = m.start()
        i = start - 1
        while i >= 0 and (text[i] == " " or text[i] == "\t"):
            i -= 1
        word = m.group()
        if "'" in word or "’" in word:
            word = _POSSESSIVE.sub("", word)
        append(Token(word.strip(".'’-"), i < 0 or text[i] in openers, start, m.end()))
    return out


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def name_like(token_lists: Iterable[list[Token]]) -> frozenset[str]:
    """Lower-cased words the pool writes capitalised mid-sentence more often than not.

    Why pool-wide: one headline in Title Case must not make "shooting" a name, but "Haven" seen
    capitalised in twenty reports and never lower-cased is one.
    """
    cap: Counter[str] = Counter()
    low: Counter[str] = Counter()
    for toks in token_lists:
        for t in toks:
            if t.initial or not t.text[:1].isalpha():
                continue
            (cap if _is_cap(t.text) else low)[t.text.lower()] += 1
    stop = _stopwords()
    return frozenset(w for w, c in cap.items() if c > low[w] and w not in stop and w not in MONTHS)


@dataclass
class DocTerms:
    """The bags of one document (term → count)."""

    words: Counter[str] = field(default_factory=Counter)
    names: Counter[str] = field(default_factory=Counter)
    numbers: Counter[str] = field(default_factory=Counter)
    dates: Counter[str] = field(default_factory=Counter)


def _number(tok: str) -> str | None:
    digits = tok.replace(",", "")
    if not digits[:1].isdigit():
        return None
    return digits.rstrip(".:")


def read_terms(toks: list[Token], text: str, names: frozenset[str]) -> DocTerms:
    """Read the bags of one document from its tokens.

    Args:
        toks: :func:`tokens` of ``text``.
        text: the document text (to tell whether two name tokens are adjacent).
        names: the pool's name-like words (:func:`name_like`).
    """
    stop = _stopwords()
    terms = DocTerms()
    run: list[str] = []
    prev_end = -10

    def close_run() -> None:
        if len(run) > 1:
            terms.names["_".join(run)] += 1
        run.clear()

    for k, t in enumerate(toks):
        word = t.text
        low = word.lower()
        if word[:1].isdigit():
            close_run()
            num = _number(word)
            if num is None:
                continue
            if _YEAR.match(num):
                terms.dates[num] += 1
            terms.numbers[num] += 1
            # "June 13" / "13 June": a month-day term.
            if k > 0 and toks[k - 1].text.lower() in MONTHS and num.isdigit() and int(num) <= 31:
                terms.dates[f"{MONTHS[toks[k - 1].text.lower()]}-{int(num)}"] += 1
            elif k + 1 < len(toks) and toks[k + 1].text.lower() in MONTHS and num.isdigit() and int(num) <= 31:
                terms.dates[f"{MONTHS[toks[k + 1].text.lower()]}-{int(num)}"] += 1
            prev_end = t.end
            continue
        is_name = _is_cap(word) and low in names
        if is_name:
            adjacent = run and text[prev_end:t.start].strip(" \t") == ""
            if not adjacent:
                close_run()
            run.append(low)
            terms.names[low] += 1
        else:
            close_run()
        prev_end = t.end
        if low in stop or len(low) < 2:
            continue
        terms.words[_fold(low)] += 1
    close_run()
    return terms
