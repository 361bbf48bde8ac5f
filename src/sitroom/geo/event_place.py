"""Which place mention is where an event happened: the one chooser claims and evaluations share.

Why from syntax: "Troops from Turkey shelled villages near Tal Tamr" mentions two places, and only
the one attached to the trigger by a locative preposition ("near Tal Tamr") is the event's place.
Every mention gets a :class:`PlaceRole` from :func:`place_role`:

- never the event place: metonyms and demonyms ("Turkey said", "Syrian"), names inside an
  organisation's name, a person's home ("John Moss, 23, of Springfield"), an outlet's dateline
  ("WASHINGTON -": where the report was filed), whoever is told something ("a source told
  SANA"), a headline's capitalised words that hold the trigger ("Escaped Syrian Camp"), and for
  movements the destination ("fled *to* Iraq", "fled to camps near X": the first preposition on
  the way from the trigger decides) or, for displacement and evacuation, the origin ("evacuated
  *from* X");
- otherwise a score: same sentence as the trigger, reached from the trigger (or its clause's verb)
  through the dependency tree, through a locative preposition ("in", "near", "outside"...) rather
  than "from", the trigger's object ("stormed the town"; through the clause's verb only when the
  happening is its subject: "the blast rocked Kabul", not "blamed Damascus for the breakout"),
  few tokens away, a finer precision; a country that is the trigger's subject acting on an object
  ("Iraq captures Irbil") loses; a reference point ("100 km west of X") and a place noun
  without a name ("the camp") lose, and so does the container of a named part told through one
  place noun ("Marren's Kestrel district": the larger place by the gazetteer loses to the part);
- a weak role (:data:`WEAK_ROLES`) for a place that says where people speak or act rather than
  where the happening was: the speakers' place, a place of the clause that tells of a report of
  it, a country acting as the subject of another verb, and a name that only qualifies people
  ("U.S. officials", "Japan's police chief", "a Texas man", "the U.S.-led coalition"; a name
  that qualifies a building still says where: "a Kismayo cafe"), which scores below any other
  candidate. These keep their scores (single sentences are often annotated that way); claim
  assembly looks for the happening's place elsewhere in the report.

Weights are named constants below, set on the event_location non-RELABEL records and the example
corpus. :func:`place_phrases` adds candidates named through a place noun ("the village of X", "X
Dam") that NER and the gazetteer miss. :func:`find_dateline` (from :mod:`sitroom.nlp.dateline`, the one dateline
reader) reads a dateline from the text's shape; :func:`dateline_place` is the document-level
fallback for a happening that names no place of its own (local news files from where things
happen).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Sequence

from spacy.tokens import Doc, Span as SpacySpan, Token

from sitroom.model import PlaceMention, Precision, Span
from sitroom.nlp.dateline import opens_dateline
from sitroom.nlp.parse import text_of

__all__ = ["PlaceRole", "WEAK_ROLES", "place_role", "choose_event_place", "mark_event_place", "dateline_place", "is_dateline",
           "is_modifier_only", "is_anaphor", "words", "home_of",
           "place_phrases", "add_place_phrases", "resolve_anaphors"]

#: Below this score no mention is taken as the event place (it is in another sentence, or an origin).
MIN_SCORE = -4.0
#: For a happening of unknown or other type, a place that is the trigger's object.
OBJECT_BONUS = 2.0
#: How far up the dependency tree a place may sit below its trigger (or clause verb).
PATH_LIMIT = 7
#: What a reference point ("west of X") loses against the place it locates.
REFERENCE_PENALTY = 4.0
#: What "the camp" (a place noun without a name) loses against a named place.
ANAPHOR_PENALTY = 2.0
#: "Officials in Ankara said ...": where the speakers are loses to a place the happening names.
SPEAKERS_PLACE_PENALTY = 3.0
#: The score of a name that only qualifies people: below any place the happening names, above
#: :data:`MIN_SCORE`.
QUALIFIER_SCORE = -3.5
#: "Iraq captures Irbil": what a country loses as the subject of a trigger that acts on an object.
AGENT_COUNTRY_PENALTY = 3.0
#: "Marren's Kestrel district", "the Ashvale neighbourhood of Old Quay": what the name of the
#: place that contains a named part loses against that part.
CONTAINER_PENALTY = 2.0
#: Score per precision level (point, town, admin2, admin1, country, region).
PRECISION_WEIGHT = 0.2
_NON_LITERAL = frozenset({"metonym", "demonym", "embedded"})
#: Roles of a place that may still be the best of a sentence's candidates but says where someone
#: spoke or acted, not where the happening was: ``speakers`` ("Officials in Ankara dismissed claims
#: about the breakout"), ``reporting`` (a place of the clause that tells of a report of the
#: happening: "Turkey reinforces its border after reports of a breakout"), ``actor`` (a
#: country acting as the subject of another verb: "U.S. steps up surveillance as escapees are
#: found") and ``qualifier`` (a name that only says who people are: "U.S. officials"). The sentence-level choice keeps its scores (annotators of single sentences often
#: take such a place); claim assembly reads the role and looks for the happening's place where
#: the report tells it (:mod:`sitroom.nlp.claims`).
WEAK_ROLES = frozenset({"speakers", "reporting", "actor", "qualifier"})
@lru_cache(maxsize=1)
def words() -> dict[str, frozenset[str]]:
    """The chooser's word lists (``data/geo/event_place.json``), loaded once."""
    raw = json.loads(resources.files("sitroom.data").joinpath("geo/event_place.json").read_text(encoding="utf-8"))
    return {k: frozenset(v) for k, v in raw.items() if isinstance(v, list)}


