"""Which reports are independent of each other: the confidence signal analysts want.

Two claims belong to the same *source chain* when either

1. their attribution chains lead to the same original source (:func:`sitroom.nlp.attribution.chain_key`:
   two outlets repeating "U.S. officials" via the same newspaper, or the same ministry, are one
   chain), or
2. their documents are copies of one another (a wire story republished with small edits), judged
   by the share of five-word shingles the two texts have in common (:data:`NEAR_DUPLICATE`), or
3. one passes on the other's figure citing an unnamed outlet ("a U.S. newspaper reported 20,000"):
   a media echo (:mod:`sitroom.fuse.echo`), labelled with why.

Chains are the connected components of these three relations (union-find), so a republished copy
of a story that cites officials joins the chain of the original and of everyone citing it. An echo
claim is linked by relation 3 alone: relation 1 would also join it to every other citation of
"local media" (one key for all of them), which may be other outlets with other figures, and the
echo would pull them all into the named outlet's chain.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from ..model import Attribution, Source, SourceKind
from ..nlp.attribution import chain_key
from .echo import Echo, describe_echo, find_echoes
from .views import ClaimView

__all__ = ["NEAR_DUPLICATE", "shingles", "resemblance", "source_chains", "chain_label", "chain_labels",
           "claim_chain_key"]

#: Shingle resemblance above which two documents are copies of one story (rewrites of a wire story
#: score 0.5-0.75 in the bundled corpus; independent reports of one event stay under 0.15).
NEAR_DUPLICATE = 0.35
_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = 5) -> frozenset[int]:
    """Hashes of the overlapping ``size``-word windows of ``text`` (lower-cased words)."""
    words = _TOKEN.findall(text.lower())
    if len(words) < size:
        return frozenset({hash(" ".join(words))}) if words else frozenset()
    return frozenset(hash(" ".join(words[i : i + size])) for i in range(len(words) - size + 1))


def resemblance(a: frozenset[int], b: frozenset[int]) -> float:
    """Jaccard resemblance of two shingle sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def claim_chain_key(view: ClaimView, as_outlet: str | None = None) -> tuple[str, ...]:
    """The identity of the original source behind a claim; the outlet itself when nothing is cited.

    ``as_outlet`` replaces the publishing outlet: a copy of a wire story is read as if the wire had
    published it, so its uncited claims join the wire's own chain.
    """
    outlet = as_outlet or view.outlet or view.document_id
    attribution = view.claim.attribution
    if attribution is None or len(attribution.chain) == 0:
        chain: tuple[Source, ...] = (Source(outlet, SourceKind.OUTLET),)
    else:
        chain = (Source(outlet, SourceKind.OUTLET), *attribution.chain[1:])
    return chain_key(Attribution(chain=chain)) or (outlet.lower(),)


def chain_label(view: ClaimView) -> str:
    """``Outlet ← cited source ← original`` for people to read."""
    attribution = view.claim.attribution
    names = [s.name for s in attribution.chain] if attribution and attribution.chain else []
    if not names or (view.outlet and names[0] != view.outlet):
        names.insert(0, view.outlet or "unknown outlet")
    return " ← ".join(names)


def chain_labels(chains: Sequence[Sequence[ClaimView]], echoes: Mapping[str, Echo]) -> tuple[str, ...]:
    """One label per chain; a chain joined by media echoes says which and why.

    ``The Northern Ledger ← U.S. officials; echoed by Gulf Monitor ← US paper (= The Northern Ledger,
    same figure 15,000–20,000 escaped)``.
    """
    labels = []
    for chain in chains:
        label = chain_label(chain[0])
        notes = [describe_echo(echoes[v.id], chain_label(v)) for v in chain[1:] if v.id in echoes]
        labels.append(f"{label}; echoed by {'; '.join(notes)}" if notes else label)
    return tuple(labels)


class _UnionFind:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {i: i for i in items}

    def find(self, x: str) -> str:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller id wins so the grouping does not depend on the order of unions
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


def source_chains(
    views: Sequence[ClaimView], document_shingles: Mapping[str, frozenset[int]],
    echoes: Mapping[str, Echo] | None = None,
) -> list[list[ClaimView]]:
    """Group an event's claims into independent source chains, earliest chain first.

    Args:
        views: the claims of one event.
        document_shingles: :func:`shingles` of each document's text, by document id.
        echoes: the event's media echoes (:func:`sitroom.fuse.echo.find_echoes`); found here when
            not given.
    """
    first_view: dict[str, ClaimView] = {}
    for v in sorted(views, key=lambda v: v.order):
        first_view.setdefault(v.document_id, v)
    docs = sorted(first_view, key=lambda d: first_view[d].order)
    copies = _UnionFind(docs)
    for i, a in enumerate(docs):
        for b in docs[i + 1 :]:
            if resemblance(document_shingles.get(a, frozenset()), document_shingles.get(b, frozenset())) >= NEAR_DUPLICATE:
                copies.union(a, b)
    # the earliest document of each group of copies speaks for the whole group
    origin: dict[str, str] = {}
    for d in docs:
        origin.setdefault(copies.find(d), d)
    uf = _UnionFind(v.id for v in views)
    echoes = find_echoes(views) if echoes is None else echoes
    by_key: dict[tuple[str, ...], str] = {}
    for v in sorted(views, key=lambda v: v.order):
        if v.id in echoes:
            continue  # joins its echo target only (see the module docstring)
        source_doc = first_view[origin[copies.find(v.document_id)]]
        key = claim_chain_key(v, as_outlet=source_doc.outlet or source_doc.document_id)
        if key in by_key:
            uf.union(by_key[key], v.id)
        else:
            by_key[key] = v.id
    for echo in echoes.values():
        uf.union(echo.claim_id, echo.target_id)
    groups: dict[str, list[ClaimView]] = {}
    for v in sorted(views, key=lambda v: v.order):
        groups.setdefault(uf.find(v.id), []).append(v)
    return sorted(groups.values(), key=lambda g: g[0].order)
