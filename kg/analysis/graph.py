"""The actor graph: relation events folded into a networkx multi-digraph.

:func:`actor_graph` reads the events of a dataset (:mod:`kg.analysis.read`) and
folds them into a :class:`networkx.MultiDiGraph` with one edge per (source,
relation, target); :func:`filter_graph` applies the same filters to a graph
already built (the signed graph, cooperation +, conflict -, is
:func:`kg.analysis.structure.signed_graph`). This is the one actor-graph
builder: the measures, the view and the network exports (GraphML, GEXF, CSV) all
start from it or from its aggregated edges (:func:`aggregated_edges`).

Filters select *events*: ``relations`` by relation name; ``classes`` and
``countries`` keep an event when its source *or* target matches (the events that
involve a class or a country).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import networkx as nx
from rdflib import Graph

from kg.analysis.edges import edge_events, read_edges
from kg.analysis.read import read_actors, read_events
from kg.dates import normalise_date
from kg.rdf.derived import event_window
from kg.rdf.events import DEFAULT_WINDOW, count_events
from kg.types import KGError
from kg.vocab import ACTOR_CLASSES, COUNTS, load_vocabulary

#: The keys of an event dict, with the value an event lacking the key gets.
_EVENT_DEFAULTS: dict[str, Any] = {
    "event": "", "quad_class": 0, "cameo": "", "plover": "", "negated": False,
    "modality": "asserted", "asserted": True, "attribution": None, "date": None,
    "article": None, "url": None, "publisher": None, "evidence": "", "sentence": None,
    "confidence": None,
}  # fmt: skip


# ----------------------------------------------------------------------- filters
def _date_filter(value: str | None, what: str) -> str | None:
    try:
        return normalise_date(value)
    except KGError:
        raise KGError(f"bad {what} date {value!r}; expected YYYY-MM-DD") from None


def _known(names: Iterable[str] | None, known: Iterable[str], what: str) -> list[str]:
    """The names, sorted; each must be one of ``known``."""
    chosen = sorted(set(names or ()))
    allowed = set(known)
    for name in chosen:
        if name not in allowed:
            raise KGError(f"unknown {what} {name!r}; expected one of {sorted(allowed)}")
    return chosen


def _countries(codes: Iterable[str] | None) -> list[str]:
    out = set()
    for code in codes or ():
        if not re.fullmatch(r"[A-Za-z]{3}", str(code)):
            raise KGError(
                f"bad country {code!r}; expected an ISO-3166 alpha-3 code such as SYR"
            )
        out.add(str(code).upper())
    return sorted(out)


def check_filters(
    since: str | None = None,
    until: str | None = None,
    relations: Iterable[str] | None = None,
    classes: Iterable[str] | None = None,
    countries: Iterable[str] | None = None,
) -> dict[str, Any]:
    """Validate the event filters; return them normalised.

    Raises:
        KGError: on a bad date, ``since`` after ``until``, an unknown relation,
            class or country.

    Examples:
        >>> check_filters(since="2025-01-02", countries=["syr"])["countries"]
        ['SYR']
    """
    since = _date_filter(since, "--since")
    until = _date_filter(until, "--until")
    if since and until and since > until:
        raise KGError(f"--since {since} is after --until {until}")
    return {
        "since": since,
        "until": until,
        "relations": _known(relations, load_vocabulary(), "relation"),
        "classes": _known(classes, ACTOR_CLASSES, "actor class"),
        "countries": _countries(countries),
    }


def _in_range(day: str | None, f: Mapping[str, Any]) -> bool:
    if f["since"] and (day is None or day < f["since"]):
        return False
    return not (f["until"] and (day is None or day > f["until"]))


def _keep(event: Mapping[str, Any], actors: Mapping[str, dict], f: dict) -> bool:
    """Whether an event passes the filters ``f`` (see :func:`check_filters`)."""
    return _in_range(event["date"], f) and _edge_passes(event, actors, f)


def event_key(event: Mapping[str, Any]) -> tuple:
    """Sort key of events: date (undated last), article, sentence, relation, IRI."""
    return (
        event.get("date") or "9999-99-99",
        event.get("article") or "",
        event.get("sentence") if event.get("sentence") is not None else -1,
        event.get("relation") or "",
        event.get("event") or "",
    )


# -------------------------------------------------------------------------- fold
def node_attrs(actor: str, actors: Mapping[str, dict]) -> dict[str, Any]:
    """The node attributes of an actor of the graph (unknown: itself, ``Actor``)."""
    rec = actors.get(actor) or {"label": actor, "cls": "Actor"}
    return {
        "label": rec.get("label") or actor,
        "cls": rec.get("cls") or "Actor",
        "country": rec.get("country"),
        "sector": rec.get("sector"),
        "code": rec.get("code"),
    }


def _add_node(G: nx.MultiDiGraph, actor: str, actors: Mapping[str, dict]) -> None:
    G.add_node(actor, **node_attrs(actor, actors))


def _edge(G: nx.MultiDiGraph, event: Mapping[str, Any]) -> dict[str, Any]:
    """The attributes of the event's edge, created empty when new."""
    s, t, rel = event["source"], event["target"], event["relation"]
    if not G.has_edge(s, t, key=rel):
        G.add_edge(
            s, t, key=rel, relation=rel, quad_class=event["quad_class"],
            cameo=event["cameo"], plover=event["plover"], mentions=0,
            articles=0, first=None, last=None, asserted=0, negated=0, stated=0,
            modalities={}, dates=[], evidence=[], events=[], _articles=set(),
        )  # fmt: skip
    return G.edges[s, t, rel]


