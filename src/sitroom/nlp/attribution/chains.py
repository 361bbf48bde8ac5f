"""Attribution chains from the publishing outlet to the original source.

Why chains and not single sources: analysts judge a figure by *who first said it* and *through
whom it reached the page*. "The Northern Ledger, citing U.S. officials, estimates …" published by
another outlet is ``outlet ← The Northern Ledger ← U.S. officials``; fusion counts two outlets that
repeat the same officials as one chain (:func:`sitroom.nlp.attribution.coverage.chain_key`).

How a chain is built from a :class:`~.mentions.Mention` (the publishing outlet is always first and
never repeated):

* "according to Y" → ``outlet ← Y``; "Y said" → ``outlet ← Y``;
* "X, citing Y, said/estimates" and "X reported, citing Y" → ``outlet ← X ← Y``;
* "Y told Reuters" → ``outlet ← Reuters ← Y``;
* a mention inside another's content ("X reported that officials said …", "officials said …,
  according to state media") → the outer chain, then this one;
* a pronoun speaker ("he said") takes the name and kind of the last named person or official
  before it; a bare surname takes the full name it was introduced with;
* a sentence with hedges but no cue ("Thousands are believed to have escaped") gets the bare outlet
  chain with its hedges, or the chain of an "according to" whose paragraph scope it is in.

Only *reporting* mentions make chains: speech and report verbs, "according to", and any cue that
governs a reported clause. Stance verbs without a clause ("X criticised Y"), punctuation cues and
nominal cues count for PolNeAR but say nothing about where a reported fact comes from.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from sitroom.model import Attribution, Source, SourceKind, Span

from .hedges import find_hedges, mention_hedges
from .lexicon import lexicon
from .mentions import Mention, find_mentions
from .sources import make_source, normalise_name
from ..parse import text_of
from ..span_index import LatestCover, SpanIndex

__all__ = ["find_attributions", "outlet_source", "UNKNOWN_OUTLET"]

UNKNOWN_OUTLET = "unknown outlet"
_PAREN = re.compile(r"\s*\(([^)]*)\)")
_PRONOUNS = {"he", "she", "him", "her", "they", "them", "it"}


def outlet_source(outlet: str | None) -> Source:
    """The first link of every chain: the publishing outlet, from metadata (no span)."""
    return Source(name=outlet or UNKNOWN_OUTLET, kind=SourceKind.OUTLET, span=None)


def _reporting(m: Mention) -> bool:
    """Whether a mention says where a reported fact comes from (see the module docstring)."""
    lex = lexicon()
    if m.negated:
        return False
    if m.pattern in ("according", "passive"):
        return True
    if m.pattern != "verb":
        return False
    if m.cue_lemma in lex.report_verbs:
        return True
    return m.clausal


def _paragraph_end(text: str, pos: int) -> int:
    end = text.find("\n\n", pos)
    return len(text) if end < 0 else end


class _Resolver:
    """Names for pronouns and bare surnames, from the sources seen so far in the document."""

    def __init__(self) -> None:
        self.last_person: Source | None = None
        self.last_group: Source | None = None
        self.groups: list[Source] = []
        self.seen: list[Source] = []
        self.last_body: Source | None = None
        self.full_names: dict[str, str] = {}

    def resolve(self, source: Source) -> Source:
        low = source.name.lower()
        if low in _PRONOUNS:
            if low in ("they", "them"):
                previous = self.last_group
            elif low == "it":
                previous = self.last_body
            else:
                previous = self.last_person
            if previous is not None:
                return Source(previous.name, previous.kind, source.span)
            return source
        words = source.name.split()
        if low.startswith("the ") and len(words) == 2:
            # "the officials" after "U.S. officials familiar with …", "the source" after "a
            # security source": the same one.
            for earlier in reversed(self.seen):
                if earlier.name.split()[-1].lower() == words[-1].lower():
                    source = Source(earlier.name, earlier.kind, source.span)
                    break
        self.seen.append(source)
        if len(words) == 3 and words[1].lower() == "of" and words[2].lower() in ("them", "those"):
            if self.last_group is not None:  # "one of them": a member of the last group
                return Source(self.last_group.name, self.last_group.kind, source.span)
        proper = any(w[:1].isupper() for w in words[1:]) or (len(words) == 1 and words[0][:1].isupper())
        plural = words[-1].lower().endswith("s") and not proper
        if source.kind in (SourceKind.ORGANISATION, SourceKind.OFFICIAL, SourceKind.OUTLET) and not plural:
            self.last_body = source  # "the ministry" for a later "it"
        if source.kind is not SourceKind.PERSON and plural:
            self.last_group = source  # "the officials", "security sources" for a later "they"
            self.groups.append(source)
        if source.kind in (SourceKind.PERSON, SourceKind.OFFICIAL):
            words = source.name.split()
            if len(words) == 1 and low in self.full_names:
                source = Source(self.full_names[low], source.kind, source.span)
            elif len(words) >= 2 and words[-1][:1].isupper():
                self.full_names.setdefault(words[-1].lower(), source.name)
            self.last_person = source
        return source


def _aliases(name: str) -> set[str]:
    """Names one outlet goes by: "Syrian Arab News Agency (SANA)" is also "SANA" and "syrian arab
    news agency"; "Levant Wire Service" is also "LWS"."""
    base = normalise_name(name)
    out = {base}
    match = _PAREN.search(name)
    if match:
        out.add(normalise_name(match.group(1)))
        out.add(normalise_name(_PAREN.sub("", name)))
    words = [w for w in _PAREN.sub("", name).split() if w[:1].isupper()]
    if len(words) >= 2:
        out.add("".join(w[0] for w in words).lower())
    return out


