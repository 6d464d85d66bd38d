"""kg.export: every RDF format round-trips; network, CSV and event-table exports."""

from __future__ import annotations

import csv
import re

import networkx as nx
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.cli import main
from kg.export import FORMATS, RDF_FORMATS, guess_format, load_graph, save_graph
from kg.rdf.graph import build
from kg.rdf.ontology import ONTOLOGY_IRI, plain
from kg.rdf.store import open_store, quads
from kg.types import KGError
from tests.data.graph_sample import results


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def ds(request, tmp_path_factory):
    loc = "memory" if request.param == "memory" else tmp_path_factory.mktemp("e") / "s"
    dataset = build(results(), dataset=open_store(loc), registry={})
    yield dataset
    dataset.close()


def union(dataset) -> Graph:
    g = Graph()
    g += ((s, p, plain(o)) for s, p, o, name in quads(dataset) if name != ONTOLOGY_IRI)
    return g


def named(dataset) -> dict:
    out: dict = {}
    for s, p, o, name in quads(dataset):
        if name != ONTOLOGY_IRI:
            out.setdefault(name, Graph()).add((s, p, plain(o)))
    return out


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_rdf_formats_round_trip(ds, fmt, tmp_path):
    path = save_graph(ds, tmp_path / f"out{FORMATS[fmt][0]}")
    back = load_graph(path)
    assert isinstance(back, Dataset)
    assert isomorphic(union(ds), union(back))
    if fmt in ("trig", "nquads", "json-ld"):  # named graphs are kept
        mine, theirs = named(ds), named(back)
        assert set(mine) == set(theirs)
        for name, g in mine.items():
            assert isomorphic(g, theirs[name]), name


def test_json_ld_context_is_inline(ds, tmp_path):
    text = save_graph(ds, tmp_path / "g.jsonld").read_text()
    assert '"@context"' in text and '"kg": "https://w3id.org/kg-news/ontology#"' in text
    assert '"@context": "http' not in text


def test_turtle_uses_prefixes(ds, tmp_path):
    text = save_graph(ds, tmp_path / "g.ttl").read_text()
    assert "PREFIX kg: <https://w3id.org/kg-news/ontology#>" in text
    assert "actor:US" in text
    assert "owl:Ontology" not in text
    text = save_graph(ds, tmp_path / "o.ttl", include_ontology=True).read_text()
    assert "owl:Ontology" in text


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_formats(ds, fmt, tmp_path):
    path = save_graph(ds, tmp_path / f"g.{fmt}")
    G = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert G.nodes["US"]["label"] == "United States"
    assert G.nodes["HTS"]["cls"] == "ArmedGroup"
    assert G.nodes["SYR"]["country"] == "SYR"
    edges = [d for u, v, d in G.edges(data=True) if (u, v) == ("US", "SYR")]
    share = [d for d in edges if d["relation"] == "sharesIntelligenceWith"][0]
    assert int(share["articles"]) == 2 and int(share["mentions"]) == 2
    assert int(share["quad_class"]) == 2
    assert "Côte d'Ivoire" in G and "Cote d Ivoire" in G


def test_csv_edge_list(ds, tmp_path):
    rows = list(csv.DictReader(save_graph(ds, tmp_path / "e.csv").open()))
    assert list(rows[0]) == [
        "source",
        "source_label",
        "relation",
        "target",
        "target_label",
        "quad_class",
        "articles",
        "mentions",
        "asserted",
        "negated",
    ]
    by = {(r["source"], r["relation"], r["target"]): r for r in rows}
    r = by[("US", "sharesIntelligenceWith", "SYR")]
    assert (r["articles"], r["mentions"], r["asserted"], r["negated"]) == (
        "2",
        "2",
        "2",
        "0",
    )
    assert by[("US", "recognises", "SYR")]["negated"] == "1"
    assert rows[0]["source"] == "US"  # sorted by mentions


def test_events_table(ds, tmp_path):
    lines = save_graph(ds, tmp_path / "ev.tsv").read_text().splitlines()
    header = lines[0].split("\t")
    assert header[:12] == [
        "date",
        "source_code",
        "source_name",
        "target_code",
        "target_name",
        "cameo",
        "root",
        "quad_class",
        "negated",
        "mentions",
        "article",
        "url",
    ]
    rows = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]
    share = [r for r in rows if r["cameo"] == "064" and r["article"] == "seed"][0]
    assert share["date"] == "2025-01-11" and share["root"] == "06"
    assert share["source_code"] == "USAGOV" and share["target_name"] == "Syria"
    assert share["url"] == "https://www.middleeastmonitor.com/"
    assert [r["negated"] for r in rows if r["cameo"] == "054"] == ["1"]
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)


