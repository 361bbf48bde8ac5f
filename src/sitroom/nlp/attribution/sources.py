"""Who a source is: its display name, its :class:`~sitroom.model.SourceKind` and a normalised key.

Why here and not in fusion: the kind ("U.S. officials" are officials, "two aid workers" are
anonymous, "state news agency SANA" is an outlet) is read from the words and the parse, which only
extraction has; fusion compares the normalised keys to judge whether two chains are independent.

Kind rules, first match wins:

1. a known outlet, a "news agency"/"newspaper"/"TV" phrase, an organisation name ending in a
   masthead word ("… Ledger", "… Times") or the outlet a speaker "told" → ``OUTLET``;
2. an explicit anonymity request ("who asked not to be named", "on condition of anonymity") →
   ``ANONYMOUS``;
3. an official head noun or title ("officials", "Interior Minister X", "police") → ``OFFICIAL``
   (unnamed officials stay officials, as ``SourceKind.OFFICIAL`` documents);
4. a document head ("the report", "a statement") → ``DOCUMENT``;
5. a person's name or a personal pronoun → ``PERSON``;
6. an organisation name or head ("the UN refugee agency", "the Syrian Observatory …") →
   ``ORGANISATION``;
7. an unnamed group or person ("security sources", "two aid workers", "local residents") →
   ``ANONYMOUS``; anything else ``UNKNOWN``.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sitroom.model import Source, SourceKind, Span

from .lexicon import Lexicon, lexicon
from ..parse import text_of

__all__ = ["make_source", "classify", "display_name", "normalise_name"]

_PERSONAL = {"he", "she", "him", "her", "i", "we", "you"}
_PARTITIVE = {"one", "two", "three", "some", "several", "many", "most", "none", "all", "each", "both"}
_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def entity_of(token: Token) -> SpacySpan | None:
    """The named entity ``token`` is part of, found from the IOB tags (``Doc.ents`` rebuilds every
    entity on each access, which is too slow per source)."""
    if token.ent_iob_ not in ("B", "I"):
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _core(phrase: SpacySpan, head: Token) -> SpacySpan:
    """The name part of a source phrase: up to its head noun (or the end of the named entity the
    head sits in), without what follows ("officials familiar with …", "an official who asked …").
    A coordination ("security and humanitarian sources") is kept whole because it precedes the
    head."""
    doc = phrase.doc
    end = head.i + 1
    if head.ent_iob_ in ("B", "I"):
        ent = entity_of(head)
        if ent is not None:
            end = max(end, min(ent.end, phrase.end))
    # "Minister of the Interior", "Observatory for Human Rights" when the parser split the name.
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "for") and child.i == end:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and (obj.pos_ == "PROPN" or obj.ent_type_) and head.pos_ == "PROPN":
                end = obj.right_edge.i + 1
    start = phrase.start
    while start < end - 1 and doc[start].is_punct:
        start += 1
    return doc[start:min(end, phrase.end) if end > start else phrase.end]


def display_name(phrase: SpacySpan, head: Token) -> str:
    """The words that name the source, e.g. "U.S. officials" from "U.S. officials familiar with
    the assessment", "SANA" from "state news agency SANA"."""
    if head.lower_ in _PARTITIVE:
        # "one of the security sources": the group is the identity.
        for prep in head.rights:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is not None and obj.i < phrase.end:
                    group = _core(phrase.doc[prep.i + 1 : obj.right_edge.i + 1], obj)
                    return f"{head.text} of {group.text.strip()}"
    if head.pos_ == "NOUN":
        after = phrase.doc[head.i + 1 : phrase.end]
        if len(after) and all(t.pos_ == "PROPN" or (t.is_upper and t.is_alpha) for t in after):
            return after.text.strip()
        for child in head.rights:
            if child.dep_ in ("appos", "npadvmod", "compound") and child.pos_ == "PROPN" and child.i < phrase.end:
                return _core(phrase.doc[child.left_edge.i : child.right_edge.i + 1], child).text.strip()
    return _core(phrase, head).text.strip(" ,")


def normalise_name(name: str, lex: Lexicon | None = None) -> str:
    """A comparison key for a source name: lower case, straight quotes, no leading articles or
    counts, no possessive, outlet aliases folded ("AP" = "associated press")."""
    lex = lex or lexicon()
    text = _SPACE.sub(" ", name.translate(_QUOTES).lower()).strip(" ,.;:'\"")
    text = re.sub(r"'s$", "", text).strip()
    words = text.split(" ")
    while len(words) > 1 and (words[0] in lex.determiners or words[0].replace(",", "").isdigit()):
        words = words[1:]
    text = " ".join(words)
    return lex.outlet_aliases.get(text, text)


