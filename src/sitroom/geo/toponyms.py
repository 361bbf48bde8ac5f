"""Toponym recognition: which spans of a parsed document name places.

Four sources, merged without overlaps (earlier wins):

1. NER entities labelled GPE, LOC or FAC (cleaned of a leading "the" and a trailing "'s");
2. NORP entities and adjectives that are demonyms in the gazetteer ("Syrian", "French"), kept as
   ``kind="demonym"`` so callers can tell them from literal places;
3. a gazetteer scan of capitalised token runs the NER missed or mislabelled (al-Hol tagged PERSON
   or ORG, a village tagged nothing): a run is taken when its name is a strong gazetteer entry
   (our supplement, a country, an admin1 region, a city of 100k+) or when it follows a locative
   preposition ("in", "near", "outside"...) or comes with other evidence of a town (a person's
   "of", "the X area", "X police", a legislator's "D-X", "(X)" after a business). Inside ORG
   entities only the embedded place name is kept ("University of Washington" → "Washington");
4. facilities, for the names the gazetteer lacks: capitalised runs ending in a facility word
   ("Marren Street", "Kestrel Inn", "Palmers restaurant"), organisations so named, numbered roads
   ("the A40", "Interstate 80") and "the Capitol" (the resolver places them in a town of the
   story); and initials of a place named earlier ("SA" after "South Africa").

Metonymy ("Turkey said", "Iraq's government") is detected from the parse and marked
``kind="metonym"``: the name still resolves to its place, but it is not where anything happened.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span as SpacySpan, Token

from sitroom.geo.build import read_csv
from sitroom.geo.event_place import home_of
from sitroom.geo.fallback import is_mission
from sitroom.geo.gazetteer import Candidate, Gazetteer
from sitroom.geo.normalize import ARTICLES, demonym_bases, is_arabic, name_key
from sitroom.geo.qualifiers import joins_list
from sitroom.model import PlaceMention, Span
from sitroom.nlp.dateline import caps_datelines as _datelines
from sitroom.nlp.dateline import is_caps_dateline as _is_dateline
from sitroom.nlp.parse import text_of

__all__ = ["find_toponyms", "PLACE_LABELS", "is_metonym", "derived_demonym", "is_home_town"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_MAX_RUN = 6


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    """The word lists of ``data/geo/words.csv`` by list name, lower-cased, loaded once.

    Among them: ``place_type_word``, words that make a longer name a place of its own ("Washington
    Township", "Nile Delta"), kept whole even when the gazetteer does not know it; ``feature_first``,
    first words of a natural feature's or a fort's name, which is the feature's, not the place it
    is named after ("Lake Vermont", "Mount Washington", "Fort Benning"); ``run_filler``, direction
    and filler words a capitalised run may hold around one place name ("Northern Idlib")."""
    rows = read_csv("words.csv")
    out: dict[str, set[str]] = {}
    for r in rows:
        out.setdefault(r["list"], set()).add(r["word"].lower())
    return {k: frozenset(v) for k, v in out.items()}


def derived_demonym(text: str, gazetteer: Gazetteer) -> tuple[Candidate, ...]:
    """Strong places (country, admin1, big city) a demonym our tables lack is formed from
    ("Iowans" -> Iowa, "Long Islanders" -> Long Island); empty when none."""
    for base in demonym_bases(text):
        found = tuple(c for c in gazetteer.lookup(base) if c.kind == "name" and _strong(c))
        if found:
            return found
    return ()


def _strong(c: Candidate) -> bool:
    """An entry worth taking from a bare capitalised word: rare false alarms, frequent in news."""
    if c.kind == "demonym":
        return False
    p = c.place
    if c.source in ("supplement", "countries", "admin1", "continents"):
        return True
    return (p.population or 0) >= 100_000 and c.kind == "name"


def _curated(c: Candidate) -> bool:
    """An entry of our own tables that outweighs a PERSON label: the supplement (camps, crossings,
    conflict towns), and the regions table's populous counties and islands ("Oahu"); regions rows
    that double as surnames or given names (Kent, Samar) carry no population there, so not them."""
    return c.source == "supplement" or (c.source == "regions" and _strong(c))


def _plausible_single(tok: Token, cands: tuple[Candidate, ...]) -> bool:
    """A lone scanned token is a place only if it looks like a name: Title-case and 4+ letters, or an
    all-capital country code ("US", "UK", "UAE"); never a stop word."""
    text = tok.text
    if tok.lower_ in _words().get("stop_name", ()):
        return False
    if is_arabic(text):
        return any(_strong(c) for c in cands)
    if text.isupper():
        if len(text) <= 4:
            # Codes: only countries and continents ("US", "UK", "EU"; "US" is also a stop word),
            # and regions whose own table lists the code ("NSW").
            return any(c.place.feature_code in ("PCLI", "CONT") or (c.source == "admin1" and len(text) >= 3)
                       for c in cands)
        # Datelines and headlines in capitals ("BEIRUT"): only strong entries.
        return any(_strong(c) for c in cands)
    if tok.is_stop:
        return False
    if text.endswith(".") and text[:1].isupper() and any(c.source == "admin1" for c in cands):
        return True  # a state's abbreviation ("Pa.", "Ga.")
    return len(text) >= 4 and text[:1].isupper()


def _clean(span: SpacySpan) -> SpacySpan | None:
    """Drop a leading determiner and trailing possessive/punctuation from an entity span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    if end - start >= 3 and _party_town(doc, start, end):
        start += 2  # "D-Ashvale": a legislator's party and town
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "’s", "'")):
        end -= 1
    if end <= start:
        return None
    return doc[start:end]


