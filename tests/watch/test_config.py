"""The watch config: every source kind, durations, and clear errors naming the bad key."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.alerts.config import QuantityRule, SpikeRule
from sitroom.watch import ConfigError, load_config, parse_config
from sitroom.watch.config import parse_duration

ROOT = Path(__file__).resolve().parents[2]


def test_example_config_loads():
    config = load_config(ROOT / "examples" / "watch" / "sources.toml")
    assert config.sources and all(s.kind == "file" for s in config.sources)
    assert all(s.path is not None and s.path.is_absolute() and s.path.parent.name == "feeds" for s in config.sources)
    assert config.alerts.clock == "data"
    assert any(isinstance(r, SpikeRule) and r.measure == "reports" for r in config.alerts.rules)


def test_full_config(tmp_path):
    raw = {
        "watch": {"interval": "10m", "timeout": 5, "backoff_max": "2h", "process": "pkg.mod:fn"},
        "sources": [
            {"name": "wire", "kind": "feed", "url": "https://wire.example/rss", "interval": "90s"},
            {"name": "pages", "kind": "urls", "urls": ["https://a.example/1", "https://a.example/1", "https://a.example/2"]},
            {"name": "local", "kind": "file", "path": "feeds/x.xml", "outlet": "Local Desk"},
        ],
        "alerts": {"rules": [{"kind": "large_quantity", "threshold": 500, "bound": "low"}],
                   "webhooks": [{"url": "https://hooks.example/x", "secret_env": "HOOK_SECRET"}]},
    }
    config = parse_config(raw, base=tmp_path, env={"HOOK_SECRET": "s3"})
    wire, pages, local = config.sources
    assert wire.interval == 90 and config.options.interval == 600 and config.options.backoff_max == 7200
    assert pages.urls == ("https://a.example/1", "https://a.example/2") and pages.interval == 600
    assert local.path == tmp_path / "feeds" / "x.xml" and local.outlet == "Local Desk"
    assert config.alerts.rules == (QuantityRule(name="large_quantity", threshold=500, bound="low"),)
    assert config.alerts.webhooks[0].secret == "s3"


@pytest.mark.parametrize(("raw", "message"), [
    ({"sources": [{"name": "x", "kind": "feed", "url": "file:///etc/passwd"}]}, "kind = \"file\""),
    ({"sources": [{"name": "x", "kind": "rss", "url": "https://a"}]}, "kind must be"),
    ({"sources": [{"kind": "feed", "url": "https://a"}]}, "name is required"),
    ({"sources": [{"name": "x", "url": "https://a", "intervall": 3}]}, "intervall"),
    ({"sources": [{"name": "x", "url": "https://a"}, {"name": "x", "url": "https://b"}]}, "duplicate"),
    ({"sources": [{"name": "x", "kind": "urls", "urls": ["ftp://a"]}]}, "only http"),
    ({"watch": {"interval": "soon"}}, "watch.interval"),
    ({"watch": {"jitter": 2}}, "jitter"),
    ({"alerts": {"rules": [{"kind": "spike", "p_value": 2}]}}, "p_value"),
    ({"alerts": {"rules": [{"kind": "spike", "measure": "tweets"}]}}, "measure"),
    ({"alerts": {"rules": [{"kind": "magic"}]}}, "kind must be"),
    ({"alerts": {"rules": [{"kind": "spike", "window": 3}]}}, "window"),
    ({"alerts": {"webhooks": [{"url": "https://h.example"}]}}, "secret"),
    ({"alerts": {"webhooks": [{"url": "https://h.example", "secret_env": "NOPE"}]}}, "NOPE"),
    ({"alerts": {"clock": "tomorrow"}}, "clock"),
    ({"extra": {}}, "unknown section"),
])
def test_errors_name_the_problem(raw, message):
    with pytest.raises(ConfigError, match=message):
        parse_config(raw, env={})


def test_bad_toml_and_missing_file(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[watch\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config(bad)
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "missing.toml")


@pytest.mark.parametrize(("value", "seconds"), [(30, 30), ("45s", 45), ("15m", 900), ("2h", 7200), ("1d", 86400), ("1.5h", 5400)])
def test_durations(value, seconds):
    assert parse_duration(value, "x") == seconds