def _add_evidence(data: dict[str, Any], event: Mapping[str, Any], limit: int) -> None:
    """Keep the event's sentence, unless the edge has it already or is full."""
    seen = {(ev["sentence"], ev["article"]) for ev in data["evidence"]}
    if not event["evidence"] or len(data["evidence"]) >= limit:
        return
    if (event["evidence"], event["article"]) in seen:
        return
    data["evidence"].append(
        {
            "sentence": event["evidence"],
            "article": event["article"],
            "url": event["url"],
            "date": event["date"],
            "negated": event["negated"],
            "modality": event["modality"],
        }
    )


def _count(data: dict[str, Any], event: Mapping[str, Any], max_evidence: int) -> None:
    """Add one event to the counts, dates and evidence of its edge."""
    data["mentions"] += 1
    data["asserted"] += int(event["asserted"])
    data["negated"] += int(event["negated"])
    data["stated"] += int(not event["negated"] and event["modality"] == "asserted")
    mods = data["modalities"]
    mods[event["modality"]] = mods.get(event["modality"], 0) + 1
    data["events"].append(event)
    if event["article"]:
        data["_articles"].add(event["article"])
    day = event["date"]
    if day:
        data["first"] = min(data["first"] or day, day)
        data["last"] = max(data["last"] or day, day)
    _add_evidence(data, event, max_evidence)


def _fold(
    events: Sequence[dict[str, Any]],
    actors: Mapping[str, dict[str, Any]],
    *,
    filters: dict[str, Any] | None = None,
    max_evidence: int = 5,
    window: int = DEFAULT_WINDOW,
) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(filters=filters or {}, events=len(events))
    for event in sorted(events, key=event_key):
        for end in (event["source"], event["target"]):
            if end not in G:
                _add_node(G, end, actors)
        _count(_edge(G, event), event, max_evidence)
    for _, _, data in G.edges(data=True):
        data["articles"] = len(data.pop("_articles"))
        data["dates"] = sorted({e["date"] for e in data["events"] if e["date"]})
        data["sources"] = len({e.get("publisher") or e["article"]
                               for e in data["events"]})  # fmt: skip
        data["event_count"] = count_events(
            [(e["negated"], e["date"], e["article"] or "") for e in data["events"]],
            window,
        )
    return G


def _not_a_graph(source: object, verb: str) -> KGError:
    return KGError(
        f"cannot {verb} a {type(source).__name__}; expected an rdflib Dataset/Graph "
        "or the nx.MultiDiGraph of actor_graph()"
    )


def _read(
    source: Graph | nx.MultiDiGraph,
) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """The events and actors of a dataset, or of an actor graph built before."""
    if isinstance(source, nx.MultiDiGraph):
        actors = {n: dict(d, id=n) for n, d in source.nodes(data=True)}
        events = [
            {**_EVENT_DEFAULTS, **e}
            for _, _, d in source.edges(data=True)
            for e in d.get("events", ())
        ]
        return events, actors
    if isinstance(source, Graph):
        return read_events(source), read_actors(source)
    raise _not_a_graph(source, "analyse")


def _edge_passes(edge: Mapping[str, Any], actors: Mapping[str, dict], f: dict) -> bool:
    """Whether an edge passes the relation, class and country filters."""
    if f["relations"] and edge["relation"] not in f["relations"]:
        return False
    ends = [actors.get(edge["source"], {}), actors.get(edge["target"], {})]
    if f["classes"] and not any(a.get("cls") in f["classes"] for a in ends):
        return False
    return not f["countries"] or any(a.get("country") in f["countries"] for a in ends)


