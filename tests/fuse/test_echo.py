"""Media echo: an unnamed-outlet citation of a named outlet's figure is one chain with it."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

from builders import AL_HOL, claim_in, report
from sitroom.fuse import fuse_claims
from sitroom.fuse.echo import Reading, find_echoes, outlet_facts, read_outlet, unnamed_outlet
from sitroom.fuse.views import make_view
from sitroom.model import SourceKind

OFFICIALS = (("Western officials", SourceKind.OFFICIAL),)


def at(day: int) -> datetime:
    return datetime(2026, 5, day, 9, tzinfo=timezone.utc)


def paper_and_echo(echo_figure: tuple, cited: str = "a U.S. newspaper", cited_kind: SourceKind = SourceKind.OUTLET):
    paper = report("Some 8,000 to 9,000 inmates broke out of the camp overnight, Western officials told the "
                   "Harbor Times.", "The Harbor Times", at(3))
    other = report("Thousands of inmates fled the camp after guards abandoned the gates, residents said on Tuesday.",
                   "Delta Wire", at(3).replace(hour=12))
    echo = report(f"Officials in the capital ordered more patrols after {cited} reported that the inmates had "
                  "broken out of the camp.", "Coastal Star", at(4))
    claims = [
        claim_in(paper, "Some 8,000 to 9,000 inmates broke out of the camp", place=AL_HOL,
                 quantities=(("escaped", 8000, 9000, None, "range"),), sources=OFFICIALS),
        claim_in(other, "Thousands of inmates fled the camp", place=AL_HOL,
                 quantities=(("escaped", 2000, 9999, None, "vague"),), sources=(("residents", SourceKind.ANONYMOUS),)),
        claim_in(echo, "the inmates had broken out of the camp", place=AL_HOL, quantities=(echo_figure,),
                 sources=((cited, cited_kind),)),
    ]
    return [paper, other, echo], claims


def fuse(docs, claims):
    [event] = fuse_claims(claims, {d.id: d for d in docs})
    return event


def echoes(docs, claims):
    by_id = {d.id: d for d in docs}
    return find_echoes([make_view(c, by_id[c.document_id]) for c in claims])


def chain_of(event, claim_id):
    return next(set(chain) for chain in event.independent_chains if claim_id in chain)


def test_unnamed_outlet_descriptions():
    assert unnamed_outlet("a U.S. newspaper") == unnamed_outlet("US paper")
    assert unnamed_outlet("a U.S. newspaper").nationality == "US"
    assert unnamed_outlet("a British daily").kind == "newspaper"
    for generic in ("local media", "media reports", "a major paper", "state television", "a French news agency"):
        assert unnamed_outlet(generic) is not None, generic
    for named in ("The Harbor Times", "Press TV", "Reuters", "The Independent", "Western officials", "residents"):
        assert unnamed_outlet(named) is None, named
    assert outlet_facts("Istanbul Turkish Courier").nationality == "TR"
    assert outlet_facts("The Harbor Times").kind == "newspaper"


def test_echo_of_the_same_figure_joins_the_named_outlets_chain():
    docs, claims = paper_and_echo(("escaped", 8000, 9000, None, "range"))
    event = fuse(docs, claims)
    assert event.independent_sources == 2
    assert chain_of(event, claims[2].id) == {claims[0].id, claims[2].id}
    [label] = [lb for lb in event.chain_labels if "echoed by" in lb]
    assert label.startswith("The Harbor Times ← Western officials; echoed by Coastal Star ← a U.S. newspaper")
    assert "(= The Harbor Times, same figure 8,000–9,000 escaped)" in label
    escaped = next(f for f in event.fields if f.name == "quantity:escaped")
    assert escaped.value["chains"] == 2


def test_media_reports_parsed_as_a_document_also_echo():
    docs, claims = paper_and_echo(("escaped", 8000, 9000, None, "range"), cited="media reports",
                                  cited_kind=SourceKind.DOCUMENT)
    assert fuse(docs, claims).independent_sources == 2


def test_generic_citation_with_another_figure_stays_independent():
    docs, claims = paper_and_echo(("escaped", 12000, 12000, 12000, "exact"))
    event = fuse(docs, claims)
    assert event.independent_sources == 3
    assert chain_of(event, claims[2].id) == {claims[2].id}
    assert not any("echoed by" in lb for lb in event.chain_labels)


def test_vague_figures_never_make_an_echo():
    docs, claims = paper_and_echo(("escaped", 2000, 9999, None, "vague"))
    assert fuse(docs, claims).independent_sources == 3


def test_named_source_with_the_same_figure_is_corroboration():
    docs, claims = paper_and_echo(("escaped", 8000, 9000, None, "range"), cited="the Meridian Gazette")
    event = fuse(docs, claims)
    assert event.independent_sources == 3


def test_known_nationality_that_disagrees_rules_the_outlet_out():
    docs, claims = paper_and_echo(("escaped", 8000, 9000, None, "range"), cited="a Turkish newspaper")
    docs[0] = report(docs[0].text, "The American Harbor Times", docs[0].published)
    claims[0] = claim_in(docs[0], "Some 8,000 to 9,000 inmates broke out of the camp", place=AL_HOL,
                         quantities=(("escaped", 8000, 9000, None, "range"),), sources=OFFICIALS)
    assert fuse(docs, claims).independent_sources == 3


def test_matching_nationality_is_preferred_over_an_earlier_unknown():
    docs, claims = paper_and_echo(("escaped", 8000, 9000, None, "range"))
    # an earlier report with the same figure from an outlet whose name says nothing of its country
    first = report("Between 8,000 and 9,000 inmates broke out of the camp, officials told the Ridge Courier.",
                   "Ridge Courier", at(2))
    us = report("Some 8,000 to 9,000 inmates broke out of the camp, Western officials told the paper.",
                "The American Ledger", at(3))
    docs[0] = us
    claims[0] = claim_in(us, "Some 8,000 to 9,000 inmates broke out of the camp", place=AL_HOL,
                         quantities=(("escaped", 8000, 9000, None, "range"),), sources=OFFICIALS)
    claims.append(claim_in(first, "Between 8,000 and 9,000 inmates broke out of the camp", place=AL_HOL,
                           quantities=(("escaped", 8000, 9000, None, "range"),),
                           sources=(("officials", SourceKind.OFFICIAL),)))
    docs.append(first)
    found = echoes(docs, claims)
    assert found[claims[2].id].outlet == "The American Ledger"
    assert found[claims[2].id].target_id == claims[0].id


def test_labels_follow_their_chains_through_an_analyst_split_and_merge(sqlite_store):
    from sitroom.analyst import merge_events, split_event
    from sitroom.fuse import chain_judge, fuse_store

    docs, claims = paper_and_echo(("escaped", 8000, 9000, None, "range"))
    for d in docs:
        sqlite_store.add_document(d)
        sqlite_store.replace_claims(d.id, [c for c in claims if c.document_id == d.id])
    fuse_store(sqlite_store)
    [event] = sqlite_store.list_events()
    paper, _, echo = claims
    # The analyst moves the paper's claim out: the echo it was joined by now stands alone.
    rest, moved = split_event(event, [paper.id], judge=chain_judge(sqlite_store))
    for e in (rest, moved):
        assert len(e.chain_labels) == len(e.independent_chains)
    echo_label = rest.chain_labels[rest.independent_chains.index((echo.id,))]
    assert echo_label == "Coastal Star ← a U.S. newspaper"  # no longer "echoed by", no longer the paper's
    assert moved.chain_labels == ("The Harbor Times ← Western officials",)
    assert event.echoes and rest.echoes == () and moved.echoes == ()  # the echo link went with the split
    # Merged back, every chain keeps the label it had.
    merged = merge_events([rest, moved])
    assert dict(zip(merged.independent_chains, merged.chain_labels)) == {
        **dict(zip(rest.independent_chains, rest.chain_labels)), **dict(zip(moved.independent_chains, moved.chain_labels))}


def test_descriptions_of_no_single_outlet_and_capitalised_names_are_not_unnamed_outlets():
    for not_one in ("several newspapers", "two papers", "the channel", "the daily", "its website",
                    "social media", "social media posts", "media outlets"):
        assert unnamed_outlet(not_one) is None, not_one
    assert read_outlet("several newspapers")[0] is Reading.NO_SINGLE_OUTLET
    assert read_outlet("National Public Radio")[0] is Reading.NAMED  # made of outlet words, still a name
    assert read_outlet("state television")[0] is Reading.UNNAMED
    # nationalities come from the country table (demonyms, abbreviations)
    assert unnamed_outlet("a South African paper").nationality == "ZA"
    assert unnamed_outlet("a Nigerian daily").nationality == "NG"
    assert unnamed_outlet("a UK broadcaster").nationality == "GB"


def test_a_small_exact_count_says_nothing_of_who_published_it():
    docs, claims = paper_and_echo(("escaped", 12, 12, 12, "exact"))
    docs[0] = report("Twelve inmates broke out of the camp overnight, Western officials told the Harbor Times.",
                     "The Harbor Times", at(3))
    claims[0] = claim_in(docs[0], "Twelve inmates broke out of the camp", place=AL_HOL,
                         quantities=(("escaped", 12, 12, 12, "exact"),), sources=OFFICIALS)
    assert fuse(docs, claims).independent_sources == 3


def test_a_large_exact_count_or_a_bound_is_telling():
    for figure in (("escaped", 400, 400, 400, "exact"), ("escaped", 30, 30, 30, "about")):
        docs, claims = paper_and_echo(figure)
        claims[0] = claim_in(docs[0], "Some 8,000 to 9,000 inmates broke out of the camp", place=AL_HOL,
                             quantities=(figure,), sources=OFFICIALS)
        assert fuse(docs, claims).independent_sources == 2, figure


def test_an_outlet_does_not_echo_itself():
    docs, claims = paper_and_echo(("escaped", 8000, 9000, None, "range"))
    docs[2] = report(docs[2].text, "The Harbor Times", docs[2].published)  # the paper cites "a U.S. newspaper"
    claims[2] = replace(claims[2], document_id=docs[2].id)
    assert echoes(docs, claims) == {}


def test_an_outlet_does_not_echo_itself_under_another_spelling():
    docs, claims = paper_and_echo(("escaped", 8000, 9000, None, "range"))
    docs[2] = report(docs[2].text, "harbor times", docs[2].published)  # case and article differ
    claims[2] = replace(claims[2], document_id=docs[2].id)
    assert echoes(docs, claims) == {}


def test_an_outlet_cited_only_by_description_is_no_echo_target():
    docs, claims = paper_and_echo(("escaped", 8000, 9000, None, "range"))
    claims[0] = claim_in(docs[0], "Some 8,000 to 9,000 inmates broke out of the camp", place=AL_HOL,
                         quantities=(("escaped", 8000, 9000, None, "range"),),
                         sources=(("several newspapers", SourceKind.OUTLET),))
    assert echoes(docs, claims) == {}


def test_an_echo_does_not_pull_other_citations_of_local_media_into_the_named_chain():
    """Two reports cite "local media": one passes on the paper's figure, the other gives its own.
    Only the first joins the paper's chain; the second stays a chain of its own."""
    docs, claims = paper_and_echo(("escaped", 8000, 9000, None, "range"), cited="local media")
    other = report("Officials said on Wednesday that about 300 inmates had broken out of the camp, local media "
                   "reported.", "Ridge Courier", at(5))
    docs.append(other)
    claims.append(claim_in(other, "about 300 inmates had broken out of the camp", place=AL_HOL,
                           quantities=(("escaped", 300, 300, 300, "about"),), sources=(("local media", SourceKind.OUTLET),)))
    event = fuse(docs, claims)
    assert chain_of(event, claims[2].id) == {claims[0].id, claims[2].id}
    assert chain_of(event, claims[3].id) == {claims[3].id}


