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


def test_neither_nor_subjects_negate_the_act(nlp):
    doc = run(nlp, "Neither Chile nor Peru signed the accord.")
    assert not asserted(doc)
    assert ("CHL", "signsAgreementWith", "PER") in triples(doc, negated=True)
    # twins: "both ... and" and "not only ... but also" assert it
    for twin in (
        "Both Chile and Peru signed the accord.",
        "Not only Chile but also Peru condemned Bolivia.",
    ):
        assert "CHL" in {s for s, _, _ in asserted(run(nlp, twin))}, twin
    doc = run(nlp, "Neither Chile nor Peru condemned Bolivia.")
    assert ("CHL", "condemns", "BOL") in triples(doc, negated=True)


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


def test_striking_a_deal_is_signing_it(nlp):
    assert ("CHL", "signsAgreementWith", "PER") in asserted(
        run(nlp, "Chile struck a deal with Peru on lithium.")
    )
    assert ("CHL", "signsAgreementWith", "PER") in asserted(
        run(nlp, "Chile signed a memorandum with Peru on fisheries.")
    )
    # twin: a strike on a place is an attack, not a deal
    assert ("CHL", "signsAgreementWith", "PER") not in asserted(
        run(nlp, "Chile struck Peru's border posts.")
    )


def test_providing_intelligence_is_sharing_it(nlp):
    got = asserted(run(nlp, "Canada provided intelligence to Estonia."))
    assert ("CAN", "sharesIntelligenceWith", "EST") in got
    assert ("CAN", "aids", "EST") not in got
    # twin: providing money is (economic) aid
    assert ("CAN", "givesEconomicAidTo", "EST") in asserted(
        run(nlp, "Canada provided funds to Estonia.")
    )


def test_a_compound_strike_noun_is_an_attack(nlp):
    got = asserted(run(nlp, "Chile carried out a drone strike on Peru."))
    assert ("CHL", "bombs", "PER") in got
    assert ("CHL", "protestsAgainst", "PER") not in got
    # twin: a general strike against a government is a protest
    assert ("CHL", "bombs", "PER") not in asserted(
        run(nlp, "Chilean unions staged a general strike against Peru.")
    )


def test_launching_drones_at_a_place_is_an_attack(nlp):
    assert ("CHL", "bombs", "PER") in asserted(
        run(nlp, "Chile launched drones at Peru overnight.")
    )
    assert ("CHL", "attacks", "PER") in asserted(
        run(nlp, "Chile launched a counteroffensive against Peru.")
    )


def test_light_verbs_with_their_own_sense_of_a_noun(nlp):
    cases = {
        "Chilean unions staged protests against Peru.": "protestsAgainst",
        "Chile issued a call to Peru to release the prisoners.": "demands",
        "Chile took control of Peru's border town.": "occupies",
        "Chile reached an understanding with Peru.": "agreesWith",
        "Chile brought a case against Peru at the court.": "sues",
    }
    for text, rel in cases.items():
        assert ("CHL", rel, "PER") in asserted(run(nlp, text)), text
    # twins: a protest lodged is a diplomatic complaint, a call held is a phone call
    assert ("CHL", "condemns", "PER") in asserted(
        run(nlp, "Chile lodged a protest with Peru.")
    )
    assert ("CHL", "phones", "PER") in asserted(
        run(nlp, "Chile held a phone call with Peru.")
    )


def test_the_two_countries_are_the_pair_named_before(nlp):
    doc = run(
        nlp,
        "Chile and Peru clashed at sea. The two countries later accused each other "
        "of provocations.",
    )
    got = asserted(doc)
    assert {("CHL", "accuses", "PER"), ("PER", "accuses", "CHL")} <= got
    doc = run(
        nlp, "Chile and Peru held talks. Both sides pledged to sign a trade accord."
    )
    assert ("CHL", "intendsToCooperateWith", "PER") in asserted(doc)
    # twin: with no pair named before, "the two countries" is no one
    doc = run(nlp, "Chile held talks. The two countries accused each other of lies.")
    assert not any(r == "accuses" for _, r, _ in asserted(doc))


def test_the_two_leaders_are_the_two_actors_of_a_meeting_before(nlp):
    """No "A and B" before: the sentence before naming exactly two actors gives the
    pair (a place of one of them, or a demonym before a title, adds no third)."""
    doc = run(
        nlp,
        "Chilean President Ana Rojas met Peru's president in Santiago. "
        "The two leaders signed a fisheries accord.",
    )
    got = asserted(doc)
    both = {("CHL", "signsAgreementWith", "PER"), ("PER", "signsAgreementWith", "CHL")}
    assert both <= got
    # twin: three actors named before, so which two is not settled
    doc = run(
        nlp,
        "Chile's president met Peru's president at a summit hosted by Bolivia. "
        "The two leaders signed a fisheries accord.",
    )
    assert not any(r == "signsAgreementWith" for _, r, _ in asserted(doc))


