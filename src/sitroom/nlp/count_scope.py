"""Whether a count is of the reported incident or of something larger: a tally over a period
("40 people have been shot dead here since 2015"), a round-up ("12 fighters killed over the past
two days"), a nation's day.

Why apart from :mod:`sitroom.nlp.quantities`: the quantity reader says *what* a number counts;
these rules say whether it counts *this* happening, which reads the sentence and the document.
Claim assembly (:mod:`sitroom.nlp.claims`) records the answer on every quantity
(:func:`scope_quantities`: ``Quantity.scope`` with the words that show it), so fusion takes an
event's toll from its own figures only and the per-article evaluations read the same judgment.
Word lists and phrase patterns: ``data/count_scope.json``. The years a text names and whether a
month is a whole month ("since January") or a day of one ("since March 7") come from the
document's resolved TIMEX values, which claim assembly passes in (one date reader for the
product); only a document with no resolved dates (no publication day) is read by this module's
own year pattern and month words.

Cost: claim assembly asks this of every number of every document, so nothing here may grow with
the square of a sentence. The document's sentences are indexed once (token starts, searched by
bisection) and each sentence's cue words are found once (kept in ``doc.user_data`` under
``sitroom.count_scope``, dropped by :func:`~sitroom.nlp.parse.forget_scratch`); a number is then
judged on the cues within :data:`WINDOW` tokens of its verb, which is all a news clause spans.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Iterable, Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from sitroom.datafiles import load_json
from sitroom.model import Quantity, QuantityScope, Span, TimeMention
from sitroom.nlp.parse import text_of, token_at
from sitroom.nlp.span_index import PointIndex

__all__ = ["is_background", "is_tally", "background_cue", "tally_cue", "latest_year",
           "quantity_scope", "scope_quantities", "WINDOW"]

#: Tokens either side of a count's verb that its scope is judged on (capped at the sentence). No
#: clause of news prose is longer; a longer "sentence" is a list or hostile input, and reading it
#: whole for every number in it would cost the square of its length.
WINDOW = 60

_CACHE_KEY = "sitroom.count_scope"
_EVENT = QuantityScope.EVENT


@dataclass(frozen=True)
class _Rules:
    """``data/count_scope.json`` compiled: the patterns searched in a sentence's text and the word
    sets the tree walks consult (see the file's ``_about`` for what each one is for)."""

    cumulative: re.Pattern[str]
    time_nouns: frozenset[str]
    past_opener: re.Pattern[str]
    period: re.Pattern[str]
    period_no_months: re.Pattern[str]
    """The period phrases less those of a month ("killed in January"), which the resolved TIMEX
    values give (:func:`_timex_month_periods`)."""
    roundup: re.Pattern[str]
    roundup_label: re.Pattern[str]
    breakdown: re.Pattern[str]
    day_words: frozenset[str]
    far_back_nouns: frozenset[str]
    months: frozenset[str]
    dated_month_words: frozenset[str]
    how_subordinators: frozenset[str]


def _opener(patterns: list[str]) -> re.Pattern[str]:
    # the named group is the opener itself, without the punctuation a sentence may start with
    return re.compile(r"^\W*(?P<cue>" + "|".join(patterns) + ")", re.I)


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    """The rule tables of ``data/count_scope.json``, compiled once per process."""
    data = load_json("count_scope.json")
    markers = "|".join(re.escape(m) for m in data["cumulative_markers"])
    months = "(?:" + "|".join(map(re.escape, data["months"])) + ")"
    return _Rules(
        cumulative=re.compile(rf"\b(?:{markers})\b", re.I),
        time_nouns=frozenset(data["time_nouns"]),
        past_opener=_opener(data["past_openers"]),
        period=re.compile("|".join(p.replace("{months}", months) for p in data["period_phrases"]), re.I),
        period_no_months=re.compile("|".join(p for p in data["period_phrases"] if "{months}" not in p), re.I),
        roundup=re.compile("|".join(data["roundup_phrases"]), re.I),
        roundup_label=_opener([rf"{w}\b" for w in data["roundup_labels"]]),
        breakdown=re.compile(data["breakdown"], re.I),
        day_words=frozenset(w.lower() for w in data["day_words"]),
        far_back_nouns=frozenset(data["since_far_back"]["nouns"]),
        months=frozenset(data["months"]),
        dated_month_words=frozenset(data["since_far_back"]["dated_month_words"]),
        how_subordinators=frozenset(data["how_subordinators"]),
    )


#: A year of modern record, as this module reads one (1800-2099): "the 1400 block", "1418 Main
#: Street" are addresses, not years, in either reading below.
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


# ------------------------------------------------------------------ the document's index, once


#: Cues of one kind, each a tuple standing on the token its first item is: those within a window
#: are found by bisection (``within(lo, hi)``, in text order), so a number costs what its window
#: holds, not what its sentence holds.
_Marks = PointIndex[tuple]


def _marks(items: Iterable[tuple]) -> _Marks:
    """``items`` filed by their token, in text order (by token, ties as given)."""
    return PointIndex(sorted(items, key=_token_of), _token_of)


def _token_of(item: tuple) -> int:
    return item[0]


@dataclass
class _Sentence:
    """The cue words of one sentence, found once in its text (see :class:`_Rules`)."""

    index: int
    alone: bool
    """The document's first sentence (a headline or lede) or a line of its own (a headline in a
    list of headlines): a sentence that takes no where or how from a sentence before it."""
    start: int
    end: int
    past_opener: tuple[Span, int] | None
    """The words of a past opener ("Earlier", "Last month") and the token they stand on."""
    roundup: Span | None
    cumulative: _Marks
    """(first token, end token, words) of each cumulative marker ("since", "so far")."""
    period: _Marks
    """(root token, words) of each period or area phrase ("over the past two days")."""
    breakdown: _Marks
    """(token,) of each "including N" breakdown."""


@dataclass
class _Index:
    """What the scope rules read of a whole document, built once per parse (``doc.user_data``)."""

    starts: list[int]
    ends: list[int]
    resolved: bool
    """Built from the resolved TIMEX values (:func:`_timex_years`, :func:`_timex_months`), not by
    reading the text with this module's own rules."""
    text_latest: int | None
    """The latest year the text names (counts like "2050 troops" left out)."""
    years: _Marks
    """(token, year, words) of each year the text names."""
    days: _Marks
    """(token,) of each whole-day word ("yesterday")."""
    places: _Marks
    """(token,) of each place entity (GPE, LOC, FAC)."""
    whole_months: frozenset[int] | None = None
    """With TIMEX values: the tokens of the month names that stand for a whole month ("since
    January", "in March 2019"), not a day ("since March 7", "late February"); ``None`` when
    :func:`_dated` reads the words around a month instead."""
    month_periods: _Marks | None = None
    """With TIMEX values: (root token, words) of each "in <month>" period ("killed in January");
    ``None`` when the period phrases of ``data/count_scope.json`` find them in the text."""
    sentences: dict[int, _Sentence] = field(default_factory=dict)


def _is_year(tok: Token) -> bool:
    """A four-digit number that names a year, not a count of something ("2050 troops")."""
    return not (tok.dep_ == "nummod" and tok.head.tag_ in ("NNS", "NNPS"))


def _text_years(doc: Doc) -> list[tuple[int, int, Span]]:
    """(token, year, words) of each year the text names, read with this module's own pattern:
    the fallback when the document's dates were not resolved (no publication day)."""
    text = text_of(doc)
    years = []
    for m in _YEAR.finditer(text):
        toks = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if toks is not None and len(toks) == 1 and _is_year(toks[0]):
            years.append((toks[0].i, int(m.group()), Span(m.start(), m.end())))
    return years


def _timex_years(doc: Doc, times: Sequence[TimeMention]) -> list[tuple[int, int, Span]]:
    """(token, year, words) of each year the text names, from the resolved TIMEX values: the
    year of a value ("2012", "2010-03", "2014-05-02") when its digits are written in the
    expression ("since 2012", "in March 2010"), not one resolved from "last year"; the words
    are the year's own digits, as with :func:`_text_years`."""
    years = []
    for t in times:
        value = t.value or ""
        if len(value) < 4 or not value[:4].isdigit() or value[4:5] not in ("", "-"):
            continue  # a decade ("199"), a duration, a week of no year
        if _YEAR.fullmatch(value[:4]) is None:
            continue
        at = _YEAR.search(t.text)
        while at is not None and at.group() != value[:4]:
            at = _YEAR.search(t.text, at.end())
        if at is None:
            continue
        start = t.span.start + at.start()
        toks = doc.char_span(start, start + 4, alignment_mode="expand")
        if toks is not None and len(toks) == 1 and _is_year(toks[0]):
            years.append((toks[0].i, int(value[:4]), Span(start, start + 4)))
    return years


def _timex_months(doc: Doc, times: Sequence[TimeMention]) -> frozenset[int]:
    """The tokens of month names that stand for a whole month in the resolved TIMEX values: a
    value of month precision ("2026-01", "2019-03"), not of a day, and not "late February" (the
    end of a month is as near as a day: ``since_far_back.dated_month_words``)."""
    rules = _rules()
    out = set()
    for t in times:
        value = t.value or ""
        if len(value) != 7 or not value[:4].isdigit() or not value[5:7].isdigit():
            continue
        span = doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
        for tok in span or ():
            if tok.text in rules.months and not (
                    tok.i > 0 and doc[tok.i - 1].lower_ in rules.dated_month_words):
                out.add(tok.i)
    return frozenset(out)


def _timex_month_periods(doc: Doc, times: Sequence[TimeMention]) -> list[tuple[int, Span]]:
    """(root token, words) of each "in <month>" that the TIMEX values resolve to a whole month
    ("killed in January"; not "in January 2019" or "in March 7", which name more than the month):
    the period phrase of a month, for :func:`_read_sentence`."""
    months = {m.lower() for m in _rules().months}
    out = []
    for t in times:
        value = t.value or ""
        if len(value) != 7 or not value[:4].isdigit() or not value[5:7].isdigit() or t.text.lower() not in months:
            continue
        span = doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
        if span is None or len(span) != 1 or span.start == 0:
            continue
        prep = doc[span.start - 1]
        if prep.lower_ == "in":
            phrase = doc[prep.i:span.end]
            out.append((phrase.root.i, Span(prep.idx, t.span.end)))
    return out


def _index(doc: Doc, times: Sequence[TimeMention] | None = None) -> _Index:
    """The document's sentence index and doc-wide cues, built on first use and kept in
    ``doc.user_data`` (a ``sitroom.`` key: :func:`~sitroom.nlp.parse.forget_scratch` drops it).

    Years and month precision come from the document's resolved TIMEX values when ``times`` is
    given (claim assembly has them: the one date reader, not a second one here), else from the
    text by this module's own pattern (a caller that resolved no dates). An index built from the
    text is built again when the values are given."""
    index = doc.user_data.get(_CACHE_KEY)
    if index is not None and (times is None or index.resolved):
        return index
    sents = list(doc.sents)
    rules = _rules()
    years = _timex_years(doc, times) if times is not None else _text_years(doc)
    index = _Index(
        starts=[s.start for s in sents], ends=[s.end for s in sents], resolved=times is not None,
        text_latest=max((y for _, y, _ in years), default=None), years=_marks(years),
        days=_marks((t.i,) for t in doc if t.lower_ in rules.day_words),
        places=_marks((e.start,) for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC")),
        whole_months=_timex_months(doc, times) if times is not None else None,
        month_periods=_marks(_timex_month_periods(doc, times)) if times is not None else None,
    )
    doc.user_data[_CACHE_KEY] = index
    return index


def _sentence(doc: Doc, i: int) -> _Sentence:
    """The sentence holding token ``i``, its cues found on first use."""
    index = _index(doc)
    k = max(bisect.bisect_right(index.starts, i) - 1, 0)
    found = index.sentences.get(k)
    if found is None:
        found = index.sentences[k] = _read_sentence(doc, k, index.starts[k], index.ends[k])
    return found


def _read_sentence(doc: Doc, k: int, start: int, end: int) -> _Sentence:
    """One pass of the patterns over one sentence's text (a slice of :func:`text_of`)."""
    rules = _rules()
    base = doc[start].idx
    last = doc[end - 1]
    sent = text_of(doc)[base:last.idx + len(last.text)]

    def words(a: int, b: int) -> TokenSpan | None:
        return doc.char_span(base + a, base + b, alignment_mode="expand")

    past = None
    m = rules.past_opener.match(sent)
    if m and (toks := words(m.start("cue"), m.end("cue"))) is not None:
        past = (_phrase(doc, toks.start, toks.end), toks.root.i)
    m = rules.roundup_label.match(sent)
    if m:
        roundup: Span | None = Span(base + m.start("cue"), base + m.end("cue"))
    else:
        m = rules.roundup.search(sent)
        roundup = Span(base + m.start(), base + m.end()) if m else None
    cumulative = []
    for m in rules.cumulative.finditer(sent):
        toks = words(m.start(), m.end())
        if toks is not None and len(toks):
            cumulative.append((toks.start, toks.end, _phrase(doc, toks.start, toks.end)))
    period = []
    month_periods = _index(doc).month_periods
    for m in (rules.period if month_periods is None else rules.period_no_months).finditer(sent):
        toks = words(m.start(), m.end())
        if toks is not None and len(toks):
            period.append((toks.root.i, Span(base + m.start(), base + m.end())))
    if month_periods is not None:
        period += month_periods.within(start, end)
    breakdown = []
    for m in rules.breakdown.finditer(sent):
        toks = words(m.start(), m.end())
        if toks is not None and len(toks):
            breakdown.append((toks.start,))
    alone = k == 0 or _on_own_line(text_of(doc), base + len(sent) - len(sent.lstrip()), base + len(sent.rstrip()))
    return _Sentence(index=k, alone=alone, start=start, end=end, past_opener=past, roundup=roundup,
                     cumulative=_marks(cumulative), period=_marks(period), breakdown=_marks(breakdown))


def _on_own_line(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has only spaces or tabs between it and a line break (or the text's
    edge) on both sides: a headline or a list line. Reads only the characters next to it, so the
    cost does not grow with the document (slicing the text before and after did)."""
    i = start
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    j = end
    while j < len(text) and text[j] in " \t":
        j += 1
    return (i == 0 or text[i - 1] == "\n") and (j == len(text) or text[j] == "\n")


def _phrase(doc: Doc, start: int, end: int) -> Span:
    """The words of a cue: a preposition or subordinator with what it governs ("since 2012",
    "since the war began", "in an earlier attack"), else the matched words ("so far", "Earlier").
    Capped at eight tokens, so a misparse never makes a cue of half a sentence."""
    first = doc[start]
    if first.dep_ in ("prep", "mark"):
        head = first.head if first.dep_ == "mark" else first
        lo, hi = head.left_edge.i, head.right_edge.i + 1
        while hi > lo and doc[hi - 1].is_punct:
            hi -= 1
        if lo <= start and hi >= end and hi - lo <= 8:
            start, end = lo, hi
    last = doc[end - 1]
    return Span(doc[start].idx, last.idx + len(last.text))


# ------------------------------------------------------------------ one number, read once


@dataclass(frozen=True)
class _Reading:
    """One number in its sentence: its tokens, its clause's verb, the verbs that clause shares
    its words with, and the window of tokens it is judged on."""

    doc: Doc
    q: Quantity
    span: TokenSpan
    verb: Token
    targets: frozenset[int]
    sentence: _Sentence
    lo: int
    hi: int


def _read(doc: Doc, q: Quantity) -> _Reading | None:
    span = doc.char_span(q.span.start, q.span.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    verb = _clause_verb(span.root)
    sentence = _sentence(doc, verb.i)
    lo, hi = max(sentence.start, verb.i - WINDOW), min(sentence.end, verb.i + WINDOW + 1)
    return _Reading(doc, q, span, verb, _targets(verb), sentence, lo, hi)


def _clause_verb(tok: Token) -> Token:
    """The verb of the clause ``tok`` is in (``tok`` itself at the root)."""
    t = tok
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            return t
        t = t.head
    return t


def _elliptical(v: Token) -> bool:
    """A conjoined verb that shares its auxiliaries and subject with the verb before it ("killed
    40 and wounded 120", "have been killed and 120 wounded"): no auxiliary of its own, and no
    subject but a bare count."""
    if v.dep_ != "conj":
        return False
    kids = list(v.children)
    return not any(c.dep_ in ("aux", "auxpass") for c in kids) and all(
        c.pos_ == "NUM" for c in kids if c.dep_ in ("nsubj", "nsubjpass"))


def _targets(verb: Token) -> frozenset[int]:
    """The count's verb and the verbs it is elliptically coordinated with, either way: one clause
    for the markers ("Since 2012, 40 have been killed and 120 wounded": both are background)."""
    out = {verb.i} | {c.i for c in verb.children if _elliptical(c)}
    if _elliptical(verb):
        out |= {verb.head.i} | {c.i for c in verb.head.children if _elliptical(c)}
    return frozenset(out)


def _described(t: Token) -> bool:
    """A time noun made a point of comparison by "the" or an adjective ("the deadliest day"), not
    the clause's own period ("this year")."""
    return any((c.dep_ == "det" and c.lower_ == "the") or c.dep_ == "amod" for c in t.children)


def _modifies_clause(marker: Token, targets: frozenset[int], marker_end: int | None = None) -> bool:
    """Whether a marker modifies the count's own clause (a verb of ``targets``: "have died *since*
    2012", "killed *so far this year*"), not a noun or another clause ("the deadliest attack since
    the truce", "the deadliest day for the army since 2014", "... and gunmen have killed 40 since
    January" for the first clause's count).

    The walk up from the marker passes through a bare time noun ("so far this *year*") and the
    verb of the clause the marker opens ("*since* the offensive *began*, 40 ..."), through nothing
    else; tokens of the marker itself (``marker_end`` exclusive) are passed through as they are.
    """
    time_nouns = _rules().time_nouns
    end = marker_end if marker_end is not None else marker.i + 1
    t = marker
    for _ in range(3):
        if t.i in targets:
            return True
        if t.head.i == t.i:
            return False
        if not marker.i <= t.i < end:
            if t.pos_ in ("NOUN", "PROPN") and (t.lower_ not in time_nouns or _described(t)):
                return False
            if t.pos_ in ("VERB", "AUX") and not (marker.dep_ == "mark" and t.i == marker.head.i):
                return False
        t = t.head
    return t.i in targets


def _clause_chain(r: _Reading) -> set[int]:
    """The count's clause and the clauses it is said within ("Earlier, police *said* six were
    killed"), not clauses it is merely joined to by "and" or a semicolon."""
    chain = set(r.targets)
    t = r.verb
    for _ in range(8):
        if t.head.i == t.i or t.dep_ in ("conj", "parataxis"):
            break
        t = t.head
        chain.add(t.i)
    return chain


def _under(tok: Token, region: Token, steps: int = 12) -> bool:
    """Whether ``tok`` is ``region`` or within a few links below it."""
    t = tok
    for _ in range(steps):
        if t.i == region.i:
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def _reaches_back(since: Token, r: _Reading) -> bool:
    """Whether "since" reaches back before the happening ("since 2012", "since January", "since
    the war began"), rather than to its start ("have escaped since the fence was breached on
    Wednesday", "since the breach", "since the fighting erupted this week": a running count of
    this happening)."""
    rules = _rules()
    region = since.head if since.dep_ == "mark" else since
    doc = r.doc
    index = _index(doc)
    for t in doc[max(region.left_edge.i, r.lo):min(region.right_edge.i + 1, r.hi)]:
        far = bool(index.years.within(t.i, t.i + 1)) or (
            t.lower_ in rules.far_back_nouns and not any(c.lower_ == "this" for c in t.children)) or (
            _whole_month(t, index))
        if far and _under(t, region):
            return True
    return False


def _whole_month(t: Token, index: _Index) -> bool:
    """Whether ``t`` names a whole month ("since January"), not a day of one ("since March 7"):
    as the resolved TIMEX values say when the index has them, else by :func:`_dated`."""
    if index.whole_months is not None:
        return t.i in index.whole_months
    return t.text in _rules().months and not _dated(t)


def _dated(month: Token) -> bool:
    """A month that names a day ("March 7", "25 February", "late February"), not a whole month:
    the text's own reading, for a document whose dates were not resolved."""
    doc, rules = month.doc, _rules()
    after = doc[month.i + 1] if month.i + 1 < len(doc) else None
    before = doc[month.i - 1] if month.i > 0 else None
    return (after is not None and after.like_num) or (before is not None and (
        before.like_num or before.lower_ in rules.dated_month_words))


def latest_year(doc: Doc, published_year: int | None = None) -> int | None:
    """The document's own time, against which an earlier year is past: the latest year its text
    names (not a count such as "2050 troops") or the year it was published, whichever is later."""
    years = [y for y in (_index(doc).text_latest, published_year) if y is not None]
    return max(years) if years else None


# ------------------------------------------------------------------ the rules


def _background(r: _Reading, latest: int | None) -> Span | None:
    """:func:`background_cue` of one reading."""
    s = r.sentence
    if s.past_opener is not None:
        cue, tok = s.past_opener
        if _clause_verb(r.doc[tok]).i in _clause_chain(r):
            return cue
    for start, end, cue in s.cumulative.within(r.lo, r.hi):
        marker = r.doc[start]
        if _modifies_clause(marker, r.targets, end) and (marker.lower_ != "since" or _reaches_back(marker, r)):
            return cue
    years = _index(r.doc).years.within(r.lo, r.hi)
    if not years or latest is None:
        return None
    _, year, cue = max(years, key=lambda y: y[1])  # the first of the latest year named
    return cue if year < latest else None


def _tally(r: _Reading) -> Span | None:
    """:func:`tally_cue` of one reading."""
    if r.q.high == 1:
        return None  # one person is one happening: "gunning a man down back in December"
    s = r.sentence
    if s.roundup is not None:
        return s.roundup
    # the clause's verbs, or the word that says what happened to the counted ("two guards *killed*
    # across the province" under another verb)
    counted = token_at(r.doc, r.q.counted_span)
    heads = r.targets | ({counted.i} if counted is not None and counted.pos_ == "VERB" else set())
    for root, cue in s.period.within(r.lo, r.hi):
        if _modifies_clause(r.doc[root], heads):
            return cue
    return _day_total(r)


def _day_total(r: _Reading) -> Span | None:
    """The day word of "90 died yesterday, including ..." (see :func:`tally_cue`), or ``None``."""
    span, verb, doc = r.span, r.verb, r.doc
    noun = span.root.head if span.root.dep_ in ("nummod", "quantmod") else span.root
    if noun.dep_ not in ("nsubj", "nsubjpass") or noun.head.i != verb.i:
        return None  # not a count said to have died: "killing his five children today"
    index = _index(doc)
    day = next((doc[i] for (i,) in index.days.within(r.lo, r.hi) if _modifies_clause(doc[i], r.targets)), None)
    if day is None:
        return None  # not the clause's day: "today's tragic death"
    cue = Span(day.idx, day.idx + len(day.text))
    if noun.ent_type_ == "NORP" and noun.tag_ in ("NNPS", "NNS") and not any(
            c.dep_ in ("amod", "compound") for c in noun.children):
        return cue
    if r.sentence.breakdown.within(r.lo, r.hi):
        return cue
    if index.places.within(r.lo, r.hi) or _says_how(verb):
        return None
    # a later sentence takes where and how from the ones before it ("A drone struck a car on the
    # road to Marib. Two civilians were killed today"): only a headline or lede stands alone
    return cue if r.sentence.alone else None


def _says_how(verb: Token) -> bool:
    """Whether the clause tells by whom, where or how ("by gunmen", "in an attack", "when ...")."""
    rules = _rules()
    for c in verb.children:
        if c.dep_ == "agent":
            return True
        if c.dep_ == "advcl" and any(m.dep_ in ("mark", "advmod") and m.lower_ in rules.how_subordinators for m in c.children):
            return True
        if c.dep_ == "prep" and c.lower_ != "including" and any(
                o.dep_ == "pobj" and o.pos_ in ("NOUN", "PROPN") and o.lower_ not in rules.time_nouns
                and o.ent_type_ not in ("DATE", "TIME") for o in c.children):
            return True
    return False


# ------------------------------------------------------------------ the public questions


def background_cue(doc: Doc, q: Quantity, *, latest: int | None = None) -> Span | None:
    """The words that make ``q`` count something other than the reported incident (a tally over
    a period, an earlier happening), or ``None`` when nothing does.

    Why: local reports set an incident against the city's record and earlier tragedies; those
    numbers are real counts but not of this event. Rule, on the count's own sentence: a
    cumulative marker ("since", "so far", "this year", "on average" ...) modifies the count's own
    clause ("300 people have died here *since 2012*"; "since" only when it reaches back before
    the happening, not "since the fence was breached"), or the sentence names a year earlier than
    the document's own time (:func:`latest_year`; the cue is that year), or the count's clause
    opens by stepping back to an earlier happening ("*Earlier*, ...", "*Last month*"; not "Last
    week's bombing killed 40; on Monday another blast killed six" for the six). A sentence that
    steps to a separate happening ("In a separate attack, ...") tells that happening's own toll:
    event scope on its claim.
    ``latest`` defaults to :func:`latest_year` of the text alone.
    """
    r = _read(doc, q)
    if r is None:
        return None
    return _background(r, latest if latest is not None else latest_year(doc))


def tally_cue(doc: Doc, q: Quantity) -> Span | None:
    """The words that make ``q`` a round-up over a period or a whole country rather than one
    incident, background aside (:func:`background_cue`), or ``None``.

    Why: conflict datasets code one event per clash and place; a round-up adds many of them, so
    its total is right about the day and wrong about any one event. Rules, each on the count's
    own sentence:

    - a round-up word anywhere in it ("*Roundup*: ...", "killed in *round-the-clock* raids"), or
      a label opening it ("*Timeline*: ...", not "gave no timeline for the withdrawal");
    - a period or area phrase that modifies the count's own clause ("12 fighters killed *over the
      past two days*", "35 killed *across the province*", "wounded *in separate incidents*"),
      not a noun ("the seventh shooting in three weeks", "a nationwide alert");
    - a day total: a bare count said to have died on a whole day ("90 died *yesterday*"), when
      the whole nation is counted ("70 *Yemenis* were killed yesterday"), the total is broken
      down ("..., including 30 soldiers"), or nothing in it says where or how (no place, no "by",
      no "when a bomb exploded", no "in an attack") and it stands alone: the document's first
      sentence or a line of its own (a headline). A sentence that follows another in its
      paragraph takes where and how from it.

    A count of one person is never a round-up: a round-up adds up several happenings.
    """
    r = _read(doc, q)
    return _tally(r) if r is not None else None


def is_background(doc: Doc, q: Quantity) -> bool:
    """Whether ``q`` counts something other than the reported incident (:func:`background_cue`):
    "nine were killed in March 2010", "40 have been shot dead here since 2015", "so far this year"."""
    return background_cue(doc, q) is not None


def is_tally(doc: Doc, q: Quantity) -> bool:
    """Whether ``q`` is background or a round-up rather than one incident
    (:func:`background_cue`, :func:`tally_cue`)."""
    return quantity_scope(doc, q)[0] != _EVENT


def quantity_scope(doc: Doc, q: Quantity, *, latest: int | None = None) -> tuple[QuantityScope, Span | None]:
    """What ``q`` counts: the reported happening, background (another time or happening, which
    wins when both hold: "since 2012" says more than "in the city"), or a round-up; with the
    words that show it. ``latest`` defaults to :func:`latest_year` of the text alone."""
    r = _read(doc, q)
    if r is None:
        return _EVENT, None
    cue = _background(r, latest if latest is not None else latest_year(doc))
    if cue is not None:
        return QuantityScope.BACKGROUND, cue
    cue = _tally(r)
    if cue is not None:
        return QuantityScope.TALLY, cue
    return _EVENT, None


def scope_quantities(doc: Doc, quantities: Iterable[Quantity], *,
                     published_year: int | None = None,
                     times: Sequence[TimeMention] | None = None) -> list[Quantity]:
    """``quantities`` with :attr:`~sitroom.model.Quantity.scope` and its words filled in.

    ``published_year`` is the year the document was published: its own time, so an earlier year
    it names is past even when the text names no later one (:func:`latest_year`).
    ``times`` are the document's resolved TIMEX values (:func:`sitroom.nlp.timex.time_mentions`):
    given, the years the text names and whether a month is a whole month are read from them
    (one date reader for the product); ``None`` reads them from the text by this module's rules.
    A quantity whose scope an extractor already set (not ``event``) keeps it when it also says
    which words show it (a plugin stage may know better); a scope without its words is judged
    again, since fusion would leave the figure out of the toll with nothing to show why.
    """
    qs = list(quantities)
    if not qs:
        return qs
    if times is not None:
        _index(doc, times)
    latest = latest_year(doc, published_year)
    out = []
    for q in qs:
        if q.scope == _EVENT or q.scope_span is None:
            scope, cue = quantity_scope(doc, q, latest=latest)
            if scope != q.scope or cue != q.scope_span:
                q = replace(q, scope=scope, scope_span=cue)
        out.append(q)
    return out
