"""spaCy's rule lemmatizer with every answer remembered, not only some.

Why: the small English pipeline's lemmatizer costs about 5% of extraction's CPU time
(bench/extract_speed.py), most of it in Python for words it has seen before: its own cache keeps
only the lemmas its suffix rules produce, so every singular noun, base-form verb and punctuation
mark is worked out again on each occurrence; and each new word is checked against the known-word
index, which spaCy keeps as lists (a linear scan of thousands of words per suffix rule). A rule lemma depends on nothing but the token's
form, part of speech and morphology (and the lemmatizer's tables), so this component looks up
``(ORTH, POS, MORPH)`` for the whole document in one array, asks a private copy of the stock
lemmatizer (its index as sets: the same membership answers) once per new key, and writes the
column back in one call. Same tables, same answers: tokens that already
have a lemma (set by the attribute rules) keep it, as with the stock component's
``overwrite=False`` (``tests/nlp/test_tag_attributes.py`` compares every lemma with stock spaCy).
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

__all__ = ["RememberedLemmas", "speed_up_lemmatizer", "MEMO_LIMIT"]

#: Most entries a per-process memo of word forms keeps before it starts afresh (a few MB).
MEMO_LIMIT = 1 << 18


class RememberedLemmas:
    """A drop-in for a loaded rule-mode :class:`Lemmatizer` (same tables, same lemmas, faster)."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.stock = lemmatizer
        self.lemmatizer: Lemmatizer | None = None  # the private copy, made on first use (tables load late)
        self.strings = lemmatizer.vocab.strings
        # (orth, pos, morph) hashes → lemma hash; emptied when it passes MEMO_LIMIT entries, so a
        # long-running watcher reading ever new names does not grow it without end.
        self.known: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        lem = self.lemmatizer or self._copy()
        cols = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = cols[:, 3].copy()
        if len(self.known) > MEMO_LIMIT:
            self.known.clear()
        known, strings = self.known, self.strings
        for i, (orth, pos, morph, lemma) in enumerate(cols.tolist()):
            if lemma:
                continue
            key = (orth, pos, morph)
            got = known.get(key)
            if got is None:
                got = known[key] = strings.add(lem.lemmatize(doc[i])[0])
            lemmas[i] = got
        doc.from_array([LEMMA], lemmas.reshape(n, 1).astype(np.uint64, copy=False))
        return doc

    def _copy(self) -> Lemmatizer:
        """The stock lemmatizer's class, mode and tables, with ``lemma_index`` as sets.

        The rules only ask ``form in index``; a set answers that as a list does. The stock
        component is left as loaded (it is what a saved pipeline writes out).
        """
        stock = self.stock
        lem = type(stock)(stock.vocab, None, stock.name, mode=stock.mode, overwrite=stock.overwrite)
        lookups = Lookups()
        for name in stock.lookups.tables:
            table = stock.lookups.get_table(name)
            if name == "lemma_index":
                lookups.add_table(name, {key: frozenset(words) for key, words in table.items()})
            else:
                lookups.set_table(name, table)
        lem.lookups = lookups
        lem._validate_tables()
        self.lemmatizer = lem
        return lem


@Language.factory("sitroom_lemmas")
def make_remembered_lemmas(nlp: Language, name: str, lemmatizer: str = "lemmatizer") -> RememberedLemmas:
    """The pipeline's lemmatizer ``lemmatizer``, with its answers remembered."""
    return RememberedLemmas(nlp.get_pipe(lemmatizer))


def speed_up_lemmatizer(nlp: Language, name: str = "lemmatizer") -> None:
    """Run :class:`RememberedLemmas` in place of the pipeline's rule lemmatizer.

    Only a rule-mode lemmatizer that keeps existing lemmas is replaced (the lookup mode is a plain
    table already; ``overwrite=True`` would need the stock order of writes). The stock component
    stays in the pipeline, disabled: its tables are the source of truth.
    """
    if name not in nlp.pipe_names:
        return
    pipe = nlp.get_pipe(name)
    if not isinstance(pipe, Lemmatizer) or pipe.mode != "rule" or pipe.overwrite:
        return
    nlp.add_pipe("sitroom_lemmas", after=name, config={"lemmatizer": name})
    nlp.disable_pipe(name)
