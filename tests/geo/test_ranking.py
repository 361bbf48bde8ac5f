"""Resolution ranks readings by type, population and the document's other places."""

from dataclasses import replace

import pytest

from sitroom.geo.gazetteer import Candidate
from sitroom.geo.geocoding import geocode
from sitroom.geo.resolve import WEIGHTS, candidates_for, resolve_mentions, score_prior
from sitroom.model import Place, PlaceMention, Precision, Span


def _mentions(text, names):
    out, pos = [], 0
    for n in names:
        i = text.index(n, pos)
        out.append(PlaceMention(text=n, span=Span(i, i + len(n))))
        pos = i + len(n)
    return out


def test_population_decides_without_context(gaz):
    assert geocode("Paris", gazetteer=gaz).country == "FR"


def test_qualifier_x_comma_y(gaz):
    text = "The fire in Paris, Texas was put out."
    res = resolve_mentions(text, _mentions(text, ["Paris", "Texas"]), gaz)
    assert res[0].place.country == "US" and res[0].place.admin1 == "Texas"
    assert res[1].place.precision == Precision.ADMIN1


def test_document_focus_pulls_ambiguous_names(gaz):
    text = "Police in Dallas said the suspect later drove to Paris."
    res = resolve_mentions(text, _mentions(text, ["Dallas", "Paris"]), gaz)
    assert res[1].place.country == "US"


def test_admin_hierarchy_and_context(gaz):
    text = "Shelling hit Springfield; Missouri officials responded."
    res = resolve_mentions(text, _mentions(text, ["Springfield", "Missouri"]), gaz)
    assert res[0].place.admin1 == "Missouri"


def test_type_word_prefers_admin1(gaz):
    cands, hint = candidates_for("Raqqa province", gaz)
    assert hint == "admin1"
    best = max(cands, key=lambda c: score_prior(c, hint))
    assert best.place.precision == Precision.ADMIN1


def test_demonym_resolves_to_country(gaz):
    text = "Syrian forces advanced."
    res = resolve_mentions(text, [PlaceMention(text="Syrian", span=Span(0, 6), kind="demonym")], gaz)
    assert res[0].place.country == "SY" and res[0].place.precision == Precision.COUNTRY


def test_phonetic_fallback_for_unseen_spelling(gaz):
    place = geocode("Hasakeh", gazetteer=gaz)
    assert place is not None and place.country == "SY"


def test_same_name_resolves_once_per_document(gaz):
    text = "Paris, Texas. Later in Paris the mayor spoke."
    ms = _mentions(text, ["Paris", "Texas", "Paris"])
    res = resolve_mentions(text, ms, gaz)
    assert res[0].place == res[2].place


def test_unknown_name_stays_unresolved(gaz):
    assert geocode("Qwxzzy", gazetteer=gaz) is None


def test_bare_region_name_also_reads_as_the_admin1_named_with_its_type_word(gaz):
    cands, _hint = candidates_for("New York", gaz)
    assert any(c.place.feature_code == "ADM1" and c.place.name == "New York State" for c in cands)


def test_small_town_is_shadowed_by_the_region_of_its_name(gaz):
    # "Florida" is also a village in New York State: a story about New York that mentions Florida
    # still means the state, which the village would otherwise win on focus alone.
    text = "Police in New York State and Dallas said the ticket sold in Florida was fake, New York State added."
    ms = _mentions(text, ["New York State", "Dallas", "Florida", "New York State"])
    res = resolve_mentions(text, ms, gaz)
    assert res[2].place.precision == Precision.ADMIN1 and res[2].place.admin1 == "Florida"
    unshadowed = resolve_mentions(text, ms, gaz, w=replace(WEIGHTS, shadow=0.0))
    assert unshadowed[2].place.precision == Precision.TOWN  # the rule is what decides here


@pytest.mark.parametrize("text, names", [
    # a facility named after its town
    ("Doctors at the Mosul Teaching Hospital treated the wounded; Mosul was calm.", ["Mosul Teaching Hospital", "Mosul"]),
    # an unknown name the text places in a town ("X in Y")
    ("We had dinner at the Kestrel Grill in Ashvale last week.", ["Kestrel Grill", "Ashvale"]),
])
def test_unknown_name_takes_the_town_that_names_or_holds_it(gaz, text, names):
    res = resolve_mentions(text, _mentions(text, names), gaz)
    assert res[0].place is not None and res[0].place.name == names[1]
    assert res[0].confidence < res[1].confidence


def test_demonym_formed_from_a_region_name(gaz):
    text = "Missourians voted on Tuesday."
    res = resolve_mentions(text, [PlaceMention(text="Missourians", span=Span(0, 11), kind="demonym")], gaz)
    assert res[0].place is not None and res[0].place.precision == Precision.ADMIN1
    assert res[0].place.country == "US"


