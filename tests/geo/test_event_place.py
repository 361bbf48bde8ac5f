"""The one event-place chooser (sitroom.geo.event_place) on sentences we write."""

from __future__ import annotations

from sitroom.geo.event_place import choose_event_place, is_dateline, mark_event_place, place_role
from sitroom.model import PlaceMention, Span


def _mentions(text: str, *names: str) -> list[PlaceMention]:
    out = []
    for name in names:
        i = text.index(name)
        out.append(PlaceMention(text=name, span=Span(i, i + len(name))))
    return out


def _trigger(doc, word: str):
    i = doc.text.index(word)
    return doc.char_span(i, i + len(word)).root


def test_locative_phrase_beats_origin(nlp):
    text = "Troops from Turkey shelled villages near Tal Tamr on Monday."
    doc = nlp(text)
    ms = _mentions(text, "Turkey", "Tal Tamr")
    assert ms[choose_event_place(doc, _trigger(doc, "shelled"), ms)].text == "Tal Tamr"


def test_reference_point_is_not_the_place(nlp):
    text = "A truck bomb exploded in Samarra, 120 km north of Baghdad, on Tuesday."
    doc = nlp(text)
    ms = _mentions(text, "Samarra", "Baghdad")
    trig = _trigger(doc, "exploded")
    assert ms[choose_event_place(doc, trig, ms)].text == "Samarra"
    assert place_role(doc, ms[1], trig).role == "reference"


def test_name_qualifying_people_is_not_a_place_but_qualifying_a_building_is(nlp):
    text = "U.S. officials said gunmen attacked a checkpoint in Mosul."
    doc = nlp(text)
    ms = _mentions(text, "U.S.", "Mosul")
    trig = _trigger(doc, "attacked")
    assert place_role(doc, ms[0], trig).score < place_role(doc, ms[1], trig).score
    assert ms[choose_event_place(doc, trig, ms)].text == "Mosul"
    text2 = "A suicide bomber struck a Mogadishu cafe on Thursday."
    doc2 = nlp(text2)
    assert choose_event_place(doc2, _trigger(doc2, "struck"), _mentions(text2, "Mogadishu")) == 0


def test_escape_destination_and_camp(nlp):
    text = "Hundreds of detainees escaped from the Roj camp and some fled to Iraq."
    doc = nlp(text)
    ms = _mentions(text, "Roj camp", "Iraq")
    marked = mark_event_place(doc, _trigger(doc, "escaped"), ms, code="escape")
    assert [m.is_event_place for m in marked] == [True, False]
    assert marked[1].role == "destination"


def test_dateline_mention_is_never_the_event_place(nlp):
    text = "GENEVA - Aid groups said fighting broke out in Hajin on Monday."
    doc = nlp(text)
    ms = _mentions(text, "GENEVA", "Hajin")
    assert is_dateline(doc, ms[0])
    trig = _trigger(doc, "fighting")
    assert place_role(doc, ms[0], trig).role == "dateline"
    assert ms[choose_event_place(doc, trig, ms)].text == "Hajin"


def test_place_phrases_name_what_ner_misses(nlp):
    from sitroom.geo.event_place import add_place_phrases, place_phrases

    text = "Rebels stormed the village of Kafr Hamra and shelled the Tabqa Dam before dawn."
    doc = nlp(text)
    names = [p.text for p in place_phrases(doc)]
    assert "Kafr Hamra" in names and any("Tabqa Dam" in n for n in names)
    known = [PlaceMention(text="Kafr Hamra", span=Span(text.index("Kafr"), text.index("Kafr") + 10))]
    merged = add_place_phrases(doc, known)
    assert sum(1 for m in merged if "Kafr" in m.text) == 1  # no overlapping duplicate
    assert merged[choose_event_place(doc, _trigger(doc, "stormed"), merged)].text == "Kafr Hamra"


