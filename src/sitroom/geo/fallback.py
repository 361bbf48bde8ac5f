"""Places for names the gazetteer lacks: streets, buildings, features and missions.

Why apart from ranking: these rules do not choose among candidates; they lend a name without
any the place of another name of the document (the town it is named after, the town named beside
it, the town the story is about), always with low confidence, so that a map still shows where a
"Main Street" or an "Ashvale General Hospital" is. Pure functions over the resolver's groups.

A place lent by another mention (the town stated beside the name, a town named inside it, the
nearest town, the story's town) comes as a :class:`Lent` with that mention's span, which the
resolver records as the borrowing mention's ``antecedent``: the provenance of a place the words
of the mention do not name. A town read from the name's own words ("Lake Ashvale", "British
Embassy Tokyo") needs none.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Sequence

from sitroom.geo.gazetteer import Gazetteer
from sitroom.geo.qualifiers import listed, qualifier_at
from sitroom.model import Place, PlaceMention, Precision, Span

__all__ = ["countries_named_in", "focus_town", "inner_town", "is_facility", "is_mission", "lent_by", "mission_host",
           "named_inside", "nearest_town", "stated_town", "township_town", "Lent", "FOCUS_FALLBACK_CONFIDENCE",
           "INNER_NAMES"]

if TYPE_CHECKING:
    from sitroom.geo.resolve import _Group


#: Confidence given to a name placed at the document's focus town for want of a gazetteer entry.
FOCUS_FALLBACK_CONFIDENCE = 0.2
#: How far (characters) to look for a town named beside an unknown facility.
FALLBACK_WINDOW = 300
#: An anchor for that fallback must have won by this score margin and have this population.
FALLBACK_MIN_MARGIN = 2.0
FALLBACK_MIN_POPULATION = 5000
#: The focus town must lie in the country the document names most.
FOCUS_TOWN_IN_TOP_COUNTRY = True

#: Prefer, as the focus town, one in the admin1 region the document's names lie in most.
FOCUS_TOWN_IN_TOP_REGION = True

#: Give an unknown longer name the place of a town it contains that the document names on its own.
INNER_NAMES = True


@dataclass(frozen=True, slots=True)
class Lent:
    """A place one name takes from other words of the document, and the spans of those words.

    Why the spans: a facility placed in a town is placed by the text ("the Kestrel Inn in
    Ashvale") or by the story (the town it names most); the mention records the span it took its
    place from (``PlaceMention.antecedent``) so that an analyst can see why it sits there."""

    place: Place
    sources: tuple[Span, ...]
    """The spans of the lending mention(s): one for a town named beside the name, every mention
    of the lending name for a name the document repeats."""

    def source_near(self, span: Span) -> Span:
        """The lending span nearest ``span`` (the earlier on a tie): what a reader of the
        borrowing mention looks at."""
        return min(self.sources, key=lambda s: (abs(s.start - span.start), s.start))


def lent_by(g: _Group, mentions: Sequence[PlaceMention]) -> Lent:
    """The place of resolved name ``g``, lent with the spans of its mentions."""
    assert g.choice is not None
    return Lent(g.choice.place, tuple(mentions[k].span for k in g.indices))


def named_inside(g: _Group, order: Sequence[_Group], mentions: Sequence[PlaceMention]) -> Lent | None:
    """The resolved town or point of another name of the document found word-for-word inside
    ``g``'s name (longest such name first), lent by that name's mentions."""
    padded = f" {g.key} "
    best: tuple[int, _Group] | None = None
    for other in order:
        c = other.choice
        if other is g or c is None or c.place.precision not in (Precision.TOWN, Precision.POINT, Precision.ADMIN2):
            continue
        if len(other.key) >= 4 and f" {other.key} " in padded and (best is None or len(other.key) > best[0]):
            best = (len(other.key), other)
    return lent_by(best[1], mentions) if best else None


#: Least population of a town a feature's name is taken to name (smaller ones are coincidences).
INNER_TOWN_MIN_POPULATION = 10_000


def inner_town(text: str, gazetteer: Gazetteer, order: Sequence[_Group]) -> Place | None:
    """The town a facility or natural feature is named after ("Ashvale General Hospital", "Lake
    Ashvale"): its leading words (after "Lake", "Mount"...) as a town of at least
    ``INNER_TOWN_MIN_POPULATION`` in the country the document names most and, when the document
    names admin1 regions, in one of them (the largest such town). Streets, squares and parks are left out: they are named
    after people and other towns as often as not ("Washington Drive")."""
    words = text.split()
    if len(words) < 2 or words[-1].lower() in _word_list("not_named_after_town") \
            or not (is_facility(text) or words[0].lower() in _word_list("named_feature_first")):
        return None
    top, regions = _story_country_regions(order)
    if top is None:
        return None
    facility = _facility_words() | _word_list("named_feature_first")
    first = 1 if words[0].lower() in _word_list("named_feature_first") else 0
    if [w.lower() for w in words[:2]] == ["old", "town"]:
        first = 2  # "Old Town Ashvale" is the old quarter of Ashvale
    for n in range(len(words) - first, 0, -1):
        part = words[first:first + n]
        if any(w.lower() in facility or not w[:1].isupper() for w in part):
            continue
        if first + n < len(words) and words[first + n].lower() in _word_list("admin_type_word"):
            continue  # "Walker County Court" is named after the county, not a town called Walker
        best: tuple[int, Place] | None = None
        for c in gazetteer.lookup(" ".join(part)):
            p = c.place
            if c.kind != "name" or p.country != top or p.precision not in (Precision.TOWN, Precision.POINT) \
                    or (p.population or 0) < INNER_TOWN_MIN_POPULATION:
                continue
            if regions and (p.country, c.admin1_code or "") not in regions:
                continue  # a story that names its state keeps its features there
            if best is None or (p.population or 0) > best[0]:
                best = (p.population or 0, p)
        if best is not None:
            return best[1]
    return None


def _story_country_regions(order: Sequence[_Group]) -> tuple[str | None, set[tuple[str, str]]]:
    """The country the document names most, and the admin1 regions its names lie in."""
    tally: dict[str, int] = defaultdict(int)
    regions: set[tuple[str, str]] = set()
    for g in order:
        if g.choice is not None and g.choice.place.country and not g.demonym:
            tally[g.choice.place.country] += len(g.indices)
            if g.choice.admin1_code:
                regions.add((g.choice.place.country, g.choice.admin1_code))
    return (max(tally, key=lambda k: tally[k]) if tally else None), regions


def township_town(text: str, gazetteer: Gazetteer, order: Sequence[_Group]) -> Place | None:
    """The town a township the gazetteer lacks is named after and surrounds ("Marren Township" →
    Marren): a town of that name in the country the document names most and, when it names admin1
    regions, in one of them (the largest such town). US townships take their seat's name or share it
    with a nearby town; either lies within a few miles."""
    words = text.split()
    if len(words) < 2 or words[-1].lower() not in _word_list("township_word"):
        return None
    top, regions = _story_country_regions(order)
    if top is None:
        return None
    best: tuple[int, Place] | None = None
    for c in gazetteer.lookup(" ".join(words[:-1])):
        p = c.place
        if c.kind != "name" or p.country != top or p.precision not in (Precision.TOWN, Precision.POINT):
            continue
        if regions and (p.country, c.admin1_code or "") not in regions:
            continue
        if best is None or (p.population or 0) > best[0]:
            best = (p.population or 0, p)
    return best[1] if best else None


@lru_cache(maxsize=8)
def _word_list(name: str) -> frozenset[str]:
    """One list of ``words.csv``: "facility_word"; "street_direction", the words that may follow a
    street's type word ("Eglinton Avenue West", "22nd St. NW"); "admin_type_word", type words after
    a name that make a longer name the unit's, not a town's ("Walker County Court");
    "named_feature_first", first words of a feature named after a town ("Lake Ashvale", "Old Town");
    "not_named_after_town", last words of names given after people as often as after the town
    they are in; "township_word"; "mission_word" (embassies and the like)."""
    from sitroom.geo.build import read_csv

    return frozenset(r["word"] for r in read_csv("words.csv") if r["list"] == name)


@lru_cache(maxsize=1)
def _mission_re() -> re.Pattern[str]:
    """Any mission word, whole ("embassy", "high commission"), compiled once."""
    return re.compile(r"\b(?:" + "|".join(sorted(_word_list("mission_word"))) + r")\b")


def _facility_words() -> frozenset[str]:
    return _word_list("facility_word")


def countries_named_in(text: str, gazetteer: Gazetteer) -> set[str]:
    """Countries a name names in its words ("Escaped Syrian Camp" → {SY}): a country's name or
    demonym among its capitalised words."""
    out: set[str] = set()
    for word in text.split():
        word = word.strip(".,;:()'\"")
        if not word[:1].isupper():
            continue
        for c in gazetteer.lookup(word):
            if c.place.precision is Precision.COUNTRY and c.kind in ("name", "demonym") and c.place.country:
                out.add(c.place.country)
    return out


def is_mission(text: str) -> bool:
    """An embassy or consulate, named after the country it represents, not the one it is in."""
    return _mission_re().search(text.lower()) is not None


def mission_host(text: str, gazetteer: Gazetteer) -> Place | None:
    """The town a mission's name says it is in, after the mission word ("British Embassy Tokyo",
    "the US Consulate Jeddah"): the most populous town of those words outside the countries the
    name names (the guest's)."""
    words = text.split()
    low = [w.lower() for w in words]
    # the word after the mission word, which may be two words ("High Commission")
    at = next((k + len(w.split()) - 1 for k in range(len(low)) for w in _word_list("mission_word")
               if low[k:k + len(w.split())] == w.split()), None)
    if at is None or at + 1 >= len(words) or not words[at + 1][:1].isupper():
        return None
    guest = countries_named_in(" ".join(words[:at]), gazetteer)
    best: tuple[int, Place] | None = None
    for c in gazetteer.lookup(" ".join(words[at + 1:])):
        p = c.place
        if c.kind in ("name", "alt") and p.precision in (Precision.TOWN, Precision.POINT) and p.country not in guest \
                and (best is None or (p.population or 0) > best[0]):
            best = (p.population or 0, p)
    return best[1] if best else None


def is_facility(text: str) -> bool:
    """Whether a name ends in a facility word ("Marren Street", "Ashvale Hospital"), before a
    direction word that may follow a street's ("Marren Avenue West"), or is a numbered road."""
    from sitroom.geo.toponyms import is_road

    if is_road(text):
        return True
    words = text.lower().split()
    if len(words) >= 3 and words[-1] in _word_list("street_direction"):
        words = words[:-1]
    return len(words) >= 2 and words[-1].strip(".,") in _facility_words()


#: Most characters between an unknown name and the town that says where it is ("X in Y", "X, Y").
STATED_MAX_GAP = 6


def stated_town(i: int, text: str, mentions: Sequence[PlaceMention],
                group_of: dict[int, _Group]) -> Lent | None:
    """The town the text puts mention ``i`` in, lent by the next mention when only "in" or a comma
    stands between them (:func:`sitroom.geo.qualifiers.qualifier_at`, the ranker's reader of "X in
    Y") and it was resolved, surely, to a town or point ("the Kestrel Inn in Ashvale", "Marren
    Hospital, Ashvale"). Not inside a list ("Marren Township, Ashvale and Dunmore"), and not for a
    street or a park: "Marren Street, Dunmore" is an address, often in a suburb or a postal town
    the story is not about; streets keep the nearest-town rule."""
    j = i + 1
    if j >= len(mentions) or mentions[i].text.split()[-1].lower() in _word_list("not_named_after_town"):
        return None
    q = qualifier_at(text, mentions, i, max_gap=STATED_MAX_GAP)
    if q is None or q.word == "of" or q.article:
        return None  # "X of the Y" rarely puts a building in a town
    if q.word == "," and (listed(text, mentions, i - 1, i) or listed(text, mentions, j, j + 1)):
        return None
    g = group_of[j]
    c = g.choice
    if c is None or g.demonym or c.place.precision not in (Precision.TOWN, Precision.POINT) \
            or g.margin < FALLBACK_MIN_MARGIN:
        return None
    return Lent(c.place, (mentions[j].span,))


def nearest_town(i: int, mentions: Sequence[PlaceMention], group_of: dict[int, _Group],
                  window: int = FALLBACK_WINDOW, exclude: Iterable[str] = ()) -> Lent | None:
    """The closest town/point named within ``window`` characters of mention ``i`` (either side),
    outside the countries in ``exclude``, lent by that mention."""
    best: tuple[int, Lent] | None = None
    exclude = set(exclude)
    for j, m in enumerate(mentions):
        g = group_of[j]
        c = g.choice
        if j == i or c is None or c.place.precision not in (Precision.TOWN, Precision.POINT):
            continue
        if c.place.country in exclude:
            continue
        if g.margin < FALLBACK_MIN_MARGIN or (c.place.population or 0) < FALLBACK_MIN_POPULATION:
            continue  # an unsure or tiny anchor would spread its own error
        d = abs(m.span.start - mentions[i].span.start)
        if d <= window and (best is None or d < best[0]):
            best = (d, Lent(c.place, (m.span,)))
    return best[1] if best else None


def _top_region(order: Sequence[_Group], country: str | None) -> str | None:
    """The admin1 region of ``country`` the document's names lie in most (regions named
    themselves count), when one leads; ``None`` on a tie or when none is named."""
    tally: dict[str, int] = defaultdict(int)
    for g in order:
        c = g.choice
        if c is not None and not g.demonym and c.place.country == country and c.admin1_code:
            tally[c.admin1_code] += len(g.indices)
    ranked = sorted(tally.values(), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0] == ranked[1]):
        return None
    return max(tally, key=lambda k: tally[k])


def focus_town(order: Sequence[_Group], mentions: Sequence[PlaceMention]) -> Lent | None:
    """The town or point the document names most often (first named on ties), if any, in the
    country the document names most (a much-repeated name of the wrong country — often a person's
    name the gazetteer also knows — must not place the story's streets abroad), lent by its
    mentions."""
    tally: dict[str, int] = defaultdict(int)
    for g in order:
        if g.choice is not None and g.choice.place.country and not g.demonym:
            tally[g.choice.place.country] += len(g.indices)
    top_country = max(tally, key=lambda k: tally[k]) if tally else None
    top_region = _top_region(order, top_country) if FOCUS_TOWN_IN_TOP_REGION else None
    best: tuple[int, int, int] | None = None
    town: _Group | None = None
    for rank, g in enumerate(order):
        c = g.choice
        if c is None or c.place.precision not in (Precision.TOWN, Precision.POINT):
            continue
        if FOCUS_TOWN_IN_TOP_COUNTRY and c.place.country != top_country:
            continue
        if g.margin < FALLBACK_MIN_MARGIN or (c.place.population or 0) < FALLBACK_MIN_POPULATION:
            continue
        key = (int(top_region is not None and c.admin1_code == top_region), len(g.indices), -rank)
        if best is None or key > best:
            best, town = key, g
    return lent_by(town, mentions) if town is not None else None
