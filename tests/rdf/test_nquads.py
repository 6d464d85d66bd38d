"""kg.rdf.nquads: N-Triples text written straight from the records."""

from __future__ import annotations

from datetime import datetime, timezone

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS

from kg.rdf.graph import article_graph, graph_digest
from kg.rdf.nquads import article_quads, n3_quote, quote
from kg.rdf.ontology import KG, article_iri
from kg.types import Article
from tests.data.graph_sample import SEED, SEED_ASSERTIONS

FIXED = datetime(2025, 1, 26, 12, 0, tzinfo=timezone.utc)
ODD = [
    'quotes "inside"',
    "back\\slash and C:\\path\\",
    "two\nlines",
    "carriage\rreturn",
    'ends with a quote"',
    'three """ quotes\nand a newline',
    "tab\tand unicode: Côte d’Ivoire 中文 🙂",
]


@pytest.mark.parametrize("text", ODD)
def test_literals_round_trip_through_both_parsers(text):
    line = f"<http://e/s> <http://e/p> {quote(text)} ."
    (triple,) = Graph().parse(data=line, format="nt")
    assert str(triple[2]) == text
    (q,) = ox.parse(line.encode(), ox.RdfFormat.N_TRIPLES)
    assert q.object.value == text


@pytest.mark.parametrize("text", ODD)
def test_digest_form_is_rdflibs(text):
    assert n3_quote(text) == Literal(text).n3()


def test_plain_strings_are_written_alike_in_both_forms():
    assert n3_quote('say "hi"') == quote('say "hi"') == '"say \\"hi\\""'
    assert n3_quote("a\nb") != quote("a\nb") == '"a\\nb"'


def test_text_is_the_graph_and_its_digest_is_rdflibs():
    odd = Article("odd", "\n".join(ODD), title=ODD[1], source=ODD[5], date="2025-01-02")
    for article, assertions in ((SEED, SEED_ASSERTIONS), (odd, [])):
        q = article_quads(article, assertions, registry={}, generated_at=FIXED)
        g = Graph().parse(data=q.ntriples(), format="nt")
        assert len(g) == len(q.triples)  # no duplicate triples
        assert graph_digest(g) == q.digest
        assert str(g.value(article_iri(article.id), KG.graphHash)) == q.digest
        graph = article_graph(article, assertions, registry={}, generated_at=FIXED)
        assert isomorphic(graph, g)
    assert g.value(article_iri("odd"), DCTERMS.publisher) == Literal(ODD[5])


def test_nquads_put_every_triple_in_the_article_graph():
    q = article_quads(SEED, SEED_ASSERTIONS, registry={}, input_hash="abc")
    quads = list(ox.parse(q.nquads().encode(), ox.RdfFormat.N_QUADS))
    assert len(quads) == len(q.triples)
    assert {x.graph_name.value for x in quads} == {q.graph}
    assert (q.events, q.negated, q.direct) == (5, 1, 4)


def test_input_hash_is_kept_out_of_the_digest():
    a = article_quads(SEED, SEED_ASSERTIONS, registry={}, input_hash="one")
    b = article_quads(SEED, SEED_ASSERTIONS, registry={}, input_hash="two")
    c = article_quads(SEED, SEED_ASSERTIONS[:2], registry={}, input_hash="one")
    assert a.digest == b.digest != c.digest
    assert any(p == f"<{KG.inputHash}>" for _, p, _ in a.triples)
