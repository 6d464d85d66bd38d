"""Tests of kg.nlp.actors.ruler: registry names, patterns, pipes, user registries."""

from __future__ import annotations

import time

import pytest
import spacy
from actor_helpers import resolved, spans
from conftest import DATA, EVAL

from kg.nlp.actors import add_actor_pipes, ruler_patterns
from kg.registry import load_registry
from kg.registry.lexicon import Alias, Lexicon


def test_registry_is_cached_and_pipes_build_fast():
    load_registry()
    t0 = time.perf_counter()
    load_registry()
    nlp = add_actor_pipes(spacy.blank("en"))
    assert time.perf_counter() - t0 < 10
    assert nlp.pipe_names == ["kg_actor_ruler", "kg_actors"]


def test_the_ruler_goes_before_ner_and_the_resolver_after(nlp):
    names = nlp.pipe_names
    assert names.index("kg_actor_ruler") < names.index("ner") < names.index("kg_actors")


def test_patterns_carry_the_actor_id_and_a_label_by_kind():
    lex = Lexicon()
    lex.add_alias("Syria", Alias("SYR"))
    lex.add_alias("Syrian", Alias("SYR", "DEMONYM"))
    lex.add_alias("Damascus", Alias("SYR", "CAPITAL", "GOV"))
    lex.add_alias("Putin", Alias("P_PUTIN", "LEADER"))
    lex.add_alias("gondor army", Alias("GON", sector="MIL"), fold=True)
    lex.ignore.add("Syria Street")
    lex.drop.add("Damascus")
    from kg.types import Actor

    lex.actors["SYR"] = Actor("SYR", "Syria", "State", "SYR", None, "SYR")
    assert ruler_patterns(lex) == [
        {"label": "GPE", "pattern": "Syria", "id": "SYR"},
        {"label": "NORP", "pattern": "Syrian", "id": "SYR"},
        {"label": "PERSON", "pattern": "Putin", "id": "P_PUTIN"},
        {
            "label": "ORG",
            "pattern": [{"LOWER": "gondor"}, {"LOWER": "army"}],
            "id": "GON",
        },
        {"label": "LOC", "pattern": "Syria Street"},
    ]


NAMES = [
    (
        "Iran condemned Israel on Monday.",
        [("Iran", "IRN", "IRN"), ("Israel", "ISR", "ISR")],
    ),
    (
        "The United States and Jordan agreed.",
        [("United States", "US", "USA"), ("Jordan", "JOR", "JOR")],
    ),
    (
        "U.S. envoys flew to Britain.",
        [("U.S. envoys", "US", "USAGOV"), ("Britain", "GBR", "GBR")],
    ),
    ("The U.S and the UK signed.", [("U.S", "US", "USA"), ("UK", "GBR", "GBR")]),
    (
        "America warned North Korea.",
        [("America", "US", "USA"), ("North Korea", "PRK", "PRK")],
    ),
    (
        "Ivory Coast and Burma met Kosovo.",
        [
            ("Ivory Coast", "CIV", "CIV"),
            ("Burma", "MMR", "MMR"),
            ("Kosovo", "XKX", "XKX"),
        ],
    ),
    (
        "Hezbollah fired at Israel.",
        [("Hezbollah", "HEZBOLLAH", "LBNREBHEZ"), ("Israel", "ISR", "ISR")],
    ),
    (
        "The Islamic State and ISIL and Daesh.",
        [
            ("Islamic State", "ISIS", "IMGMUSISI"),
            ("ISIL", "ISIS", "IMGMUSISI"),
            ("Daesh", "ISIS", "IMGMUSISI"),
        ],
    ),
    (
        "The UN Security Council and NATO met.",
        [("UN Security Council", "UNSC", "IGOUNO"), ("NATO", "NATO", "IGONAT")],
    ),
]


@pytest.mark.parametrize("text, expected", NAMES)
def test_names(nlp, text, expected):
    assert spans(nlp, text) == expected


