"""The mentions of some edges or pairs, read from the derived graphs.

A SPARQL pattern over the mentions (``?e a kg:Event`` and a dozen ``OPTIONAL``
facts) costs Oxigraph the same whether it is restricted to a few edges or not:
it matches every mention of the store, then joins. On a store whose derived
graphs are up to date, each derived ``kg:Edge`` keeps the rows of its mentions
(``kg:mentionRows``: every field of each mention and of its article, one
literal per edge): :func:`pattern_rows` gives the rows the SPARQL pattern
(:func:`kg.rdf.reading.mention_pattern`) would give of some edges or pairs, for
:func:`kg.analysis.read.read_events`, reading one literal per edge whatever the
size of the store.

The view reads less: a few evidence samples per edge (:func:`sample_iris`: the
first mentions the derived ``kg:Edge`` keeps, ``kg:sample``, whose facts
:func:`mention_rows` looks up in Oxigraph's quad index) and how many mentions
each day has, per polarity (:func:`day_counts`: the ``kg:dayCounts`` of each
derived edge), without the text of the other mentions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from rdflib import Graph

from kg.rdf import derived, store
from kg.rdf.events import dyad_graph, edge_node
from kg.rdf.namespaces import PREFIXES
from kg.rdf.ontology import actor_iri, relation_iri
from kg.rdf.reading import ARTICLE_FIELDS, MENTION_FIELDS, stored_mentions

_TYPE = PREFIXES["rdf"] + "type"
_EVENT = PREFIXES["kg"] + "Event"
_FROM = PREFIXES["prov"] + "wasDerivedFrom"
_HEAD = {"s": "kg:source", "rel": "kg:relation", "t": "kg:target"}


def _iri(curie: str) -> str:
    prefix, _, name = curie.partition(":")
    return PREFIXES[prefix] + name


def usable(dataset: Graph) -> bool:
    """Whether the mentions can be read this way: Oxigraph, derived data fresh."""
    return store.store_kind(dataset) == "oxigraph" and derived.is_fresh(dataset)


def _objects(inner: Any, subject: Any, predicate: Any, graph: Any = None) -> list:
    return [q.object for q in inner.quads_for_pattern(subject, predicate, None, graph)]


def pattern_rows(
    dataset: Graph,
    *,
    edges: Iterable[tuple[str, str, str]] | None = None,
    pairs: Iterable[tuple[str, str]] | None = None,
) -> Iterator[dict[str, str | None]]:
    """The rows of the mention pattern (every field, the article's too) of some
    edges (source, relation, target ids) or of some pairs (source, target ids,
    any relation): the ``kg:mentionRows`` of their derived ``kg:Edge`` nodes,
    one literal per edge."""
    if edges is not None:
        return stored_mentions(dataset, "x", list(_edge_nodes(edges)))
    graphs = [dyad_graph(str(actor_iri(s)), str(actor_iri(t))) for s, t in pairs or ()]
    return stored_mentions(dataset, "g", graphs)


def _facts(inner: Any, iri: str) -> dict[str, str]:
    """The first value of each predicate of a subject (IRI -> lexical form)."""
    import pyoxigraph as ox

    facts: dict[str, str] = {}
    for q in inner.quads_for_pattern(ox.NamedNode(iri), None, None, None):
        p = q.predicate.value
        if p == _TYPE:
            facts.setdefault(_TYPE + " " + q.object.value, "")
        else:
            facts.setdefault(p, q.object.value)
    return facts


def _article_facts(inner: Any, iri: str) -> dict[str, str]:
    """The first value of each article field of an article (IRI -> lexical form).

    Read one field at a time: a lookup of subject and predicate costs Oxigraph
    about 13 µs, while every quad of an article subject took about 240 µs (a
    pair timeline at 100,000 articles reads 12,000 articles).
    """
    import pyoxigraph as ox

    node = ox.NamedNode(iri)
    facts: dict[str, str] = {}
    for _, p in _ARTICLE_IRIS:
        for q in inner.quads_for_pattern(node, ox.NamedNode(p), None, None):
            facts.setdefault(p, q.object.value)
    return facts


#: The predicate IRIs of the head, of every mention field and of the article
#: fields (variable, IRI), expanded once.
_HEAD_IRIS = [_iri(c) for c in _HEAD.values()]
_MENTION_IRIS = [(v, _iri(c)) for v, c in (*_HEAD.items(), *MENTION_FIELDS.items())]
_ARTICLE_IRIS = [(v, _iri(c)) for v, c in ARTICLE_FIELDS.items()]
_IS_EVENT = _TYPE + " " + _EVENT


def _row(
    iri: str, facts: dict[str, str], article: dict[str, str] | None, art: str | None
) -> dict[str, str | None]:
    row: dict[str, str | None] = {"e": iri}
    for var, p in _MENTION_IRIS:
        row[var] = facts.get(p)
    row["art"] = art
    for var, p in _ARTICLE_IRIS:
        row[var] = None if article is None else article.get(p)
    return row


def mention_rows(dataset: Graph, iris: Sequence[str]) -> Iterator[dict[str, Any]]:
    """The rows of the mention pattern (every field, the article's too) of
    some mentions; a mention lacking its source, relation or target is left
    out, as the pattern leaves it out."""
    inner = store.oxigraph_store(dataset)
    articles: dict[str, dict[str, str]] = {}
    for iri in iris:
        facts = _facts(inner, iri)
        if _IS_EVENT not in facts:
            continue
        if not all(p in facts for p in _HEAD_IRIS):
            continue
        art = facts.get(_FROM)
        if art is not None and art not in articles:
            articles[art] = _article_facts(inner, art)
        yield _row(iri, facts, None if art is None else articles[art], art)


Edge = tuple[str, str, str]
#: Mentions per day of an edge: ISO day -> [not negated, negated].
Days = dict[str, list[int]]


def _edge_nodes(edges: Iterable[Edge]) -> dict[str, Edge]:
    """The derived ``kg:Edge`` node IRI of each (source, relation, target) id."""
    return {
        edge_node(str(actor_iri(s)), str(relation_iri(r)), str(actor_iri(t))): (s, r, t)
        for s, r, t in edges
    }


def sample_iris(dataset: Graph, edges: Iterable[Edge]) -> dict[Edge, list[str]]:
    """The evidence samples the derived graphs keep of some edges: the first
    :data:`kg.rdf.events.SAMPLES` mentions of each (by day, article, sentence),
    all of them when it has no more; read through the quad index."""
    import pyoxigraph as ox

    inner = store.oxigraph_store(dataset)
    sample = ox.NamedNode(PREFIXES["kg"] + "sample")
    return {
        edge: [o.value for o in _objects(inner, ox.NamedNode(node), sample)]
        for node, edge in _edge_nodes(edges).items()
    }


def day_counts(dataset: Graph, edges: Iterable[Edge]) -> dict[Edge, Days]:
    """The dated mentions of some edges per day and polarity: the ``kg:dayCounts``
    each derived edge keeps (no mention is read).

    Args:
        dataset: An Oxigraph store whose derived data are fresh (:func:`usable`).
        edges: (source, relation, target) ids.

    Returns:
        Edge -> ISO day -> [mentions not negated, negated]; undated mentions
        are not counted, and an edge the derived data lack is left out.
    """
    import json

    import pyoxigraph as ox

    inner = store.oxigraph_store(dataset)
    days = ox.NamedNode(PREFIXES["kg"] + "dayCounts")
    out: dict[Edge, Days] = {}
    for node, edge in _edge_nodes(edges).items():
        for o in _objects(inner, ox.NamedNode(node), days)[:1]:
            out[edge] = {day: [pos, neg] for day, pos, neg in json.loads(o.value)}
    return out


__all__ = ["day_counts", "mention_rows", "pattern_rows", "sample_iris", "usable"]
