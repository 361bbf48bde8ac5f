"""Detection: where the time expressions are, from the rule table and the one spaCy parse.

Why regexes over the text plus the parse: the rule table (``rules.toml``) gives exact TimeML
extents (with "mid-", "the", "nearly" inside and prepositions outside), and the parse vetoes the
readings that look like dates but are not ("may" the modal verb, "March" the verb, "1,990 people",
"a 40-year-old man"). Overlapping matches are settled longest first, then by rule order.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..parse import text_of
from .lexicon import Rule, lexicon
from .scan import rule_matches

__all__ = ["Candidate", "find_candidates", "lowered"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """One accepted rule match: character extent, the rule, its groups and the token span."""

    start: int
    end: int
    rule: Rule
    groups: dict[str, str | None]
    span: Span


_MONTH_ONLY_RULES = frozenset({"month"})
_AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar", "jan", "sept", "dec", "jun", "jul", "aug"})
_YEAR_PREV_OK = frozenset({
    "in", "since", "of", "by", "until", "till", "from", "for", "to", "during", "early", "late",
    "mid", "through", "before", "after", "fiscal", "year", "the", "'s", "and", "or", "between",
    "around", "about", "circa", "as", "throughout", "into", "at", "than", ",", "(", "beginning",
    "end", "spring", "summer", "fall", "autumn", "winter", "'", "ended", "over",
})
_BARE_PLURAL_PREV_OK = frozenset({"for", "over", "within", "in", "after", "took", "take", "takes"})
_SEASON_PREV_OK = frozenset({
    "into",
    "in", "during", "this", "last", "next", "by", "until", "since", "the", "over", "through",
    "early", "late", "mid", "this", "past", "that", "each", "every", "of", "before", "after",
})
_MONTH_PREPOSITIONS = frozenset({"in", "since", "by", "until", "till", "from", "during", "before",
                                 "after", "last", "next", "this", "early", "late", "mid"})
_NON_DATE_ENTS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})


def lowered(text: str) -> str:
    """``text`` in lower case with every offset unchanged (the rules run over it).

    ``str.lower`` may change the length ("İ" becomes two characters); such characters are kept.
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def _token_span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _prev_word(doc: Doc, span: Span) -> str:
    return doc[span.start - 1].lower_ if span.start > 0 else ""


def _next_word(doc: Doc, span: Span) -> str:
    return doc[span.end].lower_ if span.end < len(doc) else ""


@dataclass(frozen=True, slots=True)
class _Reading:
    """One rule match as the vetoes read it: the rule, its groups and token span, its text, the
    lower-cased text right after it and the words before and after it."""

    doc: Doc
    rule: Rule
    groups: dict[str, str | None]
    span: Span
    text: str
    after: str
    prev: str
    nxt: str


def _accept(doc: Doc, rule: Rule, groups: dict[str, str | None], span: Span, text: str,
            after: str) -> bool:
    """The parse's veto on one rule match (``after``: the lower-cased text right after it).

    Each veto in :data:`_VETOES` answers for the rules it knows and passes the others."""
    r = _Reading(doc, rule, groups, span, text, after, _prev_word(doc, span), _next_word(doc, span))
    return all(ok(r) for ok in _VETOES)


def _month_ok(r: _Reading) -> bool:
    """A month name alone: not "the March for Life", a lower-case month, or "may" the modal."""
    if r.rule.name not in _MONTH_ONLY_RULES:
        return True
    doc, groups, span, text, prev, nxt = r.doc, r.groups, r.span, r.text, r.prev, r.nxt
    month = (groups.get("month") or "").rstrip(".")
    if month.lower() == "march" and prev not in _MONTH_PREPOSITIONS and (
            nxt in ("for", "of", "on", "against", "to") or prev in ("the", "annual", "a")):
        # the March for Life, a march on the capital; but "in March for health reasons", and
        # "the March accession" (a capitalised March before a noun) is the month.
        if not (prev == "the" and month[:1].isupper() and span.end < len(doc)
                and doc[span.end].pos_ == "NOUN"):
            return False
    if not month[:1].isupper():
        return False
    first = next((t for t in span if t.idx >= span.start_char and month.lower() in t.lower_), None)
    has_context = bool(groups.get("rel") or groups.get("relyear") or groups.get("mod"))
    if month.lower() in _AMBIGUOUS_MONTHS and not has_context:
        if first is not None and first.pos_ in ("VERB", "AUX"):
            return False
        if month.lower() == "may" and (first is None or first.tag_ == "MD" or nxt in ("be", "have", "not")):
            return False
        if month.lower() in ("mar", "jan", "jun", "jul", "aug", "sept", "dec") and "." not in text and not prev in ("in", "since", "of", "until", "by", "from", "last", "next", "this", "early", "late", "mid"):
            return False
    return True


