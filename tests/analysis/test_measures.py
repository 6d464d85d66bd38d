"""kg.analysis.measures: degrees, PageRank and betweenness by hand.

The fixture: tests/data/analysis_four.trig (tests/data/analysis_sample.py).
"""

from __future__ import annotations

import networkx as nx
import pytest
from rdflib import Dataset

from kg import analysis
from kg.analysis import (
    actor_graph,
    centrality,
)
from kg.types import KGError
from tests.data.analysis_sample import four_dataset


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return four_dataset()


@pytest.fixture(scope="module")
def G(dataset) -> nx.MultiDiGraph:
    return actor_graph(dataset)


def power_iteration(edges: dict[tuple[str, str], float], nodes, alpha=0.85):
    """An independent, deliberately naive PageRank (dangling mass spread evenly)."""
    n = len(nodes)
    out = {u: sum(w for (a, _), w in edges.items() if a == u) for u in nodes}
    pr = {u: 1 / n for u in nodes}
    for _ in range(500):
        dangling = sum(pr[u] for u in nodes if not out[u])
        pr = {
            v: (1 - alpha) / n
            + alpha * dangling / n
            + alpha * sum(pr[u] * w / out[u] for (u, t), w in edges.items() if t == v)
            for v in nodes
        }
    return pr


# --------------------------------------------------------------------- measures
def test_degrees_count_distinct_partners(G):
    assert centrality(G, "degree") == {"US": 3, "SYR": 2, "HTS": 2, "ISIS": 3}
    assert centrality(G, "in-degree") == {"US": 0, "SYR": 1, "HTS": 1, "ISIS": 3}
    assert centrality(G, "out-degree") == {"US": 3, "SYR": 1, "HTS": 1, "ISIS": 0}


def test_pagerank_matches_an_independent_power_iteration(G):
    # collapsed weights: US->SYR 3 (2 intelligence + 1 negated recognition)
    edges = {("US", "SYR"): 3, ("US", "HTS"): 1, ("US", "ISIS"): 1,
             ("HTS", "ISIS"): 1, ("SYR", "ISIS"): 1}  # fmt: skip
    expected = power_iteration(edges, ["US", "SYR", "HTS", "ISIS"])
    pr = centrality(G, "pagerank")
    assert pr == pytest.approx(expected, abs=1e-9)
    assert sum(pr.values()) == pytest.approx(1.0)
    # by hand: US has no in-links, so it only gets the teleport and the dangling
    # share of ISIS; HTS gets that plus 1/5 of US's weighted out-flow.
    assert pr["US"] == pytest.approx(0.15 / 4 + 0.85 * pr["ISIS"] / 4)
    assert pr["HTS"] == pytest.approx(pr["US"] * (1 + 0.85 / 5))
    assert max(pr, key=pr.get) == "ISIS"


def test_pagerank_agrees_with_networkx_reference(G):
    ref = pytest.importorskip("networkx.algorithms.link_analysis.pagerank_alg")
    expected = ref._pagerank_python(analysis.collapse(G), weight="weight", tol=1e-12)
    assert centrality(G, "pagerank") == pytest.approx(expected, abs=1e-9)


def test_betweenness_by_hand(G):
    # only SYR-HTS is not adjacent; its two shortest paths go via US and via ISIS:
    # 1/2 each, normalised by (n-1)(n-2)/2 = 3.
    assert centrality(G, "betweenness") == pytest.approx(
        {"US": 1 / 6, "SYR": 0.0, "HTS": 0.0, "ISIS": 1 / 6}
    )


def test_unknown_measure(G):
    with pytest.raises(KGError, match="unknown measure 'fame'"):
        centrality(G, "fame")
