"""The counts of every dyad, in pages: what the readers of every edge read.

Each directed dyad's derived graph keeps the counts of its edges as one JSON
array (``kg:dyadCounts``, :data:`kg.rdf.events.COUNTS_FIELDS`). A reader of
every edge (the network measures, the edge listings of ``kg query``) would read
one literal per dyad, and Oxigraph looks each up on its own: about 9 µs a
literal, over a second for the 126,000 dyads of a 100,000-article store. So
each refresh also files every dyad's counts in one of :data:`PAGES` pages (by
the first two hex digits of its graph's hash), one literal per page
(a ``kg:CountsPage`` whose ``kg:pageCounts`` is a JSON object, dyad graph
hash -> counts), in the graph
``<https://w3id.org/kg-news/derived/page/XX>``; :func:`dyad_counts` reads them.

A refresh of every dyad writes every page afresh; a refresh of some dyads
rewrites only their pages: each stored page with the touched dyads' counts
replaced (a dyad left without mentions leaves its page). The new counts wait
on disk (:class:`kg.rdf.tally.Tally`) until the pages are staged, with the rest
of the refresh's graphs (:class:`kg.rdf.staging.Staged`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from rdflib import Graph

from kg.rdf.events import DERIVED, record_literal
from kg.rdf.nquads import TYPE, Triple
from kg.rdf.reading import kg_term, read_records
from kg.rdf.store import select

#: Hex digits of a dyad graph's hash that name its page (256 pages).
DIGITS = 2
PAGES = 16**DIGITS
#: Base of the page graphs (and nodes).
PAGE = DERIVED + "page/"


def dyad_key(graph: str) -> str:
    """The key of a dyad in its page: its graph's hash.

    Examples:
        >>> dyad_key(DERIVED + "dyad/0a1b2c")
        '0a1b2c'
    """
    return graph.rsplit("/", 1)[-1]


def page_graph(key: str) -> str:
    """The graph (and node) of the page of a dyad key.

    Examples:
        >>> page_graph("0a1b2c")[-7:]
        'page/0a'
    """
    return PAGE + key[:DIGITS]


def page_triples(page: str, counts: Mapping[str, Any]) -> list[Triple]:
    """The triples of a page (its graph IRI): the counts of its dyads by key."""
    node = f"<{page}>"
    return [
        (node, TYPE, kg_term("CountsPage")),
        (node, kg_term("pageCounts"), record_literal(dict(counts))),
    ]


def stored_page(dataset: Graph, page: str) -> dict[str, Any]:
    """The stored counts of a page (its graph IRI), by dyad key ({}: none)."""
    prop = kg_term("pageCounts")
    text = f"SELECT ?r WHERE {{ GRAPH <{page}> {{ <{page}> {prop} ?r }} }}"
    out: dict[str, Any] = {}
    for (record,) in select(dataset, text)[1]:
        out.update(json.loads(record or "{}"))
    return out


def dyad_counts(dataset: Graph) -> Iterator[list[list[Any]]]:
    """The ``kg:dyadCounts`` array of every dyad, read from the pages (a page at
    a time; by page, then dyad key)."""
    for page in read_records(dataset, "pageCounts"):
        yield from (page or {}).values()


__all__ = [
    "PAGE", "PAGES", "dyad_counts", "dyad_key", "page_graph", "page_triples",
    "stored_page",
]  # fmt: skip
