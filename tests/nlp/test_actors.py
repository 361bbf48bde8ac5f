"""find_actors: canonical actors, aliases, types and roles."""

from __future__ import annotations

from sitroom.model import ActorType, Role
from sitroom.nlp.actors import actor_table, find_actors, guess_actor_type


def actors(nlp, text):
    return [(m.span.quote(text), m.actor.name, m.actor.type, m.role, m.actor.known) for m in find_actors(nlp(text))]


def test_table_is_large_enough():
    assert len({a.name for _, a in actor_table()}) >= 40


def test_aliases_map_to_one_actor(nlp):
    for alias in ["Daesh", "ISIS", "ISIL", "the Islamic State group"]:
        got = actors(nlp, f"{alias} claimed the attack on the checkpoint.")
        assert got[0][1] == "Islamic State", alias


def test_is_is_case_sensitive(nlp):
    got = actors(nlp, "The camp is crowded and it is cold.")
    assert all(a[1] != "Islamic State" for a in got)


def test_roles(nlp):
    got = actors(nlp, "Turkish police arrested 40 ISIS suspects near the border.")
    assert ("Turkish police", "Turkish police", ActorType.STATE_FORCES, Role.INITIATOR, True) in got
    assert any(a[1] == "Islamic State" and a[3] is Role.TARGET for a in got)


def test_victims_are_affected(nlp):
    got = actors(nlp, "Gunmen killed four civilians in the village.")
    assert ("civilians", "Civilians", ActorType.CIVILIANS, Role.AFFECTED, True) in got
    assert any(a[1] == "Unidentified armed group" and a[3] is Role.INITIATOR for a in got)


def test_against_is_target(nlp):
    got = actors(nlp, "Daesh launched an attack against Iraqi security forces.")
    assert ("Iraqi security forces", "Iraqi security forces", ActorType.STATE_FORCES, Role.TARGET, True) in got


def test_guess_type():
    assert guess_actor_type("Kata'ib Example Militia", "ORG") is ActorType.POLITICAL_MILITIA
    assert guess_actor_type("Example Liberation Front", "ORG") is ActorType.REBEL_GROUP
