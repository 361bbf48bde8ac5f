"""build_claims and sitroom.extract: claims with quantities, actors, places and stable ids."""

from __future__ import annotations

from sitroom.extraction import document_id, make_document
from sitroom.model import Attribution, QuantityKind, Source, SourceKind, Span
from sitroom.nlp.claims import build_claims, claim_id

TEXT = ("A regional daily, citing U.S. officials, said between 15,000 and 20,000 detainees escaped "
        "from the Hawl camp after the guards changed. Iraqi border guards arrested 40 of the escapees "
        "near Rabia on Tuesday.")


def test_escape_claim_gathers_range_and_camp(nlp):
    doc = nlp(TEXT)
    claims = build_claims(doc, make_document(TEXT, outlet="Example Daily"))
    escape = next(c for c in claims if c.sub_event_type == "Escape from detention or camp")
    q = next(q for q in escape.quantities if q.kind is QuantityKind.ESCAPED)
    assert (q.low, q.high) == (15_000, 20_000)
    assert escape.event_place is not None and "camp" in escape.event_place.span.quote(TEXT)
    assert escape.attribution.chain[0].name == "Example Daily"


def test_several_claims_and_items_go_to_their_own_claim(nlp):
    doc = nlp(TEXT)
    claims = build_claims(doc, make_document(TEXT))
    arrest = next(c for c in claims if c.sub_event_type == "Arrests")
    assert [q.kind for q in arrest.quantities] == [QuantityKind.ARRESTED]
    assert any(a.actor.name == "Iraqi security forces" for a in arrest.actors)


def test_vague_thousands_claim(nlp):
    text = "Thousands of people fled the camp, according to security and humanitarian sources."
    claims = build_claims(nlp(text), make_document(text))
    q = claims[0].quantities[0]
    assert q.kind is QuantityKind.ESCAPED and (q.low, q.high) == (2000, 9999)
    assert claims[0].event_place.span.quote(text) == "the camp" or "camp" in claims[0].event_place.text


def test_ids_are_deterministic(nlp):
    doc = nlp(TEXT)
    document = make_document(TEXT)
    a = build_claims(doc, document)
    b = build_claims(nlp(TEXT), document)
    assert [c.id for c in a] == [c.id for c in b]
    assert a[0].id == claim_id(document.id, a[0].trigger_span)
    assert len({c.id for c in a}) == len(a)


def test_attribution_plugs_in(nlp):
    doc = nlp(TEXT)
    start = TEXT.index("between")
    chain = Attribution(chain=(Source("Example Daily", SourceKind.OUTLET), Source("U.S. officials", SourceKind.OFFICIAL,
                                                                                   Span(TEXT.index("U.S."), TEXT.index("U.S.") + 14))),
                        cue="citing", cue_span=Span(TEXT.index("citing"), TEXT.index("citing") + 6),
                        hedges=("estimate",), content_span=Span(start, TEXT.index("changed.") + 7))
    claims = build_claims(doc, make_document(TEXT), attributions=[chain])
    escape = next(c for c in claims if c.sub_event_type == "Escape from detention or camp")
    assert escape.attribution is chain


def test_document_id_ignores_whitespace():
    assert document_id("a  b\n c") == document_id("a b c")


def test_extract_api(nlp):
    import sitroom

    claims = sitroom.extract("A car bomb killed nine people in the market.", published="2026-03-04",
                             outlet="Example Wire")
    assert claims and claims[0].quantities[0].kind is QuantityKind.KILLED
    assert claims[0].attribution.chain[0].name == "Example Wire"


def test_destination_and_event_place(nlp):
    text = ("Thousands of detainees escaped from the Roj camp on Monday and some fled to Iraq, security "
            "sources said. Police arrested 12 escapees near the Rabia crossing.")
    claims = build_claims(nlp(text), make_document(text))
    escape, arrest = claims
    assert escape.event_place.text == "Roj camp"
    assert any(p.text == "Iraq" and p.role == "destination" and not p.is_event_place for p in escape.places)
    assert arrest.event_place.text == "Rabia crossing"
    assert [q.kind for q in arrest.quantities] == [QuantityKind.ARRESTED]


