"""Event types: which happenings a report tells, typed by the ACLED taxonomy plus our extensions.

Why a weighted lexicon over the parse: a report coder reads a trigger word ("shelled", "broke out
of", "dispersed") *in context* ("tear gas" makes a protest one with intervention; "suicide" makes a
blast a suicide bombing). Each sub-type in ``data/taxonomy.json`` lists trigger lemmas and phrases
with weights and context words that add or subtract; a trigger's score for a sub-type is its weight
plus the context in its sentence, and the best sub-type wins. Triggers in one clause (the verb that
heads them) describe one happening ("an air strike killed six" is one air strike, not also an
attack), so each clause yields at most one mention, while a report with several clauses and
sentences yields several.

Words alone cannot tell who did what to whom, and ACLED's sub-types turn on exactly that, so a
second layer reads the parse (``data/event_arguments.json``): a verb whose agent, patient, means
or occasion falls in a noun class adds a trigger ("police *shot* protesters" → excessive force;
"protesters *threw* stones" → violent demonstration; "gunmen *seized* aid workers" → abduction,
while "troops *seized* rifles" → disrupted weapons use). ACLED's precedence is kept as data in
the taxonomy: violence is typed by its means first (an air strike, shell, bomb, grenade or gas
wins over a generic attack), and triggers that are only background ("after the clashes", a
relative clause about a participant) or not a happening ("tried to kidnap", "a pause to allow
evacuations") are discounted. Across a snippet, ACLED's protest ladder is data too: violent
demonstrators outrank force against peaceful ones, which outranks a dispersal, which outranks
the protest itself. An aircraft named as the target ("fired on a plane") is not the means.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from spacy.tokens import Doc, Span as SpacySpan, Token

from sitroom.model import Span
from sitroom.taxonomy import taxonomy
from sitroom.nlp.event_arguments import (
    _ARMED, _STATE, _actor_type, _argument_hits, _class_kind, _heads, _role_tokens, argument_rules, means_is_target,
    verb_arguments,
)
from sitroom.nlp.event_lexicon import SubType, _context_sums, _keys, _phrase_scanners, _trigger_index, sub_types
from sitroom.nlp.parse import text_of
from sitroom.nlp.textscan import folded

__all__ = ["EventMention", "SubType", "taxonomy", "classify_events", "classify_document", "sub_types", "segments",
           "roles", "is_trigger_word"]

_CLAUSE_DEPS = {"ROOT", "conj", "ccomp", "advcl", "relcl", "parataxis"}
_DENIAL = {"deny", "refute", "reject", "dismiss", "rebut"}
#: What a denial may deny when the happening hangs from it ("denied *reports* that a bomb went off").
_DENIED_NOUNS = {"report", "claim", "allegation", "account", "rumour", "rumor", "story", "suggestion"}
_NOT_TRIGGERS = {"according"}  # "according to" is attribution, never an accord
_NEG_SUBJECTS = {"nobody", "none", "no one", "no-one", "noone"}


@dataclass(frozen=True)
class EventMention:
    """One reported happening: its trigger, the sentence it sits in and its type.

    ``clause`` is the token index of the verb heading the trigger's clause; claims gather the
    quantities, actors and places attached to that clause.
    """

    event_type: str
    sub_event_type: str
    code: str
    trigger: str
    trigger_span: Span
    sentence_span: Span
    anchor: int
    clause: int
    score: float
    confidence: float
    negated: bool = False
    case_label: str | None = None


#: (lower-case form, lemma) hashes → what :func:`_token_triggers` says (bounded by the vocabulary).
_TOKEN_TRIGGERS: dict[tuple[int, int], tuple[bool, tuple[tuple[int, float], ...], bool]] = {}


def _token_triggers(tok: Token) -> tuple[bool, tuple[tuple[int, float], ...], bool]:
    """(never a trigger, (sub-type index, weight) for each of its trigger keys, whether its lemma
    has argument rules), worked out once per word form and lemma: every token of every report is
    asked, and the answer depends on these two strings only."""
    key = (tok.lower, tok.lemma)
    got = _TOKEN_TRIGGERS.get(key)
    if got is None:
        trig = _trigger_index()
        pairs = tuple(pair for k in _keys(tok) for pair in trig.get(k, ()))
        argued = bool(argument_rules()[1].get(tok.lemma_.lower()))
        got = _TOKEN_TRIGGERS[key] = (tok.lower_ in _NOT_TRIGGERS, pairs, argued)
    return got


def is_trigger_word(tok: Token) -> bool:
    """Whether ``tok`` is one of the taxonomy's trigger words ("bombing", "raid", "kidnapping"):
    a noun that names a happening by itself."""
    never, pairs, _ = _token_triggers(tok)
    return not never and bool(pairs)


def _in_name(tok: Token) -> bool:
    """Whether ``tok`` is a word inside an organisation's name: the "Liberation" of the Palestine
    Liberation Organization or the "Free" of the Free Syrian Army tells of no happening.

    Only names ending in an organisation noun count (``name_heads`` in the taxonomy): a headline in
    title case ("Explosions Target Soldiers") is often tagged as a name too, and must still type."""
    if tok.pos_ != "PROPN" or tok.ent_type_ not in ("ORG", "NORP"):
        return False
    last = _entity_last_word(tok.doc).get(tok.i, tok.i)
    return last > tok.i and tok.doc[last].lower_ in _name_heads()


def _entity_last_word(doc: Doc) -> dict[int, int]:
    """Token index → index of the last word of the entity it is in, built once per parse (kept in
    ``doc.user_data``): asked for every proper noun, so it must not walk a long name each time."""
    table = doc.user_data.get("sitroom.entity_last")
    if table is None:
        table = {i: ent.end - 1 for ent in doc.ents for i in range(ent.start, ent.end)}
        doc.user_data["sitroom.entity_last"] = table
    return table


@lru_cache(maxsize=1)
def _noun_senses() -> dict[str, frozenset[str]]:
    table = taxonomy().get("noun_senses", {})
    return {k: frozenset(v) for k, v in table.items() if not k.startswith("_")}


def _verb_readings(lemma: str, pairs: tuple[tuple[int, float], ...]) -> tuple[tuple[int, float], ...]:
    """A trigger verb's readings without the sub-types its noun alone has ("stormed the prison"
    is no storm: ``noun_senses`` in the taxonomy)."""
    codes, sts = _noun_senses()[lemma], sub_types()
    return tuple(p for p in pairs if sts[p[0]].code not in codes)


@lru_cache(maxsize=1)
def _idiom_modifiers() -> dict[str, frozenset[str]]:
    table = taxonomy().get("idiom_modifiers", {})
    return {k: frozenset(v) for k, v in table.items() if not k.startswith("_")}


def _idiom(tok: Token) -> bool:
    """"Of their own accord", "a great deal of": the trigger word is held by a modifier that makes
    it an idiom (``idiom_modifiers`` in the taxonomy) and sits in the idiom's frame — after "of"
    ("of their own accord"), or before an "of" or a comparative ("a great deal of anger", "a good
    deal more") — and tells of no agreement. "Signed their own accord" is still an agreement."""
    mods = _idiom_modifiers().get(tok.lower_)
    if not mods or not any(c.dep_ in ("amod", "poss") and c.lower_ in mods for c in tok.children):
        return False
    after_of = tok.dep_ == "pobj" and tok.head.lower_ == "of"
    before_of = any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children) or tok.dep_ == "npadvmod"
    return after_of or before_of


