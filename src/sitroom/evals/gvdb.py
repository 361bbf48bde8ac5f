"""GVDB (Gun Violence Database) evaluation: per article, number killed and injured, exact.

Why this corpus: its articles are local crime reports, a different register from conflict wire
copy, so it checks that the quantity reader generalises (singular victims, "shot and killed",
"no one was hurt"). Gold counts are the number of annotated victims marked killed / injured
(a victim marked only "hospitalized" counts as injured; the strict reading is reported too).
Per-article prediction (:func:`predict_counts`): the largest count of each kind in the lede,
among the figures the product scopes to the event (``Quantity.scope``), 0 when the article
states none. One dev article in six (63 of 400) has no victims annotated at all, and in about
40 of those the text reports someone shot; those stay misses, so about 0.90 is the ceiling for
an honest reader on this corpus. City and date come from our extraction (:mod:`sitroom.evals.gvdb_where`).
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any, Iterator

from sitroom.evals.gvdb_coding import attacker_death, attacker_victims, separate_opener
from sitroom.evals.gvdb_where import (
    city_matches, gold_date, predict_city, predict_date, publication_date, stamp_end, states_year, text_anchor,
    toll_sentences,
)
from sitroom.evals.report import evalsets_dir, record_row, write_result
from sitroom.extraction import make_document
from sitroom.geo.gazetteer import open_gazetteer
from sitroom.geo.geoparse import geoparse_doc
from sitroom.model import QuantityKind, QuantityScope
from sitroom.nlp.claims import build_claims, document_quantities
from sitroom.nlp.parse import parse_many, text_of
from sitroom.nlp.quantities import find_quantities
from sitroom.nlp.timex import time_mentions

__all__ = ["load_gvdb", "gold_counts", "predict_counts", "predict_city", "predict_date", "evaluate_gvdb"]

def load_gvdb(split: str, root: Path | None = None) -> Iterator[dict[str, Any]]:
    """Rows of ``gvdb/<split>.tsv`` as dicts (``Full text``, ``Json`` …)."""
    path = (root or evalsets_dir()) / "gvdb" / f"{split}.tsv"
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh, delimiter="\t")


def gold_counts(annotation: dict[str, Any], *, hospitalized_is_injured: bool = True) -> tuple[int, int]:
    """(killed, injured): the number of victims annotated with each outcome.

    A victim is counted once, by the worst outcome: killed, else injured. The annotation form
    had three boxes (injured, hospitalized, killed) and annotators often ticked only
    "hospitalized" for a wounded victim; a victim taken to hospital and not killed is one of the
    injured, so by default "hospitalized" alone counts as injured. ``hospitalized_is_injured=False``
    gives the strict reading (only the "injured" box), which the eval reports alongside.
    """
    victims = annotation.get("victim-section") or []
    hurt = {"injured", "hospitalized"} if hospitalized_is_injured else {"injured"}
    killed = sum(1 for v in victims if "killed" in (v.get("victim-was") or []))
    injured = sum(1 for v in victims if hurt & set(v.get("victim-was") or [])
                  and "killed" not in (v.get("victim-was") or []))
    return killed, injured


def _value(q: Any) -> int:
    return q.best if q.best is not None else q.low


#: Cues that say someone was hit or is being cared for, not how it ended: the same person is
#: often reported dead a line later, so these count as injured only when nobody died.
_HIT_CUES = ("shot", "shoot", "gunshot", "stab", "bullet", "shrapnel")
_CARE_CUES = frozenset({"recovering", "recovers", "recovered", "hospital", "condition", "clinic", "center", "centre",
                        "trauma", "infirmary", "wound", "wounds", "injury", "injuries"})

#: "another man", "a third cyclist", "two others": someone other than the people already counted,
#: so a wound or hospital stay said of them is not the dead victim's.
_OTHER_PERSON = frozenset({"another", "second", "third", "fourth", "other", "others"})

#: The lede: the title and this many body sentences state the incident's own toll.
LEDE_SENTENCES = 4


def predict_counts(doc: Any, every: list[Any] | None = None) -> tuple[int, int]:
    """(killed, injured) stated by one parsed article, for the incident it reports.

    ``every`` is the document's quantities as the product's claim assembly scopes them
    (:func:`~sitroom.nlp.claims.document_quantities`, computed when not given); only figures of
    the event itself (``Quantity.scope`` ``event``) are read, so this measures the product's own
    judgment of background ("since 2012", "this year", an earlier year) and round-ups. A count
    told of a separate happening ("In a separate shooting, ...":
    :func:`~sitroom.evals.gvdb_coding.separate_opener`) is that happening's own toll in the product,
    but not this article's incident, which is all GVDB codes: it is left out here.

    The rest is the corpus's per-article arithmetic (each a general reading of local crime news,
    chosen on dev), kept here because it is how GVDB codes an article, not what a claim says:
    the lede (title + first :data:`LEDE_SENTENCES` sentences) states the incident's toll, so its
    largest count of each kind wins and the rest of the article is used only when the lede
    states none; "was shot" names the shooting, not the outcome, so it counts as injured
    only when nobody died, unless it is said of someone else ("another man", a named survivor who
    is not the named dead); single victims who are distinct people add up (two different names,
    "his brother was also killed"); the attacker's own death ("then turned the gun on himself",
    "before police shot and killed him") adds one to the people he killed (GVDB counts the
    attacker among the dead; other datasets list him apart); no count stated means 0 (the corpus
    codes an absent count as no victims).
    """
    text = doc.text
    quantities = [q for q in (every if every is not None else document_quantities(doc))
                  if q.kind in (QuantityKind.KILLED, QuantityKind.INJURED) and q.scope == QuantityScope.EVENT
                  and separate_opener(doc, q) is None]
    lede_end = _lede_end(doc)
    lede = [q for q in quantities if q.span.start < lede_end]
    killed, injured, weak, any_k, any_i = _tally(lede, doc)
    if not any_k:
        killed = _tally(quantities, doc)[0]
    killed += _attacker_too(doc, lede or quantities, quantities, killed)
    if not (any_i or any_k):
        injured, weak = _tally(quantities, doc)[1:3]
    if killed:
        # "Three shot, one dead": a number of people shot that exceeds the dead counts the
        # survivors too.
        hit = max((_value(q) for q in (lede or quantities) if q.kind is QuantityKind.INJURED
                   and _is_hit(q, text) and _value(q) >= 2), default=0)
        return killed, max(injured, hit - killed)
    return killed, max(injured, weak)


def _attacker_too(doc: Any, counted: list[Any], every: list[Any], killed: int) -> int:
    """1 when the largest death count is of the people an attacker killed ("killing his five
    children") and the article also reports the attacker's own death ("later turned the gun on
    himself", "was killed by officers"): the two are different people, and the corpus counts both."""
    top = [q for q in counted if q.kind is QuantityKind.KILLED and _value(q) == killed and killed >= 1
           and not attacker_death(doc, q)]
    if not any(attacker_victims(doc, q) for q in top):
        return 0
    return int(any(attacker_death(doc, q) for q in every))


def _is_hit(q: Any, text: str) -> bool:
    cue = q.counted_span.quote(text).lower() if q.counted_span is not None else ""
    return cue.startswith(_HIT_CUES) or cue.endswith("shooting")


def _lede_end(doc: Any) -> int:
    body = doc.text.find("\n") + 1
    seen = 0
    for sent in doc.sents:
        if sent.start_char >= body:
            seen += 1
            if seen > LEDE_SENTENCES:
                return sent.start_char
    return len(doc.text)


def _tally(quantities: list[Any], doc: Any) -> tuple[int, int, int, bool, bool]:
    """(killed, injured, shot-but-outcome-unstated, any killed count, any injured count)."""
    text = text_of(doc)
    killed = injured = weak_injured = 0
    any_k = any_i = False
    dead_names = {_surname(doc, q) for q in quantities if q.kind is QuantityKind.KILLED} - {None}
    dead_nouns = {_new_person(doc, q) or "?" for q in quantities if q.kind is QuantityKind.KILLED}
    also = 0
    for q in quantities:
        if q.kind is QuantityKind.KILLED:
            killed, any_k = max(killed, _value(q)), True
            also += _value(q) == 1 and _surname(doc, q) is None and _also(doc, q) and not attacker_death(doc, q)
        else:
            any_i = True
            cue = q.counted_span.quote(text).lower() if q.counted_span is not None else ""
            name = _surname(doc, q)
            # "another man", a named person other than the named dead, "was also shot": not the dead victim
            other = not _OTHER_PERSON.isdisjoint(q.span.quote(text).lower().split()) or (
                name is not None and bool(dead_names) and name not in dead_names) or _also(doc, q) or (
                bool(dead_nouns) and "?" not in dead_nouns and _new_person(doc, q) not in dead_nouns | {None})
            if not other and (cue.startswith(_HIT_CUES) or cue.endswith("shooting") or cue in _CARE_CUES):
                # "was shot" names the shooting, not the outcome: the same victim is often
                # reported killed a line later, so it counts as injured only when nobody died.
                weak_injured = max(weak_injured, _value(q))
            else:
                injured = max(injured, _value(q))
    # "Mark Stone died at the scene. Luis Vega died at a hospital": two named dead; "his brother
    # was also killed": one more than the count before.
    singles = max(len(dead_names), 1) + also if any_k else 0
    killed = max(killed, singles if (also or len(dead_names) > 1) else 0)
    return killed, injured, weak_injured, any_k, any_i


def _new_person(doc: Any, q: Any) -> str | None:
    """The noun of an indefinite person phrase ("a woman", "an 18-year-old man" → "woman", "man"):
    an indefinite brings a new person into the story, so a woman shot is not the man killed."""
    toks = doc.char_span(q.span.start, q.span.end, alignment_mode="expand")
    if toks is None or q.best != 1 or toks[0].lower_ not in ("a", "an"):
        return None
    noun = toks.root.lemma_.lower()
    return None if noun in _GENERIC_PEOPLE else noun


_GENERIC_PEOPLE = frozenset({"person", "victim", "individual", "people", "one", "someone", "resident", "adult"})


def _also(doc: Any, q: Any) -> bool:
    """Whether the verb that says what happened to ``q`` is marked "also" ("was also killed")."""
    if q.counted_span is None:
        return False
    ev = doc.char_span(q.counted_span.start, q.counted_span.end, alignment_mode="expand")
    return ev is not None and any(c.dep_ == "advmod" and c.lower_ == "also" for c in ev.root.children)


def _surname(doc: Any, q: Any) -> str | None:
    """The last word of a count of one that is a person's name ("Tomas Varrell" → "varrell"), else None."""
    toks = doc.char_span(q.span.start, q.span.end, alignment_mode="expand")
    words = [t for t in toks or () if t.is_alpha and t.lower_ not in _NAME_SUFFIXES]
    if q.best != 1 or not words or not all(t.ent_type_ == "PERSON" for t in words):
        return None
    return words[-1].lower_


_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _text(row: dict[str, Any]) -> str:
    """The article with its title set off as a line: the corpus glues the title to the body
    ("...neighborhoodA 20-year-old man"), which would otherwise merge two sentences."""
    text, title = row.get("Full text") or "", (row.get("Article title") or "").strip()
    if title and text.startswith(title):
        return title + ".\n" + text[len(title):]
    return text


def evaluate_gvdb(split: str = "dev", *, limit: int | None = None, record: bool = True) -> dict[str, Any]:
    """Score killed/injured exact match per article on ``split`` and record the result.

    Returns:
        ``{"split", "n", "killed_exact", "injured_exact", "errors": [...first few...]}``.
    """
    rows = list(load_gvdb(split))[:limit]
    items = ((_text(r), r) for r in rows)
    gaz = open_gazetteer()
    n = k_ok = i_ok = i_strict_ok = c_n = c_ok = d_n = d_ok = d_pub = d_pub_ok = d_anchor = 0
    errors = []
    for doc, row in parse_many(items, batch_size=16):
        gold = json.loads(row["Json"])
        gk, gi = gold_counts(gold)
        found = find_quantities(doc)  # read once: the counts and the claims below share it
        published = publication_date(row.get("Article url") or "", doc.text)
        # without a publication date, only dates stated in full (with their year) resolve; the
        # latest of them stands in for the publication day
        anchor = published or text_anchor(doc.text)
        times = time_mentions(doc, anchor) if anchor else []
        if published is None:
            times = [t for t in times if states_year(t)]
        # the counts read the figures' scope as the product does: from the resolved dates when any
        pk, pi = predict_counts(doc, document_quantities(doc, found, times=times or None))
        n += 1
        k_ok += pk == gk
        i_ok += pi == gi
        i_strict_ok += pi == gold_counts(gold, hospitalized_is_injured=False)[1]
        # city and date: from the claims of our extraction (geoparsed places, TIMEX times)
        where = gold.get("date-and-time") or {}
        gold_city = (where.get("city") or {}).get("value", "").strip()
        gd = gold_date(where.get("date"))
        places = geoparse_doc(doc, gaz)
        claims = build_claims(doc, make_document(doc.text), place_mentions=places, time_mentions=times,
                              quantities=found)
        if gold_city:
            c_n += 1
            c_ok += city_matches(predict_city(doc, claims, places, doc.text.find("\n") + 1), gold_city)
        if gd is not None:
            d_n += 1
            d_pub += published is not None
            d_anchor += published is None and anchor is not None
            hit = predict_date(claims, times, anchor, stamp_end(doc.text), toll_sentences(doc)) == gd
            d_ok += hit
            d_pub_ok += hit and published is not None
        if (pk, pi) != (gk, gi) and len(errors) < 400:
            errors.append({"id": row.get("Article id"), "gold": [gk, gi], "pred": [pk, pi]})
    result = {"corpus": "gvdb", "split": split, "n": n,
              "killed_exact": round(k_ok / n, 4) if n else 0.0,
              "injured_exact": round(i_ok / n, 4) if n else 0.0,
              # the strict gold reading (only the "injured" box, not "hospitalized" alone)
              "injured_exact_strict": round(i_strict_ok / n, 4) if n else 0.0,
              "city_exact": round(c_ok / c_n, 4) if c_n else 0.0, "city_n": c_n,
              "date_exact": round(d_ok / d_n, 4) if d_n else 0.0, "date_n": d_n, "date_with_publication": d_pub,
              # no publication date but a date stated in full: the rest cannot resolve a relative
              # date at all ("on Saturday"), the ceiling of this measure
              "date_with_text_date_only": d_anchor,
              "date_ceiling": round((d_pub + d_anchor) / d_n, 4) if d_n else 0.0,
              "date_exact_with_publication": round(d_pub_ok / d_pub, 4) if d_pub else 0.0}
    if record:
        write_result(f"gvdb-{split}", {**result, "errors": errors[:50]})
        record_row(f"gvdb-{split}", f"GVDB {split}: killed / injured exact per article (n={n}); city exact "
                   f"(dateline, else the claims' event place, n={c_n}); date exact at day precision "
                   f"(claim event time, TIMEX against the URL's publication date; n={d_n}, {d_pub} with a "
                   f"publication date, {d_anchor} more with a full date in the text)",
                   f"{result['killed_exact']:.3f} / {result['injured_exact']:.3f} (injured, strict gold: "
                   f"{result['injured_exact_strict']:.3f}); city {result['city_exact']:.3f}; "
                   f"date {result['date_exact']:.3f} ({result['date_exact_with_publication']:.3f} where dated; "
                   f"ceiling {result['date_ceiling']:.3f}: no publication or full date in the rest)",
                   "target ≥ 0.90 each",
                   f"sitroom eval gvdb --split {split}")
    result["errors"] = errors
    return result
