"""kg.analysis on a 4-actor fixture with hand-computed answers.

tests/data/analysis_four.trig (see its header): US, SYR, HTS, ISIS and seven events.
The partner graph is the 4-cycle US-SYR-ISIS-HTS-US plus the chord US-ISIS.
"""

from __future__ import annotations

import json

import networkx as nx
import pytest
from rdflib import Dataset, Graph, URIRef

from kg import analysis
from kg.analysis import (
    ANALYSIS_GRAPH,
    actor_graph,
    balance,
    centrality,
    communities,
    ego,
    paths,
    signed_graph,
    timeline,
    write_scores,
)
from kg.types import KGError
from tests.conftest import DATA

FOUR = DATA / "analysis_four.trig"
KGNS = "https://w3id.org/kg-news/ontology#"
GRAPHS = "https://w3id.org/kg-news/graph/"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    ds = Dataset()
    ds.parse(FOUR, format="trig")
    return ds


@pytest.fixture(scope="module")
def G(dataset) -> nx.MultiDiGraph:
    return actor_graph(dataset)


def power_iteration(edges: dict[tuple[str, str], float], nodes, alpha=0.85):
    """An independent, deliberately naive PageRank (dangling mass spread evenly)."""
    n = len(nodes)
    out = {u: sum(w for (a, _), w in edges.items() if a == u) for u in nodes}
    pr = {u: 1 / n for u in nodes}
    for _ in range(500):
        dangling = sum(pr[u] for u in nodes if not out[u])
        pr = {
            v: (1 - alpha) / n
            + alpha * dangling / n
            + alpha * sum(pr[u] * w / out[u] for (u, t), w in edges.items() if t == v)
            for v in nodes
        }
    return pr


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


# --------------------------------------------------------------------- measures
def test_degrees_count_distinct_partners(G):
    assert centrality(G, "degree") == {"US": 3, "SYR": 2, "HTS": 2, "ISIS": 3}
    assert centrality(G, "in-degree") == {"US": 0, "SYR": 1, "HTS": 1, "ISIS": 3}
    assert centrality(G, "out-degree") == {"US": 3, "SYR": 1, "HTS": 1, "ISIS": 0}


def test_pagerank_matches_an_independent_power_iteration(G):
    # collapsed weights: US->SYR 3 (2 intelligence + 1 negated recognition)
    edges = {("US", "SYR"): 3, ("US", "HTS"): 1, ("US", "ISIS"): 1,
             ("HTS", "ISIS"): 1, ("SYR", "ISIS"): 1}  # fmt: skip
    expected = power_iteration(edges, ["US", "SYR", "HTS", "ISIS"])
    pr = centrality(G, "pagerank")
    assert pr == pytest.approx(expected, abs=1e-9)
    assert sum(pr.values()) == pytest.approx(1.0)
    # by hand: US has no in-links, so it only gets the teleport and the dangling
    # share of ISIS; HTS gets that plus 1/5 of US's weighted out-flow.
    assert pr["US"] == pytest.approx(0.15 / 4 + 0.85 * pr["ISIS"] / 4)
    assert pr["HTS"] == pytest.approx(pr["US"] * (1 + 0.85 / 5))
    assert max(pr, key=pr.get) == "ISIS"


def test_pagerank_agrees_with_networkx_reference(G):
    ref = pytest.importorskip("networkx.algorithms.link_analysis.pagerank_alg")
    expected = ref._pagerank_python(analysis.collapse(G), weight="weight", tol=1e-12)
    assert centrality(G, "pagerank") == pytest.approx(expected, abs=1e-9)


def test_betweenness_by_hand(G):
    # only SYR-HTS is not adjacent; its two shortest paths go via US and via ISIS:
    # 1/2 each, normalised by (n-1)(n-2)/2 = 3.
    assert centrality(G, "betweenness") == pytest.approx(
        {"US": 1 / 6, "SYR": 0.0, "HTS": 0.0, "ISIS": 1 / 6}
    )


def test_unknown_measure(G):
    with pytest.raises(KGError, match="unknown measure 'fame'"):
        centrality(G, "fame")


def test_communities_are_seeded_and_split_two_triangles():
    H = nx.MultiDiGraph(
        [("A", "B"), ("B", "C"), ("C", "A"), ("C", "D"), ("D", "E"), ("E", "F"),
         ("F", "D")]
    )  # fmt: skip
    assert communities(H, seed=1) == [["A", "B", "C"], ["D", "E", "F"]]
    assert communities(H, method="greedy") == [["A", "B", "C"], ["D", "E", "F"]]


def test_communities_partition_the_fixture(G):
    parts = communities(G, seed=7)
    assert sorted(n for p in parts for n in p) == ["HTS", "ISIS", "SYR", "US"]
    assert parts == communities(G, seed=7)


