"""Quantities in a parsed report: how many, as an interval, and *what* is counted.

Why the parse and not the nearest noun: in "a car bomb killed nine people and left 20 wounded"
the nearest noun to "20" is "people", but 20 counts the wounded. This module finds the amount
phrases and decides which are counts; what each counts is read from the dependency tree by
:mod:`sitroom.nlp.counted_kind`, and counts written without a numeral ("a guard was shot dead",
"no one was hurt") by :mod:`sitroom.nlp.singular_counts`.

Amount phrases are found with :data:`sitroom.nlp.amounts.AMOUNT_RE` over the document text and
filtered with the parse (dates, times, ages, money, percentages, addresses and measures are not
counts of people).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span as SpacySpan, Token

from sitroom.model import Qualifier, Quantity, QuantityKind, Span
from sitroom.nlp.amounts import Amount, amount_from_match, amount_matches, parse_amount
from sitroom.nlp.counted_kind import (
    OUTCOMES, KindLexicon, counted_kind, flees_detention, kind_from_verbs, kind_lexicon, lemma, negated, single_person,
    span_of, verb_family,
)
from sitroom.nlp.parse import text_of
from sitroom.nlp.singular_counts import singular_counts

__all__ = ["find_quantities", "parse_amount", "kind_lexicon", "counted_kind"]

_NON_COUNT_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "PERSON", "ORG", "GPE",
                   "LOC", "FAC", "LAW", "PRODUCT", "EVENT", "WORK_OF_ART", "LANGUAGE", "NORP"}
_CURRENCY = re.compile(r"[$£€¥]\s*$|\b(?:US|USD|EUR|GBP|Rs|SR|AED)\.?\s*$")
_AGE_BEFORE = re.compile(r"\b(?:aged|age|ages)\s*$", re.I)
_DECADE_BEFORE = re.compile(r"\b(?:his|her|their|early|mid|late)\s*-?\s*$", re.I)
_NUMBER_LABEL = re.compile(r"\b(?:No|no|Number|number|Nr|Route|Highway|Article|Resolution|Flight|"
                           r"Section|Chapter|Room|Unit|Apartment|Apt|Suite|Box|Channel|Gate|Level|"
                           r"Platform|Interstate|I|Block|Brigade|Division|Battalion|Regiment|Sector|Zone)\.?\s*$")
_NAME_ENTS = {"PERSON", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "DATE", "TIME", "MONEY"}
#: Nouns for people who report, never what a report counts.
_SPEAKER_NOUNS = {"source", "official", "diplomat", "spokesman", "spokeswoman", "spokesperson", "analyst",
                  "journalist", "reporter", "correspondent", "witness", "eyewitness", "expert", "lawmaker", "aide"}
_HIT_WORDS = {"shot": "injured", "stabbed": "injured"}
_HIT_ONLY = {"shoot", "stab", "beat", "burn", "gun"}
_PERSONLIKE = {"people", "killed", "injured", "arrested", "escaped", "displaced", "evacuated",
               "missing", "kidnapped"}


# ---------------------------------------------------------------------------- the Doc extractor


def _tokens_for(doc: Doc, start: int, end: int) -> SpacySpan | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _counted_noun(root: Token, tokens: SpacySpan) -> Token | None:
    """The noun a number counts: its head for ``nummod``, or the object of "of" after a
    number noun ("thousands of people", "one of the guards")."""
    lex = kind_lexicon()
    if root.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod", "det", "npadvmod") and root.head.pos_ in (
            "NOUN", "PROPN") and root.head.i >= tokens.end:
        return root.head
    for tok in tokens:  # the parser hung the phrase elsewhere but kept the numeral on its noun
        if tok.dep_ in ("nummod", "quantmod") and tok.head.i >= tokens.end and tok.head.pos_ in ("NOUN", "PROPN"):
            return tok.head
    # "Thousands of people", "tens of thousands of detainees": an "of" phrase right after.
    after = tokens.doc[tokens.end] if tokens.end < len(tokens.doc) else None
    if after is not None and after.lower_ == "of":
        for c in after.children:
            if c.dep_ == "pobj":
                return c
    for tok in tokens:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of" and c.i >= tokens.end:
                for p in c.children:
                    if p.dep_ == "pobj" and (p.pos_ in ("NOUN", "PROPN") or lemma(p) in lex.person_nouns):
                        return p
    return None


def _is_excluded(doc: Doc, start: int, end: int, tokens: SpacySpan, value: int | None, raw: str) -> bool:
    text = text_of(doc)
    before = text[max(0, start - 12):start]
    after = text[end:end + 16]
    if _CURRENCY.search(before) or _AGE_BEFORE.search(before) or _NUMBER_LABEL.search(before):
        return True
    if re.match(r"\s*(?:-?\s*years?[- ]old|-year|\s*yo\b|\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|hrs?\b|o'clock))",
                after, re.I):
        return True
    if _DECADE_BEFORE.search(before) and re.match(r"['’]?s\b", after):
        return True  # "a woman in her 20's", "in their early 30s"
    if re.match(r"\s*(?:st|nd|rd|th)\b", after):
        return True
    for tok in tokens:
        if tok.ent_type_ in _NON_COUNT_ENTS:
            # spaCy marks some counts as DATE ("the 12 killed") rarely; years/ages/money dominate.
            if tok.ent_type_ in ("NORP", "PERSON", "GPE", "ORG") and tok.like_num:
                continue
            return True
    root = tokens.root
    noun = root.head if root.dep_ in ("nummod", "quantmod") else None
    if noun is not None and noun.lemma_.lower() in _SPEAKER_NOUNS and noun.dep_ != "nsubjpass" and not any(
            c.dep_ == "acl" and c.lemma_.lower() in kind_lexicon().patient_verbs for c in noun.children):
        # "two security sources said ...", "three officials told ...": who speaks, not who was hurt
        return True
    stripped = raw.strip()
    if re.fullmatch(r"(?:1[6-9]|20)\d\d", stripped):  # a year written bare
        return True
    # "Smith, 25, was ..." — a number in commas right after a name is an age.
    if re.match(r"\s*,", after) and re.search(r"[A-Za-z]+,\s*$", before) and value is not None and value < 120:
        # "Smith, 25, was ...", "a Tennessee boy, 7, killed ...": a number in commas after a
        # name or a person noun is an age.
        root = tokens.root
        if root.dep_ in ("appos", "npadvmod", "amod", "conj") and (root.head.pos_ == "PROPN" or (
                root.head.lemma_.lower() in kind_lexicon().person_nouns and root.head.tag_ == "NN")):
            return True
    return False


def _kind_enum(kind: str | None, noun: Token | None) -> QuantityKind:
    lex = kind_lexicon()
    if kind and kind != "other":
        if kind in _PERSONLIKE and noun is not None and lemma(noun) in lex.non_person_nouns:
            # "killed 30 cattle", "seized 20 rifles": the verb's outcome applies to people only.
            return QuantityKind.OTHER
        return QuantityKind(kind)
    if noun is None or lemma(noun) in lex.person_nouns or noun.ent_type_ == "NORP":
        return QuantityKind.PEOPLE
    return QuantityKind.OTHER


def _unit(noun: Token | None, kind: QuantityKind | None = None) -> str:
    lex = kind_lexicon()
    if kind is not None and kind not in (QuantityKind.OTHER,) and (
            noun is None or lemma(noun) not in lex.non_person_nouns):
        return "people"
    if noun is None or lemma(noun) in lex.person_nouns or noun.ent_type_ == "NORP" or lemma(noun) in lex.nouns:
        return "people"
    return lemma(noun)


def find_quantities(doc: Doc, *, singular: bool = True) -> list[Quantity]:
    """All counts of people (and other counted things) in ``doc``, in text order.

    Args:
        doc: the one spaCy parse of the document.
        singular: also report "a man was killed" / "no one was hurt" as counts of one / zero when
            the parse ties them to an outcome verb (claims and per-article tallies need them).

    Returns:
        One :class:`~sitroom.model.Quantity` per amount phrase, its ``kind`` from the parse and
        ``counted_span`` pointing at the word that decided the kind (or the counted noun).
    """
    lex = kind_lexicon()
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for m in amount_matches(text_of(doc)):
        quantity = _quantity_of(doc, m, lex)
        if quantity is not None:
            out.append(quantity)
            taken.append((quantity.span.start, quantity.span.end))
    if singular:
        out.extend(singular_counts(doc, taken))
        out.sort(key=lambda q: (q.span.start, q.span.end))
    return out


def _quantity_of(doc: Doc, m: re.Match[str], lex: KindLexicon) -> Quantity | None:
    """The count one amount phrase states: its interval (:func:`_located_amount`), the noun it
    counts, what happened to them (:func:`_kind_of_count`) and any single people coordinated with
    them; ``None`` when the phrase counts no people or things here."""
    located = _located_amount(doc, m, lex)
    if located is None:
        return None
    amount, start, end, tokens = located
    noun = _counted_noun(tokens.root, tokens)
    listed = _listed_outcome(tokens, noun)
    if listed is not None:
        noun = None
    if noun is not None and (lemma(noun) in lex.excluded_units or noun.text.lower() in lex.excluded_units):
        return None
    if noun is not None and noun.pos_ == "PROPN" and noun.ent_type_ in _NAME_ENTS:
        return None  # "7 Eleven", "3 Doors Down": a name, not a count ("15 Taliban" is a count)
    kind, evidence = _kind_of_count(doc, tokens, noun, listed, lex)
    qkind = _kind_enum(kind, noun)
    unit = _unit(noun, qkind)
    if _casualties(kind, evidence, noun):
        # "30 killed and wounded", "20 casualties": dead and hurt together, neither count alone.
        qkind, unit = QuantityKind.OTHER, "casualties"
    low, high, best, qual = amount
    counted = evidence if evidence is not None else noun
    span_end = end
    more = _coordinated_people(noun) if unit == "people" and qual is Qualifier.EXACT and best is not None else []
    if more:
        # "his four sons as well as his mother", "two boys and a woman": one group, counted whole.
        low = high = best = best + len(more)
        span_end = max(end, noun.idx + len(noun.text), more[-1].idx + len(more[-1].text))
        first = min(more[0].left_edge.i, tokens.start)
        start = min(start, doc[first].idx)
    return Quantity(kind=qkind, low=low, high=high, best=best, qualifier=qual,
                    span=Span(start, span_end), unit=unit,
                    counted_span=span_of(counted) if counted is not None else None)


def _located_amount(doc: Doc, m: re.Match[str], lex: KindLexicon) -> tuple[Amount, int, int, SpacySpan] | None:
    """``(amount, start, end, tokens)`` of an amount match, or ``None`` when it is no count: a
    lone number word that is not a numeral, or an excluded use (:func:`_is_excluded`: dates, ages,
    money...). A tally moving ("rose from 12 to 15") is the figure it reached."""
    start, end = m.span()
    raw = m.group(0)
    # Trim trailing whitespace the suffix group might have swallowed.
    end = start + len(raw.rstrip())
    amount = amount_from_match(m)
    if amount is None:
        return None
    tokens = _tokens_for(doc, start, end)
    if tokens is None or len(tokens) == 0:
        return None
    single = m.group("n")
    value = amount[2] if amount[2] is not None else amount[0]
    if single and not m.group("qual"):
        # A lone number word must be a numeral here ("one of them", not "the one who").
        tok = tokens[0]
        if tok.is_alpha and not (tok.tag_ == "CD" or tok.pos_ == "NUM" or tok.lower_ in ("dozen",)
                                 or tok.lower_ in ("a", "an", "half")):
            return None
    if _is_excluded(doc, start, end, tokens, value, m.group("n") or ""):
        return None
    # "rose from 12 to 15": a tally moving, not a range.
    if m.group("a2") and start > 0:
        head_verb = tokens.root.head  # the tokens of this very match, found above
        if lemma(head_verb) in lex.toll_verbs:
            b_start = start + m.start("b2") - m.start()
            b_text = m.group("b2")
            amount2 = parse_amount(b_text)
            if amount2 is None:
                return None
            amount, start, end = amount2, b_start, b_start + len(b_text)
            tokens = _tokens_for(doc, start, end) or tokens
    return amount, start, end, tokens


def _kind_of_count(doc: Doc, tokens: SpacySpan, noun: Token | None, listed: tuple[str, Token] | None,
                   lex: KindLexicon) -> tuple[str | None, Token | None]:
    """``(kind, evidence)`` of a count: from the parse (:func:`counted_kind`), then fallbacks for
    misparses, in order; an outcome the text negates ("were not hurt") is no outcome."""
    root = tokens.root
    kind, evidence = counted_kind(root, noun)
    if kind is None and noun is not None and tokens.start <= noun.head.i < tokens.end and (
            tokens.root.head.pos_ == "VERB"):
        # "Between 15,000 and 20,000 people, some of them ..., escaped": the parser hung the
        # whole phrase on "between" under the verb; the phrase is still the verb's subject.
        verb = tokens.root.head
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        fam = verb_family(verb)
        got = kind_from_verbs(fam, lex.patient_verbs if passive else lex.agent_verbs)
        if got:
            kind, evidence = got
            if kind == "displaced" and flees_detention(evidence):
                kind = "escaped"
    if kind is None:
        kind, evidence = _surface_subject_kind(noun if noun is not None else tokens[-1])
    if kind is None and tokens.start >= 2 and doc[tokens.start - 1].lower_ == "of":
        # "the escape of 2,000 prisoners" when the parser lost the "of" attachment.
        ev = doc[tokens.start - 2]
        kind = lex.event_nouns.get(lemma(ev)) if ev.pos_ == "NOUN" else None
        evidence = ev if kind else None
    if root.dep_ in ("nummod", "quantmod", "compound") and noun is not None and root.head.i == noun.i:
        kind2, ev2 = counted_kind(noun, noun) if kind is None else (kind, evidence)
        kind, evidence = kind2, ev2
    if listed is not None:
        kind, evidence = listed
    if kind in OUTCOMES and evidence is not None and negated(evidence):
        kind, evidence = None, None  # "two children were not hurt": present, not injured
    return kind, evidence


def _coordinated_people(noun: Token | None) -> list[Token]:
    """Single people coordinated with a counted noun ("five children *and their mother*", "*a
    woman and* her two children"): one more each. A conjunct with its own number, or a plural, is
    its own count and is left alone."""
    if noun is None:
        return []
    head = noun
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    group = [head, *head.conjuncts] if head.i != noun.i else [noun, *noun.conjuncts]
    out = []
    for c in group:
        if c.i == noun.i:
            continue
        if any(x.dep_ == "nummod" for x in c.children) or not single_person(c):
            return []  # "two men and family", "two men and three women": not one group of singles
        out.append(c)
    return sorted(out, key=lambda t: t.i)


def _listed_outcome(tokens: SpacySpan, noun: Token | None) -> tuple[str, Token] | None:
    """"1 dead, 1 injured", "Three shot, one dead", "two critical after a weekend of
    gunfire": in a tally list the word right after the number names its outcome, whatever the
    parser made of the list (it often takes "shot" for a noun or the list for one phrase)."""
    lex = kind_lexicon()
    doc = tokens.doc
    if tokens.end >= len(doc):
        return None
    nxt = doc[tokens.end]
    # "Five people were shot, one fatally", "two brothers were shot, one of them fatally"
    after = tokens.end + 2 if nxt.lower_ == "of" and tokens.end + 2 < len(doc) and doc[tokens.end + 1].lower_ in (
        "them", "whom", "those") else tokens.end
    if after < len(doc) and doc[after].lower_ in ("fatally", "mortally") and tokens.start > 0 and (
            doc[tokens.start - 1].text == ","):
        return "killed", doc[after]
    kind = lex.adjectives.get(nxt.lower_) or _HIT_WORDS.get(nxt.lower_)
    if kind is None or (noun is not None and noun.i != nxt.i and noun.i <= nxt.i + 1):
        return None
    prev = doc[tokens.start - 1] if tokens.start > 0 else None
    if noun is not None and noun.i == nxt.i and prev is not None and not (
            prev.is_punct or prev.is_space or prev.lower_ in ("and", "with")):
        return None  # "returned one shot": a noun counted, not a list item
    if nxt.i + 1 < len(doc) and (doc[nxt.i + 1].like_num or doc[nxt.i + 1].lower_ in ("times", "at", "by")):
        return None  # "shot 3 times", "shot at", "shot by police" are not list items
    return kind, nxt


def _outcome_of(tok: Token) -> str | None:
    lex = kind_lexicon()
    lem, low = lemma(tok), tok.lower_
    return lex.adjectives.get(low) or lex.patient_verbs.get(lem) or lex.agent_verbs.get(lem) or lex.nouns.get(lem)


def _casualties(kind: str | None, evidence: Token | None, noun: Token | None) -> bool:
    """Whether a count covers the killed and the injured together ("killed and wounded",
    "kill and wound", "deaths and injuries", "casualties")."""
    if noun is not None and lemma(noun) == "casualty":
        return True
    if kind not in ("killed", "injured") or evidence is None:
        return False
    other = "injured" if kind == "killed" else "killed"
    # "a boy was killed and two others were wounded": the count is the subject of its own verb,
    # so only a conjunct sharing that subject (or with none) makes a joint total.
    own_subject = noun is not None and noun.dep_ in ("nsubj", "nsubjpass") and noun.head.i == evidence.i
    group = _Coordination.of(evidence.doc).group(evidence)
    joint = group.joint.get(other)
    if joint is None:
        return False
    total, subjectless, by_subject = joint
    self_ok = evidence.i in group.members and _joint_other(evidence, other)
    self_subject = _clause_subject(evidence) if self_ok else None
    if not own_subject:
        return total - self_ok > 0
    assert noun is not None
    shared = subjectless + by_subject.get(noun.i, 0)
    if self_ok and (self_subject is None or self_subject.i == noun.i):
        shared -= 1
    return shared > 0


def _joint_other(c: Token, other: str) -> bool:
    """Whether conjunct ``c`` tells the ``other`` outcome of a shared "killed and wounded" total
    (:func:`_casualties`), whatever the count's own subject."""
    if lemma(c) in _HIT_ONLY or _outcome_of(c) != other:
        return False  # "shot and killed" is one outcome
    # "seven were killed and others were injured": a later conjunct with its own subject is its
    # own clause, not a shared "killed and wounded" total (the first verb's subject is shared:
    # "airstrikes kill and wound 80").
    if c.dep_ == "conj" and any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children):
        return False
    # "killed nine and wounded 20": each verb has its own count
    own = [x for x in c.children if x.dep_ in ("dobj", "nsubj", "nsubjpass", "nummod")]
    return not own or not any(x.like_num or any(y.like_num for y in x.children) for x in own)


