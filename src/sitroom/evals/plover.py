"""PLOVER gold records: event-type accuracy after mapping our sub-types onto PLOVER categories.

Why: PLOVER (the successor of CAMEO) codes political events — diplomacy as well as violence —
one sentence at a time, with source and target actors. Our taxonomy is ACLED's (violence,
protest, strategic developments), so the score says how far a conflict typer carries onto a
general political ontology; the mapping lives in ``data/plover_map.json``. Records whose PLOVER
category has no counterpart among ours (DEMAND, REJECT, CONSULT, ...) count as misses in the
overall accuracy; ``reachable_accuracy`` restricts to categories the mapping can produce.
Source/target match: the subject / object phrase of our trigger's verb overlaps a gold
``actorText`` (case-insensitive containment either way).
"""

from __future__ import annotations

import json
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

from sitroom.evals.report import EvalsetsMissing, evalsets_dir, record_row, write_result
from sitroom.nlp.events import EventMention, classify_document, roles
from sitroom.nlp.parse import parse_many

__all__ = ["plover_map", "to_plover", "load_plover", "actor_match", "evaluate_plover"]

NONE = "NONE"


@lru_cache(maxsize=1)
def plover_map() -> dict[str, Any]:
    """The mapping file ``data/plover_map.json``, loaded once."""
    return json.loads(resources.files("sitroom.data").joinpath("plover_map.json").read_text(encoding="utf-8"))


def to_plover(code: str, trigger_lemma: str | None = None) -> str | None:
    """The PLOVER category of our sub-type ``code`` (refined by the trigger's lemma), or ``None``."""
    table = plover_map()
    by_trigger = table.get("by_trigger", {}).get(code, {})
    if trigger_lemma and trigger_lemma.lower() in by_trigger:
        return by_trigger[trigger_lemma.lower()]
    return table["by_sub_type"].get(code)


def load_plover(split: str = "dev", root: Path | None = None) -> list[dict[str, Any]]:
    """Gold records with a sentence (the file's documentation record is skipped)."""
    if split != "dev":
        raise EvalsetsMissing("PLOVER has only gold records for dev (gsr-dev.json)")
    path = (root or evalsets_dir()) / "plover" / "gsr-dev.json"
    if not path.exists():
        raise EvalsetsMissing(f"PLOVER gold records not found at {path}")
    records = json.loads(path.read_text(encoding="utf-8"))
    return [r for r in records if r.get("text") and r.get("event") and r["event"] != "DOCUMENT"]


def _actor_texts(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [a["actorText"].strip().lower() for a in value if isinstance(a, dict) and a.get("actorText")]


def actor_match(ours: str | None, gold: Iterable[str]) -> bool:
    """Whether our phrase and a gold actor text name the same actor (one contains the other)."""
    if not ours:
        return False
    ours = ours.strip().lower()
    return any(g and (g in ours or ours in g) for g in gold)


def _predict(doc: Any) -> tuple[str, EventMention | None]:
    m = classify_document(doc)
    if m is None:
        return NONE, None
    lemma = doc[m.anchor].lemma_.lower()
    return to_plover(m.code, lemma) or NONE, m


def evaluate_plover(split: str = "dev", *, record: bool = True) -> dict[str, Any]:
    """Score event-type accuracy (and source/target match) on the PLOVER gold records."""
    records = load_plover(split)
    reachable = {v for v in plover_map()["by_sub_type"].values() if v}
    reachable |= {v for sub in plover_map().get("by_trigger", {}).values() for v in sub.values()}
    gold, pred = [], []
    src_n = src_hit = tgt_n = tgt_hit = 0
    confusion: Counter[tuple[str, str]] = Counter()
    for doc, rec in parse_many(((r["text"], r) for r in records), batch_size=64):
        label, mention = _predict(doc)
        gold.append(rec["event"])
        pred.append(label)
        confusion[(rec["event"], label)] += 1
        if mention is None or label != rec["event"]:
            continue
        agent, patient = roles(doc, mention)
        gsrc, gtgt = _actor_texts(rec.get("source")), _actor_texts(rec.get("target"))
        if gsrc:
            src_n += 1
            src_hit += actor_match(doc.text[agent.start:agent.end] if agent else None, gsrc)
        if gtgt:
            tgt_n += 1
            tgt_hit += actor_match(doc.text[patient.start:patient.end] if patient else None, gtgt)
    n = len(gold)
    correct = sum(g == p for g, p in zip(gold, pred))
    typed = [(g, p) for g, p in zip(gold, pred) if p != NONE]
    reach = [(g, p) for g, p in zip(gold, pred) if g in reachable]
    per_cat = {c: round(sum(1 for g, p in zip(gold, pred) if g == c and p == c) / k, 3)
               for c, k in sorted(Counter(gold).items())}
    result: dict[str, Any] = {
        "corpus": "plover", "split": split, "n": n,
        "accuracy": round(correct / n, 4) if n else 0.0,
        "coverage": round(len(typed) / n, 4) if n else 0.0,
        "precision_when_typed": round(sum(g == p for g, p in typed) / len(typed), 4) if typed else 0.0,
        "reachable_n": len(reach),
        "reachable_accuracy": round(sum(g == p for g, p in reach) / len(reach), 4) if reach else 0.0,
        "source_match": round(src_hit / src_n, 4) if src_n else 0.0, "source_n": src_n,
        "target_match": round(tgt_hit / tgt_n, 4) if tgt_n else 0.0, "target_n": tgt_n,
        "per_category_recall": per_cat,
        "confusion": {f"{g}->{p}": k for (g, p), k in sorted(confusion.items())},
    }
    if record:
        write_result(f"plover-{split}", result)
        record_row(
            f"plover-{split}",
            f"PLOVER gold records {split}: event-type accuracy after mapping ACLED sub-types onto PLOVER (n={n}); "
            f"on the {len(reach)} records whose category the mapping can reach; source / target actor match "
            f"when the type is right",
            f"{result['accuracy']:.3f} all; {result['reachable_accuracy']:.3f} reachable "
            f"(coverage {result['coverage']:.2f}, precision {result['precision_when_typed']:.3f}); "
            f"source {result['source_match']:.2f} (n={src_n}) / target {result['target_match']:.2f} (n={tgt_n})",
            "none published; issue 3: report",
            f"sitroom eval plover --split {split}")
    return result
