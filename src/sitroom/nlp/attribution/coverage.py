"""Which attribution covers a claim or a quantity, and the identity of a chain's original source.

Why: extraction attaches one chain to every claim and every quantity (issue 3), and fusion
counts independent chains (issue 5); both need one rule, written once.
"""

from __future__ import annotations

import re
from typing import Sequence

from sitroom.model import Attribution, SourceKind, Span

from .chains import outlet_source
from .lexicon import lexicon
from .sources import normalise_name
from ..span_index import LatestCover, SpanIndex

__all__ = ["attribution_for", "Coverage", "chain_key"]


def _contains(outer: Span | None, inner: Span) -> bool:
    return outer is not None and outer.start <= inner.start and inner.end <= outer.end


def _inside_sentence(sentence: Span | None, span: Span) -> bool:
    return sentence is not None and sentence.start <= span.start < sentence.end


def attribution_for(
    span: Span, attributions: Sequence[Attribution], outlet: str | None = None
) -> Attribution | None:
    """The attribution that covers the text at ``span`` (a claim's clause, a quantity).

    Order of preference:

    1. an attribution with a cue whose content contains ``span`` (the smallest such content, so a
       nested "officials said" wins over the outer "Reuters reported");
    2. an attribution in the same sentence (one with a cue before a hedge-only one; the nearest
       cue);
    3. an "according to" whose paragraph scope holds ``span`` (the latest before it);
    4. the bare outlet chain (outlet from ``outlet``, else from the attributions' first link).

    Returns ``None`` only when there is no attribution and no outlet to fall back on. Many spans
    against one list: build a :class:`Coverage` once and ask it.
    """
    return Coverage(attributions, outlet).attribution_for(span)


class Coverage:
    """:func:`attribution_for` over one document's attributions, for many spans.

    Why: claim assembly asks for every claim and every quantity; a scan of all attributions per
    question is quadratic on a long report. The attributions are filed by position
    (:class:`~sitroom.nlp.span_index.SpanIndex`; paragraph scopes in a
    :class:`~sitroom.nlp.span_index.LatestCover`) and each question reads those around its span,
    with the same rules and the same ties (the first in list order) as a full scan.
    """

    def __init__(self, attributions: Sequence[Attribution], outlet: str | None = None) -> None:
        self._attrs = list(attributions)
        attrs = self._attrs
        self._content = SpanIndex([a.content_span if a.cue_span is not None else None for a in attrs])
        self._sentence = SpanIndex([a.sentence_span for a in attrs])
        # Paragraph scopes are long (to the end of a text with single newlines): not block-filed.
        self._scope = LatestCover([a.scope_span if a.cue_span is not None else None for a in attrs], ties="first")
        if outlet is None and attrs and attrs[0].chain:
            outlet = attrs[0].chain[0].name
        self._bare = Attribution(chain=(outlet_source(outlet),)) if outlet is not None else None

    def attribution_for(self, span: Span) -> Attribution | None:
        """The attribution covering ``span`` (rules of :func:`attribution_for`)."""
        attrs = self._attrs
        inside = [a for a in (attrs[i] for i in self._content.around(span.start))
                  if _contains(a.content_span, span)]
        if inside:
            return min(inside, key=lambda a: len(a.content_span) if a.content_span else 0)
        same = [a for a in (attrs[i] for i in self._sentence.around(span.start))
                if _inside_sentence(a.sentence_span, span)]
        if same:
            cued = [a for a in same if a.cue_span is not None]
            if cued:
                return min(cued, key=lambda a: abs(a.cue_span.start - span.start) if a.cue_span else 0)
            return same[0]
        scoped = self._scope.latest(span.start)  # the latest-starting scope; ties: the first listed
        return attrs[scoped] if scoped is not None else self._bare


def _without_title(name: str, kind: SourceKind) -> str:
    """"Interior Minister Ali Hassan" → "Ali Hassan": the person, whatever title a report gives."""
    if kind not in (SourceKind.OFFICIAL, SourceKind.PERSON):
        return name
    words = name.split()
    titles = lexicon().official_titles
    last = max((i for i, w in enumerate(words[:-1]) if w.lower() in titles), default=-1)
    rest = words[last + 1 :]
    if last >= 0 and rest and all(w[:1].isupper() for w in rest):
        return " ".join(rest)
    return name


def chain_key(attribution: Attribution) -> tuple[str, ...]:
    """A normalised identity of the chain's ORIGINAL source, for judging independence.

    Named sources (officials, organisations, people, outlets) are identified by their normalised
    name alone: "U.S. officials" cited by two newspapers is one chain ``("u.s. officials",)``; a
    document by its issuer ("a statement from the ministry" → ``("ministry",)``). An anonymous
    source, or a document with no issuer, ("two aid workers", "local residents") has no identity
    beyond the outlet that heard it, so its key is ``(that outlet, description)``; a bare chain is
    the outlet itself (a wire story republished stays one chain under the wire's name only when
    the republisher credits it in the text).
    """
    chain = attribution.chain
    if not chain:
        return ()
    lex = lexicon()
    original = chain[-1]
    key = normalise_name(_without_title(original.name, original.kind), lex)
    if original.kind is SourceKind.DOCUMENT:
        issuer = _ISSUER.split(original.name, maxsplit=1)
        if len(issuer) == 2:
            return (normalise_name(issuer[1], lex),)
    if original.kind in (SourceKind.ANONYMOUS, SourceKind.UNKNOWN, SourceKind.DOCUMENT) and len(chain) >= 2:
        return (normalise_name(chain[-2].name, lex), key)
    return (key,)


_ISSUER = re.compile(r"\s(?:from|by|of)\s", re.IGNORECASE)
