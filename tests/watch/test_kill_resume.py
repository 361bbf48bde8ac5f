"""A watcher process killed (SIGKILL) mid-cycle and restarted loses nothing and duplicates nothing;
SIGTERM finishes the current document and exits cleanly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from httpserver import CannedServer
from watch_helpers import T0, WebhookReceiver, days, report, rss

from sitroom.alerts.webhook import verify_signature
from sitroom.store import open_store
from sitroom.store.watch_alerts import count_items, list_alerts, list_deliveries, pending_document_ids

ROOT = Path(__file__).resolve().parents[2]
SECRET = "kill-test-secret"
N_STEADY, N_BURST = 24, 10


def _items():
    steady = [report("Protest|Erbil|IQ", d, T0 + days(d)) for d in range(N_STEADY)]
    burst = [report("Escape|Al-Hasakah|SY", i, T0 + days(N_STEADY - 2) + timedelta(hours=3 * i)) for i in range(N_BURST)]
    return steady, burst


@pytest.fixture
def env(tmp_path):
    steady, burst = _items()
    routes = {
        "/steady": lambda _h: (200, {"Content-Type": "application/rss+xml", "ETag": '"s1"'}, rss("Steady", steady)),
        "/burst": lambda _h: (200, {"Content-Type": "application/rss+xml", "ETag": '"b1"'}, rss("Burst", burst)),
    }
    with CannedServer(routes) as server, WebhookReceiver() as receiver:
        config = tmp_path / "sources.toml"
        config.write_text(f"""
[watch]
interval = "1h"
timeout = 5
allow_private = true   # the test server is on 127.0.0.1; nothing else is configured
process = "watch_helpers:slow_tag_process"

[[sources]]
name = "steady"
url = "{server.base}/steady"

[[sources]]
name = "burst"
url = "{server.base}/burst"

[alerts]
clock = "data"
[[alerts.rules]]
kind = "spike"
window_days = 3
[[alerts.webhooks]]
url = "{receiver.url}"
secret = "{SECRET}"
""", encoding="utf-8")
        db = tmp_path / "store.db"
        yield {"config": config, "db": db, "receiver": receiver, "total": len(steady) + len(burst)}


def _start(env, *extra: str) -> subprocess.Popen:
    pythonpath = os.pathsep.join([str(ROOT / "src"), str(ROOT / "tests"), os.environ.get("PYTHONPATH", "")])
    return subprocess.Popen(
        [sys.executable, "-u", "-m", "sitroom.cli", "--db", f"sqlite:///{env['db']}", "watch", "--config",
         str(env["config"]), *extra],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": pythonpath, "COLUMNS": "200"},
    )


def _wait_lines(proc: subprocess.Popen, needle: str, count: int, timeout: float = 30.0) -> list[str]:
    seen, lines, deadline = 0, [], time.monotonic() + timeout
    assert proc.stderr is not None
    while seen < count and time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        lines.append(line)
        seen += needle in line
    assert seen >= count, f"saw {seen} of {count} {needle!r} lines: {lines[-5:]}"
    return lines


def _counts(db: Path) -> dict[str, int]:
    with open_store(f"sqlite:///{db}") as store:
        return {"docs": store.count_documents(), "events": store.count_events(), "items": count_items(store),
                "pending": len(pending_document_ids(store, limit=10_000))}


def test_sigkill_mid_cycle_then_restart_loses_and_duplicates_nothing(env):
    # 1. Killed while ingesting.
    proc = _start(env)
    try:
        _wait_lines(proc, "new document", 5)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    first = _counts(env["db"])
    assert 5 <= first["docs"] and (first["docs"] < env["total"] or first["pending"] > 0)  # the cycle did not finish

    # 2. Restarted, killed again while the (slow) process hook works through the queue.
    proc = _start(env)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            c = _counts(env["db"])
            if c["events"] > first["events"] and c["pending"] > 0:
                break
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()

    # 3. A final run to completion.
    proc = _start(env, "--once")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    final = _counts(env["db"])
    assert final == {"docs": env["total"], "events": env["total"], "items": env["total"], "pending": 0}

    with open_store(f"sqlite:///{env['db']}") as store:
        spikes = [a for a in list_alerts(store, limit=None) if a.rule == "spike"]
        assert [a.data["stats"]["admin1"] for a in spikes] == ["Al-Hasakah"]
        assert all(d.status == "delivered" for d in list_deliveries(store))
    received = env["receiver"].received
    assert received and all(verify_signature(r.body, SECRET, r.headers["x-sitroom-signature"]) for r in received)
    deliveries = [json.loads(r.body)["delivery"] for r in received]
    assert len(deliveries) == len(set(deliveries))


def test_sigterm_finishes_current_document_and_exits_cleanly(env):
    proc = _start(env)
    try:
        _wait_lines(proc, "new document", 3)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "stopped" in out
    counts = _counts(env["db"])
    assert counts["docs"] == counts["items"]  # every stored document has its seen row, and vice versa
    with open_store(f"sqlite:///{env['db']}") as store:
        assert store.integrity() == "ok"
