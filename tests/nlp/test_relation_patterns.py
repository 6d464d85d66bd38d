"""kg.nlp.relations.patterns and words: the pattern data and the word lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.nlp.relations import load_patterns, parse_patterns
from kg.nlp.relations.words import load_words, parse_words
from kg.resources import read_yaml
from kg.types import KGError


def test_patterns_name_only_vocabulary_relations():
    p = load_patterns()
    assert p.verbs["designate"].default == "designates"
    assert p.nouns["talks"] == "meetsWith"
    with pytest.raises(KGError, match="unknown relation 'befriends'"):
        parse_patterns({"verbs": {"hug": "befriends"}})


def test_every_plover_category_has_triggers():
    from kg.vocab import PLOVER_CATEGORIES, load_vocabulary

    vocab = load_vocabulary()
    p = load_patterns()
    used = {e.default for e in p.verbs.values()} | set(p.nouns.values())
    for e in p.verbs.values():
        used |= set(e.obj.values()) | set(e.prep.values()) | set(e.prt.values())
    covered = {vocab[r].plover for r in used if r}
    assert covered - {""} == set(PLOVER_CATEGORIES)  # "": statements (root 01)


def test_yaml_booleans_in_patterns_are_refused():
    import yaml

    data = yaml.safe_load("verbs:\n  call: {default: phones, prt: {off: concedesTo}}\n")
    with pytest.raises(KGError, match="quote words"):
        parse_patterns(data)
    assert load_patterns().verbs["call"].prt == {"off": "concedesTo"}
    assert "no" in load_patterns().negations


def test_user_patterns_add_and_never_replace_the_packaged_ones(tmp_path: Path):
    f = tmp_path / "p.yaml"
    f.write_text(
        "verbs:\n  upbraid: condemns\n  snub: condemns\n"
        "  lift: {obj: {quota: easesRestrictionsOn, sanctions: sanctions}}\n"
        "negations: [hardly]\n",
        encoding="utf-8",
    )
    p = load_patterns((str(f),))
    assert p.verbs["upbraid"].default == "condemns"  # added
    assert p.verbs["snub"].default == "rejects"  # kg's stays
    assert p.verbs["lift"].default == "easesRestrictionsOn"
    assert p.verbs["lift"].obj["quota"] == "easesRestrictionsOn"  # added
    assert p.verbs["lift"].obj["sanctions"] == "liftsSanctionsOn"  # kg's stays
    assert {"hardly", "not"} <= p.negations
    assert p.verbs["attack"].default == "attacks"
    with pytest.raises(KGError, match="cannot read patterns file"):
        load_patterns((str(tmp_path / "missing.yaml"),))


def test_word_lists_name_vocabulary_relations():
    from kg.vocab import load_vocabulary

    words = load_words()
    vocab = load_vocabulary()
    assert words.role("threat") == "threatens"
    assert set(words.roles.values()) <= set(vocab)
    assert words.intent_by_category["AID"] == "offersAidTo"
    assert "in" in words["place_preps"] and "after" in words["when_preps"]
    data = read_yaml("relation_words.yaml")
    data["roles"] = {**data["roles"], "threat": "befriends"}
    with pytest.raises(KGError, match="unknown relations \\['befriends'\\]"):
        parse_words(data)


def test_word_lists_refuse_yaml_booleans():
    data = read_yaml("relation_words.yaml")
    data["words"] = {**data["words"], "demand_preps": [True, "upon", "to"]}
    with pytest.raises(KGError, match="quoted words"):
        parse_words(data)
    assert "on" in load_words()["demand_preps"]


def test_control_class_follows_the_priority_of_the_word_lists():
    from kg.nlp.relations.context import control_classes

    p = load_patterns()
    assert load_words().control_priority[0] == "threat"
    assert "warn" in p.control["threat"]
    classes = control_classes(p, load_words())
    assert classes.get("warn") == "threat"
    assert classes.get("refuse") == "refusal"
    assert classes.get("will") == "intent"
    assert classes.get("table") is None