def test_the_two_neighbours_are_two_states(nlp):
    """ "The two countries / neighbours" name two states: an armed group and a people
    named as "A and B" before are not them; the two states of the sentence before
    are (whatever else it names)."""
    doc = run(
        nlp,
        "Peru hosted Chile's president and offered to help him fight Shining Path "
        "rebels and Kurdish militants. The two neighbours signed a fisheries accord.",
    )
    got = asserted(doc)
    assert ("PER", "signsAgreementWith", "CHL") in got
    assert not any(s in ("KURDS", "SHININGPATH") for s, _, _ in got), got


def test_him_after_he_is_the_other_person(nlp):
    """ "A spoke with B. He urged him ...": "he" is the subject before, "him" the
    other person, whatever their role there."""
    doc = run(
        nlp,
        "President Gabriel Boric spoke with Vladimir Putin on Friday. "
        "He urged him to release the prisoners.",
    )
    assert ("CHL", "urges", "RUS") in asserted(doc)
    # twin: a subject that is not "he"/"she": "him" is the subject named before
    doc = run(
        nlp,
        "President Gabriel Boric spoke with Vladimir Putin on Friday. "
        "Peru later praised him.",
    )
    assert ("PER", "praises", "CHL") in asserted(doc)


@pytest.mark.parametrize("between, found", [(1, True), (2, False)])
def test_the_pair_is_looked_for_two_sentences_back(nlp, between, found):
    """The pair must be named in the same sentence or the two before it."""
    text = " ".join(
        ["Chile and Peru clashed at sea."]
        + ["Heavy rain fell."] * between
        + ["The two countries later accused each other of provocations."]
    )
    got = asserted(run(nlp, text))
    assert (("CHL", "accuses", "PER") in got) is found


def test_descriptions_of_a_state_a_council_and_a_court(nlp):
    cases = [
        ("Qatar hosted the talks. The emirate also condemned Peru.", "QAT"),
        ("Chile's army seized power. The junta then expelled Peru's envoy.", "CHL"),
        (
            "The UN Security Council met on Peru. The council urged Chile to withdraw.",
            "UNSC",
        ),
    ]
    for text, source in cases:
        assert any(s == source for s, _, _ in asserted(run(nlp, text))), text
    assert ("PER", "condemns", "ICC") in asserted(
        run(nlp, "The ICC charged a Peruvian general. Peru denounced the court.")
    )


def test_the_countrys_leader_as_subject_is_the_previous_subject(nlp):
    doc = run(
        nlp,
        "Chile sent police to Peru. The country's president met Peruvian leaders "
        "in Santiago.",
    )
    got = asserted(doc)
    assert ("CHL", "meetsWith", "PER") in got
    assert ("PER", "meetsWith", "PER") not in got


def test_claiming_responsibility_asserts_the_attack(nlp):
    got = asserted(
        run(nlp, "The Houthis claimed responsibility for an attack on Peru.")
    )
    assert {
        ("HOUTHIS", "attacks", "PER"),
        ("HOUTHIS", "claimsResponsibilityFor", "PER"),
    } <= got
    # twin: denying responsibility asserts neither
    assert not asserted(
        run(nlp, "The Houthis denied responsibility for the attack on Peru.")
    )


def test_vowing_to_destroy_is_a_threat(nlp):
    got = asserted(run(nlp, "Chile vowed to destroy the Peruvian navy."))
    assert ("CHL", "threatensForceAgainst", "PER") in got
    assert ("CHL", "promisesTo", "PER") not in got
    assert ("CHL", "attacks", "PER") in asserted(
        run(nlp, "Chile destroyed Peruvian radar sites.")
    )


def test_an_act_received_from_an_actor_is_that_actors(nlp):
    cases = {
        "Peru received fighter jets from Chile.": ("CHL", "givesMilitaryAidTo", "PER"),
        "Peru got a warning from Chile.": ("CHL", "threatens", "PER"),
        "Peru received a phone call from Chile.": ("CHL", "phones", "PER"),
    }
    for text, triple in cases.items():
        assert triple in asserted(run(nlp, text)), text
    # twin: receiving an envoy is hosting him, the receiver acts
    assert ("PER", "hosts", "CHL") in asserted(
        run(nlp, "Peru received the Chilean envoy.")
    )