@dataclass(frozen=True, slots=True)
class PlaceRole:
    """How one place mention relates to one happening."""

    eligible: bool
    """Could be where the happening occurred."""
    role: str | None
    """A finer role: ``destination``, ``origin``, ``dateline``, ``reference`` ("west of X")."""
    score: float
    """Higher is a better event place (comparable within one happening)."""


def _span(doc: Doc, m: PlaceMention) -> SpacySpan | None:
    s = doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
    return s if s is not None and len(s) else None


def is_dateline(doc: Doc, m: PlaceMention) -> bool:
    """True when the mention opens a dateline ("BEIRUT -", "ASHVALE, Ore. (KXT9) -", "(Dayton,
    OH)--"): :func:`sitroom.nlp.dateline.opens_dateline` on the mention's span."""
    return opens_dateline(text_of(doc), m.span.start, m.span.end)


def is_modifier_only(doc: Doc, m: PlaceMention) -> bool:
    """True when the name only qualifies who someone is ("U.S. officials", "Iraqi forces", "a Texas
    man"): a demonym or adjective, or a modifier of a noun for people or an institution. A name
    that qualifies a place or a thing ("a Kismayo cafe", "his Minsk home") still says where."""
    span = _span(doc, m)
    if span is None:
        return False
    after = text_of(doc)[m.span.end:m.span.end + 16]
    if after[:1] in ("-", "\u2010", "\u2011") and after[1:].split(" ")[0].lower().strip(".,;:") in words()["agent_participles"]:
        return True  # "the U.S.-led coalition", "Iran-backed militias": who leads or backs them
    root = span.root
    if root.pos_ == "ADJ" and m.place is None:
        return True
    head = root.head
    if root.dep_ not in ("compound", "amod", "nmod", "poss") or head.i < span.end or head.pos_ not in ("NOUN", "PROPN"):
        return False
    return head.lemma_.lower() in words()["agent_heads"] or head.lower_ in words()["agent_heads"] or (
        head.ent_type_ in ("PERSON", "NORP"))


def _phrase_head(tok: Token) -> Token:
    """Up from a name's root through compounds, conjuncts and appositions to the phrase that a
    preposition or verb governs ("near the towns of X and Y" → "towns")."""
    t = tok
    for _ in range(6):
        if t.dep_ in ("compound", "conj", "appos", "amod", "flat", "nmod") and t.head.i != t.i:
            t = t.head
        elif t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() in words()["place_heads"]:
            t = t.head.head  # "the village of X": the place noun carries X's role
        else:
            break
    return t


def _qualifies_people(prep: Token, trigger: Token) -> bool:
    """"Officials in Ankara dismissed claims about the breakout": a place in a phrase that says
    where those who speak about a happening are (officials, sources, diplomats), is not where it
    took place, unless the trigger sits inside that noun phrase. Participants differ: "a man in
    Mosul was shot" is placed by its phrase."""
    owner = prep.head
    if prep.dep_ != "prep" or owner.pos_ not in ("NOUN", "PROPN"):
        return False
    if owner.lemma_.lower() not in words()["speaker_heads"] and owner.lower_ not in words()["speaker_heads"]:
        return False
    return not (owner.left_edge.i <= trigger.i <= owner.right_edge.i)