@lru_cache(maxsize=1)
def _name_heads() -> frozenset[str]:
    return frozenset(taxonomy().get("name_heads", ()))


def _descriptor(tok: Token) -> bool:
    """Whether ``tok`` only classifies the noun it modifies ("a *strike* force", "a *protest* song"):
    the taxonomy's ``descriptor_compounds`` lists, per trigger, the heads that make it so. Such a
    trigger is discounted, not dropped: the word still hints at its happening. ("Riot police" is
    not listed: they are named where a crowd turned violent.)"""
    if tok.dep_ not in ("compound", "amod"):
        return False
    heads = taxonomy().get("descriptor_compounds", {}).get(tok.lemma_.lower())
    return bool(heads) and tok.head.lemma_.lower() in heads


def _clause_of(tok: Token) -> Token:
    t = tok
    for _ in range(12):
        if t.pos_ in ("VERB", "AUX") and t.dep_ in _CLAUSE_DEPS:
            # "..., killing six civilians": a participle adjunct tells the same happening.
            if not (t.dep_ == "advcl" and t.tag_ in ("VBG", "VBN") and t.head.i != t.i):
                return t
        if t.head.i == t.i:
            return t
        t = t.head
    return t


def _denied_within(chain: list[Token]) -> bool:
    """Whether the path from the trigger up to its clause passes through a denial's object:
    "officials denied reports that a car bomb exploded", "police dismissed claims of an attack",
    "reports of a raid were dismissed". Only the denied thing counts — "denied entry to convoys after a
    strike killed five" reaches "denied" through an adverbial clause, and that strike happened."""
    for below, above in zip(chain, chain[1:]):
        if above.lemma_.lower() not in _DENIAL:
            continue
        if below.dep_ in ("ccomp", "xcomp"):
            return True
        if below.dep_ in ("dobj", "nsubjpass") and (below is chain[0] or below.lemma_.lower() in _DENIED_NOUNS):
            return True
    return False


