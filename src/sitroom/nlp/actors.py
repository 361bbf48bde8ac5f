"""Actors in a report: who acts, who is targeted, who is affected.

Why a table of our own: the same armed group appears as "Islamic State", "ISIS", "IS" and "Daesh",
and analysts count events per actor, so every alias must land on one canonical :class:`Actor` with
an ACLED-like type (``data/actors.json``). Organisations the table does not know are kept from
NER with a guessed type and ``known=False`` rather than dropped. Roles come from the parse:
the subject of an active verb (or the agent of a passive one) initiates, the object of
"against"/"on"/"targeting" or of an attack verb is the target, and the victims of outcome verbs
("killed", "displaced") are affected.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Token

from sitroom.model import Actor, ActorMention, ActorType, Role, Span
from sitroom.nlp.parse import text_of
from sitroom.nlp.textscan import GuardedPattern

__all__ = ["find_actors", "actor_table", "actor_in", "role_of", "guess_actor_type"]

_VICTIM_VERBS = {"kill", "injure", "wound", "hurt", "maim", "abduct", "kidnap", "displace", "evacuate", "rescue",
                 "murder", "execute", "behead", "massacre", "shoot", "stab", "rape", "torture", "beat", "slay"}
_TARGET_PREPS = {"against", "on", "at", "targeting", "toward", "towards", "upon", "with"}
_SOURCE_VERBS = {"say", "tell", "report", "state", "announce", "claim", "add", "confirm", "estimate", "according",
                 "write", "cite", "quote", "note", "warn", "deny"}
_STATE_WORDS = re.compile(r"\b(army|armed forces|military|police|forces|troops|guard|gendarmerie|ministry|navy|"
                          r"air force|security|command|brigade of the|national guard|border)\b", re.I)
_REBEL_WORDS = re.compile(r"\b(front|liberation|jihad|mujahideen|brigades?|battalions?|movement|"
                          r"army of|resistance|insurgen\w+|rebels?|islamic|emirate|martyrs)\b", re.I)
_MILITIA_WORDS = re.compile(r"\b(militias?|militiamen|vigilantes?|self-defen[cs]e|hashd|popular mobili[sz]ation)\b",
                            re.I)
_EXTERNAL_WORDS = re.compile(r"\b(united nations|u\.?n\.?|unicef|unhcr|red cross|red crescent|ngo|"
                             r"msf|doctors without borders|amnesty|human rights watch|who|nato|eu|"
                             r"european union|african union|coalition)\b", re.I)
_NEWS_WORDS = re.compile(r"\b(news|times|post|journal|agency|reuters|associated press|afp|bbc|cnn|"
                         r"al jazeera|television|tv|radio|press|gazette|herald|tribune|observatory|"
                         r"monitor|ministry of health|telegraph|guardian)\b", re.I)


@lru_cache(maxsize=1)
def actor_table() -> tuple[tuple[re.Pattern[str], Actor], ...]:
    """Compiled alias patterns → canonical actors (``data/actors.json``), longest alias first."""
    out = []
    for alias, cs, actor in _entries():
        body = re.escape(alias).replace(r"\ ", r"\s+")
        rx = re.compile(rf"(?<![\w-]){body}(?![\w-])", 0 if cs else re.IGNORECASE)
        out.append((rx, actor))
    return tuple(out)


@lru_cache(maxsize=1)
def _entries() -> tuple[tuple[str, bool, Actor], ...]:
    raw: dict[str, Any] = json.loads(
        resources.files("sitroom.data").joinpath("actors.json").read_text(encoding="utf-8"))
    entries: list[tuple[str, bool, Actor]] = []
    for a in raw["actors"]:
        actor = Actor(name=a["name"], type=ActorType(a["type"]), aliases=tuple(a["aliases"]),
                      country=a.get("country"), known=True)
        cs = set(a.get("case_sensitive", ()))
        for alias in a["aliases"]:
            entries.append((alias, alias in cs, actor))
    entries.sort(key=lambda e: -len(e[0]))
    return tuple(entries)


def _norm(text: str) -> str:
    return " ".join(text.split())


@lru_cache(maxsize=1)
def _matchers() -> tuple[re.Pattern[str], dict[str, Actor], re.Pattern[str], dict[str, Actor]]:
    """One alternation per case mode (longest alias first), so a text is scanned twice, not once
    per alias; the matched words map back to the actor."""
    ci = [(a, act) for a, cs, act in _entries() if not cs]
    cs_ = [(a, act) for a, cs, act in _entries() if cs]

    def build(items: list[tuple[str, Actor]], flags: int) -> re.Pattern[str]:
        body = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a, _ in items)
        return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags)

    ci_map: dict[str, Actor] = {}
    for a, act in ci:
        ci_map.setdefault(_norm(a).lower(), act)
    cs_map: dict[str, Actor] = {}
    for a, act in cs_:
        cs_map.setdefault(_norm(a), act)
    return build(ci, re.IGNORECASE), ci_map, build(cs_, 0), cs_map


@lru_cache(maxsize=1)
def _folded_matcher() -> GuardedPattern:
    """The case-insensitive alias alternation, as a fast scanner with the same matches.

    Written in lower case (:class:`~sitroom.nlp.textscan.GuardedPattern` then scans case-folded
    text), and grouped by first letter: at each place only the aliases that begin with its letter
    are tried, in their order (longest first), instead of all of them; aliases with different
    first letters never match at one place, so the same alias wins."""
    aliases = [a for a, cs, _ in _entries() if not cs]
    lower = all(a.isascii() for a in aliases)  # else the plain scan, with the aliases as written
    words = [a.lower() if lower else a for a in aliases]

    def escaped(alias: str) -> str:
        return re.escape(alias).replace(r"\ ", r"\s+")

    if all(w and not w[0].isspace() for w in words):
        groups: dict[str, list[str]] = {}
        for w in words:
            groups.setdefault(w[0], []).append(w[1:])
        body = "|".join(re.escape(first) + "(?:" + "|".join(escaped(rest) for rest in rests) + ")"
                        for first, rests in groups.items())
    else:
        body = "|".join(escaped(w) for w in words)
    return GuardedPattern(r"(?<![\w-])", rf"(?:{body})(?![\w-])", re.IGNORECASE)


def actor_in(text: str) -> Actor | None:
    """The first table actor named in ``text`` (longest alias at the leftmost place), or ``None``."""
    ci_rx, ci_map, cs_rx, cs_map = _matchers()
    hits = []
    m = ci_rx.search(text)
    if m and _norm(m.group(0)).lower() in ci_map:
        hits.append((m.start(), -len(m.group(0)), ci_map[_norm(m.group(0)).lower()]))
    m = cs_rx.search(text)
    if m and _norm(m.group(0)) in cs_map:
        hits.append((m.start(), -len(m.group(0)), cs_map[_norm(m.group(0))]))
    return min(hits, key=lambda h: (h[0], h[1]))[2] if hits else None


def guess_actor_type(name: str, label: str) -> ActorType:
    """A best guess at the type of an organisation the table does not know (from its words)."""
    if _MILITIA_WORDS.search(name):
        return ActorType.POLITICAL_MILITIA
    if _EXTERNAL_WORDS.search(name):
        return ActorType.EXTERNAL
    if _REBEL_WORDS.search(name):
        return ActorType.REBEL_GROUP
    if _STATE_WORDS.search(name):
        return ActorType.STATE_FORCES
    return ActorType.UNKNOWN


def _root(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def role_of(tok: Token, actor_type: ActorType) -> Role:
    """The role of the actor whose phrase is headed by ``tok``, read from the parse."""
    t = tok
    while t.dep_ in ("conj", "appos", "compound") and t.head.i != t.i:
        t = t.head
    dep, gov = t.dep_, t.head
    victimish = actor_type in (ActorType.CIVILIANS, ActorType.PROTESTERS)
    if dep == "nsubj":
        if gov.lemma_.lower() in ("die", "flee", "escape"):
            return Role.AFFECTED
        return Role.INITIATOR
    if dep == "pobj" and gov.dep_ == "agent":
        return Role.INITIATOR
    if dep in ("nsubjpass", "dobj"):
        if gov.lemma_.lower() in _VICTIM_VERBS or victimish:
            return Role.AFFECTED
        return Role.TARGET
    if dep == "pobj" and gov.lower_ in _TARGET_PREPS:
        return Role.TARGET
    if dep == "pobj" and gov.lower_ in ("by",):
        return Role.INITIATOR
    if dep in ("poss", "nmod", "amod") and gov.pos_ == "NOUN":
        return Role.AFFECTED if victimish else Role.INITIATOR
    return Role.AFFECTED if victimish else Role.INITIATOR


def _is_source(tok: Token) -> bool:
    """True when this entity speaks ("X said", "according to X"): a source, not an actor."""
    t = tok
    while t.dep_ in ("compound", "conj", "appos") and t.head.i != t.i:
        t = t.head
    if t.dep_ == "nsubj" and t.head.lemma_.lower() in _SOURCE_VERBS:
        return True
    if t.dep_ == "pobj" and t.head.lower_ == "to" and t.head.head.lower_ == "according":
        return True
    return False


def find_actors(doc: Doc) -> list[ActorMention]:
    """Actor mentions in ``doc``: canonical actors from the table, then unknown NER organisations.

    Args:
        doc: the one spaCy parse of the report.

    Returns:
        :class:`ActorMention` objects (actor, role, span) in text order; an alias inside a longer
        alias is not reported twice, and organisations speaking as sources ("X said") are left to
        attribution.
    """
    text = text_of(doc)
    taken: list[tuple[int, int]] = []
    out: list[ActorMention] = []

    def free(s: int, e: int) -> bool:
        return not any(s < te and ts < e for ts, te in taken)

    ci_rx, ci_map, cs_rx, cs_map = _matchers()
    found: list[tuple[int, int, Actor]] = []
    for m in _folded_matcher().finditer(text):
        actor = ci_map.get(_norm(text[m.start():m.end()]).lower())
        if actor is not None:
            found.append((m.start(), m.end(), actor))
    for m in cs_rx.finditer(text):
        actor = cs_map.get(_norm(m.group(0)))
        if actor is not None:
            found.append((m.start(), m.end(), actor))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))  # longer aliases claim their words first
    for s, e, actor in found:
        if not free(s, e):
            continue
        tok = _root(doc, s, e)
        if tok is None:
            continue
        if actor.type not in (ActorType.CIVILIANS, ActorType.PROTESTERS) and _is_source(tok) and len(
                actor.aliases) and actor.name.endswith("(unspecified)"):
            continue
        taken.append((s, e))
        out.append(ActorMention(actor=actor, role=role_of(tok, actor.type), span=Span(s, e)))
    for ent in doc.ents:
        if ent.label_ not in ("ORG", "NORP"):
            continue
        s, e = ent.start_char, ent.end_char
        if not free(s, e):
            continue
        root = ent.root
        if ent.label_ == "NORP" and (root.dep_ in ("amod", "compound") or root.pos_ == "ADJ"):
            continue  # "Kurdish", "Syrian": a modifier, not an actor
        if ent.label_ == "ORG" and (_NEWS_WORDS.search(ent.text) or _is_source(root)):
            continue
        name = ent.text.strip()
        if name.lower().startswith("the "):
            name = name[4:]
        atype = guess_actor_type(name, ent.label_)
        actor = Actor(name=name, type=atype, known=False)
        taken.append((s, e))
        out.append(ActorMention(actor=actor, role=role_of(root, atype), span=Span(s, e)))
    out.sort(key=lambda m: (m.span.start, m.span.end))
    return out
