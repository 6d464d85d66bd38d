"""kg.nlp.relations.arguments and search: sources, targets, passives, conjuncts."""

from __future__ import annotations

import pytest

from tests.nlp.relation_cases import asserted, check, run

PASSIVE = [
    ("Iran was accused by Israel of smuggling weapons.", {("ISR", "accuses", "IRN")}),
    ("Syrian rebels were bombed by Russian jets.", {("RUS", "bombs", "SYR")}),
    ("Ukraine was invaded by Russia in 2022.", {("RUS", "occupies", "UKR")}),
    # the parser hangs the agent on the passive's complement: still the agent
    (
        "Hezbollah was designated a terrorist group by Canada.",
        {("CAN", "designates", "HEZBOLLAH")},
    ),
    ("Cuban diplomats were ordered to leave by Ecuador.", {("ECU", "demands", "CUB")}),
    # ... or on the object of its preposition ("with drones by Y")
    (
        "Chile's army was supplied with drones by Peru, the report said.",
        {("PER", "givesMilitaryAidTo", "CHL")},
    ),
    # the subject undergoes the event noun of "came under": the "from" party, or
    # the noun's own modifier, is the source
    ("Lima came under attack from Chilean jets.", {("CHL", "attacks", "PER")}),
    ("Lima came under Chilean fire.", {("CHL", "attacks", "PER")}),
]


def test_a_passive_compound_agent_is_mutual_only_in_a_joint_act(nlp):
    got = asserted(run(nlp, "The plan was welcomed by Peru and Chile."))
    assert ("PER", "praises", "CHL") not in got and ("CHL", "praises", "PER") not in got
    # twin: a joint act of the same compound agent, and of the compound subject
    got = asserted(run(nlp, "An accord was signed by Peru and Chile."))
    assert {
        ("PER", "signsAgreementWith", "CHL"),
        ("CHL", "signsAgreementWith", "PER"),
    } <= got
    got = asserted(run(nlp, "Peru and Chile signed an accord."))
    assert ("PER", "signsAgreementWith", "CHL") in got


def test_a_joint_act_between_two_parties_goes_both_ways(nlp):
    got = asserted(run(nlp, "Talks were held between Peru and Chile in Lima."))
    assert {("PER", "meetsWith", "CHL"), ("CHL", "meetsWith", "PER")} <= got
    # not for an act that is not joint: a one-sided act names no pair by "between"
    got = asserted(run(nlp, "Sanctions were imposed between Peru and Chile."))
    assert ("PER", "sanctions", "CHL") not in got


CONJUNCTIONS = [
    (
        "Egypt and Jordan signed a trade agreement.",
        {("EGY", "signsAgreementWith", "JOR"), ("JOR", "signsAgreementWith", "EGY")},
    ),
    (
        "France and Germany agreed to cooperate on defence.",
        {("FRA", "agreesWith", "DEU"), ("DEU", "agreesWith", "FRA")},
    ),
    (
        "Iran met Turkey and Russia in Astana.",
        {("IRN", "meetsWith", "TUR"), ("IRN", "meetsWith", "RUS")},
    ),
    (
        "China criticised the United States and Japan.",
        {("CHN", "condemns", "US"), ("CHN", "condemns", "JPN")},
    ),
    (
        "India and Pakistan clashed along the border.",
        {("IND", "fights", "PAK"), ("PAK", "fights", "IND")},
    ),
    (
        "Both Iran and Russia are opposed to the deal with Israel.",
        {("IRN", "opposes", "ISR"), ("RUS", "opposes", "ISR")},
    ),
    # an act done to each other, or by a reciprocal verb, goes both ways whatever
    # the act
    (
        "Peru and Chile accused each other of spying.",
        {("PER", "accuses", "CHL"), ("CHL", "accuses", "PER")},
    ),
    (
        "Peru and Chile blamed one another for the clash.",
        {("PER", "accuses", "CHL"), ("CHL", "accuses", "PER")},
    ),
    (
        "Peru and Chile traded accusations over the border.",
        {("PER", "accuses", "CHL"), ("CHL", "accuses", "PER")},
    ),
    (  # the objects of "exchanged" and their conjuncts decide
        "Peru and Chile exchanged hostages and prisoners.",
        {("PER", "releases", "CHL"), ("CHL", "releases", "PER")},
    ),
]


