"""Exports: every format reads back (csv/json from the stdlib, pyarrow) with the values written;
the CLI and the API write the same bytes because they call the same function."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from demo_data import CAMP_ESCAPE_ID, CAR_BOMB_ID, HOSTILE_ID

from sitroom.cli import main
from sitroom.export import bundle_to_dict, event_summary, export_events, formats, load_bundles
from sitroom.export.acled_csv import _cell
from sitroom.export.rows import COLUMNS, acled_row, geo_precision_code, time_precision_code
from sitroom.model import Claim, Event, Precision, from_jsonable
from sitroom.registry import exporters
from sitroom.store import open_store
from sitroom.store.queries import EventFilter, iter_events

ACLED = ["event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1", "admin2", "location",
         "latitude", "longitude", "geo_precision", "time_precision", "source", "notes", "fatalities"]


@pytest.fixture(scope="module")
def store(demo_db: Path):
    s = open_store(f"sqlite:///{demo_db}")
    yield s
    s.close()


@pytest.fixture(scope="module")
def bundles(store):
    return list(load_bundles(store, iter_events(store)))


def dump(store, fmt: str, flt: EventFilter | None = None) -> bytes:
    out = io.BytesIO()
    export_events(store, fmt, out, flt)
    return out.getvalue()


def test_registered_formats():
    assert formats() == ["acled-csv", "geojson", "jsonl", "parquet"]
    assert exporters.names() == formats()


def test_acled_columns_present():
    names = [n for n, _ in COLUMNS]
    for col in ACLED + ["low", "best", "high", "independent_sources", "contradiction", "event_id"]:
        assert col in names


def test_csv_round_trip(store, bundles):
    rows = list(csv.DictReader(io.StringIO(dump(store, "acled-csv").decode("utf-8"))))
    assert len(rows) == len(bundles) == 10
    for row, bundle in zip(rows, bundles):
        expected = acled_row(bundle)
        assert row == {name: _cell(expected[name]) for name, _ in COLUMNS}
    camp = next(r for r in rows if r["event_id"] == CAMP_ESCAPE_ID)
    assert (camp["low"], camp["best"], camp["high"], camp["independent_sources"]) == ("1000", "15000", "20000", "2")
    assert camp["country"] == "Syria" and camp["geo_precision"] == "1" and camp["time_precision"] == "2"
    assert camp["source"] == "Levant Wire Service; The Northern Ledger"
    bomb = next(r for r in rows if r["event_id"] == CAR_BOMB_ID)
    assert bomb["contradiction"] == "true" and bomb["fatalities"] == "7"
    hostile = next(r for r in rows if r["event_id"] == HOSTILE_ID)
    assert "<script>" in hostile["notes"] or "Screenshots" in hostile["notes"]


def test_parquet_round_trip(store, bundles):
    table = pq.read_table(io.BytesIO(dump(store, "parquet")))
    assert table.column_names == [n for n, _ in COLUMNS]
    assert table.to_pylist() == [acled_row(b) for b in bundles]
    assert str(table.schema.field("event_date").type) == "date32[day]"
    assert str(table.schema.field("contradiction").type) == "bool"


def test_parquet_empty_export_still_has_schema(store):
    table = pq.read_table(io.BytesIO(dump(store, "parquet", EventFilter(country="FR"))))
    assert table.num_rows == 0 and table.column_names == [n for n, _ in COLUMNS]


def test_geojson_round_trip(store, bundles):
    fc = json.loads(dump(store, "geojson"))
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 10
    for feature, bundle in zip(fc["features"], bundles):
        e = bundle.event
        assert feature["id"] == e.id and feature["properties"] == event_summary(e)
        assert feature["geometry"]["coordinates"] == [e.place.lon, e.place.lat]


def test_jsonl_round_trip_full_event_claims_and_spans(store, bundles):
    lines = dump(store, "jsonl").decode("utf-8").splitlines()
    assert len(lines) == 10
    for line, bundle in zip(lines, bundles):
        data = json.loads(line)
        assert data == json.loads(json.dumps(bundle_to_dict(bundle)))
        assert from_jsonable(Event, data["event"]) == bundle.event
        for claim_data, claim in zip(data["claims"], bundle.claims):
            extra = {"outlet", "spans", "chain"}
            assert from_jsonable(Claim, {k: v for k, v in claim_data.items() if k not in extra}) == claim
            text = bundle.documents[claim.document_id].text
            for s in claim_data["spans"]:
                assert text[s["start"] : s["end"]] == s["quote"]


def test_filters_apply_to_exports(store):
    rows = list(csv.DictReader(io.StringIO(dump(store, "acled-csv", EventFilter(min_sources=2)).decode())))
    assert {r["event_id"] for r in rows} == {CAMP_ESCAPE_ID, CAR_BOMB_ID}


def test_unlocated_event_has_null_geometry(store, bundles):
    from dataclasses import replace

    from sitroom.export.geojson import write_geojson

    out = io.BytesIO()
    write_geojson([replace(bundles[0], event=replace(bundles[0].event, place=None))], out)
    assert json.loads(out.getvalue())["features"][0]["geometry"] is None


def test_precision_codes():
    assert geo_precision_code(Precision.POINT) == geo_precision_code(Precision.TOWN) == 1
    assert geo_precision_code(Precision.ADMIN2) == 2 and geo_precision_code(Precision.COUNTRY) == 3
    from datetime import date

    assert time_precision_code(date(2026, 1, 1), date(2026, 1, 1)) == 1
    assert time_precision_code(date(2026, 1, 1), date(2026, 1, 5)) == 2
    assert time_precision_code(date(2026, 1, 1), date(2026, 2, 5)) == 3
    assert time_precision_code(None, None) is None


@pytest.mark.parametrize("fmt", ["acled-csv", "geojson", "jsonl", "parquet"])
def test_cli_and_api_write_the_same(demo_db, client, tmp_path, fmt):
    target = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(main, ["--db", f"sqlite:///{demo_db}", "export", "--format", fmt, "--country", "SY",
                                       "-o", str(target)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    api = client.get(f"/api/exports/{fmt}?country=SY")
    assert api.status_code == 200 and api.headers["x-sitroom-count"] == "3"
    assert "attachment" in api.headers["content-disposition"]
    if fmt == "parquet":
        assert pq.read_table(target).to_pylist() == pq.read_table(io.BytesIO(api.content)).to_pylist()
    else:
        assert target.read_bytes() == api.content


def test_cli_export_to_stdout_and_bad_flags(demo_db):
    runner = CliRunner()
    base = ["--db", f"sqlite:///{demo_db}", "export"]
    out = runner.invoke(main, [*base, "--format", "acled-csv", "--type", "Escape"])
    assert out.exit_code == 0
    assert len(list(csv.DictReader(io.StringIO(out.stdout)))) == 2
    for bad in (["--format", "xml"], ["--format", "jsonl", "--since", "March"], ["--format", "jsonl", "--bbox", "1,2"],
                ["--format", "jsonl", "--country", "Syria"],
                ["--format", "jsonl", "--since", "2026-03-02", "--until", "2026-03-01"]):
        r = runner.invoke(main, [*base, *bad])
        assert r.exit_code == 2, (bad, r.output)


def test_api_export_unknown_format_and_bad_filter(client):
    r = client.get("/api/exports/xml")
    assert r.status_code == 404 and "acled-csv" in r.json()["error"]["message"]
    assert client.get("/api/exports/jsonl?bbox=x").status_code == 422
    assert client.get("/api/exports").json() == {"formats": formats()}


def test_claim_spans_keep_an_anaphor_traceable_to_the_name_it_stands_for():
    from sitroom.export.bundle import claim_spans
    from sitroom.model import Claim, Place, PlaceMention, Precision, Span

    text = "Guards left the Lakeside camp on Monday. Hundreds fled the camp overnight."
    camp = Place("x1", "Lakeside Camp", "XX", None, None, 1.0, 2.0, Precision.POINT)
    named, later = text.index("the Lakeside camp"), text.rindex("the camp")
    anaphor = PlaceMention(text="the camp", span=Span(later, later + 8), place=camp,
                           antecedent=Span(named, named + 17))
    claim = Claim("c1", "d1", "Escape", None, 0.9, Span(40, 73), places=(anaphor,))
    places = [s for s in claim_spans(claim) if s["role"] == "place"]
    assert [text[s["start"]:s["end"]] for s in places] == ["the Lakeside camp", "the camp"]
    assert "named earlier" in places[0]["label"]