def _same(a: Source, b: Source) -> bool:
    if normalise_name(a.name) == normalise_name(b.name):
        return True
    if SourceKind.OUTLET in (a.kind, b.kind):
        return bool(_aliases(a.name) & _aliases(b.name))
    return False


def _dedupe(chain: list[Source]) -> tuple[Source, ...]:
    """The chain without repeats: an outlet citing itself under another of its names, a speaker
    named twice."""
    out: list[Source] = []
    for link in chain:
        if any(_same(link, earlier) for earlier in out):
            continue
        out.append(link)
    return tuple(out)


def find_attributions(doc: Doc, outlet: str | None) -> list[Attribution]:
    """Every attribution in ``doc``, with its chain from ``outlet`` to the original source.

    Args:
        doc: the document's one parse (:func:`sitroom.nlp.parse.parse`).
        outlet: the publishing outlet's name from metadata (``None``: "unknown outlet").

    Returns:
        Attributions in text order: one per reporting cue (chain, cue, content, hedges, the cue's
        sentence and, for "according to", its paragraph scope), plus one per hedged sentence that
        has no cue (bare or "according to" chain, cue ``None``).
    """
    head = outlet_source(outlet)
    mentions = [m for m in find_mentions(doc) if _reporting(m)]
    built = _chains(doc, mentions, head)
    attributions = [_cue_attribution(doc, m, chain) for m, chain in built]
    covered_sentences: set[Span] = {m.sentence for m, _ in built}
    attributions += _hedged_sentences(doc, attributions, covered_sentences, head)
    attributions.sort(key=lambda a: (a.sentence_span or Span(0, 0)).start)
    return attributions


