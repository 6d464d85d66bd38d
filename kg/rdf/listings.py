"""The edge listings of the named queries, read from the dyads' count arrays.

The named queries ``edges``, ``conflict`` and ``cooperation`` list derived
``kg:Edge`` nodes with a dozen properties each, sorted by mentions. Oxigraph
joins those properties edge by edge: about 150 µs a row with the sort and the
conversion of the terms, 45 s for the 290,000 edges of a 100,000-article store.
On an embedded store whose derived data is fresh (:func:`kg.rdf.derived.is_fresh`)
``kg query --named`` reads the same rows from the ``kg:dyadCounts`` arrays (one
per dyad, :data:`kg.rdf.events.COUNTS_FIELDS`, read by page:
:func:`kg.rdf.pages.dyad_counts`) and the labels of the
actor summaries, and sorts them in Python: the rows of the SPARQL of the named
query, in its order, as the same RDF terms (tested on every output format). The
``.rq`` files stay the definition (and what a SPARQL endpoint or an older store
runs).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, cast

import pyoxigraph as ox
from oxrdflib._converter import from_ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from kg.rdf import derived
from kg.rdf.events import COUNTS_FIELDS
from kg.rdf.namespaces import sparql_prefixes
from kg.rdf.store import oxigraph_store, store_kind

_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
#: The columns every listing starts with (the edge, its quad class and labels).
_ENDS = ("source", "sourceLabel", "relation", "target", "targetLabel", "quadClass")


@dataclass(frozen=True)
class Listing:
    """A named query that lists edges, as the fields of ``kg:dyadCounts``.

    Attributes:
        counts: Each count column after :data:`_ENDS`, with the field it shows.
        classes: The quad classes listed (None: every edge, with or without one).
        asserted: List only edges with an asserted mention.
    """

    counts: tuple[tuple[str, str], ...]
    classes: range | None = None
    asserted: bool = False

    @property
    def variables(self) -> list[str]:
        """The SELECT variables of the named query."""
        return [*_ENDS, *(column for column, _ in self.counts)]

    def keeps(self, edge: list[Any]) -> bool:
        """Whether the listing shows an edge (a ``kg:dyadCounts`` entry)."""
        if self.classes is not None and edge[_QUAD] not in self.classes:
            return False
        return not self.asserted or edge[_ASSERTED_AT] > 0


_AT = {name: i for i, name in enumerate(COUNTS_FIELDS)}
_QUAD, _ASSERTED_AT = _AT["quad_class"], _AT["asserted"]
_ASSERTED = (("articles", "asserted_articles"), ("mentions", "asserted"),
             ("events", "asserted_events"))  # fmt: skip

#: The listings by named query (``ontology/queries/NAME.rq``).
LISTINGS = {
    "edges": Listing(
        (
            ("articles", "articles"),
            ("mentions", "mentions"),
            ("events", "event_count"),
            ("sources", "sources"),
            ("asserted", "asserted"),
            ("negated", "negated"),
        )
    ),
    "conflict": Listing(_ASSERTED, classes=range(3, 5), asserted=True),
    "cooperation": Listing(_ASSERTED, classes=range(1, 3), asserted=True),
}


class _Iris(dict[str, Node]):
    """IRIs as the rdflib terms a SPARQL result gives, each made once."""

    def __missing__(self, value: str) -> Node:
        term = self[value] = cast(Node, from_ox(ox.NamedNode(value)))
        return term


class _Integers(dict[int, Node]):
    """``xsd:integer`` literals as a SPARQL result gives them, each made once."""

    def __missing__(self, n: int) -> Node:
        term = self[n] = cast(Node, from_ox(ox.Literal(str(n), datatype=_INTEGER)))
        return term


def _labels(dataset: Graph) -> dict[str, list[Node]]:
    """The ``rdfs:label`` terms of each actor's summary, by actor IRI."""
    text = sparql_prefixes() + (
        "SELECT ?a ?l WHERE { GRAPH ?g { ?s a kg:ActorSummary ; kg:actor ?a ; "
        "rdfs:label ?l } }"
    )
    out: dict[str, list[Node]] = {}
    for actor, label in oxigraph_store(dataset).query(
        text, use_default_graph_as_union=True
    ):
        out.setdefault(actor.value, []).append(cast(Node, from_ox(label)))
    return out


def listing_of(
    dataset: Graph, query: str, bindings: Mapping[str, Node]
) -> tuple[list[str], Iterator[list[Node | None]]] | None:
    """The variables and rows of a named edge listing, read from the counts.

    Args:
        dataset: The store.
        query: What was asked: a query's name, or its text.
        bindings: The bound parameters (only ``actor`` is read here).

    Returns:
        None when the listing must run as SPARQL: ``query`` is not the name of
        a listing, the store is not embedded Oxigraph, its derived data is not
        fresh, or a parameter other than ``actor`` is bound.
    """
    listing = LISTINGS.get(query.strip())
    if (
        listing is None
        or set(bindings) - {"actor"}
        or store_kind(dataset) != "oxigraph"
        or not derived.is_fresh(dataset)
    ):
        return None
    actor = bindings.get("actor")
    # an actor bound to a literal is no edge's source or target
    wanted = None if actor is None else str(actor) if isinstance(actor, URIRef) else ""
    edges = [
        edge
        for dyad in derived.dyad_counts(dataset)
        for edge in dyad
        if listing.keeps(edge) and (wanted is None or wanted in (edge[0], edge[2]))
    ]
    return listing.variables, _rows(listing, edges, _labels(dataset))


def _rows(
    listing: Listing, edges: list[list[Any]], labels: Mapping[str, list[Node]]
) -> Iterator[list[Node | None]]:
    """The rows of the edges, in the order of the named query: ``ORDER BY
    DESC(?mentions) DESC(?articles)``, then source, relation and target."""
    at = {column: _AT[field] for column, field in listing.counts}
    mentions, articles = at["mentions"], at["articles"]
    edges.sort(key=itemgetter(0, 1, 2))
    edges.sort(key=itemgetter(mentions, articles), reverse=True)  # stable
    iris, ints, quad, no_label = _Iris(), _Integers(), _QUAD, [None]
    fields = list(at.values())
    for e in edges:
        source, relation, target = iris[e[0]], iris[e[1]], iris[e[2]]
        quad_class = ints[e[quad]] if e[quad] else None
        counts = [ints[e[i]] for i in fields]
        for source_label in labels.get(e[0], no_label):
            for target_label in labels.get(e[2], no_label):
                yield [source, source_label, relation, target, target_label,
                       quad_class, *counts]  # fmt: skip


__all__ = ["LISTINGS", "Listing", "listing_of"]
