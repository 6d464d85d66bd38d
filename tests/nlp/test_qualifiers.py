"""kg.nlp.relations.qualifiers: attribution, reported claims, dates, confidence."""

from __future__ import annotations

import pytest

from tests.nlp.relation_cases import DATE, run

ATTRIBUTION = [
    ("According to Reuters, Egypt sent aid to Sudan.", "Reuters"),
    ("Officials said Kenya arrested Somali militants.", "Officials"),
    ("Iran attacked Iraq, the state news agency reported.", "the state news agency"),
]


@pytest.mark.parametrize(("text", "who"), ATTRIBUTION)
def test_attribution_marks_reported_claims(nlp, text, who):
    doc = run(nlp, text)
    assert doc._.kg_assertions
    for a in doc._.kg_assertions:
        assert a.attribution == who
        assert a.modality == "reported"
        assert a.asserted  # a reported claim still becomes a direct triple


DATES = [
    ("Turkey condemned Greece on Monday.", "2025-01-13", "true"),
    ("Turkey condemned Greece on 11 January.", "2025-01-11", "true"),
    ("Iran attacked Iraq last month.", "2024-12-01", "true"),
    ("Egypt met Libya yesterday.", "2025-01-14", "true"),
    ("Egypt met Libya in December.", "2024-12-01", "true"),
    ("Egypt met Libya.", DATE, "false"),
    # a year that names another thing (the agreement) does not date the event ...
    ("Syria reaffirmed its commitment to the 1974 accord with Israel.", DATE, "false"),
    # ... a date of the event noun itself does
    ("Israel's June 2024 strikes on Iran were condemned.", "2024-06-01", "true"),
]


@pytest.mark.parametrize(("text", "iso", "explicit"), DATES)
def test_dates_are_normalised_against_the_article_date(nlp, text, iso, explicit):
    doc = run(nlp, text)
    assert doc._.kg_assertions
    a = doc._.kg_assertions[0]
    assert a.date == iso
    assert dict(a.extra)["date_explicit"] == explicit


def test_no_article_date_gives_no_relative_date(nlp):
    doc = run(nlp, "Egypt met Libya yesterday.", date=None)
    assert doc._.kg_assertions[0].date is None


def test_assertions_carry_sentence_offsets_and_evidence(nlp):
    text = "Egypt is calm. Turkey condemned Israel on Monday."
    doc = run(nlp, text)
    (a,) = doc._.kg_assertions
    assert a.sentence == 1
    assert text[a.start : a.end] == a.evidence == "Turkey condemned Israel on Monday."
    assert a.article == "t"
    assert a.cameo == "111" and a.plover == "DISAPPROVE" and a.quad_class == 3
    assert a.trigger == "condemned"
    assert 0 < a.confidence <= 1
    assert text[a.source.start : a.source.end] == "Turkey"