def test_lowercase_us_is_not_the_united_states(nlp):
    assert spans(nlp, "Let us hope they told us the truth.") == []
    # the positive twin: the upper-case US in the same construction is the actor
    assert spans(nlp, "Let us hope the US agrees.") == [("US", "US", "USA")]


QUOTES = [
    "Hay’at Tahrir al-Sham fighters entered the city.",
    "Hay'at Tahrir al-Sham fighters entered the city.",
    "Hayat Tahrir al-Sham fighters entered the city.",
]


@pytest.mark.parametrize("text", QUOTES)
def test_curly_and_straight_quotes(nlp, text):
    (surface, actor, code), *_ = spans(nlp, text)
    assert (actor, code) == ("HTS", "SYRREB")
    assert surface.startswith("Hay")


# --------------------------------------------------------------------------- user files
@pytest.fixture(scope="module")
def blank_user_nlp():
    return add_actor_pipes(
        spacy.blank("en"),
        extra_registries=[DATA / "actors_user.yaml", DATA / "actors_user.ttl"],
    )


def test_user_yaml_registry_names(blank_user_nlp):
    got = resolved(blank_user_nlp, "The Zemblan Front attacked. Kinbote fled.")
    assert got["Zemblan Front"] == ("ZLF", "NORREBZLF")
    assert got["Kinbote"] == ("ZLF", "NORREBZLF")


def test_user_turtle_registry_names(blank_user_nlp):
    got = resolved(blank_user_nlp, "NWC inspectors met Atlantean viziers.")
    assert got["NWC"] == ("NWC", "IGONWC")
    assert got["Atlantean viziers"] == ("ATL", "ATLGOV")


@pytest.fixture(scope="module")
def petr_nlp():
    return add_actor_pipes(
        spacy.blank("en"), extra_registries=[EVAL / "petr_validate_dictionaries.json"]
    )


PETRARCH = [
    (
        "Arnor restored ties with Gondor.",
        {"Arnor": ("ARN", "ARN"), "Gondor": ("GON", "GON")},
    ),
    (
        "ARNOR restored ties with gondor.",
        {"ARNOR": ("ARN", "ARN"), "gondor": ("GON", "GON")},
    ),
    (
        "The Gondor president met Frodo.",
        {"Gondor president": ("GON", "GONGOV"), "Frodo": ("HOB", "HOB")},
    ),
    (
        "Israeli troops entered Gaza City.",
        {"Israeli troops": ("ISR", "ISRMIL"), "Gaza City": ("PSE", "PSEGZA")},
    ),
    # the dictionary's "EGYPT" (UAR) never replaces kg's own name
    ("Egypt protested.", {"Egypt": ("EGY", "EGY")}),
]


@pytest.mark.skipif(
    not (EVAL / "petr_validate_dictionaries.json").exists(),
    reason="shared eval data not available",
)
@pytest.mark.parametrize("text, expected", PETRARCH)
def test_petrarch_dictionary(petr_nlp, text, expected):
    got = resolved(petr_nlp, text)
    for surface, want in expected.items():
        assert got[surface] == want


@pytest.fixture(scope="module")
def own_petr_nlp():
    return add_actor_pipes(
        spacy.blank("en"), extra_registries=[DATA / "actors_petrarch.json"]
    )


OWN_PETRARCH = [
    ("ELDORIA met the Quorum of Wise Elders.", "ELDORIA", ("ELD", "ELD")),
    (
        "The quorum of wise elders met Eldoria.",
        "quorum of wise elders",
        ("IGOQWE", "IGOQWE"),
    ),
    ("Eldorian soldiers crossed.", "Eldorian soldiers", ("ELD", "ELDMIL")),
    ("The Raven Brigade fired.", "Raven Brigade", ("IMGRAV", "IMGRAV")),
    ("The Eldoria vizier spoke.", "Eldoria vizier", ("ELD", "ELDGOV")),
]


@pytest.mark.parametrize("text, surface, expected", OWN_PETRARCH)
def test_an_invented_petrarch_dictionary(own_petr_nlp, text, surface, expected):
    assert resolved(own_petr_nlp, text)[surface] == expected
