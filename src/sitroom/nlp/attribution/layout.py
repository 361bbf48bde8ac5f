"""Attribution cues outside the verb grammar: "Name: words" lines, quotations signed "― Name",
headline tails ("…, Officials Estimate") and nouns with a that-clause ("the claim that …").

Why apart from the verb rules: these read the layout of a report (lines, punctuation, title-case
headlines the parser mis-tags) rather than its dependency parse, and each was measured on PolNeAR
dev on its own.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sitroom.model import Span

from .base import Mention, animate, phrase, span_of, token_span, trim
from .lexicon import Lexicon
from ..parse import text_of

__all__ = [
    "punctuation_mentions",
    "signed_quote_mentions",
    "headline_tail_mentions",
    "headline_verb_mentions",
    "medium_mentions",
    "nominal_mentions",
]


_NOT_SPEAKERS = {
    "correction", "clarification", "update", "source", "sources", "note", "editor", "related",
    "photo", "video", "watch", "read", "more", "breaking", "exclusive", "analysis", "opinion",
    "the latest", "latest", "q", "a",
}
"""Line openers that are section labels, not speakers ("Correction: …")."""

_OPENING_QUOTES = {"‘", "“", '"', "'", "``"}


def _name_like(left: SpacySpan, lex: Lexicon, quote_follows: bool = False) -> bool:
    """A name that can head a "Name: words" line: a person/organisation name, a transcript
    speaker in capitals, a single capitalised name the tagger took for a noun ("Sanders: …"), a
    document ("Poll: …"), or any short stretch before a quotation ("X Hammers Y: ‘…’")."""
    words = [t for t in left if not t.is_punct]
    if not words or len(words) > (8 if quote_follows else 5) or not words[0].text[:1].isupper():
        return False
    if left.text.lower() in _NOT_SPEAKERS or words[0].lower_ in _NOT_SPEAKERS:
        return False
    if quote_follows or len(words) == 1 and words[0].lower_ in lex.document_heads:
        return True
    if len(words) == 1 and words[0].is_title and words[0].is_alpha:
        return True
    if all(t.is_upper and t.is_alpha for t in words):
        return True
    return all(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG") for t in words)


def punctuation_mentions(doc: Doc, lex: Lexicon) -> list[Mention]:
    """Cues made of punctuation: a headline "Name: words" and a quotation signed "― Name"."""
    out: list[Mention] = []
    for tok in doc:
        if tok.text == ":" and tok.i > 0:
            # Headline style: a short name-like stretch from the line start up to the colon.
            start = tok.i
            while start > 0 and "\n" not in doc[start - 1].text_with_ws and tok.i - start < 6:
                start -= 1
            if start > 0 and "\n" not in doc[start - 1].text_with_ws:
                continue
            while start < tok.i and (doc[start].is_punct or doc[start].is_space):
                start += 1
            left = doc[start : tok.i]
            quote_follows = tok.i + 1 < len(doc) and doc[tok.i + 1].text in _OPENING_QUOTES
            if not left or not _name_like(left, lex, quote_follows):
                continue
            if any(t.tag_[:2] == "VB" and t.lemma_.lower() in lex.strong_verbs for t in (left[0], left[-1])):
                continue  # 'She said: "…"', 'Said one official: "…"': the verb is the cue (verb rules)
            if tok.i + 1 >= len(doc) or "\n" in tok.text_with_ws:
                continue
            end = tok.i + 1
            while end < len(doc) and "\n" not in doc[end - 1].text_with_ws:
                end += 1
            out.append(
                Mention(
                    cue=token_span([tok]), cue_text=":", cue_lemma=":", sentence=token_span(doc[start:end]),
                    speaker=token_span(left), speaker_head=left.root.i,
                    content=span_of(doc, trim(doc, tok.i + 1, end)), pattern="punctuation",
                )
            )
    return out


_SIGNED = re.compile(r"[”\"]\s*(―|—|--)[ \t\u00a0]*([A-Z][^\n.,;:“”\"]{1,60})")


def signed_quote_mentions(doc: Doc) -> list[Mention]:
    """A quotation signed after a dash: “…” ― Jane Roe."""
    out: list[Mention] = []
    for match in _SIGNED.finditer(text_of(doc)):
        name = match.group(2).rstrip(" \u00a0")
        if len(name.split()) > 6:
            continue
        cue = Span(match.start(1), match.end(1))
        speaker = Span(match.start(2), match.start(2) + len(name))
        sent = doc.char_span(cue.start, cue.end, alignment_mode="expand")
        sentence = token_span(sent.sent) if sent is not None and len(sent) else cue
        out.append(Mention(cue=cue, cue_text=match.group(1), cue_lemma=match.group(1), sentence=sentence,
                           speaker=speaker, pattern="punctuation"))
    return out


_TAIL_CUES = {
    "say": "say", "says": "say", "said": "say", "estimate": "estimate", "estimates": "estimate",
    "warn": "warn", "warns": "warn", "claim": "claim", "claims": "claim", "report": "report",
    "reports": "report", "confirm": "confirm", "confirms": "confirm", "tell": "tell",
    "tells": "tell", "fear": "fear", "fears": "fear", "believe": "believe", "believes": "believe",
}


def _lines(doc: Doc) -> list[list[Token]]:
    """The document's lines as token runs (a headline is a line, whatever the sentence splitter
    made of it)."""
    lines: list[list[Token]] = [[]]
    # The tokenizer keeps whitespace other than one trailing space in whitespace tokens of their
    # own, so only those are read for a line break.
    for tok in doc:
        if tok.is_space and "\n" in tok.text:
            lines.append([])
            continue
        lines[-1].append(tok)
    return [line for line in lines if line]


def headline_tail_mentions(doc: Doc) -> list[Mention]:
    """Headline style "Thousands Escaped Camp, U.S. Officials Estimate" / "…, sources say": a
    short name at the end of a line, after a comma or dash, with a cue word that a title-case
    parse mis-tags as a noun."""
    out: list[Mention] = []
    for line in _lines(doc):
        toks = [t for t in line if not t.is_space]
        while toks and toks[-1].is_punct:
            toks.pop()
        if len(toks) < 4:
            continue
        cue = toks[-1]
        lemma = _TAIL_CUES.get(cue.lower_)
        if lemma is None or cue.pos_ == "VERB":
            continue  # a real verb is handled by the verb rules
        i = len(toks) - 2
        while i > 0 and toks[i].text not in (",", "-", "—", "–", ":") and len(toks) - 2 - i < 6:
            i -= 1
        if toks[i].text not in (",", "-", "—", "–", ":") or i >= len(toks) - 2:
            continue
        speaker = toks[i + 1 : len(toks) - 1]
        if any(t.pos_ == "VERB" and t.dep_ not in ("compound", "amod") for t in speaker):
            continue
        out.append(
            Mention(
                cue=token_span([cue]), cue_text=cue.text, cue_lemma=lemma, sentence=token_span(toks),
                speaker=token_span(speaker), speaker_head=speaker[-1].i,
                content=token_span(toks[:i]), pattern="verb", clausal=True,
            )
        )
    return out


def nominal_mentions(doc: Doc, lex: Lexicon) -> list[Mention]:
    """Noun cues with a stated source or a that-clause: "the minister's claim that …", "criticism from
    Democrats", "a statement by the ministry"."""
    out: list[Mention] = []
    noun = doc.vocab.strings["NOUN"]  # the parse's number for the tag: no string per token
    for tok in doc:
        if tok.pos != noun or tok.lemma_.lower() not in lex.cue_nouns:
            continue
        source = next((c for c in tok.children if c.dep_ == "poss"), None)
        if source is None:
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ in ("by", "from"):
                    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if obj is not None and animate(obj, lex):
                        source = obj
                        break
        clause = next(
            (
                c
                for c in tok.children
                if c.dep_ in ("acl", "ccomp", "relcl")  # a "relcl" with "that" as its mark is a complement
                and any(g.lower_ == "that" and g.dep_ == "mark" for g in c.children)
            ),
            None,
        )
        if source is None and clause is None:
            continue
        if clause is None:
            continue  # a bare "the minister's claim" is too often no attribution at all
        cue_rng = (tok.i, tok.i + 1)
        out.append(
            Mention(
                cue=token_span([tok]),
                cue_text=tok.text,
                cue_lemma=tok.lemma_.lower(),
                sentence=token_span(tok.sent),
                speaker=span_of(doc, phrase(source, {tok.i})) if source is not None else None,
                speaker_head=source.i if source is not None else None,
                content=span_of(doc, phrase(clause)) if clause is not None else None,
                pattern="nominal",
            )
        )
    return out