def test_negated_claim_is_flagged(nlp):
    text = "The ministry denied that its forces shelled the village."
    claims = build_claims(nlp(text), make_document(text))
    assert claims and claims[0].negated


def test_toll_in_a_later_sentence_joins_the_happening(nlp):
    text = ("A car bomb exploded in a crowded market on Tuesday. The death toll rose to 12, a hospital "
            "official said.\n\nSeparately, police arrested 40 people.")
    claims = build_claims(nlp(text), make_document(text))
    bomb = next(c for c in claims if c.sub_event_type == "Remote explosive/landmine/IED")
    assert [(q.kind, q.low) for q in bomb.quantities] == [(QuantityKind.KILLED, 12)]
    arrest = next(c for c in claims if c.sub_event_type == "Arrests")
    assert [(q.kind, q.low) for q in arrest.quantities] == [(QuantityKind.ARRESTED, 40)]


def test_claim_time_is_the_happenings_not_the_statements(nlp):
    from datetime import date

    from sitroom.nlp.timex import time_mentions

    text = "Police said on Monday that gunmen attacked a checkpoint near Mosul on Saturday."
    doc = nlp(text)
    times = time_mentions(doc, date(2026, 3, 10))
    claims = build_claims(doc, make_document(text), time_mentions=times)
    attack = next(c for c in claims if c.event_type != "Strategic developments")
    assert attack.time is not None and attack.time.text == "Saturday"
    assert attack.event_place is not None and attack.event_place.text == "Mosul"


def test_a_time_outside_the_relative_clause_does_not_date_the_happening_told_in_it(nlp):
    """"Officials on Wednesday called for a hunt for men who escaped the camp": Wednesday dates the
    calling; the escape, told to say who the men are, has no date in the sentence."""
    from datetime import date

    from sitroom.nlp.timex import time_mentions

    text = "Officials on Wednesday called on the coalition to track down militants who escaped from the Roj camp."
    doc = nlp(text)
    claims = build_claims(doc, make_document(text), time_mentions=time_mentions(doc, date(2026, 3, 5)))
    escape = next(c for c in claims if c.sub_event_type == "Escape from detention or camp")
    assert escape.time is None
    text2 = "Police arrested a man who stabbed two guards on Friday."
    doc2 = nlp(text2)
    claims2 = build_claims(doc2, make_document(text2), time_mentions=time_mentions(doc2, date(2026, 3, 5)))
    assert any(c.time is not None and c.time.text == "Friday" for c in claims2)


def test_a_blank_line_ends_the_headline_sentence(nlp):
    from sitroom.nlp.parse import load_nlp

    doc = load_nlp()("Second car bomb in a week hits Qamishli\n\nA car bomb exploded at a checkpoint on Sunday.")
    assert [s.text.strip() for s in doc.sents][:2] == ["Second car bomb in a week hits Qamishli",
                                                       "A car bomb exploded at a checkpoint on Sunday."]


def test_one_newline_ends_a_headline_or_byline_when_lines_are_paragraphs():
    """Pages whose paragraphs were joined with one newline: the headline and the byline are
    sentences of their own. Hard-wrapped text (lines stop mid-sentence) is read across lines."""
    from sitroom.nlp.parse import load_nlp

    nlp = load_nlp()
    doc = nlp("Car bomb hits Qamishli checkpoint\nJane Roe - Updated 12:20 PM\n"
              "A car bomb exploded at a checkpoint on Sunday.\nTwo soldiers were hurt.\nThe army said so.")
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == "Car bomb hits Qamishli checkpoint"
    assert "A car bomb exploded at a checkpoint on Sunday." in sents
    lead_on = nlp("Car bomb hits checkpoint\nBy Jane Roe\nGunmen killed 12 villagers in\nthe village of Marren on Monday.\n"
                  "Police said on Tuesday:\nOfficers arrested 40 people.\nThe army sent reinforcements.")
    lead_sents = [s.text.strip() for s in lead_on.sents]
    assert "Gunmen killed 12 villagers in\nthe village of Marren on Monday." in lead_sents
    assert "Police said on Tuesday:\nOfficers arrested 40 people." in lead_sents
    wrapped = nlp("A car bomb exploded at a checkpoint in the\nnorthern town of Qamishli on Sunday, the army\n"
                  "said, and two soldiers were hurt in the\nblast.")
    assert len(list(wrapped.sents)) == 1


