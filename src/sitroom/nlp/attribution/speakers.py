"""Who a reporting verb belongs to: its subject or agent, a subject shared with the verb it hangs
from, and repairs where the parser loses the speaker.

Why a module of its own: the speaker rules read only the parse around one verb (subjects, control
verbs, conjuncts, participles, heading breaks) and are the same whatever the cue's word list says;
:mod:`.verb_mentions` asks them for a speaker and decides the rest.
"""

from __future__ import annotations

from spacy.tokens import Token

from .base import animate, phrase, trim
from .lexicon import Lexicon, lexicon

__all__ = [
    "subject_of",
    "agent_of",
    "is_passive",
    "object_controller",
    "control_infinitive",
    "inherited_subject",
    "speaker_range",
    "FIRST_SECOND",
    "trailing_speaker",
    "across_break",
    "absorbed_name",
    "inverted_speaker",
    "reported_base",
    "is_holder",
]


def subject_of(verb: Token) -> Token | None:
    """The verb's own subject (nominal or clausal), if the parse gives it one.

    When the parser gives a verb two subjects ("Hawaii, as one of the advisers pointed out, …",
    "His promises notwithstanding, analyses agree …"), the one nearest before the verb is its
    subject; the other belongs to a clause the parser flattened."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if len(subjects) > 1:
        before = [c for c in subjects if c.i < verb.i]
        return before[-1] if before else subjects[0]
    return subjects[0] if subjects else None


def _reports_beside(verb: Token, head: Token, lex: Lexicon) -> bool:
    """"The minister said the country would leave and suggested that …": a reporting verb with a
    clause of its own, coordinated with the first verb of a reported clause, is more likely a
    second report by the same speaker (the parser's attachment is ambiguous)."""
    return (
        head.dep_ == "ccomp"
        and head.head.lemma_.lower() in lex.strong_verbs
        and head.head.i < head.i
        and verb.lemma_.lower() in lex.strong_verbs
        and any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)
    )


def agent_of(verb: Token) -> Token | None:
    """The noun of a passive's "by" phrase ("was reported by state TV")."""
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def is_passive(verb: Token) -> bool:
    """Whether the verb has a passive auxiliary or subject."""
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


def object_controller(verb: Token) -> Token | None:
    """The object of an object-control verb, for its infinitive."""
    if verb.dep_ != "xcomp" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    head = verb.head
    if head.lemma_.lower() not in _OBJECT_CONTROL_HEADS:
        return None
    return next(
        (c for c in head.children if c.dep_ in ("dobj", "nsubj") and head.i < c.i < verb.i), None
    )


def control_infinitive(verb: Token) -> bool:
    """"went on to explain", "tried to convince": an infinitive under a verb that shares its
    subject (the parser makes it ``xcomp`` or, after a particle, ``advcl``)."""
    return (
        verb.dep_ in ("xcomp", "advcl")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and verb.head.lemma_.lower() in _CONTROL_HEADS
        and verb.head.i < verb.i
    )


def inherited_subject(verb: Token) -> Token | None:
    """The subject a verb shares with the verb it hangs from ("went on to say", "said … and
    added", "…, adding that"), or the object that controls it ("forced the chief to admit")."""
    controller = object_controller(verb)
    if controller is not None:
        return controller
    current = verb
    lex = lexicon()
    for _ in range(4):
        if current.dep_ == "pcomp" and current.tag_ == "VBG" and current.head.dep_ in ("prep", "advcl"):
            # "by emphasizing …", "after telling reporters": the subject of the verb the phrase modifies.
            head = current.head.head
            return subject_of(head) if head.pos_ in ("VERB", "AUX") else None
        if current.dep_ == "acl" and current.tag_ == "VBG":
            # "issued a statement saying …": the issuer, else the statement itself.
            noun = current.head
            if noun.lemma_.lower() not in lex.cue_nouns and noun.lower_ not in lex.document_heads:
                return None
            if noun.dep_ == "dobj":
                subj = subject_of(noun.head)
                if subj is not None:
                    return subj
            return noun
        if current.dep_ in ("xcomp", "conj", "advcl") and current.head.i != current.i:
            if current.dep_ == "advcl" and current.tag_ not in ("VBG", "VBN") and not control_infinitive(current):
                return None
            head = current.head
            if current.dep_ == "conj" and _reports_beside(current, head, lex):
                head = head.head
            subj = subject_of(head)
            if subj is not None:
                return subj
            current = head
        else:
            return None
    return None