_HEADLINE_SPEAKER_POS = {"PROPN", "NOUN", "ADJ", "NUM", "DET", "PART", "X"}


def _headline(line: list[Token], first: bool) -> bool:
    """A headline: the document's first line, or a line in title case (most words capitalised)."""
    words = [t for t in line if t.is_alpha]
    if len(words) < 3:
        return False
    if first:
        return True
    capitalised = sum(1 for t in words if t.text[0].isupper())
    return capitalised >= 0.7 * len(words) and len(words) <= 20


def _verb_base(word: str) -> list[str]:
    """Candidate base forms of a title-case word the tagger may not know is a verb ("Vows",
    "Seeks", "Rip")."""
    low = word.lower()
    out = [low]
    if low.endswith("ies"):
        out.append(low[:-3] + "y")
    if low.endswith("es"):
        out.append(low[:-2])
    if low.endswith("s"):
        out.append(low[:-1])
    return out


def headline_verb_mentions(doc: Doc, lex: Lexicon, taken: set[int]) -> list[Mention]:
    """Headline cues the parser misses because title case hides the verb: "Farm Groups Slam
    X", "Mayor Seeks More Buses", "New Survey Finds …". On a headline line, a word whose base
    form is a cue verb, after a short noun phrase that opens the line (or follows a colon), is
    the cue and that phrase the speaker."""
    cues = (lex.strong_verbs | lex.content_verbs | lex.stance_verbs | lex.intention_verbs | lex.criticism_verbs) - lex.needs_clause
    out: list[Mention] = []
    for n, line in enumerate(_lines(doc)):
        toks = [t for t in line if not t.is_space]
        if not _headline(toks, n == 0):
            continue
        start = 0
        for k, tok in enumerate(toks):
            if tok.text in (":", ";", "—", "―", "-"):
                start = k + 1
                continue
            if k == start or tok.idx in taken or not tok.is_alpha:
                continue
            if not any(b in cues for b in _verb_base(tok.text)):
                continue
            after = toks[k + 1 : k + 3]
            if any(t.tag_ in ("VBZ", "VBP", "VBD", "MD") for t in after):
                continue  # "Water Board Rules Face …", "Council Reportedly Weighing": part of the subject
            speaker = toks[start:k]
            if speaker[0].lower_ in ("a", "an", "one"):
                break  # "A Harbour Plan": an indefinite noun phrase, not a speaker
            if speaker[-1].pos_ == "DET":
                break  # "The Claim by …": the word after a determiner is a noun
            if len(speaker) > 6 or any(t.pos_ not in _HEADLINE_SPEAKER_POS or t.is_punct for t in speaker):
                break  # the opening phrase is a clause already: leave it to the verb rules
            if not speaker[-1].text[:1].isupper() and speaker[-1].pos_ not in ("NOUN", "PROPN"):
                break
            rest = toks[k + 1 :]
            out.append(
                Mention(
                    cue=token_span([tok]), cue_text=tok.text, cue_lemma=_verb_base(tok.text)[-1],
                    sentence=token_span(toks), speaker=token_span(speaker), speaker_head=speaker[-1].i,
                    content=token_span(rest) if rest else None, pattern="verb",
                )
            )
            break
    return out


