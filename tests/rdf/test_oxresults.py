"""kg.rdf.oxresults: Oxigraph's results as the rdflib terms oxrdflib would give."""

from __future__ import annotations

import pyoxigraph as ox
from oxrdflib._converter import from_ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from kg.rdf.oxresults import converter
from kg.rdf.store import open_store, oxigraph_store, query

ROWS = """PREFIX ex: <http://example.org/>
INSERT DATA { GRAPH ex:g {
  ex:a ex:n 1 ;
       ex:l "1" , "1"@en , "x"^^ex:dt ; ex:b _:b1 .
  ex:c ex:n 2 } }"""
SELECT = """PREFIX ex: <http://example.org/>
SELECT ?s ?o ?b WHERE { ?s ?p ?o OPTIONAL { ?s ex:b ?b } } ORDER BY ?s ?p STR(?o)"""


def _rows(result):
    return [{str(k): v for k, v in b.items()} for b in result.bindings]


def test_rows_are_the_terms_oxrdflib_gives(tmp_path):
    ds = open_store(tmp_path / "store")
    query(ds, "ASK {}")  # a read before the write: nothing is cached across results
    oxigraph_store(ds).update(ROWS)
    ours = _rows(query(ds, SELECT))
    theirs = _rows(ds.query(SELECT))  # oxrdflib's own conversion
    assert ours == theirs and len(ours) == 6
    objects = [r["o"] for r in ours if r["s"] == URIRef("http://example.org/a")]
    # distinct terms stay distinct: datatypes and languages
    assert Literal("1", datatype=XSD.integer) in objects
    assert Literal("x", datatype=URIRef("http://example.org/dt")) in objects
    assert Literal("1", datatype=XSD.string) in objects
    assert Literal("1", lang="en") in objects
    assert any(isinstance(o, BNode) for o in objects)
    assert {r["b"] for r in ours if r["s"] == URIRef("http://example.org/c")} == {None}
    ds.close()


def test_ask_and_construct_come_back_as_rdflib_results(tmp_path):
    ds = open_store(tmp_path / "store")
    oxigraph_store(ds).update(ROWS)
    assert query(ds, "ASK { ?s ?p 2 }").askAnswer is True
    assert query(ds, "ASK { ?s ?p 3 }").askAnswer is False
    graph = query(ds, "CONSTRUCT { ?s ?p 2 } WHERE { ?s ?p 2 }").graph
    assert len(graph) == 1 and next(iter(graph))[2] == Literal(2)
    ds.close()


def test_the_cache_is_bounded_and_gives_the_same_terms_after_clearing():
    convert = converter(size=2)
    terms = [ox.NamedNode(f"http://example.org/{i}") for i in range(3)]
    first = [convert(t) for t in terms]  # the third clears the cache
    assert [convert(t) for t in terms] == first == [from_ox(t) for t in terms]
    hit = convert(terms[2])
    assert hit is convert(terms[2])  # a hit hands out the cached term
