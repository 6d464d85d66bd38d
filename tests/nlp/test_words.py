"""Tests of kg.nlp.words: the word lists both extraction components read, once."""

from __future__ import annotations

import pytest

from kg.nlp.actors.words import words as actor_words
from kg.nlp.relations.patterns import load_patterns
from kg.nlp.relations.words import load_words as relation_words
from kg.nlp.words import parse_shared_words, shared_words
from kg.resources import read_yaml
from kg.types import KGError


def test_loaded_once_and_read_by_both_components():
    w = shared_words()
    assert w is shared_words()
    assert actor_words().coref_heads is w.coref_heads
    assert actor_words().speech_verbs is w.speech_verbs
    assert relation_words()["uncertain_heads"] is w.uncertain_heads


def test_uncertain_heads_are_a_named_group_of_the_heads():
    w = shared_words()
    # resolved by the actor rules, and lowering a relation's confidence
    assert w.coref_heads["group"] == ("org",) and "group" in w.uncertain_heads
    # resolved, but a name for the relation rules ("Israeli troops")
    assert w.coref_heads["troops"] == ("mil",) and "troops" not in w.uncertain_heads
    # never resolved ([] in the file), and lowering a relation's confidence
    assert "party" not in w.coref_heads and "party" in w.uncertain_heads


def test_speech_verbs_are_reporting_verbs_listed_once():
    speech = shared_words().speech_verbs
    assert {"say", "tell", "reply"} <= speech
    reporting = load_patterns().reporting
    assert speech < reporting and {"confirm", "believe"} <= reporting - speech
    assert not speech & set(read_yaml("patterns.yaml")["reporting"])


def test_no_shared_list_is_copied_in_a_component_file():
    shared = read_yaml("words.yaml")
    actor = read_yaml("actor_words.yaml")
    relation = read_yaml("relation_words.yaml")
    for name in shared:
        assert name not in actor and name not in relation["words"], name
    assert "quote_marks" not in relation and "we" not in relation["words"]


def test_a_head_in_two_groups_is_refused():
    data = read_yaml("words.yaml")
    data["coref_heads"]["certain"]["group"] = ["org"]
    with pytest.raises(KGError, match="'group' is in two groups"):
        parse_shared_words(data)
