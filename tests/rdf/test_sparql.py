"""kg.rdf.sparql: terms written for SPARQL text, and VALUES blocks bound in."""

from __future__ import annotations

import pytest
from rdflib import BNode, Literal, URIRef

from kg.rdf.sparql import inject_values, sparql_term
from kg.types import KGError

S = URIRef("http://x.org/s")
VALUES = "VALUES (?s) { (<http://x.org/s>) }"


def test_inject_values_finds_the_where_clause():
    q = (
        'PREFIX x: <http://x.org/a#b> CONSTRUCT { ?s <http://p> "}" } '
        "WHERE { ?s ?p ?o # } comment\n }"
    )
    out = inject_values(q, {"s": URIRef("http://x.org/s")})
    assert "WHERE { VALUES (?s) { (<http://x.org/s>) } ?s ?p ?o" in out
    q = "SELECT * { ?s ?p ?o }"
    assert inject_values(q, {"o": Literal('a"b')}) == (
        'SELECT * { VALUES (?o) { ("a\\"b") } ?s ?p ?o }'
    )


@pytest.mark.parametrize(
    "query, expected",
    [
        # the CONSTRUCT template is not the WHERE group
        ("CONSTRUCT { ?s ?p ?o } { ?s ?p ?o }",
         f"CONSTRUCT {{ ?s ?p ?o }} {{ {VALUES} ?s ?p ?o }}"),
        # braces in strings, comments and IRIs do not count
        ('SELECT * # { not here\n WHERE { ?s ?p "{" }',
         f'SELECT * # {{ not here\n WHERE {{ {VALUES} ?s ?p "{{" }}'),
        ('SELECT * WHERE { ?s ?p """}""" }',
         f'SELECT * WHERE {{ {VALUES} ?s ?p """}}""" }}'),
        # update templates are not the WHERE group either
        ("DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
         f"DELETE {{ ?s ?p ?o }} INSERT {{ ?s ?p 1 }} WHERE {{ {VALUES} ?s ?p ?o }}"),
        ("ASK { ?s <http://x.org/{p}> ?o }",
         f"ASK {{ {VALUES} ?s <http://x.org/{{p}}> ?o }}"),
    ],
)  # fmt: skip
def test_where_group_is_found(query, expected):
    assert inject_values(query, {"s": S}) == expected


def test_no_where_group_and_no_bindings():
    with pytest.raises(KGError, match="cannot find the WHERE clause"):
        inject_values("DROP ALL", {"s": S})
    assert inject_values("DROP ALL", {}) == "DROP ALL"


def test_terms_are_escaped_and_checked():
    assert sparql_term(Literal('a\nb\t\\"')) == '"a\\nb\\t\\\\\\""'
    assert sparql_term(Literal("chat", lang="fr")) == '"chat"@fr'
    xsd_date = URIRef("http://www.w3.org/2001/XMLSchema#date")
    day = Literal("2025-01-02", datatype=xsd_date)
    assert sparql_term(day) == f'"2025-01-02"^^<{xsd_date}>'
    with pytest.raises(KGError, match="cannot be used in a SPARQL query"):
        sparql_term(URIRef("http://x.org/a b"))
    with pytest.raises(KGError, match="blank nodes"):
        sparql_term(BNode())
