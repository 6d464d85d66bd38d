"""Asserted vs embedded: the content of another act is no event (issue 9, section 2).

The content of an accusation, demand, appeal, offer, praise-for or criticism-for, of
a purpose clause or a condition is not an event; the main act is. Denials and
abstentions negate the act they govern; negation reaches event nouns. Each negative
check has a positive twin: the same act stated on its own is asserted.
"""

from __future__ import annotations

import pytest

from tests.nlp.relation_cases import asserted, run, triples

#: (sentence, the main act that must be asserted, acts that must not be).
CONTENT = [
    (  # praise-for: the reason is content
        "Kenya praised Egypt for lifting sanctions on Libya.",
        ("KEN", "praises", "EGY"),
        {("EGY", "liftsSanctionsOn", "LBY"), ("KEN", "liftsSanctionsOn", "LBY")},
    ),
    (  # accusation: the charge is content
        "Turkey accused Greece of attacking Cyprus.",
        ("TUR", "accuses", "GRC"),
        {("GRC", "attacks", "CYP"), ("TUR", "attacks", "CYP")},
    ),
    (  # the charge hung by the parser on the accused ("forces of attacking")
        "Human Rights Watch accused Bolivian forces of attacking a school in Arica.",
        ("HRW", "accuses", "BOL"),
        {("HRW", "attacks", "CHL"), ("BOL", "attacks", "CHL")},
    ),
    (  # a demand with a that-clause: the demand verb's subject demands of the
        # clause's subject, and what was demanded (a refusal) is not asserted
        "France demanded that Italy refuse to recognise Kosovo.",
        ("FRA", "demands", "ITA"),
        {("ITA", "rejects", "XKX"), ("ITA", "demands", "XKX")},
    ),
    (  # a purpose clause inside a demand
        "The United States urged Jordan to help prevent a resurgence of ISIS.",
        ("US", "urges", "JOR"),
        {
            ("JOR", "aids", "ISIS"),
            ("US", "coerces", "ISIS"),
            ("JOR", "coerces", "ISIS"),
        },
    ),
    (  # coordinated complements share the demand
        "Germany urged Serbia to recognise Kosovo and withdraw its troops from Bosnia.",
        ("DEU", "urges", "SRB"),
        {("SRB", "withdrawsFrom", "BIH"), ("DEU", "withdrawsFrom", "BIH")},
    ),
    (  # a demand not to act is an asserted demand, not a negated one
        "The United States urged Israel not to attack Lebanon.",
        ("US", "urges", "ISR"),
        {("ISR", "attacks", "LBN"), ("US", "attacks", "LBN")},
    ),
    (  # a participle of a document: the document, not the subject, calls for it
        "Russia vetoed a UN resolution calling for a ceasefire in Yemen.",
        ("RUS", "vetoes", "UN"),
        {("RUS", "demands", "YEM"), ("RUS", "calls", "YEM")},
    ),
    (  # the noun "order" is a document, not a demand of the target
        "The president of Peru signed an executive order ending sanctions on Chile.",
        ("PER", "liftsSanctionsOn", "CHL"),
        {("PER", "demands", "CHL")},
    ),
    (
        "Chile rejected a statement condemning Peru.",
        ("CHL", "rejects", "PER"),
        {("CHL", "condemns", "PER")},
    ),
    (  # the document inside a refusal: signing it is withheld, and what it says
        "Austria refused to sign a declaration condemning Serbia.",
        ("AUT", "rejects", "SRB"),
        {("AUT", "condemns", "SRB")},
    ),
    (  # a rejected demand: its maker (the possessor) is the target, and what was
        # demanded is content
        "Peru rejected Chile's demand that it withdraw its troops from Bolivia.",
        ("PER", "rejects", "CHL"),
        {("PER", "withdrawsFrom", "BOL"), ("CHL", "withdrawsFrom", "BOL")},
    ),
    (  # the infinitive of a call is content, whoever the parser hangs it on
        "Greece rejected calls from Turkey to withdraw its navy from Cyprus.",
        ("GRC", "rejects", "TUR"),
        {("GRC", "withdrawsFrom", "CYP"), ("TUR", "withdrawsFrom", "CYP")},
    ),
    (
        "Greece rejected Turkey's call to withdraw its navy from Cyprus.",
        ("GRC", "rejects", "TUR"),
        {("GRC", "withdrawsFrom", "CYP"), ("TUR", "withdrawsFrom", "CYP")},
    ),
    (  # a phrasal refusal of a request: the requester is the target
        "Chile turned down a Peruvian request to send troops to Bolivia.",
        ("CHL", "rejects", "PER"),
        {("CHL", "givesMilitaryAidTo", "BOL"), ("PER", "givesMilitaryAidTo", "BOL")},
    ),
]


