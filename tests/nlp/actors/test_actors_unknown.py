"""Tests of kg.nlp.actors.rules.unknown: organisations the registry lacks."""

from __future__ import annotations

import pytest
from actor_helpers import resolved, spans

from kg.nlp.actors import SPAN_KEY


def test_unknown_organisations_are_kept_with_their_country(nlp):
    doc = nlp("Baghdad University Medical School warned the ministry.")
    (m,) = [s._.kg_mention for s in doc.spans[SPAN_KEY]]
    assert m.known is False
    assert m.actor == "ORG_baghdad_university_medical_school"
    assert m.country == "IRQ" and m.code == "IRQ"


def test_unknown_organisation_ids_are_stable_and_iri_safe(nlp):
    a = spans(nlp, "The Ogaden Liberation Coalition rejected the deal.")
    b = spans(nlp, "Yesterday the Ogaden Liberation Coalition rejected the deal.")
    assert a and a[0][1] == b[0][1]
    assert all(ch.isalnum() or ch == "_" for ch in a[0][1])


def test_an_unknown_organisation_without_a_country_has_no_code(nlp):
    doc = nlp("The Azure Coast Herald reported it.")
    (m,) = [s._.kg_mention for s in doc.spans[SPAN_KEY]]
    assert (m.actor, m.label, m.cls) == (
        "ORG_azure_coast_herald",
        "Azure Coast Herald",
        "Organisation",
    )
    assert m.country is None and m.code is None and m.known is False


ORGS_AND_PLACES = [
    # an organisation whose name ends with a place the registry knows
    (
        "Police raided the Front for the Liberation of Darfur offices.",
        "Front for the Liberation of Darfur",
        "SDN",
    ),
    # a newspaper based in a capital, with adjectives before the place
    ("A weekly based in Muslim west Beirut was closed.", "weekly", "LBNMED"),
    # an unknown transnational body: NGO, as CAMEO codes it
    (
        "The Global Water Partnership urged Chad to act.",
        "Global Water Partnership",
        "NGO",
    ),
]


@pytest.mark.parametrize("text, surface, code", ORGS_AND_PLACES)
def test_organisations_take_the_place_in_or_after_their_name(nlp, text, surface, code):
    assert resolved(nlp, text)[surface][1] == code


@pytest.mark.parametrize(
    "text, thing, present",
    [
        (
            "Israel and Bahrain joined the Abraham Accords in 2020.",
            "Abraham Accords",
            "Israel",
        ),
        (
            "Russia and Turkey revived the Astana Process on Monday.",
            "Astana Process",
            "Russia",
        ),
        (
            "Iran rejected the Joint Comprehensive Plan.",
            "Joint Comprehensive Plan",
            "Iran",
        ),
    ],
)
def test_named_agreements_and_processes_are_not_actors(nlp, text, thing, present):
    got = resolved(nlp, text)
    assert thing not in got and not any(a.startswith("ORG_") for a, _ in got.values())
    assert present in got  # the parties are still mentions


def test_a_forum_is_still_an_organisation(nlp):
    got = resolved(nlp, "The World Economic Forum urged Egypt to share data.")
    assert got["World Economic Forum"][0] == "ORG_world_economic_forum"


def test_a_name_of_a_place_is_no_organisation(nlp):
    got = resolved(nlp, "Peru threatened to annex the Tarapaca region of Chile.")
    assert not any(a.startswith("ORG_") for a, _ in got.values())
    assert "Chile" in got


def test_a_name_before_a_group_noun_is_still_an_organisation(nlp):
    got = resolved(nlp, "The Azure Coast Group shelled Chile.")
    assert any(a.startswith("ORG_azure_coast") for a, _ in got.values())