def home_of(tok: Token) -> bool:
    """Whether ``tok`` is the "of" or "from" that gives a person's home town ("John Moss, 23, of
    Springfield", "Jodi Marsh of Ashvale", "a man from Chennai"): where the person lives or comes
    from, not where anything happened to them. The one reader of a home town, for the chooser
    (never the event place), for recognition (a name after it is a town: "Ann Reed, 34, of
    Ashvale") and for :func:`sitroom.geo.toponyms.is_home_town`.

    Read two ways, either of which says so: as written, "of" right after a named person, with an
    age between commas or without (the parser often hangs it from the age); and in the parse,
    "of" or "from" hanging from a named person or a noun for one ("man", "native":
    ``person_nouns``). Not an "of" inside a person's name ("Mary of Bethany") nor after a noun for
    a relative ("the son of Ann Reed": ``relative_nouns``), which names a person, not a home."""
    w = words()
    if tok.lower_ not in ("of", "from") or tok.ent_type_ == "PERSON":
        return False
    if tok.lower_ == "of" and _after_named_person(tok):
        return True
    owner = tok.head
    lemma = owner.lemma_.lower()
    if _of_relative(tok):
        return False
    return tok.dep_ == "prep" and (owner.ent_type_ == "PERSON" or (owner.pos_ == "NOUN" and lemma in w["person_nouns"]))


def _of_relative(tok: Token) -> bool:
    """"The wife of a Utah architect", "the son of Ann Reed": an "of" after a noun for a relative
    introduces a person (whose words are no scene), not a home town."""
    return tok.lower_ == "of" and tok.dep_ == "prep" and tok.head.lemma_.lower() in words()["relative_nouns"]


def _after_named_person(tok: Token) -> bool:
    """Whether ``tok`` follows "PERSON," or "PERSON, AGE," or the person's name itself: the last
    word of a named person's entity (not inside a longer one)."""
    doc, k = tok.doc, tok.i - 1
    if k < 0:
        return False
    if doc[k].text == ",":
        k -= 1
        if k >= 1 and doc[k].like_num and doc[k - 1].text == ",":
            k -= 2
    return k >= 0 and doc[k].ent_type_ == "PERSON" and doc[k].ent_iob_ in ("B", "I") \
        and (k + 1 >= len(doc) or doc[k + 1].ent_type_ != "PERSON")


def _part_noun(span: SpacySpan) -> Token | None:
    """The place noun a name attaches to, when it names or qualifies one: "Kestrel" and
    "Marren" of "Marren's Kestrel district", "Ashvale" and "Old Quay" of "the Ashvale
    neighbourhood of Old Quay"."""
    root = span.root
    head = root.head
    if root.dep_ in ("poss", "compound", "nmod", "amod", "appos") and head.i >= span.end:
        noun = head
    elif root.dep_ == "pobj" and head.lower_ == "of" and head.head.i < span.start:
        noun = head.head
    else:
        return None
    return noun if noun.lemma_.lower() in words()["part_heads"] else None


def _extent(m: PlaceMention) -> tuple[int, int] | None:
    """How large a resolved place is: its precision rank, then its population (bigger is coarser)."""
    if m.place is None:
        return None
    return (m.place.precision.rank(), m.place.population or 0)


