"""Analyst edits as pure functions: patch, merge, split, replay."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from builders import make_claim, make_document, make_claims_event
from hypothesis import given
from hypothesis import strategies as st

from sitroom.analyst import EditError, apply_patch, merge_events, reapply_edits, split_event
from sitroom.model import Contradiction, FusedValue


def claims(n: int):
    doc = make_document()
    return [make_claim(doc, f"c{i}") for i in range(n)]


def test_patch_fields_keeps_provenance():
    cs = claims(2)
    e = make_claims_event(cs, fields=(FusedValue("killed", None, ("c0", "c1"), low=3, best=None, high=5),))
    new = apply_patch(e, {"fields": {"killed": {"best": 4}, "injured": {"low": 1, "high": 1}}, "start": "2026-03-01"})
    killed = next(f for f in new.fields if f.name == "killed")
    assert (killed.low, killed.best, killed.high, killed.claim_ids) == (3, 4, 5, ("c0", "c1"))
    assert next(f for f in new.fields if f.name == "injured").claim_ids == ()
    assert new.start == date(2026, 3, 1)
    with pytest.raises(EditError):
        apply_patch(e, {"fields": {"killed": {"low": True}}})
    with pytest.raises(EditError):
        apply_patch(e, {"id": "other"})


def test_merge_then_split_returns_the_claims():
    cs = claims(4)
    a = make_claims_event(cs[:2], "a", start=date(2026, 3, 2), end=date(2026, 3, 2),
                   contradictions=(Contradiction("killed", ("c0",), ("c1",), 1, 2),))
    b = make_claims_event(cs[2:], "b", start=date(2026, 3, 1), end=date(2026, 3, 3))
    m = merge_events([a, b])
    assert m.claim_ids == ("c0", "c1", "c2", "c3") and (m.start, m.end) == (date(2026, 3, 1), date(2026, 3, 3))
    assert len(m.independent_chains) == 4 and m.contradictions == a.contradictions
    assert merge_events([a, b]).id == m.id
    rest, new = split_event(m, ["c1"])
    assert rest.claim_ids == ("c0", "c2", "c3") and new.claim_ids == ("c1",)
    assert rest.contradictions == () and new.contradictions == ()
    with pytest.raises(EditError):
        merge_events([a])
    with pytest.raises(EditError):
        split_event(m, ["zz"])


@given(st.sets(st.integers(0, 5), min_size=1, max_size=5))
def test_split_partitions_claims(moving):
    cs = claims(6)
    e = make_claims_event(cs, fields=(FusedValue("escaped", None, tuple(c.id for c in cs), low=1, best=2, high=3),))
    ids = [f"c{i}" for i in sorted(moving)]
    rest, new = split_event(e, ids)
    assert sorted(rest.claim_ids + new.claim_ids) == sorted(e.claim_ids)
    assert set(new.claim_ids) == set(ids)
    for part in (rest, new):
        for f in part.fields:
            assert set(f.claim_ids) <= set(part.claim_ids)
        for chain in part.independent_chains:
            assert set(chain) <= set(part.claim_ids)


def test_reapply_skips_patches_that_no_longer_apply():
    e = make_claims_event(claims(1), "e1", start=date(2026, 3, 5), end=date(2026, 3, 5))
    out = reapply_edits([e, replace(e, id="e2")], {"e1": [{"end": "2026-03-01"}, {"confidence": 0.1}]})
    assert out[0].end == date(2026, 3, 5) and out[0].confidence == 0.1
    assert out[1].confidence == e.confidence


def test_merge_lead_fields_win_and_others_are_kept():
    cs = claims(2)
    a = make_claims_event(cs[:1], "a", fields=(FusedValue("killed", None, ("c0",), low=3, best=3, high=3),))
    b = make_claims_event(cs[1:], "b", fields=(FusedValue("injured", None, ("c1",), low=1, best=1, high=1),
                                        FusedValue("killed", None, ("c1",), low=5, best=5, high=5)))
    m = merge_events([a, b])
    assert [(f.name, f.best) for f in m.fields] == [("killed", 3), ("injured", 1)]