_MEDIA = {"statement", "interview", "poll", "polls", "survey", "eyes", "view", "opinion"}
"""Nouns of a medium or a viewpoint that make "in a statement", "in his view", "in a poll" a cue."""


def medium_mentions(doc: Doc, lex: Lexicon, taken: set[int]) -> list[Mention]:
    """"In a statement, the ministry was more cautious", "in his view", "in a new poll": a
    prepositional phrase naming the medium or viewpoint of what the clause says, when the clause
    has no cue of its own. The speaker is the possessor ("his"), else the clause's subject when it
    can speak."""
    out: list[Mention] = []
    for prep in doc:
        if prep.lower_ != "in" or prep.dep_ != "prep":
            continue
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is None or obj.lower_ not in _MEDIA:
            continue
        head = prep.head
        if head.pos_ not in ("VERB", "AUX") or head.idx in taken:
            continue  # "said in a statement": the verb is the cue
        owner = next((c for c in obj.children if c.dep_ == "poss"), None)
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        speaker = owner if owner is not None else (subj if subj is not None and animate(subj, lex) else None)
        if obj.lower_ in ("poll", "polls", "survey"):
            speaker = None  # "Trump rose in the poll": the poll reports, Trump is what it measures
        if obj.lower_ in ("eyes", "view", "opinion") and owner is None:
            continue  # "in view of", "in the public eye": no one's viewpoint
        out.append(
            Mention(
                cue=token_span(doc[prep.i : obj.i + 1]),
                cue_text=doc[prep.i : obj.i + 1].text,
                cue_lemma=obj.lemma_.lower(),
                sentence=token_span(prep.sent),
                speaker=span_of(doc, phrase(speaker, {prep.i})) if speaker is not None else None,
                speaker_head=speaker.i if speaker is not None else None,
                pattern="nominal",
            )
        )
    return out
