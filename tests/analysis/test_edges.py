"""kg.analysis.edges: edges aggregated by the store equal the fold of every event.

The aggregated read (``actor_graph(dataset, events=False)``) must give the same
nodes and edges, in the same order, with the same attributes (less the event lists)
as folding every event in Python, on every fixture and every kind of store.
"""

from __future__ import annotations

import networkx as nx
import pytest
from rdflib import Dataset

from kg.analysis import (
    actor_graph,
    attach_events,
    collapse,
    collapsed_scores,
    communities,
    scores,
)
from kg.analysis.collapsed import collapsed_graph
from kg.analysis.edges import read_edges
from kg.analysis.graph import counted
from kg.rdf.graph import build
from kg.rdf.store import open_store, oxigraph_store, store_kind
from kg.types import KGError
from tests.data.analysis_sample import FOUR
from tests.data.graph_sample import results

FILTERS = [
    {},
    {"since": "2025-01-20"},
    {"until": "2025-01-11"},
    {"asserted_only": True},
    {"relations": ["opposes", "fights"]},
    {"classes": ["ArmedGroup"]},
    {"countries": ["SYR"]},
]


def _four(location) -> Dataset:
    ds = open_store(location)
    text = FOUR.read_text()
    if store_kind(ds) == "oxigraph":
        import pyoxigraph as ox

        oxigraph_store(ds).load(text.encode(), ox.RdfFormat.TRIG)
    else:
        ds.parse(data=text, format="trig")
    return ds


@pytest.fixture(
    scope="module",
    params=["four-memory", "four-oxigraph", "sample-memory", "sample-oxigraph"],
)
def ds(request, tmp_path_factory):
    name, kind = request.param.split("-")
    loc = "memory" if kind == "memory" else tmp_path_factory.mktemp("s") / "store"
    dataset = (
        _four(loc)
        if name == "four"
        else build(results(), dataset=open_store(loc), registry={})
    )
    yield dataset
    dataset.close()


def _without_events(G: nx.MultiDiGraph) -> list:
    return [
        (u, v, k, {a: b for a, b in d.items() if a not in ("events", "evidence")})
        for u, v, k, d in G.edges(keys=True, data=True)
    ]


@pytest.mark.parametrize("filters", FILTERS, ids=str)
def test_aggregated_edges_equal_the_fold_of_every_event(ds, filters):
    full = actor_graph(ds, **filters)
    lean = actor_graph(ds, events=False, **filters)
    assert list(lean.nodes(data=True)) == list(full.nodes(data=True))
    assert _without_events(lean) == _without_events(full)
    assert lean.graph == full.graph
    assert full.number_of_edges() > 0  # the comparison is not vacuous


def test_measures_are_the_same(ds):
    full, lean = actor_graph(ds), actor_graph(ds, events=False)
    assert scores(lean) == scores(full)
    assert communities(lean) == communities(full)


def test_attached_events_give_the_same_evidence(ds):
    full = actor_graph(ds)
    lean = actor_graph(ds, events=False)
    assert all(d["evidence"] == [] for _, _, d in lean.edges(data=True))
    attach_events(lean, ds)
    for u, v, k, d in full.edges(keys=True, data=True):
        assert lean.edges[u, v, k]["evidence"] == d["evidence"]
        assert lean.edges[u, v, k]["events"] == d["events"]


def test_attached_events_of_some_edges_only(ds):
    lean = actor_graph(ds, events=False)
    first = next(iter(lean.edges(keys=True)))
    attach_events(lean, ds, [first])
    assert lean.edges[first]["evidence"]
    edges = lean.edges(keys=True, data=True)
    others = [d for u, v, k, d in edges if (u, v, k) != first]
    assert others and all("events" not in d for d in others)


def test_attached_events_respect_the_date_filter():
    ds = _four("memory")
    lean = actor_graph(ds, events=False, since="2025-01-20")
    attach_events(lean, ds)
    e = lean.edges["US", "SYR", "sharesIntelligenceWith"]
    assert [ev["date"] for ev in e["events"]] == ["2025-01-24"]
    assert (e["mentions"], e["first"]) == (1, "2025-01-24")