def test_the_camp_refers_back_to_the_camp_named_before(nlp):
    from sitroom.geo.event_place import add_place_phrases
    from sitroom.model import Place, Precision

    text = ("Guards left the al-Hol camp on Monday. Hundreds escaped after the fence of the camp was breached, "
            "officials in Hasakah said.")
    doc = nlp(text)
    camp = Place("sup:alhol", "al-Hol camp", "SY", "Al-Hasakah", None, 36.37, 41.15, Precision.POINT)
    town = Place("t:hasakah", "Al-Hasakah", "SY", "Al-Hasakah", None, 36.5, 40.75, Precision.TOWN)
    i, j = text.index("al-Hol camp"), text.index("Hasakah")
    found = [PlaceMention(text="al-Hol camp", span=Span(i, i + 11), place=camp),
             PlaceMention(text="Hasakah", span=Span(j, j + 7), place=town)]
    mentions = add_place_phrases(doc, found)
    anaphor = next(m for m in mentions if m.text == "the camp")
    assert anaphor.place == camp and anaphor.span.quote(text) == "the camp"
    assert anaphor.antecedent == Span(i, i + 11)  # the words that name the place it takes
    assert all(m.antecedent is None for m in mentions if m is not anaphor)
    chosen = mentions[choose_event_place(doc, _trigger(doc, "escaped"), mentions, code="escape")]
    assert chosen.place == camp


def test_where_the_speakers_are_is_not_where_it_happened(nlp):
    text = "Officials in Ankara have dismissed claims that the transfer was to blame for the breakout in Hasakah."
    doc = nlp(text)
    ms = _mentions(text, "Ankara", "Hasakah")
    trig = _trigger(doc, "breakout")
    assert place_role(doc, ms[0], trig).score < place_role(doc, ms[1], trig).score
    assert ms[choose_event_place(doc, trig, ms)].text == "Hasakah"
    victim = "A man in Mosul was shot on Monday."
    vdoc = nlp(victim)
    vm = _mentions(victim, "Mosul")
    assert choose_event_place(vdoc, _trigger(vdoc, "shot"), vm) == 0


def test_a_named_part_beats_the_place_that_contains_it(nlp):
    from dataclasses import replace

    from sitroom.model import Place, Precision

    city = Place("t:mosul", "Mosul", "IQ", "Nineveh", None, 36.3, 43.1, Precision.TOWN, population=1_000_000)
    part = Place("t:zahra", "Zahra", "IQ", "Nineveh", None, 36.4, 43.2, Precision.TOWN, population=0)
    for text in ("A car bomb killed four people in Mosul's Zahra district on Friday.",
                 "A car bomb killed four people in the Zahra district of Mosul on Friday.",
                 "A car bomb killed four people in the Mosul neighbourhood of Zahra on Friday."):
        doc = nlp(text)
        city_m, part_m = _mentions(text, "Mosul", "Zahra")
        ms = sorted([replace(city_m, place=city), replace(part_m, place=part)], key=lambda m: m.span.start)
        assert ms[choose_event_place(doc, _trigger(doc, "killed"), ms)].text == "Zahra", text


def _country(m: PlaceMention) -> PlaceMention:
    from dataclasses import replace

    from sitroom.model import Place, Precision

    return replace(m, place=Place("t:no", m.text, "NO", None, None, 62.0, 10.0, Precision.COUNTRY))


def _verb(doc, lemma: str):
    return next(t for t in doc if t.lemma_ == lemma)


def test_places_of_speakers_and_reporters_have_weak_roles(nlp):
    """Who speaks about a happening, or reacts to a report of it, is not where it happened: the
    role says so, and claim assembly looks for the happening's place elsewhere."""
    from sitroom.geo.event_place import WEAK_ROLES

    text = "Officials in Eastbridge dismissed claims that lax guards were to blame for the breakout."
    doc = nlp(text)
    [m] = _mentions(text, "Eastbridge")
    assert place_role(doc, m, _trigger(doc, "breakout"), _verb(doc, "dismiss"), "escape").role == "speakers"
    text = "Norway tightened its border controls after reports of a prison breakout."
    doc = nlp(text)
    m = _country(_mentions(text, "Norway")[0])
    assert place_role(doc, m, _trigger(doc, "breakout"), _verb(doc, "tighten"), "escape").role == "reporting"
    assert {"speakers", "reporting", "actor", "qualifier"} == WEAK_ROLES


