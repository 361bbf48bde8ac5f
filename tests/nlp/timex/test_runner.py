"""The JSONL runner and the TBAQ eval wiring."""

from __future__ import annotations

import pytest

from sitroom.nlp.timex import timex_jsonl
from sitroom.nlp.timex.runner import parse_dct

from .conftest import require_evalsets


def test_runner_emits_the_scorer_format():
    records = [
        {"doc_id": "a", "text": "Rebels attacked on Tuesday.", "dct": "2026-03-04"},
        {"doc_id": "b", "text": "Nothing to see.", "dct": "2026-03-04T08:00:00", "extra": 1},
    ]
    out = list(timex_jsonl(records))
    assert [o["doc_id"] for o in out] == ["a", "b"]
    assert out[0]["timexes"] == [
        {"start": 19, "end": 26, "type": "DATE", "value": "2026-03-03", "mod": None}]
    assert out[1]["timexes"] == []


def test_bad_dct_names_the_problem():
    with pytest.raises(ValueError, match="not an ISO date"):
        parse_dct("yesterday")


def test_eval_on_a_few_tbaq_documents():
    require_evalsets()
    from sitroom.evals.time import evaluate_time

    result = evaluate_time("dev", write=False, limit=8)
    assert result["scores"]["docs"] == 8
    assert 0.0 <= result["scores"]["relaxed"]["f1"] <= 1.0
    assert result["timing"]["timex_over_parse"] is not None


def test_timex_file_streams_json_lines(tmp_path):
    import json

    from sitroom.nlp.timex.runner import timex_file

    path = tmp_path / "in.jsonl"
    path.write_text('{"doc_id": "x", "text": "Talks ended yesterday.", "dct": "2026-03-04"}\n\n',
                    encoding="utf-8")
    lines = list(timex_file(path))
    assert [json.loads(line)["timexes"][0]["value"] for line in lines] == ["2026-03-03"]
