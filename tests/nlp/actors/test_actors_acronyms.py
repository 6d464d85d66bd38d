"""Tests of kg.nlp.actors.rules.acronyms: "Some Long Name (SLN)"."""

from __future__ import annotations

import pytest
import spacy
from actor_helpers import spans

from kg.nlp.actors import add_actor_pipes

ACRONYMS = [
    (
        "The Free Patriotic Front (FPF) condemned Iran. Later the FPF attacked.",
        "FPF",
        "ORG_free_patriotic_front",
    ),
    (
        "Baghdad University Medical School (BUMS) said BUMS would reopen.",
        "BUMS",
        "ORG_baghdad_university_medical_school",
    ),
    (
        "Hay'at Tahrir al-Sham (HTS) took Aleppo. HTS then took Hama.",
        "HTS",
        "HTS",
    ),
    (
        "The Rapid Support Forces (RSF) shelled El Fasher; the RSF denied it.",
        "RSF",
        "RSF_SDN",
    ),
    (
        "The Patriotic Union of Zembla (PUZ) met Kenya. PUZ left.",
        "PUZ",
        "ORG_patriotic_union_of_zembla",
    ),
]


@pytest.mark.parametrize("text, acronym, actor", ACRONYMS)
def test_acronyms_defined_in_the_text(nlp, text, acronym, actor):
    got = spans(nlp, text)
    uses = [a for t, a, _ in got if t == acronym]
    assert uses and set(uses) == {actor}
    # the acronym in brackets is part of the definition, not a second mention
    assert sum(1 for t, _, _ in got if t == acronym) == text.count(acronym) - 1


@pytest.fixture(scope="module")
def blank_nlp():
    """No NER: a name before brackets is found by its capitalised words."""
    return add_actor_pipes(spacy.blank("en"))


def test_a_name_without_ner_is_found_by_its_initials(blank_nlp):
    got = spans(blank_nlp, "The Free Patriotic Front (FPF) met Iran. FPF left.")
    assert ("FPF", "ORG_free_patriotic_front", None) in got
    assert ("Free Patriotic Front", "ORG_free_patriotic_front", None) in got


def test_brackets_whose_letters_do_not_fit_define_nothing(blank_nlp):
    got = spans(blank_nlp, "The Free Patriotic Front (XYZ) met Iran. XYZ left.")
    assert not any(t in ("XYZ", "Free Patriotic Front") for t, _, _ in got)
    assert ("Iran", "IRN", "IRN") in got
