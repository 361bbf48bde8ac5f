"""Quantities in a parsed report: how many, as an interval, and *what* is counted.

Why the parse and not the nearest noun: in "a car bomb killed nine people and left 20 wounded"
the nearest noun to "20" is "people", but 20 counts the wounded. The kind of a number is read from
its place in the dependency tree: the noun it modifies, that noun's governing verb and voice
("nine were killed" / "killing nine" / "nine died"), a predicate adjective ("12 dead", "left 20
wounded"), a tally ("the death toll rose to 12"), or an event noun ("the escape of 2,000
prisoners"). Word lists live in ``data/quantity_kinds.json``.

Amount phrases are found with :data:`sitroom.nlp.amounts.AMOUNT_RE` over the document text and
filtered with the parse (dates, times, ages, money, percentages, addresses and measures are not
counts of people).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Span as SpacySpan, Token

from sitroom.model import Qualifier, Quantity, QuantityKind, Span
from sitroom.nlp.amounts import amount_from_match, amount_matches, parse_amount
from sitroom.nlp.parse import text_of

__all__ = ["find_quantities", "parse_amount", "kind_lexicon", "counted_kind"]

_NON_COUNT_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "PERSON", "ORG", "GPE",
                   "LOC", "FAC", "LAW", "PRODUCT", "EVENT", "WORK_OF_ART", "LANGUAGE", "NORP"}
_CURRENCY = re.compile(r"[$£€¥]\s*$|\b(?:US|USD|EUR|GBP|Rs|SR|AED)\.?\s*$")
_AGE_BEFORE = re.compile(r"\b(?:aged|age|ages)\s*$", re.I)
_DECADE_BEFORE = re.compile(r"\b(?:his|her|their|early|mid|late)\s*-?\s*$", re.I)
_NUMBER_LABEL = re.compile(r"\b(?:No|no|Number|number|Nr|Route|Highway|Article|Resolution|Flight|"
                           r"Section|Chapter|Room|Unit|Apartment|Apt|Suite|Box|Channel|Gate|Level|"
                           r"Platform|Interstate|I|Block|Brigade|Division|Battalion|Regiment|Sector|Zone)\.?\s*$")
_NAME_ENTS = {"PERSON", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "DATE", "TIME", "MONEY"}
#: Nouns for people who report, never what a report counts.
_SPEAKER_NOUNS = {"source", "official", "diplomat", "spokesman", "spokeswoman", "spokesperson", "analyst",
                  "journalist", "reporter", "correspondent", "witness", "eyewitness", "expert", "lawmaker", "aide"}
_MULTIPLES = {"double": 2, "triple": 3, "quadruple": 4}
_FATAL_ADVERBS = {"fatally", "mortally", "dead"}
_VIOLENT = {"kill", "murder", "shoot", "injure", "wound", "stab", "slay", "hurt", "execute", "behead", "gun"}
#: "a second was injured", "another was taken to hospital": one more person.
_ORDINAL_PEOPLE = frozenset({"second", "third", "fourth", "another"})
_HIT_WORDS = {"shot": "injured", "stabbed": "injured"}
_HIT_ONLY = {"shoot", "stab", "beat", "burn", "gun"}
_DEATH_VERBS = {"die", "succumb", "perish"}
_PLACE_ENTS = {"GPE", "LOC", "FAC", "DATE", "TIME", "NORP", "MONEY", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT"}
_DEATH_NOUNS = {"death", "murder", "killing", "homicide", "slaying", "execution", "assassination"}
_ZERO_NOUNS = {"casualty": ("killed", "injured"), "death": ("killed",), "fatality": ("killed",),
               "injury": ("injured",), "victim": ("killed", "injured")}


@dataclass(frozen=True)
class _Lexicon:
    patient_verbs: dict[str, str]
    agent_verbs: dict[str, str]
    adjectives: dict[str, str]
    nouns: dict[str, str]
    event_nouns: dict[str, str]
    toll_nouns: frozenset[str]
    toll_verbs: frozenset[str]
    detention_places: frozenset[str]
    report_verbs: frozenset[str]
    person_nouns: frozenset[str]
    excluded_units: frozenset[str]
    non_person_nouns: frozenset[str]
    care_verbs: dict[str, frozenset[str]]


@lru_cache(maxsize=1)
def kind_lexicon() -> _Lexicon:
    """The counted-kind word lists (``data/quantity_kinds.json``), loaded once per process."""
    raw: dict[str, Any] = json.loads(
        resources.files("sitroom.data").joinpath("quantity_kinds.json").read_text(encoding="utf-8"))
    return _Lexicon(
        patient_verbs=raw["patient_verbs"], agent_verbs=raw["agent_verbs"], adjectives=raw["adjectives"],
        nouns=raw["nouns"], event_nouns=raw["event_nouns"], toll_nouns=frozenset(raw["toll_nouns"]),
        toll_verbs=frozenset(raw["toll_verbs"]), detention_places=frozenset(raw["detention_places"]),
        report_verbs=frozenset(raw["report_verbs"]), person_nouns=frozenset(raw["person_nouns"]),
        excluded_units=frozenset(raw["excluded_units"]),
        non_person_nouns=frozenset(raw.get("non_person_nouns", ())),
        care_verbs={k: frozenset(v) for k, v in raw.get("care", {}).items() if not k.startswith("_")},
    )


# ------------------------------------------------------------------------------- kind resolution

_PERSONLIKE = {"people", "killed", "injured", "arrested", "escaped", "displaced", "evacuated",
               "missing", "kidnapped"}


_LOWER_LEMMAS: dict[int, str] = {}  # lemma hash → lower-case lemma (bounded by the vocabulary)


def _lemma(tok: Token) -> str:
    # Called several times per token: the hash is cheaper to read than the string is to build.
    got = _LOWER_LEMMAS.get(tok.lemma)
    if got is None:
        got = _LOWER_LEMMAS[tok.lemma] = tok.lemma_.lower()
    return got


def _verb_family(verb: Token) -> list[Token]:
    """The verb, verbs coordinated with it ("shot and killed") and the content verb under a
    reporting verb ("were reported killed", "are believed to have escaped")."""
    lex = kind_lexicon()
    out = [verb]
    out.extend(c for c in verb.children if (c.dep_ == "conj" and c.pos_ in ("VERB", "ADJ")) or (
        c.dep_ in ("appos", "parataxis", "dep", "advcl") and c.tag_ in ("VBN", "VBD") and c.i == verb.i + 2
        and verb.nbor(1).text == ","))
    if _lemma(verb) in lex.report_verbs:
        for c in verb.children:
            if c.dep_ in ("xcomp", "oprd", "ccomp", "acomp"):
                out.append(c)
                out.extend(cc for cc in c.children if cc.dep_ in ("xcomp", "conj"))
    return out


def _kind_from_verbs(verbs: list[Token], table: dict[str, str]) -> tuple[str, Token] | None:
    # Killing outranks wounding when both are coordinated ("shot and killed").
    found = [(table[_lemma(v)], v) for v in verbs if _lemma(v) in table]
    if not found:
        return None
    for kind, v in found:
        # "fatally shot", "mortally wounded", "shot to death": the modifier decides the outcome.
        if kind == "injured" and any(c.lower_ in _FATAL_ADVERBS for c in v.children):
            return "killed", v
        if kind == "injured" and _lemma(v) == "burn" and any(c.lower_ == "alive" for c in v.children):
            return "killed", v  # "burned four villagers alive"
        if kind == "injured" and any(c.dep_ == "prep" and c.lower_ == "to" and any(
                p.lower_ == "death" for p in c.children) for c in v.children):
            return "killed", v
    for kind, v in found:
        if kind == "killed":
            return kind, v
    return found[0]


def _toll_kind(noun: Token) -> tuple[str, Token]:
    """Kind of a tally noun: from its compound/modifier ("death toll", "injury toll")."""
    lex = kind_lexicon()
    for c in noun.children:
        if c.dep_ in ("compound", "amod", "nmod"):
            lem = _lemma(c)
            if lem in lex.nouns:
                return lex.nouns[lem], c
            if lem in lex.adjectives:
                return lex.adjectives[lem], c
    for c in noun.children:
        if c.dep_ == "prep" and _lemma(c) == "of":
            for p in c.children:
                if p.dep_ == "pobj":
                    lem = _lemma(p)
                    kind = lex.nouns.get(lem) or lex.adjectives.get(lem)
                    if kind:
                        return kind, p
    return "killed" if _lemma(noun) == "toll" else "other", noun


def _subject_of(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            return c
    return None


def counted_kind(root: Token, noun: Token | None, depth: int = 0) -> tuple[str | None, Token | None]:
    """What the number at ``root`` (counting ``noun``, when there is one) counts.

    Returns ``(kind, evidence)`` where ``kind`` is a :class:`QuantityKind` value or ``None`` when
    the parse says nothing, and ``evidence`` the token that decided it.
    """
    lex = kind_lexicon()
    if depth > 4:
        return None, None
    nominal = noun if noun is not None else root
    # 1. The counted noun itself names the outcome ("12 deaths", "20 wounded"). Nouns naming a
    # role ("refugees", "escapees") only decide when no verb does ("arrested 12 escapees").
    weak: tuple[str, Token] | None = None
    if noun is not None and _lemma(noun) in lex.nouns:
        kind = lex.nouns[_lemma(noun)]
        if kind != "people":
            if _lemma(noun) in _STRONG_NOUNS:
                return kind, noun
            weak = (kind, noun)
    got = _kind_by_role(nominal, depth)
    if got[0] is not None:
        if got[0] in ("killed", "injured") and got[1] is not None and _hypothetical(got[1]):
            return None, None
        return got
    return weak if weak is not None else (None, None)


_STRONG_NOUNS = {"death", "fatality", "dead", "body", "corpse", "killing", "injury", "wounded", "injured",
                 "arrest", "arrestee"}


def _kind_by_role(nominal: Token, depth: int) -> tuple[str | None, Token | None]:
    """The outcome from a modifier on the phrase, else from the phrase's governor.

    When both speak and the modifier only says "shot"/"wounded" while the governor says
    "died" ("a teen who was found shot has died"), the more severe outcome wins: the same
    people were first hit, then died.
    """
    got = _kind_by_modifier(nominal)
    described = got[1] is not None and got[1].dep_ == "amod"  # "displaced persons", "wounded soldiers"
    if got[0] is not None and got[0] != "injured" and not described:
        return got
    role = _kind_by_governor(nominal, depth)
    if role[0] is not None and role[0] != "people" and (
            described or (got[0] == "injured" and role[0] == "killed")):
        return role  # "four displaced persons killed": the verb says what happened to them
    return got if got[0] is not None else role


def _kind_by_modifier(nominal: Token) -> tuple[str | None, Token | None]:
    lex = kind_lexicon()
    # 2. A modifier on it ("20 wounded people", "people killed in the blast", headline "Teen dead").
    described: tuple[str, Token] | None = None
    for c in nominal.children:
        if c.dep_ == "advmod" and c.pos_ == "ADJ" and c.i == nominal.i + 1 and c.lower_ in lex.adjectives:
            return lex.adjectives[c.lower_], c
        if c.dep_ == "prep" and c.lower_ == "with" and nominal.pos_ in ("NOUN", "PROPN", "PRON"):
            wound = next((p for p in c.children if p.dep_ == "pobj" and _lemma(p) in ("injury", "wound")), None)
            if wound is not None:
                described = described or ("injured", wound)  # "a man with a gunshot wound"
                continue
        lem = _lemma(c)
        if c.dep_ in ("amod",) and (lem in lex.adjectives or c.text.lower() in lex.adjectives):
            described = described or (lex.adjectives.get(lem) or lex.adjectives[c.text.lower()], c)
            continue
        if c.dep_ in ("acl", "relcl") and c.pos_ in ("VERB", "ADJ"):
            fam = _verb_family(c)
            rel_subject = next((x for x in c.children if x.dep_ == "nsubj"), None)
            if c.dep_ == "relcl" and rel_subject is not None and rel_subject.lower_ in ("who", "that", "which"):
                got = _kind_from_verbs(fam, lex.agent_verbs)  # "the man who died"
            elif c.dep_ == "relcl" and rel_subject is not None:
                # "the man (whom) police fatally shot": the phrase is the clause's object.
                got = _kind_from_verbs([c], lex.patient_verbs) if not any(
                    x.dep_ == "dobj" and x.tag_ not in ("WP", "WDT") for x in c.children) else None
            elif c.dep_ == "relcl" and not any(x.dep_ in ("nsubjpass", "auxpass") for x in c.children):
                got = _kind_from_verbs(fam, lex.agent_verbs)
            else:
                got = _kind_from_verbs(fam, lex.patient_verbs) or _kind_from_verbs(fam, lex.adjectives)
            if got:
                return got  # a clause outranks a descriptive adjective ("displaced persons killed")
    return described or (None, None)


def _kind_by_governor(nominal: Token, depth: int) -> tuple[str | None, Token | None]:
    lex = kind_lexicon()
    # 3. Climb coordination and apposition to the phrase that carries the role.
    t = nominal
    while t.dep_ in ("conj", "appos") and t.head.i != t.i and t.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        t = t.head
    dep, gov = t.dep_, t.head
    if gov.i == t.i:
        return None, None
    if dep == "pobj":
        prep = gov
        plem = _lemma(prep)
        up = prep.head
        if plem in ("to", "at"):
            verb = up
            for _ in range(3):  # "climbed from 12 to 15" hangs "to" under "from"
                if verb.dep_ in ("prep", "pobj") and verb.head.i != verb.i:
                    verb = verb.head
            if _lemma(verb) in lex.toll_verbs:
                subj = _subject_of(verb)
                if subj is not None and _lemma(subj) in lex.toll_nouns:
                    return _toll_kind(subj)
        if plem == "of" and up.pos_ in ("NOUN", "PROPN"):
            ulem = _lemma(up)
            if ulem in lex.toll_nouns:
                return _toll_kind(up)
            if ulem in lex.event_nouns:
                if ulem == "life":  # "claimed the lives of 12"
                    return "killed", up
                return lex.event_nouns[ulem], up
            if ulem in lex.nouns and lex.nouns[ulem] != "people":
                return lex.nouns[ulem], up
        if plem == "of" and up.tag_ in ("NN", "NNP") and t.pos_ == "NUM" and _lemma(up) in lex.person_nouns:
            return "other", up  # "a mother of three", "father of two": children, not victims
        if plem in ("including", "among", "of") and up.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            return counted_kind(up, None, depth + 1)
        if plem in ("by",):
            return None, None
        return None, None
    if dep in ("nsubjpass",):
        fam = _verb_family(gov)
        got = _kind_from_verbs(fam, lex.patient_verbs) or _kind_from_verbs(fam, lex.adjectives)
        if got:
            return got
        return _care_outcome(gov)
    if dep in ("dobj", "obj"):
        if _lemma(gov) == "leave":  # "left 20 wounded", "left nine people dead"
            for c in gov.children:
                if c.dep_ in ("oprd", "ccomp", "xcomp", "acomp", "advcl", "conj") and c.i > t.i:
                    lem = _lemma(c)
                    kind = lex.adjectives.get(c.text.lower()) or lex.adjectives.get(lem)
                    if kind:
                        return kind, c
            for c in t.children:
                kind = lex.adjectives.get(c.text.lower())
                if kind and c.dep_ in ("amod", "acl"):
                    return kind, c
        if _lemma(gov) == "leave" and any(
                c.dep_ == "prep" and c.lower_ == "in" and any(_lemma(p) == "condition" for p in c.children)
                for c in list(gov.children) + list(t.children)):
            return "injured", gov
        if _lemma(gov) in ("claim", "take") and _lemma(t) == "life":
            return "killed", gov
        fam = [gov] + [c for c in gov.children if c.dep_ == "conj" and c.pos_ == "VERB"]
        got = _kind_from_verbs(fam, lex.patient_verbs)
        if got:
            return got
        return None, None
    if dep in ("nsubj",) and _care_outcome(gov)[0] is not None and t.pos_ in ("NOUN", "PROPN", "PRON"):
        return _care_outcome(gov)
    if dep in ("nsubj",):
        glem = _lemma(gov)
        if gov.pos_ == "ADJ" or glem in lex.adjectives:
            kind = lex.adjectives.get(gov.text.lower()) or lex.adjectives.get(glem)
            if kind:
                return kind, gov
        if glem in ("be", "remain", "go", "lie", "become") or gov.pos_ == "AUX":
            for c in gov.children:
                if c.dep_ in ("acomp", "attr", "oprd") and c.i > t.i:
                    kind = lex.adjectives.get(c.text.lower()) or lex.adjectives.get(_lemma(c))
                    if kind:
                        return kind, c
        if glem == "lose" and any(_lemma(c) == "life" for c in gov.children):
            return "killed", gov
        if glem in ("find", "pronounce", "declare") and not any(c.dep_ == "dobj" for c in gov.children):
            # "the man found dead ..." parsed with "found" as a finite verb: a reduced passive.
            for c in gov.children:
                kind = lex.adjectives.get(c.lower_) if c.dep_ in ("oprd", "acomp", "xcomp") else None
                if kind:
                    return kind, c
        fam = _verb_family(gov)
        if any(c.dep_ == "agent" for v in fam for c in v.children) and not any(
                c.dep_ == "dobj" for c in gov.children):
            # "a man shot and killed by deputies" parsed with "shot" finite: the by-phrase marks a passive.
            got = _kind_from_verbs(fam, lex.patient_verbs)
            if got:
                return got
        headline_passive = gov.tag_ in ("VBN", "VBD") and _lemma(gov) in _VIOLENT and not any(
            c.dep_ in ("dobj", "aux", "ccomp", "xcomp") or (c.dep_ == "prep" and c.lower_ in ("at", "into"))
            for c in gov.children) and (_lemma(t) in lex.person_nouns or t.ent_type_ == "PERSON") and (
            t.i == t.sent.start or gov.tag_ == "VBN" or _bare_singular(t))
        if headline_passive or gov.tag_ == "VBN" and not any(c.dep_ in ("dobj", "aux") for c in gov.children):
            # "two were killed and five injured": an elliptical passive.
            got = _kind_from_verbs(fam, lex.patient_verbs)
            died = _kind_from_verbs(fam, lex.agent_verbs)
            if got and got[0] == "injured" and died and died[0] == "killed":
                return died  # "a teen (found) shot ... has died": the worse outcome
            if got:
                return got
        got = _kind_from_verbs(fam, lex.agent_verbs)
        if got:
            kind, ev = got
            if kind == "displaced" and _flees_detention(ev):
                return "escaped", ev
            return got
        # "12 dead" parses as the subject of an adjectival clause.
        return None, None
    if dep in ("attr",) and gov.pos_ in ("AUX", "VERB"):
        subj = _subject_of(gov)
        if subj is not None and _lemma(subj) in lex.toll_nouns:
            return _toll_kind(subj)
        return None, None
    if dep in ("npadvmod", "advmod", "nmod", "compound", "dep") and gov.pos_ == "ADJ":
        kind = lex.adjectives.get(gov.text.lower()) or lex.adjectives.get(_lemma(gov))
        if kind:
            return kind, gov
    return None, None


def _care_outcome(verb: Token) -> tuple[str | None, Token | None]:
    """Injured, read from care rather than from the wound: "was taken to hospital", "is in
    critical condition", "remains in stable condition", "is recovering", "was grazed"."""
    lex = kind_lexicon()
    for conj in [c for c in verb.children if c.dep_ == "conj" and not any(
            x.dep_ in ("nsubj", "nsubjpass") for x in c.children)]:
        got = _care_outcome(conj)  # "was struck once and is in critical condition"
        if got[0] is not None:
            return got
    vlem = _lemma(verb)
    if vlem in lex.care_verbs.get("recover", ()):
        return "injured", verb
    for c in verb.children:
        if c.dep_ != "prep":
            continue
        for p in c.children:
            if p.dep_ != "pobj":
                continue
            plem = _lemma(p)
            if c.lower_ == "in" and plem == "condition" and any(
                    m.lower_ in lex.care_verbs["conditions"] for m in p.children):
                return "injured", p
            if c.lower_ == "to" and plem in lex.care_verbs["hospital_nouns"] and vlem in lex.care_verbs["taken"]:
                return "injured", p
    return None, None


