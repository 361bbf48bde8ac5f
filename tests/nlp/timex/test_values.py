"""The TimeML value validator."""

from __future__ import annotations

import pytest

from sitroom.nlp.timex.values import is_valid_mod, is_valid_value


@pytest.mark.parametrize("value", [
    "2026-02-10", "2026-W06", "2026-W06-WE", "2026-02", "2026-Q1", "2026", "P3D", "PXD", "PT5H",
    "PAST_REF", "PRESENT_REF", "FUTURE_REF", "XXXX-WXX-2", "2026-03-03TNI", "2026-03-03T15:30",
    "199", "19", "2026-SU", "2026-H2", "P1.5Y", "XXXX-07", "1989-11-06T24:00",
])
def test_valid(value):
    assert is_valid_value(value)


@pytest.mark.parametrize("value", [
    "", "2026-13", "2026-W54", "2026-W9-", "P-1D", "PD", "2026-02-30x", "yesterday", "2026-Q5",
    "T12:00", "P3", "2026-W06-8",
])
def test_invalid(value):
    assert not is_valid_value(value)


def test_mods():
    assert is_valid_mod(None) and is_valid_mod("MID") and not is_valid_mod("MIDDLE")
