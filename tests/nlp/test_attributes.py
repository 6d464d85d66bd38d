"""The cached attribute ruler sets exactly what spaCy's attribute ruler sets."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from kg.fingerprint import DEFAULT_MODEL
from kg.nlp.attributes import CachedAttributeRuler, use_cached_attribute_ruler

#: Invented sentences with pronouns, auxiliaries, contractions ("ain't" is a
#: two-token pattern), spaces and a blank line.
TEXTS = [
    "She told them she ain't leaving, and we'd agreed it wasn't over.",
    "They've been sanctioning Ruritania since 2020 ;  I'm sure he'd do it.",
    "Doin' nothing, the ministers wo n't and sha n't go.\n\nIt is 'cause of us.",
    "Whether or not Freedonia   joins, its allies are being cautious.",
]

COLUMNS = [POS, TAG, LEMMA, MORPH, DEP, HEAD]


@pytest.fixture(scope="module")
def pipelines():
    """spaCy's model as shipped, and the same model with the cached ruler."""
    plain = spacy.load(DEFAULT_MODEL)
    cached = spacy.load(DEFAULT_MODEL)
    use_cached_attribute_ruler(cached)
    return plain, cached


def _annotations(nlp, texts):
    return [
        (d.to_array(COLUMNS).tolist(), [str(t.morph) for t in d])
        for d in nlp.pipe(texts)
    ]


def test_the_cached_ruler_gives_spacys_annotations(pipelines):
    plain, cached = pipelines
    ruler = cached.get_pipe("attribute_ruler")
    assert type(ruler) is CachedAttributeRuler
    assert ruler._current_plan() is not None  # the fast path, not spaCy's code
    assert cached.pipe_names == plain.pipe_names
    assert _annotations(cached, TEXTS) == _annotations(plain, TEXTS)


@pytest.mark.filterwarnings("ignore:.*W108")  # no POS: the lemmatizer says so
def test_a_ruler_that_sets_nothing_differs_from_spacys(pipelines):
    """The twin of the test above: the comparison sees a missing attribute."""
    plain, _ = pipelines
    bare = spacy.load(DEFAULT_MODEL)
    ruler = bare.get_pipe("attribute_ruler")
    ruler.set_annotations = lambda *_: None
    assert _annotations(bare, TEXTS) != _annotations(plain, TEXTS)


def _rulers(patterns):
    """spaCy's ruler and the cached one, with the same patterns."""
    vocab = spacy.blank("en").vocab
    a = AttributeRuler(vocab)
    b = CachedAttributeRuler(vocab)
    a.add_patterns(patterns)
    b.add_patterns(patterns)
    return vocab, a, b


def _tagged(vocab, words, tags):
    return Doc(vocab, words=words, tags=tags)


def test_later_patterns_win_and_multi_token_patterns_apply():
    patterns = [
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "LEMMA": "x"}},
        {"patterns": [[{"LOWER": "talks"}]], "attrs": {"LEMMA": "talk"}},
        {
            "patterns": [[{"LOWER": "held"}, {"LOWER": "talks"}]],
            "attrs": {"POS": "VERB"},
            "index": -1,
        },
    ]
    vocab, a, b = _rulers(patterns)
    words, tags = ["Ruritania", "held", "talks", "talks"], ["NNP", "VBD", "NN", "NN"]
    da, db = a(_tagged(vocab, words, tags)), b(_tagged(vocab, words, tags))
    assert b._current_plan() is not None
    assert [(t.pos_, t.lemma_) for t in db] == [(t.pos_, t.lemma_) for t in da]
    assert [(t.pos_, t.lemma_) for t in db][2:] == [("VERB", "talk"), ("NOUN", "talk")]


@pytest.mark.parametrize(
    "pattern",
    [
        # an operator: the match is no longer one token's
        {"patterns": [[{"LOWER": "talks", "OP": "+"}]], "attrs": {"LEMMA": "talk"}},
        # a lexeme attribute: setting it on one token changes the word everywhere
        {"patterns": [[{"LOWER": "talks"}]], "attrs": {"NORM": "talk"}},
    ],
)
def test_patterns_outside_the_cache_run_spacys_code(pattern):
    vocab, a, b = _rulers([pattern])
    words, tags = ["Ruritania", "talks"], ["NNP", "VBZ"]
    da, db = a(_tagged(vocab, words, tags)), b(_tagged(vocab, words, tags))
    assert b._current_plan() is None
    assert [(t.lemma_, t.norm_) for t in db] == [(t.lemma_, t.norm_) for t in da]
    assert [(t.lemma_, t.norm_) for t in db][1] != ("", "talks")


def test_load_nlp_uses_the_cached_ruler(nlp):
    assert type(nlp.get_pipe("attribute_ruler")) is CachedAttributeRuler


def test_words_no_pattern_names_share_a_cache_entry_and_match_alike():
    """IN, NOT_IN and REGEX patterns: a word none of them singles out is read as
    any other such word (one cache entry), a word one names or a regex finds
    keeps its own entry, and each token gets what spaCy's ruler gives it."""
    patterns = [
        {"patterns": [[{"TAG": {"NOT_IN": ["NNP"]}}]], "attrs": {"POS": "X"}},
        {
            "patterns": [[{"LOWER": {"IN": ["talks", "truce"]}}]],
            "attrs": {"LEMMA": "t"},
        },  # noqa: E501
        {"patterns": [[{"LOWER": {"REGEX": "^cease"}}]], "attrs": {"LEMMA": "cease"}},
    ]
    vocab, a, b = _rulers(patterns)
    words = ["Ruritania", "held", "talks", "on", "a", "ceasefire", "and", "truce"]
    tags = ["NNP", "VBD", "NNS", "IN", "DT", "NN", "CC", "NN"]
    da, db = a(_tagged(vocab, words, tags)), b(_tagged(vocab, words, tags))
    got = [(t.pos_, t.lemma_) for t in db]
    assert got == [(t.pos_, t.lemma_) for t in da]
    assert got[2] == ("X", "t") and got[5] == ("X", "cease") and got[0] == ("", "")
    cache = b._current_plan()[4]
    # held/on/a/and differ only in words and tags no pattern names: fewer
    # entries than distinct (word, tag) pairs
    assert len(cache) < len(set(zip(words, tags, strict=True)))
