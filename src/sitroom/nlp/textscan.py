"""Fast scans of a report's text with word-guarded, case-insensitive patterns, same matches.

Why: extractors find phrases and names with patterns of the form ``(?<![\\w-])words(?![\\w-])``
compiled with ``re.IGNORECASE``. Python's regular-expression engine can skip ahead to a pattern's
possible first letters, but not when the pattern begins with a look-behind, nor when it ignores
case; so each such pattern tests every character of the text. :class:`GuardedPattern` keeps the
pattern's matches and drops both costs: a lower-case ASCII pattern runs case-sensitively over
:func:`folded` text (which it matches exactly where the original matches the original text), and
the part after the guard is searched first, the whole pattern being tried only where that part
matches.
"""

from __future__ import annotations

import re
from typing import Iterator

__all__ = ["folded", "GuardedPattern"]

# The characters ``re.IGNORECASE`` equates with an ASCII letter although ``str.lower`` does not
# ("ı" and "İ" match "i", "ſ" matches "s"); every other character matches an ASCII pattern
# character exactly when its one-character lower case is that character (checked over all of
# Unicode by tests/nlp/test_speedups.py).
_IGNORECASE_EXTRA = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


def folded(text: str) -> str:
    """``text`` in lower case, offsets unchanged, as ``re.IGNORECASE`` sees it for ASCII patterns:
    a lower-case ASCII pattern matches here exactly where it matches ``text`` ignoring case."""
    text = text.translate(_IGNORECASE_EXTRA)
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


class GuardedPattern:
    """``re.compile(guard + body, flags)``, with a faster ``finditer`` giving the same matches.

    The fast way needs a body that never matches the empty string and, when ``flags`` ignore
    case, an ASCII body without upper-case letters (so that no escape such as ``\\S`` changes
    meaning and :func:`folded` text is equivalent); otherwise the plain pattern is used.
    """

    __slots__ = ("pattern", "_body", "_full", "_fold")

    def __init__(self, guard: str, body: str, flags: int = 0) -> None:
        self.pattern = re.compile(guard + body, flags)
        fold = bool(flags & re.IGNORECASE)
        plain_flags = flags & ~re.IGNORECASE if fold else flags
        usable = not fold or (body.isascii() and guard.isascii() and not any(c.isupper() for c in guard + body)
                              and not _INLINE_FLAGS.search(guard + body))
        self._fold = fold
        self._body: re.Pattern[str] | None = None
        self._full: re.Pattern[str] | None = None
        if usable:
            body_rx = re.compile(body, plain_flags)
            if body_rx.fullmatch("") is None and not _may_be_empty(body_rx):
                self._body = body_rx
                self._full = re.compile(guard + body, plain_flags)

    @classmethod
    def of(cls, rx: re.Pattern[str], guard: str) -> "GuardedPattern":
        """The scanner of a compiled pattern written as ``guard`` + body (else the plain one)."""
        if rx.pattern.startswith(guard):
            return cls(guard, rx.pattern[len(guard):], rx.flags)
        return _plain(cls, rx)

    def finditer(self, text: str, scanned: str | None = None) -> Iterator[re.Match[str]]:
        """Matches in text order, as ``self.pattern.finditer(text)`` gives them (offsets into
        ``text``; with ``re.IGNORECASE`` the match strings are read from ``folded(text)``, so take
        them from ``text`` by offset). ``scanned``: ``folded(text)`` when the caller has it."""
        body, full = self._body, self._full
        if body is None or full is None:
            yield from self.pattern.finditer(text)
            return
        if self._fold:
            text = scanned if scanned is not None else folded(text)
        search, match = body.search, full.match
        pos = 0
        while True:
            found = search(text, pos)
            if found is None:
                return
            start = found.start()
            m = match(text, start)
            if m is None:
                pos = start + 1
                continue
            yield m
            pos = m.end()


_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux-]+[:)]")


def _plain(cls: type[GuardedPattern], rx: re.Pattern[str]) -> GuardedPattern:
    """A scanner that only runs ``rx`` as it is."""
    out = cls.__new__(cls)
    out.pattern, out._body, out._full, out._fold = rx, None, None, False
    return out


def _may_be_empty(rx: re.Pattern[str]) -> bool:
    """Whether ``rx`` can match an empty string (by the pattern parser; unsure means yes)."""
    try:
        from re import _parser
        return _parser.parse(rx.pattern, rx.flags).getwidth()[0] == 0
    except Exception:  # pragma: no cover - no parser: take the plain way
        return True
