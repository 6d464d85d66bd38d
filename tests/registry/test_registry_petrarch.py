"""Tests of kg.registry.petrarch: PETRARCH dictionaries as registry files."""

from __future__ import annotations

import pytest
from conftest import DATA

from kg.registry import lexicon, load_registry
from kg.registry.petrarch import agent_sector, petr_phrases
from kg.types import KGError

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


def test_substitution_markers_stand_for_every_word_of_their_set():
    assert petr_phrases("!MINST! OF FISHERIES") == [
        "minister of fisheries",
        "ministers of fisheries",
        "ministry of fisheries",
        "ministries of fisheries",
    ]
    assert "congresswomen" in petr_phrases("CONGRESS!PERSON!")  # no plural formed
    assert "congressmans" not in petr_phrases("CONGRESS!PERSON!")
    assert petr_phrases("!NOSUCHSET! SOLDIER") == []  # an unknown set: skipped
    assert petr_phrases("CITY") == ["city", "cities"]
    assert petr_phrases("BUS") == ["bus", "buses"]


def test_a_file_may_define_its_own_substitution_sets(tmp_path):
    path = tmp_path / "subs.json"
    path.write_text(
        '{"actors": {"ELD": ["ELDORIA"]}, "substitutions": {"CHIEF": ["HEAD", '
        '"CHIEF"]}, "agents": {"~SPY": ["SPY !CHIEF!"]}}',
        encoding="utf-8",
    )
    lex = lexicon((path,))
    assert lex.roles[("spy", "head")] == "SPY"
    assert lex.roles[("spy", "chief")] == "SPY"
    assert ("spy", "heads") not in lex.roles


def test_a_bad_substitution_section_is_named(tmp_path):
    path = tmp_path / "subs.json"
    path.write_text(
        '{"actors": {"ELD": ["ELDORIA"]}, "substitutions": {"CHIEF": "HEAD"}}',
        encoding="utf-8",
    )
    with pytest.raises(KGError, match="'substitutions' must map"):
        lexicon((path,))


def test_an_agent_code_with_a_trailing_tilde_goes_before_the_country(tmp_path):
    assert agent_sector("~GOV") == "GOV"
    assert agent_sector("NGO~") == "NGO~"
    path = tmp_path / "agents.json"
    path.write_text(
        '{"actors": {"ELD": ["ELDORIA"]}, "agents": {"NGO~": ["CHARITY BOARD"], '
        '"~GOV": ["VIZIER"]}}',
        encoding="utf-8",
    )
    lex = lexicon((path,))
    eld = lex.folded["eldoria"].actor
    assert lex.code_for(eld, lex.roles[("charity", "board")]) == "NGOELD"
    assert lex.code_for(eld, lex.roles[("vizier",)]) == "ELDGOV"


def test_an_actor_code_naming_several_actors_takes_the_first(tmp_path):
    path = tmp_path / "multi.json"
    path.write_text('{"actors": {"ELD/ORO": ["THE VALE"]}}', encoding="utf-8")
    lex = lexicon((path,))
    assert lex.folded["the vale"].code == "ELD"


def test_a_prefix_agent_codes_the_mention_before_its_country(tmp_path):
    from kg.nlp.model import load_nlp

    path = tmp_path / "agents.json"
    path.write_text(
        '{"actors": {"ELD": ["ELDORIA"]}, "agents": {"NGO~": ["CHARITY BOARD"]}}',
        encoding="utf-8",
    )
    doc = load_nlp(actors=[path], relations=False)("The Eldoria charity board met.")
    (m,) = [s._.kg_mention for s in doc.spans["kg_actors"]]
    assert (m.code, m.sector, m.country) == ("NGOELD", "NGO", "ELD")


def test_a_dotted_abbreviation_matches_as_the_tokenizer_reads_it(tmp_path):
    from kg.nlp.model import load_nlp

    path = tmp_path / "dots.json"
    path.write_text(
        '{"actors": {"ELD": ["ELDORIA", "E.L.D."], "ORO": ["ORONIA"]}}',
        encoding="utf-8",
    )
    nlp = load_nlp(actors=[path], relations=False)
    for text in ("The E.L.D. met Oronia.", "The e.l.d. met Oronia."):
        doc = nlp(text)
        codes = [s._.kg_mention.code for s in doc.spans["kg_actors"]]
        assert codes == ["ELD", "ORO"], text


def test_a_title_and_a_name_coded_as_the_state_are_one_mention(tmp_path):
    from kg.nlp.model import load_nlp

    path = tmp_path / "people.json"
    path.write_text(
        '{"actors": {"ELD": ["ELDORIA", "RUDOLFO"], "ORO": ["ORONIA"]},'
        ' "agents": {"~GOV": ["PRIME MINISTER"]}}',
        encoding="utf-8",
    )
    nlp = load_nlp(actors=[path], relations=False)
    doc = nlp("Eldoria Prime Minister Rudolfo met Oronia.")
    got = [(s.text, s._.kg_mention.code) for s in doc.spans["kg_actors"]]
    assert got == [("Eldoria Prime Minister Rudolfo", "ELDGOV"), ("Oronia", "ORO")]
    # the twin: a name of another actor after the title stays its own mention
    doc = nlp("Eldoria Prime Minister Oronia met Rudolfo.")
    assert [s.text for s in doc.spans["kg_actors"]][:2] == [
        "Eldoria Prime Minister",
        "Oronia",
    ]
