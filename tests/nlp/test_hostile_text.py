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


class _Counted(list):
    """A list that counts the items read from it (by index or by iteration)."""

    reads = 0

    def __getitem__(self, i):
        self.reads += 1
        return super().__getitem__(i)

    def __iter__(self):
        for item in super().__iter__():
            self.reads += 1
            yield item


def _event_report(n: int) -> str:
    towns = ["Kirkuk", "Mosul", "Tikrit", "Ramadi"]
    return "\n\n".join(f"A car bomb exploded in {towns[i % 4]} on Monday. Officials said the blast killed {i % 9 + 2} people."
                       for i in range(n))


def test_each_item_is_weighed_against_the_mentions_of_its_sentence_only(nlp):
    """A report of many sentences: every count, actor and place reads the event mentions filed
    around it, not every mention of the report (which grew as items × mentions)."""
    from sitroom.nlp.claims import _assign
    from sitroom.nlp.events import classify_events
    from sitroom.nlp.quantities import find_quantities

    doc = nlp(_event_report(40))
    mentions = _Counted(classify_events(doc))
    spans = [q.span for q in find_quantities(doc)]
    assert len(mentions) >= 40 and len(spans) >= 40
    owners = _assign(doc, spans, mentions)
    assert all(o is not None for o in owners)
    mentions.reads = 0
    _assign(doc, spans, mentions)
    # the mentions of a few sentences per item (those filed in its stretch of text), not all
    assert mentions.reads <= 20 * len(spans) < len(spans) * len(mentions) // 3


def test_the_attribution_of_each_claim_is_found_among_those_around_it(nlp, monkeypatch):
    """Claims and their counts look up their attribution among the attributions filed near
    them, not in a scan of every attribution of the report."""
    import sitroom.nlp.attribution.coverage as cov
    from sitroom.nlp.attribution import Coverage, attribution_for, find_attributions
    from sitroom.nlp.claims import build_claims
    from sitroom.nlp.parse import forget_scratch

    text = _event_report(40)
    document = make_document(text, published="2026-03-04T10:00:00+00:00", outlet="Example Wire")
    doc = nlp(text)
    attrs = find_attributions(doc, document.outlet)
    assert len(attrs) >= 40
    calls = {"tests": 0, "questions": 0}
    contains, ask = cov._contains, Coverage.attribution_for

    def counted_contains(*args):
        calls["tests"] += 1
        return contains(*args)

    def counted_ask(self, span):
        calls["questions"] += 1
        return ask(self, span)

    monkeypatch.setattr(cov, "_contains", counted_contains)
    monkeypatch.setattr(Coverage, "attribution_for", counted_ask)
    claims = build_claims(doc, document, attributions=attrs)
    forget_scratch(doc)
    assert len(claims) >= 40
    assert calls["tests"] <= 8 * calls["questions"] < calls["questions"] * len(attrs) // 4
    # one question alone answers as the index does
    monkeypatch.setattr(Coverage, "attribution_for", ask)
    for c in claims[:10]:
        assert attribution_for(c.trigger_span, attrs, document.outlet) == c.attribution


def test_a_long_chain_of_outcomes_is_read_once_per_run(nlp, monkeypatch):
    """"killed 4 and wounded 5 and killed ..." in one sentence: whether a count is a joint
    killed-and-wounded total is read from the run of coordinated verbs once, not per count."""
    import sitroom.nlp.quantities as quantities
    from sitroom.nlp.parse import forget_scratch

    text = "Gunmen " + "killed 4 villagers and wounded 5 guards and " * 60 + "fled."
    doc = nlp(text)
    calls = {"outcomes": 0}
    outcome_of = quantities._outcome_of

    def counted(tok):
        calls["outcomes"] += 1
        return outcome_of(tok)

    monkeypatch.setattr(quantities, "_outcome_of", counted)
    qs = quantities.find_quantities(doc)
    forget_scratch(doc)
    assert len(qs) >= 100
    assert calls["outcomes"] <= 8 * len(qs) < len(qs) * len(qs) // 4


def test_a_span_index_answers_as_a_scan_of_every_span():
    import random

    from sitroom.model import Span
    from sitroom.nlp.span_index import SpanIndex

    rng = random.Random(7)
    spans = []
    for _ in range(300):
        start = rng.randrange(0, 20_000)
        spans.append(None if rng.random() < 0.1 else Span(start, start + rng.choice([0, 1, 40, 700, 3000])))
    index = SpanIndex(spans)
    for pos in [0, 511, 512, 513] + [rng.randrange(0, 24_000) for _ in range(500)]:
        near = index.around(pos)
        assert near == sorted(near)
        held = [i for i in near if spans[i].start <= pos <= spans[i].end]
        assert held == [i for i, s in enumerate(spans) if s is not None and s.start <= pos <= s.end]
