"""Publication times from the many shapes metadata writes them in.

Why strict first: a publication time anchors every relative date in a report ("on Tuesday"), so a
wrong guess here corrupts everything downstream. ISO 8601 and RFC 2822 are parsed exactly; only
then does dateparser get a try; a value none of them understand is an error, not a guess.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timezone
from email.utils import parsedate_to_datetime

from ..model import utc
from .errors import IngestError, Reason

__all__ = ["parse_published"]

_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_published(value: str | datetime | date | None) -> datetime | None:
    """An aware UTC datetime for ``value``; ``None`` for empty; :class:`IngestError` if unparseable.

    A date without a time becomes midnight UTC; a time without a zone is taken as UTC.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return utc(value)
    if isinstance(value, date):
        return datetime.combine(value, time(0), tzinfo=timezone.utc)
    text = str(value).strip()
    if not text:
        return None
    if _DATE_ONLY.match(text):
        return datetime.combine(date.fromisoformat(text), time(0), tzinfo=timezone.utc)
    try:
        return utc(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    try:
        return utc(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        pass
    if re.fullmatch(r"\d{9,10}", text):
        return datetime.fromtimestamp(int(text), tz=timezone.utc)
    parsed = _dateparser(text)
    if parsed is None:
        raise IngestError(Reason.BAD_VALUE, f"unrecognised publication time {text[:60]!r}")
    return parsed


def _dateparser(text: str) -> datetime | None:
    import dateparser

    found = dateparser.parse(
        text[:100],
        languages=["en", "fr", "es", "de", "ar", "tr"],
        settings={"RETURN_AS_TIMEZONE_AWARE": True, "TO_TIMEZONE": "UTC", "PREFER_DATES_FROM": "past",
                  "STRICT_PARSING": True},
    )
    return utc(found) if found else None
