"""Media echo: a report that cites "a U.S. newspaper" for a figure a named paper published earlier.

Re-reports often pass on another outlet's figure without naming it ("Up to 20,000 fled, US paper
reports", "after a U.S. newspaper reported ..."). Counted as its own source, such an echo makes one
newspaper's estimate look corroborated (circular reporting). The rule, applied per event:

A claim whose attribution cites an *unnamed outlet* (:func:`unnamed_outlet`: a description made
only of outlet words — "a British daily", "local media", "media reports") joins the chain of the
earliest earlier claim of the same event that

- is published by, or cites, a *named* outlet (not itself an unnamed-outlet citation), and
- reports the same figure: the same quantity kind and the same low / high interval, neither vague
  ("thousands" could be anyone's figure).

When the description carries a nationality or a kind of outlet ("a U.S. newspaper") and what the
named outlet's own name tells of it disagrees ("Turkish Daily News", "Levant TV"), that outlet is
not the one cited; agreeing facts are preferred over unknown ones. We hold no outlet metadata, so
unknown facts never exclude. Without a matching figure the citation stays independent: an unnamed
paper may be a different paper. Two *named* sources with the same figure are corroboration, not
echo, and are left alone.

Each link is kept as an :class:`Echo` so the event can say why two chains became one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..datafiles import load_json
from ..model import Qualifier, Quantity, Source, SourceKind
from .views import ClaimView

__all__ = ["Echo", "OutletFacts", "unnamed_outlet", "outlet_facts", "find_echoes", "describe_echo", "format_figure"]

#: Sources that can be a news outlet in an attribution chain ("media reports" parses as a document).
_OUTLET_LIKE = frozenset({SourceKind.OUTLET, SourceKind.DOCUMENT, SourceKind.UNKNOWN, SourceKind.ORGANISATION})
_STRIP = " \t\n,;:\"'()[]“”‘’"


@dataclass(frozen=True, slots=True)
class OutletFacts:
    """What a name tells of an outlet: its nationality code and kind, ``None`` when it says nothing."""

    nationality: str | None = None
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class Echo:
    """Claim ``claim_id`` passes on ``target_id``'s figure, citing ``cited`` for ``outlet``."""

    claim_id: str
    target_id: str
    cited: str
    """The unnamed description as written ("a U.S. newspaper")."""
    outlet: str
    """The named outlet taken to be the one cited."""
    figure: str
    """The shared figure, for people ("15,000–20,000 escaped")."""


@lru_cache(maxsize=1)
def _tables() -> dict:
    return load_json("media_echo.json")


@lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    """Outlet names that read like descriptions, and the outlets attribution knows by name."""
    return frozenset(_tables()["named"]) | frozenset(load_json("attribution.json")["outlets"])


def _words(name: str) -> list[str]:
    words = [w.strip(_STRIP) for w in name.lower().replace("’", "'").split()]
    return [w[:-2] if w.endswith("'s") else w for w in words if w]


def unnamed_outlet(name: str) -> OutletFacts | None:
    """The facts of an unnamed-outlet description, or ``None`` when ``name`` is not one.

    An unnamed outlet is made only of determiners, modifiers, nationalities and outlet heads, with at
    least one head: "a U.S. newspaper" → (US, newspaper); "local media" → (None, None).
    """
    t = _tables()
    words = _words(name)
    if " ".join(words) in _names():
        return None
    nationality = kind = None
    has_head = False
    i = 0
    while i < len(words):
        pair = " ".join(words[i : i + 2])
        word = words[i]
        if i + 1 < len(words) and pair in t["multiword_heads"]:
            head_kind, i = t["multiword_heads"][pair], i + 2
        elif word in t["heads"] and (i == len(words) - 1 or word not in t["modifiers"] or words[i + 1] not in t["heads"]):
            head_kind, i = t["heads"][word], i + 1
        elif word in t["nationalities"]:
            nationality = nationality or t["nationalities"][word]
            i += 1
            continue
        elif word in t["determiners"] or word in t["modifiers"]:
            i += 1
            continue
        else:
            return None
        has_head = True
        if head_kind != "any":
            kind = head_kind
    return OutletFacts(nationality, kind) if has_head else None


def outlet_facts(name: str) -> OutletFacts:
    """What a named outlet's own name tells of it ("Turkish Daily News" → TR, newspaper)."""
    t = _tables()
    words = _words(name)
    nationality = next((t["nationalities"][w] for w in words if w in t["nationalities"]), None)
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
    """The named outlet behind a claim: the last outlet it cites, else its publisher."""
    attribution = view.claim.attribution
    cited = [s.name for s in attribution.chain[1:] if s.kind == SourceKind.OUTLET] if attribution else []
    return cited[-1] if cited else view.outlet


def _figures(view: ClaimView) -> dict[tuple[str, int, int | None], Quantity]:
    return {(q.kind.value, q.low, q.high): q for q in view.claim.quantities if q.qualifier is not Qualifier.VAGUE}


def _width(key: tuple[str, int, int | None]) -> tuple[bool, int, str]:
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
    """The echo link of every claim that passes on a named outlet's figure unnamed, by claim id."""
    ordered = sorted(views, key=lambda v: v.order)
    citing = {v.id: c for v in ordered if (c := _cited_unnamed(v)) is not None}
    echoes: dict[str, Echo] = {}
    for i, v in enumerate(ordered):
        if v.id not in citing:
            continue
        source, facts = citing[v.id]
        figures = _figures(v)
        if not figures:
            continue
        best_fit = -1
        for earlier in ordered[:i]:
            if earlier.id in citing:
                continue
            outlet = _named_outlet(earlier)
            shared = figures.keys() & _figures(earlier).keys()
            if outlet is None or not shared:
                continue
            fit = _fit(facts, outlet_facts(outlet))
            if fit is None:
                continue
            if fit > best_fit:  # ties keep the earliest: the outlet that published the figure first
                best_fit = fit
                figure = format_figure(figures[min(shared, key=_width)])
                echoes[v.id] = Echo(v.id, earlier.id, source.name, outlet, figure)
    return echoes


def describe_echo(echo: Echo, label: str) -> str:
    """``Gulf Monitor ← US paper (= The Northern Ledger, same figure 15,000–20,000 escaped)``."""
    return f"{label} (= {echo.outlet}, same figure {echo.figure})"