def aggregated_edges(
    dataset: Graph,
    filters: dict[str, Any],
    *,
    asserted_only: bool,
    fields: Sequence[str] | None = None,
) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """The aggregated edges (:func:`kg.analysis.edges.read_edges`) of a dataset
    that pass the filters of :func:`check_filters`, sorted on their first event
    (so that nodes and edges come in the order :func:`_fold` gives), and the
    actors (:func:`kg.analysis.read.read_actors`); ``fields``: the keys of an
    edge to keep besides its ends, relation and ``first_event`` (None: all)."""
    edges = read_edges(
        dataset, since=filters["since"], until=filters["until"],
        asserted_only=asserted_only, sort=False,
        fields=None if fields is None else (*fields, "first_event"),
    )  # fmt: skip
    actors = read_actors(dataset)
    if any(filters[k] for k in ("relations", "classes", "countries")):
        edges = [e for e in edges if _edge_passes(e, actors, filters)]
    edges.sort(key=lambda e: e["first_event"])
    return edges, actors


def graph_order(
    edges: Iterable[dict[str, Any]], actors: Mapping[str, dict[str, Any]]
) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """The nodes (with :func:`node_attrs`) and edges of :func:`aggregated_edges`
    in the order of ``actor_graph(dataset, events=False)`` without building it:
    nodes as first met (source, then target), edges by source node, then
    target as first met, then in their own order (the edge dicts are kept)."""
    by_source: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for e in edges:
        by_source.setdefault(e["source"], {})
        by_source.setdefault(e["target"], {})
        by_source[e["source"]].setdefault(e["target"], []).append(e)
    nodes = {n: node_attrs(n, actors) for n in by_source}
    ordered = [e for targets in by_source.values() for kept in targets.values()
               for e in kept]  # fmt: skip
    return nodes, ordered


def fold_edges(
    kept: list[dict[str, Any]],
    actors: Mapping[str, dict[str, Any]],
    *,
    filters: dict[str, Any],
    nodes: Iterable[tuple[str, dict[str, Any]]] = (),
) -> nx.MultiDiGraph:
    """The actor graph of the edges of :func:`aggregated_edges` (the dicts are
    used up: they become the edges' attributes), added in their order.

    ``nodes`` (id, attributes) are added first, in their order: the view passes
    every actor of the graph and only the edges it draws."""
    G = nx.MultiDiGraph(filters=filters, events=sum(e["mentions"] for e in kept))
    G.add_nodes_from(nodes)
    add_edge = G.add_edge
    for e in kept:  # the edge dicts become the attributes (without their ends)
        s, t = e.pop("source"), e.pop("target")
        del e["first_event"]
        e["evidence"] = []
        for end in (s, t):
            if end not in G:
                _add_node(G, end, actors)
        add_edge(s, t, e["relation"], **e)
    return G


def edges_graph(
    edges: list[dict[str, Any]],
    actors: Mapping[str, dict[str, Any]],
    *,
    filters: dict[str, Any],
    asserted_only: bool = False,
) -> nx.MultiDiGraph:
    """The actor graph of some of the edges of :func:`aggregated_edges` (as
    ``actor_graph(dataset, events=False)`` builds it of all of them, read with
    ``filters`` and ``asserted_only``); the edge dicts become its attributes."""
    G = fold_edges(edges, actors, filters=filters)
    G.graph["filters"]["asserted_only"] = asserted_only
    return G


def attach_events(
    G: nx.MultiDiGraph,
    dataset: Graph,
    edges: Iterable[tuple[str, str, str]] | None = None,
    *,
    max_evidence: int = 5,
) -> nx.MultiDiGraph:
    """Read the events of some edges of an actor graph: their lists and evidence.

    A graph read with ``actor_graph(dataset, events=False)`` has the counts of
    every edge but no event lists; this reads them (in one query) for the edges
    that need them: those a view draws, an ego network, the pair of a timeline.
    The graph's filters apply to the events read.

    Args:
        G: The actor graph (modified in place, and returned).
        dataset: The dataset it was read from.
        edges: (source, target, relation) keys; None means every edge.
        max_evidence: Evidence sentences kept per edge.
    """
    keys = list(G.edges(keys=True) if edges is None else edges)
    found = edge_events(dataset, [(s, r, t) for s, t, r in keys if G.has_edge(s, t, r)])
    f = G.graph.get("filters") or check_filters()
    actors = {n: dict(d, id=n) for n, d in G.nodes(data=True)}
    for (s, rel, t), events in found.items():
        data = G.edges[s, t, rel]
        data["events"], data["evidence"] = [], []
        for event in sorted(events, key=event_key):
            asserted_ok = event["asserted"] or not f.get("asserted_only")
            if _keep(event, actors, f) and asserted_ok:
                data["events"].append(event)
                _add_evidence(data, event, max_evidence)
    return G


