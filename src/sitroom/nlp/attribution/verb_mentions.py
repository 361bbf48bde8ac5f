"""A mention from one reporting, belief or stance verb: the verb's speaker (:mod:`.speakers`),
reported content (:mod:`.content`), cited and recipient sources (:mod:`.citing`) and cue words
(:mod:`.cue_words`), with the filters that keep a verb from reporting when it does not.

Why a module of its own: this is the one place that weighs the evidence for a verb cue; the
helpers it calls each answer one question about the parse.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .attitudes import verbal_attack
from .base import Mention, animate, phrase, span_of, token_span, trim
from .citing import citing_of, flipped_citing, hoisted_citing, misparsed_citing, recipient_of
from .content import clause_content, quote_content
from .cue_words import (
    anaphoric_object,
    calls_something,
    cue_tokens,
    estimate_phrase,
    in_idiom,
    light_verb,
    linking_use,
    phrasal_cue,
    quoted_participle,
    quoting_verb,
    speaks_of_something,
)
from .lexicon import Lexicon
from .speakers import (
    FIRST_SECOND,
    absorbed_name,
    inverted_speaker,
    across_break,
    agent_of,
    inherited_subject,
    is_holder,
    is_passive,
    reported_base,
    speaker_range,
    subject_of,
    trailing_speaker,
)

__all__ = ["verb_mention"]


@dataclass(frozen=True, slots=True)
class _Cue:
    """What kind of cue a verb is: a report ("say"), a content verb ("show", "believe"), a stance
    ("condemn"), or one made so by its words ("made the comments", "put it", "put the toll at").

    Why kept together: the later filters ask which kind the verb was, not just whether it is one."""

    lemma: str
    strong: bool
    content_verb: bool
    stance: bool
    light: bool
    phrasal: bool
    estimate: bool


@dataclass(frozen=True, slots=True)
class _Sources:
    """Who else the verb names: the source it cites (as ``(citing verb, cited)``), whether that
    citing was parsed upside down, the recipient told, and the tokens the cited phrase takes from
    the speaker's and the content's ranges."""

    citing: tuple[Token, Token | None] | None
    flipped: tuple[Token, Token] | None
    recipient: Token | None
    skip: set[int]


@dataclass(frozen=True, slots=True)
class _Speaker:
    """The verb's speaker token and how it was found (``pattern``); ``as_saying`` is the participle
    of "was quoted as saying"; ``repaired``/``absorbed`` are speaker token ranges a repair found
    where the parse had none. ``recipient`` replaces the sources' one ("quoted by Y as saying")."""

    tok: Token | None
    pattern: str
    passive: bool
    as_saying: Token | None
    repaired: tuple[int, int] | None
    absorbed: tuple[int, int] | None
    recipient: Token | None


def verb_mention(verb: Token, lex: Lexicon) -> Mention | None:
    """The mention a reporting, belief or stance verb makes, or ``None`` when it does not report.

    In steps: what kind of cue it is (:func:`_cue_kind`), uses that are not reports
    (:func:`_not_a_report`), sources (:func:`_sources`), speaker (:func:`_speaker`), content
    (:func:`_content`), then the tests that the cue has what its kind needs."""
    if verb.pos_ not in ("VERB", "AUX") and verb.tag_[:2] != "VB":
        return None  # first, so most tokens cost one test (the cue tests are pure)
    cue = _cue_kind(verb, lex)
    if cue is None or _not_a_report(verb, cue.lemma, lex):
        return None
    src = _sources(verb, lex)
    who = _speaker(verb, lex, src)
    if who.tok is not None and who.tok.lower_ in FIRST_SECOND:
        return None
    if _idle_use(verb, cue.lemma):
        return None
    content_rng, quote_rng = _content(verb, cue, src, who)
    if _unsupported(verb, lex, cue, who, has_clause=content_rng is not None):
        return None
    xcomp_only = content_rng is not None and quote_rng is None and not any(
        c.dep_ == "ccomp" for c in [*verb.children, *(src.citing[0].children if src.citing else [])]
    ) and any(c.dep_ == "xcomp" and c.i > verb.i for c in verb.children)
    if _empty_cue(verb, lex, cue, who.tok, content_rng, xcomp_only):
        return None
    doc, sent = verb.doc, verb.sent
    cue_toks = _cue_words(verb, cue, who.as_saying)
    ante, ante_rng = _antecedent(who.tok)
    speaker_rng = _speaker_tokens(verb, who, src.skip)
    if content_rng is None:
        content_rng = _clause_before_comma(verb, speaker_rng)
    cited_tok = src.citing[1] if src.citing is not None else None
    recipient = who.recipient
    return Mention(
        cue=token_span(cue_toks),
        cue_text=doc[cue_toks[0].i : cue_toks[-1].i + 1].text,
        cue_lemma=cue.lemma,
        sentence=token_span(sent),
        speaker=span_of(doc, speaker_rng),
        speaker_head=who.tok.i if who.tok is not None else None,
        cited=span_of(doc, _cited_range(verb, cited_tok, src.flipped)),
        cited_head=cited_tok.i if cited_tok is not None else None,
        recipient=span_of(doc, phrase(recipient) if recipient is not None else None),
        recipient_head=recipient.i if recipient is not None else None,
        content=span_of(doc, content_rng),
        pattern=who.pattern,
        clausal=content_rng is not None and not xcomp_only and (quote_rng is None or cue.lemma in lex.strong_verbs),
        negated=any(c.dep_ == "neg" for c in verb.children),
        antecedent=span_of(doc, ante_rng),
        antecedent_head=ante.i if ante is not None else None,
    )


