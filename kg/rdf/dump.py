"""Streaming export of an embedded Oxigraph store with Oxigraph's own serialiser.

:func:`dump` writes Turtle, N-Triples, N-Quads or TriG graph by graph in bounded
memory; the caller (:mod:`kg.export`) serialises other kinds of store another way.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from typing import Any

from rdflib import Graph

from kg.rdf.store import oxigraph_store, store_kind


def dump(
    dataset: Graph,
    output: Any,
    *,
    format: str,
    exclude: frozenset[str] = frozenset(),
    union: bool = False,
    prefixes: Mapping[str, str] | None = None,
    wrap: Any = None,
) -> bool:
    """Stream the quads of an Oxigraph store to a binary file with its serialiser.

    Args:
        dataset: The store.
        output: A binary file object (or a path).
        format: ``turtle``, ``nt``, ``nquads`` or ``trig``.
        exclude: Names (IRIs) of named graphs to leave out (the ontology).
        union: Write the triples of every graph once each, without graph names
            (for Turtle and N-Triples). Only triples about actors can repeat
            across article graphs (descriptions, direct relation triples): those
            are kept in a set to write them once, everything else is streamed.
        prefixes: Prefixes of the Turtle and TriG output.
        wrap: Called as ``wrap(graphs, total)``, returns the graphs to write
            (a progress bar wraps them).

    Returns:
        False when the store is not Oxigraph (nothing written; the caller
        serialises another way), else True.
    """
    if store_kind(dataset) != "oxigraph":
        return False
    import pyoxigraph as ox

    fmt = {
        "turtle": ox.RdfFormat.TURTLE,
        "nt": ox.RdfFormat.N_TRIPLES,
        "nquads": ox.RdfFormat.N_QUADS,
        "trig": ox.RdfFormat.TRIG,
    }[format]
    store = oxigraph_store(dataset)
    graphs = [g for g in store.named_graphs() if g.value not in exclude]
    graphs.sort(key=lambda g: g.value)
    if wrap is not None:
        graphs = wrap(graphs, len(graphs))
    quads_: Iterator[Any] = itertools.chain.from_iterable(
        store.quads_for_pattern(None, None, None, g) for g in graphs
    )
    if union:
        quads_ = _once(ox.Triple(q.subject, q.predicate, q.object) for q in quads_)
    named = format in ("turtle", "trig") and prefixes
    ox.serialize(quads_, output, fmt, prefixes=dict(prefixes or {}) if named else None)
    return True


def _once(triples: Iterator[Any]) -> Iterator[Any]:
    """Each triple once, remembering only those that can repeat across graphs.

    In a kg store a triple repeats across article graphs only when it says
    something about an actor (its description, a direct relation triple), and
    actors are few next to events; every other triple is written as it comes.
    """
    from kg.rdf.namespaces import ACTOR

    actor_ns = str(ACTOR)
    seen: set[Any] = set()
    for t in triples:
        if t.subject.value.startswith(actor_ns):
            if t in seen:
                continue
            seen.add(t)
        yield t


__all__ = ["dump"]
