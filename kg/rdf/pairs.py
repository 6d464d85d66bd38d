"""The pair listings of the named queries, read from the rows the derived edges keep.

The named queries ``between`` and ``timeline`` list every mention between two
actors, both ways. Oxigraph matches them from the mentions of one actor, then
joins the facts of each: at 100,000 articles, the US and Syria took about 4 s,
as a hub actor has tens of thousands of mentions. On an embedded store whose
derived data is fresh (:func:`kg.rdf.derived.is_fresh`), ``kg query --named``
reads the same rows from the ``kg:mentionRows`` of the two dyads' edges (one
literal per edge, :data:`kg.rdf.reading.ROW_FIELDS`) and sorts them in Python:
the rows of the SPARQL of the named query, in its order (which ends with the
article and the mention, so that it is total), as the same RDF terms. The
``.rq`` files stay the definition (and what a SPARQL endpoint or an older store
runs).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, cast

import pyoxigraph as ox
from oxrdflib._converter import from_ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from kg.rdf import derived
from kg.rdf.events import dyad_graph
from kg.rdf.namespaces import ACTOR
from kg.rdf.reading import stored_mentions
from kg.rdf.store import store_kind

_XSD = "http://www.w3.org/2001/XMLSchema#"
#: The datatype of each kind of typed literal.
_TYPES = {t: ox.NamedNode(_XSD + t) for t in ("date", "boolean", "integer")}
Row = dict[str, Any]


def _day(row: Row) -> str | None:
    """``COALESCE(?eventDate, ?articleDate)``: the mention's date, else the
    article's."""
    return row["date"] or row["adate"]


#: Each variable of a pair listing: the row field it shows (a function of the
#: row for the date) and the kind of RDF term it is.
_FIELDS: dict[str, tuple[str | Callable[[Row], str | None], str]] = {
    "date": (_day, "date"),
    "source": ("s", "iri"),
    "relation": ("rel", "iri"),
    "target": ("t", "iri"),
    "negated": ("neg", "boolean"),
    "modality": ("mod", "string"),
    "attribution": ("attr", "string"),
    "article": ("art", "iri"),
    "evidence": ("ev", "string"),
    "quadClass": ("quad", "integer"),
}


@dataclass(frozen=True)
class PairListing:
    """A named query that lists the mentions of a pair of actors.

    Attributes:
        variables: Its SELECT variables (keys of :data:`_FIELDS`).
        required: The variables its pattern does not leave optional: a mention
            lacking one is not listed.
        order: Its ORDER BY variables (the mention, ``event``, last).
    """

    variables: tuple[str, ...]
    required: tuple[str, ...]
    order: tuple[str, ...]

    def sort_key(self, row: Row) -> tuple[str, ...]:
        """The ORDER BY key of a row: unbound first, then by lexical form (dates
        of one datatype, IRIs)."""
        return tuple(_value(row, v) or "" for v in self.order)


def _value(row: Row, variable: str) -> str | None:
    """The lexical form of a variable in a mention's row."""
    if variable == "event":
        return cast(str | None, row["e"])
    field = _FIELDS[variable][0]
    return field(row) if callable(field) else row[field]


#: The pair listings by named query (``ontology/queries/NAME.rq``).
PAIR_LISTINGS = {
    "between": PairListing(
        (
            "date",
            "source",
            "relation",
            "target",
            "negated",
            "modality",
            "attribution",
            "article",
            "evidence",
        ),
        ("negated", "modality", "evidence", "article"),
        ("date", "article", "event"),
    ),  # fmt: skip
    "timeline": PairListing(
        (
            "date",
            "source",
            "relation",
            "target",
            "quadClass",
            "negated",
            "modality",
            "article",
        ),
        ("negated", "modality", "article"),
        ("date", "relation", "source", "article", "event"),
    ),  # fmt: skip
}


class _Terms(dict[tuple[str, str], Node]):
    """The RDF term of a (kind, lexical form), as a SPARQL result gives it, each
    made once."""

    def __missing__(self, key: tuple[str, str]) -> Node:
        kind, text = key
        if kind == "iri":
            term: Any = ox.NamedNode(text)
        elif kind == "string":
            term = ox.Literal(text)
        else:
            term = ox.Literal(text, datatype=_TYPES[kind])
        node = self[key] = cast(Node, from_ox(term))
        return node


def pair_listing_of(
    dataset: Graph, query: str, bindings: Mapping[str, Node]
) -> tuple[list[str], Iterator[list[Node | None]]] | None:
    """The variables and rows of a named pair listing, read from the mention rows.

    Args:
        dataset: The store.
        query: What was asked: a query's name, or its text.
        bindings: The bound parameters: ``a`` and ``b``, both actor IRIs.

    Returns:
        None when the listing must run as SPARQL: ``query`` is not the name of
        a pair listing, the store is not embedded Oxigraph, its derived data is
        not fresh, or the parameters are not two actor IRIs.
    """
    listing = PAIR_LISTINGS.get(query.strip())
    a, b = bindings.get("a"), bindings.get("b")
    if (
        listing is None
        or set(bindings) != {"a", "b"}
        or not all(isinstance(x, URIRef) and x.startswith(str(ACTOR)) for x in (a, b))
        or store_kind(dataset) != "oxigraph"
        or not derived.is_fresh(dataset)
    ):
        return None
    pairs = {(str(a), str(b)), (str(b), str(a))}
    rows = stored_mentions(dataset, "g", [dyad_graph(s, t) for s, t in pairs])
    return list(listing.variables), _rows(listing, list(rows))


def _rows(listing: PairListing, rows: list[Row]) -> Iterator[list[Node | None]]:
    """The listing's rows of some mentions, in its order."""
    kept = [r for r in rows if all(_value(r, v) is not None for v in listing.required)]
    kept.sort(key=listing.sort_key)
    terms = _Terms()
    kinds = [(v, _FIELDS[v][1]) for v in listing.variables]
    for row in kept:
        out: list[Node | None] = []
        for variable, kind in kinds:
            text = _value(row, variable)
            out.append(None if text is None else terms[kind, text])
        yield out


__all__ = ["PAIR_LISTINGS", "PairListing", "pair_listing_of"]
