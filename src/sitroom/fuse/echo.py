"""Media echo: a report that cites "a U.S. newspaper" for a figure a named paper published earlier.

Re-reports often pass on another outlet's figure without naming it ("Up to 20,000 fled, US paper
reports", "after a U.S. newspaper reported ..."). Counted as its own source, such an echo makes one
newspaper's estimate look corroborated (circular reporting). The rule, applied per event:

A claim whose attribution cites an *unnamed outlet* (:func:`unnamed_outlet`: a description made
only of outlet words — "a British daily", "local media", "media reports") joins the chain of the
earliest earlier claim of the same event that

- is published by, or cites, a *named* outlet other than the citing claim's own publisher (an
  outlet does not echo itself), and
- reports the same *telling* figure: the same quantity kind and the same low / high interval, and
  one that says who published it — a range, a bound ("up to", "at least", "about") or an exact
  count of at least ``min_exact`` (media_echo.json; 100, a judgement). "Thousands" could be
  anyone's figure, and so could "three soldiers killed", which every outlet at the scene reports.

Descriptions of no single outlet are neither unnamed outlets nor named ones: several outlets
("two papers", "several newspapers"), a back-reference to an outlet the report names elsewhere
("the channel", "its website"), or no outlet at all ("social media"). A name of two or more
capitalised words ("National Public Radio") is a name even when its words are outlet words.

When the description carries a nationality or a kind of outlet ("a U.S. newspaper") and what the
named outlet's own name tells of it disagrees ("Turkish Daily News", "Levant TV"), that outlet is
not the one cited; agreeing facts are preferred over unknown ones. We hold no outlet metadata, so
unknown facts never exclude. Without a matching figure the citation stays independent: an unnamed
paper may be a different paper. Two *named* sources with the same figure are corroboration, not
echo, and are left alone.

Each link is kept as an :class:`~sitroom.model.Echo` (on the event, ``Event.echoes``) so the event
can say why two chains became one, and show where: the citation's words and the shared figure in
both reports.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..datafiles import load_json
from ..geo.build import read_csv
from ..model import Echo, Qualifier, Quantity, Source, SourceKind, Span
from ..nlp.attribution import normalise_name
from .views import ClaimView

__all__ = ["Echo", "OutletFacts", "Reading", "read_outlet", "unnamed_outlet", "outlet_facts", "find_echoes",
           "describe_echo", "format_figure"]

#: Sources that can be a news outlet in an attribution chain ("media reports" parses as a document).
_OUTLET_LIKE = frozenset({SourceKind.OUTLET, SourceKind.DOCUMENT, SourceKind.UNKNOWN, SourceKind.ORGANISATION})
_STRIP = " \t\n,;:\"'()[]“”‘’"


@dataclass(frozen=True, slots=True)
class OutletFacts:
    """What a name tells of an outlet: its nationality code and kind, ``None`` when it says nothing."""

    nationality: str | None = None
    kind: str | None = None


@lru_cache(maxsize=1)
def _tables() -> dict:
    return load_json("media_echo.json")


@lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    """Outlet names that read like descriptions, and the outlets attribution knows by name."""
    return frozenset(_tables()["named"]) | frozenset(load_json("attribution.json")["outlets"])


@lru_cache(maxsize=1)
def _nationalities() -> dict[str, str]:
    """Nationality words → country code: the demonyms ("Turkish", "South African" as
    "south-african") and abbreviations ("U.S.", "UK") of the country table, plus our extras."""
    out: dict[str, str] = {}
    for row in read_csv("countries.csv"):  # the gazetteer's own country table
        words = [d.strip() for d in row["demonyms"].split("|")]
        words += [n.strip() for n in row["names"].split("|") if n.strip() and " " not in n.strip()
                  and not any(ch.islower() for ch in n)]  # abbreviations only: "USA", "U.K."
        for word in words:
            if word:
                out.setdefault("-".join(word.lower().split()), row["iso2"])
    return {**out, **_tables()["nationality_extras"]}


def _words(name: str) -> list[str]:
    """The words of a source name as the word lists hold them: lower-cased, outer punctuation and a
    possessive "'s" stripped ("the paper's website" → the, paper, website)."""
    words = [w.strip(_STRIP) for w in name.lower().replace("’", "'").split()]
    return _joined_nationalities([w[:-2] if w.endswith("'s") else w for w in words if w])


def _joined_nationalities(words: list[str]) -> list[str]:
    """Two-word nationalities as one word, as the table holds them ("South African" → "South-African")."""
    out: list[str] = []
    for word in words:
        if out and f"{out[-1]}-{word}".lower() in _nationalities():
            out[-1] = f"{out[-1]}-{word}"
        else:
            out.append(word)
    return out


def _capitalised_name(name: str) -> bool:
    """Two or more title-case words and no lower-case one ("National Public Radio", "Voice of
    America" has "of": not this rule): a proper name, whatever its words are. Acronyms ("TV") and
    nationalities ("Syrian") do not count towards the two, so "Syrian TV" stays a description."""
    words = _joined_nationalities([w.strip(_STRIP) for w in name.split() if w.strip(_STRIP)])
    words = [w for w in words if w.lower() not in _tables()["determiners"]]
    if not words or any(not w[0].isupper() for w in words):
        return False
    titled = [w for w in words if any(ch.islower() for ch in w) and w.lower() not in _nationalities()]
    return len(titled) >= 2


class Reading(enum.Enum):
    """What a cited source name says of the outlet behind it."""

    NAMED = "named"
    UNNAMED = "unnamed"
    """One outlet, described but not named ("a U.S. newspaper")."""
    NO_SINGLE_OUTLET = "none"
    """Several outlets, one named elsewhere in the report, or no outlet ("social media")."""


@lru_cache(maxsize=4096)
def read_outlet(name: str) -> tuple[Reading, OutletFacts | None]:
    """How a cited source name reads (see :class:`Reading`), with an unnamed outlet's facts.

    A description is made only of determiners, modifiers, nationalities and outlet heads, with at
    least one head; a word outside the lists makes it a name ("The Daily Meridian").
    """
    t = _tables()
    words = _words(name)
    phrase = f" {' '.join(words)} "
    if not words or phrase.strip() in _names() or _capitalised_name(name):
        return Reading.NAMED, None
    if any(f" {p} " in phrase for p in t["not_outlets"]):
        return Reading.NO_SINGLE_OUTLET, None
    nationalities = _nationalities()
    nationality = kind = None
    heads = described = 0
    i = 0
    while i < len(words):
        pair = " ".join(words[i : i + 2])
        word = words[i]
        if i + 1 < len(words) and pair in t["multiword_heads"]:
            head_kind, i = t["multiword_heads"][pair], i + 2
        elif word in t["heads"] and (i == len(words) - 1 or word not in t["modifiers"] or words[i + 1] not in t["heads"]):
            head_kind, i = t["heads"][word], i + 1
        elif word in nationalities:
            nationality = nationality or nationalities[word]
            described, i = described + 1, i + 1
            continue
        elif word in t["modifiers"]:
            described, i = described + 1, i + 1
            continue
        elif word in t["determiners"] or word in t["several"] or word in t["anaphoric"]:
            i += 1
            continue
        else:
            return Reading.NAMED, None
        heads += 1
        if head_kind != "any":
            kind = head_kind
    if not heads:
        return Reading.NAMED, None
    pairs = {" ".join(words[j : j + 2]) for j in range(len(words) - 1)}
    several = any(w in t["several"] for w in words) or bool(pairs & set(t["several"]))
    pointing_back = any(w in t["anaphoric"] for w in words) or (words[0] == "the" and not described)
    if several or pointing_back:
        return Reading.NO_SINGLE_OUTLET, None
    return Reading.UNNAMED, OutletFacts(nationality, kind)


def unnamed_outlet(name: str) -> OutletFacts | None:
    """The facts of a description of one unnamed outlet, or ``None`` when ``name`` is not one.

    "a U.S. newspaper" → (US, newspaper); "local media" → (None, None); "The Harbor Times",
    "several newspapers", "the channel", "social media" → ``None``.
    """
    reading, facts = read_outlet(name)
    return facts if reading is Reading.UNNAMED else None


def outlet_facts(name: str) -> OutletFacts:
    """What a named outlet's own name tells of it ("Turkish Daily News" → TR, newspaper)."""
    t, nationalities = _tables(), _nationalities()
    words = _words(name)
    nationality = next((nationalities[w] for w in words if w in nationalities), None)
    kind = next((t["name_kinds"][w] for w in reversed(words) if w in t["name_kinds"]), None)
    return OutletFacts(nationality, kind)


def _fit(cited: OutletFacts, named: OutletFacts) -> int | None:
    """How many facts agree; ``None`` when a fact known on both sides disagrees."""
    score = 0
    for a, b in ((cited.nationality, named.nationality), (cited.kind, named.kind)):
        if a is not None and b is not None:
            if a != b:
                return None
            score += 1
    return score


def _cited_unnamed(view: ClaimView) -> tuple[Source, OutletFacts] | None:
    """The unnamed outlet a claim cites ("a U.S. newspaper" in "…, a U.S. newspaper reported"),
    with what its description tells, or ``None``. Any outlet-like link of the chain past the
    publisher counts: "media reports" often parses as a document, not an outlet."""
    attribution = view.claim.attribution
    if attribution is None:
        return None
    for source in attribution.chain[1:]:
        if source.kind in _OUTLET_LIKE:
            facts = unnamed_outlet(source.name)
            if facts is not None:
                return source, facts
    return None


def _named_outlet(view: ClaimView) -> str | None:
    """The named outlet behind a claim: the last outlet it cites, else its publisher; ``None`` when
    that cited outlet is only described ("several newspapers", "the channel")."""
    attribution = view.claim.attribution
    cited = [s.name for s in attribution.chain[1:] if s.kind == SourceKind.OUTLET] if attribution else []
    if not cited:
        return view.outlet
    return cited[-1] if read_outlet(cited[-1])[0] is Reading.NAMED else None


def _telling(q: Quantity) -> bool:
    """A figure that says who published it (see the module docstring): not vague, and not a small
    exact count that outlets arrive at each on their own."""
    if q.qualifier is Qualifier.VAGUE:
        return False
    return q.qualifier is not Qualifier.EXACT or q.low >= _tables()["min_exact"]


#: A figure as echo compares it: quantity kind, low, high (``None``: open above).
FigureKey = tuple[str, int, "int | None"]


def _figures(view: ClaimView) -> dict[FigureKey, Quantity]:
    """The claim's telling figures by (kind, low, high): two claims share a figure when a key is equal."""
    return {(q.kind.value, q.low, q.high): q for q in view.claim.quantities if _telling(q)}


def _spans_of(view: ClaimView, key: FigureKey) -> tuple[Span, ...]:
    """Where a claim gives a figure: every quantity of that key (a headline and its lead may both)."""
    return tuple(dict.fromkeys(q.span for q in view.claim.quantities if (q.kind.value, q.low, q.high) == key))


def _width(key: FigureKey) -> tuple[bool, int, str]:
    """The most telling shared figure names the echo: a closed, narrow interval first."""
    _, low, high = key
    return (high is None, (high - low) if high is not None else 0, key[0])


def format_figure(q: Quantity) -> str:
    """A figure as people write it: "15,000–20,000 escaped", "up to 20,000 escaped"."""
    if q.qualifier in (Qualifier.UP_TO, Qualifier.AT_MOST) and q.high is not None:
        text = f"up to {q.high:,}"
    elif q.high is None:
        text = f"more than {q.low - 1:,}" if q.qualifier is Qualifier.MORE_THAN else f"at least {q.low:,}"
    elif q.low == q.high:
        text = f"{q.low:,}"
    else:
        text = f"{q.low:,}–{q.high:,}"
    return f"{text} {q.kind.value}"


def find_echoes(views: Sequence[ClaimView]) -> dict[str, Echo]:
    """The echo link of every claim that passes on a named outlet's figure unnamed, by claim id.

    Cost: each claim's figures and named outlet are read once, and earlier claims are indexed by
    figure and outlet as the claims go by in order (the earliest claim per pair); a citing claim
    reads only the outlets that published one of its figures.
    """
    echoes: dict[str, Echo] = {}
    # figure → outlet key (normalised: "AP" = "The Associated Press") → earliest claim, its figures, name
    earliest: dict[FigureKey, dict[str, tuple[ClaimView, dict[FigureKey, Quantity], str]]] = {}
    facts_of: dict[str, OutletFacts] = {}
    for v in sorted(views, key=lambda v: v.order):
        cited = _cited_unnamed(v)
        figures = _figures(v)
        if cited is None:
            outlet = _named_outlet(v)
            if outlet is not None:
                for key in figures:
                    earliest.setdefault(key, {}).setdefault(normalise_name(outlet), (v, figures, outlet))
            continue
        source, facts = cited
        best: tuple[int, tuple[str, str, int, str]] | None = None
        own = normalise_name(v.outlet) if v.outlet else None
        for key in figures:
            for outlet_key, (earlier, their_figures, outlet) in earliest.get(key, {}).items():
                if outlet_key == own:
                    continue  # an outlet does not echo itself
                if outlet not in facts_of:
                    facts_of[outlet] = outlet_facts(outlet)
                fit = _fit(facts, facts_of[outlet])
                # the best fit; ties keep the earliest: the outlet that published the figure first
                rank = (-fit, earlier.order) if fit is not None else None
                if rank is None or (best is not None and rank >= best):
                    continue
                best = rank
                shared = min(figures.keys() & their_figures.keys(), key=_width)
                echoes[v.id] = Echo(v.id, earlier.id, source.name, outlet, format_figure(figures[shared]),
                                    cited_span=source.span, figure_spans=_spans_of(v, shared),
                                    target_figure_spans=_spans_of(earlier, shared))
    return echoes


def describe_echo(echo: Echo, label: str) -> str:
    """``Gulf Monitor ← US paper (= The Northern Ledger, same figure 15,000–20,000 escaped)``."""
    return f"{label} (= {echo.outlet}, same figure {echo.figure})"