def test_echoes_read_each_claims_figures_once(monkeypatch):
    from sitroom.fuse import echo

    calls = []
    real = echo._figures
    monkeypatch.setattr(echo, "_figures", lambda v: calls.append(v.id) or real(v))
    docs, claims = [], []
    for k in range(120):
        doc = report(f"Report {k}: some 8,000 to 9,000 inmates broke out of the camp.", f"Outlet {k}", at(3 + k % 20))
        cited = (("a U.S. newspaper", SourceKind.OUTLET),) if k % 2 else OFFICIALS
        docs.append(doc)
        claims.append(claim_in(doc, "some 8,000 to 9,000 inmates broke out of the camp", place=AL_HOL,
                               quantities=(("escaped", 8000 + k, 9000, None, "range"),), sources=cited))
    echoes(docs, claims)
    assert len(calls) == len(claims)


def quoted_echo():
    """The paper's range and an echo that repeats it, with every span on its own words."""
    from builders import span_of

    paper = report("Some 8,000 to 9,000 inmates broke out of the camp overnight, Western officials told the "
                   "Harbor Times.", "The Harbor Times", at(3))
    echo = report("Guards were replaced after a U.S. newspaper reported that 8,000 to 9,000 inmates had broken out "
                  "of the camp.", "Coastal Star", at(4))
    first = claim_in(paper, "Some 8,000 to 9,000 inmates broke out of the camp", place=AL_HOL,
                     quantities=(("escaped", 8000, 9000, None, "range"),), sources=OFFICIALS)
    second = claim_in(echo, "8,000 to 9,000 inmates had broken out of the camp", place=AL_HOL,
                      quantities=(("escaped", 8000, 9000, None, "range"),), sources=(("a U.S. newspaper", SourceKind.OUTLET),))
    first = replace(first, quantities=(replace(first.quantities[0], span=span_of(paper, "Some 8,000 to 9,000")),))
    [publisher, cited] = second.attribution.chain
    second = replace(second, quantities=(replace(second.quantities[0], span=span_of(echo, "8,000 to 9,000")),),
                     attribution=replace(second.attribution,
                                         chain=(publisher, replace(cited, span=span_of(echo, "a U.S. newspaper")))))
    return [paper, echo], [first, second]