def test_the_headline_claim_takes_the_ledes_date_not_a_duration():
    from sitroom.extraction import extract

    claims = extract("Second car bomb in a week hits Qamishli\n\nA car bomb exploded at a checkpoint in "
                     "Qamishli on Sunday, killing two.", published="2026-03-16T08:00:00+00:00", outlet="Wire")
    bombs = [c for c in claims if "bomb" in c.trigger.lower()]
    assert len(bombs) >= 2 and {(c.time.start.isoformat() if c.time else None) for c in bombs} == {"2026-03-15"}


def test_a_figure_from_another_source_is_its_own_claim_under_that_source():
    from sitroom import extract

    text = ("Shelling hit a market in Ashvale on Monday, killing 8 people, the army said. "
            "Medics said 21 people died.")
    claims = extract(text, published="2024-05-07", outlet="Example Wire")
    shelling = [c for c in claims if c.trigger == claims[0].trigger]
    by_source = {c.attribution.original.name: [q.low for q in c.quantities] for c in shelling}
    assert by_source == {"the army": [8], "Medics": [21]}
    assert len({c.id for c in shelling}) == 2 and shelling[0].event_type == shelling[1].event_type
    medics = next(c for c in shelling if c.attribution.original.name == "Medics")
    assert medics.span.quote(text).startswith("Shelling hit") and medics.span.quote(text).endswith("21 people died.")


def test_a_town_the_tagger_calls_a_group_is_a_place_not_an_actor(nlp):
    from sitroom import extract

    text = "Shelling hit a market in Aleppo on Monday, killing 8 people."
    doc = nlp(text)
    if not any(e.text == "Aleppo" and e.label_ in ("NORP", "ORG") for e in doc.ents):
        return  # the model read it right; nothing to guard against
    claims = extract(text, published="2024-05-07")
    assert all(a.actor.name != "Aleppo" for c in claims for a in c.actors)
    assert any(p.place is not None and p.place.name == "Aleppo" for c in claims for p in c.places)


def _resolved(text: str):
    """Place mentions resolved to invented places (a prison, two towns, a country)."""
    from sitroom.model import Place, PlaceMention, Precision

    places = {"Kestrel prison": Place("t:kp", "Kestrel prison", "NO", None, None, 60.0, 10.0, Precision.POINT),
              "Eastbridge": Place("t:eb", "Eastbridge", "NO", None, None, 59.0, 11.0, Precision.TOWN),
              "Harlow": Place("t:hw", "Harlow", "NO", None, None, 61.0, 9.0, Precision.TOWN),
              "Norway": Place("t:no", "Norway", "NO", None, None, 62.0, 10.0, Precision.COUNTRY)}
    out = []
    for name, place in places.items():
        i = text.find(name)
        while i >= 0:
            out.append(PlaceMention(text=name, span=Span(i, i + len(name)), place=place, confidence=0.5))
            i = text.find(name, i + 1)
    return sorted(out, key=lambda m: m.span.start)


def _escapes(nlp, text: str):
    claims = build_claims(nlp(text), make_document(text), place_mentions=_resolved(text))
    return [c for c in claims if c.sub_event_type == "Escape from detention or camp"]


