"""kg.distributed: extraction on a real dask.distributed cluster on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.distributed import partitions
from kg.pipeline import build_store, extract_events
from kg.types import Article, KGError
from tests.conftest import ROOT

pytest.importorskip("distributed")

ARTICLES = ROOT / "data" / "articles"
DASK = Path(sys.executable).parent / "dask"
SKIP = ("http://www.w3.org/ns/prov#generatedAtTime",)


def test_partitions_keep_to_one_jsonl_file_and_number_its_records():
    arts = [Article(f"n{i}", "x", path="/d/news.jsonl") for i in range(5)]
    arts += [Article(f"t{i}", "x", path=f"/d/t{i}.txt") for i in range(3)]
    arts += [Article("m0", "x", path="/d/more.jsonl")]
    parts = list(partitions(arts, 2))
    assert [p.source for p in parts] == [
        "news.jsonl records 1-2", "news.jsonl records 3-4", "news.jsonl records 5-5",
        "t0.txt … t1.txt", "t2.txt", "more.jsonl records 1-1",
    ]  # fmt: skip
    assert [p.index for p in parts] == list(range(6))
    assert [a.id for p in parts for a in p.articles] == [a.id for a in arts]


def test_bad_local_cluster_size_is_an_error():
    with pytest.raises(KGError, match="expected local:N"):
        build_store([ARTICLES], store="memory", dask="local:zero", quiet=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory):
    """A `dask scheduler` and a `dask worker` with two worker processes."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    log = tmp_path_factory.mktemp("dask")
    procs = [
        subprocess.Popen(
            [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port),
             "--no-dashboard"],
            stdout=subprocess.DEVNULL, stderr=(log / "scheduler.log").open("w"),
        ),
    ]  # fmt: skip
    procs.append(
        subprocess.Popen(
            [
                str(DASK),
                "worker",
                address,
                "--nworkers",
                "2",
                "--nthreads",
                "1",
                "--host",
                "127.0.0.1",
                "--no-dashboard",
            ],
            stdout=subprocess.DEVNULL,
            stderr=(log / "worker.log").open("w"),
            cwd=ROOT,
        )  # fmt: skip
    )
    try:
        from distributed import Client

        with Client(address, timeout=30) as client:
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()


def _graphs(store: Path) -> dict[str, set[str]]:
    """The article graphs of a store (without their times): name -> quads."""
    s = ox.Store.read_only(str(store))
    out: dict[str, set[str]] = {}
    for q in s:
        graph = q.graph_name
        name = "" if isinstance(graph, ox.DefaultGraph) else graph.value
        if "/graph/" in name and q.predicate.value not in SKIP:
            out.setdefault(name, set()).add(str(q))
    return out


@pytest.fixture(scope="module")
def single(tmp_path_factory):
    """The single-process build of the sample articles: its stats and graphs."""
    one = tmp_path_factory.mktemp("single") / "store"
    return build_store([ARTICLES], store=str(one), quiet=True), _graphs(one)


def test_cluster_build_is_the_single_process_build(scheduler, single, tmp_path):
    many = tmp_path / "many"
    single, a = single
    spread = build_store(
        [ARTICLES], store=str(many), dask=scheduler, partition_size=3, quiet=True
    )
    assert spread.stats["added"] == single.stats["added"] == 13
    assert spread.stats["events"] == single.stats["events"] > 0
    assert spread.stats["batches"] == 5  # one per partition
    b = _graphs(many)
    assert len(a) == 13 and a == b  # same graphs, same graph and input hashes
    # a rebuild on the cluster skips every article before the workers see it
    again = build_store([ARTICLES], store=str(many), dask=scheduler, quiet=True)
    assert again.stats["extracted"] == 0 and again.stats["unchanged"] == 13


@pytest.mark.slow
def test_a_killed_worker_loses_no_partition(scheduler, single, tmp_path, monkeypatch):
    import os
    import signal

    from distributed import Client

    from kg.rdf.graph import BatchWriter

    with Client(scheduler) as client:
        pids = sorted(client.run(os.getpid).values())
    write = BatchWriter.write
    killed: list[int] = []

    def write_then_kill(self, batch, articles):
        statuses = write(self, batch, articles)
        if not killed:  # after the first partition: others are running
            os.kill(pids[0], signal.SIGKILL)
            killed.append(pids[0])
        return statuses

    monkeypatch.setattr(BatchWriter, "write", write_then_kill)
    store = tmp_path / "store"
    result = build_store(
        [ARTICLES], store=str(store), dask=scheduler, partition_size=1, quiet=True
    )
    assert killed and result.stats["added"] == 13
    assert _graphs(store) == single[1]
    with Client(scheduler) as client:  # the nanny restarted the worker
        client.wait_for_workers(2, timeout=60)


