"""``/api/documents``: list, read, their claims, and ingest one (text or URL; token required)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from ...export import claim_spans
from ...ingestion import ingest_sources
from ...ingestion.candidate import Candidate, make_document
from ...ingestion.errors import IngestError
from ...model import Document, to_jsonable
from ...store import AmbiguousId, DocumentNotFound
from ..deps import Limit, ReadAccess, SettingsDep, StoreDep, WriteAccess, encode_cursor, id_key
from ..errors import ApiError
from ..schemas import ClaimPage, DocumentOut, DocumentPage, IngestIn, IngestOut

router = APIRouter(prefix="/api/documents", tags=["documents"])


def document_out(doc: Document, *, with_text: bool) -> DocumentOut:
    return DocumentOut(
        id=doc.id, title=doc.title, outlet=doc.outlet, url=doc.url, author=doc.author, published=doc.published,
        language=doc.language, source_kind=doc.source_kind, lossy_decode=doc.lossy_decode,
        ingested_at=doc.ingested_at, text=doc.text if with_text else None,
    )


def get_document_or_404(store, doc_id: str) -> Document:
    try:
        return store.get_document(doc_id)
    except DocumentNotFound:
        raise ApiError(404, f"no document with id {doc_id!r}") from None
    except AmbiguousId as exc:
        raise ApiError(409, str(exc), code="ambiguous_id") from None


@router.get("", response_model=DocumentPage, dependencies=[ReadAccess])
def list_documents(
    store: StoreDep,
    limit: Limit = 50,
    cursor: str | None = None,
    outlet: Annotated[str | None, Query(max_length=300)] = None,
    since: datetime | None = None,
    until: datetime | None = None,
    language: Annotated[str | None, Query(max_length=20)] = None,
) -> DocumentPage:
    """Documents in id order (stable pages), optionally by outlet, publication time and language."""
    if since and until and until < since:
        raise ApiError(422, "until is before since", code="invalid_filter")
    docs = store.list_documents(outlet=outlet, since=since, until=until, language=language,
                                after_id=id_key(cursor), limit=limit + 1, order="id")
    more = len(docs) > limit
    docs = docs[:limit]
    return DocumentPage(items=[document_out(d, with_text=False) for d in docs],
                        next_cursor=encode_cursor(docs[-1].id) if more and docs else None)


@router.get("/{doc_id}", response_model=DocumentOut, dependencies=[ReadAccess])
def get_document(doc_id: str, store: StoreDep) -> DocumentOut:
    """One document with its full text (an id or a unique prefix of at least 6 characters)."""
    return document_out(get_document_or_404(store, doc_id), with_text=True)


@router.get("/{doc_id}/claims", response_model=ClaimPage, dependencies=[ReadAccess])
def document_claims(doc_id: str, store: StoreDep) -> ClaimPage:
    """Every claim extracted from the document, each with its labelled, quoted spans."""
    doc = get_document_or_404(store, doc_id)
    items = []
    for claim in store.claims_for_document(doc.id):
        spans = claim_spans(claim)
        for s in spans:
            s["quote"] = doc.text[s["start"] : s["end"]]
        items.append({**to_jsonable(claim), "spans": spans})
    return ClaimPage(items=items, next_cursor=None)


@router.post("", response_model=IngestOut, status_code=status.HTTP_201_CREATED,
             responses={200: {"model": IngestOut, "description": "Already stored (duplicate)."}})
def ingest_document(
    body: IngestIn, response: Response, store: StoreDep, settings: SettingsDep, who: WriteAccess,
) -> IngestOut:
    """Ingest one report given as ``text`` (with metadata) or as a ``url`` to fetch. Needs the token."""
    if bool(body.text) == bool(body.url):
        raise ApiError(422, "give exactly one of text or url", code="invalid_request")
    if body.url:
        if not body.url.startswith(("http://", "https://")):
            raise ApiError(422, "url: only http and https URLs can be fetched", code="invalid_request")
        report = ingest_sources(store, [body.url], settings)
        if report.skipped:
            skip = report.skipped[0]
            raise ApiError(422, f"could not ingest {body.url}: {skip.reason}", code=f"skipped_{skip.reason}",
                           details={"reason": str(skip.reason), "detail": skip.detail})
        if report.ingested:
            return IngestOut(status="ingested", document_id=report.document_ids[0])
        response.status_code = status.HTTP_200_OK
        return IngestOut(status="duplicate")
    cand = Candidate(text=body.text or "", source=f"api:{who}", source_kind="api", title=body.title,
                     outlet=body.outlet, author=body.author, published=body.published, language=body.language)
    try:
        doc = make_document(cand, min_chars=settings.min_document_chars, max_chars=settings.max_document_chars)
    except IngestError as err:
        skip = err.skipped(cand.source)
        raise ApiError(422, f"document refused: {skip.reason}", code=f"skipped_{skip.reason}",
                       details={"reason": str(skip.reason), "detail": skip.detail}) from None
    if store.add_document(doc):
        return IngestOut(status="ingested", document_id=doc.id)
    response.status_code = status.HTTP_200_OK
    return IngestOut(status="duplicate", document_id=doc.id)