def test_a_reaction_where_officials_speak_takes_the_place_the_report_gave_its_happening(nlp):
    text = ("Inmates escaped from Kestrel prison on Monday.\n\n"
            "Officials in Eastbridge dismissed claims that lax guards were to blame for the breakout.")
    escaped, breakout = _escapes(nlp, text)
    assert escaped.event_place.text == "Kestrel prison"
    assert breakout.event_place.span == escaped.event_place.span  # the words that name it, in the lede
    assert [p.role for p in breakout.places if p.text == "Eastbridge"] == ["speakers"]


def test_a_headline_naming_a_country_that_acts_takes_the_ledes_place(nlp):
    text = ("Norway reinforces its border after reports of a prison breakout\n\n"
            "About 40 inmates escaped from Kestrel prison on Sunday, police said.")
    headline, lede = _escapes(nlp, text)
    assert lede.event_place.text == "Kestrel prison"
    assert headline.event_place is not None and headline.event_place.text == "Kestrel prison"
    assert any(p.text == "Norway" and not p.is_event_place for p in headline.places)


def test_a_country_acting_with_nothing_else_gives_no_place_but_speakers_keep_theirs(nlp):
    text = "Norway reinforces its border after the breakout."
    [claim] = _escapes(nlp, text)
    assert claim.event_place is None
    text = "Officials in Eastbridge said that 40 inmates escaped on Monday."
    [claim] = _escapes(nlp, text)
    assert claim.event_place.text == "Eastbridge"  # usually where it happened when nothing else is named


def test_an_unplaced_mention_takes_the_place_only_when_the_report_has_one(nlp):
    one = "Inmates escaped from Kestrel prison on Monday. A guard said 12 escapees were caught."
    assert [c.event_place.text for c in _escapes(nlp, one)] == ["Kestrel prison", "Kestrel prison"]
    two = ("Inmates escaped from Kestrel prison on Monday. In a separate incident, two prisoners "
           "escaped from a jail in Harlow. Police said 12 escapees were caught.")
    claims = _escapes(nlp, two)
    assert [c.event_place.text for c in claims[:2]] == ["Kestrel prison", "Harlow"]
    assert claims[2].event_place is None  # which of the two? not for us to guess


def test_a_claim_is_not_placed_where_its_speakers_come_from(nlp):
    """"Norway's ministry said ...": the sentence-level chooser's last resort (a name that only
    qualifies people) is no event place for a claim."""
    text = "Norway's justice ministry said 40 inmates escaped on Monday."
    [claim] = _escapes(nlp, text)
    assert claim.event_place is None
    assert [p.role for p in claim.places if p.text == "Norway"] in ([], ["qualifier"])


def _where(text: str) -> list[tuple[str | None, str | None]]:
    """(trigger, event place text) per claim of ``text`` through the whole pipeline."""
    from sitroom.extraction import extract

    return [(c.trigger, c.event_place.text if c.event_place else None)
            for c in extract(text, published="2026-03-04", outlet="Example Wire")]


def test_a_later_happening_told_by_speakers_elsewhere_keeps_their_place_not_an_earlier_ones(nlp):
    """Two bombings: the second is told only through officials in another city, a day later."""
    text = ("A car bomb exploded in Kirkuk on Monday, killing four people. On Tuesday, officials in "
            "Mosul said a roadside bomb had killed two soldiers.")
    assert _where(text) == [("car bomb", "Kirkuk"), ("roadside bomb", "Mosul")]


def test_a_happening_dated_to_another_day_does_not_take_an_earlier_ones_place(nlp):
    text = ("A suicide bomber struck a market in Kirkuk on Monday, killing four people. Two U.S. "
            "soldiers were killed by a suicide bomber on Friday.")
    where = _where(text)
    assert where[0] == ("suicide bomber", "Kirkuk")
    assert where[1][1] != "Kirkuk"


