"""Which way a time expression points, read from the tense of the verb that governs it.

Why: "Friday" alone does not say which Friday. News resolves it by tense: "said on Friday" is the
Friday before publication, "will meet on Friday" the one after. We climb the dependency tree from
the expression to the first verb and read its tag and auxiliaries from the one spaCy parse.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .types import Direction

__all__ = ["direction_of", "governing_verb"]

_AUX_DEPS = ("aux", "auxpass")

_REPORTING = frozenset({"say", "tell", "report", "announce", "state", "claim", "add", "note"})
_FUTURE_STRONG = frozenset({"will", "'ll", "shall", "wo"})
# Verbs whose to-infinitive points ahead ("set to resume on Monday"). Weak modals ("could",
# "might") are not here: in reports they are as often about the past ("could be located Wednesday").
_FUTURE_VERBS = frozenset({
    "expect", "plan", "schedule", "set", "intend", "aim", "hope", "propose", "due", "prepare",
    "threaten", "vow", "promise", "agree", "decide", "want", "need", "seek", "try",
})

# Verbs that put what they govern on a timetable: "has scheduled a briefing Thursday",
# "plans to rally Saturday". Only in the present or present perfect: "planned ... for Saturday"
# in a past-tense report is as often a plan already carried out (or called off).
_SCHEDULING = frozenset({"schedule", "reschedule", "plan", "set", "postpone", "delay", "defer"})


def governing_verb(span: Span) -> Token | None:
    """The first verb (or auxiliary) above the span in the dependency tree, outside the span."""
    token = span.root
    for _ in range(12):
        outside = token.i < span.start or token.i >= span.end
        if outside and token.pos_ in ("VERB", "AUX"):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _verb_direction(verb: Token, depth: int = 0) -> Direction | None:
    if depth > 4:
        return None
    auxes = [child for child in verb.children if child.dep_ in _AUX_DEPS]
    lowers = {child.lower_ for child in auxes}
    if verb.lemma_ in _SCHEDULING and (verb.tag_ in ("VBZ", "VBP", "VBG") or lowers & {"has", "have"}):
        return "future"
    if lowers & _FUTURE_STRONG or verb.lower_ in _FUTURE_STRONG:
        return "future"
    if any(child.lower_ == "going" for child in auxes):
        return "future"
    if verb.tag_ == "VBD" or any(child.tag_ == "VBD" for child in auxes):
        # "was expected to", "were scheduled for" still point ahead of the verb, not the DCT;
        # leave them past, which is what news means most often.
        return "past"
    if verb.tag_ == "VBN" and (lowers & {"has", "have", "had", "'s", "'ve"} or not auxes):
        # Perfect tenses, and bare participles ("the year ended March 31") look back.
        return "past"
    if "would" in lowers and verb.tag_ in ("VB", "VBG") and "have" not in lowers:
        # The future in the past of reported speech: "said he would be traveling Thursday" is the
        # Thursday after the report. "would have ..." looks back, and "could"/"might" stay open.
        return "future"
    if verb.tag_ == "MD":
        return None
    if verb.tag_ == "VB" and any(child.tag_ == "TO" for child in verb.children):
        head = verb.head
        if head.i != verb.i and (head.lemma_ in _FUTURE_VERBS or (head.lemma_ == "be" and verb.dep_ == "xcomp")):
            return "future"  # "set to resume Monday", "is to meet Tuesday"
    if verb.tag_ == "VB" and verb.dep_ == "xcomp" and verb.head.i != verb.i:
        return _verb_direction(verb.head, depth + 1)
    if verb.tag_ in ("VBZ", "VBP") and verb.lemma_ in _REPORTING:
        return "past"  # headline present: "the ministry says Friday"
    if verb.tag_ == "VBG":
        head = verb.head
        if head.i != verb.i and head.pos_ in ("VERB", "AUX"):
            return _verb_direction(head, depth + 1)
    return None


def _timetable_present(span: Span, verb: Token) -> bool:
    """A bare day name modifying a simple-present verb: "the talks resume Monday".

    Why future: in the body of a report (headlines are not tagged) the simple present with a day
    name is the timetable present; reporting verbs ("says Friday") are the exception, handled as
    headline-style past by :func:`_verb_direction`. "follows Tuesday's vote" (a possessive) is not
    this use.
    """
    root = span.root
    if verb.tag_ not in ("VBZ", "VBP") or verb.lemma_ in _REPORTING or verb.lemma_ == "be":
        return False
    if root.head.i != verb.i or root.dep_ != "npadvmod":
        return False
    if any(child.dep_ in _AUX_DEPS for child in verb.children):
        return False
    return not (root.i + 1 < len(root.doc) and root.nbor(1).tag_ == "POS")


def direction_of(span: Span) -> Direction | None:
    """"past", "future" or ``None`` (present or unknown) for the expression ``span``."""
    verb = governing_verb(span)
    if verb is None:
        return None
    if _timetable_present(span, verb):
        return "future"
    return _verb_direction(verb)
