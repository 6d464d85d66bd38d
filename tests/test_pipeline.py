"""The jobs of kg.pipeline, called with keyword arguments as the CLI calls them."""

from __future__ import annotations

import io
import json
import re

import pytest

from kg.pipeline import build_store, extract_events
from kg.summary import BuildSummary, format_summary
from kg.types import KGError
from tests.conftest import ROOT

SEED = ROOT / "data" / "articles" / "seed.txt"


def test_build_store_returns_what_it_built():
    result = build_store([SEED], store="memory", summary=True, quiet=True)
    assert result.articles == 1
    assert result.store == "memory"
    assert result.stats["articles"] == 1 and result.stats["events"] > 0
    assert result.counts["articles"] == 1 and result.counts["events"] > 0
    assert result.edges and result.edges[0]["count"] >= 1
    assert {"source", "relation", "target", "count", "evidence"} <= set(result.edges[0])


def test_build_store_without_summary_collects_no_rows():
    result = build_store([SEED], store="memory", quiet=True)
    assert result.counts == {} and result.edges == []
    assert result.stats["events"] > 0


def test_build_store_refuses_an_existing_output_before_work(tmp_path):
    ttl = tmp_path / "g.ttl"
    ttl.write_text("keep me")
    store = tmp_path / "store"
    with pytest.raises(KGError, match="exists; pass --force"):
        build_store([SEED], store=str(store), ttl=ttl, quiet=True)
    assert ttl.read_text() == "keep me"
    assert not store.exists()
    build_store([SEED], store=str(store), ttl=ttl, force=True, quiet=True)
    text = ttl.read_text()
    assert text != "keep me" and "PREFIX kg:" in text


def test_extract_events_counts_what_it_wrote(tmp_path):
    out = tmp_path / "events.jsonl"
    counts = extract_events([SEED], output=out, quiet=True)
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert counts.articles == len(records) == 1
    assert counts.events == len(records[0]["events"]) > 0
    assert counts.output == str(out)


def test_extract_events_refuses_an_existing_file_unless_forced(tmp_path):
    out = tmp_path / "events.jsonl"
    out.write_text("keep me")
    with pytest.raises(KGError, match="exists; pass --force"):
        extract_events([SEED], output=out, quiet=True)
    assert out.read_text() == "keep me"
    extract_events([SEED], output=out, force=True, quiet=True)
    assert json.loads(out.read_text().splitlines()[0])["id"] == "seed"


def test_extract_events_to_stdout(capsys):
    counts = extract_events([SEED], output="-", quiet=True)
    (line,) = capsys.readouterr().out.splitlines()
    assert counts.output == "-"
    assert len(json.loads(line)["events"]) == counts.events > 0


def test_no_articles_is_an_error(tmp_path):
    (tmp_path / "README.md").write_text("not an article")
    with pytest.raises(KGError, match="no article files"):
        extract_events([tmp_path], output=tmp_path / "x.jsonl")


def test_format_summary_cuts_long_evidence():
    summary = BuildSummary(
        articles=1,
        store="memory",
        counts={"articles": 1, "actors": 2, "events": 3, "negated": 1},
        edges=[
            {
                "source": "United States",
                "relation": "opposes",
                "target": "ISIS",
                "count": 2,
                "evidence": "word " * 100,
            }
        ],
    )
    text = format_summary(summary)
    lines = text.splitlines()
    assert lines[0] == "1 article, 2 actors, 3 relation events (1 negated)"
    assert "  United States --opposes--> ISIS  (x2)" in lines
    evidence = lines[-1].strip().strip("“”")
    assert len(evidence) == 160 and evidence.endswith("...")


# ------------------------------------------------------- skipping, progress
def _corpus(folder, n=3):
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i}.txt").write_text(
            f"Ruritania condemns Freedonia {i}\n\nRuritania condemned Freedonia "
            f"on Monday after border incident number {i}."
        )
    return folder


