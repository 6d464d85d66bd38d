"""What a view draws: the top actors, their strongest edges, a few mentions each.

:func:`read_drawn` ranks the actors on the collapsed graph of every aggregated
edge (:mod:`kg.analysis.collapsed`) and folds into a networkx multigraph only
the edges among the actors drawn (with fresh derived data and no date or
assertion filter, every edge is read lean, with only what ranking needs, and
only the drawn edges whole, from their dyads' derived graphs);
:func:`strongest` keeps the strongest of those; :func:`attach_samples` reads a
few mentions of each edge drawn (the panel of :mod:`kg.viz`) and how many
mentions each day has (its date range), without reading the other mentions
(:mod:`kg.analysis.mentions`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

import networkx as nx
from rdflib import Graph, Literal

from kg.analysis import mentions
from kg.analysis.collapsed import collapse_edges
from kg.analysis.edges import dyad_edges
from kg.analysis.graph import (
    _add_evidence,
    actor_node,
    aggregated_edges,
    as_actor_graph,
    attach_events,
    check_filters,
    counted,
    event_key,
    fold_edges,
)
from kg.analysis.measures import collapse, of_views
from kg.analysis.read import events_of, local_name, where
from kg.analysis.structure import ego
from kg.rdf import derived, store
from kg.rdf.events import SAMPLES
from kg.rdf.namespaces import ACTOR, sparql_prefixes
from kg.rdf.ontology import actor_iri
from kg.rdf.sparql import sparql_term
from kg.types import KGError


def day_counts(events: Iterable[Mapping[str, Any]]) -> dict[str, list[int]]:
    """The dated events per day: ISO day -> [not negated, negated].

    Examples:
        >>> day_counts([{"date": "2025-01-02", "negated": True}, {"date": None},
        ...             {"date": "2025-01-02", "negated": False}])
        {'2025-01-02': [1, 1]}
    """
    days: dict[str, list[int]] = {}
    for e in events:
        if e.get("date"):
            days.setdefault(e["date"], [0, 0])[bool(e.get("negated"))] += 1
    return dict(sorted(days.items()))


def attach_samples(
    G: nx.MultiDiGraph,
    dataset: Graph,
    edges: Iterable[tuple[str, str, str]] | None = None,
    *,
    samples: int = SAMPLES,
) -> nx.MultiDiGraph:
    """Read a few mentions of some edges, and their mentions per day (the view).

    Each edge gets ``events`` (its first ``samples`` mentions, by date, article
    and sentence, as :func:`attach_events` orders them), ``evidence`` (their
    sentences) and ``days`` (:func:`day_counts` of all its mentions). On an
    Oxigraph store with fresh derived data and no date or assertion filter, with
    ``samples`` up to :data:`kg.rdf.events.SAMPLES`, the samples are those the
    derived ``kg:Edge`` keeps and its days are its ``kg:dayCounts``, so the
    other mentions are never read (:mod:`kg.analysis.mentions`); otherwise every
    mention of the edges is read (:func:`attach_events`) and the first kept.

    Args:
        G: The actor graph (modified in place, and returned).
        dataset: The dataset it was read from.
        edges: (source, target, relation) keys; None means every edge.
        samples: Mentions kept per edge (0 or more).
    """
    keys = [k for k in (G.edges(keys=True) if edges is None else edges)
            if G.has_edge(*k)]  # fmt: skip
    f = G.graph.get("filters") or {}
    chosen = f.get("since") or f.get("until") or f.get("asserted_only")
    if samples > SAMPLES or chosen or not mentions.usable(dataset):
        attach_events(G, dataset, keys)
        for s, t, rel in keys:
            data = G.edges[s, t, rel]
            data["days"] = day_counts(data["events"])
            del data["events"][samples:]
            data["evidence"] = []
            for event in data["events"]:
                _add_evidence(data, event, SAMPLES)
        return G
    _attach_samples(G, dataset, keys, samples)
    return G


def _attach_samples(
    G: nx.MultiDiGraph,
    dataset: Graph,
    keys: list[tuple[str, str, str]],
    samples: int,
) -> None:
    """The fast path of :func:`attach_samples` (fresh derived data, no filter)."""
    wanted = {(s, r, t): G.edges[s, t, r] for s, t, r in keys}
    iris = mentions.sample_iris(dataset, wanted)
    found = {e["event"]: e for e in events_of(dataset, sorted({
        i for sample in iris.values() for i in sample}))}  # fmt: skip
    days = mentions.day_counts(dataset, wanted)
    for key, data in wanted.items():
        chosen = sorted((found[i] for i in iris[key] if i in found), key=event_key)
        data["events"], data["evidence"] = chosen[:samples], []
        for event in data["events"]:
            _add_evidence(data, event, SAMPLES)
        data["days"] = dict(sorted(days.get(key, {}).items()))


def _top(nodes: Iterable[str], rank: Mapping[str, float], top: int) -> list[str]:
    """The ``top`` actors by ``rank`` (ties by id)."""
    return sorted(nodes, key=lambda n: (-rank.get(n, 0.0), str(n)))[:top]


def _select(
    G: nx.MultiDiGraph,
    rank: Mapping[str, float],
    *,
    top: int | None,
    actor: str | None,
    depth: int,
) -> tuple[nx.MultiDiGraph, int]:
    """The actors drawn, and how many there were to choose from (before ``top``)."""
    H = G
    if actor is not None:
        H = ego(G, actor, depth=depth)
    pool = H.number_of_nodes()
    if top is not None:
        H = H.subgraph(_top(H.nodes, rank, top))
    return H, pool


class Drawn(NamedTuple):
    """What a view draws: the actor graph ``G`` (every actor; maybe only the
    edges drawn), the ``view`` (the actors and relations drawn), PageRank and
    degree of every actor, how many actors there were to choose from and how
    many relations among the actors drawn (before ``max_edges``)."""

    G: nx.MultiDiGraph
    view: nx.MultiDiGraph
    pagerank: dict[str, float]
    degree: dict[str, float]
    pool: int
    relations: int


def _measures(D: nx.DiGraph, by: str) -> tuple[dict, dict, dict]:
    """PageRank, the ranking measure ``by`` and degree of a collapsed graph."""
    if not D.number_of_nodes():
        return {}, {}, {}
    pr = of_views(D, "pagerank")
    rank = pr if by == "pagerank" else of_views(D, by)
    return pr, rank, of_views(D, "degree")


def _strength(weight: int, source: Any, relation: Any, target: Any) -> tuple:
    """The sort key of the strongest relations first: weight, then ids."""
    return (-weight, str(source), str(relation), str(target))


def _strongest_dicts(
    edges: list[dict[str, Any]], max_edges: int | None, count: str
) -> list[dict[str, Any]]:
    """The ``max_edges`` strongest aggregated edges (as :func:`strongest`
    ranks them), in their order."""
    if max_edges is None or len(edges) <= max_edges:
        return edges
    key = "event_count" if count == "events" else "mentions"
    ranked = sorted(range(len(edges)), key=lambda i: _strength(
        edges[i][key], edges[i]["source"], edges[i]["relation"], edges[i]["target"]
    ))  # fmt: skip
    return [edges[i] for i in sorted(ranked[:max_edges])]


class _Ranked(NamedTuple):
    """The aggregated edges of a dataset, its actors and the collapsed graph's
    measures: what both ways of choosing the actors of a view start from.
    ``whole``: the dataset to read the whole records of the edges drawn from
    when ``edges`` are lean (only what ranking needs), None when whole."""

    edges: list[dict[str, Any]]
    actors: dict[str, dict[str, Any]]
    filters: dict[str, Any]
    D: nx.DiGraph
    pagerank: dict[str, float]
    rank: dict[str, float]
    degree: dict[str, float]
    whole: Graph | None


#: What ranking, the cap (:func:`_strength`) and the collapsed graph need of an
#: edge besides its ends and relation (and ``first_event``, the order).
_LEAN = ("mentions", "event_count")


def _lean(dataset: Graph, f: Mapping[str, Any]) -> bool:
    """Whether a view can rank on lean edge records and read whole ones only for
    the edges it draws: the derived data is fresh (:func:`dyad_edges` reads
    it) and no date or assertion filter selects mentions."""
    chosen = f["since"] or f["until"] or f["asserted_only"]
    return not chosen and derived.is_fresh(dataset)


def _ranked(dataset: Graph, *, by: str, count: str, filters: dict[str, Any]) -> _Ranked:
    filters = dict(filters)  # the caller's dict is left alone
    asserted_only = bool(filters.pop("asserted_only", False))
    f = check_filters(**filters)
    f["asserted_only"] = asserted_only
    lean = _lean(dataset, f)
    edges, actors = aggregated_edges(
        dataset, f, asserted_only=asserted_only, fields=_LEAN if lean else None
    )
    D = collapse_edges(edges, actors, count=count)
    return _Ranked(edges, actors, f, D, *_measures(D, by), dataset if lean else None)


def _whole(dataset: Graph, lean: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The whole records of some lean edges, in their order: read from the
    derived graphs of their dyads only (:func:`dyad_edges`)."""
    dyads = dict.fromkeys((e["source"], e["target"]) for e in lean)
    records = {(e["source"], e["relation"], e["target"]): e
               for e in dyad_edges(dataset, dyads)}  # fmt: skip
    return [records[e["source"], e["relation"], e["target"]] for e in lean]