def test_warning_an_addressee_against_an_act_warns_the_addressee(nlp):
    for text in (
        "Chile warned Peru against attacking Bolivia.",
        "Peru was warned by Chile against attacking Bolivia.",
    ):
        got = asserted(run(nlp, text))
        assert ("CHL", "threatens", "PER") in got, text
        assert not any(t == "BOL" for _, _, t in got), text
    # twin: with no addressee the warning is a threat against the act's target
    assert ("CHL", "threatensForceAgainst", "BOL") in asserted(
        run(nlp, "Chile threatened to attack Bolivia.")
    )


def test_what_a_passive_addressee_is_asked_to_do_is_content(nlp):
    for text in (
        "Peru was asked by Chile to expel Bolivian diplomats.",
        "Qatar was asked by Chile to expel Bolivian diplomats.",
    ):
        got = asserted(run(nlp, text))
        assert any(s == "CHL" and r in ("appealsTo", "demands") for s, r, _ in got)
        assert not any(t == "BOL" for _, _, t in got), text
    # twin: what the asker itself did is asserted
    assert ("CHL", "expels", "BOL") in asserted(
        run(nlp, "Chile expelled Bolivian diplomats.")
    )


def test_a_city_naming_an_accord_is_its_venue_not_a_party(nlp):
    assert not asserted(run(nlp, "Chile withdrew from the Lima climate accord."))
    # twin: a city as the object itself stands for its state
    assert ("CHL", "attacks", "PER") in asserted(run(nlp, "Chile attacked Lima."))


def test_downing_and_seizing_control(nlp):
    assert ("CHL", "attacks", "PER") in asserted(
        run(nlp, "Chile downed a Peruvian fighter jet.")
    )
    assert ("CHL", "occupies", "PER") in asserted(
        run(nlp, "Chile seized control of the border town from Peru.")
    )
    # twin: seizing a ship is coercion, not occupation
    assert ("CHL", "coerces", "PER") in asserted(
        run(nlp, "Chile seized a Peruvian tanker.")
    )


def test_said_in_a_warning_to_names_the_target(nlp):
    assert ("PER", "threatens", "CHL") in asserted(
        run(
            nlp,
            '"Any attack on us will be answered," the Peruvian foreign minister '
            "said in a warning to Chile.",
        )
    )
    # twins: "said in a statement" or "in an interview" names no one
    assert not asserted(
        run(nlp, "The Peruvian foreign minister said in an interview that it was over.")
    )
    assert not asserted(
        run(nlp, "The Peruvian foreign minister said in a statement to reporters.")
    )


def test_filing_a_case_against_is_suing(nlp):
    assert ("CHL", "sues", "PER") in asserted(
        run(
            nlp,
            "Chile filed a case against Peru at the International Court of Justice.",
        )
    )
    assert ("CHL", "condemns", "PER") in asserted(
        run(nlp, "Chile filed a complaint against Peru with the UN.")
    )


def test_co_agents_act_too(nlp):
    for text in (
        "Chile, along with Peru, struck rebel camps in Bolivia.",
        "Chile, alongside Peru, struck rebel camps in Bolivia.",
        "Chile, together with Peru, condemned Bolivia.",
        "Chile as well as Peru condemned Bolivia.",
    ):
        sources = {s for s, _, t in asserted(run(nlp, text)) if t == "BOL"}
        assert {"CHL", "PER"} <= sources, text
    # twins: the subject of a demanded clause is the addressee, not a co-agent;
    # "met with Y" makes Y the target
    got = asserted(run(nlp, "Chile demanded that the OAS condemn the Peruvian raids."))
    assert ("CHL", "demands", "OAS") in got
    assert not any(s == "OAS" for s, _, _ in got)
    got = asserted(run(nlp, "Chile met with Peru in Bolivia."))
    assert ("CHL", "meetsWith", "PER") in got
    assert ("PER", "meetsWith", "BOL") not in got


def test_the_broker_of_a_deal_is_no_party_to_it(nlp):
    got = asserted(
        run(nlp, "Chile and Peru agreed to restore ties under a Brazil-brokered deal.")
    )
    assert {("CHL", "agreesWith", "PER"), ("PER", "agreesWith", "CHL")} <= got
    assert not any(t == "BRA" for _, _, t in got)


def test_refusing_to_let_is_a_rejection(nlp):
    doc = run(nlp, "Chile refused to let Peruvian trucks cross the border.")
    assert ("CHL", "rejects", "PER") in asserted(doc)
    assert ("CHL", "allowsAccessTo", "PER") in triples(doc, negated=True)
    # twins: letting them is allowing access; letting someone down is no event
    assert ("CHL", "allowsAccessTo", "PER") in asserted(
        run(nlp, "Chile let Peruvian trucks cross the border.")
    )
    assert not asserted(run(nlp, "Chile let Peru down."))


