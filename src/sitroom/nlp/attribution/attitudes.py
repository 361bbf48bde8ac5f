"""Attitude cues: stances and feelings stated with an adjective ("has been critical of", "are
afraid that", "it is clear that"), evidential verbs ("seems to"), adverbs of hearsay
("reportedly"), and verbs of attack used of words ("attacked her for …").

Why apart from the verb rules: these cues are not verbs of saying. An adjective after a copula
carries the cue ("Hollis has been critical of the mayor" attributes a stance to Hollis), and "it is
clear that …" or "seems to" attributes a judgement to the writer, with no named source. Corpora of
attribution (PolNeAR) mark them, so the mention finder reports them; they never make attribution
chains (pattern ``attitude``), because they do not say where a reported fact comes from.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .base import Mention, animate, phrase, span_of, token_span
from .lexicon import Lexicon

__all__ = [
    "attitude_mentions",
    "hearsay_mentions",
    "evidential_mentions",
    "intention_mentions",
    "reaction_mentions",
    "verbal_attack",
]

_PERSON_PRONOUNS = {"he", "she", "they", "i", "we", "who"}


def _subject(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)


def _stance_holder(tok: Token | None, lex: Lexicon) -> bool:
    """A subject that can hold a stance: a person or organisation, or a pronoun for one."""
    if tok is None:
        return False
    return tok.lower_ in _PERSON_PRONOUNS or animate(tok, lex) or tok.pos_ == "PROPN"


def _left_auxiliaries(head: Token) -> int:
    """Start of the copula with its auxiliaries and negation ("has not been")."""
    doc = head.doc
    start = head.i
    while start > 0:
        prev = doc[start - 1]
        if prev.head.i == head.i and prev.dep_ in ("aux", "auxpass", "neg") and prev.lower_ != "to":
            start -= 1
        else:
            break
    return start


def _clause_of(adj: Token, head: Token) -> Token | None:
    """The complement the attitude is about: a prepositional object, a that-clause or an
    infinitive, on the adjective or (for an extraposed "it is clear that …") on the copula."""
    for tok in (adj, head):
        for child in tok.children:
            if child.dep_ in ("ccomp", "xcomp") and child.i > adj.i:
                return child
    return None


def attitude_mentions(doc: Doc, lex: Lexicon) -> list[Mention]:
    """"X is critical of Y", "X are afraid that …", "X was sure Y would win", "it is clear that
    …", "X were frustrated", "X is a staunch opponent of Y": a predicate adjective (or adjectival
    participle, or a noun naming a stance) after a copula."""
    out: list[Mention] = []
    attr = doc.vocab.strings["attr"]  # the parse's number for the label: no string per token
    for tok in doc:
        low = tok.lower_
        evident = low in lex.evident_adjectives
        role_noun = tok.dep == attr and tok.lemma_.lower() in lex.stance_nouns
        if not (low in lex.attitude_adjectives or evident or role_noun):
            continue
        if tok.dep_ in ("acomp", "attr") and tok.head.lemma_.lower() in lex.copulas:
            head = tok.head  # "has been critical of", "is a staunch opponent of"
        elif tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children):
            head = tok  # "were frustrated", "is determined to"
        else:
            continue
        subj = _subject(head)
        clause = _clause_of(tok, head)
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.i == tok.i + 1), None)
        if evident:
            # Only the extraposed judgement: "it is clear that …", "it was unclear whether …".
            if subj is None or subj.lower_ != "it" or clause is None:
                continue
            speaker = None
        else:
            if not _stance_holder(subj, lex):
                continue
            speaker = subj
        start = _left_auxiliaries(head)
        end = (prep.i + 1) if prep is not None else tok.i + 1
        content_tok = clause
        if content_tok is None and prep is not None:
            content_tok = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
        speaker_rng = phrase(speaker, exclude={head.i, tok.i}) if speaker is not None else None
        out.append(
            Mention(
                cue=token_span(doc[start:end]),
                cue_text=doc[start:end].text,
                cue_lemma=low,
                sentence=token_span(tok.sent),
                speaker=span_of(doc, speaker_rng),
                speaker_head=speaker.i if speaker is not None else None,
                content=span_of(doc, phrase(content_tok)) if content_tok is not None else None,
                pattern="attitude",
            )
        )
    return out


def evidential_mentions(doc: Doc, lex: Lexicon) -> list[Mention]:
    """"X seems to …", "it appeared that …", "seemed confident": a judgement by the writer, who
    is not named (the mention has no speaker)."""
    out: list[Mention] = []
    verb = doc.vocab.strings["VERB"]  # the parse's number for the tag: no string per token
    for tok in doc:
        if tok.pos != verb or tok.lemma_.lower() not in lex.evidential_verbs:
            continue
        comp = next(
            (c for c in tok.children if c.dep_ in ("xcomp", "ccomp", "acomp", "oprd") and c.i > tok.i),
            None,
        )
        if comp is None:
            continue  # "appeared on television", "the name appears in the list"
        start = _left_auxiliaries(tok)
        # The judgement is the writer's: the subject is what seems so, not who holds the view —
        # unless what seems so is the subject's own saying ("the minister appeared to blame …"):
        # then the subject is the source of that act.
        subj = _subject(tok)
        said = comp.lemma_.lower() in lex.strong_verbs or comp.lemma_.lower() in lex.stance_verbs
        holder = subj if said and subj is not None and _stance_holder(subj, lex) else None
        out.append(
            Mention(
                cue=token_span(doc[start : tok.i + 1]),
                cue_text=doc[start : tok.i + 1].text,
                cue_lemma=tok.lemma_.lower(),
                sentence=token_span(tok.sent),
                speaker=span_of(doc, phrase(holder, exclude={tok.i})) if holder is not None else None,
                speaker_head=holder.i if holder is not None else None,
                content=span_of(doc, phrase(comp)),
                pattern="attitude",
            )
        )
    return out


_PERSON_OBJECTS = {"him", "her", "them", "me", "us", "himself", "herself"}


def verbal_attack(verb: Token, lex: Lexicon) -> bool:
    """Whether an attack verb ("attacked", "hammered", "ripped") is said of words: its target is
    a person ("attacked Brennan"), or it has a reason or a label ("attacked X for …", "attacked
    X as a fraud"), or its subject is a communication ("a tweet attacking …").

    Why gated: in conflict reports the same verbs are physical ("gunmen attacked a checkpoint"),
    and those must not become attribution cues.
    """
    if verb.lemma_.lower() not in lex.criticism_verbs:
        return False
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if any(c.dep_ == "prep" and c.lower_ in ("for", "as", "over") for c in verb.children):
        return obj is not None
    subj = _subject(verb)
    one_person = subj is not None and (subj.ent_type_ == "PERSON" or subj.lower_ in ("he", "she"))
    if obj is not None and one_person:
        # "Hollis attacked loopholes", "she attacked the prosecutors": one named person attacking
        # something in politics is attacking it in words; armed attacks have groups as agents.
        return True
    if obj is not None and (obj.ent_type_ == "PERSON" or obj.lower_ in _PERSON_OBJECTS):
        subj = _subject(verb)
        if subj is None and verb.dep_ == "acl":
            subj = verb.head
        return subj is not None and (
            subj.ent_type_ in ("PERSON", "ORG")
            or subj.lower_ in _PERSON_PRONOUNS
            or subj.lemma_.lower() in lex.cue_nouns
        )
    return False


def _lemma(tok: Token) -> str:
    """The lemma, repaired where the small model confuses a verb of attitude ("hopes" → "hop")."""
    lemma = tok.lemma_.lower()
    return "hope" if lemma == "hop" and tok.lower_.startswith("hop") and "hope" in tok.lower_ else lemma


def intention_mentions(doc: Doc, lex: Lexicon, taken: set[int]) -> list[Mention]:
    """"X seeks to …", "X hopes to …", "X refused to …": a verb of intention with an infinitive,
    held by a person or organisation (the infinitive is what X wants)."""
    out: list[Mention] = []
    verb = doc.vocab.strings["VERB"]
    for tok in doc:
        if tok.pos != verb or tok.idx in taken or _lemma(tok) not in lex.intention_verbs:
            continue
        comp = next(
            (
                c
                for c in tok.children
                if c.dep_ == "xcomp" and c.i > tok.i and any(a.lower_ == "to" for a in c.children)
            ),
            None,
        )
        if comp is None:
            continue
        subj = _subject(tok)
        if subj is None or subj.dep_ == "nsubjpass" or not _stance_holder(subj, lex):
            continue
        start = _left_auxiliaries(tok)
        out.append(
            Mention(
                cue=token_span(doc[start : tok.i + 1]),
                cue_text=doc[start : tok.i + 1].text,
                cue_lemma=_lemma(tok),
                sentence=token_span(tok.sent),
                speaker=span_of(doc, phrase(subj, exclude={tok.i})),
                speaker_head=subj.i,
                content=span_of(doc, phrase(comp)),
                pattern="attitude",
            )
        )
    return out


def reaction_mentions(doc: Doc, lex: Lexicon) -> list[Mention]:
    """"has faced sharp criticism from X", "drew questions about …", "came under fire for …": a
    public reaction someone received; the reacting source is the "from"/"by" phrase, when stated."""
    out: list[Mention] = []
    noun = doc.vocab.strings["NOUN"]  # the parse's number for the tag: no string per token
    for tok in doc:
        if tok.pos != noun or tok.lower_ not in lex.reaction_nouns:
            continue
        head = tok.head
        if tok.dep_ == "pobj" and head.lower_ in ("under", "with"):
            head = head.head  # "came under fire", "met with criticism"
        elif tok.dep_ != "dobj":
            continue
        if head.lemma_.lower() not in lex.reaction_verbs:
            continue
        start = tok.i
        while start > 0 and doc[start - 1].head.i == tok.i and doc[start - 1].dep_ in ("amod", "advmod", "compound"):
            start -= 1
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.i == tok.i + 1), None)
        end = prep.i + 1 if prep is not None else tok.i + 1
        source = None
        for p in tok.children:
            if p.dep_ == "prep" and p.lower_ in ("from", "by"):
                source = next((c for c in p.children if c.dep_ == "pobj"), None)
        topic = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
        out.append(
            Mention(
                cue=token_span(doc[start:end]),
                cue_text=doc[start:end].text,
                cue_lemma=tok.lemma_.lower(),
                sentence=token_span(tok.sent),
                speaker=span_of(doc, phrase(source)) if source is not None else None,
                speaker_head=source.i if source is not None else None,
                content=span_of(doc, phrase(topic)) if topic is not None else None,
                pattern="attitude",
            )
        )
    return out


def hearsay_mentions(doc: Doc, lex: Lexicon) -> list[Mention]:
    """"The convoy was reportedly hit", "the allegedly forged letter": an adverb of hearsay says
    that someone unnamed is the source of the clause it modifies (no speaker, no chain — the
    hedge lists carry its doubt)."""
    out: list[Mention] = []
    for tok in doc:
        if tok.lower_ not in lex.hearsay_adverbs:
            continue
        head = tok.head if tok.head.i != tok.i else tok
        out.append(
            Mention(
                cue=token_span([tok]),
                cue_text=tok.text,
                cue_lemma=tok.lower_,
                sentence=token_span(tok.sent),
                content=span_of(doc, phrase(head, exclude={tok.i})) if head.i != tok.i else None,
                pattern="attitude",
            )
        )
    return out