def _chains(doc: Doc, mentions: list[Mention], head: Source) -> list[tuple[Mention, tuple[Source, ...]]]:
    """Each mention with its chain: the outlet, the chain of the attribution it is nested in (or
    the "according to" mention that wraps it), then its own speaker, cited source or recipient.

    Why in text order: a nested cue takes the chain of an earlier-built attribution whose content
    holds it, and the resolver links later names ("the minister") to earlier ones."""
    resolver = _Resolver()
    built: list[tuple[Mention, tuple[Source, ...]]] = []
    # Mentions filed by their content, so nesting reads the contents around a cue, not them all.
    by_content = SpanIndex([m.content for m in mentions])
    for k, m in enumerate(mentions):
        links = _own_links(doc, m, resolver)
        # Nesting: the innermost earlier-built attribution whose content holds this cue.
        around = by_content.around(m.cue.start)
        outer = [
            (om, chain)
            for om, chain in (built[i] for i in around if i < k)
            if om.content is not None and om.content.start <= m.cue.start < om.content.end and om is not m
        ]
        # "Officials said …, according to state media": the according-to mention comes later in
        # the text but wraps this one.
        wrappers = [
            om for om in (mentions[i] for i in around)
            if om.pattern == "according" and om is not m and om.sentence == m.sentence
            and om.content is not None and om.content.start <= m.cue.start < om.content.end
        ]
        prefix: list[Source] = []
        if outer:
            om, chain = min(outer, key=lambda pair: len(pair[0].content or Span(0, 10**9)))
            prefix = list(chain[1:])
        elif wrappers and m.pattern != "according":
            w = wrappers[0]
            if w.speaker is not None:
                prefix = [make_source(doc, w.speaker, w.speaker_head)]
        built.append((m, _dedupe([head, *prefix, *links])))
    return built


def _own_links(doc: Doc, m: Mention, resolver: _Resolver) -> list[Source]:
    """The sources a mention names itself, outermost first: the speaker (or the noun a relative
    pronoun stands for) then the source it cites, or an outlet told ("told Reuters") then the speaker."""
    links: list[Source] = []
    speaker = None
    if m.antecedent is not None:
        speaker = resolver.resolve(make_source(doc, m.antecedent, m.antecedent_head))
    elif m.speaker is not None:
        speaker = resolver.resolve(make_source(doc, m.speaker, m.speaker_head))
    if m.cited is not None:
        if speaker is not None:
            links.append(speaker)
        links.append(resolver.resolve(make_source(doc, m.cited, m.cited_head)))
    elif m.recipient is not None and speaker is not None:
        recipient = make_source(doc, m.recipient, m.recipient_head, recipient=True)
        if recipient.kind is SourceKind.OUTLET:
            links.append(recipient)
        links.append(speaker)
    elif speaker is not None:
        links.append(speaker)
    return links


def _cue_attribution(doc: Doc, m: Mention, chain: tuple[Source, ...]) -> Attribution:
    """The attribution of one cue: its chain, hedges, content and sentence; an "according to"
    reaches to the end of its paragraph (``scope_span``)."""
    hedges = mention_hedges(doc, m)
    scope = None
    if m.pattern == "according":
        scope = Span(m.sentence.start, max(m.sentence.end, _paragraph_end(text_of(doc), m.sentence.end)))
    return Attribution(
        chain=chain,
        cue=m.cue_text,
        cue_span=m.cue,
        hedges=tuple(h for h, _ in hedges),
        hedge_spans=tuple(s for _, s in hedges),
        content_span=m.content,
        sentence_span=m.sentence,
        scope_span=scope,
    )


def _hedged_sentences(doc: Doc, attributions: list[Attribution], covered_sentences: set[Span],
                      head: Source) -> list[Attribution]:
    """Hedged sentences with no cue of their own ("reportedly", "allegedly"): the chain of the
    "according to" whose paragraph scope holds them, else the outlet alone."""
    according = [a for a in attributions if a.scope_span is not None]
    # The last in-scope "according to" wins; these are in text order (mentions come sorted by cue),
    # so that is the latest-starting scope, ties to the last. Scopes run to paragraph ends, long.
    by_scope = LatestCover([a.scope_span for a in according], ties="last")
    covered = list(covered_sentences)
    by_sentence = SpanIndex(covered)
    out: list[Attribution] = []
    for sent in doc.sents:
        sent_span = Span(sent.start_char, sent.end_char)
        if any(covered[i].start <= sent_span.start < covered[i].end for i in by_sentence.around(sent_span.start)):
            continue
        hedges = find_hedges(sent)
        if not hedges:
            continue
        scoped = by_scope.latest(sent_span.start)
        chain = according[scoped].chain if scoped is not None else (head,)
        out.append(
            Attribution(
                chain=chain,
                cue=None,
                cue_span=None,
                hedges=tuple(h for h, _ in hedges),
                hedge_spans=tuple(s for _, s in hedges),
                content_span=sent_span,
                sentence_span=sent_span,
            )
        )
    return out
