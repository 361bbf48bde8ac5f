"""Toponym resolution: pick, for every place mention of a document, the gazetteer entry it names.

Candidates come in a cascade (each step only when the one before found nothing, each lowering
confidence, in the spirit of the design's fallback rule): the exact normalised name (main and
alternate names), the name without a trailing type word ("Hasakah province" → "Hasakah", which
also says an admin1 is meant), then the phonetic key (Hawl/Hol, Hasakeh/Hasakah).

Ranking is a linear score, computed in three passes over the whole document because the evidence
is document-wide:

1. *prior*: feature type (country > continent > admin1 > county > town by log population), how the
   name matched (main > alternate > phonetic), and local qualifiers: "X, Y" or "X in Y (province)"
   where some reading of Y contains a reading of X rewards both;
2. *focus*: every mention's first-pass choice votes for its country and admin1 (leave-one-out, so a
   mention does not vote for itself); candidates in the document's countries and regions gain;
3. *proximity*: candidates near the other mentions' second-pass choices gain.

All occurrences of one name in a document are resolved together (one sense per discourse).

Each candidate carries a feature vector (:data:`FEATURES`: the terms above, unweighted) and its
score is ``weights · features``; :func:`candidate_features` exposes the vectors. The weights are
the hand weights (:data:`HAND_WEIGHTS`, the defaults of :class:`Weights`, tuned on the dev corpora)
unless ``data/geo/ranker_weights.json`` exists, which ``bench/fit_geo_ranker.py`` writes only when
weights fitted on the dev corpora beat the hand weights on held-out folds (leave one corpus out;
document halves of GeoWebNews dev). They did not (2026-11: held-out GeoWebNews 0.934 learned vs
0.948 hand, leave-one-corpus-out mean 0.883 vs 0.887; softmax, hinge and direct-accuracy fits,
L2 toward zero or the hand weights, all or a few features free), so no file ships. Why: on
GeoWebNews dev only 7 of 1233 scored names are ranked wrong; its other errors are gold points
not among the readings (corpus point conventions) and unknown facilities. Fits move the weights
toward LGL's small-town namesakes (a lower population weight), which loses big cities
("Washington", "New York") elsewhere.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from difflib import SequenceMatcher
from typing import Iterable, Sequence

from sitroom.geo.gazetteer import Candidate, Gazetteer
from sitroom.geo.normalize import name_key
from sitroom.geo.toponyms import derived_demonym
from sitroom.model import Place, PlaceMention, Precision
from sitroom.geo.distance import haversine_km
from sitroom.geo.fallback import (FOCUS_FALLBACK_CONFIDENCE, INNER_NAMES, Lent, countries_named_in, focus_town,
                                  inner_town, is_facility, is_mission, lent_by, mission_host, named_inside,
                                  nearest_town, stated_town, township_town)
from sitroom.geo.qualifiers import qualifier_at

__all__ = ["resolve_mentions", "candidates_for", "candidate_features", "prior_features", "score_prior", "Weights",
           "WEIGHTS", "HAND_WEIGHTS", "WEIGHTS_FILE", "FEATURES", "load_weights"]


@dataclass(frozen=True)
class Weights:
    """Weights of the ranking features (each field before ``softmax_scale`` weighs the feature of
    the same name in :data:`FEATURES`), then three settings of the focus vote, which the fit
    leaves alone. The defaults are the hand weights tuned on the dev corpora."""

    country: float = 9.5
    continent: float = 9.0
    admin1: float = 7.0
    admin2: float = 5.0
    region: float = 8.0
    #: × log10(population + 1), towns and points only.
    pop_scale: float = 1.2
    point_bonus: float = 0.5
    #: National capitals (PPLC) over namesake towns. 0: on dev a bonus of 1-2 wins a few
    #: international mentions ("London" in US news) but loses more local ones (LGL, GeoVirus).
    capital: float = 0.0
    supplement: float = 0.5
    supplement_floor: float = 5.0
    alt_penalty: float = 0.7
    phonetic_penalty: float = 3.0
    demonym_bonus: float = 4.0
    type_hint: float = 3.0
    alt_vs_name: float = 1.0
    shadow: float = 2.0
    #: A name used with the definite article ("the Pacific", "the Gulf", "the Congo") is not a town.
    article_town: float = 10.0
    qualifier: float = 5.0
    qualifier_miss: float = 1.5
    qualifier_outer: float = 2.5
    focus_country: float = 4.0
    focus_country_town: float = 4.0
    focus_admin1: float = 5.0
    cohesion: float = 0.0
    near_50: float = 2.0
    near_200: float = 1.0
    #: Features the hand weights leave at 0 (added for the fit): the most populous town among
    #: the readings; a town's log population below the most populous one's; an admin1 seat (PPLA).
    pop_top: float = 0.0
    pop_gap: float = 0.0
    admin_seat: float = 0.0
    #: A town's log population times its country's share of the focus votes (pass 2): whether
    #: size should count less in a story about one country, where small namesakes are meant.
    pop_focus: float = 0.0
    softmax_scale: float = 1.0
    region_vote: float = 1.0
    county_vote: float = 3.0

    def vector(self) -> tuple[float, ...]:
        """The feature weights in :data:`FEATURES` order."""
        return tuple(getattr(self, f) for f in FEATURES)


#: Ranking features, in vector order: a candidate's score is ``sum(w[f] * x[f])``. Penalties are
#: features of value -1 (or -count) so that every hand weight is a positive number.
FEATURES: tuple[str, ...] = (
    "country", "continent", "admin1", "admin2", "region", "pop_scale", "point_bonus", "capital",
    "supplement", "supplement_floor", "alt_penalty", "phonetic_penalty", "demonym_bonus", "type_hint",
    "alt_vs_name", "shadow", "article_town", "qualifier", "qualifier_miss", "qualifier_outer",
    "focus_country", "focus_country_town", "focus_admin1", "cohesion", "near_50", "near_200",
    "pop_top", "pop_gap", "admin_seat", "pop_focus",
)
_F = {f: i for i, f in enumerate(FEATURES)}
_NF = len(FEATURES)
#: The type-and-size part of the prior, which a curated entry's floor replaces when higher.
_BASE = (_F["country"], _F["continent"], _F["admin1"], _F["admin2"], _F["region"], _F["pop_scale"],
         _F["point_bonus"], _F["capital"], _F["pop_top"], _F["pop_gap"], _F["admin_seat"])


def _dot(w: Sequence[float], x: Sequence[float], idx: Iterable[int] | None = None, start: float = 0.0) -> float:
    """``start + Σ w[i]·x[i]`` over the features ``idx`` (all by default), in that order, skipping
    features of value 0 (most are). The order is the order of the sum: a pass adds its terms to
    the scores of the pass before, so scores do not depend on how the sum is grouped."""
    total = start
    for i in range(len(x)) if idx is None else idx:
        if x[i]:
            total += w[i] * x[i]
    return total


#: The hand weights (the defaults of :class:`Weights`), tuned by eye on the dev corpora.
HAND_WEIGHTS = Weights()
#: Learned weights, written by ``bench/fit_geo_ranker.py``; without it the hand weights rank.
WEIGHTS_FILE = Path(str(resources.files("sitroom") / "data" / "geo" / "ranker_weights.json"))


@lru_cache(maxsize=1)
def load_weights(path: Path = WEIGHTS_FILE) -> Weights:
    """The weights in ``path`` (JSON ``{"weights": {feature: value}}``), over the hand weights for
    any field it lacks (a name that is no field, from an older fit, is ignored).

    The hand weights, whole, when the file is missing or unreadable, or when any known field's value
    is not a finite number within :data:`MAX_WEIGHT` (a bool, a string, a list, NaN, Infinity,
    ``1e308`` whose weighted sums overflow): a NaN weight would rank at random and give NaN confidences, and a half-applied
    file is a fit nobody measured.
    """
    try:
        given = json.loads(path.read_text(encoding="utf-8"))["weights"]
    except (OSError, ValueError, KeyError, TypeError):
        return HAND_WEIGHTS
    if not isinstance(given, dict):
        return HAND_WEIGHTS
    known = {f.name for f in fields(Weights)}
    values = {k: v for k, v in given.items() if k in known}
    if not all(_finite_number(v) for v in values.values()):
        return HAND_WEIGHTS
    return replace(HAND_WEIGHTS, **{k: float(v) for k, v in values.items()})


#: Largest weight magnitude a weights file may give: far above any fit (the hand weights are at
#: most 10), low enough that no weighted sum of features overflows (``1e308 * 2`` is infinity).
MAX_WEIGHT = 1e6


def _finite_number(v: object) -> bool:
    """A JSON number that is a usable weight: not a bool (``true`` is an int in Python), finite and
    within :data:`MAX_WEIGHT`."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return False
    try:
        return math.isfinite(float(v)) and abs(float(v)) <= MAX_WEIGHT
    except OverflowError:  # an integer too large for a float
        return False


