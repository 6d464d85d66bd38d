"""Constructions generalised for unseen news (issue 9, round 2): invented sentences."""

from __future__ import annotations

import pytest

from tests.nlp.relation_cases import asserted, run, triples


def test_has_yet_to_withholds_the_act(nlp):
    doc = run(nlp, "Chile has yet to condemn Bolivia for the raid.")
    assert ("CHL", "condemns", "BOL") not in asserted(doc)
    assert ("CHL", "condemns", "BOL") in triples(doc, negated=True)
    # twin: "has already" asserts it
    assert ("CHL", "condemns", "BOL") in asserted(
        run(nlp, "Chile has already condemned Bolivia for the raid.")
    )


def test_is_yet_to_withholds_the_act(nlp):
    doc = run(nlp, "Kenya is yet to send troops to Haiti.")
    assert not asserted(doc)
    assert asserted(run(nlp, "Kenya is about to send troops to Haiti."))


def test_speaking_with_is_a_consultation(nlp):
    assert ("PER", "meetsWith", "ECU") in asserted(
        run(nlp, "The Peruvian president spoke with his Ecuadorian counterpart.")
    )
    # twin: speaking to reporters, or about a country, is no event
    assert not asserted(run(nlp, "The Peruvian president spoke to reporters in Lima."))
    assert not asserted(run(nlp, "The Peruvian president spoke about Ecuador."))


def test_speaking_out_against_is_a_condemnation(nlp):
    assert ("PER", "condemns", "ECU") in asserted(
        run(nlp, "The Peruvian foreign minister spoke out against Ecuador's decision.")
    )


def test_a_hyphenated_description_refers_back(nlp):
    doc = run(
        nlp,
        "African Union leaders met in Addis Ababa. "
        "The 55-member bloc suspended Gabon after the coup.",
    )
    assert any(s == "AU" and t == "GAB" for s, _, t in asserted(doc)), asserted(doc)


def test_a_sponsor_modifier_does_not_stop_a_description(nlp):
    doc = run(
        nlp,
        "Hezbollah leaders met in Beirut on Monday. "
        "The Iran-backed group later attacked an Israeli army post.",
    )
    assert any(s == "HEZBOLLAH" and t == "ISR" for s, _, t in asserted(doc))
    # the sponsor is not the actor
    assert not any(s == "IRN" for s, _, _ in asserted(doc))


def test_ending_a_tie_reduces_relations(nlp):
    for text in (
        "Ecuador froze its relations with Mexico.",
        "Ecuador ended contacts with Mexico.",
    ):
        assert ("ECU", "reducesRelationsWith", "MEX") in asserted(run(nlp, text)), text
    # breaking ties is the narrower state relation (a sub-relation of reducing them)
    assert ("ECU", "seversRelationsWith", "MEX") in asserted(
        run(nlp, "Ecuador broke ties with Mexico.")
    )
    # twin: strengthening a tie reduces nothing, and breaking a siege is no tie
    assert ("ECU", "reducesRelationsWith", "MEX") not in asserted(
        run(nlp, "Ecuador strengthened its ties with Mexico.")
    )
    assert not asserted(run(nlp, "Ecuador broke the siege of Quito."))


def test_imposing_tariffs_is_a_sanction(nlp):
    assert ("CAN", "sanctions", "MEX") in asserted(
        run(nlp, "Canada imposed tariffs on Mexican steel.")
    )
    # twin: lifting them is no sanction
    assert ("CAN", "sanctions", "MEX") not in asserted(
        run(nlp, "Canada lifted its tariffs on Mexican steel.")
    )


def test_welcoming_a_leader_is_hosting(nlp):
    assert ("PER", "hosts", "ECU") in asserted(
        run(nlp, "Peru welcomed the Ecuadorian president in Lima.")
    )
    assert ("PER", "hosts", "ECU") in asserted(
        run(nlp, "Ecuador's president was welcomed by the Peruvian foreign minister.")
    )
    # twin: welcoming a decision praises it
    assert ("PER", "praises", "ECU") in asserted(
        run(nlp, "Peru welcomed Ecuador's decision to reopen the border.")
    )


def test_a_sanction_as_instrument_is_the_act(nlp):
    for text in (
        "Canada hit Venezuela with new sanctions.",
        "Venezuela was hit by new Canadian sanctions.",
    ):
        assert ("CAN", "sanctions", "VEN") in asserted(run(nlp, text)), text
    # twin: hitting with missiles is still an attack
    assert ("CAN", "attacks", "VEN") in asserted(
        run(nlp, "Canada hit Venezuela with missiles.")
    )


