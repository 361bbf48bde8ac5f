""""According to Y" mentions, and the trimming of another mention's content that would swallow the
according-to phrase ("Residents said …, according to SANA").

Why a module of its own: the phrase is a cue without a verb, found by its two words rather than by
the verb rules.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from sitroom.model import Span

from .base import Mention, extend_name, phrase, span_of, token_span, trim
from .lexicon import Lexicon

__all__ = ["according_mentions", "trim_according"]


def according_mentions(doc: Doc, lex: Lexicon) -> list[Mention]:
    """One mention per "according to Y": Y as speaker, the rest of the sentence as content."""
    out: list[Mention] = []
    for tok in doc:
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        to = doc[tok.i + 1]
        obj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if obj is None:
            obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        sent = tok.sent
        speaker_rng = extend_name(doc, phrase(obj), sent.end) if obj is not None else None
        if obj is None:
            # "according to studio insiders" parsed as a clause: the words up to the next punctuation.
            end = to.i + 1
            while end < sent.end and not doc[end].is_punct and end - to.i <= 8:
                end += 1
            if end > to.i + 1:
                speaker_rng = (to.i + 1, end)
        # Content: the sentence without the "according to …" phrase (at either edge).
        phrase_left = tok.i
        phrase_right = (obj.right_edge.i + 1) if obj is not None else to.i + 1
        if phrase_left - sent.start <= 1:
            content_rng = trim(doc, phrase_right, sent.end)
        else:
            content_rng = trim(doc, sent.start, phrase_left)
        out.append(
            Mention(
                cue=token_span([tok, to]),
                cue_text=f"{tok.text} {to.text}",
                cue_lemma="according to",
                sentence=token_span(sent),
                speaker=span_of(doc, speaker_rng),
                speaker_head=obj.i if obj is not None else None,
                content=span_of(doc, content_rng),
                pattern="according",
            )
        )
    return out


def trim_according(m: Mention, found: list[Mention], text: str) -> Mention:
    """``m`` with its content cut before an "according to" cue of the same sentence."""
    if m.pattern == "according" or m.content is None:
        return m
    for other in found:
        if other.pattern != "according" or other.sentence != m.sentence:
            continue
        if m.content.start < other.cue.start < m.content.end:
            end = other.cue.start
            while end > m.content.start and text[end - 1] in " ,;\n":
                end -= 1
            return replace(m, content=Span(m.content.start, end))
    return m