def test_refuses_to_overwrite(ds, tmp_path):
    path = tmp_path / "g.ttl"
    path.write_text("keep me")
    with pytest.raises(KGError, match="exists; pass --force"):
        save_graph(ds, path)
    assert path.read_text() == "keep me"
    save_graph(ds, path, force=True)
    assert path.read_text() != "keep me"
    assert [p.name for p in tmp_path.iterdir()] == ["g.ttl"]  # no temp files left


def test_bad_formats(ds, tmp_path):
    with pytest.raises(KGError, match="cannot tell the format"):
        guess_format("out.docx")
    with pytest.raises(KGError, match="unknown format 'xls'"):
        save_graph(ds, tmp_path / "x.csv", format="xls")
    with pytest.raises(KGError, match="not found"):
        load_graph(tmp_path / "missing.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle")
    with pytest.raises(KGError, match="cannot parse"):
        load_graph(bad)


def test_named_queries_work_on_a_loaded_turtle_file(ds, tmp_path):
    from kg.query import run_query

    back = load_graph(save_graph(ds, tmp_path / "g.ttl"))
    rows = list(run_query(back, "cooperation"))
    assert len(rows) == 1


def test_cli_export(tmp_path, capsys):
    store = tmp_path / "s"
    build(results(), dataset=open_store(store), registry={}).close()
    out = tmp_path / "graph.trig"
    assert main(["export", "--store", str(store), "-o", str(out)]) == 0
    assert main(["export", "--store", str(store), "-o", str(out)]) == 1
    assert "exists" in capsys.readouterr().err
    assert (
        main(
            [
                "export",
                "--store",
                str(store),
                "-o",
                str(tmp_path / "x.gexf"),
                "--format",
                "graphml",
            ]
        )
        == 0
    )
    assert nx.read_graphml(tmp_path / "x.gexf").number_of_nodes() == 6
    assert main(["validate", "--store", str(out)]) == 0
    assert capsys.readouterr().out.startswith("Conforms")


def test_streamed_turtle_writes_each_shared_triple_once(tmp_path):
    """Actor triples repeat in every article graph; the union has each once."""
    ds = build(results(), dataset=open_store(tmp_path / "s"), registry={})
    try:
        text = save_graph(ds, tmp_path / "g.nt").read_text()
        lines = [line for line in text.splitlines() if line.strip()]
        shared = [x for x in quads(ds) if str(x[0]).endswith("/actor/US")]
        assert len({x[:3] for x in shared}) < len(shared)  # they do repeat
        assert len(lines) == len(set(lines)) == len(union(ds))
    finally:
        ds.close()


def _networkx_network(ds) -> nx.MultiDiGraph:
    """The actor network as kg wrote it through networkx before its own writer."""
    from kg.analysis import actor_graph
    from kg.export import EDGE_KEYS, NODE_KEYS
    from kg.rdf.ontology import actor_iri

    G = actor_graph(ds, events=False)
    flat = nx.MultiDiGraph()
    for n, d in G.nodes(data=True):
        attrs = {k: "" if d.get(k) is None else d[k] for k, _ in NODE_KEYS[:-1]}
        flat.add_node(n, **attrs, iri=str(actor_iri(n)))
    for u, v, key, d in G.edges(keys=True, data=True):
        flat.add_edge(
            u, v, key=key, **{k: "" if d.get(k) is None else d[k] for k, _ in EDGE_KEYS}
        )
    return flat


def test_graphml_is_the_document_networkx_writes_of_the_actor_graph(ds, tmp_path):
    ours = save_graph(ds, tmp_path / "g.graphml").read_bytes()
    nx.write_graphml(_networkx_network(ds), tmp_path / "nx.graphml")
    assert ours == (tmp_path / "nx.graphml").read_bytes()
    G = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    assert G.number_of_edges() == _networkx_network(ds).number_of_edges() == 8


def test_gexf_is_the_document_networkx_writes_but_for_the_creator(ds, tmp_path):
    ours = save_graph(ds, tmp_path / "g.gexf").read_text(encoding="utf-8")
    nx.write_gexf(_networkx_network(ds), tmp_path / "nx.gexf")
    theirs = (tmp_path / "nx.gexf").read_text(encoding="utf-8")
    assert ours != theirs  # the creator line names kg
    assert ours.replace("<creator>kg</creator>", "") == re.sub(
        r"<creator>NetworkX [^<]*</creator>", "", theirs
    )


def test_csv_rows_are_the_edge_rows_of_the_actor_graph(ds, tmp_path):
    """The CSV is made from the aggregated edges, without the actor graph."""
    from kg.analysis import actor_graph, edge_rows
    from kg.export import CSV_FIELDS, neutralise

    want = [["" if r[k] is None else str(neutralise(r[k])) for k in CSV_FIELDS]
            for r in edge_rows(actor_graph(ds, events=False))]  # fmt: skip
    got = list(csv.reader(save_graph(ds, tmp_path / "e.csv").open()))
    assert got[0] == list(CSV_FIELDS)
    assert got[1:] == want and len(want) == 8
