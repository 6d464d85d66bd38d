"""kg.rdf.derived in bounded memory: chunks, the staged write, the touched-dyad cap."""

from __future__ import annotations

import pytest
from rdf_helpers import corpus, derived_quads, each_store  # noqa: F401 (fixture "store")

from kg.rdf import derived, events, reading, staging
from kg.rdf.graph import build
from kg.rdf.namespaces import KG
from kg.rdf.staging import Staged
from kg.rdf.store import open_store, select
from kg.rdf.tally import Tally
from kg.types import KGError


def test_a_refresh_in_small_chunks_writes_the_graphs_of_one_chunk(store):
    build(corpus(40), dataset=store, registry={})
    whole = derived_quads(store, state=False)
    dyads = {g for g, *_ in whole if g.startswith(events.DERIVED + "dyad/")}
    assert derived.refresh(store, chunk=100_000) == len(dyads) > 20
    assert derived_quads(store, state=False) == whole
    assert derived.refresh(store, chunk=1) == len(dyads)  # a dyad at a time
    assert derived_quads(store, state=False) == whole
    assert derived.refresh(store, chunk=3) == len(dyads)
    assert derived_quads(store, state=False) == whole
    assert derived.is_fresh(store)


def test_an_incremental_build_in_small_chunks_equals_one_chunk(store, monkeypatch):
    build(corpus(30), dataset=store, registry={})
    # replaced and new articles: only their dyads and actors are recomputed
    build(corpus(10, seed=9), dataset=store, registry={})
    one = derived_quads(store, state=False)
    build(corpus(10, seed=9, prefix="x"), dataset=store, registry={})
    monkeypatch.setattr(derived, "DYADS", 1)
    build(corpus(10, seed=9), dataset=store, registry={})  # back as it was
    build(corpus(10, seed=9, prefix="x"), dataset=store, registry={})
    chunked = derived_quads(store, state=False)
    derived.refresh(store, chunk=100_000)  # everything, in one chunk
    assert derived_quads(store, state=False) == chunked
    assert chunked != one  # the second batch of articles changed something


def test_bad_chunk_size(store):
    with pytest.raises(KGError, match="bad chunk size 0"):
        derived.refresh(store, chunk=0)
    assert derived.refresh(store, chunk=1) == 0  # its positive twin: no dyads


def test_past_the_cap_a_build_forgets_its_dyads_and_recomputes_all(store, monkeypatch):
    from kg.rdf.nquads import article_quads

    build(corpus(20), dataset=store, registry={})
    art, asserted = corpus(1, seed=3, prefix="n")[0]
    writer = derived.Derived(store)
    writer.begin()
    writer.touch_triples(article_quads(art, asserted).triples)
    assert writer.dyads and not writer._everything  # under the cap: remembered
    monkeypatch.setattr(derived, "TOUCHED", 0)
    writer.touch_triples(article_quads(art, asserted).triples)
    assert writer._everything and not writer.dyads and not writer.articles
    derived.refresh(store)
    # a build past the cap gives what a build under it gives
    seen = []
    real = derived.refresh
    monkeypatch.setattr(derived, "refresh", lambda ds, dyads=None, **kw: (
        seen.append(dyads is None), real(ds, dyads, **kw))[1])  # fmt: skip
    build(corpus(15, seed=4, prefix="c"), dataset=store, registry={})
    past = derived_quads(store, state=False)
    real(store)  # everything again, in one go
    assert derived_quads(store, state=False) == past
    monkeypatch.setattr(derived, "TOUCHED", 100_000)
    build(corpus(15, seed=4, prefix="k"), dataset=store, registry={})
    under = derived_quads(store, state=False)
    real(store)
    assert derived_quads(store, state=False) == under != past
    assert seen == [True, False]  # past the cap every dyad, under it the touched


def test_a_refresh_that_fails_while_staging_leaves_the_store_as_it_was(
    store, monkeypatch
):
    build(corpus(20), dataset=store, registry={})
    before = derived_quads(store, state=False)
    calls = []

    def failing(ms, window):
        calls.append(1)
        if len(calls) > 3:
            raise RuntimeError("out of disk")
        return real(ms, window)

    real = derived.dyad_triples
    monkeypatch.setattr(derived, "dyad_triples", failing)
    with pytest.raises(RuntimeError, match="out of disk"):
        derived.refresh(store, chunk=2)
    assert derived_quads(store, state=False) == before  # nothing of it was written
    assert not derived.is_fresh(store)  # and readers are told to fall back
    monkeypatch.setattr(derived, "dyad_triples", real)
    build([], dataset=store, registry={})  # the next build recounts everything
    assert derived.is_fresh(store) and derived_quads(store, state=False) == before


def test_a_refresh_killed_while_loading_leaves_the_store_stale(store, monkeypatch):
    build(corpus(20), dataset=store, registry={})
    before = derived_quads(store, state=False)

    def dies(*_):
        raise OSError("killed")

    monkeypatch.setattr(staging, "_load", dies)  # the drops happened, no load
    with pytest.raises(KGError, match="cannot write the staged graphs: killed"):
        derived.refresh(store)
    assert not derived.is_fresh(store)
    assert derived_quads(store, state=False) == set()  # dropped, not written
    monkeypatch.undo()
    build([], dataset=store, registry={})
    assert derived.is_fresh(store) and derived_quads(store, state=False) == before


