"""Security headers on every response, and who may read or write.

Why strict: the dashboard shows text written by strangers (news reports, some hostile). Besides
building the DOM with ``textContent`` only, a Content-Security-Policy without inline script makes
an injected ``<script>`` or ``onerror=`` inert even if a bug let one through.
"""

from __future__ import annotations

import hmac
import ipaddress
from urllib.parse import urlparse

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..settings import Settings

__all__ = ["SecurityHeaders", "LoopbackHostOnly", "content_security_policy", "is_loopback", "token_matches"]


def content_security_policy(settings: Settings) -> str:
    """The CSP for every page, /docs included; online tiles (off by default) add their origin to ``img-src``."""
    img = ["'self'", "data:"]
    if settings.tile_url:
        parsed = urlparse(settings.tile_url)
        if parsed.scheme in ("http", "https") and parsed.netloc:
            img.append(f"{parsed.scheme}://{parsed.netloc.replace('{s}', '*')}")
    script = "'self'"
    style = "'self'"
    return "; ".join([
        "default-src 'none'",
        f"script-src {script}",
        f"style-src {style}",
        f"img-src {' '.join(img)}",
        "connect-src 'self'",
        "font-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
    ])


class SecurityHeaders:
    """Pure ASGI middleware adding the headers (works for streamed and error responses alike)."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.csp = content_security_policy(settings).encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = self.csp
        path = scope.get("path", "")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                extra = [
                    (b"content-security-policy", csp),
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"cross-origin-opener-policy", b"same-origin"),
                    (b"cross-origin-resource-policy", b"same-origin"),
                    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
                ]
                if path.startswith("/api/"):
                    extra.append((b"cache-control", b"no-store"))
                headers += [(k, v) for k, v in extra if k not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]", "::1")


class LoopbackHostOnly:
    """Refuse requests whose ``Host`` is not a loopback name while the server binds loopback.

    Why: reads need no token on loopback, so a web page the analyst visits could otherwise use DNS
    rebinding (its own name resolving to 127.0.0.1) to read the API through the analyst's browser.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            host = dict(scope.get("headers", [])).get(b"host", b"").decode("latin-1")
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if name not in LOOPBACK_NAMES:
                from starlette.responses import JSONResponse

                from .errors import error_body

                body = error_body(421, f"this server answers to 127.0.0.1 / localhost only, not {host!r}", "wrong_host")
                await JSONResponse(body, status_code=421)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def token_matches(expected: str | None, authorization: str | None) -> bool:
    """Constant-time check of an ``Authorization: Bearer <token>`` header."""
    if not expected or not authorization:
        return False
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(value.strip().encode(), expected.encode())
