"""What a number in a parsed report counts: killed, injured, arrested, escaped, displaced …

Why apart from :mod:`sitroom.nlp.quantities`: finding amount phrases ("between 15,000 and 20,000",
"dozens") is string work; deciding what they count is dependency-tree work shared by the amount
reader and the singular-victim reader (:mod:`sitroom.nlp.singular_counts`). The kind of a number is
read from its place in the tree: the noun it modifies, that noun's governing verb and voice ("nine
were killed" / "killing nine" / "nine died"), a predicate adjective ("12 dead", "left 20 wounded"),
a tally ("the death toll rose to 12"), or an event noun ("the escape of 2,000 prisoners"). Word
lists live in ``data/quantity_kinds.json``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from sitroom.datafiles import load_json
from typing import Any

from spacy.tokens import Token

from sitroom.model import Span
from sitroom.nlp.lemmas import MEMO_LIMIT

__all__ = ["kind_lexicon", "counted_kind", "lemma", "verb_family", "kind_from_verbs", "subject_of",
           "care_outcome", "bare_singular", "flees_detention", "negated", "single_person", "span_of",
           "VIOLENT_LEMMAS", "OUTCOMES", "KindLexicon"]

_FATAL_ADVERBS = {"fatally", "mortally", "dead"}
#: Verbs that name the act, not its outcome ("was shot" may end in death or a wound).
_HIT_LEMMAS = frozenset({"shoot", "stab", "gun"})
#: Lemmas of verbs that hurt or kill: a singular noun they govern is a victim.
VIOLENT_LEMMAS = {"kill", "murder", "shoot", "injure", "wound", "stab", "slay", "hurt", "execute", "behead", "gun"}


@dataclass(frozen=True)
class KindLexicon:
    """The counted-kind word lists (:func:`kind_lexicon`); public so the count readers can name
    the type they pass to their rule helpers."""

    patient_verbs: dict[str, str]
    agent_verbs: dict[str, str]
    adjectives: dict[str, str]
    nouns: dict[str, str]
    event_nouns: dict[str, str]
    toll_nouns: frozenset[str]
    toll_verbs: frozenset[str]
    estimate_verbs: frozenset[str]
    detention_places: frozenset[str]
    report_verbs: frozenset[str]
    person_nouns: frozenset[str]
    excluded_units: frozenset[str]
    non_person_nouns: frozenset[str]
    care_verbs: dict[str, frozenset[str]]


@lru_cache(maxsize=1)
def kind_lexicon() -> KindLexicon:
    """The counted-kind word lists (``data/quantity_kinds.json``), loaded once per process."""
    raw: dict[str, Any] = load_json("quantity_kinds.json")
    return KindLexicon(
        patient_verbs=raw["patient_verbs"], agent_verbs=raw["agent_verbs"], adjectives=raw["adjectives"],
        nouns=raw["nouns"], event_nouns=raw["event_nouns"], toll_nouns=frozenset(raw["toll_nouns"]),
        toll_verbs=frozenset(raw["toll_verbs"]),
        estimate_verbs=frozenset(raw["estimate_verbs"]), detention_places=frozenset(raw["detention_places"]),
        report_verbs=frozenset(raw["report_verbs"]), person_nouns=frozenset(raw["person_nouns"]),
        excluded_units=frozenset(raw["excluded_units"]),
        non_person_nouns=frozenset(raw.get("non_person_nouns", ())),
        care_verbs={k: frozenset(v) for k, v in raw.get("care", {}).items() if not k.startswith("_")},
    )


_LOWER_LEMMAS: dict[int, str] = {}  # lemma hash → lower-case lemma (emptied past MEMO_LIMIT)


def lemma(tok: Token) -> str:
    """The token's lower-case lemma. Called several times per token: the hash is cheaper to read
    than the string is to build."""
    got = _LOWER_LEMMAS.get(tok.lemma)
    if got is None:
        if len(_LOWER_LEMMAS) > MEMO_LIMIT:
            _LOWER_LEMMAS.clear()  # a long-running watcher meets ever new words
        got = _LOWER_LEMMAS[tok.lemma] = tok.lemma_.lower()
    return got


def verb_family(verb: Token) -> list[Token]:
    """The verb, verbs coordinated with it ("shot and killed") and the content verb under a
    reporting verb ("were reported killed", "are believed to have escaped")."""
    lex = kind_lexicon()
    out = [verb]
    # A coordinated verb with its own subject is its own clause ("an officer was shot and the
    # suspect was killed"): what it says happened to someone else.
    out.extend(c for c in verb.children if (c.dep_ == "conj" and c.pos_ in ("VERB", "ADJ") and not any(
        x.dep_ in ("nsubj", "nsubjpass") for x in c.children)) or (
        c.dep_ in ("appos", "parataxis", "dep", "advcl") and c.tag_ in ("VBN", "VBD") and c.i == verb.i + 2
        and verb.nbor(1).text == ","))
    if lemma(verb) in lex.report_verbs:
        for c in verb.children:
            if c.dep_ in ("xcomp", "oprd", "ccomp", "acomp"):
                out.append(c)
                out.extend(cc for cc in c.children if cc.dep_ in ("xcomp", "conj"))
        # "was found lying in the street and pronounced dead": the second report verb's complement
        for v in out[1:]:
            if v.dep_ == "conj" and lemma(v) in lex.report_verbs:
                out.extend(c for c in v.children if c.dep_ in ("oprd", "acomp", "xcomp") and c not in out)
    return out


def kind_from_verbs(verbs: list[Token], table: dict[str, str]) -> tuple[str, Token] | None:
    # Killing outranks wounding when both are coordinated ("shot and killed").
    found = [(table[lemma(v)], v) for v in verbs if lemma(v) in table]
    if not found:
        return None
    for kind, v in found:
        # "fatally shot", "mortally wounded", "shot to death": the modifier decides the outcome.
        if kind == "injured" and any(c.lower_ in _FATAL_ADVERBS for c in v.children):
            return "killed", v
        if kind == "injured" and lemma(v) == "burn" and any(c.lower_ == "alive" for c in v.children):
            return "killed", v  # "burned four villagers alive"
        if kind == "injured" and any(c.dep_ == "prep" and c.lower_ == "to" and any(
                p.lower_ == "death" for p in c.children) for c in v.children):
            return "killed", v
    for kind, v in found:
        if kind == "killed":
            return kind, v
    # "shot and wounded": "shot" names the shooting, "wounded" the outcome; the outcome is the evidence.
    return next(((k, v) for k, v in found if lemma(v) not in _HIT_LEMMAS), found[0])


def _toll_kind(noun: Token) -> tuple[str, Token]:
    """Kind of a tally noun: from its compound/modifier ("death toll", "injury toll")."""
    lex = kind_lexicon()
    for c in noun.children:
        if c.dep_ in ("compound", "amod", "nmod"):
            lem = lemma(c)
            if lem in lex.nouns:
                return lex.nouns[lem], c
            if lem in lex.adjectives:
                return lex.adjectives[lem], c
    for c in noun.children:
        if c.dep_ == "prep" and lemma(c) == "of":
            for p in c.children:
                if p.dep_ == "pobj":
                    lem, word = lemma(p), p.text.lower()  # "the number of injured": lemma "injure"
                    kind = lex.nouns.get(lem) or lex.adjectives.get(word) or lex.adjectives.get(lem)
                    if kind:
                        return kind, p
    return "killed" if lemma(noun) == "toll" else "other", noun


def subject_of(verb: Token) -> Token | None:
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
    if noun is not None and lemma(noun) in lex.nouns:
        kind = lex.nouns[lemma(noun)]
        if kind != "people":
            if lemma(noun) in _STRONG_NOUNS:
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
    described = got[1] is not None and got[1].dep_ == "amod"  # "displaced villagers", "wounded soldiers"
    if got[0] is not None and got[0] != "injured" and not described:
        return got
    role = _kind_by_governor(nominal, depth)
    if role[0] is not None and role[0] != "people" and (
            described or (got[0] == "injured" and role[0] == "killed")):
        return role  # "six displaced villagers killed": the verb says what happened to them
    return got if got[0] is not None else role


def _kind_by_modifier(nominal: Token) -> tuple[str | None, Token | None]:
    lex = kind_lexicon()
    # 2. A modifier on it ("20 wounded people", "people killed in the blast", headline "Teen dead").
    described: tuple[str, Token] | None = None
    for c in nominal.children:
        if c.dep_ == "advmod" and c.pos_ == "ADJ" and c.i == nominal.i + 1 and c.lower_ in lex.adjectives:
            return lex.adjectives[c.lower_], c
        if c.dep_ == "prep" and c.lower_ == "with" and nominal.pos_ in ("NOUN", "PROPN", "PRON"):
            wound = next((p for p in c.children if p.dep_ == "pobj" and lemma(p) in ("injury", "wound")), None)
            if wound is not None:
                described = described or ("injured", wound)  # "a driver with a gunshot wound"
                continue
        lem = lemma(c)
        if c.dep_ in ("amod",) and (lem in lex.adjectives or c.text.lower() in lex.adjectives):
            described = described or (lex.adjectives.get(lem) or lex.adjectives[c.text.lower()], c)
            continue
        if c.dep_ in ("acl", "relcl") and c.pos_ in ("VERB", "ADJ"):
            fam = verb_family(c)
            rel_subject = next((x for x in c.children if x.dep_ == "nsubj"), None)
            if c.dep_ == "relcl" and rel_subject is not None and rel_subject.lower_ in ("who", "that", "which"):
                got = kind_from_verbs(fam, lex.agent_verbs)  # "the rider who died"
            elif c.dep_ == "relcl" and rel_subject is not None:
                # "the man (whom) police fatally shot": the phrase is the clause's object.
                got = kind_from_verbs([c], lex.patient_verbs) if not any(
                    x.dep_ == "dobj" and x.tag_ not in ("WP", "WDT") for x in c.children) else None
            elif c.dep_ == "relcl" and not any(x.dep_ in ("nsubjpass", "auxpass") for x in c.children):
                got = kind_from_verbs(fam, lex.agent_verbs)
            else:
                got = kind_from_verbs(fam, lex.patient_verbs) or kind_from_verbs(fam, lex.adjectives)
            if got:
                return got  # a clause outranks a descriptive adjective ("displaced villagers killed")
    return described or (None, None)


def _kind_by_governor(nominal: Token, depth: int) -> tuple[str | None, Token | None]:
    """3. The kind the phrase's governor gives it, by the phrase's role: object of a preposition,
    passive subject, object, subject, attribute, or modifier of an adjective ("12 dead").

    Why from the governor: the counted words rarely say what happened to them; the verb, the
    preposition or the adjective they hang on does. Coordination and apposition are climbed first
    to the phrase that carries the role."""
    lex = kind_lexicon()
    t = nominal
    while t.dep_ in ("conj", "appos") and t.head.i != t.i and t.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        t = t.head
    dep, gov = t.dep_, t.head
    if gov.i == t.i:
        return None, None
    if dep == "pobj":
        return _kind_by_preposition(t, gov, depth, lex)
    if dep in ("nsubjpass",):
        return _kind_of_passive_subject(gov, lex)
    if dep in ("dobj", "obj"):
        return _kind_of_object(t, gov, lex)
    if dep in ("nsubj",) and care_outcome(gov)[0] is not None and t.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "ADJ"):
        return care_outcome(gov)
    if dep in ("nsubj",):
        return _kind_of_subject(t, gov, lex)
    if dep in ("attr",) and gov.pos_ in ("AUX", "VERB"):
        subj = subject_of(gov)
        if subj is not None and lemma(subj) in lex.toll_nouns:
            return _toll_kind(subj)
        return None, None
    if dep in ("npadvmod", "advmod", "nmod", "compound", "dep") and gov.pos_ == "ADJ":
        kind = lex.adjectives.get(gov.text.lower()) or lex.adjectives.get(lemma(gov))
        if kind:
            return kind, gov
    return None, None


def _kind_by_preposition(t: Token, prep: Token, depth: int, lex: KindLexicon) -> tuple[str | None, Token | None]:
    """The object of a preposition: a toll "rose to 15", "put the death toll at 35", "the deaths
    of 12", "among the dead" (then the kind of what it is among)."""
    plem = lemma(prep)
    up = prep.head
    if plem in ("to", "at"):
        verb = up
        for _ in range(3):  # "climbed from 12 to 15" hangs "to" under "from"
            if verb.dep_ in ("prep", "pobj") and verb.head.i != verb.i:
                verb = verb.head
        if lemma(verb) in lex.toll_verbs:
            subj = subject_of(verb)
            if subj is not None and lemma(subj) in lex.toll_nouns:
                return _toll_kind(subj)
        if plem == "at" and lemma(verb) in lex.estimate_verbs:
            # "officials put the death toll at 35": the tally is the object, the number its value
            tally = next((c for c in verb.children if c.dep_ == "dobj" and lemma(c) in lex.toll_nouns), None)
            if tally is not None:
                return _toll_kind(tally)
    if plem == "of" and up.pos_ in ("NOUN", "PROPN"):
        ulem = lemma(up)
        if ulem in lex.toll_nouns:
            return _toll_kind(up)
        if ulem in lex.event_nouns:
            if ulem == "life":  # "claimed the lives of 12"
                return "killed", up
            return lex.event_nouns[ulem], up
        if ulem in lex.nouns and lex.nouns[ulem] != "people":
            return lex.nouns[ulem], up
    if plem == "of" and up.tag_ in ("NN", "NNP") and t.pos_ == "NUM" and lemma(up) in lex.person_nouns:
        return "other", up  # "a mother of three", "father of two": children, not victims
    if plem in ("including", "among", "of") and up.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        return counted_kind(up, None, depth + 1)
    return None, None


