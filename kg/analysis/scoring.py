"""Scores of the actors: one row per actor with every measure, ranking, and the
write-back of the scores into the store (``kg analyze --write``).

:func:`write_scores` stores ``kg:pageRank``, ``kg:degree``, ``kg:betweenness`` and
``kg:community`` in the named graph :data:`ANALYSIS_GRAPH`
(``<https://w3id.org/kg-news/graph/analysis>``), replacing what was there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.analysis.measures import CENTRALITIES, collapse, of_views, partners
from kg.analysis.structure import community_map, partition
from kg.rdf.ontology import GRAPH, KG, actor_iri
from kg.rdf.store import replace_graph
from kg.types import KGError

#: The named graph that holds the scores written by :func:`write_scores`.
ANALYSIS_GRAPH = GRAPH["analysis"]

#: Scores :func:`write_scores` can store, and the kg property of each.
SCORE_TERMS = {
    "pagerank": "pageRank",
    "degree": "degree",
    "betweenness": "betweenness",
    "community": "community",
}
_INTEGER_SCORES = ("degree", "community")


def scores(
    G: nx.MultiDiGraph, *, seed: int = 42, method: str = "louvain"
) -> list[dict[str, Any]]:
    """All node scores as rows, PageRank order (highest first, then id).

    Each row: ``id``, ``label``, ``cls``, ``country``, ``degree``, ``in_degree``,
    ``out_degree``, ``mentions`` (events involving the actor), ``pagerank``,
    ``betweenness``, ``community``.
    """
    mentions: Counter[str] = Counter()
    for u, v, data in G.edges(data=True):
        mentions[u] += data.get("mentions", 1)
        if v != u:
            mentions[v] += data.get("mentions", 1)
    D = collapse(G)
    D.graph["mentions"] = dict(mentions)
    return collapsed_scores(D, seed=seed, method=method)


#: The costly scores of :func:`collapsed_scores`: computed only when asked for.
COSTLY = ("betweenness", "community")


def collapsed_scores(
    D: nx.DiGraph,
    *,
    seed: int = 42,
    method: str = "louvain",
    costly: tuple[str, ...] = COSTLY,
) -> list[dict[str, Any]]:
    """The rows of :func:`scores` from the collapsed graph (:func:`collapse`, or
    :func:`kg.analysis.collapsed.collapsed_graph`) whose ``graph["mentions"]``
    holds each actor's mentions. Of the :data:`COSTLY` scores (the sampled
    betweenness, the Louvain communities: most of the time at 100,000 articles)
    only those in ``costly`` are computed; the rows lack the others."""
    U = partners(D) if costly else None  # built once for both
    cheap = ("degree", "in-degree", "out-degree", "pagerank")
    deg, ind, outd, pr = (of_views(D, m) for m in cheap)
    mentions = D.graph.get("mentions") or {}
    rows = [
        {
            "id": n,
            "label": d.get("label", n),
            "cls": d.get("cls"),
            "country": d.get("country"),
            "degree": deg.get(n, 0),
            "in_degree": ind.get(n, 0),
            "out_degree": outd.get(n, 0),
            "mentions": mentions.get(n, 0),
            "pagerank": pr.get(n, 0.0),
        }
        for n, d in D.nodes(data=True)
    ]
    if "betweenness" in costly:
        bc = of_views(D, "betweenness", U=U)
        for r in rows:
            r["betweenness"] = bc.get(r["id"], 0.0)
    if "community" in costly and U is not None:
        comm = community_map(partition(U, seed=seed, method=method))
        for r in rows:
            r["community"] = comm.get(r["id"])
    rows.sort(key=lambda r: (-r["pagerank"], str(r["id"])))
    return rows


def rank(
    rows: Sequence[Mapping[str, Any]], measure: str, *, top: int | None = None
) -> list[dict[str, Any]]:
    """Sort score rows by a centrality (highest first, ties by id), keep ``top``.

    Examples:
        >>> rank([{"id": "A", "degree": 1}, {"id": "B", "degree": 2}], "degree")
        [{'id': 'B', 'degree': 2}, {'id': 'A', 'degree': 1}]
    """
    if measure not in CENTRALITIES:
        raise KGError(
            f"unknown measure {measure!r}; expected one of {list(CENTRALITIES)}"
        )
    key = measure.replace("-", "_")
    out = sorted((dict(r) for r in rows), key=lambda r: (-r[key], str(r["id"])))
    return out[:top] if top is not None else out


def _score_literal(name: str, value: float | int) -> Literal:
    if name in _INTEGER_SCORES:
        return Literal(int(value), datatype=XSD.integer)
    return Literal(float(value), datatype=XSD.double)


def write_scores(
    dataset: Dataset, scores: Mapping[str, Mapping[str, float | int]]
) -> int:
    """Store actor scores in the named graph :data:`ANALYSIS_GRAPH`, replacing it.

    Args:
        dataset: The store (an rdflib ``Dataset``, e.g. from ``open_store``).
        scores: Measure name -> {actor id -> value}; measures are ``pagerank``,
            ``degree``, ``betweenness`` (as ``kg:pageRank``, ``kg:degree``,
            ``kg:betweenness``) and ``community`` (``kg:community``).

    Returns:
        The number of triples written.

    Raises:
        KGError: on an unknown measure or when ``dataset`` is not a Dataset.

    Examples:
        >>> from rdflib import Dataset
        >>> ds = Dataset()
        >>> write_scores(ds, {"pagerank": {"US": 0.5}, "community": {"US": 0}})
        2
        >>> len(ds.graph(ANALYSIS_GRAPH))
        2
    """
    if not isinstance(dataset, Dataset):
        raise KGError(
            f"cannot write scores into a {type(dataset).__name__}; expected a store "
            "(rdflib Dataset)"
        )
    for name in scores:
        if name not in SCORE_TERMS:
            raise KGError(
                f"unknown score {name!r}; expected one of {sorted(SCORE_TERMS)}"
            )
    g = Graph(identifier=ANALYSIS_GRAPH)
    for name, values in scores.items():
        term: URIRef = getattr(KG, SCORE_TERMS[name])  # declared in kg.ttl
        for aid, value in values.items():
            if value is not None:
                g.add((actor_iri(str(aid)), term, _score_literal(name, value)))
    replace_graph(dataset, g)
    return len(g)


__all__ = [
    "ANALYSIS_GRAPH",
    "COSTLY",
    "SCORE_TERMS",
    "collapsed_scores",
    "rank",
    "scores",
    "write_scores",
]
