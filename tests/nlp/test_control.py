"""kg.nlp.relations.control: negation, refusals, intents, threats, decisions."""

from __future__ import annotations

import pytest

from tests.nlp.relation_cases import asserted, run, triples

NEGATED = [
    ("Iran did not recognise Israel.", {("IRN", "recognises", "ISR")}),
    ("Saudi Arabia never threatened Qatar.", {("SAU", "threatens", "QAT")}),
    ("China refused to recognise Taiwan.", {("CHN", "recognises", "TWN")}),
    ("Brazil declined to sanction Russia.", {("BRA", "sanctions", "RUS")}),
    (
        "Despite Washington's reluctance to recognise Damascus, "
        "it shared intelligence.",
        {("US", "recognises", "SYR")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), NEGATED)
def test_negation_is_kept_and_never_asserted(nlp, text, expected):
    doc = run(nlp, text)
    negated = {
        (a.source.actor, a.relation, a.target.actor)
        for a in doc._.kg_assertions
        if a.negated
    }
    assert expected <= negated
    assert not expected & asserted(doc)
    assert all(not a.asserted for a in doc._.kg_assertions if a.negated)


def test_refusal_is_a_rejection(nlp):
    doc = run(nlp, "China refused to recognise Taiwan.")
    assert ("CHN", "rejects", "TWN") in asserted(doc)


def test_ruling_out_an_act_is_a_refusal_of_it(nlp):
    doc = run(nlp, "Italy ruled out supplying tanks to Kenya.")
    assert asserted(doc) == {("ITA", "rejects", "KEN")}
    # tanks are military goods: the refused supply is military aid
    assert ("ITA", "givesMilitaryAidTo", "KEN") in triples(doc, negated=True)
    # the twin: supplying, not ruled out, is the act itself
    assert ("ITA", "givesMilitaryAidTo", "KEN") in asserted(
        run(nlp, "Italy began supplying tanks to Kenya.")
    )


def test_ruling_out_a_meeting_rejects_it_but_a_ruling_is_no_refusal(nlp):
    assert ("DEU", "rejects", "RUS") in asserted(
        run(nlp, "Germany ruled out talks with Russia.")
    )
    for text in (
        "Germany ruled on talks with Russia.",
        "Italy did not rule out supplying tanks to Kenya.",
    ):
        got = asserted(run(nlp, text))
        assert not any(t[1] == "rejects" for t in got), (text, got)


MODALITY = [
    (
        "Turkey will support the European Union.",
        "TUR",
        "intendsToCooperateWith",
        "EU",
        "intended",
    ),
    (
        "Qatar is ready to host talks with Hamas.",
        "QAT",
        "intendsToCooperateWith",
        "HAMAS",
        "intended",
    ),
    ("Iran vowed to attack Israel.", "IRN", "threatensForceAgainst", "ISR", "asserted"),
    (
        "Israel threatened to impose sanctions on Lebanon.",
        "ISR",
        "threatens",
        "LBN",
        "asserted",
    ),
    (
        "If Russia invades Georgia, NATO could sanction Moscow.",
        "NATO",
        "sanctions",
        "RUS",
        "hypothetical",
    ),
    (
        "Nigeria will withdraw its peacekeepers from Chad unless the talks resume.",
        "NGA",
        "threatens",
        "TCD",
        "asserted",
    ),
    (
        "Japan reportedly shared intelligence with South Korea.",
        "JPN",
        "sharesIntelligenceWith",
        "KOR",
        "reported",
    ),
]


@pytest.mark.parametrize(("text", "src", "rel", "tgt", "modality"), MODALITY)
def test_modality_and_intent(nlp, text, src, rel, tgt, modality):
    doc = run(nlp, text)
    found = [
        a
        for a in doc._.kg_assertions
        if (a.source.actor, a.relation, a.target.actor) == (src, rel, tgt)
    ]
    assert found, [
        (a.source.actor, a.relation, a.target.actor) for a in doc._.kg_assertions
    ]
    assert found[0].modality == modality
    assert not found[0].negated


def test_hypothetical_and_intended_events_are_not_asserted(nlp):
    doc = run(nlp, "If Russia invades Georgia, NATO could sanction Moscow.")
    assert doc._.kg_assertions
    assert not any(a.asserted for a in doc._.kg_assertions)


# ------------------------------------------- "no" objects, decisions, suspensions
NO_OBJECT_NEGATION = [
    (
        "Iran says it has no direct contact with Syria's new rulers.",
        {("IRN", "meetsWith", "SYR")},
    ),
    ("Russia held no talks with Ukraine.", {("RUS", "meetsWith", "UKR")}),
    (
        "Israel acted without consulting the United States.",
        {("ISR", "meetsWith", "US")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), NO_OBJECT_NEGATION)
def test_no_determiner_and_without_negate(nlp, text, expected):
    doc = run(nlp, text)
    assert expected <= triples(doc, negated=True)
    assert not expected & asserted(doc)


@pytest.mark.parametrize(
    ("text", "twin"),
    [
        ("Turkey has no relations with Armenia.", "Turkey held talks with Armenia."),
        (
            "There were no talks between Russia and Ukraine.",
            "Russia held talks with Ukraine.",
        ),
    ],
)
def test_no_relations_is_never_an_asserted_event(nlp, text, twin):
    assert not asserted(run(nlp, text))
    assert asserted(run(nlp, twin))


@pytest.mark.parametrize(
    ("text", "triple", "present"),
    [
        (  # a clause about another event holds no target
            "Kenya promised to help as fighting raged near Somalia.",
            ("KEN", "offersAidTo", "SOM"),
            False,
        ),
        (  # its twin: the party helped is named in the main clause
            "Kenya promised to help Somalia as fighting raged.",
            ("KEN", "offersAidTo", "SOM"),
            True,
        ),
        (  # the condition of a threat names the party threatened
            "Russia has threatened to stop negotiations if the United States "
            "deploys missiles.",
            ("RUS", "threatens", "US"),
            True,
        ),
    ],
)
def test_circumstance_clauses_and_conditions(nlp, text, triple, present):
    assert (triple in asserted(run(nlp, text))) is present


def test_a_without_clause_holds_no_target(nlp):
    doc = run(nlp, "Moldova agreed to the plan without consulting Romania.")
    assert ("MDA", "agreesWith", "ROU") not in asserted(doc)
    assert ("MDA", "meetsWith", "ROU") in triples(doc, negated=True)


DECISIONS_AND_SUSPENSIONS = [
    (  # a decision is the act; one event for the clause
        "The EU decided to lift its sanctions on Syria.",
        {("EU", "liftsSanctionsOn", "SYR")},
    ),
    (
        "The EU took a first step in February, when it suspended some sanctions "
        "on Syria.",
        {("EU", "liftsSanctionsOn", "SYR")},
    ),
    ("Canada waived sanctions on Cuba.", {("CAN", "liftsSanctionsOn", "CUB")}),
]


@pytest.mark.parametrize(("text", "expected"), DECISIONS_AND_SUSPENSIONS)
def test_decisions_and_suspended_sanctions(nlp, text, expected):
    got = asserted(run(nlp, text))
    assert got == expected


def test_decision_to_use_force_is_planned(nlp):
    doc = run(nlp, "Israel decided to attack Gaza.")
    assert {(a.relation, a.modality) for a in doc._.kg_assertions} == {
        ("attacks", "planned")
    }


def test_what_is_not_permitted_is_negated(nlp):
    doc = run(nlp, "Chile must not be allowed to threaten Peru.")
    assert ("CHL", "threatens", "PER") in triples(doc, negated=True)
    assert not asserted(doc)
    # twin: a permission given leaves the act as it is
    assert ("CHL", "allowsAccessTo", "PER") in asserted(
        run(nlp, "Chile allowed Peru to use its airspace.")
    )


@pytest.mark.parametrize(
    "text",
    [
        "Chile did not allow Peru to attack Bolivia.",
        "Chile would not let Peru attack Bolivia.",
    ],
)
def test_an_act_another_party_is_not_allowed_is_negated(nlp, text):
    doc = run(nlp, text)
    assert ("PER", "attacks", "BOL") in triples(doc, negated=True)
    assert ("PER", "attacks", "BOL") not in asserted(doc)


def test_an_act_another_party_is_allowed_stays_with_the_permission(nlp):
    got = asserted(run(nlp, "Chile allowed Peru to attack Bolivia."))
    assert {("PER", "attacks", "BOL"), ("CHL", "allowsAccessTo", "PER")} <= got


def test_a_refused_permission_is_the_refuser_s_rejection(nlp):
    got = asserted(run(nlp, "Chile refused to allow Peru to attack Bolivia."))
    assert ("CHL", "rejects", "PER") in got
    assert not any(s == "PER" for s, _, _ in got)


def test_ready_for_an_act_is_an_intent(nlp):
    text = '"We are ready for talks with Chile," the Peruvian foreign minister said.'
    got = asserted(run(nlp, text))
    assert ("PER", "intendsToCooperateWith", "CHL") in got
    assert ("PER", "meetsWith", "CHL") not in got
    assert ("PER", "intendsToCooperateWith", "CHL") in asserted(
        run(nlp, "Peru is ready for talks with Chile.")
    )
    # twin: talks held are a meeting
    held = asserted(run(nlp, "Peru held talks with Chile."))
    assert ("PER", "meetsWith", "CHL") in held


def test_what_a_report_does_not_state_is_not_asserted(nlp):
    doc = run(nlp, "Peru did not confirm that it had shelled Chile.")
    assert ("PER", "attacks", "CHL") in triples(doc, negated=True)
    assert not asserted(doc)
    # the twin: a confirmed act is stated (and reported)
    assert ("PER", "attacks", "CHL") in asserted(
        run(nlp, "Peru confirmed that it had shelled Chile.")
    )


def test_deciding_against_an_act_is_a_refusal_of_it(nlp):
    doc = run(nlp, "Peru decided against sending troops to Chile.")
    assert ("PER", "rejects", "CHL") in asserted(doc)
    assert ("PER", "givesMilitaryAidTo", "CHL") not in asserted(doc)
    # the twin: a decision to send them is the act
    assert ("PER", "givesMilitaryAidTo", "CHL") in triples(
        run(nlp, "Peru decided to send troops to Chile.")
    )


def test_stopping_cooperation_reduces_ties(nlp):
    doc = run(nlp, "Peru stopped cooperating with Chile.")
    assert asserted(doc) == {("PER", "reducesRelationsWith", "CHL")}
    assert ("PER", "cooperatesWith", "CHL") in triples(doc, negated=True)
    # twins: a hostile act stopped, and a cooperation failed, are only negated
    for text in (
        "Peru stopped shelling Chile.",
        "Peru failed to cooperate with Chile.",
    ):
        assert not asserted(run(nlp, text)), text


def test_insisting_on_a_statement_is_no_demand(nlp):
    """'insisted it had not shelled Y' reports a denial (the shelling negated, no
    demand of Y); 'insisted that Y must go' demands."""
    doc = run(nlp, "Peru insisted it had not shelled Chilean villages.")
    assert not any(r == "demands" for _, r, _ in asserted(doc))
    assert any(t == "CHL" for _, _, t in triples(doc, negated=True))
    # twin: the clause says what must be done
    got = asserted(run(nlp, "Peru insisted that Chile must withdraw its troops."))
    assert ("PER", "demands", "CHL") in got


def test_a_negative_subject_denies_its_verb(nlp):
    text = "Nobody from the Peruvian government met the Chilean envoy."
    doc = run(nlp, text)
    assert ("PER", "meetsWith", "CHL") in triples(doc, negated=True)
    assert ("PER", "meetsWith", "CHL") not in asserted(doc)
    # twin: somebody did
    text = "Somebody from the Peruvian government met the Chilean envoy."
    assert ("PER", "meetsWith", "CHL") in asserted(run(nlp, text))