_NEAR_MISS = frozenset({"nearly", "almost", "narrowly", "possibly", "potentially"})
_INTENT = frozenset({"try", "attempt", "threaten", "plan", "want", "intend", "vow", "plot", "seek"})


def _hypothetical(ev: Token) -> bool:
    """An outcome that did not happen: "came within a few inches of possibly killing the deputy",
    "nearly killed", "could have killed", "tried to kill"."""
    if any(c.dep_ == "advmod" and c.lower_ in _NEAR_MISS for c in ev.children):
        return True
    auxes = {c.lower_ for c in ev.children if c.dep_ in ("aux", "auxpass")}
    if auxes & {"could", "would"} and "have" in auxes:
        return True
    return ev.dep_ in ("xcomp", "ccomp") and _lemma(ev.head) in _INTENT


_OUTCOMES = frozenset({"killed", "injured", "arrested", "kidnapped", "escaped", "missing", "displaced", "evacuated"})


def _negated(ev: Token) -> bool:
    """"were not hurt", "was not injured": the outcome word (or the verb it completes) is negated."""
    if any(c.dep_ == "neg" for c in ev.children):
        return True
    return ev.dep_ in ("acomp", "oprd", "xcomp") and any(c.dep_ == "neg" for c in ev.head.children)


def _bare_singular(t: Token) -> bool:
    """A singular count noun with no determiner ("man shot inside restaurant"): in running
    prose it cannot be a subject, so it marks headline style, where "shot" is a passive."""
    common = t.tag_ == "NN" or (t.tag_ == "NNP" and t.lower_ in kind_lexicon().person_nouns)  # "Civilian killed"
    return common and not any(c.dep_ in ("det", "poss", "nummod") for c in t.children)