def test_a_party_of_no_known_country_near_a_mutual_act_is_a_place(nlp):
    # "Badme" (read as an organisation) is no actor kg knows: the compound
    # subject is still the dyad
    got = asserted(
        run(nlp, "Peruvian and Chilean troops clashed near the border town of Badme.")
    )
    assert {("PER", "fights", "CHL"), ("CHL", "fights", "PER")} <= got
    # the twin: a known party named there is the target
    got = asserted(run(nlp, "Peruvian and Chilean troops clashed with Bolivia."))
    assert ("PER", "fights", "BOL") in got and ("PER", "fights", "CHL") not in got


def test_the_people_of_a_territory_are_its_state(nlp):
    assert ("PER", "arrests", "PSE") in asserted(
        run(nlp, "Peru detained dozens of Gazans.")
    )
    # the twin: the territory's own name
    assert ("PER", "condemns", "PSE") in asserted(run(nlp, "Peru condemned Gaza."))


def test_a_hostile_act_of_a_compound_subject_is_not_mutual(nlp):
    got = asserted(run(nlp, "Peru and Chile accused Bolivia of spying."))
    assert ("PER", "accuses", "BOL") in got
    assert ("PER", "accuses", "CHL") not in got and ("CHL", "accuses", "PER") not in got


ACTORS_THROUGH_PIPELINE = [
    # acronyms, metonyms (capitals and institutions), leaders
    (
        "The United States designated Hezbollah as a terrorist organisation.",
        {("US", "designates", "HEZBOLLAH")},
    ),
    ("Moscow condemned Kyiv.", {("RUS", "condemns", "UKR")}),
    ("Downing Street praised Paris.", {("GBR", "praises", "FRA")}),
    ("Putin met Erdogan in Sochi.", {("RUS", "meetsWith", "TUR")}),
    ("Biden called Netanyahu on Tuesday.", {("US", "phones", "ISR")}),
    (
        "Hay'at Tahrir al-Sham (HTS) fought the Islamic State. "
        "HTS later attacked ISIS.",
        {("HTS", "fights", "ISIS"), ("HTS", "attacks", "ISIS")},
    ),
]

COREFERENCE = [
    (
        "Hamas attacked Israel. The group later threatened Egypt.",
        {("HAMAS", "attacks", "ISR"), ("HAMAS", "threatens", "EGY")},
    ),
    (
        "Syria says it is willing to withdraw its troops from Lebanon.",
        {("SYR", "intendsToCooperateWith", "LBN")},
    ),
    (  # "we" in a quote: the speaker of the reporting clause
        "“We share intelligence with the Russians,” said the US official.",
        {("US", "sharesIntelligenceWith", "RUS")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), PASSIVE)
def test_passive_voice_keeps_direction(nlp, text, expected):
    got = asserted(run(nlp, text))
    assert expected <= got
    reversed_ = {(t, r, s) for s, r, t in expected}
    assert not reversed_ & got


@pytest.mark.parametrize(("text", "expected"), CONJUNCTIONS)
def test_conjunctions_give_every_pair(nlp, text, expected):
    check(nlp, text, expected)


@pytest.mark.parametrize(("text", "expected"), ACTORS_THROUGH_PIPELINE)
def test_acronyms_metonyms_leaders(nlp, text, expected):
    check(nlp, text, expected)


@pytest.mark.parametrize(("text", "expected"), COREFERENCE)
def test_coreference(nlp, text, expected):
    check(nlp, text, expected)


def test_content_of_a_dismissed_claim_is_not_a_target(nlp):
    doc = run(nlp, "Egypt dismissed claims that Sudan attacked Libya.")
    assert ("EGY", "rejects", "SDN") not in asserted(doc)
    assert ("SDN", "attacks", "LBY") not in asserted(doc)
    twin = run(nlp, "Egypt dismissed claims by Sudan that Chad attacked Libya.")
    assert ("EGY", "rejects", "SDN") in asserted(twin)  # the claimant is a target
    assert ("SDN", "attacks", "LBY") in asserted(run(nlp, "Sudan attacked Libya."))


def test_same_actor_is_never_paired_with_itself(nlp):
    doc = run(nlp, "Iran said Iran condemned its own policy.")
    assert all(
        a.source.actor != a.target.actor or a.source.code != a.target.code
        for a in doc._.kg_assertions
    )
    twin = run(nlp, "Iran said Iran condemned Iraq.")
    assert ("IRN", "condemns", "IRQ") in asserted(twin)


def test_same_country_different_sectors_is_a_dyad(nlp):
    doc = run(nlp, "Syrian security forces arrested Syrian opposition activists.")
    codes = {(a.source.code, a.target.code) for a in doc._.kg_assertions}
    assert any(s != t and s[:3] == t[:3] == "SYR" for s, t in codes), codes


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        (
            "Hezbollah guerrillas killed the deputy chief of Israel's militia ally.",
            ("HEZBOLLAH", "assaults", "ISR"),
        ),
        ("Russia attacked the allies of Ukraine.", ("RUS", "attacks", "UKR")),
        ("Iran armed a proxy of Russia.", ("IRN", "givesMilitaryAidTo", "RUS")),
    ],
)
def test_the_ally_of_x_is_not_x(nlp, text, wrong):
    assert wrong not in asserted(run(nlp, text))
    # the twin without the relational noun names the party itself
    twin = text.replace(" militia ally", " militia").replace("the allies of ", "")
    twin = twin.replace("a proxy of ", "")
    assert wrong in asserted(run(nlp, twin))


