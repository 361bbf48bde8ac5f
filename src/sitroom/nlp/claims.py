"""Claim assembly: one claim per reported happening, with everything that attaches to it.

Why here and not in each extractor: quantities, actors, places, times and attributions are found
independently over the one parse; which of them belong to which happening is a question of the
sentence and the dependency tree, answered once. Each item in a sentence goes to the event
mention nearest to it in the tree (so "an air strike killed six; police arrested two" gives six
to the strike and two to the arrests). Each quantity also says whether it counts this happening,
background ("300 have died since 2012") or a round-up (:mod:`sitroom.nlp.count_scope`). Time
mentions, attribution chains and resolved places come from their own modules as optional inputs; until they are given, places are the NER GPE/LOC/FAC
spans plus named facilities ("al-Hol camp") and the attribution is the publishing outlet alone.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from datetime import timedelta
from typing import Callable, Iterable, Sequence, TypeVar

from spacy.tokens import Doc, Token

from sitroom.model import (
    ActorMention, ActorType, Attribution, Claim, Document, PlaceMention, Quantity, QuantityKind, Source, SourceKind, Span, TimeMention,
)
from sitroom.geo.event_place import WEAK_ROLES, add_place_phrases, is_anaphor, mark_event_place, place_phrases, words
from sitroom.nlp.actors import find_actors
from sitroom.nlp.attribution import Coverage, chain_key
from sitroom.nlp.count_scope import scope_quantities
from sitroom.nlp.events import EventMention, classify_events, is_trigger_word
from sitroom.nlp.parse import text_of, token_at
from sitroom.nlp.quantities import find_quantities
from sitroom.nlp.span_index import PointIndex, SpanIndex

T = TypeVar("T")

__all__ = ["build_claims", "claim_id", "document_quantities", "ner_place_mentions", "own_year", "OWN_TIME_DAYS"]

def _place_heads() -> frozenset[str]:
    return words()["place_heads"]


def claim_id(document_id: str, trigger_span: Span, figure: Span | None = None) -> str:
    """A stable claim id: the same document and trigger always give the same id. A claim that
    carries another source's figure for the same happening adds the figure's span, so its id can
    never equal a trigger's."""
    raw = f"{document_id}:{trigger_span.start}:{trigger_span.end}"
    if figure is not None:
        raw += f":q:{figure.start}:{figure.end}"
    return "clm_" + hashlib.sha256(raw.encode()).hexdigest()[:20]


def ner_place_mentions(doc: Doc) -> list[PlaceMention]:
    """Place mentions before geocoding: NER GPE/LOC/FAC spans, plus places named through a place
    noun that the small model mislabels ("the al-Hol camp" tagged PERSON, "the village of X"):
    :func:`sitroom.geo.event_place.place_phrases`."""
    out: list[PlaceMention] = list(place_phrases(doc))
    taken = [(p.span.start, p.span.end) for p in out]
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        s, e = ent.start_char, ent.end_char
        if any(s < te and ts < e for ts, te in taken):
            continue
        if "\n" in ent.text:
            continue  # a title glued to a dateline, not one name
        root = ent.root
        if root.dep_ in ("compound", "amod", "poss") and root.head.lemma_.lower() not in _place_heads() and (
                root.head.pos_ in ("NOUN", "PROPN")) and root.head.ent_type_ not in ("GPE", "LOC", "FAC"):
            continue  # "U.S. officials", "Iraqi forces": a modifier, not a place where anything happened
        out.append(PlaceMention(text=ent.text, span=Span(s, e), confidence=0.5))
    out.sort(key=lambda p: p.span.start)
    return out


def _tree_distance(a: Token, b: Token) -> int:
    """Number of edges between two tokens of one sentence (through their lowest common ancestor)."""
    return _distance_from(_ancestors(a), b)


def _ancestors(a: Token) -> dict[int, int]:
    """``a`` and its heads (at most 200 up), each with its number of edges from ``a``: the half
    of :func:`_tree_distance` that one token shares with every token it is measured against."""
    anc_a = {a.i: 0}
    t, d = a, 0
    while t.head.i != t.i and d < 200:
        t, d = t.head, d + 1
        anc_a[t.i] = d
    return anc_a


