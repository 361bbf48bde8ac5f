"""Fit the toponym ranker's weights on the geo dev corpora and measure them on held-out folds.

Why learned weights: the hand weights of :mod:`sitroom.geo.resolve` were tuned by eye on the dev
corpora and generalise unevenly. Here every candidate of every name carries the feature vector the
resolver sums (:data:`sitroom.geo.resolve.FEATURES`), and the weights are fitted by a softmax loss
over each name's readings (a name counts once per gold mention it matches), with L2 pulling them
toward the hand weights (``--prior hand``) or toward zero.

Labels. The corpora put a country or a region at different points (LGL and GeoVirus have Canada,
China or the US elsewhere than GeoNames), so a reading is a *positive* when it lies within 161 km of
the gold point (all such readings: that is what acc@161 rewards); when none does, the nearest
reading is the positive only if it is a country, continent, admin1 or region and at most half as
far as the next one. Other mentions (gold not among the readings, or one reading only) are skipped.

Focus and proximity features depend on the other names' scores, hence on the weights: features are
recomputed with the current weights and the fit repeated (``--rounds``).

Only dev files are read (geowebnews-dev, lgl-dev, geovirus-dev); test files are never opened. The
held-out protocol: leave one corpus out (fit on two, score the third with the real resolver and the
corpus scorer) and document-level 2-fold splits of GeoWebNews dev (fit on the other corpora plus one
half, score the other half), each beside the hand weights scored on the same documents.

Result (2026-11, see ``bench/results/geo-ranker-heldout.json``): the hand weights stay. No variant
beat them held out: softmax (L2 toward the hand weights 0.01-10 or toward zero), ``--loss hinge``,
``--no-balance``, ``--loss acc`` (direct accuracy), all features free or only the new ones
(capital, pop_top, pop_gap, admin_seat, pop_focus, cohesion) or only the context ones (focus,
proximity, qualifiers). Every fit lost 0.3-2 points on held-out GeoWebNews; GeoVirus gained
about 0.3.

Run: ``XDG_CACHE_HOME=... PYTHONPATH=src .venv/bin/python bench/fit_geo_ranker.py [--cache DIR]
[--write]``; ``--write`` fits on all three dev corpora and writes
``src/sitroom/data/geo/ranker_weights.json``.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import sys
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitroom.evals.geo import load_scorer  # noqa: E402
from sitroom.evals.report import evalsets_dir  # noqa: E402
from sitroom.geo.distance import haversine_km  # noqa: E402
from sitroom.geo.gazetteer import open_gazetteer  # noqa: E402
from sitroom.geo.geoparse import mention_record  # noqa: E402
from sitroom.geo.resolve import (FEATURES, HAND_WEIGHTS, WEIGHTS_FILE, Weights, candidate_features,  # noqa: E402
                                 resolve_mentions)
from sitroom.model import Precision  # noqa: E402

CORPORA = ("geowebnews-dev", "lgl-dev", "geovirus-dev")
#: Readings that may stand for a gold point put elsewhere by the corpus's own convention.
_AREAS = (Precision.COUNTRY, Precision.ADMIN1, Precision.REGION)
_STRUCTURAL = ("softmax_scale", "region_vote", "county_vote")


def load_corpus(name: str, cache: Path | None) -> list[tuple[str, str, list, dict]]:
    """``(doc_id, text, mentions, gold document)`` per document; mentions from the real tagger
    (parsed once, then read from ``cache`` when given)."""
    scorer = load_scorer()
    gold = scorer.load_jsonl(str(evalsets_dir() / "geo" / f"{name}.jsonl"))
    path = cache / f"{name}.pkl" if cache else None
    if path is not None and path.exists():
        with path.open("rb") as fh:
            parsed = pickle.load(fh)
    else:
        from sitroom.geo.toponyms import find_toponyms
        from sitroom.nlp.parse import parse_many

        gaz = open_gazetteer()
        parsed = [(doc_id, doc.text, find_toponyms(doc, gaz))
                  for doc, doc_id in parse_many(((d.get("text") or "", d["doc_id"]) for d in gold))]
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as fh:
                pickle.dump(parsed, fh)
    by_id = {d["doc_id"]: d for d in gold}
    return [(doc_id, text, mentions, by_id[doc_id]) for doc_id, text, mentions in parsed]


def _positives(cands: tuple, lat: float, lon: float) -> list[int] | None:
    """Indices of the readings counted correct for a gold point (see the module docstring)."""
    d = [haversine_km(lat, lon, c.place.lat, c.place.lon) for c in cands]
    pos = [i for i, km in enumerate(d) if km < 161]
    if pos:
        return pos
    order = sorted(range(len(d)), key=d.__getitem__)
    best = order[0]
    if cands[best].place.precision in _AREAS and (len(d) == 1 or d[best] * 2 <= d[order[1]]):
        return [best]
    return None


def instances(docs: list, w: Weights) -> list[tuple[np.ndarray, np.ndarray, float]]:
    """Training instances ``(features, positive mask, weight)`` of ``docs`` under weights ``w``."""
    scorer = load_scorer()
    gaz = open_gazetteer()
    out = []
    for _doc_id, text, mentions, doc in docs:
        gold = [t for t in doc["toponyms"] if scorer.keep_gold(t, doc["corpus"], "toponyms")]
        if not mentions or not gold:
            continue
        groups = candidate_features(text, mentions, gaz, w)
        group_of = {i: k for k, (idx, _c, _x) in enumerate(groups) for i in idx}
        spans = [{"start": m.span.start, "end": m.span.end} for m in mentions]
        for gi, mi in scorer.match(gold, spans, exact=False):
            t = gold[gi]
            k = group_of.get(mi)
            if t.get("lat") is None or k is None:
                continue
            _idx, cands, x = groups[k]
            if len(cands) < 2:
                continue
            pos = _positives(cands, t["lat"], t["lon"])
            if pos is None or len(pos) == len(cands):
                continue
            mask = np.zeros(len(cands), dtype=bool)
            mask[pos] = True
            out.append((np.asarray(x, dtype=float), mask, 1.0))
    return out


def fit(data: list[list[tuple[np.ndarray, np.ndarray, float]]], prior: np.ndarray, l2: float,
        steps: int = 600, free: np.ndarray | None = None, loss: str = "softmax", balance: bool = True) -> np.ndarray:
    """Weights minimising the mean loss over the instances (``balance``: each corpus weighing the
    same) plus ``l2/2 · |w - prior|²``; full-batch Adam from ``prior``. Only the features marked in
    ``free`` move. ``loss``: ``softmax`` (multi-positive: -log of the positives' share) or
    ``hinge`` (best positive above every negative by a margin of 1)."""
    xs, gid, pos, gw = [], [], [], []
    n_groups = 0
    total = sum(len(inst) for inst in data)
    for inst in data:
        share = 1.0 / max(1, len(inst)) if balance else len(data) / max(1, total)
        for x, mask, weight in inst:
            xs.append(x)
            gid.append(np.full(len(x), n_groups))
            pos.append(mask)
            gw.append(weight * share)
            n_groups += 1
    X = np.vstack(xs)
    G = np.concatenate(gid)
    P = np.concatenate(pos)
    W = np.asarray(gw) / len(data)
    w = prior.copy()
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    lr, b1, b2 = 0.05, 0.9, 0.999
    for t in range(1, steps + 1):
        s = X @ w
        top = np.full(n_groups, -np.inf)
        np.maximum.at(top, G, s)
        e = np.exp(s - top[G])
        z_all = np.bincount(G, e, n_groups)
        z_pos = np.bincount(G, e * P, n_groups)
        # d/ds of log z_all - log z_pos, per candidate, times the group's weight.
        if loss == "softmax":
            ds = (e / z_all[G] - P * e / np.maximum(z_pos[G], 1e-300)) * W[G]
        else:
            # Smooth hinge: softplus(1 + softmax-max of negatives - softmax-max of positives).
            z_neg = z_all - z_pos
            lse_pos = np.log(np.maximum(z_pos, 1e-300)) + top
            lse_neg = np.log(np.maximum(z_neg, 1e-300)) + top
            sig = 1.0 / (1.0 + np.exp(-(1.0 + lse_neg - lse_pos)))
            ds = sig[G] * ((1 - P) * e / np.maximum(z_neg[G], 1e-300) - P * e / np.maximum(z_pos[G], 1e-300)) * W[G]
        grad = X.T @ ds + l2 * (w - prior)
        if free is not None:
            grad = grad * free
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad * grad
        w = w - lr * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + 1e-8)
    return w


def search(data: list[list[tuple[np.ndarray, np.ndarray, float]]], start: np.ndarray, free: np.ndarray,
           sweeps: int = 2, min_gain: float = 0.002) -> np.ndarray:
    """Coordinate search on the accuracy itself (the share of instances whose best-scored reading
    is a positive, each corpus weighing the same): per feature, a grid of values around the
    current one; a move needs a gain of ``min_gain``, and among the best values the median is
    taken (the middle of the plateau, farthest from the decision boundaries)."""
    xs = [np.vstack([x for x, _m, _w in inst]) for inst in data]
    gs = [np.concatenate([np.full(len(x), k) for k, (x, _m, _w) in enumerate(inst)]) for inst in data]
    ps = [np.concatenate([m for _x, m, _w in inst]) for inst in data]

    def acc(w: np.ndarray) -> float:
        out = []
        for X, G, P in zip(xs, gs, ps):
            s_ = X @ w
            n = G[-1] + 1
            top = np.full(n, -np.inf)
            np.maximum.at(top, G, s_)
            best_pos = np.full(n, -np.inf)
            np.maximum.at(best_pos, G[P], s_[P])
            out.append(float(np.mean(best_pos >= top)))
        return float(np.mean(out))

    w = start.copy()
    cur = acc(w)
    for _ in range(sweeps):
        moved = False
        for j in np.flatnonzero(free):
            scale = max(abs(w[j]), 1.0)
            grid = w[j] + scale * np.linspace(-0.6, 0.6, 25)
            vals = []
            for v in grid:
                w2 = w.copy()
                w2[j] = v
                vals.append(acc(w2))
            best = max(vals)
            if best >= cur + min_gain:
                at = [v for v, a_ in zip(grid, vals) if a_ == best]
                w[j] = at[len(at) // 2]
                cur = best
                moved = True
        if not moved:
            break
    return w


def to_weights(vec: np.ndarray, base: Weights = HAND_WEIGHTS) -> Weights:
    return replace(base, **{f: float(round(v, 4)) for f, v in zip(FEATURES, vec)})


def learn(train: list[list], prior_kind: str, l2: float, rounds: int, free: tuple[str, ...] = (),
          **kw: Any) -> Weights:
    """Fit on the document lists in ``train`` (one list per corpus), recomputing the
    weight-dependent features between rounds; ``free``: the features that may move (all if empty)."""
    w = HAND_WEIGHTS
    prior = np.asarray(HAND_WEIGHTS.vector()) if prior_kind == "hand" else np.zeros(len(FEATURES))
    mask = np.asarray([1.0 if not free or f in free else 0.0 for f in FEATURES])
    for _ in range(rounds):
        data = [instances(docs, w) for docs in train]
        if kw.get("loss") == "acc":
            w = to_weights(search(data, np.asarray(w.vector()), mask, min_gain=kw.get("min_gain", 0.002)))
        else:
            w = to_weights(fit(data, prior, l2, free=mask, loss=kw.get("loss", "softmax"),
                               balance=kw.get("balance", True)))
    return w


def score(docs: list, w: Weights) -> dict[str, Any]:
    """acc@161 and coverage of ``docs`` under ``w`` (the real resolver and the corpus scorer)."""
    scorer = load_scorer()
    gaz = open_gazetteer()
    gold, preds = [], {}
    for doc_id, text, mentions, doc in docs:
        # The same filter as sitroom.evals.geo.evaluate_geo.
        res = [m for m in resolve_mentions(text, mentions, gaz, w=w) if m.place is not None or len(m.text.split()) > 1]
        preds[doc_id] = [mention_record(m) for m in res]
        gold.append(doc)
    geo = scorer.score(gold, preds, "toponyms")["geocoding"]
    return {"acc@161": geo.get("acc@161", 0.0), "coverage": geo["coverage"], "n": geo["n"]}


def folds(corpora: dict[str, list], seeds: int) -> list[tuple[str, list[list], list]]:
    """(name, training corpora, held-out documents): leave one corpus out, then GWN dev halves."""
    out = []
    for held in CORPORA:
        out.append((f"LOCO {held}", [corpora[c] for c in CORPORA if c != held], corpora[held]))
    gwn = corpora["geowebnews-dev"]
    for seed in range(seeds):
        ids = [d[0] for d in gwn]
        random.Random(seed).shuffle(ids)
        half = set(ids[: len(ids) // 2])
        a = [d for d in gwn if d[0] in half]
        b = [d for d in gwn if d[0] not in half]
        others = [corpora["lgl-dev"], corpora["geovirus-dev"]]
        out.append((f"GWN s{seed} A→B", others + [a], b))
        out.append((f"GWN s{seed} B→A", others + [b], a))
    return out


def options(a: argparse.Namespace) -> dict[str, Any]:
    return {"loss": a.loss, "balance": not a.no_balance, "min_gain": a.min_gain}


def heldout(corpora: dict[str, list], a: argparse.Namespace) -> dict[str, Any]:
    """Hand against learned weights on every held-out fold (see :func:`folds`)."""
    rows = []
    print(f"{'fold':<22} {'hand acc@161':>12} {'learned':>8}  coverage hand/learned")
    for name, train, held in folds(corpora, a.seeds):
        w = learn(train, a.prior, a.l2, a.rounds, a.free, **options(a))
        h, l_ = score(held, HAND_WEIGHTS), score(held, w)
        rows.append({"fold": name, "hand": h, "learned": l_})
        print(f"{name:<22} {h['acc@161']:>12.4f} {l_['acc@161']:>8.4f}  {h['coverage']:.4f}/{l_['coverage']:.4f}",
              flush=True)

    def mean(sel: list[dict], who: str) -> float:
        return round(float(np.mean([r[who]["acc@161"] for r in sel])), 4)

    loco, gwn = rows[:3], [r for r in rows if r["fold"].startswith("GWN") or r["fold"].endswith("geowebnews-dev")]
    summary = {"LOCO mean": {"hand": mean(loco, "hand"), "learned": mean(loco, "learned")},
               "GWN held-out mean": {"hand": mean(gwn, "hand"), "learned": mean(gwn, "learned")}}
    for k, v in summary.items():
        print(f"{k}: hand {v['hand']:.4f} learned {v['learned']:.4f}")
    adopt = all(v["learned"] > v["hand"] for v in summary.values())
    print("learned weights beat the hand weights held out:", "yes" if adopt else "no")
    return {"config": {"prior": a.prior, "l2": a.l2, "rounds": a.rounds, "seeds": a.seeds, "free": a.free,
                       **options(a)},
            "folds": rows, "summary": summary, "learned_better": adopt}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", type=Path, help="directory for parsed mentions (pickles; not committed)")
    ap.add_argument("--prior", choices=("hand", "zero"), default="hand", help="what the L2 term pulls toward")
    ap.add_argument("--l2", type=float, default=0.05)
    ap.add_argument("--rounds", type=int, default=2, help="fits, each on features recomputed with the last weights")
    ap.add_argument("--loss", choices=("softmax", "hinge", "acc"), default="softmax",
                    help="acc: coordinate search on the accuracy itself instead of a gradient fit")
    ap.add_argument("--min-gain", type=float, default=0.002, help="with --loss acc: least gain for a move")
    ap.add_argument("--no-balance", action="store_true", help="weigh instances, not corpora, the same")
    ap.add_argument("--free", nargs="*", default=(), help="features that may move (default: all)")
    ap.add_argument("--seeds", type=int, default=2, help="random 2-fold splits of GWN dev")
    ap.add_argument("--record", action="store_true", help="write bench/results/geo-ranker-heldout.json")
    ap.add_argument("--write", action="store_true",
                    help=f"fit on all dev corpora and write {WEIGHTS_FILE.name} if the learned weights win held out")
    ap.add_argument("--force", action="store_true", help="with --write: write even if they do not")
    a = ap.parse_args()
    corpora = {c: load_corpus(c, a.cache) for c in CORPORA}
    result = heldout(corpora, a)
    if a.record:
        from sitroom.evals.report import record_row, write_result

        write_result("geo-ranker-heldout", result)
        g, lo = result["summary"]["GWN held-out mean"], result["summary"]["LOCO mean"]
        record_row("geo-ranker-heldout", "toponym ranking: fitted vs hand weights on held-out dev folds",
                   f"acc@161 GWN dev held out (LOCO + doc halves) hand {g['hand']:.3f} / fitted {g['learned']:.3f}; "
                   f"leave-one-corpus-out mean hand {lo['hand']:.3f} / fitted {lo['learned']:.3f}; "
                   + ("fitted weights adopted" if result["learned_better"] else "hand weights kept"),
                   "— (hand weights were tuned on these dev corpora: in-sample for them)",
                   "bench/fit_geo_ranker.py --record")
    if a.write and (result["learned_better"] or a.force):
        w = learn([corpora[c] for c in CORPORA], a.prior, a.l2, a.rounds, a.free, **options(a))
        doc = {
            "about": "Ranking weights of sitroom.geo.resolve, fitted by bench/fit_geo_ranker.py on the geo dev "
                     "corpora (geowebnews-dev, lgl-dev, geovirus-dev); see that script.",
            "fit": result["config"], "heldout": result["summary"],
            "weights": {f.name: getattr(w, f.name) for f in fields(Weights) if f.name not in _STRUCTURAL},
        }
        WEIGHTS_FILE.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS_FILE}")
        for f in FEATURES:
            print(f"  {f:<20} hand {getattr(HAND_WEIGHTS, f):>7.3f}  learned {getattr(w, f):>7.3f}")
    elif a.write:
        print("not written: the hand weights did as well or better held out (--force to write anyway)")


if __name__ == "__main__":
    main()