def _fold(r: _Ranked, keep: set[str], count: str, max_edges: int | None) -> tuple:
    """The counted actor graph of every actor of ``r`` and the edges among
    ``keep`` (the ``max_edges`` strongest, whole), and how many edges there were."""
    kept = [e for e in r.edges if e["source"] in keep and e["target"] in keep]
    relations = len(kept)
    kept = _strongest_dicts(kept, max_edges, count)
    if r.whole is not None:
        kept = _whole(r.whole, kept)
    G = fold_edges(kept, r.actors, filters=r.filters, nodes=r.D.nodes(data=True))
    return counted(G, count), relations


def _read_top(
    dataset: Graph,
    *,
    top: int | None,
    by: str,
    count: str,
    max_edges: int | None,
    filters: dict[str, Any],
) -> Drawn:
    """The top actors of a dataset and the edges among them, ranked on the
    collapsed graph of every aggregated edge (:mod:`kg.analysis.collapsed`):
    only the drawn edges become networkx edges. Uncapped, the same graph, nodes
    in the same order, as ranking ``counted(actor_graph(...))`` and taking its
    subgraph."""
    r = _ranked(dataset, by=by, count=count, filters=filters)
    chosen = list(r.D) if top is None else _top(r.D, r.rank, top)
    G, relations = _fold(r, set(chosen), count, max_edges)
    view = G if top is None else G.subgraph(chosen)  # (the order of a set of it)
    return Drawn(G, view, r.pagerank, r.degree, r.D.number_of_nodes(), relations)


