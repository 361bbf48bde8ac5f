"""Context claims (sitroom.fuse.context): a claim whose only figures are a background record or a
round-up, with no date of its own, stays with the event but is no independent chain of it.
Reports written for these tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone

from builders import QAMISHLI, claim_in, report, span_of
from sitroom.fuse import fuse_claims, make_view
from sitroom.fuse.context import is_context
from sitroom.model import QuantityScope, SourceKind, TimeMention, TimePrecision

VIOLENCE = "Explosions/Remote violence"
BOMB = "Remote explosive/landmine/IED"
AT = datetime(2026, 4, 15, 10, tzinfo=timezone.utc)
TUESDAY = date(2026, 4, 14)

FIRST = ("A roadside bomb killed four soldiers on the road outside Qamishli on Tuesday, a military source said. "
         "More than 150 people have died in such blasts in the district since 2020, according to a local monitor.")
SECOND = "Four soldiers died when a roadside bomb struck their vehicle near Qamishli on Tuesday, the health directorate said."


def bomb(doc, phrase, quantities, source, day=TUESDAY):
    return claim_in(doc, phrase, event_type=VIOLENCE, sub_event_type=BOMB, place=QAMISHLI, day=day,
                    quantities=quantities, sources=((source, SourceKind.OFFICIAL),))


def scoped(claim, doc, scope_words, scope=QuantityScope.BACKGROUND, time_words=None, precision=TimePrecision.RANGE):
    """``claim`` with its figures marked by ``scope_words``; its time, when given, on ``time_words``."""
    scope_span = span_of(doc, scope_words)
    quantities = tuple(replace(q, scope=scope, scope_span=scope_span) for q in claim.quantities)
    time = None
    if time_words is not None:
        start, end = (date(2020, 1, 1), date(2026, 4, 14)) if precision is TimePrecision.RANGE else (TUESDAY, TUESDAY)
        time = TimeMention(time_words, span_of(doc, time_words), start, end, precision)
    return replace(claim, quantities=quantities, time=time)


def bombing():
    a, b = report(FIRST, "Qamishli Courier", AT), report(SECOND, "Northern Dispatch", AT.replace(hour=12))
    main = bomb(a, "A roadside bomb killed four soldiers on the road outside Qamishli", (("killed", 4, 4, 4, "exact"),),
                "a military source")
    record = bomb(a, "More than 150 people have died in such blasts in the district since 2020",
                  (("killed", 151, None, None, "more_than"),), "a local monitor")
    other = bomb(b, "Four soldiers died when a roadside bomb struck their vehicle near Qamishli",
                 (("killed", 4, 4, 4, "exact"),), "the health directorate")
    return {a.id: a, b.id: b}, main, record, other


def chain_ids(event):
    return {cid for chain in event.independent_chains for cid in chain}


def test_background_record_stays_with_the_event_but_is_no_chain():
    docs, main, record, other = bombing()
    doc = docs[record.document_id]
    record = scoped(record, doc, "since 2020", time_words="2020")
    [event] = fuse_claims([main, record, other], docs)
    assert record.id in event.claim_ids  # linked, in view
    assert record.id not in chain_ids(event)
    assert event.independent_sources == 2
    [without] = fuse_claims([main, other], docs)
    assert event.confidence == without.confidence
    assert event.chain_labels == without.chain_labels
    # the control: read as the event's own figure, the monitor is a third chain
    [unscoped] = fuse_claims([main, bomb(doc, "More than 150 people have died in such blasts in the district since 2020",
                                         (("killed", 151, None, None, "more_than"),), "a local monitor"), other], docs)
    assert unscoped.independent_sources == 3


def test_round_up_dated_by_its_own_period_words_is_context():
    doc = report("The army said 11 fighters had been killed in clashes across the province in the past 24 hours.",
                 "Qamishli Courier", AT)
    claim = bomb(doc, "11 fighters had been killed in clashes across the province in the past 24 hours",
                 (("killed", 11, 11, 11, "exact"),), "The army")
    tally = scoped(claim, doc, "in the past 24 hours", QuantityScope.TALLY, time_words="the past 24 hours",
                   precision=TimePrecision.DAY)
    assert is_context(make_view(tally, doc))
    # a round-up with no time expression at all is context too
    assert is_context(make_view(replace(tally, time=None), doc))


def test_background_figure_beside_a_date_of_its_own_counts():
    doc = report("The prison, which held about 900 inmates in 2024, was overrun by gunmen on Tuesday, a guard said.",
                 "Qamishli Courier", AT)
    claim = bomb(doc, "The prison, which held about 900 inmates in 2024, was overrun by gunmen on Tuesday",
                 (("people", 810, 990, 900, "about"),), "a guard")
    held = scoped(claim, doc, "in 2024", time_words="Tuesday", precision=TimePrecision.DAY)
    assert not is_context(make_view(held, doc))  # "on Tuesday" dates the overrun, not the record
    # the same claim whose only date is the record's year is context
    assert is_context(make_view(scoped(claim, doc, "in 2024", time_words="2024"), doc))


def test_claims_without_figures_or_with_an_event_figure_are_never_context():
    docs, main, record, _ = bombing()
    doc = docs[record.document_id]
    assert not is_context(make_view(replace(main, quantities=()), doc))
    both = scoped(record, doc, "since 2020", time_words="2020")
    both = replace(both, quantities=(*both.quantities, *main.quantities))  # the toll beside the record
    assert not is_context(make_view(both, doc))


def test_an_event_made_only_of_records_keeps_its_chains():
    docs, _, record, _ = bombing()
    doc = docs[record.document_id]
    record = scoped(record, doc, "since 2020", time_words="2020")
    [event] = fuse_claims([record], docs)
    assert event.independent_chains == ((record.id,),)
    assert event.confidence > 0


def test_extracted_record_from_another_source_adds_no_chain():
    from sitroom.extraction import extract_document, make_document

    a = make_document(FIRST, outlet="Qamishli Courier", published="2026-04-15T10:00:00Z")
    b = make_document(SECOND, outlet="Northern Dispatch", published="2026-04-15T12:00:00Z")
    claims = extract_document(a) + extract_document(b)
    [record] = [c for c in claims if any(q.scope is QuantityScope.BACKGROUND for q in c.quantities)]
    [event] = [e for e in fuse_claims(claims, {a.id: a, b.id: b}) if record.id in e.claim_ids]
    assert event.sub_event_type == BOMB
    assert record.id not in chain_ids(event)
    assert event.independent_sources == 2  # the courier's military source and the health directorate
    assert {label.split(" ← ")[0] for label in event.chain_labels} == {"Qamishli Courier", "Northern Dispatch"}


def test_cli_event_shows_context_claims_apart_from_the_chains(tmp_path):
    from click.testing import CliRunner

    from sitroom.cli import main
    from sitroom.fuse import fuse_store
    from sitroom.store import open_store

    docs, main_claim, record, other = bombing()
    record = scoped(record, docs[record.document_id], "since 2020", time_words="2020")
    db = f"sqlite:///{tmp_path / 'context.db'}"
    with open_store(db) as store:
        for d in docs.values():
            store.add_document(d)
            store.replace_claims(d.id, [c for c in (main_claim, record, other) if c.document_id == d.id])
        fuse_store(store)
        [event] = store.list_events()
    out = CliRunner().invoke(main, ["--db", db, "event", event.id], catch_exceptions=False).output
    assert "independent source chains: 2" in out
    chains, context = out.split("context: background or round-up figures only, not counted as a chain")
    assert "chain 2:" in chains and "More than 150 people" not in chains
    assert "More than 150 people have died" in context
