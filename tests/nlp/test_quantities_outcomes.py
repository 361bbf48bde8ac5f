"""find_quantities on singular victims, combined tolls and counts that are not the incident's.

Sentences written for these tests; each checks one rule of the parse-based reader."""

from __future__ import annotations

from sitroom.model import QuantityKind
from sitroom.nlp.count_scope import is_background, is_tally
from sitroom.nlp.quantities import find_quantities


def kinds(nlp, text):
    doc = nlp(text)
    return [(q.span.quote(text), q.kind, q.best) for q in find_quantities(doc)]


def killed(nlp, text):
    return [v for _, k, v in kinds(nlp, text) if k is QuantityKind.KILLED]


def test_named_victim_who_died_is_one_killed(nlp):
    assert killed(nlp, "Peter Hall, a 22-year-old man, died Monday after being shot in Midtown.") == [1]


def test_the_victim_died(nlp):
    assert killed(nlp, "Deputies now say the victim died late on Tuesday.") == [1]


def test_pronounced_deceased(nlp):
    assert killed(nlp, "He was pronounced deceased later that night.") == [1]


def test_found_shot_then_died_takes_the_worse_outcome(nlp):
    got = kinds(nlp, "A teen who was found shot near the park has died.")
    assert got == [("A teen", QuantityKind.KILLED, 1)]


def test_fatally_shot_by_police_in_a_reduced_relative(nlp):
    assert killed(nlp, "Relatives of a teenager fatally shot by police want a hearing.") == [1]


def test_shot_and_killed_by_deputies_misparsed_as_finite(nlp):
    assert killed(nlp, "A man shot and killed by deputies Monday was armed.") == [1]


def test_killed_himself_counts_the_subject(nlp):
    got = kinds(nlp, "Robert King killed himself after the standoff.")
    assert got == [("Robert King", QuantityKind.KILLED, 1)]


def test_headline_noun_dead(nlp):
    assert killed(nlp, "Teen dead from gunshot wound.") == [1]


def test_tally_list_each_number_takes_the_next_word(nlp):
    got = kinds(nlp, "1 dead, 1 injured in shooting near a bakery.")
    assert got == [("1", QuantityKind.KILLED, 1), ("1", QuantityKind.INJURED, 1)]


def test_killed_and_wounded_together_are_casualties_not_killed(nlp):
    doc = nlp("Mortar rounds kill and wound more than 60 residents.")
    (q,) = find_quantities(doc)
    assert q.kind is QuantityKind.OTHER and q.unit == "casualties"
    doc = nlp("About 12 were killed and injured across the northern districts.")
    assert [q.unit for q in find_quantities(doc)] == ["casualties"]


def test_separate_counts_for_killed_and_wounded_stay_apart(nlp):
    got = kinds(nlp, "A bomb killed nine people and wounded 20.")
    assert got == [("nine", QuantityKind.KILLED, 9), ("20", QuantityKind.INJURED, 20)]
    assert killed(nlp, "Masked attackers shot and killed two farmers.") == [2]


def test_clause_outranks_descriptive_adjective(nlp):
    got = kinds(nlp, "At least five displaced villagers killed in a fresh raid.")
    assert got[0][1] is QuantityKind.KILLED


def test_speakers_are_not_counted_but_victims_are(nlp):
    assert killed(nlp, "Three officials said two soldiers died.") == [2]
    assert killed(nlp, "Two security officials killed by gunmen in the north.") == [2]


def test_nationality_as_object_of_kill(nlp):
    assert killed(nlp, "A drone strike kills Palestinian near the border.") == [1]


def test_background_counts_are_flagged(nlp):
    doc = nlp("A man was shot dead on Friday in 2016. It was the deadliest March since 2009, when 28 were killed.")
    qs = [q for q in find_quantities(doc) if q.best == 28]
    assert qs and is_background(doc, qs[0])
    first = [q for q in find_quantities(doc) if q.best == 1]
    assert first and not is_background(doc, first[0])


def test_round_ups_are_tallies_and_incidents_are_not(nlp):
    for text in ("Fifteen militants were killed in 24 hours, the ministry said.",
                 "More than 300 villagers were killed yesterday."):
        doc = nlp(text)
        q = [q for q in find_quantities(doc) if q.kind is QuantityKind.KILLED][0]
        assert is_tally(doc, q), text
    doc = nlp("A roadside bomb killed seven soldiers near Kandahar on Sunday.")
    q = [q for q in find_quantities(doc) if q.kind is QuantityKind.KILLED][0]
    assert not is_tally(doc, q)