def test_a_country_acting_is_an_actor_but_one_that_sees_a_happening_is_its_scene(nlp):
    text = "Norway reinforces its border after the breakout."
    doc = nlp(text)
    m = _country(_mentions(text, "Norway")[0])
    assert place_role(doc, m, _trigger(doc, "breakout"), _verb(doc, "reinforce"), "escape").role == "actor"
    text = "Norway saw its largest prison breakout in a decade."
    doc = nlp(text)
    m = _country(_mentions(text, "Norway")[0])
    assert place_role(doc, m, _trigger(doc, "breakout"), _verb(doc, "see"), "escape").role is None


def test_a_headline_word_of_the_happening_is_not_a_place_name(nlp):
    text = "As Many as 300 Escaped Northern Camp, Officials Say"
    doc = nlp(text)
    ms = _mentions(text, "Escaped Northern Camp")
    trig = _trigger(doc, "Escaped")
    assert not place_role(doc, ms[0], trig).eligible
    assert choose_event_place(doc, trig, ms) is None


def test_the_object_of_a_verb_the_happening_hangs_from_is_not_its_place(nlp):
    """"blamed Marrowfield for the breakout": Marrowfield is blamed, not the scene; "the blast
    rocked Marrowfield": the happening is the verb's subject, and its object is the scene."""
    blamed = "Local leaders blamed Marrowfield for the breakout at Kestrel prison."
    doc = nlp(blamed)
    ms = _mentions(blamed, "Marrowfield", "Kestrel prison")
    trig, verb = _trigger(doc, "breakout"), _verb(doc, "blame")
    assert ms[choose_event_place(doc, trig, ms, clause=verb, code="escape")].text == "Kestrel prison"
    rocked = "The blast rocked Marrowfield on Sunday."
    rdoc = nlp(rocked)
    [rm] = _mentions(rocked, "Marrowfield")
    as_object = place_role(rdoc, rm, _trigger(rdoc, "blast"), _verb(rdoc, "rock")).score
    assert as_object - place_role(doc, ms[0], trig, verb).score >= 1.5


def test_a_name_that_leads_or_is_told_is_not_a_place(nlp):
    """"the U.S.-led coalition" says who leads it; "a source told SANA" names an outlet told."""
    from sitroom.geo.event_place import is_modifier_only

    text = "The Norway-led coalition said an air strike killed six fighters in Harlow."
    doc = nlp(text)
    ms = _country(_mentions(text, "Norway")[0]), *_mentions(text, "Harlow")
    assert is_modifier_only(doc, ms[0])
    assert ms[choose_event_place(doc, _trigger(doc, "killed"), list(ms))].text == "Harlow"
    text = "A military source told SANA that units had begun to deploy."
    doc = nlp(text)
    [m] = _mentions(text, "SANA")
    assert not place_role(doc, m, _trigger(doc, "deploy")).eligible


def test_a_district_the_gazetteer_does_not_know_beats_its_known_city(nlp):
    """"the Ashgrove district of Mosul", "Mosul's Ashgrove neighbourhood": the name the gazetteer
    does not know is the area part, the finer place (a building or a street is not an area part)."""
    from dataclasses import replace

    from sitroom.model import Place, Precision

    city = Place("t:mosul", "Mosul", "IQ", "Nineveh", None, 36.3, 43.1, Precision.TOWN, population=1_000_000)
    for text in ("A car bomb exploded in the Ashgrove district of Mosul on Friday.",
                 "A car bomb exploded in Mosul's Ashgrove neighbourhood on Friday."):
        doc = nlp(text)
        part, town = _mentions(text, "Ashgrove", "Mosul")
        ms = [part, replace(town, place=city)]
        assert ms[choose_event_place(doc, _trigger(doc, "exploded"), ms)].text == "Ashgrove", text


def test_where_a_person_is_from_is_not_where_they_were_shot(nlp):
    text = "Tomas Brill, 19, of Norway was shot at a friend's home in Harlow on Friday."
    doc = nlp(text)
    ms = _country(_mentions(text, "Norway")[0]), *_mentions(text, "Harlow")
    trig = _trigger(doc, "shot")
    assert not place_role(doc, ms[0], trig).eligible
    assert ms[choose_event_place(doc, trig, list(ms))].text == "Harlow"


def test_a_lower_case_word_is_not_a_name_but_an_article_of_one_is(nlp):
    from sitroom.geo.event_place import place_phrases

    text = "Soldiers captured him near the highland city of Huancayo and later raided the al-Bayaa district."
    found = [m.text for m in place_phrases(nlp(text))]
    assert "highland city" not in found and "Huancayo" in found and "al-Bayaa district" in found


