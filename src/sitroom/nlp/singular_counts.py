"""Counts written without a numeral: "a man was shot dead" (1), "no one was hurt" (0), "both
victims died" (2), "a double shooting" (2), "the murder of Jane Doe" (1), "a murder-suicide" (2).

Why apart from :mod:`sitroom.nlp.quantities`: local news states most tolls this way, and the
rules read people (determiners, names, person nouns, pronouns) rather than amount phrases; the
amount reader hands over the character ranges it already counted so a victim is not counted twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from sitroom.datafiles import load_json
from typing import Any

from spacy.tokens import Doc, Token

from sitroom.model import Qualifier, Quantity, QuantityKind, Span
from sitroom.nlp.counted_kind import (
    OUTCOMES, VIOLENT_LEMMAS, KindLexicon, bare_singular, care_outcome, counted_kind, kind_from_verbs, kind_lexicon,
    lemma, single_person, span_of, subject_of,
)

__all__ = ["singular_counts"]

_PLACE_ENTS = {"GPE", "LOC", "FAC", "DATE", "TIME", "NORP", "MONEY", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT"}


@dataclass(frozen=True)
class _Words:
    """The word lists of these rules (``data/quantity_kinds.json``, section ``singular``)."""

    multiples: dict[str, int]
    ordinal_people: frozenset[str]
    death_verbs: frozenset[str]
    death_nouns: frozenset[str]
    zero_nouns: dict[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def _words() -> _Words:
    """The rules' word lists, loaded once per process."""
    raw: dict[str, Any] = load_json("quantity_kinds.json")["singular"]
    return _Words(
        multiples=dict(raw["multiples"]), ordinal_people=frozenset(raw["ordinal_people"]),
        death_verbs=frozenset(raw["death_verbs"]), death_nouns=frozenset(raw["death_nouns"]),
        zero_nouns={k: tuple(v) for k, v in raw["zero_nouns"].items()},
    )


def _fatal_mod(c: Token) -> bool:
    """"fatal"/"deadly" modifying a noun, but not "non-fatal"."""
    if c.dep_ != "amod" or c.lower_ not in ("fatal", "deadly"):
        return False
    doc = c.doc
    before = doc[c.i - 1] if c.i >= 1 else None
    return not (before is not None and (before.lower_ in ("non", "non-") or (
        before.text == "-" and c.i >= 2 and doc[c.i - 2].lower_ == "non")))


@dataclass
class _Found:
    """What the rules share over one document: the parse, the word lists, the character ranges
    already counted (by the amount reader or an earlier rule) and the counts found so far.

    Why one object: every rule checks a range is still free, claims it and adds a count; passing
    the four apart would make each rule's signature longer than its body."""

    doc: Doc
    lex: KindLexicon
    taken: list[tuple[int, int]]
    out: list[Quantity] = field(default_factory=list)

    def free(self, s: int, e: int) -> bool:
        """No count found so far overlaps ``[s, e)``: a victim is counted once."""
        return not any(s < te and ts < e for ts, te in self.taken)


def singular_counts(doc: Doc, taken: list[tuple[int, int]]) -> list[Quantity]:
    """"A guard was shot dead" → killed 1; "no one was hurt" → injured 0; "no casualties" → 0.

    Each token that passes :func:`_gate` goes through :data:`_RULES` in order; the first rule that
    recognises its phrase handles the token (whether or not it counts anything)."""
    found = _Found(doc, kind_lexicon(), taken)
    candidate = _gate(doc, found.lex)
    for tok in doc:
        if not candidate(tok):
            continue
        lem = lemma(tok)
        for rule in _RULES:
            if rule(tok, lem, found):
                break
    return found.out


def _gate(doc: Doc, lex: KindLexicon) -> Callable[[Token], bool]:
    """A cheap test that a token may start a rule.

    Why: every rule starts from a token that is a noun, a core argument or "of"'s object, a named
    person, a singular person noun or one of a few words; the rest (most tokens) are passed by a
    test of the parse's numbers, not its strings."""
    strings = doc.vocab.strings
    gate_deps = frozenset(strings[d] for d in ("pobj", "nsubj", "nsubjpass", "dobj", "ROOT"))
    gate_words = frozenset(strings[w] for w in (
        "nobody", "one", "both", "himself", "herself", "themselves", "suicide", *_words().ordinal_people))
    noun, plural, person = strings["NOUN"], strings["NNS"], strings["PERSON"]
    singular_tags = frozenset((strings["NN"], strings["NNP"]))

    def candidate(tok: Token) -> bool:
        return (tok.dep in gate_deps or tok.pos == noun or tok.tag == plural or tok.lower in gate_words
                or tok.ent_type == person or (tok.tag in singular_tags and tok.lower_ in lex.person_nouns))
    return candidate