def _negated(anchor: Token, clause: Token) -> bool:
    chain = [anchor]
    t = anchor
    while t.i != clause.i and t.head.i != t.i and len(chain) < 8:
        t = t.head
        chain.append(t)
    for t in chain:
        if any(c.dep_ == "neg" for c in t.children):
            return True
    for c in clause.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            text = " ".join(x.lower_ for x in c.subtree)
            if text in _NEG_SUBJECTS or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children):
                return True
        if c.dep_ in ("dobj",) and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children):
            return True
    # "X denied that its jets bombed the market", "officials denied reports that a bomb went off"
    t = clause
    for _ in range(3):
        if t.head.i == t.i:
            break
        t = t.head
        chain.append(t)
    return _denied_within(chain)


def roles(doc: Doc, mention: EventMention) -> tuple[Span | None, Span | None]:
    """(agent, patient) character spans of a mention's trigger verb: who does it, to whom.

    Why here: the same reading of the parse that tells an attack on troops from one on
    civilians also answers "who acted on whom" for evaluations that code source and target."""
    agent, patient = _role_tokens(doc[mention.anchor])

    def span(tok: Token | None) -> Span | None:
        if tok is None:
            return None
        toks = list(tok.subtree)
        return Span(toks[0].idx, toks[-1].idx + len(toks[-1].text))

    return span(agent), span(patient)


def _refine(code: str, anchor: Token, sts: tuple[SubType, ...]) -> str:
    """Actor-based choices the words alone cannot make: who took territory (state or not), and
    whether an attack hit armed forces (a clash) or civilians."""
    if code in ("gov_regains_territory", "non_state_overtakes_territory"):
        agent, _ = _role_tokens(anchor)
        if agent is None and anchor.pos_ == "VERB":
            # "rebels will advance ... after *seizing* the town": the subject of the governing verb
            gov = anchor.head.head if anchor.dep_ == "pcomp" else anchor
            found = verb_arguments(gov)[0]
            agent = found[0] if found else None
        kind = _actor_type(agent)
        if kind is None and agent is not None:
            kind = _class_kind(_heads(agent))
        if kind in _STATE:
            return "gov_regains_territory"
        if kind in _ARMED:
            return "non_state_overtakes_territory"
        # "captured the town *from government troops*": who lost it tells who took it
        verb = anchor if anchor.pos_ == "VERB" else anchor.head
        losers = [h for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"
                  for q in c.children if q.dep_ == "pobj" for h in _heads(q)]
        lost_by = _actor_type(losers[0]) or _class_kind(losers) if losers else None
        if lost_by in _STATE:
            return "non_state_overtakes_territory"
        if lost_by in _ARMED:
            return "gov_regains_territory"
    if code == "attack" and anchor.lemma_.lower() in ("attack", "kill", "shoot", "ambush", "storm"):
        agent, patient = _role_tokens(anchor)
        if _actor_type(agent) in _ARMED and _actor_type(patient) in _ARMED:
            return "armed_clash"
    return code