def actor_graph(
    source: Graph | nx.MultiDiGraph,
    *,
    since: str | None = None,
    until: str | None = None,
    relations: Iterable[str] | None = None,
    classes: Iterable[str] | None = None,
    countries: Iterable[str] | None = None,
    asserted_only: bool = False,
    max_evidence: int = 5,
    events: bool = True,
) -> nx.MultiDiGraph:
    """Fold the relation events of a dataset into a multi-digraph of actors.

    One edge per (source, relation, target), with key = relation name and the
    attributes ``relation``, ``quad_class``, ``cameo``, ``plover``, ``mentions``
    (``kg:Event`` nodes: sentences stating it), ``event_count`` (events: its
    mentions grouped by polarity and the event window, :mod:`kg.rdf.events`),
    ``articles`` (distinct articles), ``sources`` (distinct publishers),
    ``first``/``last`` (dates),
    ``asserted``/``negated`` (event counts), ``stated`` (events stating the
    relation as a plain fact: neither negated nor qualified), ``modalities``
    (count per modality), ``dates`` (distinct days), ``evidence`` (at most
    ``max_evidence`` dicts with ``sentence``, ``article``, ``url``, ``date``,
    ``negated``, ``modality``) and ``events`` (every event dict, see
    :func:`kg.analysis.read.read_events`). Nodes carry ``label``, ``cls``,
    ``country``, ``sector`` and ``code``.

    With ``events=False`` the edges are aggregated by the store in one grouped
    query (:func:`kg.analysis.edges.read_edges`) instead of folding every event
    in Python: the same nodes, edges and counts in the same order, without
    ``events`` and with empty ``evidence`` (:func:`attach_events` reads them for
    the edges that need them). Use it for big stores: kg's commands do.

    Args:
        source: An rdflib ``Dataset`` or ``Graph`` in the kg shape, or an actor
            graph built before (its events are folded again: a new graph).
        since: Keep events dated on or after this ISO date (undated events drop).
        until: Keep events dated on or before this ISO date.
        relations: Keep only these relation names.
        classes: Keep events whose source or target has one of these classes.
        countries: Keep events whose source or target has one of these ISO-3166
            alpha-3 countries.
        asserted_only: Drop negated, intended, planned and hypothetical events.
        max_evidence: Evidence sentences kept per edge.
        events: Read every event (True) or aggregated edges (False).

    Returns:
        The actor graph; ``G.graph`` holds ``filters`` and ``events`` (count).

    Raises:
        KGError: on a bad date, an unknown relation, class or country, or a
            source that is neither a graph nor an actor graph.
    """
    filters = check_filters(since, until, relations, classes, countries)
    if isinstance(source, nx.MultiDiGraph) and not _has_events(source):
        return _filter_aggregated(source, filters, asserted_only=asserted_only)
    if not events and isinstance(source, Graph):
        edges, actors = aggregated_edges(source, filters, asserted_only=asserted_only)
        return edges_graph(edges, actors, filters=filters, asserted_only=asserted_only)
    events_, actors = _read(source)
    kept = [
        e
        for e in events_
        if _keep(e, actors, filters) and (e["asserted"] or not asserted_only)
    ]
    window = event_window(source) if isinstance(source, Graph) else DEFAULT_WINDOW
    G = _fold(kept, actors, filters=filters, max_evidence=max_evidence, window=window)
    G.graph["filters"]["asserted_only"] = asserted_only
    return G


def check_count(count: str) -> None:
    """Raise :class:`KGError` unless ``count`` is one of :data:`COUNTS`."""
    if count not in COUNTS:
        raise KGError(f"unknown count {count!r}; expected one of {list(COUNTS)}")