def test_read_edges_counts_a_negated_event_apart():
    edges = {(e["source"], e["relation"], e["target"]): e
             for e in read_edges(_four("memory"))}  # fmt: skip
    rec = edges["US", "recognises", "SYR"]
    assert (rec["mentions"], rec["asserted"], rec["negated"], rec["stated"]) == (
        1,
        0,
        1,
        0,
    )
    share = edges["US", "sharesIntelligenceWith", "SYR"]
    assert (share["asserted"], share["stated"]) == (2, 1)  # one is reported
    assert share["modalities"] == {"asserted": 1, "reported": 1}


def test_an_aggregated_graph_filters_edges_but_not_dates():
    lean = actor_graph(_four("memory"), events=False)
    H = actor_graph(lean, relations=["opposes"])
    assert set(H.edges(keys=True)) == {("US", "ISIS", "opposes"),
                                       ("HTS", "ISIS", "opposes")}  # fmt: skip
    with pytest.raises(KGError, match="read without its events"):
        actor_graph(lean, since="2025-01-20")


@pytest.mark.parametrize("count", ["mentions", "events"])
@pytest.mark.parametrize("filters", FILTERS, ids=str)
def test_the_collapsed_graph_is_the_collapse_of_the_actor_graph(ds, filters, count):
    want = collapse(counted(actor_graph(ds, events=False, **filters), count))
    got = collapsed_graph(ds, count=count, **filters)
    assert list(got.nodes(data=True)) == list(want.nodes(data=True))
    assert list(got.edges(data=True)) == list(want.edges(data=True))
    assert [list(got.pred[n]) for n in got] == [list(want.pred[n]) for n in want]
    assert want.number_of_edges() > 0  # the comparison is not vacuous


@pytest.mark.parametrize("count", ["mentions", "events"])
def test_collapsed_scores_are_the_scores_of_the_actor_graph(ds, count):
    G = counted(actor_graph(ds, events=False), count)
    D = collapsed_graph(ds, count=count)
    assert collapsed_scores(D) == scores(G)
    assert D.graph["edges"] == G.number_of_edges()


def test_the_unfiltered_collapsed_graph_reads_each_dyad_summed(tmp_path, monkeypatch):
    from kg.analysis import collapsed

    ds = build(results(), dataset=open_store(tmp_path / "store"), registry={})
    edges = read_edges(ds)
    dyads = {(e["source"], e["target"]) for e in edges}
    assert len(dyads) < len(edges)  # some dyad has edges to sum
    want = collapsed_graph(ds, relations=sorted({e["relation"] for e in edges}))

    def refused(*_: object, **__: object) -> None:
        raise AssertionError("read every edge")

    monkeypatch.setattr(collapsed, "_read", refused)
    got = collapsed_graph(ds)
    assert list(got.edges(data=True)) == list(want.edges(data=True))
    assert got.graph == want.graph
    # the twin: a filter reads the edges
    with pytest.raises(AssertionError, match="read every edge"):
        collapsed_graph(ds, since="2025-01-01")
    ds.close()


def test_collapsed_graph_refuses_an_unknown_count(ds):
    assert collapsed_graph(ds, count="events").number_of_nodes() > 0
    with pytest.raises(KGError, match="unknown count 'articles'"):
        collapsed_graph(ds, count="articles")


def test_paused_gc_pauses_the_collector_and_restores_it():
    import gc

    from kg.analysis.edges import paused_gc

    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()  # a caller that had paused it keeps it paused
    try:
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize("count", ["mentions", "events"])
@pytest.mark.parametrize("filters", FILTERS, ids=str)
def test_store_paths_are_the_paths_of_the_actor_graph(ds, filters, count):
    import itertools

    from kg.analysis import paths
    from kg.analysis.collapsed import store_paths

    G = counted(actor_graph(ds, events=False, **filters), count)
    found = []
    for a, b in itertools.permutations(sorted(G)[:4], 2):
        found.append(store_paths(ds, a, b, count=count, **filters))
        assert found[-1] == paths(G, a, b)
    if not filters:  # the comparison is not vacuous
        assert any(p["hops"] and p["steps"][0]["relations"] for p in found)
    with pytest.raises(KGError, match="unknown actor 'Nowhere' for paths"):
        store_paths(ds, "Nowhere", sorted(G)[0], **filters)


