"""Tests of kg.nlp.actors.rules.people: the officials imported from the Phoenix
dictionary match only precisely (a title, the whole name, a role at the article
date, no other country named with them). Invented sentences; the names are real
officials of the imported dictionary."""

from __future__ import annotations

import pytest
from actor_helpers import resolved


@pytest.mark.parametrize(
    "text, surface, code",
    [
        # Phoenix: Trevor Manuel, South African minister from 2003
        ("Finance Minister Trevor Manuel met Kenyan officials.",
         "Finance Minister Trevor Manuel", "ZAFGOV"),
        # a form of address is a title too (Phoenix: Prince Hassan of Jordan)
        ("Prince Hassan met Kenyan officials.", "Hassan", "JORGOV"),
        # the country named with the person agrees with the dictionary's
        ("Prince Hassan of Jordan met Kenyan officials.", "Hassan", "JORGOV"),
    ],
)  # fmt: skip
def test_an_imported_official_with_a_title_is_the_state(nlp, text, surface, code):
    assert resolved(nlp, text)[surface][1] == code


@pytest.mark.parametrize(
    "text, name",
    [
        # a bare name may be a namesake
        ("Trevor Manuel met Kenyan officials.", "Trevor Manuel"),
        ("Hassan met Kenyan officials.", "Hassan"),
        # a known name inside a longer one is another person
        ("Prince Ahmed Karim Hassan met Kenyan officials.", "Hassan"),
    ],
)
def test_a_bare_or_longer_name_is_not_the_imported_official(nlp, text, name):
    got = resolved(nlp, text)
    assert not any(name in surface for surface in got)
    assert got["Kenyan officials"] == ("KEN", "KENGOV")


@pytest.mark.parametrize(
    "text, surface, country",
    [
        ("King Hassan of Morocco met Kenyan officials.", "Morocco", "MAR"),
        ("Moroccan Prince Hassan met Kenyan officials.", "Moroccan", "MAR"),
    ],
)
def test_a_country_named_with_the_person_wins(nlp, text, surface, country):
    got = resolved(nlp, text)
    assert got[surface][0] == country
    assert all(code[:3] != "JOR" for _, code in got.values())


def test_an_imported_official_needs_a_role_at_the_article_date(nlp):
    # Phoenix: Ali Rodriguez, Venezuelan minister 2004-2011
    text = "Oil Minister Ali Rodriguez visited Cuba."
    in_office = resolved(nlp, text, "2009-05-01")
    assert in_office["Minister Ali Rodriguez"] == ("VEN", "VENGOV")
    later = resolved(nlp, text, "2020-05-01")
    assert all(code[:3] != "VEN" for _, code in later.values())
    assert later["Cuba"][0] == "CUB"
