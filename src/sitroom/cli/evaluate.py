"""``sitroom eval NAME``: score sitroom on a real corpus in ``../shared/evalsets``.

Each evaluation writes ``bench/results/<name>-<split>.json`` and replaces its row in
``BENCHMARKS.md``, with the best published figure beside ours. Test splits are held out: score
them, never tune on them.
"""

from __future__ import annotations

import importlib
import json
from typing import Any, Callable

import click

from ..evals.report import EvalsetsMissing
from . import main

#: name → (module, function, corpora or None). The function takes ``split`` (and ``corpus``).
EVALUATIONS: dict[str, tuple[str, str, tuple[str, ...] | None]] = {
    "gvdb": ("sitroom.evals.gvdb", "evaluate_gvdb", None),
    "case2021": ("sitroom.evals.case2021", "evaluate_case2021", None),
    "ucdp": ("sitroom.evals.ucdp", "evaluate_ucdp", None),
    "polnear": ("sitroom.evals.polnear", "evaluate_polnear", None),
    "plover": ("sitroom.evals.plover", "evaluate_plover", None),
    "time": ("sitroom.evals.time", "evaluate_time", None),
    "geo": ("sitroom.evals.geo", "evaluate_geo", ("geowebnews", "lgl", "geovirus", "trnews")),
    "event-location": ("sitroom.evals.event_location", "evaluate_event_location", None),
    "clustering": ("sitroom.evals.clustering", "evaluate_clustering", ("ecbplus", "gvc")),
}


def _function(name: str) -> Callable[..., dict[str, Any]]:
    module, func, _ = EVALUATIONS[name]
    return getattr(importlib.import_module(module), func)


def _summary(result: dict[str, Any]) -> dict[str, Any]:
    """The headline numbers of a result (everything that is not a long list or nested detail)."""
    return {k: v for k, v in result.items() if not isinstance(v, (list, dict)) or k in ("scores", "summary", "metrics")}


@main.command("eval")
@click.argument("name", type=click.Choice(sorted(EVALUATIONS)))
@click.option("--split", type=click.Choice(["dev", "test", "train"]), default="dev", show_default=True,
              help="train exists for some corpora only (clustering --corpus gvc).")
@click.option("--corpus", help="Corpus, for evaluations over several (geo, clustering).")
@click.option("--json", "as_json", is_flag=True, help="Print the whole result as JSON.")
def eval_cmd(name: str, split: str, corpus: str | None, as_json: bool) -> None:
    """Score one evaluation corpus; results go to bench/results/ and BENCHMARKS.md."""
    corpora = EVALUATIONS[name][2]
    kwargs: dict[str, Any] = {"split": split}
    if corpora:
        if corpus not in corpora:
            raise click.BadParameter(f"choose one of {', '.join(corpora)}", param_hint="--corpus")
        kwargs["corpus"] = corpus
    elif corpus:
        raise click.BadParameter(f"{name} has a single corpus", param_hint="--corpus")
    try:
        result = _function(name)(**kwargs)
    except EvalsetsMissing as exc:
        raise click.ClickException(str(exc)) from exc
    except FileNotFoundError as exc:
        raise click.ClickException(f"{name} has no {split} split here ({exc.filename})") from exc
    except ValueError as exc:  # an evaluation that knows its splits says which exist
        raise click.ClickException(str(exc)) from exc
    click.echo(json.dumps(result if as_json else _summary(result), indent=2, default=str))
