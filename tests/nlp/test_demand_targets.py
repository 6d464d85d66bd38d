"""The party a demand is made of, on parses the parser gets wrong at times.

The parses are written by hand (the shape the parser produces for a "for" phrase
it hangs from the verb), so that the tests check the rule, not the parser of the day.
"""

from __future__ import annotations

import pytest

from tests.nlp.relation_cases import hand_parsed

_LEMMAS = {"called": "call", "allowed": "allow", "be": "be", "urged": "urge"}


# "Norway called for Sweden to be allowed to leave Finland": "for Sweden" parsed as
# a phrase of "called", the infinitive as its complement
_WORDS = ["Norway", "called", "for", "Sweden", "to", "be", "allowed", "to", "leave"]
_WORDS += ["Finland", "."]
_HEADS = [1, 1, 1, 2, 6, 6, 1, 8, 6, 8, 1]
_DEPS = ["nsubj", "ROOT", "prep", "pobj", "aux", "auxpass", "xcomp", "aux", "xcomp"]
_DEPS += ["dobj", "punct"]
_POS = ["PROPN", "VERB", "ADP", "PROPN", "PART", "AUX", "VERB", "PART", "VERB"]
_POS += ["PROPN", "PUNCT"]


@pytest.fixture(scope="module")
def got(nlp):
    return hand_parsed(nlp, _WORDS, _HEADS, _DEPS, _POS, _LEMMAS)


def test_calling_for_a_party_to_act_is_a_demand_of_that_party(got):
    assert ("NOR", "SWE", "demands") in got


def test_the_place_in_the_demanded_act_is_not_the_party(got):
    assert not {t for s, t, r in got if s == "NOR"} & {"FIN"}
