"""kg.rdf.store: memory, embedded Oxigraph (persistence, locks, crashes), endpoints."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from rdflib.namespace import RDF

from kg.query import run_query
from kg.rdf.graph import build
from kg.rdf.ontology import KG, actor_iri, graph_iri, validate
from kg.rdf.store import open_store
from kg.types import KGError
from tests.conftest import DATA, ROOT
from tests.data.graph_sample import results

OXIGRAPH = Path(sys.executable).parent / "oxigraph"


def events(ds) -> int:
    return sum(1 for _ in ds.quads((None, RDF.type, KG.Event, None)))


def test_memory_store():
    ds = open_store("memory")
    build(results(), dataset=ds, registry={})
    assert events(ds) == 9


def test_directory_store_persists_across_reopen(tmp_path):
    ds = open_store(tmp_path / "store")
    build(results(), dataset=ds, registry={})
    ds.close()
    ds = open_store(tmp_path / "store", read_only=True, create=False)
    assert events(ds) == 9
    rows = list(run_query(ds, "cooperation", params={"actor": "SYR"}))
    assert {str(r["relation"]).rsplit("#")[1] for r in rows} == {
        "sharesIntelligenceWith"
    }
    ds.close()
    # rebuilding the same input is a no-op
    ds = open_store(tmp_path / "store")
    stats: dict = {}
    build(results(), dataset=ds, registry={}, stats=stats)
    assert stats["unchanged"] == 2 and events(ds) == 9
    ds.close()


def test_store_path_that_is_a_file(tmp_path):
    f = tmp_path / "graph.txt"
    f.write_text("x")
    with pytest.raises(KGError, match="is a file, not a directory"):
        open_store(f)


def test_directory_that_is_not_a_store(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(KGError, match="not an Oxigraph store"):
        open_store(tmp_path)


def test_missing_store_without_create(tmp_path):
    with pytest.raises(KGError, match="does not exist"):
        open_store(tmp_path / "nope", create=False)


HOLD = """
import sys, time
from kg.rdf.store import open_store
ds = open_store(sys.argv[1])
print("open", flush=True)
time.sleep(60)
"""


def test_second_writer_gets_a_clear_error(tmp_path):
    store = tmp_path / "store"
    open_store(store).close()
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(store)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout.readline().strip() == "open"
        with pytest.raises(KGError, match="in use by another process") as err:
            open_store(store)
        assert "\n" not in str(err.value)
    finally:
        proc.kill()
        proc.wait()
    open_store(store).close()  # the lock goes with the process


BUILD = """
import sys
sys.path.insert(0, ".")
from kg.rdf.graph import build
from kg.rdf.store import open_store
from tests.data.graph_sample import synthetic
ds = open_store(sys.argv[1])
build(synthetic(int(sys.argv[2])), dataset=ds, registry={},
      progress=lambda a, status: print(a.id, flush=True))
