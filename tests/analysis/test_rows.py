"""kg.analysis.rows: the edge list and text tables.

The fixture: tests/data/analysis_four.trig (tests/data/analysis_sample.py).
"""

from __future__ import annotations

import networkx as nx
import pytest
from rdflib import Dataset

from kg import analysis
from kg.analysis import (
    actor_graph,
)
from tests.data.analysis_sample import four_dataset


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return four_dataset()


@pytest.fixture(scope="module")
def G(dataset) -> nx.MultiDiGraph:
    return actor_graph(dataset)


def test_format_table_aligns_columns():
    text = analysis.format_table([{"a": "x", "n": 1}, {"a": "long", "n": 22}])
    assert text.splitlines() == ["a      n", "----  --", "x      1", "long  22"]


def test_format_table_of_no_rows_and_of_lists():
    assert analysis.format_table([]) == "(no rows)"
    text = analysis.format_table([{"members": ["US", "SYR"], "share": 0.5}])
    assert text.splitlines()[2] == "US, SYR  0.5000"


def test_edge_rows_order_labels_and_counts(G):
    rows = analysis.edge_rows(G)
    assert [(r["source"], r["relation"], r["target"]) for r in rows] == [
        ("US", "sharesIntelligenceWith", "SYR"),  # 2 mentions first
        ("HTS", "opposes", "ISIS"),
        ("SYR", "fights", "ISIS"),
        ("US", "designates", "HTS"),
        ("US", "opposes", "ISIS"),
        ("US", "recognises", "SYR"),
    ]
    first = rows[0]
    assert (first["source_label"], first["target_label"]) == ("United States", "Syria")
    assert (first["mentions"], first["articles"], first["asserted"]) == (2, 2, 2)
    assert rows[-1]["negated"] == 1 and rows[-1]["asserted"] == 0
    assert "events" not in first and len(first["evidence"]) == 2


def test_edge_rows_break_mention_ties_by_articles():
    H = nx.MultiDiGraph()
    H.add_edge("A", "B", key="aids", relation="aids", mentions=1, articles=1)
    H.add_edge("C", "D", key="aids", relation="aids", mentions=1, articles=3)
    assert [r["source"] for r in analysis.edge_rows(H)] == ["C", "A"]
