"""A list of names the parser did not coordinate still gives every member.

The parses are written by hand (the shapes the parser produces for unusual names),
so that the tests check the rule, not the parser of the day.
"""

from __future__ import annotations

from tests.nlp.relation_cases import hand_parsed


def _events(nlp, words, heads, deps, pos):
    return hand_parsed(nlp, words, heads, deps, pos, {"praised": "praise"})


def test_a_name_hung_as_a_modifier_of_the_last_member_is_a_source(nlp):
    # "Norway and the evil awful Peru praised Chile": Norway parsed as a modifier
    # of Peru, with its own "and"
    words = ["Norway", "and", "the", "evil", "awful", "Peru", "praised", "Chile", "."]
    heads = [5, 0, 4, 4, 0, 6, 6, 6, 6]
    deps = ["nmod", "cc", "det", "amod", "conj", "nsubj", "ROOT", "dobj", "punct"]
    pos = ["PROPN", "CCONJ", "DET", "ADJ", "NOUN", "PROPN", "VERB", "PROPN", "PUNCT"]
    assert _events(nlp, words, heads, deps, pos) == [
        ("NOR", "CHL", "praises"),
        ("PER", "CHL", "praises"),
    ]


def test_a_name_modifier_without_a_coordination_is_no_source(nlp):
    # "the Norway-born Peru envoy": a modifier with no "and" is not a list member
    words = ["Norway", "Peru", "praised", "Chile", "."]
    heads = [1, 2, 2, 2, 2]
    deps = ["nmod", "nsubj", "ROOT", "dobj", "punct"]
    pos = ["PROPN", "PROPN", "VERB", "PROPN", "PUNCT"]
    assert ("NOR", "CHL", "praises") not in _events(nlp, words, heads, deps, pos)


def test_an_apposition_before_a_conjunct_is_a_list_member(nlp):
    # "Norway, the proud Peru, and Chile praised Bolivia"
    words = ["Norway", ",", "the", "proud", "Peru", ",", "and", "Chile", "praised"]
    words += ["Bolivia", "."]
    heads = [8, 0, 4, 4, 0, 0, 0, 0, 8, 8, 8]
    deps = ["nsubj", "punct", "det", "amod", "appos", "punct", "cc", "conj", "ROOT"]
    deps += ["dobj", "punct"]
    pos = ["PROPN", "PUNCT", "DET", "ADJ", "PROPN", "PUNCT", "CCONJ", "PROPN", "VERB"]
    pos += ["PROPN", "PUNCT"]
    got = _events(nlp, words, heads, deps, pos)
    assert ("PER", "BOL", "praises") in got
    assert ("NOR", "BOL", "praises") in got and ("CHL", "BOL", "praises") in got


def test_an_apposition_closing_the_phrase_stays_an_apposition(nlp):
    # "Norway, the proud Peru ally, praised Bolivia": no conjunct follows
    words = ["Norway", ",", "the", "proud", "Peru", ",", "praised", "Bolivia", "."]
    heads = [6, 0, 4, 4, 0, 0, 6, 6, 6]
    deps = ["nsubj", "punct", "det", "amod", "appos", "punct", "ROOT", "dobj", "punct"]
    pos = ["PROPN", "PUNCT", "DET", "ADJ", "PROPN", "PUNCT", "VERB", "PROPN", "PUNCT"]
    got = _events(nlp, words, heads, deps, pos)
    assert ("NOR", "BOL", "praises") in got
    assert ("PER", "BOL", "praises") not in got


def test_an_apposition_with_conjuncts_of_its_own_is_a_list_member(nlp):
    # "Norway, the proud Peru, Chile and Cuba praised Bolivia": the rest of the
    # list hangs from the apposition, not from the first name
    words = ["Norway", ",", "the", "proud", "Peru", ",", "Chile", "and", "Cuba"]
    words += ["praised", "Bolivia", "."]
    heads = [9, 0, 4, 4, 0, 4, 4, 6, 6, 9, 9, 9]
    deps = ["nsubj", "punct", "det", "amod", "appos", "punct", "conj", "cc", "conj"]
    deps += ["ROOT", "dobj", "punct"]
    pos = ["PROPN", "PUNCT", "DET", "ADJ", "PROPN", "PUNCT", "PROPN", "CCONJ"]
    pos += ["PROPN", "VERB", "PROPN", "PUNCT"]
    got = _events(nlp, words, heads, deps, pos)
    assert [s for s, t, r in got if t == "BOL"] == ["CHL", "CUB", "NOR", "PER"]


def test_a_coordinated_apposition_that_names_no_actor_adds_no_source(nlp):
    # "Norway, the friend and ally of Peru, praised Bolivia": the apposition's
    # conjunct is a description, and Peru is not a list member
    words = ["Norway", ",", "the", "friend", "and", "ally", "of", "Peru", ","]
    words += ["praised", "Bolivia", "."]
    heads = [9, 0, 3, 0, 3, 3, 5, 6, 0, 9, 9, 9]
    deps = ["nsubj", "punct", "det", "appos", "cc", "conj", "prep", "pobj", "punct"]
    deps += ["ROOT", "dobj", "punct"]
    pos = ["PROPN", "PUNCT", "DET", "NOUN", "CCONJ", "NOUN", "ADP", "PROPN"]
    pos += ["PUNCT", "VERB", "PROPN", "PUNCT"]
    got = _events(nlp, words, heads, deps, pos)
    assert ("NOR", "BOL", "praises") in got
    assert ("PER", "BOL", "praises") not in got


def test_a_name_right_after_the_verb_parsed_as_an_adverb_is_the_object(nlp):
    # "Norway praised Chile": Chile parsed as npadvmod of the verb
    words = ["Norway", "praised", "Chile", "."]
    heads = [1, 1, 1, 1]
    deps = ["nsubj", "ROOT", "npadvmod", "punct"]
    pos = ["PROPN", "VERB", "PROPN", "PUNCT"]
    assert _events(nlp, words, heads, deps, pos) == [("NOR", "CHL", "praises")]


def test_a_name_adverb_away_from_the_verb_is_no_object(nlp):
    # "Norway praised warmly Chile": only a name right after the verb is taken
    words = ["Norway", "praised", "warmly", "Chile", "."]
    heads = [1, 1, 1, 1, 1]
    deps = ["nsubj", "ROOT", "advmod", "npadvmod", "punct"]
    pos = ["PROPN", "VERB", "ADV", "PROPN", "PUNCT"]
    assert _events(nlp, words, heads, deps, pos) == []
