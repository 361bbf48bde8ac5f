"""What a reporting verb reports: its clause, the clause a parenthetical cue hangs from, or the
quotation it introduces or closes.

Why a module of its own: finding the reported words is a question about clause structure and
quotation marks, apart from who speaks (:mod:`.speakers`) and which words are cues.
"""

from __future__ import annotations

from spacy.tokens import Token
from spacy.tokens import Span as SpacySpan

from .base import phrase, trim
from .lexicon import Lexicon, lexicon
from .speakers import subject_of

__all__ = ["clause_content", "quote_content"]


def _cue_lemma(tok: Token, lex: Lexicon) -> bool:
    lemma = tok.lemma_.lower()
    return lemma in lex.strong_verbs or lemma in lex.content_verbs or lemma in lex.stance_verbs


def clause_content(verb: Token, skip: set[int]) -> tuple[int, int] | None:
    """Token range of the reported clause: a ``ccomp`` (or ``xcomp`` / ``dobj`` clause) of the cue,
    else, for a parenthetical cue ("…, he said"), the clause it hangs from."""
    lex = lexicon()
    for child in verb.children:
        if child.dep_ == "ccomp" and child.i not in skip and child.lower_ in ("clear", "plain"):
            # "made clear that …", "made it clear he …": the clause after the adjective.
            inner = [c for c in (*child.children, *verb.children) if c.dep_ in ("ccomp", "advcl") and c.i > child.i]
            if inner:
                return phrase(inner[0])
            continue
        if child.dep_ == "ccomp" and child.i not in skip:
            if (
                child.i > verb.i
                and child.lemma_.lower() in lex.report_verbs
                and subject_of(child) is not None
                and any(t.text == "," for t in verb.doc[verb.i : child.left_edge.i + 1])
            ):
                continue  # '…continued normally, the source said': the parenthetical, not content
            return phrase(child)
    for child in verb.children:
        if child.dep_ == "xcomp" and child.i not in skip and child.i > verb.i:
            return phrase(child)
    # Parenthetical: the cue hangs from the clause it reports.
    if verb.dep_ in ("parataxis", "advcl", "ccomp") and verb.head.i != verb.i:
        head = verb.head
        if verb.dep_ == "ccomp" and verb.i < head.i:
            return None
        if verb.dep_ == "ccomp" and (
            _cue_lemma(head, lex) or any(c.dep_ == "mark" for c in verb.children)
        ):
            return None  # "polls showed that few voters thought …": the clause reported, not a parenthetical
        left, right = head.left_edge.i, head.right_edge.i + 1
        cue_left, cue_right = verb.left_edge.i, verb.right_edge.i + 1
        if cue_left > head.i:
            return trim(verb.doc, left, cue_left)
        if cue_right <= head.i:
            return trim(verb.doc, cue_right, right)
    # A clause before the cue inside the same root ('"…," Marren said.' parsed as ccomp).
    return None


def _next_to_quote(verb: Token, start: int, end: int) -> bool:
    """Whether the cue introduces or closes the quotation ``start:end``: no other verb stands
    between them ("she called it “outrageous” and called for …, Clinton restricted comments" —
    the quotation is not what "restricted" introduces)."""
    doc = verb.doc
    between = range(end + 1, verb.i) if verb.i > end else range(verb.i + 1, start - 1)
    own = {t.i for t in verb.subtree}  # the speaker's own words ("the farmer, who lost his land,")
    return not any(
        doc[k].pos_ == "VERB" and doc[k].dep_ not in ("aux", "auxpass") and k not in own for k in between
    )


def _quote_marks(sent: SpacySpan) -> list[int]:
    """Token indices of the quotation marks in ``sent``, found once per sentence per parse (every
    cue of a sentence asks; kept in ``doc.user_data``)."""
    cache = sent.doc.user_data.setdefault("sitroom.quote_marks", {})
    key = (sent.start, sent.end)
    if key not in cache:
        cache[key] = [t.i for t in sent if t.text in ('"', "“", "”", "‘", "’") or t.tag_ in ("``", "''")]
    return cache[key]


def quote_content(verb: Token, sent: SpacySpan) -> tuple[int, int] | None:
    """A quotation in the cue's sentence, when the cue introduces or closes one."""
    quotes = _quote_marks(sent)
    if len(quotes) >= 2:
        start, end = quotes[0] + 1, quotes[-1]
        if start < end and not (start <= verb.i < end) and _next_to_quote(verb, start, end):
            return trim(verb.doc, start, end)
    if verb.i + 1 < len(verb.doc) and verb.nbor(1).text == ":" and verb.i + 2 < sent.end:
        return trim(verb.doc, verb.i + 2, sent.end)
    return None