def test_paths_shortest_and_strongest(G):
    p = paths(G, "SYR", "HTS")
    assert p["hops"] == 2
    assert p["shortest"] == [["SYR", "ISIS", "HTS"], ["SYR", "US", "HTS"]]
    # via US: 1/3 + 1/1 = 4/3 < via ISIS: 1 + 1 = 2
    assert p["strongest"] == ["SYR", "US", "HTS"]
    assert p["cost"] == pytest.approx(4 / 3)
    assert p["steps"][0]["relations"] == [
        "US recognises SYR",
        "US sharesIntelligenceWith SYR",
    ]


def test_paths_accept_labels_and_reject_unknown_actors(G):
    assert paths(G, "Syria", "hts")["source"] == "SYR"
    with pytest.raises(KGError, match="unknown actor 'XYZ'"):
        paths(G, "XYZ", "US")


def test_paths_between_disconnected_actors():
    H = nx.MultiDiGraph([("A", "B"), ("C", "D")])
    p = paths(H, "A", "D")
    assert (p["hops"], p["shortest"], p["strongest"]) == (None, [], [])


def test_ego_network(G):
    E = ego(G, "HTS", depth=1)
    assert sorted(E) == ["HTS", "ISIS", "US"]
    assert E.nodes["US"]["distance"] == 1 and E.nodes["HTS"]["distance"] == 0
    assert set(E.edges(keys=True)) == {
        ("US", "HTS", "designates"),
        ("US", "ISIS", "opposes"),
        ("HTS", "ISIS", "opposes"),
    }
    assert "distance" not in G.nodes["US"]  # the input graph is untouched
    assert sorted(ego(G, "HTS", depth=2)) == ["HTS", "ISIS", "SYR", "US"]
    assert sorted(ego(G, "HTS", depth=0)) == ["HTS"]


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


def test_balance_finds_one_balanced_and_one_unbalanced_triad(G):
    b = balance(signed_graph(G))
    assert (b["total"], b["balanced"], b["unbalanced"]) == (2, 1, 1)
    assert b["share_balanced"] == 0.5
    unbalanced, balanced = b["triads"]
    # US, HTS and ISIS are pairwise enemies: - - - is unbalanced
    assert unbalanced["actors"] == ["HTS", "ISIS", "US"]
    assert unbalanced["balanced"] is False
    assert sorted(unbalanced["signs"].values()) == [-1, -1, -1]
    # US and SYR are friends with a common enemy ISIS: + - - is balanced
    assert (balanced["actors"], balanced["balanced"]) == (["ISIS", "SYR", "US"], True)
    assert sorted(balanced["signs"].values()) == [-1, -1, 1]


def test_balance_ignores_zero_sign_edges():
    S = nx.Graph()
    S.add_edge("A", "B", sign=0)
    S.add_edge("B", "C", sign=1)
    S.add_edge("A", "C", sign=1)
    assert balance(S) == {
        "triads": [], "total": 0, "balanced": 0, "unbalanced": 0,
        "share_balanced": None,
    }  # fmt: skip


# --------------------------------------------------------------------- timeline
def test_timeline_is_ordered_by_date_then_sentence(G):
    rows = timeline(G, "SYR", "US")
    assert [(r["date"], r["relation"], r["negated"]) for r in rows] == [
        ("2025-01-11", "sharesIntelligenceWith", False),
        ("2025-01-24", "sharesIntelligenceWith", False),
        ("2025-01-24", "recognises", True),
    ]
    assert rows[0]["evidence"].startswith("The US shared intelligence")
    assert rows[0]["attribution"] == "the Washington Post"
    assert timeline(G, "SYR", "HTS") == []


# ---------------------------------------------------------------- scores, output
def test_scores_rows_are_json_serialisable(G):
    rows = analysis.scores(G)
    assert [r["id"] for r in rows] == ["ISIS", "SYR", "HTS", "US"]  # PageRank order
    json.dumps(rows)
    json.dumps(analysis.edge_rows(G))
    json.dumps(balance(signed_graph(G)))


def test_rank_top(G):
    top = analysis.rank(analysis.scores(G), "out-degree", top=2)
    assert [r["id"] for r in top] == ["US", "HTS"]  # ties broken by id


def test_format_table_aligns_columns():
    text = analysis.format_table([{"a": "x", "n": 1}, {"a": "long", "n": 22}])
    assert text.splitlines() == ["a      n", "----  --", "x      1", "long  22"]


def articles(ds: Dataset) -> int:
    return sum(len(g) for g in ds.graphs() if g.identifier != ANALYSIS_GRAPH)


