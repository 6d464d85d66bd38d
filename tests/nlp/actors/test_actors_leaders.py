"""Tests of kg.nlp.actors.rules.leaders: persons resolve by the article date."""

from __future__ import annotations

import pytest
from actor_helpers import resolved

from kg.nlp.actors.rules.leaders import role_on
from kg.registry.lexicon import Role

LEADERS = [
    (
        "Putin met Erdogan.",
        None,
        {"Putin": ("RUS", "RUSGOV"), "Erdogan": ("TUR", "TURGOV")},
    ),
    ("President Putin spoke.", None, {"President Putin": ("RUS", "RUSGOV")}),
    ("Guterres urged calm.", None, {"Guterres": ("UN", "IGOUNO")}),
    ("Assad met Putin.", "2020-05-01", {"Assad": ("SYR", "SYRGOV")}),
    ("Assad arrived in Moscow.", "2025-03-01", {"Assad": ("P_BASHAR_AL_ASSAD", "SYR")}),
    ("Al-Golani spoke in Idlib.", "2020-01-01", {"Al-Golani": ("HTS", "SYRREB")}),
    ("Ahmed al-Sharaa spoke.", "2025-03-01", {"Ahmed al-Sharaa": ("SYR", "SYRGOV")}),
    (
        "Biden called Netanyahu.",
        "2023-11-01",
        {"Biden": ("US", "USAGOV"), "Netanyahu": ("ISR", "ISRGOV")},
    ),
    # a head of government in office twice, a president, a defence minister
    (
        "Fico met Stubb.",
        "2024-05-02",
        {"Fico": ("SVK", "SVKGOV"), "Stubb": ("FIN", "FINGOV")},
    ),
    ("Fico spoke.", "2020-05-02", {"Fico": ("P_ROBERT_FICO", "SVK")}),
    ("Boris Pistorius spoke.", "2024-05-02", {"Boris Pistorius": ("DEU", "DEUMIL")}),
    (
        "The Bush administration said no.",
        None,
        {"Bush administration": ("US", "USAGOV")},
    ),
]


@pytest.mark.parametrize("text, date, expected", LEADERS)
def test_leaders_with_validity_dates(nlp, text, date, expected):
    got = resolved(nlp, text, date)
    for surface, want in expected.items():
        assert got[surface] == want


def test_unknown_persons_are_not_actors(nlp):
    assert resolved(nlp, "John Q. Smithers met Iran.") == {"Iran": ("IRN", "IRN")}


ROLES = [
    Role("HTS", "REB", "2017-01-28", "2024-12-08"),
    Role("SYR", "GOV", "2024-12-08", None),
]


@pytest.mark.parametrize(
    "date, actor",
    [
        ("2020-01-01", "HTS"),
        ("2024-12-08", "HTS"),  # the first role valid on the day
        ("2025-03-01T10:00:00", "SYR"),
        ("2001-01-01", None),
        (None, "SYR"),  # no date: the latest role
    ],
)
def test_the_role_held_on_a_date(date, actor):
    role = role_on(ROLES, date)
    assert (role.actor if role else None) == actor