def test_a_named_district_phrase_beats_its_city_and_a_known_town_beats_a_hotel_in_it(nlp):
    from dataclasses import replace

    from sitroom.model import Place, Precision

    city = Place("t:mosul", "Mosul", "IQ", "Nineveh", None, 36.3, 43.1, Precision.TOWN, population=1_000_000)
    text = "A blast killed four people in the Ashgrove district of Mosul on Friday."
    doc = nlp(text)
    part, town = _mentions(text, "Ashgrove district", "Mosul")
    ms = [part, replace(town, place=city)]
    assert ms[choose_event_place(doc, _trigger(doc, "killed"), ms)].text == "Ashgrove district"
    text = "A suicide bomber blew himself up at the Ashgrove Hotel in downtown Mosul."
    doc = nlp(text)
    hotel, town = _mentions(text, "Ashgrove Hotel", "Mosul")
    ms = [hotel, replace(town, place=city)]
    assert ms[choose_event_place(doc, _trigger(doc, "blew"), ms)].text == "Mosul"


def _chosen_beside_norway(nlp, text: str, trigger: str, *others: str) -> str | None:
    """The chosen mention's words, with "Norway" resolved as a country."""
    doc = nlp(text)
    ms = [_country(_mentions(text, "Norway")[0]), *_mentions(text, *others)]
    chosen = choose_event_place(doc, _trigger(doc, trigger), ms)
    return None if chosen is None else ms[chosen].text


def test_a_country_that_acts_on_an_object_is_not_the_scene(nlp):
    text = "Norway captured three suspects north of Harlow on Sunday."
    assert _chosen_beside_norway(nlp, text, "captured", "Harlow") == "Harlow"


def test_a_name_that_qualifies_people_is_the_answer_only_when_nothing_else_is(nlp):
    text = "Norway's top police official was shot on Monday."
    doc = nlp(text)
    assert place_role(doc, _country(_mentions(text, "Norway")[0]), _trigger(doc, "shot")).role == "qualifier"
    assert _chosen_beside_norway(nlp, text, "shot") == "Norway"
    text = "Norway's top police official was shot in Harlow on Monday."
    assert _chosen_beside_norway(nlp, text, "shot", "Harlow") == "Harlow"


def test_a_place_inside_the_destination_phrase_is_part_of_the_destination(nlp):
    text = "Hundreds of families fled from Ashgrove to camps near Harlow on Sunday."
    doc = nlp(text)
    ms = _mentions(text, "Ashgrove", "Harlow")
    marked = mark_event_place(doc, _trigger(doc, "fled"), ms, code="displacement")
    assert [m.role for m in marked] == ["origin", "destination"]


def test_a_name_that_ends_the_text_or_precedes_a_hyphen_word_that_is_no_participle_still_says_where(nlp):
    """The hyphen test reads the character after the name: there is none at the end of the text."""
    from sitroom.geo.event_place import is_modifier_only

    text = "Gunmen attacked a checkpoint in Mosul"
    doc = nlp(text)
    assert not is_modifier_only(doc, _mentions(text, "Mosul")[0])
    text2 = "The U.S.-led coalition struck a bridge near Mosul."
    doc2 = nlp(text2)
    assert is_modifier_only(doc2, _mentions(text2, "U.S.")[0])


def test_motion_told_in_a_relative_clause_is_not_the_happenings_destination(nlp):
    """"detained men *who crossed into* X": the crossing says who was held; the arrest is in X,
    not a transfer to it. A transfer the arrest verb itself governs is still a destination."""
    text = "Border police detained eleven men who crossed into Harlow province near Ashgrove overnight."
    doc = nlp(text)
    ms = _mentions(text, "Harlow", "Ashgrove")
    marked = mark_event_place(doc, _trigger(doc, "detained"), ms, code="arrests")
    assert [m.role for m in marked].count("destination") == 0
    assert any(m.is_event_place for m in marked)
    text2 = "Police detained eleven men and took them to Harlow for questioning."
    doc2 = nlp(text2)
    marked2 = mark_event_place(doc2, _trigger(doc2, "took"), _mentions(text2, "Harlow"), code="arrests")
    assert marked2[0].role == "destination"
