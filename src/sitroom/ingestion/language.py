"""A small language guesser for documents whose metadata names none.

Why our own: the extraction models are English, so sitroom mostly needs to tell English from the
rest and name common news languages; script ranges settle Arabic, Cyrillic, Hebrew, Greek and CJK
at once, and function-word counts settle the Latin-script languages. No model download needed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..datafiles import load_json

__all__ = ["guess_language", "normalize_language"]

_SCRIPTS: tuple[tuple[str, str], ...] = (
    ("ar", r"[\u0600-\u06ff\u0750-\u077f]"),
    ("fa", r"[\u067e\u0686\u06af\u06a9\u06cc]"),
    ("he", r"[\u0590-\u05ff]"),
    ("ru", r"[\u0400-\u04ff]"),
    ("el", r"[\u0370-\u03ff]"),
    ("zh", r"[\u4e00-\u9fff]"),
    ("ja", r"[\u3040-\u30ff]"),
    ("ko", r"[\uac00-\ud7af]"),
)
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@lru_cache(maxsize=1)
def _stopwords() -> dict[str, frozenset[str]]:
    raw = load_json("stopwords.json")
    return {lang: frozenset(words) for lang, words in raw.items() if not lang.startswith("_")}


def normalize_language(tag: str | None) -> str | None:
    """``en-US`` / ``EN_gb`` / ``eng`` → ``en``; anything unusable → ``None``."""
    if not tag:
        return None
    code = re.split(r"[-_]", tag.strip().lower())[0]
    if code == "eng":
        return "en"
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def guess_language(text: str, *, sample: int = 5000) -> str | None:
    """Two-letter code of the likeliest language of ``text``, or ``None`` when it is unclear."""
    head = text[:sample]
    letters = _LETTER.findall(head)
    if len(letters) < 20:
        return None
    counts = {lang: len(re.findall(pattern, head)) for lang, pattern in _SCRIPTS}
    if counts["fa"] > 3 and counts["ar"] > len(letters) * 0.3:
        return "fa"
    counts.pop("fa")
    lang, hits = max(counts.items(), key=lambda kv: kv[1])
    if hits > len(letters) * 0.3:
        if lang == "zh" and counts["ja"] > hits * 0.1:
            return "ja"
        return lang
    words = [w.lower() for w in _WORD.findall(head)]
    if len(words) < 5:
        return None
    scores = {lang: sum(1 for w in words if w in stop) for lang, stop in _stopwords().items()}
    best, top = max(scores.items(), key=lambda kv: kv[1])
    second = max((v for k, v in scores.items() if k != best), default=0)
    if top >= max(3, 0.08 * len(words)) and top > 1.3 * second:
        return best
    return None