def test_town_named_like_a_foreign_country_is_not_shadowed(gaz):
    from sitroom.geo.resolve import _Group, _shadowed

    cands, _hint = candidates_for("Jordan", gaz)
    town = next(c for c in cands if c.place.country == "US")
    assert town.id not in _shadowed(_Group(key="jordan", cands=cands))


def test_own_name_beats_an_alternate_name_of_a_bigger_place(gaz):
    text = "The school board of Rogersburg met."
    res = resolve_mentions(text, _mentions(text, ["Rogersburg"]), gaz)
    assert res[0].place.name == "Rogersburg"


def test_a_named_county_votes_more_for_its_state():
    from sitroom.geo.gazetteer import Candidate
    from sitroom.geo.resolve import _Group, _votes
    from sitroom.model import Place

    county = Candidate(1, Place(gazetteer_id="x", name="Greene County", country="US", admin1="Missouri", admin2="Greene County",
                                lat=37.3, lon=-93.3, precision=Precision.ADMIN2, feature_code="ADM2"),
                       "name", "MO", "us_counties")
    g = _Group(key="greene county", indices=[0], cands=(county,))
    _vc, va = _votes(g, {1: 8.0}, county_vote=3.0)
    assert va[("US", "MO")] == 3.0


def test_unknown_facility_naming_a_country_stays_out_of_the_story_town_abroad(gaz):
    """The focus-town fallback places a street or building in the story's town, but not when the
    name says it is in another country ("Escaped Syrian Camp" is not in Dallas)."""
    text = "Dallas officials said. Dallas police met. Thousands Escaped Syrian Camp. Dallas Central Library opened."
    names = ["Dallas", "Dallas", "Escaped Syrian Camp", "Dallas Central Library"]
    res = resolve_mentions(text, _mentions(text, names), gaz)
    assert res[2].place is None
    assert res[3].place is not None and res[3].place.name == "Dallas"


def test_world_city_beats_a_tiny_namesake_on_country_focus_alone(gaz):
    """That a story is about the United States does not make its "Valdoria" the Ohio village."""
    text = "Police in Dallas said the suspect later flew to Valdoria."
    res = resolve_mentions(text, _mentions(text, ["Dallas", "Valdoria"]), gaz)
    assert res[1].place.country == "IT"


def test_tiny_namesake_wins_with_support_for_its_region(gaz):
    text = "Ohio officials said the suspect later drove to Valdoria."
    res = resolve_mentions(text, _mentions(text, ["Ohio", "Valdoria"]), gaz)
    assert res[1].place.country == "US" and res[1].place.admin1 == "Ohio"


def test_name_after_the_article_is_the_sea_not_the_town(gaz):
    text = "Storms over the Pacific worried officials in Dallas and Ashvale."
    res = resolve_mentions(text, _mentions(text, ["Pacific", "Dallas", "Ashvale"]), gaz)
    assert res[0].place.name == "Pacific Ocean"


def test_town_name_without_the_article_stays_a_town(gaz):
    text = "Officials in Dallas and Pacific met."
    res = resolve_mentions(text, _mentions(text, ["Dallas", "Pacific"]), gaz)
    assert res[1].place.precision == Precision.TOWN


def test_unknown_feature_takes_the_town_it_is_named_after(gaz):
    """Neither name is in the gazetteer, nor is Ashvale named alone: the lake and the hospital are
    named after the Texas town, in the country (and state) the story is about."""
    text = "Dallas police searched Lake Ashvale. Texas troopers took him to Ashvale General Hospital."
    names = ["Dallas", "Lake Ashvale", "Texas", "Ashvale General Hospital"]
    res = resolve_mentions(text, _mentions(text, names), gaz)
    assert res[1].place is not None and res[1].place.name == "Ashvale"
    assert res[3].place is not None and res[3].place.name == "Ashvale"
    assert res[1].confidence < res[0].confidence


def test_streets_are_not_placed_in_the_town_they_are_named_after(gaz):
    from sitroom.geo.fallback import inner_town

    text = "Dallas police closed Ashvale Drive."
    res = resolve_mentions(text, _mentions(text, ["Dallas", "Ashvale Drive"]), gaz)
    assert res[1].place is None or res[1].place.name != "Ashvale"
    assert inner_town("Ashvale Drive", gaz, []) is None


def test_an_embassy_is_not_placed_in_the_country_it_represents(gaz):
    text = ("Dallas officials said. Dallas police met. Protesters marched to the British Embassy. "
            "Durham reacted.")
    names = ["Dallas", "Dallas", "British Embassy", "Durham"]
    res = resolve_mentions(text, _mentions(text, names), gaz)
    assert res[2].place is not None and res[2].place.country == "US"


