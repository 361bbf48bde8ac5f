"""The offline demo: two watch cycles over feeds built from the bundled reports, then the alerts.

Extraction and fusion are not merged yet, so the process hook here is a keyword stand-in
(``watch_helpers.keyword_process``); the demo itself runs with whatever hook the config names.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

from click.testing import CliRunner

from sitroom.alerts.atom import ATOM_NS
from sitroom.cli import main

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "examples" / "watch"))
import build_feeds  # noqa: E402


def test_demo_watch_cycles_raise_first_event_then_spike(tmp_path):
    folder = tmp_path / "watch"
    folder.mkdir()
    shutil.copy(ROOT / "examples" / "watch" / "sources.toml", folder / "sources.toml")
    feeds = folder / "feeds"
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    runner = CliRunner()

    def sitroom(*args: str) -> str:
        result = runner.invoke(main, ["--db", db, *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    watch = ["watch", "--config", str(folder / "sources.toml"), "--once", "--process", "watch_helpers:keyword_process"]
    counts = build_feeds.build(ROOT / "examples" / "reports", feeds, build_feeds.datetime.fromisoformat("2026-02-28T23:59:59+00:00"))
    assert sum(counts.values()) == 9 and len(counts) == 10
    out = sitroom(*watch)
    assert "10 source(s) polled (0 failed), 9 new document(s)" in out
    alerts = sitroom("alerts")
    assert "First Escape from detention or camp event in Al-Hasakah" in alerts and "Spike" not in alerts

    build_feeds.build(ROOT / "examples" / "reports", feeds, build_feeds.datetime.fromisoformat("2026-03-04T23:59:59+00:00"))
    out = sitroom(*watch)
    assert "12 new document(s)" in out
    alerts = sitroom("alerts", "--evidence", "3")
    assert "Spike:" in alerts and "Escape from detention or camp reports in Al-Hasakah (SY)" in alerts
    assert "Levant Wire Service" in alerts or "Gulf Monitor" in alerts  # the reports behind it, quoted

    again = sitroom(*watch)  # nothing new: no new alert, no update
    assert "0 new document(s)" in again

    atom = sitroom("alerts", "atom")
    feed = ET.fromstring(atom.encode())
    titles = [e.find("{%s}title" % ATOM_NS).text for e in feed.findall("{%s}entry" % ATOM_NS)]
    assert any("Spike" in t and "Al-Hasakah" in t for t in titles)

    sources = sitroom("sources", "--format", "json")
    assert sources.count('"consecutive_failures": 0') == 10

    listing = sitroom("alerts", "list", "--format", "json")
    first_id = listing.splitlines()[0].split('"id": ')[1].split(",")[0]
    assert "acknowledged" in sitroom("alerts", "ack", first_id, "--by", "tester")
    assert first_id not in [line.split('"id": ')[1].split(",")[0] for line in sitroom("alerts", "list", "--format", "json").splitlines()]
    result = runner.invoke(main, ["--db", db, "alerts", "ack", "99999"])
    assert result.exit_code == 1 and "no alert 99999" in result.output
