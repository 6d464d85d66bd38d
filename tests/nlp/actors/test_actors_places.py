"""Tests of kg.nlp.actors.rules.places: cities and regions stand for their country."""

from __future__ import annotations

import pytest

from kg.nlp.actors import SPAN_KEY

PLACES = [
    ("Gunmen attacked Samarra overnight.", "Samarra", "IRQ"),
    ("Troops entered the Gaza Strip.", "Gaza Strip", "PSE"),
    ("Clashes erupted in West Darfur.", "West Darfur", "SDN"),
    ("Talks opened in Geneva.", "Geneva", "CHE"),
    ("Protests spread to Hamburg.", "Hamburg", "DEU"),
]


@pytest.mark.parametrize("text, surface, country", PLACES)
def test_places_resolve_to_their_country(nlp, text, surface, country):
    doc = nlp(text)
    span = next(s for s in doc.spans[SPAN_KEY] if s.text == surface)
    assert span._.kg_mention.country == country
    assert span.label_ in ("PLACE", "CAPITAL")


def test_a_city_inside_a_person_name_is_not_a_place(nlp):
    doc = nlp("Actor Denzel Hamburg spoke in Mosul.")
    got = {s.text: s.label_ for s in doc.spans[SPAN_KEY]}
    assert got == {"Mosul": "PLACE"}  # not "Hamburg"


@pytest.mark.parametrize(
    "water, state",
    [("the Gulf of Oman", "Oman"), ("the South China Sea", "China")],
)
def test_waters_named_after_a_state_are_not_the_state(nlp, water, state):
    doc = nlp(f"Chile seized a tanker in {water}.")
    assert {s.text for s in doc.spans[SPAN_KEY]} == {"Chile"}
    # twin: the state itself is still a mention
    doc = nlp(f"Chile seized a tanker bound for {state}.")
    assert state in {s.text for s in doc.spans[SPAN_KEY]}
