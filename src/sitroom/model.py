"""The domain model every stage of sitroom shares.

Ingest produces :class:`Document`; extraction produces :class:`Claim` (with :class:`Quantity`,
:class:`Attribution`, :class:`ActorMention`, :class:`PlaceMention` and :class:`TimeMention`); fusion
produces :class:`Event`. Everything here is an immutable dataclass so values can be hashed, shared
between threads and pickled to Ray workers without surprises.

The provenance rule (``../shared/design.md``) is built into the shapes: every extracted value carries
the :class:`Span` of document text that supports it, and every fused value carries the ids of the
claims behind it. A span stores offsets only; the quoted words are always derived from the document
text (:meth:`Span.quote`) so a quote can never drift from its source.

Serialisation goes through pydantic's ``TypeAdapter`` (:func:`to_jsonable` / :func:`from_jsonable`),
which also yields the JSON Schema that ``docs/schema.json`` publishes.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from functools import lru_cache
from typing import Any, TypeVar

__all__ = [
    "Span",
    "Document",
    "QuantityKind",
    "Qualifier",
    "QuantityScope",
    "Quantity",
    "SourceKind",
    "Source",
    "Attribution",
    "Precision",
    "Place",
    "PlaceMention",
    "ActorType",
    "Role",
    "Actor",
    "ActorMention",
    "TimePrecision",
    "TimeMention",
    "Claim",
    "FusedValue",
    "Contradiction",
    "Echo",
    "Event",
    "utc",
    "to_jsonable",
    "from_jsonable",
    "json_schema",
]


def utc(value: datetime) -> datetime:
    """Return ``value`` as an aware UTC datetime; a naive value is taken to be UTC already.

    Why: publication times arrive from feeds, HTML metadata and user flags in every shape; the store
    and the date resolver compare them, which only works when all of them are aware and in one zone.
    """
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


# --------------------------------------------------------------------------------------------- spans


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Half-open character range ``[start, end)`` into one document's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span ({self.start}, {self.end})")

    def quote(self, text: str) -> str:
        """The words this span points at in ``text`` (the document it was made from)."""
        return text[self.start : self.end]

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def shift(self, offset: int) -> Span:
        """The same span moved by ``offset`` characters (e.g. from sentence to document offsets)."""
        return Span(self.start + offset, self.end + offset)


# ----------------------------------------------------------------------------------------- documents


@dataclass(frozen=True, slots=True)
class Document:
    """One news report as ingested.

    ``id`` is a hash of the normalised text (see :func:`sitroom.ingestion.normalize.document_id`), so
    the same report arriving twice, from a feed and from a dump, is one document.
    """

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published: datetime | None = None
    language: str | None = None
    source: str | None = None
    """Where the text was read from: a file path, a feed URL + entry id, a URL."""
    source_kind: str | None = None
    """Name of the reader that produced it (``text``, ``html``, ``jsonl``, ``csv``, ``feed``, ``url``)."""
    encoding: str | None = None
    lossy_decode: bool = False
    """True when undecodable bytes had to be replaced: the text is usable but not exact."""
    ingested_at: datetime | None = None
    meta: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


# ------------------------------------------------------------------------------------- quantities


class QuantityKind(enum.StrEnum):
    """What a number counts. Mirrors the outcome columns analysts code (ACLED fatalities, UCDP
    deaths) plus the movements our users track (escapes, displacement, evacuation)."""

    KILLED = "killed"
    INJURED = "injured"
    ARRESTED = "arrested"
    ESCAPED = "escaped"
    DISPLACED = "displaced"
    EVACUATED = "evacuated"
    MISSING = "missing"
    KIDNAPPED = "kidnapped"
    PEOPLE = "people"
    """People present somewhere (a camp's population, a crowd)."""
    OTHER = "other"


class Qualifier(enum.StrEnum):
    """How the text bounds a number."""

    EXACT = "exact"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    AT_MOST = "at_most"
    UP_TO = "up_to"
    ABOUT = "about"
    RANGE = "range"
    VAGUE = "vague"


class QuantityScope(enum.StrEnum):
    """Whether a number counts the reported happening or something larger.

    A report sets its incident against a record ("300 people have died here since 2012") or a
    round-up ("12 fighters killed over the past two days"); those are real counts, but not of this event,
    so fusion leaves them out of the event's toll while the claim keeps them in view.
    """

    EVENT = "event"
    """The happening the claim reports."""
    BACKGROUND = "background"
    """Another time or another happening: "since 2012", "this year", "Earlier, ...", an earlier year."""
    TALLY = "tally"
    """A round-up over a period or an area: "in the past 24 hours", "across the country"."""


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number of something, as an interval.

    ``high`` is ``None`` for an open upper bound ("at least 40"). ``best`` is the single figure the
    text commits to, when it commits to one ("about 300" → 300; "thousands" → none).
    """

    kind: QuantityKind
    low: int
    high: int | None
    best: int | None
    qualifier: Qualifier
    span: Span
    unit: str = "people"
    counted_span: Span | None = None
    """The words naming what is counted ("escaped", "people"), when they differ from ``span``."""
    scope: QuantityScope = QuantityScope.EVENT
    """What the number is a count of: this happening, or background / a round-up (see
    :class:`QuantityScope`). Optional, default ``event`` (schema 1.2)."""
    scope_span: Span | None = None
    """For a scope other than ``event``, the words that show it: the marker with what it governs
    ("since 2012", "so far", "Last month"), the earlier year named ("2019"), the period or area
    phrase ("in the past 24 hours") or the day word ("yesterday")."""

    def __post_init__(self) -> None:
        # a plugin may pass the plain string ("event"): coerce, so comparisons and fusion agree
        if type(self.scope) is not QuantityScope:
            object.__setattr__(self, "scope", QuantityScope(self.scope))
        if self.low < 0:
            raise ValueError("quantity low bound must be >= 0")
        if self.high is not None and self.high < self.low:
            raise ValueError(f"quantity high {self.high} < low {self.low}")


# ---------------------------------------------------------------------------------- attribution


class SourceKind(enum.StrEnum):
    OUTLET = "outlet"
    """A news organisation (the publishing outlet or one it cites)."""
    OFFICIAL = "official"
    """Named or anonymous government, military or agency officials."""
    ORGANISATION = "organisation"
    """An NGO, UN agency, company or armed group speaking as such."""
    PERSON = "person"
    ANONYMOUS = "anonymous"
    """Unnamed sources ("security sources", "two aid workers")."""
    DOCUMENT = "document"
    """A report, statement or document rather than a speaker."""
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Source:
    """One link in an attribution chain."""

    name: str
    kind: SourceKind = SourceKind.UNKNOWN
    span: Span | None = None
    """``None`` only for the publishing outlet, which comes from metadata, not from the text."""


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who says so: the chain from the publishing outlet to the original source.

    ``chain[0]`` is the outlet that published the document; the last element is the original
    source ("Newspaper ← U.S. officials"). ``hedges`` holds modality cues ("estimates",
    "reportedly") that lower the certainty of what is attributed.
    """

    chain: tuple[Source, ...]
    cue: str | None = None
    cue_span: Span | None = None
    hedges: tuple[str, ...] = ()
    hedge_spans: tuple[Span, ...] = ()
    content_span: Span | None = None
    sentence_span: Span | None = None
    """The sentence holding the cue (or the hedges): claims in it fall under this attribution."""
    scope_span: Span | None = None
    """Text beyond the sentence this attribution still covers: after "According to X, …" the rest
    of the paragraph, until another source takes over."""

    @property
    def original(self) -> Source | None:
        return self.chain[-1] if self.chain else None


# --------------------------------------------------------------------------------------- places


class Precision(enum.StrEnum):
    """Geographic precision, most precise first (compare with :meth:`rank`)."""

    POINT = "point"
    TOWN = "town"
    ADMIN2 = "admin2"
    ADMIN1 = "admin1"
    COUNTRY = "country"
    REGION = "region"

    def rank(self) -> int:
        return _PRECISION_RANK[self]


_PRECISION_RANK = {p: i for i, p in enumerate(Precision)}


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry, as resolved."""

    gazetteer_id: str
    name: str
    country: str | None
    """ISO 3166-1 alpha-2 code."""
    admin1: str | None
    admin2: str | None
    lat: float
    lon: float
    precision: Precision
    feature_class: str | None = None
    feature_code: str | None = None
    population: int | None = None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place name in the text, resolved when the gazetteer could resolve it."""

    text: str
    span: Span
    place: Place | None = None
    is_event_place: bool = False
    """True for the place where the happening occurred, not one merely mentioned."""
    role: str | None = None
    """Finer role, e.g. ``destination`` or ``origin`` for movements."""
    confidence: float = 0.0
    kind: str = "literal"
    """How the name is used: ``literal`` (the place itself), ``metonym`` ("Turkey said": the
    state or its people), ``demonym`` ("Syrian"), ``embedded`` (inside an organisation's name)."""
    antecedent: Span | None = None
    """The span of the other mention this one takes its place from: for an anaphor ("the camp")
    or initials ("SA"), the earlier name it stands for; for a name the gazetteer lacks, the town
    that lends it its place (the town it is stated in, a town named inside it, the nearest town,
    the story's town); for a county known by a guessed point, the town that lends its point. The
    provenance of a place the words here do not name."""


# --------------------------------------------------------------------------------------- actors


class ActorType(enum.StrEnum):
    """ACLED's actor types (inter codes 1-8) plus the kinds news sources add."""

    STATE_FORCES = "state_forces"
    REBEL_GROUP = "rebel_group"
    POLITICAL_MILITIA = "political_militia"
    IDENTITY_MILITIA = "identity_militia"
    RIOTERS = "rioters"
    PROTESTERS = "protesters"
    CIVILIANS = "civilians"
    EXTERNAL = "external_other"
    UNKNOWN = "unknown"


class Role(enum.StrEnum):
    INITIATOR = "initiator"
    TARGET = "target"
    AFFECTED = "affected"


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    """Canonical name from the actor table, or the text of an unknown organisation."""
    type: ActorType = ActorType.UNKNOWN
    aliases: tuple[str, ...] = ()
    country: str | None = None
    known: bool = True
    """False when the actor came from NER alone and its type is a guess."""


@dataclass(frozen=True, slots=True)
class ActorMention:
    actor: Actor
    role: Role
    span: Span


# ----------------------------------------------------------------------------------------- time


class TimePrecision(enum.StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    RANGE = "range"


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression resolved against the publication time.

    ``value``/``type``/``mod`` follow TimeML TIMEX3; ``start``/``end`` is the inclusive day interval
    the claims and events use, derived from the TIMEX3 value by one code path.
    """

    text: str
    span: Span
    start: date
    end: date
    precision: TimePrecision
    value: str | None = None
    type: str = "DATE"
    mod: str | None = None

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("time interval end before start")


# --------------------------------------------------------------------------------------- claims


@dataclass(frozen=True, slots=True)
class Claim:
    """One reported happening, as one document tells it through one source chain."""

    id: str
    document_id: str
    event_type: str
    """ACLED event type, or one of our extensions (see ``data/taxonomy``)."""
    sub_event_type: str | None
    confidence: float
    span: Span
    """The sentence or clause that reports the happening."""
    trigger: str | None = None
    trigger_span: Span | None = None
    actors: tuple[ActorMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    time: TimeMention | None = None
    quantities: tuple[Quantity, ...] = ()
    attribution: Attribution | None = None
    negated: bool = False

    @property
    def event_place(self) -> PlaceMention | None:
        for mention in self.places:
            if mention.is_event_place:
                return mention
        return None


# --------------------------------------------------------------------------------------- events


@dataclass(frozen=True, slots=True)
class FusedValue:
    """A value of an event with the claims that support it (the provenance rule, fused)."""

    name: str
    value: Any
    claim_ids: tuple[str, ...]
    low: int | None = None
    best: int | None = None
    high: int | None = None


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Two independent chains that disagree on a field; both sides are kept."""

    field: str
    left_claim_ids: tuple[str, ...]
    right_claim_ids: tuple[str, ...]
    left: Any
    right: Any
    note: str = ""


@dataclass(frozen=True, slots=True)
class Echo:
    """A media echo: claim ``claim_id`` passes on ``target_id``'s figure citing an unnamed outlet
    ("a U.S. newspaper") taken to be ``outlet``, so the two claims are one source chain.

    Why spans: the label of the chain says why in words; these say where, so an analyst can check
    the citation and the shared figure in both reports (schema 1.3).
    """

    claim_id: str
    target_id: str
    cited: str
    """The unnamed description as written ("a U.S. newspaper")."""
    outlet: str
    """The named outlet taken to be the one cited."""
    figure: str
    """The shared figure, for people ("15,000–20,000 escaped")."""
    cited_span: Span | None = None
    """The words of the unnamed citation in ``claim_id``'s document."""
    figure_spans: tuple[Span, ...] = ()
    """Where ``claim_id`` gives the shared figure."""
    target_figure_spans: tuple[Span, ...] = ()
    """Where ``target_id`` gives it (in the target's own document)."""


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    event_type: str
    sub_event_type: str | None
    claim_ids: tuple[str, ...]
    fields: tuple[FusedValue, ...] = ()
    independent_chains: tuple[tuple[str, ...], ...] = ()
    """Each inner tuple is the claim ids of one independent source chain."""
    chain_labels: tuple[str, ...] = ()
    """For each chain, who says so, for people: ``Outlet ← cited outlet ← original source``."""
    contradictions: tuple[Contradiction, ...] = ()
    confidence: float = 0.0
    place: Place | None = None
    start: date | None = None
    end: date | None = None
    echoes: tuple[Echo, ...] = ()
    """The media echoes that joined chains (see :class:`Echo`). Optional, default empty (schema 1.3)."""
    record: bool = False
    """True when every claim is context and every figure background — a record of past happenings
    ("has repatriated 20,000 since 2021"), not a happening of the news: alerts for new happenings
    (spikes, first events) leave it out; a round-up of recent days is not a record. Optional,
    default False."""

    @property
    def independent_sources(self) -> int:
        return len(self.independent_chains)


# -------------------------------------------------------------------------------- serialisation

T = TypeVar("T")


@lru_cache(maxsize=None)
def _adapter(cls: type) -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(cls)


def to_jsonable(obj: Any) -> Any:
    """Plain JSON-ready data (dicts, lists, strings, numbers) for any model object."""
    return _adapter(type(obj)).dump_python(obj, mode="json")


def from_jsonable(cls: type[T], data: Any) -> T:
    """Rebuild a model object of type ``cls`` from :func:`to_jsonable` output."""
    return _adapter(cls).validate_python(data)


def json_schema(cls: type) -> dict[str, Any]:
    """The JSON Schema of a model class, as published in ``docs/schema.json``."""
    return _adapter(cls).json_schema(mode="serialization")


def with_published(document: Document, published: datetime | None) -> Document:
    """A copy of ``document`` with another publication time (used by ``--published``)."""
    return replace(document, published=utc(published) if published else None)
