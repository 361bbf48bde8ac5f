"""GVDB (Gun Violence Database) evaluation: per article, number killed and injured, exact.

Why this corpus: its articles are local crime reports, a different register from conflict wire
copy, so it checks that the quantity reader generalises (singular victims, "shot and killed",
"no one was hurt"). Gold counts are the number of annotated victims marked killed / injured.
Per-article prediction: the largest killed (injured) count the article states, 0 when it states
none. City and date are left to the geoparsing and TIMEX stages.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
import json
import sys
from pathlib import Path
from typing import Any, Iterator

from sitroom.evals.report import evalsets_dir, record_row, write_result
from sitroom.model import QuantityKind
from sitroom.nlp.parse import parse_many
from sitroom.nlp.quantities import find_quantities

__all__ = ["load_gvdb", "gold_counts", "predict_counts", "predict_city", "evaluate_gvdb"]

# A wire dateline opening the body: "MILWAUKEE --", "AURORA, Colo. (CBS4) –", "HARTFORD, Connecticut —".
_DATELINE = re.compile(r"^\s*([A-Z][A-Z.'’ -]{2,40}?)(?:,\s*[A-Z][A-Za-z. ]{1,20})?\s*(?:\([^)]{1,30}\))?\s*(?:—|–|--|-)\s")


def load_gvdb(split: str, root: Path | None = None) -> Iterator[dict[str, Any]]:
    """Rows of ``gvdb/<split>.tsv`` as dicts (``Full text``, ``Json`` …)."""
    path = (root or evalsets_dir()) / "gvdb" / f"{split}.tsv"
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh, delimiter="\t")


def gold_counts(annotation: dict[str, Any]) -> tuple[int, int]:
    """(killed, injured): the number of victims annotated with each outcome."""
    victims = annotation.get("victim-section") or []
    killed = sum(1 for v in victims if "killed" in (v.get("victim-was") or []))
    injured = sum(1 for v in victims if "injured" in (v.get("victim-was") or [])
                  and "killed" not in (v.get("victim-was") or []))
    return killed, injured


def _value(q: Any) -> int:
    return q.best if q.best is not None else q.low


def predict_counts(doc: Any) -> tuple[int, int]:
    """(killed, injured) stated by one parsed article: the largest stated count of each kind."""
    killed = injured = weak_injured = 0
    text = doc.text
    for q in find_quantities(doc):
        if q.kind is QuantityKind.KILLED:
            killed = max(killed, _value(q))
        elif q.kind is QuantityKind.INJURED:
            cue = q.counted_span.quote(text).lower() if q.counted_span is not None else ""
            if cue.startswith(("shot", "shoot", "gunshot", "stab", "bullet", "shrapnel")) or cue.endswith("shooting"):
                # "was shot" names the shooting, not the outcome: the same victim is often
                # reported killed a line later, so it counts as injured only when nobody died.
                weak_injured = max(weak_injured, _value(q))
            else:
                injured = max(injured, _value(q))
    if killed == 0:
        injured = max(injured, weak_injured)
    return killed, injured


def _text(row: dict[str, Any]) -> str:
    """The article with its title set off as a line: the corpus glues the title to the body
    ("...neighborhoodA 20-year-old man"), which would otherwise merge two sentences."""
    text, title = row.get("Full text") or "", (row.get("Article title") or "").strip()
    if title and text.startswith(title):
        return title + ".\n" + text[len(title):]
    return text


@lru_cache(maxsize=1)
def _regions() -> frozenset[str]:
    """Names that are states or countries, never the city (pycountry: US states, all countries)."""
    import pycountry

    names = {sub.name.lower() for sub in pycountry.subdivisions.get(country_code="US")}
    names |= {c.name.lower() for c in pycountry.countries}
    names |= {"u.s.", "us", "usa", "america", "united states"}
    return frozenset(names)


def predict_city(doc: Any, body_start: int = 0) -> str | None:
    """The city of a local crime report: its dateline, else its first town-like place name.

    A baseline until geoparsing (issue 4) resolves places: datelines are how local news states
    where it happened; otherwise the first GPE that is not a state or a country.
    """
    m = _DATELINE.match(doc.text[body_start:])
    if m:
        return m.group(1).strip().rstrip(".").strip()
    places = [e for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC") and e.text.lower() not in _regions()
              and not e.text.lower().endswith((" county", " state"))]
    for ent in places:  # the body first, then the title
        if ent.label_ == "GPE" and ent.start_char >= body_start:
            return _clean(ent.text)
    for ent in places:
        if ent.label_ == "GPE":
            return _clean(ent.text)
    return None


def _clean(name: str) -> str:
    return re.sub(r"['’]s$", "", name.strip())


def evaluate_gvdb(split: str = "dev", *, limit: int | None = None, record: bool = True) -> dict[str, Any]:
    """Score killed/injured exact match per article on ``split`` and record the result.

    Returns:
        ``{"split", "n", "killed_exact", "injured_exact", "errors": [...first few...]}``.
    """
    rows = list(load_gvdb(split))[:limit]
    items = ((_text(r), r) for r in rows)
    n = k_ok = i_ok = c_n = c_ok = 0
    errors = []
    for doc, row in parse_many(items, batch_size=16):
        gold = json.loads(row["Json"])
        gk, gi = gold_counts(gold)
        pk, pi = predict_counts(doc)
        n += 1
        k_ok += pk == gk
        i_ok += pi == gi
        gold_city = ((gold.get("date-and-time") or {}).get("city") or {}).get("value", "").strip()
        if gold_city:
            body = doc.text.find("\n") + 1
            city = predict_city(doc, body)
            c_n += 1
            c_ok += city is not None and city.lower() == gold_city.lower()
        if (pk, pi) != (gk, gi) and len(errors) < 400:
            errors.append({"id": row.get("Article id"), "gold": [gk, gi], "pred": [pk, pi]})
    result = {"corpus": "gvdb", "split": split, "n": n,
              "killed_exact": round(k_ok / n, 4) if n else 0.0,
              "injured_exact": round(i_ok / n, 4) if n else 0.0,
              "city_exact": round(c_ok / c_n, 4) if c_n else 0.0, "city_n": c_n}
    if record:
        write_result(f"gvdb-{split}", {**result, "errors": errors[:50]})
        record_row(f"gvdb-{split}", f"GVDB {split}: killed / injured exact per article (n={n}); city exact "
                   f"(dateline baseline, n={c_n}); date not yet (needs the TIMEX stage)",
                   f"{result['killed_exact']:.3f} / {result['injured_exact']:.3f}; city {result['city_exact']:.3f}",
                   "target ≥ 0.90 each",
                   f"sitroom eval gvdb --split {split}")
    result["errors"] = errors
    return result
