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
* belief and stance verbs ("believes that", "endorsed X", "lauded X", "vetoed the bill") when a
  speaker holds them, verbs whose object is a communication ("issued a statement", "posted a
  string of messages") — one cue with that noun ("sends a clear message") — and phrasal cues
  from the multiword list ("as the memo put it", "officials weighed in");
* infinitives whose subject is the head's subject ("had to admit", "took to the radio to
  accuse") or object ("forced the chief to admit");
* layout cues from :mod:`.layout`: "Name: words" lines, signed quotations, headline tails,
  title-case headline verbs ("Lawmakers Rip X"), nouns with a that-clause and medium phrases ("in a
  statement") in a clause without a cue;
* attitude cues from :mod:`.attitudes` (pattern ``attitude``, never a chain): predicate adjectives
  and stance nouns ("has been critical of", "is a staunch opponent of", "it is clear that"),
  "seems to", intentions with an infinitive ("is seeking to"), public reactions received ("faced
  criticism from"), and verbs of attack said of words ("attacked her for …").

Repairs of the parse: a speaker across a heading break or colon ("12:15 p.m.\n\nTrump says"), a
name swallowed by a preceding prepositional phrase, a speaker inside the quotation it introduces.

Filters, each measured on PolNeAR dev: no cue inside a quotation (the speaker's own words), none
with a second-person subject (first person is the writer of an opinion piece), no bare infinitive
or question ("to say", "Do you think"), no passive of perception or of a political act without an
agent ("a device was found", "the bill was approved"), no linking "prove" ("proved costly"), no
communication named again ("made the comments on Friday"), no "spoke" without a topic, no cue inside another mention's source phrase ("an official
who asked not to be named"), and no belief/stance cue inside another attribution's content.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sitroom.model import Span

from .base import (
    Mention,
    animate,
    extend_name,
    inside,
    phrase,
    quoted_ranges,
    span_of,
    token_span,
    trim,
)
from .attitudes import (
    attitude_mentions,
    evidential_mentions,
    hearsay_mentions,
    intention_mentions,
    reaction_mentions,
    verbal_attack,
)
from .layout import (
    headline_tail_mentions,
    headline_verb_mentions,
    medium_mentions,
    nominal_mentions,
    punctuation_mentions,
    signed_quote_mentions,
)
from .lexicon import Lexicon, lexicon
from ..parse import text_of

__all__ = ["Mention", "find_mentions", "token_span", "quoted_ranges"]


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


_CONTROL_HEADS = {
    "go", "continue", "proceed", "add", "try", "seek", "attempt", "move", "have", "stop", "refuse",
    "use", "take",
}
"""Verbs whose infinitive shares their subject ("went on to say", "tried to argue", "had to
explain", "took to the radio to accuse", "used the speech to denounce", "refused to comment"):
the infinitive still reports what the subject says. Measured on PolNeAR dev: "need to", "be able
to", "fail to" and "begin to" were kept out (their infinitives are mostly not annotated)."""


_OBJECT_CONTROL_HEADS = {
    "force", "lead", "prompt", "press", "push", "pressure", "compel", "invite", "encourage", "ask",
}
"""Verbs whose object says what the infinitive reports ("forced the chief to admit that …",
"prompted the minister to warn …"): the object is the speaker."""


def _object_controller(verb: Token) -> Token | None:
    """The object of an object-control verb, for its infinitive."""
    if verb.dep_ != "xcomp" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    head = verb.head
    if head.lemma_.lower() not in _OBJECT_CONTROL_HEADS:
        return None
    return next(
        (c for c in head.children if c.dep_ in ("dobj", "nsubj") and head.i < c.i < verb.i), None
    )


def _control_infinitive(verb: Token) -> bool:
    """"went on to explain", "tried to convince": an infinitive under a verb that shares its
    subject (the parser makes it ``xcomp`` or, after a particle, ``advcl``)."""
    return (
        verb.dep_ in ("xcomp", "advcl")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and verb.head.lemma_.lower() in _CONTROL_HEADS
        and verb.head.i < verb.i
    )


def _inherited_subject(verb: Token) -> Token | None:
    """The subject a verb shares with the verb it hangs from ("went on to say", "said … and
    added", "…, adding that"), or the object that controls it ("forced the chief to admit")."""
    controller = _object_controller(verb)
    if controller is not None:
        return controller
    current = verb
    lex = lexicon()
    for _ in range(4):
        if current.dep_ == "pcomp" and current.tag_ == "VBG" and current.head.dep_ in ("prep", "advcl"):
            # "by emphasizing …", "before asking her": the subject of the verb the phrase modifies.
            head = current.head.head
            return _subject(head) if head.pos_ in ("VERB", "AUX") else None
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
        if current.dep_ in ("xcomp", "conj", "advcl") and current.head.i != current.i:
            if current.dep_ == "advcl" and current.tag_ not in ("VBG", "VBN") and not _control_infinitive(current):
                return None
            head = current.head
            subj = _subject(head)
            if subj is not None:
                return subj
            current = head
        else:
            return None
    return None


def _cue_lemma(tok: Token, lex: Lexicon) -> bool:
    lemma = tok.lemma_.lower()
    return lemma in lex.strong_verbs or lemma in lex.content_verbs or lemma in lex.stance_verbs


def _content(verb: Token, skip: set[int]) -> tuple[int, int] | None:
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
                and _subject(child) is not None
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
    # A clause before the cue inside the same root ('"…," Flynn said.' parsed as ccomp).
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


def _quote_content(verb: Token, sent: SpacySpan) -> tuple[int, int] | None:
    """A quotation in the cue's sentence, when the cue introduces or closes one."""
    quotes = [t.i for t in sent if t.text in ('"', "“", "”", "‘", "’") or t.tag_ in ("``", "''")]
    if len(quotes) >= 2:
        start, end = quotes[0] + 1, quotes[-1]
        if start < end and not (start <= verb.i < end) and _next_to_quote(verb, start, end):
            return trim(verb.doc, start, end)
    if verb.i + 1 < len(verb.doc) and verb.nbor(1).text == ":" and verb.i + 2 < sent.end:
        return trim(verb.doc, verb.i + 2, sent.end)
    return None


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


_CLAUSE_END_DEPS = {"nmod", "compound", "dobj", "pobj", "npadvmod"}


def _speaker_range(token: Token, cue: Token, skip: set[int]) -> tuple[int, int] | None:
    rng = phrase(token, exclude=skip | {cue.i})
    if rng is None:
        return None
    start, end = rng
    doc = token.doc
    # "…reached the border, security sources told": a noun the parser hung on the subject
    # before a comma is the end of the previous clause, not part of the speaker.
    for i in range(token.i - 1, start - 1, -1):
        if doc[i].text in ("-", "—", "–", "--") and i > start:
            return trim(doc, i + 1, end)  # a dateline: "GENEVA - Aid groups said"
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
        speaker_rng = extend_name(doc, phrase(obj), sent.end) if obj is not None else None
        if obj is None:
            # "according to studio insiders" parsed as a clause: the words up to the next punctuation.
            end = to.i + 1
            while end < sent.end and not doc[end].is_punct and end - to.i <= 8:
                end += 1
            if end > to.i + 1:
                speaker_rng = (to.i + 1, end)
        # Content: the sentence without the "according to …" phrase (at either edge).
        phrase_left = tok.i
        phrase_right = (obj.right_edge.i + 1) if obj is not None else to.i + 1
        if phrase_left - sent.start <= 1:
            content_rng = trim(doc, phrase_right, sent.end)
        else:
            content_rng = trim(doc, sent.start, phrase_left)
        out.append(
            Mention(
                cue=token_span([tok, to]),
                cue_text=f"{tok.text} {to.text}",
                cue_lemma="according to",
                sentence=token_span(sent),
                speaker=span_of(doc, speaker_rng),
                speaker_head=obj.i if obj is not None else None,
                content=span_of(doc, content_rng),
                pattern="according",
            )
        )
    return out


_CUE_ADVERBS = {
    "also", "then", "still", "never", "once", "previously", "repeatedly", "again", "already", "later",
}


_CUE_PREPS = {"for", "on", "to", "of", "about", "as", "out", "against", "by"}


def _time_phrase(prep: Token) -> bool:
    """"on Tuesday", "on March 3": a time adjunct, not part of the cue ("said on Tuesday")."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return obj is not None and obj.ent_type_ in ("DATE", "TIME")


def _cue_tokens(verb: Token) -> list[Token]:
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


def _light_verb(verb: Token, lex: Lexicon) -> bool:
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
            if verb.lemma_.lower() == "have" and child.lemma_.lower() == "support":
                continue  # "has 5 percent support": a poll share, not a communication
            if any(n.lemma_.lower() in lex.cue_nouns or n.lower_ in lex.cue_nouns for n in nouns):
                return True
    return False


def _phrasal_cue(verb: Token, lex: Lexicon) -> bool:
    """A verb that reports only with its particle or object ("as the memo put it", "officials
    weighed in"): the pair from the multiword cue list, the second word right after the verb
    and hanging from it."""
    if verb.i + 1 >= len(verb.doc):
        return False
    nxt = verb.doc[verb.i + 1]
    pair = (verb.lemma_.lower(), nxt.lower_)
    return pair in lex.multiword_cues and nxt.head.i == verb.i


def _linking_use(verb: Token) -> bool:
    """"the venture proved short-lived", "the festival proved to be a quiet affair": "prove" as a
    linking verb says what something turned out to be, and nobody holds that view."""
    if verb.lemma_.lower() != "prove":
        return False
    return any(
        c.dep_ in ("acomp", "oprd") or (c.dep_ == "xcomp" and c.lemma_.lower() == "be")
        for c in verb.children
    )


def _anaphoric_object(verb: Token) -> bool:
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


def _speaks_of_something(verb: Token) -> bool:
    """"spoke about the plan", "spoke out against", "talked of war": speaking with a topic, not
    "spoke at a rally" or "spoke for five minutes"."""
    return any(
        (c.dep_ in ("prep", "prt") and c.lower_ in _TOPIC_PREPS and not _time_phrase(c))
        or c.dep_ in ("ccomp", "dobj")
        for c in verb.children
    )


def _calls_something(verb: Token) -> bool:
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


_FIRST_SECOND = {"you"}


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


def _across_break(subject: Token, verb: Token) -> Token | None:
    """A subject separated from its cue by a line break or a colon belongs to a heading ("9:40
    a.m.\n\nGovernor says", "Update: Mayor urges"): the speaker is the noun phrase after the
    last break, if there is one."""
    doc = verb.doc
    last_break = None
    for k in range(subject.i, verb.i):
        if "\n" in doc[k].text_with_ws or doc[k].text == ":":
            last_break = k
    if last_break is None:
        return subject
    stretch = range(last_break + 1, verb.i)
    roots = [
        doc[k] for k in stretch
        if doc[k].pos_ in ("NOUN", "PROPN", "PRON") and not (last_break < doc[k].head.i < verb.i)
    ]
    return roots[-1] if roots else None


def _absorbed_name(verb: Token) -> tuple[int, int] | None:
    """Repair for "In a meeting with the board of the Post Trump said that …": a name right before
    a subjectless cue that the parser swallowed into a preceding prepositional phrase is the
    speaker (the run of proper nouns ending at the cue)."""
    doc = verb.doc
    i = verb.i - 1
    if i < verb.sent.start or doc[i].pos_ != "PROPN" or doc[i].dep_ not in ("pobj", "compound", "appos"):
        return None
    start = i
    while start - 1 >= verb.sent.start and doc[start - 1].pos_ == "PROPN":
        start -= 1
    return start, i + 1


def _reported_base(verb: Token) -> bool:
    """A base-form verb that still reports ("will say", "did not say", "went on to say"), as
    opposed to an infinitive of purpose, an imperative or a question ("Do you think")."""
    children = {c.dep_: c for c in verb.children}
    aux = [c for c in verb.children if c.dep_ == "aux"]
    if any(a.lower_ == "to" for a in aux):
        # "went on to say", "continued to argue": the head verb carries the subject.
        return _control_infinitive(verb) or _object_controller(verb) is not None
    if verb.dep_ == "conj" and verb.head.tag_[:2] == "VB":
        return verb.head.tag_ != "VB" or _reported_base(verb.head)
    subj = children.get("nsubj")
    if subj is None:
        return False
    # A subject after the first auxiliary is a question ("Do you think …?").
    return subj.i < (aux[0].i if aux else verb.i)


def _holder(tok: Token, lex: Lexicon) -> bool:
    """A subject that can hold a belief or a stance: a person, group or organisation (through
    the antecedent of a relative pronoun), or a document that shows or finds."""
    if tok.lower_ in ("that", "which") and tok.head.dep_ == "relcl":
        tok = tok.head.head
    return animate(tok, lex) or tok.pos_ == "PROPN" or tok.lemma_.lower() in lex.document_heads


def _verb_mention(verb: Token, lex: Lexicon) -> Mention | None:
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
    if not (strong or content_verb) and _light_verb(verb, lex):
        strong = light = True
    phrasal = False
    if not (strong or content_verb) and _phrasal_cue(verb, lex):
        strong = phrasal = True
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
    absorbed = None
    if speaker_tok is None and not passive and flipped is None and repaired is None:
        absorbed = _absorbed_name(verb)
        if absorbed is not None:
            speaker_tok = doc[absorbed[1] - 1]
    if speaker_tok is not None and speaker_tok.i < verb.i:
        speaker_tok = _across_break(speaker_tok, verb)
    if speaker_tok is not None and speaker_tok.lower_ in _FIRST_SECOND:
        return None
    if verb.tag_ == "VB" and not _reported_base(verb):
        return None
    if lemma == "call" and not _calls_something(verb):
        return None
    if lemma in ("speak", "talk") and not _speaks_of_something(verb):
        return None

    content_rng = _content(verb, skip) if repaired is None else trim(doc, sent.start, repaired[0] - 1)
    if content_rng is None and citing is not None:
        ccomp = next((c for c in citing[0].children if c.dep_ == "ccomp"), None)
        if ccomp is not None:
            content_rng = phrase(ccomp)
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
        if speaker_tok is None and lemma in lex.passive_needs_agent:
            return None  # "a device was found", "shots were heard": perception, not a report
        if speaker_tok is None and stance:
            return None  # "the bill was approved", "he was booed": an act with no one named
    elif content_verb and not strong:
        if speaker_tok is None or _linking_use(verb):
            return None
        if speaker_tok.lower_ in ("that", "which") and not _holder(speaker_tok, lex):
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
    if light and content_rng is None and _anaphoric_object(verb):
        return None  # "The mayor made the comments Friday": the words were reported before
    if lemma in lex.needs_clause and (content_rng is None or xcomp_only):
        return None  # "continued to stay away", "added a week", "posted troops"

    if phrasal and (speaker_tok is None or not _holder(speaker_tok, lex)):
        return None  # "it put him on the spot", "the exhibits put problems in context"
    cue_toks = _cue_tokens(verb)
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
        speaker_rng = _speaker_range(speaker_tok, verb, skip) if speaker_tok is not None else None
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


_QUOTE_MARKS = {'"', "“", "”", "''", "``", "’", "‘"}


def _unquote_speaker(m: Mention, doc: Doc, quoted: list[tuple[int, int]]) -> Mention:
    """Repair a speaker the parser found inside the quotation it introduces ('"Full panic
    mode," said Jane Roe' or '"…," the strategist said'): the speaker is the name right after the
    cue, else the words between the closing quotation mark and the cue."""
    if m.speaker is None or m.pattern not in ("verb",) or not inside(quoted, m.speaker.start):
        return m
    cue = doc.char_span(m.cue.start, m.cue.end, alignment_mode="expand")
    if cue is None or not len(cue):
        return m
    sent = cue[0].sent
    end = cue[-1].i + 1
    if (
        end < sent.end
        and doc[end].pos_ in ("PROPN", "NOUN", "DET", "ADJ", "PRON")
        and doc[end].ent_type_ not in ("DATE", "TIME")  # '"…," the chief said Monday.'
    ):
        stop = end
        while stop < sent.end and not doc[stop].is_punct:
            stop += 1
        return replace(m, speaker=span_of(doc, (end, stop)), speaker_head=stop - 1)
    start = cue[0].i
    k = start - 1
    while k >= sent.start and doc[k].text not in _QUOTE_MARKS and doc[k].text != ",":
        k -= 1
    if k >= sent.start and k + 1 < start:
        return replace(m, speaker=span_of(doc, (k + 1, start)), speaker_head=start - 1)
    return replace(m, speaker=None, speaker_head=None)


_NOUN_MODIFIERS = {"DET", "ADJ", "ADV", "NUM"}


def _merge_light_nouns(found: list[Mention], doc: Doc) -> list[Mention]:
    """One cue for "sends a clear message", "have expressed concern", "is drawing criticism":
    a verb cue followed by a noun cue, with only the noun's modifiers between them, is one act
    of saying, not two."""
    text = text_of(doc)
    out: list[Mention] = []
    for m in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.pattern == "verb"
            and m.pattern in ("nominal", "attitude")
            and m.sentence == prev.sentence
            and 0 <= m.cue.start - prev.cue.end <= 25
            and _only_modifiers(doc, prev.cue.end, m.cue.start)
        ):
            if m.pattern == "attitude" and m.speaker is not None:
                # A reaction received from someone named ("faced criticism from aid groups"):
                # the source is who reacts, not the subject who receives it.
                cue = Span(prev.cue.start, m.cue.end)
                out[-1] = replace(m, cue=cue, cue_text=text[cue.start : cue.end])
            else:
                out[-1] = replace(
                    prev,
                    cue=Span(prev.cue.start, m.cue.end),
                    cue_text=text[prev.cue.start : m.cue.end],
                    speaker=prev.speaker or m.speaker,
                    speaker_head=prev.speaker_head if prev.speaker is not None else m.speaker_head,
                    content=prev.content or m.content,
                )
            continue
        out.append(m)
    return out


def _only_modifiers(doc: Doc, start: int, end: int) -> bool:
    """Whether the characters ``start:end`` hold nothing but determiners and adjectives."""
    if not text_of(doc)[start:end].strip():
        return True
    between = doc.char_span(start, end, alignment_mode="expand")
    return between is not None and all(t.pos_ in _NOUN_MODIFIERS or t.is_space for t in between)


def find_mentions(doc: Doc) -> list[Mention]:
    """Every attribution mention in ``doc``, in text order.

    Args:
        doc: a parsed document (tagger, parser and NER from :func:`sitroom.nlp.parse.parse`).

    Returns:
        Mentions sorted by cue position; a cue appears at most once.
    """
    lex = lexicon()
    found: list[Mention] = _according(doc, lex)
    found += punctuation_mentions(doc, lex)
    found += signed_quote_mentions(doc)
    found += nominal_mentions(doc, lex)
    found += headline_tail_mentions(doc)
    found += attitude_mentions(doc, lex)
    found += evidential_mentions(doc, lex)
    found += reaction_mentions(doc, lex)
    found += hearsay_mentions(doc, lex)
    quoted = quoted_ranges(text_of(doc))
    found = [m for m in found if not inside(quoted, m.cue.start)]
    taken = {m.cue.start for m in found}
    for tok in doc:
        if tok.idx in taken or inside(quoted, tok.idx):
            continue
        mention = _verb_mention(tok, lex)
        if mention is not None:
            found.append(mention)
            taken.add(tok.idx)
    found += [m for m in intention_mentions(doc, lex, taken) if not inside(quoted, m.cue.start)]
    taken = {m.cue.start for m in found}
    found += [m for m in headline_verb_mentions(doc, lex, taken) if not inside(quoted, m.cue.start)]
    taken = {m.cue.start for m in found}
    found += [m for m in medium_mentions(doc, lex, taken) if not inside(quoted, m.cue.start)]
    found.sort(key=lambda m: m.cue.start)
    found = _merge_light_nouns(found, doc)
    found = [_unquote_speaker(m, doc, quoted) for m in found]
    # A cue inside another mention's source phrase ("an official who asked not to be named said")
    # describes the source, it does not report anything.
    speakers = [m.speaker for m in found if m.speaker is not None]
    found = [m for m in found if not any(sp.start <= m.cue.start < sp.end for sp in speakers)]
    # "Residents said …, according to SANA": the according-to phrase is not part of what the
    # residents said.
    text = text_of(doc)  # built on each access: once here
    found = [_trim_according(m, found, text) for m in found]
    # Stance and belief verbs inside another attribution's content are part of what is reported
    # ("told reporters that the guards wanted …"), not attributions of their own.
    contents = [m.content for m in found if m.content is not None and m.pattern != "nominal"]
    return [
        m
        for m in found
        if m.cue_lemma in lex.report_verbs
        or m.pattern not in ("verb", "attitude")
        or not any(c.start <= m.cue.start < c.end for c in contents)
    ]