def test_write_scores_replaces_the_analysis_graph():
    ds = Dataset()
    ds.parse(FOUR, format="trig")
    G = actor_graph(ds)
    before = articles(ds)
    rows = analysis.scores(G)
    values = {
        "pagerank": {r["id"]: r["pagerank"] for r in rows},
        "degree": {r["id"]: r["degree"] for r in rows},
        "betweenness": {r["id"]: r["betweenness"] for r in rows},
        "community": {r["id"]: r["community"] for r in rows},
    }
    assert write_scores(ds, values) == 16
    assert write_scores(ds, values) == 16  # replaced, not added
    assert len(ds.graph(ANALYSIS_GRAPH)) == 16
    q = f"""SELECT ?a ?pr WHERE {{ GRAPH <{ANALYSIS_GRAPH}> {{
        ?a <{KGNS}pageRank> ?pr }} }} ORDER BY DESC(?pr)"""
    top = [(str(r.a), float(r.pr)) for r in ds.query(q)][0]
    assert top[0] == "https://w3id.org/kg-news/actor/ISIS"
    assert top[1] == pytest.approx(rows[0]["pagerank"])
    write_scores(ds, {"degree": {"US": 3}})
    assert len(ds.graph(ANALYSIS_GRAPH)) == 1
    # the article graphs are untouched and reading the actor graph ignores scores
    assert articles(ds) == before
    assert set(actor_graph(ds).edges(keys=True)) == set(G.edges(keys=True))


def test_write_scores_rejects_unknown_scores():
    with pytest.raises(KGError, match="unknown score 'fame'"):
        write_scores(Dataset(), {"fame": {"US": 1}})
    with pytest.raises(KGError, match="expected a store"):
        write_scores(Graph(), {"degree": {"US": 1}})


def test_write_scores_uses_kg_terms():
    ds = Dataset()
    write_scores(ds, {"community": {"US": 2}})
    (s, p, o) = next(iter(ds.graph(ANALYSIS_GRAPH)))
    assert p == URIRef(KGNS + "community") and o.toPython() == 2


# -------------------------------------------------------------------------- CLI
def run(capsys, *argv: str) -> tuple[int, str, str]:
    from kg.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_pagerank_table(capsys):
    code, out, _ = run(capsys, "analyze", "--store", str(FOUR), "--top", "2")
    lines = out.splitlines()
    assert code == 0
    assert lines[0].split()[:5] == ["id", "label", "cls", "country", "pagerank"]
    assert lines[2].startswith("ISIS") and lines[3].startswith("SYR")
    assert len(lines) == 4


def test_cli_json_and_filters(capsys):
    code, out, _ = run(
        capsys, "analyze", "--store", str(FOUR), "--measure", "in-degree",
        "--format", "json", "--relation", "opposes",
    )  # fmt: skip
    rows = json.loads(out)
    assert code == 0
    assert [(r["id"], r["in_degree"]) for r in rows] == [
        ("ISIS", 2), ("HTS", 0), ("US", 0),
    ]  # fmt: skip


def test_cli_balance_paths_timeline_ego(capsys):
    store = str(FOUR)
    _, out, _ = run(capsys, "analyze", "--store", store, "--measure", "balance")
    assert out.startswith("2 signed triads: 1 balanced, 1 unbalanced (50% balanced)")
    _, out, _ = run(capsys, "analyze", "--store", store, "--measure", "paths",
                    "--source", "SYR", "--target", "HTS")  # fmt: skip
    assert "  SYR - US - HTS" in out.split("strongest")[1]
    argv = ["--measure", "timeline", "--source", "US", "--target", "SYR"]
    _, out, _ = run(capsys, "analyze", "--store", store, *argv, "--format", "json")
    dates = [r["date"] for r in json.loads(out)]
    assert dates == ["2025-01-11", "2025-01-24", "2025-01-24"]
    _, out, _ = run(capsys, "analyze", "--store", store, "--measure", "ego",
                    "--actor", "HTS", "--depth", "1", "--format", "json")  # fmt: skip
    assert {r["target"] for r in json.loads(out)} == {"HTS", "ISIS"}


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--measure", "paths", "--source", "US"], "needs --source A and --target B"),
        (["--measure", "ego"], "needs --actor X"),
        (["--since", "soon"], "bad --since date 'soon'"),
        (["--write"], "--write needs a store"),
        (["--top", "0"], "bad --top 0"),
    ],
)
def test_cli_errors_are_one_line(capsys, argv, message):
    code, out, err = run(capsys, "analyze", "--store", str(FOUR), *argv)
    assert code == 1 and out == ""
    assert err.startswith("kg: error: ") and message in err
    assert err.count("\n") == 1


def test_cli_write_into_a_store(capsys, tmp_path):
    from kg.rdf.store import open_store

    store = tmp_path / "store"
    ds = open_store(store)
    ds.parse(FOUR, format="trig")
    ds.close()
    code, _, _ = run(capsys, "analyze", "--store", str(store), "--write")
    assert code == 0
    ds = open_store(store, read_only=True, create=False)
    q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ANALYSIS_GRAPH}> {{ ?a ?p ?o }} }}"
    assert int(next(iter(ds.query(q))).n) == 16