def _flees_detention(verb: Token) -> bool:
    lex = kind_lexicon()
    for c in verb.subtree:
        if c.pos_ in ("NOUN", "PROPN") and _lemma(c) in lex.detention_places:
            return True
    return False


# ---------------------------------------------------------------------------- the Doc extractor


def _tokens_for(doc: Doc, start: int, end: int) -> SpacySpan | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _counted_noun(root: Token, tokens: SpacySpan) -> Token | None:
    """The noun a number counts: its head for ``nummod``, or the object of "of" after a
    number noun ("thousands of people", "one of the guards")."""
    lex = kind_lexicon()
    if root.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod", "det", "npadvmod") and root.head.pos_ in (
            "NOUN", "PROPN") and root.head.i >= tokens.end:
        return root.head
    for tok in tokens:  # the parser hung the phrase elsewhere but kept the numeral on its noun
        if tok.dep_ in ("nummod", "quantmod") and tok.head.i >= tokens.end and tok.head.pos_ in ("NOUN", "PROPN"):
            return tok.head
    # "Thousands of people", "tens of thousands of detainees": an "of" phrase right after.
    after = tokens.doc[tokens.end] if tokens.end < len(tokens.doc) else None
    if after is not None and after.lower_ == "of":
        for c in after.children:
            if c.dep_ == "pobj":
                return c
    for tok in tokens:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of" and c.i >= tokens.end:
                for p in c.children:
                    if p.dep_ == "pobj" and (p.pos_ in ("NOUN", "PROPN") or _lemma(p) in lex.person_nouns):
                        return p
    return None


