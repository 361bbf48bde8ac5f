"""Attribution mentions read off the dependency parse: cue, speaker, cited and recipient sources,
content.

Why a separate layer: a *mention* is what one sentence says about who says what, close to the
parse and to how corpora such as PolNeAR annotate it (source span, cue span, content span). Chains
from the publishing outlet to the original source (:mod:`.chains`) are built from mentions, and the
PolNeAR evaluation scores mentions directly.

Patterns handled (see the tests for sentences of each kind):

* reporting verbs with a subject or a reported clause ("Y said …", "… , Y told X", "Y estimates
  that …"), inheriting the subject through ``xcomp``/``conj``/participles ("went on to say",
  "…, adding that");
* passives with an agent ("was reported by state TV") and without one ("it was reported that");
* "according to Y";
* "X, citing Y, said …" / "X reported, citing Y, …" (Y is the cited, original source);
* "Y told Reuters" (the recipient outlet is an intermediate link).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sitroom.model import Span

from .lexicon import Lexicon, lexicon

__all__ = ["Mention", "find_mentions", "token_span"]

_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
_CLAUSAL = {"ccomp", "xcomp"}
_PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "who", "which", "that"}
_EVALUATIVE = {
    "criticize", "criticise", "blast", "slam", "praise", "condemn", "decry", "denounce",
    "applaud", "hail", "welcome", "rebut", "refute", "reject", "dismiss", "downplay", "defend",
    "describe", "characterize", "characterise", "liken", "compare", "label", "call", "dub",
    "brand", "term", "accuse", "charge", "question", "answer", "post", "project", "continue",
    "echo", "repeat", "agree", "disagree", "dispute", "object", "protest", "chant", "sing",
    "shout", "yell", "scream", "whisper", "advise", "assure", "reassure", "relay", "recite",
    "notify", "inform", "brief", "cite", "quote", "vow", "pledge", "promise", "threaten",
    "urge", "demand", "ask", "wonder", "tout", "affirm", "signal", "indicate", "reveal",
    "disclose", "observe", "mention", "comment", "forecast", "calculate", "guess",
    "hint", "speculate", "conclude", "predict",
}
"""Strong verbs that are also ordinary actions ("slammed into", "charged the crowd", "posted
troops"): cues only with a clause, a quote, or an animate speaker."""


@dataclass(frozen=True, slots=True)
class Mention:
    """One attribution as the sentence states it.

    ``speaker`` is the syntactic source of the cue (subject, agent, or the object of "according
    to"); ``cited`` the source it cites ("citing Y"), which is then the original source;
    ``recipient`` an outlet the speaker talked to ("told Reuters").
    """

    cue: Span
    cue_text: str
    cue_lemma: str
    sentence: Span
    speaker: Span | None = None
    speaker_head: int | None = None
    """Token index of the speaker's syntactic head (for kind and name decisions)."""
    cited: Span | None = None
    cited_head: int | None = None
    recipient: Span | None = None
    recipient_head: int | None = None
    content: Span | None = None
    pattern: str = "verb"
    """``verb``, ``according``, ``passive`` or ``citing``."""


def token_span(tokens: list[Token] | SpacySpan) -> Span:
    """The character :class:`Span` covering ``tokens`` (a contiguous run)."""
    toks = list(tokens)
    return Span(toks[0].idx, toks[-1].idx + len(toks[-1].text))


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token range ``[start, end)`` without leading/trailing punctuation and conjunctions."""
    while start < end and (doc[start].is_punct or doc[start].dep_ == "cc"):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
        end -= 1
    return start, end


def _phrase(token: Token, exclude: set[int] | None = None) -> tuple[int, int] | None:
    """Token range of ``token``'s subtree, cut before any excluded token (the cue, a clause)."""
    exclude = exclude or set()
    left, right = token.left_edge.i, token.right_edge.i + 1
    # Keep a contiguous run around the head that does not cross an excluded token.
    start = token.i
    while start > left and (start - 1) not in exclude:
        start -= 1
    end = token.i + 1
    while end < right and end not in exclude:
        end += 1
    doc = token.doc
    start, end = _trim(doc, start, end)
    if start >= end:
        return None
    return start, end


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            return child
    return None


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _inherited_subject(verb: Token) -> Token | None:
    """The subject a verb shares with the verb it hangs from ("went on to say", "said … and
    added", "…, adding that")."""
    current = verb
    for _ in range(4):
        if current.dep_ in ("xcomp", "conj", "advcl") and current.head is not current:
            if current.dep_ == "advcl" and current.tag_ not in ("VBG", "VBN"):
                return None
            head = current.head
            subj = _subject(head)
            if subj is not None:
                return subj
            current = head
        else:
            return None
    return None


def _content(verb: Token, skip: set[int]) -> tuple[int, int] | None:
    """Token range of the reported clause: a ``ccomp`` (or ``xcomp`` / ``dobj`` clause) of the cue,
    else, for a parenthetical cue ("…, he said"), the clause it hangs from."""
    for child in verb.children:
        if child.dep_ == "ccomp" and child.i not in skip:
            return _phrase(child)
    for child in verb.children:
        if child.dep_ == "xcomp" and child.i not in skip and child.i > verb.i:
            return _phrase(child)
    # Parenthetical: the cue hangs from the clause it reports.
    if verb.dep_ in ("parataxis", "advcl", "ccomp") and verb.head.i != verb.i:
        head = verb.head
        if verb.dep_ == "ccomp" and verb.i < head.i:
            return None
        left, right = head.left_edge.i, head.right_edge.i + 1
        cue_left, cue_right = verb.left_edge.i, verb.right_edge.i + 1
        if cue_left > head.i:
            return _trim(verb.doc, left, cue_left)
        if cue_right <= head.i:
            return _trim(verb.doc, cue_right, right)
    # A clause before the cue inside the same root ('"…," Flynn said.' parsed as ccomp).
    return None


def _quote_content(verb: Token, sent: SpacySpan) -> tuple[int, int] | None:
    """A quotation in the cue's sentence, when the cue introduces or closes one."""
    quotes = [t.i for t in sent if t.text in ('"', "“", "”", "‘", "’") or t.tag_ in ("``", "''")]
    if len(quotes) >= 2:
        start, end = quotes[0] + 1, quotes[-1]
        if start < end and not (start <= verb.i < end):
            return _trim(verb.doc, start, end)
    if verb.i + 1 < len(verb.doc) and verb.nbor(1).text == ":" and verb.i + 2 < sent.end:
        return _trim(verb.doc, verb.i + 2, sent.end)
    return None


def _animate(token: Token, lex: Lexicon) -> bool:
    """A speaker that can be talking: a person or organisation name, a pronoun, or an official,
    anonymous or organisation head noun."""
    if token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    low = token.lower_
    if low in _PRONOUNS - {"it", "which", "that"}:
        return True
    return (
        low in lex.official_heads
        or low in lex.anonymous_heads
        or low in lex.organisation_heads
        or low in lex.outlet_heads
        or token.lemma_.lower() in lex.anonymous_heads
    )


def _citing(verb: Token, lex: Lexicon) -> tuple[Token, Token | None] | None:
    """``(citing verb, its object)`` for "X, citing Y, said" / "X reported, citing Y"."""
    for child in verb.children:
        if child.lemma_.lower() in lex.citing_verbs and child.tag_ == "VBG" and child.dep_ in (
            "advcl",
            "xcomp",
            "conj",
            "dep",
            "acl",
        ):
            obj = next((c for c in child.children if c.dep_ in ("dobj", "pobj", "attr")), None)
            return child, obj
    return None


def _recipient(verb: Token, lex: Lexicon) -> Token | None:
    if verb.lemma_.lower() not in lex.outlet_recipient_verbs:
        return None
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "iobj"):
            return child
    return None