def test_rebuild_of_an_unchanged_corpus_does_no_language_processing(
    tmp_path, monkeypatch
):
    import kg.nlp.model

    corpus, store = _corpus(tmp_path / "in"), str(tmp_path / "store")
    first = build_store([corpus], store=store, quiet=True)
    assert first.stats["extracted"] == 3 and first.stats["added"] == 3

    def no_model(*_args, **_kwargs):
        raise AssertionError("the model was loaded for an unchanged corpus")

    monkeypatch.setattr(kg.nlp.model, "load_nlp", no_model)
    again = build_store([corpus], store=store, quiet=True)
    assert again.stats["extracted"] == 0
    assert again.stats["unchanged"] == again.stats["articles"] == 3
    monkeypatch.undo()
    # a changed article (and only it) goes through the pipeline again
    (corpus / "a1.txt").write_text("Ruritania praises Freedonia\n\nIt praised it.")
    changed = build_store([corpus], store=store, quiet=True)
    assert changed.stats["extracted"] == 1 and changed.stats["replaced"] == 1
    assert changed.stats["unchanged"] == 2


def test_fingerprint_follows_the_actor_files_and_the_model(tmp_path):
    from kg.fingerprint import extraction_fingerprint

    actors = tmp_path / "actors.yaml"
    actors.write_text("actors: []\n")
    base = extraction_fingerprint(None, [actors])
    assert extraction_fingerprint(None, [actors]) == base
    actors.write_text("actors: [{id: RUR, label: Ruritania}]\n")
    assert extraction_fingerprint(None, [actors]) != base
    assert extraction_fingerprint("another_model", [actors]) != base
    with pytest.raises(KGError, match="cannot read actor file"):
        extraction_fingerprint(None, [tmp_path / "missing.yaml"])


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_progress_prints_a_plain_line_every_n_articles_off_a_terminal():
    from kg.pipeline import Progress

    out = _Stream(tty=False)
    with Progress(25, desc="build", every=10, stream=out) as p:
        for _ in range(25):
            p.update()
    lines = out.getvalue().splitlines()
    assert [line.split(" (")[0] for line in lines] == [
        "build: 10/25 articles", "build: 20/25 articles", "build: 25/25 articles",
    ]  # fmt: skip
    assert all(re.search(r"\(\d+\.\d/s, \d+:\d\d:\d\d left\)$", x) for x in lines)
    quiet = _Stream(tty=False)
    with Progress(25, desc="build", every=10, stream=quiet, quiet=True) as p:
        p.update(25)
    assert quiet.getvalue() == ""


def test_progress_draws_a_bar_with_rate_on_a_terminal():
    from kg.pipeline import Progress

    out = _Stream(tty=True)
    with Progress(4, desc="extract", stream=out) as p:
        p.update(4)
    text = out.getvalue()
    assert "extract: 100%" in text and "4/4" in text and "article/s" in text


def test_a_second_replacing_build_in_one_process_leaves_the_store_unlocked(tmp_path):
    import subprocess
    import sys

    from kg.rdf.graph import build
    from kg.rdf.store import open_store
    from tests.data.graph_sample import results

    corpus, store = _corpus(tmp_path / "in", n=2), str(tmp_path / "store")
    # a notebook's dataset, dropped without close(): only the collector frees it
    ds = build(results(), dataset=open_store(store), registry={})
    del ds
    first = build_store([corpus], store=store, quiet=True)
    (corpus / "a0.txt").write_text("Ruritania thanks Freedonia\n\nIt thanked it.")
    second = build_store([corpus], store=store, quiet=True)
    assert first.stats["added"] == 2 and second.stats["replaced"] == 1
    probe = f"from kg.rdf.store import open_store; open_store({store!r}).close()"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True)
    assert done.returncode == 0, done.stderr.decode()[-500:]
    open_store(store).close()  # and in this process
