"""kg.rdf.listings and kg.rdf.pairs: the edge listings read from the derived counts,
and the pair listings read from the mention rows, give the rows of their named
queries' SPARQL, in the same order, in every output format."""

from __future__ import annotations

import io

import pytest
from rdf_helpers import NAMES, corpus
from rdflib import Literal

import kg.query as kq
from kg.rdf import derived
from kg.rdf.graph import build
from kg.rdf.listings import LISTINGS, listing_of
from kg.rdf.ontology import actor_iri
from kg.rdf.pairs import PAIR_LISTINGS, pair_listing_of
from kg.rdf.pairs import _rows as _pair_rows
from kg.rdf.reading import ROW_FIELDS
from kg.rdf.store import open_store
from kg.types import Article, Assertion, KGError, Mention


def _prefixed_actors() -> tuple:
    """An article whose actor ids prefix one another ("ZEM", "ZEMB"): the
    tie-break of equal counts must still order them as the SPARQL does."""
    text = "Zembla Bay was said to have moved against Zembla."
    bay = Mention("ZEMB", "Zembla Bay", 0, 10, label="Zembla Bay", cls="Group")
    zem = Mention("ZEM", "Zembla", 42, 48, label="Zembla", cls="State")
    facts = [Assertion("p1", bay, zem, rel, 0, 0, len(text), text, date="2025-02-02")
             for rel in ("attacks", "aids")]  # fmt: skip
    return Article("p1", text, date="2025-02-02", source="Paper 9"), facts


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    ds = open_store(tmp_path_factory.mktemp("listings") / "store")
    build([*corpus(80), _prefixed_actors()], dataset=ds, registry={})
    yield ds
    ds.close()


def _written(store, name, fmt, params) -> str:
    out, result = io.StringIO(), kq.stream_query(store, name, params=params)
    kq.write_result(result, fmt, out, dataset=store)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_a_listing_gives_the_rows_of_its_sparql(store, name, fmt, monkeypatch):
    for params in ({}, {"actor": "ZEM"}, {"actor": "Borovia"}):
        fast = _written(store, name, fmt, params)
        with monkeypatch.context() as m:
            m.setattr(kq, "listing_of", lambda *_: None)  # the named query's SPARQL
            slow = _written(store, name, fmt, params)
        assert fast == slow, (name, fmt, params)
        assert fast.count("\n") > 8  # rows, not an empty listing


def test_the_counts_are_read_only_where_they_answer(store, monkeypatch):
    assert listing_of(store, "edges", {}) is not None
    assert listing_of(store, " conflict ", {}) is not None
    # not a listing, another parameter bound, derived data of another shape
    assert listing_of(store, "actors", {}) is None
    assert listing_of(store, kq.named_query("edges"), {}) is None  # the text itself
    assert listing_of(store, "edges", {"country": "x"}) is None
    monkeypatch.setattr(derived, "FORMAT", "0")  # an older kg's store
    assert listing_of(store, "edges", {}) is None
    monkeypatch.undo()
    memory = open_store("memory")
    build(corpus(5), dataset=memory, registry={})
    assert derived.is_fresh(memory)
    assert listing_of(memory, "edges", {}) is None  # no Oxigraph to read terms from


def test_the_listing_variables_are_those_of_the_named_query():
    for name, listing in LISTINGS.items():
        head = kq.named_query(name).split("WHERE")[0]
        assert head.split()[-len(listing.variables) :] == [
            f"?{v}" for v in listing.variables
        ], name


def test_a_listing_keeps_to_the_timeout(store):
    rows = kq.stream_query(store, "edges", timeout=1e-9).rows
    with pytest.raises(KGError, match="took longer than"):
        next(iter(rows))
    # the twin: with time enough, the rows come
    assert next(iter(kq.stream_query(store, "edges", timeout=60).rows))


# ---------------------------------------------------------------- pair listings
@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
@pytest.mark.parametrize("name", sorted(PAIR_LISTINGS))
def test_a_pair_listing_gives_the_rows_of_its_sparql(store, name, fmt, monkeypatch):
    pairs = ({"a": "ZEM", "b": "ZEMB"}, {"a": "ZEMB", "b": "ZEM"},
             {"a": NAMES[0], "b": NAMES[1]}, {"a": NAMES[2], "b": NAMES[2]},
             {"a": NAMES[0], "b": "FRA"})  # fmt: skip
    for params in pairs:
        fast = _written(store, name, fmt, params)
        with monkeypatch.context() as m:
            m.setattr(kq, "pair_listing_of", lambda *_: None)  # the SPARQL
            slow = _written(store, name, fmt, params)
        assert fast == slow, (name, fmt, params)
    rows = list(kq.stream_query(store, name, params=pairs[2]).rows)
    assert {str(row[1]) for row in rows} == {str(actor_iri(a)) for a in ("ZEM", "BOR")}


def test_the_mention_rows_are_read_only_where_they_answer(store, monkeypatch):
    pair = {"a": actor_iri("ZEM"), "b": actor_iri("ZEMB")}
    assert pair_listing_of(store, "between", pair) is not None
    assert pair_listing_of(store, " timeline ", pair) is not None
    # not a pair listing, a parameter missing or not an actor, another shape
    assert pair_listing_of(store, "edges", pair) is None
    assert pair_listing_of(store, "between", {"a": pair["a"]}) is None
    assert pair_listing_of(store, "between", {**pair, "b": Literal("ZEM")}) is None
    monkeypatch.setattr(derived, "FORMAT", "0")  # an older kg's store
    assert pair_listing_of(store, "between", pair) is None


def test_a_pair_listing_leaves_out_a_mention_its_pattern_needs_more_of():
    listing = PAIR_LISTINGS["between"]
    row = dict.fromkeys(ROW_FIELDS, "https://example.org/x") | {
        "neg": "false", "mod": "asserted", "ev": "X met Y.", "quad": "1",
        "date": None, "adate": "2025-01-02"}  # fmt: skip
    assert len(list(_pair_rows(listing, [row]))) == 1
    assert list(_pair_rows(listing, [row | {"ev": None}])) == []  # no evidence
    # the timeline does not ask for the evidence, and shows the article's date
    (got,) = _pair_rows(PAIR_LISTINGS["timeline"], [row | {"ev": None}])
    assert str(got[0]) == "2025-01-02"