def _distance_from(anc_a: dict[int, int], b: Token) -> int:
    """:func:`_tree_distance` from the token whose :func:`_ancestors` are ``anc_a`` to ``b``."""
    t, d = b, 0
    while True:
        if t.i in anc_a:
            return anc_a[t.i] + d
        if t.head.i == t.i or d > 200:
            return 10_000
        t, d = t.head, d + 1


def _assign(doc: Doc, spans: Sequence[Span], mentions: Sequence[EventMention],
            by_sentence: SpanIndex | None = None) -> list[int | None]:
    """Index of the mention each span belongs to (same sentence, nearest in the tree), or None.

    Only the mentions filed around a span (``by_sentence``, an index of the mentions' sentences)
    are weighed, so a report of thousands of sentences costs spans × mentions per sentence, not
    spans × all mentions."""
    if by_sentence is None:
        by_sentence = SpanIndex([m.sentence_span for m in mentions])
    out: list[int | None] = []
    for span in spans:
        tok = token_at(doc, span)
        anc = _ancestors(tok) if tok is not None else None
        best: tuple[int, int] | None = None
        for mi in by_sentence.around(span.start):
            m = mentions[mi]
            if not (m.sentence_span.start <= span.start < m.sentence_span.end):
                continue
            if anc is None:
                dist = abs(span.start - m.trigger_span.start)
            else:
                dist = min(_distance_from(anc, doc[m.anchor]), _distance_from(anc, doc[m.clause]))
            if best is None or dist < best[0]:
                best = (dist, mi)
        out.append(best[1] if best is not None else None)
    return out


def _places_for(doc: Doc, places: Sequence[PlaceMention], mention: EventMention) -> tuple[PlaceMention, ...]:
    """The claim's places with the event place and the finer roles marked by the one chooser
    (:func:`sitroom.geo.event_place.mark_event_place`)."""
    if not places:
        return ()
    clause = doc[mention.clause] if mention.clause != mention.anchor else None
    marked = mark_event_place(doc, doc[mention.anchor], places, clause=clause, code=mention.code)
    return tuple(replace(p, confidence=max(p.confidence, 0.7)) if p.is_event_place else p for p in marked)


_ANCHORED_SPAN = re.compile(r"\b(?:past|last|previous|recent|preceding|over the)\b", re.I)


def _dates_a_happening(t: TimeMention) -> bool:
    """A date or time says when; a length of time only when it reaches back from the report
    ("over the past week"), not "the second bomb in a week" or "a three-day siege"; a set
    ("every Friday") never does."""
    if t.type == "SET":
        return False
    return t.type != "DURATION" or bool(_ANCHORED_SPAN.search(t.text))


def _time_for(doc: Doc, mention: EventMention, starts: PointIndex[TimeMention]) -> TimeMention | None:
    """The time of the happening: of the times in its sentence, the one nearest in the tree to the
    trigger or to its clause's verb ("police said Monday that a man was shot Saturday": Saturday
    for the shooting, by the same rule that gives places and counts to their happening).
    ``starts`` (the document's times by where they start, :func:`_time_starts`) finds the
    sentence's times without a full scan."""
    anchor, clause = doc[mention.anchor], doc[mention.clause]
    in_sentence = _own_times(anchor, [
        t for t in starts.within(mention.sentence_span.start, mention.sentence_span.end) if _dates_a_happening(t)])
    if not in_sentence:
        return None

    def dist(t: TimeMention) -> tuple[int, int]:
        tok = token_at(doc, t.span)
        d = min(_tree_distance(tok, anchor), _tree_distance(tok, clause)) if tok is not None else 1000
        return d, abs(t.span.start - mention.trigger_span.start)

    return min(in_sentence, key=dist)


def _time_starts(times: Sequence[TimeMention]) -> PointIndex[TimeMention]:
    """``times`` filed by where each starts, for :func:`_time_for`."""
    return PointIndex(times, lambda t: t.span.start)


