"""GVDB city and date per article, read from our extraction: where and when the shooting happened.

Why from claims: a local crime report names streets, hospitals, the police department's town and
the suspect's home town. A dateline, when there is one, names the city (local news files from
where things happen); otherwise the city is the event place of the happening the report is about,
as the one event-place chooser (:mod:`sitroom.geo.event_place`) picks it, resolved by the
gazetteer to its town (a street or a building settles to the town it lies in); then the first
town the body names.

The date is the claim's event time from the TIMEX resolver, resolved against the publication date.
GVDB has no publication-date column: the article URL often carries one ("/2016/03/14/",
"-20160314-", "-03-14-2016"), and some pages print it in the dateline ("SPRINGFIELD, Ill. (Mar. 3,
2016) -"). Without either, only a date the text states in full ("Thursday, March 9, 2017") can be
resolved, and the latest such date stands in for the publication day; an article with none of
these cannot place "on Saturday" at all and counts as a miss (the eval reports that ceiling).
The gold date is a day picked in a calendar widget, so the comparison is exact at day precision:
a prediction is right when it is one day and that day is the gold's.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Sequence

from spacy.tokens import Doc

from sitroom.geo.toponyms import is_home_town
from sitroom.nlp.dateline import find_dateline
from sitroom.model import Claim, PlaceMention, Precision, QuantityKind, Span, TimeMention, TimePrecision
from sitroom.nlp.quantities import find_quantities

__all__ = ["publication_date", "text_anchor", "states_year", "predict_city", "predict_date", "city_matches", "gold_date", "stamp_end", "toll_sentences", "VIOLENT_TYPES"]

_MONTHS = {m: i + 1 for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))}
_URL_DATES = (
    re.compile(r"/(?P<y>20\d\d)/(?P<m>\d\d)/(?P<d>\d\d)(?:/|$)"),
    re.compile(r"/(?P<y>20\d\d)/(?P<m>[a-z]{3})/(?P<d>\d\d?)/"),
    re.compile(r"/(?P<y>20\d\d)-(?P<m>\d\d)-(?P<d>\d\d)"),
    re.compile(r"[/_-](?P<y>20\d\d)(?P<m>\d\d)(?P<d>\d\d)(?:[/_.-]|$)"),
    # a slug ending in the US order: ".../man-shot-sunday-01-17-2016"
    re.compile(r"[/_-](?P<m>\d\d)-(?P<d>\d\d)-(?P<y>20\d\d)(?:[/_.-]|$)"),
)
_STAMP = re.compile(r"\(\s*([A-Z][a-z]{2,8})\.? (\d{1,2}),? (20\d\d)\s*\)")
#: Happenings a shooting report is about (its other claims are arrests, charges, court dates).
VIOLENT_TYPES = frozenset({"Violence against civilians", "Battles", "Explosions/Remote violence", "Riots"})
_TOWNISH = (Precision.TOWN, Precision.POINT)


def _day(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def publication_date(url: str, text: str = "") -> date | None:
    """The article's publication day: from its URL, else a date stamp in its first lines."""
    for pattern in _URL_DATES:
        m = pattern.search(url or "")
        if m:
            month = int(m["m"]) if m["m"].isdigit() else _MONTHS.get(m["m"].lower())
            day = _day(int(m["y"]), month, int(m["d"])) if month else None
            if day is not None:
                return day
    m = _STAMP.search(text[:400])
    if m and m[1][:3].lower() in _MONTHS:
        return _day(int(m[3]), _MONTHS[m[1][:3].lower()], int(m[2]))
    return None


def states_year(t: TimeMention) -> bool:
    """The time's own words give its year ("March 9, 2017", "2/8/2017"): it needs no anchor."""
    return bool(re.search(r"\b(?:19|20)\d\d\b", t.text))


def stamp_end(text: str) -> int:
    """End offset of a publication stamp in the first lines ("(Jan. 8, 2016)"), else 0."""
    m = _STAMP.search(text[:400])
    return m.end() if m else 0


def gold_date(value: Any) -> date | None:
    """The gold ``date`` ("2016-01-27", also unpadded "2015-8-23"), or ``None``."""
    try:
        y, m, d = str(value).strip().split("-")
        return date(int(y), int(m), int(d))
    except (ValueError, TypeError):
        return None


def _norm(name: str) -> str:
    """Case, spacing, end punctuation, a leading "the" and a possessive do not change the city."""
    name = re.sub(r"['\u2019]s$", "", name.strip().lower().strip(" ,;:"))
    name = re.sub(r"^the\s+", "", name)
    return re.sub(r"[\s.]+", " ", name).strip()


def city_matches(predicted: Sequence[str], gold: str) -> bool:
    """Exact match, case- and space-insensitive, of any name we give the city (the text of the
    mention or the gazetteer's name for it) with the gold city."""
    g = _norm(gold)
    return bool(g) and any(_norm(p) == g for p in predicted if p)


def _names(m: PlaceMention) -> tuple[str, ...]:
    """One mention's two spellings of its town: as the text states it, and as the gazetteer
    resolved it (a street or a building settles to its town, "Philly" to Philadelphia)."""
    return (m.text,) if m.place is None else (m.text, m.place.name)


def _town(m: PlaceMention | None) -> bool:
    return m is not None and m.place is not None and m.place.precision in _TOWNISH and m.place.country == "US"


def _main_claims(claims: Sequence[Claim]) -> list[Claim]:
    """The report's happenings, the violent ones first (the shooting before the arrest), each
    group in text order."""
    return sorted(claims, key=lambda c: (c.event_type not in VIOLENT_TYPES, c.trigger_span.start if c.trigger_span else 0))


