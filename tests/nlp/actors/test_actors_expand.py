"""Tests of kg.nlp.actors.rules.expand: roles, possessives, titles, "X of Y"."""

from __future__ import annotations

import pytest
from actor_helpers import resolved

POSSESSIVES = [
    ("Syria's new authorities met them.", "Syria's new authorities", "SYR", "SYRGOV"),
    ("Syria’s new authorities met them.", "Syria’s new authorities", "SYR", "SYRGOV"),
    ("Washington’s reluctance is clear.", "Washington", "US", "USAGOV"),
    ("Iran's foreign minister arrived.", "Iran's foreign minister", "IRN", "IRNGOV"),
    ("Israel's army advanced.", "Israel's army", "ISR", "ISRMIL"),
]


@pytest.mark.parametrize("text, surface, actor, code", POSSESSIVES)
def test_possessives(nlp, text, surface, actor, code):
    assert resolved(nlp, text)[surface] == (actor, code)


DEMONYM_ROLE = [
    (
        "Syrian security forces foiled the plot.",
        "Syrian security forces",
        "SYR",
        "SYRMIL",
    ),
    (
        "American intelligence officials met them.",
        "American intelligence officials",
        "US",
        "USAGOV",
    ),
    ("Iraqi rebels seized the town.", "Iraqi rebels", "IRQ", "IRQREB"),
    ("Russian negotiators left Geneva.", "Russian negotiators", "RUS", "RUSGOV"),
    ("Afghan rebels shelled Kabul.", "Afghan rebels", "AFG", "AFGREB"),
    ("Zambian people voted.", "Zambian people", "ZMB", "ZMBCVL"),
    ("The Israeli army withdrew.", "Israeli army", "ISR", "ISRMIL"),
    ("The Macedonian army shelled the village.", "Macedonian army", "MKD", "MKDMIL"),
    ("A Jordanian official confirmed it.", "Jordanian official", "JOR", "JORGOV"),
    ("Turkish police detained him.", "Turkish police", "TUR", "TURCOP"),
    ("The president of Armenia spoke.", "president of Armenia", "ARM", "ARMGOV"),
    ("The government of Syria denied it.", "government of Syria", "SYR", "SYRGOV"),
    (
        "British Foreign Secretary Jack Straw flew in.",
        "British Foreign Secretary Jack Straw",
        "GBR",
        "GBRGOV",
    ),
    (
        "Zambian President Levy Mwanawasa spoke.",
        "Zambian President Levy Mwanawasa",
        "ZMB",
        "ZMBGOV",
    ),
    (
        "Egyptian President Hosni Mubarak left.",
        "Egyptian President Hosni Mubarak",
        "EGY",
        "EGYGOV",
    ),
]


@pytest.mark.parametrize("text, surface, actor, code", DEMONYM_ROLE)
def test_demonym_and_role(nlp, text, surface, actor, code):
    assert resolved(nlp, text)[surface] == (actor, code)


def test_each_state_after_a_role_takes_the_role(nlp):
    got = resolved(nlp, "The ambassadors of Peru, Chile and Bolivia met him.")
    assert got["ambassadors of Peru"] == ("PER", "PERGOV")
    assert got["Chile"] == ("CHL", "CHLGOV")
    assert got["Bolivia"] == ("BOL", "BOLGOV")


def test_states_coordinated_without_a_role_stay_states(nlp):
    got = resolved(nlp, "Peru, Chile and Bolivia met him.")
    assert got["Chile"] == ("CHL", "CHL")
    assert got["Bolivia"] == ("BOL", "BOL")


def test_role_is_the_head_of_the_phrase(nlp):
    got = resolved(nlp, "Israeli jets hit Syrian army positions.")
    assert got["Israeli jets"] == ("ISR", "ISRMIL")
    assert got["Syrian"] == ("SYR", "SYR")  # "army" modifies "positions"