@pytest.mark.slow
def test_cluster_extract_writes_the_same_lines_in_order(scheduler, tmp_path):
    one, many = tmp_path / "one.jsonl", tmp_path / "many.jsonl"
    extract_events([ARTICLES], output=one, quiet=True)
    counts = extract_events(
        [ARTICLES], output=many, dask=scheduler, partition_size=2, quiet=True
    )
    assert many.read_text() == one.read_text()
    assert counts.events == sum(
        len(json.loads(line)["events"]) for line in one.read_text().splitlines()
    )


@pytest.mark.slow
def test_failed_partitions_are_retried_and_reported(scheduler, tmp_path):
    out = tmp_path / "x.jsonl"
    start = time.monotonic()
    with pytest.raises(KGError, match=r"5 of 5 partitions failed after 2 retries") as e:
        extract_events(
            [ARTICLES], output=out, dask=scheduler, partition_size=3,
            model="no_such_model", quiet=True,
        )  # fmt: skip
    assert "not installed" in str(e.value)
    assert "seed.txt: KGError" in str(e.value) and "records 1-3" in str(e.value)
    assert "\n" not in str(e.value)
    assert not out.exists()  # nothing half-written
    assert time.monotonic() - start < 120


@pytest.mark.slow
def test_cluster_jobs_skip_bad_records_and_chunk_long_articles(scheduler, tmp_path):
    """--on-error skip, --encoding and long-article chunks hold on the cluster too:
    the driver reads (and checks) the input, the workers cut long articles."""
    folder = tmp_path / "in"
    folder.mkdir()
    sentence = "Iran condemned Israel on Tuesday. "
    long_text = "Iran condemns Israel\n\n" + sentence * 1500  # > CHUNK_CHARS
    (folder / "feed.jsonl").write_text(
        json.dumps({"id": "long", "text": long_text}) + "\n"
        + json.dumps({"id": "bad"}) + "\n"  # no text: a bad record
        + json.dumps({"id": "ok", "text": "Turkey hosts Syria.\n\nTurkey hosted "
                      "Syria on Monday."}) + "\n",
        encoding="latin-1",
    )  # fmt: skip
    (folder / "café.txt").write_bytes(
        "Qatar thanks Egypt\n\nQatar thanked Egypt for the café talks.\n".encode(
            "latin-1"
        )
    )
    rejects = tmp_path / "rejects.jsonl"
    out = tmp_path / "events.jsonl"
    counts = extract_events(
        [folder], output=out, dask=scheduler, partition_size=1, quiet=True,
        encoding="latin-1", on_error="skip", rejects=rejects,
    )  # fmt: skip
    assert counts.articles == 3 and counts.rejected == 1
    [reject] = [json.loads(x) for x in rejects.read_text().splitlines()]
    assert reject["where"].endswith("feed.jsonl:2") and "'text'" in reject["error"]
    lines = {json.loads(x)["id"]: json.loads(x)["events"] for x in out.open()}
    assert set(lines) == {"long", "ok", "café"}
    assert len(lines["long"]) == 1501  # every chunk was read, not only the first
    # the single-process run gives the same lines
    one = tmp_path / "one.jsonl"
    extract_events(
        [folder], output=one, quiet=True, encoding="latin-1", on_error="skip",
        rejects=tmp_path / "r1.jsonl",
    )  # fmt: skip
    assert one.read_text() == out.read_text()
    # a build on the cluster takes the same three articles, then skips them all
    store = tmp_path / "store"
    kw = {"dask": scheduler, "quiet": True, "encoding": "latin-1",
          "on_error": "skip", "force": True, "rejects": rejects}  # fmt: skip
    built = build_store([folder], store=str(store), **kw)
    assert built.stats["added"] == 3 and built.rejected == 1
    again = build_store([folder], store=str(store), **kw)
    assert again.stats["extracted"] == 0 and again.stats["unchanged"] == 3
