"""kg.analysis.mentions: the mentions of some edges or pairs, read from the rows
the derived edges keep, are the events the SPARQL pattern reads."""

from __future__ import annotations

import pytest

from kg.analysis import mentions
from kg.analysis.edges import read_edges
from kg.analysis.read import read_events
from kg.rdf import derived
from kg.rdf.graph import build
from kg.rdf.store import open_store
from tests.data.graph_sample import results


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    dataset = build(
        results(), dataset=open_store(tmp_path_factory.mktemp("s") / "store"),
        registry={},
    )  # fmt: skip
    yield dataset
    dataset.close()


def _by_query(monkeypatch, dataset, **kwargs):
    with monkeypatch.context() as m:
        m.setattr(mentions, "usable", lambda _: False)
        return read_events(dataset, **kwargs)


def test_a_built_store_is_read_through_the_index(ds, monkeypatch):
    assert mentions.usable(ds)
    assert not mentions.usable(open_store("memory"))  # rdflib: one query
    calls = []
    monkeypatch.setattr(
        mentions, "pattern_rows", lambda _, **kw: calls.append(kw) or iter([])
    )
    assert read_events(ds, pairs=[("US", "SYR")]) == []
    assert calls == [{"edges": None, "pairs": [("US", "SYR")]}]  # the rows path ran


def test_the_events_of_some_edges_are_those_of_the_query(ds, monkeypatch):
    edges = [(e["source"], e["relation"], e["target"]) for e in read_edges(ds)]
    some = edges[::2]
    got = read_events(ds, edges=some)
    assert got == _by_query(monkeypatch, ds, edges=some)
    assert {(e["source"], e["relation"], e["target"]) for e in got} == set(some)
    assert read_events(ds, edges=[]) == []


def test_the_events_of_some_pairs_are_those_of_the_query(ds, monkeypatch):
    pairs = sorted({(e["source"], e["target"]) for e in read_edges(ds)})[:4]
    got = read_events(ds, pairs=pairs)
    assert got and got == _by_query(monkeypatch, ds, pairs=pairs)
    assert read_events(ds, pairs=[("US", "NOBODY")]) == []


def test_edges_and_pairs_together_are_one_query(ds, monkeypatch):
    edge = next((e["source"], e["relation"], e["target"]) for e in read_edges(ds))
    both = read_events(ds, edges=[edge], pairs=[edge[::2]])
    assert both == _by_query(monkeypatch, ds, edges=[edge])
    assert read_events(ds, edges=[edge], pairs=[("NOBODY", "NONE")]) == []


def test_stale_derived_data_is_read_by_query(ds, monkeypatch):
    monkeypatch.setattr(derived, "is_fresh", lambda _: False)
    assert not mentions.usable(ds)