def _with_possessed_facility(span: SpacySpan) -> SpacySpan:
    """``span`` and the facility it names in the possessive ("St. Aldric's Basilica", "St. Brigid's
    Hospital"): the saint or founder is no place of its own, the building is."""
    doc = span.doc
    k = span.end
    if k + 1 < len(doc) and doc[k].lower_ in ("'s", "’s") and doc[k + 1].is_title \
            and doc[k + 1].lower_ in _words().get("facility_word", ()):
        return doc[span.start:k + 2]
    return span


def is_metonym(span: SpacySpan) -> bool:
    """True when the place name stands for a government or people ("Turkey said", "Iraq's army").

    Read from the parse: the name's head token is the subject of an agency verb, or the
    possessor of an institution noun.
    """
    words = _words()
    root = span.root
    head = root.head
    if root.dep_ in ("nsubj", "nsubjpass", "agent") and head.lemma_.lower() in words.get("agency_verb", ()):
        return True
    if root.dep_ == "poss" and head.lemma_.lower() in words.get("institution", ()):
        return True
    # "Turkey and Russia agreed": a conjunct of such a subject.
    if root.dep_ == "conj" and head.dep_ in ("nsubj",) and head.head.lemma_.lower() in words.get("agency_verb", ()):
        return True
    return False