def _container_penalties(doc: Doc, mentions: Sequence[PlaceMention]) -> list[float]:
    """What each mention loses for being the container of a named part told with it.

    Why: "Marren's Kestrel district", "the Ashvale neighbourhood of Old Quay", "the Brackenford region
    of Valdoria" name two places through one place noun, and the part is the finer answer to
    where. Which is the part is not in the syntax ("the X district of Y" and "the Y neighbourhood
    of X" read alike) but in the gazetteer: the larger place (coarser precision, then more
    people) is the container. When a name is unresolved and the noun is an area (district,
    neighbourhood, village: ``area_parts``), the unresolved name is the part (the gazetteer knows
    cities, not their districts) and the resolved town or coarser place loses; with another noun
    ("al-Qanat Street in Baghdad") a pair with an unresolved name is left alone.
    """
    out = [0.0] * len(mentions)
    nouns: dict[int, list[int]] = {}
    for i, m in enumerate(mentions):
        if m.kind in _NON_LITERAL:
            continue
        span = _span(doc, m)
        noun = _part_noun(span) if span is not None else None
        if noun is None and span is not None and m.place is None and len(span) > 1 and (
                span.root.lemma_.lower() in words()["area_parts"]):
            noun = span.root  # "the Sayida Zaynab district of Damascus": the name with its noun
        if noun is not None:
            nouns.setdefault(noun.i, []).append(i)
    for noun_i, group in nouns.items():
        sized = [(e, i) for i in group if (e := _extent(mentions[i])) is not None]
        if len(sized) < len(group) and sized and doc[noun_i].lemma_.lower() in words()["area_parts"]:
            # "the Washash district of Baghdad", "Baghdad's Washash district": the gazetteer
            # knows the city, not the district; the name it does not know is the part.
            for e, i in sized:
                if e[0] >= Precision.TOWN.rank():
                    out[i] = CONTAINER_PENALTY
            continue
        if len(sized) < 2 or len(sized) < len(group):
            continue
        smallest = min(sized)[0]
        for e, i in sized:
            if e > smallest:
                out[i] = CONTAINER_PENALTY
    for i, m in enumerate(mentions):
        if m.place is None and m.kind not in _NON_LITERAL and _in_known_place(doc, m, mentions):
            out[i] = CONTAINER_PENALTY
    return out


def _in_known_place(doc: Doc, m: PlaceMention, mentions: Sequence[PlaceMention]) -> bool:
    """"the Ashgrove Hotel in downtown Mosul", "the Town Hall in central Harlow": an unresolved
    building or street told with the resolved place it stands in. The place is the answer that
    can be put on a map (and the one annotators of event places take); a hospital, a camp, a
    prison or a base is not a building here: conflict reports name those as the scene (struck,
    stormed, emptied)."""
    span = _span(doc, m)
    if span is None or span.root.lemma_.lower() not in words()["buildings"]:
        return False
    for prep in span.root.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for obj in prep.children:
                if obj.dep_ == "pobj" and any(
                        o.place is not None and o.kind not in _NON_LITERAL and o.span.start <= obj.idx < o.span.end
                        for o in mentions):
                    return True
    return False


def is_anaphor(m: PlaceMention) -> bool:
    """"the camp", "its base": a definite place noun without a name."""
    words_ = m.text.split()
    return len(words_) >= 2 and words_[0].lower() in ("the", "its", "their", "his", "her") and not any(
        w[:1].isupper() for w in words_[1:])


def targets_of(trigger: Token, clause: Token | None) -> set[int]:
    return {trigger.i} | ({clause.i} if clause is not None else set())


def _reference_point(prep: Token | None) -> bool:
    """"Samarra, 120 km north of Baghdad", "30 miles from Mosul": a place named to locate another
    one. "In the west of Baghdad" (a determiner: part of Baghdad) is not a reference."""
    if prep is None or prep.lower_ not in ("of", "from"):
        return False
    ref = prep.head
    w = words()
    if ref.lemma_.lower() in w["distance_units"] or ref.lower_ in w["distance_units"]:
        return True
    if ref.lower_ not in w["directions"]:
        return False
    return not any(c.dep_ in ("det", "poss") for c in ref.children)


def _path_up(token: Token, targets: set[int], limit: int = 5) -> list[Token] | None:
    """Heads from ``token`` up to the first of ``targets`` (inclusive), within ``limit`` steps."""
    path = [token]
    cur = token
    for _ in range(limit + 1):
        if cur.i in targets:
            return path
        if cur.head.i == cur.i:
            return None
        cur = cur.head
        path.append(cur)
    return None


