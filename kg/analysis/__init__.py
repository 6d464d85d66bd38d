"""Network analysis of the actor graph: networkx views, centralities and balance.

The RDF graph stores every relation as an event node (``kg:source``, ``kg:target``,
``kg:relation``, ``kg:negated``, ``kg:modality``, ``kg:date``, ``kg:evidence``, ...).
The package reads those events and answers questions about the actors:

- :mod:`~kg.analysis.read`: actors and events of a dataset as dicts (SPARQL);
- :mod:`~kg.analysis.edges`: the edges aggregated by the store (one grouped
  query, read through pyoxigraph on Oxigraph);
- :mod:`~kg.analysis.collapsed`: the collapsed actor graph (pairs and summed
  weights) that the centralities and communities need, read from the edges;
- :mod:`~kg.analysis.graph`: the actor graph (:func:`actor_graph`) and its
  filters;
- :mod:`~kg.analysis.measures`: degrees, PageRank, betweenness (the inner
  loops over numpy arrays in :mod:`~kg.analysis.kernels`);
- :mod:`~kg.analysis.structure`: communities, paths, ego networks, the signed
  graph (cooperation +, conflict -) and its structural balance, and the
  timeline of a pair;
- :mod:`~kg.analysis.scoring`: one row of scores per actor, ranking, and the
  write-back into the store (``kg:pageRank``, ``kg:degree``, ...);
- :mod:`~kg.analysis.rows`: the edge list and text tables.

The measures return plain dicts and lists of dicts, so they print as tables and
serialise as JSON.

Examples:
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("A", "B", key="supports", relation="supports", mentions=2)
    'supports'
    >>> G.add_edge("B", "C", key="attacks", relation="attacks", mentions=1)
    'attacks'
    >>> centrality(G, "degree")
    {'A': 1, 'B': 2, 'C': 1}
    >>> centrality(G, "betweenness")
    {'A': 0.0, 'B': 1.0, 'C': 0.0}
"""

from __future__ import annotations

from kg.analysis.graph import (
    actor_graph,
    as_actor_graph,
    attach_events,
    check_filters,
    filter_graph,
)
from kg.analysis.measures import centrality, collapse, pagerank
from kg.analysis.read import read_actors, read_events
from kg.analysis.rows import edge_rows, format_table, quad_name
from kg.analysis.scoring import (
    ANALYSIS_GRAPH,
    COSTLY,
    SCORE_TERMS,
    collapsed_scores,
    rank,
    scores,
    write_scores,
)
from kg.analysis.structure import (
    balance,
    communities,
    community_map,
    ego,
    paths,
    signed_graph,
    timeline,
)
from kg.vocab import CENTRALITIES, MEASURES

__all__ = [
    "ANALYSIS_GRAPH", "CENTRALITIES", "COSTLY", "MEASURES", "SCORE_TERMS",
    "actor_graph", "as_actor_graph", "attach_events", "balance", "centrality",
    "check_filters",
    "collapse", "collapsed_scores", "communities", "community_map", "edge_rows",
    "ego", "filter_graph", "format_table", "pagerank", "paths", "quad_name", "rank",
    "read_actors", "read_events", "scores", "signed_graph", "timeline", "write_scores",
]  # fmt: skip
