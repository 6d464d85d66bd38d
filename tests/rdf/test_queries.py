"""kg.rdf.queries: the named query library, with the kg prefixes declared once."""

from __future__ import annotations

import pytest

from kg.rdf.namespaces import PREFIXES, sparql_prefixes
from kg.rdf.queries import named_queries, named_query
from kg.resources import resource_path
from kg.types import KGError


def test_named_query_library():
    queries = named_queries()
    for name in (
        "cooperation",
        "conflict",
        "between",
        "timeline",
        "actors",
        "top-relations",
        "evidence",
        "edges",
    ):
        assert name in queries
        assert queries[name].description, name
        assert queries[name].params, name


def test_named_queries_get_the_one_prefix_block():
    block = sparql_prefixes()
    assert block.count("PREFIX ") == len(PREFIXES)
    for q in named_queries().values():
        assert q.text.count(block) == 1, q.name
        # the header comments stay first, so a reader sees the description
        assert q.text.startswith("# description:"), q.name
    files = list((resource_path("ontology") / "queries").glob("*.rq"))
    assert len(files) == len(named_queries())
    assert not any("PREFIX " in f.read_text("utf-8") for f in files)


def test_unknown_named_query():
    with pytest.raises(KGError, match="unknown named query 'nope'; expected one of"):
        named_query("nope")
