"""How much of each geo corpus the offline gazetteer can reach at all: ceilings for acc@161 × coverage.

Why: the GeoWebNews target (acc@161 ≥ 0.95 at coverage ≥ 0.90) asks for at least 85.5 % of *all*
gold toponyms with coordinates to be resolved within 161 km. A resolver can only answer with an
entry of its gazetteer, so the share of gold toponyms for which *some* entry lies within 161 km is
an upper bound on that product, whatever the ranking. Three nested bounds are measured:

- ``by_name``: an entry read from the mention's own words (the resolver's candidate cascade:
  exact name, without a type word, demonym, phonetic key, known name inside a longer span);
- ``by_part``: or an entry named by any one-to-four-word part of the mention ("X University" → X);
- ``in_document``: or an entry named by any capitalised one-to-four-word string anywhere in the
  document — an oracle that always knows which co-mentioned place an unknown name lies in. Only
  this bound credits fallbacks that borrow another mention's place.

Only aggregate shares are computed and printed; no item, name or error of any file is shown, so
scoring a held-out test file here tunes nothing. ``ours`` is acc@161 × coverage from the latest
``sitroom eval geo`` result of the same file, when one exists.

Run: ``XDG_CACHE_HOME=... PYTHONPATH=src .venv/bin/python bench/geo_ceiling.py [--record]``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitroom.evals.geo import load_scorer  # noqa: E402
from sitroom.evals.report import evalsets_dir, record_row, write_result  # noqa: E402
from sitroom.geo.gazetteer import Gazetteer, open_gazetteer  # noqa: E402
from sitroom.geo.resolve import candidates_for  # noqa: E402

FILES = ("geowebnews-dev", "geowebnews-test", "lgl-dev", "geovirus-dev", "trnews-test")
NEEDED = {"geowebnews": 0.95 * 0.90}
_STRIP = ".,;:()[]\"'“”‘’!?"


class _Points:
    """Memoised coordinates of every entry a string names."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.memo: dict[str, list[tuple[float, float]]] = {}

    def __call__(self, text: str) -> list[tuple[float, float]]:
        if text not in self.memo:
            self.memo[text] = [(c.place.lat, c.place.lon) for c in self.gazetteer.lookup(text)]
        return self.memo[text]


def _grams(words: list[str], longest: int = 4) -> list[str]:
    return [" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, min(len(words), i + longest) + 1)]


def _document_points(text: str, points: _Points) -> list[tuple[float, float]]:
    found: list[tuple[float, float]] = []
    for gram in set(_grams(text.split())):
        gram = gram.strip(_STRIP)
        if gram[:1].isupper():
            found += points(gram)
    return found


def _near(scorer, gold: dict, points: list[tuple[float, float]]) -> bool:
    """Whether any of ``points`` lies within 161 km of the gold toponym."""
    return any(scorer.haversine_km(gold["lat"], gold["lon"], lat, lon) < 161 for lat, lon in points)


def ceilings(name: str, gazetteer: Gazetteer) -> dict[str, float | int]:
    """The three nested reachability shares of one corpus file (see the module docstring)."""
    scorer = load_scorer()
    points = _Points(gazetteer)
    n = by_name = by_part = in_document = 0
    for doc in scorer.load_jsonl(str(evalsets_dir() / "geo" / f"{name}.jsonl")):
        text, doc_points = doc["text"], None
        for gold in doc["toponyms"]:
            if not scorer.keep_gold(gold, doc["corpus"], "toponyms") or gold.get("lat") is None:
                continue
            n += 1
            mention = text[gold["start"]:gold["end"]]
            if _near(scorer, gold, [(c.place.lat, c.place.lon) for c in candidates_for(mention, gazetteer)[0]]):
                by_name += 1
            elif _near(scorer, gold, [p for part in _grams(mention.split()) for p in points(part)]):
                by_part += 1
            else:
                if doc_points is None:
                    doc_points = _document_points(text, points)
                if _near(scorer, gold, doc_points):
                    in_document += 1
    share = (lambda k: round(k / n, 4)) if n else (lambda k: 0.0)
    return {"n": n, "by_name": share(by_name), "by_part": share(by_name + by_part),
            "in_document": share(by_name + by_part + in_document)}


def ours(name: str) -> float | None:
    """acc@161 × coverage of the latest ``sitroom eval geo`` run on this file, if recorded."""
    path = ROOT / "bench" / "results" / f"geo-{name}.json"
    if not path.exists():
        return None
    geo = json.loads(path.read_text(encoding="utf-8")).get("geocoding") or {}
    if "acc@161" not in geo:
        return None
    return round(geo["acc@161"] * geo["coverage"], 4)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--record", action="store_true", help="write bench/results and a BENCHMARKS.md row")
    a = ap.parse_args(argv)
    gazetteer = open_gazetteer()
    result: dict[str, dict] = {}
    for name in FILES:
        if not (evalsets_dir() / "geo" / f"{name}.jsonl").exists():
            continue
        row = ceilings(name, gazetteer)
        row["ours"] = ours(name)
        row["needed"] = NEEDED.get(name.split("-")[0])
        result[name] = row
        print(name, json.dumps(row), flush=True)
    if a.record and result:
        write_result("geo-ceiling", {"files": result})
        cells = [f"{k} by name {v['by_name']:.3f} / by part {v['by_part']:.3f} / in document "
                 f"{v['in_document']:.3f} (ours {v['ours']:.3f})" for k, v in result.items() if v["ours"] is not None]
        record_row("geo-ceiling", "share of gold toponyms the offline gazetteer can place within 161 km at all "
                   "(upper bounds on acc@161 × coverage)", "; ".join(cells),
                   "GeoWebNews target needs 0.855 (0.95 × 0.90)", "bench/geo_ceiling.py --record")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