def _own_times(anchor: Token, times: list[TimeMention]) -> list[TimeMention]:
    """The sentence's times that may date the happening of ``anchor``: under a past perfect only
    its own words ("said on Wednesday, after a paper reported that
    20,000 *had escaped*": Wednesday is later than the escape); in a relative clause only the
    clause's words ("officials on Wednesday called for a hunt for militants *who escaped*": the
    clause says who the militants are, Wednesday dates the calling)."""
    for scope in (anchor if _pluperfect(anchor) else None, _relative_clause(anchor)):
        if scope is not None:
            lo, hi = scope.left_edge.idx, scope.right_edge.idx + len(scope.right_edge)
            times = [t for t in times if lo <= t.span.start < hi]
    return times


#: A time stamp that opens its line, after at most a byline ("Updated 12:20 PM", "Jane Roe -
#: Published: 3 March"): when the page was written, never when a happening took place. Prose
#: ("the report, published on Monday, said") is not a stamp.
_STAMP = re.compile(r"(?i)\b(?:last\s+)?(?:updated|published|posted|modified)[\s:,\u2014\u2013-]*(?:on|at)?\s*$")
_BYLINE_END = re.compile(r"[-\u2014\u2013|]\s*$")
_STAMP_REACH = 80


def _stamp(text: str, span: Span) -> bool:
    line_start = text.rfind("\n", 0, span.start) + 1
    if span.start - line_start > _STAMP_REACH:
        return False
    found = _STAMP.search(text, line_start, span.start)
    if found is None:
        return False
    before = text[line_start:found.start()]
    return not before.strip() or ("," not in before and bool(_BYLINE_END.search(before)))


def _pluperfect(anchor: Token) -> bool:
    """"had escaped", "had been killed": a happening told as earlier than the clause around it."""
    aux = [c for c in anchor.children if c.dep_ in ("aux", "auxpass")]
    return any(c.lower_ in ("had", "'d") for c in aux) and anchor.tag_ == "VBN"


def _relative_clause(anchor: Token) -> Token | None:
    """The verb of the relative clause describing a participant that the trigger is told in ("men
    *who fled* the camp"), if any, looking up the tree no further than its own sentence. A clause
    on a time ("since March 3, *when* soldiers shot two protesters") or on a happening ("the
    raid, *which killed* two guards, happened on Monday") tells that time's or that happening's
    story: it does not cut the happening off from the sentence's times."""
    return next((t for t in (anchor, *anchor.ancestors) if t.dep_ == "relcl" and not _on_time_or_happening(t)), None)


def _on_time_or_happening(clause: Token) -> bool:
    head = clause.head
    if head.ent_type_ in ("DATE", "TIME") or any(c.lower_ in ("when", "whenever") for c in clause.children):
        return True
    return head.pos_ == "NOUN" and is_trigger_word(head)


_CARRIED = {QuantityKind.KILLED, QuantityKind.INJURED, QuantityKind.ARRESTED, QuantityKind.ESCAPED,
            QuantityKind.DISPLACED, QuantityKind.EVACUATED, QuantityKind.MISSING, QuantityKind.KIDNAPPED}
#: Counts that belong to one kind of happening only: carried over, they go to it or nowhere ("The
#: president pledged to evacuate 5,000 residents." after a kidnapping tells no kidnapping's figure).
_CARRIED_ONLY_TO = {QuantityKind.EVACUATED: frozenset({"evacuation", "displacement"}),
                    QuantityKind.ESCAPED: frozenset({"escape"})}


def _carry_over(text: str, qs: Sequence[Quantity], assigned: list[int | None],
                mentions: Sequence[EventMention]) -> list[int | None]:
    """Outcome counts in a sentence with no trigger of its own ("The toll rose to 12 on Tuesday.")
    go to the nearest earlier happening in the same paragraph: news tells a happening first and
    its toll after."""
    out = list(assigned)
    # A mention qualifies when its trigger starts after the last blank line that ends before the
    # quantity and before the quantity itself; with mentions in text order the last one to
    # qualify is the one just before the quantity, found by bisection.
    breaks = [m.start() for m in re.finditer(r"(?=\n\n)", text)]
    starts = [m.trigger_span.start for m in mentions]
    in_order = all(a <= b for a, b in zip(starts, starts[1:]))
    for i, (q, a) in enumerate(zip(qs, assigned)):
        if a is not None or q.kind not in _CARRIED:
            continue
        b = bisect_right(breaks, q.span.start - 2) - 1
        after = breaks[b] if b >= 0 else -1
        if in_order:
            mi = bisect_left(starts, q.span.start) - 1
            out[i] = mi if mi >= 0 and starts[mi] > after else None
        else:
            out[i] = max((mi for mi, st in enumerate(starts) if after < st < q.span.start), default=None)
        only = _CARRIED_ONLY_TO.get(q.kind)
        if only is not None and out[i] is not None and mentions[out[i]].code not in only:
            out[i] = None
    return out


