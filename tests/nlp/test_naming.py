"""Naming: "A labelled B a terrorist organisation" designates B (issue 9, §5).

Every naming verb of ``patterns.yaml`` (``senses.naming.verbs``) in each parse the
model gives of the construction: a complement, a dative and an object, "as" and
a name inside the object. Invented sentences.
"""

from __future__ import annotations

import pytest

from kg.nlp.relations.patterns import load_patterns
from tests.nlp.relation_cases import asserted, run

NAMING_VERBS = sorted(load_patterns().senses["naming.verbs"])

#: verb -> its past form
PAST = {
    "brand": "branded",
    "call": "called",
    "deem": "deemed",
    "describe": "described",
    "dub": "dubbed",
    "label": "labelled",
    "name": "named",
    "term": "termed",
}


def test_every_naming_verb_has_a_case():
    assert set(NAMING_VERBS) <= set(PAST)


@pytest.mark.parametrize("verb", NAMING_VERBS)
def test_each_naming_verb_designates_a_terrorist_organisation(nlp, verb):
    text = f"Turkey {PAST[verb]} the PKK a terrorist organisation."
    got = asserted(run(nlp, text))
    assert ("TUR", "designates", "PKK") in got
    assert not {r for _, r, _ in got} & {"phones", "condemns"}


@pytest.mark.parametrize(
    "text",
    [
        "Turkey branded the PKK terrorists.",
        "Turkey has designated the PKK as a terrorist group.",
        "Turkey labelled the PKK as a terrorist organisation.",
        "Turkey described the PKK as a terror network.",
        "Turkey branded the PKK a terrorist group.",
    ],
)
def test_each_parse_of_the_naming_designates(nlp, text):
    assert ("TUR", "designates", "PKK") in asserted(run(nlp, text))


@pytest.mark.parametrize(
    "text, expected",
    [
        # a name that is no designation: no event, or a condemnation
        ("Turkey labelled the report a fabrication.", set()),
        ("Turkey labelled the PKK's statement a fabrication.", set()),
        ("Turkey called the PKK a dictatorship.", set()),
        ("Turkey branded Greece a threat.", {("TUR", "condemns", "GRC")}),
        # a person named a terrorist is condemned, not designated
        (
            "Turkey called Assad a terrorist.",
            {("TUR", "condemns", "P_BASHAR_AL_ASSAD")},
        ),
        # calls that name nothing
        ("Turkey called the PKK on the phone.", {("TUR", "phones", "PKK")}),
        ("Turkey called the PKK's leader.", {("TUR", "phones", "PKK")}),
    ],
)
def test_other_names_and_calls_are_no_designation(nlp, text, expected):
    got = asserted(run(nlp, text))
    assert not any(r == "designates" for _, r, _ in got)
    assert got == expected
