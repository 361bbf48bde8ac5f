"""Passes over the mentions of a whole document: a speaker the parser found inside the quotation
the cue introduces, and one cue for a verb and the communication noun after it ("sends a clear
message", "faced criticism from").

Why a module of its own: these repairs look at mentions found by different rules together, after
every rule has run.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from sitroom.model import Span

from .base import Mention, inside, span_of
from ..parse import text_of

__all__ = ["unquote_speaker", "merge_light_nouns"]


_QUOTE_MARKS = {'"', "“", "”", "''", "``", "’", "‘"}


def unquote_speaker(m: Mention, doc: Doc, quoted: list[tuple[int, int]]) -> Mention:
    """Repair a speaker the parser found inside the quotation it introduces ('"Full panic
    mode," said Jane Roe' or '"…," the strategist said'): the speaker is the name right after the
    cue, else the words between the closing quotation mark and the cue."""
    if m.speaker is None or m.pattern not in ("verb",) or not inside(quoted, m.speaker.start):
        return m
    cue = doc.char_span(m.cue.start, m.cue.end, alignment_mode="expand")
    if cue is None or not len(cue):
        return m
    sent = cue[0].sent
    end = cue[-1].i + 1
    if (
        end < sent.end
        and doc[end].pos_ in ("PROPN", "NOUN", "DET", "ADJ", "PRON")
        and doc[end].ent_type_ not in ("DATE", "TIME")  # '"…," the chief said Monday.'
    ):
        stop = end
        while stop < sent.end and not doc[stop].is_punct:
            stop += 1
        return replace(m, speaker=span_of(doc, (end, stop)), speaker_head=stop - 1)
    start = cue[0].i
    k = start - 1
    while k >= sent.start and doc[k].text not in _QUOTE_MARKS and doc[k].text != ",":
        k -= 1
    if k >= sent.start and k + 1 < start:
        return replace(m, speaker=span_of(doc, (k + 1, start)), speaker_head=start - 1)
    # '"…," Jane Roe, a spokeswoman for the agency, said': a name with an appositive between
    # the closing quotation mark and the cue.
    q = start - 1
    while q >= sent.start and doc[q].text not in _QUOTE_MARKS and start - q <= 15:
        q -= 1
    stop = start
    while stop > q + 1 and doc[stop - 1].is_punct:
        stop -= 1
    if (
        q >= sent.start
        and doc[q].text in _QUOTE_MARKS
        and q + 1 < stop
        and doc[q + 1].pos_ in ("PROPN", "DET", "NOUN", "PRON")
    ):
        first_comma = next((i for i in range(q + 1, stop) if doc[i].text == ","), stop)
        return replace(m, speaker=span_of(doc, (q + 1, stop)), speaker_head=first_comma - 1)
    return replace(m, speaker=None, speaker_head=None)


_NOUN_MODIFIERS = {"DET", "ADJ", "ADV", "NUM"}


def merge_light_nouns(found: list[Mention], doc: Doc) -> list[Mention]:
    """One cue for "sends a clear message", "have expressed concern", "is drawing criticism":
    a verb cue followed by a noun cue, with only the noun's modifiers between them, is one act
    of saying, not two."""
    text = text_of(doc)
    out: list[Mention] = []
    for m in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.pattern == "verb"
            and m.pattern in ("nominal", "attitude")
            and m.sentence == prev.sentence
            and 0 <= m.cue.start - prev.cue.end <= 25
            and _only_modifiers(doc, prev.cue.end, m.cue.start)
        ):
            if m.pattern == "attitude" and m.speaker is not None:
                # A reaction received from someone named ("faced criticism from aid groups"):
                # the source is who reacts, not the subject who receives it.
                cue = Span(prev.cue.start, m.cue.end)
                out[-1] = replace(m, cue=cue, cue_text=text[cue.start : cue.end])
            else:
                out[-1] = replace(
                    prev,
                    cue=Span(prev.cue.start, m.cue.end),
                    cue_text=text[prev.cue.start : m.cue.end],
                    speaker=prev.speaker or m.speaker,
                    speaker_head=prev.speaker_head if prev.speaker is not None else m.speaker_head,
                    content=prev.content or m.content,
                )
            continue
        out.append(m)
    return out


def _only_modifiers(doc: Doc, start: int, end: int) -> bool:
    """Whether the characters ``start:end`` hold nothing but determiners and adjectives."""
    if not text_of(doc)[start:end].strip():
        return True
    between = doc.char_span(start, end, alignment_mode="expand")
    return between is not None and all(t.pos_ in _NOUN_MODIFIERS or t.is_space for t in between)