class _Group:
    """One run of coordinated words (spaCy's ``Token.conjuncts`` plus the first word), with, per
    outcome, how many of them tell it jointly: all, those with no clause subject, and those per
    clause subject."""

    __slots__ = ("members", "joint")

    def __init__(self, root: Token) -> None:
        members, queue = [root], [root]
        for word in queue:  # the walk of spaCy's Token.conjuncts
            for child in word.rights:
                if child.dep_ == "conj":
                    members.append(child)
                    queue.append(child)
        self.members = {t.i for t in members}
        self.joint: dict[str, tuple[int, int, dict[int, int]]] = {}
        for other in ("killed", "injured"):
            total, subjectless, by_subject = 0, 0, {}
            for c in members:
                if not _joint_other(c, other):
                    continue
                total += 1
                subject = _clause_subject(c)
                if subject is None:
                    subjectless += 1
                else:
                    by_subject[subject.i] = by_subject.get(subject.i, 0) + 1
            if total:
                self.joint[other] = (total, subjectless, by_subject)


class _Coordination:
    """The coordinated runs of one parse, each read once.

    Why: every count under a verb of a long "killed ... and wounded ... and ..." chain asks about
    the whole chain; reading the chain per count is quadratic in a sentence of hundreds of
    clauses. Kept in ``doc.user_data`` for one pass (dropped by
    :func:`~sitroom.nlp.parse.forget_scratch`).
    """

    KEY = "sitroom.coordination"

    def __init__(self) -> None:
        self._root: dict[int, int] = {}
        self._groups: dict[int, _Group] = {}

    @classmethod
    def of(cls, doc: Doc) -> "_Coordination":
        found = doc.user_data.get(cls.KEY)
        if found is None:
            found = doc.user_data[cls.KEY] = cls()
        return found

    def group(self, tok: Token) -> _Group:
        """The run ``tok``'s ``conjuncts`` are read from (it may not be a member of it itself)."""
        path = []
        t = tok
        while t.i not in self._root:
            path.append(t.i)
            if t.i == t.head.i or t.dep_ != "conj":
                self._root[t.i] = t.i
                break
            t = t.head
        root = self._root[t.i]
        for i in path:
            self._root[i] = root
        group = self._groups.get(root)
        if group is None:
            group = self._groups[root] = _Group(tok.doc[root])
        return group


