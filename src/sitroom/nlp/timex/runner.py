"""The JSONL runner behind ``sitroom timex FILE.jsonl``: records in, scorer records out.

Why here and not in the CLI: the eval and the CLI share it, and it stays a plain generator a
notebook can call. Texts are parsed in batches through the one spaCy pass (``parse_many``).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from ..parse import DEFAULT_MODEL, parse_many
from .find import find_timexes

__all__ = ["timex_jsonl", "timex_file", "parse_dct"]


def parse_dct(value: Any) -> date:
    """A record's ``dct``: an ISO date or datetime string (or a date)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError as exc:
        raise ValueError(f"dct {value!r} is not an ISO date") from exc


def timex_jsonl(lines: Iterable[Mapping[str, Any]], model: str = DEFAULT_MODEL,
                batch_size: int = 32) -> Iterator[dict[str, Any]]:
    """For each ``{doc_id, text, dct}`` record, yield ``{"doc_id", "timexes": [...]}``.

    Each timex is ``{"start", "end", "type", "value", "mod"}`` with character offsets into
    ``text``: the input format of ``../shared/evalsets/tools/timex_score.py``. Other record
    fields are ignored. A record without a usable ``dct`` raises ``ValueError`` naming it.
    """
    def pairs() -> Iterator[tuple[str, tuple[str, date]]]:
        for record in lines:
            yield str(record.get("text") or ""), (str(record.get("doc_id")), parse_dct(record.get("dct")))

    for doc, (doc_id, dct) in parse_many(pairs(), model=model, batch_size=batch_size):
        yield {"doc_id": doc_id, "timexes": [t.as_json() for t in find_timexes(doc, dct)]}


def timex_file(path: str | Path, model: str = DEFAULT_MODEL) -> Iterator[str]:
    """``sitroom timex FILE.jsonl``: one JSON line out per record in ``path`` (blank lines skipped).

    The CLI only prints what this yields; reading is lazy, so a large file streams.
    """
    def records() -> Iterator[dict[str, Any]]:
        with Path(path).open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    try:
                        yield json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise ValueError(f"{path}:{number}: not JSON ({exc.msg})") from exc

    for out in timex_jsonl(records(), model=model):
        yield json.dumps(out, ensure_ascii=False)
