"""The collapsed actor graph, read straight from the aggregated edges.

The centralities and the communities need, of each pair of actors, only the
sum of its edges' mentions (or events): :func:`collapsed_graph` reads each
directed dyad's edges summed (:func:`kg.analysis.edges.dyad_totals`: one JSON
array per dyad from the derived graphs), or, with a filter, the aggregated
edges (:func:`kg.analysis.graph.aggregated_edges`, of which it keeps the two
counts), and sums them per pair in plain dicts, without the multi-digraph of
every edge and its attributes that :func:`kg.analysis.actor_graph` builds (the
view and the edge lists need that one). The graph is
the one :func:`kg.analysis.measures.collapse` makes of
``counted(actor_graph(dataset, events=False), count)``: the same nodes with the
same attributes, the same weights, in the same order (so that the seeded
community detection finds the same communities).

:func:`store_paths` and :func:`store_ego` answer ``kg analyze --measure paths``
and ``ego`` from it: the paths of :func:`kg.analysis.structure.paths` in its
partner graph, and an ego network's actors, of which only the edges listed
become a multi-digraph.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from operator import itemgetter
from typing import Any

import networkx as nx
from rdflib import Graph

from kg.analysis.edges import dyad_edges, dyad_totals, paused_gc
from kg.analysis.graph import (
    actor_node,
    aggregated_edges,
    attach_events,
    check_count,
    check_filters,
    counted,
    edges_graph,
    node_attrs,
)
from kg.analysis.measures import partners
from kg.analysis.read import read_actors
from kg.analysis.rows import row_order
from kg.analysis.structure import ego, partner_paths
from kg.rdf import derived

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
            ``target``, ``mentions`` and ``event_count``), or the edges of each
            dyad summed (:func:`kg.analysis.edges.dyad_totals`: ``edges`` says
            how many each stands for), in the order of their first event.
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
    D = nx.DiGraph(count=count, edges=sum(e.get("edges", 1) for e in edges),
                   mentions=dict(mentions),
                   events=sum(e["mentions"] for e in edges))  # fmt: skip
    D.add_nodes_from((n, node_attrs(n, actors)) for n in nodes)
    D.add_edges_from(
        (u, v, {"weight": w}) for u in nodes for v, w in succ.get(u, {}).items()
    )
    return D


#: The counts of an edge the collapsed graph weighs it by.
_COUNTS = ("mentions", "event_count")


def _read(
    dataset: Graph,
    count: str,
    filters: dict[str, Any],
    *,
    fields: Sequence[str] | None = _COUNTS,
) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]], dict[str, Any]]:
    """The aggregated edges (each with ``fields``, None: all), the actors and
    the checked filters (with ``asserted_only``) of ``collapsed_graph``'s
    keyword arguments."""
    check_count(count)
    asserted_only = bool(filters.pop("asserted_only", False))
    checked = check_filters(**filters)
    edges, actors = aggregated_edges(
        dataset, checked, asserted_only=asserted_only, fields=fields
    )
    return edges, actors, {**checked, "asserted_only": asserted_only}


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
    filters = {"since": since, "until": until, "relations": relations,
               "classes": classes, "countries": countries,
               "asserted_only": asserted_only}  # fmt: skip
    if not any(filters.values()) and derived.is_fresh(dataset):
        check_count(count)  # each dyad's edges summed as they are read
        edges, actors = dyad_totals(dataset), read_actors(dataset)
        edges.sort(key=itemgetter("first_event"))
    else:
        edges, actors, _ = _read(dataset, count, filters)
    with paused_gc():
        return collapse_edges(edges, actors, count=count)


def store_paths(
    dataset: Graph,
    source: str,
    target: str,
    *,
    count: str = "mentions",
    limit: int = 10,
    **filters: Any,
) -> dict[str, Any]:
    """The paths of :func:`kg.analysis.structure.paths` between two actors of a
    dataset, found in its collapsed graph (the actor graph is not built).

    Args:
        dataset: The store.
        source: Actor id (or exact label).
        target: Actor id (or exact label).
        count: ``mentions`` or ``events``: what a step weighs.
        limit: At most this many shortest paths.
        **filters: The filters of :func:`kg.analysis.actor_graph`.

    Raises:
        KGError: on a bad filter or count, or an actor not in the graph.
    """
    edges, actors, _ = _read(dataset, count, filters)
    with paused_gc():
        D = collapse_edges(edges, actors, count=count)
        source = actor_node(D, source, "paths")
        target = actor_node(D, target, "paths")
        named: dict[tuple[str, str], list[str]] = {}
        for e in edges:
            named.setdefault((e["source"], e["target"]), []).append(e["relation"])

        def relations(u: str, v: str) -> list[str]:
            return sorted(named.get((u, v), ()))

        return partner_paths(partners(D), source, target, relations, limit=limit)


def store_ego(
    dataset: Graph,
    actor: str,
    *,
    depth: int = 2,
    count: str = "mentions",
    top: int | None = None,
    evidence: bool = False,
    **filters: Any,
) -> nx.MultiDiGraph:
    """The ego network of :func:`kg.analysis.structure.ego` in a dataset, or the
    ``top`` edges of it (those :func:`kg.analysis.rows.edge_rows` lists first).

    The actors within ``depth`` steps are found in the collapsed graph; only
    the edges kept become a multi-digraph (counted by ``count``:
    :func:`kg.analysis.graph.counted`), with their evidence when asked
    (:func:`kg.analysis.graph.attach_events`). Its nodes are the ends of the
    edges kept (all the ego's actors when ``top`` is None), each with its
    ``distance``.

    Raises:
        KGError: on a bad filter or count, an actor not in the graph, or a
            negative depth.
    """
    # only the edges listed need every attribute: from their dyads' derived
    # graphs when those hold them (no date or assertion filter)
    lean = (
        top is not None
        and derived.is_fresh(dataset)
        and not any(filters.get(k) for k in ("since", "until", "asserted_only"))
    )
    edges, actors, checked = _read(
        dataset, count, filters, fields=(*_COUNTS, "articles") if lean else None
    )
    with paused_gc():
        near = ego(collapse_edges(edges, actors, count=count), actor, depth=depth)
        kept = [e for e in edges if e["source"] in near and e["target"] in near]
        if top is not None:
            by = _WEIGHT[count]
            kept = sorted(kept, key=lambda e: row_order(e, by))[:top]
        if lean:
            full = {(e["source"], e["relation"], e["target"]): e for e in dyad_edges(
                dataset, [(e["source"], e["target"]) for e in kept])}  # fmt: skip
            kept = [full[e["source"], e["relation"], e["target"]] for e in kept]
        kept.sort(key=lambda e: e["first_event"])
        asserted_only = checked.pop("asserted_only")
        E = edges_graph(kept, actors, filters=checked, asserted_only=asserted_only)
        if top is None:
            E.add_nodes_from(near.nodes(data=True))
        if evidence:
            attach_events(E, dataset)
        E = counted(E, count)
    for n in E:
        E.nodes[n]["distance"] = near.nodes[n]["distance"]
    return E


__all__ = ["collapse_edges", "collapsed_graph", "store_ego", "store_paths"]
