"""The structure of the actor graph: communities, paths, ego networks, balance,
and the timeline of a pair.

These use the undirected partner graph (:func:`kg.analysis.measures.undirected`):
distinct partners, no self-loops, weighted by mentions.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import Any

import networkx as nx

from kg.analysis.graph import actor_node, event_key
from kg.analysis.measures import undirected
from kg.types import KGError


def communities(
    G: nx.Graph, *, seed: int = 42, method: str = "louvain"
) -> list[list[str]]:
    """Communities of the undirected partner graph, weighted by mentions.

    Args:
        G: The graph of :func:`actor_graph`.
        seed: Random seed (Louvain is randomised; the same seed gives the same
            partition).
        method: ``louvain`` or ``greedy`` (greedy modularity, deterministic).

    Returns:
        Sorted member lists, the largest community first.

    Raises:
        KGError: on an unknown method.

    Examples:
        >>> G = nx.MultiDiGraph([("A", "B"), ("B", "C"), ("C", "A"), ("C", "D"),
        ...                      ("D", "E"), ("E", "F"), ("F", "D")])
        >>> communities(G)
        [['A', 'B', 'C'], ['D', 'E', 'F']]
    """
    return partition(undirected(G), seed=seed, method=method)


def partition(
    U: nx.Graph, *, seed: int = 42, method: str = "louvain"
) -> list[list[str]]:
    """The communities (see :func:`communities`) of a partner graph ``U``
    (:func:`kg.analysis.measures.partners` of a collapsed graph).

    Raises:
        KGError: on an unknown method.
    """
    if U.number_of_nodes() == 0:
        return []
    if method == "louvain":
        parts = nx.community.louvain_communities(U, weight="weight", seed=seed)
    elif method == "greedy":
        parts = nx.community.greedy_modularity_communities(U, weight="weight")
    else:
        raise KGError(
            f"unknown community method {method!r}; expected louvain or greedy"
        )
    return sorted((sorted(p) for p in parts), key=lambda p: (-len(p), p))


def community_map(parts: Sequence[Sequence[str]]) -> dict[str, int]:
    """Actor id -> community number (0 = the largest community).

    Examples:
        >>> community_map([["A", "B"], ["C"]])
        {'A': 0, 'B': 0, 'C': 1}
    """
    return {n: i for i, part in enumerate(parts) for n in part}


def paths(
    G: nx.MultiDiGraph, source: str, target: str, *, limit: int = 10
) -> dict[str, Any]:
    """Shortest and strongest paths between two actors (direction ignored).

    The shortest paths have the fewest hops; the strongest path minimises the sum
    of ``1 / mentions`` over its steps (so it prefers heavily reported ties).

    Args:
        G: The graph of :func:`actor_graph`.
        source: Actor id (or exact label).
        target: Actor id (or exact label).
        limit: At most this many shortest paths.

    Returns:
        ``{"source", "target", "hops", "shortest": [[ids]], "strongest": [ids],
        "cost", "steps": [{"from", "to", "mentions", "relations"}]}``; ``hops``
        is None and the lists are empty when the actors are not connected.

    Raises:
        KGError: when an actor is not in the graph.
    """
    source = actor_node(G, source, "paths")
    target = actor_node(G, target, "paths")
    U = undirected(G)
    out: dict[str, Any] = {
        "source": source, "target": target, "hops": None, "shortest": [],
        "strongest": [], "cost": None, "steps": [],
    }  # fmt: skip
    if not nx.has_path(U, source, target):
        return out
    found = nx.all_shortest_paths(U, source, target)
    out["shortest"] = [list(p) for p in itertools.islice(found, limit)]
    out["shortest"].sort()
    out["hops"] = len(out["shortest"][0]) - 1
    for _, _, d in U.edges(data=True):
        d["cost"] = 1.0 / max(d["weight"], 1e-9)
    cost, best = nx.single_source_dijkstra(U, source, target, weight="cost")
    out["strongest"], out["cost"] = list(best), cost
    for u, v in itertools.pairwise(best):
        fwd = [f"{u} {r} {v}" for r in sorted(G[u][v])] if G.has_edge(u, v) else []
        back = [f"{v} {r} {u}" for r in sorted(G[v][u])] if G.has_edge(v, u) else []
        out["steps"].append(
            {"from": u, "to": v, "mentions": U[u][v]["weight"], "relations": fwd + back}
        )
    return out


def ego(G: nx.MultiDiGraph, actor: str, *, depth: int = 2) -> nx.MultiDiGraph:
    """The ego network: actors within ``depth`` steps (either direction).

    Returns a new graph (the input is not modified); node attribute ``distance``
    is the number of steps from the actor.

    Raises:
        KGError: when the actor is not in the graph or depth < 0.

    Examples:
        >>> G = nx.MultiDiGraph([("A", "B"), ("C", "B"), ("C", "D")])
        >>> sorted(ego(G, "A", depth=2))
        ['A', 'B', 'C']
    """
    actor = actor_node(G, actor, "ego")
    if depth < 0:
        raise KGError(f"bad depth {depth}; expected 0 or more")
    dist = {actor: 0}  # breadth first over both directions, no undirected copy
    frontier = [actor]
    for step in range(1, depth + 1):
        reached = [m for n in frontier for m in (*G.succ[n], *G.pred[n])
                   if m not in dist]  # fmt: skip
        frontier = list(dict.fromkeys(reached))
        dist.update((m, step) for m in frontier)
        if not frontier:
            break
    H = G.subgraph(dist).copy()
    for n, d in dist.items():
        H.nodes[n]["distance"] = d
    return H


def balance(S: nx.Graph) -> dict[str, Any]:
    """Structural balance of the signed triads (triangles) of a signed graph.

    A triangle is balanced when the product of its three signs is positive ("the
    enemy of my enemy is my friend"); edges with sign 0 (as much cooperation as
    conflict) are left out.

    Args:
        S: The graph of :func:`signed_graph`.

    Returns:
        ``{"triads": [{"actors", "signs", "balanced"}], "total", "balanced",
        "unbalanced", "share_balanced"}`` (share is None without triads).

    Examples:
        >>> S = nx.Graph()
        >>> S.add_edge("A", "B", sign=1); S.add_edge("B", "C", sign=-1)
        >>> S.add_edge("A", "C", sign=-1)
        >>> balance(S)["share_balanced"]
        1.0
    """
    signed = nx.Graph()
    signed.add_edges_from(
        (u, v, {"sign": d["sign"]}) for u, v, d in S.edges(data=True) if d.get("sign")
    )
    order = {n: i for i, n in enumerate(sorted(signed.nodes, key=str))}
    triads = []
    for u, v in signed.edges:
        a, b = sorted((u, v), key=order.__getitem__)
        for c in set(signed[a]) & set(signed[b]):
            if order[c] > order[b]:
                signs = {
                    f"{a}-{b}": signed[a][b]["sign"],
                    f"{b}-{c}": signed[b][c]["sign"],
                    f"{a}-{c}": signed[a][c]["sign"],
                }
                product = math.prod(signs.values())
                triads.append({"actors": [a, b, c], "signs": signs,
                               "balanced": product > 0})  # fmt: skip
    triads.sort(key=lambda t: (t["balanced"], t["actors"]))
    good = sum(t["balanced"] for t in triads)
    return {
        "triads": triads,
        "total": len(triads),
        "balanced": good,
        "unbalanced": len(triads) - good,
        "share_balanced": good / len(triads) if triads else None,
    }


def timeline(G: nx.MultiDiGraph, a: str, b: str) -> list[dict[str, Any]]:
    """Every event between two actors (both directions), oldest first.

    Undated events come last. Each row is an event dict (see
    :func:`kg.analysis.read.read_events`).

    Raises:
        KGError: when an actor is not in the graph.
    """
    a = actor_node(G, a, "timeline")
    b = actor_node(G, b, "timeline")
    rows = []
    for u, v in {(a, b), (b, a)}:
        if G.has_edge(u, v):
            for data in G[u][v].values():
                rows.extend(data.get("events", ()))
    return sorted(rows, key=event_key)


__all__ = [
    "balance",
    "communities",
    "community_map",
    "ego",
    "partition",
    "paths",
    "timeline",
]