def _span_of(doc: Doc, rng: tuple[int, int] | None) -> Span | None:
    if rng is None or rng[0] >= rng[1]:
        return None
    return token_span(doc[rng[0] : rng[1]])


def _speaker_range(token: Token, cue: Token, skip: set[int]) -> tuple[int, int] | None:
    return _phrase(token, exclude=skip | {cue.i})


def _according(doc: Doc, lex: Lexicon) -> list[Mention]:
    out: list[Mention] = []
    for tok in doc:
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        to = doc[tok.i + 1]
        obj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if obj is None:
            obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        sent = tok.sent
        speaker_rng = _phrase(obj) if obj is not None else None
        # Content: the sentence without the "according to …" phrase (at either edge).
        phrase_left = tok.i
        phrase_right = (obj.right_edge.i + 1) if obj is not None else to.i + 1
        if phrase_left - sent.start <= 1:
            content_rng = _trim(doc, phrase_right, sent.end)
        else:
            content_rng = _trim(doc, sent.start, phrase_left)
        out.append(
            Mention(
                cue=token_span([tok, to]),
                cue_text=f"{tok.text} {to.text}",
                cue_lemma="according to",
                sentence=token_span(sent),
                speaker=_span_of(doc, speaker_rng),
                speaker_head=obj.i if obj is not None else None,
                content=_span_of(doc, content_rng),
                pattern="according",
            )
        )
    return out