def _in_context(q: Quantity, mention: EventMention) -> Quantity:
    """A quantity read in its claim's light: people who "fled" in an escape were escapees."""
    if mention.code == "escape" and q.kind is QuantityKind.DISPLACED:
        return replace(q, kind=QuantityKind.ESCAPED)
    return q


def _by_source(qs: Sequence[Quantity], claimed: Attribution | None, coverage: Coverage,
               ) -> tuple[list[Quantity], list[tuple[Attribution, list[Quantity]]]]:
    """The quantities the claim's own chain states, and those another cued source states.

    Why: "the ministry said 12 were killed, while activists put the toll at 30" is one happening
    with two figures from two sources. Filed under the ministry, the 30 would be the ministry's
    word; as its own claim under the activists' chain, fusion counts it as another chain and flags
    the disagreement. A quantity stays with the claim unless the attribution that covers it (the
    innermost content holding it, else the nearest cue in its sentence) is a cued one with a
    different original source.
    """
    own: list[Quantity] = []
    others: dict[tuple[str, ...], tuple[Attribution, list[Quantity]]] = {}
    claimed_key = chain_key(claimed) if claimed is not None else ()
    for q in qs:
        found = coverage.attribution_for(q.span)
        key = chain_key(found) if found is not None else ()
        if found is None or found.cue_span is None or not key or key == claimed_key:
            own.append(q)
            continue
        others.setdefault(key, (found, []))[1].append(q)
    return own, list(others.values())


def _covering(doc: Doc, span: Span, figures: Sequence[Quantity]) -> Span:
    """The claim's sentence stretched over the sentences of figures told after it, so the quote
    an analyst reads holds both the happening and the numbers."""
    start, end = span.start, span.end
    for q in figures:
        tok = token_at(doc, q.span)
        if tok is not None:
            start, end = min(start, tok.sent.start_char), max(end, tok.sent.end_char)
    return Span(start, end)


def _not_places(actors: Sequence[ActorMention], places: Sequence[PlaceMention]) -> list[ActorMention]:
    """Actors less the unknown ones whose words the geoparser read as a literal place.

    Why: the small model sometimes tags a town as a group ("a market in Aleppo" as NORP); the
    actor finder keeps any unknown group it is given, but a name resolved as the place where
    something stands is not who did it. Known actors ("Syrian government forces") and metonyms
    ("Turkey said", kind ``metonym``) are kept.
    """
    literal = [p.span for p in places if p.place is not None and p.kind == "literal"]
    by_start = SpanIndex(literal)  # a long report names thousands of places: read those around
    return [a for a in actors
            if a.actor.type is not ActorType.UNKNOWN
            or not any(literal[i].start <= a.span.start and a.span.end <= literal[i].end
                       for i in by_start.around(a.span.start))]


def _confidence(mention: EventMention, attribution: Attribution | None, grounded: bool) -> float:
    """The typing confidence, lowered by hedges ("reportedly") and raised by attached details."""
    confidence = mention.confidence
    if attribution is not None and attribution.hedges:
        confidence *= 0.9
    if grounded:
        confidence = min(0.99, confidence + 0.05)
    return round(confidence, 3)


#: How far back from its publication a report's own time reaches ("on December 30" in a report
#: of January 2): a year is past only when it is before the year of this earlier day.
OWN_TIME_DAYS = 7


def own_year(document: Document) -> int | None:
    """The year a report's own time is in, from its publication (``None`` without one): the
    year of the day :data:`OWN_TIME_DAYS` before it, so a report of early January telling of
    December 30 does not put that day in the past."""
    if document.published is None:
        return None
    return (document.published - timedelta(days=OWN_TIME_DAYS)).year


