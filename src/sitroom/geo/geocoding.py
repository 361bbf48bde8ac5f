"""``geocode(name, context=...)``: resolve one place name for Python users.

Why a separate entry point: notebooks and the API often hold a bare name ("al-Hol", "Baghouz")
rather than a parsed document; this builds the same mention list the document path builds and runs
the same resolver, so a name resolves identically in both.
"""

from __future__ import annotations

from typing import Iterable

from sitroom.geo.gazetteer import Gazetteer, open_gazetteer
from sitroom.geo.resolve import resolve_mentions
from sitroom.model import Place, PlaceMention, Span

__all__ = ["geocode"]


def geocode(name: str, context: str | Iterable[str] | None = None, *, country: str | None = None,
            gazetteer: Gazetteer | None = None) -> Place | None:
    """The place ``name`` most likely means, or ``None`` when the gazetteer has no reading.

    Args:
        name: a place name in any common spelling ("al-Hawl", "Al Hol", "الهول").
        context: other place names that surround it (a string with ``,``/``;`` separators or an
            iterable), e.g. ``"Hasakah, Syria"``; they pull the reading toward their region.
        country: ISO alpha-2 code the caller knows the place is in (a strong hint, not a filter).
        gazetteer: an open gazetteer (default: :func:`open_gazetteer`, built on first use).

    >>> geocode("Baghouz", context="Deir ez-Zor, Syria").country   # doctest: +SKIP
    'SY'
    """
    gaz = gazetteer or open_gazetteer()
    if isinstance(context, str):
        others = [c.strip() for c in context.replace(";", ",").split(",") if c.strip()]
    else:
        others = [c.strip() for c in (context or ()) if c and c.strip()]
    # Lay the names out as one pseudo-document: "name; other; other".
    text = name
    mentions = [PlaceMention(text=name, span=Span(0, len(name)))]
    for other in others:
        text += "; "
        mentions.append(PlaceMention(text=other, span=Span(len(text), len(text) + len(other))))
        text += other
    resolved = resolve_mentions(text, mentions, gaz, country_hint=country)
    return resolved[0].place
