"""The Python entry point to extraction: ``sitroom.extract(text, published=..., outlet=...)``.

Why a thin module: a notebook user has a string, not a store; this builds a :class:`Document`,
runs the one spaCy pass, and hands the parse to every extractor and to claim assembly.

Each extractor is a named part in :data:`sitroom.registry.extractors` (the spaCy lesson: a
registry of named, versioned parts). A stage reads the one parse and returns what one input of
:func:`~sitroom.nlp.claims.build_claims` needs; :data:`DEFAULT_STAGES` says which registered part
fills which input, and ``extract_document(..., stages={"quantities": "my.plugin.v1"})`` swaps one
for a plugin without touching the rest.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from itertools import islice
from datetime import date, datetime
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from spacy.tokens import Doc

from sitroom.geo.gazetteer import open_gazetteer
from sitroom.geo.geoparse import geoparse_doc
from sitroom.ingestion.normalize import document_id
from sitroom.model import Document, Claim, utc
from sitroom.nlp.actors import find_actors
from sitroom.nlp.attribution import find_attributions
from sitroom.nlp.claims import build_claims
from sitroom.nlp.events import classify_events
from sitroom.nlp.parse import DEFAULT_MODEL, forget_scratch, load_nlp, parse, parse_many
from sitroom.nlp.quantities import find_quantities
from sitroom.nlp.timex import time_mentions
from sitroom.registry import extractors

__all__ = ["extract", "extract_document", "extract_many", "make_document", "document_id",
           "ExtractionFailure", "SystemicFailure", "StageContext", "Stage", "DEFAULT_STAGES", "run_stages"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StageContext:
    """What a stage may need beyond the parse and the document (resources opened once per process)."""

    gazetteer_path: str | None = None


#: A stage: the one parse + its document → the values of one :func:`build_claims` input.
Stage = Callable[[Doc, Document, StageContext], Sequence[Any]]

#: Which registered part fills which input of :func:`build_claims` (input name → part name).
DEFAULT_STAGES: Mapping[str, str] = {
    "events": "sitroom.events.rules.v1",
    "quantities": "sitroom.quantities.v1",
    "actors": "sitroom.actors.v1",
    "place_mentions": "sitroom.places.gazetteer.v1",
    "time_mentions": "sitroom.times.timex3.v1",
    "attributions": "sitroom.attributions.v1",
}


def make_document(text: str, *, published: datetime | str | None = None, outlet: str | None = None,
                  title: str | None = None, url: str | None = None) -> Document:
    """A :class:`Document` for a bare text (ISO strings are accepted for ``published``)."""
    if isinstance(published, str):
        published = datetime.fromisoformat(published.replace("Z", "+00:00"))
    meta = {"published_local": published.isoformat()} if published is not None and published.utcoffset() else {}
    return Document(id=document_id(text), text=text, title=title, outlet=outlet, url=url,
                    published=utc(published) if published else None, language="en", meta=meta)


def publication_day(document: Document) -> date | None:
    """The day the report was published *where it was published* (the anchor of "on Tuesday").

    Ingest keeps the original offset in ``meta["published_local"]``; the stored time is UTC, whose
    date can be a day off for reports published near midnight far from Greenwich.
    """
    local = document.meta.get("published_local") if document.meta else None
    if isinstance(local, str):
        try:
            return datetime.fromisoformat(local).date()
        except ValueError:
            pass
    return document.published.date() if document.published else None


@extractors.register("sitroom.events.rules.v1")
def event_stage(doc: Doc, document: Document, ctx: StageContext) -> Sequence[Any]:
    """Typed happenings (ACLED taxonomy + extensions) from trigger rules."""
    return classify_events(doc)


@extractors.register("sitroom.quantities.v1")
def quantity_stage(doc: Doc, document: Document, ctx: StageContext) -> Sequence[Any]:
    """Counts, ranges and vague amounts as intervals, with what is counted."""
    return find_quantities(doc)


@extractors.register("sitroom.actors.v1")
def actor_stage(doc: Doc, document: Document, ctx: StageContext) -> Sequence[Any]:
    """Canonical actors from the actor table, plus unknown NER organisations."""
    return find_actors(doc)


@extractors.register("sitroom.places.gazetteer.v1")
def place_stage(doc: Doc, document: Document, ctx: StageContext) -> Sequence[Any]:
    """Toponyms resolved against the offline gazetteer (opened once per process and path)."""
    return geoparse_doc(doc, open_gazetteer(ctx.gazetteer_path))


@extractors.register("sitroom.times.timex3.v1")
def time_stage(doc: Doc, document: Document, ctx: StageContext) -> Sequence[Any]:
    """TIMEX3 expressions resolved against the local publication day (none without one)."""
    day = publication_day(document)
    return time_mentions(doc, day) if day else []


@extractors.register("sitroom.attributions.v1")
def attribution_stage(doc: Doc, document: Document, ctx: StageContext) -> Sequence[Any]:
    """Attribution chains ("outlet ← cited source") with hedges."""
    return list(find_attributions(doc, document.outlet))


def run_stages(doc: Doc, document: Document, stages: Mapping[str, str] | None = None,
               ctx: StageContext = StageContext()) -> dict[str, Sequence[Any]]:
    """Every stage's output for one parse, keyed by the :func:`build_claims` input it fills.

    ``stages`` overrides entries of :data:`DEFAULT_STAGES` by input name; an unknown input name
    is an error (a typo must not silently leave the default in place).
    """
    chosen = dict(DEFAULT_STAGES)
    for slot, name in (stages or {}).items():
        if slot not in chosen:
            raise KeyError(f"no extraction input named {slot!r} (known: {', '.join(sorted(chosen))})")
        chosen[slot] = name
    return {slot: extractors.get(name)(doc, document, ctx) for slot, name in chosen.items()}


def extract_document(document: Document, doc: Doc | None = None, *, model: str = DEFAULT_MODEL,
                     gazetteer_path: str | None = None, stages: Mapping[str, str] | None = None) -> list[Claim]:
    """Claims for one :class:`Document` (parsed here unless ``doc`` is given).

    Every stage reads the one parse (events, quantities, actors, geoparsing, dates, attribution);
    claim assembly then ties each value to the happening it belongs to.
    """
    if doc is None:
        doc = parse(document.text, model)
    try:  # a stage that raises must not leave its scratch caches on the parse either
        outputs = run_stages(doc, document, stages, StageContext(gazetteer_path=gazetteer_path))
        return build_claims(doc, document, **outputs)
    finally:
        forget_scratch(doc)


@dataclass(frozen=True)
class ExtractionFailure:
    """Why one document of a batch gave no claims.

    Why a value and not an exception: a corpus run must not stop at one bad document (a text too
    long for the parser, a stage tripping on odd input); the caller reports the reason for that
    document and goes on with the rest (``sitroom process`` also keeps it in the store's skip log).
    """

    reason: str


class SystemicFailure(RuntimeError):
    """Every document of a batch failed the same way: the setup is broken, not the documents.

    Why an exception where one document's failure is a value: an unreadable gazetteer or a plugin
    that cannot start fails every document alike, and treating each as a bad document would set
    the whole corpus aside; the run stops instead, with the reason, and the documents stay queued.
    """


#: What :func:`extract_many` yields for each document: its claims, or why there are none.
Extracted = tuple[Document, "list[Claim] | ExtractionFailure"]


def extract_many(documents: Iterable[Document], *, model: str = DEFAULT_MODEL, batch_size: int = 32,
                 gazetteer_path: str | None = None,
                 stages: Mapping[str, str] | None = None) -> Iterator[Extracted]:
    """Claims for many documents, parsed in batches through one ``nlp.pipe``, in input order.

    A document that cannot be parsed or extracted yields an :class:`ExtractionFailure` in place of
    its claims; the others of its batch are unaffected.
    """
    pending = iter(documents)
    while batch := list(islice(pending, max(1, batch_size))):
        for document, doc in _parse_batch(batch, model, batch_size):
            if isinstance(doc, ExtractionFailure):
                yield document, doc
                continue
            try:
                claims: list[Claim] | ExtractionFailure = extract_document(
                    document, doc, gazetteer_path=gazetteer_path, stages=stages)
            except Exception as exc:  # the document boundary: one bad input must not stop the run
                log.warning("extraction failed for document %s: %s: %s", document.id, type(exc).__name__, exc)
                claims = ExtractionFailure(f"extraction failed: {type(exc).__name__}: {exc}")
            yield document, claims


def _parse_batch(batch: list[Document], model: str,
                 batch_size: int) -> list[tuple[Document, Doc | ExtractionFailure]]:
    """Parses of one batch; a text over the parser's length limit, or one that makes the parser
    raise, becomes a failure for that document alone (the batch is re-parsed one by one)."""
    limit = load_nlp(model).max_length
    results: dict[int, Doc | ExtractionFailure] = {}
    fitting = []
    for i, document in enumerate(batch):
        if len(document.text) > limit:
            results[i] = ExtractionFailure(
                f"too long for the parser: {len(document.text)} characters (the spaCy pipeline takes at most "
                f"{limit}; a max_document_chars setting at or below that makes future ingests skip such texts, "
                f"it does not change documents already stored)")
        else:
            fitting.append(i)
    try:
        for doc, i in parse_many(((batch[i].text, i) for i in fitting), model=model, batch_size=batch_size):
            results[i] = doc
    except Exception:  # find the document the parser trips on, keep the others
        for i in fitting:
            if i in results:
                continue  # parsed before the parser tripped
            try:
                results[i] = parse(batch[i].text, model)
            except Exception as exc:
                results[i] = ExtractionFailure(f"parse failed: {type(exc).__name__}: {exc}")
    return [(document, results[i]) for i, document in enumerate(batch)]


def extract(text: str, published: datetime | str | None = None, outlet: str | None = None,
            **kwargs: Any) -> list[Claim]:
    """Claims from one report's text.

    Args:
        text: the report.
        published: its publication time (datetime or ISO string); relative dates resolve against it.
        outlet: the publishing outlet, the first link of every attribution chain.
        **kwargs: ``title``, ``url`` for the document; ``model`` for another spaCy pipeline;
            ``stages`` to swap a registered extractor (see :data:`DEFAULT_STAGES`).

    Returns:
        One :class:`~sitroom.model.Claim` per reported happening, every value with its span.

    Example:
        >>> claims = extract("A car bomb killed nine people in Mosul on Tuesday.",
        ...                  published="2026-03-04", outlet="Example Wire")  # doctest: +SKIP
    """
    model = kwargs.pop("model", DEFAULT_MODEL)
    stages = kwargs.pop("stages", None)
    document = make_document(text, published=published, outlet=outlet, **kwargs)
    return extract_document(document, model=model, stages=stages)
