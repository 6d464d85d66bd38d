"""kg.analysis.graph, read: events folded into the actor graph; filters; signed graph.

The fixture: tests/data/analysis_four.trig (tests/data/analysis_sample.py).
"""

from __future__ import annotations

import networkx as nx
import pytest
from rdflib import Dataset, Graph, URIRef

from kg import analysis
from kg.analysis import (
    actor_graph,
    signed_graph,
)
from kg.types import KGError
from tests.data.analysis_sample import GRAPHS, four_dataset


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return four_dataset()


@pytest.fixture(scope="module")
def G(dataset) -> nx.MultiDiGraph:
    return actor_graph(dataset)


# ------------------------------------------------------------------ actor graph
def test_one_edge_per_source_relation_target(G):
    assert sorted(G.edges(keys=True)) == [
        ("HTS", "ISIS", "opposes"),
        ("SYR", "ISIS", "fights"),
        ("US", "HTS", "designates"),
        ("US", "ISIS", "opposes"),
        ("US", "SYR", "recognises"),
        ("US", "SYR", "sharesIntelligenceWith"),
    ]


def test_edge_attributes_count_events_articles_and_dates(G):
    e = G.edges["US", "SYR", "sharesIntelligenceWith"]
    assert e["relation"] == "sharesIntelligenceWith"
    assert (e["quad_class"], e["cameo"], e["plover"]) == (2, "064", "COOPERATE")
    assert (e["mentions"], e["articles"], e["asserted"], e["negated"]) == (2, 2, 2, 0)
    assert (e["first"], e["last"]) == ("2025-01-11", "2025-01-24")
    assert e["modalities"] == {"reported": 1, "asserted": 1}
    assert [(x["article"], x["url"]) for x in e["evidence"]] == [
        ("a1", "https://example.org/a1"),
        ("a2", None),
    ]
    assert e["evidence"][0]["sentence"].startswith("The US shared intelligence")


def test_negated_event_is_kept_with_its_flag(G):
    e = G.edges["US", "SYR", "recognises"]
    assert (e["mentions"], e["asserted"], e["negated"]) == (1, 0, 1)
    assert e["evidence"][0]["negated"] is True


def test_undated_event_takes_the_article_date(G):
    assert G.edges["US", "ISIS", "opposes"]["first"] == "2025-01-11"


def test_node_attributes(G):
    assert G.nodes["US"] == {
        "label": "United States",
        "cls": "State",
        "country": "USA",
        "sector": "GOV",
        "code": "USA",
    }
    assert G.nodes["HTS"]["cls"] == "ArmedGroup"
    assert G.nodes["ISIS"]["country"] is None


def test_asserted_only_drops_the_negated_edge(dataset):
    H = actor_graph(dataset, asserted_only=True)
    assert not H.has_edge("US", "SYR", key="recognises")
    assert H.has_edge("US", "SYR", key="sharesIntelligenceWith")


def test_a_plain_graph_works_too(dataset):
    g = Graph()
    g.parse(data=dataset.graph(URIRef(GRAPHS + "a3")).serialize(format="turtle"))
    H = actor_graph(g)
    assert list(H.edges(keys=True)) == [("SYR", "ISIS", "fights")]
    assert H.nodes["ISIS"]["label"] == "Islamic State"


# ---------------------------------------------------------------------- filters
@pytest.mark.parametrize(
    "kwargs, expected",
    [
        (
            {"since": "2025-01-20"},
            {("US", "SYR", "sharesIntelligenceWith"), ("US", "SYR", "recognises"),
             ("US", "HTS", "designates"), ("SYR", "ISIS", "fights")},
        ),
        (
            {"until": "2025-01-11"},
            {("US", "SYR", "sharesIntelligenceWith"), ("US", "ISIS", "opposes"),
             ("HTS", "ISIS", "opposes")},
        ),
        ({"relations": ["opposes"]},
         {("US", "ISIS", "opposes"), ("HTS", "ISIS", "opposes")}),
        (
            {"classes": ["ArmedGroup"]},
            {("US", "HTS", "designates"), ("US", "ISIS", "opposes"),
             ("HTS", "ISIS", "opposes"), ("SYR", "ISIS", "fights")},
        ),
        (
            {"countries": ["usa"]},
            {("US", "SYR", "sharesIntelligenceWith"), ("US", "SYR", "recognises"),
             ("US", "HTS", "designates"), ("US", "ISIS", "opposes")},
        ),
        ({"since": "2025-01-20", "relations": ["fights"], "countries": ["SYR"]},
         {("SYR", "ISIS", "fights")}),
    ],
)  # fmt: skip
def test_filters(dataset, G, kwargs, expected):
    assert set(actor_graph(dataset, **kwargs).edges(keys=True)) == expected
    # the same filters on an already built graph give the same edges
    assert set(analysis.filter_graph(G, **kwargs).edges(keys=True)) == expected


def test_date_filter_counts_only_the_events_in_range(dataset):
    H = actor_graph(dataset, since="2025-01-20")
    e = H.edges["US", "SYR", "sharesIntelligenceWith"]
    assert (e["mentions"], e["first"]) == (1, "2025-01-24")


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"since": "yesterday"}, "bad --since date 'yesterday'"),
        ({"since": "2025-02-01", "until": "2025-01-01"}, "is after --until"),
        ({"relations": ["befriends"]}, "unknown relation 'befriends'"),
        ({"classes": ["Pirate"]}, "unknown actor class 'Pirate'"),
        ({"countries": ["Syria"]}, "bad country 'Syria'"),
    ],
)
def test_bad_filters_raise_one_line_errors(dataset, kwargs, message):
    with pytest.raises(KGError, match=message) as info:
        actor_graph(dataset, **kwargs)
    assert "\n" not in str(info.value)


# -------------------------------------------------------------- signed, balance
def test_signed_graph_uses_asserted_events_only(G):
    S = signed_graph(G)
    assert S["US"]["SYR"]["weight"] == 2  # the negated recognition does not count
    assert S["US"]["SYR"]["sign"] == 1
    assert {(S[u][v]["sign"]) for u, v in [("US", "HTS"), ("US", "ISIS"),
            ("HTS", "ISIS"), ("SYR", "ISIS")]} == {-1}  # fmt: skip
    assert S.number_of_edges() == 5


def test_signed_graph_from_a_dataset_with_filters(dataset):
    S = signed_graph(dataset, relations=["opposes"])
    pairs = sorted(tuple(sorted(e)) for e in S.edges)
    assert pairs == [("HTS", "ISIS"), ("ISIS", "US")]


def test_an_actor_graph_is_folded_again_and_other_things_refused(G):
    H = actor_graph(G, relations=["opposes"])
    assert set(H.edges(keys=True)) == {("US", "ISIS", "opposes"),
                                       ("HTS", "ISIS", "opposes")}  # fmt: skip
    assert H is not G and G.number_of_edges() == 6  # the input is untouched
    assert analysis.as_actor_graph(G) is G  # no filter: the same graph
    with pytest.raises(KGError, match="cannot analyse a dict"):
        actor_graph({})
    with pytest.raises(KGError, match="cannot draw a list"):
        analysis.as_actor_graph([], verb="draw")