WEIGHTS = load_weights()
#: Least spelling similarity (difflib ratio) for a phonetic-key match to count.
PHONETIC_MIN_RATIO = 0.75
#: Least population of a town an all-capital short name (an acronym) may stand for.
ACRONYM_MIN_POPULATION = 100_000
#: Counties whose index point is a guess (their state's centre; or a town of the county's name,
#: which is often in another county) and so move to a co-mentioned town of their state.
SETTLE_SOURCES = frozenset({"us_counties", "us_counties_town"})
#: Our own tables (``supplement.csv``, ``regions.csv``), trusted above their population.
CURATED_SOURCES = frozenset({"supplement", "regions"})
#: Add "X State/Province" to a bare "X" that names towns only when one of those towns is in its country.
REGION_NAMED_AFTER_TOWN = True
#: Also try a country or big city at the start of a longer span ("Lagos Evening Courier").
PREFIX_NAMES = False
#: Countries whose names reach English news in competing transliterations (Arabic, Persian,
#: Kurdish, Pashto, Urdu, Somali...): the only ones where a phonetic-key match is trusted. Elsewhere
#: it mostly pairs a name with an unrelated look-alike ("Nagrig" ~ "Nagreg").
PHONETIC_COUNTRIES = frozenset({
    "SY", "IQ", "TR", "JO", "LB", "IL", "PS", "EG", "LY", "TN", "DZ", "MA", "SD", "SS", "YE", "SA", "AE", "OM",
    "KW", "QA", "BH", "IR", "AF", "PK", "SO", "ER", "DJ", "MR", "ML", "NE", "TD", "EH", "AZ", "TJ", "UZ", "TM",
})
#: The cohesion pass runs only in documents about one country (its share of the focus votes).
COHESION_MIN_SHARE = 0.8
#: Rounds of focus voting (each uses the scores of the round before).
FOCUS_ROUNDS = 2

_TYPE_WORDS = {
    "province": "admin1", "governorate": "admin1", "state": "admin1", "region": "admin1", "oblast": "admin1",
    "prefecture": "admin1", "county": "admin2", "parish": "admin2", "district": "admin2",
    "city": "town", "town": "town", "village": "town", "camp": "point", "crossing": "point",
}