def _verb_mention(verb: Token, lex: Lexicon) -> Mention | None:
    lemma = verb.lemma_.lower()
    strong = lemma in lex.strong_verbs
    content_verb = lemma in lex.content_verbs
    if not (strong or content_verb):
        return None
    if verb.pos_ not in ("VERB", "AUX") and verb.tag_[:2] != "VB":
        return None
    if lemma in lex.citing_verbs and verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "conj"):
        head_lemma = verb.head.lemma_.lower()
        if head_lemma in lex.strong_verbs or head_lemma in lex.content_verbs:
            return None  # "citing" inside another cue's mention
    doc = verb.doc
    sent = verb.sent
    citing = _citing(verb, lex)
    skip: set[int] = set()
    if citing is not None:
        skip.update(t.i for t in citing[0].subtree)
    recipient = _recipient(verb, lex)

    passive = _is_passive(verb)
    speaker_tok = None
    pattern = "verb"
    if passive:
        speaker_tok = _agent(verb)
        pattern = "passive"
    else:
        speaker_tok = _subject(verb) or _inherited_subject(verb)
    if speaker_tok is not None and speaker_tok.lower_ in ("it", "there") and passive is False:
        # "it shows that" is fine for documents; "it" as expletive of a passive is handled above.
        pass

    content_rng = _content(verb, skip)
    if content_rng is None and citing is not None:
        ccomp = next((c for c in citing[0].children if c.dep_ == "ccomp"), None)
        if ccomp is not None:
            content_rng = _phrase(ccomp)
    quote_rng = None
    if content_rng is None:
        quote_rng = _quote_content(verb, sent)
        content_rng = quote_rng
    has_clause = content_rng is not None

    if passive:
        nsubjpass = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        expletive = nsubjpass is not None and nsubjpass.lower_ == "it"
        if not (speaker_tok is not None or expletive) or lemma not in lex.strong_verbs:
            return None
        if lemma in _EVALUATIVE and speaker_tok is None:
            return None
    elif content_verb and not strong:
        if not has_clause:
            return None
        if speaker_tok is None:
            return None
    else:
        if lemma in _EVALUATIVE:
            if not (has_clause or (speaker_tok is not None and _animate(speaker_tok, lex))):
                return None
        elif speaker_tok is None and not has_clause:
            return None

    cue_toks = [verb]
    speaker_rng = _speaker_range(speaker_tok, verb, skip) if speaker_tok is not None else None
    cited_tok = citing[1] if citing is not None else None
    cited_rng = _phrase(cited_tok) if cited_tok is not None else None
    recipient_rng = _phrase(recipient) if recipient is not None else None
    return Mention(
        cue=token_span(cue_toks),
        cue_text=verb.text,
        cue_lemma=lemma,
        sentence=token_span(sent),
        speaker=_span_of(doc, speaker_rng),
        speaker_head=speaker_tok.i if speaker_tok is not None else None,
        cited=_span_of(doc, cited_rng),
        cited_head=cited_tok.i if cited_tok is not None else None,
        recipient=_span_of(doc, recipient_rng),
        recipient_head=recipient.i if recipient is not None else None,
        content=_span_of(doc, content_rng),
        pattern=pattern,
    )


def find_mentions(doc: Doc) -> list[Mention]:
    """Every attribution mention in ``doc``, in text order.

    Args:
        doc: a parsed document (tagger, parser and NER from :func:`sitroom.nlp.parse.parse`).

    Returns:
        Mentions sorted by cue position; a cue appears at most once.
    """
    lex = lexicon()
    found: list[Mention] = _according(doc, lex)
    taken = {m.cue.start for m in found}
    for tok in doc:
        if tok.idx in taken:
            continue
        mention = _verb_mention(tok, lex)
        if mention is not None:
            found.append(mention)
            taken.add(tok.idx)
    found.sort(key=lambda m: m.cue.start)
    return found
