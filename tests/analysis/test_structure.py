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


def _balance_by_hand(S: nx.Graph) -> dict:
    """Every triangle of the signed edges, by brute force (the reference)."""
    import itertools
    import math

    sign = {frozenset((u, v)): d["sign"] for u, v, d in S.edges(data=True)
            if d.get("sign")}  # fmt: skip
    nodes = sorted({n for pair in sign for n in pair})
    triads = []
    for a, b, c in itertools.combinations(nodes, 3):
        pairs = [(a, b), (b, c), (a, c)]
        if all(frozenset(p) in sign for p in pairs):
            signs = {f"{x}-{y}": sign[frozenset((x, y))] for x, y in pairs}
            triads.append({"actors": [a, b, c], "signs": signs,
                           "balanced": math.prod(signs.values()) > 0})  # fmt: skip
    triads.sort(key=lambda t: (t["balanced"], t["actors"]))
    good = sum(t["balanced"] for t in triads)
    return {"triads": triads, "total": len(triads), "balanced": good,
            "unbalanced": len(triads) - good,
            "share_balanced": good / len(triads) if triads else None}  # fmt: skip


def _random_signed(seed: int, n: int = 16, p: float = 0.5) -> nx.Graph:
    import random

    rng = random.Random(seed)
    S = nx.Graph()
    for u in range(n):
        for v in range(u + 1, n):
            if rng.random() < p:
                S.add_edge(f"n{u:02d}", f"n{v:02d}", sign=rng.choice((-1, 0, 1)))
    return S


@pytest.mark.parametrize("seed", range(8))
def test_balance_counts_and_lists_every_triangle_as_brute_force_does(seed):
    S = _random_signed(seed)
    expected = _balance_by_hand(S)
    assert expected["total"] > 10  # the random graphs have triangles of both kinds
    assert 0 < expected["balanced"] < expected["total"]
    assert balance(S) == expected


@pytest.mark.parametrize("limit", [1, 3, 10_000])
def test_balance_limit_lists_the_first_triads_and_counts_all(limit):
    S = _random_signed(3)
    expected = _balance_by_hand(S)
    b = balance(S, limit=limit)
    assert b["triads"] == expected["triads"][:limit]
    assert (b["total"], b["balanced"]) == (expected["total"], expected["balanced"])


def test_balance_limit_past_the_unbalanced_triads_lists_balanced_ones():
    S = nx.Graph()
    S.add_edges_from([("A", "B"), ("B", "C"), ("A", "C")], sign=-1)  # unbalanced
    S.add_edges_from([("C", "D"), ("D", "E"), ("C", "E")], sign=1)  # balanced
    b = balance(S, limit=2)
    assert [(t["actors"], t["balanced"]) for t in b["triads"]] == [
        (["A", "B", "C"], False),
        (["C", "D", "E"], True),
    ]
    assert [t["actors"] for t in balance(S, limit=1)["triads"]] == [["A", "B", "C"]]


def test_signed_graph_of_a_dataset_is_that_of_its_actor_graph(dataset):
    """The dataset path reads aggregated edges; the graph path folds events."""
    for filters in ({}, {"relations": ["opposes"]}, {"asserted_only": True}):
        from_store = signed_graph(dataset, **filters)
        from_graph = signed_graph(actor_graph(dataset, **filters))
        assert list(from_store.nodes(data=True)) == list(from_graph.nodes(data=True))
        assert list(from_store.edges(data=True)) == list(from_graph.edges(data=True))
        assert from_store.number_of_edges() > 0


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
