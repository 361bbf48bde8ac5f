"""A mention from one reporting, belief or stance verb: the verb's speaker (:mod:`.speakers`),
reported content (:mod:`.content`), cited and recipient sources (:mod:`.citing`) and cue words
(:mod:`.cue_words`), with the filters that keep a verb from reporting when it does not.

Why a module of its own: this is the one place that weighs the evidence for a verb cue; the
helpers it calls each answer one question about the parse.
"""

from __future__ import annotations

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


def verb_mention(verb: Token, lex: Lexicon) -> Mention | None:
    if verb.pos_ not in ("VERB", "AUX") and verb.tag_[:2] != "VB":
        return None  # tested below too; first, so most tokens cost one test (the cue tests are pure)
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
    if verb.pos_ not in ("VERB", "AUX") and verb.tag_[:2] != "VB":
        return None
    if in_idiom(verb, lex):
        return None  # "it goes without saying", "having said that"
    if verb.dep_ == "prep" and verb.tag_ == "VBN":
        return None  # "22 percent, compared to 11 percent": a participle used as a preposition
    if any(c.tag_ == "MD" and c.lower_ in ("would", "'d", "’d") for c in verb.children):
        return None  # "she would impose a surcharge", "he wouldn't say": a hypothetical act
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if before is not None and before.lower_ in ("the", "a", "an") and before.head.i == verb.i:
        return None  # "the claim by the rebels that …": a noun the tagger took for a verb
    if lemma in lex.citing_verbs and verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "conj"):
        head_lemma = verb.head.lemma_.lower()
        if head_lemma in lex.strong_verbs or head_lemma in lex.content_verbs:
            return None  # "citing" inside another cue's mention
    if lemma in lex.citing_verbs and verb.tag_ == "VBG" and misparsed_citing(verb, lex) is not None:
        return None  # the report verb hung on the cited noun makes the mention
    if (
        lemma in lex.citing_verbs
        and verb.dep_ == "advcl"
        and verb.head.dep_ == "ccomp"
        and _same(hoisted_citing(verb.head.head, lex), verb)
    ):
        return None  # "reported, citing Y, that …": part of the report verb's mention
    quoting = quoting_verb(verb) if verb.tag_ == "VBG" else None
    if quoting is not None and _same(quoted_participle(quoting, lex), verb):
        return None  # "was quoted as saying", "quoted X saying": the quoting verb's mention
    doc = verb.doc
    sent = verb.sent
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
    if speaker_tok is not None and speaker_tok.lower_ in FIRST_SECOND:
        return None
    if verb.tag_ == "VB" and not reported_base(verb):
        return None
    if lemma == "call" and not calls_something(verb):
        return None
    if lemma in ("speak", "talk") and not speaks_of_something(verb):
        return None

    content_rng = clause_content(verb, skip) if repaired is None else trim(doc, sent.start, repaired[0] - 1)
    if content_rng is None and as_saying is not None:
        content_rng = clause_content(as_saying, skip)
    if content_rng is None and estimate:
        # "put the death toll at 35": the count and its value are what the speaker states.
        content_rng = (min(c.left_edge.i for c in verb.children if c.dep_ in ("dobj", "prep")),
                       max(c.right_edge.i for c in verb.children if c.dep_ in ("dobj", "prep")) + 1)
    if content_rng is None and citing is not None:
        ccomp = next((c for c in citing[0].children if c.dep_ == "ccomp"), None)
        if ccomp is not None:
            content_rng = phrase(ccomp)
    quote_rng = None
    if content_rng is None:
        quote_rng = quote_content(verb, sent)
        content_rng = quote_rng
    has_clause = content_rng is not None
    has_object = any(c.dep_ in ("dobj", "prep", "xcomp") for c in verb.children)

    if passive:
        nsubjpass = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        # A passive report needs an agent or a subject ("was reported by TV", "is expected to").
        if speaker_tok is None and nsubjpass is None:
            return None
        if speaker_tok is None and lemma in lex.passive_needs_agent:
            return None  # "a device was found", "shots were heard": perception, not a report
        if speaker_tok is None and stance:
            return None  # "the bill was approved", "he was booed": an act with no one named
    elif content_verb and not strong:
        if speaker_tok is None or linking_use(verb):
            return None
        if speaker_tok.lower_ in ("that", "which") and not is_holder(speaker_tok, lex):
            return None  # "a tyranny that encourages …", "which confirmed what I knew"
        if not has_clause:
            # "Polls show a close race": a document can show or find, as a person can.
            holder = animate(speaker_tok, lex) or speaker_tok.lemma_.lower() in lex.document_heads
            if not (has_object and holder):
                return None
    elif speaker_tok is None and not has_clause:
        return None
    xcomp_only = content_rng is not None and quote_rng is None and not any(
        c.dep_ == "ccomp" for c in [*verb.children, *(citing[0].children if citing else [])]
    ) and any(c.dep_ == "xcomp" and c.i > verb.i for c in verb.children)
    if light and content_rng is None and anaphoric_object(verb):
        return None  # "The mayor made the comments Friday": the words were reported before
    if (
        lemma in lex.perception_verbs
        and content_rng is None
        and not any(c.dep_ in ("prep", "oprd") and c.lower_ == "as" for c in verb.children)
    ):
        return None  # "guards saw the letter": perception of a thing, not a view held
    if lemma in lex.needs_clause and (content_rng is None or xcomp_only):
        return None  # "continued to stay home", "added a week", "posted troops"

    if (phrasal or estimate) and (speaker_tok is None or not is_holder(speaker_tok, lex)):
        return None  # "it put him on the spot", "the exhibits put problems in context"
    cue_toks = cue_tokens(verb)
    if as_saying is not None:
        cue_toks = list(doc[cue_toks[0].i : as_saying.i + 1])
    if phrasal and cue_toks[-1].i == verb.i:
        cue_toks.append(doc[verb.i + 1])  # "put it"
    ante = None
    ante_rng = None
    relative = speaker_tok is not None and speaker_tok.lower_ in ("who", "which", "that")
    if speaker_tok is not None and relative and speaker_tok.head.dep_ == "relcl":
        ante = speaker_tok.head.head
        ante_rng = phrase(ante, exclude={t.i for t in speaker_tok.head.subtree})
    if repaired is not None:
        speaker_rng: tuple[int, int] | None = repaired
    elif absorbed is not None:
        speaker_rng = absorbed
    else:
        speaker_rng = speaker_range(speaker_tok, verb, skip) if speaker_tok is not None else None
    if (
        content_rng is None
        and verb.dep_ == "conj"
        and speaker_rng is not None
        and speaker_rng[0] - 1 > sent.start
        and doc[speaker_rng[0] - 1].text == ","
    ):
        # "…, and some reached the border, security sources told X": the clause before the comma.
        content_rng = trim(doc, sent.start, speaker_rng[0] - 1)
    cited_tok = citing[1] if citing is not None else None
    if cited_tok is None:
        cited_rng = None
    elif flipped is not None:
        cited_rng = phrase(cited_tok, exclude={t.i for t in verb.subtree} | {verb.i - 1})
    else:
        cited_rng = phrase(cited_tok)
    recipient_rng = phrase(recipient) if recipient is not None else None
    return Mention(
        cue=token_span(cue_toks),
        cue_text=doc[cue_toks[0].i : cue_toks[-1].i + 1].text,
        cue_lemma=lemma,
        sentence=token_span(sent),
        speaker=span_of(doc, speaker_rng),
        speaker_head=speaker_tok.i if speaker_tok is not None else None,
        cited=span_of(doc, cited_rng),
        cited_head=cited_tok.i if cited_tok is not None else None,
        recipient=span_of(doc, recipient_rng),
        recipient_head=recipient.i if recipient is not None else None,
        content=span_of(doc, content_rng),
        pattern=pattern,
        clausal=content_rng is not None and not xcomp_only and (quote_rng is None or lemma in lex.strong_verbs),
        negated=any(c.dep_ == "neg" for c in verb.children),
        antecedent=span_of(doc, ante_rng),
        antecedent_head=ante.i if ante is not None else None,
    )


def _same(tok: Token | None, other: Token) -> bool:
    """Token identity by position (spaCy builds a new ``Token`` object on every access)."""
    return tok is not None and tok.i == other.i
