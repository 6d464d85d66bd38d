"""The collapsed actor graph, read straight from the aggregated edges.

The centralities and the communities need, of each pair of actors, only the
sum of its edges' mentions (or events): :func:`collapsed_graph` reads the
aggregated edges once (:func:`kg.analysis.graph.aggregated_edges`: one JSON
record per edge from the derived graphs) and sums them per pair in plain dicts,
without the multi-digraph of every edge and its attributes that
:func:`kg.analysis.actor_graph` builds (the view, the exports and the edge
lists need that one). The graph is
the one :func:`kg.analysis.measures.collapse` makes of
``counted(actor_graph(dataset, events=False), count)``: the same nodes with the
same attributes, the same weights, in the same order (so that the seeded
community detection finds the same communities).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx
from rdflib import Graph

from kg.analysis.graph import aggregated_edges, check_count, check_filters, node_attrs

#: The edge field each count weighs an edge by.
_WEIGHT = {"mentions": "mentions", "events": "event_count"}


def collapse_edges(
    edges: list[dict[str, Any]],
    actors: Mapping[str, dict[str, Any]],
    *,
    count: str = "mentions",
) -> nx.DiGraph:
    """The collapsed graph of aggregated edges (self-loops dropped, weights summed).

    Args:
        edges: Edges as :func:`kg.analysis.graph.aggregated_edges` returns them
            (filtered, in the order of their first event; each with ``source``,
            ``target``, ``mentions`` and ``event_count``).
        actors: Actor id -> record (:func:`kg.analysis.read.read_actors`).
        count: ``mentions`` or ``events``: what an edge weighs.

    Returns:
        A ``DiGraph`` whose edges carry ``weight``; ``graph`` holds ``count``,
        ``edges`` (the edges kept), ``events`` (their mentions) and ``mentions``
        (actor id -> the weight of every kept edge it is an end of, self-loops
        included).

    Examples:
        >>> e = [{"source": "A", "target": "B", "relation": "aids", "mentions": 2,
        ...       "event_count": 1, "first_event": "1"},
        ...      {"source": "A", "target": "B", "relation": "meetsWith",
        ...       "mentions": 1, "event_count": 1, "first_event": "2"}]
        >>> collapse_edges(e, {})["A"]["B"]["weight"]
        3
    """
    check_count(count)
    key = _WEIGHT[count]
    nodes: dict[str, None] = {}
    succ: dict[str, dict[str, int]] = {}
    mentions: Counter[str] = Counter()
    for e in edges:
        s, t, w = e["source"], e["target"], e[key]
        nodes[s] = nodes[t] = None
        mentions[s] += w
        if t != s:
            mentions[t] += w
            row = succ.setdefault(s, {})
            row[t] = row.get(t, 0) + w
    D = nx.DiGraph(count=count, edges=len(edges), mentions=dict(mentions),
                   events=sum(e["mentions"] for e in edges))  # fmt: skip
    D.add_nodes_from((n, node_attrs(n, actors)) for n in nodes)
    D.add_edges_from(
        (u, v, {"weight": w}) for u in nodes for v, w in succ.get(u, {}).items()
    )
    return D


def collapsed_graph(
    dataset: Graph,
    *,
    count: str = "mentions",
    since: str | None = None,
    until: str | None = None,
    relations: Iterable[str] | None = None,
    classes: Iterable[str] | None = None,
    countries: Iterable[str] | None = None,
    asserted_only: bool = False,
) -> nx.DiGraph:
    """The collapsed actor graph of a dataset (see :func:`collapse_edges`).

    The filters are those of :func:`kg.analysis.actor_graph`.

    Raises:
        KGError: on a bad filter or count (before the store is read).
    """
    check_count(count)
    filters = check_filters(since, until, relations, classes, countries)
    edges, actors = aggregated_edges(dataset, filters, asserted_only=asserted_only)
    return collapse_edges(edges, actors, count=count)


__all__ = ["collapse_edges", "collapsed_graph"]