def _wound(tok: Token, lem: str, found: _Found) -> bool:
    """"gunshot wound(s)", "stab wounds": someone was hurt, even when the text never says who."""
    if not (lem == "wound" and tok.pos_ == "NOUN" and any(
            c.dep_ == "compound" and c.lower_ in ("gunshot", "stab", "bullet", "shrapnel") for c in tok.children)):
        return False
    comp = next(c for c in tok.children if c.dep_ == "compound")
    s, e = comp.idx, tok.idx + len(tok.text)
    if found.free(s, e):
        found.taken.append((s, e))
        found.out.append(Quantity(kind=QuantityKind.INJURED, low=1, high=None, best=1, qualifier=Qualifier.AT_LEAST,
                                  span=Span(s, e), counted_span=Span(s, e)))
    return True


def _death_of(tok: Token, lem: str, found: _Found) -> bool:
    """"the murder of a shop worker", "the shooting death of Jane Doe": one killed.

    Why: the victim is the object of "of" after a death noun, not the argument of an outcome verb."""
    lex, doc = found.lex, found.doc
    event = tok.head.head if tok.dep_ == "pobj" else tok
    event_lem = lemma(event)
    deadly = event_lem in _words().death_nouns or (event_lem in ("shooting", "stabbing") and any(
        _fatal_mod(c) for c in event.children))
    if not (tok.dep_ == "pobj" and tok.head.lower_ == "of" and deadly and (
            tok.ent_type_ == "PERSON" or (lem in lex.person_nouns and tok.tag_ == "NN") or (
                tok.pos_ == "PROPN" and tok.ent_type_ not in _PLACE_ENTS))):  # a name the NER mislabelled
        return False
    ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
    first = doc[ent.start] if ent is not None and tok.ent_type_ == "PERSON" else tok
    left = min(first.i, min(c.i for c in tok.subtree))
    s, e = doc[left].idx, tok.idx + len(tok.text)
    if found.free(s, e):
        found.taken.append((s, e))
        found.out.append(Quantity(kind=QuantityKind.KILLED, low=1, high=1, best=1, qualifier=Qualifier.EXACT,
                                  span=Span(s, e), counted_span=span_of(tok.head.head)))
    return True


def _murder_suicide(tok: Token, lem: str, found: _Found) -> bool:
    """"a murder-suicide": the victim and the killer; "a triple murder-suicide": three and the killer."""
    doc, multiples = found.doc, _words().multiples
    if not (tok.lower_ == "suicide" and tok.i >= 2 and doc[tok.i - 1].text == "-"
            and doc[tok.i - 2].lower_ == "murder"):
        return False
    mult = next((multiples[c.lower_] for c in tok.children if c.lower_ in multiples), 1)
    left = doc[tok.i - 2]
    s, e = left.idx, tok.idx + len(tok.text)
    mod = next((c for c in tok.children if c.lower_ in multiples), None)
    if mod is not None:
        s = min(s, mod.idx)
    if found.free(s, e):
        found.taken.append((s, e))
        found.out.append(Quantity(kind=QuantityKind.KILLED, low=mult + 1, high=mult + 1, best=mult + 1,
                                  qualifier=Qualifier.EXACT, span=Span(s, e), counted_span=Span(left.idx, e)))
    return True


def _multiple_event(tok: Token, lem: str, found: _Found) -> bool:
    """"a double shooting", "a triple stabbing": the count is in the adjective."""
    multiples = _words().multiples
    if not (tok.pos_ == "NOUN" and lem in ("shooting", "homicide", "murder", "stabbing") and any(
            c.dep_ == "amod" and c.lower_ in multiples for c in tok.children)):
        return False
    mod = next(c for c in tok.children if c.dep_ == "amod" and c.lower_ in multiples)
    s, e = mod.idx, tok.idx + len(tok.text)
    if found.free(s, e):
        found.taken.append((s, e))
        n = multiples[mod.lower_]
        kind = QuantityKind.INJURED if lem in ("shooting", "stabbing") else QuantityKind.KILLED
        found.out.append(Quantity(kind=kind, low=n, high=n, best=n, qualifier=Qualifier.EXACT,
                                  span=Span(s, e), counted_span=Span(tok.idx, e)))
    return True


