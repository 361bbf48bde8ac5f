"""Datelines: the "SPRINGDALE, Ark. (KXYZ) -" or "MARREN, Oct. 9 (Xinhua) --" that opens a report.

Why one module: three readers need the dateline for different ends. The toponym finder trusts a
capitalised name there however small the place ("BRACKENFORD, Conn." is a town, not a shout); the
event-place chooser knows the dateline names where the report was filed, not necessarily where
the happening took place, and the GVDB city reader takes it as the city of local news; the TIMEX
resolver counts "yesterday" from a dateline's day when agency copy is stamped later. They read
the same shape, so its patterns live here once. Pure functions over the text (and, for the token
view the toponym finder needs, the parse).
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc

from sitroom.model import Span

__all__ = ["DATELINE_PREFIX", "DATELINE_TAIL", "DATELINE_CHARS", "DATELINE_MAX_AGE", "opens_dateline",
           "find_dateline", "is_caps_dateline", "caps_datelines", "dateline_day"]

#: What may come before a dateline's place on its line: "(", a date, an agency ("Associated Press").
DATELINE_PREFIX = re.compile(r"\s*+\(?\s*+(?:(?:[A-Z][A-Za-z.]*+|\d{1,4}),?\s++){0,6}\(?")
#: What follows a dateline's place name: ", State", ", Feb 20", "(Outlet)", then a dash or ">>".
DATELINE_TAIL = re.compile(r"(?:\s*+,\s*+[A-Za-z0-9][A-Za-z0-9. ]{0,24}+)*+\s*\)?\s*(?:\([^)\n]{1,40}\)\s*)?"
                           r"(?:--|\u2014|\u2013|(?:-|\u2212|>>)\s)")
#: A dateline's day is read only from a date this close to the start of the text.
DATELINE_CHARS = 80
#: A dateline day older than this many days before the publication date is not trusted.
DATELINE_MAX_AGE = 7

_CALENDAR = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april may "
                      "june july august september october november december jan feb mar apr jun jul aug sep sept "
                      "oct nov dec updated posted published".split())
_NAME = re.compile(r"[A-Z][A-Za-z.'\u2019-]*(?: [A-Z][A-Za-z.'\u2019-]*){0,3}")


def opens_dateline(text: str, start: int, end: int) -> bool:
    """True when the name at ``text[start:end]`` opens a dateline ("BEIRUT -", "ASHVALE, Ore.
    (KXT9) -", "(Dayton, OH)--", "AL-HASAKAH, Syria, Feb 20 (LWS) -"): first on its line after an
    optional prefix, capitalised, then optional comma-separated state/country/date parts and an
    outlet in brackets, then a dash and a space."""
    line_start = text.rfind("\n", 0, start) + 1
    if not DATELINE_PREFIX.fullmatch(text, line_start, start):
        return False
    if not text[start:end][:1].isupper():
        return False
    return bool(DATELINE_TAIL.match(text, end, end + 80))


def find_dateline(text: str, lines: int = 3) -> Span | None:
    """The place name of a dateline opening one of the first ``lines`` lines, found from the
    text's shape alone (the toponym finder may have missed a small town in capitals)."""
    start = 0
    for _ in range(lines):
        end = text.find("\n", start)
        line_end = len(text) if end < 0 else end
        starts = [start] + [i + 1 for i in range(start, min(line_end, start + 60)) if text[i] in " ("]
        for pos in starts:
            if not DATELINE_PREFIX.fullmatch(text, start, pos):
                continue
            m = _NAME.match(text, pos)
            if m is None:
                continue
            for cut in range(m.end(), pos, -1):  # "ASHVALE, Ore." – try the longest name first
                if cut < m.end() and text[cut] != " ":
                    continue
                name = text[pos:cut].rstrip(".,")
                tail = DATELINE_TAIL.match(text, pos + len(name), pos + len(name) + 80)
                if name.split(" ")[0].lower().strip(".,") in _CALENDAR:
                    break
                rest = text[pos + len(name):tail.end()].lstrip() if tail else ""
                after = rest[:1]
                if after == "," and not rest[1:].lstrip()[:1].isalpha():
                    after = ""  # "Adrian Smith, 24 - ...": an age, not a state
                if pos > 0 and text[pos - 1] == "(" and after != ",":
                    break  # "(CNN) -", "(WXYN) —": an outlet's tag, not a place
                if tail and len(name) > 1 and (name.upper() == name or (after != "" and after in ",(")):
                    return Span(pos, pos + len(name))
        if end < 0:
            return None
        start = end + 1
    return None


def is_caps_dateline(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens ``start:end`` are a dateline in capitals: capitals only (save a name's own
    small letters, "DeVALLE", "McKESTREL"), opening the text, a line or a sentence, and followed by a
    comma, a parenthesis or a dash ("BRACKENFORD, Conn.", "KESTREL (Reuters)", "MARREN --"). The
    toponym finder's view: a dateline always names a place, however small."""
    text = doc[start:end].text  # (a span builds its text on each access)
    letters = [ch for ch in text if ch.isalpha()]
    if len(text) < 4 or sum(ch.islower() for ch in letters) > end - start or sum(ch.isupper() for ch in letters) < 3:
        return False
    if not (start == 0 or doc[start].is_sent_start or "\n" in doc[start - 1].text_with_ws):
        return False
    return end < len(doc) and doc[end].text in _CAPS_DATELINE_END


_CAPS_DATELINE_END = frozenset({",", "(", "\u2014", "\u2013", "-", "--"})


def caps_datelines(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of datelines in capitals ("MARREN --", "ST. ALDRIC \u2014", "DeVALLE \u2013"): the
    tagger often calls a capitalised word opening a sentence a common noun, so the toponym finder's
    name runs miss them."""
    out = []
    # A token's trailing whitespace is one space at most: a line ends inside a token's own text.
    after_break = False
    for tok in doc:
        opens = tok.i == 0 or after_break or tok.is_sent_start
        after_break = "\n" in tok.text
        if not opens:
            continue
        end = tok.i
        while end < len(doc) and end - tok.i < 4 and (doc[end].is_alpha or doc[end].text == ".") \
                and not doc[end].is_space:
            end += 1
        if end > tok.i and doc[end - 1].text != "." and is_caps_dateline(doc, tok.i, end):
            out.append((tok.i, end))
    return out


def dateline_day(value: str, dct: date) -> date | None:
    """The dateline's day when a report opens with one ("MARREN, Oct. 9 (Xinhua) --"), from
    the TIMEX3 ``value`` of the first explicit date within :data:`DATELINE_CHARS` of the start.

    Why: agency copy is often stamped a day or more after it was written; its weekdays and
    "yesterday" count from the dateline, not from the stamp. Only a day at most
    :data:`DATELINE_MAX_AGE` days before the DCT is trusted.
    """
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return None
    return day if 0 < (dct - day).days <= DATELINE_MAX_AGE else None