# ---------------------------------------------------------------- the stage
def _all(ds) -> set:
    _, rows = select(ds, "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    return set(rows)


def test_staged_graphs_reach_the_store_only_at_the_commit(store):
    quads = [(f"<http://x/s{i}>", "<http://x/p>", f'"{i}"') for i in range(7)]
    with Staged(store, piece=3) as stage:
        stage.add("http://x/g1", quads[:5])
        stage.add("http://x/g2", quads[5:])
        assert stage.quads == 7 and len(stage._pieces) == 3  # 3 + 3 + 1 quads
        assert _all(store) == set()  # nothing before the commit
        stage.commit()
        folder = stage._dir
    assert not folder.exists()  # the staged files are gone
    assert len(_all(store)) == 7
    with Staged(store) as stage:  # a drop, then a new graph
        stage.drop(["http://x/g1"])
        stage.add("http://x/g3", quads[:1])
        stage.commit()
    assert {g for g, *_ in _all(store)} == {"http://x/g2", "http://x/g3"}
    with Staged(store) as stage:  # left without a commit: nothing changes
        stage.drop(["http://x/g2"])
    assert {g for g, *_ in _all(store)} == {"http://x/g2", "http://x/g3"}
    with pytest.raises(KGError, match="bad piece size 0"):
        Staged(store, piece=0)


def test_an_endpoint_gets_the_staged_graphs_as_insert_data(monkeypatch):
    target = open_store("memory")
    sent = []

    def update(_dataset, text):
        sent.append(text)
        target.update(text)

    monkeypatch.setattr(staging, "store_kind", lambda _: "sparql")
    monkeypatch.setattr(staging, "update", update)
    with Staged(target) as stage:
        stage.add("http://x/g", [("<http://x/a>", "<http://x/p>", '"b c ."@en')])
        stage.drop(["http://x/old"])
        stage.commit()
    assert sent[0] == "DROP SILENT GRAPH <http://x/old>"
    assert sent[1].startswith("INSERT DATA {")
    assert _all(target) == {("http://x/g", "http://x/a", "http://x/p", "b c .")}


# ---------------------------------------------------------------- the tally
def test_the_tally_groups_every_mention_by_dyad_as_the_reader_does(store):
    build(corpus(25), dataset=store, registry={})
    want: dict = {}
    for m in reading.read_mentions(store):
        want.setdefault((m.source, m.target), []).append(m)
    got: dict = {}
    with Tally(store, delta=False) as tally:
        chunks = list(tally.dyads(4))
        for chunk in chunks:
            assert len(chunk) <= 4
            for dyad, ms in chunk.items():
                assert dyad not in got
                got[dyad] = ms
    assert len(chunks) > 3
    key = lambda ms: sorted(ms, key=lambda m: m.iri)  # noqa: E731
    assert {d: key(ms) for d, ms in got.items()} == {
        d: key(ms) for d, ms in want.items()
    }


def test_the_tally_reads_the_facts_the_store_query_reads(store):
    from kg.rdf.summaries import read_facts

    build(corpus(10), dataset=store, registry={})
    mentions = reading.read_mentions(store)
    actors = sorted({m.source for m in mentions} | {m.target for m in mentions})
    with Tally(store, delta=False) as tally:
        assert tally.read_facts(actors) == read_facts(store, actors)
        assert tally.read_facts(actors)[1]  # not vacuous: articles per actor


def test_the_counts_of_an_edge_agree_with_its_record(store):
    from kg.analysis.edges import read_edges

    build(corpus(30), dataset=store, registry={})
    fields = ("mentions", "event_count", "articles", "first_event", "quad_class",
              "asserted")  # fmt: skip
    lean = read_edges(store, fields=fields)  # from kg:dyadCounts
    full = read_edges(store)  # from kg:edgeRecord
    assert lean and lean == [{k: e[k] for k in ("source", "relation", "target",
                                                *fields)} for e in full]  # fmt: skip


def test_derived_graphs_of_another_format_are_stale_until_the_next_build(
    store, monkeypatch
):
    build(corpus(10), dataset=store, registry={})
    assert derived.is_fresh(store)
    before = derived_quads(store, state=False)
    with monkeypatch.context() as m:
        m.setattr(derived, "FORMAT", "1")  # a store an older kg wrote
        derived._set_state(store, "fresh", events.DEFAULT_WINDOW)
        assert derived.is_fresh(store)
    assert not derived.is_fresh(store)  # readers group the mentions themselves
    build(corpus(10), dataset=store, registry={})  # unchanged articles
    assert derived.is_fresh(store) and derived_quads(store, state=False) == before


def _sorted_counts(records) -> list[str]:
    import json

    return sorted(json.dumps(r) for r in records)


def test_the_pages_hold_the_counts_of_every_dyad(store):
    build(corpus(40), dataset=store, registry={})
    per_dyad = _sorted_counts(derived.read_records(store, "dyadCounts"))
    assert _sorted_counts(derived.dyad_counts(store)) == per_dyad
    text = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?p a <{KG.CountsPage}> }} }}"
    pages = select(store, text)[1]
    assert 1 < len(list(pages)) < len(per_dyad) > 20  # dyads share pages
    # articles replaced: dyads change, some lose every mention, and the
    # pages of the touched dyads follow
    build(corpus(40, seed=9), dataset=store, registry={})
    again = _sorted_counts(derived.read_records(store, "dyadCounts"))
    assert _sorted_counts(derived.dyad_counts(store)) == again != per_dyad