def _fatal_event(tok: Token, lem: str, found: _Found) -> bool:
    """"a homicide", "a fatal shooting": at least one person was killed (not "attempted homicide")."""
    if not (tok.pos_ == "NOUN" and tok.tag_ == "NN" and (lem == "homicide" or (
            lem in ("shooting", "stabbing", "attack", "crash") and any(
                _fatal_mod(c) for c in tok.children))) and not any(
            c.lower_ in ("attempted", "attempt") for c in tok.children)):
        return False
    s, e = tok.idx, tok.idx + len(tok.text)
    mods = [c for c in tok.children if _fatal_mod(c)]
    if mods:
        s = min(s, mods[0].idx)
    if found.free(s, e):
        found.taken.append((s, e))
        found.out.append(Quantity(kind=QuantityKind.KILLED, low=1, high=None, best=1,
                                  qualifier=Qualifier.AT_LEAST, span=Span(s, e), counted_span=Span(s, e)))
    return True


def _no_one(tok: Token, lem: str, found: _Found) -> bool:
    """Zero: "no one", "nobody" (was hurt); the outcome comes from the clause around it."""
    doc = found.doc
    if not (tok.lower_ in ("nobody",) or (tok.lower_ == "one" and tok.i > 0 and doc[tok.i - 1].lower_ == "no")):
        return False
    first = doc[tok.i - 1] if tok.lower_ == "one" else tok
    s, e = first.idx, tok.idx + len(tok.text)
    if not found.free(s, e):
        return True
    kind, ev = counted_kind(tok, None)
    if kind in OUTCOMES:
        found.out.append(Quantity(kind=QuantityKind(kind), low=0, high=0, best=0, qualifier=Qualifier.EXACT,
                                  span=Span(s, e), counted_span=span_of(ev) if ev is not None else None))
    return True


def _no_casualties(tok: Token, lem: str, found: _Found) -> bool:
    """Zero: "no casualties/deaths/injuries (were reported)"; the noun says which outcomes."""
    zero_nouns = _words().zero_nouns
    if not (tok.pos_ == "NOUN" and lem in zero_nouns and any(
            c.dep_ == "det" and c.lower_ == "no" for c in tok.children)):
        return False
    det = next(c for c in tok.children if c.dep_ == "det" and c.lower_ == "no")
    s, e = det.idx, tok.idx + len(tok.text)
    if found.free(s, e):
        for kind in zero_nouns[lem]:
            found.out.append(Quantity(kind=QuantityKind(kind), low=0, high=0, best=0,
                                      qualifier=Qualifier.EXACT, span=Span(s, e), counted_span=span_of(tok)))
    return True


def _both(tok: Token, lem: str, found: _Found) -> bool:
    """"Both were found dead", "both victims died": two."""
    if not (tok.lower_ == "both" and (tok.dep_ in ("nsubj", "nsubjpass") or (
            tok.dep_ in ("det", "predet") and lemma(tok.head) in found.lex.person_nouns))):
        return False
    nominal = tok if tok.dep_ in ("nsubj", "nsubjpass") else tok.head
    s, e = tok.idx, nominal.idx + len(nominal.text)
    kind, ev = counted_kind(nominal, None)
    if kind in ("killed", "injured") and found.free(s, e):
        found.taken.append((s, e))
        found.out.append(Quantity(kind=QuantityKind(kind), low=2, high=2, best=2, qualifier=Qualifier.EXACT,
                                  span=Span(s, e), counted_span=span_of(ev) if ev is not None else None))
    return True


def _another_hurt(tok: Token, lem: str, found: _Found) -> bool:
    """"left one guard dead and another with serious injuries": one more person, hurt."""
    if not (tok.lower_ in _words().ordinal_people and tok.dep_ in ("conj", "dobj", "appos") and any(
            c.dep_ == "prep" and c.lower_ == "with" and any(
                p.dep_ == "pobj" and lemma(p) in ("injury", "wound") for p in c.children) for c in tok.children)):
        return False
    s, e = tok.idx, tok.idx + len(tok.text)
    if found.free(s, e):
        found.taken.append((s, e))
        wound = next(p for c in tok.children if c.lower_ == "with" for p in c.children if p.dep_ == "pobj")
        found.out.append(Quantity(kind=QuantityKind.INJURED, low=1, high=1, best=1, qualifier=Qualifier.EXACT,
                                  span=Span(s, e), counted_span=span_of(wound)))
    return True


