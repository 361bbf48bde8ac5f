"""CASE 2021 labels through the event typer, on sentences we wrote after ACLED's sub-event
definitions (two or more per seen label, varied wording), and the weighted-F1 scorer.

None of these sentences comes from an evaluation corpus: they check that the lexicon and the
argument rules carry the codebook, so the CASE score does not rest on dev wording."""

from __future__ import annotations

import pytest

from sitroom.evals.case2021 import SEEN_LABELS, predict_label, two_folds, weighted_f1


CODEBOOK_SENTENCES = [
    ("ARMED_CLASH", "Fighting erupted between rival armed factions in the north of the city on Saturday, leaving eleven combatants dead."),
    ("ARMED_CLASH", "The army said its troops had repelled a rebel incursion and killed several assailants."),
    ("ARMED_CLASH", "Al-Shabaab fighters stormed a military camp near the border, triggering hours of heavy fighting with soldiers."),
    ("ARMED_CLASH", "Security forces engaged a group of armed bandits in the forest, neutralising four of them."),
    ("ARMED_CLASH", "Two policemen and three militants died in a shootout at a checkpoint in the province."),
    ("ATTACK", "Suspected herdsmen attacked a farming community overnight, killing 12 villagers and burning homes."),
    ("ATTACK", "A local journalist was murdered by unidentified gunmen outside his home on Tuesday."),
    ("ATTACK", "Militants executed four hostages and dumped their bodies on a highway."),
    ("ATTACK", "A prominent human rights defender was stabbed to death in the capital."),
    ("ABDUCT_DISSAP", "Armed men abducted a Catholic priest from his parish on Sunday night."),
    ("ABDUCT_DISSAP", "Dozens of schoolgirls were taken from their dormitory by gunmen, and their whereabouts remain unknown."),
    ("AIR_STRIKE", "Coalition jets struck a weapons depot on the outskirts of the town, the ministry said."),
    ("AIR_STRIKE", "An unmanned aerial vehicle fired two missiles at a car, killing the commander inside."),
    ("AIR_STRIKE", "Army helicopters dropped barrel bombs on residential neighbourhoods."),
    ("ART_MISS_ATTACK", "Militants fired a salvo of rockets at the airport, damaging a hangar."),
    ("ART_MISS_ATTACK", "Artillery pounded the villages near the front line through the night."),
    ("ART_MISS_ATTACK", "Pakistani troops violated the ceasefire along the Line of Control, shelling forward posts with mortars."),
    ("REM_EXPLOS", "An improvised device hidden in a motorcycle exploded at a busy market, killing six."),
    ("REM_EXPLOS", "A military vehicle hit a roadside IED, wounding three soldiers."),
    ("SUIC_BOMB", "A suicide attacker rammed an explosives-laden car into the gate of the police headquarters."),
    ("SUIC_BOMB", "A female suicide bomber detonated her device at a crowded bus station."),
    ("GRENADE", "Unidentified attackers lobbed a hand grenade at a police patrol, injuring two officers."),
    ("CHEM_WEAP", "Residents reported choking and foaming at the mouth after a suspected chemical attack on the town."),
    ("SEX_VIOL", "UN investigators documented dozens of cases of rape by soldiers in the region."),
    ("SEX_VIOL", "Three militiamen were accused of sexually assaulting women at a displacement camp."),
    ("PEACE_PROTEST", "Hundreds of nurses marched to the health ministry to demand better pay."),
    ("PEACE_PROTEST", "Opposition supporters held a peaceful demonstration in the main square against the election results."),
    ("PEACE_PROTEST", "Farmers staged a sit-in outside the governor's office to protest against land acquisition."),
    ("PROTEST_WITH_INTER", "Police used water cannon to break up a student protest, detaining 30 people."),
    ("FORCE_AGAINST_PROTEST", "Security forces shot dead three demonstrators during a march against the coup."),
    ("FORCE_AGAINST_PROTEST", "Troops used live ammunition against unarmed protesters, killing at least 15."),
    ("VIOL_DEMONSTR", "Protesters torched a police station and looted shops after the death of a young man in custody."),
    ("VIOL_DEMONSTR", "Rioters clashed with police and set fire to cars in the city centre."),
    ("MOB_VIOL", "A mob set upon two men accused of stealing a goat and beat them to death."),
    ("MOB_VIOL", "Supporters of rival parties clashed with sticks and stones ahead of the vote, injuring several."),
    ("ARREST", "Police detained a former minister on corruption charges at his home."),
    ("ARREST", "Authorities have apprehended five suspects linked to the bombing."),
    ("AGREEMENT", "The warring parties signed a ceasefire agreement in the presence of regional mediators."),
    ("AGREEMENT", "The government and the rebels agreed to swap prisoners next week."),
    ("CHANGE_TO_GROUP_ACT", "The militia announced that it had merged with two smaller groups to form a new alliance."),
    ("CHANGE_TO_GROUP_ACT", "The government imposed a dusk-to-dawn curfew in the district."),
    ("CHANGE_TO_GROUP_ACT", "Hundreds of young men were recruited into the militia in the past month."),
    ("DISR_WEAP", "Police defused a bomb planted near a church before it could go off."),
    ("DISR_WEAP", "Air defences intercepted two rockets fired towards the city."),
    ("DISR_WEAP", "Troops uncovered an arms cache containing rifles and grenades."),
    ("GOV_REGAINS_TERIT", "Government forces recaptured the strategic town from the rebels after a week-long siege."),
    ("GOV_REGAINS_TERIT", "The army announced that the area had been fully liberated from the terrorists."),
    ("NON_STATE_ACTOR_OVERTAKES_TER", "Insurgents overran the district centre and raised their flag over government buildings."),
    ("NON_STATE_ACTOR_OVERTAKES_TER", "The rebels captured the town after government troops retreated."),
    ("NON_VIOL_TERRIT_TRANSFER", "Government troops withdrew from the town, leaving it to the local militia."),
    ("NON_VIOL_TERRIT_TRANSFER", "The rebels handed over the airport to peacekeepers under the deal."),
    ("HQ_ESTABLISHED", "The insurgents have established a new base in the forest near the border."),
    ("HQ_ESTABLISHED", "The group set up its headquarters in a former school building."),
    ("PROPERTY_DISTRUCT", "Armed men looted the health centre and set fire to the pharmacy."),
    ("PROPERTY_DISTRUCT", "Militants destroyed a telecom tower and burned a school."),
    ("ARMED_CLASH", "Heavy exchanges of gunfire were reported between the two militias on the outskirts of the capital."),
    ("ARMED_CLASH", "Rebels ambushed an army convoy, sparking a firefight in which six soldiers died."),
    ("ARMED_CLASH", "Government troops battled insurgents for control of the key highway."),
    ("ARMED_CLASH", "The Taliban launched a pre-dawn assault on a district police compound, and the battle raged for hours."),
    ("ATTACK", "Gunmen on motorbikes sprayed bullets into a crowded mosque during Friday prayers."),
    ("ATTACK", "Jihadists killed seven civilians in a raid on a village in the north."),
    ("ATTACK", "The bodies of two abducted aid workers were discovered dumped by a roadside."),
    ("ATTACK", "Fighters massacred dozens of villagers in a dawn assault."),
    ("ABDUCT_DISSAP", "The engineer was snatched by kidnappers on his way to work and is being held for ransom."),
    ("ABDUCT_DISSAP", "Two foreign tourists were seized by militants near the border and taken to an unknown location."),
    ("AIR_STRIKE", "Israeli aircraft bombed targets in the Gaza Strip overnight."),
    ("AIR_STRIKE", "A US drone hit a compound used by the group, killing three suspected members."),
    ("AIR_STRIKE", "Warplanes conducted several sorties over the rebel-held enclave."),
    ("ART_MISS_ATTACK", "Several Grad rockets slammed into residential buildings in the city."),
    ("ART_MISS_ATTACK", "Mortar bombs fired by the rebels struck a school, wounding four pupils."),
    ("ART_MISS_ATTACK", "Houthi forces launched a ballistic missile at the southern city, the coalition said."),
    ("REM_EXPLOS", "A landmine blast killed a shepherd grazing his flock near the frontline."),
    ("REM_EXPLOS", "A car bomb ripped through a busy street in the city, killing at least 20 people."),
    ("REM_EXPLOS", "An explosive device attached to the official's car went off as he drove to work."),
    ("SUIC_BOMB", "A suicide bomber wearing a vest packed with explosives struck a wedding party."),
    ("GRENADE", "Assailants threw grenades at a police station in the town, wounding a constable."),
    ("GRENADE", "A grenade explosion at a bus stop injured eight people."),
    ("CHEM_WEAP", "Activists accused government forces of using chlorine in an attack on the suburb."),
    ("SEX_VIOL", "Soldiers gang-raped two women at a checkpoint, according to a rights group."),
    ("SEX_VIOL", "The militia commander was charged with sexual slavery and rape."),
    ("PEACE_PROTEST", "Teachers across the country went on strike to demand higher salaries."),
    ("PEACE_PROTEST", "Thousands of people rallied in the capital calling for the resignation of the president."),
    ("PEACE_PROTEST", "Activists held a candlelight vigil outside the embassy to commemorate the victims."),
    ("PROTEST_WITH_INTER", "Police fired tear gas to disperse hundreds of students protesting fee hikes."),
    ("PROTEST_WITH_INTER", "Authorities blocked the planned march and detained its organisers."),
    ("FORCE_AGAINST_PROTEST", "Soldiers opened fire on protesters in the capital, killing at least five people."),
    ("FORCE_AGAINST_PROTEST", "Police beat demonstrators with batons, leaving dozens seriously injured."),
    ("VIOL_DEMONSTR", "Demonstrators pelted security forces with stones and burned tyres on the main road."),
    ("VIOL_DEMONSTR", "The protest turned violent when marchers smashed windows and attacked police vehicles."),
    ("MOB_VIOL", "Villagers lynched a man suspected of witchcraft."),
    ("MOB_VIOL", "A crowd of residents attacked and burned the house of a suspected kidnapper."),
    ("ARREST", "Security forces arrested 14 suspected militants in raids across the province."),
    ("ARREST", "The journalist was taken into custody by intelligence officers on Tuesday."),
    ("AGREEMENT", "Both sides agreed to a 72-hour humanitarian truce."),
    ("AGREEMENT", "The two clans signed a peace deal ending months of fighting."),
    ("CHANGE_TO_GROUP_ACT", "The group announced a new leader after the death of its founder."),
    ("CHANGE_TO_GROUP_ACT", "The army sent additional troops to the restive region."),
    ("DISR_WEAP", "Soldiers seized a large cache of weapons and ammunition in a raid on a warehouse."),
    ("DISR_WEAP", "Bomb experts safely detonated an unexploded shell found in a field."),
    ("GOV_REGAINS_TERIT", "Troops retook the village from militants on Thursday."),
    ("GOV_REGAINS_TERIT", "The military said it had driven the insurgents out of the town."),
    ("NON_STATE_ACTOR_OVERTAKES_TER", "Militants seized control of a key town after a days-long battle with the army."),
    ("NON_STATE_ACTOR_OVERTAKES_TER", "The town fell to the jihadists on Sunday."),
    ("NON_VIOL_TERRIT_TRANSFER", "The foreign troops pulled out of the base and handed it over to local forces."),
    ("HQ_ESTABLISHED", "The militants set up a checkpoint on the main road to the city."),
    ("PROPERTY_DISTRUCT", "Unknown attackers burned down a church and several houses in the village."),
    ("PROPERTY_DISTRUCT", "The militia ransacked the offices of the electoral commission."),
]


def test_sentences_cover_every_seen_label_but_other():
    assert {g for g, _ in CODEBOOK_SENTENCES} == SEEN_LABELS - {"OTHER"}


@pytest.mark.parametrize("gold, text", CODEBOOK_SENTENCES)
def test_codebook_sentence_label(nlp, gold, text):
    assert predict_label(nlp(text)) == gold


def test_weighted_f1_weights_by_support():
    gold = ["ATTACK", "ATTACK", "ARREST", "OTHER"]
    pred = ["ATTACK", "ARREST", "ARREST", "OTHER"]
    out = weighted_f1(gold, pred, SEEN_LABELS)
    # ATTACK: p=1, r=.5 -> .667 (support 2); ARREST: p=.5, r=1 -> .667; OTHER: 1.0
    assert out["weighted_f1"] == pytest.approx((0.6667 * 2 + 0.6667 + 1.0) / 4, abs=1e-3)


def test_two_folds_alternate_within_each_label():
    ids = ["1", "2", "3", "4", "5", "6"]
    gold = ["ATTACK", "ARREST", "ATTACK", "ARREST", "ATTACK", "GRENADE"]
    assert two_folds(ids, gold) == ["A", "A", "B", "B", "A", "A"]
