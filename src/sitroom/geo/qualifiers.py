"""Where the text says one place lies in the next: "X, Y", "X in Y", "X of Y" — the one reader.

Why one reader: the ranker rewards readings of X inside a reading of Y ("Columbus, Georgia"),
and the fallback places a name the gazetteer lacks in the town the text puts it in ("the Kestrel
Inn in Ashvale"). Both read the same short connector between two consecutive mentions; they
differ only in which connectors they accept (the fallback takes "in" and a comma only, with no
article: "X of the Y" rarely puts a building in a town) and in how far apart the names may be.
Pure functions over the mentions' spans and the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from sitroom.model import PlaceMention

__all__ = ["Qualifier", "qualifier_at", "listed", "joins_list", "QUALIFIER_MAX_GAP", "LIST_MAX_GAP"]

#: The connector: a comma, "in" or "of", then perhaps "the" ("Hasakah, Syria", "al-Hol in Hasakah
#: province", "the town of X in the Y region").
_QUALIFIER_RE = re.compile(r"\s*(,|\bin\b|\bof\b)\s*(the\s+)?", re.IGNORECASE)
#: Most characters that may stand between the two names.
QUALIFIER_MAX_GAP = 8
#: What joins two names of a list ("Ashvale, Dunmore and Marren"), and its most characters.
_LISTED_RE = re.compile(r"\s*(?:,|,?\s*\band\b|,?\s*\bor\b)\s*", re.IGNORECASE)
LIST_MAX_GAP = 7


@dataclass(frozen=True, slots=True)
class Qualifier:
    """Mention ``inner`` said to lie in mention ``outer`` (the next one) by ``word``."""

    inner: int
    outer: int
    word: str
    """The connector, lower-cased: ``","``, ``"in"`` or ``"of"``."""
    article: bool
    """Whether "the" follows the connector ("in the Y region")."""
    gap: int
    """Characters between the two names."""


def _between(text: str, mentions: Sequence[PlaceMention], a: int, b: int) -> str:
    return text[mentions[a].span.end:mentions[b].span.start]


def qualifier_at(text: str, mentions: Sequence[PlaceMention], a: int,
                 max_gap: int = QUALIFIER_MAX_GAP) -> Qualifier | None:
    """The qualifier that puts mention ``a`` in the next mention, when only a connector of at
    most ``max_gap`` characters stands between them; else ``None``."""
    b = a + 1
    if b >= len(mentions):
        return None
    between = _between(text, mentions, a, b)
    if len(between) > max_gap:
        return None
    m = _QUALIFIER_RE.fullmatch(between)
    if m is None:
        return None
    return Qualifier(a, b, m.group(1).lower(), m.group(2) is not None, len(between))


def listed(text: str, mentions: Sequence[PlaceMention], a: int, b: int) -> bool:
    """Whether mentions ``a`` and ``b`` (consecutive) are joined as two names of a list ("X, Y",
    "X and Y", "X, or Y"): a comma after a name of a list is no qualifier ("Marren Township,
    Ashvale and Dunmore")."""
    if a < 0 or b >= len(mentions):
        return False
    return joins_list(_between(text, mentions, a, b))


def joins_list(between: str) -> bool:
    """Whether the characters between two names join them as names of a list (", ", " and ",
    ", or ")."""
    return len(between) <= LIST_MAX_GAP and _LISTED_RE.fullmatch(between) is not None
