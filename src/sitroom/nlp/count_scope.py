"""Whether a count is of the reported incident or of something larger: a tally over a period
("555 children have died since 2012"), a round-up ("15 militants killed in 24 hours"), a nation's day.

It also tells the attacker's own death ("then turned the gun on himself") from the deaths he
caused ("killing his five children"), which are different people and add up.

Why apart from :mod:`sitroom.nlp.quantities`: the quantity reader says *what* a number counts;
these rules say whether it counts *this* happening, which per-article evaluations (GVDB, UCDP) and
analysts choosing an event's toll need, and which reads the whole sentence and document.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from sitroom.model import Quantity, Span
from sitroom.nlp.parse import text_of

__all__ = ["is_background", "is_tally", "attacker_death", "attacker_victims"]


_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_CUMULATIVE = re.compile(r"\b(?:since|so far|this year|last year|per year|every year|annually|on average|"
                         r"an average|in recent years|past year|year-to-date|to date|all[- ]time)\b", re.I)
_TIME_NOUNS = frozenset({"year", "years", "month", "months", "week", "weeks", "day", "days", "date", "average", "far",
                         "time"})


def _clause_verb(tok: Token) -> Token:
    """The verb of the clause ``tok`` is in (``tok`` itself at the root)."""
    t = tok
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            return t
        t = t.head
    return t


def _modifies_clause(marker: Token, verb: Token) -> bool:
    """Whether a cumulative marker modifies ``verb`` itself ("have died *since* 2012", "killed
    *so far this year*"), not a noun or another clause ("the deadliest attack since the truce",
    "a year after his brother was killed")."""
    t = marker
    for _ in range(3):
        if t.i == verb.i:
            return True
        if t.head.i == t.i:
            return False
        if t.pos_ in ("NOUN", "PROPN") and t.lower_ not in _TIME_NOUNS and t.i != marker.i:
            return False
        t = t.head
    return t.i == verb.i


#: A sentence that opens by stepping to another happening: "Earlier, ...", "In a separate
#: shooting ...", "Last month, ...", "Two days before, ...".
_OTHER_HAPPENING = re.compile(
    r"^\W*(?:earlier(?=\s*,)|earlier\s+(?:this|last|in\s+the)\s+(?:week|month|year)\b|separately|previously|"
    r"in\s+(?:a|an)\s+(?:separate|unrelated|earlier|similar|other)\b|"
    r"in\s+another\s+(?:incident|shooting|case|attack)\b|last\s+(?:week|month|year|summer|spring|fall|winter)\b|"
    r"(?:a|one|two|three|four|five|several|few)\s+(?:days?|weeks?|months?|years?)\s+(?:earlier|before|ago)\b)",
    re.I)


def is_background(doc: Doc, q: Quantity) -> bool:
    """Whether ``q`` counts something other than the reported incident: a tally over a period
    ("28 were killed in January 2007", "555 children have died since 2012", "so far this year").

    Why: local reports set an incident against the city's record and earlier tragedies; those
    numbers are real counts but not of this event. Rule: a cumulative marker ("since", "so far",
    "this year", "on average" ...) modifies the count's own clause, or the sentence names a year
    earlier than the latest year the document mentions (the document's own time), or the sentence
    opens by stepping to another happening ("Earlier, ...", "In an unrelated attack", "Last month").
    """
    span = doc.char_span(q.span.start, q.span.end, alignment_mode="expand")
    if span is None:
        return False
    sent_span = span.sent
    sent = sent_span.text
    if _OTHER_HAPPENING.match(sent):
        return True
    verb = _clause_verb(span.root)
    for m in _CUMULATIVE.finditer(sent):
        marker = doc.char_span(sent_span.start_char + m.start(), sent_span.start_char + m.end(),
                               alignment_mode="expand")
        if marker is not None and _modifies_clause(marker[0], verb):
            return True
    years = [int(y) for y in _YEAR.findall(sent)]
    if not years:
        return False
    latest = max(int(y) for y in _YEAR.findall(text_of(doc)))
    return max(years) < latest


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_PERIOD = re.compile(
    r"\b(?:in|over|during|within|for)\s+(?:the\s+)?(?:past\s+|last\s+)?(?:\d+|a|one|two|three|four|five|six|seven|"
    r"several|few)\s+(?:hours?|days?|weeks?|months?)\b|\bround[- ]the[- ]clock\b|\bround-?up\b|"
    r"\b(?:across|throughout)\s+(?:the\s+)?(?:country|nation|province|region)\b|\bnationwide\b|\bcountrywide\b|"
    rf"\bin\s+(?:{_MONTHS})\b(?!\s+\d)|\b(?:daily|weekly|monthly|annual)\s+(?:report|toll|tally)\b|"
    r"\b(?:casualty|death toll)\s+report\b|\btimeline\b|\bseparate\s+(?:incidents|attacks|clashes)\b|"
    r"\b(?:several|multiple|a series of|a wave of)\s+(?:incidents|attacks|clashes)\b", re.I)
_BREAKDOWN = re.compile(r"\bincluding\s+(?:about\s+|some\s+|at least\s+)?\d", re.I)
_DAY_WORD = re.compile(r"\b(?:yesterday|today)\b", re.I)


def is_tally(doc: Doc, q: Quantity) -> bool:
    """Whether ``q`` is a round-up over a period or a whole country rather than one incident:
    "15 militants killed in 24 hours", "fighting killed 22 across the country", "more than 300
    villagers were killed yesterday" (a nation's day), "163 died yesterday, including ...".

    Why: conflict datasets code one event per clash and place; a round-up adds many of them, so
    its total is right about the day and wrong about any one event. Rule: a period or area-wide
    phrase in the sentence, a round-up/timeline word, the whole nation counted ("Syrians"), or
    a day word ("yesterday") in a sentence that names no place.
    """
    span = doc.char_span(q.span.start, q.span.end, alignment_mode="expand")
    if span is None:
        return False
    sent = span.sent
    if _PERIOD.search(sent.text) or is_background(doc, q):
        return True
    noun = span.root.head if span.root.dep_ in ("nummod", "quantmod") else None
    if noun is not None and noun.ent_type_ == "NORP" and noun.tag_ in ("NNPS", "NNS") and not any(
            c.dep_ in ("amod", "compound") for c in noun.children):
        return True
    places = [e for e in sent.ents if e.label_ in ("GPE", "LOC", "FAC")]
    return bool(_DAY_WORD.search(sent.text)) and (not places or bool(_BREAKDOWN.search(sent.text)))


#: Who an attacker is called before he has a name; pronouns stand for him in the next clause.
_ATTACKER_NOUNS = frozenset({"gunman", "shooter", "suspect", "attacker", "assailant", "killer", "he", "she"})
_POLICE_NOUNS = frozenset({"police", "officer", "deputy", "trooper", "agent", "sheriff", "swat", "authority"})


def _token_at(doc: Doc, span: Span | None) -> Token | None:
    if span is None:
        return None
    toks = doc.char_span(span.start, span.end, alignment_mode="expand")
    return toks.root if toks is not None and len(toks) else None


def attacker_death(doc: Doc, q: Quantity) -> bool:
    """Whether ``q`` counts the attacker's own death: "turned the gun on himself", "took his own
    life", "killing himself", "the gunman was shot dead by police"."""
    if q.kind.value != "killed" or q.best != 1:
        return False
    ev = _token_at(doc, q.counted_span)
    if ev is None:
        return False
    if q.counted_span.quote(text_of(doc)).lower().endswith(("himself", "herself", "own life")):
        return True
    who = _token_at(doc, q.span)
    agent = next((c for c in ev.children if c.dep_ == "agent"), None)
    by_police = agent is not None and any(
        p.dep_ == "pobj" and p.lemma_.lower() in _POLICE_NOUNS for p in agent.children)
    if who is not None and who.dep_ == "dobj" and who.lower_ in ("him", "her"):
        # "... before police shot and killed him"
        subj = next((c for v in [ev, *ev.conjuncts] for c in v.children if c.dep_ == "nsubj"), None)
        return subj is not None and subj.lemma_.lower() in _POLICE_NOUNS
    return by_police and who is not None and who.lemma_.lower() in _ATTACKER_NOUNS


def attacker_victims(doc: Doc, q: Quantity) -> bool:
    """Whether ``q`` counts the people an attacker killed, the attacker not among them: the count
    is the object of an active killing verb whose subject is not the police ("a gunman killed
    three people", "... killing his five children", "shot and killed his wife")."""
    ev = _token_at(doc, q.counted_span)
    who = _token_at(doc, q.span)
    if ev is None or who is None or ev.pos_ != "VERB" or any(c.dep_ == "auxpass" for c in ev.children):
        return False
    noun = who.head if who.dep_ in ("nummod", "quantmod") else who
    verbs = {ev.i} | {c.i for c in ev.conjuncts}
    if noun.dep_ != "dobj" or noun.head.i not in verbs:
        return False
    subj = next((c for v in [ev, *ev.conjuncts] for c in v.children if c.dep_ == "nsubj"), None)
    return subj is None or subj.lemma_.lower() not in _POLICE_NOUNS
