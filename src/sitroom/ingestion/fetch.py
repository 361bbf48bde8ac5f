"""Fetching URLs safely: http(s) only, timeouts, a size cap, few redirects, no private addresses.

Why so strict: sitroom fetches URLs that arrive inside feeds and dumps written by others, and it
often runs on analysts' laptops and inside organisations' networks. A URL pointing at
``http://169.254.169.254/`` or ``http://localhost:8000/admin`` must not be fetched unless the user
says so (``--allow-private``). Every redirect hop is checked again, and after connecting the peer
address is checked once more, so a DNS answer that changes between the check and the connection
(DNS rebinding) is caught before the body is read. Certificate checks are never switched off.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urljoin, urlsplit

import httpx

from .errors import IngestError, Reason

__all__ = ["Fetched", "fetch", "address_allowed", "check_url", "Resolver"]

Resolver = Callable[[str, int], list[str]]
AddressPolicy = Callable[[ipaddress.IPv4Address | ipaddress.IPv6Address], bool]


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    """The final URL, after redirects."""
    status: int
    content_type: str
    charset: str | None
    body: bytes
    etag: str | None = None
    last_modified: str | None = None


def address_allowed(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True for globally routable addresses; false for private, loopback, link-local and the like."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
        or ip.is_reserved or ip.is_unspecified or not ip.is_global
    )


def _resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise IngestError(Reason.FETCH_FAILED, f"cannot resolve {host}: {exc.strerror}") from exc
    return sorted({info[4][0] for info in infos})


def check_url(url: str, *, policy: AddressPolicy | None, resolver: Resolver = _resolve) -> None:
    """Refuse a URL whose scheme is not http(s) or whose host resolves to a refused address.

    ``policy=None`` allows every address (``--allow-private``).
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise IngestError(Reason.UNSUPPORTED_SCHEME, f"{parts.scheme or 'no'} scheme in {url[:100]}")
    if not parts.hostname:
        raise IngestError(Reason.FETCH_FAILED, f"no host in {url[:100]}")
    if parts.username or parts.password:
        raise IngestError(Reason.UNSUPPORTED_SCHEME, "URLs with credentials are not fetched")
    if policy is None:
        return
    port = parts.port or (443 if parts.scheme == "https" else 80)
    for addr in resolver(parts.hostname, port):
        ip = ipaddress.ip_address(addr.split("%")[0])
        if not policy(ip):
            raise IngestError(Reason.FORBIDDEN_ADDRESS, f"{parts.hostname} is {ip}")


def _peer_ok(response: httpx.Response, policy: AddressPolicy | None) -> None:
    if policy is None:
        return
    stream = response.extensions.get("network_stream")
    server = stream.get_extra_info("server_addr") if stream is not None else None
    if server:
        ip = ipaddress.ip_address(str(server[0]).split("%")[0])
        if not policy(ip):
            raise IngestError(Reason.FORBIDDEN_ADDRESS, f"connected to {ip}")


def fetch(
    url: str,
    *,
    timeout: float = 20.0,
    max_bytes: int = 10_000_000,
    max_redirects: int = 5,
    allow_private: bool = False,
    user_agent: str = "sitroom",
    headers: dict[str, str] | None = None,
    policy: AddressPolicy | None = None,
    resolver: Resolver = _resolve,
    transport: httpx.BaseTransport | None = None,
) -> Fetched:
    """GET ``url`` under sitroom's rules; raise :class:`IngestError` with a reason when refused.

    Args:
        url: an http or https URL.
        timeout: seconds for connecting and for each read.
        max_bytes: the body is read as a stream and abandoned past this many bytes (``too_large``).
        max_redirects: hops followed; each is checked like the first URL.
        allow_private: allow every address (otherwise ``policy`` or :func:`address_allowed` decides).
        headers: extra request headers (``If-None-Match`` … for conditional GET).
        policy: which peer addresses are allowed; tests pass a narrower one.
        resolver, transport: seams for tests.

    Returns:
        The final URL, status, content type and charset, and the body bytes. A ``304 Not Modified``
        comes back with an empty body.
    """
    active_policy = None if allow_private else (policy or address_allowed)
    request_headers = {"User-Agent": user_agent, "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"}
    request_headers["Accept-Encoding"] = "gzip, deflate"
    request_headers.update(headers or {})
    current = url
    with httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=False, transport=transport,
                      trust_env=False) as client:
        for _hop in range(max_redirects + 1):
            check_url(current, policy=active_policy, resolver=resolver)
            try:
                with client.stream("GET", current, headers=request_headers) as response:
                    _peer_ok(response, active_policy)
                    if response.status_code == 304:
                        return Fetched(current, 304, "", None, b"", response.headers.get("etag"),
                                       response.headers.get("last-modified"))
                    if response.has_redirect_location:
                        current = urljoin(current, response.headers["location"])
                        continue
                    if 300 <= response.status_code < 400:
                        raise IngestError(Reason.HTTP_ERROR, f"HTTP {response.status_code} without a usable Location from {current}")
                    if response.status_code >= 400:
                        raise IngestError(Reason.HTTP_ERROR, f"HTTP {response.status_code} from {current}")
                    declared = response.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > max_bytes:
                        raise IngestError(Reason.TOO_LARGE, f"{declared} bytes announced, limit {max_bytes}")
                    chunks, size = [], 0
                    for chunk in response.iter_raw():
                        size += len(chunk)
                        if size > max_bytes:
                            raise IngestError(Reason.TOO_LARGE, f"over {max_bytes} bytes, download stopped")
                        chunks.append(chunk)
                    body = _decompress(b"".join(chunks), response.headers.get("content-encoding"), max_bytes)
                    ctype = response.headers.get("content-type", "")
                    return Fetched(
                        url=current, status=response.status_code,
                        content_type=ctype.split(";")[0].strip().lower(), charset=response.charset_encoding,
                        body=body, etag=response.headers.get("etag"),
                        last_modified=response.headers.get("last-modified"),
                    )
            except httpx.TimeoutException as exc:
                raise IngestError(Reason.FETCH_FAILED, f"timed out after {timeout:g}s: {current}") from exc
            except httpx.HTTPError as exc:
                raise IngestError(Reason.FETCH_FAILED, f"{type(exc).__name__}: {exc}") from exc
    raise IngestError(Reason.FETCH_FAILED, f"more than {max_redirects} redirects from {url}")


def _decompress(body: bytes, encoding: str | None, max_bytes: int) -> bytes:
    """Undo Content-Encoding with the same size cap (a small gzip bomb must not fill memory)."""
    enc = (encoding or "").strip().lower()
    if enc in ("", "identity"):
        return body
    import zlib

    if enc in ("gzip", "x-gzip", "deflate"):
        wbits = 16 + zlib.MAX_WBITS if "gzip" in enc else zlib.MAX_WBITS
        try:
            d = zlib.decompressobj(wbits)
            out = d.decompress(body, max_bytes + 1)
        except zlib.error:
            if enc != "deflate":
                raise IngestError(Reason.FETCH_FAILED, "corrupt gzip body") from None
            try:
                out = zlib.decompressobj(-zlib.MAX_WBITS).decompress(body, max_bytes + 1)
            except zlib.error as exc:
                raise IngestError(Reason.FETCH_FAILED, "corrupt deflate body") from exc
        if len(out) > max_bytes:
            raise IngestError(Reason.TOO_LARGE, f"over {max_bytes} bytes when unpacked")
        return out
    raise IngestError(Reason.FETCH_FAILED, f"unsupported content encoding {enc!r}")