def _listed(tok: Token, lem: str, found: _Found) -> bool:
    """"The victims, a 20-year-old man and a woman, were taken to hospital": the apposition lists them."""
    listed = _listed_people(tok)
    if not listed:
        return False
    s, e = listed[0].left_edge.idx, listed[-1].idx + len(listed[-1].text)
    kind, ev = counted_kind(tok, None)
    if kind in ("killed", "injured") and found.free(s, e):
        found.taken.append((s, e))
        n = len(listed)
        found.out.append(Quantity(kind=QuantityKind(kind), low=n, high=n, best=n, qualifier=Qualifier.EXACT,
                                  span=Span(s, e), counted_span=span_of(ev) if ev is not None else None))
    return True


def _reflexive(tok: Token, lem: str, found: _Found) -> bool:
    """"Robert King killed himself": the subject is the one counted; "... before killing himself"
    (no subject): the one who killed, counted once."""
    lex = found.lex
    if not (tok.lower_ in ("himself", "herself") and tok.dep_ == "dobj" and lemma(tok.head) in lex.patient_verbs):
        return False
    subj = subject_of(tok.head)
    got = kind_from_verbs([tok.head], lex.patient_verbs)
    if subj is not None and got and got[0] in ("killed", "injured") and (
            subj.ent_type_ == "PERSON" or subj.lower_ in ("he", "she") or lemma(subj) in lex.person_nouns):
        left = next((c for c in subj.lefts if c.dep_ == "compound"), subj)
        s, e = left.idx, subj.idx + len(subj.text)
        if found.free(s, e):
            found.taken.append((s, e))
            found.out.append(Quantity(kind=QuantityKind(got[0]), low=1, high=1, best=1, qualifier=Qualifier.EXACT,
                                      span=Span(s, e), counted_span=span_of(got[1])))
    elif subj is None and got and got[0] == "killed" and found.free(tok.head.idx, tok.idx + len(tok.text)):
        s, e = tok.head.idx, tok.idx + len(tok.text)
        found.taken.append((s, e))
        found.out.append(Quantity(kind=QuantityKind.KILLED, low=1, high=1, best=1, qualifier=Qualifier.EXACT,
                                  span=Span(s, e), counted_span=span_of(tok)))
    return True


def _suicide(tok: Token, lem: str, found: _Found) -> bool:
    """An idiom for the attacker's own death (:func:`_suicide_phrase`): one killed."""
    suicide = _suicide_phrase(tok)
    if suicide is None:
        return False
    s, e = suicide
    if found.free(s, e):
        found.taken.append((s, e))
        found.out.append(Quantity(kind=QuantityKind.KILLED, low=1, high=1, best=1, qualifier=Qualifier.EXACT,
                                  span=Span(s, e), counted_span=Span(s, e)))
    return True


def _person_argument(tok: Token, lem: str, found: _Found) -> bool:
    """One person (or a coordinated few) as the patient of an outcome verb: "a man was shot dead",
    "the victim died", "Jane Doe was wounded", "police shot and killed him".

    The last rule: it handles every token that reaches it. Why in steps: whether the token is a
    person (:func:`_is_person_noun`), where the counted phrase starts (:func:`_start_of_person`)
    and what happened to it (:func:`_count_person`) are separate questions."""
    lex, doc = found.lex, found.doc
    is_person_noun = _is_person_noun(tok, lem, lex)
    dies = _dies(tok, lex)
    headline_adj = tok.dep_ == "ROOT" and all(x.dep_ in ("compound", "amod") for x in tok.lefts) and (
        is_person_noun) and any(
        c.dep_ in ("advmod", "amod") and c.i > tok.i and c.lower_ in lex.adjectives for c in tok.children)
    # (The clause test walks the children: only for a token the cheaper tests leave in.)
    argument = tok.dep_ in ("nsubjpass", "dobj", "nsubj") or headline_adj
    if not argument and not (tok.ent_type_ == "PERSON" or is_person_noun):
        return True
    has_clause = any(c.dep_ in ("relcl", "acl") and c.pos_ == "VERB" for c in tok.children)
    if not argument and not has_clause:
        return True
    if any(c.dep_ == "appos" and any(g.dep_ == "nummod" for g in c.children) for c in tok.children):
        return True  # "Hasakah, SANA - Seven citizens were killed": the apposition carries the count
    det = next((c for c in tok.children if c.dep_ in ("det", "poss")), None)
    first = _start_of_person_noun(tok, det, is_person_noun, dies, has_clause, doc)
    if first is None and lem in ("body", "corpse") and tok.tag_ == "NN" and det is not None:
        s, e = det.idx, tok.idx + len(tok.text)
        if found.free(s, e):
            found.out.append(Quantity(kind=QuantityKind.KILLED, low=1, high=1, best=1, qualifier=Qualifier.EXACT,
                                      span=Span(s, e), counted_span=span_of(tok)))
        return True
    if first is None:
        first = _start_of_other_person(tok, dies, has_clause, doc)
    if first is not None:
        _count_person(tok, lem, first, found)
    return True