def _reach(D: nx.DiGraph, actor: str, depth: int) -> set[str]:
    """The actors within ``depth`` steps of ``actor``, either direction."""
    seen, frontier = {actor}, [actor]
    for _ in range(max(depth, 0)):
        frontier = [m for n in frontier for m in (*D.succ[n], *D.pred[n])
                    if m not in seen]  # fmt: skip
        seen.update(frontier)
    return seen


def _read_ego(
    dataset: Graph,
    *,
    actor: str,
    depth: int,
    top: int | None,
    by: str,
    count: str,
    max_edges: int | None,
    filters: dict[str, Any],
) -> Drawn:
    """The ego network of a dataset's actor: only the edges among the actors
    it reaches become networkx edges, so :func:`~kg.analysis.ego` finds the
    same network, in the same order, as on the whole actor graph; when the
    relations among its top actors are capped, only the drawn ones."""
    r = _ranked(dataset, by=by, count=count, filters=filters)
    node = actor_node(r.D, actor, "ego")
    reach = _reach(r.D, node, depth)
    chosen = sorted(reach) if top is None else _top(reach, r.rank, top)
    keep = set(chosen)
    among = sum(e["source"] in keep and e["target"] in keep for e in r.edges)
    if depth >= 0 and max_edges is not None and among > max_edges:
        G, relations = _fold(r, keep, count, max_edges)
        return Drawn(G, G.subgraph(chosen), r.pagerank, r.degree, len(reach),
                     relations)  # fmt: skip
    G, _ = _fold(r, reach, count, None)
    view, pool = _select(G, r.rank, top=top, actor=node, depth=depth)
    view, relations = strongest(view, max_edges)
    return Drawn(G, view, r.pagerank, r.degree, pool, relations)