def document_quantities(doc: Doc, quantities: Iterable[Quantity] | None = None, *,
                        published_year: int | None = None,
                        times: Sequence[TimeMention] | None = None) -> list[Quantity]:
    """Every quantity of the document as claim assembly sees it: with its scope judged
    (:func:`~sitroom.nlp.count_scope.scope_quantities`), before it is tied to a happening.

    ``published_year`` (:func:`own_year`) is the report's own year, against which a year it
    names is past even when its text names no later one. ``times``, the document's resolved TIMEX
    values, say which years it names and which months are whole months; without them (a report
    with no publication day has none) count scope reads those from the text.
    Why public: per-article measures (GVDB, UCDP) read the figures of the whole text, including
    those no claim takes, and must read the same scope the product records.
    """
    return scope_quantities(doc, quantities if quantities is not None else find_quantities(doc),
                            published_year=published_year, times=times)


def build_claims(
    doc: Doc,
    document: Document,
    *,
    time_mentions: Iterable[TimeMention] = (),
    attributions: Iterable[Attribution] = (),
    place_mentions: Iterable[PlaceMention] | None = None,
    events: Sequence[EventMention] | None = None,
    quantities: Sequence[Quantity] | None = None,
    actors: Sequence[ActorMention] | None = None,
) -> list[Claim]:
    """Claims for one parsed document: one per typed happening (per trigger clause).

    Args:
        doc: the one spaCy parse of ``document.text``.
        document: the document the claims belong to (its id keys the claim ids; its outlet starts
            the default attribution chain).
        time_mentions: resolved time expressions (from :mod:`sitroom.nlp.timex`), optional.
        attributions: attribution chains (from :mod:`sitroom.nlp.attribution`), optional; a claim
            takes the chain whose content covers its trigger, else one cued in its sentence, else
            the outlet alone.
        place_mentions: place mentions (resolved by :mod:`sitroom.geo` when available); ``None``
            means NER spans (:func:`ner_place_mentions`).
        events, quantities, actors: precomputed extractor output (computed here when ``None``).
            Every quantity gets its scope here (:func:`document_quantities`, the report's own
            year from its publication, the years and months it names from ``time_mentions``): a figure about another time or a round-up ("since 2012",
            "in 24 hours") stays on its claim, marked, so fusion leaves it out of the event's toll.

    Returns:
        Claims in text order with deterministic ids (hash of document id + trigger span). A figure
        another source gives for the same happening makes a second claim under that source's chain
        (id from the figure's span), placed right after the first.
    """
    mentions = list(events) if events is not None else classify_events(doc)
    if not mentions:
        return []
    times = list(time_mentions)
    # no resolved dates (no publication day, or no time stage): count scope reads years itself
    qs = document_quantities(doc, quantities, published_year=own_year(document), times=times or None)
    acts = list(actors) if actors is not None else find_actors(doc)
    places = add_place_phrases(doc, place_mentions) if place_mentions is not None else ner_place_mentions(doc)
    attrs = list(attributions)

    by_sentence = SpanIndex([m.sentence_span for m in mentions])
    q_to = _assign(doc, [q.span for q in qs], mentions, by_sentence)
    text = text_of(doc)
    q_to = _carry_over(text, qs, q_to, mentions)
    acts = _not_places(acts, places)
    a_to = _assign(doc, [a.span for a in acts], mentions, by_sentence)
    p_to = _assign(doc, [p.span for p in places], mentions, by_sentence)
    q_of, a_of, p_of = _grouped(qs, q_to), _grouped(acts, a_to), _grouped(places, p_to)
    coverage = Coverage(attrs, document.outlet)
    # a page's time stamp ("Updated 12:20 PM") dates no happening, nor says a sentence has a time
    time_starts = _time_starts([t for t in times if not _stamp(text, t.span)])

    claims: list[Claim] = []
    told_before: list[bool] = []
    for mi, m in enumerate(mentions):
        mq = tuple(_in_context(q, m) for q in q_of.get(mi, ()))
        ma = tuple(a_of.get(mi, ()))
        mp = list(p_of.get(mi, ()))
        attribution = coverage.attribution_for(m.trigger_span)
        own, by_others = _by_source(mq, attribution, coverage)
        claim = Claim(
            id=claim_id(document.id, m.trigger_span), document_id=document.id, event_type=m.event_type,
            sub_event_type=m.sub_event_type, confidence=_confidence(m, attribution, bool(own or ma or mp)),
            span=m.sentence_span, trigger=m.trigger, trigger_span=m.trigger_span, actors=ma,
            places=_places_for(doc, mp, m), time=_time_for(doc, m, time_starts), quantities=tuple(own),
            attribution=attribution, negated=m.negated,
        )
        claims.append(claim)
        for other, figures in by_others:  # the same happening as another source tells its numbers
            claims.append(replace(claim, id=claim_id(document.id, m.trigger_span, figures[0].span), quantities=tuple(figures),
                                  span=_covering(doc, claim.span, figures), attribution=other,
                                  confidence=_confidence(m, other, True)))
        told_before.extend([_definite(doc[m.anchor])] * (1 + len(by_others)))
    def timed(c: Claim) -> bool:
        return any(_dates_a_happening(t) for t in time_starts.within(c.span.start, c.span.end))

    return _lede_times(_shared_places(claims, told_before), timed)


