"""The timeline of a pair of actors: their events by month, cooperation vs conflict.

:func:`pair_timeline` reads every event between two actors (both directions) and
counts them by month (the event's date; undated events are counted apart) and by
quad class, with the balance of cooperation and conflict as the sum of Goldstein
weights (:func:`goldstein`): +10 for the most cooperative CAMEO code, -10 for
the most hostile. Only events that happened count: not negated, asserted or
reported (intended, planned and hypothetical events are left out). Each event
node is one mention (one sentence of one article): the counts are mentions.

The weights are data (``kg/resources/goldstein.yaml``, with their source).
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Any

import networkx as nx
from rdflib import Graph

from kg.analysis.edges import dyad_edges
from kg.analysis.graph import (
    actor_graph,
    actor_node,
    attach_events,
    check_filters,
    edges_graph,
    node_attrs,
)
from kg.analysis.read import local_name, read_actors, read_events
from kg.analysis.structure import timeline
from kg.params import actor_id
from kg.rdf import derived
from kg.rdf.ontology import ACTOR
from kg.rdf.summaries import read_summaries
from kg.resources import read_yaml
from kg.types import KGError
from kg.vocab import QUAD_NAMES

#: The packaged weights file.
WEIGHTS = "goldstein.yaml"

#: The columns of a month row (the quad classes by name, then the totals).
MONTH_COLUMNS = (
    ["month", "mentions"]
    + list(QUAD_NAMES.values())
    + ["cooperation", "conflict", "goldstein", "mean_goldstein"]
)


@lru_cache(maxsize=1)
def goldstein_weights() -> dict[str, float]:
    """CAMEO code -> Goldstein weight (``kg/resources/goldstein.yaml``).

    Examples:
        >>> w = goldstein_weights()
        >>> w["064"], w["163"], w["195"]
        (7.0, -6.5, -10.0)
    """
    data = read_yaml(WEIGHTS)
    return {str(code): float(w) for code, w in data["weights"].items()}


def goldstein(code: str | None) -> float | None:
    """The Goldstein weight of a CAMEO code: its own, else its nearest listed
    parent's, else its root's; None for no code or a code outside roots 01-20.

    Examples:
        >>> goldstein("0871"), goldstein("0879"), goldstein("1999")
        (9.0, 9.0, -10.0)
        >>> goldstein("21") is None, goldstein(None) is None
        (True, True)
    """
    if not code:
        return None
    weights = goldstein_weights()
    code = str(code)
    for n in range(len(code), 1, -1):
        if code[:n] in weights:
            return weights[code[:n]]
    return None


def pair_events(dataset: Graph, a: str, b: str) -> list[dict[str, Any]]:
    """Every event between actors ``a`` and ``b`` (ids), both directions.

    Returns:
        The event dicts of :func:`kg.analysis.read.read_events`, oldest first
        (undated last), each with its ``goldstein`` weight.
    """
    events = read_events(dataset, pairs=[(a, b), (b, a)])
    for e in events:
        e["goldstein"] = goldstein(e["cameo"])
    return sorted(
        events, key=lambda e: (e["date"] is None, e["date"] or "", e["event"])
    )


def store_timeline(dataset: Graph, a: str, b: str, **filters: Any) -> list[dict]:
    """Every event between two actors of a dataset (both directions), oldest
    first: :func:`kg.analysis.structure.timeline` of its actor graph read with
    ``filters`` (those of :func:`kg.analysis.actor_graph`).

    Without filters, on a store whose derived data is fresh, only the pair's
    two dyads are read (:func:`kg.analysis.edges.dyad_edges`) and the actors
    are looked up among those with mentions (the nodes of the actor graph, from
    the actor summaries); otherwise the actor graph is read first.

    Args:
        dataset: The store.
        a: Actor id (or exact label) of the graph.
        b: The other actor.
        **filters: The filters of :func:`kg.analysis.actor_graph`.

    Raises:
        KGError: on a bad filter, or an actor not in the graph.
    """
    if not any(filters.values()) and derived.is_fresh(dataset):
        G, a, b = _pair_graph(dataset, a, b)
    else:
        G = actor_graph(dataset, events=False, **filters)
        a, b = actor_node(G, a, "timeline"), actor_node(G, b, "timeline")
    edges = [(u, v, k) for u, v in {(a, b), (b, a)} if G.has_edge(u, v)
             for k in G[u][v]]  # fmt: skip
    return timeline(attach_events(G, dataset, edges), a, b)


def _pair_graph(dataset: Graph, a: str, b: str) -> tuple[nx.MultiDiGraph, str, str]:
    """The actor graph of the edges between two actors (fresh derived data),
    with both actors as nodes, and their ids."""
    actors = read_actors(dataset)
    index = nx.Graph()  # the actor graph's nodes: the actors with mentions
    index.add_nodes_from(
        (aid, node_attrs(aid, actors))
        for aid in (local_name(iri, str(ACTOR))
                    for iri, rec in read_summaries(dataset).items()
                    if rec.get("mentions"))
    )  # fmt: skip
    a, b = actor_node(index, a, "timeline"), actor_node(index, b, "timeline")
    edges = dyad_edges(dataset, [(a, b), (b, a)])
    edges.sort(key=lambda e: e["first_event"])
    G = edges_graph(edges, actors, filters=check_filters())
    G.add_nodes_from((n, index.nodes[n]) for n in (a, b) if n not in G)
    return G, a, b


def month_rows(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Count dated events by month and quad class, with their Goldstein balance.

    Examples:
        >>> rows = month_rows([
        ...     {"date": "2025-01-05", "quad_class": 2, "goldstein": 7.0},
        ...     {"date": "2025-01-20", "quad_class": 4, "goldstein": -10.0},
        ...     {"date": "2025-03-01", "quad_class": 1, "goldstein": 1.0}])
        >>> [(r["month"], r["cooperation"], r["conflict"], r["goldstein"])
        ...  for r in rows]
        [('2025-01', 1, 1, -3.0), ('2025-03', 1, 0, 1.0)]
    """
    by_month: dict[str, list[dict[str, Any]]] = {}
    for e in events:
        if e.get("date"):
            by_month.setdefault(e["date"][:7], []).append(e)
    rows = []
    for month in sorted(by_month):
        items = by_month[month]
        quads = Counter(e.get("quad_class") or 0 for e in items)
        weights = [e["goldstein"] for e in items if e.get("goldstein") is not None]
        total = round(sum(weights), 2)
        rows.append(
            {
                "month": month,
                "mentions": len(items),
                **{name: quads[q] for q, name in QUAD_NAMES.items()},
                "cooperation": quads[1] + quads[2],
                "conflict": quads[3] + quads[4],
                "goldstein": total,
                "mean_goldstein": round(total / len(weights), 2) if weights else None,
            }
        )
    return rows


