"""The API's request and response shapes (pydantic), kept apart from the domain model.

Why apart: the domain model may grow fields for fusion or extraction without changing what the
API promises; these classes are the public contract that ``/openapi.json`` documents.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "ErrorOut", "Health", "Magnitude", "EventSummary", "EventPage", "EventDetail", "DocumentOut", "DocumentPage",
    "ClaimPage", "IngestIn", "IngestOut", "EventPatchIn", "MergeIn", "SplitIn", "EditOut", "AuditOut", "SearchHitOut",
    "SearchOut", "PlaceOut", "ActorOut", "AlertsOut", "ConfigOut",
]


class _Out(BaseModel):
    model_config = ConfigDict(extra="allow")


class ErrorBody(BaseModel):
    status: int
    code: str
    message: str
    details: Any = None


class ErrorOut(BaseModel):
    error: ErrorBody


class Health(BaseModel):
    status: str
    engine: str
    schema_version: int
    documents: int
    claims: int
    events: int


class Magnitude(BaseModel):
    name: str
    low: int | None = None
    best: int | None = None
    high: int | None = None


class EventSummary(BaseModel):
    id: str
    event_type: str
    sub_event_type: str | None = None
    start: str | None = None
    end: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: str | None = None
    independent_sources: int
    claims: int
    contradiction: bool
    confidence: float
    record: bool = Field(False, description="A record of past happenings (every claim background), not a new event.")
    magnitude: Magnitude | None = None


class EventPage(BaseModel):
    items: list[EventSummary]
    next_cursor: str | None = Field(None, description="Pass as ?cursor= for the next page; null on the last.")


class EventDetail(_Out):
    summary: EventSummary
    event: dict[str, Any]
    chains: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    actors: dict[str, list[str]]
    echoes: list[dict[str, Any]] = Field([], description="Media echoes joining chains, with the citation and the "
                                          "shared figure quoted from both reports.")
    audit: list[dict[str, Any]] = []


class DocumentOut(BaseModel):
    id: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published: datetime | None = None
    language: str | None = None
    source_kind: str | None = None
    lossy_decode: bool = False
    ingested_at: datetime | None = None
    text: str | None = None


class DocumentPage(BaseModel):
    items: list[DocumentOut]
    next_cursor: str | None = None


class ClaimPage(BaseModel):
    items: list[dict[str, Any]]
    next_cursor: str | None = None


class IngestIn(BaseModel):
    """Either ``text`` (with optional metadata) or ``url`` (fetched under the address rules)."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(None, max_length=2_000_000)
    url: str | None = Field(None, max_length=2000)
    title: str | None = Field(None, max_length=1000)
    outlet: str | None = Field(None, max_length=300)
    published: datetime | None = None
    language: str | None = Field(None, max_length=20)
    author: str | None = Field(None, max_length=300)


class IngestOut(BaseModel):
    status: str
    document_id: str | None = None
    reason: str | None = None
    detail: str | None = None


class EventPatchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    event_type: str | None = Field(None, min_length=1, max_length=200)
    sub_event_type: str | None = Field(None, max_length=200)
    start: str | None = None
    end: str | None = None
    place: dict[str, Any] | None = None
    confidence: float | None = Field(None, ge=0, le=1)
    fields: dict[str, dict[str, Any]] | None = None
    note: str | None = Field(None, max_length=2000)


class MergeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    event_ids: list[str] = Field(..., min_length=2, max_length=100)
    note: str | None = Field(None, max_length=2000)


class SplitIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    claim_ids: list[str] = Field(..., min_length=1, max_length=1000)
    note: str | None = Field(None, max_length=2000)


class EditOut(BaseModel):
    audit_id: int
    events: list[EventSummary]
    deleted: list[str] = []


class AuditOut(BaseModel):
    id: int
    at: datetime
    actor: str
    action: str
    event_ids: list[str]
    patch: Any = None
    before: Any = None
    after: Any = None
    note: str | None = None


class SearchHitOut(BaseModel):
    document_id: str
    title: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    snippet: str
    score: float


class SearchOut(BaseModel):
    query: str
    documents: list[SearchHitOut]
    events: list[EventSummary]


class PlaceOut(_Out):
    gazetteer_id: str
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float
    lon: float
    precision: str
    events: int


class ActorOut(BaseModel):
    name: str | None
    type: str | None = None
    claims: int
    events: int


class AlertsOut(BaseModel):
    items: list[dict[str, Any]]
    open: int = 0
    """Alerts whose current version nobody acknowledged (the dashboard badge)."""


class ConfigOut(BaseModel):
    tile_url: str | None = None
    version: str