def _is_excluded(doc: Doc, start: int, end: int, tokens: SpacySpan, value: int | None, raw: str) -> bool:
    text = text_of(doc)
    before = text[max(0, start - 12):start]
    after = text[end:end + 16]
    if _CURRENCY.search(before) or _AGE_BEFORE.search(before) or _NUMBER_LABEL.search(before):
        return True
    if re.match(r"\s*(?:-?\s*years?[- ]old|-year|\s*yo\b|\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|hrs?\b|o'clock))",
                after, re.I):
        return True
    if _DECADE_BEFORE.search(before) and re.match(r"['’]?s\b", after):
        return True  # "a woman in her 20's", "in their early 30s"
    if re.match(r"\s*(?:st|nd|rd|th)\b", after):
        return True
    for tok in tokens:
        if tok.ent_type_ in _NON_COUNT_ENTS:
            # spaCy marks some counts as DATE ("the 12 killed") rarely; years/ages/money dominate.
            if tok.ent_type_ in ("NORP", "PERSON", "GPE", "ORG") and tok.like_num:
                continue
            return True
    root = tokens.root
    noun = root.head if root.dep_ in ("nummod", "quantmod") else None
    if noun is not None and noun.lemma_.lower() in _SPEAKER_NOUNS and noun.dep_ != "nsubjpass" and not any(
            c.dep_ == "acl" and c.lemma_.lower() in kind_lexicon().patient_verbs for c in noun.children):
        # "two security sources said ...", "three officials told ...": who speaks, not who was hurt
        return True
    stripped = raw.strip()
    if re.fullmatch(r"(?:1[6-9]|20)\d\d", stripped):  # a year written bare
        return True
    # "Smith, 25, was ..." — a number in commas right after a name is an age.
    if re.match(r"\s*,", after) and re.search(r"[A-Za-z]+,\s*$", before) and value is not None and value < 120:
        # "Smith, 25, was ...", "a Tennessee boy, 7, killed ...": a number in commas after a
        # name or a person noun is an age.
        root = tokens.root
        if root.dep_ in ("appos", "npadvmod", "amod", "conj") and (root.head.pos_ == "PROPN" or (
                root.head.lemma_.lower() in kind_lexicon().person_nouns and root.head.tag_ == "NN")):
            return True
    return False