_REGION_WORDS = ("state", "province", "governorate", "oblast", "region")

_DIRECTIONS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                         "northeast", "northwest", "southeast", "southwest", "north-east", "north-west",
                         "south-east", "south-west", "greater", "upper", "lower", "downtown", "rural", "outer"})


def candidates_for(text: str, gazetteer: Gazetteer, demonym: bool = False) -> tuple[tuple[Candidate, ...], str | None]:
    """Candidates for a mention's text and the precision its type word asks for, if any.

    The cascade: exact name; without a trailing type word; singular of a plural demonym;
    phonetic key.
    """
    cands = gazetteer.lookup(text)
    hint = None
    words = text.split()
    if len(words) > 1 and words[-1].lower() in _TYPE_WORDS:
        hint = _TYPE_WORDS[words[-1].lower()]
        if not cands:
            cands = gazetteer.lookup(" ".join(words[:-1]))
    if not cands and text.endswith("s") and len(text) > 4:
        cands = tuple(c for c in gazetteer.lookup(text[:-1]) if c.kind == "demonym")
    if not cands and demonym:
        cands = derived_demonym(text, gazetteer)
    if not cands and len(words) > 1:
        # A known name inside a longer span: after direction words ("north west London"), or
        # before other words when it is a country or a big city ("Lagos Evening Courier").
        parts = re.split(r"[\s\-]+", text)
        k = 0
        while k < len(parts) - 1 and parts[k].lower() in _DIRECTIONS:
            k += 1
        if k:
            cands = gazetteer.lookup(" ".join(parts[k:]))
        if not cands and PREFIX_NAMES:
            for n in range(len(parts) - 1, 0, -1):
                found = tuple(c for c in gazetteer.lookup(" ".join(parts[:n])) if c.kind == "name"
                              and (c.place.feature_code == "PCLI" or (c.place.population or 0) >= 500_000))
                if found:
                    cands = found
                    break
    if cands and hint is None and len(words) <= 3 and not any(c.place.feature_code == "ADM1" for c in cands):
        # A region whose gazetteer name carries its type word ("New York State", "Kano State",
        # "Kabul province"): the bare name may mean it too.
        for word in _REGION_WORDS:
            extra = tuple(c for c in gazetteer.lookup(f"{text} {word}") if c.place.feature_code == "ADM1")
            if extra and REGION_NAMED_AFTER_TOWN and any(c.place.precision in (Precision.TOWN, Precision.POINT)
                                                         for c in cands):
                # Only a region named after its own seat ("Kano", "Kabul", "New York"): a word
                # that names towns elsewhere does not mean a region it names alone ("Delta").
                extra = tuple(e for e in extra if any(c.place.country == e.place.country for c in cands))
            if extra:
                cands = cands + extra
                break
    if cands and text.isupper() and text.isalpha() and len(text) <= 4:
        # An acronym ("AI", "BOV", "NYC") names a country, a region or a big city, never a village
        # that happens to be spelled so.
        cands = tuple(c for c in cands if c.place.precision not in (Precision.TOWN, Precision.POINT)
                      or c.source in CURATED_SOURCES or (c.place.population or 0) >= ACRONYM_MIN_POPULATION)
    if any(c.kind == "name" and c.place.feature_code in ("PCLI", "CONT") for c in cands):
        # A country's or continent's own name: readings that only share an alternate name
        # ("Mexico" for Mexico City) are dropped.
        cands = tuple(c for c in cands if c.kind != "alt")
    if not cands and len(name_key(text)) >= 4:
        key = name_key(text)
        # The skeleton merges too much on its own ("Karnataka" ~ "Carantec"): keep readings whose
        # spelling is also close.
        cands = tuple(c for c in gazetteer.lookup_phonetic(text)
                      if (c.source in ("supplement", "admin1", "countries") or c.place.country in PHONETIC_COUNTRIES)
                      and SequenceMatcher(None, key, name_key(c.place.name)).ratio() >= PHONETIC_MIN_RATIO)
    return cands, hint


def prior_features(c: Candidate, hint: str | None = None, demonym: bool = False,
                   w: Weights = WEIGHTS) -> list[float]:
    """The context-free features of candidate ``c`` for a mention (see :data:`FEATURES`).

    A curated entry's floor (``supplement_floor``) replaces its type-and-size features when their
    weighted sum is lower, so which features it has depends on ``w``.
    """
    x = _own_features(c, hint, demonym)
    _apply_floor(c, x, w.vector(), w.supplement_floor)
    return x


def _own_features(c: Candidate, hint: str | None, demonym: bool) -> list[float]:
    """The features of ``c`` from its own entry and how the name matched it, before the floor."""
    x = [0.0] * _NF
    p = c.place
    code = p.feature_code or ""
    if code == "PCLI":
        x[_F["country"]] = 1.0
    elif code == "CONT":
        x[_F["continent"]] = 1.0
    elif code == "ADM1":
        x[_F["admin1"]] = 1.0
    elif code == "ADM2":
        x[_F["admin2"]] = 1.0
    elif p.precision == Precision.REGION:
        x[_F["region"]] = 1.0
    else:
        x[_F["pop_scale"]] = math.log10((p.population or 0) + 1)
        if p.precision == Precision.POINT:
            x[_F["point_bonus"]] = 1.0
        elif code == "PPLC":
            x[_F["capital"]] = 1.0
        elif code == "PPLA":
            x[_F["admin_seat"]] = 1.0
    if c.kind == "alt":
        x[_F["alt_penalty"]] = -1.0
    elif c.kind == "phonetic":
        x[_F["phonetic_penalty"]] = -1.0
    if demonym:
        x[_F["demonym_bonus"]] = 1.0 if c.kind == "demonym" else -1.0
    if hint is not None and p.precision.value == hint:
        x[_F["type_hint"]] = 1.0
    return x