def _kind_of_passive_subject(gov: Token, lex: KindLexicon) -> tuple[str | None, Token | None]:
    """A passive subject: what its verbs (or their adjectives) did to it, the worse outcome when a
    conjoined verb says it died, else what its care says ("was taken to hospital")."""
    fam = verb_family(gov)
    got = kind_from_verbs(fam, lex.patient_verbs) or kind_from_verbs(fam, lex.adjectives)
    died = kind_from_verbs([v for v in fam[1:] if v.dep_ == "conj"], lex.agent_verbs)
    if got and got[0] == "injured" and died and died[0] == "killed":
        return died  # "was shot in the neck and died at the scene": the worse outcome
    if got:
        return got
    return care_outcome(gov)


def _kind_of_object(t: Token, gov: Token, lex: KindLexicon) -> tuple[str | None, Token | None]:
    """An object: "left 20 wounded", "left two in critical condition", "claimed 12 lives", or what
    the verb (and verbs conjoined to it) did to it ("killed 12")."""
    if lemma(gov) == "leave":  # "left 20 wounded", "left nine people dead"
        for c in gov.children:
            if c.dep_ in ("oprd", "ccomp", "xcomp", "acomp", "advcl", "conj") and c.i > t.i:
                lem = lemma(c)
                kind = lex.adjectives.get(c.text.lower()) or lex.adjectives.get(lem)
                if kind:
                    return kind, c
        for c in t.children:
            kind = lex.adjectives.get(c.text.lower())
            if kind and c.dep_ in ("amod", "acl"):
                return kind, c
    if lemma(gov) == "leave" and any(
            c.dep_ == "prep" and c.lower_ == "in" and any(lemma(p) == "condition" for p in c.children)
            for c in list(gov.children) + list(t.children)):
        return "injured", gov
    if lemma(gov) in ("claim", "take") and lemma(t) == "life":
        return "killed", gov
    fam = [gov] + [c for c in gov.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    got = kind_from_verbs(fam, lex.patient_verbs)
    if got:
        return got
    return None, None


def _kind_of_subject(t: Token, gov: Token, lex: KindLexicon) -> tuple[str | None, Token | None]:
    """A subject: a state it is in ("were dead", "lost their lives", :func:`_kind_of_stative_subject`),
    a passive the parse read as active (:func:`_kind_of_reduced_passive`), else what it did
    ("died", "fled"; fleeing a prison is an escape)."""
    got = _kind_of_stative_subject(t, gov, lex)
    if got is not None:
        return got
    fam = verb_family(gov)
    got = _kind_of_reduced_passive(t, gov, fam, lex)
    if got is not None:
        return got
    got = kind_from_verbs(fam, lex.agent_verbs)
    if got:
        kind, ev = got
        if kind == "displaced" and flees_detention(ev):
            return "escaped", ev
        return got
    # "12 dead" parses as the subject of an adjectival clause.
    return None, None


def _kind_of_stative_subject(t: Token, gov: Token, lex: KindLexicon) -> tuple[str, Token] | None:
    """The subject of an outcome adjective or a copula ("12 were dead", "two remain missing"), of
    "lost their lives", or of "found dead" misparsed as a finite verb; ``None`` when none applies."""
    glem = lemma(gov)
    if gov.pos_ == "ADJ" or glem in lex.adjectives:
        kind = lex.adjectives.get(gov.text.lower()) or lex.adjectives.get(glem)
        if kind:
            return kind, gov
    if glem in ("be", "remain", "go", "lie", "become") or gov.pos_ == "AUX":
        for c in gov.children:
            if c.dep_ in ("acomp", "attr", "oprd") and c.i > t.i:
                kind = lex.adjectives.get(c.text.lower()) or lex.adjectives.get(lemma(c))
                if kind:
                    return kind, c
    if glem == "lose" and any(lemma(c) == "life" for c in gov.children):
        return "killed", gov
    if glem in ("find", "pronounce", "declare") and not any(c.dep_ == "dobj" for c in gov.children):
        # "the driver found dead ..." parsed with "found" as a finite verb: a reduced passive.
        for c in gov.children:
            kind = lex.adjectives.get(c.lower_) if c.dep_ in ("oprd", "acomp", "xcomp") else None
            if kind:
                return kind, c
    return None


def _kind_of_reduced_passive(t: Token, gov: Token, fam: list[Token],
                             lex: KindLexicon) -> tuple[str | None, Token | None] | None:
    """A passive the parse read as active: a by-phrase ("a man shot and killed by deputies"), a
    headline ("Man shot on west side"), an elliptical passive ("two were killed and five
    injured"); ``None`` when it is none of these or its verbs name no outcome."""
    if any(c.dep_ == "agent" for v in fam for c in v.children) and not any(
            c.dep_ == "dobj" for c in gov.children):
        # "a man shot and killed by deputies" parsed with "shot" finite: the by-phrase marks a passive.
        got = kind_from_verbs(fam, lex.patient_verbs)
        if got:
            return got
    headline_passive = gov.tag_ in ("VBN", "VBD") and lemma(gov) in VIOLENT_LEMMAS and not any(
        c.dep_ in ("dobj", "aux", "ccomp", "xcomp") or (c.dep_ == "prep" and c.lower_ in ("at", "into"))
        for c in gov.children) and (lemma(t) in lex.person_nouns or t.ent_type_ == "PERSON") and (
        t.i == t.sent.start or gov.tag_ == "VBN" or bare_singular(t))
    if headline_passive or gov.tag_ == "VBN" and not any(c.dep_ in ("dobj", "aux") for c in gov.children):
        # "two were killed and five injured": an elliptical passive.
        got = kind_from_verbs(fam, lex.patient_verbs)
        died = kind_from_verbs(fam, lex.agent_verbs)
        if got and got[0] == "injured" and died and died[0] == "killed":
            return died  # "a teen (found) shot ... has died": the worse outcome
        if got:
            return got
    return None


def care_outcome(verb: Token) -> tuple[str | None, Token | None]:
    """Injured, read from care rather than from the wound: "was taken to hospital", "is in
    critical condition", "remains in stable condition", "is recovering", "was treated at a
    hospital", "was grazed".

    Verbs coordinated without a subject of their own share it ("was struck once and is in
    critical condition"): their care counts first, deepest first, then the verb's own. Walked
    with a stack, not recursion: a hostile run of "and" must not exhaust the call stack.
    """
    stack: list[tuple[Token, bool]] = [(verb, False)]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            got = _care_here(node)
            if got[0] is not None:
                return got
            continue
        stack.append((node, True))
        conjuncts = [c for c in node.children if c.dep_ == "conj" and not any(
            x.dep_ in ("nsubj", "nsubjpass") for x in c.children)]
        stack.extend((c, False) for c in reversed(conjuncts))
    return None, None


def _care_here(verb: Token) -> tuple[str | None, Token | None]:
    """:func:`care_outcome` of one verb, its conjuncts aside."""
    lex = kind_lexicon()
    vlem = lemma(verb)
    if vlem in lex.care_verbs.get("recover", ()):
        return "injured", verb
    for c in verb.children:
        if c.dep_ != "prep":
            continue
        for p in c.children:
            if p.dep_ != "pobj":
                continue
            plem = lemma(p)
            if c.lower_ == "in" and plem == "condition" and any(
                    m.lower_ in lex.care_verbs["conditions"] for m in p.children):
                return "injured", p
            if vlem in lex.care_verbs.get("treated", ()) and (
                    (c.lower_ in ("at", "in") and plem in lex.care_verbs["hospital_nouns"]) or (
                    c.lower_ == "for" and plem in ("injury", "wound"))):
                return "injured", p  # "was treated at a hospital", "treated for a stab wound"
            if c.lower_ == "to" and plem in lex.care_verbs["hospital_nouns"] and vlem in lex.care_verbs["taken"]:
                # "was flown to a clinic, where she died": the care ended in death
                died = next((r for r in p.children if r.dep_ == "relcl" and (lemma(r) in _DIED or any(
                    x.dep_ in ("oprd", "acomp") and x.lower_ in ("dead", "deceased") for x in r.children))), None)
                return ("killed", died) if died is not None else ("injured", p)
    if vlem in _SUSTAIN:
        # "one had a stab wound", "two suffered minor injuries": the wound names the outcome
        wound = next((c for c in verb.children if c.dep_ == "dobj" and lemma(c) in ("wound", "injury")
                      and not any(x.lower_ == "no" for x in c.children)), None)
        if wound is not None:
            return "injured", wound
    return None, None


_DIED = frozenset({"die", "succumb", "pronounce", "declare"})
_SUSTAIN = frozenset({"have", "suffer", "sustain", "receive"})


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
    return ev.dep_ in ("xcomp", "ccomp") and lemma(ev.head) in _INTENT


OUTCOMES = frozenset({"killed", "injured", "arrested", "kidnapped", "escaped", "missing", "displaced", "evacuated"})


def negated(ev: Token) -> bool:
    """"were not hurt", "was not injured": the outcome word (or the verb it completes) is negated."""
    if any(c.dep_ == "neg" for c in ev.children):
        return True
    return ev.dep_ in ("acomp", "oprd", "xcomp") and any(c.dep_ == "neg" for c in ev.head.children)


def bare_singular(t: Token) -> bool:
    """A singular count noun with no determiner ("man shot inside restaurant"): in running
    prose it cannot be a subject, so it marks headline style, where "shot" is a passive."""
    common = t.tag_ == "NN" or (t.tag_ == "NNP" and t.lower_ in kind_lexicon().person_nouns)  # "Civilian killed"
    return common and not any(c.dep_ in ("det", "poss", "nummod") for c in t.children)


def flees_detention(verb: Token) -> bool:
    """Whether a place of detention (prison, camp, jail…) is named anywhere under ``verb``: those
    who "fled the camp" escaped rather than were displaced.

    The document's detention nouns are found once; each question then looks only at those within
    the verb's edges (its subtree), so one long sentence of many verbs is not walked per verb."""
    doc = verb.doc
    places = doc.user_data.get("sitroom.detention_nouns")
    if places is None:
        lex = kind_lexicon()
        places = [t.i for t in doc if t.pos_ in ("NOUN", "PROPN") and lemma(t) in lex.detention_places]
        doc.user_data["sitroom.detention_nouns"] = places
    lo, hi = bisect_left(places, verb.left_edge.i), bisect_right(places, verb.right_edge.i)
    return any(i == verb.i or verb.is_ancestor(doc[i]) for i in places[lo:hi])


def single_person(t: Token) -> bool:
    """One person named or described with a determiner: "a woman", "her son", "Jane Doe"."""
    if t.ent_type_ == "PERSON" and t.pos_ == "PROPN":
        return True
    return t.tag_ == "NN" and lemma(t) in kind_lexicon().person_nouns and lemma(t) not in (
        "people", "family", "police", "staff", "personnel") and any(
        x.dep_ in ("det", "poss") and x.lower_ not in ("no", "every", "each") for x in t.children)


def span_of(tok: Token) -> Span:
    return Span(tok.idx, tok.idx + len(tok.text))