@pytest.mark.parametrize("count", ["mentions", "events"])
@pytest.mark.parametrize("filters", FILTERS, ids=str)
def test_store_ego_lists_the_rows_of_the_ego_network(ds, filters, count):
    from kg.analysis import edge_rows, ego
    from kg.analysis.collapsed import store_ego

    G = actor_graph(ds, events=False, **filters)
    C = counted(attach_events(G, ds), count)
    cases = zip(sorted(C), (0, 1, 2, 1), (None, 2, None, 1), strict=False)
    for actor, depth, top in cases:  # a filter may leave fewer than four actors
        want = ego(C, actor, depth=depth)
        E = store_ego(ds, actor, depth=depth, count=count, top=top,
                      evidence=True, **filters)  # fmt: skip
        assert edge_rows(E) == edge_rows(want)[:top]
        if top is None:
            assert dict(E.nodes(data="distance")) == dict(want.nodes(data="distance"))
    if not filters:  # the comparison is not vacuous
        assert any(row["evidence"] for row in edge_rows(E)) and len(C) >= 4
    with pytest.raises(KGError, match="bad depth -1"):
        store_ego(ds, sorted(C)[0], depth=-1, **filters)


def test_dyad_edges_are_the_edges_of_those_dyads(ds):
    from kg.analysis.edges import dyad_edges
    from kg.rdf import derived

    every = read_edges(ds)
    dyads = sorted({(e["source"], e["target"]) for e in every})
    some = dyads[:3] + [("US", "Nowhere")]
    if not derived.is_fresh(ds):  # no derived graphs: nothing to read (callers check)
        assert dyad_edges(ds, some) == []
        return
    assert dyad_edges(ds, some) == [e for e in every
                                    if (e["source"], e["target"]) in some]  # fmt: skip
    assert len(dyad_edges(ds, some)) >= 3 and dyad_edges(ds, []) == []


@pytest.mark.parametrize("filters", FILTERS, ids=str)
def test_store_timeline_is_the_timeline_of_the_actor_graph(ds, filters):
    import itertools

    from kg.analysis import timeline
    from kg.analysis.timelines import store_timeline

    G = actor_graph(ds, events=False, **filters)
    attach_events(G, ds)
    rows = []
    for a, b in itertools.product(sorted(G)[:4], repeat=2):
        rows.append(store_timeline(ds, a, b, **filters))
        assert rows[-1] == timeline(G, a, b)
    label = G.nodes[sorted(G)[0]]["label"]
    assert store_timeline(ds, label.upper(), sorted(G)[1], **filters) == rows[1]
    if not filters:
        assert any(rows)  # the comparison is not vacuous
    with pytest.raises(KGError, match="unknown actor 'Nowhere' for timeline"):
        store_timeline(ds, sorted(G)[0], "Nowhere", **filters)


@pytest.mark.parametrize("filters", [{}, {"since": "2025-01-20"}], ids=str)
def test_read_edges_keeps_the_fields_asked_for(ds, filters):
    every = read_edges(ds, **filters)
    lean = read_edges(ds, fields=["mentions"], **filters)
    assert lean == [{k: e[k] for k in ("source", "relation", "target", "mentions")}
                    for e in every]  # fmt: skip
    assert len(every[0]) > 10 and len(lean) == len(every) > 0
    coded = read_edges(ds, fields=["quad_class", "cameo"], **filters)
    assert coded == [{k: e[k] for k in ("source", "relation", "target", "quad_class",
                                        "cameo")} for e in every]  # fmt: skip
    unsorted = read_edges(ds, sort=False, **filters)
    key = lambda e: (e["source"], e["relation"], e["target"])  # noqa: E731
    assert sorted(unsorted, key=key) == every