def place_role(doc: Doc, m: PlaceMention, trigger: Token, clause: Token | None = None,
               code: str | None = None) -> PlaceRole:
    """The role of mention ``m`` for the happening whose trigger is ``trigger``.

    Args:
        doc: the parse.
        m: a place mention of ``doc`` (resolved or not).
        trigger: the trigger's head token ("shelled", "escape").
        clause: the verb heading the trigger's clause, when it differs (a noun trigger's verb).
        code: the event code (``escape``, ``displacement``...), for movement roles; ``None`` when
            the type is unknown.
    """
    span = _span(doc, m)
    ruled = _by_form(doc, m, span, trigger)
    if ruled is not None:
        return ruled
    if span is None:
        return PlaceRole(True, None, -50.0)
    head = _phrase_head(span.root)
    prep = head.head if head.dep_ == "pobj" else None
    if _not_a_scene(head, prep):
        return PlaceRole(False, None, -1000.0)
    targets = targets_of(trigger, clause)
    path = _path_up(span.root, targets, PATH_LIMIT)
    moved = _movement_role(code, path, prep)
    if moved is not None:
        return moved
    speakers_place = prep is not None and _qualifies_people(prep, trigger)
    score = _path_score(span, trigger, path, prep, code)
    score += _argument_bonus(head, trigger, targets, code)
    score = _adjusted(score, m, span, head, trigger, speakers_place)
    if _reference_point(prep):
        # Named only to locate the scene ("30 km north of X"): the answer only when nothing else is.
        return PlaceRole(True, "reference", score - REFERENCE_PENALTY)
    return PlaceRole(True, _weak_role(m, span, head, trigger, clause, speakers_place), score)


def _by_form(doc: Doc, m: PlaceMention, span: SpacySpan | None, trigger: Token) -> PlaceRole | None:
    """The role the mention's form alone gives, before any syntax: a metonym or demonym, a name
    that qualifies people, a dateline, a name made of the trigger's own words; else ``None``."""
    if m.kind in _NON_LITERAL:
        return PlaceRole(False, None, -1000.0)
    if span is None:
        return None
    if is_modifier_only(doc, m):
        # "U.S. officials", "Japan's police chief": says who, and only says where when nothing
        # else in the sentence does ("Japan's top police official has been shot").
        return PlaceRole(True, "qualifier", QUALIFIER_SCORE)
    if is_dateline(doc, m):
        return PlaceRole(False, "dateline", -1000.0)
    if span.start <= trigger.i < span.end:
        # "As Many as 20,000 Escaped Syrian Camp", "After Camp Breakout": a headline's capitals
        # make a place name of words that hold the happening's own trigger.
        return PlaceRole(False, None, -1000.0)
    return None


def _not_a_scene(head: Token, prep: Token | None) -> bool:
    """Whoever is told something ("a source told SANA": an outlet or people, not a place) and a
    person's home ("Erland Moss, 18, of Norway": where he is from), or the words that say whose
    relative someone is ("the wife of a Utah architect")."""
    if head.dep_ in ("dobj", "dative") and head.head.lemma_.lower() in words()["addressee_verbs"]:
        return True
    return prep is not None and (home_of(prep) or _of_relative(prep))


#: Clauses that describe a participant ("militants who crossed into X", "people fleeing to Y"):
#: a preposition inside one belongs to that clause's verb, not to the happening's trigger.
_DESCRIBING_CLAUSES = frozenset({"relcl", "acl"})


def _vias(path: list[Token] | None, prep: Token | None) -> list[str]:
    """The prepositions that lead from the trigger to the name, nearest the trigger first: "sent
    them to a centre at al-Jadaa, south of Mosul" reaches Mosul through "to" (a destination)."""
    if path is not None:
        via = []
        for t in reversed(path[:-1]):
            if t.dep_ in _DESCRIBING_CLAUSES:
                # "detained militants *who crossed into* X": the motion is the militants', told to
                # say who they are; the arrest was not a movement into X.
                return []
            if t.dep_ == "prep":
                via.append(t.lower_)
        return via
    return [prep.lower_] if prep is not None else []


def _movement_role(code: str | None, path: list[Token] | None, prep: Token | None) -> PlaceRole | None:
    """For a movement, the destination ("fled *to* Iraq") or, for displacement and evacuation,
    the origin ("evacuated *from* X"): the first preposition on the way from the trigger decides."""
    w = words()
    via = _vias(path, prep)
    if code in w["destination_codes"] and via and via[0] in w["destination_preps"]:
        return PlaceRole(False, "destination", -100.0)
    if code in w["origin_codes"] and via and via[0] in w["origin_preps"]:
        return PlaceRole(False, "origin", -100.0)
    return None


