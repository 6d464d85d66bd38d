"""Tests of kg.nlp.actors.rules.residence: groups coded by where they live."""

from __future__ import annotations

import pytest
from actor_helpers import resolved

from kg.nlp.actors import SPAN_KEY

RESIDENCE = [
    ("Croatian Serbs boycotted the vote.", "Croatian Serbs", "HRV"),
    ("Kosovo Serbs blocked the road.", "Kosovo Serbs", "XKX"),
    ("Syrian Kurds marched on Monday.", "Syrian Kurds", "SYR"),
    ("Ethnic Hungarians in Slovakia demanded autonomy.", "Ethnic Hungarians", "SVK"),
    ("The Tajiks of northern Afghanistan resisted.", "Tajiks", "AFG"),
    ("Ethnic Uzbeks clashed with Kyrgyz police.", "Ethnic Uzbeks", "KGZ"),
    ("Kurds in Iraq voted for independence.", "Kurds", "IRQ"),
    ("Serbs rallied in Belgrade.", "Serbs", "SRB"),  # at home
    ("Iranian diplomats in Iraq met clerics.", "Iranian diplomats", "IRN"),
]


@pytest.mark.parametrize("text, surface, country", RESIDENCE)
def test_communities_are_coded_by_where_they_live(nlp, text, surface, country):
    """CAMEO codes a people living in another state by that state."""
    doc = nlp(text)
    m = next(s._.kg_mention for s in doc.spans[SPAN_KEY] if s.text == surface)
    assert m.country == country


UNNAMED_GROUPS = [
    (
        "Christian militias in Lebanon shelled the hills.",
        "Christian militias",
        "LBNREB",
    ),
    ("Sunni refugees fled Iraqi troops.", "Sunni refugees", "IRQREF"),
    (
        "Doctors from three Cuban hospitals arrived.",
        "Doctors from three Cuban hospitals",
        "CUBHLH",
    ),
    ("Officials from Kenya arrived on Monday.", "Officials from Kenya", "KENGOV"),
    ("A militant cell based in Mali claimed the bombing.", "militant cell", "MLIREB"),
    ("Maria Lopez, Peru's chief prosecutor, resigned.", "Maria Lopez", "PERJUD"),
    ("NATO peacekeeping troops entered Kosovo.", "NATO peacekeeping troops", "IGONAT"),
]


@pytest.mark.parametrize("text, surface, code", UNNAMED_GROUPS)
def test_groups_named_by_creed_origin_base_or_apposition(nlp, text, surface, code):
    assert resolved(nlp, text)[surface][1] == code


@pytest.mark.parametrize(
    "text, absent, twin, present",
    [
        (
            "Russia withdrew its troops from Syria.",
            "troops from Syria",
            "Officials from Syria arrived.",
            "Officials from Syria",
        ),
        (  # two states: the group's is unknown
            "Muslim leaders met Danish and Swedish envoys.",
            "Muslim leaders",
            "Muslim leaders in Lebanon met Danish envoys.",
            "Muslim leaders",
        ),
        (  # a noun after the role: "guerrilla camps" are not people
            "Karen guerrilla camps were shelled by Thai troops.",
            "Karen guerrilla",
            "Christian guerrillas in Lebanon shelled the hills.",
            "Christian guerrillas",
        ),
        (
            "Defense Secretary John Doe spoke.",
            "Defense",
            "US Defense Secretary John Doe spoke.",
            "US Defense Secretary John Doe",
        ),
    ],
)
def test_group_rules_stay_silent_without_evidence(nlp, text, absent, twin, present):
    assert absent not in resolved(nlp, text)
    # the positive twin: with the evidence the rule speaks
    assert present in resolved(nlp, twin)


def test_unknown_organisation_based_in_a_country(nlp):
    doc = nlp("The Horizon Relief Trust, based in Kenya, funded the schools.")
    m = next(s._.kg_mention for s in doc.spans[SPAN_KEY] if not s._.kg_mention.known)
    assert m.country == "KEN" and m.code == "KEN"


@pytest.mark.parametrize(
    "text, surface, code",
    [
        ("Police fired tear gas at the crowd in Lima.", "Police", "PERCOP"),
        ("Hundreds of protesters marched through Quito.", "protesters", "ECUCVL"),
        # the arrested citizens' country is the other party's: Lima is the setting
        ("Police arrested two Chilean citizens in Lima.", "Police", "PERCOP"),
        # students, journalists, workers, doctors, courts and lawmakers likewise
        ("Students marched through Quito.", "Students", "ECUEDU"),
        (
            "Journalists in Lima were detained by police.",
            "Journalists in Lima",
            "PERMED",
        ),
        ("The court in Lima jailed a journalist.", "court in Lima", "PERJUD"),
        # a group an act is done to is the doer's
        ("Peru's president asked lawmakers for more funds.", "lawmakers", "PERLEG"),
    ],
)
def test_a_bare_group_is_of_the_only_country_named(nlp, text, surface, code):
    assert resolved(nlp, text)[surface][1] == code


@pytest.mark.parametrize(
    "text, surface",
    [
        # two countries named as the setting: whose police is not settled
        ("Police arrested dozens during rallies in Chile and Peru.", "Police"),
        # an informant, not a party ("residents said")
        ("Shelling hit parts of Lima, residents said.", "residents"),
        # no country named at all
        ("Police fired tear gas at the crowd.", "Police"),
        ("Students marched through the capital.", "Students"),
        # a country named in a clause describing the group is no home of it
        ("A journalist accused of spying for Chile was jailed.", "journalist"),
        # the other party of an act the group does: lawmakers who ask Peru for
        # funds are not Peru's (twin: asked by Peru's president, they are)
        ("Lawmakers asked Peru's president for more funds.", "Lawmakers"),
    ],
)
def test_a_bare_group_stays_uncoded_when_the_country_is_open(nlp, text, surface):
    assert surface not in resolved(nlp, text)


def test_a_past_demonym_describes_and_the_state_name_names(nlp):
    """'a former Soviet republic' is no mention of the Soviet Union; 'the former
    Soviet Union' is."""
    assert "Soviet" not in resolved(nlp, "The former Soviet republic banned the party.")
    assert (
        resolved(nlp, "The former Soviet Union collapsed.")["Soviet Union"][0] == "USSR"
    )