def _cue_kind(verb: Token, lex: Lexicon) -> _Cue | None:
    """The verb's kind of cue, or ``None`` when neither its lemma nor its words make it one.

    Why in this order: a listed lemma wins; the word tests (attack, light verb, phrasal, estimate)
    are tried only for a verb the lists leave out, cheapest first."""
    lemma = verb.lemma_.lower()
    strong = lemma in lex.strong_verbs
    content_verb = lemma in lex.content_verbs
    stance = lemma in lex.stance_verbs and not strong and not content_verb
    if stance:
        content_verb = True
    if not (strong or content_verb) and verbal_attack(verb, lex):
        content_verb = True
    light = False
    if not (strong or content_verb) and light_verb(verb, lex):
        strong = light = True
    phrasal = False
    if not (strong or content_verb) and phrasal_cue(verb, lex):
        strong = phrasal = True
    estimate = False
    if not (strong or content_verb) and estimate_phrase(verb, lex):
        strong = estimate = True
    if not (strong or content_verb):
        return None
    return _Cue(lemma, strong, content_verb, stance, light, phrasal, estimate)


def _not_a_report(verb: Token, lemma: str, lex: Lexicon) -> bool:
    """Uses of a cue verb that are not a report of their own: an idiom, a participle used as a
    preposition, a hypothetical, a noun mis-tagged as a verb, or part of another cue's mention."""
    if in_idiom(verb, lex):
        return True  # "it goes without saying", "having said that"
    if verb.dep_ == "prep" and verb.tag_ == "VBN":
        return True  # "22 percent, compared to 11 percent": a participle used as a preposition
    if any(c.tag_ == "MD" and c.lower_ in ("would", "'d", "’d") for c in verb.children):
        return True  # "she would impose a surcharge", "he wouldn't say": a hypothetical act
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if before is not None and before.lower_ in ("the", "a", "an") and before.head.i == verb.i:
        return True  # "the claim by the rebels that …": a noun the tagger took for a verb
    if lemma in lex.citing_verbs and verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "conj"):
        head_lemma = verb.head.lemma_.lower()
        if head_lemma in lex.strong_verbs or head_lemma in lex.content_verbs:
            return True  # "citing" inside another cue's mention
    if lemma in lex.citing_verbs and verb.tag_ == "VBG" and misparsed_citing(verb, lex) is not None:
        return True  # the report verb hung on the cited noun makes the mention
    if (
        lemma in lex.citing_verbs
        and verb.dep_ == "advcl"
        and verb.head.dep_ == "ccomp"
        and _same(hoisted_citing(verb.head.head, lex), verb)
    ):
        return True  # "reported, citing Y, that …": part of the report verb's mention
    quoting = quoting_verb(verb) if verb.tag_ == "VBG" else None
    # "was quoted as saying", "quoted X saying": the quoting verb's mention
    return quoting is not None and _same(quoted_participle(quoting, lex), verb)