def _path_score(span: SpacySpan, trigger: Token, path: list[Token] | None, prep: Token | None,
                code: str | None) -> float:
    """The score of how the name hangs from the trigger: same sentence, reached through the tree,
    through a locative preposition rather than an origin one, in few steps."""
    w = words()
    # Escaping *from* a camp happened at the camp: "from" is locative for an escape.
    locative = w["locative_preps"] | (w["origin_preps"] if code in w["escape_codes"] else frozenset())
    origin = w["origin_preps"] - locative
    p = prep.lower_ if prep is not None else None
    score = 0.0
    if span.root.sent != trigger.sent:
        score -= 5.0
    if path is not None:
        preps = [t for t in path if t.dep_ in ("prep", "agent")]
        score += 3.0
        if any(t.lower_ in locative for t in preps):
            score += 3.0
        if any(t.lower_ in origin for t in preps):
            score -= 4.0
        score -= 0.3 * len(path)
    else:
        if p in locative:
            score += 1.5
        if p in origin:
            score -= 3.0
    return score


def _argument_bonus(head: Token, trigger: Token, targets: set[int], code: str | None) -> float:
    """The trigger's own object or subject ("fighters seized the town", "the camp was handed over",
    "crowds thronged Hama", "the camp fell"), or the object of a verb the happening is the
    subject of ("the blast rocked Kabul"); not an argument of a verb the happening only hangs
    from ("blame Damascus for the breakout", "Turkey reinforces ... after the breakout")."""
    object_codes = words()["object_place_codes"]
    governs = head.head.i == trigger.i or (head.head.i in targets and trigger.head.i == head.head.i
                                           and trigger.dep_ in ("nsubj", "nsubjpass"))
    if head.dep_ in ("dobj", "nsubjpass") and governs:
        return 2.0 if code in object_codes else OBJECT_BONUS
    if head.dep_ == "nsubj" and code in object_codes and head.head.i == trigger.i:
        return 2.0
    return 0.0


def _adjusted(score: float, m: PlaceMention, span: SpacySpan, head: Token, trigger: Token,
              speakers_place: bool) -> float:
    """``score`` with what the name itself and its place in the sentence add or take away."""
    # "the Sarajevo neighbourhood of Dobrinja": the name after "of" is the finer, named place.
    named = span.root.dep_ == "pobj" and span.root.head.lower_ == "of" and head.i != span.root.i and not any(
        c.dep_ == "compound" and c.pos_ == "PROPN" for c in head.children)
    if named:
        score += 0.5
    score -= 0.02 * abs(span.root.i - trigger.i)
    # A finer place is the better answer to "where" ("in the town of X in Y province"); a named
    # place the gazetteer does not know is usually a small one (a village, a district, a market).
    rank = m.place.precision.rank() if m.place is not None else Precision.TOWN.rank()
    score += PRECISION_WEIGHT * (len(Precision) - rank)
    if m.place is None and is_anaphor(m):
        score -= ANAPHOR_PENALTY  # "the camp": a place named before, weaker than a name here
    if speakers_place:
        score -= SPEAKERS_PLACE_PENALTY  # another place of the sentence is the better answer
    verb = _country_subject_of(m, head)
    if verb is not None and verb.i == trigger.i and any(c.dep_ == "dobj" for c in trigger.children):
        score -= AGENT_COUNTRY_PENALTY  # "Iraq captures Irbil": the state that acts, not the scene
    return score


def _country_subject_of(m: PlaceMention, head: Token) -> Token | None:
    """The verb a country is the subject of ("Iraq captures Irbil", "Turkey reinforces its
    border"), else ``None``: a state acting, which may or may not be the happening's scene."""
    if m.place is not None and m.place.precision is Precision.COUNTRY and head.dep_ == "nsubj":
        return head.head
    return None


def _report_noun(trigger: Token, clause: Token | None) -> Token | None:
    """The noun of saying or fearing that the trigger is told under, on its way up to its clause's
    verb ("reports of a breakout", "claims that the transfer was to blame for the breakout"),
    else ``None``."""
    if clause is None:
        return None
    nouns = words()["report_nouns"]
    cur = trigger
    for _ in range(PATH_LIMIT):
        if cur.head.i == cur.i or cur.head.i == clause.i:
            return None
        cur = cur.head
        if cur.pos_ == "NOUN" and (cur.lemma_.lower() in nouns or cur.lower_ in nouns):
            return cur
    return None