@pytest.mark.parametrize(("text", "main", "content"), CONTENT)
def test_the_content_of_an_act_is_no_event(nlp, text, main, content):
    got = asserted(run(nlp, text))
    assert main in got
    assert not content & got


ON_THEIR_OWN = [
    ("Egypt lifted sanctions on Libya.", ("EGY", "liftsSanctionsOn", "LBY")),
    ("Greece attacked Cyprus.", ("GRC", "attacks", "CYP")),
    ("Serbia withdrew its troops from Bosnia.", ("SRB", "withdrawsFrom", "BIH")),
    ("Israel attacks Lebanon.", ("ISR", "attacks", "LBN")),
    ("Russia called for a ceasefire in Yemen.", ("RUS", "demands", "YEM")),
    # a document its issuer signs does what it says; the noun "order" is no
    # ordering (the verb is: "ordered Y to withdraw" is a demand of Y)
    (
        "The president of Peru signed an executive order ending sanctions on Chile.",
        ("PER", "liftsSanctionsOn", "CHL"),
    ),
    ("France issued a decree expelling Malian diplomats.", ("FRA", "expels", "MLI")),
    ("Austria signed a declaration condemning Serbia.", ("AUT", "condemns", "SRB")),
    ("Peru withdrew its troops from Bolivia.", ("PER", "withdrawsFrom", "BOL")),
    ("Greece withdrew its navy from Cyprus.", ("GRC", "withdrawsFrom", "CYP")),
    ("Chile sent troops to Bolivia.", ("CHL", "givesMilitaryAidTo", "BOL")),
    ("Japan imposed sanctions on Peru.", ("JPN", "sanctions", "PER")),
    ("Egypt ordered Israel to withdraw from Gaza.", ("EGY", "demands", "ISR")),
    # reported speech is coded: the speaker is not a participant
    (
        "The court was told that Israeli soldiers attacked Palestinian villagers.",
        ("ISR", "attacks", "PSE"),
    ),
    # a finite temporal clause is asserted, and so is the main clause
    (
        "After Germany closed its embassy in Tehran, Iran expelled German diplomats.",
        ("IRN", "expels", "DEU"),
    ),
]


@pytest.mark.parametrize(("text", "triple"), ON_THEIR_OWN)
def test_the_same_act_on_its_own_is_asserted(nlp, text, triple):
    assert triple in asserted(run(nlp, text))


def test_a_condition_is_no_event(nlp):
    doc = run(nlp, "Iran will sanction Israel if Israel attacks Lebanon.")
    got = asserted(doc)
    assert ("ISR", "attacks", "LBN") not in got
    assert any(s == "IRN" and t == "ISR" for s, _, t in got)


def test_the_plan_a_demand_would_cancel_is_content(nlp):
    """A plan named in what is demanded is content; announced, it is an intent."""
    demand = "Chile demanded that Peru cancel plans to sell tanks to Bolivia."
    got = asserted(run(nlp, demand))
    assert ("CHL", "demands", "PER") in got
    assert not any(t == "BOL" for _, _, t in got)
    plan = "Peru announced plans to sell tanks to Bolivia."
    assert ("PER", "offersAidTo", "BOL") in asserted(run(nlp, plan))


def test_the_plan_a_verbal_act_is_about_is_content(nlp):
    """The plan praised or condemned is content; the same plan stated is an intent."""
    got = asserted(run(nlp, "Chile condemned Peru's plan to send troops to Bolivia."))
    assert ("CHL", "condemns", "PER") in got
    assert not any(t == "BOL" for _, _, t in got)
    stated = asserted(run(nlp, "Peru plans to send troops to Bolivia."))
    assert any(s == "PER" and t == "BOL" for s, _, t in stated)


#: Denials and abstentions: (sentence, the act kept as negated).
DENIED = [
    # drones are military goods: the denied supply is military aid
    ("Iran denied supplying drones to Russia.", ("IRN", "givesMilitaryAidTo", "RUS")),
    ("Pakistan denied that its jets struck Afghanistan.", ("PAK", "bombs", "AFG")),
    ("China refrained from criticising Russia.", ("CHN", "condemns", "RUS")),
    # "stopped short of" withholds the act as "refrained from" does (its twin, the
    # act asserted, is in ON_THEIR_OWN)
    ("Japan stopped short of imposing sanctions on Peru.", ("JPN", "sanctions", "PER")),
]


