"""Whether a count is of the reported incident or of something larger: a tally over a period
("40 people have been shot dead here since 2015"), a round-up ("12 fighters killed over the past
two days"), a nation's day.

It also tells the attacker's own death ("then turned the gun on himself") from the deaths he
caused ("killing his five children"), which are different people and add up.

Why apart from :mod:`sitroom.nlp.quantities`: the quantity reader says *what* a number counts;
these rules say whether it counts *this* happening, which reads the whole sentence and document.
Claim assembly (:mod:`sitroom.nlp.claims`) records the answer on every quantity
(:func:`scope_quantities`: ``Quantity.scope`` with the words that show it), so fusion takes an
event's toll from its own figures only and the per-article evaluations read the same judgment.
Word lists and phrase patterns: ``data/count_scope.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from sitroom.datafiles import load_json
from sitroom.model import Quantity, QuantityScope, Span
from sitroom.nlp.parse import text_of

__all__ = ["is_background", "is_tally", "background_cue", "tally_cue", "latest_year", "quantity_scope",
           "scope_quantities", "attacker_death", "attacker_victims"]


@dataclass(frozen=True)
class _Rules:
    cumulative: re.Pattern[str]
    time_nouns: frozenset[str]
    other_happening: re.Pattern[str]
    period: re.Pattern[str]
    roundup: re.Pattern[str]
    breakdown: re.Pattern[str]
    day_word: re.Pattern[str]
    attacker_nouns: frozenset[str]
    police_nouns: frozenset[str]
    far_back_nouns: frozenset[str]
    months: frozenset[str]
    dated_month_words: frozenset[str]
    how_subordinators: frozenset[str]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    """The rule tables of ``data/count_scope.json``, compiled once per process."""
    data = load_json("count_scope.json")
    markers = "|".join(re.escape(m) for m in data["cumulative_markers"])
    return _Rules(
        cumulative=re.compile(rf"\b(?:{markers})\b", re.I),
        time_nouns=frozenset(data["time_nouns"]),
        # the named group is the opener itself, without the punctuation a sentence may start with
        other_happening=re.compile(r"^\W*(?P<cue>" + "|".join(data["other_happening_openers"]) + ")", re.I),
        period=re.compile("|".join(data["period_phrases"]), re.I),
        roundup=re.compile("|".join(data["roundup_phrases"]), re.I),
        breakdown=re.compile(data["breakdown"], re.I),
        day_word=re.compile(r"\b(?:" + "|".join(map(re.escape, data["day_words"])) + r")\b", re.I),
        attacker_nouns=frozenset(data["attacker_nouns"]),
        police_nouns=frozenset(data["police_nouns"]),
        far_back_nouns=frozenset(data["since_far_back"]["nouns"]),
        months=frozenset(data["since_far_back"]["months"]),
        dated_month_words=frozenset(data["since_far_back"]["dated_month_words"]),
        how_subordinators=frozenset(data["how_subordinators"]),
    )


_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


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
        if t.pos_ in ("NOUN", "PROPN") and t.lower_ not in _rules().time_nouns and t.i != marker.i:
            return False
        t = t.head
    return t.i == verb.i


def _reaches_back(since: Token) -> bool:
    """Whether "since" reaches back before the happening ("since 2012", "since January", "since
    the war began"), rather than to its start ("have escaped since the fence was breached on
    Wednesday", "since the breach": a running count of this happening)."""
    rules = _rules()
    region = since.head.subtree if since.dep_ == "mark" else since.subtree
    for t in region:
        if _YEAR.fullmatch(t.text) or t.lower_ in rules.far_back_nouns:
            return True
        if t.text in rules.months and not _dated(t):
            return True
    return False


def _dated(month: Token) -> bool:
    """A month that names a day ("March 7", "25 February", "late February"), not a whole month."""
    doc, rules = month.doc, _rules()
    after = doc[month.i + 1] if month.i + 1 < len(doc) else None
    before = doc[month.i - 1] if month.i > 0 else None
    return (after is not None and after.like_num) or (before is not None and (
        before.like_num or before.lower_ in rules.dated_month_words))


def latest_year(doc: Doc) -> int | None:
    """The latest year the document names: its own time, against which an earlier year is past."""
    years = [int(y) for y in _YEAR.findall(text_of(doc))]
    return max(years) if years else None


def background_cue(doc: Doc, q: Quantity, *, latest: int | None = None) -> Span | None:
    """The words that make ``q`` count something other than the reported incident (a tally over
    a period, another happening), or ``None`` when nothing does.

    Why: local reports set an incident against the city's record and earlier tragedies; those
    numbers are real counts but not of this event. Rule: a cumulative marker ("since", "so far",
    "this year", "on average" ...) modifies the count's own clause ("300 people have died here
    *since* 2012"; "since" only when it reaches back before the happening, not "since the fence
    was breached"), or the sentence names a year earlier than the latest year the document
    mentions (the document's own time; the cue is that year), or the sentence opens by stepping to
    another happening ("*Earlier*, ...", "*In an unrelated* attack", "*Last month*").
    ``latest`` is :func:`latest_year`, passed in when judging many counts of one document.
    """
    span = doc.char_span(q.span.start, q.span.end, alignment_mode="expand")
    if span is None:
        return None
    rules = _rules()
    sent_span = span.sent
    sent, base = sent_span.text, sent_span.start_char
    opener = rules.other_happening.match(sent)
    if opener:
        return Span(base + opener.start("cue"), base + opener.end("cue"))
    verb = _clause_verb(span.root)
    for m in rules.cumulative.finditer(sent):
        marker = doc.char_span(base + m.start(), base + m.end(), alignment_mode="expand")
        if marker is not None and _modifies_clause(marker[0], verb) and (
                marker[0].lower_ != "since" or _reaches_back(marker[0])):
            return Span(base + m.start(), base + m.end())
    years = list(_YEAR.finditer(sent))
    if not years:
        return None
    last = max(years, key=lambda m: int(m.group()))  # the first of the latest year named
    if latest is None:
        latest = latest_year(doc)
    if latest is not None and int(last.group()) < latest:
        return Span(base + last.start(), base + last.end())
    return None


def is_background(doc: Doc, q: Quantity) -> bool:
    """Whether ``q`` counts something other than the reported incident (:func:`background_cue`):
    "nine were killed in March 2010", "40 have been shot dead here since 2015", "so far this year"."""
    return background_cue(doc, q) is not None


def tally_cue(doc: Doc, q: Quantity) -> Span | None:
    """The words that make ``q`` a round-up over a period or a whole country rather than one
    incident, background aside (:func:`background_cue`), or ``None``.

    Why: conflict datasets code one event per clash and place; a round-up adds many of them, so
    its total is right about the day and wrong about any one event. Rules, each on the count's
    own sentence:

    - a round-up word anywhere in it ("*Roundup*: ...", "killed in *round-the-clock* raids");
    - a period or area phrase that modifies the count's own clause ("12 fighters killed *over the
      past two days*", "35 killed *across the province*", "wounded *in separate incidents*"),
      not a noun ("the seventh shooting in three weeks", "a nationwide alert");
    - a day total: a bare count said to have died on a whole day ("90 died *yesterday*"), when
      the whole nation is counted ("70 *Yemenis* were killed yesterday"), the total is broken
      down ("..., including 30 soldiers"), or nothing in the sentence says where or how (no
      place, no "by", no "when a bomb exploded", no "in an attack").

    A count of one person is never a round-up: a round-up adds up several happenings.
    """
    if q.high == 1:
        return None  # one person is one happening: "gunning a man down back in December"
    span = doc.char_span(q.span.start, q.span.end, alignment_mode="expand")
    if span is None:
        return None
    rules = _rules()
    sent = span.sent
    base = sent.start_char
    roundup = rules.roundup.search(sent.text)
    if roundup:
        return Span(base + roundup.start(), base + roundup.end())
    verb = _clause_verb(span.root)
    # the clause's verb, or the word that says what happened to the counted ("two guards *killed*
    # across the province" under another verb)
    counted = _token_at(doc, q.counted_span)
    heads = [verb] + ([counted] if counted is not None and counted.pos_ == "VERB" and counted.i != verb.i else [])
    for m in rules.period.finditer(sent.text):
        phrase = doc.char_span(base + m.start(), base + m.end(), alignment_mode="expand")
        if phrase is not None and any(_modifies_clause(phrase.root, h) for h in heads):
            return Span(base + m.start(), base + m.end())
    return _day_total(span, verb)


def _day_total(span: TokenSpan, verb: Token) -> Span | None:
    """The day word of "90 died yesterday, including ..." (see :func:`tally_cue`), or ``None``."""
    rules = _rules()
    sent = span.sent
    noun = span.root.head if span.root.dep_ in ("nummod", "quantmod") else span.root
    if noun.dep_ not in ("nsubj", "nsubjpass") or noun.head.i != verb.i:
        return None  # not a count said to have died: "killing his five children today"
    day = next((t for t in sent if rules.day_word.fullmatch(t.text) and _modifies_clause(t, verb)), None)
    if day is None:
        return None  # not the clause's day: "today's tragic death"
    cue = Span(day.idx, day.idx + len(day.text))
    if noun.ent_type_ == "NORP" and noun.tag_ in ("NNPS", "NNS") and not any(
            c.dep_ in ("amod", "compound") for c in noun.children):
        return cue
    if rules.breakdown.search(sent.text):
        return cue
    if any(e.label_ in ("GPE", "LOC", "FAC") for e in sent.ents) or _says_how(verb):
        return None
    return cue


def _says_how(verb: Token) -> bool:
    """Whether the clause tells by whom, where or how ("by gunmen", "in an attack", "when ...")."""
    rules = _rules()
    for c in verb.children:
        if c.dep_ == "agent":
            return True
        if c.dep_ == "advcl" and any(m.dep_ in ("mark", "advmod") and m.lower_ in rules.how_subordinators for m in c.children):
            return True
        if c.dep_ == "prep" and c.lower_ != "including" and any(
                o.dep_ == "pobj" and o.pos_ in ("NOUN", "PROPN") and o.lower_ not in rules.time_nouns
                and o.ent_type_ not in ("DATE", "TIME") for o in c.children):
            return True
    return False


def is_tally(doc: Doc, q: Quantity) -> bool:
    """Whether ``q`` is background or a round-up rather than one incident
    (:func:`background_cue`, :func:`tally_cue`)."""
    return tally_cue(doc, q) is not None or is_background(doc, q)


def quantity_scope(doc: Doc, q: Quantity, *, latest: int | None = None) -> tuple[QuantityScope, Span | None]:
    """What ``q`` counts: the reported happening, background (another time or happening, which
    wins when both hold: "since 2012" says more than "in the city"), or a round-up; with the
    words that show it."""
    cue = background_cue(doc, q, latest=latest)
    if cue is not None:
        return QuantityScope.BACKGROUND, cue
    cue = tally_cue(doc, q)
    if cue is not None:
        return QuantityScope.TALLY, cue
    return QuantityScope.EVENT, None


def scope_quantities(doc: Doc, quantities: Iterable[Quantity]) -> list[Quantity]:
    """``quantities`` with :attr:`~sitroom.model.Quantity.scope` and its words filled in.

    A quantity whose scope an extractor already set (not ``event``) keeps it: a plugin stage may
    know better, and the judgment is made once.
    """
    qs = list(quantities)
    if not qs:
        return qs
    latest = latest_year(doc)
    out = []
    for q in qs:
        if q.scope is QuantityScope.EVENT:
            scope, cue = quantity_scope(doc, q, latest=latest)
            if scope is not QuantityScope.EVENT:
                q = replace(q, scope=scope, scope_span=cue)
        out.append(q)
    return out


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
        p.dep_ == "pobj" and p.lemma_.lower() in _rules().police_nouns for p in agent.children)
    if who is not None and who.dep_ == "dobj" and who.lower_ in ("him", "her"):
        # "... before police shot and killed him"
        subj = next((c for v in [ev, *ev.conjuncts] for c in v.children if c.dep_ == "nsubj"), None)
        return subj is not None and subj.lemma_.lower() in _rules().police_nouns
    return by_police and who is not None and who.lemma_.lower() in _rules().attacker_nouns


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
    return subj is None or subj.lemma_.lower() not in _rules().police_nouns
