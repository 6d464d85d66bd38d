"""The actor graph's edges, aggregated: one row per (source, relation, target).

:func:`read_edges` reads the counts of every edge (mentions, articles, sources,
events, first and last date, asserted, negated, stated as plain fact, the
modalities and the dates). A store built by kg keeps them up to date in its
derived graphs (:mod:`kg.rdf.derived`, one ``kg:Edge`` node per edge), so the
read costs one row per edge, not per mention: at 100,000 articles the
difference between a second and half a minute. Where the derived graphs are
missing or out of date (a killed build, a graph loaded from a file), or a date
or assertion filter applies (those select mentions), the store groups the
mentions in one query instead. On Oxigraph the rows are read through
``pyoxigraph`` directly (:func:`kg.rdf.store.select`).

Relation, class and country filters apply to whole edges and are applied by the
caller (:func:`kg.analysis.graph.actor_graph`). :func:`attach_events` reads the
events (and so the evidence sentences) of a few chosen edges afterwards.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from rdflib import Graph

from kg.analysis.read import (
    _ACTOR_NS,
    _KG_NS,
    local_name,
    read_events,
    where,
)
from kg.rdf import derived, store
from kg.rdf.events import COUNTS_FIELDS, count_events, dyad_graph
from kg.rdf.namespaces import sparql_prefixes
from kg.rdf.ontology import actor_iri
from kg.rdf.reading import mention_pattern, mention_vars
from kg.vocab import load_vocabulary

# one row per event and value; where the default graph is not the union of the
# graphs (rdflib, endpoints) the pattern is matched twice, so the rows are made
# DISTINCT first (an event in both is the same row)
# what the counts need of an event (no evidence text, attribution, URL...)
_FIELDS = ("neg", "mod", "date", "sent", "quad", "cameo", "plover")
_ARTICLE = ("artid", "adate", "pub")
_EVENT_VARS = mention_vars(_FIELDS, _ARTICLE)
_PATTERN = mention_pattern(_FIELDS, _ARTICLE)

_PER_EDGE = """
SELECT ?s ?rel ?t (COUNT(DISTINCT ?e) AS ?mentions)
       (COUNT(DISTINCT ?art0) AS ?articles) (COUNT(DISTINCT ?pub0) AS ?sources)
       (MIN(?day) AS ?first) (MAX(?day) AS ?last) (SUM(?isAsserted) AS ?asserted)
       (SUM(IF(?neg0, 1, 0)) AS ?negated) (SUM(?isStated) AS ?stated)
       (MIN(STR(?quad)) AS ?quadClass) (MIN(STR(?cameo)) AS ?cameoCode)
       (MIN(STR(?plover)) AS ?ploverCategory) (MIN(?key) AS ?firstEvent)
       (GROUP_CONCAT(?mod0; SEPARATOR=" ") AS ?modalities)
       (GROUP_CONCAT(DISTINCT ?day0; SEPARATOR=" ") AS ?days)
       (GROUP_CONCAT(DISTINCT ?when; SEPARATOR=" ") AS ?whens)
