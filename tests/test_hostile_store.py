"""Broken stores, unreachable endpoints and runaway queries (issue 11).

The endpoints here are tiny HTTP servers on 127.0.0.1 that answer, fail, hang or
die on purpose; nothing leaves the machine.
"""

from __future__ import annotations

import http.server
import json
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from kg.cli import main
from kg.export import load_graph, save_graph
from kg.query import run_query, stream_query, write_result
from kg.rdf.graph import build
from kg.rdf.store import open_store
from kg.types import KGError
from tests.data.graph_sample import results

CARTESIAN = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
)


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> bool:
    return err.startswith("kg: error:") and len(err.strip().splitlines()) == 1


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    """An Oxigraph store with the sample graph, closed."""
    path = tmp_path_factory.mktemp("ox") / "store"
    ds = build(results(), dataset=open_store(path), registry={})
    ds.close()
    del ds
    return path


# ------------------------------------------------------------------ corruption
@pytest.mark.parametrize("victim", ["CURRENT", "MANIFEST", ".sst"])
def test_a_truncated_store_file_is_one_line_with_a_way_out(
    tmp_path, capsys, store_dir, victim
):
    copy = tmp_path / "store"
    shutil.copytree(store_dir, copy)
    files = [p for p in copy.iterdir() if victim in p.name]
    assert files
    for p in files:
        p.write_bytes(p.read_bytes()[: p.stat().st_size // 2])
    code, _, err = run(capsys, "query", "--store", copy, "ASK { ?s ?p ?o }")
    assert code == 1 and one_line(err) and "Traceback" not in err
    assert str(copy) in err and "is damaged" in err
    assert "kg build" in err and "oxigraph load" in err


def test_an_intact_copy_opens(tmp_path, capsys, store_dir):
    copy = tmp_path / "store"
    shutil.copytree(store_dir, copy)
    code, out, _ = run(capsys, "query", "--store", copy, "ASK { ?s ?p ?o }")
    assert code == 0 and out.strip() == "true"


# ------------------------------------------------------------------- endpoints
class Endpoint(http.server.ThreadingHTTPServer):
    """A SPARQL endpoint that answers ASK (false) and SELECT (no rows), and
    misbehaves on demand."""

    daemon_threads = True

    def __init__(self, *, fail_first: int = 0, die_on_update: bool = False):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.fail_first = fail_first
        self.die_on_update = die_on_update
        self.requests: list[str] = []
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(http.server.BaseHTTPRequestHandler):
    server: Endpoint

    def log_message(self, *args):
        pass

    def do_POST(self):
        sent = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.requests.append(self.path)
        if self.server.fail_first > 0:
            self.server.fail_first -= 1
            self.send_error(503, "busy")
            return
        if self.path.endswith("/update") and self.server.die_on_update:
            self.connection.shutdown(socket.SHUT_RDWR)  # the server dies
            return
        body = b""
        if self.path.endswith("/query") and b"SELECT" in sent.upper():
            empty = {"head": {"vars": []}, "results": {"bindings": []}}
            body = json.dumps(empty).encode()  # no rows (the build's look-ups)
        elif self.path.endswith("/query"):
            body = json.dumps({"head": {}, "boolean": False}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_an_endpoint_that_never_answers_times_out(monkeypatch):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # accepts connections, never answers
    port = silent.getsockname()[1]
    monkeypatch.setenv("KG_ENDPOINT_TIMEOUT", "0.5")
    start = time.monotonic()
    with pytest.raises(KGError, match=r"did not answer within 0.5 s \(set KG_"):
        open_store(f"http://127.0.0.1:{port}")
    assert time.monotonic() - start < 5  # one attempt: a timeout is not retried
    silent.close()


def test_a_query_is_retried_after_a_503():
    server = Endpoint(fail_first=1)
    ds = open_store(server.url, read_only=True)
    assert server.requests == ["/query", "/query"]
    assert list(run_query(ds, "ASK { ?s ?p ?o }")) == [False]
    server.shutdown()


def test_an_update_is_not_retried_after_a_503():
    server = Endpoint()
    ds = open_store(server.url)
    server.fail_first = 1
    with pytest.raises(KGError, match="HTTP 503"):
        run_query(
            ds, "INSERT DATA { <http://a> <http://b> <http://c> }", allow_update=True
        )
    assert server.requests[-1] == "/update" and server.requests.count("/update") == 1
    server.shutdown()


def test_a_server_dying_during_a_build_is_one_line(tmp_path, capsys):
    server = Endpoint(die_on_update=True)
    article = tmp_path / "a.txt"
    article.write_text("Iran condemns Israel\n\nIran condemned Israel.\n")
    code, _, err = run(capsys, "-q", "build", article, "--store", server.url)
    assert code == 1 and one_line(err) and "Traceback" not in err
    assert server.url in err
    server.shutdown()


def test_bad_endpoint_timeout(monkeypatch):
    monkeypatch.setenv("KG_ENDPOINT_TIMEOUT", "soon")
    with pytest.raises(KGError, match="bad endpoint timeout 'soon'"):
        open_store("http://127.0.0.1:9")


# ------------------------------------------------------------------- FROM
class Remote(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Turtle)
        self.hits = 0
        threading.Thread(target=self.serve_forever, daemon=True).start()


class _Turtle(http.server.BaseHTTPRequestHandler):
    server: Remote

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.server.hits += 1
        body = b"<http://e/s> <http://e/p> <http://e/o> .\n"
        if self.path.endswith(".jsonld"):
            body = json.dumps({"@context": {"name": "http://e/name"}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/turtle")
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def remote():
    server = Remote()
    yield server
    server.shutdown()


@pytest.mark.parametrize("clause", ["FROM", "FROM NAMED"])
def test_from_fetches_nothing_on_a_file_store(tmp_path, capsys, remote, clause):
    graph = tmp_path / "x.ttl"
    graph.write_text("<http://e/a> <http://e/b> <http://e/c> .\n")
    port = remote.server_address[1]
    for iri in (f"http://127.0.0.1:{port}/x.ttl", "file:///etc/hostname"):
        query = f"SELECT * {clause} <{iri}> WHERE {{ ?s ?p ?o }}"
        code, _, err = run(capsys, "query", "--store", graph, query)
        assert code == 1 and one_line(err) and "--allow-network" in err
    assert remote.hits == 0
    query = f"SELECT * FROM <http://127.0.0.1:{port}/x.ttl> WHERE {{ ?s ?p ?o }}"
    code, out, _ = run(capsys, "query", "--store", graph, "--allow-network", query)
    assert code == 0 and remote.hits == 1 and "http://e/s" in out  # the opt-in


def test_from_on_oxigraph_picks_store_graphs_and_fetches_nothing(
    capsys, store_dir, remote
):
    port = remote.server_address[1]
    query = (
        f"SELECT (COUNT(*) AS ?n) FROM <http://127.0.0.1:{port}/x.ttl> "
        "WHERE { ?s ?p ?o }"
    )
    code, out, err = run(capsys, "query", "--store", store_dir, query)
    assert code == 0, err
    assert remote.hits == 0


def test_from_is_refused_on_an_endpoint():
    server = Endpoint()
    ds = open_store(server.url, read_only=True)
    with pytest.raises(KGError, match="FROM / FROM NAMED"):
        run_query(ds, "SELECT * FROM <http://e/g> WHERE { ?s ?p ?o }")
    assert server.requests == ["/query"]  # only the ASK of open_store
    server.shutdown()


def test_a_remote_jsonld_context_is_not_fetched(tmp_path, capsys, remote):
    port = remote.server_address[1]
    doc = tmp_path / "x.jsonld"
    for context in (
        f"http://127.0.0.1:{port}/ctx.jsonld",
        [{"@import": f"http://127.0.0.1:{port}/ctx.jsonld"}],
        "ctx.jsonld",
    ):
        doc.write_text(
            json.dumps({"@context": context, "@id": "http://e/a", "name": "x"})
        )
        code, _, err = run(capsys, "query", "--store", doc, "ASK { ?s ?p ?o }")
        assert code == 1 and one_line(err) and "JSON-LD context" in err
    assert remote.hits == 0
    doc.write_text(
        json.dumps(
            {"@context": {"name": "http://e/name"}, "@id": "http://e/a", "name": "x"}
        )
    )
    assert len(load_graph(doc)) == 1  # an inline context is fine


# ------------------------------------------------------------------- timeouts
@pytest.mark.parametrize("where", ["memory", "oxigraph"])
def test_a_runaway_query_times_out_in_one_line(tmp_path, capsys, store_dir, where):
    location = store_dir
    if where == "memory":
        location = tmp_path / "g.trig"
        save_graph(build(results(), registry={}), location, format="trig")
    start = time.monotonic()
    code, _, err = run(
        capsys, "query", "--store", location, "--timeout", "1", CARTESIAN
    )
    assert time.monotonic() - start < 10
    assert code == 1 and one_line(err) and "longer than 1 s" in err


def test_a_quick_query_is_within_the_timeout(capsys, store_dir):
    code, out, _ = run(
        capsys, "query", "--store", store_dir, "--timeout", "30", "ASK { ?s ?p ?o }"
    )
    assert code == 0 and out.strip() == "true"
    ds = build(results(), registry={})
    assert list(run_query(ds, "ASK { ?s ?p ?o }", timeout=30)) == [True]
    with pytest.raises(KGError, match="longer than 0.5 s"):
        run_query(ds, CARTESIAN, timeout=0.5)


def _ctrl_c_delivered() -> None:
    """In the child: Ctrl-C as at a terminal. A runner that started the tests in
    the background (``cmd &`` without job control) ignores SIGINT, and an ignored
    signal is inherited across exec."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_sigint_stops_a_query_within_a_second(store_dir):
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "query", "--store", str(store_dir),
         "--timeout", "0", CARTESIAN],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=_ctrl_c_delivered,
    )  # fmt: skip
    try:
        time.sleep(4)  # spaCy is not loaded: the query is running by now
        assert proc.poll() is None
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
        assert time.monotonic() - sent < 1.0
        assert proc.returncode == 130 and err.strip() == "kg: interrupted"
    finally:
        proc.kill()  # a failed run leaves no query running


EXIT_PROBE = """
import atexit, sys, threading, time
import kg.cli
from kg.types import QUERY_THREAD
atexit.register(lambda: print("exit handlers ran", flush=True))
kg.cli.main = lambda: 3
name = QUERY_THREAD if sys.argv[1] == "query" else "other"
threading.Thread(target=time.sleep, args=(60,), name=name, daemon=True).start()
print("output kept")
kg.cli.console()
"""


@pytest.mark.parametrize("thread", ["query", "other"])
def test_the_command_ends_at_once_while_a_query_thread_runs(thread):
    # a query thread still in the store at exit: no exit handlers, output and
    # status kept; any other daemon thread: the normal exit, handlers included
    done = subprocess.run(
        [sys.executable, "-c", EXIT_PROBE, thread],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 3
    assert done.stdout.startswith("output kept")
    assert ("exit handlers ran" in done.stdout) == (thread == "other")


# ------------------------------------------------------------------ streaming
@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    import pyoxigraph as ox

    path = tmp_path_factory.mktemp("big") / "store"
    store = ox.Store(str(path))
    g = ox.NamedNode("http://e/graph")
    store.bulk_extend(
        ox.Quad(ox.NamedNode(f"http://e/s{i}"), ox.NamedNode("http://e/p"),
                ox.Literal(f"value {i}"), g)
        for i in range(20_000)
    )  # fmt: skip
    store.flush()
    del store
    return path


def test_rows_stream_and_are_not_kept(big_store):
    from io import StringIO

    ds = open_store(big_store, read_only=True)
    result = stream_query(ds, "SELECT ?s ?o WHERE { ?s <http://e/p> ?o }")
    assert result is not None
    first = next(result.rows)
    assert str(first[1]).startswith("value ")
    out = StringIO()
    assert write_result(result, "csv", out) == 19_999  # the rest of them
    assert len(out.getvalue().splitlines()) == 20_000  # header + 19,999
    ds.close()


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_streamed_output_matches_the_whole_result(capsys, big_store, fmt):
    from kg.query import format_result

    query = "SELECT ?s ?o WHERE { ?s <http://e/p> ?o } ORDER BY ?s LIMIT 1500"
    code, out, err = run(capsys, "query", "--store", big_store, "--format", fmt, query)
    assert code == 0, err
    ds = open_store(big_store, read_only=True)
    whole = format_result(run_query(ds, query), fmt, dataset=ds)
    ds.close()
    assert out == whole
    if fmt == "json":
        assert len(json.loads(out)["results"]["bindings"]) == 1500


# ---------------------------------------------------- lost graphs, locked stores
def _damage(copy) -> None:
    """What a lost write-ahead log leaves: one graph short, one gone, and the
    build records that listed them intact (a raw update, beside kg)."""
    import pyoxigraph as ox

    inner = ox.Store(str(copy))
    seed, second = (f"https://w3id.org/kg-news/graph/{n}" for n in ("seed", "second"))
    inner.update(
        f"DELETE WHERE {{ GRAPH <{seed}> {{ ?e <https://w3id.org/kg-news/ontology#"
        f"evidence> ?v }} }} ; DROP GRAPH <{second}>"
    )
    inner.flush()
    del inner


def _quad_count(path) -> int:
    ds = open_store(path, read_only=True, create=False)
    n = len(list(ds.quads((None, None, None, None))))
    ds.close()
    return n


def test_a_store_that_lost_graphs_refuses_a_build_in_one_line(
    tmp_path, capsys, store_dir
):
    copy = tmp_path / "store"
    shutil.copytree(store_dir, copy)
    _damage(copy)
    before = _quad_count(copy)
    article = tmp_path / "a.txt"
    article.write_text("Ruritania thanks Freedonia\n\nRuritania thanked Freedonia.\n")
    code, _, err = run(capsys, "build", article, "--store", copy)
    assert code == 1 and one_line(err) and "Traceback" not in err
    assert "lost data" in err and "1 graphs lost, 1 incomplete" in err
    assert "kg build ARTICLES --store NEW-DIR" in err
    assert _quad_count(copy) == before  # nothing written, the loss not committed
    code, out, err = run(capsys, "validate", "--store", copy)
    assert code == 1 and one_line(err)
    lines = out.splitlines()
    assert lines[0].startswith("lost:") and "graph/second>" in lines[0]
    assert lines[1].startswith("incomplete:") and "graph/seed>" in lines[1]


def test_an_intact_store_validates_without_loss_lines(tmp_path, capsys, store_dir):
    copy = tmp_path / "store"
    shutil.copytree(store_dir, copy)
    code, out, err = run(capsys, "validate", "--store", copy)
    assert code == 0 and err == ""
    assert "lost" not in out and "incomplete" not in out and "Conforms" in out


def test_a_dataset_dropped_without_close_does_not_keep_the_store_locked(tmp_path):
    ds = open_store(tmp_path / "s")
    ds.query("ASK { ?s ?p ?o }")
    del ds  # an rdflib Dataset is a reference cycle: only the collector frees it
    again = open_store(tmp_path / "s")  # not "locked"
    assert again.query("ASK { ?s ?p ?o }").askAnswer is False
    again.close()


def test_a_store_still_open_in_this_process_is_named_so(tmp_path):
    ds = open_store(tmp_path / "s")
    with pytest.raises(KGError, match="already open in this Python process"):
        open_store(tmp_path / "s")
    ds.close()
    open_store(tmp_path / "s").close()  # closed: it opens
