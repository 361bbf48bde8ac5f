"""The cue and source word lists of ``data/attribution.json``, loaded once per process.

Why a data file: which verbs count as reporting, which nouns make a source an official or an
anonymous one, and which words hedge are judgement calls that change with tuning; keeping them as
data lets them be read, reviewed and changed without touching the rules that use them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["Lexicon", "lexicon"]


@dataclass(frozen=True)
class Lexicon:
    """The attribution word lists, as frozen sets of lower-case lemmas or words."""

    strong_verbs: frozenset[str]
    content_verbs: frozenset[str]
    stance_verbs: frozenset[str]
    report_verbs: frozenset[str]
    needs_clause: frozenset[str]
    multiword_cues: tuple[tuple[str, ...], ...]
    cue_nouns: frozenset[str]
    citing_verbs: frozenset[str]
    outlet_recipient_verbs: frozenset[str]
    outlets: frozenset[str]
    outlet_words: frozenset[str]
    outlet_heads: frozenset[str]
    official_heads: frozenset[str]
    official_titles: frozenset[str]
    organisation_heads: frozenset[str]
    anonymous_heads: frozenset[str]
    anonymity_markers: tuple[str, ...]
    document_heads: frozenset[str]
    hedge_lemmas: frozenset[str]
    hedge_phrases: tuple[tuple[str, ...], ...]
    outlet_aliases: dict[str, str]
    determiners: frozenset[str]
    passive_needs_agent: frozenset[str] = frozenset()
    person_heads: frozenset[str] = frozenset()
    attitude_adjectives: frozenset[str] = frozenset()
    evident_adjectives: frozenset[str] = frozenset()
    copulas: frozenset[str] = frozenset()
    evidential_verbs: frozenset[str] = frozenset()
    criticism_verbs: frozenset[str] = frozenset()
    intention_verbs: frozenset[str] = frozenset()
    stance_nouns: frozenset[str] = frozenset()
    reaction_nouns: frozenset[str] = frozenset()
    reaction_verbs: frozenset[str] = frozenset()
    hearsay_adverbs: frozenset[str] = frozenset()
    idioms: tuple[tuple[str, ...], ...] = ()
    perception_verbs: frozenset[str] = frozenset()
    estimate_verbs: frozenset[str] = frozenset()
    estimate_objects: frozenset[str] = frozenset()


def _words(values: list[str]) -> frozenset[str]:
    return frozenset(v.lower() for v in values)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Read ``sitroom/data/attribution.json`` (once) into a :class:`Lexicon`."""
    raw = json.loads(resources.files("sitroom").joinpath("data", "attribution.json").read_text("utf-8"))
    return Lexicon(
        strong_verbs=_words(raw["verbs"]["strong"]),
        content_verbs=_words(raw["verbs"]["content"]),
        stance_verbs=_words(raw["verbs"]["stance"]),
        report_verbs=_words(raw["verbs"]["report"]),
        needs_clause=_words(raw["verbs"]["needs_clause"]),
        multiword_cues=tuple(tuple(w.lower() for w in cue) for cue in raw["multiword_cues"]),
        cue_nouns=_words(raw["cue_nouns"]),
        citing_verbs=_words(raw["citing_verbs"]),
        outlet_recipient_verbs=_words(raw["outlet_recipient_verbs"]),
        outlets=_words(raw["outlets"]),
        outlet_words=_words(raw["outlet_words"]),
        outlet_heads=_words(raw["outlet_heads"]),
        official_heads=_words(raw["official_heads"]),
        official_titles=_words(raw["official_titles"]),
        organisation_heads=_words(raw["organisation_heads"]),
        anonymous_heads=_words(raw["anonymous_heads"]),
        anonymity_markers=tuple(m.lower() for m in raw["anonymity_markers"]),
        document_heads=_words(raw["document_heads"]),
        hedge_lemmas=_words(raw["hedges"]["lemmas"]),
        hedge_phrases=tuple(tuple(w.lower() for w in p) for p in raw["hedges"]["phrases"]),
        outlet_aliases={k.lower(): v.lower() for k, v in raw["outlet_aliases"].items()},
        determiners=_words(raw["determiners"]),
        person_heads=_words(raw["person_heads"]),
        passive_needs_agent=_words(raw["verbs"]["passive_needs_agent"]),
        attitude_adjectives=_words(raw["attitudes"]["adjectives"]),
        evident_adjectives=_words(raw["attitudes"]["evident_adjectives"]),
        copulas=_words(raw["attitudes"]["copulas"]),
        evidential_verbs=_words(raw["attitudes"]["evidential_verbs"]),
        criticism_verbs=_words(raw["attitudes"]["criticism_verbs"]),
        intention_verbs=_words(raw["attitudes"]["intention_verbs"]),
        stance_nouns=_words(raw["attitudes"]["stance_nouns"]),
        reaction_nouns=_words(raw["attitudes"]["reaction_nouns"]),
        reaction_verbs=_words(raw["attitudes"]["reaction_verbs"]),
        hearsay_adverbs=_words(raw["attitudes"].get("hearsay_adverbs", [])),
        perception_verbs=_words(raw["verbs"].get("perception", [])),
        estimate_verbs=_words(raw.get("estimate_phrases", {}).get("verbs", [])),
        estimate_objects=_words(raw.get("estimate_phrases", {}).get("objects", [])),
        idioms=tuple(tuple(w.lower() for w in idiom) for idiom in raw.get("idioms", [])),
    )
