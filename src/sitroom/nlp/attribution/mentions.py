"""Attribution mentions read off the dependency parse: cue, speaker, cited and recipient sources,
content.

Why a separate layer: a *mention* is what one sentence says about who says what, close to the
parse and to how corpora such as PolNeAR annotate it (source span, cue span, content span). Chains
from the publishing outlet to the original source (:mod:`.chains`) are built from mentions, and the
PolNeAR evaluation scores mentions directly.

This module runs the rules and the document-wide filters; the rules live in modules with one job
each: :mod:`.verb_mentions` (one verb cue, drawing on :mod:`.speakers`, :mod:`.content`,
:mod:`.citing` and :mod:`.cue_words`), :mod:`.according`, :mod:`.layout`, :mod:`.attitudes`, and
the passes over all mentions in :mod:`.repairs`.

Patterns handled (see the tests for sentences of each kind):

* reporting verbs with a subject or a reported clause ("Y said …", "… , Y told X", "Y estimates
  that …"), inheriting the subject through ``xcomp``/``conj``/participles ("went on to say",
  "…, adding that");
* passives with an agent ("was reported by state TV") and without one ("it was reported that");
* "according to Y";
* "X, citing Y, said …" / "X reported, citing Y, …" (Y is the cited, original source), also when
  the parser hangs "citing Y" on the reported clause;
* "X was quoted (by Y) as saying …" (one cue, X speaks, Y is a link) and "Y quoted X (as) saying
  …" (X is the cited source);
* "officials put the death toll at 35" (an estimate, from the data file's ``estimate_phrases``);
* "Y told Reuters" (the recipient outlet is an intermediate link);
* belief and stance verbs ("believes that", "endorsed X", "lauded X", "vetoed the bill") when a
  speaker holds them, verbs whose object is a communication ("issued a statement", "posted a
  string of messages") — one cue with that noun ("sends a clear message") — and phrasal cues
  from the multiword list ("as the memo put it", "the mayor weighed in");
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
name swallowed by a preceding prepositional phrase, a speaker inside the quotation it introduces
or a later one, a sentence opening with the verb ("Said one official: …"), the nearer of two
subjects, and a second report coordinated inside the first one's clause ("said the country would
leave and suggested that …").

Filters, each measured on PolNeAR dev: no cue inside a quotation (the speaker's own words), none
with a second-person subject (first person is the writer of an opinion piece), no bare infinitive
or question ("to say", "Do you think"), no passive of perception or of a political act without an
agent ("a device was found", "the bill was approved"), no linking "prove" ("proved costly"), no
communication named again ("made the comments on Friday"), no "spoke" without a topic or only
with its terms ("speaking on condition of anonymity"), no hypothetical act ("would impose"), no
fixed phrase ("it goes without saying", from the data file's ``idioms``), no cue inside another
mention's source phrase ("an official who asked not to be named"), and no belief/stance cue, nor
reporting verb without words of its own, inside the content that follows another cue.
"""

from __future__ import annotations

from typing import Callable

from spacy.tokens import Doc

from sitroom.model import Span

from .according import according_mentions, trim_according
from .attitudes import (
    attitude_mentions,
    evidential_mentions,
    hearsay_mentions,
    intention_mentions,
    reaction_mentions,
)
from .base import Mention, inside, quoted_ranges, token_span
from .layout import (
    headline_tail_mentions,
    headline_verb_mentions,
    medium_mentions,
    nominal_mentions,
    punctuation_mentions,
    signed_quote_mentions,
)
from .lexicon import Lexicon, lexicon
from .repairs import merge_light_nouns, unquote_speaker
from .verb_mentions import verb_mention
from ..parse import text_of
from ..span_index import SpanIndex

__all__ = ["Mention", "find_mentions", "token_span", "quoted_ranges"]


