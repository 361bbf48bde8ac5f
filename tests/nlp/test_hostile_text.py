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


def test_scope_reads_a_long_sentence_once_and_each_number_in_its_window(nlp, monkeypatch):
    """A sentence of hundreds of counts is searched for cues once, and each count is judged on the
    cues near its verb (:data:`~sitroom.nlp.count_scope.WINDOW`), not on the whole sentence."""
    import sitroom.nlp.count_scope as cs
    from sitroom.nlp.claims import document_quantities
    from sitroom.nlp.parse import forget_scratch

    unit = "since 2012 at least 40 people have been killed and 12 wounded in the city, and "
    text = "Police said " + unit * 40 + "nobody else died."
    doc = nlp(text)
    calls = {"sentences": 0, "walks": 0}
    read_sentence, modifies = cs._read_sentence, cs._modifies_clause

    def counted_read(*args, **kwargs):
        calls["sentences"] += 1
        return read_sentence(*args, **kwargs)

    def counted_walk(*args, **kwargs):
        calls["walks"] += 1
        return modifies(*args, **kwargs)

    monkeypatch.setattr(cs, "_read_sentence", counted_read)
    monkeypatch.setattr(cs, "_modifies_clause", counted_walk)
    qs = document_quantities(doc)
    assert len(qs) >= 80 and len(list(doc.sents)) < 5
    assert calls["sentences"] <= len(list(doc.sents))
    markers = text.lower().count("since")
    # each count walks from the markers of its window only (a dozen), not from all forty
    assert calls["walks"] <= len(qs) * 2 * (cs.WINDOW // 10) < len(qs) * markers
    forget_scratch(doc)
    assert "sitroom.count_scope" not in doc.user_data