def test_a_negated_happening_lends_no_place(nlp):
    text = ("No bomb exploded in Basra on Monday, police said. Officials in Amman said a car bomb had "
            "killed two people on Tuesday.")
    assert all(place != "Basra" for trigger, place in _where(text)[1:])


def test_a_known_happening_told_from_the_capital_keeps_the_place_of_the_raid(nlp):
    text = ("Gunmen raided a checkpoint near Baqubah on Sunday, killing three policemen. Officials in "
            "Baghdad said the attack killed three policemen.")
    assert [place for _, place in _where(text)] == ["Baqubah", "Baqubah"]


def test_a_reaction_under_a_country_headline_takes_the_town_of_the_body(nlp):
    text = ("Syria: Turkey shells Kurdish positions\nTurkish artillery shelled positions near Tal Rifaat "
            "on Monday, a monitor said. Officials in Damascus said the shelling killed two.")
    assert [place for _, place in _where(text)] == ["Tal Rifaat", "Tal Rifaat"]


def test_lenders_are_found_by_kind_and_text_order_in_a_long_report():
    """Many claims of several kinds: each unplaced one takes the nearest placed one of its kind
    before it (the index is built once; the answer is the one a scan would give)."""
    from sitroom.model import Place, PlaceMention, Precision
    from sitroom.nlp.claims import _shared_places
    from sitroom.model import Claim

    def claim(k: int, kind: str, town: str | None) -> Claim:
        places = ()
        if town is not None:
            place = Place(f"t:{town}", town, "NO", None, None, 60.0, 10.0, Precision.TOWN)
            places = (PlaceMention(text=town, span=Span(k * 10, k * 10 + 3), place=place, is_event_place=True,
                                   confidence=0.5),)
        return Claim(id=str(k), document_id="d", event_type="Violence", sub_event_type=kind, confidence=0.5,
                     span=Span(k * 10, k * 10 + 9), trigger="x", trigger_span=Span(k * 10 + 5, k * 10 + 6),
                     places=places)

    claims = [claim(k, "A" if k % 2 else "B", f"T{k}" if k % 3 == 0 else None) for k in range(60)]
    out = _shared_places(claims, [True] * len(claims))
    for k, c in enumerate(out):
        kind = claims[k].sub_event_type
        placed = [j for j in range(k + 1) if j % 3 == 0 and claims[j].sub_event_type == kind]
        later = [j for j in range(k, 60) if j % 3 == 0 and claims[j].sub_event_type == kind]
        want = f"T{placed[-1]}" if placed else f"T{later[0]}"
        assert c.event_place is not None and c.event_place.text == want


def test_lenders_are_found_by_text_position_whatever_order_the_claims_come_in():
    """A plugin's events stage may give its happenings in any order: the lender is still the
    nearest placed claim before in the text, so shuffling the input changes no answer."""
    import random

    from sitroom.model import Claim, Place, PlaceMention, Precision
    from sitroom.nlp.claims import _shared_places

    def claim(k: int, town: str | None) -> Claim:
        places = ()
        if town is not None:
            place = Place(f"t:{town}", town, "NO", None, None, 60.0, 10.0, Precision.TOWN)
            places = (PlaceMention(text=town, span=Span(k * 10, k * 10 + 3), place=place, is_event_place=True,
                                   confidence=0.5),)
        return Claim(id=str(k), document_id="d", event_type="Violence", sub_event_type="A", confidence=0.5,
                     span=Span(k * 10, k * 10 + 9), trigger="x", trigger_span=Span(k * 10 + 5, k * 10 + 6),
                     places=places)

    in_order = [claim(k, f"T{k}" if k % 4 == 1 else None) for k in range(30)]
    want = {c.id: c.event_place.text for c in _shared_places(in_order, [True] * 30)}
    shuffled = list(in_order)
    random.Random(7).shuffle(shuffled)
    got = {c.id: c.event_place.text for c in _shared_places(shuffled, [True] * 30)}
    assert got == want and want["0"] == "T1" and want["8"] == "T5"