def pair_timeline(dataset: Graph, a: str, b: str) -> dict[str, Any]:
    """The timeline of two actors: their events by month with quad classes and
    the cooperation-vs-conflict balance (Goldstein weights).

    Args:
        dataset: A store or graph.
        a: An actor: id, name, alias or code (resolved as the ``actor``
            parameter of ``kg query``, :func:`kg.params.actor_id`).
        b: The other actor.

    Returns:
        ``{"a", "b"`` (ids), ``"months"`` (rows of :data:`MONTH_COLUMNS`),
        ``"events"`` (the events that count, oldest first), ``"undated"`` (their
        number without a date), ``"left_out"`` (negated, intended, planned or
        hypothetical events between them), ``"goldstein"`` (the total)``}``.

    Raises:
        KGError: for an actor that matches nothing, or the same actor twice.
    """
    a_id, b_id = actor_id(dataset, "actor", a), actor_id(dataset, "actor", b)
    if a_id == b_id:
        raise KGError(f"--actor {a!r} and --actor {b!r} are the same actor {a_id}")
    events = pair_events(dataset, a_id, b_id)
    counted = [e for e in events if e["asserted"]]
    months = month_rows(counted)
    return {
        "a": a_id,
        "b": b_id,
        "months": months,
        "events": counted,
        "undated": sum(1 for e in counted if not e["date"]),
        "left_out": len(events) - len(counted),
        "goldstein": round(sum(r["goldstein"] for r in months), 2),
    }


__all__ = [
    "MONTH_COLUMNS",
    "goldstein",
    "goldstein_weights",
    "month_rows",
    "pair_events",
    "pair_timeline",
    "store_timeline",
]