def counted(G: nx.MultiDiGraph, count: str = "mentions") -> nx.MultiDiGraph:
    """The actor graph whose edges count ``mentions`` or ``events``.

    Measures, edge lists and the view weigh edges by their ``mentions``
    attribute. Counting events, a copy is returned whose ``mentions`` hold each
    edge's events (``event_count``; the mentions move to ``mention_count``),
    and ``G.graph["count"]`` says which is counted.

    Raises:
        KGError: on an unknown count.

    Examples:
        >>> G = nx.MultiDiGraph()
        >>> G.add_edge("A", "B", key="aids", mentions=3, event_count=1)
        'aids'
        >>> counted(G, "events").edges["A", "B", "aids"]["mentions"]
        1
    """
    check_count(count)
    if count == "mentions":
        G.graph["count"] = "mentions"
        return G
    H = G.copy()
    H.graph["count"] = "events"
    for _, _, d in H.edges(data=True):
        d["mention_count"] = d.get("mentions", 1)
        d["mentions"] = d.get("event_count", d["mention_count"])
    return H


def _has_events(G: nx.MultiDiGraph) -> bool:
    """Whether every edge of an actor graph carries its event list."""
    return all("events" in d for _, _, d in G.edges(data=True))


def _filter_aggregated(
    G: nx.MultiDiGraph, filters: dict[str, Any], *, asserted_only: bool
) -> nx.MultiDiGraph:
    """The relation, class and country filters on a graph read without events."""
    if filters["since"] or filters["until"] or asserted_only:
        raise KGError(
            "this actor graph was read without its events, so it cannot be filtered "
            "by date or assertion; pass the filters when reading it"
        )
    if not any(filters[k] for k in ("relations", "classes", "countries")):
        return G.copy()
    actors = {n: dict(d, id=n) for n, d in G.nodes(data=True)}
    H = nx.MultiDiGraph()
    H.graph.update(G.graph, filters=filters)
    for u, v, key, d in G.edges(keys=True, data=True):
        edge = {"source": u, "target": v, "relation": d.get("relation", key)}
        if _edge_passes(edge, actors, filters):
            for end in (u, v):
                if end not in H:
                    H.add_node(end, **G.nodes[end])
            H.add_edge(u, v, key=key, **d)
    return H


def filter_graph(G: nx.MultiDiGraph, **filters: Any) -> nx.MultiDiGraph:
    """Apply the filters of :func:`actor_graph` to an actor graph (a new graph).

    The same as ``actor_graph(G, **filters)``.

    Examples:
        >>> G = nx.MultiDiGraph()
        >>> G.add_node("A", cls="State"); G.add_node("B", cls="Person")
        >>> ev = {"event": "e", "source": "A", "target": "B", "relation": "opposes",
        ...       "date": "2025-01-02", "asserted": True}
        >>> G.add_edge("A", "B", key="opposes", events=[ev])
        'opposes'
        >>> filter_graph(G, since="2025-02-01").number_of_edges()
        0
    """
    return actor_graph(G, **filters)


def as_actor_graph(
    source: Graph | nx.MultiDiGraph, *, verb: str = "analyse", **filters: Any
) -> nx.MultiDiGraph:
    """The actor graph of a dataset, or a given actor graph with the filters applied.

    An actor graph comes back unchanged when no filter is set.

    Raises:
        KGError: when ``source`` is neither; the message says what could not be
            done with it (``verb``).
    """
    if isinstance(source, nx.MultiDiGraph) and not any(filters.values()):
        return source
    if not isinstance(source, nx.MultiDiGraph | Graph):
        raise _not_a_graph(source, verb)
    return actor_graph(source, **filters)


def actor_node(G: nx.Graph, actor: str | None, what: str) -> str:
    """The node of an actor id, or of an exact label (case-insensitive).

    Raises:
        KGError: when no node (or more than one) matches.

    Examples:
        >>> G = nx.Graph(); G.add_node("SYR", label="Syria")
        >>> actor_node(G, "syria", "ego")
        'SYR'
    """
    if not actor:
        raise KGError(f"{what} needs an actor id")
    if actor in G:
        return actor
    want = actor.lower()
    hits = [
        n
        for n, d in G.nodes(data=True)
        if str(d.get("label", "")).lower() == want or str(n).lower() == want
    ]
    if len(hits) == 1:
        return hits[0]
    sample = sorted(map(str, G.nodes))[:10]
    raise KGError(
        f"unknown actor {actor!r} for {what}; expected an actor id of the graph "
        f"such as {sample}"
    )


__all__ = [
    "actor_graph",
    "attach_events",
    "actor_node",
    "aggregated_edges",
    "as_actor_graph",
    "check_count",
    "check_filters",
    "counted",
    "edges_graph",
    "event_key",
    "filter_graph",
    "fold_edges",
    "graph_order",
    "node_attrs",
]
