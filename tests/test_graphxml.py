"""kg.graphxml: the streamed GraphML and GEXF are the documents networkx writes."""

from __future__ import annotations

import io
import re

import networkx as nx
import pytest

from kg.graphxml import write_gexf, write_graphml

NODE_KEYS = [("label", "string"), ("cls", "string"), ("rank", "long")]
EDGE_KEYS = [("relation", "string"), ("mentions", "long"), ("first", "string")]

#: Values that need escaping in text and attributes, empty values, non-ASCII.
NODES = [
    ("US", {"label": "United States", "cls": "State", "rank": 1}),
    ('A&B "<x>"', {"label": 'Al & <b> "q"\n\ttab\r', "cls": "", "rank": 0}),
    ("Côte d'Ivoire", {"label": "Côte d’Ivoire", "cls": "State", "rank": -3}),
    ("lonely", {"label": " ", "cls": "Actor", "rank": 2}),
]
EDGES = [
    ("US", 'A&B "<x>"', "aids", {"relation": "aids", "mentions": 2, "first": ""}),
    ("US", 'A&B "<x>"', "meets", {"relation": "meets", "mentions": 1,
                                  "first": "2025-01-02"}),
    ("US", "US", "aids", {"relation": "aids", "mentions": 3, "first": "<&>"}),
    ("Côte d'Ivoire", "US", "x&y", {"relation": "x&y", "mentions": 0,
                                     "first": "2025"}),
]  # fmt: skip


def _nx_graph(nodes, edges) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for n, d in nodes:
        G.add_node(n, **d)
    for u, v, k, d in edges:
        G.add_edge(u, v, key=k, **d)
    return G


def _ours(write, nodes, edges, **kw) -> str:
    buf = io.StringIO()
    write(buf, nodes, edges, node_keys=NODE_KEYS, edge_keys=EDGE_KEYS, **kw)
    return buf.getvalue()


def _theirs(write, G) -> str:
    buf = io.BytesIO()
    write(G, buf)
    return buf.getvalue().decode("utf-8")


@pytest.mark.parametrize(
    "nodes, edges",
    [(NODES, EDGES), (NODES, []), ([], []), (NODES[:1], EDGES[2:3])],
    ids=["full", "no-edges", "empty", "self-loop"],
)
def test_graphml_is_networkx_graphml_byte_for_byte(nodes, edges):
    ours = _ours(write_graphml, nodes, edges)
    assert ours == _theirs(nx.write_graphml, _nx_graph(nodes, edges))
    G = nx.read_graphml(io.BytesIO(ours.encode()), force_multigraph=True)
    assert list(G.nodes) == [n for n, _ in nodes]
    assert [(u, v, k) for u, v, k in G.edges(keys=True)] == [e[:3] for e in edges]


def test_graphml_differs_from_networkx_when_a_value_does():
    """The twin of the test above: the comparison sees a changed value."""
    changed = [("US", {**NODES[0][1], "label": "USA"}), *NODES[1:]]
    assert _ours(write_graphml, changed, EDGES) != _theirs(
        nx.write_graphml, _nx_graph(NODES, EDGES)
    )


@pytest.mark.parametrize(
    "nodes, edges",
    [(NODES, EDGES), (NODES, []), ([], []), (NODES[:1], EDGES[2:3])],
    ids=["full", "no-edges", "empty", "self-loop"],
)
def test_gexf_is_networkx_gexf_but_for_the_creator(nodes, edges):
    ours = _ours(write_gexf, nodes, edges)
    theirs = _theirs(nx.write_gexf, _nx_graph(nodes, edges))
    assert "<creator>kg</creator>" in ours
    assert ours == re.sub(r"<creator>[^<]*</creator>", "<creator>kg</creator>", theirs)
    G = nx.read_gexf(io.BytesIO(ours.encode()))
    assert sorted(G.nodes) == sorted(n for n, _ in nodes)
    assert G.number_of_edges() == len(edges)
    if nodes:
        assert G.nodes['A&B "<x>"' if len(nodes) > 1 else "US"]["label"] == (
            nodes[1][1]["label"] if len(nodes) > 1 else "United States"
        )


def test_long_values_are_written_as_integers():
    out = _ours(write_graphml, [("A", {"label": "A", "cls": "", "rank": True})], [])
    assert '<data key="d2">1</data>' in out
