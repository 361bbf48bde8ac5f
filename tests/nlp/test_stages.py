"""Extraction stages are registered parts: each fills one input of claim assembly, and a plugin
can replace one by name without touching the others."""

from __future__ import annotations

import pytest

from sitroom.extraction import DEFAULT_STAGES, StageContext, extract, make_document, run_stages
from sitroom.model import Qualifier, Quantity, QuantityKind, Span
from sitroom.registry import extractors

TEXT = "Gunmen killed four villagers in Mosul on Tuesday, police said."


def test_every_default_stage_is_registered_and_runs(nlp):
    doc = nlp(TEXT)
    document = make_document(TEXT, published="2026-03-04T10:00:00+00:00", outlet="Example Wire")
    outputs = run_stages(doc, document, ctx=StageContext())
    assert set(outputs) == set(DEFAULT_STAGES)
    assert all(name in extractors for name in DEFAULT_STAGES.values())
    assert outputs["events"] and outputs["quantities"] and outputs["time_mentions"]


def test_a_plugin_replaces_one_stage_by_name(nlp, monkeypatch):
    name = "tests.always-seven.v1"

    def seven(doc, document, ctx):
        start = document.text.index("four")
        return [Quantity(low=7, high=7, best=7, kind=QuantityKind.KILLED, qualifier=Qualifier.EXACT,
                         span=Span(start, start + 4))]

    monkeypatch.setitem(extractors._items, name, seven)  # registered for this test only
    claims = extract(TEXT, published="2026-03-04", outlet="Example Wire", stages={"quantities": name})
    assert [q.best for c in claims for q in c.quantities] == [7]
    assert any(c.time is not None for c in claims)  # the other stages still ran


def test_an_unknown_input_name_is_an_error(nlp):
    with pytest.raises(KeyError, match="no extraction input named 'quantity'"):
        extract(TEXT, published="2026-03-04", stages={"quantity": "sitroom.quantities.v1"})
