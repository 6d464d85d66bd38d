"""Light verbs and their event nouns, and the class of plain news sentences
(invented sentences): the noun or the goods decide the event's class."""

from __future__ import annotations

import pytest

from tests.nlp.relation_cases import asserted, run

#: A bundle or quantity of acts or goods: what it measures decides.
MEASURED = [
    ("Syria fired a salvo of rockets at Turkey.", ("SYR", "TUR"), "attacks"),
    (
        "Belgium unveiled a new tranche of weapons for Ukraine.",
        ("BEL", "UKR"),
        "offersAidTo",
    ),
    (
        "Norway announced a further package of military aid to Ukraine.",
        ("NOR", "UKR"),
        "offersAidTo",
    ),
]


@pytest.mark.parametrize(("text", "pair", "relation"), MEASURED)
def test_a_quantity_of_acts_or_goods_is_what_it_measures(nlp, text, pair, relation):
    assert (pair[0], relation, pair[1]) in asserted(run(nlp, text))


def test_announced_aid_is_an_offer(nlp):
    assert ("NOR", "offersAidTo", "UKR") in asserted(
        run(nlp, "Norway announced a new military aid package for Ukraine.")
    )
    # twin: aid delivered is aid, not an offer
    got = asserted(run(nlp, "Norway delivered a new military aid package to Ukraine."))
    assert ("NOR", "offersAidTo", "UKR") not in got
    assert any(
        s == "NOR" and t == "UKR" and r.startswith(("aids", "gives")) for s, r, t in got
    )


def test_an_announced_withdrawal_is_an_intent(nlp):
    assert ("FRA", "intendsToCooperateWith", "TCD") in asserted(
        run(nlp, "France announced the withdrawal of its troops from Chad.")
    )
    # twin: a withdrawal completed is a retreat
    assert ("FRA", "withdrawsFrom", "TCD") in asserted(
        run(nlp, "France completed the withdrawal of its troops from Chad.")
    )
