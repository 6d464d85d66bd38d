"""kg.nlp.relations.quotes: the speaker of a quotation as the agent of its events."""

from __future__ import annotations

import pytest

from tests.nlp.relation_cases import asserted, run

QUOTE_SPEAKER = [
    (  # an agentless infinitive of a noun in a quotation: the speaker acts
        "“We talk to everyone”, said the US envoy. “It was part of the effort to "
        "develop and cultivate a relationship with Hamas. It helped our work.”",
        ("US", "intendsToCooperateWith", "HAMAS"),
    ),
    (  # a gerund of a noun
        "“We want peace”, the Turkish minister said. “The policy of engaging with "
        "Syria is working.”",
        ("TUR", "intendsToCooperateWith", "SYR"),
    ),
]


@pytest.mark.parametrize(("text", "triple"), QUOTE_SPEAKER)
def test_quote_speaker_is_the_implicit_agent(nlp, text, triple):
    doc = run(nlp, text)
    hits = [
        a
        for a in doc._.kg_assertions
        if (a.source.actor, a.relation, a.target.actor) == triple
    ]
    assert hits, [
        (a.source.actor, a.relation, a.target.actor) for a in doc._.kg_assertions
    ]
    assert all(dict(a.extra).get("source_from") == "quote_speaker" for a in hits)
    assert all(a.confidence <= 0.7 for a in hits)  # a fallback is less certain


@pytest.mark.parametrize(
    "text",
    [
        "The US envoy arrived on Monday. It was part of the effort to develop "
        "a relationship with Hamas.",  # not in a quotation
        "“We want peace”, the Turkish minister said. “The sanctions on Syria were "
        "a mistake.”",  # a bare nominal event may be another party's act
    ],
)
def test_no_speaker_source_outside_quotes_or_for_bare_nominals(nlp, text):
    doc = run(nlp, text)
    assert not any(
        dict(a.extra).get("source_from") == "quote_speaker" for a in doc._.kg_assertions
    )


# ----------------------------------------------------------------- known limits
@pytest.mark.xfail(
    reason="'we' in a quote whose speaker is named only in an earlier "
    "sentence is not resolved"
)
def test_we_in_a_quote_after_the_speaker_sentence(nlp):
    doc = run(
        nlp,
        "A former US official spoke to reporters on Monday. "
        "“We share intelligence with the Russians.”",
    )
    assert ("US", "sharesIntelligenceWith", "RUS") in asserted(doc)
