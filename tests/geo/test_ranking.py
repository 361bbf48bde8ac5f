"""Resolution ranks readings by type, population and the document's other places."""

from sitroom.geo.geocoding import geocode
from sitroom.geo.resolve import candidates_for, resolve_mentions, score_prior
from sitroom.model import PlaceMention, Precision, Span


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
