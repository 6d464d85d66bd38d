"""kg.viz: the offline HTML view, asserted on generate_html() and get_edges()."""

from __future__ import annotations

import copy
import os
import re

import networkx as nx
import pytest
from rdflib import Dataset

from kg.analysis import actor_graph
from kg.types import KGError
from kg.viz import CLASS_COLORS, QUAD_COLORS, to_html
from tests.conftest import DATA

REMOTE = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


def load(name: str) -> Dataset:
    ds = Dataset()
    ds.parse(DATA / name, format="trig")
    return ds


@pytest.fixture(scope="module")
def four() -> nx.MultiDiGraph:
    return actor_graph(load("analysis_four.trig"))


@pytest.fixture(scope="module")
def net(four):
    return to_html(four)


@pytest.fixture(scope="module")
def html(net) -> str:
    return net.generate_html()


def edges_by_id(net) -> dict[str, dict]:
    return {e["id"]: e for e in net.get_edges()}


def test_page_loads_nothing_from_the_network(html):
    assert REMOTE.search(html) is None
    assert "cdn.jsdelivr.net" not in html and "bootstrap" not in html.lower()
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    # vis-network itself is inlined
    assert "vis.Network" in html and len(html) > 400_000


def test_page_is_small(html):
    assert len(html.encode()) < 2_000_000


def test_nodes_and_edges_are_those_of_the_graph(net, four):
    assert sorted(net.get_nodes()) == sorted(four.nodes)
    assert set(edges_by_id(net)) == {
        f"{u}|{k}|{v}" for u, v, k in four.edges(keys=True)
    }


def test_nodes_coloured_by_class_and_sized_by_pagerank(net):
    nodes = {n["id"]: n for n in net.nodes}
    assert nodes["US"]["color"] == CLASS_COLORS["State"]
    assert nodes["HTS"]["color"] == CLASS_COLORS["ArmedGroup"]
    assert nodes["US"]["label"] == "United States"
    # ISIS has the highest PageRank, US the lowest
    assert nodes["ISIS"]["size"] == max(n["size"] for n in nodes.values())
    assert nodes["US"]["size"] == min(n["size"] for n in nodes.values())


def test_edges_coloured_by_quad_class_with_arrows(net):
    e = edges_by_id(net)
    assert e["US|sharesIntelligenceWith|SYR"]["color"]["color"] == QUAD_COLORS[2]
    assert e["US|designates|HTS"]["color"]["color"] == QUAD_COLORS[4]
    assert e["HTS|opposes|ISIS"]["color"]["color"] == QUAD_COLORS[3]
    assert e["US|recognises|SYR"]["color"]["color"] == QUAD_COLORS[1]
    assert all(x["arrows"] == "to" for x in e.values())


def test_negated_only_edges_are_dashed(net):
    e = edges_by_id(net)
    assert e["US|recognises|SYR"]["dashes"] is True
    assert e["US|sharesIntelligenceWith|SYR"]["dashes"] is False  # one plain event


def test_reported_only_edges_are_dashed(four):
    H = copy.deepcopy(four)
    H.remove_edge("US", "SYR", key="sharesIntelligenceWith")
    data = copy.deepcopy(four.edges["US", "SYR", "sharesIntelligenceWith"])
    data["events"] = [ev for ev in data["events"] if ev["modality"] == "reported"]
    H.add_edge("US", "SYR", key="sharesIntelligenceWith", **data)
    e = edges_by_id(to_html(H))
    assert e["US|sharesIntelligenceWith|SYR"]["dashes"] is True


def test_parallel_edges_curve_apart(net):
    e = edges_by_id(net)
    pair = [e["US|recognises|SYR"], e["US|sharesIntelligenceWith|SYR"]]
    assert [("smooth" in x) for x in pair] == [False, True]


def test_tooltip_text_has_relation_dates_counts_and_evidence(net):
    title = edges_by_id(net)["US|sharesIntelligenceWith|SYR"]["title"]
    assert title.startswith("United States → sharesIntelligenceWith → Syria")
    assert "CAMEO 064" in title and "COOPERATE" in title
    assert "2 mentions in 2 articles · 2025-01-11 to 2025-01-24" in title
    assert "[a1] (2025-01-11, reported)" in title
    assert "The US shared intelligence with Syria" in title
    assert "[a2] (2025-01-24)" in title


def test_filter_data_on_edges(net):
    e = edges_by_id(net)["US|sharesIntelligenceWith|SYR"]
    assert e["relation"] == "sharesIntelligenceWith" and e["quad"] == 2
    assert e["dates"] == ["2025-01-11", "2025-01-24"]
    assert {n["id"]: n["cls"] for n in net.nodes}["ISIS"] == "ArmedGroup"


def test_article_text_is_escaped():
    net = to_html(load("viz_xss.trig"))
    html = net.generate_html()
    # the evidence is in the page only as escaped JSON inside the script
    for raw in ("<script>window.__pwned", "</script><script>", "<img src=x",
                "<b onmouseover", "<i>1</i>"):  # fmt: skip
        assert raw not in html
    assert "\\u003cscript\\u003ewindow.__pwned=1\\u003c/script\\u003e" in html
    # ... and pyvis's innerHTML popup template (switched on by "href") is not used
    assert "popup.innerHTML" not in html
    # the text itself is kept verbatim for the tooltip (built with textContent)
    title = edges_by_id(net)["IRN|condemns|ORG_evil"]["title"]
    assert '<img src=x onerror="window.__pwned=1">' in title