def _kind_enum(kind: str | None, noun: Token | None) -> QuantityKind:
    lex = kind_lexicon()
    if kind and kind != "other":
        if kind in _PERSONLIKE and noun is not None and _lemma(noun) in lex.non_person_nouns:
            # "killed 30 cattle", "seized 20 rifles": the verb's outcome applies to people only.
            return QuantityKind.OTHER
        return QuantityKind(kind)
    if noun is None or _lemma(noun) in lex.person_nouns or noun.ent_type_ == "NORP":
        return QuantityKind.PEOPLE
    return QuantityKind.OTHER


def _unit(noun: Token | None, kind: QuantityKind | None = None) -> str:
    lex = kind_lexicon()
    if kind is not None and kind not in (QuantityKind.OTHER,) and (
            noun is None or _lemma(noun) not in lex.non_person_nouns):
        return "people"
    if noun is None or _lemma(noun) in lex.person_nouns or noun.ent_type_ == "NORP" or _lemma(noun) in lex.nouns:
        return "people"
    return _lemma(noun)


def _span_of(tok: Token) -> Span:
    return Span(tok.idx, tok.idx + len(tok.text))


def find_quantities(doc: Doc, *, singular: bool = True) -> list[Quantity]:
    """All counts of people (and other counted things) in ``doc``, in text order.

    Args:
        doc: the one spaCy parse of the document.
        singular: also report "a man was killed" / "no one was hurt" as counts of one / zero when
            the parse ties them to an outcome verb (claims and per-article tallies need them).

    Returns:
        One :class:`~sitroom.model.Quantity` per amount phrase, its ``kind`` from the parse and
        ``counted_span`` pointing at the word that decided the kind (or the counted noun).
    """
    lex = kind_lexicon()
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for m in amount_matches(text_of(doc)):
        start, end = m.span()
        raw = m.group(0)
        # Trim trailing whitespace the suffix group might have swallowed.
        end = start + len(raw.rstrip())
        amount = amount_from_match(m)
        if amount is None:
            continue
        tokens = _tokens_for(doc, start, end)
        if tokens is None or len(tokens) == 0:
            continue
        single = m.group("n")
        value = amount[2] if amount[2] is not None else amount[0]
        if single and not m.group("qual"):
            # A lone number word must be a numeral here ("one of them", not "the one who").
            tok = tokens[0]
            if tok.is_alpha and not (tok.tag_ == "CD" or tok.pos_ == "NUM" or tok.lower_ in ("dozen",)
                                     or tok.lower_ in ("a", "an", "half")):
                continue
        if _is_excluded(doc, start, end, tokens, value, m.group("n") or ""):
            continue
        # "rose from 12 to 15": a tally moving, not a range.
        if m.group("a2") and start > 0:
            prev = doc.char_span(start, end, alignment_mode="expand")
            head_verb = prev.root.head if prev is not None else None
            if head_verb is not None and _lemma(head_verb) in lex.toll_verbs:
                b_start = start + m.start("b2") - m.start()
                b_text = m.group("b2")
                amount2 = parse_amount(b_text)
                if amount2 is None:
                    continue
                amount, start, end = amount2, b_start, b_start + len(b_text)
                tokens = _tokens_for(doc, start, end) or tokens
        root = tokens.root
        noun = _counted_noun(root, tokens)
        listed = _listed_outcome(tokens, noun)
        if listed is not None:
            noun = None
        if noun is not None and (_lemma(noun) in lex.excluded_units or noun.text.lower() in lex.excluded_units):
            continue
        if noun is not None and noun.pos_ == "PROPN" and noun.ent_type_ in _NAME_ENTS:
            continue  # "7 Eleven", "3 Doors Down": a name, not a count ("15 Taliban" is a count)
        kind, evidence = counted_kind(root, noun)
        if kind is None and noun is not None and tokens.start <= noun.head.i < tokens.end and (
                tokens.root.head.pos_ == "VERB"):
            # "Between 15,000 and 20,000 people, some of them ..., escaped": the parser hung the
            # whole phrase on "between" under the verb; the phrase is still the verb's subject.
            verb = tokens.root.head
            passive = any(c.dep_ == "auxpass" for c in verb.children)
            fam = _verb_family(verb)
            got = _kind_from_verbs(fam, lex.patient_verbs if passive else lex.agent_verbs)
            if got:
                kind, evidence = got
                if kind == "displaced" and _flees_detention(evidence):
                    kind = "escaped"
        if kind is None:
            kind, evidence = _surface_subject_kind(noun if noun is not None else tokens[-1])
        if kind is None and tokens.start >= 2 and doc[tokens.start - 1].lower_ == "of":
            # "the escape of 2,000 prisoners" when the parser lost the "of" attachment.
            ev = doc[tokens.start - 2]
            kind = lex.event_nouns.get(_lemma(ev)) if ev.pos_ == "NOUN" else None
            evidence = ev if kind else None
        if root.dep_ in ("nummod", "quantmod", "compound") and noun is not None and root.head.i == noun.i:
            kind2, ev2 = counted_kind(noun, noun) if kind is None else (kind, evidence)
            kind, evidence = kind2, ev2
        if listed is not None:
            kind, evidence = listed
        if kind in _OUTCOMES and evidence is not None and _negated(evidence):
            kind, evidence = None, None  # "two children were not hurt": present, not injured
        qkind = _kind_enum(kind, noun)
        unit = _unit(noun, qkind)
        if _casualties(kind, evidence, noun):
            # "30 killed and wounded", "20 casualties": dead and hurt together, neither count alone.
            qkind, unit = QuantityKind.OTHER, "casualties"
        low, high, best, qual = amount
        counted = evidence if evidence is not None else noun
        out.append(Quantity(kind=qkind, low=low, high=high, best=best, qualifier=qual,
                            span=Span(start, end), unit=unit,
                            counted_span=_span_of(counted) if counted is not None else None))
        taken.append((start, end))
    if singular:
        out.extend(_singular_counts(doc, taken))
        out.sort(key=lambda q: (q.span.start, q.span.end))
    return out