def _sources(verb: Token, lex: Lexicon) -> _Sources:
    """The cited source and the recipient of the verb, and the tokens the cited phrase holds."""
    citing = citing_of(verb, lex)
    skip: set[int] = set()
    if citing is not None:
        skip.update(t.i for t in citing[0].subtree)
    flipped = flipped_citing(verb, lex)
    if flipped is not None:
        # "X, citing Y, reported that …" parsed as "X citing [Y, reported …]".
        citing = flipped
        skip.add(flipped[0].i)
        skip.update(t.i for t in flipped[1].subtree if t.i < verb.i)
    recipient = recipient_of(verb, lex)
    quoted_obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    participle = quoted_participle(verb, lex) if quoted_obj is not None else None
    if citing is None and participle is not None and not is_passive(verb):
        # "The agency quoted the minister as saying …": the minister is the cited source.
        citing = (participle, quoted_obj)
        skip.update(t.i for t in participle.subtree)
    return _Sources(citing, flipped, recipient, skip)


def _speaker(verb: Token, lex: Lexicon, src: _Sources) -> _Speaker:
    """The verb's speaker: the subject, a passive's agent, the subject of an upside-down citing
    verb, or what a repair finds when the parse gives none (a trailing or absorbed name)."""
    doc = verb.doc
    flipped = src.flipped
    recipient = src.recipient
    passive = is_passive(verb)
    as_saying = None
    speaker_tok = None
    pattern = "verb"
    repaired = None if passive or subject_of(verb) is not None or flipped else trailing_speaker(verb)
    if flipped is not None:
        speaker_tok = subject_of(flipped[0])
    elif passive:
        speaker_tok = agent_of(verb)
        pattern = "passive"
        as_saying = quoted_participle(verb, lex)
        if as_saying is not None:
            # "X was quoted (by Y) as saying …": X speaks, Y passed the words on.
            recipient = speaker_tok
            speaker_tok = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    elif repaired is not None:
        speaker_tok = doc[verb.i - 1]
    else:
        speaker_tok = subject_of(verb) or inherited_subject(verb)
    absorbed = None
    if speaker_tok is None and not passive and flipped is None and repaired is None:
        absorbed = absorbed_name(verb) or inverted_speaker(verb, lex)
        if absorbed is not None:
            speaker_tok = doc[absorbed[1] - 1]
    if speaker_tok is not None and speaker_tok.i < verb.i:
        speaker_tok = across_break(speaker_tok, verb)
    return _Speaker(speaker_tok, pattern, passive, as_saying, repaired, absorbed, recipient)


def _idle_use(verb: Token, lemma: str) -> bool:
    """A base form that reports nothing ("to say"), "call" naming nothing, "speak" of nothing."""
    if verb.tag_ == "VB" and not reported_base(verb):
        return True
    if lemma == "call" and not calls_something(verb):
        return True
    return lemma in ("speak", "talk") and not speaks_of_something(verb)


def _content(verb: Token, cue: _Cue, src: _Sources, who: _Speaker) -> tuple[tuple[int, int] | None,
                                                                            tuple[int, int] | None]:
    """``(content, quotation)`` token ranges: the reported clause, else what a repair, "as saying",
    an estimate's object or the cited verb's clause gives, else a quotation the verb introduces
    (then both are that quotation)."""
    doc, sent = verb.doc, verb.sent
    content_rng = clause_content(verb, src.skip) if who.repaired is None else trim(
        doc, sent.start, who.repaired[0] - 1)
    if content_rng is None and who.as_saying is not None:
        content_rng = clause_content(who.as_saying, src.skip)
    if content_rng is None and cue.estimate:
        # "put the death toll at 35": the count and its value are what the speaker states.
        content_rng = (min(c.left_edge.i for c in verb.children if c.dep_ in ("dobj", "prep")),
                       max(c.right_edge.i for c in verb.children if c.dep_ in ("dobj", "prep")) + 1)
    if content_rng is None and src.citing is not None:
        ccomp = next((c for c in src.citing[0].children if c.dep_ == "ccomp"), None)
        if ccomp is not None:
            content_rng = phrase(ccomp)
    quote_rng = None
    if content_rng is None:
        quote_rng = quote_content(verb, sent)
        content_rng = quote_rng
    return content_rng, quote_rng


