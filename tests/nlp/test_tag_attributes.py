"""The compiled attribute rules and the remembered lemmas give exactly what stock spaCy gives."""

from __future__ import annotations

import spacy

from sitroom.nlp.parse import DEFAULT_MODEL, load_nlp

SENTENCES = [
    "There is no doubt that the camp was breached, officials said on Tuesday.",
    "We're gonna need more trucks, y'all, and let's go now: c'mon!",
    "I told you it would rain; you didn't listen to me, and it did.",
    "Nothin' was left of the ol' market after the blast  —  somethin' had to give.",
    "Those who fled were taken to Iraq, which had agreed to receive them.",
    "He does what he has to do; she had done it before and did it again.",
    "A 25-year-old man, shot twice, is in critical condition.\n\nPolice are investigating.",
    "Between 15,000 and 20,000 people escaped, U.S. officials estimate.",
]


def test_same_attributes_as_the_stock_ruler():
    stock = spacy.load(DEFAULT_MODEL)
    fast = load_nlp()
    assert "sitroom_tag_attributes" in fast.pipe_names and "attribute_ruler" not in fast.pipe_names
    assert "sitroom_lemmas" in fast.pipe_names and "lemmatizer" not in fast.pipe_names
    for text in SENTENCES:
        a, b = stock(text), fast(text)
        assert [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in a] == \
               [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in b], text


def test_same_attributes_on_real_news(evalsets):
    """Every token of 60 real local-news articles (GVDB dev) gets the stock ruler's attributes."""
    import csv

    csv.field_size_limit(1 << 24)
    with (evalsets / "gvdb" / "dev.tsv").open(encoding="utf-8") as fh:
        texts = [r["Full text"] for r in csv.DictReader(fh, delimiter="\t")][:60]
    stock, fast = spacy.load(DEFAULT_MODEL), load_nlp()
    with fast.select_pipes(disable=["sitroom_paragraphs"]):  # same sentence boundaries as stock
        for a, b in zip(stock.pipe(texts), fast.pipe(texts)):
            assert [(t.pos_, str(t.morph), t.lemma_) for t in a] == [(t.pos_, str(t.morph), t.lemma_) for t in b]