def _listed_outcome(tokens: SpacySpan, noun: Token | None) -> tuple[str, Token] | None:
    """"1 dead, 1 injured", "Three shot, one dead", "two critical after a weekend of
    gunfire": in a tally list the word right after the number names its outcome, whatever the
    parser made of the list (it often takes "shot" for a noun or the list for one phrase)."""
    lex = kind_lexicon()
    doc = tokens.doc
    if tokens.end >= len(doc):
        return None
    nxt = doc[tokens.end]
    kind = lex.adjectives.get(nxt.lower_) or _HIT_WORDS.get(nxt.lower_)
    if kind is None or (noun is not None and noun.i != nxt.i and noun.i <= nxt.i + 1):
        return None
    prev = doc[tokens.start - 1] if tokens.start > 0 else None
    if noun is not None and noun.i == nxt.i and prev is not None and not (
            prev.is_punct or prev.is_space or prev.lower_ in ("and", "with")):
        return None  # "returned one shot": a noun counted, not a list item
    if nxt.i + 1 < len(doc) and (doc[nxt.i + 1].like_num or doc[nxt.i + 1].lower_ in ("times", "at", "by")):
        return None  # "shot 3 times", "shot at", "shot by police" are not list items
    return kind, nxt


def _outcome_of(tok: Token) -> str | None:
    lex = kind_lexicon()
    lem, low = _lemma(tok), tok.lower_
    return lex.adjectives.get(low) or lex.patient_verbs.get(lem) or lex.agent_verbs.get(lem) or lex.nouns.get(lem)


def _casualties(kind: str | None, evidence: Token | None, noun: Token | None) -> bool:
    """Whether a count covers the killed and the injured together ("killed and wounded",
    "kill and wound", "deaths and injuries", "casualties")."""
    if noun is not None and _lemma(noun) == "casualty":
        return True
    if kind not in ("killed", "injured") or evidence is None:
        return False
    other = "injured" if kind == "killed" else "killed"
    for c in evidence.conjuncts:
        if _lemma(c) in _HIT_ONLY or _outcome_of(c) != other:
            continue  # "shot and killed" is one outcome
        # "seven were killed and others were injured": a later conjunct with its own subject is
        # its own clause, not a shared "killed and wounded" total (the first verb's subject is
        # shared: "airstrikes kill and wound 80").
        if c.dep_ == "conj" and any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children):
            continue
        # "killed nine and wounded 20": each verb has its own count
        own = [x for x in c.children if x.dep_ in ("dobj", "nsubj", "nsubjpass", "nummod")]
        if not own or not any(x.like_num or any(y.like_num for y in x.children) for x in own):
            return True
    return False


def _surface_subject_kind(noun: Token) -> tuple[str | None, Token | None]:
    """Fallback when the parser misattaches the phrase ("said between 15,000 and 20,000
    detainees escaped" parsed with "between" under "said"): a verb right after the counted
    phrase, past auxiliaries and adverbs, takes it as subject (passive when "be" + participle)."""
    lex = kind_lexicon()
    doc = noun.doc
    passive = False
    i = noun.i + 1
    if i < len(doc) and doc[i].text == ",":
        # skip an apposition: "15,000 people, some of them fighters, had fled"
        close = next((j for j in range(i + 1, min(len(doc), i + 14)) if doc[j].text == ","), None)
        if close is None:
            return None, None
        i = close + 1
    start = i
    while i < len(doc) and i < start + 4:
        t = doc[i]
        if t.pos_ in ("AUX", "ADV", "PART") or t.dep_ in ("aux", "auxpass", "advmod", "neg"):
            if t.lemma_.lower() == "be" or t.dep_ == "auxpass":
                passive = True
            i += 1
            continue
        break
    if i >= len(doc) or doc[i].pos_ not in ("VERB", "ADJ"):
        return None, None
    verb = doc[i]
    lem = _lemma(verb)
    if passive and verb.tag_ == "VBN":
        kind = lex.patient_verbs.get(lem) or lex.adjectives.get(verb.lower_)
    elif verb.pos_ == "ADJ":
        kind = lex.adjectives.get(verb.lower_)
    else:
        kind = lex.agent_verbs.get(lem)
        if kind == "displaced" and _flees_detention(verb):
            kind = "escaped"
    return (kind, verb) if kind else (None, None)


def _fatal_mod(c: Token) -> bool:
    """"fatal"/"deadly" modifying a noun, but not "non-fatal"."""
    if c.dep_ != "amod" or c.lower_ not in ("fatal", "deadly"):
        return False
    doc = c.doc
    before = doc[c.i - 1] if c.i >= 1 else None
    return not (before is not None and (before.lower_ in ("non", "non-") or (
        before.text == "-" and c.i >= 2 and doc[c.i - 2].lower_ == "non")))


#: What a token needs for one of :func:`_singular_counts`' tests to apply (besides being a noun,
#: a person's name, or a person noun): its dependency, or its word.
_SINGULAR_DEPS = frozenset({"nsubjpass", "dobj", "nsubj", "ROOT", "pobj"})
_SINGULAR_WORDS = frozenset({"suicide", "nobody", "one", "both", "himself", "herself"})