def _apply_floor(c: Candidate, x: list[float], wv: Sequence[float], floor: float) -> None:
    """Our curated entries (camps, crossings, bases, landmarks, counties, islands) often carry no
    population but are what news means by the name: never below a mid-sized town. When the
    weighted type-and-size features (:data:`_BASE`) of a curated ``c`` sum below ``floor``, the
    floor feature replaces them all. Applied once every one of them is set (the population
    features of a name's readings, ``pop_top`` and ``pop_gap``, included), so that a floored entry
    carries none of them."""
    if c.source not in CURATED_SOURCES:
        return
    if _dot(wv, x, _BASE) < floor:
        for i in _BASE:
            x[i] = 0.0
        x[_F["supplement_floor"]] = 1.0
    x[_F["supplement"]] = 1.0


def score_prior(c: Candidate, hint: str | None = None, demonym: bool = False, w: Weights = WEIGHTS) -> float:
    """Context-free plausibility of candidate ``c`` for a mention."""
    wv = w.vector()
    x = _own_features(c, hint, demonym)
    _apply_floor(c, x, wv, w.supplement_floor)
    return _dot(wv, x)


#: A world city (at least this population) dwarfs its namesake towns this many times smaller.
DWARF_CITY = 1_000_000
DWARF_RATIO = 100.0
#: Share of the country-focus bonus a dwarfed town keeps when no other name of the document
#: supports its admin1 region (at least ``DWARF_MIN_REGION`` of the votes): that a story is about
#: the United States says little about "London" or "Moscow" in it, while "Paris" beside "Henry
#: County" is the Tennessee town. (0.5 and 0 score the same on the dev corpora.)
DWARF_FOCUS = 0.0
DWARF_MIN_REGION = 0.05


def _dwarfed(g: _Group) -> frozenset[int]:
    """Ids of the towns among ``g``'s readings dwarfed by a world city of the same name."""
    big = max((c.place.population or 0 for c in g.cands if c.kind == "name"
               and c.place.precision is Precision.TOWN), default=0)
    if big < DWARF_CITY:
        return frozenset()
    return frozenset(c.id for c in g.cands if c.place.precision in (Precision.TOWN, Precision.POINT)
                     and (c.place.population or 0) * DWARF_RATIO < big)


#: A town smaller than this is shadowed by a country or admin1 region of the same name.
SHADOW_MAX_POPULATION = 100_000


def _shadowed(g: _Group) -> frozenset[int]:
    """Ids of the small towns that share their name with a country or admin1 region *of their own
    country* among the candidates ("Florida", a village in New York; "Wales" in England): there the
    region is what the name usually means, and the town would otherwise win on the document's
    focus alone. A town named like a foreign country (Palestine, Texas; Jordan, Minnesota) is left
    to the document's focus: local news names it as often as the country."""
    big = {c.place.country for c in g.cands
           if c.kind == "name" and c.place.feature_code in ("PCLI", "ADM1") and c.place.country}
    if not big:
        return frozenset()
    return frozenset(c.id for c in g.cands if c.place.precision in (Precision.TOWN, Precision.POINT)
                     and c.place.country in big and (c.place.population or 0) < SHADOW_MAX_POPULATION)


#: "the" (and a direction word) right before a name.
_ARTICLE_BEFORE = re.compile(r"\bthe\s+(?:(?:north|south|east|west|central)(?:ern)?[\s-]+)?$", re.IGNORECASE)
#: What may follow the name: punctuation (not a hyphen, which makes a compound: "the London-based
#: firm"), a function word, or a lower-case noun it modifies ("the Danube side").
_AFTER = re.compile(r"\s*[,.;:!?)\"'\u2019\u201d]|\s*$|\s+[a-z]")


def _with_article(text: str, m: PlaceMention) -> bool:
    """Whether the mention follows the definite article ("across the Pacific", "the Atlantic
    flyway"), and is not the first part of a longer name ("the New York Times")."""
    before = text[max(0, m.span.start - 20):m.span.start]
    return bool(_ARTICLE_BEFORE.search(before)) and bool(_AFTER.match(text, m.span.end))


def _article(g: _Group) -> frozenset[int]:
    """Ids of the towns among the readings of a name used with "the" when it also names a sea, an ocean
    or a macro-region (no country of its own): English gives towns no article (The Hague carries
    it in its name), and "the Pacific" in a story about Missouri is still the ocean. Regions of a
    country ("the Norfolk area": the county or the Virginia city) are left to the other evidence."""
    if not any(c.place.precision is Precision.REGION and not c.place.country for c in g.cands):
        return frozenset()
    return frozenset(c.id for c in g.cands if c.place.precision is Precision.TOWN)


def _contains(outer: Candidate, inner: Candidate) -> bool:
    """Whether ``outer`` (a country or admin1 reading) contains ``inner``."""
    o, i = outer.place, inner.place
    if outer.id == inner.id or not o.country or o.country != i.country:
        return False
    if o.feature_code == "PCLI":
        return True
    if o.feature_code == "ADM1":
        if outer.admin1_code and inner.admin1_code:
            return outer.admin1_code == inner.admin1_code
        return bool(o.admin1) and o.admin1 == i.admin1
    return False


