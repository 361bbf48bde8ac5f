"""Where evaluation results go: a JSON file under ``bench/results/`` and a row in ``BENCHMARKS.md``.

Why one module: every ``sitroom eval`` and every ``bench/`` script reports the same way, so the
table in ``BENCHMARKS.md`` stays one table a reader can trust (each row names the command that
produced it and the best published figure beside ours).
"""

from __future__ import annotations

import importlib.util
import json
import os
import platform
import subprocess
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any, Mapping

__all__ = ["project_root", "evalsets_dir", "EvalsetsMissing", "write_result", "record_row", "load_scorer"]


class EvalsetsMissing(RuntimeError):
    """``../shared/evalsets`` (or one corpus in it) is not there: a user's clone has none."""


def project_root() -> Path:
    """The repository root (where ``BENCHMARKS.md`` lives); override with ``SITROOM_ROOT``."""
    env = os.environ.get("SITROOM_ROOT")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "pyproject.toml").exists() and (parent / "src" / "sitroom").exists():
            return parent
    return Path.cwd()


def evalsets_dir() -> Path:
    """``../shared/evalsets`` beside the project, or ``SITROOM_EVALSETS``."""
    env = os.environ.get("SITROOM_EVALSETS")
    path = Path(env) if env else project_root().parent / "shared" / "evalsets"
    if not path.is_dir():
        raise EvalsetsMissing(f"evaluation corpora not found at {path} (set SITROOM_EVALSETS)")
    return path


def _git_commit(root: Path) -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True,
                             text=True, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def write_result(name: str, result: Mapping[str, Any], root: Path | None = None) -> Path:
    """Write ``bench/results/<name>.json`` with the result plus when/where it was measured."""
    root = root or project_root()
    out_dir = root / "bench" / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    payload = {
        "name": name,
        "measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "commit": _git_commit(root),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        **result,
    }
    path = out_dir / f"{name}.json"
    path.write_text(json.dumps(payload, indent=2, sort_keys=True, default=str) + "\n", encoding="utf-8")
    return path


_HEADER = (
    "# Benchmarks\n\n"
    "Every row is written by a command (`sitroom eval …` or a script under `bench/`), which also writes\n"
    "the full JSON under `bench/results/`. Rerun the command to reproduce the row; a rerun replaces it.\n\n"
    "| key | what | ours | best published / target | command | measured |\n"
    "|---|---|---|---|---|---|\n"
)


def record_row(key: str, what: str, ours: str, published: str, command: str, root: Path | None = None) -> Path:
    """Add or replace the row ``key`` in ``BENCHMARKS.md``'s table."""
    root = root or project_root()
    path = root / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else _HEADER
    if "| key |" not in text:
        text = text.rstrip("\n") + "\n\n" + _HEADER
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    cells = [key, what, ours, published, f"`{command}`", when]
    row = "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |"
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith(f"| {key} |"):
            lines[i] = row
            break
    else:
        # Insert after the last table row so notes below the table stay below it.
        last = max(i for i, line in enumerate(lines) if line.startswith("|"))
        lines.insert(last + 1, row)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@lru_cache(maxsize=None)
def load_scorer(name: str, root: Path | None = None) -> ModuleType:
    """A shared scorer, ``<evalsets>/tools/<name>.py``, imported from where it lies.

    Why by path: the scorers are the neutral judges of every evaluation; they are never copied into
    the project, so they cannot drift or be tuned.
    """
    path = (root or evalsets_dir()) / "tools" / f"{name}.py"
    if not path.exists():
        raise EvalsetsMissing(f"scorer not found: {path}")
    spec = importlib.util.spec_from_file_location(f"sitroom_ext_{name}", path)
    if spec is None or spec.loader is None:
        raise EvalsetsMissing(f"cannot import scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