def _grouped(items: Sequence[T], owners: Sequence[int | None]) -> dict[int, list[T]]:
    """Items by the index of the mention they were assigned to, each list in text order."""
    out: dict[int, list[T]] = {}
    for item, owner in zip(items, owners):
        if owner is not None:
            out.setdefault(owner, []).append(item)
    return out


def _definite(trigger: Token) -> bool:
    """"the breakout", "its escape", "this attack": a happening named as one already known."""
    return trigger.pos_ in ("NOUN", "PROPN") and any(
        (c.dep_ == "det" and c.lower_ in ("the", "this", "that")) or (c.dep_ == "poss" and c.pos_ == "PRON")
        for c in trigger.children)


def _placed(c: Claim) -> bool:
    """The claim's own sentence says where its happening was (a resolved place, not one of
    :data:`~sitroom.geo.event_place.WEAK_ROLES`)."""
    ep = c.event_place
    return ep is not None and ep.place is not None and ep.role not in WEAK_ROLES


def _start(c: Claim) -> int:
    """Where the claim's happening is told: its trigger, else its sentence."""
    return (c.trigger_span or c.span).start


def _other_times(a: Claim, b: Claim) -> bool:
    """Both claims are dated by their own words and the dates do not overlap ("on Monday" and
    "on Tuesday"): two happenings, whatever else they share."""
    return a.time is not None and b.time is not None and (a.time.end < b.time.start or b.time.end < a.time.start)


def _donors(claims: Sequence[Claim]) -> dict[tuple[str, str | None], tuple[list[int], list[int], bool]]:
    """Per kind of happening (event type, sub-type): the claims that may lend their place, in text
    order, their starts (for bisection), and whether they are all at one place.

    Sorted here, not assumed: the default stages give claims in text order, but an events stage
    swapped in by a plugin need not, and bisection over unsorted starts finds the wrong lender.
    A negated claim lends nothing ("No bomb exploded in Basra"): its place is where nothing happened.
    """
    by_kind: dict[tuple[str, str | None], list[int]] = {}
    for j, c in enumerate(claims):
        if _placed(c) and not c.negated:
            by_kind.setdefault((c.event_type, c.sub_event_type), []).append(j)
    for js in by_kind.values():
        js.sort(key=lambda j: (_start(claims[j]), j))
    return {k: (js, [_start(claims[j]) for j in js],
                len({claims[j].event_place.place.gazetteer_id for j in js}) == 1)  # type: ignore[union-attr]
            for k, js in by_kind.items()}