@pytest.mark.parametrize(("text", "act"), DENIED)
def test_a_denial_negates_the_act_and_is_no_rejection(nlp, text, act):
    doc = run(nlp, text)
    assert act in triples(doc, negated=True)
    assert not asserted(doc)  # neither the act nor "rejects"


def test_a_refusal_stays_a_rejection(nlp):
    doc = run(nlp, "Italy refused to recognise Kosovo.")
    assert ("ITA", "rejects", "XKX") in asserted(doc)
    assert ("ITA", "recognises", "XKX") in triples(doc, negated=True)


def test_denying_a_claim_is_a_rejection(nlp):
    assert ("RUS", "rejects", "UKR") in asserted(
        run(nlp, "Russia denied the allegations by Ukraine.")
    )


def test_negation_reaches_an_event_noun(nlp):
    doc = run(nlp, "Egypt said it had no part in Israel's raid on Lebanon.")
    assert ("ISR", "attacks", "LBN") not in asserted(doc)
    assert ("ISR", "attacks", "LBN") in triples(doc, negated=True)
    twin = run(nlp, "Israel's raid on Lebanon killed ten people.")
    assert ("ISR", "attacks", "LBN") in asserted(twin)


# ------------------------------------------------------- an actor and itself
SELF = [
    # the bare country and its government: "Sudanese" ministers meet "Khartoum"
    "Sudanese and Egyptian ministers met in Rome after strikes on Khartoum.",
    # an envoy of the state and the state named as the author of an act
    "Libya's ambassador to the UN called Libya's strikes limited.",
]


@pytest.mark.parametrize("text", SELF)
def test_a_state_never_relates_to_itself(nlp, text):
    doc = run(nlp, text)
    assert not any(a.source.actor == a.target.actor for a in doc._.kg_assertions)


SAME_COUNTRY = [
    # police and protesters of one country are two actors
    # (arresting protesters is repression, CAMEO 175, in the CAMEO verb dictionary)
    ("Egyptian police arrested Egyptian protesters.", ("EGY", "coerces", "EGY")),
    # a group located by its country is not the state
    ("Students in Kenya protested against the Kenyan government.",
     ("KEN", "protestsAgainst", "KEN")),
]  # fmt: skip


@pytest.mark.parametrize(("text", "triple"), SAME_COUNTRY)
def test_other_actors_of_one_country_relate(nlp, text, triple):
    assert triple in asserted(run(nlp, text))


CHARGED = [  # the actor named in the charge against a person is no party
    "Peru executed a man convicted of spying for Chile.",
    "Bolivia jailed a journalist accused of working for Chile.",
]


@pytest.mark.parametrize("text", CHARGED)
def test_the_actor_of_a_charge_is_no_target(nlp, text):
    assert not {t for _, _, t in asserted(run(nlp, text))} & {"CHL"}


def test_the_person_charged_is_the_target_when_an_actor(nlp):
    got = asserted(run(nlp, "Peru jailed a Chilean spy accused of sabotage."))
    assert {t for _, _, t in got} == {"CHL"}


IMAGINED = [  # (an imagined event noun, the same noun naming a real event)
    (
        "Analysts said a treaty between Peru and Chile was unlikely this year.",
        "The treaty between Peru and Chile was signed in Lima.",
    ),
    (
        "Experts warned that a war between Peru and Chile would ruin trade.",
        "The war between Peru and Chile ruined trade.",
    ),
    (
        "Talks between Peru and Chile could resume next week.",
        "The talks between Peru and Chile resumed last week.",
    ),
    # the "of" phrase of a noun of possibility or fear
    (
        "Fears of a war between Peru and Chile are growing.",
        "The war between Peru and Chile ended in 1883.",
    ),
    (
        "The prospect of talks between Peru and Chile faded.",
        "The talks between Peru and Chile took place in Quito.",
    ),
]


@pytest.mark.parametrize(("imagined", "real"), IMAGINED)
def test_an_imagined_event_noun_is_no_event(nlp, imagined, real):
    """An indefinite event noun under a modal or a predicate of likelihood is
    imagined; the definite noun of a real event is asserted."""
    assert asserted(run(nlp, imagined)) == set()
    assert asserted(run(nlp, real))
