"""The structure of the actor graph: communities, paths, ego networks, balance,
and the timeline of a pair.

These use the undirected partner graph (:func:`kg.analysis.measures.undirected`):
distinct partners, no self-loops, weighted by mentions.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import networkx as nx
from rdflib import Graph

from kg.analysis.edges import paused_gc
from kg.analysis.graph import (
    actor_node,
    aggregated_edges,
    as_actor_graph,
    check_filters,
    event_key,
    graph_order,
)
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

    def relations(u: str, v: str) -> list[str]:
        return sorted(G[u][v]) if G.has_edge(u, v) else []

    return partner_paths(undirected(G), source, target, relations, limit=limit)


def partner_paths(
    U: nx.Graph,
    source: str,
    target: str,
    relations: Callable[[str, str], list[str]],
    *,
    limit: int = 10,
) -> dict[str, Any]:
    """The paths of :func:`paths` in a partner graph ``U`` (weights summed over
    both directions: :func:`kg.analysis.measures.partners`) between two of its
    actors; ``relations(u, v)`` names the relations from ``u`` to ``v`` (sorted)
    for the steps of the strongest path."""
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
        fwd = [f"{u} {r} {v}" for r in relations(u, v)]
        back = [f"{v} {r} {u}" for r in relations(v, u)]
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


# ------------------------------------------------------------------------ signed
#: An edge of :func:`signed_edges`: source, target, relation, quad class, asserted
#: mentions.
SignedEdge = tuple[str, str, str, int, int]


def signed_graph(source: Graph | nx.MultiDiGraph, **filters: Any) -> nx.Graph:
    """The undirected signed graph: cooperation +, conflict -, asserted events only.

    Each asserted event adds +1 to the weight of its pair when its quad class is 1
    or 2 (cooperation) and -1 when it is 3 or 4 (conflict); self-loops and
    unclassified events are skipped. Edge attributes: ``weight``, ``sign``
    (-1, 0 or +1), ``positive`` and ``negative`` (event counts) and ``relations``.

    Args:
        source: A dataset (its aggregated edges are read:
            :func:`kg.analysis.graph.aggregated_edges`) or an actor graph.
        **filters: The filters of :func:`kg.analysis.actor_graph` (``since``,
            ``until``, ``relations``, ``classes``, ``countries``).

    Examples:
        >>> G = nx.MultiDiGraph()
        >>> G.add_edge("A", "B", key="aids", quad_class=2, asserted=3)
        'aids'
        >>> G.add_edge("B", "A", key="accuses", quad_class=3, asserted=1)
        'accuses'
        >>> S = signed_graph(G)
        >>> S["A"]["B"]["weight"], S["A"]["B"]["sign"]
        (2, 1)
    """
    if isinstance(source, Graph):  # the aggregated edges have the counts it needs
        asserted_only = bool(filters.pop("asserted_only", False))
        found, actors = aggregated_edges(
            source, check_filters(**filters), asserted_only=asserted_only,
            fields=("quad_class", "asserted"),
        )  # fmt: skip
        with paused_gc():
            nodes, edges = graph_order(found, actors)
            return signed_edges(
                nodes.items(),
                ((e["source"], e["target"], e["relation"], e["quad_class"] or 0,
                  e["asserted"]) for e in edges),
            )  # fmt: skip
    G = as_actor_graph(source, **filters)
    return signed_edges(
        G.nodes(data=True),
        ((u, v, key, d.get("quad_class") or 0, d.get("asserted", 0))
         for u, v, key, d in G.edges(keys=True, data=True)),
    )  # fmt: skip


def signed_edges(
    nodes: Iterable[tuple[str, dict[str, Any]]], edges: Iterable[SignedEdge]
) -> nx.Graph:
    """The signed graph (see :func:`signed_graph`) of some nodes and edges.

    Args:
        nodes: (actor id, attributes), in the order the graph gets them.
        edges: (source, target, relation, quad class, asserted mentions), in
            the order of the actor graph's edges.

    Examples:
        >>> S = signed_edges([("A", {}), ("B", {})],
        ...                  [("A", "B", "aids", 2, 3), ("B", "A", "accuses", 3, 1)])
        >>> S["A"]["B"]["positive"], S["A"]["B"]["negative"], S["A"]["B"]["sign"]
        (3, 1, 1)
    """
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for u, v, key, quad, count in edges:
        if u == v or not count or quad not in (1, 2, 3, 4):
            continue
        e = pairs.get((u, v)) or pairs.get((v, u))
        if e is None:
            e = pairs[u, v] = {"weight": 0, "positive": 0, "negative": 0,
                               "relations": set()}  # fmt: skip
        e["positive" if quad <= 2 else "negative"] += count
        e["weight"] += count if quad <= 2 else -count
        e["relations"].add(key)
    S = nx.Graph()
    S.add_nodes_from(nodes)
    for e in pairs.values():
        e["relations"] = sorted(e["relations"])
        e["sign"] = (e["weight"] > 0) - (e["weight"] < 0)
    S.add_edges_from((u, v, e) for (u, v), e in pairs.items())
    return S


# ----------------------------------------------------------------------- balance
def _members(bits: int) -> Iterator[int]:
    """The positions of the set bits of ``bits``, lowest first."""
    while bits:
        low = bits & -bits
        yield low.bit_length() - 1
        bits ^= low


class _Signs:
    """The signed edges of a graph as bit sets over its actors sorted by id.

    ``pos[i]`` and ``neg[i]`` hold the partners of actor ``i`` with a positive
    and a negative sign; ``hpos[i]`` and ``hneg[i]`` those after ``i``. A
    triangle ``a < b < c`` is found once, from its edge ``(a, b)``: ``c`` is a
    partner of ``a`` after ``b``.
    """

    def __init__(self, S: nx.Graph) -> None:
        signed = [(u, v, d["sign"]) for u, v, d in S.edges(data=True) if d.get("sign")]
        self.names = sorted({n for u, v, _ in signed for n in (u, v)}, key=str)
        index = {n: i for i, n in enumerate(self.names)}
        self.pos, self.neg = [0] * len(index), [0] * len(index)
        self.sign: dict[tuple[int, int], Any] = {}
        for u, v, sign in signed:
            i, j = index[u], index[v]
            side = self.pos if sign > 0 else self.neg
            side[i] |= 1 << j
            side[j] |= 1 << i
            self.sign[i, j] = self.sign[j, i] = sign
        self.hpos = [bits >> (i + 1) << (i + 1) for i, bits in enumerate(self.pos)]
        self.hneg = [bits >> (i + 1) << (i + 1) for i, bits in enumerate(self.neg)]

    def edges(self) -> Iterator[tuple[int, int, int, int]]:
        """Every edge ``(a, b)``, ``a < b``, in order, with the bit sets of the
        third actors ``c > b`` of its balanced and of its unbalanced triangles."""
        for a, (pos, neg) in enumerate(zip(self.pos, self.neg, strict=True)):
            for b in _members(self.hpos[a] | self.hneg[a]):
                same = (pos & self.hpos[b]) | (neg & self.hneg[b])
                differ = (pos & self.hneg[b]) | (neg & self.hpos[b])
                if self.sign[a, b] > 0:  # + + + and + - - are balanced
                    yield a, b, same, differ
                else:
                    yield a, b, differ, same

    def triad(self, a: int, b: int, c: int, balanced: bool) -> dict[str, Any]:
        x, y, z = self.names[a], self.names[b], self.names[c]
        signs = {f"{x}-{y}": self.sign[a, b], f"{y}-{z}": self.sign[b, c],
                 f"{x}-{z}": self.sign[a, c]}  # fmt: skip
        return {"actors": [x, y, z], "signs": signs, "balanced": balanced}

    def triads(self, balanced: bool, limit: float) -> list[dict[str, Any]]:
        """The first ``limit`` balanced (or unbalanced) triads by their actors."""
        out: list[dict[str, Any]] = []
        for a, b, good, bad in self.edges():
            for c in _members(good if balanced else bad):
                if len(out) >= limit:
                    return out
                out.append(self.triad(a, b, c, balanced))
        return out


def balance(S: nx.Graph, *, limit: int | None = None) -> dict[str, Any]:
    """Structural balance of the signed triads (triangles) of a signed graph.

    A triangle is balanced when the product of its three signs is positive ("the
    enemy of my enemy is my friend"); edges with sign 0 (as much cooperation as
    conflict) are left out. The triangles are counted over bit sets of each
    actor's partners (a million triads in about a second), and only the triads
    listed are built as dicts.

    Args:
        S: The graph of :func:`signed_graph`.
        limit: List only the first ``limit`` triads (the counts are of all).

    Returns:
        ``{"triads": [{"actors", "signs", "balanced"}], "total", "balanced",
        "unbalanced", "share_balanced"}`` (share is None without triads); the
        triads unbalanced first, then by their actors (sorted ids).

    Examples:
        >>> S = nx.Graph()
        >>> S.add_edge("A", "B", sign=1); S.add_edge("B", "C", sign=-1)
        >>> S.add_edge("A", "C", sign=-1)
        >>> balance(S)["share_balanced"]
        1.0
    """
    signs = _Signs(S)
    good = bad = 0
    for _, _, balanced, unbalanced in signs.edges():
        good += balanced.bit_count()
        bad += unbalanced.bit_count()
    cap = math.inf if limit is None else limit
    triads = signs.triads(False, cap)
    triads += signs.triads(True, cap - len(triads))
    total = good + bad
    return {
        "triads": triads,
        "total": total,
        "balanced": good,
        "unbalanced": bad,
        "share_balanced": good / total if total else None,
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
    "partner_paths",
    "paths",
    "signed_edges",
    "signed_graph",
    "timeline",
]
