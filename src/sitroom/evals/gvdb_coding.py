"""How GVDB codes an article where its convention differs from what the product's claims say.

Why here and not in :mod:`sitroom.nlp.count_scope`: these readings serve the corpus's
per-article arithmetic (:func:`sitroom.evals.gvdb.predict_counts`), not a claim. The product
keeps a count told of a separate happening ("In a separate shooting, ...") as that happening's
own toll on its own claim, and it tells no toll apart by who died; GVDB codes one incident per
article and counts the attacker among the dead, so it needs to know both. Word lists and
patterns: ``data/gvdb.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from sitroom.datafiles import load_json
from sitroom.model import Quantity, Span
from sitroom.nlp.parse import text_of, token_at

__all__ = ["separate_opener", "attacker_death", "attacker_victims"]


@dataclass(frozen=True)
class _Rules:
    """``data/gvdb.json`` compiled once."""

    separate_opener: re.Pattern[str]
    attacker_nouns: frozenset[str]
    police_nouns: frozenset[str]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = load_json("gvdb.json")
    return _Rules(
        # the named group is the opener itself, without the punctuation a sentence may start with
        separate_opener=re.compile(r"^\W*(?P<cue>" + "|".join(data["separate_openers"]) + ")", re.I),
        attacker_nouns=frozenset(data["attacker_nouns"]),
        police_nouns=frozenset(data["police_nouns"]),
    )


def separate_opener(doc: Doc, q: Quantity) -> Span | None:
    """The opener of ``q``'s sentence when it steps to a separate happening ("In a separate
    attack", "Separately"), or ``None``.

    The product keeps such a count as ``event`` scope on its own claim; GVDB codes one incident
    per article, so its per-article count leaves it out.
    """
    span = doc.char_span(q.span.start, q.span.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    sent = span.root.sent
    m = _rules().separate_opener.match(sent.text)
    return Span(sent.start_char + m.start("cue"), sent.start_char + m.end("cue")) if m else None


def attacker_death(doc: Doc, q: Quantity) -> bool:
    """Whether ``q`` counts the attacker's own death: "turned the gun on himself", "took his own
    life", "killing himself", "the gunman was shot dead by police"."""
    if q.kind.value != "killed" or q.best != 1:
        return False
    ev = token_at(doc, q.counted_span)
    if ev is None:
        return False
    if q.counted_span.quote(text_of(doc)).lower().endswith(("himself", "herself", "own life")):
        return True
    police = _rules().police_nouns
    who = token_at(doc, q.span)
    agent = next((c for c in ev.children if c.dep_ == "agent"), None)
    by_police = agent is not None and any(
        p.dep_ == "pobj" and p.lemma_.lower() in police for p in agent.children)
    if who is not None and who.dep_ == "dobj" and who.lower_ in ("him", "her"):
        # "... before police shot and killed him"
        subj = next((c for v in [ev, *ev.conjuncts] for c in v.children if c.dep_ == "nsubj"), None)
        return subj is not None and subj.lemma_.lower() in police
    return by_police and who is not None and who.lemma_.lower() in _rules().attacker_nouns


def attacker_victims(doc: Doc, q: Quantity) -> bool:
    """Whether ``q`` counts the people an attacker killed, the attacker not among them: the count
    is the object of an active killing verb whose subject is not the police ("a gunman killed
    three people", "... killing his five children", "shot and killed his wife")."""
    ev = token_at(doc, q.counted_span)
    who = token_at(doc, q.span)
    if ev is None or who is None or ev.pos_ != "VERB" or any(c.dep_ == "auxpass" for c in ev.children):
        return False
    noun = who.head if who.dep_ in ("nummod", "quantmod") else who
    verbs = {ev.i} | {c.i for c in ev.conjuncts}
    if noun.dep_ != "dobj" or noun.head.i not in verbs:
        return False
    subj = next((c for v in [ev, *ev.conjuncts] for c in v.children if c.dep_ == "nsubj"), None)
    return subj is None or subj.lemma_.lower() not in _rules().police_nouns
