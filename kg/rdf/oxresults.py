"""Oxigraph's query results as rdflib results, without a new term per cell.

oxrdflib turns every cell of a SELECT result into a new rdflib term, and rdflib
parses each literal's lexical form into a Python value on the way: on a large
listing that conversion cost more than Oxigraph's evaluation of the query. A
result repeats the same IRIs, labels and small numbers row after row, so here
each distinct term is converted once per result (a bounded cache) with
oxrdflib's own converter; the terms handed out are the ones oxrdflib would give.
ASK and CONSTRUCT results are built as oxrdflib builds them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

import pyoxigraph as ox
from oxrdflib._converter import from_ox
from rdflib import Graph, Variable
from rdflib.query import Result
from rdflib.term import Node

from kg.rdf.store import oxigraph_store

#: Distinct terms remembered per result (cleared when full).
CACHE_SIZE = 1 << 16


def converter(size: int = CACHE_SIZE) -> Callable[[Any], Any]:
    """A function from Oxigraph terms to rdflib terms that converts each once."""
    cache: dict[Any, Any] = {}

    def convert(term: Any) -> Any:
        try:
            return cache[term]
        except KeyError:
            if len(cache) >= size:
                cache.clear()
            node = cache[term] = from_ox(term)
            return node
        except TypeError:  # an unhashable term (RDF-star triple)
            return from_ox(term)

    return convert


def _solutions(
    variables: list[Variable], solutions: Any
) -> Iterator[Mapping[Variable, Node | None]]:
    convert = converter()
    for solution in solutions:
        yield {
            v: None if t is None else convert(t)
            for v, t in zip(variables, solution, strict=False)
        }


def query(dataset: Graph, text: str) -> Result:
    """Run ``text`` on the Oxigraph store behind ``dataset`` as rdflib would, the
    default graph being the union of all graphs (kg's datasets are opened so).

    Returns:
        An rdflib :class:`~rdflib.query.Result`; a SELECT's solutions come lazily.
    """
    prefixes = {p: str(ns) for p, ns in dataset.namespaces()}
    inner = oxigraph_store(dataset)
    result = inner.query(text, use_default_graph_as_union=True, prefixes=prefixes)
    if isinstance(result, ox.QueryBoolean):
        out = Result("ASK")
        out.askAnswer = bool(result)
    elif isinstance(result, ox.QuerySolutions):
        out = Result("SELECT")
        out.vars = [Variable(v.value) for v in result.variables]
        out.bindings = _solutions(out.vars, result)  # type: ignore[assignment]
    else:
        out = Result("CONSTRUCT")
        out.graph = Graph()
        out.graph += (from_ox(t) for t in result)  # type: ignore[misc]
    return out