def _year_ok(r: _Reading) -> bool:
    """A year: in words only where a year is expected; in digits not a count, a percentage, an
    age, an amount of money or a number label ("2000 vehicles", "flight 2000")."""
    if r.rule.name != "year":
        return True
    doc, groups, span, text, after, prev, nxt = r.doc, r.groups, r.span, r.text, r.after, r.prev, r.nxt
    if not (groups.get("year") or "")[:1].isdigit():
        # Years in words: "two thousand" is a year only where a year is expected.
        if "thousand" in (groups.get("year") or "").lower() and not (
                text.lower().startswith("the year") or prev in ("in", "since", "by", "until", "of")):
            return False
        return True
    if not (groups.get("fiscal") or groups.get("mod") or groups.get("period")
            or text.lower().startswith(("the ", "year", "calendar"))):
        year_tok = span[-1]
        if year_tok.ent_type_ in _NON_DATE_ENTS and prev not in ("in", "since", "by", "until", "from", "during"):
            return False
        if prev not in _YEAR_PREV_OK and year_tok.ent_type_ != "DATE":
            return False
        if nxt in ("%", "percent") or after.startswith(("-year", " year", "-")):
            return False
        # "2000 vehicles": a count, unless a preposition says it is a year ("in 2000 polls").
        if span.end < len(doc) and doc[span.end].tag_ == "NNS" and prev not in (
                "in", "since", "by", "until", "from", "during", "before", "after", "the"):
            return False
        if prev.startswith("$") or prev in ("no.", "number", "flight", "route", "#"):
            return False
    return True


def _duration_ok(r: _Reading) -> bool:
    """A duration: not an age ("40 years old"), "a second"/"a night" as a count, "three-quarters
    of", or a bare plural ("years") without a word that makes it a stretch of time."""
    rule, groups, after, prev, nxt = r.rule, r.groups, r.after, r.prev, r.nxt
    if rule.norm not in ("duration", "ago", "vague_duration"):
        return True
    if after.startswith(("-old", " old", "-year-old", "s old", "s-old")):
        return False
    if rule.norm == "duration":
        unit = (groups.get("unit") or "").lower()
        num = (groups.get("num") or "").lower()
        if unit in ("second", "min", "night") and num in ("a", "an"):
            return False
        if unit == "quarter" and num in ("a", "an", "one") and nxt in ("of", "point"):
            return False
        if unit.startswith("quarter") and nxt == "of":
            return False  # "three-quarters of the food"
    if rule.norm == "vague_duration" and not (groups.get("rel") or groups.get("vnum")):
        if prev not in _BARE_PLURAL_PREV_OK:
            return False
    return True


def _season_ok(r: _Reading) -> bool:
    """A bare season ("spring") only after a word that makes it a time, and not as a verb."""
    groups = r.groups
    if r.rule.name == "relative_season" and not (groups.get("rel") or groups.get("year") or groups.get("relyear") or groups.get("mod")):
        if r.prev not in _SEASON_PREV_OK:
            return False
        if r.span[-1].pos_ in ("VERB", "AUX"):
            return False
    return True


def _vague_ok(r: _Reading) -> bool:
    """"current", "future", "recent", "soon", "now" only where they point at a time ("current
    account", "the future", "as soon as", "Now, ..." do not)."""
    if r.rule.name != "vague":
        return True
    span, text, prev, nxt = r.span, r.text, r.prev, r.nxt
    word = text.lower()
    tok = span[0]
    if word == "current" and (tok.pos_ not in ("ADJ",) or nxt in ("account", "accounts", "events", "affairs", "assets", "liabilities", "crisis")):
        return False
    if word == "future" and (prev in ("the",) or nxt in ("contract", "contracts", "price", "prices", "market", "markets", "generations")):
        return False
    if word == "recent" and (tok.pos_ != "ADJ" or prev in ("most", "more", "the", "a")):
        return False
    if word == "soon" and (prev in ("as", "too", "how") or nxt in ("after", "before", "as")):
        return False
    if word == "soon" and (tok.head.tag_ == "VBD" or any(
            c.tag_ == "VBD" and c.dep_ in ("aux", "auxpass") for c in tok.head.children)):
        return False  # "was soon released": soon after a past event, not after the DCT
    if word == "now" and tok.is_sent_start and nxt == ",":
        return False  # "Now, ...": the discourse marker
    if word == "future" and tok.pos_ == "ADJ" and nxt not in (".", ",", ";", ")", "''", '"'):
        return False
    return True