def segments(doc: Doc) -> list[SpacySpan]:
    """Sentences, also split at blank lines: a headline or dateline above the body is its own
    unit even when the parser ran it into the first sentence."""
    out: list[SpacySpan] = []
    for sent in doc.sents:
        start = sent.start
        for tok in sent:
            if tok.is_space and tok.text.count("\n") >= 2 and tok.i > start:
                out.append(doc[start:tok.i])
                start = tok.i + 1
        if start < sent.end:
            out.append(doc[start:sent.end])
    return [s for s in out if len(s) and not all(t.is_space for t in s)]


@lru_cache(maxsize=1)
def _precedence() -> tuple[frozenset[str], frozenset[str]]:
    """(instrument sub-types, sub-types that yield to them) from the taxonomy."""
    prec = taxonomy().get("precedence", {})
    return frozenset(prec.get("instrument", ())), frozenset(prec.get("yields_to_instrument", ()))


def _outranks(new: EventMention, cur: EventMention) -> bool:
    """Whether ``new`` should type the clause instead of ``cur``.

    ACLED codes a violent act by its means first: an attack carried out with an air strike,
    shells, a bomb, a grenade or gas is that explosion/remote-violence event, not an "attack" or
    an "armed clash", whatever the words around it score."""
    instrument, yielding = _precedence()
    if new.code in instrument and cur.code in yielding:
        return True
    if cur.code in instrument and new.code in yielding:
        return False
    return new.score > cur.score


def _background(anchor: Token, *, frames: bool = True) -> bool:
    """Whether the trigger is background: a noun inside "after/under/despite/since ..." hung on
    another verb ("pulled out *under the agreement*" reports a withdrawal), or a verb in a relative
    clause describing a participant."""
    if anchor.dep_ == "amod" and anchor.tag_ == "VBN":
        return True  # "in the *captured* town": a participle naming a place by its past
    if (anchor.pos_ == "VERB" and anchor.dep_ in ("acl", "relcl") and anchor.head.pos_ in ("NOUN", "PROPN")
            and anchor.sent.root.pos_ in ("VERB", "AUX")):  # a headline's "Leader detained at airport" is no clause
        # "the release of demonstrators *detained* at the rally": a relative clause describes a
        # participant by an earlier happening (on a happening noun, "a bombing *that killed* 14",
        # the toll goes to the noun's own mention)
        return True
    if not frames or anchor.pos_ not in ("NOUN", "PROPN") or anchor.dep_ != "pobj":
        return False
    prep = anchor.head
    # "under the terms of the agreement": climb the "of" chain to the phrase the preposition heads
    while prep.lower_ == "of" and prep.head.dep_ == "pobj" and prep.head.head.dep_ == "prep":
        prep = prep.head.head
    return (prep.dep_ == "prep" and prep.lower_ in frozenset(taxonomy().get("background_preps", ()))
            and prep.head.pos_ in ("VERB", "AUX"))


class _IrrealisWords(NamedTuple):
    """The taxonomy's word lists for telling a goal or a future from a happening (see ``_why_irrealis``)."""

    verbs: frozenset[str]  # effort, intention, commitment, bidding: "tried to", "urged police to"
    nouns: frozenset[str]  # intention: "a bid to", "in order to"
    purpose_verbs: frozenset[str]  # enabling: "a pause to allow evacuations"
    purpose_marks: frozenset[str]  # "so as to"
    light_verbs: frozenset[str]  # only say a happening takes place: "carry out attacks"
    modals: frozenset[str]  # future and conditional: "will", "would"
    narrative_adverbs: frozenset[str]  # "would later": a narrator's future in the past
    cooperation: frozenset[str]  # "worked with Interpol to arrest": a past joint deed, not a goal


