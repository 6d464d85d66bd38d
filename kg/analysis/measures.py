"""Node measures of the actor graph: degrees, PageRank and betweenness.

Structural measures (degree, betweenness) use the simple graph of distinct
partners without self-loops; PageRank uses the directed simple graph weighted by
the number of mentions.
"""

from __future__ import annotations

import logging

import networkx as nx

from kg.analysis import kernels
from kg.analysis.kernels import pagerank
from kg.types import KGError
from kg.vocab import CENTRALITIES

log = logging.getLogger("kg")

#: Above this many actors betweenness is estimated from :data:`PIVOTS` sources
#: (Brandes' algorithm costs actors x partner pairs: minutes at 2,000 actors).
EXACT_BETWEENNESS = 1000
#: Sources (a seeded sample) of the estimated betweenness.
PIVOTS = 256

#: Node measures accepted by :func:`centrality`.


def collapse(G: nx.MultiDiGraph, *, weight: str = "mentions") -> nx.DiGraph:
    """The directed simple graph of an actor graph: parallel edges summed.

    Self-loops are dropped; an edge without the weight attribute counts 1.

    Examples:
        >>> G = nx.MultiDiGraph()
        >>> G.add_edge("A", "B", key="x", mentions=2); G.add_edge("A", "B", key="y")
        'x'
        'y'
        >>> collapse(G)["A"]["B"]["weight"]
        3
    """
    D = nx.DiGraph()
    D.add_nodes_from(G.nodes(data=True))
    for u, v, data in G.edges(data=True):
        if u == v:
            continue
        w = data.get(weight, 1)
        if D.has_edge(u, v):
            D[u][v]["weight"] += w
        else:
            D.add_edge(u, v, weight=w)
    return D


def undirected(G: nx.MultiDiGraph, *, weight: str = "mentions") -> nx.Graph:
    """The undirected partner graph: both directions summed into one weight.

    Examples:
        >>> G = nx.MultiDiGraph([("A", "B"), ("B", "A"), ("A", "A")])
        >>> undirected(G)["A"]["B"]["weight"]
        2
    """
    return partners(collapse(G, weight=weight))


def partners(D: nx.DiGraph) -> nx.Graph:
    """The undirected partner graph of a collapsed graph (:func:`collapse`)."""
    U = nx.Graph()
    U.add_nodes_from(D.nodes(data=True))
    for u, v, data in D.edges(data=True):
        if U.has_edge(u, v):
            U[u][v]["weight"] += data["weight"]
        else:
            U.add_edge(u, v, weight=data["weight"])
    return U


def centrality(
    G: nx.MultiDiGraph,
    measure: str = "pagerank",
    *,
    weight: str = "mentions",
    alpha: float = 0.85,
) -> dict[str, float]:
    """A node measure of an actor graph, keyed by actor id (in node order).

    - ``degree``: distinct partners, either direction; ``in-degree``: distinct
      actors acting on it; ``out-degree``: distinct actors it acts on.
    - ``pagerank``: PageRank of the directed graph weighted by mentions.
    - ``betweenness``: normalised betweenness of the undirected partner graph;
      above :data:`EXACT_BETWEENNESS` actors, estimated from :data:`PIVOTS`
      sources chosen with a fixed seed (networkx's ``k``), and logged so.

    Args:
        G: The graph of :func:`actor_graph`.
        measure: One of :data:`CENTRALITIES`.
        weight: Edge attribute summed over parallel edges (PageRank weights).
        alpha: PageRank damping factor.

    Raises:
        KGError: on an unknown measure.

    Examples:
        >>> G = nx.MultiDiGraph([("A", "B"), ("A", "B"), ("C", "B")])
        >>> centrality(G, "in-degree"), centrality(G, "out-degree")
        ({'A': 0, 'B': 2, 'C': 0}, {'A': 1, 'B': 0, 'C': 1})
    """
    return of_views(collapse(G, weight=weight), measure, alpha=alpha)


def of_views(
    D: nx.DiGraph, measure: str, *, U: nx.Graph | None = None, alpha: float = 0.85
) -> dict[str, float]:
    """A node measure (see :func:`centrality`) of an actor graph's collapsed
    graph ``D``; betweenness reads its partner graph ``U``, ``partners(D)`` when
    not given (so that several measures can share it)."""
    if measure == "degree":
        return {n: len(set(D.predecessors(n)) | set(D.successors(n))) for n in D}
    if measure == "in-degree":
        return {n: D.in_degree(n) for n in D}
    if measure == "out-degree":
        return {n: D.out_degree(n) for n in D}
    if measure == "pagerank":
        if D.number_of_nodes() == 0:
            return {}
        return pagerank(D, alpha=alpha)
    if measure != "betweenness":
        raise KGError(
            f"unknown measure {measure!r}; expected one of {list(CENTRALITIES)}"
        )
    if U is None:
        U = partners(D)
    if U.number_of_nodes() <= EXACT_BETWEENNESS:
        return kernels.betweenness(U)
    log.info("betweenness estimated from %d of %d actors", PIVOTS, U.number_of_nodes())
    return kernels.betweenness(U, k=PIVOTS, seed=42)


__all__ = [
    "CENTRALITIES",
    "centrality",
    "collapse",
    "of_views",
    "pagerank",
    "partners",
    "undirected",
]
