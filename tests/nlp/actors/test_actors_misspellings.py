"""Tests of kg.nlp.actors.rules.misspellings: one-letter misspellings of countries."""

from __future__ import annotations

import pytest
from actor_helpers import spans

from kg.nlp.actors.rules.misspellings import edit1, fuzzy_index
from kg.registry import lexicon

MISSPELT = [
    ("Argentinia recalled its ambassador.", "Argentinia", "ARG"),
    ("Venezuala expelled the diplomats.", "Venezuala", "VEN"),
    ("Troops from Tanzanya arrived.", "Tanzanya", "TZA"),
    ("Somallia rejected the plan.", "Somallia", "SOM"),
]


@pytest.mark.parametrize("text, surface, actor", MISSPELT)
def test_one_letter_misspellings_of_country_names(nlp, text, surface, actor):
    (hit,) = [a for t, a, _ in spans(nlp, text) if surface in t]
    assert hit == actor


@pytest.mark.parametrize(
    "text, twin, actor",
    [
        # an English word near Grenada
        ("Grenade attacks killed two people.", "Grenada protested.", "GRD"),
        # a person near Benin
        ("Annette Bening starred in the film.", "Benin protested.", "BEN"),
        # a word near France
        ("Francs and marks were exchanged.", "France protested.", "FRA"),
    ],
)
def test_words_and_people_near_country_names_are_not_countries(nlp, text, twin, actor):
    assert not [s for s in spans(nlp, text) if s[1] in ("GRD", "BEN", "FRA")]
    # the positive twin: the country itself is found
    assert [a for _, a, _ in spans(nlp, twin)] == [actor]


def test_the_index_holds_one_word_country_names_and_demonyms():
    index = fuzzy_index(lexicon())
    assert "Ethiopia" in index["Ethopia"]  # "Ethiopia" less its second "i"
    assert "Syrian" in index["Syrian"]
    assert not any(" " in name for names in index.values() for name in names)


def test_edit_distance_one():
    assert edit1("Somallia", "Somalia") and edit1("Kenia", "Kenya")
    assert not edit1("Kenya", "Kenya") and not edit1("Iran", "Iraqi")