def test_unknown_name_in_a_list_is_not_placed_by_its_neighbour(gaz):
    text = "Sirens were put up in Marren Flats, Ashvale and Dallas."
    res = resolve_mentions(text, _mentions(text, ["Marren Flats", "Ashvale", "Dallas"]), gaz)
    assert res[0].place is None


def test_street_with_a_trailing_direction_is_a_facility():
    from sitroom.geo.fallback import is_facility

    assert is_facility("Marren Avenue West") and is_facility("Marren St. NW")
    assert not is_facility("Marren West") and not is_facility("Avenue West")


def test_township_takes_the_town_of_its_name_in_the_story_region(gaz):
    text = "Voters in Ashvale Township and Dallas backed the levy."
    res = resolve_mentions(text, _mentions(text, ["Ashvale Township", "Dallas"]), gaz)
    assert res[0].place is not None and res[0].place.name == "Ashvale"


def test_old_town_quarter_takes_its_town(gaz):
    text = "Trains stop at Old Town Ashvale. Dallas police said so."
    res = resolve_mentions(text, _mentions(text, ["Old Town Ashvale", "Dallas"]), gaz)
    assert res[0].place is not None and res[0].place.name == "Ashvale"


def test_numbered_road_lies_in_the_story_town(gaz):
    text = "Dallas police closed the A412 after a crash. Dallas officials said it would reopen."
    res = resolve_mentions(text, _mentions(text, ["Dallas", "A412", "Dallas"]), gaz)
    assert res[1].place is not None and res[1].place.name == "Dallas"


def test_street_is_not_placed_in_the_town_after_its_comma(gaz):
    """"Marren Drive, Rogersburg" is an address (often a suburb's or a postal town's): the
    street keeps the rule for streets, here the story's town."""
    text = "Dallas police said. Dallas officers went to 30 Marren Drive, Rogersburg on Friday."
    res = resolve_mentions(text, _mentions(text, ["Dallas", "Dallas", "Marren Drive", "Rogersburg"]), gaz)
    assert res[2].place is not None and res[2].place.name == "Dallas"


def test_mission_named_with_its_host_town_takes_that_town(gaz):
    text = "A spokesman for the British Embassy Istanbul said the talks would go on."
    res = resolve_mentions(text, _mentions(text, ["British Embassy Istanbul"]), gaz)
    assert res[0].place is not None and res[0].place.name == "Istanbul"


def test_a_high_commission_takes_its_host_town_too(gaz):
    """The mission word may be two words: the host town follows "High Commission"."""
    text = "A spokesman for the British High Commission Istanbul said the talks would go on."
    res = resolve_mentions(text, _mentions(text, ["British High Commission Istanbul"]), gaz)
    assert res[0].place is not None and res[0].place.name == "Istanbul"


def test_focus_town_lies_in_the_region_the_story_names_most(gaz):
    """An unknown street goes to a town of the story's state, not a town named first elsewhere."""
    text = ("Rogers Heights officials said the grant was approved. In Texas, police in Dallas and Ashvale "
            "joined the search." + " The search went on for days." * 12 + " A car was found on Marren Street.")
    names = ["Rogers Heights", "Texas", "Dallas", "Ashvale", "Marren Street"]
    res = resolve_mentions(text, _mentions(text, names), gaz)
    assert res[4].place is not None and res[4].place.admin1 == "Texas"


class _Names:
    """A gazetteer stand-in answering exact look-ups from a dict (no phonetic readings)."""

    def __init__(self, names):
        self.names = names

    def lookup(self, text):
        return self.names.get(text.lower(), ())

    def lookup_phonetic(self, text):
        return ()


def _cand(i, name, cc, precision, fcode, pop=0):
    place = Place(gazetteer_id=str(i), name=name, country=cc, admin1=None, admin2=None, lat=0.0, lon=0.0,
                  precision=precision, feature_code=fcode, population=pop)
    return Candidate(id=i, place=place, kind="name", admin1_code=None, source="test")


def test_bare_name_means_a_state_named_alike_only_beside_towns_of_its_country():
    """"Kestrel" may mean Kestrel State when a town Kestrel lies in that country (a state named
    after its seat); "Delta", the name of towns elsewhere only, does not mean Nigeria's Delta State."""
    gz = _Names({
        "delta": (_cand(1, "Delta", "CA", Precision.TOWN, "PPL", 100_000),),
        "delta state": (_cand(2, "Delta State", "NG", Precision.ADMIN1, "ADM1"),),
        "kestrel": (_cand(3, "Kestrel", "NG", Precision.TOWN, "PPLA", 900_000),),
        "kestrel state": (_cand(4, "Kestrel State", "NG", Precision.ADMIN1, "ADM1"),),
    })
    assert [c.place.name for c in candidates_for("Delta", gz)[0]] == ["Delta"]
    assert "Kestrel State" in [c.place.name for c in candidates_for("Kestrel", gz)[0]]
