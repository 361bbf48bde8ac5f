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
* "Y told Reuters" (the recipient outlet is an intermediate link);
* belief and stance verbs ("believes that", "endorsed X") when a speaker holds them, verbs whose
  object is a communication ("issued a statement", "posted a string of messages");
* "Name: words" headlines and transcripts, quotations signed "― Name", and nouns with a
  that-clause ("the claim that …").

Filters, each measured on PolNeAR dev: no cue inside a quotation (the speaker's own words), none
with a first- or second-person subject, no bare infinitive or question ("to say", "Do you
think"), no cue inside another mention's source phrase ("an official who asked not to be named"),
and no belief/stance cue inside another attribution's content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sitroom.model import Span

from .lexicon import Lexicon, lexicon

__all__ = ["Mention", "find_mentions", "token_span"]

_PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "who", "which", "that"}


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
    """``verb``, ``according``, ``passive``, ``punctuation`` ("Name: …", "” ― Name") or
    ``nominal`` ("the claim that …")."""
    clausal: bool = False
    """True when the content is a reported clause or quotation (not an infinitive or object)."""
    negated: bool = False
    """"did not say", "declined to comment": no one is reported as saying anything."""
    antecedent: Span | None = None
    antecedent_head: int | None = None
    """For a relative-pronoun speaker ("the coalition, which said …"), the noun phrase it stands
    for."""


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
    # Never across a paragraph or line break ("09:40 GMT\n\nThe governor says").
    for i in range(token.i - 1, start - 1, -1):
        if "\n" in doc[i].text_with_ws:
            start = i + 1
            break
    for i in range(token.i, end - 1):
        if "\n" in doc[i].text_with_ws:
            end = i + 1
            break
    start, end = _trim(doc, start, end)
    if start >= end:
        return None
    return start, end


def _extend_name(doc: Doc, rng: tuple[int, int] | None, limit: int) -> tuple[int, int] | None:
    """Pull a name the parser left outside the phrase back in ("state news agency SANA")."""
    if rng is None:
        return None
    start, end = rng
    while end < min(limit, len(doc)) and doc[end - 1].pos_ == "NOUN" and (
        doc[end].pos_ == "PROPN" or (doc[end].is_upper and doc[end].is_alpha and len(doc[end]) > 1)
    ):
        end += 1
        while end < min(limit, len(doc)) and doc[end].pos_ == "PROPN":
            end += 1
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
    lex = lexicon()
    for _ in range(4):
        if current.dep_ == "acl" and current.tag_ == "VBG":
            # "issued a statement saying …": the issuer, else the statement itself.
            noun = current.head
            if noun.lemma_.lower() not in lex.cue_nouns and noun.lower_ not in lex.document_heads:
                return None
            if noun.dep_ == "dobj":
                subj = _subject(noun.head)
                if subj is not None:
                    return subj
            return noun
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
    lex = lexicon()
    for child in verb.children:
        if child.dep_ == "ccomp" and child.i not in skip:
            if (
                child.i > verb.i
                and child.lemma_.lower() in lex.report_verbs
                and _subject(child) is not None
                and any(t.text == "," for t in verb.doc[verb.i : child.left_edge.i + 1])
            ):
                continue  # '…continued normally, the source said': the parenthetical, not content
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


def _flipped_citing(verb: Token, lex: Lexicon) -> tuple[Token, Token] | None:
    """``(citing verb, cited noun)`` when the parser hung this report verb on the cited noun."""
    if verb.dep_ not in ("acl", "relcl") or verb.head.dep_ != "dobj":
        return None
    noun, citing = verb.head, verb.head.head
    if citing.lemma_.lower() in lex.citing_verbs and citing.tag_ == "VBG" and _subject(citing) is not None:
        return citing, noun
    return None


def _misparsed_citing(citing: Token, lex: Lexicon) -> Token | None:
    """The report verb hanging on this citing verb's object, if the parse flipped them."""
    for obj in citing.children:
        if obj.dep_ != "dobj":
            continue
        for verb in obj.children:
            if verb.dep_ in ("acl", "relcl") and verb.lemma_.lower() in lex.strong_verbs:
                return verb
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


_CLAUSE_END_DEPS = {"nmod", "compound", "dobj", "pobj", "npadvmod"}


def _speaker_range(token: Token, cue: Token, skip: set[int]) -> tuple[int, int] | None:
    rng = _phrase(token, exclude=skip | {cue.i})
    if rng is None:
        return None
    start, end = rng
    doc = token.doc
    # "…reached the border, security sources told": a noun the parser hung on the subject
    # before a comma is the end of the previous clause, not part of the speaker.
    for i in range(token.i - 1, start - 1, -1):
        if doc[i].text in ("-", "—", "–", "--") and i > start:
            return _trim(doc, i + 1, end)  # a dateline: "GENEVA - Aid groups said"
        if doc[i].text == "," and i > start and doc[i - 1].dep_ in _CLAUSE_END_DEPS:
            return i + 1, end
    return rng


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
        speaker_rng = _extend_name(doc, _phrase(obj), sent.end) if obj is not None else None
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


_CUE_ADVERBS = {
    "also", "then", "still", "never", "once", "previously", "repeatedly", "again", "already", "later",
}
_CUE_PREPS = {"for", "on", "to", "of", "about", "as", "out", "against", "by"}


def _cue_tokens(verb: Token) -> list[Token]:
    """The cue's words as annotators mark them: the verb with its auxiliaries and negation ("has
    said", "did not respond"), a particle or the preposition it governs ("called for", "pointed
    out") and a colon right after it ("said:")."""
    doc = verb.doc
    start = verb.i
    while start > 0:
        prev = doc[start - 1]
        if prev.head is verb and (
            prev.dep_ in ("aux", "auxpass", "neg") or (prev.dep_ == "advmod" and prev.lower_ in _CUE_ADVERBS)
        ) and prev.lower_ != "to":
            start -= 1
        else:
            break
    end = verb.i + 1
    if end < len(doc) and doc[end].head is verb and (
        doc[end].dep_ == "prt" or (doc[end].dep_ in ("prep", "agent") and doc[end].lower_ in _CUE_PREPS)
    ):
        end += 1
    if end < len(doc) and doc[end].text == ":":
        end += 1
    return list(doc[start:end])


def _light_verb(verb: Token, lex: Lexicon) -> bool:
    """A verb whose object is a communication ("posted a string of messages", "gave a speech",
    "sent a letter about")."""
    if verb.pos_ != "VERB":
        return False
    for child in verb.children:
        if child.dep_ == "dobj":
            nouns = [child] + [
                pobj
                for prep in child.children
                if prep.dep_ == "prep"
                for pobj in prep.children
                if pobj.dep_ == "pobj"
            ]
            if any(n.lemma_.lower() in lex.cue_nouns or n.lower_ in lex.cue_nouns for n in nouns):
                return True
    return False


def _calls_something(verb: Token) -> bool:
    """"call" as speech ("called him a liar", "called for", "called on X to", "called it …"),
    not a phone call, a meeting called, "so-called" or "what he called X"."""
    if verb.dep_ == "amod" or verb.tag_ == "VBN" and verb.dep_ in ("amod", "acl"):
        return False
    deps = {c.dep_: c for c in verb.children}
    if "dobj" in deps and deps["dobj"].lower_ in ("what", "which"):
        return False
    if any(c.dep_ == "nsubj" and c.lower_ in ("what", "which") for c in verb.children):
        return False
    if {"oprd", "xcomp", "ccomp"} & deps.keys():
        return True
    return any(c.dep_ in ("prep", "prt") and c.lower_ in ("for", "on") for c in verb.children)


_FIRST_SECOND = {"i", "you", "we", "me", "us"}


_NP_POS = {"NOUN", "PROPN", "ADJ", "DET", "NUM", "CCONJ", "PART"}


def _trailing_speaker(verb: Token) -> tuple[int, int] | None:
    """Repair for "…, and some reached Turkey, security and humanitarian sources told X.": the
    parser hangs the cue off the clause as a conjunct and the speaker off an object. When a cue
    without a subject directly follows a noun phrase that starts after a comma, that phrase is the
    speaker and the clause before the comma is the content."""
    doc = verb.doc
    if verb.dep_ not in ("conj", "ROOT", "ccomp", "advcl", "parataxis") or verb.i == 0:
        return None
    if doc[verb.i - 1].pos_ not in ("NOUN", "PROPN"):
        return None
    sent_start = verb.sent.start
    i = verb.i - 1
    while i > sent_start and doc[i].pos_ in _NP_POS and doc[i].text != ",":
        i -= 1
    if doc[i].text != "," or i <= sent_start + 2 or i + 1 >= verb.i:
        return None
    return i + 1, verb.i


def _reported_base(verb: Token) -> bool:
    """A base-form verb that still reports ("will say", "did not say", "went on to say"), as
    opposed to an infinitive of purpose, an imperative or a question ("Do you think")."""
    children = {c.dep_: c for c in verb.children}
    aux = [c for c in verb.children if c.dep_ == "aux"]
    if any(a.lower_ == "to" for a in aux):
        # "went on to say", "continued to argue": the head verb carries the subject.
        return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("go", "continue", "proceed", "add")
    subj = children.get("nsubj")
    if subj is None:
        return False
    # A subject after the first auxiliary is a question ("Do you think …?").
    return subj.i < (aux[0].i if aux else verb.i)


def _verb_mention(verb: Token, lex: Lexicon) -> Mention | None:
    lemma = verb.lemma_.lower()
    strong = lemma in lex.strong_verbs
    content_verb = lemma in lex.content_verbs
    stance = lemma in lex.stance_verbs and not strong and not content_verb
    if stance:
        content_verb = True
    if not (strong or content_verb) and _light_verb(verb, lex):
        strong = True
    if not (strong or content_verb):
        return None
    if verb.pos_ not in ("VERB", "AUX") and verb.tag_[:2] != "VB":
        return None
    if lemma in lex.citing_verbs and verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "conj"):
        head_lemma = verb.head.lemma_.lower()
        if head_lemma in lex.strong_verbs or head_lemma in lex.content_verbs:
            return None  # "citing" inside another cue's mention
    if lemma in lex.citing_verbs and verb.tag_ == "VBG" and _misparsed_citing(verb, lex) is not None:
        return None  # the report verb hung on the cited noun makes the mention
    doc = verb.doc
    sent = verb.sent
    citing = _citing(verb, lex)
    skip: set[int] = set()
    if citing is not None:
        skip.update(t.i for t in citing[0].subtree)
    flipped = _flipped_citing(verb, lex)
    if flipped is not None:
        # "X, citing Y, reported that …" parsed as "X citing [Y, reported …]".
        citing = flipped
        skip.add(flipped[0].i)
        skip.update(t.i for t in flipped[1].subtree if t.i < verb.i)
    recipient = _recipient(verb, lex)

    passive = _is_passive(verb)
    speaker_tok = None
    pattern = "verb"
    repaired = None if passive or _subject(verb) is not None or flipped else _trailing_speaker(verb)
    if flipped is not None:
        speaker_tok = _subject(flipped[0])
    elif passive:
        speaker_tok = _agent(verb)
        pattern = "passive"
    elif repaired is not None:
        speaker_tok = doc[verb.i - 1]
    else:
        speaker_tok = _subject(verb) or _inherited_subject(verb)
    if speaker_tok is not None and speaker_tok.lower_ in _FIRST_SECOND:
        return None
    if verb.tag_ == "VB" and not _reported_base(verb):
        return None
    if lemma == "call" and not _calls_something(verb):
        return None

    content_rng = _content(verb, skip) if repaired is None else _trim(doc, sent.start, repaired[0] - 1)
    if content_rng is None and citing is not None:
        ccomp = next((c for c in citing[0].children if c.dep_ == "ccomp"), None)
        if ccomp is not None:
            content_rng = _phrase(ccomp)
    quote_rng = None
    if content_rng is None:
        quote_rng = _quote_content(verb, sent)
        content_rng = quote_rng
    has_clause = content_rng is not None
    has_object = any(c.dep_ in ("dobj", "prep", "xcomp") for c in verb.children)

    if passive:
        nsubjpass = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        # A passive report needs an agent or a subject ("was reported by TV", "is expected to").
        if speaker_tok is None and nsubjpass is None:
            return None
    elif content_verb and not strong:
        if speaker_tok is None:
            return None
        if not has_clause:
            if not (has_object and _animate(speaker_tok, lex)):
                return None
    elif speaker_tok is None and not has_clause:
        return None
    xcomp_only = content_rng is not None and quote_rng is None and not any(
        c.dep_ == "ccomp" for c in [*verb.children, *(citing[0].children if citing else [])]
    ) and any(c.dep_ == "xcomp" and c.i > verb.i for c in verb.children)
    if lemma in lex.needs_clause and (content_rng is None or xcomp_only):
        return None  # "continued to stay away", "added a week", "posted troops"

    cue_toks = _cue_tokens(verb)
    ante = None
    ante_rng = None
    relative = speaker_tok is not None and speaker_tok.lower_ in ("who", "which", "that")
    if speaker_tok is not None and relative and speaker_tok.head.dep_ == "relcl":
        ante = speaker_tok.head.head
        ante_rng = _phrase(ante, exclude={t.i for t in speaker_tok.head.subtree})
    if repaired is not None:
        speaker_rng: tuple[int, int] | None = repaired
    else:
        speaker_rng = _speaker_range(speaker_tok, verb, skip) if speaker_tok is not None else None
    if (
        content_rng is None
        and verb.dep_ == "conj"
        and speaker_rng is not None
        and speaker_rng[0] - 1 > sent.start
        and doc[speaker_rng[0] - 1].text == ","
    ):
        # "…, and some reached the border, security sources told X": the clause before the comma.
        content_rng = _trim(doc, sent.start, speaker_rng[0] - 1)
    cited_tok = citing[1] if citing is not None else None
    if cited_tok is None:
        cited_rng = None
    elif flipped is not None:
        cited_rng = _phrase(cited_tok, exclude={t.i for t in verb.subtree} | {verb.i - 1})
    else:
        cited_rng = _phrase(cited_tok)
    recipient_rng = _phrase(recipient) if recipient is not None else None
    return Mention(
        cue=token_span(cue_toks),
        cue_text=doc[cue_toks[0].i : cue_toks[-1].i + 1].text,
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
        clausal=content_rng is not None and not xcomp_only and (quote_rng is None or lemma in lex.strong_verbs),
        negated=any(c.dep_ == "neg" for c in verb.children),
        antecedent=_span_of(doc, ante_rng),
        antecedent_head=ante.i if ante is not None else None,
    )