def _is_outlet(core_text: str, phrase: SpacySpan, head: Token, lex: Lexicon) -> bool:
    low = normalise_name(core_text, lex)
    if low in lex.outlets or low in lex.outlet_aliases.values():
        return True
    words = [t.lower_ for t in phrase]
    joined = " ".join(words)
    if any(k in joined for k in ("news agency", "press agency", "newspaper", "state media", "state tv",
                                 "state television", "news channel", "news website", "broadcaster")):
        return True
    if head.lower_ in lex.outlet_heads and head.pos_ == "NOUN":
        return True
    ent = entity_of(head)
    if ent is not None and head.ent_type_ in ("ORG", "WORK_OF_ART", "PRODUCT", "PERSON"):
        last = ent[-1].lower_
        if last in lex.outlet_words and len(ent) >= 2 and last not in ("network", "media", "monitor"):
            return True
    return False


def classify(
    phrase: SpacySpan, head: Token, lex: Lexicon | None = None, *, recipient: bool = False
) -> SourceKind:
    """The :class:`SourceKind` of a source phrase whose syntactic head is ``head`` (rules in the
    module docstring)."""
    lex = lex or lexicon()
    core = _core(phrase, head)
    text_low = phrase.text.lower()
    if _is_outlet(core.text, phrase, head, lex):
        return SourceKind.OUTLET
    if recipient and (head.pos_ == "PROPN" or head.ent_type_ == "ORG"):
        return SourceKind.OUTLET
    if any(marker in text_low for marker in lex.anonymity_markers):
        return SourceKind.ANONYMOUS
    core_words = [t.lower_ for t in core]
    head_low = head.lower_
    person = head.ent_type_ == "PERSON"
    titled = any(w in lex.official_titles for w in core_words[:-1]) or any(
        " ".join(core_words[i : i + 2]) in lex.official_titles for i in range(len(core_words) - 1)
    )
    if head_low in lex.official_heads or head.lemma_.lower() in lex.official_heads:
        return SourceKind.OFFICIAL
    if person and titled:
        return SourceKind.OFFICIAL
    if person and any(
        c.dep_ == "appos" and (c.lower_ in lex.official_heads or c.lemma_.lower() in lex.official_heads)
        for c in head.children
    ):
        return SourceKind.OFFICIAL
    if head_low in lex.document_heads or head.lemma_.lower() in lex.document_heads:
        return SourceKind.DOCUMENT
    if person or head_low in _PERSONAL:
        return SourceKind.PERSON
    head_lemma = head.lemma_.lower()
    if head.ent_type_ in ("ORG", "NORP") or head_low in lex.organisation_heads or head_lemma in lex.organisation_heads:
        return SourceKind.ORGANISATION
    if any(t.ent_type_ == "ORG" for t in core):
        return SourceKind.ORGANISATION
    if head.lemma_.lower() == "source":
        return SourceKind.ANONYMOUS  # "ministry sources", "a security source"
    if head.ent_type_ == "GPE":
        return SourceKind.OFFICIAL  # "Iraq said", "Ankara says": the government speaking
    unnamed = not any(t.pos_ == "PROPN" for t in core if t.ent_type_ not in ("GPE", "NORP"))
    if unnamed and (head_low in lex.anonymous_heads or head.lemma_.lower() in lex.anonymous_heads):
        return SourceKind.ANONYMOUS
    if unnamed and head.pos_ == "NOUN":
        return SourceKind.ANONYMOUS  # an unnamed person or group: "a lawyer", "organisers"
    if head.pos_ == "PROPN":
        person_like = head.ent_type_ in ("", "PERSON") and head.is_title
        return SourceKind.PERSON if person_like else SourceKind.UNKNOWN
    return SourceKind.UNKNOWN


def make_source(doc: Doc, span: Span, head_index: int | None, *, recipient: bool = False) -> Source:
    """A :class:`Source` for the phrase at character ``span`` whose head token is ``head_index``."""
    phrase = doc.char_span(span.start, span.end, alignment_mode="expand")
    if phrase is None or len(phrase) == 0:
        return Source(name=text_of(doc)[span.start : span.end], kind=SourceKind.UNKNOWN, span=span)
    inside = head_index is not None and phrase.start <= head_index < phrase.end
    head = doc[head_index] if inside and head_index is not None else phrase.root
    kind = classify(phrase, _partitive_group(head, phrase) or head, recipient=recipient)
    name = _document_name(phrase, head) if kind is SourceKind.DOCUMENT else display_name(phrase, head)
    return Source(name=name or phrase.text, kind=kind, span=span)


def _partitive_group(head: Token, phrase: SpacySpan) -> Token | None:
    """The group noun of "one of the security sources" (its kind is the source's kind)."""
    if head.lower_ not in _PARTITIVE:
        return None
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.i < phrase.end:
                return obj
    return None


def _document_name(phrase: SpacySpan, head: Token) -> str:
    """A document is known by its issuer: "a statement from the ministry", "a report by the
    monitoring group" keep their "from/by/of …" part."""
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of") and child.i < phrase.end:
            end = min(child.right_edge.i + 1, phrase.end)
            return phrase.doc[phrase.start : end].text.strip(" ,")
    return display_name(phrase, head)
