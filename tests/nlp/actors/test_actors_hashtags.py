"""Tests of kg.nlp.actors.rules.hashtags: "#Daesh" includes its "#"."""

from __future__ import annotations

import pytest
from actor_helpers import resolved


@pytest.mark.parametrize(
    "text, surface, actor",
    [
        ("They fought #Daesh in the east.", "#Daesh", "ISIS"),
        ("Supporters of #Hamas rallied.", "#Hamas", "HAMAS"),
        ("The #ISIS threat grew.", "#ISIS", "ISIS"),
    ],
)
def test_hashtags(nlp, text, surface, actor):
    got = resolved(nlp, text)
    assert got[surface][0] == actor


def test_a_hash_with_a_space_is_not_part_of_the_name(nlp):
    got = resolved(nlp, "Tweets tagged # Hamas spread.")
    assert got["Hamas"][0] == "HAMAS" and "# Hamas" not in got
