"""Place-name normalisation: the keys the gazetteer is indexed by (pure functions, no I/O).

Why two keys: the same place reaches English news in many transliterations ("al-Hol", "Al Hawl",
"El Hol", "الهول"; "Hasakah", "Hasakeh", "Hassakeh"). :func:`name_key` removes what never tells two
places apart (case, diacritics, apostrophes, hyphens, Arabic articles); :func:`phonetic_key` goes
further and keeps a consonant skeleton so vowel and doubling variants meet. The exact key is tried
first and the phonetic key only when it finds nothing, because the skeleton also merges names that
are really different (the resolver lowers its confidence for such matches).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "name_key", "phonetic_key", "is_arabic", "demonym_bases", "ARTICLES"]

#: Transliterated forms of the Arabic article, as they appear before or inside names.
ARTICLES = frozenset(
    {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "er", "es", "ez", "et", "en", "ul", "ol"}
)
#: Articles that are also English words; they are stripped only when hyphenated to the name
#: ("as-Suwayda") or before a capitalised word inside a name, never as a free-standing first word
#: of an English name ("At Home" is not a place, but "At Tall" is).
_ENGLISH_LOOKALIKES = frozenset({"as", "at", "an", "en", "er", "es", "et", "ad", "ol"})

_APOSTROPHES = "'’‘`´ʼʻʿʾ′"
_APOS_RE = re.compile(f"[{re.escape(_APOSTROPHES)}]")
_NON_WORD_RE = re.compile(r"[^\w]+", re.UNICODE)
_SPACE_RE = re.compile(r"\s+")

# Arabic script: drop harakat and tatweel, unify letter variants that spellings mix freely.
_AR_DIACRITICS_RE = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_AR_MAP = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"})
_ARABIC_RE = re.compile("[\u0600-\u06ff]")

# Letters NFKD does not decompose but English news writes as plain Latin.
_LATIN_MAP = str.maketrans({"ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                            "ı": "i", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "ð": "d"})


def is_arabic(text: str) -> bool:
    """True when ``text`` contains Arabic-script letters."""
    return not text.isascii() and bool(_ARABIC_RE.search(text))  # most words are ASCII: no scan


def fold(name: str) -> str:
    """Lower-case, strip diacritics and apostrophes, turn punctuation into single spaces.

    >>> fold("Ḩalab")
    'halab'
    >>> fold("Ra's al-'Ayn")
    'ras al ayn'
    """
    text = unicodedata.normalize("NFKC", name).translate(_LATIN_MAP)
    if is_arabic(text):
        text = _AR_DIACRITICS_RE.sub("", text).translate(_AR_MAP)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOS_RE.sub("", text).casefold()
    text = _NON_WORD_RE.sub(" ", text).replace("_", " ")
    return _SPACE_RE.sub(" ", text).strip()


def _split_articles(name: str) -> list[str]:
    """Folded tokens with Arabic articles removed (Latin ``al-``/``el``… and Arabic ``ال``)."""
    raw = unicodedata.normalize("NFKC", name)
    tokens = fold(raw).split()
    if not tokens:
        return []
    # Which tokens were hyphen-joined to the next one in the original ("as-Suwayda"):
    hyphenated = {m.group(1).casefold() for m in re.finditer(r"\b(\w+)[-‐‑–]\w", raw)}
    out: list[str] = []
    for i, tok in enumerate(tokens):
        last = i == len(tokens) - 1
        if not last and tok in ARTICLES:
            if tok in _ENGLISH_LOOKALIKES and i == 0 and tok not in hyphenated:
                out.append(tok)
            continue
        if len(tok) > 2 and tok.startswith("ال") and is_arabic(tok):
            tok = tok[2:]
        out.append(tok)
    # "Al Hol" folded to one token would still have the article glued on only in Arabic script;
    # a Latin name that is all article ("Al") keeps it.
    return out or tokens


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """The exact lookup key: folded, articles removed, words joined by one space.

    >>> name_key("al-Hol") == name_key("Al Hol") == name_key("El-Hol") == "hol"
    True
    >>> name_key("Deir ez-Zor")
    'deir zor'
    """
    return " ".join(_split_articles(name))


# Ordered digraph rewrites for the phonetic key (applied to a folded, space-free string).
_DIGRAPHS = (
    ("kh", "k"), ("gh", "g"), ("sh", "s"), ("ch", "s"), ("th", "t"), ("dh", "d"), ("ph", "f"),
    ("ck", "k"), ("dj", "j"), ("ou", "u"), ("q", "k"), ("c", "k"), ("x", "ks"), ("z", "z"),
)
_VOWELS = set("aeiouwy")


@lru_cache(maxsize=200_000)
def phonetic_key(name: str) -> str:
    """A consonant skeleton that merges vowel, semivowel, doubling and digraph variants.

    The first letter is kept (vowels as ``a``) so names still start alike; after it vowels and
    ``w``/``y`` are dropped, doubled letters collapse, and a final ``h`` after a vowel (the Arabic
    feminine ending written ``-ah``/``-eh``) is removed.

    >>> phonetic_key("Hol") == phonetic_key("Hawl")
    True
    >>> len({phonetic_key(n) for n in ("Hasakah", "Hasakeh", "Hassakeh", "Hasaka")})
    1
    """
    key = name_key(name)
    if not key or is_arabic(key):
        return key
    s = key.replace(" ", "")
    if len(s) > 2 and s.endswith("h") and s[-2] in "aeiou":
        s = s[:-1]
    for old, new in _DIGRAPHS:
        s = s.replace(old, new)
    if not s:
        return s
    first = "a" if s[0] in "aeiou" else s[0]
    out = [first]
    for ch in s[1:]:
        if ch in _VOWELS or not ch.isalnum():
            continue
        if out[-1] == ch:
            continue
        out.append(ch)
    return "".join(out)


def demonym_bases(word: str) -> list[str]:
    """Place names a demonym not in our tables may come from, most likely first.

    English forms people-of-a-place words with a few suffixes: "-n" after a final "a" (Iowan,
    Manitobans, Californian), "-an" (Missourian, Ohioan), "-er" (Long Islanders, New Yorker, Londoner) and "-ian" (Bostonian).
    The caller keeps only bases the gazetteer knows as a strong name.
    """
    w = word.strip()
    if w.endswith("s") and len(w) > 4:
        w = w[:-1]
    out: list[str] = []
    if w.endswith("an") and len(w) > 4:
        out.append(w[:-1])  # Iowan -> Iowa
        out.append(w[:-2])  # Missourian -> Missouri, Ohioan -> Ohio
        if w.endswith("ian"):
            out.append(w[:-3])  # Bostonian -> Boston
    if w.endswith("er") and len(w) > 5:
        out.append(w[:-2])  # Long Islander -> Long Island
    return out
