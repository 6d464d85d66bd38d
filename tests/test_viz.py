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
from kg.viz import CLASS_SHAPES, NODE_COLOR, QUAD_COLORS, to_html
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


def test_node_shape_says_the_class_and_size_the_pagerank(net):
    nodes = {n["id"]: n for n in net.nodes}
    assert nodes["US"]["shape"] == CLASS_SHAPES["State"][0] == "dot"
    assert nodes["HTS"]["shape"] == CLASS_SHAPES["ArmedGroup"][0] == "diamond"
    assert nodes["US"]["shapeProperties"] == {"borderDashes": False}
    # the class is never a colour: every node has the one neutral colour
    assert {n["color"]["background"] for n in nodes.values()} == {"#e8e8e8"}
    assert nodes["US"]["label"] == "United States"
    # ISIS has the highest PageRank, US the lowest
    assert nodes["ISIS"]["size"] == max(n["size"] for n in nodes.values())
    assert nodes["US"]["size"] == min(n["size"] for n in nodes.values())


def test_no_colour_has_two_meanings():
    # (shape, dashed border) tells each class apart
    assert len(set(CLASS_SHAPES.values())) == len(CLASS_SHAPES)
    node_colours = {NODE_COLOR["background"], NODE_COLOR["border"]}
    node_colours |= {NODE_COLOR[k][p] for k in ("highlight", "hover")
                     for p in ("background", "border")}  # fmt: skip
    assert len(set(QUAD_COLORS.values())) == len(QUAD_COLORS)
    assert node_colours.isdisjoint(QUAD_COLORS.values())
    # Okabe-Ito: colour-blind-safe colours for the four quad classes
    okabe_ito = {"#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00",
                 "#cc79a7", "#000000"}  # fmt: skip
    assert {QUAD_COLORS[q] for q in (1, 2, 3, 4)} <= okabe_ito


def test_a_selected_edge_keeps_its_colour(net):
    for e in net.get_edges():
        assert e["color"]["highlight"] == e["color"]["hover"] == e["color"]["color"]


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


def test_every_mention_is_shipped_with_its_article(net):
    e = edges_by_id(net)["US|sharesIntelligenceWith|SYR"]
    assert e["mentions"] == len(e["evidence"]) == 2 and e["articles"] == 2
    first, second = e["evidence"]
    assert first == {
        "date": "2025-01-11",
        "sentence": "The US shared intelligence with Syria, the Post reported.",
        "article": "a1", "title": "", "url": "https://example.org/a1",
        "negated": False, "modality": "reported", "attribution": "the Washington Post",
    }  # fmt: skip
    assert second["article"] == "a2" and second["modality"] == "asserted"


def test_a_dataset_gives_aliases_and_article_titles():
    from rdflib import Literal
    from rdflib.namespace import SKOS

    from kg.rdf.ontology import ACTOR, GRAPH

    ds = load("analysis_four.trig")
    ds.graph(GRAPH["a1"]).add((ACTOR["ISIS"], SKOS.altLabel, Literal("Daesh")))
    ds.graph(GRAPH["a2"]).add((ACTOR["ISIS"], SKOS.altLabel, Literal("ISIL")))
    net = to_html(ds)
    nodes = {n["id"]: n for n in net.nodes}
    assert nodes["ISIS"]["aliases"] == ["Daesh", "ISIL"]
    assert nodes["US"]["aliases"] == []
    ev = edges_by_id(net)["US|sharesIntelligenceWith|SYR"]["evidence"]
    assert [m["title"] for m in ev] == ["Intelligence", ""]  # a2 has no title
    # an actor graph has no titles, but a node's own aliases are used
    G = actor_graph(ds)
    G.nodes["US"]["aliases"] = ["Washington"]
    nodes = {n["id"]: n for n in to_html(G).nodes}
    assert nodes["US"]["aliases"] == ["Washington"] and nodes["ISIS"]["aliases"] == []


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
    assert "popup.innerHTML" not in html and ".innerHTML" not in html
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
    assert opts["physics"]["enabled"] is True  # a small view settles its labels
    assert opts["physics"]["stabilization"]["enabled"] is True
    assert opts["physics"]["stabilization"]["iterations"] <= 1000
    html = net.generate_html()
    assert 'once("stabilizationIterationsDone"' in html
    assert "physics: { enabled: false }" in html


def test_positions_come_from_python_and_are_stable(net, four):
    nodes = {n["id"]: n for n in net.nodes}
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float)
               for n in nodes.values())  # fmt: skip
    assert len({(n["x"], n["y"]) for n in nodes.values()}) == 4
    again = {n["id"]: (n["x"], n["y"]) for n in to_html(four).nodes}
    assert again == {k: (n["x"], n["y"]) for k, n in nodes.items()}
    assert net.options["layout"]["improvedLayout"] is False


def _ring(n: int) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for i in range(n):
        G.add_edge(f"A{i}", f"A{(i * 7 + 1) % n}", key="aids", quad_class=2,
                   mentions=1 + i % 5, asserted=1)  # fmt: skip
    return G


def test_large_graphs_are_drawn_still_at_python_positions():
    net = to_html(_ring(600), top=None)  # every actor (the default draws the top 300)
    assert net.options["physics"]["enabled"] is False
    assert net.options["layout"]["improvedLayout"] is False
    assert len(net.get_nodes()) == 600
    assert all("x" in n and "y" in n for n in net.nodes)
    assert 'once("afterDrawing"' in net.generate_html()


