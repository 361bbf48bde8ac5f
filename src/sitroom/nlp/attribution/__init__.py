"""Attribution chains: who says so, through whom, and how sure (issue 3).

* :func:`find_attributions` — every attribution in a parsed document, each a chain from the
  publishing outlet (``chain[0]``) to the original source, with cue, content and hedges;
* :func:`attribution_for` — the attribution covering a claim or quantity span (:class:`Coverage`
  for many spans of one document);
* :func:`chain_key` — the normalised identity of a chain's original source (fusion);
* :func:`find_mentions` — the raw who-said-what mentions (source, cue, content spans), as the
  PolNeAR evaluation scores them.

Word lists live in ``sitroom/data/attribution.json``.
"""

from .chains import find_attributions, outlet_source
from .coverage import Coverage, attribution_for, chain_key
from .hedges import find_hedges
from .mentions import Mention, find_mentions
from .sources import classify, normalise_name

__all__ = [
    "find_attributions",
    "attribution_for",
    "Coverage",
    "chain_key",
    "find_mentions",
    "Mention",
    "find_hedges",
    "classify",
    "normalise_name",
    "outlet_source",
]