_NOT_SPEAKERS = {"correction", "clarification", "update", "source", "sources", "note", "editor", "related",
                 "photo", "video", "watch", "read", "more", "breaking", "exclusive", "analysis", "opinion",
                 "the latest", "latest", "q", "a"}


def _name_like(left: SpacySpan, lex: Lexicon) -> bool:
    """A name that can head a "Name: words" line: a person/organisation name, a transcript
    speaker in capitals, or a document ("Poll: …")."""
    words = [t for t in left if not t.is_punct]
    if not words or len(words) > 5 or not words[0].text[:1].isupper():
        return False
    if left.text.lower() in _NOT_SPEAKERS or words[0].lower_ in _NOT_SPEAKERS:
        return False
    if len(words) == 1 and words[0].lower_ in lex.document_heads:
        return True
    if all(t.is_upper and t.is_alpha for t in words):
        return True
    return all(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG") for t in words)


def _punctuation(doc: Doc, lex: Lexicon) -> list[Mention]:
    """Cues made of punctuation: a headline "Name: words" and a quotation signed "― Name"."""
    out: list[Mention] = []
    for tok in doc:
        if tok.text == ":" and tok.i > 0:
            # Headline style: a short name-like stretch from the line start up to the colon.
            start = tok.i
            while start > 0 and "\n" not in doc[start - 1].text_with_ws and tok.i - start < 6:
                start -= 1
            if start > 0 and "\n" not in doc[start - 1].text_with_ws:
                continue
            while start < tok.i and (doc[start].is_punct or doc[start].is_space):
                start += 1
            left = doc[start : tok.i]
            if not left or not _name_like(left, lex):
                continue
            if tok.i + 1 >= len(doc) or "\n" in tok.text_with_ws:
                continue
            end = tok.i + 1
            while end < len(doc) and "\n" not in doc[end - 1].text_with_ws:
                end += 1
            out.append(
                Mention(
                    cue=token_span([tok]), cue_text=":", cue_lemma=":", sentence=token_span(doc[start:end]),
                    speaker=token_span(left), speaker_head=left.root.i,
                    content=_span_of(doc, _trim(doc, tok.i + 1, end)), pattern="punctuation",
                )
            )
    return out


_SIGNED = re.compile(r"[”\"]\s*(―|—|--)[ \t\u00a0]*([A-Z][^\n.,;:“”\"]{1,60})")


def _signed_quotes(doc: Doc) -> list[Mention]:
    """A quotation signed after a dash: “…” ― Jane Roe."""
    out: list[Mention] = []
    for match in _SIGNED.finditer(doc.text):
        name = match.group(2).rstrip(" \u00a0")
        if len(name.split()) > 6:
            continue
        cue = Span(match.start(1), match.end(1))
        speaker = Span(match.start(2), match.start(2) + len(name))
        sent = doc.char_span(cue.start, cue.end, alignment_mode="expand")
        sentence = token_span(sent.sent) if sent is not None and len(sent) else cue
        out.append(Mention(cue=cue, cue_text=match.group(1), cue_lemma=match.group(1), sentence=sentence,
                           speaker=speaker, pattern="punctuation"))
    return out


_TAIL_CUES = {
    "say": "say", "says": "say", "said": "say", "estimate": "estimate", "estimates": "estimate",
    "warn": "warn", "warns": "warn", "claim": "claim", "claims": "claim", "report": "report",
    "reports": "report", "confirm": "confirm", "confirms": "confirm", "tell": "tell",
    "tells": "tell", "fear": "fear", "fears": "fear", "believe": "believe", "believes": "believe",
}


def _lines(doc: Doc) -> list[list[Token]]:
    """The document's lines as token runs (a headline is a line, whatever the sentence splitter
    made of it)."""
    lines: list[list[Token]] = [[]]
    for tok in doc:
        if "\n" in tok.text:
            lines.append([])
            continue
        lines[-1].append(tok)
        if "\n" in tok.whitespace_:
            lines.append([])
    return [line for line in lines if line]


def _headline_tails(doc: Doc) -> list[Mention]:
    """Headline style "Thousands Escaped Camp, U.S. Officials Estimate" / "…, sources say": a
    short name at the end of a line, after a comma or dash, with a cue word that a title-case
    parse mis-tags as a noun."""
    out: list[Mention] = []
    for line in _lines(doc):
        toks = [t for t in line if not t.is_space]
        while toks and toks[-1].is_punct:
            toks.pop()
        if len(toks) < 4:
            continue
        cue = toks[-1]
        lemma = _TAIL_CUES.get(cue.lower_)
        if lemma is None or cue.pos_ == "VERB":
            continue  # a real verb is handled by the verb rules
        i = len(toks) - 2
        while i > 0 and toks[i].text not in (",", "-", "—", "–", ":") and len(toks) - 2 - i < 6:
            i -= 1
        if toks[i].text not in (",", "-", "—", "–", ":") or i >= len(toks) - 2:
            continue
        speaker = toks[i + 1 : len(toks) - 1]
        if any(t.pos_ == "VERB" and t.dep_ not in ("compound", "amod") for t in speaker):
            continue
        out.append(
            Mention(
                cue=token_span([cue]), cue_text=cue.text, cue_lemma=lemma, sentence=token_span(toks),
                speaker=token_span(speaker), speaker_head=speaker[-1].i,
                content=token_span(toks[:i]), pattern="verb", clausal=True,
            )
        )
    return out


def _nominal(doc: Doc, lex: Lexicon) -> list[Mention]:
    """Noun cues with a stated source or a that-clause: "the minister's claim that …", "criticism from
    Democrats", "a statement by the ministry"."""
    out: list[Mention] = []
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in lex.cue_nouns:
            continue
        source = next((c for c in tok.children if c.dep_ == "poss"), None)
        if source is None:
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ in ("by", "from"):
                    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if obj is not None and _animate(obj, lex):
                        source = obj
                        break
        clause = next(
            (
                c
                for c in tok.children
                if c.dep_ in ("acl", "ccomp")
                and any(g.lower_ == "that" and g.dep_ == "mark" for g in c.children)
            ),
            None,
        )
        if source is None and clause is None:
            continue
        if clause is None:
            continue  # a bare "the minister's claim" is too often no attribution at all
        cue_rng = (tok.i, tok.i + 1)
        out.append(
            Mention(
                cue=token_span([tok]),
                cue_text=tok.text,
                cue_lemma=tok.lemma_.lower(),
                sentence=token_span(tok.sent),
                speaker=_span_of(doc, _phrase(source, {tok.i})) if source is not None else None,
                speaker_head=source.i if source is not None else None,
                content=_span_of(doc, _phrase(clause)) if clause is not None else None,
                pattern="nominal",
            )
        )
    return out


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (curly pairs, straight double quotes and doubled
    single quotes), never crossing a paragraph break.

    Why: a cue inside someone's quotation ("I say we hold the line") is the speaker's wording, not the
    report's attribution.
    """
    ranges: list[tuple[int, int]] = []
    open_at: int | None = None
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\n" and open_at is not None and i + 1 < n and text[i + 1] == "\n":
            open_at = None
        elif ch == "“" or (ch == "`" and text.startswith("``", i)):
            open_at = i + 1
        elif ch == "”" or (ch == "'" and text.startswith("''", i)):
            if open_at is not None:
                ranges.append((open_at, i))
            open_at = None
        elif ch == '"':
            if open_at is None:
                open_at = i + 1
            else:
                ranges.append((open_at, i))
                open_at = None
        if ch in "`'" and i + 1 < n and text[i + 1] == ch:
            i += 2
            continue
        i += 1
    return ranges


def _inside(ranges: list[tuple[int, int]], pos: int) -> bool:
    lo, hi = 0, len(ranges)
    while lo < hi:
        mid = (lo + hi) // 2
        if ranges[mid][1] <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo < len(ranges) and ranges[lo][0] <= pos < ranges[lo][1]


def _trim_according(m: Mention, found: list[Mention], text: str) -> Mention:
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


def find_mentions(doc: Doc) -> list[Mention]:
    """Every attribution mention in ``doc``, in text order.

    Args:
        doc: a parsed document (tagger, parser and NER from :func:`sitroom.nlp.parse.parse`).

    Returns:
        Mentions sorted by cue position; a cue appears at most once.
    """
    lex = lexicon()
    found: list[Mention] = _according(doc, lex)
    found += _punctuation(doc, lex)
    found += _signed_quotes(doc)
    found += _nominal(doc, lex)
    found += _headline_tails(doc)
    quoted = quoted_ranges(doc.text)
    found = [m for m in found if not _inside(quoted, m.cue.start)]
    taken = {m.cue.start for m in found}
    for tok in doc:
        if tok.idx in taken or _inside(quoted, tok.idx):
            continue
        mention = _verb_mention(tok, lex)
        if mention is not None:
            found.append(mention)
            taken.add(tok.idx)
    found.sort(key=lambda m: m.cue.start)
    # A cue inside another mention's source phrase ("an official who asked not to be named said")
    # describes the source, it does not report anything.
    speakers = [m.speaker for m in found if m.speaker is not None]
    found = [m for m in found if not any(sp.start <= m.cue.start < sp.end for sp in speakers)]
    # "Residents said …, according to SANA": the according-to phrase is not part of what the
    # residents said.
    found = [_trim_according(m, found, doc.text) for m in found]
    # Stance and belief verbs inside another attribution's content are part of what is reported
    # ("told reporters that the guards wanted …"), not attributions of their own.
    contents = [m.content for m in found if m.content is not None and m.pattern != "nominal"]
    return [
        m
        for m in found
        if m.cue_lemma in lex.report_verbs
        or m.pattern != "verb"
        or not any(c.start <= m.cue.start < c.end for c in contents)
    ]
