"""Analyst corrections to fused events: edit, merge, split — pure functions over :class:`Event`.

Why pure and separate from the API: the same patch must be applied when an analyst makes it and
again after every re-fusion (:func:`reapply_edits`), so an automated rerun never silently undoes a
human decision. The audit log (``sitroom.store.queries``) keeps each patch with who and when.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from typing import Any, Callable, Iterable, Mapping, Protocol, Sequence

from .model import Echo, Event, FusedValue, Place, from_jsonable

__all__ = ["EditError", "apply_patch", "merge_events", "split_event", "reapply_edits", "rejudged", "PATCHABLE",
           "ChainJudge"]

PATCHABLE = ("event_type", "sub_event_type", "start", "end", "place", "fields", "confidence")
"""The keys a patch may carry."""


class EditError(ValueError):
    """A patch, merge or split that cannot be applied (unknown key, bad value, wrong claims)."""


def _day(value: Any, key: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise EditError(f"{key}: expected a YYYY-MM-DD date, got {value!r}") from exc


def apply_patch(event: Event, patch: Mapping[str, Any]) -> Event:
    """``event`` with the analyst's ``patch`` applied.

    ``patch`` keys: ``event_type``, ``sub_event_type``, ``start``, ``end`` (ISO dates), ``place``
    (a full :class:`Place` mapping, or ``None`` to clear it), ``confidence``, and ``fields``:
    ``{name: {"value": …, "low": …, "best": …, "high": …}}`` replacing or adding fused values. A
    field edited by hand keeps the claims that supported it: the provenance stays visible.
    """
    unknown = set(patch) - set(PATCHABLE)
    if unknown:
        raise EditError(f"cannot edit {', '.join(sorted(unknown))} (editable: {', '.join(PATCHABLE)})")
    changes: dict[str, Any] = {}
    if "event_type" in patch:
        if not isinstance(patch["event_type"], str) or not patch["event_type"].strip():
            raise EditError("event_type: expected a non-empty string")
        changes["event_type"] = patch["event_type"].strip()
    if "sub_event_type" in patch:
        changes["sub_event_type"] = patch["sub_event_type"]
    if "start" in patch:
        changes["start"] = _day(patch["start"], "start")
    if "end" in patch:
        changes["end"] = _day(patch["end"], "end")
    if "confidence" in patch:
        try:
            conf = float(patch["confidence"])
        except (TypeError, ValueError) as exc:
            raise EditError("confidence: expected a number") from exc
        if not 0.0 <= conf <= 1.0:
            raise EditError("confidence: expected a number between 0 and 1")
        changes["confidence"] = conf
    if "place" in patch:
        try:
            changes["place"] = None if patch["place"] is None else from_jsonable(Place, dict(patch["place"]))
        except Exception as exc:  # pydantic's ValidationError and TypeError for non-mappings
            raise EditError(f"place: {exc}".splitlines()[0]) from exc
    if "fields" in patch:
        changes["fields"] = _patch_fields(event.fields, patch["fields"])
    new = replace(event, **changes)
    if new.start and new.end and new.end < new.start:
        raise EditError("end is before start")
    return new


def _patch_fields(current: Sequence[FusedValue], edits: Any) -> tuple[FusedValue, ...]:
    if not isinstance(edits, Mapping):
        raise EditError("fields: expected an object {name: {value, low, best, high}}")
    by_name = {f.name: f for f in current}
    for name, edit in edits.items():
        if not isinstance(edit, Mapping):
            raise EditError(f"fields.{name}: expected an object")
        old = by_name.get(name) or FusedValue(name=name, value=None, claim_ids=())
        values = {}
        for key in ("low", "best", "high"):
            if key in edit:
                v = edit[key]
                if v is not None and (not isinstance(v, int) or isinstance(v, bool) or v < 0):
                    raise EditError(f"fields.{name}.{key}: expected a non-negative integer")
                values[key] = v
        if "value" in edit:
            values["value"] = edit["value"]
        new = replace(old, **values)
        if new.low is not None and new.high is not None and new.high < new.low:
            raise EditError(f"fields.{name}: high < low")
        by_name[name] = new
    return tuple(by_name.values())


class Chains(Protocol):
    """What a :data:`ChainJudge` answers (:class:`sitroom.fuse.events.ChainVerdict`)."""

    chains: tuple[tuple[str, ...], ...]
    labels: tuple[str, ...]
    confidence: float
    record: bool
    echoes: tuple[Echo, ...]


#: The chains, labels and confidence fusion gives an event of these claim ids (``None``: unknown).
#: :func:`sitroom.fuse.chain_judge` reads the stored claims; this module never sees claims itself.
ChainJudge = Callable[[Sequence[str]], Chains | None]


def rejudged(event: Event, judge: ChainJudge | None) -> Event:
    """``event`` with the chains and confidence fusion's rule gives its claims, when ``judge`` knows.

    Why: the rule that leaves context claims (a background record) out of the chains, and keeps
    them when nothing else is left, must hold after a merge or split as it does after fusion; and
    ``sitroom fuse --rebuild`` re-judges an analyst's merged or split event this way, leaving the
    type, place and dates the analyst gave it."""
    verdict = judge(event.claim_ids) if judge is not None else None
    if verdict is None:
        return event
    return replace(event, independent_chains=tuple(verdict.chains), chain_labels=tuple(verdict.labels),
                   confidence=verdict.confidence, record=verdict.record, echoes=tuple(verdict.echoes))


def _labelled_chains(event: Event) -> dict[tuple[str, ...], str]:
    """Each chain of ``event`` with its label ("" for events stored before chains had labels)."""
    labels = list(event.chain_labels)[: len(event.independent_chains)]
    labels += [""] * (len(event.independent_chains) - len(labels))
    return dict(zip(event.independent_chains, labels))


def _event_id(claim_ids: Iterable[str]) -> str:
    digest = hashlib.sha1("\n".join(sorted(claim_ids)).encode("utf-8")).hexdigest()
    return f"ev-{digest[:16]}"


def merge_events(events: Sequence[Event], *, judge: ChainJudge | None = None) -> Event:
    """One event holding every claim, chain and field of ``events`` (an analyst's "same happening").

    The first event leads: its type, place and fields win; fields only the others have are kept;
    contradictions and media echoes of all are kept. With ``judge`` the chains and confidence are
    fusion's for the merged claims (a record-only chain no longer counts beside a real one).
    Without it chains are unioned, each with its label, and the confidence is the highest: fusion
    decides again on its next run.
    """
    if len(events) < 2:
        raise EditError("merge needs at least two events")
    lead = events[0]
    claim_ids = tuple(dict.fromkeys(cid for e in events for cid in e.claim_ids))
    fields = {f.name: f for e in reversed(events) for f in e.fields}  # the lead, applied last, wins
    order = list(dict.fromkeys([f.name for f in lead.fields] + [f.name for e in events for f in e.fields]))
    labelled: dict[tuple[str, ...], str] = {}
    for e in events:
        for chain, label in _labelled_chains(e).items():
            labelled.setdefault(chain, label)
    starts = [e.start for e in events if e.start]
    ends = [e.end or e.start for e in events if e.end or e.start]
    return rejudged(replace(
        lead,
        id=_event_id(claim_ids),
        claim_ids=claim_ids,
        fields=tuple(fields[name] for name in order),
        independent_chains=tuple(labelled),
        chain_labels=tuple(labelled.values()),
        contradictions=tuple(c for e in events for c in e.contradictions),
        echoes=tuple(dict.fromkeys(x for e in events for x in e.echoes)),
        start=min(starts) if starts else None,
        end=max(ends) if ends else None,
        confidence=max(e.confidence for e in events),
    ), judge)


def split_event(event: Event, claim_ids: Sequence[str], *, judge: ChainJudge | None = None) -> tuple[Event, Event]:
    """``event`` without ``claim_ids``, and a new event of just those claims.

    Fields, chains, contradictions and echoes follow their claims; a field left with no claims on one
    side is dropped from that side. With ``judge`` each side's chains, labels, confidence, record
    mark and echoes are fusion's for its claims (context claims split off alone keep their chains,
    as fusion keeps them). Without it the chains are cut and keep their labels, and the confidence
    stays, until the next fusion.
    """
    moving = set(claim_ids)
    if not moving:
        raise EditError("split needs at least one claim id")
    unknown = moving - set(event.claim_ids)
    if unknown:
        raise EditError(f"claims not in event {event.id}: {', '.join(sorted(unknown))}")
    if moving == set(event.claim_ids):
        raise EditError("split must leave at least one claim in the original event")

    def part(keep: set[str], new_id: str) -> Event:
        fields = tuple(
            replace(f, claim_ids=tuple(c for c in f.claim_ids if c in keep))
            for f in event.fields
            if any(c in keep for c in f.claim_ids) or not f.claim_ids
        )
        labelled = {}
        for chain, label in _labelled_chains(event).items():
            kept = tuple(c for c in chain if c in keep)
            if kept:
                labelled[kept] = label
        contradictions = tuple(
            c for c in event.contradictions
            if any(x in keep for x in c.left_claim_ids) and any(x in keep for x in c.right_claim_ids)
        )
        return replace(
            event, id=new_id, claim_ids=tuple(c for c in event.claim_ids if c in keep), fields=fields,
            independent_chains=tuple(labelled), chain_labels=tuple(labelled.values()),
            contradictions=contradictions,
            # an echo link survives only with both its claims on this side
            echoes=tuple(x for x in event.echoes if x.claim_id in keep and x.target_id in keep),
        )

    rest = set(event.claim_ids) - moving
    return rejudged(part(rest, event.id), judge), rejudged(part(moving, _event_id(moving)), judge)


def reapply_edits(events: Iterable[Event], edits: Mapping[str, Sequence[Mapping[str, Any]]]) -> list[Event]:
    """Fusion's output with every analyst patch replayed onto the event of the same id.

    Call with :func:`sitroom.store.queries.edits_by_event` after re-fusion, before saving. A patch
    that no longer applies (its event changed shape) is skipped rather than failing the run.
    """
    out = []
    for event in events:
        for patch in edits.get(event.id, ()):
            try:
                event = apply_patch(event, patch)
            except EditError:
                continue
        out.append(event)
    return out