def _set_adverb_ok(r: _Reading) -> bool:
    """"its quarterly dividend": in business prose these adjectives name a reporting period
    (TimeBank leaves them untagged); "daily"/"weekly" ("a daily rally") stay SETs."""
    doc, span, prev = r.doc, r.span, r.prev
    if r.rule.name == "set_adverb" and r.text.lower() in ("quarterly", "annual", "annually", "yearly", "monthly"):
        tok = span[0]
        if tok.pos_ in ("ADJ", "NOUN", "PROPN") and span.end < len(doc) and doc[span.end].pos_ in ("NOUN", "PROPN", "ADJ"):
            return False
        if prev in ("the", "a", "its", "their", "initial"):
            return False
    return True


def _bare_unit_ok(r: _Reading) -> bool:
    """A bare unit ("the day", "a week") not followed by "of"/"when"/..., and "day" only after a
    word that makes it a particular day."""
    if r.rule.name != "bare_unit":
        return True
    groups, prev, nxt = r.groups, r.prev, r.nxt
    unit = (groups.get("unit") or "").lower()
    if nxt in ("of", "'s", "before", "after", "when", "that", "in") and not groups.get("mod"):
        return False
    if unit == "day" and prev not in ("on", "that", "for", "during", "later", "earlier", "same", "in") \
            and not (groups.get("mod") or (groups.get("det") or "").lower() == "that"):
        return False
    return True


def _name_ok(r: _Reading) -> bool:
    """Capitalisation and neighbours that make a match a name or a count, not a time: a
    lower-case weekday, "This Week" mid-sentence, "4 in the morning session", "High Noon",
    "the people of tomorrow"."""
    doc, name, groups, span, prev = r.doc, r.rule.name, r.groups, r.span, r.prev
    if name in ("weekday", "weekday_anaphoric") and not (groups.get("weekday") or "")[:1].isupper():
        return False
    if name == "relative_unit" and (groups.get("unit") or "")[:1].isupper() and not span[0].is_sent_start:
        return False  # "This Week" mid-sentence: a programme or a title, not a time
    if name == "clock_words" and span.end < len(doc) and doc[span.end].pos_ in ("NOUN", "PROPN"):
        return False  # "4 in the morning session": a count, not a time
    if name == "noon_midnight" and prev == "high":
        return False  # "High Noon"
    if name == "relative_day" and prev == "of" and not groups.get("part"):
        return False  # "the people of tomorrow": generic, not a day
    return True


#: The vetoes, in the order the rules were written; a match is accepted when all pass.
_VETOES = (_month_ok, _year_ok, _duration_ok, _season_ok, _vague_ok, _set_adverb_ok, _bare_unit_ok, _name_ok)


def find_candidates(doc: Doc, text: str | None = None) -> list[Candidate]:
    """Every accepted, non-overlapping rule match in ``doc``, in document order.

    ``text`` is ``doc.text`` when the caller already has it (``Doc.text`` rebuilds the string on
    every access, which costs more than all the rules together).
    """
    text = text_of(doc) if text is None else text
    low = lowered(text)
    found: list[tuple[int, int, int, Rule, dict[str, str | None]]] = []
    for priority, rule, match in rule_matches(low):
        start, end = match.span()
        if end <= start:
            continue
        # Group texts come from the original text, so capitalisation stays visible.
        groups: dict[str, str | None] = {
            name: (text[match.start(name) : match.end(name)] if match.start(name) >= 0 else None)
            for name in rule.regex.groupindex
        }
        groups["_text"] = text[start:end]
        found.append((start, end, priority, rule, groups))
    found.sort(key=lambda item: (-(item[1] - item[0]), item[2], item[0]))
    taken: list[Candidate] = []
    # Taken stretches, disjoint and sorted: a match overlaps one only if it overlaps the last
    # that starts before its end (bisection, not a scan of all: a long report has thousands).
    starts: list[int] = []
    ends: list[int] = []
    for start, end, _, rule, groups in found:
        k = bisect_left(starts, end)
        if k and ends[k - 1] > start:
            continue
        span = _token_span(doc, start, end)
        if span is None or len(span) == 0:
            continue
        if not _accept(doc, rule, groups, span, text[start:end], low[end : end + 6]):
            continue
        starts.insert(k, start)
        ends.insert(k, end)
        taken.append(Candidate(start, end, rule, groups, span))
    taken.sort(key=lambda c: c.start)
    return taken