@pytest.mark.parametrize(
    ("text", "triple", "present"),
    [  # a city is a venue of talks; a capital stands for its government
        (
            "Iran's foreign minister went to Geneva for talks.",
            ("IRN", "meetsWith", "CHE"),
            False,
        ),
        (
            "Iran's foreign minister went to Moscow for talks.",
            ("IRN", "meetsWith", "RUS"),
            True,
        ),
    ],
)
def test_a_venue_is_not_a_party_to_talks(nlp, text, triple, present):
    assert (triple in asserted(run(nlp, text))) is present


@pytest.mark.parametrize(
    ("text", "wrong", "twin", "right"),
    [
        (
            "France denounced a despicable attack, and Greece urged the "
            "authorities to protect Christians.",
            ("FRA", "condemns", "GRC"),
            "France denounced Turkey, and Greece urged the authorities to protect "
            "Christians.",
            ("FRA", "condemns", "TUR"),
        ),
        (
            "Egypt praised the ceasefire, and Qatar criticised Israel.",
            ("EGY", "praises", "QAT"),
            "Egypt praised the ceasefire, and Qatar criticised Israel.",
            ("QAT", "condemns", "ISR"),
        ),
    ],
)
def test_a_coordinated_clause_subject_is_not_the_target(nlp, text, wrong, twin, right):
    assert wrong not in asserted(run(nlp, text))
    got = asserted(run(nlp, twin))  # the first clause keeps its own object
    assert right in got
    assert wrong not in got


@pytest.mark.parametrize(
    ("text", "expected", "twin"),
    [
        (
            "Peru extradited Juan Carlos Merino, a former drug boss, to Spain.",
            ("PER", "ESP"),
            "Peru extradited Juan Carlos Merino.",
        ),
        (
            "Chad handed the smuggler Idriss Gombo over to Niger.",
            ("TCD", "NER"),
            "Chad handed the smuggler Idriss Gombo over.",
        ),
    ],
)
def test_an_object_of_no_country_gives_way_to_a_named_state(nlp, text, expected, twin):
    got = {(s, t) for s, _, t in asserted(run(nlp, text))}
    assert expected in got, got
    assert expected not in {(s, t) for s, _, t in asserted(run(nlp, twin))}


def test_off_the_coast_names_a_place_not_a_party(nlp):
    # "off" is a place preposition: the target of a show of force only
    assert not asserted(run(nlp, "Iran praised a ship off the coast of Oman."))
    assert ("IRN", "praises", "OMN") in asserted(run(nlp, "Iran praised Oman."))


@pytest.mark.parametrize(
    "text",
    [
        "The Maltese-flagged tanker Orion Star was attacked by Eritrean troops.",
        "Eritrean troops attacked the Maltese-flagged tanker Orion Star.",
    ],
)
def test_a_name_of_no_country_is_its_flag_s(nlp, text):
    assert ("ERI", "attacks", "MLT") in asserted(run(nlp, text))
    # the twin: with no flag named, the tanker is no actor of a state
    bare = text.replace("Maltese-flagged ", "")
    assert not any(t == "MLT" for _, _, t in asserted(run(nlp, bare)))


def test_a_sponsor_in_a_modifier_is_not_the_actor(nlp):
    got = asserted(run(nlp, "The Chile-backed rebels fired rockets at Peru."))
    assert not any(s == "CHL" for s, _, _ in got)
    # twin: the state itself acting, and a ship linked to a state is that state's
    assert ("CHL", "attacks", "PER") in asserted(
        run(nlp, "Chile fired rockets at Peru.")
    )
    assert ("PER", "attacks", "CHL") in asserted(
        run(nlp, "Peru attacked the Chilean-linked tanker.")
    )