def _weak_role(m: PlaceMention, span: SpacySpan, head: Token, trigger: Token, clause: Token | None,
               speakers_place: bool) -> str | None:
    """Which of :data:`WEAK_ROLES` the mention has for this happening, if any."""
    if span.root.sent != trigger.sent:
        return None
    if speakers_place:
        return "speakers"
    report = _report_noun(trigger, clause)
    if report is not None and not (report.left_edge.i <= span.root.i <= report.right_edge.i):
        return "reporting"  # named by the clause that tells of the report, not by the report
    verb = _country_subject_of(m, head)
    if (verb is not None and verb.i != trigger.i and verb.pos_ in ("VERB", "AUX")
            and verb.lemma_.lower() not in words()["scene_verbs"]):
        # "Turkey reinforces its border after ...": a state acting, not a scene ("Syria saw
        # heavy fighting" names the scene: a verb of undergoing)
        return "actor"
    return None


def _proper(t: Token) -> bool:
    """A word of a proper name: capitalised, or an article glued by a hyphen ("al-" of
    "al-Bayaa"); not a capitalised adjective of a people ("Shiite", "Kurdish"), nor a lower-case
    word the tagger calls a name ("the highland city of X")."""
    if t.pos_ not in ("PROPN", "NOUN"):
        return False
    if t.text[:1].isupper():
        return True
    return t.pos_ == "PROPN" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].text in ("-", "\u2010", "\u2011")


def _name_start(tok: Token) -> int:
    """Index of the first token of the proper name headed by ``tok`` ("Kafr" of "Kafr Tamim")."""
    start = tok.i
    for c in tok.children:
        if c.i < tok.i and c.dep_ in ("compound", "flat", "amod", "nmod", "punct") and (_proper(c) or c.text in "-\u2019'"):
            start = min(start, min(t.i for t in c.subtree))
    return start


def place_phrases(doc: Doc) -> list[PlaceMention]:
    """Places named through a place noun, which NER and the gazetteer often miss (villages, camps,
    districts, dams, hills): "the al-Hol camp", "Tabqa Dam" (a proper name compounded on the noun,
    mention = name + noun), "the village of Kafr Nabl" (the name after "of"), and "the camp" (a
    definite facility named before; low confidence). Unresolved; the gazetteer may know them."""
    heads = words()["place_heads"]
    out: list[PlaceMention] = []
    for tok in doc:
        if tok.lemma_.lower() not in heads or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        mods = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i and _proper(c)]
        of_names = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children if g.dep_ == "pobj" and g.pos_ == "PROPN"]
        if mods:
            first = min(min(t.i for t in m.subtree) for m in mods)
            if doc[first].lower_ in ("the", "a", "an"):
                first += 1
            start, end = doc[first].idx, tok.idx + len(tok.text)
            out.append(PlaceMention(text=text_of(doc)[start:end], span=Span(start, end), confidence=0.5))
        for g in of_names:
            start, end = doc[_name_start(g)].idx, g.idx + len(g.text)
            out.append(PlaceMention(text=text_of(doc)[start:end], span=Span(start, end), confidence=0.5))
        if not mods and not of_names and tok.lemma_.lower() in words()["facilities"]:
            det = next((c for c in tok.children if c.dep_ in ("det", "poss")), None)
            if det is not None and det.lower_ in ("the", "its", "their"):
                start, end = det.idx, tok.idx + len(tok.text)
                out.append(PlaceMention(text=text_of(doc)[start:end], span=Span(start, end), confidence=0.3))
    return out


def add_place_phrases(doc: Doc, mentions: Sequence[PlaceMention]) -> list[PlaceMention]:
    """``mentions`` plus the :func:`place_phrases` that overlap none of them, in text order, with
    anaphors ("the camp") resolved to the place they refer back to (:func:`resolve_anaphors`)."""
    out = list(mentions)
    for p in place_phrases(doc):
        if not any(p.span.start < m.span.end and m.span.start < p.span.end for m in out):
            out.append(p)
    out.sort(key=lambda m: m.span.start)
    return resolve_anaphors(out)


