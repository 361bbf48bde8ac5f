"""Background figures on claims: visible on the claim and in the JSON export, left out of the
event's toll and of contradictions (reconcile rule 4). Reports written for these tests."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timezone

from click.testing import CliRunner

from builders import QAMISHLI, claim_in, report
from sitroom.cli import main
from sitroom.export import claim_spans
from sitroom.extraction import extract_document, make_document
from sitroom.fuse import fuse_claims
from sitroom.model import QuantityKind, QuantityScope, SourceKind, Span

VIOLENCE = "Explosions/Remote violence"
BOMB = "Remote explosive/landmine/IED"

#: Outlet A tells the bombing, then the city's toll so far this year (its own claim, same place).
KIRKUK_A = ("A car bomb killed six people at a market in Kirkuk on Monday. Police said 45 people had been killed "
            "in bomb attacks in Kirkuk so far this year.")
KIRKUK_B = "A car bomb exploded at a market in Kirkuk on Monday, killing six people, a health official said."


def killed(event):
    return next(f for f in event.fields if f.name == "quantity:killed")


def as_if_unscoped(claims):
    """The claims as they were before scope was recorded: every figure the event's own."""
    return [replace(c, quantities=tuple(replace(q, scope=QuantityScope.EVENT, scope_span=None) for q in c.quantities))
            for c in claims]


def test_background_figure_neither_sets_the_toll_nor_contradicts_it():
    at = datetime(2026, 3, 9, 10, tzinfo=timezone.utc)
    hospital = report("A car bomb near the market in Qamishli on Sunday killed nine people, a hospital official said. "
                      "Bombs have killed more than 200 people in the city since 2019.", "Rojava Daily", at)
    ministry = report("The interior ministry said nine people were killed when a car bomb exploded in Qamishli on Sunday.",
                      "Levant Wire Service", at)
    c1 = claim_in(hospital, "A car bomb near the market in Qamishli on Sunday killed nine people", event_type=VIOLENCE,
                  sub_event_type=BOMB, place=QAMISHLI, day=date(2026, 3, 8), quantities=(("killed", 9, 9, 9, "exact"),),
                  sources=(("a hospital official", SourceKind.OFFICIAL),))
    # the city's record, told as its own claim by the same source, with the words that make it background
    c_record = claim_in(hospital, "Bombs have killed more than 200 people in the city since 2019", event_type=VIOLENCE,
                        sub_event_type=BOMB, place=QAMISHLI, day=date(2026, 3, 8),
                        quantities=(("killed", 201, None, None, "more_than"),),
                        sources=(("a hospital official", SourceKind.OFFICIAL),))
    since = hospital.text.index("since 2019")
    [figure] = c_record.quantities
    c_record = replace(c_record, quantities=(replace(figure, scope=QuantityScope.BACKGROUND,
                                                     scope_span=Span(since, since + len("since"))),))
    c2 = claim_in(ministry, "nine people were killed when a car bomb exploded in Qamishli", event_type=VIOLENCE,
                  sub_event_type=BOMB, place=QAMISHLI, day=date(2026, 3, 8), quantities=(("killed", 9, 9, 9, "exact"),),
                  sources=(("The interior ministry", SourceKind.OFFICIAL),))
    docs = {hospital.id: hospital, ministry.id: ministry}
    [event] = fuse_claims([c1, c_record, c2], docs)
    assert c_record.id in event.claim_ids  # the record stays with the event's claims, in view
    assert (killed(event).low, killed(event).best, killed(event).high) == (9, 9, 9)
    assert c_record.id not in killed(event).claim_ids
    assert not event.contradictions
    assert ("scope", "killed: background", since, since + len("since")) in [
        (s["role"], s["label"], s["start"], s["end"]) for s in claim_spans(c_record)]
    # the control: read as the event's own, the record would stand for its chain and contradict the toll
    [before] = fuse_claims(as_if_unscoped([c1, c_record, c2]), docs)
    assert [c.right for c in before.contradictions] == [{"low": 201, "high": None}]


def test_extracted_background_claim_does_not_change_the_fused_toll():
    a = make_document(KIRKUK_A, outlet="Kirkuk Daily", published="2026-03-03T10:00:00Z")
    b = make_document(KIRKUK_B, outlet="Gulf Monitor", published="2026-03-03T12:00:00Z")
    claims = extract_document(a) + extract_document(b)
    figures = {(q.low, str(q.scope)) for c in claims for q in c.quantities if q.kind is QuantityKind.KILLED}
    assert figures == {(6, "event"), (45, "background")}
    docs = {a.id: a, b.id: b}
    bombing = [e for e in fuse_claims(claims, docs) if e.sub_event_type == BOMB and any(
        f.name == "quantity:killed" for f in e.fields)]
    assert [(killed(e).low, killed(e).best, killed(e).high) for e in bombing] == [(6, 6, 6)]
    assert not bombing[0].contradictions
    # the control: read as the event's own, the year's 45 would widen the toll and contradict it
    [before] = [e for e in fuse_claims(as_if_unscoped(claims), docs) if e.id == bombing[0].id]
    assert killed(before).high == 45 and before.contradictions


def test_scope_shows_in_the_json_export(tmp_path):
    path = tmp_path / "kirkuk.txt"
    path.write_text(KIRKUK_A, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path), "--format", "json", "--published", "2026-03-03",
                                       "--outlet", "Kirkuk Daily"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in result.output.splitlines()]
    text = record["document"]["text"]
    shown = [(q["low"], q["scope"], text[q["scope_span"]["start"]:q["scope_span"]["end"]] if q["scope_span"] else None)
             for c in record["claims"] for q in c["quantities"] if q["kind"] == "killed"]
    assert (6, "event", None) in shown and (45, "background", "so far") in shown


def test_a_separate_attack_keeps_its_own_toll_in_fusion():
    """"In a separate attack, gunmen killed four policemen ... in Mosul": the four are the Mosul
    attack's own toll, so the fused Mosul event has a killed figure."""
    a = make_document("A car bomb killed six people at a market in Kirkuk on Monday, police said. "
                      "In a separate attack, gunmen killed four policemen at a checkpoint in Mosul on Monday.",
                      outlet="Kirkuk Daily", published="2026-03-03T10:00:00Z")
    b = make_document("Gunmen on motorbikes attacked a checkpoint in Mosul on Monday, killing four policemen, "
                      "police said.", outlet="Gulf Monitor", published="2026-03-03T12:00:00Z")
    claims = extract_document(a) + extract_document(b)
    assert {(q.low, str(q.scope)) for c in claims for q in c.quantities if q.kind is QuantityKind.KILLED} == {
        (6, "event"), (4, "event")}
    events = fuse_claims(claims, {a.id: a, b.id: b})
    mosul = [e for e in events if e.place and e.place.name == "Mosul"]
    assert mosul and all((killed(e).low, killed(e).high) == (4, 4) for e in mosul)


def test_a_scope_given_as_a_string_by_a_plugin_is_fused_as_the_enum():
    """A plugin stage may build ``Quantity(scope="event")``: the figure must still set the toll."""
    a = make_document(KIRKUK_B, outlet="Gulf Monitor", published="2026-03-03T12:00:00Z")
    claims = [replace(c, quantities=tuple(replace(q, scope="event") for q in c.quantities))
              for c in extract_document(a)]
    assert all(q.scope is QuantityScope.EVENT for c in claims for q in c.quantities)
    [event] = [e for e in fuse_claims(claims, {a.id: a}) if any(f.name == "quantity:killed" for f in e.fields)]
    assert (killed(event).low, killed(event).high) == (6, 6)