@lru_cache(maxsize=1)
def _irrealis_words() -> _IrrealisWords:
    tax = taxonomy()
    return _IrrealisWords(*(frozenset(tax.get(key, ())) for key in (
        "irrealis_verbs", "irrealis_nouns", "purpose_verbs", "purpose_marks", "light_verbs", "irrealis_modals",
        "narrative_adverbs", "cooperation_verbs")))


def _to_infinitive(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _finite_clause(tok: Token) -> bool:
    """Whether ``tok`` heads an embedded or joined clause with its own tense: "members *who
    escaped*", "an estimate that thousands *had escaped*", "attempted to enter the village *and
    opened fire*". Such a clause tells its own happening, whatever goal the sentence around it
    names ("called for the arrest of members who escaped")."""
    if tok.dep_ not in ("relcl", "ccomp", "acl", "advcl", "conj") or tok.pos_ not in ("VERB", "AUX"):
        return False
    return tok.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in tok.children)


def _participant(anchor: Token) -> bool:
    """Whether a noun trigger is only a participant of the verb above it: "preparing to exploit *the
    handover*", "trying to stop *the fighting*" tell of a handover and a fight that are there to be
    exploited or stopped. A verb that only says the happening takes place ("plans to *carry out*
    attacks", "prepared to *resume* shelling"; ``light_verbs`` in the taxonomy) passes the goal on."""
    if anchor.pos_ not in ("NOUN", "PROPN") or anchor.dep_ != "dobj":
        return False
    return anchor.head.pos_ == "VERB" and anchor.head.lemma_.lower() not in _irrealis_words().light_verbs


def _modal_future(anchor: Token) -> bool:
    """Whether a verb trigger is told as yet to come: "residents *will be moved* in stages", "the
    army said it *would withdraw*" (``irrealis_modals`` in the taxonomy), also through a verb it
    completes ("will begin to evacuate")."""
    if anchor.pos_ != "VERB":
        return False
    words = _irrealis_words()
    verb = anchor.head if anchor.dep_ == "xcomp" else anchor
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"} & words.modals
    if aux == {"would"} and any(c.dep_ == "advmod" and c.lower_ in words.narrative_adverbs
                                for c in verb.children):
        return False  # "police would later arrest all three": a narrator's future in the past
    return bool(aux)


def _result_clause(tok: Token) -> bool:
    """", killing 8 guards": a participle clause after a comma tells the outcome of the deed, even
    when the parser hangs it on the goal ("stormed the prison in a bid to free them, killing 8")."""
    return (tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.i > 0
            and tok.doc[tok.i - 1].lower_ == "," and not _to_infinitive(tok))


def _purpose_marked(tok: Token, marks: frozenset[str]) -> bool:
    """Whether a clause opens with a purpose conjunction ("*so as* to free the hostages")."""
    return " ".join(c.lower_ for c in tok.children if c.dep_ == "mark" and c.i < tok.i) in marks


