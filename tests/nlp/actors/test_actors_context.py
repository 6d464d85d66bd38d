"""Tests of kg.nlp.actors.context and .words: lookups of one document."""

from __future__ import annotations

import spacy

from kg.nlp.actors.context import Candidate, DocContext, Tables, unknown_org
from kg.nlp.actors.words import words
from kg.registry import lexicon


def _ctx(text: str) -> DocContext:
    return DocContext(spacy.blank("en")(text), Tables(lexicon()))


def test_role_and_title_phrases_are_the_longest_match():
    ctx = _ctx("the foreign minister and President Putin")
    assert ctx.role_at(1) == (3, "GOV")  # "foreign minister"
    assert ctx.role_at(1, 2) is None  # the limit cuts the phrase
    assert ctx.role_at(0) is None
    assert ctx.title_at(4) is not None and ctx.title_at(4)[0] == 5


def test_lookup_folds_quotes_and_case_only_for_folded_aliases():
    ctx = _ctx("x")
    assert ctx.lookup("Hay’at Tahrir al-Sham").actor == "HTS"
    assert ctx.lookup("Syria").actor == "SYR"
    assert ctx.lookup("syria") is None


def test_the_state_of_a_candidate_and_the_country_inside_a_name():
    ctx = _ctx("Baghdad University Medical School")
    assert ctx.state_of(Candidate(0, 1, "IRQ", "NAME")) == "IRQ"
    assert ctx.state_of(Candidate(0, 1, "IRQ", "COREF")) is None
    assert ctx.state_of(Candidate(0, 1, "HTS", "NAME")) is None
    assert ctx.country_inside(0, 4) == "IRQ"
    assert ctx.country_inside(1, 4) is None


def test_taken_flags_belong_to_the_document():
    a, b = _ctx("Iran met Iraq"), _ctx("Iran met Iraq")
    a.take([Candidate(0, 1, "IRN", "NAME")])
    assert a.taken == [True, False, False] and b.taken == [False] * 3
    assert a.any_taken(0, 2) and not a.any_taken(1, 3)


def test_unknown_organisations_get_a_minted_id():
    c = unknown_org(0, 2, "Azure Front", "KEN")
    assert (c.actor, c.kind, c.code, c.known, c.label) == (
        "ORG_azure_front",
        "UNKNOWN",
        "KEN",
        False,
        "Azure Front",
    )
    assert c.refer(5, 6).kind == "COREF" and c.refer(5, 6).actor == c.actor


def test_every_word_list_is_loaded_once_and_not_empty():
    w = words()
    assert w is words()
    for name, value in vars(w).items():
        assert value, name
    assert w.international.search("Third World Forum")
    assert not w.international.search("Worldly Forum")
    assert w.coref_heads["militants"] == ("reb",)