def _is_person_noun(tok: Token, lem: str, lex: KindLexicon) -> bool:
    """A noun naming one person ("man", "guard", "another", "the 7-year-old", "the other").

    Why the exclusions: "people", "police", "staff" are person nouns that name a group."""
    is_person_noun = (tok.tag_ in ("NN", "NNP") and tok.lower_ in lex.person_nouns or (
        tok.lower_ in _words().ordinal_people and tok.dep_ in ("nsubj", "nsubjpass")) or (
        tok.ent_type_ == "NORP" and tok.dep_ == "dobj" and tok.tag_ in ("NN", "NNP", "JJ"))) and lem not in (
        "people", "police", "personnel", "staff", "family", "dead", "wounded", "injured", "other")
    # "the 7-year-old was declared dead", "the other is in critical condition": one person
    doc = tok.doc
    return is_person_noun or (tok.dep_ in ("nsubj", "nsubjpass", "dobj") and (
        (tok.lower_ == "old" and tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ in (
            "year", "month")) or (tok.lower_ == "other" and any(
                c.dep_ == "det" and c.lower_ == "the" for c in tok.children))))


def _dies(tok: Token, lex: KindLexicon) -> bool:
    """"the victim died", "Calvin Reed ... died": an intransitive death verb names its subject
    (also "the driver found dead", which the parser often leaves without a passive subject)."""
    return tok.dep_ == "nsubj" and (lemma(tok.head) in _words().death_verbs or (
        lemma(tok.head) in ("find", "pronounce", "declare") and any(
            c.dep_ in ("oprd", "acomp") and lex.adjectives.get(c.lower_) == "killed" for c in tok.head.children)))


def _start_of_person_noun(tok: Token, det: Token | None, is_person_noun: bool, dies: bool, has_clause: bool,
                          doc: Doc) -> Token | None:
    """Where a counted person noun's phrase starts: "a man", "the victim", bare "Man" (headline
    style), or ``None`` when the noun with that determiner is not a counted victim.

    Why the determiner matters: "a guard was shot" counts one, but "the guard" only when the clause
    says something happened to him (a passive, a violent verb, a death, a clause, a condition)."""
    cared = (tok.dep_ == "nsubj" and care_outcome(tok.head)[0] is not None) or (
        tok.dep_ == "dobj" and lemma(tok.head) == "leave")
    violent_head = lemma(tok.head) in VIOLENT_LEMMAS or any(
        lemma(c) in VIOLENT_LEMMAS for c in tok.head.children if c.dep_ == "conj")
    if det is not None and det.lower_ in ("a", "an", "another", "one") and (
            is_person_noun or (tok.pos_ == "NOUN" and tok.tag_ == "NN" and violent_head
                               and tok.dep_ == "nsubjpass")):
        return det
    if is_person_noun and det is not None and det.lower_ in ("the", "his", "her", "their", "that", "this") and (
            tok.dep_ == "nsubjpass" or violent_head or dies or has_clause or cared):
        return det
    if is_person_noun and det is None and (tok.i == tok.sent.start or tok.is_title or dies or has_clause or (
            tok.lower_ in _words().ordinal_people) or (
            bare_singular(tok) and violent_head) or (
            tok.i + 1 < len(doc) and (tok.nbor(1).tag_ == "VBN" or bare_singular(tok)) and (
            lemma(tok.nbor(1)) in VIOLENT_LEMMAS)) or (
            tok.dep_ == "dobj" and violent_head)):
        return tok  # headline style: "Man shot, killed on west side"
    return None


