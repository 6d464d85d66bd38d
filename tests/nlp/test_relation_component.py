"""kg.nlp.relations.component: the kg_relations component and ``extract()``.

The component keeps no state across documents: generators of several documents
consumed interleaved, or in parallel threads, give what each gives alone.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from kg.articles import load_articles
from kg.nlp.relations import extract
from tests.conftest import ROOT


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
