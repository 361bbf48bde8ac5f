"""Intermediate sources around a reporting verb: "X, citing Y, said …" (Y is the original source)
and "Y told Reuters" (the outlet is a link of the chain).

Why a module of its own: these rules decide the chain's shape, not whether a verb reports; the
parser often flips "citing Y, reported" and the repairs for that belong together.
"""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import Lexicon
from .speakers import subject_of

__all__ = ["citing_of", "hoisted_citing", "flipped_citing", "misparsed_citing", "recipient_of"]


def citing_of(verb: Token, lex: Lexicon) -> tuple[Token, Token | None] | None:
    """``(citing verb, its object)`` for "X, citing Y, said" / "X reported, citing Y", and for
    "X reported, citing Y, that …" where the parser hung the participle on the reported clause."""
    for child in verb.children:
        if _is_citing(child, lex):
            return child, _cited_object(child)
    inner = hoisted_citing(verb, lex)
    if inner is not None:
        return inner, _cited_object(inner)
    return None


def hoisted_citing(verb: Token, lex: Lexicon) -> Token | None:
    """The citing participle the parser put inside this verb's reported clause, before that
    clause's subject ("reported, citing two officials, that the talks had stalled"): it belongs
    to the report verb, not to the clause it reports."""
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.i < verb.i:
            continue
        subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)
        for child in clause.children:
            if _is_citing(child, lex) and child.dep_ == "advcl" and child.i < (subj or clause).i:
                return child
    return None


def _is_citing(tok: Token, lex: Lexicon) -> bool:
    return tok.lemma_.lower() in lex.citing_verbs and tok.tag_ == "VBG" and tok.dep_ in (
        "advcl",
        "xcomp",
        "conj",
        "dep",
        "acl",
    )


def _cited_object(citing: Token) -> Token | None:
    return next((c for c in citing.children if c.dep_ in ("dobj", "pobj", "attr")), None)


def flipped_citing(verb: Token, lex: Lexicon) -> tuple[Token, Token] | None:
    """``(citing verb, cited noun)`` when the parser hung this report verb on the cited noun."""
    if verb.dep_ not in ("acl", "relcl") or verb.head.dep_ != "dobj":
        return None
    noun, citing = verb.head, verb.head.head
    if citing.lemma_.lower() in lex.citing_verbs and citing.tag_ == "VBG" and subject_of(citing) is not None:
        return citing, noun
    return None


def misparsed_citing(citing: Token, lex: Lexicon) -> Token | None:
    """The report verb hanging on this citing verb's object, if the parse flipped them."""
    for obj in citing.children:
        if obj.dep_ != "dobj":
            continue
        for verb in obj.children:
            if verb.dep_ in ("acl", "relcl") and verb.lemma_.lower() in lex.strong_verbs:
                return verb
    return None


def recipient_of(verb: Token, lex: Lexicon) -> Token | None:
    """The person or outlet told ("told Reuters"), for verbs whose object can be an outlet."""
    if verb.lemma_.lower() not in lex.outlet_recipient_verbs:
        return None
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "iobj"):
            return child
    return None
