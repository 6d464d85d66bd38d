"""kg.nlp.relations.sentence: the main event of a clause, nominal events, sport."""

from __future__ import annotations

import pytest

from tests.nlp.relation_cases import asserted, run

CLAUSE_STRUCTURE = [
    # a purpose clause is a detail of the main event of its clause
    (
        "Syria offered troops to Lebanon to help it fight Israel.",
        {("SYR", "offersAidTo", "LBN")},
    ),
    # "vowed not to X" is a refusal
    ("Israel vowed not to return the territory to Syria.", {("ISR", "rejects", "SYR")}),
    # "will not X" of a cooperative act is a refusal too (CAMEO 12) ...
    ("Peru will not negotiate with Chile.", {("PER", "rejects", "CHL")}),
    # ... and its twin, a promise not to harm, is no refusal
    ("Peru will not attack Chile.", set()),
    # the verb lemma is repaired when the lemmatiser fails ("staged" -> "stag")
    (
        "Kenyan students staged rallies against the Ugandan government.",
        {("KEN", "protestsAgainst", "UGA")},
    ),
    # an addressed non-actor is not replaced by an actor named further on
    ("Iran urged the public to boycott Israel.", set()),
    # its twin: an addressed actor is the target
    ("Iran urged Iraq to boycott Israel.", {("IRN", "urges", "IRQ")}),
    # particles: "called off" is a concession, "called on" a demand
    (
        "Nigerian teachers called off their strike after talks with the Nigerian "
        "government.",
        {("NGA", "concedesTo", "NGA")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CLAUSE_STRUCTURE)
def test_main_event_of_the_clause(nlp, text, expected):
    got = asserted(run(nlp, text))
    if expected:
        assert expected <= got, got
    else:
        assert got == set(), got


def test_main_event_keeps_a_distinct_sub_event(nlp):
    doc = run(
        nlp, "The US shared intelligence with Syria to counter the Islamic State."
    )
    got = asserted(doc)
    assert ("US", "sharesIntelligenceWith", "SYR") in got
    assert ("US", "opposes", "ISIS") in got


def test_meeting_named_as_a_time_is_no_event(nlp):
    doc = run(
        nlp,
        "The EU decided to lift its sanctions on Syria, its foreign policy chief "
        "announced after a meeting of EU ministers.",
    )
    assert {a.relation for a in doc._.kg_assertions} == {"liftsSanctionsOn"}
