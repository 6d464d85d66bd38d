"""Tests of kg.convert.phoenix and kg.registry.phoenix: the Phoenix leaders and
officials, converted once and read fast, never replacing kg's own registry."""

from __future__ import annotations

import json
import os

import pytest
from conftest import SHARED

from kg.convert import phoenix
from kg.nlp.actors.rules.leaders import role_on
from kg.registry import lexicon
from kg.registry.phoenix import load_phoenix
from kg.resources import resource_path
from kg.types import KGError

DICTIONARIES = SHARED / "dictionaries" / "petrarch2"

#: An invented dictionary in the format of Phoenix.Countries.actors.txt.
SAMPLE = """\
# comment line
NORWAY_  [NOR]
+NORGE_
+OSLO_

KARI_NORDMANN_  # an invented minister
+MINISTER_KARI_NORDMANN
+NORDMANN
\t[NORELI 600101-090120]
\t[NORGOV >090120]
\t[NORELI]
OLA_AL_HANSEN_
+OLA_HANSEN
\t[SWEGOVMIL 19950101-20000101]
PER_MCLEAN_
+PER
\t[DNKGOV <991231]
JAN_BERG_
\t[NORGOV]
JAN_BERG_
\t[SWEGOV]
"""


def _rows(english=frozenset({"per"})):
    recs = list(phoenix.records(iter(SAMPLE.splitlines())))
    return {row[1]: row for row in phoenix._people(recs, english)}


def test_records_keep_phrases_default_codes_and_dated_roles():
    recs = list(phoenix.records(iter(SAMPLE.splitlines())))
    assert recs[0].phrases == ["NORWAY", "NORGE", "OSLO"] and recs[0].default == "NOR"
    kari = recs[1]
    assert kari.roles == [
        ("NORELI", "1960-01-01", "2009-01-20"),
        ("NORGOV", "2009-01-20", None),
        ("NORELI", None, None),
    ]


def test_people_rows_skip_countries_and_shared_names():
    rows = _rows()
    assert "Norway" not in rows  # a country-only record: kg's own data decides
    kari = rows["Kari Nordmann"]
    assert kari[0] == "P_KARI_NORDMANN"
    assert {"Kari Nordmann", "Minister Kari Nordmann", "Nordmann"} <= set(kari[2])
    assert "Ola al-Hansen" in rows["Ola al-Hansen"][2]
    assert rows["Per McLean"][2] == ["Per McLean"]  # "Per": short, and a word
    # "Jan Berg" names a Norwegian and a Swede: the name is dropped from both
    assert "Jan Berg" not in rows


def test_single_words_must_be_long_and_not_english():
    rows = _rows(english=frozenset({"nordmann"}))
    assert "Nordmann" not in rows["Kari Nordmann"][2]
    assert "Kari Nordmann" in rows["Kari Nordmann"][2]


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("[USAGOV >090120]", ("USAGOV", "2009-01-20", None)),
        ("[USAGOV > 130701]", ("USAGOV", "2013-07-01", None)),
        ("[USAGOV <890120]", ("USAGOV", None, "1989-01-20")),
        ("[USAELI 19060101-410120]", ("USAELI", "1906-01-01", "1941-01-20")),
        ("[GBRGOV >201005011]", ("GBRGOV", "2010-05-01", None)),
        ("[IRQOCC 1920030320-20060520]", None),
        ("[USAGOV 121207-120802]", None),
        ("[---]", None),
        ("[USAGOV]", ("USAGOV", None, None)),
    ],
)
def test_date_restrictions(raw, expected):
    assert phoenix.restriction(raw) == expected


def test_names_take_the_case_of_news_text():
    assert phoenix.news_case("ABU BAKR AL BAGHDADI") == "Abu Bakr al-Baghdadi"
    assert phoenix.news_case("US ENVOY JOHN MCDONALD") == "US Envoy John McDonald"
    assert phoenix.news_case("LOUIS XIV") == "Louis XIV"


def test_convert_writes_the_licence_and_one_person_per_line(tmp_path):
    (tmp_path / phoenix.SOURCE).write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "LICENSE").write_text("The MIT License (MIT)\n", encoding="utf-8")
    text = phoenix.convert(tmp_path, frozenset())
    data = json.loads(text)
    assert data["licence"].startswith("The MIT License")
    assert text.count("\n") == len(data["persons"]) + 2


def test_main_reports_a_folder_without_the_dictionary(tmp_path, capsys):
    assert phoenix.main([str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("kg: error:") and phoenix.SOURCE in err
    assert not list(tmp_path.iterdir())  # nothing written


@pytest.mark.skipif(
    not (DICTIONARIES / phoenix.SOURCE).is_file()
    and os.environ.get("KG_REQUIRE_EVAL") != "1",
    reason=f"the PETRARCH2 dictionaries are not in {DICTIONARIES}",
)
def test_rerunning_the_converter_reproduces_the_committed_file(tmp_path):
    out = tmp_path / "out.json"
    assert phoenix.main([str(DICTIONARIES), "--output", str(out)]) == 0
    assert out.read_bytes() == resource_path(phoenix.OUTPUT).read_bytes()


def _loaded(tmp_path, rows):
    path = tmp_path / "phx.json"
    path.write_text(json.dumps({"persons": rows}), encoding="utf-8")
    lex = lexicon().copy()
    lex.additive = True
    load_phoenix(lex, path)
    return lex


def test_imported_people_resolve_by_the_article_date(tmp_path):
    row = [
        "P_KARI_NORDMANN",
        "Kari Nordmann",
        ["Kari Nordmann", "Nordmann"],
        [["NORELI", "1960-01-01", "2009-01-20"], ["NORGOV", "2009-01-20", None]],
    ]
    lex = _loaded(tmp_path, [row])
    assert lex.people["Nordmann"] == "P_KARI_NORDMANN"
    roles = lex.person_roles["P_KARI_NORDMANN"]
    assert role_on(roles, "2012-03-01").sector == "GOV"
    assert role_on(roles, "2001-03-01").sector == "ELI"
    assert role_on(roles, "1950-03-01") is None


def test_imported_rows_never_replace_kgs_people_or_names(tmp_path):
    rows = [
        [
            "P_VLADIMIR_PUTIN",
            "Vladimir Putin",
            ["Vladimir Vladimirovich Putin", "Putin"],
            [["UKRGOV", None, None]],
        ],
        [
            "P_OTHER",
            "Someone Else",
            ["Someone Else", "Damascus"],
            [["NORGOV", None, None]],
        ],
    ]
    lex = _loaded(tmp_path, rows)
    assert lex.person_roles["P_VLADIMIR_PUTIN"][0].actor == "RUS"
    assert all(r.actor != "UKR" for r in lex.person_roles["P_VLADIMIR_PUTIN"])
    # a new spelling of kg's person is added; kg's names keep their meaning
    assert lex.people["Vladimir Vladimirovich Putin"] == "P_VLADIMIR_PUTIN"
    assert "Putin" not in lex.people and lex.aliases["Damascus"].actor == "SYR"
    assert lex.people["Someone Else"] == "P_OTHER"


def test_a_bad_phoenix_file_is_one_error(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(KGError, match="is not a Phoenix file"):
        load_phoenix(lexicon().copy(), path)


def test_the_packaged_registry_has_the_imported_officials():
    lex = lexicon()
    pid = lex.people["Angela Dorothea Merkel"]
    assert pid == "P_ANGELA_MERKEL"  # kg's own person, with Phoenix's spelling
    assert len(lex.people) > 10_000