WHERE {{
  {rows}
  BIND(SUBSTR(STR(COALESCE(?date, ?adate)), 1, 10) AS ?day)
  BIND(COALESCE(?day, "") AS ?day0)  # rdflib's DISTINCT aggregates need it bound
  BIND(COALESCE(?artid, STR(?art)) AS ?art0)
  BIND(COALESCE(STR(?pub), ?art0) AS ?pub0)
  BIND(LCASE(STR(COALESCE(?neg, false))) IN ("true", "1") AS ?neg0)
  BIND(COALESCE(STR(?mod), "asserted") AS ?mod0)
  BIND(IF(!?neg0 && ?mod0 IN ("asserted", "reported"), 1, 0) AS ?isAsserted)
  BIND(IF(!?neg0 && ?mod0 = "asserted", 1, 0) AS ?isStated)
  {filters}
  # what tells the events apart (kg.rdf.events): polarity, then day or article
  BIND(CONCAT(IF(?neg0, "-", "+"),
               COALESCE(?day, CONCAT("@", ENCODE_FOR_URI(?art0)))) AS ?when)
  BIND(COALESCE(STR(?sent), "-1") AS ?sentence)
  BIND(CONCAT(COALESCE(?day, "9999-99-99"), "\\t", ?art0, "\\t",
       SUBSTR("0000000000", STRLEN(?sentence)), ?sentence, "\\t",
       STRAFTER(STR(?rel), "#"), "\\t", STR(?e)) AS ?key)
}}
GROUP BY ?s ?rel ?t
"""


def _filters(since: str | None, until: str | None, asserted_only: bool) -> str:
    out = []
    if since:
        out.append(f'FILTER(BOUND(?day) && ?day >= "{since}")')
    if until:
        out.append(f'FILTER(BOUND(?day) && ?day <= "{until}")')
    if asserted_only:
        out.append("FILTER(?isAsserted = 1)")
    return "\n  ".join(out)


def edge_query(
    dataset: Graph,
    *,
    since: str | None = None,
    until: str | None = None,
    asserted_only: bool = False,
) -> str:
    """The grouped SPARQL query of :func:`read_edges` (dates already checked ISO)."""
    rows = where(dataset, _PATTERN)
    if not store.union_default_graph(dataset):
        rows = f"{{ SELECT DISTINCT {_EVENT_VARS} WHERE {{ {rows} }} }}"
    return sparql_prefixes() + _PER_EDGE.format(
        rows=rows, filters=_filters(since, until, asserted_only)
    )


def _int(value: str | None) -> int:
    try:
        return int(float(value)) if value else 0
    except ValueError:
        return 0


def _codes(row: Mapping[str, Any], relation: str) -> dict[str, Any]:
    """Quad class, CAMEO code and PLOVER category; the vocabulary fills gaps."""
    spec = load_vocabulary().get(relation)
    quad = _int(row["quadClass"]) if row["quadClass"] else None
    if spec is None:
        return {"quad_class": quad or 0, "cameo": row["cameoCode"] or "",
                "plover": row["ploverCategory"] or ""}  # fmt: skip
    return {
        "quad_class": spec.quad_class if quad is None else quad,
        "cameo": row["cameoCode"] or spec.cameo,
        "plover": row["ploverCategory"] or spec.plover,
    }


def _modalities(text: str | None) -> dict[str, int]:
    """The count of each modality of ``asserted asserted reported``."""
    return dict(Counter((text or "").split()))


def _events(row: Mapping[str, Any], window: int) -> int:
    """The events of an edge, counted from its ``whens``."""
    whens = (row.get("whens") or "").split()
    mentions = [
        (w[0] == "-", None if w[1] == "@" else w[1:11], w[2:] if w[1] == "@" else "")
        for w in whens
    ]
    return count_events(mentions, window)


def _edge(row: Mapping[str, Any], window: int) -> dict[str, Any]:
    relation = local_name(row["rel"], _KG_NS)
    return {
        "source": local_name(row["s"], _ACTOR_NS),
        "target": local_name(row["t"], _ACTOR_NS),
        "relation": relation,
        **_codes(row, relation),
        "mentions": _int(row["mentions"]),
        "articles": _int(row["articles"]),
        "sources": _int(row["sources"]),
        "event_count": _events(row, window),
        "first": row["first"] or None,
        "last": row["last"] or None,
        "asserted": _int(row["asserted"]),
        "negated": _int(row["negated"]),
        "stated": _int(row["stated"]),
        "modalities": _modalities(row["modalities"]),
        "dates": sorted(set((row["days"] or "").split())),
        "first_event": row["firstEvent"] or "",
    }


class _Names(dict):
    """Actor and relation ids of IRIs, each decoded once (a store has thousands
    of actors and a hundred relations, but hundreds of thousands of edges)."""

    def __missing__(self, iri: str) -> str:
        ns = _ACTOR_NS if iri.startswith(_ACTOR_NS) else _KG_NS
        self[iri] = name = local_name(iri, ns)
        return name


class _Codes(dict):
    """The codes of (relation, quad class, CAMEO, PLOVER), each worked out once."""

    def __missing__(self, key: tuple[str, Any, Any, Any]) -> dict[str, Any]:
        relation, quad, cameo, plover = key
        row = {"quadClass": quad, "cameoCode": cameo, "ploverCategory": plover}
        self[key] = codes = _codes(row, relation)
        return codes


#: The fields of ``kg:dyadCounts`` that are IRIs (read as actor and relation ids).
_ENDS = frozenset({"source", "relation", "target"})


def _counted_edges(
    dyads: Iterable[list[list[Any]]], names: _Names, keep: Sequence[str]
) -> list[dict[str, Any]]:
    """Some of the :data:`COUNTS_FIELDS` of each edge, from the ``kg:dyadCounts``
    of every dyad (the positions of the kept fields are looked up once)."""
    at = [(k, COUNTS_FIELDS.index(k), k in _ENDS) for k in keep]
    return [
        {k: names[rec[i]] if iri else rec[i] for k, i, iri in at}
        for dyad in dyads
        for rec in dyad
    ]


_MENTIONS, _EVENTS, _FIRST = (
    COUNTS_FIELDS.index(k) for k in ("mentions", "event_count", "first_event")
)


def dyad_totals(dataset: Graph) -> list[dict[str, Any]]:
    """The edges of each directed dyad summed, from the ``kg:dyadCounts`` arrays
    (read by page, :func:`kg.rdf.derived.dyad_counts`) of a store whose derived
    data is fresh (:func:`kg.rdf.derived.is_fresh`): what
    a collapsed graph needs, a dict per dyad instead of per edge.

    Returns:
        Dicts with ``source`` and ``target`` ids, ``mentions`` and
        ``event_count`` (summed over the dyad's edges), ``edges`` (how many) and
        ``first_event`` (the smallest of its edges'), in the store's order.
    """
    names, out = _Names(), []
    with paused_gc():
        for dyad in derived.dyad_counts(dataset):
            mentions = events = 0
            for rec in dyad:
                mentions += rec[_MENTIONS]
                events += rec[_EVENTS]
            out.append({
                "source": names[dyad[0][0]], "target": names[dyad[0][2]],
                "mentions": mentions, "event_count": events, "edges": len(dyad),
                "first_event": min(rec[_FIRST] for rec in dyad),
            })  # fmt: skip
    return out


def _derived_edge(rec: dict[str, Any], names: _Names, codes: _Codes) -> dict[str, Any]:
    """An edge from its derived record (:func:`kg.rdf.events.edge_record`)."""
    relation = names[rec["relation"]]
    rec.pop("positive_events", None)  # the summary's
    rec["source"] = names[rec["source"]]
    rec["target"] = names[rec["target"]]
    rec["relation"] = relation
    rec.update(codes[relation, rec["quad_class"], rec["cameo"], rec["plover"]])
    return rec


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while many records are decoded.

    Each of the hundreds of thousands of edge dicts (with their lists and dicts)
    counts towards the collector's thresholds, so it would scan the young ones
    again and again, though decoded records form no cycles: at 290,000 edges the
    read costs 2.3 instead of 3.9 CPU s with the collector paused.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_edges(
    dataset: Graph,
    *,
    since: str | None = None,
    until: str | None = None,
    asserted_only: bool = False,
    fields: Sequence[str] | None = None,
    sort: bool = True,
) -> list[dict[str, Any]]:
    """Every edge of the actor graph with its counts, read with one grouped query.

    Args:
        dataset: An rdflib ``Dataset`` or ``Graph`` in the kg shape (a store).
        since: Count only events dated on or after this ISO date.
        until: Count only events dated on or before this ISO date.
        asserted_only: Count only asserted or reported, non-negated events.
        fields: Keep only these keys of each edge besides ``source``,
            ``relation`` and ``target`` (None: all of them), each edge as soon
            as it is read: a third of the memory where a measure needs two
            counts.
        sort: Sort the edges (False: in the order the store gives them).

    Returns:
        Dicts with ``source``, ``target``, ``relation``, ``quad_class``,
        ``cameo``, ``plover``, ``mentions``, ``articles``, ``sources``
        (publishers), ``event_count`` (events: mentions within the event window,
        :mod:`kg.rdf.events`), ``first``, ``last``, ``asserted``, ``negated``,
        ``stated`` (mentions stating the relation as a plain fact),
        ``modalities`` (count per modality), ``dates`` (distinct days) and
        ``first_event`` (the sort key of its first mention); sorted by source,
        relation, target.
    """
    keep = None if fields is None else ("source", "relation", "target", *fields)

    def kept(edge: dict[str, Any]) -> dict[str, Any]:
        return edge if keep is None else {k: edge[k] for k in keep}

    with paused_gc():
        if not (since or until or asserted_only) and derived.is_fresh(dataset):
            ids, codes = _Names(), _Codes()
            if keep is not None and set(keep) <= set(COUNTS_FIELDS):
                edges = _counted_edges(derived.dyad_counts(dataset), ids, keep)
            else:
                records = derived.read_records(dataset, "edgeRecord")
                edges = [kept(_derived_edge(rec, ids, codes)) for rec in records]
        else:
            window = derived.event_window(dataset)
            text = edge_query(
                dataset, since=since, until=until, asserted_only=asserted_only
            )
            names, rows = store.select(dataset, text)
            edges = [kept(_edge(dict(zip(names, row, strict=True)), window))
                     for row in rows]  # fmt: skip
        if sort:
            edges.sort(key=lambda e: (e["source"], e["relation"], e["target"]))
    return edges


def dyad_edges(
    dataset: Graph, dyads: Iterable[tuple[str, str]]
) -> list[dict[str, Any]]:
    """The edges of some dyads (source id, target id), as :func:`read_edges`
    gives them, read from the dyads' derived graphs only
    (:func:`kg.rdf.events.dyad_graph`): the store's derived data must be fresh
    (:func:`kg.rdf.derived.is_fresh`)."""
    graphs = {dyad_graph(str(actor_iri(s)), str(actor_iri(t))): None for s, t in dyads}
    if not graphs:
        return []
    block = "VALUES ?g { " + " ".join(f"<{g}>" for g in graphs) + " }"
    ids, codes = _Names(), _Codes()
    edges = [
        _derived_edge(rec, ids, codes)
        for rec in derived.read_records(dataset, "edgeRecord", block)
    ]
    edges.sort(key=lambda e: (e["source"], e["relation"], e["target"]))
    return edges


def edge_events(
    dataset: Graph, edges: Iterable[tuple[str, str, str]]
) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """The events of some edges, keyed by (source, relation, target).

    One query with a ``VALUES`` block of the edges, so that the evidence of the
    edges a view draws, or the timeline of a pair, never reads the whole store.
    """
    out: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for event in read_events(dataset, edges=edges):
        key = (event["source"], event["relation"], event["target"])
        out.setdefault(key, []).append(event)
    return out


__all__ = ["dyad_edges", "edge_events", "edge_query", "paused_gc", "read_edges"]