def find_mentions(doc: Doc) -> list[Mention]:
    """Every attribution mention in ``doc``, in text order.

    Args:
        doc: a parsed document (tagger, parser and NER from :func:`sitroom.nlp.parse.parse`).

    Returns:
        Mentions sorted by cue position; a cue appears at most once.
    """
    lex = lexicon()
    quoted = quoted_ranges(text_of(doc))
    found = [m for m in _pattern_mentions(doc, lex) if not inside(quoted, m.cue.start)]
    taken = {m.cue.start for m in found}
    found += _verb_mentions(doc, lex, quoted, taken)
    found += [m for m in intention_mentions(doc, lex, taken) if not inside(quoted, m.cue.start)]
    taken = {m.cue.start for m in found}
    found += [m for m in headline_verb_mentions(doc, lex, taken) if not inside(quoted, m.cue.start)]
    taken = {m.cue.start for m in found}
    found += [m for m in medium_mentions(doc, lex, taken) if not inside(quoted, m.cue.start)]
    found.sort(key=lambda m: m.cue.start)
    found = merge_light_nouns(found, doc)
    found = [unquote_speaker(m, doc, quoted) for m in found]
    # A cue inside another mention's source phrase ("an official who asked not to be named said")
    # describes the source, it does not report anything.
    speakers = [m.speaker for m in found if m.speaker is not None]
    in_speaker = _holder(speakers)
    found = [m for m in found if not in_speaker(m.cue.start)]
    return _reported_only(_according_trimmed(found, doc), lex)


def _pattern_mentions(doc: Doc, lex: Lexicon) -> list[Mention]:
    """The mentions of the fixed patterns ("according to", "Name:", signed quotes, nouns, headline
    tails, attitudes, evidentials, reactions, hearsay), in that order; they take their cues before
    any verb does."""
    found: list[Mention] = according_mentions(doc, lex)
    found += punctuation_mentions(doc, lex)
    found += signed_quote_mentions(doc)
    found += nominal_mentions(doc, lex)
    found += headline_tail_mentions(doc)
    found += attitude_mentions(doc, lex)
    found += evidential_mentions(doc, lex)
    found += reaction_mentions(doc, lex)
    found += hearsay_mentions(doc, lex)
    return found


def _verb_mentions(doc: Doc, lex: Lexicon, quoted: list[tuple[int, int]], taken: set[int]) -> list[Mention]:
    """The mention of each verb outside quotations whose position no mention has taken
    (:func:`verb_mention`); each verb that makes one is added to ``taken``.

    Why the tag test first: :func:`verb_mention` answers None for a word neither tagged nor parsed
    as a verb; such words (most of them) are passed by the parse's numbers, before any string is read."""
    strings = doc.vocab.strings
    verb_pos = (strings["VERB"], strings["AUX"])
    verb_tags: dict[int, bool] = {}
    found: list[Mention] = []
    for tok in doc:
        if tok.pos not in verb_pos:
            tag = tok.tag
            is_vb = verb_tags.get(tag)
            if is_vb is None:
                is_vb = verb_tags[tag] = strings[tag][:2] == "VB"
            if not is_vb:
                continue
        if tok.idx in taken or inside(quoted, tok.idx):
            continue
        mention = verb_mention(tok, lex)
        if mention is not None:
            found.append(mention)
            taken.add(tok.idx)
    return found


def _according_trimmed(found: list[Mention], doc: Doc) -> list[Mention]:
    """"Residents said …, according to SANA": the according-to phrase is not part of what the
    residents said; each mention's content is trimmed of its sentence's according-to mentions."""
    text = text_of(doc)  # built on each access: once here
    according: dict[Span, list[Mention]] = {}  # by sentence: trim_according reads its own only
    for m in found:
        if m.pattern == "according":
            according.setdefault(m.sentence, []).append(m)
    return [trim_according(m, according.get(m.sentence, []), text) for m in found]


def _reported_only(found: list[Mention], lex: Lexicon) -> list[Mention]:
    """The mentions that are not part of what another mention reports.

    Stance and belief verbs inside another attribution's content are part of what is reported
    ("told reporters that the guards wanted …"), not attributions of their own. Only content
    after its cue counts: the clause before a parenthetical cue ("Trump admires Putin, comparing
    him favourably to …") is the cue's host, not words it reports, and quotations before a cue
    are already left out. A reporting verb there stays only with words of its own to report
    ("said that the mayor told them that …"), not as an act ("said the army would respond")."""
    contents = [
        m.content
        for m in found
        if m.content is not None and m.pattern != "nominal" and m.content.end > m.cue.start
    ]
    in_content = _holder(contents)
    return [
        m
        for m in found
        if (m.cue_lemma in lex.report_verbs and m.content is not None)
        or m.pattern not in ("verb", "attitude")
        or not in_content(m.cue.start)
    ]


def _holder(spans: list[Span]) -> Callable[[int], bool]:
    """Whether any of ``spans`` holds a position (``start <= position < end``), reading only the
    spans filed around it: a long report has thousands of speakers and contents."""
    index = SpanIndex(spans)

    def holds(position: int) -> bool:
        return any(spans[i].start <= position < spans[i].end for i in index.around(position))

    return holds
