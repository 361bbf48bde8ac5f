"""A name placed by another mention records that mention's span (``antecedent``): why a facility
the gazetteer lacks sits in a town. Sentences written for these tests."""

from sitroom.export.bundle import claim_spans
from sitroom.geo.qualifiers import listed, qualifier_at
from sitroom.geo.resolve import resolve_mentions
from sitroom.model import Claim, Span

from .test_ranking import _mentions


def _lender(text, res, k):
    """The words the ``k``-th mention took its place from."""
    a = res[k].antecedent
    assert a is not None, res[k]
    return a.quote(text)


def test_facility_placed_in_its_stated_town_records_the_town(gaz):
    """Dallas starts nearer the facility; the text says Ashvale."""
    text = "Dallas: fire crews reached the Kestrel Inn and Conference Centre in Ashvale before dawn."
    res = resolve_mentions(text, _mentions(text, ["Dallas", "Kestrel Inn and Conference Centre", "Ashvale"]), gaz)
    assert res[1].place is not None and res[1].place.name == "Ashvale"
    assert res[1].antecedent == res[2].span
    assert res[0].antecedent is None and res[2].antecedent is None  # names the gazetteer knows


def test_name_only_its_stated_town_places_records_the_town(gaz):
    """Not a facility: no nearest-town or story-town rule would place it."""
    text = "Residents of Kestrel Heights in Ashvale were told to stay indoors."
    res = resolve_mentions(text, _mentions(text, ["Kestrel Heights", "Ashvale"]), gaz)
    assert res[0].place is not None and res[0].place.name == "Ashvale"
    assert _lender(text, res, 0) == "Ashvale"


def test_facility_after_a_comma_records_the_town(gaz):
    text = "Two people were hurt at Marren Hospital, Ashvale, on Monday."
    res = resolve_mentions(text, _mentions(text, ["Marren Hospital", "Ashvale"]), gaz)
    assert res[0].place is not None and res[0].place.name == "Ashvale"
    assert _lender(text, res, 0) == "Ashvale"


def test_name_containing_a_town_of_the_story_records_that_town_nearest_it(gaz):
    text = ("Ashvale police opened an inquiry. Doctors in Dallas were consulted. Back in Ashvale, "
            "the man was flown to Ashvale Regional Clinic.")
    names = ["Ashvale", "Dallas", "Ashvale", "Ashvale Regional Clinic"]
    res = resolve_mentions(text, _mentions(text, names), gaz)
    assert res[3].place is not None and res[3].place.name == "Ashvale"
    assert res[3].antecedent == res[2].span  # the nearer of the two mentions of Ashvale


def test_street_placed_in_the_nearest_town_records_it(gaz):
    text = ("Ashvale officials met on Monday." + " Nothing else was said." * 14
            + " Dallas police closed Marren Street after a crash.")
    res = resolve_mentions(text, _mentions(text, ["Ashvale", "Dallas", "Marren Street"]), gaz)
    assert res[2].place is not None and res[2].place.name == "Dallas"
    assert res[2].antecedent == res[1].span


def test_street_placed_in_the_story_town_records_its_mention(gaz):
    """No town within the window: the street takes the story's town, lent by its mention."""
    text = ("Rogers Heights officials said the grant was approved. In Texas, police in Dallas and Ashvale "
            "joined the search." + " The search went on for days." * 12 + " A car was found on Marren Street.")
    names = ["Rogers Heights", "Texas", "Dallas", "Ashvale", "Marren Street"]
    res = resolve_mentions(text, _mentions(text, names), gaz)
    street = res[4]
    assert street.place is not None and street.antecedent is not None
    assert len(text) - street.antecedent.start > 300  # not the nearest-town rule
    lender = next(m for m in res if m.span == street.antecedent)
    assert lender.place == street.place and _lender(text, res, 4) == street.place.name


def test_mission_placed_by_a_town_named_near_it_records_that_town(gaz):
    text = ("Dallas officials said. Dallas police met. Protesters marched to the British Embassy. "
            "Durham reacted.")
    res = resolve_mentions(text, _mentions(text, ["Dallas", "Dallas", "British Embassy", "Durham"]), gaz)
    embassy = res[2]
    assert embassy.place is not None and embassy.antecedent is not None
    lender = next(m for m in res if m.span == embassy.antecedent)
    assert lender.place is not None and (lender.place.lat, lender.place.lon) == (embassy.place.lat, embassy.place.lon)


def test_name_read_from_its_own_words_takes_no_antecedent(gaz):
    """"Lake Ashvale" is named after a town the story does not name alone: no mention lent it."""
    text = "Dallas police searched Lake Ashvale. Texas troopers joined them."
    res = resolve_mentions(text, _mentions(text, ["Dallas", "Lake Ashvale", "Texas"]), gaz)
    assert res[1].place is not None and res[1].place.name == "Ashvale"
    assert res[1].antecedent is None


def test_the_ranker_and_the_stated_town_read_one_qualifier():
    """"X in Y" and "X, Y" qualify; "X of the Y" qualifies for the ranker only (the stated town
    takes "in" and a comma); a comma inside a list is a list."""
    text = "the Kestrel Inn of the Ashvale and Dallas"
    ms = _mentions(text, ["Kestrel Inn", "Ashvale", "Dallas"])
    q = qualifier_at(text, ms, 0)
    assert q is not None and (q.word, q.article) == ("of", True)
    assert qualifier_at(text, ms, 1) is None and listed(text, ms, 1, 2)
    text = "Marren Hospital, Ashvale"
    q = qualifier_at(text, _mentions(text, ["Marren Hospital", "Ashvale"]), 0)
    assert q is not None and (q.word, q.article, q.gap) == (",", False, 2)


def test_export_lists_the_lending_span_after_the_name(gaz):
    text = "Fire crews reached the Kestrel Inn in Ashvale before dawn."
    res = resolve_mentions(text, _mentions(text, ["Kestrel Inn", "Ashvale"]), gaz)
    claim = Claim("c1", "d1", "Fire", None, 0.9, Span(0, len(text)), places=(res[0],))
    places = [s for s in claim_spans(claim) if s["role"] == "place"]
    assert [text[s["start"]:s["end"]] for s in places] == ["Kestrel Inn", "Ashvale"]
    assert "named later" in places[1]["label"] and "Kestrel Inn" in places[1]["label"]