def _shared_places(claims: list[Claim], told_before: Sequence[bool]) -> list[Claim]:
    """A claim whose sentence does not say where its happening was takes the place of the same
    happening where the report tells it.

    Why: a report tells its happening once with its place ("a breakout from the al-Hol camp") and
    names it again in the headline ("Turkey reinforces border after reports of camp breakout") and
    in later reactions ("Officials in Ankara dismissed claims about the breakout"). Those
    sentences name only where people speak or act (a role of
    :data:`~sitroom.geo.event_place.WEAK_ROLES`) or no place at all; taken as the event place,
    the speakers' city would become the scene of an escape. Such a claim takes the event place of
    a claim of its kind (event type and sub-type) whose sentence places it: the nearest one
    before it, else the first after it. When there is one before it, it inherits only when it is
    told before any placed claim of its kind (the headline and the lede, as with
    :func:`_lede_times`), names a known happening ("the breakout", "its escapees"), or when every
    placed claim of its kind is at one place (a report of one jailbreak); in a report that places
    such happenings in several places, a later one may be another happening of the same kind
    ("A car bomb exploded in Kirkuk. Officials in Mosul said a roadside bomb killed two"). It
    never inherits from a claim dated by its own words to another time ("on Monday" / "on
    Friday"), nor from a negated one. The place keeps the words and span that name it in the
    other sentence (its provenance).

    A weak place with nothing to take instead is dropped (a country acting, a place of the
    clause that tells of a report, a name that says who people are: "Norway's ministry said"
    are seldom the scene), except the speakers' place: where
    officials or sources speak from is the annotated place in most single sentences that offer
    no other (event_location dev: 25 of 28).

    Cost: the lenders are indexed once per kind (sorted by where they are told) and found by bisection.
    """
    donors = _donors(claims)
    out = list(claims)
    for i, c in enumerate(claims):
        ep = c.event_place
        role = ep.role if ep is not None else None
        weak = role in WEAK_ROLES
        if ep is not None and ep.place is None and is_anaphor(ep):
            ep = None  # "broke out of the facility": a place named before, under another noun
        if ep is not None and not weak:
            continue
        donor = _donor(claims, i, told_before[i], donors.get((c.event_type, c.sub_event_type)))
        places = tuple(replace(p, is_event_place=False) if p.is_event_place else p for p in c.places)
        if donor is not None:
            got = claims[donor].event_place
            places = tuple(sorted(places + (replace(got, confidence=round(got.confidence * 0.8, 3)),),
                                  key=lambda p: p.span.start))
        if donor is not None or (weak and role != "speakers"):
            out[i] = replace(c, places=places)
    return out


def _donor(claims: Sequence[Claim], i: int, told_before: bool,
           kind: tuple[list[int], list[int], bool] | None) -> int | None:
    """Index of the claim whose place claim ``i`` takes (see :func:`_shared_places`), or ``None``."""
    if kind is None:
        return None
    js, starts, one_place = kind
    at = _start(claims[i])
    lo, hi = bisect_left(starts, at), bisect_right(starts, at)  # a claim is never its own lender
    if lo > 0:
        if not told_before and not one_place:
            return None  # a later happening of the same kind, told anew: maybe another one
        donor = js[lo - 1]
    elif hi < len(js):
        donor = js[hi]
    else:
        return None
    return None if _other_times(claims[i], claims[donor]) else donor


def _lede_times(claims: list[Claim], timed: Callable[[Claim], bool] = lambda c: False) -> list[Claim]:
    """A claim told before any dated claim of its sub-type takes that claim's time.

    Why: news names a happening in the headline ("Second car bomb in a week hits Qamishli") and
    dates it in the lede ("... exploded on Sunday"). Left undated, the headline's claim could join
    any event of its kind in the past days. Only claims *before* the first dated one inherit (a
    later undated mention may be background), and the time keeps the span of the lede's words.
    A claim whose own sentence has times (``timed``) that do not date it ("said on Monday that
    gunmen had killed 11") stays undated: its sentence told when, just not for this happening.
    """
    first: dict[str | None, Claim] = {}
    for c in claims:
        if c.time is not None and c.sub_event_type not in first and not c.negated:
            first[c.sub_event_type] = c
    out = []
    for c in claims:
        dated = first.get(c.sub_event_type)
        if c.time is None and dated is not None and c.span.end <= dated.span.start and not timed(c):
            c = replace(c, time=dated.time)
        out.append(c)
    return out