def test_an_option_not_ruled_out_is_kept_open(nlp):
    assert ("CHL", "threatensForceAgainst", "PER") in asserted(
        run(nlp, "Chile won't rule out using force against Peru.")
    )
    assert ("CHL", "intendsToCooperateWith", "PER") in asserted(
        run(nlp, "Chile did not rule out talks with Peru.")
    )
    # twin: ruling it out is a rejection
    got = asserted(run(nlp, "Chile ruled out talks with Peru."))
    assert ("CHL", "rejects", "PER") in got
    assert ("CHL", "intendsToCooperateWith", "PER") not in got


@pytest.mark.parametrize(
    "text",
    [
        "Chile did not rule out the use of force against Peru.",
        "Chile has never ruled out military action against Peru.",
        "Chile refused to rule out an armed intervention in Peru.",
    ],
)
def test_force_kept_open_is_a_threat_of_force(nlp, text):
    assert ("CHL", "threatensForceAgainst", "PER") in asserted(run(nlp, text))


def test_force_ruled_out_is_no_threat(nlp):
    got = asserted(run(nlp, "Chile ruled out military action against Peru."))
    assert ("CHL", "rejects", "PER") in got
    assert ("CHL", "threatensForceAgainst", "PER") not in got
    # a refusal to do an act is still a rejection, not an act kept open
    got = asserted(run(nlp, "Chile refused to accept Peru's offer."))
    assert ("CHL", "rejects", "PER") in got


def test_what_is_discussed_is_the_topic_not_a_party(nlp):
    got = asserted(run(nlp, "Chile and Peru discussed Bolivia by phone."))
    assert ("CHL", "phones", "PER") in got
    assert not any(t == "BOL" for _, _, t in got)
    assert ("CHL", "meetsWith", "PER") in asserted(
        run(nlp, "Chile discussed the border with Peru.")
    )
    # twin: the party is the "with" object, not the topic's owner
    got = asserted(run(nlp, "Chile discussed Bolivia's debt with Peru."))
    assert ("CHL", "meetsWith", "PER") in got
    assert ("CHL", "meetsWith", "BOL") not in got


def test_a_modal_on_an_aspect_verb_governs_the_act(nlp):
    for text in (
        "Chile will keep attacking Peru.",
        "Chile will continue to attack Peru.",
    ):
        doc = run(nlp, text)
        assert ("CHL", "attacks", "PER") not in asserted(doc), text
        assert any(
            a.relation == "threatensForceAgainst" and a.modality == "intended"
            for a in doc._.kg_assertions
        ), text
    # twin: without the modal the act is asserted
    assert ("CHL", "attacks", "PER") in asserted(
        run(nlp, "Chile continued to attack Peru.")
    )


def test_blocking_a_vessel_is_coercion_blocking_a_road_a_protest(nlp):
    doc = run(nlp, "Peru's navy blocked a Chilean fishing boat near the border.")
    assert ("PER", "coerces", "CHL") in asserted(doc)
    # twin: civilians blocking roads protest
    doc = run(nlp, "Peruvian farmers blocked the roads to Chile for a week.")
    assert ("PER", "protestsAgainst", "CHL") in asserted(doc)


def test_announcing_the_suspension_of_a_tie_reduces_it(nlp):
    """A noun of ending takes what ends with "of" after a verb with no entry of its
    own: ending a treaty reduces relations, not signing it."""
    doc = run(nlp, "Chile announced the suspension of its fisheries treaty with Peru.")
    assert ("CHL", "reducesRelationsWith", "PER") in asserted(doc)
    assert ("CHL", "signsAgreementWith", "PER") not in asserted(doc)
    # twin: a verb of its own ("welcomed") keeps its sense: the praise
    doc = run(nlp, "Chile welcomed the suspension of Peru's tariffs.")
    assert ("CHL", "reducesRelationsWith", "PER") not in asserted(doc)
    assert ("CHL", "praises", "PER") in asserted(doc)


def test_an_act_responded_to_is_another_partys(nlp):
    # "in response to X": X is no argument of the response, nor the speaker's act
    got = asserted(
        run(nlp, "Peru attacked the convoy in response to Chilean strikes on Bolivia.")
    )
    assert ("CHL", "bombs", "BOL") in got
    assert ("PER", "attacks", "CHL") not in got
    text = (
        "The Shining Path attacked a Chilean convoy. It said the attack was in "
        "response to strikes on Bolivia."
    )
    got = asserted(run(nlp, text))
    assert ("SHININGPATH", "attacks", "CHL") in got
    assert not any(t == "BOL" for _, _, t in got)
    # twin: the response's own target is still its target
    assert ("PER", "attacks", "CHL") in asserted(
        run(nlp, "Peru attacked Chile in response to the raid.")
    )