def _start_of_other_person(tok: Token, dies: bool, has_clause: bool, doc: Doc) -> Token | None:
    """Where a pronoun's or a name's counted phrase starts ("he", "him", "Jane Doe"), or ``None``."""
    if tok.lower_ in ("he", "she") and (tok.dep_ == "nsubjpass" or lemma(tok.head) in ("die", "succumb")):
        return tok
    if tok.lower_ in ("him", "her") and tok.tag_ == "PRP" and tok.dep_ == "dobj":
        return tok  # "police shot and killed him": counted only when the verb says killed (_count_person)
    if tok.pos_ == "PROPN" and dies and tok.ent_type_ not in _PLACE_ENTS:
        # a name the NER missed or mislabelled, subject of "died"
        return next((c for c in tok.lefts if c.dep_ == "compound"), tok)
    if (tok.ent_type_ == "PERSON" or (tok.is_title and tok.ent_type_ == "" and tok.dep_ == "nsubjpass" and (
            tok.i != tok.sent.start or tok.pos_ == "PROPN" or tok.head.lower_ == "found"))) and tok.pos_ in (
            "PROPN", "NOUN") and (
            tok.dep_ in ("nsubjpass", "dobj") or has_clause
            or (tok.dep_ == "nsubj" and lemma(tok.head) in ("die", "succumb", "perish"))):
        ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
        return doc[ent.start] if ent is not None else tok
    return None


def _count_person(tok: Token, lem: str, first: Token, found: _Found) -> None:
    """Count the person at ``tok`` (phrase from ``first``) with the outcome its clause states.

    "a ranger and a suspect were shot": coordinated victims are counted together; "the deputy was
    not hurt": the same person, counted as none."""
    lex = found.lex
    conj = [c for c in tok.conjuncts if c.i > tok.i and (
        c.ent_type_ == "PERSON" or c.lower_ in lex.person_nouns)] if tok.dep_ != "conj" else []
    last = conj[-1] if conj else tok
    s, e = first.idx, last.idx + len(last.text)
    if not found.free(s, e):
        return
    if tok.lower_ not in _words().ordinal_people and (lem in lex.non_person_nouns or lem in lex.excluded_units):
        return
    kind, ev = counted_kind(tok, None)
    if tok.lower_ in ("him", "her") and (kind != "killed" or ev is None or ev.tag_ not in ("VBD", "VBN")):
        return  # only a killing that happened: not "told them to kill him"
    if kind in ("killed", "injured", "arrested", "kidnapped", "escaped", "missing"):
        n = 0 if ev is not None and (any(c.dep_ == "neg" for c in ev.children) or any(
            c.dep_ == "neg" for c in ev.head.children if ev.dep_ in ("acomp", "oprd", "xcomp"))) else 1 + len(conj)
        found.out.append(Quantity(kind=QuantityKind(kind), low=n, high=n, best=n, qualifier=Qualifier.EXACT,
                                  span=Span(s, e), counted_span=span_of(ev) if ev is not None else None))


#: The rules in the order they are tried; a rule returns whether it handled the token.
_RULES: tuple[Callable[[Token, str, _Found], bool], ...] = (
    _wound, _death_of, _murder_suicide, _multiple_event, _fatal_event, _no_one, _no_casualties, _both,
    _another_hurt, _listed, _reflexive, _suicide, _person_argument,
)


def _suicide_phrase(tok: Token) -> tuple[int, int] | None:
    """"turned the gun on himself", "took his own life": the attacker's own death, one killed.

    Why: news writes a killer's suicide as an idiom, not with an outcome verb; datasets that count
    the dead of an incident count the attacker too. Returns the idiom's character range."""
    if tok.lower_ in ("himself", "herself", "themselves") and tok.dep_ == "pobj" and tok.head.lower_ == "on":
        verb = tok.head.head
        if lemma(verb) == "turn" and any(c.dep_ == "dobj" and lemma(c) in ("gun", "weapon", "rifle", "pistol")
                                         for c in verb.children):
            return verb.idx, tok.idx + len(tok.text)
    if lemma(tok) == "life" and tok.dep_ == "dobj" and lemma(tok.head) == "take" and any(
            c.lower_ == "own" for c in tok.children):
        if not any(c.dep_ == "neg" for c in tok.head.children):
            return tok.head.idx, tok.idx + len(tok.text)
    return None


def _listed_people(tok: Token) -> list[Token]:
    """The single people an apposition lists for a plural ("the victims, a man and a woman,"),
    or nothing when the apposition is not such a list."""
    if tok.tag_ != "NNS" or lemma(tok) not in kind_lexicon().person_nouns or any(
            c.dep_ == "nummod" for c in tok.children):
        return []
    appos = next((c for c in tok.children if c.dep_ == "appos"), None)
    if appos is None:
        return []
    group = sorted([appos, *appos.conjuncts], key=lambda t: t.i)
    return group if len(group) >= 2 and all(single_person(t) for t in group) else []

