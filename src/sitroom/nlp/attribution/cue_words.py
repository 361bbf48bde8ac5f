"""Which words make a verb cue and which uses of a verb report: the cue's span as annotators mark it
(auxiliaries, negation, particle, colon), verbs whose object is a communication, phrasal cues, and
the tests that tell "called for" from a phone call or "spoke about" from "spoke at a rally".

Why a module of its own: these are word-level judgements about one verb, each measured on PolNeAR
dev, kept apart from the speaker and content rules so each can be read and tested alone.
"""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import Lexicon

__all__ = [
    "cue_tokens",
    "estimate_phrase",
    "in_idiom",
    "quoted_participle",
    "quoting_verb",
    "light_verb",
    "phrasal_cue",
    "linking_use",
    "anaphoric_object",
    "speaks_of_something",
    "calls_something",
]


_CUE_ADVERBS = {
    "also", "then", "still", "never", "once", "previously", "repeatedly", "again", "already", "later",
}


_CUE_PREPS = {"for", "on", "to", "of", "about", "as", "out", "against", "by"}


def _time_phrase(prep: Token) -> bool:
    """"on Tuesday", "on March 3": a time adjunct, not part of the cue ("said on Tuesday")."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return obj is not None and obj.ent_type_ in ("DATE", "TIME")


def cue_tokens(verb: Token) -> list[Token]:
    """The cue's words as annotators mark them: the verb with its auxiliaries and negation ("has
    said", "did not respond"), a particle or the preposition it governs ("called for", "pointed
    out") and a colon right after it ("said:")."""
    doc = verb.doc
    start = verb.i
    while start > 0:
        prev = doc[start - 1]
        if prev.head.i == verb.i and (
            prev.dep_ in ("aux", "auxpass", "neg") or (prev.dep_ == "advmod" and prev.lower_ in _CUE_ADVERBS)
        ) and prev.lower_ != "to":
            start -= 1
        else:
            break
    end = verb.i + 1
    if end < len(doc) and doc[end].head.i == verb.i and (
        doc[end].dep_ == "prt"
        or (doc[end].dep_ in ("prep", "agent") and doc[end].lower_ in _CUE_PREPS and not _time_phrase(doc[end]))
    ):
        end += 1
    if end < len(doc) and doc[end].text == ":":
        end += 1
    return list(doc[start:end])


def light_verb(verb: Token, lex: Lexicon) -> bool:
    """A verb whose object is a communication ("posted a string of messages", "gave a speech",
    "sent a letter about")."""
    if verb.pos_ != "VERB":
        return False
    if verb.lemma_.lower() == "make" and any(c.lower_ in ("clear", "plain") for c in verb.children):
        return True  # "made it clear (that) …", "made clear that …"
    for child in verb.children:
        if child.dep_ == "dobj":
            nouns = [child] + [
                pobj
                for prep in child.children
                if prep.dep_ == "prep"
                for pobj in prep.children
                if pobj.dep_ == "pobj"
            ]
            if verb.lemma_.lower() == "have":
                if child.lemma_.lower() == "support":
                    continue  # "has 5 percent support": a poll share, not a communication
                nouns = [child]  # "has a majority of support": only what is had can be said
            if any(n.lemma_.lower() in lex.cue_nouns or n.lower_ in lex.cue_nouns for n in nouns):
                return True
    return False


def phrasal_cue(verb: Token, lex: Lexicon) -> bool:
    """A verb that reports only with its particle or object ("as the memo put it", "the mayor
    weighed in"): the pair from the multiword cue list, the second word right after the verb
    and hanging from it."""
    if verb.i + 1 >= len(verb.doc):
        return False
    nxt = verb.doc[verb.i + 1]
    pair = (verb.lemma_.lower(), nxt.lower_)
    return pair in lex.multiword_cues and nxt.head.i == verb.i


def linking_use(verb: Token) -> bool:
    """"the venture proved short-lived", "the festival proved to be a quiet affair": "prove" as a
    linking verb says what something turned out to be, and nobody holds that view."""
    if verb.lemma_.lower() != "prove":
        return False
    return any(
        c.dep_ in ("acomp", "oprd") or (c.dep_ == "xcomp" and c.lemma_.lower() == "be")
        for c in verb.children
    )


