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
    (  # an accusation named again as a charge or an allegation
        "Peru accused Chile of spying. Santiago rejected the allegations.",
        ("CHL", "rejects", "PER"),
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
    (  # "the strike" alone is a protest, but a strike on a party an attack
        "Peru struck Arica. Bolivia condemned the strike.",
        ("BOL", "condemns", "PER"),
    ),
    (  # a reaction by a pejorative name
        "Peru struck Arica. Bolivia called the strike an act of aggression.",
        ("BOL", "condemns", "PER"),
    ),
    (
        "Peru closed its border to Chilean trucks. Bolivia called the decision "
        "regrettable.",
        ("BOL", "condemns", "PER"),
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
    # a name that is no reproach
    ("Peru struck Arica. Bolivia called the strike a turning point.", "condemns"),
    # a strike named again after no act of force
    ("Peru restored ties with Chile. Bolivia condemned the strike.", "condemns"),
    ("Bolivia condemned it.", "condemns"),
    # an allegation that names no one before it
    ("Chile rejected the allegations.", "rejects"),
    # a charge denied is the act charged denied: no event
    ("Peru accused Chile of spying. Santiago denied the charge.", "rejects"),
    # a denied act has no author to blame
    ("Peru denied shelling Arica. Bolivia condemned the attack.", "condemns"),
]


@pytest.mark.parametrize(("text", "relation"), NOT_THESE)
def test_no_act_named_again_no_target(nlp, text, relation):
    assert relation not in {r for _, r, _ in asserted(run(nlp, text))}


LONE = [  # an act done by one actor alone, reacted to in the next sentence
    ("Peru fired a missile into the sea. Chile condemned the launch.", "PER"),
    ("Peru tested a new missile. Chile condemned the test.", "PER"),
    ("Peru held military drills at sea. Chile denounced the drills.", "PER"),
]


@pytest.mark.parametrize(("text", "author"), LONE)
def test_a_reaction_targets_the_lone_author_of_the_act_before(nlp, text, author):
    assert ("CHL", author) in {(s, t) for s, _, t in asserted(run(nlp, text))}


LONE_NOT = [  # the twins: the act withheld, or no act at all
    "Peru did not fire a missile. Chile condemned the launch.",
    "Peru may test a new missile. Chile condemned the test.",
    "The weather was bad in Peru. Chile condemned the launch.",
]


@pytest.mark.parametrize("text", LONE_NOT)
def test_no_lone_act_no_target(nlp, text):
    assert not asserted(run(nlp, text))


RETALIATION = [  # retaliation naming no target: the author of the harm before
    ("Peru shelled Bolivian positions. Bolivia vowed to retaliate.", True),
    ("Peru imposed tariffs on Bolivian goods. Bolivia retaliated with tariffs.", True),
    # the twins: no hostile act done to the retaliating actor
    ("Peru hosted Bolivia's president. Bolivia vowed to retaliate.", False),
    ("Peru shelled Chilean positions. Bolivia vowed to retaliate.", False),
]


@pytest.mark.parametrize(("text", "found"), RETALIATION)
def test_retaliation_targets_the_author_of_the_harm(nlp, text, found):
    pairs = {(s, t) for s, _, t in asserted(run(nlp, text))}
    assert (("BOL", "PER") in pairs) is found