@dataclass
class _Group:
    key: str
    indices: list[int] = field(default_factory=list)
    cands: tuple[Candidate, ...] = ()
    hint: str | None = None
    demonym: bool = False
    prior: dict[int, float] = field(default_factory=dict)
    feats: dict[int, list[float]] = field(default_factory=dict)
    """Candidate id → feature vector (:data:`FEATURES` order), filled pass by pass."""
    choice: Candidate | None = None
    margin: float = 0.0
    dwarfed: frozenset[int] = frozenset()


def _votes(g: _Group, sc: dict[int, float], scale: float = 1.0, region_vote: float = 1.0,
           county_vote: float = 1.0) -> tuple[dict[str, float], dict[tuple[str, str], float]]:
    """Soft votes of one name for countries and admin1 regions (weights sum to its mention count)."""
    vc: dict[str, float] = defaultdict(float)
    va: dict[tuple[str, str], float] = defaultdict(float)
    if not g.cands:
        return vc, va
    top = max(sc.values())
    exp = {c.id: math.exp(min(0.0, scale * (sc[c.id] - top))) for c in g.cands}
    z = sum(exp.values())
    n = float(len(g.indices))
    for c in g.cands:
        p = exp[c.id] / z * n
        if c.place.feature_code == "ADM1":
            p *= region_vote  # naming a state is an explicit statement of region
        elif c.place.feature_code == "ADM2":
            p *= county_vote  # naming a county: the story is local to its state
        if c.place.country:
            vc[c.place.country] += p
            if c.admin1_code:
                va[(c.place.country, c.admin1_code)] += p
    return vc, va


def _qualifiers(text: str, mentions: Sequence[PlaceMention]) -> list[tuple[int, int]]:
    """Pairs (inner index, outer index) for "X, Y", "X in Y" and "X of Y" patterns
    (:func:`sitroom.geo.qualifiers.qualifier_at`, which the fallback's stated town reads too)."""
    pairs: list[tuple[int, int]] = []
    for a in range(len(mentions) - 1):
        q = qualifier_at(text, mentions, a)
        if q is None:
            continue
        if pairs and pairs[-1][1] == a:
            continue  # "Macon, Ga., Fresno": "Ga." already qualifies Macon
        pairs.append((q.inner, q.outer))
    return pairs


def _rank(text: str, mentions: Sequence[PlaceMention], gazetteer: Gazetteer, w: Weights,
          country_hint: str | None, all_features: bool = False
          ) -> tuple[list[_Group], dict[int, _Group], dict[int, dict[int, float]], list[tuple[_Group, Place]]]:
    """Group the mentions by name, fill every candidate's features pass by pass and pick each
    group's best reading. Returns the groups, mention index → group, group id → candidate id →
    score, and the anchors (the towns chosen before the proximity pass).

    ``all_features``: also compute the features of a pass whose weight is 0 (cohesion), which
    change no score but are what a fit learns from (:func:`candidate_features`)."""
    wv = w.vector()
    order, group_of = _group_mentions(text, mentions, gazetteer)
    _prior_pass(text, mentions, order, group_of, wv, w.supplement_floor)
    scores, share = _focus_pass(order, w, wv, country_hint)
    if wv[_F["cohesion"]] or all_features:
        _cohesion_pass(order, scores, share, wv)
    for g in order:
        if g.cands:
            sc = scores[id(g)]
            g.choice = max(g.cands, key=lambda c: sc[c.id])
    anchors = _proximity_pass(order, scores, wv)
    for g in order:
        if g.choice is not None:
            ranked = sorted(scores[id(g)].values(), reverse=True)
            g.margin = ranked[0] - ranked[1] if len(ranked) > 1 else 5.0
    return order, group_of, scores, anchors


def _group_mentions(text: str, mentions: Sequence[PlaceMention], gazetteer: Gazetteer
                    ) -> tuple[list[_Group], dict[int, _Group]]:
    """The document's names in order of first mention, each with its candidates (one sense per
    discourse), and mention index → its name's group."""
    groups: dict[str, _Group] = {}
    order: list[_Group] = []
    for idx, m in enumerate(mentions):
        # A short form ("SA" after "South Africa") reads as the name it stands for.
        name = text[m.antecedent.start:m.antecedent.end] if m.antecedent is not None else m.text
        key = name_key(name)
        g = groups.get(key)
        if g is None:
            cands, hint = candidates_for(name, gazetteer, demonym=m.kind == "demonym")
            g = _Group(key=key, cands=cands, hint=hint, demonym=m.kind == "demonym")
            groups[key] = g
            order.append(g)
        g.indices.append(idx)
    return order, {i: g for g in order for i in g.indices}


def _prior_pass(text: str, mentions: Sequence[PlaceMention], order: Sequence[_Group],
                group_of: dict[int, _Group], wv: Sequence[float], floor: float) -> None:
    """Pass 1: every candidate's prior features (its entry, its readings' sizes, the name's use)
    and the qualifiers ("X, Y", "X in Y"); each group's prior score and first choice."""
    for g in order:
        g.feats = {c.id: _own_features(c, g.hint, g.demonym) for c in g.cands}
        _population_features(g)
        for c in g.cands:
            _apply_floor(c, g.feats[c.id], wv, floor)
        _name_use_features(text, mentions, g)
    _qualifier_features(text, mentions, group_of)
    for g in order:
        g.prior = {cid: _dot(wv, x) for cid, x in g.feats.items()}
        g.choice = max(g.cands, key=lambda c: g.prior[c.id]) if g.cands else None


