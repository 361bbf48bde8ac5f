"""Shared reader for the attribution tests: what the mention finder sees in a sentence."""

from __future__ import annotations

from sitroom.nlp.attribution import find_mentions
from sitroom.nlp.parse import parse


def mentions(text: str) -> list[tuple[str, str | None, str]]:
    """``(cue words, speaker words, pattern)`` for each mention."""
    doc = parse(text)
    out = []
    for m in find_mentions(doc):
        speaker = m.speaker.quote(text) if m.speaker is not None else None
        out.append((m.cue.quote(text), speaker, m.pattern))
    return out
