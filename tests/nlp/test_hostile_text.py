"""Extraction on text no reporter writes: long runs of one construction in a single sentence.

Each case once crashed (recursion through a chain of "and") or walked the whole sentence per
word; they must give claims (or none) without raising. No timing is asserted here: speed is
measured by bench/, and these inputs stay small enough for any machine.
"""

from __future__ import annotations

from spacy.tokens import Doc

from sitroom.extraction import extract, extract_document, make_document


def test_a_chain_of_coordinated_groups_does_not_exhaust_the_stack():
    text = "Rebels and militias and gunmen and fighters and " * 300 + "attacked the town."
    assert isinstance(extract(text, published="2026-03-04"), list)


def test_a_chain_of_coordinated_verbs_does_not_exhaust_the_stack():
    text = "He will say and " + "think and " * 1200 + "go."
    assert isinstance(extract(text, published="2026-03-04"), list)


def test_detention_places_are_read_under_each_verb_only(nlp):
    from sitroom.nlp.counted_kind import flees_detention

    doc = nlp("Dozens of inmates fled the prison, and villagers fled the fighting.")
    fled = [t for t in doc if t.lower_ == "fled"]
    assert [flees_detention(v) for v in fled] == [True, False]


def test_a_parse_round_trips_after_extraction(nlp):
    text = "Officials said 12 people were killed in the blast. The estimate could rise, medics said."
    document = make_document(text, published="2026-03-04T10:00:00+00:00", outlet="Example Wire")
    doc = nlp(text)
    extract_document(document, doc)
    again = Doc(doc.vocab).from_bytes(doc.to_bytes())
    assert again.text == text
    assert not [k for k in doc.user_data if isinstance(k, str) and k.startswith("sitroom.") and k != "sitroom.text"]