def _population_features(g: _Group) -> None:
    """``pop_gap`` and ``pop_top`` of a name's towns: how each compares with the most populous."""
    towns = [c for c in g.cands if c.place.precision in (Precision.TOWN, Precision.POINT)]
    if len(towns) < 2:
        return
    top = max(math.log10((c.place.population or 0) + 1) for c in towns)
    for c in towns:
        lp = math.log10((c.place.population or 0) + 1)
        g.feats[c.id][_F["pop_gap"]] = lp - top
        if lp == top and top > 0:
            g.feats[c.id][_F["pop_top"]] = 1.0


def _name_use_features(text: str, mentions: Sequence[PlaceMention], g: _Group) -> None:
    """Features of how the name is used and which readings it has: an alternate name against an own
    name, a small town shadowed by its region, a name with "the"; and the group's dwarfed towns."""
    if any(c.kind == "name" for c in g.cands):
        # A place whose own name this is beats one that merely lists it among alternate
        # names ("Rogersville" is not Rogers Park, Chicago).
        # Short forms of the place's own name ("New York" for New York City) are exempt.
        for c in g.cands:
            if c.kind == "alt" and not name_key(c.place.name).startswith(g.key):
                g.feats[c.id][_F["alt_vs_name"]] = -1.0
    for cid in _shadowed(g):
        g.feats[cid][_F["shadow"]] = -1.0
    g.dwarfed = _dwarfed(g)
    if any(_with_article(text, mentions[i]) for i in g.indices):
        for cid in _article(g):
            g.feats[cid][_F["article_town"]] = -1.0


def _qualifier_features(text: str, mentions: Sequence[PlaceMention], group_of: dict[int, _Group]) -> None:
    """"X, Y" and "X in Y": readings of X inside some reading of Y gain (``qualifier``), the others
    lose (``qualifier_miss``), and Y's containing readings gain (``qualifier_outer``)."""
    for a, b in _qualifiers(text, mentions):
        ga, gb = group_of[a], group_of[b]
        if ga is gb or not ga.cands or not gb.cands:
            continue
        if any(c.place.feature_code == "PCLI" and c.kind == "name" for c in ga.cands):
            continue  # a country is never inside another place
        hits = [(ci, co) for co in gb.cands for ci in ga.cands if _contains(co, ci)]
        if not hits:
            continue
        inner_ok = {ci.id for ci, _ in hits}
        outer_ok = {co.id for _, co in hits}
        for c in ga.cands:
            if c.id in inner_ok:
                ga.feats[c.id][_F["qualifier"]] += 1.0
            else:
                ga.feats[c.id][_F["qualifier_miss"]] -= 1.0
        for c in gb.cands:
            if c.id in outer_ok:
                gb.feats[c.id][_F["qualifier_outer"]] += 1.0


#: The features of the focus pass, in the order its score adds them to the prior.
_FOCUS = (_F["focus_admin1"], _F["focus_country"], _F["focus_country_town"], _F["pop_focus"])


def _focus_pass(order: Sequence[_Group], w: Weights, wv: Sequence[float], country_hint: str | None
                ) -> tuple[dict[int, dict[int, float]], float]:
    """Pass 2: document focus. Each name votes for countries and admin1 regions with the softmax
    of its current scores (an ambiguous "Columbus" still votes "US"); leave-one-out,
    :data:`FOCUS_ROUNDS` rounds. Returns group id → candidate id → score, and the top country's
    share of the last round's votes (what the cohesion pass asks)."""
    scores: dict[int, dict[int, float]] = {id(g): dict(g.prior) for g in order}
    votes_cc: dict[str, float] = {}
    total = 0.0
    for _round in range(FOCUS_ROUNDS):
        votes = {id(g): _votes(g, scores[id(g)], w.softmax_scale, w.region_vote, w.county_vote) for g in order}
        votes_cc, votes_a1 = _tally(votes.values(), country_hint)
        total = sum(votes_cc.values())
        scores = {id(g): _focus_scores(g, votes[id(g)], votes_cc, votes_a1, total, wv) for g in order}
    share = max(votes_cc.values()) / total if total > 0 and votes_cc else 0.0
    return scores, share


def _tally(votes: Iterable[tuple[dict[str, float], dict[tuple[str, str], float]]], country_hint: str | None
           ) -> tuple[dict[str, float], dict[tuple[str, str], float]]:
    """The document's votes per country and per admin1 region (a known country counts 2)."""
    votes_cc: dict[str, float] = defaultdict(float)
    votes_a1: dict[tuple[str, str], float] = defaultdict(float)
    for vc, va in votes:
        for k, v in vc.items():
            votes_cc[k] += v
        for k2, v in va.items():
            votes_a1[k2] += v
    if country_hint:
        votes_cc[country_hint] += 2.0
    return votes_cc, votes_a1


def _focus_scores(g: _Group, own: tuple[dict[str, float], dict[tuple[str, str], float]],
                  votes_cc: dict[str, float], votes_a1: dict[tuple[str, str], float], total: float,
                  wv: Sequence[float]) -> dict[int, float]:
    """The focus features of ``g``'s candidates from the other names' votes, and their scores."""
    i_fc, i_fct, i_fa1, i_pf, i_pop = (_F["focus_country"], _F["focus_country_town"], _F["focus_admin1"],
                                       _F["pop_focus"], _F["pop_scale"])
    own_cc, own_a1 = own
    tot = total - sum(own_cc.values())
    sc = {}
    for c in g.cands:
        x = g.feats[c.id]
        x[i_fc] = x[i_fct] = x[i_fa1] = x[i_pf] = 0.0
        cc = c.place.country
        if tot > 0 and cc:
            a1 = 0.0
            if c.admin1_code:
                k2 = (cc, c.admin1_code)
                a1 = (votes_a1.get(k2, 0.0) - own_a1.get(k2, 0.0)) / tot
                x[i_fa1] = a1
            share = (votes_cc.get(cc, 0.0) - own_cc.get(cc, 0.0)) / tot
            x[i_pf] = x[i_pop] * share
            if c.id in g.dwarfed and a1 < DWARF_MIN_REGION:
                share *= DWARF_FOCUS
            x[i_fct if c.place.precision in (Precision.TOWN, Precision.POINT) else i_fc] = share
        sc[c.id] = _dot(wv, x, _FOCUS, start=g.prior[c.id])
    return sc


