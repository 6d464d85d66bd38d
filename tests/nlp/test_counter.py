"""kg.nlp.relations.counter: countering a hostile act opposes its author."""

from __future__ import annotations

import pytest

from tests.nlp.relation_cases import asserted, check, run

COUNTERING = [
    (
        "Iraqi forces foiled a plot by ISIS to bomb a market.",
        {("IRQ", "opposes", "ISIS")},
    ),
    (
        "The Iraqi army thwarted an attack planned by al-Shabaab.",
        {("IRQ", "opposes", "SHABAAB")},
    ),
    ("Jordan's foiling of a Hamas plot angered Iran.", {("JOR", "opposes", "HAMAS")}),
    (
        "Kenyan troops thwarted the militants of al-Shabaab.",
        {("KEN", "opposes", "SHABAAB")},
    ),
    (  # the foiled attack has no author: the author of the threat named before
        "Threats posed by ISIS are high, with one case being Iraqi forces' foiling "
        "of a planned attack on Baghdad.",
        {("IRQ", "opposes", "ISIS")},
    ),
    (  # "posed/carried out by Y": Y is the attacker
        "The attack carried out by ISIS on the Iraqi army killed ten.",
        {("ISIS", "attacks", "IRQ")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), COUNTERING)
def test_foiling_an_act_opposes_its_author(nlp, text, expected):
    check(nlp, text, expected)


@pytest.mark.parametrize(
    ("text", "twin", "expected"),
    [
        (  # the victim is no target
            "Police foiled an attack on the US embassy.",
            "Egypt foiled an attack by ISIS on the US embassy.",
            ("EGY", "opposes", "ISIS"),
        ),
        (  # a crisis is no hostile act
            "Egypt averted a crisis with Sudan.",
            "Egypt averted an attack by Sudan.",
            ("EGY", "opposes", "SDN"),
        ),
        (  # no author
            "An attempt to kill the governor was thwarted in Iraq.",
            "Iraqi forces thwarted an attempt by ISIS to kill the governor.",
            ("IRQ", "opposes", "ISIS"),
        ),
    ],
)
def test_foiling_without_an_author_is_no_event(nlp, text, twin, expected):
    doc = run(nlp, text)
    assert not [a for a in doc._.kg_assertions if a.relation == "opposes"]
    assert expected in asserted(run(nlp, twin))  # with an author it is one