def _irrealis(anchor: Token) -> bool:
    """Whether the trigger names a goal, not (yet) a happening.

    Why governed, not every infinitive: a to-infinitive is irrealis by what governs it. Under a verb
    of effort, intention or bidding, as its complement or its purpose adjunct ("tried to kidnap", "is
    working with partners to locate and detain", "urged police to release"), or under a noun of
    intention ("efforts to free", "a bid to seize", "in order to arrest"), it names what someone means
    to bring about. An infinitive after a verb of achievement, sequence or ability ("managed to",
    "went on to", "were able to") reports an outcome, and a bare purpose adjunct of a deed ("fired
    tear gas to disperse the crowd") is how reporters tell the deed itself, so neither is
    discounted. The goal's scope ends at a clause with its own tense ("track down members *who
    escaped*"). A verb told in the future ("will evacuate", "said it would withdraw") is no
    happening yet either. Word lists: ``irrealis_verbs``, ``irrealis_nouns``, ``purpose_verbs``,
    ``purpose_marks``, ``light_verbs``, ``irrealis_modals`` and ``narrative_adverbs`` in the taxonomy."""
    words = _irrealis_words()
    verbs, nouns = words.verbs, words.nouns
    if _modal_future(anchor):
        return True
    if _participant(anchor):
        return False
    t = anchor
    for _ in range(4):
        if t.head.i == t.i or _finite_clause(t) or _result_clause(t):
            return False
        gov = t.head.lemma_.lower()
        if t.dep_ == "xcomp" and gov in verbs:
            return True
        if t.dep_ in ("xcomp", "ccomp") and gov == "be" and _to_infinitive(t) and any(
                c.dep_ == "nsubj" and c.lemma_.lower() in nouns for c in t.head.children):
            return True  # "their aim was to seize the airport"
        if t.dep_ in ("acl", "advcl") and _to_infinitive(t):
            past_joint_deed = gov in words.cooperation and t.head.tag_ == "VBD"
            if t.dep_ == "advcl" and ((gov in verbs and not past_joint_deed) or _purpose_marked(t, words.purpose_marks)):
                # "is working with partners to detain", "so as to free"; a past deed's purpose
                # ("police worked with Interpol to arrest the suspect") tells what was done
                return True
            if t.dep_ == "acl" and t.head.pos_ == "NOUN" and gov in nouns:
                return True  # "a bid to seize", "in order to arrest"
            if t.lemma_.lower() in words.purpose_verbs:  # "a pause to allow evacuations"
                return True
        t = t.head
    return False


@dataclass(frozen=True)
class _Scoring:
    """What scoring a trigger needs besides the sentence: the taxonomy's weights and penalties,
    the bar a score must clear, the sub-types and which of them yield to an instrument reading.

    Why a record: it is read once per document and passed to each anchor's scoring."""

    tax: dict[str, Any]
    k: float
    min_score: float
    background: bool
    sts: tuple[SubType, ...]
    instrument: frozenset[str]
    yielding: frozenset[str]


def classify_events(doc: Doc, *, min_score: float | None = None, background: bool = True) -> list[EventMention]:
    """Every typed happening in ``doc``, at most one per clause, in text order.

    Args:
        doc: the one spaCy parse of the report.
        min_score: the bar a trigger's score must clear (the taxonomy's ``min_score`` when None).
        background: whether a happening named only as the frame of another verb ("after the
            clashes", "under the agreement") is discounted.

    Returns:
        :class:`EventMention` objects with trigger and sentence spans, type, sub-type, a confidence
        in (0, 1) from trigger strength plus context, and ``negated`` for denied or "no one was
        killed" happenings.
    """
    tax = taxonomy()
    if min_score is None:
        min_score = float(tax.get("min_score", 1.5))
    instrument, yielding = _precedence()
    scoring = _Scoring(tax, float(tax.get("confidence_k", 2.5)), min_score, background, sub_types(), instrument,
                       yielding)
    out: list[EventMention] = []
    phrase_hits, ctx_hits = _scan_hits(doc)
    for sent in segments(doc):
        words = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
        lo, hi = sent.start_char, sent.end_char
        ctx = _context_sums(words, len(scoring.sts))
        for pos, si, w in ctx_hits[bisect_left(ctx_hits, (lo,)):bisect_left(ctx_hits, (hi,))]:
            ctx[si] += w
        hits = _trigger_hits(doc, sent, phrase_hits)
        best_by_clause: dict[int, EventMention] = {}
        for anchor_i, cands in hits.items():
            mention = _scored_mention(doc, sent, anchor_i, cands, ctx, scoring)
            if mention is None:
                continue
            cur = best_by_clause.get(mention.clause)
            if cur is None or _outranks(mention, cur):
                best_by_clause[mention.clause] = mention
        # One mention per sub-type per sentence ("fired tear gas to disperse protesters").
        best_by_code: dict[str, EventMention] = {}
        for m in best_by_clause.values():
            cur2 = best_by_code.get(m.code)
            if cur2 is None or m.score > cur2.score:
                best_by_code[m.code] = m
        out.extend(best_by_code.values())
    out.sort(key=lambda m: (m.trigger_span.start, m.trigger_span.end))
    return out