def predict_city(doc: Doc, claims: Sequence[Claim], places: Sequence[PlaceMention], body_start: int = 0) -> tuple[str, ...]:
    """The names of the city where the report's happening took place (empty when none): the
    mention's text and, when resolved, the gazetteer's name for it.

    Order: the dateline (local news files from the town where it happened); the event place of
    the violent happening in the body (resolved to a US town: a street or a building settles to its
    town); the first US town the body names, not a person's home town ("Ann Reed of Ashvale") (the
    title comes last: headlines name the outlet's city as often as the scene).
    """
    line = find_dateline(doc.text)
    if line is not None:
        over = [m for m in places if m.span.start < line.end and line.start < m.span.end and m.place is not None]
        if not any(m.place.precision in (Precision.ADMIN1, Precision.COUNTRY, Precision.REGION) for m in over):
            return (line.quote(doc.text),) + tuple(m.place.name for m in over)
    # the shooting's place, not an arrest's: a suspect is often caught in another town
    for c in _main_claims(claims):
        ep = c.event_place
        if c.event_type in VIOLENT_TYPES and _town(ep) and ep.span.start >= body_start:
            return _names(ep)
    towns = [m for m in places if _town(m) and m.kind == "literal" and not is_home_town(doc, m)]
    towns = [m for m in towns if m.span.start >= body_start] or towns
    return _names(towns[0]) if towns else ()


def toll_sentences(doc: Doc) -> list[Span]:
    """Sentences that state how many were killed or injured: where a report tells its happening."""
    out: list[Span] = []
    for q in find_quantities(doc):
        if q.kind not in (QuantityKind.KILLED, QuantityKind.INJURED):
            continue
        span = doc.char_span(q.span.start, q.span.end, alignment_mode="expand")
        if span is not None and len(span):
            sent = span[0].sent
            out.append(Span(sent.start_char, sent.end_char))
    return out


#: Words that say a time names a day ("Tuesday night", "Nov. 30", "yesterday"); a bare clock time
#: ("11 a.m.") or "now" takes its day from the publication date, it does not state one.
_DAY_WORDS = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*\d"
    r"|\d{1,2}/\d{1,2}|\byesterday\b|\btoday\b|\btonight\b|\blast night\b|\bthis (?:morning|afternoon|evening)\b"
    r"|\bearlier\b|\bchristmas\b|\bnew year|\bthanksgiving\b|\bhalloween\b|\bprevious\b|\bfollowing\b|\bnext\b",
    re.I)


def _is_day(t: TimeMention | None, published: date) -> bool:
    """A single past (or today's) day that the words state, not one borrowed from the anchor."""
    return (t is not None and t.precision == TimePrecision.DAY and t.start == t.end and t.start <= published
            and t.type in ("DATE", "TIME") and bool(_DAY_WORDS.search(t.text)))


def _in(spans: Sequence[Span], t: TimeMention) -> bool:
    return any(s.start <= t.span.start < s.end for s in spans)


def predict_date(claims: Sequence[Claim], times: Sequence[TimeMention], published: date | None,
                 stamp_end: int = 0, toll_sentences: Sequence[Span] = ()) -> date | None:
    """The day the report's happening took place.

    Order: the event time of a violent happening (a single past day that the words name: "11
    a.m." alone borrows the publication day and says nothing); else a past day named in a sentence
    that states a toll (``toll_sentences``: "a man was killed Saturday"); else the first past day
    the report names after its date stamp that is not the day of a later step of the story (the
    arrest, the charge, the hearing: the time of a non-violent claim); else the first past day;
    else the publication day (a report of "a shooting" with no day tells of today's).
    """
    if published is None:
        return None
    for c in _main_claims(claims):
        if c.event_type in VIOLENT_TYPES and _is_day(c.time, published):
            return c.time.start
    days = [t for t in times if t.span.start >= stamp_end and _is_day(t, published)]
    for t in days:
        if _in(toll_sentences, t):
            return t.start
    later_steps = {(c.time.span.start, c.time.span.end) for c in claims
                   if c.time is not None and c.event_type not in VIOLENT_TYPES}
    for t in days:
        if (t.span.start, t.span.end) not in later_steps:
            return t.start
    return days[0].start if days else published


_FULL_DATE = re.compile(
    r"\b(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+"
    r"(?P<year>(?:19|20)\d\d)\b|\b(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>(?:19|20)\d\d)\b")


#: Words before a date that make it a day still to come (a hearing, a deadline).
_SCHEDULED = re.compile(r"\b(?:scheduled|set|slated|due|will|until|expected|next|planned|adjourned|postponed)\b[^.]*$",
                        re.IGNORECASE)


def text_anchor(text: str) -> date | None:
    """The latest full date (month, day and year) the text states, or ``None``.

    Why: without a publication date, "on Saturday" cannot be resolved, but a date stated in full
    ("Thursday, March 9, 2017") needs no anchor, and a report is written on or after the latest day
    it states in full, so that day stands in for the publication day.
    """
    best = None
    for m in _FULL_DATE.finditer(text):
        if _SCHEDULED.search(text, max(0, m.start() - 40), m.start()):
            continue  # "the trial is set for ...": a day still to come says nothing of when it was written
        if m["mon"]:
            day = _day(int(m["year"]), _MONTHS[m["mon"][:3].lower()], int(m["day"]))
        else:
            day = _day(int(m["y"]), int(m["m"]), int(m["d"]))
        if day is not None and (best is None or day > best):
            best = day
    return best
