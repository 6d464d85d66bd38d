"""Relations whose actor is named in an earlier sentence (the modern_dev COREF
construction): "he"/"she" take the person named as a subject before them, "the group"
the organisation. Each negative check has a positive twin; the sentences are invented.
"""

from __future__ import annotations

import pytest

from tests.nlp.relation_cases import asserted, run

PERSON = [
    (  # a leader named with a title, as the compound of the rest of the name
        "Mexican President Claudia Sheinbaum met Canada's prime minister. "
        "She later visited Guatemala.",
        ("MEX", "visits", "GTM"),
    ),
    (  # a leader named alone
        "Lula criticised Israel on Monday. He also urged the United Nations to act.",
        ("BRA", "urges", "UN"),
    ),
    (  # a title of a state
        "The German chancellor spoke in Berlin on Friday. "
        "She later met the French president.",
        ("DEU", "meetsWith", "FRA"),
    ),
    (  # a leader in apposition to a title
        "Chile's president Gabriel Boric visited Lima. He thanked Peru for its help.",
        ("CHL", "praises", "PER"),
    ),
    (  # "him" as an object: the person named as a subject before
        "Argentina's president Javier Milei met Lula in Brasilia. "
        "Chile criticised him for the trip.",
        ("CHL", "condemns", "ARG"),
    ),
    (  # "King X of Y": Y is the king's state (a king of that name elsewhere or
        # not: the registry's Hassan is Jordan's)
        "King Hassan of Morocco spoke on Monday. He later visited Egypt.",
        ("MAR", "visits", "EGY"),
    ),
]


#: A person named only by a title of an organisation ("X's leader", "the head of X").
TITLED = [
    (
        "The ELN's leader threatened Colombia. He also accused Peru of helping the "
        "army.",
        ("ELN", "accuses", "PER"),
    ),
    (
        "The head of the OAS visited Lima. He urged Peru to hold elections.",
        ("OAS", "urges", "PER"),
    ),
]


@pytest.mark.parametrize(("text", "triple"), TITLED)
def test_he_takes_the_person_an_organisation_names_by_title(nlp, text, triple):
    assert triple in asserted(run(nlp, text))


def test_he_takes_no_organisation_named_without_a_title(nlp):
    got = asserted(run(nlp, "The ELN attacked a base. He later accused Peru."))
    assert ("ELN", "accuses", "PER") not in got
    # twin: the same organisation named with its leader
    got = asserted(run(nlp, "The ELN's leader spoke. He later accused Peru."))
    assert ("ELN", "accuses", "PER") in got


@pytest.mark.parametrize(("text", "triple"), PERSON)
def test_he_and_she_take_the_person_named_before(nlp, text, triple):
    assert triple in asserted(run(nlp, text))


def test_him_is_not_the_subject_of_its_own_clause(nlp):
    got = asserted(run(nlp, "Lula met Boric in Lima. Milei criticised him."))
    assert ("ARG", "condemns", "BRA") in got
    assert ("ARG", "condemns", "ARG") not in got


def test_he_does_not_take_a_state_or_an_object(nlp):
    # "he" names a person: not the state before it, nor the person in the object
    got = asserted(run(nlp, "Peru hosted Chile's president. He later visited Bolivia."))
    assert ("PER", "visits", "BOL") not in got
    # twin: the same visit with the person as the subject before it
    got = asserted(run(nlp, "Chile's president met Peru. He later visited Bolivia."))
    assert ("CHL", "visits", "BOL") in got


DESCRIPTION = [
    (  # "the group" as a subject continues the subject before it, not a nearer
        # name in an object
        "The Taliban captured the town of Sar Kani. The group later attacked "
        "Pakistani troops near the border.",
        ("TALIBAN", "attacks", "PAK"),
    ),
    (  # "the government" after a state is that state's
        "Chile freed six Peruvians on Monday. The government also agreed to resume "
        "flights from Bolivia.",
        ("CHL", "agreesWith", "BOL"),
    ),
    (  # "the world body" (head "body") after an international organisation is it
        "The UN General Assembly met on Monday. The world body also urged Peru to "
        "free the detained journalists.",
        ("UN", "urges", "PER"),
    ),
]


@pytest.mark.parametrize(("text", "triple"), DESCRIPTION)
def test_a_description_takes_its_antecedent(nlp, text, triple):
    assert triple in asserted(run(nlp, text))


@pytest.mark.parametrize(
    ("text", "triple"),
    [
        (
            "Peru and Chile met in Lima. The former later condemned Bolivia.",
            ("PER", "condemns", "BOL"),
        ),
        (
            "Peru and Chile met in Lima. The latter later condemned Bolivia.",
            ("CHL", "condemns", "BOL"),
        ),
    ],
)
def test_the_former_and_the_latter_take_one_of_the_pair(nlp, text, triple):
    got = asserted(run(nlp, text))
    assert triple in got
    other = "CHL" if triple[0] == "PER" else "PER"
    assert (other, "condemns", "BOL") not in got


def test_a_former_official_is_no_pair_member(nlp):
    got = asserted(
        run(nlp, "Peru and Chile met. The former president of Peru condemned Bolivia.")
    )
    assert ("PER", "condemns", "BOL") in got
    assert ("CHL", "condemns", "BOL") not in got


def test_a_state_described_by_its_size_or_past_refers_back(nlp):
    """'the Asian giant', 'the former Soviet republic' take the state named before."""
    got = asserted(
        run(nlp, "China sanctioned Peru. The Asian giant also warned Chile.")
    )
    assert ("CHN", "threatens", "CHL") in got
    text = (
        "Belarus hosted Peru's envoy. "
        "The former Soviet republic also banned Chilean trucks."
    )
    got = asserted(run(nlp, text))
    assert ("BLR", "coerces", "CHL") in got
    assert not any(s == "USSR" for s, _, _ in got)
