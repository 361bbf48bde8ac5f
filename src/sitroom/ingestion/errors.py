"""Why an item was not ingested: stable reason codes and one small error family.

Why codes: a skipped report must be explainable in one line to a person and countable by reason
in a summary table, and the code (``binary``, ``too_large`` …) stays the same when wording changes.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = ["Reason", "IngestError", "Skipped"]


class Reason(enum.StrEnum):
    NOT_FOUND = "not_found"
    UNREADABLE = "unreadable"
    BINARY = "binary"
    UNDECODABLE = "undecodable"
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    MALFORMED_HTML = "malformed_html"
    MALFORMED_FEED = "malformed_feed"
    MALFORMED_RECORD = "malformed_record"
    MISSING_COLUMN = "missing_column"
    BAD_VALUE = "bad_value"
    UNSUPPORTED_SCHEME = "unsupported_scheme"
    FORBIDDEN_ADDRESS = "forbidden_address"
    FETCH_FAILED = "fetch_failed"
    HTTP_ERROR = "http_error"
    STORE_ERROR = "store_error"

    @property
    def explanation(self) -> str:
        return _EXPLAIN[self]


_EXPLAIN = {
    Reason.NOT_FOUND: "no such file, folder or glob match",
    Reason.UNREADABLE: "the file could not be read",
    Reason.BINARY: "binary content, not text",
    Reason.UNDECODABLE: "the text encoding could not be determined",
    Reason.EMPTY: "no text (empty, whitespace only or too short)",
    Reason.TOO_LARGE: "over the size limit",
    Reason.MALFORMED_HTML: "HTML with no extractable article text",
    Reason.MALFORMED_FEED: "not a valid RSS/Atom feed",
    Reason.MALFORMED_RECORD: "a line or row that could not be parsed",
    Reason.MISSING_COLUMN: "a required column or field is missing",
    Reason.BAD_VALUE: "a field value is invalid",
    Reason.UNSUPPORTED_SCHEME: "only http and https URLs are fetched",
    Reason.FORBIDDEN_ADDRESS: "private, loopback or link-local address refused (see --allow-private)",
    Reason.FETCH_FAILED: "the download failed",
    Reason.HTTP_ERROR: "the server answered with an error status",
    Reason.STORE_ERROR: "the store refused the write",
}


class IngestError(Exception):
    """An input that cannot become a document, with the reason code and a detail for people."""

    def __init__(self, reason: Reason, detail: str = "", source: str | None = None) -> None:
        self.reason = reason
        self.detail = detail
        self.source = source
        super().__init__(f"{reason}: {detail}" if detail else str(reason))

    def skipped(self, source: str | None = None) -> Skipped:
        return Skipped(source or self.source or "?", self.reason, self.detail)


@dataclass(frozen=True, slots=True)
class Skipped:
    """An item the ingester passed over, and why."""

    source: str
    reason: Reason
    detail: str = ""

    def line(self) -> str:
        """One line for a person: ``path: binary content, not text (PNG image)``."""
        extra = f" ({self.detail})" if self.detail else ""
        return f"{self.source}: {self.reason.explanation}{extra} [{self.reason}]"
