"""Tests of kg.registry.petrarch: PETRARCH dictionaries as registry files."""

from __future__ import annotations

from conftest import DATA

from kg.registry import lexicon, load_registry
from kg.registry.petrarch import petr_phrases

PETR = DATA / "actors_petrarch.json"


def test_new_codes_become_actors_of_the_class_their_prefix_implies():
    reg = load_registry([PETR])
    eld = reg["ELD"]
    assert (eld.cls, eld.country, eld.code) == ("State", "ELD", "ELD")
    assert reg["IGOQWE"].cls == "InternationalOrganisation"
    assert reg["IMGRAV"].cls == "ArmedGroup"
    assert "ELDMIL" not in reg  # a known state with a sector, not a new actor
    assert "---" not in reg


def test_phrases_match_case_insensitively_with_their_plurals():
    lex = lexicon((PETR,))
    assert lex.folded["eldorian army"].code == "ELDMIL"
    assert lex.folded["eldorian army"].actor == "ELD"
    assert lex.folded["eldorian army"].sector == "MIL"
    assert "eldorian soldiers" in lex.folded
    assert "eldorian republics" not in lex.folded  # {} marks no plural
    assert "nobody at all" not in lex.folded


def test_agents_become_roles_and_titles():
    lex = lexicon((PETR,))
    assert lex.roles[("grand", "viziers")] == "GOV"
    assert lex.titles[("vizier",)] == "GOV"


def test_user_phrases_never_take_a_packaged_name(tmp_path):
    path = tmp_path / "egypt.json"
    path.write_text(
        '{"actors": {"UAR": ["EGYPT", "UNITED ARAB REPUBLIC"]}}', encoding="utf-8"
    )
    lex = lexicon((path,))
    assert lex.aliases["Egypt"].actor == "EGY" and "egypt" not in lex.folded
    assert lex.folded["united arab republic"].actor == "UAR"  # a new name is added


def test_substitution_phrases_are_skipped():
    assert petr_phrases("!PERSON! SOLDIER") == []
    assert petr_phrases("CITY") == ["city", "cities"]
    assert petr_phrases("BUS") == ["bus", "buses"]
