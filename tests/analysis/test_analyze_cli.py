"""kg analyze on the 4-actor fixture: tables, JSON, errors, --write.

The fixture: tests/data/analysis_four.trig (tests/data/analysis_sample.py).
"""

from __future__ import annotations

import json

import networkx as nx
import pytest
from rdflib import Dataset

from kg.analysis import (
    ANALYSIS_GRAPH,
    actor_graph,
)
from tests.data.analysis_sample import FOUR, four_dataset


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return four_dataset()


@pytest.fixture(scope="module")
def G(dataset) -> nx.MultiDiGraph:
    return actor_graph(dataset)


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
