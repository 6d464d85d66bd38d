"""Tests of kg.nlp.doc: extensions, sentences, quotations and their speakers.

Quotations and their speakers are found once per document, by the actor component
("we" in a quotation is its speaker), which writes them to ``doc._.kg_quotes``
for the relation component (the speaker is the agent of events naming none).
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from kg.nlp.doc import (
    attributed_quotations,
    continues_quote,
    quotations,
    quote_speaker,
    sentence_index,
)
from kg.nlp.relations.component import quote_speakers
from kg.nlp.words import shared_words
from tests.nlp.relation_cases import run


@pytest.fixture(scope="module")
def blank():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _quoted(doc) -> list[str]:
    return [doc[s:e].text for s, e in quotations(doc)]


def test_quotations_with_curly_straight_and_single_marks(blank):
    doc = blank('“We will go” and "they will stay" and ‘it is over’ now.')
    assert _quoted(doc) == ["We will go", "they will stay", "it is over"]


def test_every_mark_of_the_word_lists_opens_a_quotation(blank):
    marks = shared_words().quote_marks
    assert len(marks) == 4
    for opening, closing in marks.items():
        words = ["He", "said", opening, "we", "will", "go", closing, "today", "."]
        doc = Doc(blank.vocab, words=words)
        assert _quoted(doc) == ["we will go"], opening


def test_apostrophes_and_short_quotes_are_not_quotations(blank):
    assert _quoted(blank("The group’s leader said “no” today.")) == []
    # a single quote only opens after a space
    assert _quoted(blank("x‘we will go’ y")) == []


def test_an_unclosed_quotation_is_not_one(blank):
    assert _quoted(blank("He said “we will go and never come back.")) == []


def test_sentence_index(blank):
    assert sentence_index(blank("Iran spoke. Iraq did.")) == [0, 0, 0, 1, 1, 1]
    assert sentence_index(spacy.blank("en")("Iran spoke. Iraq did.")) == [0] * 6


def _say(doc):
    for t in doc:
        if t.text in ("said", "says", "told"):
            t.lemma_ = {"said": "say", "says": "say", "told": "tell"}[t.text]
    return doc


SAY = {"say", "tell"}


def test_the_speaker_after_a_quotation(blank):
    doc = _say(blank("“We will win”, said Iran’s minister."))
    (s, e) = quotations(doc)[0]
    mentions = [doc[7:10]]
    got = quote_speaker(doc, s, e, mentions, sent_of=sentence_index(doc), say=SAY)
    assert got is mentions[0]


def test_the_speaker_before_a_quotation(blank):
    doc = _say(blank("According to Iran, “we will win the war”."))
    (s, e) = quotations(doc)[0]
    iran = doc[2:3]
    got = quote_speaker(doc, s, e, [iran], sent_of=sentence_index(doc), say=SAY)
    assert got is iran


def test_no_speaker_without_a_speech_verb(blank):
    doc = _say(blank("Iran and “we will win the war” today."))
    (s, e) = quotations(doc)[0]
    got = quote_speaker(doc, s, e, [doc[0:1]], sent_of=sentence_index(doc), say=SAY)
    assert got is None


def test_a_quotation_continues_after_a_short_attribution(blank):
    doc = _say(blank("“We will win”, said Iran. “We are ready.”"))
    (_, e1), (s2, _) = quotations(doc)
    assert continues_quote(doc, e1, s2, say=SAY)
    assert not continues_quote(doc, e1, s2, say={"shout"})


def _attributed(doc, mentions) -> list[tuple[str, str, bool]]:
    return [
        (doc[s:e].text, m.text, continued)
        for s, e, m, continued in attributed_quotations(
            doc, mentions, sent_of=sentence_index(doc), say=SAY
        )
    ]


def test_attributed_quotations_continue_after_an_attribution(blank):
    doc = _say(blank("“We will win”, said Iran. Then: “We are ready.”"))
    assert _attributed(doc, [doc[7:8]]) == [
        ("We will win", "Iran", False),
        ("We are ready.", "Iran", True),
    ]


def test_an_unattributed_quotation_ends_the_chain(blank):
    doc = _say(
        blank("“We will win”, said Iran. Then: “We are ready.” Later: “No more.”")
    )
    # the third quotation has no speaker: it follows the second with no speech verb
    assert [t for t, _, _ in _attributed(doc, [doc[7:8]])] == [
        "We will win",
        "We are ready.",
    ]
    assert _attributed(doc, []) == []


def test_mentions_added_while_iterating_are_speakers_of_later_quotations(blank):
    doc = _say(blank("“We will win,” Iran said, “and we stay.”"))
    iran, we = doc[6:7], doc[1:2]

    def speakers(grow: bool) -> list[str]:
        pool, got = [iran], []
        for _, _, speaker, _ in attributed_quotations(
            doc, pool, sent_of=sentence_index(doc), say=SAY
        ):
            got.append(speaker.text)
            if grow:  # the "We" of the first quotation, resolved to its speaker
                pool.append(we)
        return got

    assert speakers(grow=False) == ["Iran", "Iran"]
    # the last mention before the second quotation is now "We"
    assert speakers(grow=True) == ["Iran", "We"]


# ------------------------------------------- both uses: actors write, relations read
def _rows(doc) -> list[tuple[str, str, str]]:
    spans = list(doc.spans["kg_actors"])
    return [(doc[s:e].text, sp.text, sp.id_) for s, e, sp in quote_speakers(doc, spans)]


def test_the_actor_component_writes_the_speakers_the_relations_read(nlp):
    doc = run(
        nlp,
        "“We will not back down”, said Kenya’s foreign minister. "
        "“Our patience has limits.”",
    )
    # "We" and "Our" are the speaker (the actor use) and speak for them (the
    # relation use): the continued quotation has the speaker of the first
    mentions = [(s.text, s.id_) for s in doc.spans["kg_actors"]]
    assert ("We", "KEN") in mentions and ("Our", "KEN") in mentions
    assert _rows(doc) == [
        ("We will not back down", "We", "KEN"),
        ("Our patience has limits.", "Our", "KEN"),
    ]
    assert len(doc._.kg_quotes) == 2


def test_without_we_the_speaker_mention_or_the_continued_voice_speaks(nlp):
    doc = run(
        nlp,
        "“Chad must leave”, said Kenya’s foreign minister. “We want peace”, "
        "the Turkish minister said. “The talks are over.”",
    )
    assert _rows(doc) == [
        ("Chad must leave", "Kenya’s foreign minister", "KEN"),
        ("We want peace", "We", "TUR"),
        ("The talks are over.", "We", "TUR"),  # continues the Turkish minister's
    ]


def test_a_speaker_named_before_the_quotation(nlp):
    doc = run(nlp, "Kenya’s foreign minister said: “Chad must leave the talks.”")
    assert _rows(doc) == [
        ("Chad must leave the talks.", "Kenya’s foreign minister", "KEN")
    ]


def test_an_unattributed_quotation_has_no_speaker(nlp):
    doc = run(nlp, "Kenya met Chad. “We will win,” the crowd chanted.")
    assert doc._.kg_quotes == [] and _rows(doc) == []
