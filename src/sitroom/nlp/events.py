"""Event types: which happenings a report tells, typed by the ACLED taxonomy plus our extensions.

Why a weighted lexicon over the parse: a report coder reads a trigger word ("shelled", "broke out
of", "dispersed") *in context* ("tear gas" makes a protest one with intervention; "suicide" makes a
blast a suicide bombing). Each sub-type in ``data/taxonomy.json`` lists trigger lemmas and phrases
with weights and context words that add or subtract; a trigger's score for a sub-type is its weight
plus the context in its sentence, and the best sub-type wins. Triggers in one clause (the verb that
heads them) describe one happening ("an air strike killed six" is one air strike, not also an
attack), so each clause yields at most one mention, while a report with several clauses and
sentences yields several.

Words alone cannot tell who did what to whom, and ACLED's sub-types turn on exactly that, so a
second layer reads the parse (``data/event_arguments.json``): a verb whose agent, patient, means
or occasion falls in a noun class adds a trigger ("police *shot* protesters" → excessive force;
"protesters *threw* stones" → violent demonstration; "gunmen *seized* aid workers" → abduction,
while "troops *seized* rifles" → disrupted weapons use). ACLED's precedence is kept as data in
the taxonomy: violence is typed by its means first (an air strike, shell, bomb, grenade or gas
wins over a generic attack), and triggers that are only background ("after the clashes", a
relative clause about a participant) or not a happening ("tried to kidnap", "a pause to allow
evacuations") are discounted. Across a snippet, ACLED's protest ladder is data too: violent
demonstrators outrank force against peaceful ones, which outranks a dispersal, which outranks
the protest itself. An aircraft named as the target ("fired on a plane") is not the means.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Span as SpacySpan, Token

from sitroom.model import Span
from sitroom.taxonomy import taxonomy
from sitroom.nlp.parse import text_of
from sitroom.nlp.textscan import GuardedPattern, folded

__all__ = ["EventMention", "SubType", "taxonomy", "classify_events", "classify_document", "sub_types", "segments", "roles",
           "argument_rules", "argument_phrases", "ArgumentPhrases", "verb_arguments", "noun_classes",
           "ArgumentRule"]

_CLAUSE_DEPS = {"ROOT", "conj", "ccomp", "advcl", "relcl", "parataxis"}
_DENIAL = {"deny", "refute", "reject", "dismiss", "rebut"}
_NOT_TRIGGERS = {"according"}  # "according to" is attribution, never an accord
_NEG_SUBJECTS = {"nobody", "none", "no one", "no-one", "noone"}


@dataclass(frozen=True)
class SubType:
    """One sub-event type with its lexicon, as read from the taxonomy file."""

    event_type: str
    name: str
    code: str
    case: str | None
    extension: bool
    triggers: dict[str, float]
    phrases: tuple[tuple[re.Pattern[str], float], ...]
    context_words: dict[str, float]
    context_phrases: tuple[tuple[re.Pattern[str], float], ...]
    phrase_literals: tuple[str, ...] = ()
    """A lower-case word each phrase pattern needs, to skip patterns whose word is absent."""
    phrase_openers: tuple[tuple[str, ...], ...] = ()
    """Per phrase, the word beginnings one of which it must start with (empty: no such set)."""
    context_literals: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventMention:
    """One reported happening: its trigger, the sentence it sits in and its type.

    ``clause`` is the token index of the verb heading the trigger's clause; claims gather the
    quantities, actors and places attached to that clause.
    """

    event_type: str
    sub_event_type: str
    code: str
    trigger: str
    trigger_span: Span
    sentence_span: Span
    anchor: int
    clause: int
    score: float
    confidence: float
    negated: bool = False
    case_label: str | None = None


_GUARD = r"(?<![\w-])"


def _rx(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"{_GUARD}{phrase}(?![\w-])", re.IGNORECASE)


def _literal(pattern: str) -> str:
    """The longest plain lower-case word a phrase pattern always contains ("" when none is sure).

    Only words outside any group or optional part are taken, so the test ``literal in text`` can
    never skip a pattern that would have matched."""
    depth = 0
    plain: list[str] = []
    cur = ""
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            cur = ""
            i += 2
            continue
        if ch == "(":
            depth += 1
            plain.append(cur)
            cur = ""
        elif ch == ")":
            depth -= 1
            cur = ""
            if i + 1 < len(pattern) and pattern[i + 1] in "?*":
                pass
        elif depth == 0 and ch.isalpha():
            cur += ch
        else:
            if depth == 0:
                plain.append(cur)
            cur = ""
            if ch in "?*" and plain:
                plain[-1] = ""  # the letter before "?" is optional: drop the word it ends
        i += 1
    plain.append(cur)
    if "|" in pattern and depth == 0 and not pattern.startswith("("):
        top = [p for p in _split_top(pattern)]
        if len(top) > 1:
            return ""
    words = [w.lower() for w in plain if len(w) >= 3]
    return max(words, key=len) if words else ""


def _openers(pattern: str) -> tuple[str, ...]:
    """The lower-case beginnings a phrase pattern must start with, when it opens with a group of
    alternatives that each begin with three or more plain letters ("(?:fired|launch...) ..." →
    ("fired", "launch")); empty when there is no such set. Lets the scan skip a pattern none of
    whose openings occur in the text, as :func:`_literal` does for one required word."""
    if not pattern.startswith("(?:"):
        return ()
    depth, end = 0, -1
    for i, ch in enumerate(pattern):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                end = i
                break
    if end < 0 or pattern[end + 1:end + 2] in ("?", "*"):
        return ()
    out = []
    for alt in _split_top(pattern[3:end]):
        m = re.match(r"[a-z]+", alt)
        run = m.group() if m else ""
        if alt[len(run):len(run) + 1] in ("?", "*", "{"):
            run = run[:-1]  # "corpses?": the last letter is optional, so only "corpse" is required
        if len(run) < 3:
            return ()
        out.append(run)
    return tuple(out)


def _split_top(pattern: str) -> list[str]:
    parts, depth, cur = [], 0, ""
    for ch in pattern:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "|" and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return parts


@lru_cache(maxsize=1)
def sub_types() -> tuple[SubType, ...]:
    """Every sub-type with compiled phrase patterns, in taxonomy order (ties go to the first)."""
    out = []
    for group in taxonomy()["types"]:
        for st in group["sub_types"]:
            ctx = st.get("context", {})
            out.append(SubType(
                event_type=group["type"], name=st["name"], code=st["code"], case=st.get("case"),
                extension=bool(group.get("extension", False)),
                triggers={k.lower(): float(v) for k, v in st.get("triggers", {}).items()},
                phrases=tuple((_rx(p), float(w)) for p, w in st.get("phrases", {}).items()),
                context_words={k.lower(): float(v) for k, v in ctx.items() if " " not in k and "-" not in k},
                context_phrases=tuple((_rx(re.escape(k)), float(v)) for k, v in ctx.items() if " " in k or "-" in k),
                phrase_literals=tuple(_literal(p) for p in st.get("phrases", {})),
                phrase_openers=tuple(_openers(p) for p in st.get("phrases", {})),
                context_literals=tuple(k.lower() for k in ctx if " " in k or "-" in k),
            ))
    return tuple(out)


def _in_name(tok: Token) -> bool:
    """Whether ``tok`` is a word inside an organisation's name: the "Liberation" of the Palestine
    Liberation Organization or the "Free" of the Free Syrian Army tells of no happening.

    Only names ending in an organisation noun count (``name_heads`` in the taxonomy): a headline in
    title case ("Explosions Target Soldiers") is often tagged as a name too, and must still type."""
    if tok.pos_ != "PROPN" or tok.ent_type_ not in ("ORG", "NORP"):
        return False
    last = _entity_last_word(tok.doc).get(tok.i, tok.i)
    return last > tok.i and tok.doc[last].lower_ in _name_heads()


def _entity_last_word(doc: Doc) -> dict[int, int]:
    """Token index → index of the last word of the entity it is in, built once per parse (kept in
    ``doc.user_data``): asked for every proper noun, so it must not walk a long name each time."""
    table = doc.user_data.get("sitroom.entity_last")
    if table is None:
        table = {i: ent.end - 1 for ent in doc.ents for i in range(ent.start, ent.end)}
        doc.user_data["sitroom.entity_last"] = table
    return table


@lru_cache(maxsize=1)
def _name_heads() -> frozenset[str]:
    return frozenset(taxonomy().get("name_heads", ()))


def _descriptor(tok: Token) -> bool:
    """Whether ``tok`` only classifies the noun it modifies ("a *strike* force", "a *protest* song"):
    the taxonomy's ``descriptor_compounds`` lists, per trigger, the heads that make it so. Such a
    trigger is discounted, not dropped: the word still hints at its happening. ("Riot police" is
    not listed: they are named where a crowd turned violent.)"""
    if tok.dep_ not in ("compound", "amod"):
        return False
    heads = taxonomy().get("descriptor_compounds", {}).get(tok.lemma_.lower())
    return bool(heads) and tok.head.lemma_.lower() in heads


def _clause_of(tok: Token) -> Token:
    t = tok
    for _ in range(12):
        if t.pos_ in ("VERB", "AUX") and t.dep_ in _CLAUSE_DEPS:
            # "..., killing six civilians": a participle adjunct tells the same happening.
            if not (t.dep_ == "advcl" and t.tag_ in ("VBG", "VBN") and t.head.i != t.i):
                return t
        if t.head.i == t.i:
            return t
        t = t.head
    return t


def _negated(anchor: Token, clause: Token) -> bool:
    chain = [anchor]
    t = anchor
    while t.i != clause.i and t.head.i != t.i and len(chain) < 8:
        t = t.head
        chain.append(t)
    for t in chain:
        if any(c.dep_ == "neg" for c in t.children):
            return True
    for c in clause.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            text = " ".join(x.lower_ for x in c.subtree)
            if text in _NEG_SUBJECTS or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children):
                return True
        if c.dep_ in ("dobj",) and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children):
            return True
    # "X denied that its jets bombed the market", "reports of an attack were dismissed"
    t = clause
    for _ in range(3):
        if t.head.i == t.i:
            break
        t = t.head
        if t.lemma_.lower() in _DENIAL:
            return True
    return False


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


def roles(doc: Doc, mention: EventMention) -> tuple[Span | None, Span | None]:
    """(agent, patient) character spans of a mention's trigger verb: who does it, to whom.

    Why here: the same reading of the parse that tells an attack on troops from one on
    civilians also answers "who acted on whom" for evaluations that code source and target."""
    agent, patient = _role_tokens(doc[mention.anchor])

    def span(tok: Token | None) -> Span | None:
        if tok is None:
            return None
        toks = list(tok.subtree)
        return Span(toks[0].idx, toks[-1].idx + len(toks[-1].text))

    return span(agent), span(patient)


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
def argument_rules() -> tuple[dict[str, frozenset[str]], dict[str, tuple[ArgumentRule, ...]]]:
    """(noun classes, verb lemma → rules) from ``data/event_arguments.json``, loaded once."""
    raw = json.loads(resources.files("sitroom.data").joinpath("event_arguments.json").read_text(encoding="utf-8"))
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
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(_with_conjuncts(c))
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
        agents = [c for c in verb.head.children if c.dep_ == "nsubj"]
    return ([h for a in agents for h in _heads(a)], [h for p in patients for h in _heads(p)],
            [h for o in obliques for h in _heads(o)])


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


def _refine(code: str, anchor: Token, sts: tuple[SubType, ...]) -> str:
    """Actor-based choices the words alone cannot make: who took territory (state or not), and
    whether an attack hit armed forces (a clash) or civilians."""
    if code in ("gov_regains_territory", "non_state_overtakes_territory"):
        agent, _ = _role_tokens(anchor)
        if agent is None and anchor.pos_ == "VERB":
            # "rebels will advance ... after *seizing* the town": the subject of the governing verb
            gov = anchor.head.head if anchor.dep_ == "pcomp" else anchor
            found = verb_arguments(gov)[0]
            agent = found[0] if found else None
        kind = _actor_type(agent)
        if kind is None and agent is not None:
            kind = _class_kind(_heads(agent))
        if kind in _STATE:
            return "gov_regains_territory"
        if kind in _ARMED:
            return "non_state_overtakes_territory"
        # "captured the town *from government troops*": who lost it tells who took it
        verb = anchor if anchor.pos_ == "VERB" else anchor.head
        losers = [h for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"
                  for q in c.children if q.dep_ == "pobj" for h in _heads(q)]
        lost_by = _actor_type(losers[0]) or _class_kind(losers) if losers else None
        if lost_by in _STATE:
            return "non_state_overtakes_territory"
        if lost_by in _ARMED:
            return "gov_regains_territory"
    if code == "attack" and anchor.lemma_.lower() in ("attack", "kill", "shoot", "ambush", "storm"):
        agent, patient = _role_tokens(anchor)
        if _actor_type(agent) in _ARMED and _actor_type(patient) in _ARMED:
            return "armed_clash"
    return code


def _keys(tok: Token) -> frozenset[str]:
    """Lookup keys of a token: lemma, lower-case form, and the form less a regular inflection.

    Why the last: the small model's lemmatizer misses words it has not seen ("raping" → "rap",
    "shelled" as an adjective), and a trigger list should not have to spell every inflection."""
    return _keys_of(tok.lower_, tok.lemma_)


@lru_cache(maxsize=1 << 16)
def _keys_of(low: str, lemma: str) -> frozenset[str]:
    """:func:`_keys` by form and lemma (worked out once per word: every token is looked up)."""
    keys = {lemma.lower(), low}
    for suf in ("ing", "ed", "es", "s"):
        if low.endswith(suf) and len(low) - len(suf) >= 3:
            stem = low[: -len(suf)]
            keys |= {stem, stem + "e"}
            if len(stem) > 3 and stem[-1] == stem[-2]:  # "shelling" → "shell", "kidnapped" → "kidnap"
                keys.add(stem[:-1])
            break
    return frozenset(keys)


@lru_cache(maxsize=1)
def _trigger_index() -> dict[str, tuple[tuple[int, float], ...]]:
    """Trigger word → ((sub-type index, weight), ...), so each token is looked up once."""
    index: dict[str, list[tuple[int, float]]] = {}
    for si, st in enumerate(sub_types()):
        for key, w in st.triggers.items():
            index.setdefault(key, []).append((si, w))
    return {k: tuple(v) for k, v in index.items()}


#: (pattern, weight, required literal, required openers) per trigger phrase of one sub-type.
PhraseScanners = tuple[tuple[GuardedPattern, float, str, tuple[str, ...]], ...]
#: (pattern, weight, required literal) per context phrase of one sub-type.
Scanners = tuple[tuple[GuardedPattern, float, str], ...]


@lru_cache(maxsize=1)
def _phrase_scanners() -> tuple[tuple[PhraseScanners, Scanners], ...]:
    """Per sub-type, its phrase and context-phrase patterns (with weights, literals and openers) as
    :class:`~sitroom.nlp.textscan.GuardedPattern` scanners: the same matches, a third of the time."""
    return tuple((tuple((GuardedPattern.of(rx, _GUARD), w, lit, opens)
                        for (rx, w), lit, opens in zip(st.phrases, st.phrase_literals, st.phrase_openers)),
                  tuple((GuardedPattern.of(rx, _GUARD), w, lit)
                        for (rx, w), lit in zip(st.context_phrases, st.context_literals)))
                 for st in sub_types())


@lru_cache(maxsize=1)
def _context_index() -> dict[str, tuple[tuple[int, int, float], ...]]:
    """Context word → ((sub-type index, place in that sub-type's table, weight), ...)."""
    index: dict[str, list[tuple[int, int, float]]] = {}
    for si, st in enumerate(sub_types()):
        for place, (key, w) in enumerate(st.context_words.items()):
            index.setdefault(key, []).append((si, place, w))
    return {k: tuple(v) for k, v in index.items()}


def _context_sums(words: set[str], n: int) -> list[float]:
    """Per sub-type, the summed weights of its context words found in ``words``.

    Why an index: a sentence holds a few of the thousands of context words, so each word is
    looked up once instead of every table being walked per sentence. Weights add in table order,
    so every sum is the same float as a walk of the table gives."""
    found: dict[int, list[tuple[int, float]]] = {}
    index = _context_index()
    for word in words:
        for si, place, w in index.get(word, ()):
            found.setdefault(si, []).append((place, w))
    sums: list[float] = [0] * n
    for si, hits in found.items():
        hits.sort()
        sums[si] = sum(w for _, w in hits)
    return sums


def segments(doc: Doc) -> list[SpacySpan]:
    """Sentences, also split at blank lines: a headline or dateline above the body is its own
    unit even when the parser ran it into the first sentence."""
    out: list[SpacySpan] = []
    for sent in doc.sents:
        start = sent.start
        for tok in sent:
            if tok.is_space and tok.text.count("\n") >= 2 and tok.i > start:
                out.append(doc[start:tok.i])
                start = tok.i + 1
        if start < sent.end:
            out.append(doc[start:sent.end])
    return [s for s in out if len(s) and not all(t.is_space for t in s)]


@lru_cache(maxsize=1)
def _precedence() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(instrument sub-types, sub-types that yield to them, irrealis verbs) from the taxonomy."""
    prec = taxonomy().get("precedence", {})
    return (frozenset(prec.get("instrument", ())), frozenset(prec.get("yields_to_instrument", ())),
            frozenset(taxonomy().get("irrealis_verbs", ())))


def _outranks(new: EventMention, cur: EventMention) -> bool:
    """Whether ``new`` should type the clause instead of ``cur``.

    ACLED codes a violent act by its means first: an attack carried out with an air strike,
    shells, a bomb, a grenade or gas is that explosion/remote-violence event, not an "attack" or
    an "armed clash", whatever the words around it score."""
    instrument, yielding, _ = _precedence()
    if new.code in instrument and cur.code in yielding:
        return True
    if cur.code in instrument and new.code in yielding:
        return False
    return new.score > cur.score


@lru_cache(maxsize=1)
def _means_as_target() -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """(sub-type code → vehicle words, targeting verbs) from ``data/event_arguments.json``."""
    raw = json.loads(resources.files("sitroom.data").joinpath("event_arguments.json").read_text(encoding="utf-8"))
    table = raw["means_as_target"]
    vehicles = {code: frozenset(words) for code, words in table["vehicles"].items()}
    return vehicles, frozenset(table["targeting_verbs"])


def _means_is_target(code: str, anchor: Token) -> bool:
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


def _background(anchor: Token, *, frames: bool = True) -> bool:
    """Whether the trigger is background: a noun inside "after/under/despite/since ..." hung on
    another verb ("pulled out *under the agreement*" reports a withdrawal), or a verb in a relative
    clause describing a participant."""
    if anchor.dep_ == "amod" and anchor.tag_ == "VBN":
        return True  # "in the *captured* town": a participle naming a place by its past
    if (anchor.pos_ == "VERB" and anchor.dep_ in ("acl", "relcl") and anchor.head.pos_ in ("NOUN", "PROPN")
            and anchor.sent.root.pos_ in ("VERB", "AUX")):  # a headline's "Leader detained at airport" is no clause
        # "the release of demonstrators *detained* at the rally": a relative clause describes a
        # participant by an earlier happening
        return True
    if not frames or anchor.pos_ not in ("NOUN", "PROPN") or anchor.dep_ != "pobj":
        return False
    prep = anchor.head
    # "under the terms of the agreement": climb the "of" chain to the phrase the preposition heads
    while prep.lower_ == "of" and prep.head.dep_ == "pobj" and prep.head.head.dep_ == "prep":
        prep = prep.head.head
    return (prep.dep_ == "prep" and prep.lower_ in frozenset(taxonomy().get("background_preps", ()))
            and prep.head.pos_ in ("VERB", "AUX"))


_PURPOSE_VERBS = {"allow", "enable", "facilitate", "permit", "let", "ensure", "pave"}


def _irrealis(anchor: Token) -> bool:
    """Whether the trigger sits under "tried/planned/threatened/vowed to ...": not (yet) a happening."""
    _, _, verbs = _precedence()
    t = anchor
    for _ in range(4):
        if t.head.i == t.i:
            return False
        if t.dep_ == "xcomp" and t.head.lemma_.lower() in verbs:
            return True
        # "a pause *to allow evacuations*": a purpose clause names a goal, not a happening
        if (t.dep_ in ("acl", "advcl") and t.lemma_.lower() in _PURPOSE_VERBS
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)):
            return True
        t = t.head
    return False


def classify_events(doc: Doc, *, min_score: float | None = None, background: bool = True) -> list[EventMention]:
    """Every typed happening in ``doc``, at most one per clause, in text order.

    Args:
        doc: the one spaCy parse of the report.
        min_score: the bar a trigger's score must clear (the taxonomy's ``min_score`` when None).
        background: whether a happening named only as the frame of another verb ("after the
            clashes", "under the agreement") is discounted.

    Returns:
        :class:`EventMention` objects with trigger and sentence spans, type, sub-type, a confidence
        in (0, 1) from trigger strength plus context, and ``negated`` for denied or "no one was
        killed" happenings.
    """
    tax = taxonomy()
    k = float(tax.get("confidence_k", 2.5))
    if min_score is None:
        min_score = float(tax.get("min_score", 1.5))
    sts = sub_types()
    out: list[EventMention] = []
    text = text_of(doc)
    lower = text.lower()
    # Scan phrases once over the whole text (not per sentence: far fewer regex calls), then
    # bucket matches by sentence.
    scans, scanned = _phrase_scanners(), folded(text)
    phrase_hits = sorted((m.start(), m.end(), si, w) for si, (phrases, _) in enumerate(scans)
                         for rx, w, lit, opens in phrases
                         if lit in lower and (not opens or any(o in lower for o in opens))
                         for m in rx.finditer(text, scanned))
    ctx_hits = sorted((m.start(), si, w) for si, (_, context) in enumerate(scans) for rx, w, lit in
                      context if lit in lower for m in rx.finditer(text, scanned))
    trig = _trigger_index()
    instrument, yielding, _ = _precedence()
    for sent in segments(doc):
        words = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
        lo, hi = sent.start_char, sent.end_char
        ctx = _context_sums(words, len(sts))
        for pos, si, w in ctx_hits[bisect_left(ctx_hits, (lo,)):bisect_left(ctx_hits, (hi,))]:
            ctx[si] += w
        # anchor token index -> (per-subtype best trigger weight, trigger char span)
        hits: dict[int, dict[int, tuple[float, int, int]]] = {}
        for tok in sent:
            if tok.lower_ in _NOT_TRIGGERS or _in_name(tok):
                continue
            for key in _keys(tok):
                for si, w in trig.get(key, ()):
                    cur = hits.setdefault(tok.i, {}).get(si)
                    if cur is None or w > cur[0]:
                        hits[tok.i][si] = (w, tok.idx, tok.idx + len(tok.text))
            for si, w in _argument_hits(tok):
                cur = hits.setdefault(tok.i, {}).get(si)
                if cur is None or w > cur[0]:
                    hits[tok.i][si] = (w, tok.idx, tok.idx + len(tok.text))
        for ps, pe, si, w in phrase_hits[bisect_left(phrase_hits, (lo,)):bisect_left(phrase_hits, (hi,))]:
            span = doc.char_span(ps, min(pe, hi), alignment_mode="expand")
            if span is None or not len(span):
                continue
            anchor = span.root.i
            cur = hits.setdefault(anchor, {}).get(si)
            if cur is None or w > cur[0]:
                hits[anchor][si] = (w, ps, pe)
        best_by_clause: dict[int, EventMention] = {}
        for anchor_i, cands in hits.items():
            scored = [(w + ctx[si], si, s, e) for si, (w, s, e) in cands.items()
                      if not _means_is_target(sts[si].code, doc[anchor_i])]
            if not scored:
                continue
            scored.sort(key=lambda x: (-x[0], x[1]))
            if sts[scored[0][1]].code in yielding:
                # one word, two readings ("helicopters fired on positions"): the means wins
                means = [x for x in scored if sts[x[1]].code in instrument and x[0] >= min_score]
                if means:
                    scored = means
            score, si, s, e = scored[0]
            anchor = doc[anchor_i]
            if _irrealis(anchor):
                score -= float(tax.get("irrealis_penalty", 1.5))
            if _descriptor(anchor):
                score -= float(tax.get("descriptor_penalty", 1.5))
            if _background(anchor, frames=background):
                score -= float(tax.get("background_penalty", 1.0))
            if score < min_score:
                continue
            code = _refine(sts[si].code, anchor, sts)
            if code != sts[si].code:
                si = next(i for i, x in enumerate(sts) if x.code == code)
            st = sts[si]
            clause = _clause_of(anchor)
            mention = EventMention(
                event_type=st.event_type, sub_event_type=st.name, code=st.code, trigger=text_of(doc)[s:e],
                trigger_span=Span(s, e), sentence_span=Span(sent.start_char, sent.end_char), anchor=anchor_i,
                clause=clause.i, score=round(score, 3), confidence=round(score / (score + k), 3),
                negated=_negated(anchor, clause), case_label=st.case,
            )
            cur = best_by_clause.get(clause.i)
            if cur is None or _outranks(mention, cur):
                best_by_clause[clause.i] = mention
        # One mention per sub-type per sentence ("fired tear gas to disperse protesters").
        best_by_code: dict[str, EventMention] = {}
        for m in best_by_clause.values():
            cur2 = best_by_code.get(m.code)
            if cur2 is None or m.score > cur2.score:
                best_by_code[m.code] = m
        out.extend(best_by_code.values())
    out.sort(key=lambda m: (m.trigger_span.start, m.trigger_span.end))
    return out


def _candidates(doc: Doc, allowed_case_labels: frozenset[str] | None, min_score: float | None,
                *, background: bool) -> list[EventMention]:
    found = classify_events(doc, min_score=min_score, background=background)
    mentions = [m for m in found if not m.negated] or found
    if allowed_case_labels is not None:
        mentions = [m for m in mentions if m.case_label in allowed_case_labels]
    return mentions


def classify_document(doc: Doc, *, allowed_case_labels: frozenset[str] | None = None,
                      lead_weight: float = 1.3, min_score: float | None = None) -> EventMention | None:
    """The single most salient happening of a short text (a snippet or headline).

    Why: evaluation corpora such as CASE 2021 give one label per snippet. Scores of mentions of
    the same sub-type add up (a snippet that says "shelled" twice is about shelling), with the
    strongest single mention breaking ties. ``allowed_case_labels`` restricts the answer to
    sub-types mapping onto those labels (others are skipped, not relabelled).
    """
    mentions = _candidates(doc, allowed_case_labels, min_score, background=True)
    if not mentions:
        # "Detectives are searching for a suspect after a deadly shooting": when the report's only happening
        # is told as the background of something untyped, it is still the happening.
        mentions = _candidates(doc, allowed_case_labels, min_score, background=False)
    if not mentions:
        return None
    totals: dict[str, float] = {}
    best: dict[str, EventMention] = {}
    segs = segments(doc)
    first_end = segs[0].end_char if segs else 0
    for m in mentions:
        # News leads with the happening: a mention in the first sentence counts for more.
        weight = lead_weight if m.trigger_span.start < first_end else 1.0
        totals[m.code] = totals.get(m.code, 0.0) + m.score * weight
        if m.code not in best or m.score > best[m.code].score:
            best[m.code] = m
    code = max(totals, key=lambda c: (totals[c] + 0.5 * best[c].score, -best[c].trigger_span.start))
    instrument, _, _ = _precedence()
    yielding = frozenset(taxonomy().get("precedence", {}).get("document_yields_to_instrument", ()))
    casualty = frozenset(taxonomy().get("precedence", {}).get("casualty_verbs", ()))
    if code in yielding or doc[best[code].anchor].lemma_.lower() in casualty:
        # A death toll names no means ("a soldier was killed when two bombs went off"), and
        # "Two civilians were killed in attacks ... in a grenade attack": the snippet's violence is
        # typed by the means it names, wherever in the snippet it names them.
        means = [c for c in totals if c in instrument]
        if means:
            code = max(means, key=lambda c: (totals[c] + 0.5 * best[c].score, -best[c].trigger_span.start))
    for ladder in taxonomy().get("precedence", {}).get("document_ladders", ()):
        # ACLED's stated precedence within a family: demonstrators who turn violent make a violent
        # demonstration whatever the police did; force against peaceful ones outranks a dispersal,
        # which outranks the protest itself.
        if code in ladder["codes"]:
            for c in ladder["codes"][: ladder["codes"].index(code)]:
                if c in best and best[c].score >= ladder.get("min_score", 0.0):
                    code = c
                    break
    return best[code]
