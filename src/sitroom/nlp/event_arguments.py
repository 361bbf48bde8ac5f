"""Who did what to whom: the verb-argument reader event typing uses.

Why its own module: ACLED's sub-types turn on the participants (police shooting protesters is
excessive force, protesters throwing stones a violent demonstration), so the typer reads each
trigger verb's agent, patient, means and occasion and matches them against noun classes and
rules written as data (``data/event_arguments.json``). The same reading answers "who acted on
whom" for evaluations that code source and target (:func:`sitroom.nlp.events.roles`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from sitroom.datafiles import load_json
from typing import Any

from spacy.tokens import Token

from sitroom.nlp.event_lexicon import sub_types
from sitroom.nlp.parse import text_of

__all__ = ["ArgumentRule", "argument_rules", "ArgumentPhrases", "argument_phrases", "verb_arguments", "noun_classes",
           "means_is_target"]


_ARMED = {"state_forces", "rebel_group", "political_militia", "identity_militia", "external_other"}
_STATE = {"state_forces", "external_other"}


def _actor_type(tok: Token | None) -> str | None:
    """The table type of the actor named by ``tok``'s phrase (``None`` when none is named)."""
    if tok is None:
        return None
    from sitroom.nlp.actors import actor_in  # local: actors is a sibling reader, loaded lazily

    text = text_of(tok.doc)[min(t.idx for t in tok.subtree): max(t.idx + len(t.text) for t in tok.subtree)]
    actor = actor_in(text)
    return actor.type.value if actor is not None else None


@dataclass(frozen=True)
class ArgumentRule:
    """A verb whose agent and/or patient belong to noun classes signals a sub-type (data file)."""

    sub_type: int
    verbs: frozenset[str]
    agent: str | None
    patient: str | None
    not_agent: str | None
    weight: float
    instrument: str | None = None
    setting: str | None = None
    oblique: bool = False
    """Whether an object of "on"/"at"/"against" counts as the patient ("fired on the crowd")."""


@lru_cache(maxsize=1)
def _argument_data() -> dict[str, Any]:
    """``data/event_arguments.json``, read once per process (rules, classes, vehicles as targets)."""
    return load_json("event_arguments.json")


@lru_cache(maxsize=1)
def argument_rules() -> tuple[dict[str, frozenset[str]], dict[str, tuple[ArgumentRule, ...]]]:
    """(noun classes, verb lemma → rules) from ``data/event_arguments.json``, loaded once."""
    raw = _argument_data()
    classes = {k: frozenset(w.lower() for w in v) for k, v in raw["classes"].items()}
    index = {st.code: i for i, st in enumerate(sub_types())}
    by_verb: dict[str, list[ArgumentRule]] = {}
    for r in raw["rules"]:
        rule = ArgumentRule(index[r["code"]], frozenset(r["verbs"]), r.get("agent"), r.get("patient"),
                            r.get("not_agent"), float(r["weight"]), r.get("instrument"), r.get("setting"),
                            bool(r.get("oblique", False)))
        for v in rule.verbs:
            by_verb.setdefault(v, []).append(rule)
    return classes, {k: tuple(v) for k, v in by_verb.items()}


_QUANTITY_NOUNS = {"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "score", "scores", "number",
                   "couple", "series", "handful", "lot", "majority", "ten", "tens", "string", "group", "crowd", "batch",
                   "member", "members"}
_PATIENT_PREPS = {"on", "at", "against", "upon", "into"}
_PLACE_ENTS = {"GPE", "LOC", "FAC"}


