"""Reading the kg graph for analysis: actors and relation events as plain dicts.

Each reader runs one SPARQL SELECT over the default graph and (on a dataset) every
named graph, so it works on a store, a loaded file or a plain ``rdflib.Graph``.
Events are read from the event nodes, not the direct triples, so negated,
reported and hypothetical events keep their flags.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rdflib import ConjunctiveGraph, Graph

from kg.analysis import mentions
from kg.dates import normalise_date
from kg.rdf import derived, store
from kg.rdf.namespaces import sparql_prefixes
from kg.rdf.ontology import ACTOR, KG, actor_iri, relation_iri
from kg.rdf.reading import local_name, mention_pattern, mention_vars
from kg.rdf.sparql import sparql_term
from kg.rdf.summaries import ACTOR_PROPS, choose, read_summaries
from kg.types import KGError
from kg.vocab import Relation, load_vocabulary

_KG_NS = str(KG._NS)
_ACTOR_NS = str(ACTOR)

_EVENT_FIELDS = (
    "neg", "mod", "attr", "date", "ev", "sent", "quad", "cameo", "plover", "conf"
)  # fmt: skip
_EVENT_ARTICLE = ("artid", "adate", "url", "pub")
_EVENT_VARS = mention_vars(_EVENT_FIELDS, _EVENT_ARTICLE)
_EVENT_PATTERN = mention_pattern(_EVENT_FIELDS, _EVENT_ARTICLE)

# one (actor, property, value) row per fact: OPTIONALs would multiply the rows
_ACTOR_VARS = "DISTINCT ?a ?p ?v"
_ACTOR_PATTERN = (
    "VALUES ?p { " + " ".join(f"<{iri}>" for iri in ACTOR_PROPS) + " }\n"
    "    ?a ?p ?v .\n"
    f'    FILTER(STRSTARTS(STR(?a), "{_ACTOR_NS}"))'
)


class _Row(dict):
    """A result row whose variables read as attributes (None when unbound)."""

    def __getattr__(self, name: str) -> Any:
        return self.get(name)


def where(dataset: Graph, pattern: str) -> str:
    """A group pattern over the default graph and (on a dataset) every named graph.

    Oxigraph's default graph is already the union of all graphs
    (:func:`kg.rdf.store.union_default_graph`); elsewhere the pattern is matched
    in the default graph and in ``GRAPH ?g``, and readers remove the duplicates.
    """
    where_ = f"{{ {pattern} }}"
    if store.union_default_graph(dataset):
        return where_
    if isinstance(dataset, ConjunctiveGraph):  # a plain Graph has no named graphs
        where_ += f"\n  UNION\n  {{ GRAPH ?g {{ {pattern} }} }}"
    return where_


def _select(dataset: Graph, variables: str, pattern: str) -> Iterable[Any]:
    """A SELECT over the default graph and (on a dataset) every named graph."""
    body = where(dataset, pattern)
    text = f"{sparql_prefixes()}SELECT {variables} WHERE {{\n  {body}\n}}"
    names, rows = store.select(dataset, text)
    return (_Row(zip(names, row, strict=True)) for row in rows)


def edge_values(edges: Iterable[tuple[str, str, str]]) -> str:
    """A ``VALUES (?s ?rel ?t)`` block of (source id, relation name, target id).

    Examples:
        >>> edge_values([("US", "opposes", "ISIS")])[:43]
        'VALUES (?s ?rel ?t) { (<https://w3id.org/kg'
    """
    rows = " ".join(
        f"({sparql_term(actor_iri(s))} {sparql_term(relation_iri(r))} "
        f"{sparql_term(actor_iri(t))})"
        for s, r, t in edges
    )
    return f"VALUES (?s ?rel ?t) {{ {rows} }}"


# ----------------------------------------------------------------------- values
def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _int(value: Any) -> int | None:
    try:
        return None if value is None else int(str(value))
    except ValueError:
        return None


def _float(value: Any) -> float | None:
    try:
        return None if value is None else float(str(value))
    except ValueError:
        return None


def _bool(value: Any) -> bool:
    return value is not None and str(value).strip().lower() in ("true", "1")


def _day(value: Any) -> str | None:
    """The ISO day of a stored date or dateTime literal; None when missing or bad."""
    try:
        return None if value is None else normalise_date(str(value))
    except KGError:
        return None


# ----------------------------------------------------------------------- actors
def read_actors(dataset: Graph) -> dict[str, dict[str, Any]]:
    """Read every actor of the dataset: id -> label, class, country, sector, code.

    Args:
        dataset: An rdflib ``Dataset`` (all named graphs are read) or ``Graph``.

    Returns:
        A dict keyed by actor id (the IRI's last segment, percent-decoded).
    """
    if derived.is_fresh(dataset):  # one summary per actor (kg.rdf.summaries)
        chosen = {}
        for iri, rec in read_summaries(dataset).items():
            aid = local_name(iri, _ACTOR_NS)
            chosen[aid] = choose(aid, rec["facts"])
        return {aid: chosen[aid] for aid in sorted(chosen)}
    facts: dict[str, dict[str, set[str]]] = {}
    for row in _select(dataset, _ACTOR_VARS, _ACTOR_PATTERN):
        key = ACTOR_PROPS.get(str(row.p))
        if key is not None:
            aid = local_name(row.a, _ACTOR_NS)
            facts.setdefault(aid, {}).setdefault(key, set()).add(str(row.v))
    return {aid: choose(aid, facts[aid]) for aid in sorted(facts)}


# ----------------------------------------------------------------------- events
def _article(row: Any) -> str | None:
    """The article id: ``dcterms:identifier``, else the article IRI."""
    if row.artid is not None:
        return str(row.artid)
    return None if row.art is None else local_name(row.art, "")


def _codes(row: Any, spec: Relation | None) -> dict[str, Any]:
    """Quad class, CAMEO code and PLOVER category; the vocabulary fills gaps."""
    quad = _int(row.quad)
    if spec is None:
        return {"quad_class": quad or 0, "cameo": _str(row.cameo) or "",
                "plover": _str(row.plover) or ""}  # fmt: skip
    return {
        "quad_class": spec.quad_class if quad is None else quad,
        "cameo": _str(row.cameo) or spec.cameo,
        "plover": _str(row.plover) or spec.plover,
    }


def _event(row: Any, spec: Relation | None) -> dict[str, Any]:
    """One event dict from a row of the event query."""
    negated = _bool(row.neg)
    modality = _str(row.mod) or "asserted"
    return {
        "event": str(row.e),
        "source": local_name(row.s, _ACTOR_NS),
        "target": local_name(row.t, _ACTOR_NS),
        "relation": local_name(row.rel, _KG_NS),
        **_codes(row, spec),
        "negated": negated,
        "modality": modality,
        "asserted": not negated and modality in ("asserted", "reported"),
        "attribution": _str(row.attr),
        "date": _day(row.date) or _day(row.adate),
        "article": _article(row),
        "url": _str(row.url),
        "publisher": _str(row.pub),
        "evidence": _str(row.ev) or "",
        "sentence": _int(row.sent),
        "confidence": _float(row.conf),
    }


def read_events(
    dataset: Graph,
    *,
    edges: Iterable[tuple[str, str, str]] | None = None,
    pairs: Iterable[tuple[str, str]] | None = None,
) -> list[dict[str, Any]]:
    """Read every relation event of the dataset (or of some edges) as a dict.

    An event without ``kg:date`` takes its article's ``dcterms:date``; missing
    CAMEO code, PLOVER category or quad class come from the relation vocabulary.

    Args:
        dataset: An rdflib ``Dataset`` (all named graphs are read) or ``Graph``.
        edges: Read only the events of these (source id, relation, target id).
        pairs: Read only the events of these (source id, target id), any relation.

    Returns:
        Dicts with keys ``event``, ``source``, ``target``, ``relation``,
        ``quad_class``, ``cameo``, ``plover``, ``negated``, ``modality``,
        ``asserted``, ``attribution``, ``date``, ``article``, ``url``,
        ``publisher``, ``evidence``, ``sentence``, ``confidence``; sorted by event IRI.
    """
    vocab = load_vocabulary()
    events: dict[str, dict[str, Any]] = {}
    edges = None if edges is None else list(edges)
    pairs = None if pairs is None else list(pairs)
    if edges == [] or pairs == []:
        return []
    for row in _event_rows(dataset, edges, pairs):
        if str(row.e) not in events:
            spec = vocab.get(local_name(row.rel, _KG_NS))
            events[str(row.e)] = _event(row, spec)
    return [events[k] for k in sorted(events)]


def events_of(dataset: Graph, iris: Iterable[str]) -> list[dict[str, Any]]:
    """The event dicts (as :func:`read_events` gives them) of some mention IRIs,
    read through the quad index (an Oxigraph store with fresh derived data,
    :func:`kg.analysis.mentions.usable`); in the order given."""
    vocab = load_vocabulary()
    return [
        _event(row, vocab.get(local_name(row.rel, _KG_NS)))
        for row in map(_Row, mentions.mention_rows(dataset, list(iris)))
    ]


def _event_rows(
    dataset: Graph,
    edges: list[tuple[str, str, str]] | None,
    pairs: list[tuple[str, str]] | None,
) -> Iterable[Any]:
    """The rows of the event pattern, of some edges or pairs, or of all.

    Some edges or pairs of an Oxigraph store with fresh derived graphs are read
    from the rows their derived edges keep (:mod:`kg.analysis.mentions`);
    otherwise one query.
    """
    if (edges is None) != (pairs is None) and mentions.usable(dataset):
        stored = mentions.pattern_rows(dataset, edges=edges, pairs=pairs)
        return (_Row(row) for row in stored)
    pattern = _EVENT_PATTERN
    if edges is not None:
        pattern = edge_values(edges) + pattern
    if pairs is not None:
        rows = " ".join(
            f"({sparql_term(actor_iri(s))} {sparql_term(actor_iri(t))})"
            for s, t in pairs
        )
        pattern = f"VALUES (?s ?t) {{ {rows} }}" + pattern
    return _select(dataset, _EVENT_VARS, pattern)


__all__ = [
    "edge_values", "events_of", "local_name", "read_actors", "read_events", "where",
]  # fmt: skip