def resolve_anaphors(mentions: Sequence[PlaceMention]) -> list[PlaceMention]:
    """"the camp" → the camp named last before it ("the al-Hol camp ... the camp was breached").

    Why: a report names a facility once and then says "the camp", "the prison"; left unresolved,
    that mention wins the event place (it is the trigger's own object) but gives the event no
    coordinates. The antecedent is the nearest earlier resolved, literal mention whose words or
    gazetteer name contain the same place noun. The mention keeps its own words and span (they
    are what the text says here); its place comes from the antecedent, with lower confidence, and
    ``antecedent`` keeps the antecedent's span (the words that name the place).
    """
    out = list(mentions)
    for i, m in enumerate(out):
        if m.place is not None or not is_anaphor(m):
            continue
        noun = m.text.split()[-1].lower()
        for prior in sorted((o for o in out[:i] if o.span.end <= m.span.start), key=lambda o: -o.span.start):
            if prior.place is None or prior.kind in _NON_LITERAL:
                continue
            if noun in prior.text.lower().split() or noun in prior.place.name.lower().split():
                out[i] = replace(m, place=prior.place, confidence=min(m.confidence, prior.confidence) * 0.8,
                                 antecedent=prior.span)
                break
    return out


def _token(trigger: Token | SpacySpan) -> Token:
    return trigger.root if isinstance(trigger, SpacySpan) else trigger


def choose_event_place(doc: Doc, trigger: Token | SpacySpan, mentions: Sequence[PlaceMention], *,
                       clause: Token | None = None, code: str | None = None) -> int | None:
    """Index into ``mentions`` of the place where the event of ``trigger`` happened, or ``None``.

    Args:
        doc: the parse the mentions and the trigger come from.
        trigger: the event's trigger token (or span: its root is used), e.g. "shelled".
        mentions: place mentions of the document (resolved or not).
        clause, code: see :func:`place_role`.
    """
    return _best(_roles(doc, _token(trigger), mentions, clause, code))


def _roles(doc: Doc, trig: Token, mentions: Sequence[PlaceMention], clause: Token | None,
           code: str | None) -> list[PlaceRole]:
    roles = [place_role(doc, m, trig, clause, code) for m in mentions]
    penalties = _container_penalties(doc, mentions)
    return [replace(r, score=r.score - p) if p and r.eligible else r for r, p in zip(roles, penalties)]


def _best(roles: Sequence[PlaceRole]) -> int | None:
    """The highest-scoring eligible role (the first on ties), if it clears :data:`MIN_SCORE`."""
    best, best_score = None, None
    for i, r in enumerate(roles):
        if r.eligible and (best_score is None or r.score > best_score):
            best, best_score = i, r.score
    if best_score is None or best_score < MIN_SCORE:
        return None
    return best


def mark_event_place(doc: Doc, trigger: Token | SpacySpan, mentions: Sequence[PlaceMention], *,
                     clause: Token | None = None, code: str | None = None) -> list[PlaceMention]:
    """``mentions`` with ``is_event_place=True`` on the chosen one (all others ``False``) and the
    finer roles (destination, origin, dateline) set."""
    roles = _roles(doc, _token(trigger), mentions, clause, code)
    chosen = _best(roles)
    return [replace(m, is_event_place=(i == chosen), role=r.role if r.role is not None else m.role)
            for i, (m, r) in enumerate(zip(mentions, roles))]


def dateline_place(doc: Doc, mentions: Sequence[PlaceMention],
                   precisions: Sequence[Precision] = (Precision.POINT, Precision.TOWN)) -> int | None:
    """Index of the literal mention in the report's dateline, or ``None``.

    The fallback for a happening that names no place: a report filed from a town tells of that
    town unless it says otherwise. A dateline city is only trusted when it is a town (not a
    country or region) and the report names no town in another country (wire copy filed from a
    capital about events elsewhere: "GENEVA - ... in north-east Syria").
    """
    for i, m in enumerate(mentions):
        if m.kind in _NON_LITERAL or not is_dateline(doc, m):
            continue
        if m.place is not None and m.place.precision not in precisions:
            continue
        if m.place is not None:
            countries = {o.place.country for o in mentions if o.place is not None and o.kind not in _NON_LITERAL}
            if countries - {m.place.country, None}:
                return None
        return i
    return None
