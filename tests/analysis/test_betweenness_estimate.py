"""kg.analysis.measures: betweenness is exact up to 1,000 actors, estimated above."""

from __future__ import annotations

import logging

import networkx as nx
import pytest

from kg.analysis.measures import EXACT_BETWEENNESS, PIVOTS, centrality, undirected


def _ring(n: int) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for i in range(n):
        G.add_edge(f"A{i}", f"A{(i + 1) % n}", key="aids", mentions=1 + i % 3)
        G.add_edge(f"A{i}", f"A{(i * 7) % n}", key="meetsWith", mentions=1)
    return G


def test_a_big_graph_gets_a_seeded_estimate_and_says_so(caplog):
    G = _ring(EXACT_BETWEENNESS + 50)
    with caplog.at_level(logging.INFO, logger="kg"):
        got = centrality(G, "betweenness")
    want = nx.betweenness_centrality(undirected(G), k=PIVOTS, normalized=True, seed=42)
    assert got == pytest.approx(want)
    assert got == centrality(G, "betweenness")  # the same estimate every time
    assert f"estimated from {PIVOTS} of {EXACT_BETWEENNESS + 50} actors" in caplog.text


def test_a_graph_up_to_the_limit_is_exact(caplog):
    G = _ring(EXACT_BETWEENNESS)
    with caplog.at_level(logging.INFO, logger="kg"):
        got = centrality(G, "betweenness")
    exact = nx.betweenness_centrality(undirected(G), normalized=True)
    assert got == pytest.approx(exact)
    assert "estimated" not in caplog.text
