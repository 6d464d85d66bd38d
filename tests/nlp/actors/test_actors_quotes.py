"""Tests of kg.nlp.actors.rules.quotes: "we" in a quotation is its speaker."""

from __future__ import annotations

from actor_helpers import spans


def test_we_in_a_quotation_is_the_speaker_after_it(nlp):
    got = [
        (t, a)
        for t, a, _ in spans(nlp, "“We will win”, said Kenya’s foreign minister.")
    ]
    assert got[0] == ("We", "KEN")


def test_a_quotation_continuing_after_its_attribution_keeps_the_speaker(nlp):
    text = (
        "“We will not back down”, said Kenya’s foreign minister. "
        "“Our patience has limits and we know it.”"
    )
    got = [(t, a) for t, a, _ in spans(nlp, text)]
    assert ("Our", "KEN") in got and ("we", "KEN") in got


def test_we_in_an_unattributed_quotation_is_nobody(nlp):
    got = spans(nlp, "Kenya met Chad. “We will win,” the crowd chanted.")
    assert [a for _, a, _ in got] == ["KEN", "TCD"]
