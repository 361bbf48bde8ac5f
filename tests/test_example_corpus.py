"""The bundled reports end to end (ingest → extract → geocode → fuse): what analysts must see."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.ingestion import ingest_sources
from sitroom.processing import process_store
from sitroom.settings import Settings
from sitroom.store import open_store

ROOT = Path(__file__).resolve().parents[1]
ESCAPE = "Escape from detention or camp"


@pytest.fixture(scope="module")
def corpus_url(tmp_path_factory):
    return f"sqlite:///{tmp_path_factory.mktemp('corpus') / 'corpus.db'}"


@pytest.fixture(scope="module")
def corpus(corpus_url):
    store = open_store(corpus_url)
    report = ingest_sources(store, [str(ROOT / "examples" / "reports")], Settings())
    assert report.ingested == 45 and not report.skipped
    process_store(store, Settings())
    yield store
    store.close()


def _docs(store, prefix):
    return [d for d in store.list_documents(limit=None) if Path(d.source or "").name.startswith(prefix)]


def test_ledger_range_with_chain_and_hedge(corpus):
    [ledger] = _docs(corpus, "016-")
    claims = corpus.claims_for_document(ledger.id)
    ranged = [(c, q) for c in claims for q in c.quantities if (q.low, q.high) == (15000, 20000)]
    assert ranged, "the 15,000-20,000 estimate"
    claim, quantity = ranged[0]
    assert str(quantity.kind) == "escaped" and quantity.span.quote(ledger.text).startswith("Between 15,000")
    chain = [s.name for s in claim.attribution.chain]
    assert chain[0] == "The Northern Ledger" and any("officials" in n.lower() for n in chain[1:])
    assert "estimate" in [h.lower() for h in claim.attribution.hedges]  # "The estimate, which …" names the claim
    assert claim.event_place is not None and claim.event_place.place.name == "al-Hol camp"


def test_thousands_from_security_and_humanitarian_sources(corpus):
    [wire] = _docs(corpus, "011-")
    claims = corpus.claims_for_document(wire.id)
    vague = [(c, q) for c in claims for q in c.quantities if str(q.qualifier) == "vague" and str(q.kind) == "escaped"]
    assert vague
    claim, quantity = vague[0]
    assert quantity.span.quote(wire.text).lower() == "thousands" and quantity.low >= 1000
    assert "security and humanitarian sources" in [s.name for s in claim.attribution.chain]
    dests = {p.place.name for c in claims for p in c.places if p.role == "destination" and p.place}
    assert "Iraq" in dests  # "some reached Iraq and Turkey": the conjunct is not yet followed


def test_camp_escape_is_one_event_with_independent_chains(corpus):
    escapes = [e for e in corpus.list_events(limit=None) if e.sub_event_type == ESCAPE and e.place
               and e.place.name == "al-Hol camp"]
    main = max(escapes, key=lambda e: len(e.claim_ids))
    assert main.place.admin1 == "Al-Hasakah" and abs(main.place.lat - 36.37) < 0.1
    assert main.independent_sources >= 2
    escaped = next(f for f in main.fields if f.name == "quantity:escaped")
    assert escaped.high == 20000 and escaped.low >= 1000 and escaped.claim_ids
    wire_ids = {d.id for p in ("011-", "012-", "013-", "014-") for d in _docs(corpus, p)}
    claims = {c.id: c for c in corpus.get_claims(main.claim_ids)}
    wire_chains = {i for i, chain in enumerate(main.independent_chains)
                   for cid in chain if claims[cid].document_id in wire_ids
                   and any(s.name == "security and humanitarian sources" for s in claims[cid].attribution.chain)}
    assert len(wire_chains) == 1, "the wire story and its rewrites are one chain"


def test_car_bomb_tolls_flagged_and_second_bomb_apart(corpus):
    bombs = [e for e in corpus.list_events(limit=None) if e.event_type == "Explosions/Remote violence"
             and e.place and "mi" in e.place.name.lower()]
    first = next(e for e in bombs if str(e.start) == "2026-03-08" or str(e.end) == "2026-03-09")
    conflict = [c for c in first.contradictions if c.field == "quantity:killed"]
    assert conflict and {conflict[0].left["low"], conflict[0].right["low"]} == {7, 9}
    later = [e for e in corpus.list_events(limit=None) if e.event_type == "Explosions/Remote violence"
             and e.start and str(e.start) >= "2026-03-14"]
    assert later and all(e.id != first.id for e in later)


def test_unrelated_escape_stays_apart(corpus):
    events = [e for e in corpus.list_events(limit=None) if e.sub_event_type == ESCAPE and e.place]
    zahle = [e for e in events if e.place.country == "LB"]
    al_hol = [e for e in events if e.place.name == "al-Hol camp"]
    assert zahle and al_hol and not set(zahle[0].claim_ids) & set(al_hol[0].claim_ids)


def test_cli_events_filters_by_type_and_radius(corpus, corpus_url):
    """`sitroom events` reads the store through the API's filters; --near is an exact radius."""
    import json

    from click.testing import CliRunner

    from sitroom.cli import main

    def events(*args):
        result = CliRunner().invoke(main, ["--db", corpus_url, "events", "--format", "json", *args],
                                    catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return [json.loads(line) for line in result.output.splitlines() if line.strip()]

    near = events("--type", ESCAPE, "--near", "36.37,41.15", "--km", "30")
    assert near and all(e["sub_event_type"] == ESCAPE for e in near)
    assert any(e["place"]["name"] == "al-Hol camp" for e in near)
    assert all(e["place"]["country"] == "SY" for e in near)
    by_type = events("--type", "Explosions/Remote violence", "--country", "SY")
    assert by_type and {e["event_type"] for e in by_type} == {"Explosions/Remote violence"}
    assert not events("--type", ESCAPE, "--near", "-33.87,151.21", "--km", "50")  # Sydney: nothing


def test_no_escape_is_placed_where_people_only_speak_or_act(corpus):
    """"Officials in Ankara have dismissed Kurdish claims ... the breakout", "Turkey reinforces
    Syrian border after reports of camp breakout": Ankara and Turkey speak and act; the escape
    happened at the camp, and the reaction's claim takes the camp from its report's lede."""
    escapes = [e for e in corpus.list_events(limit=None) if e.sub_event_type == ESCAPE and e.place]
    assert escapes and not [e.place.name for e in escapes if e.place.country == "TR"]
    [reaction] = _docs(corpus, "020-")
    breakout = [c for c in corpus.claims_for_document(reaction.id) if c.trigger == "breakout"]
    assert breakout and all(c.event_place.place.name == "al-Hol camp" for c in breakout)
    [headline] = _docs(corpus, "009-")
    assert all(c.event_place is None or c.event_place.place.country != "TR"
               for c in corpus.claims_for_document(headline.id) if c.sub_event_type == ESCAPE)


def test_a_stated_goal_is_no_event(corpus):
    """"… working with partners 'to locate and detain' dangerous individuals" states a goal: no
    arrest claim (it would raise a first-arrests alert where the coalition's words were reported)."""
    [ledger] = _docs(corpus, "016-")
    assert "Arrests" not in {c.sub_event_type for c in corpus.claims_for_document(ledger.id)}