def _clause_subject(verb: Token) -> Token | None:
    """The subject of ``verb``'s clause: its own, else the one it shares with the verb it is
    coordinated with ("a bouncer was shot and killed": "killed" shares "bouncer")."""
    for _ in range(4):
        subj = next((x for x in verb.children if x.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None or verb.dep_ != "conj":
            return subj
        verb = verb.head
    return None


def _surface_subject_kind(noun: Token) -> tuple[str | None, Token | None]:
    """Fallback when the parser misattaches the phrase ("said between 15,000 and 20,000
    detainees escaped" parsed with "between" under "said"): a verb right after the counted
    phrase, past auxiliaries and adverbs, takes it as subject (passive when "be" + participle)."""
    lex = kind_lexicon()
    doc = noun.doc
    passive = False
    i = noun.i + 1
    if i < len(doc) and doc[i].text == ",":
        # skip an apposition: "15,000 people, some of them fighters, had fled"
        close = next((j for j in range(i + 1, min(len(doc), i + 14)) if doc[j].text == ","), None)
        if close is None:
            return None, None
        i = close + 1
    start = i
    while i < len(doc) and i < start + 4:
        t = doc[i]
        if t.pos_ in ("AUX", "ADV", "PART") or t.dep_ in ("aux", "auxpass", "advmod", "neg"):
            if t.lemma_.lower() == "be" or t.dep_ == "auxpass":
                passive = True
            i += 1
            continue
        break
    if i >= len(doc) or doc[i].pos_ not in ("VERB", "ADJ"):
        return None, None
    verb = doc[i]
    lem = lemma(verb)
    if passive and verb.tag_ == "VBN":
        kind = lex.patient_verbs.get(lem) or lex.adjectives.get(verb.lower_)
    elif verb.pos_ == "ADJ":
        kind = lex.adjectives.get(verb.lower_)
    else:
        kind = lex.agent_verbs.get(lem)
        if kind == "displaced" and flees_detention(verb):
            kind = "escaped"
    return (kind, verb) if kind else (None, None)