def _unsupported(verb: Token, lex: Lexicon, cue: _Cue, who: _Speaker, has_clause: bool) -> bool:
    """The cue lacks what its kind needs: a passive needs an agent or a subject, a content verb a
    speaker (who can hold a view, or a document that shows something), any cue a speaker or a clause."""
    speaker_tok = who.tok
    if who.passive:
        nsubjpass = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        # A passive report needs an agent or a subject ("was reported by TV", "is expected to").
        if speaker_tok is None and nsubjpass is None:
            return True
        if speaker_tok is None and cue.lemma in lex.passive_needs_agent:
            return True  # "a device was found", "shots were heard": perception, not a report
        # "the bill was approved", "he was booed": an act with no one named
        return speaker_tok is None and cue.stance
    if cue.content_verb and not cue.strong:
        if speaker_tok is None or linking_use(verb):
            return True
        if speaker_tok.lower_ in ("that", "which") and not is_holder(speaker_tok, lex):
            return True  # "a tyranny that encourages …", "which confirmed what I knew"
        if not has_clause:
            # "Polls show a close race": a document can show or find, as a person can.
            has_object = any(c.dep_ in ("dobj", "prep", "xcomp") for c in verb.children)
            holder = animate(speaker_tok, lex) or speaker_tok.lemma_.lower() in lex.document_heads
            if not (has_object and holder):
                return True
        return False
    return speaker_tok is None and not has_clause


def _empty_cue(verb: Token, lex: Lexicon, cue: _Cue, speaker_tok: Token | None,
               content_rng: tuple[int, int] | None, xcomp_only: bool) -> bool:
    """The verb reports nothing here: words said before, a thing perceived, an act with no
    clause, or a phrasal/estimate cue without someone who could state it."""
    if cue.light and content_rng is None and anaphoric_object(verb):
        return True  # "The mayor made the comments Friday": the words were reported before
    if (
        cue.lemma in lex.perception_verbs
        and content_rng is None
        and not any(c.dep_ in ("prep", "oprd") and c.lower_ == "as" for c in verb.children)
    ):
        return True  # "guards saw the letter": perception of a thing, not a view held
    if cue.lemma in lex.needs_clause and (content_rng is None or xcomp_only):
        return True  # "continued to stay home", "added a week", "posted troops"
    # "it put him on the spot", "the exhibits put problems in context"
    return (cue.phrasal or cue.estimate) and (speaker_tok is None or not is_holder(speaker_tok, lex))


def _speaker_tokens(verb: Token, who: _Speaker, skip: set[int]) -> tuple[int, int] | None:
    """The speaker's token range: a repair's range when a repair found the speaker, else the
    phrase around the speaker token (without the cited source's tokens)."""
    if who.repaired is not None:
        return who.repaired
    if who.absorbed is not None:
        return who.absorbed
    return speaker_range(who.tok, verb, skip) if who.tok is not None else None


def _clause_before_comma(verb: Token, speaker_rng: tuple[int, int] | None) -> tuple[int, int] | None:
    """"…, and some reached the border, security sources told X": a conjoined cue with no content
    of its own reports the clause before the comma that precedes its speaker."""
    doc, sent = verb.doc, verb.sent
    if (
        verb.dep_ == "conj"
        and speaker_rng is not None
        and speaker_rng[0] - 1 > sent.start
        and doc[speaker_rng[0] - 1].text == ","
    ):
        return trim(doc, sent.start, speaker_rng[0] - 1)
    return None


def _cue_words(verb: Token, cue: _Cue, as_saying: Token | None) -> list[Token]:
    """The cue's words: the verb's (:func:`cue_tokens`) through "as saying", and "put it"'s object."""
    doc = verb.doc
    cue_toks = cue_tokens(verb)
    if as_saying is not None:
        cue_toks = list(doc[cue_toks[0].i : as_saying.i + 1])
    if cue.phrasal and cue_toks[-1].i == verb.i:
        cue_toks.append(doc[verb.i + 1])  # "put it"
    return cue_toks


def _antecedent(speaker_tok: Token | None) -> tuple[Token | None, tuple[int, int] | None]:
    """For a relative-pronoun speaker ("the coalition, which said …"), the noun it stands for and
    that noun's phrase without the relative clause."""
    relative = speaker_tok is not None and speaker_tok.lower_ in ("who", "which", "that")
    if speaker_tok is not None and relative and speaker_tok.head.dep_ == "relcl":
        ante = speaker_tok.head.head
        return ante, phrase(ante, exclude={t.i for t in speaker_tok.head.subtree})
    return None, None


def _cited_range(verb: Token, cited_tok: Token | None, flipped: tuple[Token, Token] | None) -> tuple[int, int] | None:
    """The cited source's phrase; for an upside-down citing, without the report verb's clause."""
    if cited_tok is None:
        return None
    if flipped is not None:
        return phrase(cited_tok, exclude={t.i for t in verb.subtree} | {verb.i - 1})
    return phrase(cited_tok)


def _same(tok: Token | None, other: Token) -> bool:
    """Token identity by position (spaCy builds a new ``Token`` object on every access)."""
    return tok is not None and tok.i == other.i