def _cohesion_pass(order: Sequence[_Group], scores: dict[int, dict[int, float]], share: float,
                   wv: Sequence[float]) -> None:
    """Pass 2b: cohesion. An admin1 region in which many of the document's names each have some
    reading ("Alexandria", "Brandon", "Albany", "Douglas County": all in one state) is likely
    the story's region even when no name is unambiguous; only in a story about one country (its
    ``share`` of the focus votes at least :data:`COHESION_MIN_SHARE`)."""
    region_sets = {id(g): {(c.place.country, c.admin1_code) for c in g.cands
                           if c.admin1_code and c.place.country} for g in order}
    cover: dict[tuple[str, str], int] = defaultdict(int)
    for regions in region_sets.values():
        for k in regions:
            cover[k] += 1
    n_named = sum(1 for r in region_sets.values() if r)
    if n_named <= 1 or share < COHESION_MIN_SHARE:
        return
    i_co = _F["cohesion"]
    for g in order:
        own = region_sets[id(g)]
        sc = scores[id(g)]
        for c in g.cands:
            k = (c.place.country or "", c.admin1_code or "")
            if k in own and c.place.precision in (Precision.TOWN, Precision.ADMIN2, Precision.POINT):
                x = g.feats[c.id]
                x[i_co] = (cover[k] - 1) / (n_named - 1)
                sc[c.id] = _dot(wv, x, (i_co,), start=sc[c.id])


def _proximity_pass(order: Sequence[_Group], scores: dict[int, dict[int, float]],
                    wv: Sequence[float]) -> list[tuple[_Group, Place]]:
    """Pass 3: candidates near the other names' choices gain (towns and points only as anchors: big
    areas say little), and ambiguous names choose again. Returns the anchors (each name with the
    place it had chosen)."""
    anchors = [(g, g.choice.place) for g in order
               if g.choice is not None and g.choice.place.precision in (Precision.TOWN, Precision.POINT)]
    if not anchors:
        return anchors
    i50, i200 = _F["near_50"], _F["near_200"]
    for g in order:
        if len(g.cands) < 2:
            continue
        sc = scores[id(g)]
        for c in g.cands:
            if c.place.precision not in (Precision.TOWN, Precision.POINT, Precision.ADMIN2):
                continue
            best = min((haversine_km(c.place.lat, c.place.lon, p.lat, p.lon)
                        for a, p in anchors if a is not g), default=1e9)
            near = i50 if best < 50 else i200 if best < 200 else None
            if near is not None:
                g.feats[c.id][near] = 1.0
                sc[c.id] = _dot(wv, g.feats[c.id], (near,), start=sc[c.id])
        g.choice = max(g.cands, key=lambda c: sc[c.id])
    return anchors


def candidate_features(text: str, mentions: Sequence[PlaceMention], gazetteer: Gazetteer, w: Weights = WEIGHTS,
                       country_hint: str | None = None
                       ) -> list[tuple[tuple[int, ...], tuple[Candidate, ...], list[list[float]]]]:
    """Per name of the document: its mention indices, its candidates and their feature vectors
    (:data:`FEATURES` order) as ranked with ``w`` — what ``bench/fit_geo_ranker.py`` learns from.
    The focus and proximity features depend on the other names' scores, hence on ``w``."""
    order, _group_of, _scores, _anchors = _rank(text, mentions, gazetteer, w, country_hint, all_features=True)
    return [(tuple(g.indices), g.cands, [list(g.feats[c.id]) for c in g.cands]) for g in order if g.cands]



def resolve_mentions(text: str, mentions: Sequence[PlaceMention], gazetteer: Gazetteer,
                     w: Weights = WEIGHTS, country_hint: str | None = None,
                     fallback_to_focus: bool = True) -> list[PlaceMention]:
    """Resolve ``mentions`` of one document (its ``text``) to gazetteer places.

    Args:
        text: the document text the mention spans point into.
        mentions: from :func:`sitroom.geo.toponyms.find_toponyms` (or built by hand).
        gazetteer: the open gazetteer.
        w: score weights.
        country_hint: an ISO code the caller knows the document is about (counts as focus).
        fallback_to_focus: give names the gazetteer lacks (streets, buildings, quarters) the
            document's most-named town, with confidence ``FOCUS_FALLBACK_CONFIDENCE``.

    Returns:
        The mentions, same order, with ``place`` and ``confidence`` filled where a candidate
        exists (``place=None`` otherwise). A mention that takes its place (or, for a county known
        by a guessed point, its point) from another mention — the town it is stated in, a town
        named inside it, the nearest town, the story's town — carries that mention's span as
        ``antecedent`` (the nearest one when the lending name recurs).
    """
    order, group_of, scores, anchors = _rank(text, mentions, gazetteer, w, country_hint)
    out: list[PlaceMention] = list(mentions)
    story_town = focus_town(order, mentions)
    for g in order:
        if g.choice is not None:
            place, conf, lender = _chosen_place(g, scores[id(g)], anchors, mentions)
            for i in g.indices:
                out[i] = _placed(mentions[i], place, conf, lender)
            continue
        named = _place_named_for(g, text, mentions, group_of, order, gazetteer, fallback_to_focus)
        if named is not None:
            place, lender = (named.place, named) if isinstance(named, Lent) else (named, None)
            for i in g.indices:
                out[i] = _placed(mentions[i], place, FOCUS_FALLBACK_CONFIDENCE, lender)
            continue
        _place_in_story(g, mentions, group_of, gazetteer, story_town, fallback_to_focus, out)
    return out