def test_no_intention_of_an_act_negates_it(nlp):
    for text in (
        "Chile said it had no intention of attacking Bolivia.",
        "Chile said it had no intention to attack Bolivia.",
    ):
        doc = run(nlp, text)
        assert ("CHL", "attacks", "BOL") not in asserted(doc), text
        assert ("CHL", "attacks", "BOL") in triples(doc, negated=True), text
    # twin: "every intention" withholds nothing
    assert ("CHL", "attacks", "BOL") in asserted(
        run(nlp, "Chile said it had every intention of attacking Bolivia.")
    )


def test_my_in_a_quotation_is_the_speaker(nlp):
    doc = run(
        nlp,
        '"My government will send more weapons to Peru," the Chilean president said.',
    )
    assert ("CHL", "offersAidTo", "PER") in asserted(doc)
    # twin: the same words unattributed name no actor
    assert not asserted(run(nlp, "My government will send more weapons to Peru."))


def test_his_country_is_the_leaders_state(nlp):
    doc = run(
        nlp,
        "The Chilean president gave a speech on Monday. "
        "He said his country would continue to arm Peru.",
    )
    assert any(s == "CHL" and t == "PER" for s, _, t in asserted(doc)), asserted(doc)
    # twin: "his" before a word that is no actor head names nobody
    assert not asserted(
        run(
            nlp,
            "The Chilean president gave a speech on Monday. "
            "He said his plan would help Peru.",
        )
    )


def test_military_goods_sent_near_a_party_are_a_show_of_force(nlp):
    assert ("CHL", "mobilisesAgainst", "PER") in asserted(
        run(nlp, "Chile sent warships near Peru.")
    )
    # twin: sent to a party they are military aid
    assert ("CHL", "givesMilitaryAidTo", "PER") in asserted(
        run(nlp, "Chile sent warships to Peru.")
    )


def test_brokering_a_ceasefire_is_mediation(nlp):
    got = asserted(run(nlp, "Brazil brokered a ceasefire between Chile and Peru."))
    assert {("BRA", "mediates", "CHL"), ("BRA", "mediates", "PER")} <= got
    got = asserted(run(nlp, "Brazil brokered a prisoner swap between Chile and Peru."))
    assert {("BRA", "mediates", "CHL"), ("BRA", "mediates", "PER")} <= got
    # twin: signing one is an agreement, not a mediation
    assert ("CHL", "mediates", "PER") not in asserted(
        run(nlp, "Chile signed a ceasefire with Peru.")
    )


def test_a_participle_of_an_actor_is_that_actor_s_act(nlp):
    """ "sanctions on firms supplying Y": the firms supply, not the sanctioner."""
    got = asserted(run(nlp, "Chile sanctioned Peruvian firms supplying Bolivia."))
    assert ("PER", "aids", "BOL") in got and ("CHL", "aids", "BOL") not in got
    # twin: a participle of an event noun is the act of the clause's subject
    got = asserted(run(nlp, "Chile launched a raid killing Bolivian soldiers."))
    assert ("CHL", "attacks", "BOL") in got


@pytest.mark.parametrize("control", ["is expected", "is scheduled", "is due"])
def test_a_passive_control_verb_s_subject_acts_in_its_complement(nlp, control):
    """ "X is expected/scheduled/due to meet Y": X meets Y, an announced intent."""
    doc = run(nlp, f"Chile {control} to meet Peru in Lima.")
    got = {(a.source.actor, a.target.actor, a.modality) for a in doc._.kg_assertions}
    assert ("CHL", "PER", "intended") in got
    # twin: the act itself, stated, is asserted
    assert ("CHL", "meetsWith", "PER") in asserted(run(nlp, "Chile met Peru in Lima."))


TOPICS = [  # the topic of talks or of information is no party
    ("Peru and Chile held talks on Bolivia.", {("PER", "CHL"), ("CHL", "PER")}),
    ("Peru and Chile agreed to share intelligence on Bolivia.", {("PER", "CHL")}),
    ("Peru held talks with Chile on Bolivia.", {("PER", "CHL")}),
    ("Peru and Chile exchanged information about Bolivian rebels.", {("PER", "CHL")}),
    # the subject of a resolution or statement is its topic, not who it opposes
    ("Peru vetoed a UN resolution on Bolivia.", {("PER", "UN")}),
]


@pytest.mark.parametrize(("text", "pairs"), TOPICS)
def test_the_topic_of_talks_is_no_party(nlp, text, pairs):
    got = {(s, t) for s, _, t in asserted(run(nlp, text))}
    assert pairs <= got
    assert not any("BOL" in pair for pair in got)


def test_the_on_phrase_of_a_hostile_noun_is_its_target(nlp):
    # the twins: sanctions, pressure and attacks "on" a party are aimed at it
    for text in (
        "Peru imposed sanctions on Bolivia.",
        "Peru launched an attack on Bolivia.",
    ):
        assert any(t == "BOL" for _, _, t in asserted(run(nlp, text))), text
