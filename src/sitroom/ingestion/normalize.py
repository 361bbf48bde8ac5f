"""Text normalisation and the document id.

Why two levels: the stored text keeps paragraphs (extractors need sentence and paragraph breaks,
and spans must point into exactly what is stored), while the id is computed from a flatter key
(Unicode NFKC, all whitespace folded) so the same report re-wrapped, re-indented or re-encoded is
recognised as the same document.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["normalize_text", "identity_key", "document_id"]

# C0/C1 control characters other than tab and newline, plus zero-width and BOM characters.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200c\u200d\u2060\ufeff]")
_INLINE_SPACE = re.compile(r"[^\S\n]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")


def normalize_text(text: str) -> str:
    """The form in which text is stored: NFC, ``\\n`` line ends, no control characters, tidy spaces.

    Paragraph breaks (blank lines) are kept; runs of spaces and tabs become one space; lines are
    stripped; three or more newlines become two.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _CONTROL.sub("", text)
    text = _INLINE_SPACE.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _MANY_NEWLINES.sub("\n\n", text)
    return text.strip()


def identity_key(text: str) -> str:
    """The key two texts share when they are the same report: NFKC and every whitespace run folded."""
    return " ".join(unicodedata.normalize("NFKC", _CONTROL.sub("", text)).split())


def document_id(text: str) -> str:
    """Document id: the first 32 hex digits of the SHA-256 of :func:`identity_key` (128 bits)."""
    return hashlib.sha256(identity_key(text).encode("utf-8")).hexdigest()[:32]
