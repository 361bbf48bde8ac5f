"""``sitroom eval event-location``: is the place we call the event's place the one annotators chose?

Corpus: ``../shared/evalsets/event_location/labeled_text.jsonl.zip`` (Halterman 2019): sentences
with one ``VERB`` span (the event) and zero or more ``LOCATION`` spans (where it happened). Records
marked ``RELABEL`` in ``source`` form the test split; the rest form dev.

Measured over sentences with a gold location: *accuracy* = our chosen mention overlaps a gold
``LOCATION`` span; *candidate recall* = some mention we found overlaps one (the ceiling for the
choice); and, as a baseline, the accuracy of simply taking the first place named.
"""

from __future__ import annotations

import json
import time
import zipfile
from typing import Any, Iterator

from sitroom.evals.report import EvalsetsMissing, evalsets_dir, record_row, write_result
from sitroom.geo.event_place import add_place_phrases, choose_event_place
from sitroom.geo.gazetteer import Gazetteer, open_gazetteer
from sitroom.geo.resolve import resolve_mentions
from sitroom.geo.toponyms import find_toponyms
from sitroom.nlp.parse import DEFAULT_MODEL, parse_many

__all__ = ["evaluate_event_location", "load_records", "span_offsets"]


def span_offsets(rec: dict[str, Any], span: dict[str, Any]) -> tuple[int, int]:
    """Character offsets of an annotated span, read from its tokens.

    Why tokens: the annotation tool works on tokens, and in part of the corpus (most RELABEL
    records, a few hundred others) a span's ``start``/``end`` characters do not cover its own
    ``text`` while ``token_start``/``token_end`` do; where both agree they give the same offsets.
    """
    toks = rec.get("tokens") or []
    ts, te = span.get("token_start"), span.get("token_end")
    if isinstance(ts, int) and isinstance(te, int) and 0 <= ts <= te < len(toks):
        return toks[ts]["start"], toks[te]["end"]
    return span["start"], span["end"]


def load_records(split: str) -> Iterator[dict[str, Any]]:
    """Records of ``split`` (``dev``: every source but RELABEL; ``test``: RELABEL)."""
    path = evalsets_dir() / "event_location" / "labeled_text.jsonl.zip"
    if not path.exists():
        raise EvalsetsMissing(f"corpus file not found: {path}")
    with zipfile.ZipFile(path) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".jsonl") and "__MACOSX" not in n)
        with zf.open(name) as fh:
            for raw in fh:
                line = raw.decode("utf-8").strip()
                if not line:
                    continue
                data = json.loads(line)
                for rec in data if isinstance(data, list) else [data]:
                    is_test = rec.get("source") == "RELABEL"
                    if (split == "test") == is_test:
                        yield rec


def evaluate_event_location(split: str = "dev", *, gazetteer: Gazetteer | None = None, model: str = DEFAULT_MODEL,
                            limit: int | None = None, record: bool = True) -> dict[str, Any]:
    """Score :func:`sitroom.geo.event_place.choose_event_place` on the event_location corpus.

    Args:
        split: ``dev`` or ``test`` (RELABEL records; score only, never tune on them).
        gazetteer: an open gazetteer (default: :func:`open_gazetteer`).
        model: spaCy pipeline name.
        limit: use only the first ``limit`` usable sentences (never recorded).
        record: write ``bench/results/event-location-<split>.json`` and a ``BENCHMARKS.md`` row.
    """
    if split not in ("dev", "test"):
        raise ValueError("split must be dev or test")
    gaz = gazetteer or open_gazetteer()
    items = []
    for rec in load_records(split):
        spans = rec.get("spans") or []
        verbs = [s for s in spans if s.get("label") == "VERB"]
        locs = [span_offsets(rec, s) for s in spans if s.get("label") == "LOCATION"]
        if len(verbs) == 1 and locs and rec.get("text"):
            items.append((rec["text"], (span_offsets(rec, verbs[0]), locs)))
        if limit is not None and len(items) >= limit:
            record = False
            break
    started = time.perf_counter()
    n = correct = reachable = first_ok = no_choice = 0
    for doc, (verb, locs) in parse_many(items, model=model):
        vs, ve = verb
        trig_span = doc.char_span(vs, ve, alignment_mode="expand")
        if trig_span is None or not len(trig_span):
            continue
        n += 1
        mentions = add_place_phrases(doc, resolve_mentions(doc.text, find_toponyms(doc, gaz), gaz))

        def hits(m: Any) -> bool:
            return any(m.span.start < e and s < m.span.end for s, e in locs)

        literal = [m for m in mentions if m.kind not in ("metonym", "demonym", "embedded")]
        reachable += any(hits(m) for m in literal)
        first_ok += bool(literal) and hits(literal[0])
        chosen = choose_event_place(doc, trig_span, mentions)
        if chosen is None:
            no_choice += 1
        elif hits(mentions[chosen]):
            correct += 1
    result = {
        "split": split, "sentences": n, "accuracy": round(correct / n, 4) if n else 0.0,
        "candidate_recall": round(reachable / n, 4) if n else 0.0,
        "first_place_baseline": round(first_ok / n, 4) if n else 0.0,
        "no_choice": no_choice, "seconds": round(time.perf_counter() - started, 1),
    }
    if record:
        name = f"event-location-{split}"
        write_result(name, result)
        record_row(name, f"event place choice, event_location {split} ({'RELABEL' if split == 'test' else 'non-RELABEL'})",
                   f"accuracy {result['accuracy']:.3f} (candidate recall {result['candidate_recall']:.3f};"
                   f" first-place baseline {result['first_place_baseline']:.3f})",
                   "Halterman 2019 (no comparable figure); report, then raise",
                   f"sitroom eval event-location --split {split}")
    return result
