"""Tests of kg.registry.formats and .turtle: user registry files and their errors."""

from __future__ import annotations

import json

import pytest
from conftest import DATA

from kg.registry import load_registry
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