METONYMS = [
    ("The Kremlin denied the report.", "The Kremlin", "RUS", "RUSGOV"),
    ("the White House said so.", "the White House", "US", "USAGOV"),
    ("Downing Street welcomed it.", "Downing Street", "GBR", "GBRGOV"),
    ("Damascus rejected the claim.", "Damascus", "SYR", "SYRGOV"),
    ("Moscow and Ankara talked.", "Moscow", "RUS", "RUSGOV"),
    ("The Pentagon sent troops.", "Pentagon", "US", "USAMIL"),
    ("The State Department spoke.", "State Department", "US", "USAGOV"),
]


@pytest.mark.parametrize("text, surface, actor, code", METONYMS)
def test_capitals_and_metonyms(nlp, text, surface, actor, code):
    assert resolved(nlp, text)[surface] == (actor, code)


def test_media_names_are_not_their_city(nlp):
    got = resolved(nlp, "According to the Washington Post, officials met.")
    assert got["Washington Post"] == ("WAPO", "USAMED")
    assert "Washington" not in got


def test_anti_prefix_is_not_a_mention(nlp):
    assert "Syria" not in resolved(nlp, "An anti-Syria journalist was killed.")
    # the positive twin: the same name without the prefix is a mention
    assert resolved(nlp, "A journalist in Syria was killed.")["Syria"] == ("SYR",) * 2


def test_organisations_widen_over_their_role(nlp):
    got = resolved(nlp, "Hamas fighters and the HTS leader met.")
    assert got["Hamas fighters"] == ("HAMAS", "PSEREBHMS")
    assert got["HTS leader"] == ("HTS", "SYRREB")


def test_a_place_with_an_organisation_head_is_an_organisation_of_its_country(nlp):
    got = resolved(nlp, "Nairobi University said so.")
    assert got["Nairobi University"][0] in ("KEN", "ORG_nairobi_university")
    assert got["Nairobi University"][1].startswith("KEN")


@pytest.mark.parametrize(
    "text, surface, code",
    [
        (
            "Syria's leading dissident fled.",
            "Syria's leading dissident",
            "SYROPP",
        ),
        ("US shared intelligence with Kenya, officials said.", "US", "USA"),
    ],
)
def test_role_modifiers_are_adjectives_or_gerunds_not_verbs(nlp, text, surface, code):
    assert resolved(nlp, text)[surface][1] == code


@pytest.mark.parametrize(
    "text, surface, actor, code",
    [
        (
            "Crowds gathered outside the Turkish embassy in Nairobi.",
            "Turkish embassy",
            "TUR",
            "TURGOV",
        ),
        # the twin: a role no country owns belongs to the capital named after it
        (
            "Crowds gathered outside the government in Nairobi.",
            "government in Nairobi",
            "KEN",
            "KENGOV",
        ),
    ],
)
def test_a_role_owned_by_a_demonym_is_not_the_place_s(nlp, text, surface, actor, code):
    assert resolved(nlp, text)[surface] == (actor, code)


@pytest.mark.parametrize(
    "text, surface, actor",
    [
        ("Chile killed a Hamas official in Tehran.", "Hamas official", "HAMAS"),
        (
            "Chile killed a senior Hezbollah commander in Beirut.",
            "Hezbollah commander",
            "HEZBOLLAH",
        ),
        # the twin: an official no one is named before belongs to the capital
        ("Chile killed an official in Tehran.", "official in Tehran", "IRN"),
    ],
)
def test_a_role_owned_by_a_named_group_is_not_the_place_s(nlp, text, surface, actor):
    assert resolved(nlp, text)[surface][0] == actor


def test_a_currency_named_by_its_country_is_not_the_state(nlp):
    got = resolved(nlp, "The Turkish lira fell against the US dollar.")
    assert "Turkish" not in got and "US" not in got
    # twin: the same adjective before a role is the state's
    assert resolved(nlp, "The Turkish army fell back.")["Turkish army"] == (
        "TUR",
        "TURMIL",
    )


def test_a_currency_never_relates_states(nlp):
    from tests.nlp.relation_cases import asserted, run

    text = "The Turkish lira hit a record low against the US dollar."
    assert not asserted(run(nlp, text))
    assert ("TUR", "attacks", "US") in asserted(run(nlp, "Turkey hit the US embassy."))
