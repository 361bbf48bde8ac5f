"""Settings come from one declared table; the registry holds the built-in parts by name."""

from __future__ import annotations

from dataclasses import fields

import pytest

import sitroom.engines.local  # noqa: F401 - registers the engines
import sitroom.engines.ray_engine  # noqa: F401
import sitroom.extraction  # noqa: F401 - registers the extractors
import sitroom.ingestion  # noqa: F401 - registers the readers
from sitroom.registry import Registry, all_registries
from sitroom.settings import SETTINGS, Settings, load_settings

# What is registered: a part that disappears must be noticed (update this list on purpose).
EXPECTED = {
    "readers": ["csv", "feed", "html", "jsonl", "text"],
    "engines": ["local", "ray"],
    "extractors": ["sitroom.actors.v1", "sitroom.attributions.v1", "sitroom.events.rules.v1",
                   "sitroom.places.gazetteer.v1", "sitroom.quantities.v1", "sitroom.times.timex3.v1"],
}


def test_every_setting_declared_once_and_matches_the_dataclass():
    names = [s.name for s in SETTINGS]
    assert len(names) == len(set(names))
    assert names == [f.name for f in fields(Settings)]
    defaults = Settings()
    for s in SETTINGS:
        assert getattr(defaults, s.name) == s.default, s.name
        assert s.help.strip()


def test_env_then_overrides():
    s = load_settings({"SITROOM_MAX_FEED_ITEMS": "7", "SITROOM_ALLOW_PRIVATE": "yes", "SITROOM_DB": "x.db"})
    assert (s.max_feed_items, s.allow_private, s.db_url) == (7, True, "x.db")
    assert load_settings({"SITROOM_MAX_FEED_ITEMS": "7"}, max_feed_items=9).max_feed_items == 9
    with pytest.raises(ValueError):
        load_settings({"SITROOM_ALLOW_PRIVATE": "perhaps"})
    with pytest.raises(ValueError):
        Settings().with_overrides(no_such_setting=1)
    assert Settings().db_url.startswith("sqlite:///")


def test_registry_contents_pinned():
    for name, expected in EXPECTED.items():
        assert all_registries()[name].names() == expected


def test_registry_rejects_double_registration():
    reg: Registry = Registry("thing")
    reg.add("a", 1)
    reg.add("a", 1)
    with pytest.raises(ValueError):
        reg.add("a", 2)
    with pytest.raises(KeyError, match="known: a"):
        reg.get("b")