def test_event_records_each_echo_with_its_spans():
    docs, (first, second) = quoted_echo()
    paper, echo = docs
    event = fuse(docs, [first, second])
    assert event.independent_sources == 1
    [link] = event.echoes
    assert (link.claim_id, link.target_id, link.outlet, link.figure) == (
        second.id, first.id, "The Harbor Times", "8,000–9,000 escaped")
    assert link.cited_span.quote(echo.text) == link.cited == "a U.S. newspaper"
    assert [s.quote(echo.text) for s in link.figure_spans] == ["8,000 to 9,000"]
    assert [s.quote(paper.text) for s in link.target_figure_spans] == ["Some 8,000 to 9,000"]


def test_no_echo_no_echoes_field():
    docs, claims = paper_and_echo(("escaped", 12000, 12000, 12000, "exact"))
    assert fuse(docs, claims).echoes == ()


def test_echoes_survive_json_the_store_and_the_export(sqlite_store):
    from sitroom.export import load_bundles
    from sitroom.export.bundle import bundle_to_dict
    from sitroom.model import Event, from_jsonable, to_jsonable

    docs, claims = quoted_echo()
    event = fuse(docs, claims)
    data = to_jsonable(event)
    assert from_jsonable(Event, data) == event
    # an event stored before echoes were recorded reads back with none
    assert from_jsonable(Event, {k: v for k, v in data.items() if k != "echoes"}).echoes == ()
    for d in docs:
        sqlite_store.add_document(d)
        sqlite_store.replace_claims(d.id, [c for c in claims if c.document_id == d.id])
    sqlite_store.save_events([event])
    assert sqlite_store.get_event(event.id).echoes == event.echoes
    [bundle] = load_bundles(sqlite_store, [event])
    [out] = bundle_to_dict(bundle)["echoes"]
    assert out["cited_span"]["quote"] == "a U.S. newspaper"
    assert [s["quote"] for s in out["figure_spans"]] == ["8,000 to 9,000"]
    assert [s["quote"] for s in out["target_figure_spans"]] == ["Some 8,000 to 9,000"]


def test_a_split_drops_the_echo_it_cuts_and_a_merge_brings_it_back():
    from sitroom.analyst import merge_events, split_event

    docs, (first, second) = quoted_echo()
    event = fuse(docs, [first, second])
    rest, moved = split_event(event, [first.id])
    assert rest.echoes == () and moved.echoes == ()
    kept, _ = split_event(replace(event, claim_ids=(*event.claim_ids, "clm_other")), ["clm_other"])
    assert kept.echoes == event.echoes
    assert merge_events([kept, replace(moved, echoes=event.echoes)]).echoes == event.echoes
