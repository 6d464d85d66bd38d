"""Tests of kg.nlp.doc: extensions, sentences, quotations and their speakers."""

from __future__ import annotations

import pytest
import spacy

from kg.nlp.doc import continues_quote, quotations, quote_speaker, sentence_index


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
