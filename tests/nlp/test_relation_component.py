"""kg.nlp.relations.component: the kg_relations component and ``extract()``.

The component keeps no state across documents: generators of several documents
consumed interleaved, or in parallel threads, give what each gives alone.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from spacy.tokens import Doc

from kg.articles import load_articles
from kg.nlp.relations import extract
from tests.conftest import ROOT
from tests.nlp.relation_cases import run


def _row(a):
    return (
        a.article,
        a.source.actor,
        a.relation,
        a.target.actor,
        a.negated,
        a.modality,
        a.date,
        a.confidence,
        a.extra,
    )


@pytest.fixture(scope="module")
def parsed(nlp):
    """The sample articles parsed by the pipeline, with their ids and dates."""
    out = []
    for art in load_articles([ROOT / "data" / "articles"]):
        doc = nlp.make_doc(art.text)
        doc._.kg_article_id = art.id
        doc._.kg_article_date = art.date
        out.append((nlp(doc), art.id, art.date))
    return out


@pytest.fixture(scope="module")
def alone(parsed):
    """Each article's assertions, consumed one article at a time."""
    return [
        [_row(a) for a in extract(doc, aid, date=date)] for doc, aid, date in parsed
    ]


def test_one_at_a_time_finds_assertions(alone, parsed):
    assert len(alone) == len(parsed) >= 10
    assert sum(map(len, alone)) > 20


def test_interleaved_generators_give_the_same_assertions(parsed, alone):
    gens = [iter(extract(doc, aid, date=date)) for doc, aid, date in parsed]
    got: list[list[tuple]] = [[] for _ in gens]
    live = set(range(len(gens)))
    while live:  # one assertion of each article in turn
        for i in sorted(live):
            item = next(gens[i], None)
            if item is None:
                live.discard(i)
            else:
                got[i].append(_row(item))
    assert got == alone


def test_threads_give_the_same_assertions(parsed, alone):
    def run(item):
        doc, aid, date = item
        return [_row(a) for a in extract(doc, aid, date=date)]

    for _ in range(3):
        with ThreadPoolExecutor(max_workers=4) as pool:
            assert list(pool.map(run, parsed)) == alone


def test_extract_generator_works_on_a_doc(nlp):
    doc = run(nlp, "Russia attacked Ukraine.")
    out = list(extract(doc, "other", date="2024-02-24"))
    assert [(a.article, a.relation, a.date) for a in out] == [
        ("other", "attacks", "2024-02-24")
    ]


def test_doc_without_actor_spans_yields_nothing():
    import spacy

    doc = spacy.blank("en")("Russia attacked Ukraine.")
    assert list(extract(doc, "x")) == []


def test_extensions_are_registered():
    for name in ("kg_assertions", "kg_article_id", "kg_article_date"):
        assert Doc.has_extension(name)
