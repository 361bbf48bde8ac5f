"""GVDB's coding conventions (sitroom.evals.gvdb_coding), on sentences written for these tests."""

from __future__ import annotations

from sitroom.model import QuantityKind
from sitroom.nlp.claims import document_quantities


def _killed(doc):
    return [q for q in document_quantities(doc) if q.kind is QuantityKind.KILLED]


def test_a_separate_happening_is_named_by_its_opener(nlp):
    from sitroom.evals.gvdb_coding import separate_opener

    text = "In a separate attack, gunmen killed four policemen at a checkpoint in Mosul on Monday."
    doc = nlp(text)
    [q] = _killed(doc)
    assert str(q.scope) == "event"  # the product keeps it as that happening's own toll
    assert separate_opener(doc, q).quote(text) == "In a separate"
    other = "Gunmen killed four policemen at a checkpoint in Mosul on Monday."
    doc = nlp(other)
    assert [separate_opener(doc, q) for q in _killed(doc)] == [None]


def test_the_attackers_own_death_is_told_from_his_victims(nlp):
    from sitroom.evals.gvdb_coding import attacker_death, attacker_victims

    doc = nlp("A man shot and killed his wife before turning the gun on himself on Sunday.")
    got = [(q.low, attacker_death(doc, q), attacker_victims(doc, q)) for q in _killed(doc)]
    assert (1, False, True) in got  # his wife
    doc = nlp("The gunman was shot dead by police outside the store.")
    assert [attacker_death(doc, q) for q in _killed(doc)] == [True]