"""


@pytest.mark.slow
def test_sigkill_during_build_keeps_finished_articles(tmp_path):
    store = tmp_path / "store"
    proc = subprocess.Popen(
        [sys.executable, "-c", BUILD, str(store), "3000"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    done = []
    try:
        while len(done) < 60:
            line = proc.stdout.readline()
            assert line, "the build stopped early"
            done.append(line.strip())
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    ds = open_store(store, create=False)
    for aid in done:
        g = ds.graph(graph_iri(aid))
        assert sum(1 for _ in g.subjects(RDF.type, KG.Event)) == 3, aid
    n_articles = sum(1 for _ in ds.quads((None, RDF.type, KG.Article, None)))
    assert len(done) <= n_articles < 3000
    # every article graph in the store is complete (all-or-nothing)
    per_graph = {}
    for _s, _p, _o, g in ds.quads((None, RDF.type, KG.Event, None)):
        per_graph[g] = per_graph.get(g, 0) + 1
    assert set(per_graph.values()) == {3}
    conforms, report = validate(ds)
    assert conforms, report
    ds.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def endpoint(tmp_path):
    if not OXIGRAPH.exists():
        pytest.skip("the oxigraph server (PyPI package oxigraph) is not installed")
    port = _free_port()
    proc = subprocess.Popen(
        [
            str(OXIGRAPH),
            "serve",
            "--location",
            str(tmp_path / "server"),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("oxigraph serve did not start")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_sparql_endpoint_store(endpoint):
    ds = open_store(endpoint)
    stats: dict = {}
    build(results(), dataset=ds, registry={}, stats=stats)
    assert stats["added"] == 2
    build(results(), dataset=ds, registry={}, stats=stats)
    assert stats["unchanged"] == 2
    # parameters go in as a VALUES block of serialised terms
    rows = list(run_query(ds, "between", params={"a": "US", "b": "SYR"}))
    assert len(rows) == 4
    assert all(actor_iri("US") in (r["source"], r["target"]) for r in rows)
    rows = list(run_query(ds, "actors", params={"country": 'x" } ; DROP ALL #'}))
    assert rows == []
    direct = list(
        run_query(ds, "SELECT ?b WHERE { actor:US kg:sharesIntelligenceWith ?b }")
    )
    assert {r["b"] for r in direct} == {actor_iri("SYR")}
    conforms, report = validate(ds)
    assert conforms, report
    ro = open_store(endpoint, read_only=True)
    assert len(list(run_query(ro, "top-relations"))) == 7
    with pytest.raises(KGError, match="read-only"):
        run_query(ro, "DROP ALL")


def test_unreachable_endpoint():
    port = _free_port()
    with pytest.raises(KGError, match="cannot reach the SPARQL endpoint"):
        open_store(f"http://127.0.0.1:{port}")


def test_benchmark_script_smoke():
    out = subprocess.run(
        [sys.executable, "benchmarks/store.py", "--triples", "2000", "--timeout", "30"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    ).stdout
    assert "| step | what | rdflib (memory) s | Oxigraph (disk) s |" in out
    assert "| load |" in out and "| query | edges |" in out


# ------------------------------------------------------------------- the adapter
@pytest.mark.parametrize("kind", ["memory", "oxigraph"])
def test_adapter_replaces_graphs_and_lists_quads(kind, tmp_path):
    from rdflib import Graph, Literal, URIRef

    from kg.rdf import store

    ds = open_store("memory" if kind == "memory" else tmp_path / "s")
    assert store.store_kind(ds) == ("rdflib" if kind == "memory" else "oxigraph")
    name = URIRef("https://example.org/g")
    g = Graph(identifier=name)
    g.add((actor_iri("US"), KG.country, Literal("USA")))
    store.replace_graph(ds, g)
    g2 = Graph(identifier=name)
    g2.add((actor_iri("SYR"), KG.country, Literal("SYR")))
    store.replace_graph(ds, g2)  # replaced, not added
    rows = [(s, o, n) for s, _p, o, n in store.quads(ds)]
    assert [(s, str(o), n) for s, o, n in rows] == [(actor_iri("SYR"), "SYR", name)]
    # parameters are bound as terms on every kind of store
    q = "SELECT ?c WHERE { ?a <https://w3id.org/kg-news/ontology#country> ?c }"
    found = store.query(ds, q, bindings={"a": actor_iri("SYR")})
    assert [str(r[0]) for r in found] == ["SYR"]
    assert list(store.query(ds, q, bindings={"a": actor_iri("US")})) == []
    delete = "DELETE { GRAPH ?g { ?a ?p ?c } } WHERE { GRAPH ?g { ?a ?p ?c } }"
    store.update(ds, delete, bindings={"a": actor_iri("US")})  # not there
    assert len(list(store.quads(ds))) == 1
    store.update(ds, delete, bindings={"a": actor_iri("SYR")})
    assert list(store.quads(ds)) == []
    ds.close()


def test_bulk_load_reads_a_file_on_every_kind(tmp_path):
    from kg.rdf.store import bulk_load

    for loc in ("memory", tmp_path / "s"):
        ds = open_store(loc)
        bulk_load(ds, DATA / "analysis_four.trig")
        assert events(ds) == 7
        ds.close()
    with pytest.raises(KGError, match="unknown RDF format"):
        bulk_load(open_store(tmp_path / "t"), tmp_path / "x.unknown")


# ------------------------------------------------------------ batches and records
def _logs(store: Path) -> int:
    return sum(f.stat().st_size for f in store.iterdir() if f.suffix == ".log")


def test_build_bulk_loads_without_growing_the_write_ahead_log(tmp_path):
    from tests.data.graph_sample import synthetic

    small, big = tmp_path / "small", tmp_path / "big"
    for store, n in ((small, 10), (big, 1500)):
        ds = open_store(store)
        build(synthetic(n), dataset=ds, registry={}, batch_size=100)
        ds.close()
    # the log holds the ontology graph only: no more for 150x the articles
    assert _logs(big) <= _logs(small) + 4096
    ds = open_store(big, read_only=True, create=False)
    assert events(ds) == 4500
    ds.close()


@pytest.mark.parametrize("kind", ["memory", "oxigraph"])
def test_build_records_what_it_stored_and_check_store_finds_losses(kind, tmp_path):
    from rdflib import URIRef

    from kg.rdf.graph import check_store

    ds = open_store("memory" if kind == "memory" else tmp_path / "s")
    stats: dict = {}
    build(results(), dataset=ds, registry={}, stats=stats)
    assert stats["batches"] == 1
    batches = list(ds.quads((None, RDF.type, KG.Batch, None)))
    assert len(batches) == 1
    assert check_store(ds) == []
    # a graph that loses a triple is incomplete; one that goes is lost
    seed = ds.graph(graph_iri("seed"))
    seed.remove((None, KG.evidence, None))
    ds.remove_graph(URIRef(graph_iri("second")))
    problems = check_store(ds)
    assert [p.split(":")[0] for p in problems] == ["lost", "incomplete"]
    assert "graph/second>" in problems[0] and "graph/seed>" in problems[1]
    ds.close()


def test_unchanged_graph_gets_the_new_input_hash_and_keeps_its_time(tmp_path):
    from kg.rdf.graph import input_hash
    from kg.rdf.store import values_of
    from tests.data.graph_sample import SEED

    ds = open_store(tmp_path / "s")
    build(results(), dataset=ds, registry={}, fingerprint="model 1")
    key = (str(graph_iri("seed")), "https://w3id.org/kg-news/article/seed")
    when = values_of(ds, [key], "http://www.w3.org/ns/prov#generatedAtTime")
    stats: dict = {}
    build(results(), dataset=ds, registry={}, fingerprint="model 2", stats=stats)
    assert stats["unchanged"] == 2 and stats["batches"] == 0
    got = values_of(ds, [key], str(KG.inputHash))
    assert got[key[1]] == input_hash(SEED, "model 2") != input_hash(SEED, "model 1")
    assert values_of(ds, [key], "http://www.w3.org/ns/prov#generatedAtTime") == when
    ds.close()
