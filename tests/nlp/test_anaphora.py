"""An act named again (kg.nlp.relations.anaphora): a reaction to "the attack", "the
move" targets the author of the act reported before it. Invented sentences."""

from __future__ import annotations

import pytest

from tests.nlp.relation_cases import asserted, run

CASES = [
    ("Peru shelled Arica. Bolivia condemned the attack.", ("BOL", "condemns", "PER")),
    ("Chile bombed Tacna. Brazil criticised the strikes.", ("BRA", "condemns", "CHL")),
    (  # a plain act noun names an act of any kind
        "Peru expelled Chile's ambassador. Bolivia condemned the move.",
        ("BOL", "condemns", "PER"),
    ),
    (
        "Peru restored ties with Chile. Bolivia welcomed the decision.",
        ("BOL", "praises", "PER"),
    ),
    (  # a pronoun that is no actor names the act
        "Peru expelled Chile's ambassador. Bolivia condemned it.",
        ("BOL", "condemns", "PER"),
    ),
    (  # the reaction in the same sentence as another event
        "Peru bombed Arica. Brazil condemned the attack, and Bolivia recalled its "
        "ambassador from Peru.",
        ("BRA", "condemns", "PER"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_a_reaction_targets_the_author_of_the_act_named_again(nlp, text, expected):
    assert expected in asserted(run(nlp, text))


AUTHORS = [
    # a reaction to an act whose author is named with it targets the author
    ("Brazil condemned the attack on Peruvian troops by Chilean soldiers.", "CHL"),
    ("Brazil condemned the attack on Peru by Chile.", "CHL"),
    ("Brazil condemned Chile's attack on Peru.", "CHL"),
    ("Bolivia praised the mediation by Brazil between Peru and Chile.", "BRA"),
]


@pytest.mark.parametrize(("text", "author"), AUTHORS)
def test_a_reaction_targets_the_author_named_with_the_act(nlp, text, author):
    targets = {t for _, _, t in asserted(run(nlp, text))}
    assert author in targets
    assert "PER" not in targets  # the act's own target is not reacted to


NOT_THESE = [  # (text, relation it must not give) beside a twin that gives it
    # an act of another kind is not the one named again
    ("Peru restored ties with Chile. Bolivia condemned the attack.", "condemns"),
    # an act with an author of its own, or an indefinite one, is another act
    ("Peru shelled Arica. Bolivia condemned an attack on a church.", "condemns"),
    # nothing was reported before
    ("Bolivia condemned the attack.", "condemns"),
    ("Bolivia condemned it.", "condemns"),
    # a denied act has no author to blame
    ("Peru denied shelling Arica. Bolivia condemned the attack.", "condemns"),
]


@pytest.mark.parametrize(("text", "relation"), NOT_THESE)
def test_no_act_named_again_no_target(nlp, text, relation):
    assert relation not in {r for _, r, _ in asserted(run(nlp, text))}