def test_view_does_not_mutate_the_analysis_graph(four):
    before = copy.deepcopy(four)
    to_html(four, top=2)
    assert nx.utils.graphs_equal(four, before)
    assert dict(four.nodes(data=True)) == dict(before.nodes(data=True))


def test_top_keeps_the_highest_pagerank_actors(four):
    net = to_html(four, top=2)
    assert sorted(net.get_nodes()) == ["ISIS", "SYR"]
    assert set(edges_by_id(net)) == {"SYR|fights|ISIS"}


def test_actor_and_depth_make_an_ego_view(four):
    assert sorted(to_html(four, actor="HTS", depth=1).get_nodes()) == [
        "HTS",
        "ISIS",
        "US",
    ]
    with pytest.raises(KGError, match="unknown actor 'Atlantis'"):
        to_html(four, actor="Atlantis")
    with pytest.raises(KGError, match="bad --top 0"):
        to_html(four, top=0)


def test_filters_pass_through(four):
    net = to_html(four, relations=["opposes"])
    assert set(edges_by_id(net)) == {"US|opposes|ISIS", "HTS|opposes|ISIS"}


def test_physics_is_bounded_and_switched_off(net):
    opts = net.options
    assert opts["physics"]["stabilization"]["enabled"] is True
    assert opts["physics"]["stabilization"]["iterations"] <= 1000
    html = net.generate_html()
    assert 'once("stabilizationIterationsDone"' in html
    assert "physics: { enabled: false }" in html


def test_large_graphs_get_fewer_iterations():
    G = nx.MultiDiGraph()
    for i in range(600):
        G.add_edge(f"A{i}", f"A{(i * 7 + 1) % 600}", key="aids", quad_class=2,
                   mentions=1, asserted=1)  # fmt: skip
    net = to_html(G, top=None)  # every actor (the default draws the top 300)
    assert net.options["physics"]["stabilization"]["iterations"] == 200
    assert net.options["layout"]["improvedLayout"] is False
    assert len(net.get_nodes()) == 600


def _ring(n: int) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for i in range(n):
        G.add_edge(f"A{i}", f"A{(i * 7 + 1) % n}", key="aids", quad_class=2,
                   mentions=1 + i % 5, asserted=1)  # fmt: skip
    return G


def test_the_view_is_capped_by_default_and_says_so():
    from kg.viz import DEFAULT_TOP

    net = to_html(_ring(DEFAULT_TOP + 100))
    assert len(net.get_nodes()) == DEFAULT_TOP
    html = net.generate_html()
    assert f"showing the top {DEFAULT_TOP} of {DEFAULT_TOP + 100:,} actors" in html
    net = to_html(_ring(DEFAULT_TOP + 100), top=50, by="degree")
    assert len(net.get_nodes()) == 50
    assert "showing the top 50 of 400 actors by degree" in net.generate_html()


def test_a_view_under_the_cap_draws_everything_and_says_nothing(net, html):
    assert len(net.get_nodes()) == 4
    assert "showing the top" not in html and 'id="kg-cap"' not in html


def test_write_is_atomic_and_refuses_to_overwrite(four, tmp_path):
    out = tmp_path / "g.html"
    to_html(four, out)
    first = out.read_text(encoding="utf-8")
    assert first.startswith("<!DOCTYPE html>") and REMOTE.search(first) is None
    with pytest.raises(KGError, match="exists; pass --force"):
        to_html(four, out)
    assert out.read_text(encoding="utf-8") == first
    to_html(four, out, force=True, top=1)
    assert out.read_text(encoding="utf-8") != first
    assert [p.name for p in tmp_path.iterdir()] == ["g.html"]  # no temp files left
    mask = os.umask(0o022)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask  # not mkstemp's 0600


def test_a_dataset_is_read_directly(tmp_path):
    net = to_html(load("analysis_four.trig"), tmp_path / "v.html", since="2025-01-20")
    assert "US|opposes|ISIS" not in edges_by_id(net)
    assert "US|designates|HTS" in edges_by_id(net)  # dated 2025-01-24
    assert (tmp_path / "v.html").stat().st_size < 2_000_000


def test_bad_source():
    with pytest.raises(KGError, match="cannot draw a dict"):
        to_html({})


def test_cli_view(tmp_path, capsys):
    from kg.cli import main

    out = tmp_path / "graph.html"
    store = str(DATA / "analysis_four.trig")
    assert main(["view", "--store", store, "-o", str(out), "--top", "3"]) == 0
    html = out.read_text(encoding="utf-8")
    assert REMOTE.search(html) is None and '"id": "ISIS"' in html
    assert main(["view", "--store", store, "-o", str(out)]) == 1
    assert "exists; pass --force" in capsys.readouterr().err
    assert main(["view", "--store", store, "-o", str(out), "--force",
                 "--actor", "HTS", "--depth", "1"]) == 0  # fmt: skip
    page = out.read_text(encoding="utf-8")
    assert '"id": "SYR"' not in page and '"id": "ISIS"' in page


def test_an_empty_graph_gives_an_empty_page_without_physics():
    net = to_html(nx.MultiDiGraph())
    assert net.get_nodes() == [] and net.get_edges() == []
    assert net.options["physics"]["enabled"] is False
    assert "new vis.Network" in net.generate_html()