def test_an_unnamed_place_of_speakers_with_nothing_to_take_stays_as_it_is():
    """"Officials at the camp said ...": a weak place that is also an unresolved "the camp" and no
    placed claim to take from: the claim keeps its places (no error)."""
    from sitroom.model import Claim, PlaceMention
    from sitroom.nlp.claims import _shared_places

    camp = PlaceMention(text="the camp", span=Span(13, 21), is_event_place=True, role="speakers")
    claim = Claim(id="1", document_id="d", event_type="Violence", sub_event_type="A", confidence=0.5,
                  span=Span(0, 60), trigger="x", trigger_span=Span(30, 31), places=(camp,))
    assert _shared_places([claim], [False]) == [claim]


def test_a_page_stamp_and_a_later_time_over_a_past_perfect_do_not_date_the_happening(nlp):
    from datetime import date

    from sitroom.nlp.timex import time_mentions

    text = ("Troops sent to the border as estimate of escapees grows\n\n"
            "Updated 12:20 PM\n\n"
            "Iraq is sending units to the frontier, a spokesman said on Wednesday, after a newspaper "
            "reported that as many as 900 people had escaped from the Roj camp.")
    doc = nlp(text)
    claims = build_claims(doc, make_document(text), time_mentions=time_mentions(doc, date(2026, 3, 5)))
    escape = next(c for c in claims if c.trigger == "escaped")
    assert escape.time is None


def test_a_page_stamp_is_told_from_a_happenings_time():
    from sitroom.nlp.claims import _stamp

    text = "Headline\nUpdated 12:20 PM\nLast updated: 3 March\nGunmen attacked a post at 12:20 PM."
    assert _stamp(text, Span(text.index("12:20"), text.index("12:20") + 8))
    assert _stamp(text, Span(text.index("3 March"), text.index("3 March") + 7))
    assert not _stamp(text, Span(text.rindex("12:20"), text.rindex("12:20") + 8))


def test_times_the_happening_does_not_take_are_not_lent_from_a_later_claim(nlp):
    """A sentence that has times which do not date its happening keeps it undated: the lede
    rule lends the first dated claim's time only to headline-like claims with no time at all."""
    from datetime import date

    from sitroom.nlp.timex import time_mentions

    text = ("Officials said on Monday that gunmen had killed 11 villagers in Ashvale.\n\n"
            "Gunmen killed four farmers in Marren on Saturday.")
    doc = nlp(text)
    claims = build_claims(doc, make_document(text), time_mentions=time_mentions(doc, date(2026, 3, 12)))
    first = next(c for c in claims if c.span.start == 0 and c.trigger != "said")
    assert first.time is None or first.time.text != "Saturday"


def test_prose_about_publishing_is_no_page_stamp():
    from sitroom.nlp.claims import _stamp

    text = "The report, published on Monday, said 30 civilians were killed. Police posted on Tuesday that two died."
    for word in ("Monday", "Tuesday"):
        assert not _stamp(text, Span(text.index(word), text.index(word) + len(word)))


def test_a_clause_on_a_time_keeps_the_sentences_time(nlp):
    from datetime import date

    from sitroom.nlp.timex import time_mentions

    text = "Tensions have been high since March 3, when soldiers shot dead two protesters in Marren."
    doc = nlp(text)
    claims = build_claims(doc, make_document(text), time_mentions=time_mentions(doc, date(2026, 3, 12)))
    assert any(c.time is not None and c.time.text.startswith("March 3") for c in claims)


def test_an_evacuation_count_is_not_carried_to_another_kind_of_happening(nlp):
    text = ("Gunmen attempted to kidnap a priest in Marren on Sunday. "
            "The president pledged to evacuate 5,000 residents from the flood zone.")
    claims = build_claims(nlp(text), make_document(text))
    assert all(q.kind is not QuantityKind.EVACUATED for c in claims for q in c.quantities)
