"""Constructions of modern wire news generalised for unseen text (issue 9, round 3):
negation, coreference, passives and light verbs, on invented sentences."""

from __future__ import annotations

import pytest

from tests.nlp.relation_cases import asserted, run, triples


def test_no_longer_ends_a_cooperative_act(nlp):
    doc = run(nlp, "Latvia no longer supplies weapons to Georgia.")
    assert ("LVA", "cutsAidTo", "GEO") in asserted(doc)
    assert ("LVA", "givesMilitaryAidTo", "GEO") not in asserted(doc)
    assert ("LVA", "withdrawsRecognitionOf", "GEO") in asserted(
        run(nlp, "Latvia no longer recognises Georgia's claim.")
    )
    # twin: without "no", the act is asserted as it is
    assert ("LVA", "givesMilitaryAidTo", "GEO") in asserted(
        run(nlp, "Latvia still supplies weapons to Georgia.")
    )


def test_no_longer_a_hostile_act_negates_it(nlp):
    doc = run(nlp, "Latvia no longer attacks Georgia.")
    assert not asserted(doc)
    assert ("LVA", "attacks", "GEO") in triples(doc, negated=True)
    # twin: "not only ... but also" negates nothing
    got = asserted(
        run(nlp, "Latvia not only attacked Georgia but also threatened Chile.")
    )
    assert {("LVA", "attacks", "GEO"), ("LVA", "threatens", "CHL")} <= got


@pytest.mark.xfail(
    reason="'neither A nor B' subjects are not read as a negation: PETRARCH's "
    "conformance suite codes 'neither A nor B boycotted Y' as an asserted act of each "
    "(its negated-verb convention), which a negation rule lowers (petrarch_unit A)",
    strict=True,
)
def test_neither_nor_subjects_negate_the_act(nlp):
    doc = run(nlp, "Neither Chile nor Peru signed the accord.")
    assert not asserted(doc)
    assert ("CHL", "signsAgreementWith", "PER") in triples(doc, negated=True)
    # twin: "both ... and" asserts it
    assert ("CHL", "signsAgreementWith", "PER") in asserted(
        run(nlp, "Both Chile and Peru signed the accord.")
    )


def test_holding_off_and_shying_away_withhold_the_act(nlp):
    for text in (
        "Chile held off on condemning Peru.",
        "Chile shied away from condemning Peru.",
        "Chile was unable to condemn Peru.",
        "Chile held off from condemning Peru.",
    ):
        doc = run(nlp, text)
        assert not asserted(doc), text
        assert ("CHL", "condemns", "PER") in triples(doc, negated=True), text
    # twin: "went ahead with" asserts it
    assert ("CHL", "condemns", "PER") in asserted(
        run(nlp, "Chile went ahead with condemning Peru.")
    )
