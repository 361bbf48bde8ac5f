"""Polling one source: conditional GET, the fetcher's rules, URL lists, local files, bad items."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from httpserver import CannedServer, static
from watch_helpers import LOOPBACK_ONLY, T0, report, rss

from sitroom.settings import Settings
from sitroom.store.watch_alerts import SourceState, count_items, get_source_state, pending_document_ids
from sitroom.watch import Watcher, parse_config, poll_source
from sitroom.watch.config import SourceConfig, WatchOptions

OPTS = WatchOptions(timeout=2)
FETCH = {"policy": LOOPBACK_ONLY}
ITEMS = [report("Protest|Erbil|IQ", i, T0 + timedelta(hours=i)) for i in range(3)]


@pytest.fixture
def server():
    seen_headers: list[dict[str, str]] = []

    def conditional(handler):
        seen_headers.append(dict(handler.headers))
        if handler.headers.get("If-None-Match") == '"v1"' or handler.headers.get("If-Modified-Since") == "Sun, 01 Mar 2026 06:00:00 GMT":
            return 304, {"ETag": '"v1"'}, b""
        return 200, {"Content-Type": "application/rss+xml", "ETag": '"v1"', "Last-Modified": "Sun, 01 Mar 2026 06:00:00 GMT"}, rss("Wire", ITEMS)

    page = "<html><head><title>Page one</title></head><body><article><p>" + "A long article paragraph about a protest in Erbil. " * 5 + "</p></article></body></html>"
    routes = {
        "/feed": conditional,
        "/page": static(page),
        "/big": static(b"x" * 5000, "application/rss+xml"),
        "/bad-entries": static(rss("Bad", [report("Protest|Erbil|IQ", 1, T0)]).replace(b"Report 1", b"").replace(
            b"<description>", b"<description>x</description><description_ignored>"), "application/rss+xml"),
    }
    with CannedServer(routes) as s:
        s.seen_headers = seen_headers  # type: ignore[attr-defined]
        yield s


def _poll(store, source, state=None, **kw):
    return poll_source(store, source, state, settings=Settings(), options=kw.pop("options", OPTS), now=T0,
                       fetch_options=FETCH, **kw)


def test_conditional_get_round_trip(sqlite_store, server):
    src = SourceConfig("wire", "feed", 600, url=server.base + "/feed")
    first = _poll(sqlite_store, src)
    assert first.status == "ok" and len(first.new_documents) == 3 and first.etag == '"v1"'
    assert first.last_modified == "Sun, 01 Mar 2026 06:00:00 GMT"
    state = SourceState("wire", "feed", src.url or "", etag=first.etag, last_modified=first.last_modified)
    second = _poll(sqlite_store, src, state)
    assert second.status == "not_modified" and second.new_documents == []
    assert server.seen_headers[-1]["If-None-Match"] == '"v1"'
    assert server.seen_headers[-1]["If-Modified-Since"] == "Sun, 01 Mar 2026 06:00:00 GMT"
    # Without validators the feed comes again, but every item is recognised: nothing is stored twice.
    third = _poll(sqlite_store, src)
    assert third.status == "ok" and third.new_documents == [] and third.already_seen == 3
    assert sqlite_store.count_documents() == 3 and count_items(sqlite_store, "wire") == 3
    assert sorted(pending_document_ids(sqlite_store)) == sorted(first.new_documents)


def test_loopback_refused_without_a_policy(sqlite_store, server):
    src = SourceConfig("wire", "feed", 600, url=server.base + "/feed")
    result = poll_source(sqlite_store, src, None, settings=Settings(), options=OPTS, now=T0)
    assert result.status == "error" and "forbidden_address" in (result.error or "")
    assert server.hits.get("/feed", 0) == 0


def test_size_cap(sqlite_store, server):
    src = SourceConfig("big", "feed", 600, url=server.base + "/big")
    result = _poll(sqlite_store, src, options=WatchOptions(timeout=2, max_bytes=1000))
    assert result.status == "error" and "too_large" in (result.error or "")


def test_url_list_fetches_each_url_until_stored(sqlite_store, server):
    src = SourceConfig("pages", "urls", 600, urls=(server.base + "/page", server.base + "/missing"))
    first = _poll(sqlite_store, src)
    assert first.status == "ok" and len(first.new_documents) == 1 and len(first.skipped) == 1
    second = _poll(sqlite_store, src)
    assert second.new_documents == [] and second.already_seen == 1
    assert server.hits["/page"] == 1 and server.hits["/missing"] == 2  # the failed one is retried


def test_file_source_unchanged_is_not_modified(sqlite_store, tmp_path):
    path = tmp_path / "feed.xml"
    path.write_bytes(rss("Local", ITEMS[:2]))
    src = SourceConfig("local", "file", 600, path=path, outlet="Local Desk")
    first = _poll(sqlite_store, src)
    assert first.status == "ok" and len(first.new_documents) == 2
    assert sqlite_store.get_document(first.new_documents[0]).outlet == "Local Desk"
    state = SourceState("local", "file", str(path), etag=first.etag)
    assert _poll(sqlite_store, src, state).status == "not_modified"
    path.write_bytes(rss("Local", ITEMS))
    third = _poll(sqlite_store, src, state)
    assert third.status == "ok" and len(third.new_documents) == 1 and third.already_seen == 2
    missing = _poll(sqlite_store, SourceConfig("gone", "file", 600, path=tmp_path / "nope.xml"))
    assert missing.status == "error" and "unreadable" in (missing.error or "")


def test_bad_entry_skipped_once_and_remembered(sqlite_store, tmp_path):
    path = tmp_path / "feed.xml"
    path.write_bytes(b"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>"
                     b"<item><guid>tiny</guid><title>x</title><description>x</description></item></channel></rss>")
    src = SourceConfig("local", "file", 600, path=path)
    first = _poll(sqlite_store, src)
    assert first.status == "ok" and first.new_documents == [] and [s.reason for s in first.skipped] == ["empty"]
    path.write_bytes(path.read_bytes() + b" ")  # touched: read again, but the bad item is already known
    second = _poll(sqlite_store, src)
    assert second.skipped == [] and second.already_seen == 1


def test_stop_flag_ends_poll_after_current_document(sqlite_store, tmp_path):
    path = tmp_path / "feed.xml"
    path.write_bytes(rss("Local", ITEMS))
    stop = threading.Event()
    src = SourceConfig("local", "file", 600, path=path)
    result = _poll(sqlite_store, src, stop=stop, on_document=lambda _s, _d: stop.set())
    assert result.status == "interrupted" and len(result.new_documents) == 1
    assert result.etag is None  # validators not kept: the next poll reads everything again


def test_interrupted_source_is_polled_again_at_once(sqlite_store, tmp_path):
    path = tmp_path / "feed.xml"
    path.write_bytes(rss("Local", ITEMS))
    config = parse_config({"sources": [{"name": "local", "kind": "file", "path": str(path)}]})
    clock = lambda: T0  # noqa: E731
    watcher = Watcher(sqlite_store, config, Settings(), clock=clock)
    watcher.log = lambda line: watcher.stop.set() if "new document" in line else None
    report_ = watcher.run_cycle()
    assert report_.interrupted
    state = get_source_state(sqlite_store, "local")
    assert state is not None and state.etag is None and state.next_poll == T0
    watcher.stop.clear()
    watcher.log = lambda line: None
    watcher.run_cycle()
    assert sqlite_store.count_documents() == 3 and count_items(sqlite_store, "local") == 3
    state = get_source_state(sqlite_store, "local")
    assert state is not None and state.documents_new == 3 and state.etag is not None


def test_once_keeps_backoff_for_failing_sources(sqlite_store, tmp_path):
    good = tmp_path / "good.xml"
    good.write_bytes(rss("Good", ITEMS[:1]))
    config = parse_config({"sources": [{"name": "good", "kind": "file", "path": str(good)},
                                       {"name": "bad", "kind": "file", "path": str(tmp_path / "missing.xml")}]})
    watcher = Watcher(sqlite_store, config, Settings(), clock=lambda: T0)
    for _ in range(3):
        report_ = watcher.run_cycle(force=True)
    assert [p.source for p in report_.polls] == ["good"]  # "bad" waits for its backoff, "good" is polled
    bad = get_source_state(sqlite_store, "bad")
    assert bad is not None and bad.consecutive_failures == 1 and bad.next_poll > T0
