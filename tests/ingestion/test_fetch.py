"""URL fetching under sitroom's rules, against a server on loopback only."""

from __future__ import annotations

import gzip
import ipaddress

import pytest

from httpserver import CannedServer, slow, static
from sitroom.ingestion.errors import IngestError, Reason
from sitroom.ingestion.fetch import address_allowed, fetch

LOOPBACK_ONLY = lambda ip: ip == ipaddress.ip_address("127.0.0.1")  # noqa: E731 - a test policy


@pytest.fixture
def server():
    routes = {
        "/page": static("<html><body><p>Report text about the camp.</p></body></html>"),
        "/latin": static("café".encode("cp1252"), "text/plain; charset=windows-1252"),
        "/to-private": static(b"", status=302, Location="http://10.1.2.3/secret"),
        "/to-page": static(b"", status=301, Location="/page"),
        "/loop": static(b"", status=302, Location="/loop"),
        "/big": static(b"x" * 5000, "text/plain"),
        "/bomb": static(gzip.compress(b"a" * 100_000), "text/plain", **{"Content-Encoding": "gzip"}),
        "/gz": static(gzip.compress(b"zipped words"), "text/plain", **{"Content-Encoding": "gzip"}),
        "/error": static(b"oops", "text/plain", status=500),
        "/slow": slow(2.0),
        "/etag": lambda h: ((304, {"ETag": '"v1"'}, b"") if h.headers.get("If-None-Match") == '"v1"'
                            else (200, {"Content-Type": "text/plain", "ETag": '"v1"'}, b"fresh body")),
    }
    with CannedServer(routes) as srv:
        yield srv


def test_loopback_refused_by_default_without_any_request(server):
    with pytest.raises(IngestError) as err:
        fetch(server.base + "/page")
    assert err.value.reason is Reason.FORBIDDEN_ADDRESS
    assert server.hits == {}


@pytest.mark.parametrize("ip,ok", [("8.8.8.8", True), ("10.0.0.1", False), ("192.168.1.1", False), ("169.254.169.254", False),
                                    ("127.0.0.1", False), ("::1", False), ("fe80::1", False), ("::ffff:10.0.0.1", False),
                                    ("0.0.0.0", False), ("100.64.0.1", False), ("2606:4700::1111", True)])
def test_address_rule(ip, ok):
    assert address_allowed(ipaddress.ip_address(ip)) is ok


def test_allow_private_fetches(server):
    got = fetch(server.base + "/page", allow_private=True)
    assert got.status == 200 and got.content_type == "text/html" and b"camp" in got.body


def test_charset_from_header(server):
    got = fetch(server.base + "/latin", allow_private=True)
    assert got.charset == "windows-1252" and got.body == "café".encode("cp1252")


def test_redirect_followed_and_checked(server):
    got = fetch(server.base + "/to-page", policy=LOOPBACK_ONLY)
    assert got.url.endswith("/page")
    with pytest.raises(IngestError) as err:
        fetch(server.base + "/to-private", policy=LOOPBACK_ONLY)
    assert err.value.reason is Reason.FORBIDDEN_ADDRESS


def test_redirect_limit(server):
    with pytest.raises(IngestError) as err:
        fetch(server.base + "/loop", policy=LOOPBACK_ONLY, max_redirects=3)
    assert err.value.reason is Reason.FETCH_FAILED and "redirects" in err.value.detail
    assert server.hits["/loop"] == 4


def test_size_cap_and_gzip_bomb(server):
    with pytest.raises(IngestError) as err:
        fetch(server.base + "/big", policy=LOOPBACK_ONLY, max_bytes=1000)
    assert err.value.reason is Reason.TOO_LARGE
    with pytest.raises(IngestError) as err:
        fetch(server.base + "/bomb", policy=LOOPBACK_ONLY, max_bytes=10_000)
    assert err.value.reason is Reason.TOO_LARGE
    assert fetch(server.base + "/gz", policy=LOOPBACK_ONLY).body == b"zipped words"


def test_http_error_and_timeout(server):
    with pytest.raises(IngestError) as err:
        fetch(server.base + "/error", policy=LOOPBACK_ONLY)
    assert err.value.reason is Reason.HTTP_ERROR and "500" in err.value.detail
    with pytest.raises(IngestError) as err:
        fetch(server.base + "/slow", policy=LOOPBACK_ONLY, timeout=0.3)
    assert err.value.reason is Reason.FETCH_FAILED and "timed out" in err.value.detail


@pytest.mark.parametrize("url", ["ftp://example.org/x", "file:///etc/passwd", "javascript:alert(1)", "gopher://x/"])
def test_only_http_schemes(url):
    with pytest.raises(IngestError) as err:
        fetch(url)
    assert err.value.reason is Reason.UNSUPPORTED_SCHEME


def test_conditional_get(server):
    first = fetch(server.base + "/etag", policy=LOOPBACK_ONLY)
    assert first.status == 200 and first.etag == '"v1"'
    again = fetch(server.base + "/etag", policy=LOOPBACK_ONLY, headers={"If-None-Match": first.etag})
    assert again.status == 304 and again.body == b""
