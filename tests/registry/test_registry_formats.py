"""Tests of kg.registry.formats and .turtle: user registry files and their errors."""

from __future__ import annotations

import json

import pytest
from conftest import DATA

from kg.registry import lexicon, load_registry
from kg.types import KGError


def test_user_yaml_registry():
    reg = load_registry([DATA / "actors_user.yaml"])
    assert reg["ZLF"].cls == "ArmedGroup" and reg["ZLF"].code == "NORREBZLF"
    assert reg["P_CHARLES_KINBOTE"].parent == "ZLF"
    assert "ZLF" not in load_registry()  # the packaged registry is untouched


def test_user_turtle_registry():
    reg = load_registry([DATA / "actors_user.ttl"])
    assert reg["NWC"].cls == "InternationalOrganisation"
    assert reg["NWC"].code == "IGONWC" and "NWC" in reg["NWC"].aliases
    assert reg["ATL"].wikidata == "Q37056"


def test_user_json_entries(tmp_path):
    path = tmp_path / "mine.json"
    entry = {"id": "QRF", "label": "Quill Relief Fund", "country": "NOR"}
    path.write_text(json.dumps({"actors": [entry]}), encoding="utf-8")
    reg = load_registry([path])
    assert reg["QRF"].cls == "Organisation" and reg["QRF"].code == "NOR"


def test_a_user_file_redeclaring_a_country_extends_its_aliases(tmp_path):
    path = tmp_path / "syria.yaml"
    path.write_text(
        "actors:\n  - {id: SYR, label: Syria, class: State, country: SYR,\n"
        "     aliases: [Sham Republic]}\n",
        encoding="utf-8",
    )
    aliases = load_registry([path])["SYR"].aliases
    assert "Sham Republic" in aliases and "Damascus" in aliases


def test_a_user_file_adds_names_and_never_replaces_kgs(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "actors:\n  - {id: USC, label: Upper Sunda Council, class: Organisation,\n"
        "     country: IDN, aliases: [U.S., Upper Sunda Council]}\n"
        "  - {id: US, label: Replaced, class: Organisation, aliases: [Yankeeland]}\n"
        "roles:\n  CVL: [government, grain traders]\n",
        encoding="utf-8",
    )
    lex = lexicon((path,))
    assert lex.aliases["U.S."].actor == "US"  # kg's name keeps its meaning
    assert lex.aliases["Upper Sunda Council"].actor == "USC"  # new names are added
    assert lex.actors["US"].label == "United States"  # kg's record stays
    assert lex.aliases["Yankeeland"].actor == "US"  # and gains the new alias
    assert lex.roles[("government",)] == "GOV"
    assert lex.roles[("grain", "traders")] == "CVL"
    assert lexicon().aliases.get("Yankeeland") is None  # the cache is untouched


def test_a_user_petrarch_country_dictionary_keeps_us_resolving(tmp_path):
    path = tmp_path / "countries.json"
    path.write_text(
        '{"actors": {"USC": ["U.S.", "US", "UPPER SUNDA"]}}', encoding="utf-8"
    )
    lex = lexicon((path,))
    assert lex.aliases["U.S."].actor == "US" and "u.s." not in lex.folded
    assert lex.folded["upper sunda"].actor == "USC"


def test_a_user_leader_adds_roles_after_kgs(tmp_path):
    path = tmp_path / "leaders.yaml"
    path.write_text(
        "leaders:\n  - [Vladimir Putin, [Volodya], UKR, GOV, '1990-01-01', null]\n",
        encoding="utf-8",
    )
    lex = lexicon((path,))
    roles = lex.person_roles["P_VLADIMIR_PUTIN"]
    assert roles[0].actor == "RUS" and roles[-1].actor == "UKR"
    assert lex.aliases["Volodya"].actor == "P_VLADIMIR_PUTIN"


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("missing.yaml", None, "does not exist"),
        ("actors_bad_class.yaml", "copy", "unknown class 'Spaceship'"),
        ("actors_bad_syntax.yaml", "copy", "not valid YAML"),
        ("actors_bad.ttl", "copy", "not valid Turtle"),
        ("empty.yaml", "", "is empty"),
        ("list.yaml", "- a\n- b\n", "must be a mapping"),
        ("noid.yaml", "actors:\n  - label: X\n", "without an 'id'"),
        ("weird.csv", "a,b\n", "unknown format '.csv'"),
        ("broken.json", "{not json", "not valid JSON"),
        (
            "bad.ttl",
            "@prefix ex: <http://e/> .\nex:a ex:b ex:c .\n",
            "declares no kg:Actor",
        ),
        (
            "baddate.yaml",
            "actors:\n  - {id: X, label: X, valid_to: soon}\n",
            "is not an ISO date",
        ),
        ("section.yaml", "actors: []\nvillains: []\n", "unknown section(s)"),
        ("nolabel.yaml", "actors:\n  - {id: X}\n", "has no 'label'"),
        ("aliases.yaml", "actors:\n  - {id: X, label: X, aliases: x}\n", "a list"),
        ("leader.yaml", "leaders:\n  - [Jo, [], X]\n", "leader row"),
        ("array.json", "[1, 2]", "must be a JSON object"),
        ("petr.json", '{"actors": {"ABC": "X"}}', "must be a list"),
        ("agent.json", '{"actors": {}, "agents": {"~g!": ["X"]}}', "bad agent code"),
    ],
)
def test_bad_registry_files(tmp_path, name, content, message):
    if content == "copy":
        path = DATA / name
    else:
        path = tmp_path / name
        if content is not None:
            path.write_text(content, encoding="utf-8")
    with pytest.raises(KGError) as exc:
        load_registry([path])
    assert name in str(exc.value)
    assert message in str(exc.value)
    assert "\n" not in str(exc.value)


def test_a_directory_is_not_a_registry(tmp_path):
    with pytest.raises(KGError, match="is a directory"):
        load_registry([tmp_path])