def _singular_counts(doc: Doc, taken: list[tuple[int, int]]) -> list[Quantity]:
    """"A man was shot dead" → killed 1; "no one was hurt" → injured 0; "no casualties" → 0."""
    lex = kind_lexicon()
    out: list[Quantity] = []

    def free(s: int, e: int) -> bool:
        return not any(s < te and ts < e for ts, te in taken)

    for tok in doc:
        if tok.pos_ != "NOUN" and tok.dep_ not in _SINGULAR_DEPS and tok.lower_ not in _SINGULAR_WORDS and (
                tok.ent_type_ != "PERSON") and not (tok.tag_ in ("NN", "NNP") and tok.lower_ in lex.person_nouns):
            continue  # none of the tests below can hold (each needs one of these): most tokens stop here
        # "gunshot wound(s)", "stab wounds": someone was hurt, even when the text never says who
        if _lemma(tok) == "wound" and tok.pos_ == "NOUN" and any(
                c.dep_ == "compound" and c.lower_ in ("gunshot", "stab", "bullet", "shrapnel") for c in tok.children):
            comp = next(c for c in tok.children if c.dep_ == "compound")
            s, e = comp.idx, tok.idx + len(tok.text)
            if free(s, e):
                taken.append((s, e))
                out.append(Quantity(kind=QuantityKind.INJURED, low=1, high=None, best=1, qualifier=Qualifier.AT_LEAST,
                                    span=Span(s, e), counted_span=Span(s, e)))
            continue
        # "the murder of a shop worker", "the shooting death of Jane Doe": one killed
        event = tok.head.head if tok.dep_ == "pobj" else tok
        deadly = _lemma(event) in _DEATH_NOUNS or (_lemma(event) in ("shooting", "stabbing") and any(
            _fatal_mod(c) for c in event.children))
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and deadly and (
                tok.ent_type_ == "PERSON" or (_lemma(tok) in lex.person_nouns and tok.tag_ == "NN") or (
                    tok.pos_ == "PROPN" and tok.ent_type_ not in _PLACE_ENTS)):  # a name the NER mislabelled
            ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
            first = doc[ent.start] if ent is not None and tok.ent_type_ == "PERSON" else tok
            left = min(first.i, min(c.i for c in tok.subtree))
            s, e = doc[left].idx, tok.idx + len(tok.text)
            if free(s, e):
                taken.append((s, e))
                out.append(Quantity(kind=QuantityKind.KILLED, low=1, high=1, best=1, qualifier=Qualifier.EXACT,
                                    span=Span(s, e), counted_span=_span_of(tok.head.head)))
            continue
        # "a murder-suicide": the victim and the killer; "a triple murder-suicide": three and the killer
        if tok.lower_ == "suicide" and tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ == "murder":
            mult = next((_MULTIPLES[c.lower_] for c in tok.children if c.lower_ in _MULTIPLES), 1)
            left = doc[tok.i - 2]
            s, e = left.idx, tok.idx + len(tok.text)
            mod = next((c for c in tok.children if c.lower_ in _MULTIPLES), None)
            if mod is not None:
                s = min(s, mod.idx)
            if free(s, e):
                taken.append((s, e))
                out.append(Quantity(kind=QuantityKind.KILLED, low=mult + 1, high=mult + 1, best=mult + 1,
                                    qualifier=Qualifier.EXACT, span=Span(s, e), counted_span=Span(left.idx, e)))
            continue
        # "a double shooting", "a triple homicide": the count is in the adjective
        if tok.pos_ == "NOUN" and _lemma(tok) in ("shooting", "homicide", "murder", "stabbing") and any(
                c.dep_ == "amod" and c.lower_ in _MULTIPLES for c in tok.children):
            mod = next(c for c in tok.children if c.dep_ == "amod" and c.lower_ in _MULTIPLES)
            s, e = mod.idx, tok.idx + len(tok.text)
            if free(s, e):
                taken.append((s, e))
                n = _MULTIPLES[mod.lower_]
                kind = QuantityKind.INJURED if _lemma(tok) in ("shooting", "stabbing") else QuantityKind.KILLED
                out.append(Quantity(kind=kind, low=n, high=n, best=n, qualifier=Qualifier.EXACT,
                                    span=Span(s, e), counted_span=Span(tok.idx, e)))
            continue
        # "a homicide", "a fatal shooting": at least one person was killed
        if tok.pos_ == "NOUN" and tok.tag_ == "NN" and not any(
                c.lower_ in ("attempted", "attempt") for c in tok.children) and (_lemma(tok) == "homicide" or (
                _lemma(tok) in ("shooting", "stabbing", "attack", "crash") and any(
                    _fatal_mod(c) for c in tok.children))):
            s, e = tok.idx, tok.idx + len(tok.text)
            mods = [c for c in tok.children if _fatal_mod(c)]
            if mods:
                s = min(s, mods[0].idx)
            if free(s, e):
                taken.append((s, e))
                out.append(Quantity(kind=QuantityKind.KILLED, low=1, high=None, best=1,
                                    qualifier=Qualifier.AT_LEAST, span=Span(s, e), counted_span=Span(s, e)))
            continue
        # zero: "no one", "nobody"
        if tok.lower_ in ("nobody",) or (tok.lower_ == "one" and tok.i > 0 and doc[tok.i - 1].lower_ == "no"):
            first = doc[tok.i - 1] if tok.lower_ == "one" else tok
            s, e = first.idx, tok.idx + len(tok.text)
            if not free(s, e):
                continue
            kind, ev = counted_kind(tok, None)
            if kind in ("killed", "injured", "arrested", "escaped", "kidnapped", "missing", "displaced", "evacuated"):
                out.append(Quantity(kind=QuantityKind(kind), low=0, high=0, best=0, qualifier=Qualifier.EXACT,
                                    span=Span(s, e), counted_span=_span_of(ev) if ev is not None else None))
            continue
        # zero: "no casualties/deaths/injuries (were reported)"
        if tok.pos_ == "NOUN" and _lemma(tok) in _ZERO_NOUNS and any(
                c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
            det = next(c for c in tok.children if c.dep_ == "det" and c.lower_ == "no")
            s, e = det.idx, tok.idx + len(tok.text)
            if free(s, e):
                for kind in _ZERO_NOUNS[_lemma(tok)]:
                    out.append(Quantity(kind=QuantityKind(kind), low=0, high=0, best=0,
                                        qualifier=Qualifier.EXACT, span=Span(s, e), counted_span=_span_of(tok)))
            continue
        # one: a singular person noun with an indefinite determiner, or a named person, as the
        # patient of an outcome verb.
        # "Both were pronounced dead", "both victims died": two.
        if tok.lower_ == "both" and (tok.dep_ in ("nsubj", "nsubjpass") or (
                tok.dep_ in ("det", "predet") and tok.head.lower_ in lex.person_nouns | {"victims", "men", "women"})):
            nominal = tok if tok.dep_ in ("nsubj", "nsubjpass") else tok.head
            s, e = tok.idx, nominal.idx + len(nominal.text)
            kind, ev = counted_kind(nominal, None)
            if kind in ("killed", "injured") and free(s, e):
                taken.append((s, e))
                out.append(Quantity(kind=QuantityKind(kind), low=2, high=2, best=2, qualifier=Qualifier.EXACT,
                                    span=Span(s, e), counted_span=_span_of(ev) if ev is not None else None))
            continue
        # "Robert King killed himself": the subject is the one counted.
        if tok.lower_ in ("himself", "herself") and tok.dep_ == "dobj" and _lemma(tok.head) in lex.patient_verbs:
            subj = _subject_of(tok.head)
            got = _kind_from_verbs([tok.head], lex.patient_verbs)
            if subj is not None and got and got[0] in ("killed", "injured") and (
                    subj.ent_type_ == "PERSON" or subj.lower_ in ("he", "she") or _lemma(subj) in lex.person_nouns):
                left = next((c for c in subj.lefts if c.dep_ == "compound"), subj)
                s, e = left.idx, subj.idx + len(subj.text)
                if free(s, e):
                    taken.append((s, e))
                    out.append(Quantity(kind=QuantityKind(got[0]), low=1, high=1, best=1, qualifier=Qualifier.EXACT,
                                        span=Span(s, e), counted_span=_span_of(got[1])))
            continue
        if tok.dep_ not in ("nsubjpass", "dobj", "nsubj", "ROOT") and tok.ent_type_ != "PERSON" and not (
                tok.tag_ in ("NN", "NNP") and tok.lower_ in lex.person_nouns):
            continue  # what the tests below need, checked first: most tokens stop here (speed)
        has_clause = any(c.dep_ in ("relcl", "acl") and c.pos_ == "VERB" for c in tok.children)
        is_person_noun = (tok.tag_ in ("NN", "NNP") and tok.lower_ in lex.person_nouns or (
            tok.lower_ in _ORDINAL_PEOPLE and tok.dep_ in ("nsubj", "nsubjpass")) or (
            tok.ent_type_ == "NORP" and tok.dep_ == "dobj" and tok.tag_ in ("NN", "NNP", "JJ"))) and _lemma(tok) not in (
            "people", "police", "personnel", "staff", "family", "dead", "wounded", "injured", "other")
        # "the victim died", "Calvin Reed ... died": an intransitive death verb names its subject.
        dies = tok.dep_ == "nsubj" and (_lemma(tok.head) in _DEATH_VERBS or (
            _lemma(tok.head) in ("find", "pronounce", "declare") and any(  # "the man found dead" misparsed
                c.dep_ in ("oprd", "acomp") and lex.adjectives.get(c.lower_) == "killed" for c in tok.head.children)))
        headline_adj = tok.dep_ == "ROOT" and all(x.dep_ in ("compound", "amod") for x in tok.lefts) and (
            is_person_noun) and any(
            c.dep_ in ("advmod", "amod") and c.i > tok.i and c.lower_ in lex.adjectives for c in tok.children)
        if tok.dep_ not in ("nsubjpass", "dobj", "nsubj") and not headline_adj and not (
                (tok.ent_type_ == "PERSON" or is_person_noun) and has_clause):
            continue
        if any(c.dep_ == "appos" and any(g.dep_ == "nummod" for g in c.children) for c in tok.children):
            continue  # "Hasakah, SANA - Seven citizens were killed": the apposition carries the count
        det = next((c for c in tok.children if c.dep_ in ("det", "poss")), None)
        # "the victim remains in stable condition", "left the victim in critical condition"
        cared = (tok.dep_ == "nsubj" and _care_outcome(tok.head)[0] is not None) or (
            tok.dep_ == "dobj" and _lemma(tok.head) == "leave")
        violent_head = _lemma(tok.head) in _VIOLENT or any(
            _lemma(c) in _VIOLENT for c in tok.head.children if c.dep_ == "conj")
        if det is not None and det.lower_ in ("a", "an", "another", "one") and (
                is_person_noun or (tok.pos_ == "NOUN" and tok.tag_ == "NN" and violent_head
                                   and tok.dep_ == "nsubjpass")):
            first = det
        elif is_person_noun and det is not None and det.lower_ in ("the", "his", "her", "their", "that", "this") and (
                tok.dep_ == "nsubjpass" or violent_head or dies or has_clause or cared):
            first = det
        elif is_person_noun and det is None and (tok.i == tok.sent.start or tok.is_title or dies or has_clause or (
                _bare_singular(tok) and violent_head) or (
                tok.i + 1 < len(doc) and (tok.nbor(1).tag_ == "VBN" or _bare_singular(tok)) and (
                _lemma(tok.nbor(1)) in _VIOLENT)) or (
                tok.dep_ == "dobj" and violent_head)):
            first = tok  # headline style: "Man shot, killed on west side"
        elif _lemma(tok) in ("body", "corpse") and tok.tag_ == "NN" and det is not None:
            s, e = det.idx, tok.idx + len(tok.text)
            if free(s, e):
                out.append(Quantity(kind=QuantityKind.KILLED, low=1, high=1, best=1, qualifier=Qualifier.EXACT,
                                    span=Span(s, e), counted_span=_span_of(tok)))
            continue
        elif tok.lower_ in ("he", "she") and (tok.dep_ == "nsubjpass" or _lemma(tok.head) in ("die", "succumb")):
            first = tok
        elif tok.pos_ == "PROPN" and dies and tok.ent_type_ not in _PLACE_ENTS:
            # a name the NER missed or mislabelled, subject of "died"
            first = next((c for c in tok.lefts if c.dep_ == "compound"), tok)
        elif (tok.ent_type_ == "PERSON" or (tok.is_title and tok.ent_type_ == "" and tok.dep_ == "nsubjpass" and (
                tok.i != tok.sent.start or tok.pos_ == "PROPN" or tok.head.lower_ == "found"))) and tok.pos_ in (
                "PROPN", "NOUN") and (
                tok.dep_ in ("nsubjpass", "dobj") or has_clause
                or (tok.dep_ == "nsubj" and _lemma(tok.head) in ("die", "succumb", "perish"))):
            ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
            first = doc[ent.start] if ent is not None else tok
        else:
            continue
        # "a trooper and a suspect were shot": coordinated victims are counted together.
        conj = [c for c in tok.conjuncts if c.i > tok.i and (
            c.ent_type_ == "PERSON" or c.lower_ in lex.person_nouns)] if tok.dep_ != "conj" else []
        last = conj[-1] if conj else tok
        s, e = first.idx, last.idx + len(last.text)
        if not free(s, e):
            continue
        if tok.lower_ not in _ORDINAL_PEOPLE and (_lemma(tok) in lex.non_person_nouns or _lemma(tok) in lex.excluded_units):
            continue
        kind, ev = counted_kind(tok, None)
        if kind in ("killed", "injured", "arrested", "kidnapped", "escaped", "missing"):
            # "the deputy was not hurt": the same person, counted as none.
            n = 0 if ev is not None and (any(c.dep_ == "neg" for c in ev.children) or any(
                c.dep_ == "neg" for c in ev.head.children if ev.dep_ in ("acomp", "oprd", "xcomp"))) else 1 + len(conj)
            out.append(Quantity(kind=QuantityKind(kind), low=n, high=n, best=n, qualifier=Qualifier.EXACT,
                                span=Span(s, e), counted_span=_span_of(ev) if ev is not None else None))
    return out