def test_care_says_injured(nlp):
    for text in ("A teenager is recovering after being shot on Tuesday.",
                 "He was taken to Mercy Hospital in critical condition.",
                 "The victim remains in stable condition.",
                 "One cashier was grazed by a stray round."):
        got = kinds(nlp, text)
        assert [k for _, k, _ in got] == [QuantityKind.INJURED], text
    assert kinds(nlp, "Police took the suspect to the station.") == []


def test_headline_noun_with_trailing_adjective(nlp):
    assert killed(nlp, "Brackenford Juvenile dead from gunshot wound.") == [1]


def test_both_counts_two(nlp):
    assert killed(nlp, "Both were found dead at the crossing.") == [2]
    assert killed(nlp, "Both victims died at the hospital.") == [2]
    assert kinds(nlp, "Both sides blamed each other.") == []


def test_tally_list_with_shot_and_critical(nlp):
    got = kinds(nlp, "Three shot, one dead after a party.")
    assert got == [("Three", QuantityKind.INJURED, 3), ("one", QuantityKind.KILLED, 1)]
    got = kinds(nlp, "One dead, two critical after a weekend of gunfire.")
    assert got == [("One", QuantityKind.KILLED, 1), ("two", QuantityKind.INJURED, 2)]
    assert kinds(nlp, "Police said 2 shot 3 times.") == []


def test_mother_of_three_counts_one_victim(nlp):
    assert killed(nlp, "A young father of three is dead after a robbery.") == [1]
    assert killed(nlp, "Two of the men were killed.") == [2]


def test_burned_alive_is_killed(nlp):
    assert killed(nlp, "Soldiers burn four local villagers alive in the township.") == [4]


def test_breakdowns_and_separate_incidents_are_tallies(nlp):
    for text in ("97 persons were killed yesterday including 6 members of the border forces in Talvora.",
                 "Twelve people were killed in separate incidents across the province."):
        doc = nlp(text)
        q = [q for q in find_quantities(doc) if q.kind is QuantityKind.KILLED and q.best and q.best > 1][0]
        assert is_tally(doc, q), text


def test_non_fatal_is_not_fatal_and_decades_are_ages(nlp):
    assert killed(nlp, "A non-fatal shooting left a man wounded.") == []
    assert kinds(nlp, "A woman in her 30's was shot in both hands.") == [("A woman", QuantityKind.INJURED, 1)]
    assert killed(nlp, "Her two children were killed.") == [2]


def test_a_second_victim_and_wounds_and_conjoined_care(nlp):
    got = kinds(nlp, "One person died and a second was wounded when they were shot.")
    assert ("a second", QuantityKind.INJURED, 1) in got
    assert kinds(nlp, "A second later, the gun went off.") == []
    got = kinds(nlp, "The victim, who was cycling, was struck once and is now in critical condition.")
    assert got == [("The victim", QuantityKind.INJURED, 1)]
    got = kinds(nlp, "Deputies found a man with a bullet wound to the shoulder.")
    assert ("a man", QuantityKind.INJURED, 1) in got


def test_outcomes_that_did_not_happen_are_not_counted(nlp):
    for text in ("The round came within a few inches of possibly killing the deputy.",
                 "The gunman tried to kill two officers.",
                 "The blast could have killed dozens of people.",
                 "A man was nearly killed."):
        assert killed(nlp, text) == [], text
    assert killed(nlp, "Two men were killed.") == [2]


def test_bare_singular_noun_marks_a_headline_passive(nlp):
    got = kinds(nlp, "Hunt for shooter after man shot inside laundromat uptown.")
    assert got == [("man", QuantityKind.INJURED, 1)]
    assert kinds(nlp, "Young girl hurt when bullet flies through window into apartment.")[0][1] is QuantityKind.INJURED


def test_names_the_ner_missed(nlp):
    assert killed(nlp, "Okonjo was found dead in the truck with a gunshot wound.") == [1]
    assert killed(nlp, "He faces charges in the shooting death of 41-year-old Marla Penfold.") == [1]
    assert kinds(nlp, "Traffic was stopped for hours.") == []


def test_age_in_commas_after_a_person_noun(nlp):
    assert kinds(nlp, "Oregon boy, 6, killed inside a parked van.") == [("boy", QuantityKind.KILLED, 1)]