def anaphoric_object(verb: Token) -> bool:
    """"made the comments at a rally", "made this statement during …": a communication named
    again with a definite article or a demonstrative and no content of its own refers back to
    words already reported; annotators mark the first report, not this one."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return False
    for c in obj.children:
        if c.dep_ in ("acl", "relcl", "appos", "ccomp") or (
            c.dep_ == "prep" and c.lower_ in ("about", "on", "of")
        ):
            return False  # "made the case that …", "made the comments about …"
    definite = ("the", "this", "that", "these", "those")
    return any(c.dep_ == "det" and c.lower_ in definite for c in obj.children)


_TOPIC_PREPS = {"about", "of", "on", "against", "for", "out", "up"}


def speaks_of_something(verb: Token) -> bool:
    """"spoke about the plan", "spoke out against", "talked of war": speaking with a topic, not
    "spoke at a rally" or "spoke for five minutes"."""
    return any(
        (
            c.dep_ in ("prep", "prt")
            and c.lower_ in _TOPIC_PREPS
            and not _time_phrase(c)
            and not _terms_phrase(c)
        )
        or c.dep_ in ("ccomp", "dobj")
        for c in verb.children
    )


_TERMS_NOUNS = {"condition", "conditions", "behalf", "background"}
"""Nouns of "speaking on condition of anonymity", "on behalf of", "on background": the terms of
speaking, not its topic."""


def _terms_phrase(prep: Token) -> bool:
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return obj is not None and obj.lower_ in _TERMS_NOUNS


def calls_something(verb: Token) -> bool:
    """"call" as speech ("called him a liar", "called for", "called on X to", "called it …"),
    not a phone call, a meeting called, "so-called" or "what he called X"."""
    deps = {c.dep_: c for c in verb.children}
    if verb.dep_ == "amod" or verb.tag_ == "VBN" and verb.dep_ in ("amod", "acl") and "oprd" not in deps:
        return False
    if "dobj" in deps and deps["dobj"].lower_ in ("what", "which"):
        return False
    if any(c.dep_ == "nsubj" and c.lower_ in ("what", "which") for c in verb.children):
        return False
    if {"oprd", "xcomp", "ccomp"} & deps.keys():
        return True
    return any(c.dep_ in ("prep", "prt") and c.lower_ in ("for", "on") for c in verb.children)


_QUOTED_AS = {"quote", "cite", "report", "describe"}
"""Verbs that pass on someone's words with a reporting participle: "was quoted as saying", "the
agency quoted the minister as saying", "cited officials saying", "was reported as writing"."""


def quoted_participle(verb: Token, lex: Lexicon) -> Token | None:
    """The reporting participle of "X was quoted as saying …" or "Y quoted X (as) saying …": X
    is the one who speaks and the participle belongs to the quoting verb's mention."""
    if verb.lemma_.lower() not in _QUOTED_AS:
        return None
    candidates = [part for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "as"
                  for part in prep.children if part.dep_ == "pcomp"]
    candidates += [c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i]
    candidates += [
        c for obj in verb.children if obj.dep_ == "dobj" for c in obj.children if c.dep_ == "acl"
    ]
    for part in candidates:
        if part.tag_ == "VBG" and part.lemma_.lower() in lex.strong_verbs:
            return part
    return None


def quoting_verb(participle: Token) -> Token | None:
    """The verb a reporting participle may belong to (see :func:`quoted_participle`)."""
    if participle.dep_ == "pcomp" and participle.head.lower_ == "as":
        return participle.head.head
    if participle.dep_ == "advcl":
        return participle.head
    if participle.dep_ == "acl" and participle.head.dep_ == "dobj":
        return participle.head.head
    return None


def in_idiom(verb: Token, lex: Lexicon) -> bool:
    """Whether the verb is part of a fixed phrase that reports nothing ("it goes without saying",
    "let's say", "having said that", "that said,"): the phrases of the data file's ``idioms``."""
    doc = verb.doc
    word = verb.lower_.replace("’", "'")
    for idiom in lex.idioms:
        for k, part in enumerate(idiom):
            start = verb.i - k
            if part != word or start < 0 or start + len(idiom) > len(doc):
                continue
            if all(doc[start + j].lower_.replace("’", "'") == w for j, w in enumerate(idiom)):
                return True
    return False


def estimate_phrase(verb: Token, lex: Lexicon) -> bool:
    """"Officials put the death toll at 35", "aid groups placed the number of displaced at …": a
    verb whose object is a count and whose "at" phrase gives it states an estimate."""
    if verb.lemma_.lower() not in lex.estimate_verbs:
        return False
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or obj.lemma_.lower() not in lex.estimate_objects:
        return False
    return any(c.dep_ == "prep" and c.lower_ == "at" for c in (*verb.children, *obj.children))