def _runs(doc: Doc, sent_start_ok: bool = False) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens, Arabic articles and inner hyphens (token index ranges).

    A sentence-initial capital counts only when tagged a proper noun, unless ``sent_start_ok``.
    """
    runs: list[tuple[int, int]] = []
    i, n = 0, len(doc)
    while i < n:
        t = doc[i]
        if _name_like(t, first=True, sent_start_ok=sent_start_ok):
            j = i + 1
            while j < n and j - i < _MAX_RUN:
                tj = doc[j]
                if _name_like(tj, first=False):
                    j += 1
                elif tj.text in ("-", "'", "’") and j + 1 < n and _name_like(doc[j + 1], first=False) \
                        and not tj.whitespace_ and not doc[j - 1].whitespace_:
                    j += 1
                else:
                    break
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _name_like(t: Token, first: bool, sent_start_ok: bool = False) -> bool:
    if t.is_space or t.is_punct or t.like_num:
        return False
    text = t.text
    if is_arabic(text):
        return True  # Arabic script has no capitals; the gazetteer decides
    if text.lower() in ARTICLES and not t.whitespace_ and t.i + 1 < len(t.doc) and t.doc[t.i + 1].text in "-‐":
        return True
    if text[:1].isupper():
        # Sentence-initial capitals are only names when tagged so.
        return sent_start_ok or not (t.is_sent_start and t.pos_ not in ("PROPN",))
    # Inner lower-case words of a name: "of", and Arabic articles written apart ("Ras al Ain").
    # Not "as" and "at", which are far more often the English words ("a Market at Makeen").
    return not first and text.lower() in ("of", "al", "el", "ad", "ash", "ar", "az", "ez", "es") \
        and t.i + 1 < len(t.doc) and t.doc[t.i + 1].text[:1].isupper()


def _local_noun_after(doc: Doc, end: int) -> bool:
    """Whether the name is followed by a noun that local news puts after a town's name: its
    people and offices ("a Kestrel man", "the Ashvale police", "Marren Fire Chief", "Dunmore
    and Ashby counties")."""
    return end < len(doc) and doc[end].lower_ in _words().get("local_noun", ()) and doc[end].pos_ in ("NOUN", "PROPN")


def _title_before_name(span: SpacySpan) -> bool:
    """A title before a person's name ("Miss Valera"), not the abbreviation of a state ("Brackenford,
    Miss."): one word of the honorific list, no full stop, followed by a capitalised word."""
    if len(span) != 1 or span.text.lower() not in _words().get("honorific", ()) or span.end >= len(span.doc):
        return False
    nxt = span.doc[span.end]
    return nxt.text[:1].isupper() and nxt.is_alpha


def _locative_before(doc: Doc, i: int) -> bool:
    """Whether token ``i`` follows a locative preposition ("in", "near"...), the "of" that gives a
    named person's home town ("Jodi Marsh of Ashvale", "Ann Reed, 34, of Ashvale"), or a noun
    for a kind of place ("the town of Ashvale")."""
    words = _words().get("locative_prep", frozenset())
    j = i - 1
    while j >= 0 and doc[j].lower_ in ("the",):
        j -= 1
    if j >= 0 and doc[j].lower_ in words:
        return True
    return j == i - 1 and (home_of(doc[j]) or _place_noun_before(doc, j))


def _bracketed(doc: Doc, start: int, end: int) -> bool:
    """Whether a name the NER did not call a person or an organisation stands alone in brackets
    after an organisation's or a shop's name ("Fig Tree Bakery (Ashvale)"): local news gives a
    business's town so. Not a person's maiden or short name ("June (Ross) Bell", "he (Ross)")."""
    if start < 2 or end + 1 > len(doc) or doc[end].text != ")" or doc[start - 1].text != "(":
        return False
    before = doc[start - 2]
    if not (before.ent_type_ in ("ORG", "FAC") or (before.pos_ == "PROPN" and not before.ent_type_)):
        return False
    if any(t.ent_type_ not in ("", "GPE", "LOC", "FAC") for t in doc[start:end]):
        return False
    return end + 1 >= len(doc) or not doc[end + 1].is_title


def _party_town(doc: Doc, start: int, end: int) -> bool:
    """Whether a run opens with a party's letter and a hyphen, the way US news gives a legislator's
    home town ("Rep. Ann Reed, D-Ashvale, said"; "(R-Ashvale)")."""
    return end - start >= 3 and doc[start].text in ("D", "R", "I") and doc[start + 1].text == "-" \
        and not doc[start].whitespace_ and not doc[start + 1].whitespace_ \
        and (start == 0 or doc[start - 1].text in (",", "(") or doc[start - 1].ent_type_ == "PERSON")


def _after_organisation(doc: Doc, i: int) -> bool:
    """Whether token ``i`` follows an organisation's name and a comma, the way news gives the town
    an office or a university is in ("the Ministry of Works, Ashvale, said")."""
    return i >= 2 and doc[i - 1].text == "," and doc[i - 2].ent_type_ in ("ORG", "FAC")


def _place_noun_before(doc: Doc, j: int) -> bool:
    """Whether token ``j`` ends "the town of" or "a village called" right before a name: the noun
    says that the name is a place's ("the town of Ashvale"). Not a bare noun before a name: "the
    state Board of Health" is no place called Board."""
    nouns = _words().get("place_noun", frozenset())
    return j >= 1 and doc[j].lower_ in ("of", "called", "named") and doc[j - 1].lower_ in nouns


def is_home_town(doc: Doc, m: PlaceMention) -> bool:
    """Whether mention ``m`` gives a person's home town ("Ann Reed, 34, of Ashvale", "a man from
    Ashvale"; :func:`sitroom.geo.event_place.home_of`): where the person lives, not where the
    story's happening took place."""
    span = doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
    return span is not None and span.start >= 1 and home_of(doc[span.start - 1])


def _split_at_residence(doc: Doc, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The runs, each cut at an inner "of" that gives a named person's home town ("Jodi Marsh of
    Ashvale" is a person and a town, not one name)."""
    out: list[tuple[int, int]] = []
    for start, end in runs:
        for k in range(start + 1, end - 1):
            if home_of(doc[k]):
                out.append((start, k))
                start = k + 1
                break
        out.append((start, end))
    return out


class _Scan:
    """What one :func:`find_toponyms` call reads many times: the tokens' strings, the capitalised
    runs and the gazetteer's answer for each sub-span tried.

    Why: the passes (long names, the run scan, up to three propagation rounds) walk the same runs
    and try the same sub-spans; building spaCy tokens and spans and their strings each time cost
    more than the lookups themselves. Lives for one call, so no answer outlives its gazetteer.
    """

    def __init__(self, doc: Doc, gazetteer: Gazetteer) -> None:
        self.doc, self.gazetteer = doc, gazetteer
        self.text = text_of(doc)
        self.texts: list[str] = []
        self.lowers: list[str] = []
        self.starts: list[int] = []
        for t in doc:
            self.texts.append(t.text)
            self.lowers.append(t.lower_)
            self.starts.append(t.idx)
        self.ends = [s + len(t) for s, t in zip(self.starts, self.texts)]
        self.runs: dict[bool, list[tuple[int, int]]] = {}
        self.subs: dict[tuple[int, int], tuple[Candidate, ...] | None] = {}
        self.best: dict[tuple[int, int, bool, bool, bool], list[tuple[int, int, tuple[Candidate, ...]]]] = {}

    def runs_of(self, sent_start_ok: bool) -> list[tuple[int, int]]:
        got = self.runs.get(sent_start_ok)
        if got is None:
            got = self.runs[sent_start_ok] = _runs(self.doc, sent_start_ok)
        return got

    def lookup(self, i: int, j: int) -> tuple[Candidate, ...] | None:
        """The gazetteer entries for ``doc[i:j]``, or ``None`` when the sub-span is never a name
        (ends in a hyphen or apostrophe, opens with "of", a stop name)."""
        key = (i, j)
        if key in self.subs:
            return self.subs[key]
        got: tuple[Candidate, ...] | None = None
        if not (self.texts[j - 1] in ("-", "'", "’") or self.lowers[i] in ("of",)):
            text = self.text[self.starts[i]:self.ends[j - 1]]
            stop = _words().get("stop_name", frozenset())
            if not (text.lower() in stop or name_key(text) in stop):
                got = self.gazetteer.lookup(text)
        self.subs[key] = got
        return got


def _best_subspan(doc: Doc, start: int, end: int, gazetteer: Gazetteer, need_strong: bool,
                  allow: bool, caps_ok: bool = False,
                  scan: _Scan | None = None) -> list[tuple[int, int, tuple[Candidate, ...]]]:
    """Longest-first non-overlapping sub-spans of ``doc[start:end]`` that match gazetteer names."""
    if scan is None:
        scan = _Scan(doc, gazetteer)
    memo_key = (start, end, need_strong, allow, caps_ok)
    memo = scan.best.get(memo_key)
    if memo is not None:
        return list(memo)
    found: list[tuple[int, int, tuple[Candidate, ...]]] = []
    i = start
    while i < end:
        hit = None
        for j in range(min(end, i + _MAX_RUN), i, -1):
            cands = scan.lookup(i, j)
            if not cands:
                continue
            if j - i == 1 and not (caps_ok and scan.texts[i].isupper() and len(scan.texts[i]) >= 4) \
                    and not _plausible_single(doc[i], cands):
                continue
            demonym = any(c.kind == "demonym" for c in cands)
            if need_strong and not demonym and not any(_strong(c) for c in cands):
                continue
            if not allow and demonym:
                continue
            hit = (i, j, cands)
            break
        if hit:
            found.append(hit)
            i = hit[1]
        else:
            i += 1
    scan.best[memo_key] = found
    return list(found)


def _narrow(span: SpacySpan, gazetteer: Gazetteer,
            scan: _Scan | None = None) -> list[tuple[int, int, tuple[Candidate, ...]]]:
    """The strong gazetteer names inside an NER place span the gazetteer does not know as a whole,
    when its other words are not part of a place name: the small model often runs two names
    together ("Greece Italy") or takes in the next word ("Harlow County Democrats", "Dayton
    Otters", "Pacific equatorial"). Empty: keep the span as it is."""
    if len(span) < 2 or gazetteer.lookup(span.text):
        return []
    words = _words()
    last = span[-1].lower_
    if last in words["place_type_word"] or last in words.get("facility_word", ()) \
            or span[0].lower_ in words["run_filler"] or span[0].lower_ in words["feature_first"] \
            or is_mission(span.text):
        return []  # ("Lake Vermont" is a lake, not Vermont)
    parts = _best_subspan(span.doc, span.start, span.end, gazetteer, need_strong=False, allow=True, scan=scan)
    # Strong names, or a county's full name ("Harlow County" of "Harlow County Democrats").
    return [p for p in parts if (p[0], p[1]) != (span.start, span.end)
            and (any(_strong(c) or c.kind == "demonym" for c in p[2])
                 or (p[1] - p[0] > 1 and any(c.place.feature_code == "ADM2" for c in p[2])))]


#: Least population of a town taken from the head of an organisation's name.
ORG_TOWN_MIN_POPULATION = 20_000


def _town_sized(cands: tuple[Candidate, ...]) -> bool:
    return any(c.kind == "name" and ((c.place.population or 0) >= ORG_TOWN_MIN_POPULATION
                                     or c.place.feature_code == "ADM2") for c in cands)


def _part_ok(doc: Doc, start: int, end: int, i: int, j: int, cands: tuple[Candidate, ...]) -> bool:
    """Whether a weak gazetteer name found inside a longer capitalised run may stand on its own.

    A run of capitalised words is usually one name: when its other words are neither dates nor
    direction words, a small town matching part of it ("Hatch" in "Brands Hatch", "Commerce" in
    "Chambers of Commerce") is a coincidence. Strong names (countries, regions, big cities) stay.
    """
    if (i, j) == (start, end):
        return True
    words = _words()
    if i > start and doc[i - 1].lower_ in words["feature_first"] and not any(c.kind == "demonym" for c in cands):
        return False  # "Lake Vermont", "Mount Washington": the feature's name, not the region
    if any(_strong(c) or c.kind == "demonym" for c in cands):
        return True
    others = [t for t in doc[start:end] if not (i <= t.i < j)]
    return all(t.ent_type_ in ("DATE", "TIME") or t.lower_ in words["run_filler"] for t in others)


#: Take the longer gazetteer name of the capitalised run an NER place span lies in.
WIDEN_NER_SPANS = True


def _widened(span: SpacySpan, scan: _Scan) -> SpacySpan:
    """The longest main gazetteer name in the capitalised run around an NER place span that
    covers the span: the small model often tags one word of a two-word town ("Beida" of "Goz
    Beida"). Alternate names are not enough: "Dublin City" of "Dublin City Schools" (Ohio) is an
    alternate name of Ireland's capital."""
    doc = span.doc
    run = next(((a, b) for a, b in scan.runs_of(False) if a <= span.start and span.end <= b), None)
    if run is None or run == (span.start, span.end):
        return span
    a, b = run
    best: tuple[int, int] | None = None
    for i in range(a, span.start + 1):
        for j in range(b, span.end - 1, -1):
            if (i, j) == (span.start, span.end) or (best is not None and j - i <= best[1] - best[0]):
                continue
            cands = scan.lookup(i, j)
            if cands and any(c.kind == "name" for c in cands):
                best = (i, j)
    return doc[best[0]:best[1]] if best else span


def _org_head(doc: Doc, i: int, j: int, ent_end: int) -> bool:
    """Whether ``doc[i:j]`` is the common-noun head of an organisation named "X of Y" ("Bank of
    England", "University of Alberta", "Church of Scotland"): the words before "of" say what the
    body is, and a village spelled like them ("Bank") is a coincidence. A town that names a body
    comes before its type word ("Ashvale Rovers"), not before "of"."""
    return j < ent_end - 1 and doc[j].lower_ == "of" and (i == 0 or doc[i - 1].lower_ in ("the", "a", "an")
                                                          or not doc[i - 1].is_title)


@dataclass
class _Found:
    """The place mentions found so far and the tokens they hold: the passes of
    :func:`find_toponyms` run in order and an earlier pass wins a token.

    Why one object: each pass asks whether tokens are taken and adds mentions through the same
    filter (:meth:`add`), so they share this rather than a closure over local lists."""

    stop: frozenset[str]
    taken: list[bool]
    out: list[PlaceMention] = field(default_factory=list)

    def add(self, span: SpacySpan, kind: str) -> None:
        """Add ``span`` unless a token of it is taken, it is a stop name, or a title comes before
        it ("Mr Jordan")."""
        if any(self.taken[span.start:span.end]):
            return
        if span.text.lower() in self.stop or _title_before_name(span):
            return
        for k in range(span.start, span.end):
            self.taken[k] = True
        self.out.append(PlaceMention(text=span.text, span=Span(span.start_char, span.end_char), kind=kind))


def find_toponyms(doc: Doc, gazetteer: Gazetteer) -> list[PlaceMention]:
    """Place-name mentions in ``doc``, unresolved (``place=None``), in text order.

    The passes run from the surest evidence to the weakest (earlier wins a token): long official
    names, NER places, demonyms, names fused with a participle, datelines, the gazetteer scan of
    capitalised runs, names the document already uses, roads, facilities, initials.

    Args:
        doc: the document's one spaCy parse (sitroom.nlp.parse).
        gazetteer: an open gazetteer, used to confirm names the NER missed or mislabelled.

    Returns:
        One :class:`PlaceMention` per toponym; ``kind`` says ``literal``, ``metonym`` or
        ``demonym`` (``embedded`` for a place named inside an organisation's name).
    """
    found = _Found(_words().get("stop_name", frozenset()), [False] * len(doc))
    ents = list(doc.ents)
    scan = _Scan(doc, gazetteer)
    # 0. Long official names the NER cut up or mislabelled ("Guinea" of "Guinea-Bissau", "French"
    # of "French Guiana", "Democratic People's Republic of Korea" tagged ORG).
    for i, j in _long_names(doc, ents, gazetteer, scan):
        found.add(doc[i:j], "metonym" if is_metonym(doc[i:j]) else "literal")
    _add_ner_places(doc, ents, gazetteer, scan, found)
    _add_norp(ents, gazetteer, found)
    _add_sentence_demonyms(doc, gazetteer, found)
    _add_fused_participles(doc, gazetteer, found)
    _add_split_participles(doc, gazetteer, found)
    # 2c. Datelines.
    for start, end in _datelines(doc):
        if not any(found.taken[start:end]) and gazetteer.lookup(doc[start:end].text):
            found.add(doc[start:end], "literal")
    _add_scanned_runs(doc, ents, gazetteer, scan, found)
    # 4. Names the document already uses as places, and names listed beside a place.
    _propagate(doc, gazetteer, found.out, found.taken, found.stop, scan)
    _add_roads_and_facilities(doc, ents, scan, found)
    # 7. Initials of a place the document names in full ("SA" after "South Africa", "NJ" after
    # "New Jersey"): the mention takes that place (``antecedent``).
    _initialisms(doc, found.out, found.taken, gazetteer)
    found.out.sort(key=lambda m: m.span.start)
    return found.out


def _add_ner_places(doc: Doc, ents: list[SpacySpan], gazetteer: Gazetteer, scan: _Scan, found: _Found) -> None:
    """1. NER places, cleaned, widened to a gazetteer name the NER cut, and narrowed to the place
    names inside a span that holds several ("Aleppo and Idlib")."""
    for ent in ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        span = _clean(ent)
        if span is None:
            continue
        span = _with_possessed_facility(span)
        span = _widened(span, scan) if WIDEN_NER_SPANS else span
        parts = _narrow(span, gazetteer, scan)
        if parts:
            for i, j, cands in parts:
                sub = doc[i:j]
                if all(c.kind == "demonym" for c in cands):
                    found.add(sub, "demonym")
                else:
                    found.add(sub, "metonym" if is_metonym(sub) else "literal")
            continue
        found.add(span, "metonym" if is_metonym(span) else "literal")


def _add_norp(ents: list[SpacySpan], gazetteer: Gazetteer, found: _Found) -> None:
    """2. Demonyms (NORP, LANGUAGE) and the places the NER tagged NORP; a demonym our tables lack
    counts when it is formed from a strong place ("Iowans")."""
    for ent in ents:
        if ent.label_ not in ("NORP", "LANGUAGE"):
            continue
        span = _clean(ent)
        if span is None:
            continue
        cands = gazetteer.lookup(span.text)
        if not cands and span.text.endswith("s"):
            cands = gazetteer.lookup(span.text[:-1])
        if any(c.kind == "demonym" for c in cands):
            found.add(span, "demonym")
        elif any(_strong(c) for c in cands):
            found.add(span, "literal")
        elif derived_demonym(span.text, gazetteer):
            found.add(span, "demonym")


def _add_sentence_demonyms(doc: Doc, gazetteer: Gazetteer, found: _Found) -> None:
    """2b. A demonym opening a sentence ("Salvadoran migrants said..."): the scan below skips
    sentence-initial capitals, but a demonym is capitalised wherever it stands; so too when it
    opens an organisation's name ("Norwegian Red Cross volunteers...")."""
    for tok in doc:
        if tok.is_sent_start and not found.taken[tok.i] and tok.is_alpha and tok.is_title \
                and (not tok.ent_type_ or (tok.ent_type_ == "ORG" and tok.ent_iob_ == "B")) \
                and tok.pos_ in ("ADJ", "PROPN") and any(c.kind == "demonym" for c in gazetteer.lookup(tok.text)):
            found.add(doc[tok.i:tok.i + 1], "demonym")


def _add_fused_participles(doc: Doc, gazetteer: Gazetteer, found: _Found) -> None:
    """2b'. A name fused with a participle in one token ("U.S.-led", "U.K.-based"): the mention is
    the name's characters only, so it bypasses :meth:`_Found.add` (which takes whole tokens)."""
    for tok in doc:
        if found.taken[tok.i] or "-" not in tok.text:
            continue
        head, _, tail = tok.text.rpartition("-")
        if head[:1].isupper() and tail.isalpha() and tail.islower() and len(tail) >= 3:
            cands = gazetteer.lookup(head)
            if any(_strong(c) or c.kind == "demonym" for c in cands):
                found.taken[tok.i] = True
                kind = "demonym" if all(c.kind == "demonym" for c in cands) else "literal"
                found.out.append(PlaceMention(text=head, span=Span(tok.idx, tok.idx + len(head)), kind=kind))


def _add_split_participles(doc: Doc, gazetteer: Gazetteer, found: _Found) -> None:
    """2b''. The same written apart ("US - based" as three tokens), whatever the NER made of the name."""
    for tok in doc[:-2]:
        nxt, tail = doc[tok.i + 1], doc[tok.i + 2]
        if found.taken[tok.i] or nxt.text != "-" or tok.whitespace_ or nxt.whitespace_ \
                or not tok.text[:1].isupper():
            continue
        if tail.is_alpha and tail.is_lower and tail.lower_ in _words().get("hyphen_participle", ()):
            cands = gazetteer.lookup(tok.text)
            if any(_strong(c) or c.kind == "demonym" for c in cands):
                kind = "demonym" if all(c.kind == "demonym" for c in cands) else "literal"
                found.add(doc[tok.i:tok.i + 1], kind)


def _add_scanned_runs(doc: Doc, ents: list[SpacySpan], gazetteer: Gazetteer, scan: _Scan, found: _Found) -> None:
    """3. Gazetteer scan of capitalised runs: inside other entities (ORG, PERSON...) and outside
    any. How strong a name must be depends on the evidence around the run (:func:`_run_context`)."""
    ent_label = {}
    ent_end: dict[int, int] = {}
    for ent in ents:
        for k in range(ent.start, ent.end):
            ent_label[k] = ent.label_
            ent_end[k] = ent.end
    for start, end in _split_at_residence(doc, scan.runs_of(False)):
        if all(found.taken[start:end]):
            continue
        party = _party_town(doc, start, end)
        if party:
            start += 2
        label = ent_label.get(start)
        dateline = _is_dateline(doc, start, end)
        loc = _locative_before(doc, start) or dateline or _local_noun_after(doc, end) or party \
            or _bracketed(doc, start, end)
        in_org = label in ("ORG", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT")
        need_strong = not loc and not in_org
        for i, j, cands in _best_subspan(doc, start, end, gazetteer, need_strong=need_strong, allow=True,
                                         caps_ok=dateline, scan=scan):
            if any(found.taken[i:j]):
                continue
            if not _run_part_kept(doc, start, end, i, j, cands, label=label, loc=loc, in_org=in_org,
                                  org_end=ent_end.get(i, end)):
                continue
            span = doc[i:j]
            if all(c.kind == "demonym" for c in cands):
                found.add(span, "demonym")
            elif in_org and (i, j) != (start, end):
                found.add(span, "embedded")
            else:
                found.add(span, "metonym" if is_metonym(span) else "literal")


def _run_part_kept(doc: Doc, start: int, end: int, i: int, j: int, cands: tuple[Candidate, ...], *,
                   label: str | None, loc: bool, in_org: bool, org_end: int) -> bool:
    """Whether the gazetteer name ``doc[i:j]`` found in the run ``doc[start:end]`` is a place here.

    Why these tests: inside an organisation's or a person's name a place-like word is most often
    part of that name ("Bank of England", "Jordan Smith"); only the evidence named below lets it in."""
    if in_org and _org_head(doc, i, j, org_end):
        return False
    if in_org and not loc and not any(_strong(c) or c.kind == "demonym" for c in cands) \
            and not (i == start and (i, j) != (start, end) and _town_sized(cands)):
        # An organisation's name holds a weaker place only as its first words, the way
        # clubs, papers and services are named after their town ("Ashvale Rovers").
        return False
    if label == "PERSON" and not loc and not any(_curated(c) or c.kind == "demonym" for c in cands) \
            and not (_after_organisation(doc, i) and any(_strong(c) for c in cands)):
        return False
    # (An organisation named after its town leads with it: "Rogersville Police Department".)
    return (in_org and i == start) or _part_ok(doc, start, end, i, j, cands)


def _add_roads_and_facilities(doc: Doc, ents: list[SpacySpan], scan: _Scan, found: _Found) -> None:
    """5. Roads and streets by number ("the A40", "Interstate 80", "22nd Street") and "the Capitol":
    places with no name the NER knows, given where they are by the town the story is about.

    6. Facilities the NER left out or took for a person ("Marren Street", "Ashvale Community
    College", "the Kestrel Inn"): a capitalised run ending in a facility word, when no earlier
    pass found a place in it (a town it is named after, "Ashvale" of "Ashvale High School")."""
    facility = _words().get("facility_word", frozenset())
    for m in _ROAD_RE.finditer(text_of(doc)):
        k = m.lastindex or 0
        span = doc.char_span(m.start(k), m.end(k), alignment_mode="expand")
        if span is not None and not (span.end < len(doc) and doc[span.end].is_title
                                     and doc[span.end].lower_ in facility):
            found.add(span, "literal")  # (not "22nd Street Bridge": a facility, taken whole below)
    for ent in ents:
        if ent.label_ == "ORG" and len(ent) >= 2 and ent[-1].lower_ in facility:
            span = _clean(ent)
            if span is not None and len(span) >= 2:
                found.add(span, "literal")
    for i, j, part in _facility_runs(doc, ents, scan):
        if any(found.taken[i:j]) and j - part >= 2:
            i = part
        found.add(doc[i:j], "literal")


def _initials(name: str) -> str:
    """"South Africa" → "SA"; "" for a name of fewer than two capitalised words."""
    words = [w for w in re.split(r"[\s-]+", name) if w[:1].isupper()]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def _initialisms(doc: Doc, out: list[PlaceMention], taken: list[bool], gazetteer: Gazetteer) -> None:
    """Add all-capital tokens of two to four letters that spell the initials of exactly one
    multi-word gazetteer name used earlier in the document, with that mention as ``antecedent``
    (not a facility's: "Ashvale High School" is no place to lend "AHS"). A code
    our tables know ("UK", "EU", "NSW") was read as such by the earlier passes."""
    full: dict[str, list[PlaceMention]] = {}
    for m in out:
        if m.kind != "embedded":
            ini = _initials(m.text)
            if ini and m.text.isascii() and gazetteer.lookup(m.text):
                full.setdefault(ini, []).append(m)
    if not full:
        return
    for tok in doc:
        text = tok.text
        if taken[tok.i] or text not in full or not (2 <= len(text) <= 4 and text.isalpha() and text.isupper()):
            continue
        earlier = [m for m in full[text] if m.span.end <= tok.idx]
        if not earlier or len({name_key(m.text.rstrip("s")) for m in full[text]}) > 1:
            continue  # none named before it, or two places with these initials
        if any(c.place.feature_code in ("PCLI", "CONT") or c.source == "admin1"
               for c in gazetteer.lookup(text)):
            continue
        taken[tok.i] = True
        out.append(PlaceMention(text=text, span=Span(tok.idx, tok.idx + len(text)), kind="literal",
                                antecedent=earlier[-1].span))


#: Numbered roads as news writes them: British "the A40" / "the M25", American "Interstate 80",
#: "I-80", "U.S. 30", "Route 9", "State Highway 36", "County Road 12"; "the (state) Capitol"; and
#: numbered streets ("East 14th Street", "22nd St. North").
_ROAD_RE = re.compile(
    r"\bthe ([AM]\d{1,4}(?:\(M\))?)\b"
    r"|\b((?:Interstate|I-) ?\d{1,3}|U\.S\. \d{1,3}"
    r"|(?:(?:U\.S\.|US|State|County|Farm to Market) )?(?:Route|Highway|Hwy\.|Road) \d{1,4})\b"
    r"|\b(?:the|state) (Capitol)\b(?! Hill)"
    r"|\b((?:(?:(?:North|South)(?:east|west)?|East|West|[NS][EW]|[EWNS]\.|[NS]\.[EW]\.) )?"
    r"\d{1,3}(?:st|nd|rd|th) (?:Street|Avenue|Road|Place|Boulevard"
    r"|(?:St|Ave|Rd|Pl|Blvd)\.)(?: (?:North|South|East|West|NE|NW|SE|SW)\b)?)(?!\w)")


def is_road(text: str) -> bool:
    """Whether ``text`` is a numbered road or "Capitol", as :data:`_ROAD_RE` finds them."""
    return bool(re.fullmatch(r"[AM]\d{1,4}(?:\(M\))?|Capitol", text)) or bool(_ROAD_RE.fullmatch(text))


def _facility_runs(doc: Doc, ents: list[SpacySpan], scan: _Scan) -> list[tuple[int, int, int]]:
    """Token ranges ``(start, end, part)`` of capitalised runs of two or more words whose last word
    is a facility word ("Ashvale Community College", "Marren Street"), outside any entity or
    inside a PERSON or ORG one (the small model calls "Kestrel Inn" a person). A facility word that
    is also a common surname ("Hall", "Park", "Lane") does not turn a PERSON into a facility. A
    possessive joins two runs ("St. Brigid's Hospital"); ``part`` is where the second one starts,
    the name to take when the first is a place of its own ("Ashvale's Marren Hospital")."""
    words = _words()
    facility = words.get("facility_word", frozenset())
    surname = words.get("surname_facility_word", frozenset())
    label = {}
    for ent in ents:
        for k in range(ent.start, ent.end):
            label[k] = ent.label_
    runs = scan.runs_of(False)
    # A possessive inside the name ("St. Brigid's Hospital", "Ann's Village"): one run.
    joined: list[tuple[int, int, int]] = []  # (start, end, start of the part after a possessive)
    for start, end in runs:
        if joined and joined[-1][1] + 1 == start and scan.lowers[start - 1] in ("'s", "’s") \
                and scan.lowers[end - 1].rstrip(".") in facility:
            joined[-1] = (joined[-1][0], end, start)
        else:
            joined.append((start, end, start))
    out: list[tuple[int, int, int]] = []
    lower_nouns = words.get("facility_noun", frozenset())
    for start, end, part in joined:
        while start < end and scan.lowers[start] in ("the", "of"):
            start += 1
        if start < end < len(doc) and scan.texts[end] in lower_nouns and not label.get(end) \
                and all(doc[k].pos_ == "PROPN" for k in range(start, end)):
            # A name and a common noun for what it names ("Palmers restaurant", "Rahim graveyard").
            end += 1
            if any(label.get(k, "") in ("PERSON", "NORP", "GPE", "LOC") for k in range(start, end)):
                continue
            out.append((start, end, part))
            continue
        last = scan.lowers[end - 1].rstrip(".")
        if end - start < 2 or last not in facility or not scan.texts[end - 1][:1].isupper():
            continue
        labels = {label.get(k, "") for k in range(start, end)}
        if not labels <= {"", "PERSON", "ORG", "FAC"}:
            continue
        if "PERSON" in labels and last in surname:
            continue
        out.append((start, end, part))
    return out


def _official(c: Candidate) -> bool:
    """A multi-word name strong enough to override the NER's cut: a country, region, admin1 or
    big city, or one of our own tables' features (seas, peninsulas, camps)."""
    return c.kind in ("name", "alt") and (_strong(c) or c.source == "regions")


def _long_names(doc: Doc, ents: list[SpacySpan], gazetteer: Gazetteer,
                scan: _Scan | None = None) -> list[tuple[int, int]]:
    """Token ranges of multi-word gazetteer names the NER did not give whole.

    Two cases: an entity of another label whose whole text is such a name ("Democratic People's
    Republic of Korea" tagged ORG), and a capitalised run holding a longer name than the entity
    inside it ("Guinea" of "Guinea-Bissau", "U.S." of "U.S. Virgin Islands", a NORP "French" of
    "French Guiana"). A name inside an organisation's longer name ("New York" of "New York
    Times") is left to the later passes, which mark it embedded.
    """
    out: list[tuple[int, int]] = []
    bounds: list[tuple[int, int]] = []
    for ent in ents:
        span = _clean(ent)
        if span is None:
            continue
        bounds.append((span.start, span.end))
        if ent.label_ not in PLACE_LABELS and len(span) >= 2 and not is_arabic(span.text) \
                and any(_official(c) for c in gazetteer.lookup(span.text)):
            out.append((span.start, span.end))
    if scan is None:
        scan = _Scan(doc, gazetteer)
    for start, end in scan.runs_of(False):
        if end - start < 2:
            continue
        for i, j, cands in _best_subspan(doc, start, end, gazetteer, need_strong=True, allow=False, scan=scan):
            if j - i < 2 or not any(_official(c) for c in cands):
                continue
            # Properly contains an entity, or crosses one's boundary.
            if any((i <= a and b <= j and (a, b) != (i, j)) or (a < i < b < j) or (i < a < j < b)
                   for a, b in bounds):
                out.append((i, j))
    return out


#: Rounds of list propagation ("in Zilina, Nitra, Presov and Kosice" grows one name per side a round).
_PROPAGATION_ROUNDS = 3


def _propagate(doc: Doc, gazetteer: Gazetteer, out: list[PlaceMention], taken: list[bool],
               stop: frozenset[str], scan: _Scan | None = None) -> None:
    """Add the gazetteer names the first passes left out for want of evidence, when the document
    gives that evidence elsewhere.

    Two rules a reader applies without thinking: *one sense per discourse* — a name the document
    uses as a place once ("between Varnia and Ostland") is a place where the NER called it a
    person ("Varnia accused the capital"); and *lists are homogeneous* — a name coordinated with a
    place ("stores in Zilina, Nitra, Presov and Kosice") is a place too, whatever its label.
    Demonyms and organisations' embedded names do not count as evidence.
    """
    text = text_of(doc)
    if scan is None:
        scan = _Scan(doc, gazetteer)
    # Part of a longer person's name somewhere in the document ("Dorsey" of "Kevin Dorsey"): a person.
    people = [e.text for e in doc.ents if e.label_ == "PERSON" and len(e) >= 2]

    personal_of: dict[str, bool] = {}  # asked again each round: answered once per name

    def personal(name: str) -> bool:
        got = personal_of.get(name)
        if got is None:
            rx = re.compile(rf"\b{re.escape(name)}\b")
            got = personal_of[name] = any(name != p and rx.search(p) for p in people)
        return got

    for _round in range(_PROPAGATION_ROUNDS):
        places = sorted((m for m in out if m.kind in ("literal", "metonym")), key=lambda m: m.span.start)
        known = {name_key(m.text) for m in places}
        starts = [m.span.start for m in places]
        added = False
        # Sentence-initial words too: a name the document already uses as a place is one there.
        for start, end in scan.runs_of(True):
            if all(taken[start:end]):
                continue
            for i, j, cands in _best_subspan(doc, start, end, gazetteer, need_strong=False, allow=False,
                                             scan=scan):
                if any(taken[i:j]) or not any(_propagatable(c) for c in cands):
                    continue
                span = doc[i:j]
                if span.text.lower() in stop or personal(span.text):
                    continue
                if name_key(span.text) not in known and not _listed_with_place(text, span, places, starts):
                    continue
                for k in range(i, j):
                    taken[k] = True
                out.append(PlaceMention(text=span.text, span=Span(span.start_char, span.end_char),
                                        kind="metonym" if is_metonym(span) else "literal"))
                added = True
        if not added:
            return


#: Least population of a town a name must be the main name of to be propagated.
PROPAGATE_MIN_POPULATION = 1000


def _propagatable(c: Candidate) -> bool:
    """A reading good enough to carry a name the NER did not call a place: its main name (an
    alternate name of something else — "Hamas" for Hamm — is no evidence), of a real town."""
    if c.kind != "name":
        return False
    return c.source != "cities500" or (c.place.population or 0) >= PROPAGATE_MIN_POPULATION


def _listed_with_place(text: str, span: SpacySpan, places: list[PlaceMention], starts: list[int]) -> bool:
    """Whether ``span`` is coordinated ("," / "and" / "or") with a place mention right before or after."""
    k = bisect.bisect_left(starts, span.start_char)
    if k > 0:
        prev = places[k - 1]
        if joins_list(text[prev.span.end:span.start_char]):
            return True
    if k < len(places):
        nxt = places[k]
        if joins_list(text[span.end_char:nxt.span.start]):
            return True
    return False