_CLAUSE_END_DEPS = {"nmod", "compound", "dobj", "pobj", "npadvmod"}


def speaker_range(token: Token, cue: Token, skip: set[int]) -> tuple[int, int] | None:
    """Token range of the speaker phrase headed by ``token``, without the cue, the ``skip``
    tokens (a citing phrase) or a dateline or clause end the parser hung on the subject."""
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


FIRST_SECOND = {"you"}


_NP_POS = {"NOUN", "PROPN", "ADJ", "DET", "NUM", "CCONJ", "PART"}


def trailing_speaker(verb: Token) -> tuple[int, int] | None:
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


def across_break(subject: Token, verb: Token) -> Token | None:
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


def absorbed_name(verb: Token) -> tuple[int, int] | None:
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


def reported_base(verb: Token) -> bool:
    """A base-form verb that still reports ("will say", "did not say", "went on to say"), as
    opposed to an infinitive of purpose, an imperative or a question ("Do you think").
    A conjunct asks its head (a loop, not recursion: a hostile run of "and" must not exhaust the
    call stack)."""
    while True:
        aux = [c for c in verb.children if c.dep_ == "aux"]
        if any(a.lower_ == "to" for a in aux):
            # "went on to say", "continued to argue": the head verb carries the subject.
            return control_infinitive(verb) or object_controller(verb) is not None
        if verb.dep_ == "conj" and verb.head.tag_[:2] == "VB":
            if verb.head.tag_ != "VB":
                return True
            verb = verb.head
            continue
        subj = {c.dep_: c for c in verb.children}.get("nsubj")
        if subj is None:
            return False
        # A subject after the first auxiliary is a question ("Do you think …?").
        return subj.i < (aux[0].i if aux else verb.i)


def is_holder(tok: Token, lex: Lexicon) -> bool:
    """A subject that can hold a belief or a stance: a person, group or organisation (through
    the antecedent of a relative pronoun), or a document that shows or finds."""
    if tok.lower_ in ("that", "which") and tok.head.dep_ == "relcl":
        tok = tok.head.head
    return animate(tok, lex) or tok.pos_ == "PROPN" or tok.lemma_.lower() in lex.document_heads


_INVERTED_NP = {"PROPN", "NOUN", "DET", "ADJ", "NUM", "PRON"}


def inverted_speaker(verb: Token, lex: Lexicon) -> tuple[int, int] | None:
    """Repair for a sentence that opens with a reporting verb ("Said one official: …", "Said
    Ellis: …"): when the parser finds no subject, the noun phrase right after the verb, up to the
    next punctuation, is the speaker. Other verbs opening a sentence start a subjectless list item
    ("Calls opponents names, …"), not an inversion."""
    doc = verb.doc
    sent = verb.sent
    first = next((t for t in sent if not (t.is_punct or t.is_space)), None)
    if first is None or first.i != verb.i or verb.tag_ not in ("VBD", "VBZ"):
        return None
    if verb.lemma_.lower() not in lex.report_verbs:
        return None
    end = verb.i + 1
    while end < sent.end and doc[end].pos_ in _INVERTED_NP and not doc[end].is_punct:
        end += 1
    if end == verb.i + 1 or end >= sent.end or not doc[end].is_punct:
        return None
    return verb.i + 1, end