def _scan_hits(doc: Doc) -> tuple[list[tuple[int, int, int, float]], list[tuple[int, int, float]]]:
    """``(phrase hits, context hits)`` of the taxonomy's phrases over the whole text, sorted by
    start: ``(start, end, sub-type, weight)`` and ``(start, sub-type, weight)``.

    Why once over the whole text: far fewer regex calls than per sentence; the caller buckets the
    matches by sentence."""
    text = text_of(doc)
    lower = text.lower()
    scans, scanned = _phrase_scanners(), folded(text)
    phrase_hits = sorted((m.start(), m.end(), si, w) for si, (phrases, _) in enumerate(scans)
                         for rx, w, lit, opens in phrases
                         if lit in lower and (not opens or any(o in lower for o in opens))
                         for m in rx.finditer(text, scanned))
    ctx_hits = sorted((m.start(), si, w) for si, (_, context) in enumerate(scans) for rx, w, lit in
                      context if lit in lower for m in rx.finditer(text, scanned))
    return phrase_hits, ctx_hits


def _trigger_hits(doc: Doc, sent: SpacySpan,
                  phrase_hits: list[tuple[int, int, int, float]]) -> dict[int, dict[int, tuple[float, int, int]]]:
    """Anchor token index → (sub-type → best trigger weight and its character span), from the
    sentence's trigger words, their argument rules and the phrase hits inside it (anchored at the
    phrase's root)."""
    lo, hi = sent.start_char, sent.end_char
    hits: dict[int, dict[int, tuple[float, int, int]]] = {}
    for tok in sent:
        never, pairs, argued = _token_triggers(tok)
        if never or _in_name(tok) or (pairs and _idiom(tok)):
            continue
        if pairs and tok.pos_ == "VERB" and tok.lemma_.lower() in _noun_senses():
            pairs = _verb_readings(tok.lemma_.lower(), pairs)
        for si, w in pairs:
            _keep_best(hits, tok.i, si, (w, tok.idx, tok.idx + len(tok.text)))
        if not argued:
            continue  # no argument rule for its lemma: _argument_hits gives nothing
        for si, w in _argument_hits(tok):
            _keep_best(hits, tok.i, si, (w, tok.idx, tok.idx + len(tok.text)))
    for ps, pe, si, w in phrase_hits[bisect_left(phrase_hits, (lo,)):bisect_left(phrase_hits, (hi,))]:
        span = doc.char_span(ps, min(pe, hi), alignment_mode="expand")
        if span is None or not len(span):
            continue
        _keep_best(hits, span.root.i, si, (w, ps, pe))
    return hits


def _keep_best(hits: dict[int, dict[int, tuple[float, int, int]]], anchor: int, si: int,
               hit: tuple[float, int, int]) -> None:
    """Record ``hit`` for the anchor and sub-type unless a heavier one is there."""
    cur = hits.setdefault(anchor, {}).get(si)
    if cur is None or hit[0] > cur[0]:
        hits[anchor][si] = hit


def _scored_mention(doc: Doc, sent: SpacySpan, anchor_i: int, cands: dict[int, tuple[float, int, int]],
                    ctx: list[float], scoring: _Scoring) -> EventMention | None:
    """The best reading of one anchor's triggers with the sentence's context, after the irrealis,
    descriptor and background penalties; ``None`` when none clears the bar."""
    sts, tax = scoring.sts, scoring.tax
    scored = [(w + ctx[si], si, s, e) for si, (w, s, e) in cands.items()
              if not means_is_target(sts[si].code, doc[anchor_i])]
    if not scored:
        return None
    scored.sort(key=lambda x: (-x[0], x[1]))
    if sts[scored[0][1]].code in scoring.yielding:
        # one word, two readings ("helicopters fired on positions"): the means wins
        means = [x for x in scored if sts[x[1]].code in scoring.instrument and x[0] >= scoring.min_score]
        if means:
            scored = means
    score, si, s, e = scored[0]
    anchor = doc[anchor_i]
    if _irrealis(anchor):
        score -= float(tax.get("irrealis_penalty", 1.5))
    if _descriptor(anchor):
        score -= float(tax.get("descriptor_penalty", 1.5))
    if _background(anchor, frames=scoring.background):
        score -= float(tax.get("background_penalty", 1.0))
    if score < scoring.min_score:
        return None
    code = _refine(sts[si].code, anchor, sts)
    if code != sts[si].code:
        si = next(i for i, x in enumerate(sts) if x.code == code)
    st = sts[si]
    clause = _clause_of(anchor)
    return EventMention(
        event_type=st.event_type, sub_event_type=st.name, code=st.code, trigger=text_of(doc)[s:e],
        trigger_span=Span(s, e), sentence_span=Span(sent.start_char, sent.end_char), anchor=anchor_i,
        clause=clause.i, score=round(score, 3), confidence=round(score / (score + scoring.k), 3),
        negated=_negated(anchor, clause), case_label=st.case,
    )