def _placed(m: PlaceMention, place: Place, conf: float, lender: Lent | None) -> PlaceMention:
    """``m`` with its place and confidence; with the lending mention's span as ``antecedent`` when
    the place came from another mention (else ``m``'s own antecedent, an initialism's, stays)."""
    if lender is None:
        return replace(m, place=place, confidence=conf)
    return replace(m, place=place, confidence=conf, antecedent=lender.source_near(m.span))


def _chosen_place(g: _Group, sc: dict[int, float], anchors: list[tuple[_Group, Place]],
                  mentions: Sequence[PlaceMention]) -> tuple[Place, float, Lent | None]:
    """The place of a name the ranking chose, a confidence from the margin over the runner-up
    (lower for a phonetic match), and the town that lent its point when :func:`_settle` moved it."""
    conf = round(1.0 / (1.0 + math.exp(-g.margin)), 3)
    if g.choice.kind == "phonetic":
        conf = round(conf * 0.6, 3)
    place, anchor = _settle(g.choice, anchors)
    # the county keeps its own name and takes the town's point: lent by the town's mentions
    return place, conf, (replace(lent_by(anchor, mentions), place=place) if anchor is not None else None)


def _place_named_for(g: _Group, text: str, mentions: Sequence[PlaceMention], group_of: dict[int, _Group],
                     order: list[_Group], gazetteer: Gazetteer, fallback_to_focus: bool) -> Lent | Place | None:
    """For a name the gazetteer lacks, the place the text or the name itself says it is in, first
    found of: a town the text states, a town of the story inside the name (these two lent by the
    mentions that name the town), a town the name is named after, the host town in a mission's
    name (these two read from the name's own words); ``None`` when none says."""
    stated = [p for i in g.indices if fallback_to_focus and not g.demonym
              and (p := stated_town(i, text, mentions, group_of)) is not None]
    if stated:
        # "the Kestrel Inn in Ashvale": the text says where the unknown name is.
        return stated[0]
    inner = named_inside(g, order, mentions) if INNER_NAMES else None
    if inner is not None:
        # "Brackley General Hospital" in a story that names Brackley: facilities and
        # features are named after the town they are in, and the document says which.
        return inner
    written = mentions[g.indices[0]].text
    named_after = (inner_town(written, gazetteer, order) or township_town(written, gazetteer, order)) \
        if fallback_to_focus else None
    if named_after is not None:
        # "Lake Ashvale", "Ashvale General Hospital": a feature named after a town the
        # story does not name alone, in the country the story is about.
        return named_after
    abroad = is_mission(mentions[g.indices[0]].text)
    # "British Embassy Tokyo": the name says the host town.
    return mission_host(written, gazetteer) if abroad and fallback_to_focus else None


def _place_in_story(g: _Group, mentions: Sequence[PlaceMention], group_of: dict[int, _Group],
                    gazetteer: Gazetteer, story_town: Lent | None, fallback_to_focus: bool,
                    out: list[PlaceMention]) -> None:
    """Place each mention of a facility (or a mission) the gazetteer lacks by the story (in ``out``).

    A street, building or quarter the gazetteer lacks is, in news, almost always in the town the
    story is about: report the nearest town or the story's town, with low confidence — unless the
    name itself says which country it is in ("a Syrian camp" is not in Washington). A mission is
    the other way round: "the Chilean Embassy" is anywhere but Chile."""
    abroad = is_mission(mentions[g.indices[0]].text)
    if not ((story_town is not None or abroad) and fallback_to_focus and not g.demonym
            and (is_facility(mentions[g.indices[0]].text) or abroad)):
        return
    named = countries_named_in(mentions[g.indices[0]].text, gazetteer)
    for i in g.indices:
        if abroad:
            near = nearest_town(i, mentions, group_of, exclude=named)
            if near is None and story_town is not None and story_town.place.country not in named:
                near = story_town
            if near is not None:
                out[i] = _placed(mentions[i], near.place, FOCUS_FALLBACK_CONFIDENCE, near)
            continue
        near = nearest_town(i, mentions, group_of) or story_town
        if near is not None and (not named or near.place.country in named):
            out[i] = _placed(mentions[i], near.place, FOCUS_FALLBACK_CONFIDENCE, near)


def _settle(c: Candidate, anchors: Iterable[tuple[_Group, Place]]) -> tuple[Place, _Group | None]:
    """The place to report; a county known only by a guessed point moves to the first co-mentioned
    town of its state (counties in local news surround the towns the story is about; the first
    town named beat the one named nearest the county on the dev corpora), which is returned too:
    its mentions lent the point."""
    p = c.place
    if c.source in SETTLE_SOURCES:
        for g, a in anchors:
            if a.country == p.country and a.admin1 == p.admin1:
                return replace(p, lat=a.lat, lon=a.lon), g
    return p, None