def test_murder_suicide_counts_the_killer_too(nlp):
    assert killed(nlp, "Detectives are probing an apparent murder-suicide on Sunday.") == [2]
    assert 4 in killed(nlp, "Four dead in suspected triple murder-suicide.")


def test_negated_outcome_is_not_a_count_of_it(nlp):
    got = kinds(nlp, "Two small children were not hurt.")
    assert got and all(k is not QuantityKind.INJURED for _, k, _ in got)


def test_a_counted_noun_shot_is_not_a_list_item(nlp):
    assert kinds(nlp, "The deputy fired one shot, but the driver was not struck.") == []


def test_headline_person_noun_after_a_separator(nlp):
    assert killed(nlp, "By border guards | Civilian killed in northern countryside") == [1]


def test_a_count_killed_beside_a_clause_of_others_injured_is_killed(nlp):
    """Each verb with its own subject is its own clause: seven killed, not a combined total."""
    from sitroom.nlp.quantities import find_quantities

    doc = nlp("Seven citizens were killed and others were injured when a car bomb exploded.")
    assert [(str(q.kind), q.low) for q in find_quantities(doc)] == [("killed", 7)]
    total = nlp("Thirty people were killed and wounded in the attack.")
    assert [str(q.kind) for q in find_quantities(total)] == ["other"]


def test_a_cumulative_marker_must_modify_the_counts_own_clause(nlp):
    """"Since"/"so far this year" make a count background only when they modify its own verb."""
    from sitroom.nlp.count_scope import is_background

    def background(text):
        doc = nlp(text)
        return [is_background(doc, q) for q in find_quantities(doc)]

    assert background("Two people were killed on Saturday in the deadliest attack since the ceasefire.") == [False]
    assert not any(background("A man was shot dead on Friday, a year after his brother was killed."))
    assert background("At least 40 people have been shot dead in the city since 2015.") == [True]
    assert background("Four people were killed so far this year in shootings.") == [True]


def test_another_happening_is_background(nlp):
    text = "A man was wounded on Elm Street. Earlier, two women were shot dead across town."
    doc = nlp(text)
    flags = {q.span.quote(text): is_background(doc, q) for q in find_quantities(doc)}
    assert flags["two"] is True and flags["A man"] is False
    same_day = "Earlier this morning, an officer was shot in the ankle."
    doc = nlp(same_day)
    assert [is_background(doc, q) for q in find_quantities(doc)] == [False]


def test_wounds_had_and_hospital_deaths(nlp):
    assert kinds(nlp, "Three of the passengers had gunshot wounds to the arms.")[0][1:] == (QuantityKind.INJURED, 3)
    assert killed(nlp, "Both boys were rushed to a clinic, where they died later that night.") == [2]
    assert kinds(nlp, "A third cyclist suffered minor injuries.") == [("A third cyclist", QuantityKind.INJURED, 1)]


def test_one_of_them_fatally_is_one_killed(nlp):
    assert killed(nlp, "Five people were shot, one fatally, at a party.") == [1]
    assert killed(nlp, "Two brothers were shot, one of them fatally, outside their home.") == [1]


def test_intruder_taken_to_hospital_is_injured(nlp):
    text = "The intruder was taken to a hospital with non-life-threatening injuries."
    assert [(k, v) for _, k, v in kinds(nlp, text)] == [(QuantityKind.INJURED, 1)]


def test_killed_and_wounded_in_two_clauses_are_not_casualties(nlp):
    text = "A bouncer was shot and killed and two patrons were wounded at a bar."
    assert [(k, v) for _, k, v in kinds(nlp, text)] == [(QuantityKind.KILLED, 1), (QuantityKind.INJURED, 2)]
    text = "Thirty people were killed and wounded in the blast."
    assert [k for _, k, _ in kinds(nlp, text)] == [QuantityKind.OTHER]


def test_a_pair_is_two(nlp):
    assert kinds(nlp, "A pair of brothers were wounded in a shooting.") == [("A pair", QuantityKind.INJURED, 2)]


def test_treated_at_a_hospital_or_for_wounds_is_injured(nlp):
    assert [(k, v) for _, k, v in kinds(nlp, "The victim was treated at a hospital and released.")] == [
        (QuantityKind.INJURED, 1)]
    assert [(k, v) for _, k, v in kinds(nlp, "Two people were treated for minor injuries.")] == [
        (QuantityKind.INJURED, 2)]
    assert [k for _, k, _ in kinds(nlp, "Two people were treated at the scene.")] == [QuantityKind.PEOPLE]
