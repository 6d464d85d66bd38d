"""kg.analysis.scoring: score rows, ranking and the write-back into the store.

The fixture: tests/data/analysis_four.trig (tests/data/analysis_sample.py).
"""

from __future__ import annotations

import json

import networkx as nx
import pytest
from rdflib import Dataset, Graph, URIRef

from kg import analysis
from kg.analysis import (
    ANALYSIS_GRAPH,
    actor_graph,
    balance,
    signed_graph,
    write_scores,
)
from kg.types import KGError
from tests.data.analysis_sample import FOUR, KGNS, four_dataset


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return four_dataset()


@pytest.fixture(scope="module")
def G(dataset) -> nx.MultiDiGraph:
    return actor_graph(dataset)


# ---------------------------------------------------------------- scores, output
def test_scores_rows_are_json_serialisable(G):
    rows = analysis.scores(G)
    assert [r["id"] for r in rows] == ["ISIS", "SYR", "HTS", "US"]  # PageRank order
    json.dumps(rows)
    json.dumps(analysis.edge_rows(G))
    json.dumps(balance(signed_graph(G)))


def test_rank_top(G):
    top = analysis.rank(analysis.scores(G), "out-degree", top=2)
    assert [r["id"] for r in top] == ["US", "HTS"]  # ties broken by id


def test_costly_scores_are_computed_only_when_asked_for(G):
    from kg.analysis.measures import collapse

    D = collapse(G)
    cheap = analysis.collapsed_scores(D, costly=())
    assert all("betweenness" not in r and "community" not in r for r in cheap)
    # the twin: asked for, they are there, and the cheap scores are the same
    full = analysis.collapsed_scores(D)
    assert all("betweenness" in r and "community" in r for r in full)
    for a, b in zip(cheap, full, strict=True):
        assert a.items() <= b.items()


def articles(ds: Dataset) -> int:
    return sum(len(g) for g in ds.graphs() if g.identifier != ANALYSIS_GRAPH)


def test_write_scores_replaces_the_analysis_graph():
    ds = Dataset()
    ds.parse(FOUR, format="trig")
    G = actor_graph(ds)
    before = articles(ds)
    rows = analysis.scores(G)
    values = {
        "pagerank": {r["id"]: r["pagerank"] for r in rows},
        "degree": {r["id"]: r["degree"] for r in rows},
        "betweenness": {r["id"]: r["betweenness"] for r in rows},
        "community": {r["id"]: r["community"] for r in rows},
    }
    assert write_scores(ds, values) == 16
    assert write_scores(ds, values) == 16  # replaced, not added
    assert len(ds.graph(ANALYSIS_GRAPH)) == 16
    q = f"""SELECT ?a ?pr WHERE {{ GRAPH <{ANALYSIS_GRAPH}> {{
        ?a <{KGNS}pageRank> ?pr }} }} ORDER BY DESC(?pr)"""
    top = [(str(r.a), float(r.pr)) for r in ds.query(q)][0]
    assert top[0] == "https://w3id.org/kg-news/actor/ISIS"
    assert top[1] == pytest.approx(rows[0]["pagerank"])
    write_scores(ds, {"degree": {"US": 3}})
    assert len(ds.graph(ANALYSIS_GRAPH)) == 1
    # the article graphs are untouched and reading the actor graph ignores scores
    assert articles(ds) == before
    assert set(actor_graph(ds).edges(keys=True)) == set(G.edges(keys=True))


def test_write_scores_rejects_unknown_scores():
    with pytest.raises(KGError, match="unknown score 'fame'"):
        write_scores(Dataset(), {"fame": {"US": 1}})
    with pytest.raises(KGError, match="expected a store"):
        write_scores(Graph(), {"degree": {"US": 1}})


def test_write_scores_uses_kg_terms():
    ds = Dataset()
    write_scores(ds, {"community": {"US": 2}})
    (s, p, o) = next(iter(ds.graph(ANALYSIS_GRAPH)))
    assert p == URIRef(KGNS + "community") and o.toPython() == 2
