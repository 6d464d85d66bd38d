"""The jobs of kg.pipeline, called with keyword arguments as the CLI calls them."""

from __future__ import annotations

import json

import pytest

from kg.pipeline import BuildSummary, build_store, extract_events, format_summary
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
    assert {"source", "relation", "target", "count", "evidence"} <= set(
        result.edges[0]
    )


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