def _with_conjuncts(tok: Token) -> list[Token]:
    """``tok`` and its conjuncts, depth first in text order ("gunmen and soldiers and police").
    Walked with a stack, not recursion: a hostile run of "and" must not exhaust the call stack."""
    out: list[Token] = []
    stack = [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(reversed([c for c in t.children if c.dep_ == "conj"]))
    return out


def _heads(tok: Token) -> list[Token]:
    """The nouns a phrase stands for: "two of the protesters" stands for the protesters."""
    if tok.pos_ in ("NUM", "PRON", "DET", "ADJ") or tok.lemma_.lower() in _QUANTITY_NOUNS:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                return [p for p in c.children if p.dep_ == "pobj"] or [tok]
    return [tok]


@dataclass(frozen=True)
class ArgumentPhrases:
    """The phrases a verb's dependency children name, as written (no conjuncts, no "of" heads).

    ``agents``: subjects and the objects of a passive's "by", in sentence order; ``patients``:
    direct objects and passive subjects; ``obliques``: (preposition, object) pairs."""

    agents: tuple[Token, ...]
    patients: tuple[Token, ...]
    obliques: tuple[tuple[str, Token], ...]


def argument_phrases(verb: Token) -> ArgumentPhrases:
    """The one reading of who does what to whom around ``verb``; :func:`verb_arguments` widens it
    for noun classes and :func:`roles` narrows it to one agent and one patient."""
    agents: list[Token] = []
    patients: list[Token] = []
    obliques: list[tuple[str, Token]] = []
    for c in verb.children:
        if c.dep_ == "nsubj":
            agents.append(c)
        elif c.dep_ == "agent":
            agents += [q for q in c.children if q.dep_ == "pobj"]
        elif c.dep_ in ("dobj", "nsubjpass"):
            patients.append(c)
        elif c.dep_ == "prep":
            obliques += [(c.lower_, q) for q in c.children if q.dep_ == "pobj"]
    return ArgumentPhrases(tuple(agents), tuple(patients), tuple(obliques))


def _role_tokens(anchor: Token) -> tuple[Token | None, Token | None]:
    """(agent, patient) phrases of the trigger's verb: the last subject / "by" agent, and the last
    object, else the first object of "on"/"against" ("fired on the crowd")."""
    verb = anchor
    for _ in range(3):
        if verb.pos_ == "VERB":
            break
        verb = verb.head
    args = argument_phrases(verb)
    agent = None
    for a in args.agents:  # the last agent phrase; of two objects of one "by", the first
        if agent is None or a.dep_ != "pobj" or a.head.i != agent.head.i:
            agent = a
    patient = args.patients[-1] if args.patients else next(
        (o for p, o in args.obliques if p in ("on", "against")), None)
    return agent, patient


def verb_arguments(verb: Token) -> tuple[list[Token], list[Token], list[Token]]:
    """(agents, patients, obliques) of ``verb``: subject or passive "by" phrase; object or passive
    subject ("set fire to X": X); objects of "on"/"at"/"against"/"upon"/"into" (and "with" for
    reciprocal verbs: "clashed with police"). Conjuncts count too.

    Obliques are kept apart: "fired on protesters" targets them, while "seized workers on the
    road" did not seize the road."""
    args = argument_phrases(verb)
    agents = [p for a in args.agents for p in _with_conjuncts(a)]
    patients = [p for q in args.patients for p in _with_conjuncts(q)]
    obliques = [p for prep, q in args.obliques if prep in _PATIENT_PREPS for p in _with_conjuncts(q)]
    for c in args.patients:
        if c.lemma_.lower() == "fire":  # "set fire to the houses", "opened fire on the crowd"
            obliques += [p for q in c.children if q.dep_ == "prep" and q.lower_ in _PATIENT_PREPS
                         for pobj in q.children if pobj.dep_ == "pobj" for p in _with_conjuncts(pobj)]
            patients += [p for q in c.children if q.dep_ == "prep" and q.lower_ == "to"
                         for pobj in q.children if pobj.dep_ == "pobj" for p in _with_conjuncts(pobj)]
    if verb.lemma_.lower() == "set":  # "set the houses on fire", "set ablaze ... to"
        patients += [p for prep, q in args.obliques if prep == "to" for p in _with_conjuncts(q)]
    # "clashed with police": the other side of a reciprocal verb
    if verb.lemma_.lower() in ("clash", "fight", "battle"):
        obliques += [p for prep, q in args.obliques if prep == "with" for p in _with_conjuncts(q)]
    # "... killing six civilians": a participle's agent is its head clause's subject
    if not agents and verb.dep_ in ("advcl", "xcomp", "conj") and verb.head.i != verb.i:
        agents = list(_subjects(verb.head))
    return ([h for a in agents for h in _heads(a)], [h for p in patients for h in _heads(p)],
            [h for o in obliques for h in _heads(o)])


def _subjects(head: Token) -> tuple[Token, ...]:
    """The ``nsubj`` children of ``head``, read once per parse (kept in ``doc.user_data`` for
    one pass): every participle of a long "killing ..., wounding ..." chain asks for the
    subject of the one head, whose children are the whole chain."""
    cache = head.doc.user_data.setdefault("sitroom.subjects", {})
    found = cache.get(head.i)
    if found is None:
        found = cache[head.i] = tuple(c for c in head.children if c.dep_ == "nsubj")
    return found


def _instruments(verb: Token) -> list[Token]:
    """The means of ``verb``: "attacked *with drones*", "attacked ... *using mortars*"."""
    out: list[Token] = []
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("with", "by"):
            out += [p for q in c.children if q.dep_ == "pobj" for p in _with_conjuncts(q)]
        elif c.dep_ in ("advcl", "xcomp", "acl") and c.lemma_.lower() in ("use", "employ", "fire"):
            out += [p for q in c.children if q.dep_ == "dobj" for p in _with_conjuncts(q)]
    return out


def _settings(verb: Token) -> list[Token]:
    """The occasion of ``verb``: "arrested *during the rally*", "killed *at a protest*"."""
    return [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("during", "amid", "at", "in")
            for q in c.children if q.dep_ == "pobj" for p in _with_conjuncts(q)]


def _anti(tok: Token) -> bool:
    """ "anti-aircraft guns" are guns against aircraft, not aircraft."""
    doc = tok.doc
    return tok.lower_.startswith("anti") or (tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ == "anti")


def noun_classes(tok: Token) -> set[str]:
    """The argument classes (``data/event_arguments.json``) the phrase headed by ``tok`` falls in."""
    classes, _ = argument_rules()
    words = {tok.lemma_.lower(), tok.lower_}
    words |= {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod") and not _anti(c)}
    found = {name for name, members in classes.items() if words & members}
    if tok.ent_type_ in _PLACE_ENTS:
        found.add("PLACE")
    elif tok.ent_type_ == "PERSON" and not found & {"ARMED", "STATE_AGENT"}:
        found.add("CIVILIAN")  # a person named by name and no rank or force is, for ACLED, a civilian
    return found


def _argument_hits(tok: Token) -> list[tuple[int, float]]:
    """(sub-type index, weight) for each argument rule the verb ``tok`` satisfies."""
    _, by_verb = argument_rules()
    rules = by_verb.get(tok.lemma_.lower())
    if not rules or tok.pos_ not in ("VERB", "NOUN"):
        return []
    agents, patients, obliques = verb_arguments(tok)
    a_cls = set().union(*(noun_classes(a) for a in agents)) if agents else set()
    p_cls = set().union(*(noun_classes(p) for p in patients)) if patients else set()
    o_cls = set().union(*(noun_classes(o) for o in obliques)) if obliques else set()
    i_cls = a_cls | set().union(*(noun_classes(t) for t in _instruments(tok)))
    s_cls = set().union(*(noun_classes(t) for t in _settings(tok)))
    out = []
    for r in rules:
        if r.instrument and r.instrument not in i_cls:
            continue
        if r.setting and r.setting not in s_cls:
            continue
        if r.agent and r.agent not in a_cls:
            continue
        if r.patient and r.patient not in (p_cls | o_cls if r.oblique else p_cls):
            continue
        if r.not_agent and r.not_agent in a_cls:
            continue
        out.append((r.sub_type, r.weight))
    return out


def _class_kind(toks: list[Token]) -> str | None:
    """An actor type guessed from argument classes when the actor table names no one:
    "soldiers" are state forces, "fighters loyal to the warlord" an armed non-state group."""
    classes = set().union(*(noun_classes(t) for t in toks)) if toks else set()
    if "STATE_AGENT" in classes:
        return "state_forces"
    if "ARMED" in classes:
        return "rebel_group"
    return None


@lru_cache(maxsize=1)
def _means_as_target() -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """(sub-type code → vehicle words, targeting verbs) from ``data/event_arguments.json``."""
    table = _argument_data()["means_as_target"]
    vehicles = {code: frozenset(words) for code, words in table["vehicles"].items()}
    return vehicles, frozenset(table["targeting_verbs"])


def means_is_target(code: str, anchor: Token) -> bool:
    """Whether a vehicle that would name the means is in fact the target: gunmen who "opened fire
    on a plane" or "shot down a drone" did not carry out an air strike. ACLED types violence by the
    means the *perpetrator* used, so an aircraft under fire is a patient, not an instrument."""
    vehicles, targeting = _means_as_target()
    words = vehicles.get(code, frozenset())
    if anchor.lemma_.lower() not in words and anchor.lower_ not in words:
        return False
    if anchor.dep_ == "pobj":
        return anchor.head.lower_ in ("on", "at", "against", "upon")
    return anchor.dep_ in ("dobj", "nsubjpass") and anchor.head.lemma_.lower() in targeting
