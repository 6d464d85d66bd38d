"""kg.analysis.kernels: betweenness and PageRank over arrays equal the loops."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from kg.analysis.kernels import betweenness, pagerank
from kg.types import KGError


def _graphs() -> list[nx.Graph]:
    out = []
    for seed in range(4):
        G = nx.gnm_random_graph(120, 200 + 150 * seed, seed=seed)
        G.add_nodes_from(["lonely", "pair-a", "pair-b"])  # isolated, and apart
        G.add_edge("pair-a", "pair-b")
        out.append(nx.relabel_nodes(G, str))
    return out


@pytest.mark.parametrize("G", _graphs())
def test_exact_betweenness_is_networkx(G):
    want = nx.betweenness_centrality(G, normalized=True)
    got = betweenness(G)
    assert list(got) == list(want)
    assert got == pytest.approx(want, abs=1e-12)
    assert max(got.values()) > 0  # not vacuous


@pytest.mark.parametrize("G", _graphs())
def test_estimated_betweenness_uses_the_same_sources(G):
    want = nx.betweenness_centrality(G, k=30, normalized=True, seed=42)
    assert betweenness(G, k=30, seed=42) == pytest.approx(want, abs=1e-12)
    other = betweenness(G, k=30, seed=7)  # other sources: another estimate
    assert other != pytest.approx(want, abs=1e-12)


def test_betweenness_of_tiny_graphs():
    assert betweenness(nx.Graph()) == {}
    assert betweenness(nx.path_graph(["A", "B"])) == {"A": 0.0, "B": 0.0}
    assert betweenness(nx.path_graph(["A", "B", "C"])) == {"A": 0.0, "B": 1.0, "C": 0.0}


def _pagerank_by_loops(D: nx.DiGraph, alpha: float = 0.85) -> dict[str, float]:
    """The power iteration written out (the definition the kernel follows)."""
    nodes, n = list(D), D.number_of_nodes()
    out_w = {u: sum(d["weight"] for _, _, d in D.out_edges(u, data=True)) for u in D}
    rank = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(1000):
        dangling = alpha * sum(rank[u] for u in nodes if out_w[u] == 0) / n
        new = dict.fromkeys(nodes, (1.0 - alpha) / n + dangling)
        for u, v, d in D.edges(data=True):
            new[v] += alpha * rank[u] * d["weight"] / out_w[u]
        err = sum(abs(new[u] - rank[u]) for u in nodes)
        rank = new
        if err < n * 1e-12:
            break
    return rank


@pytest.mark.parametrize("seed", range(3))
def test_pagerank_is_the_power_iteration(seed):
    D = nx.gnm_random_graph(150, 600, seed=seed, directed=True)
    for u, v in D.edges:
        D[u][v]["weight"] = 1 + (u * 7 + v) % 5
    D.add_node(999)  # dangling
    D = nx.relabel_nodes(D, str)
    got, want = pagerank(D), _pagerank_by_loops(D)
    assert got == pytest.approx(want, abs=1e-11)
    assert math.isclose(sum(got.values()), 1.0, abs_tol=1e-9)
    assert got["999"] < max(got.values())


def test_pagerank_that_cannot_converge_says_so():
    D = nx.DiGraph([("A", "B"), ("B", "C")])
    nx.set_edge_attributes(D, 1, "weight")
    assert pagerank(D, max_iter=1000)  # converges with enough steps
    with pytest.raises(KGError, match="did not converge in 1 iterations"):
        pagerank(D, max_iter=1)
