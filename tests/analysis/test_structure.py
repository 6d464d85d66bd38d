"""kg.analysis.structure: communities, paths, ego networks, balance, timelines.

The fixture: tests/data/analysis_four.trig (tests/data/analysis_sample.py).
"""

from __future__ import annotations

import networkx as nx
import pytest
from rdflib import Dataset

from kg.analysis import (
    actor_graph,
    balance,
    communities,
    ego,
    paths,
    signed_graph,
    timeline,
)
from kg.types import KGError
from tests.data.analysis_sample import four_dataset


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return four_dataset()


@pytest.fixture(scope="module")
def G(dataset) -> nx.MultiDiGraph:
    return actor_graph(dataset)


def test_communities_are_seeded_and_split_two_triangles():
    H = nx.MultiDiGraph(
        [("A", "B"), ("B", "C"), ("C", "A"), ("C", "D"), ("D", "E"), ("E", "F"),
         ("F", "D")]
    )  # fmt: skip
    assert communities(H, seed=1) == [["A", "B", "C"], ["D", "E", "F"]]
    assert communities(H, method="greedy") == [["A", "B", "C"], ["D", "E", "F"]]


def test_communities_partition_the_fixture(G):
    parts = communities(G, seed=7)
    assert sorted(n for p in parts for n in p) == ["HTS", "ISIS", "SYR", "US"]
    assert parts == communities(G, seed=7)


def test_paths_shortest_and_strongest(G):
    p = paths(G, "SYR", "HTS")
    assert p["hops"] == 2
    assert p["shortest"] == [["SYR", "ISIS", "HTS"], ["SYR", "US", "HTS"]]
    # via US: 1/3 + 1/1 = 4/3 < via ISIS: 1 + 1 = 2
    assert p["strongest"] == ["SYR", "US", "HTS"]
    assert p["cost"] == pytest.approx(4 / 3)
    assert p["steps"][0]["relations"] == [
        "US recognises SYR",
        "US sharesIntelligenceWith SYR",
    ]


def test_paths_accept_labels_and_reject_unknown_actors(G):
    assert paths(G, "Syria", "hts")["source"] == "SYR"
    with pytest.raises(KGError, match="unknown actor 'XYZ'"):
        paths(G, "XYZ", "US")


def test_paths_between_disconnected_actors():
    H = nx.MultiDiGraph([("A", "B"), ("C", "D")])
    p = paths(H, "A", "D")
    assert (p["hops"], p["shortest"], p["strongest"]) == (None, [], [])


def test_ego_network(G):
    E = ego(G, "HTS", depth=1)
    assert sorted(E) == ["HTS", "ISIS", "US"]
    assert E.nodes["US"]["distance"] == 1 and E.nodes["HTS"]["distance"] == 0
    assert set(E.edges(keys=True)) == {
        ("US", "HTS", "designates"),
        ("US", "ISIS", "opposes"),
        ("HTS", "ISIS", "opposes"),
    }
    assert "distance" not in G.nodes["US"]  # the input graph is untouched
    assert sorted(ego(G, "HTS", depth=2)) == ["HTS", "ISIS", "SYR", "US"]
    assert sorted(ego(G, "HTS", depth=0)) == ["HTS"]


def test_balance_finds_one_balanced_and_one_unbalanced_triad(G):
    b = balance(signed_graph(G))
    assert (b["total"], b["balanced"], b["unbalanced"]) == (2, 1, 1)
    assert b["share_balanced"] == 0.5
    unbalanced, balanced = b["triads"]
    # US, HTS and ISIS are pairwise enemies: - - - is unbalanced
    assert unbalanced["actors"] == ["HTS", "ISIS", "US"]
    assert unbalanced["balanced"] is False
    assert sorted(unbalanced["signs"].values()) == [-1, -1, -1]
    # US and SYR are friends with a common enemy ISIS: + - - is balanced
    assert (balanced["actors"], balanced["balanced"]) == (["ISIS", "SYR", "US"], True)
    assert sorted(balanced["signs"].values()) == [-1, -1, 1]


def test_balance_ignores_zero_sign_edges():
    S = nx.Graph()
    S.add_edge("A", "B", sign=0)
    S.add_edge("B", "C", sign=1)
    S.add_edge("A", "C", sign=1)
    assert balance(S) == {
        "triads": [], "total": 0, "balanced": 0, "unbalanced": 0,
        "share_balanced": None,
    }  # fmt: skip


# --------------------------------------------------------------------- timeline
def test_timeline_is_ordered_by_date_then_sentence(G):
    rows = timeline(G, "SYR", "US")
    assert [(r["date"], r["relation"], r["negated"]) for r in rows] == [
        ("2025-01-11", "sharesIntelligenceWith", False),
        ("2025-01-24", "sharesIntelligenceWith", False),
        ("2025-01-24", "recognises", True),
    ]
    assert rows[0]["evidence"].startswith("The US shared intelligence")
    assert rows[0]["attribution"] == "the Washington Post"
    assert timeline(G, "SYR", "HTS") == []
