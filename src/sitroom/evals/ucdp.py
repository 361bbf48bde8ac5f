"""UCDP GED sample: the fatality count read from an event's source headline(s), scored as
inside the coder's [low, high] interval.

Why: UCDP coders give low/best/high deaths per event; a count we read from a headline is right
when it falls in that interval. Many headlines carry no number (a source tag and a date, a list of
names), so the result reports coverage (headlines where we read a killed count) beside accuracy
on those, and accuracy over every headline (a headline without a count scores as a miss).

The ceiling is low and the result reports it: the share of headlines in which *any* killed count
(round-ups included) falls inside [low, high]. UCDP codes one event per dyad, place and day and
splits a headline's toll between events, so on dev only 48 of 336 headlines (0.143) carry a
count inside the interval at all, and none of the headlines with a killed count that this reader
declines to read has one: ≥ 0.90 over headlines is out of reach for any headline reader.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, Iterator

from sitroom.evals.report import evalsets_dir, record_row, write_result
from sitroom.model import QuantityKind, QuantityScope
from sitroom.nlp.claims import document_quantities
from sitroom.nlp.parse import parse_many

__all__ = ["load_ucdp", "headline_count", "evaluate_ucdp"]


def load_ucdp(split: str, root: Path | None = None) -> Iterator[dict[str, str]]:
    """Rows of ``ucdp/ged-sample-<split>.csv``."""
    path = (root or evalsets_dir()) / "ucdp" / f"ged-sample-{split}.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh)


def _headline_text(raw: str) -> str:
    # Several headlines are joined with ";" — make each its own sentence.
    return ".\n".join(h.strip() for h in raw.split(";") if h.strip())


def headline_count(doc: Any, quantities: list[Any] | None = None) -> int | None:
    """The killed count a parsed headline states for one event, or ``None``.

    UCDP codes one event per clash, dyad and place. Counts that cover more are not read: those
    the product's extraction does not scope to the event (``Quantity.scope`` background or tally,
    :func:`~sitroom.nlp.claims.document_quantities`: "12 killed over the past two days", "70
    Yemenis were killed yesterday"), counts of killed and wounded together ("30 killed and wounded", read as
    casualties, not killed), and vague amounts ("scores": they bound, they do not count). Of what
    is left, the first count wins: joined headlines list the coder's sources in order, and the
    first is the one the event came from (corpus convention, kept here).
    """
    qs = quantities if quantities is not None else document_quantities(doc)
    values = [q.best if q.best is not None else q.low for q in qs
              if q.kind is QuantityKind.KILLED and q.qualifier.value != "vague" and q.scope == QuantityScope.EVENT]
    return values[0] if values else None


def evaluate_ucdp(split: str = "dev", *, record: bool = True) -> dict[str, Any]:
    """Score headline counts against [low, high] on ``split`` and record the result."""
    rows = [r for r in load_ucdp(split) if r.get("source_headline", "").strip()]
    n = covered = inside = reachable = 0
    misses = []
    for doc, row in parse_many(((_headline_text(r["source_headline"]), r) for r in rows), batch_size=64):
        n += 1
        quantities = document_quantities(doc)
        count = headline_count(doc, quantities)
        low, high = int(float(row["low"])), int(float(row["high"]))
        reachable += any(low <= (q.best if q.best is not None else q.low) <= high
                         for q in quantities if q.kind is QuantityKind.KILLED)
        if count is None:
            continue
        covered += 1
        if low <= count <= high:
            inside += 1
        elif len(misses) < 100:
            misses.append({"id": row["id"], "pred": count, "low": low, "high": high})
    result = {"corpus": "ucdp-ged-sample", "split": split, "headlines": n, "covered": covered,
              "coverage": round(covered / n, 4) if n else 0.0,
              "inside_when_covered": round(inside / covered, 4) if covered else 0.0,
              "inside_all": round(inside / n, 4) if n else 0.0,
              # ceiling: headlines where any killed count at all lies inside [low, high]
              "any_count_inside": round(reachable / n, 4) if n else 0.0}
    if record:
        write_result(f"ucdp-{split}", {**result, "misses": misses[:50]})
        record_row(f"ucdp-{split}", f"UCDP GED sample {split}: headline killed count inside [low, high]",
                   f"{result['inside_when_covered']:.3f} on {covered}/{n} covered ({result['inside_all']:.3f} of all; "
                   f"ceiling: any killed count inside in {result['any_count_inside']:.3f})",
                   "target ≥ 0.90", f"sitroom eval ucdp --split {split}")
    result["misses"] = misses
    return result