def _candidates(doc: Doc, allowed_case_labels: frozenset[str] | None, min_score: float | None,
                *, background: bool) -> list[EventMention]:
    found = classify_events(doc, min_score=min_score, background=background)
    mentions = [m for m in found if not m.negated] or found
    if allowed_case_labels is not None:
        mentions = [m for m in mentions if m.case_label in allowed_case_labels]
    return mentions


def classify_document(doc: Doc, *, allowed_case_labels: frozenset[str] | None = None,
                      lead_weight: float = 1.3, min_score: float | None = None) -> EventMention | None:
    """The single most salient happening of a short text (a snippet or headline).

    Why: evaluation corpora such as CASE 2021 give one label per snippet. Scores of mentions of
    the same sub-type add up (a snippet that says "shelled" twice is about shelling), with the
    strongest single mention breaking ties. ``allowed_case_labels`` restricts the answer to
    sub-types mapping onto those labels (others are skipped, not relabelled).
    """
    mentions = _candidates(doc, allowed_case_labels, min_score, background=True)
    if not mentions:
        # "Detectives in Marren are looking for a gunman after a deadly shooting": when the report's only happening
        # is told as the background of something untyped, it is still the happening.
        mentions = _candidates(doc, allowed_case_labels, min_score, background=False)
    if not mentions:
        return None
    totals: dict[str, float] = {}
    best: dict[str, EventMention] = {}
    segs = segments(doc)
    first_end = segs[0].end_char if segs else 0
    for m in mentions:
        # News leads with the happening: a mention in the first sentence counts for more.
        weight = lead_weight if m.trigger_span.start < first_end else 1.0
        totals[m.code] = totals.get(m.code, 0.0) + m.score * weight
        if m.code not in best or m.score > best[m.code].score:
            best[m.code] = m
    code = max(totals, key=lambda c: (totals[c] + 0.5 * best[c].score, -best[c].trigger_span.start))
    instrument, _ = _precedence()
    yielding = frozenset(taxonomy().get("precedence", {}).get("document_yields_to_instrument", ()))
    casualty = frozenset(taxonomy().get("precedence", {}).get("casualty_verbs", ()))
    if code in yielding or doc[best[code].anchor].lemma_.lower() in casualty:
        # A death toll names no means ("a soldier was killed when two bombs went off"), and
        # "Two civilians were killed in attacks ... in a grenade attack": the snippet's violence is
        # typed by the means it names, wherever in the snippet it names them.
        means = [c for c in totals if c in instrument]
        if means:
            code = max(means, key=lambda c: (totals[c] + 0.5 * best[c].score, -best[c].trigger_span.start))
    for ladder in taxonomy().get("precedence", {}).get("document_ladders", ()):
        # ACLED's stated precedence within a family: demonstrators who turn violent make a violent
        # demonstration whatever the police did; force against peaceful ones outranks a dispersal,
        # which outranks the protest itself.
        if code in ladder["codes"]:
            for c in ladder["codes"][: ladder["codes"].index(code)]:
                if c in best and best[c].score >= ladder.get("min_score", 0.0):
                    code = c
                    break
    return best[code]