def test_the_physics_layout_is_the_browser_baseline():
    net = to_html(_ring(600), top=None, layout="physics")
    assert net.options["physics"]["enabled"] is True
    assert net.options["physics"]["stabilization"]["iterations"] == 200
    assert not any("x" in n for n in net.nodes)
    with pytest.raises(KGError, match="unknown layout 'spring'"):
        to_html(_ring(3), layout="spring")


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


def test_a_dataset_view_ships_every_mention_of_the_drawn_edges():
    """Aggregated edges are read for the whole graph, the events of drawn edges only:
    the panel's mentions are the events (with attribution and title), not the
    evidence sample, also for an ego network (a copy of the graph)."""
    ds = load("analysis_four.trig")
    ego_net = to_html(ds, actor="SYR", depth=1)  # 3 of 4 actors, none left out by top
    assert "showing the top" not in ego_net.generate_html()
    for net in (to_html(ds), ego_net):
        e = edges_by_id(net)["US|sharesIntelligenceWith|SYR"]
        assert e["mentions"] == len(e["evidence"]) == 2
        assert e["evidence"][0]["attribution"] == "the Washington Post"
        assert e["evidence"][0]["title"] == "Intelligence"
        assert all(m["sentence"] for m in e["evidence"])
    capped = to_html(ds, top=3)  # by PageRank: US is left out
    assert sorted(n["id"] for n in capped.nodes) == ["HTS", "ISIS", "SYR"]
    assert "showing the top 3 of 4 actors by pagerank" in capped.generate_html()
    edges = edges_by_id(capped)
    assert sorted(edges) == ["HTS|opposes|ISIS", "SYR|fights|ISIS"]
    assert edges["HTS|opposes|ISIS"]["evidence"] == [{
        "date": "2025-01-11", "sentence": "HTS opposes the Islamic State.",
        "article": "a1", "title": "Intelligence", "url": "https://example.org/a1",
        "negated": False, "modality": "asserted", "attribution": "",
    }]  # fmt: skip
    ego_capped = to_html(ds, actor="SYR", depth=1, top=2).generate_html()
    assert "showing the top 2 of 3 actors by pagerank" in ego_capped


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


# ------------------------------------------------- caps: relations and samples
@pytest.fixture(scope="module")
def attacks(tmp_path_factory):
    """An Oxigraph store: nine attacks ZLF -> BRV, two BRV opposes ZLF, one meeting."""
    from kg.rdf.graph import build
    from kg.rdf.store import open_store
    from tests.analysis.test_drawn import _articles

    store = open_store(tmp_path_factory.mktemp("attacks") / "store")
    ds = build(_articles(), dataset=store, registry={})
    yield ds
    ds.close()


def test_the_page_carries_a_few_mentions_and_every_day_of_a_relation(attacks):
    e = edges_by_id(to_html(attacks, samples=2))["ZLF|attacks|BRV"]
    assert e["mentions"] == e["mention_count"] == 9
    assert [m["article"] for m in e["evidence"]] == ["a0", "a1"]
    assert e["days"][:3] == [["2025-03-04", 2, 0], ["2025-03-05", 0, 1],
                             ["2025-03-09", 1, 0]]  # fmt: skip
    assert sum(pos + neg for _, pos, neg in e["days"]) == 8  # a5 is undated
    full = edges_by_id(to_html(attacks, samples=9))["ZLF|attacks|BRV"]
    assert len(full["evidence"]) == 9 and full["days"] == e["days"]
    assert "Evidence:" in e["title"]  # the tooltip quotes the samples


def test_the_page_says_when_it_draws_only_the_strongest_relations(attacks):
    capped = to_html(attacks, max_edges=1)
    assert sorted(edges_by_id(capped)) == ["ZLF|attacks|BRV"]
    assert sorted(n["id"] for n in capped.nodes) == ["BRV", "ZLF"]
    assert "showing the 1 strongest of 3 relations" in capped.generate_html()
    whole = to_html(attacks)  # 3 relations: under the default cap
    assert len(whole.edges) == 3
    assert "strongest of" not in whole.generate_html()


@pytest.mark.parametrize("option, message", [
    ("--edges", "bad --edges -1; expected 0 or more"),
    ("--samples", "bad --samples -1; expected 0 or more"),
])  # fmt: skip
def test_cli_view_refuses_negative_caps(tmp_path, capsys, option, message):
    from kg.cli import main

    out = tmp_path / "graph.html"
    store = str(DATA / "analysis_four.trig")
    assert main(["view", "--store", store, "-o", str(out), option, "-1"]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and not out.exists()
    assert main(["view", "--store", store, "-o", str(out), option, "1"]) == 0
    assert out.exists()


def test_cli_view_all_lifts_both_caps(tmp_path):
    from kg.cli import main

    out = tmp_path / "graph.html"
    store = str(DATA / "analysis_four.trig")
    assert main(["view", "--store", store, "-o", str(out), "--edges", "2"]) == 0
    assert "showing the 2 strongest of 6 relations" in out.read_text("utf-8")
    assert main(["view", "--store", store, "-o", str(out), "--force", "--edges", "2",
                 "--top", "2", "--all"]) == 0  # fmt: skip
    page = out.read_text("utf-8")
    assert "strongest of" not in page and "showing the top" not in page