def read_drawn(
    source: Graph | nx.MultiDiGraph,
    *,
    top: int | None,
    by: str,
    actor: str | None,
    depth: int,
    count: str,
    max_edges: int | None,
    filters: dict[str, Any],
) -> Drawn:
    """The actor graph, the actors and relations drawn and their measures (see
    :class:`Drawn`): the ``top`` actors by ``by`` (of the ego network of
    ``actor``) and the ``max_edges`` strongest relations among them."""
    if top is not None and top < 1:
        raise KGError(f"bad --top {top}; expected 1 or more")
    if max_edges is not None and max_edges < 0:
        raise KGError(f"bad --edges {max_edges}; expected 0 or more")
    if isinstance(source, Graph) and actor is None:
        return _read_top(source, top=top, by=by, count=count, max_edges=max_edges,
                         filters=filters)  # fmt: skip
    if isinstance(source, Graph):
        return _read_ego(source, actor=str(actor), depth=depth, top=top, by=by,
                         count=count, max_edges=max_edges,
                         filters=filters)  # fmt: skip
    # from a dataset, the counts aggregated by the store (events=False)
    G = as_actor_graph(source, verb="draw", events=False, **filters)
    G = counted(G, count)
    pr, rank, degree = _measures(collapse(G), by)
    view, pool = _select(G, rank, top=top, actor=actor, depth=depth)
    view, relations = strongest(view, max_edges)
    return Drawn(G, view, pr, degree, pool, relations)


def strongest(
    view: nx.MultiDiGraph, max_edges: int | None
) -> tuple[nx.MultiDiGraph, int]:
    """The view with only its ``max_edges`` strongest relations (most counted,
    then by source, relation, target), every actor kept; and how many it had."""
    total = view.number_of_edges()
    if max_edges is None or total <= max_edges:
        return view, total
    ranked = sorted(
        view.edges(keys=True, data=True),
        key=lambda e: _strength(e[3].get("mentions", 1), e[0], e[2], e[1]),
    )
    H = nx.MultiDiGraph()
    H.graph.update(view.graph)
    H.add_nodes_from(view.nodes(data=True))
    H.add_edges_from((u, v, k, d) for u, v, k, d in ranked[:max_edges])
    return H, total


def edge_cap_text(shown: int, total: int) -> str:
    """The line on the page that says how many relations are drawn, when capped.

    Examples:
        >>> edge_cap_text(2000, 103619)
        'showing the 2,000 strongest of 103,619 relations (kg view --edges N, --all)'
        >>> edge_cap_text(12, 12)
        ''
    """
    if shown >= total:
        return ""
    return (
        f"showing the {shown:,} strongest of {total:,} relations "
        "(kg view --edges N, --all)"
    )


def cap_text(shown: int, total: int, top: int | None, by: str) -> str:
    """The line on the page that says how many actors are drawn, and how to change it.

    Examples:
        >>> cap_text(300, 5432, 300, "pagerank")
        'showing the top 300 of 5,432 actors by pagerank (kg view --top N, --all)'
        >>> cap_text(12, 12, 300, "pagerank")
        ''
    """
    if top is None or shown >= total:
        return ""
    return (
        f"showing the top {shown:,} of {total:,} actors by {by} "
        "(kg view --top N, --all)"
    )


# aliases (skos:altLabel) of the drawn actors (?k 1) and titles of the articles of
# their mentions (?k 2): bounded by the view, not the store
_EXTRAS = """SELECT DISTINCT ?k ?x ?v WHERE {{
  {{ {aliases} BIND(1 AS ?k) }} UNION {{ {titles} BIND(2 AS ?k) }}
}}"""


def read_extras(
    dataset: Graph, view: nx.MultiDiGraph, ids: Iterable[str]
) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Aliases (``skos:altLabel``) of the actors of a view (id -> sorted names),
    and the titles of some articles (identifier -> title): one query."""
    actors = " ".join(sparql_term(actor_iri(str(n))) for n in view)
    articles = " ".join(sparql_term(Literal(i)) for i in sorted(ids))
    text = sparql_prefixes() + _EXTRAS.format(
        aliases=where(dataset, f"VALUES ?x {{ {actors} }} ?x skos:altLabel ?v"),
        titles=where(
            dataset,
            f"VALUES ?x {{ {articles} }} ?a dcterms:identifier ?x ; dcterms:title ?v",
        ),
    )
    aliases: dict[str, set[str]] = {}
    titles: dict[str, str] = {}
    for k, x, v in store.select(dataset, text)[1]:
        if k == "1":
            aliases.setdefault(local_name(x, str(ACTOR)), set()).add(str(v))
        else:
            titles[str(x)] = str(v)
    return {a: sorted(names) for a, names in aliases.items()}, titles


__all__ = [
    "Drawn", "attach_samples", "cap_text", "day_counts", "edge_cap_text",
    "read_drawn", "read_extras", "strongest",
]  # fmt: skip
