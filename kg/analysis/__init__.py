"""Network analysis of the actor graph: networkx views, centralities and balance.

The RDF graph stores every relation as an event node (``kg:source``, ``kg:target``,
``kg:relation``, ``kg:negated``, ``kg:modality``, ``kg:date``, ``kg:evidence``, ...).
:func:`actor_graph` reads those events with one SPARQL query (so negated, reported
and hypothetical events keep their flags, which the direct triples drop) and folds
them into a :class:`networkx.MultiDiGraph` with one edge per (source, relation,
target); :func:`signed_graph` turns that into an undirected signed graph
(cooperation +, conflict -). The measures return plain dicts and lists of dicts, so
they print as tables and serialise as JSON; :func:`write_scores` stores the scores
back into the dataset as ``kg:pageRank``, ``kg:degree``, ``kg:betweenness`` and
``kg:community`` in the named graph ``<https://w3id.org/kg-news/graph/analysis>``.

Conventions:

- Filters select *events*: ``relations`` by relation name; ``classes`` and
  ``countries`` keep an event when its source *or* target matches (the events that
  involve a class or a country).
- Structural measures (degree, betweenness, paths, ego, communities) use the
  simple graph of distinct partners without self-loops; PageRank uses the directed
  simple graph weighted by the number of mentions.

Examples:
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("A", "B", key="supports", relation="supports", mentions=2)
    'supports'
    >>> G.add_edge("B", "C", key="attacks", relation="attacks", mentions=1)
    'attacks'
    >>> centrality(G, "degree")
    {'A': 1, 'B': 2, 'C': 1}
    >>> centrality(G, "betweenness")
    {'A': 0.0, 'B': 1.0, 'C': 0.0}
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any
from urllib.parse import unquote

import networkx as nx
from rdflib import ConjunctiveGraph, Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.rdf.ontology import ACTOR, GRAPH, KG, actor_iri
from kg.types import KGError
from kg.vocab import ACTOR_CLASSES, QUAD_NAMES, load_vocabulary

#: The named graph that holds the scores written by :func:`write_scores`.
ANALYSIS_GRAPH = GRAPH["analysis"]

#: Node measures accepted by :func:`centrality`.
CENTRALITIES = ("degree", "in-degree", "out-degree", "pagerank", "betweenness")

#: Everything ``kg analyze --measure`` accepts.
MEASURES = CENTRALITIES + ("communities", "balance", "paths", "ego", "timeline")

#: Scores :func:`write_scores` can store, and the kg property of each.
SCORE_TERMS = {
    "pagerank": "pageRank",
    "degree": "degree",
    "betweenness": "betweenness",
    "community": "community",
}

#: Order in which a class wins when an actor has several kg types.
_CLASS_ORDER = (
    "Person", "Military", "Agency", "Government", "Party", "ArmedGroup", "Media",
    "InternationalOrganisation", "State", "Place", "Group", "Organisation", "Actor",
)  # fmt: skip

_KG_NS = str(KG._NS)
_ACTOR_NS = str(ACTOR)

_EVENT_PATTERN = """
    ?e a kg:Event ; kg:source ?s ; kg:target ?t ; kg:relation ?rel .
    OPTIONAL { ?e kg:negated ?neg }
    OPTIONAL { ?e kg:modality ?mod }
    OPTIONAL { ?e kg:attribution ?attr }
    OPTIONAL { ?e kg:date ?date }
    OPTIONAL { ?e kg:evidence ?ev }
    OPTIONAL { ?e kg:sentenceIndex ?sent }
    OPTIONAL { ?e kg:quadClass ?quad }
    OPTIONAL { ?e kg:cameoCode ?cameo }
    OPTIONAL { ?e kg:ploverCategory ?plover }
    OPTIONAL { ?e kg:confidence ?conf }
    OPTIONAL { ?e prov:wasDerivedFrom ?art .
               OPTIONAL { ?art dcterms:identifier ?artid }
               OPTIONAL { ?art dcterms:date ?adate }
               OPTIONAL { ?art kg:url ?url } }
"""

_ACTOR_PROPS = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": "type",
    "http://www.w3.org/2000/01/rdf-schema#label": "rdfs",
    "http://www.w3.org/2004/02/skos/core#prefLabel": "pref",
    _KG_NS + "country": "country",
    _KG_NS + "sector": "sector",
    _KG_NS + "cameoCode": "code",
}
# one (actor, property, value) row per fact: OPTIONALs would multiply the rows
_ACTOR_PATTERN = (
    "VALUES ?p { " + " ".join(f"<{iri}>" for iri in _ACTOR_PROPS) + " }\n"
    "    ?a ?p ?v .\n"
    f'    FILTER(STRSTARTS(STR(?a), "{_ACTOR_NS}"))'
)

_PREFIXES = (
    "PREFIX kg: <"
    + _KG_NS
    + """>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
)


def _union_query(variables: str, pattern: str, *, named: bool = True) -> str:
    """A SELECT over the default graph and (``named``) every named graph."""
    where = f"{{ {pattern} }}"
    if named:
        where += f"\n  UNION\n  {{ GRAPH ?g {{ {pattern} }} }}"
    return f"{_PREFIXES}SELECT {variables} WHERE {{\n  {where}\n}}"


def _query(dataset: Graph, variables: str, pattern: str) -> Any:
    """Run a union SELECT; a plain Graph has no named graphs to visit."""
    named = isinstance(dataset, ConjunctiveGraph)
    return dataset.query(_union_query(variables, pattern, named=named))


_EVENT_VARS = (
    "?e ?s ?t ?rel ?neg ?mod ?attr ?date ?ev ?sent ?quad ?cameo ?plover ?conf "
    "?art ?artid ?adate ?url"
)
_ACTOR_VARS = "DISTINCT ?a ?p ?v"


# ----------------------------------------------------------------------- helpers
def _local(iri: Any, ns: str) -> str:
    text = str(iri)
    if text.startswith(ns):
        return unquote(text[len(ns) :])
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _int(value: Any) -> int | None:
    if value is None:
        return None
    try:
        return int(str(value))
    except ValueError:
        return None


def _bool(value: Any) -> bool:
    return value is not None and str(value).strip().lower() in ("true", "1")


def _iso(value: Any) -> str | None:
    """The ISO date (first 10 characters) of a date or dateTime literal."""
    if value is None:
        return None
    text = str(value)[:10]
    try:
        date.fromisoformat(text)
    except ValueError:
        return None
    return text


def _check_date(value: str | None, what: str) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        raise KGError(f"bad {what} date {value!r}; expected YYYY-MM-DD") from None


def _check_filters(
    since: str | None,
    until: str | None,
    relations: Iterable[str] | None,
    classes: Iterable[str] | None,
    countries: Iterable[str] | None,
) -> dict[str, Any]:
    """Validate the filters; return them normalised."""
    since = _check_date(since, "--since")
    until = _check_date(until, "--until")
    if since and until and since > until:
        raise KGError(f"--since {since} is after --until {until}")
    rels = set(relations or ())
    known = load_vocabulary()
    for name in sorted(rels):
        if name not in known:
            raise KGError(f"unknown relation {name!r}; expected one of {sorted(known)}")
    cls = set(classes or ())
    for name in sorted(cls):
        if name not in ACTOR_CLASSES:
            raise KGError(
                f"unknown actor class {name!r}; expected one of {sorted(ACTOR_CLASSES)}"
            )
    cty = set()
    for code in countries or ():
        if not re.fullmatch(r"[A-Za-z]{3}", str(code)):
            raise KGError(
                f"bad country {code!r}; expected an ISO-3166 alpha-3 code such as SYR"
            )
        cty.add(str(code).upper())
    return {
        "since": since,
        "until": until,
        "relations": sorted(rels),
        "classes": sorted(cls),
        "countries": sorted(cty),
    }


# ------------------------------------------------------------------------ reading
def read_actors(dataset: Graph) -> dict[str, dict[str, Any]]:
    """Read every actor of the dataset: id -> label, class, country, sector, code.

    Args:
        dataset: An rdflib ``Dataset`` (all named graphs are read) or ``Graph``.

    Returns:
        A dict keyed by actor id (the IRI's last segment, percent-decoded).
    """
    facts: dict[str, dict[str, set[str]]] = {}
    for row in _query(dataset, _ACTOR_VARS, _ACTOR_PATTERN):
        key = _ACTOR_PROPS.get(str(row.p))
        if key is not None:
            aid = _local(row.a, _ACTOR_NS)
            facts.setdefault(aid, {}).setdefault(key, set()).add(str(row.v))
    actors: dict[str, dict[str, Any]] = {}
    for aid in sorted(facts):
        f = facts[aid]
        types = {_local(t, _KG_NS) for t in f.get("type", ()) if t.startswith(_KG_NS)}

        def first(key: str, f: dict = f) -> str | None:
            # the smallest value keeps the choice stable when there are several
            return min(f[key]) if f.get(key) else None

        actors[aid] = {
            "id": aid,
            "label": first("pref") or first("rdfs") or aid,
            "cls": next((c for c in _CLASS_ORDER if c in types), "Actor"),
            "country": first("country"),
            "sector": first("sector"),
            "code": first("code"),
        }
    return actors


def read_events(dataset: Graph) -> list[dict[str, Any]]:
    """Read every relation event of the dataset as a dict.

    An event without ``kg:date`` takes its article's ``dcterms:date``; missing
    CAMEO code, PLOVER category or quad class come from the relation vocabulary.

    Args:
        dataset: An rdflib ``Dataset`` (all named graphs are read) or ``Graph``.

    Returns:
        Dicts with keys ``event``, ``source``, ``target``, ``relation``,
        ``quad_class``, ``cameo``, ``plover``, ``negated``, ``modality``,
        ``asserted``, ``attribution``, ``date``, ``article``, ``url``,
        ``evidence``, ``sentence``, ``confidence``; sorted by event IRI.
    """
    vocab = load_vocabulary()
    events: dict[str, dict[str, Any]] = {}
    for row in _query(dataset, _EVENT_VARS, _EVENT_PATTERN):
        iri = str(row.e)
        if iri in events:
            continue
        relation = _local(row.rel, _KG_NS)
        spec = vocab.get(relation)
        negated = _bool(row.neg)
        modality = _str(row.mod) or "asserted"
        quad = _int(row.quad)
        if quad is None:
            quad = spec.quad_class if spec else 0
        article = _str(row.artid) or (
            _local(row.art, "") if row.art is not None else None
        )
        conf = None
        if row.conf is not None:
            try:
                conf = float(str(row.conf))
            except ValueError:
                conf = None
        events[iri] = {
            "event": iri,
            "source": _local(row.s, _ACTOR_NS),
            "target": _local(row.t, _ACTOR_NS),
            "relation": relation,
            "quad_class": quad,
            "cameo": _str(row.cameo) or (spec.cameo if spec else ""),
            "plover": _str(row.plover) or (spec.plover if spec else ""),
            "negated": negated,
            "modality": modality,
            "asserted": not negated and modality in ("asserted", "reported"),
            "attribution": _str(row.attr),
            "date": _iso(row.date) or _iso(row.adate),
            "article": article,
            "url": _str(row.url),
            "evidence": _str(row.ev) or "",
            "sentence": _int(row.sent),
            "confidence": conf,
        }
    return [events[k] for k in sorted(events)]


def _keep(event: dict[str, Any], actors: Mapping[str, dict], f: dict) -> bool:
    day = event["date"]
    if f["since"] and (day is None or day < f["since"]):
        return False
    if f["until"] and (day is None or day > f["until"]):
        return False
    if f["relations"] and event["relation"] not in f["relations"]:
        return False
    ends = [actors.get(event["source"], {}), actors.get(event["target"], {})]
    if f["classes"] and not any(a.get("cls") in f["classes"] for a in ends):
        return False
    if f["countries"] and not any(a.get("country") in f["countries"] for a in ends):
        return False
    return True


def _event_key(event: Mapping[str, Any]) -> tuple:
    return (
        event.get("date") or "9999-99-99",
        event.get("article") or "",
        event.get("sentence") if event.get("sentence") is not None else -1,
        event.get("relation") or "",
        event.get("event") or "",
    )


def actor_graph(
    dataset: Graph,
    *,
    since: str | None = None,
    until: str | None = None,
    relations: Iterable[str] | None = None,
    classes: Iterable[str] | None = None,
    countries: Iterable[str] | None = None,
    asserted_only: bool = False,
    max_evidence: int = 5,
) -> nx.MultiDiGraph:
    """Fold the relation events of a dataset into a multi-digraph of actors.

    One edge per (source, relation, target), with key = relation name and the
    attributes ``relation``, ``quad_class``, ``cameo``, ``plover``, ``mentions``
    (events), ``articles`` (distinct articles), ``first``/``last`` (dates),
    ``asserted``/``negated`` (event counts), ``modalities`` (count per modality),
    ``evidence`` (at most ``max_evidence`` dicts with ``sentence``, ``article``,
    ``url``, ``date``, ``negated``, ``modality``) and ``events`` (every event
    dict, see :func:`read_events`). Nodes carry ``label``, ``cls``, ``country``,
    ``sector`` and ``code``.

    Args:
        dataset: An rdflib ``Dataset`` or ``Graph`` in the kg shape.
        since: Keep events dated on or after this ISO date (undated events drop).
        until: Keep events dated on or before this ISO date.
        relations: Keep only these relation names.
        classes: Keep events whose source or target has one of these classes.
        countries: Keep events whose source or target has one of these ISO-3166
            alpha-3 countries.
        asserted_only: Drop negated, intended, planned and hypothetical events.
        max_evidence: Evidence sentences kept per edge.

    Returns:
        The actor graph; ``G.graph`` holds ``filters`` and ``events`` (count).

    Raises:
        KGError: on a bad date, an unknown relation, class or country.
    """
    filters = _check_filters(since, until, relations, classes, countries)
    actors = read_actors(dataset)
    events = [
        e
        for e in read_events(dataset)
        if _keep(e, actors, filters) and (e["asserted"] or not asserted_only)
    ]
    return _fold(events, actors, filters=filters, max_evidence=max_evidence)


def _fold(
    events: Sequence[dict[str, Any]],
    actors: Mapping[str, dict[str, Any]],
    *,
    filters: dict[str, Any] | None = None,
    max_evidence: int = 5,
) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(filters=filters or {}, events=len(events))
    for event in sorted(events, key=_event_key):
        for end in (event["source"], event["target"]):
            if end not in G:
                rec = actors.get(end) or {"label": end, "cls": "Actor"}
                G.add_node(
                    end,
                    label=rec.get("label") or end,
                    cls=rec.get("cls") or "Actor",
                    country=rec.get("country"),
                    sector=rec.get("sector"),
                    code=rec.get("code"),
                )
        s, t, rel = event["source"], event["target"], event["relation"]
        if not G.has_edge(s, t, key=rel):
            G.add_edge(
                s, t, key=rel, relation=rel, quad_class=event["quad_class"],
                cameo=event["cameo"], plover=event["plover"], mentions=0,
                articles=0, first=None, last=None, asserted=0, negated=0,
                modalities={}, evidence=[], events=[], _articles=set(),
            )  # fmt: skip
        data = G.edges[s, t, rel]
        data["mentions"] += 1
        data["asserted"] += int(event["asserted"])
        data["negated"] += int(event["negated"])
        data["modalities"][event["modality"]] = (
            data["modalities"].get(event["modality"], 0) + 1
        )
        data["events"].append(event)
        if event["article"]:
            data["_articles"].add(event["article"])
        day = event["date"]
        if day:
            data["first"] = min(data["first"] or day, day)
            data["last"] = max(data["last"] or day, day)
        seen = {(ev["sentence"], ev["article"]) for ev in data["evidence"]}
        if (
            event["evidence"]
            and len(data["evidence"]) < max_evidence
            and (event["evidence"], event["article"]) not in seen
        ):
            data["evidence"].append(
                {
                    "sentence": event["evidence"],
                    "article": event["article"],
                    "url": event["url"],
                    "date": day,
                    "negated": event["negated"],
                    "modality": event["modality"],
                }
            )
    for _, _, data in G.edges(data=True):
        data["articles"] = len(data.pop("_articles"))
    return G


def _as_actor_graph(source: Graph | nx.MultiDiGraph, **filters: Any) -> nx.MultiDiGraph:
    if isinstance(source, nx.MultiDiGraph):
        if any(v for v in filters.values()):
            return filter_graph(source, **filters)
        return source
    if isinstance(source, Graph):
        return actor_graph(source, **filters)
    raise KGError(
        f"cannot analyse a {type(source).__name__}; expected an rdflib Dataset/Graph "
        "or the nx.MultiDiGraph of actor_graph()"
    )


def filter_graph(
    G: nx.MultiDiGraph,
    *,
    since: str | None = None,
    until: str | None = None,
    relations: Iterable[str] | None = None,
    classes: Iterable[str] | None = None,
    countries: Iterable[str] | None = None,
    asserted_only: bool = False,
    max_evidence: int = 5,
) -> nx.MultiDiGraph:
    """Apply the filters of :func:`actor_graph` to an actor graph (a new graph).

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
    filters = _check_filters(since, until, relations, classes, countries)
    actors = {n: dict(d, id=n) for n, d in G.nodes(data=True)}
    events = [
        e
        for _, _, d in G.edges(data=True)
        for e in d.get("events", ())
        if _keep(_complete(e), actors, filters) and (e["asserted"] or not asserted_only)
    ]
    return _fold([_complete(e) for e in events], actors, filters=filters,
                 max_evidence=max_evidence)  # fmt: skip


def _complete(event: Mapping[str, Any]) -> dict[str, Any]:
    out = {
        "event": "", "quad_class": 0, "cameo": "", "plover": "", "negated": False,
        "modality": "asserted", "asserted": True, "attribution": None, "date": None,
        "article": None, "url": None, "evidence": "", "sentence": None,
        "confidence": None,
    }  # fmt: skip
    out.update(event)
    return out


def signed_graph(
    source: Graph | nx.MultiDiGraph,
    *,
    since: str | None = None,
    until: str | None = None,
    relations: Iterable[str] | None = None,
    classes: Iterable[str] | None = None,
    countries: Iterable[str] | None = None,
) -> nx.Graph:
    """The undirected signed graph: cooperation +, conflict -, asserted events only.

    Each asserted event adds +1 to the weight of its pair when its quad class is 1
    or 2 (cooperation) and -1 when it is 3 or 4 (conflict); self-loops and
    unclassified events are skipped. Edge attributes: ``weight``, ``sign``
    (-1, 0 or +1), ``positive`` and ``negative`` (event counts) and ``relations``.

    Args:
        source: A dataset (read with :func:`actor_graph`) or an actor graph.
        since: See :func:`actor_graph`.
        until: See :func:`actor_graph`.
        relations: See :func:`actor_graph`.
        classes: See :func:`actor_graph`.
        countries: See :func:`actor_graph`.

    Examples:
        >>> G = nx.MultiDiGraph()
        >>> G.add_edge("A", "B", key="aids", quad_class=2, asserted=3)
        'aids'
        >>> G.add_edge("B", "A", key="accuses", quad_class=3, asserted=1)
        'accuses'
        >>> S = signed_graph(G)
        >>> S["A"]["B"]["weight"], S["A"]["B"]["sign"]
        (2, 1)
    """
    G = _as_actor_graph(
        source, since=since, until=until, relations=relations, classes=classes,
        countries=countries,
    )  # fmt: skip
    S = nx.Graph()
    S.add_nodes_from(G.nodes(data=True))
    for u, v, key, data in G.edges(keys=True, data=True):
        quad = data.get("quad_class") or 0
        count = data.get("asserted", 0)
        if u == v or count == 0 or quad not in (1, 2, 3, 4):
            continue
        if not S.has_edge(u, v):
            S.add_edge(u, v, weight=0, positive=0, negative=0, relations=[])
        e = S[u][v]
        if quad <= 2:
            e["positive"] += count
            e["weight"] += count
        else:
            e["negative"] += count
            e["weight"] -= count
        if key not in e["relations"]:
            e["relations"].append(key)
            e["relations"].sort()
    for _, _, e in S.edges(data=True):
        e["sign"] = (e["weight"] > 0) - (e["weight"] < 0)
    return S


# ----------------------------------------------------------------------- measures
def collapse(G: nx.MultiDiGraph, *, weight: str = "mentions") -> nx.DiGraph:
    """The directed simple graph of an actor graph: parallel edges summed.

    Self-loops are dropped; an edge without the weight attribute counts 1.

    Examples:
        >>> G = nx.MultiDiGraph()
        >>> G.add_edge("A", "B", key="x", mentions=2); G.add_edge("A", "B", key="y")
        'x'
        'y'
        >>> collapse(G)["A"]["B"]["weight"]
        3
    """
    D = nx.DiGraph()
    D.add_nodes_from(G.nodes(data=True))
    for u, v, data in G.edges(data=True):
        if u == v:
            continue
        w = data.get(weight, 1)
        if D.has_edge(u, v):
            D[u][v]["weight"] += w
        else:
            D.add_edge(u, v, weight=w)
    return D


def _undirected(G: nx.MultiDiGraph, *, weight: str = "mentions") -> nx.Graph:
    U = nx.Graph()
    U.add_nodes_from(G.nodes(data=True))
    for u, v, data in collapse(G, weight=weight).edges(data=True):
        if U.has_edge(u, v):
            U[u][v]["weight"] += data["weight"]
        else:
            U.add_edge(u, v, weight=data["weight"])
    return U


def pagerank(
    D: nx.DiGraph,
    *,
    alpha: float = 0.85,
    weight: str = "weight",
    tol: float = 1.0e-12,
    max_iter: int = 1000,
) -> dict[str, float]:
    """PageRank by power iteration, in pure Python (networkx needs scipy for it).

    Same definition as :func:`networkx.pagerank`: out-links share a node's rank
    in proportion to their weight, dangling nodes share theirs with every node,
    and the teleport is uniform.

    Raises:
        KGError: when the iteration does not converge in ``max_iter`` steps.

    Examples:
        >>> D = nx.DiGraph([("A", "B"), ("B", "A")])
        >>> pagerank(D)
        {'A': 0.5, 'B': 0.5}
    """
    nodes = list(D)
    n = len(nodes)
    if n == 0:
        return {}
    out_w = {u: sum(d.get(weight, 1) for _, _, d in D.out_edges(u, data=True))
             for u in nodes}  # fmt: skip
    rank_ = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(max_iter):
        dangling = alpha * sum(rank_[u] for u in nodes if out_w[u] == 0) / n
        new = dict.fromkeys(nodes, (1.0 - alpha) / n + dangling)
        for u, v, d in D.edges(data=True):
            if out_w[u]:
                new[v] += alpha * rank_[u] * d.get(weight, 1) / out_w[u]
        err = sum(abs(new[u] - rank_[u]) for u in nodes)
        rank_ = new
        if err < n * tol:
            return {u: round(r, 12) for u, r in rank_.items()}
    raise KGError(f"PageRank did not converge in {max_iter} iterations")


def centrality(
    G: nx.MultiDiGraph,
    measure: str = "pagerank",
    *,
    weight: str = "mentions",
    alpha: float = 0.85,
) -> dict[str, float]:
    """A node measure of an actor graph, keyed by actor id (in node order).

    - ``degree``: distinct partners, either direction; ``in-degree``: distinct
      actors acting on it; ``out-degree``: distinct actors it acts on.
    - ``pagerank``: PageRank of the directed graph weighted by mentions.
    - ``betweenness``: normalised betweenness of the undirected partner graph.

    Args:
        G: The graph of :func:`actor_graph`.
        measure: One of :data:`CENTRALITIES`.
        weight: Edge attribute summed over parallel edges (PageRank weights).
        alpha: PageRank damping factor.

    Raises:
        KGError: on an unknown measure.

    Examples:
        >>> G = nx.MultiDiGraph([("A", "B"), ("A", "B"), ("C", "B")])
        >>> centrality(G, "in-degree"), centrality(G, "out-degree")
        ({'A': 0, 'B': 2, 'C': 0}, {'A': 1, 'B': 0, 'C': 1})
    """
    if measure not in CENTRALITIES:
        raise KGError(
            f"unknown measure {measure!r}; expected one of {list(CENTRALITIES)}"
        )
    D = collapse(G, weight=weight)
    if measure == "degree":
        return {n: len(set(D.predecessors(n)) | set(D.successors(n))) for n in D}
    if measure == "in-degree":
        return {n: D.in_degree(n) for n in D}
    if measure == "out-degree":
        return {n: D.out_degree(n) for n in D}
    if measure == "pagerank":
        if D.number_of_nodes() == 0:
            return {}
        return pagerank(D, alpha=alpha)
    return dict(nx.betweenness_centrality(_undirected(G), normalized=True))


def communities(
    G: nx.MultiDiGraph, *, seed: int = 42, method: str = "louvain"
) -> list[list[str]]:
    """Communities of the undirected partner graph, weighted by mentions.

    Args:
        G: The graph of :func:`actor_graph`.
        seed: Random seed (Louvain is randomised; the same seed gives the same
            partition).
        method: ``louvain`` or ``greedy`` (greedy modularity, deterministic).

    Returns:
        Sorted member lists, the largest community first.

    Raises:
        KGError: on an unknown method.

    Examples:
        >>> G = nx.MultiDiGraph([("A", "B"), ("B", "C"), ("C", "A"), ("C", "D"),
        ...                      ("D", "E"), ("E", "F"), ("F", "D")])
        >>> communities(G)
        [['A', 'B', 'C'], ['D', 'E', 'F']]
    """
    U = _undirected(G)
    if U.number_of_nodes() == 0:
        return []
    if method == "louvain":
        parts = nx.community.louvain_communities(U, weight="weight", seed=seed)
    elif method == "greedy":
        parts = nx.community.greedy_modularity_communities(U, weight="weight")
    else:
        raise KGError(
            f"unknown community method {method!r}; expected louvain or greedy"
        )
    return sorted((sorted(p) for p in parts), key=lambda p: (-len(p), p))


def community_map(parts: Sequence[Sequence[str]]) -> dict[str, int]:
    """Actor id -> community number (0 = the largest community).

    Examples:
        >>> community_map([["A", "B"], ["C"]])
        {'A': 0, 'B': 0, 'C': 1}
    """
    return {n: i for i, part in enumerate(parts) for n in part}


def _require(G: nx.Graph, actor: str | None, what: str) -> str:
    if not actor:
        raise KGError(f"{what} needs an actor id")
    if actor in G:
        return actor
    # accept a label too ("Syria" for SYR), case-insensitively
    hits = [n for n, d in G.nodes(data=True) if str(d.get("label", "")).lower()
            == actor.lower() or str(n).lower() == actor.lower()]  # fmt: skip
    if len(hits) == 1:
        return hits[0]
    sample = sorted(map(str, G.nodes))[:10]
    raise KGError(
        f"unknown actor {actor!r} for {what}; expected an actor id of the graph "
        f"such as {sample}"
    )


def paths(
    G: nx.MultiDiGraph, source: str, target: str, *, limit: int = 10
) -> dict[str, Any]:
    """Shortest and strongest paths between two actors (direction ignored).

    The shortest paths have the fewest hops; the strongest path minimises the sum
    of ``1 / mentions`` over its steps (so it prefers heavily reported ties).

    Args:
        G: The graph of :func:`actor_graph`.
        source: Actor id (or exact label).
        target: Actor id (or exact label).
        limit: At most this many shortest paths.

    Returns:
        ``{"source", "target", "hops", "shortest": [[ids]], "strongest": [ids],
        "cost", "steps": [{"from", "to", "mentions", "relations"}]}``; ``hops``
        is None and the lists are empty when the actors are not connected.

    Raises:
        KGError: when an actor is not in the graph.
    """
    source = _require(G, source, "paths")
    target = _require(G, target, "paths")
    U = _undirected(G)
    out: dict[str, Any] = {
        "source": source, "target": target, "hops": None, "shortest": [],
        "strongest": [], "cost": None, "steps": [],
    }  # fmt: skip
    if not nx.has_path(U, source, target):
        return out
    found = nx.all_shortest_paths(U, source, target)
    out["shortest"] = [list(p) for p in itertools.islice(found, limit)]
    out["shortest"].sort()
    out["hops"] = len(out["shortest"][0]) - 1
    cost, best = nx.single_source_dijkstra(
        U, source, target, weight=lambda u, v, d: 1.0 / max(d["weight"], 1e-9)
    )
    out["strongest"], out["cost"] = list(best), cost
    for u, v in itertools.pairwise(best):
        fwd = [f"{u} {r} {v}" for r in sorted(G[u][v])] if G.has_edge(u, v) else []
        back = [f"{v} {r} {u}" for r in sorted(G[v][u])] if G.has_edge(v, u) else []
        out["steps"].append(
            {"from": u, "to": v, "mentions": U[u][v]["weight"], "relations": fwd + back}
        )
    return out


def ego(G: nx.MultiDiGraph, actor: str, *, depth: int = 2) -> nx.MultiDiGraph:
    """The ego network: actors within ``depth`` steps (either direction).

    Returns a new graph (the input is not modified); node attribute ``distance``
    is the number of steps from the actor.

    Raises:
        KGError: when the actor is not in the graph or depth < 0.

    Examples:
        >>> G = nx.MultiDiGraph([("A", "B"), ("C", "B"), ("C", "D")])
        >>> sorted(ego(G, "A", depth=2))
        ['A', 'B', 'C']
    """
    actor = _require(G, actor, "ego")
    if depth < 0:
        raise KGError(f"bad depth {depth}; expected 0 or more")
    dist = nx.single_source_shortest_path_length(
        nx.Graph(G.to_undirected(as_view=True)), actor, cutoff=depth
    )
    H = G.subgraph(dist).copy()
    for n, d in dist.items():
        H.nodes[n]["distance"] = d
    return H


def balance(S: nx.Graph) -> dict[str, Any]:
    """Structural balance of the signed triads (triangles) of a signed graph.

    A triangle is balanced when the product of its three signs is positive ("the
    enemy of my enemy is my friend"); edges with sign 0 (as much cooperation as
    conflict) are left out.

    Args:
        S: The graph of :func:`signed_graph`.

    Returns:
        ``{"triads": [{"actors", "signs", "balanced"}], "total", "balanced",
        "unbalanced", "share_balanced"}`` (share is None without triads).

    Examples:
        >>> S = nx.Graph()
        >>> S.add_edge("A", "B", sign=1); S.add_edge("B", "C", sign=-1)
        >>> S.add_edge("A", "C", sign=-1)
        >>> balance(S)["share_balanced"]
        1.0
    """
    signed = nx.Graph()
    signed.add_edges_from(
        (u, v, {"sign": d["sign"]}) for u, v, d in S.edges(data=True) if d.get("sign")
    )
    order = {n: i for i, n in enumerate(sorted(signed.nodes, key=str))}
    triads = []
    for u, v in signed.edges:
        a, b = sorted((u, v), key=order.get)
        for c in set(signed[a]) & set(signed[b]):
            if order[c] > order[b]:
                signs = {
                    f"{a}-{b}": signed[a][b]["sign"],
                    f"{b}-{c}": signed[b][c]["sign"],
                    f"{a}-{c}": signed[a][c]["sign"],
                }
                product = math.prod(signs.values())
                triads.append({"actors": [a, b, c], "signs": signs,
                               "balanced": product > 0})  # fmt: skip
    triads.sort(key=lambda t: (t["balanced"], t["actors"]))
    good = sum(t["balanced"] for t in triads)
    return {
        "triads": triads,
        "total": len(triads),
        "balanced": good,
        "unbalanced": len(triads) - good,
        "share_balanced": good / len(triads) if triads else None,
    }


def timeline(G: nx.MultiDiGraph, a: str, b: str) -> list[dict[str, Any]]:
    """Every event between two actors (both directions), oldest first.

    Undated events come last. Each row is an event dict (see :func:`read_events`).

    Raises:
        KGError: when an actor is not in the graph.
    """
    a = _require(G, a, "timeline")
    b = _require(G, b, "timeline")
    rows = []
    for u, v in {(a, b), (b, a)}:
        if G.has_edge(u, v):
            for data in G[u][v].values():
                rows.extend(data.get("events", ()))
    return sorted(rows, key=_event_key)


def scores(
    G: nx.MultiDiGraph, *, seed: int = 42, method: str = "louvain"
) -> list[dict[str, Any]]:
    """All node scores as rows, PageRank order (highest first, then id).

    Each row: ``id``, ``label``, ``cls``, ``country``, ``degree``, ``in_degree``,
    ``out_degree``, ``mentions`` (events involving the actor), ``pagerank``,
    ``betweenness``, ``community``.
    """
    deg = centrality(G, "degree")
    ind = centrality(G, "in-degree")
    outd = centrality(G, "out-degree")
    pr = centrality(G, "pagerank")
    bc = centrality(G, "betweenness")
    comm = community_map(communities(G, seed=seed, method=method))
    mentions: Counter[str] = Counter()
    for u, v, data in G.edges(data=True):
        mentions[u] += data.get("mentions", 1)
        if v != u:
            mentions[v] += data.get("mentions", 1)
    rows = [
        {
            "id": n,
            "label": d.get("label", n),
            "cls": d.get("cls"),
            "country": d.get("country"),
            "degree": deg.get(n, 0),
            "in_degree": ind.get(n, 0),
            "out_degree": outd.get(n, 0),
            "mentions": mentions[n],
            "pagerank": pr.get(n, 0.0),
            "betweenness": bc.get(n, 0.0),
            "community": comm.get(n),
        }
        for n, d in G.nodes(data=True)
    ]
    rows.sort(key=lambda r: (-r["pagerank"], str(r["id"])))
    return rows


def rank(
    rows: Sequence[Mapping[str, Any]], measure: str, *, top: int | None = None
) -> list[dict[str, Any]]:
    """Sort score rows by a centrality (highest first, ties by id), keep ``top``.

    Examples:
        >>> rank([{"id": "A", "degree": 1}, {"id": "B", "degree": 2}], "degree")
        [{'id': 'B', 'degree': 2}, {'id': 'A', 'degree': 1}]
    """
    if measure not in CENTRALITIES:
        raise KGError(
            f"unknown measure {measure!r}; expected one of {list(CENTRALITIES)}"
        )
    key = measure.replace("-", "_")
    out = sorted((dict(r) for r in rows), key=lambda r: (-r[key], str(r["id"])))
    return out[:top] if top is not None else out


# ------------------------------------------------------------------------ writing
def _score_term(name: str) -> URIRef:
    return getattr(KG, SCORE_TERMS[name])  # declared in ontology/kg.ttl


def write_scores(
    dataset: Dataset, scores: Mapping[str, Mapping[str, float | int]]
) -> int:
    """Store actor scores in the named graph :data:`ANALYSIS_GRAPH`, replacing it.

    Args:
        dataset: The store (an rdflib ``Dataset``, e.g. from ``open_store``).
        scores: Measure name -> {actor id -> value}; measures are ``pagerank``,
            ``degree``, ``betweenness`` (as ``kg:pageRank``, ``kg:degree``,
            ``kg:betweenness``) and ``community`` (``kg:community``).

    Returns:
        The number of triples written.

    Raises:
        KGError: on an unknown measure or when ``dataset`` is not a Dataset.

    Examples:
        >>> from rdflib import Dataset
        >>> ds = Dataset()
        >>> write_scores(ds, {"pagerank": {"US": 0.5}, "community": {"US": 0}})
        2
        >>> len(ds.graph(ANALYSIS_GRAPH))
        2
    """
    if not isinstance(dataset, Dataset):
        raise KGError(
            f"cannot write scores into a {type(dataset).__name__}; expected a store "
            "(rdflib Dataset)"
        )
    for name in scores:
        if name not in SCORE_TERMS:
            raise KGError(
                f"unknown score {name!r}; expected one of {sorted(SCORE_TERMS)}"
            )
    triples = []
    for name, values in sorted(scores.items()):
        term = _score_term(name)
        for aid, value in sorted(values.items()):
            if value is None:
                continue
            if name in ("degree", "community"):
                lit = Literal(int(value), datatype=XSD.integer)
            else:
                lit = Literal(float(value), datatype=XSD.double)
            triples.append(f"{actor_iri(str(aid)).n3()} {term.n3()} {lit.n3()} .")
    body = "\n".join(triples)
    update = f"DROP SILENT GRAPH {ANALYSIS_GRAPH.n3()} ;\n"
    if triples:
        update += f"INSERT DATA {{ GRAPH {ANALYSIS_GRAPH.n3()} {{\n{body}\n}} }}"
    else:
        update = update.rstrip(" ;\n")
    dataset.update(update)
    return len(triples)


# ------------------------------------------------------------------------ output
def format_table(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None
) -> str:
    """Rows as an aligned text table (numbers right-aligned, floats 4 digits).

    Examples:
        >>> print(format_table([{"id": "US", "pagerank": 0.25}, {"id": "HTS",
        ...     "pagerank": 0.125}]))
        id   pagerank
        ---  --------
        US     0.2500
        HTS    0.1250
    """
    if not rows:
        return "(no rows)"
    columns = list(columns or rows[0].keys())

    def cell(v: Any) -> str:
        if v is None:
            return ""
        if isinstance(v, float):
            return f"{v:.4f}"
        if isinstance(v, (list, tuple)):
            return ", ".join(map(str, v))
        return str(v)

    cells = [[cell(r.get(c)) for c in columns] for r in rows]
    numeric = [
        all(
            isinstance(r.get(c), (int, float)) and not isinstance(r.get(c), bool)
            for r in rows
            if r.get(c) is not None
        )  # fmt: skip
        for c in columns
    ]
    widths = [
        max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)
    ]

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    out = [line(list(columns)), line(["-" * w for w in widths])]
    out.extend(line(row) for row in cells)
    return "\n".join(out)


def edge_rows(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """The edges of an actor graph as rows (most mentioned first), no events.

    Examples:
        >>> G = nx.MultiDiGraph()
        >>> G.add_edge("A", "B", key="aids", relation="aids", mentions=2)
        'aids'
        >>> edge_rows(G)[0]["relation"]
        'aids'
    """
    rows = []
    for u, v, key, d in G.edges(keys=True, data=True):
        rows.append({
            "source": u, "relation": d.get("relation", key), "target": v,
            "quad_class": d.get("quad_class"), "mentions": d.get("mentions", 1),
            "articles": d.get("articles"), "asserted": d.get("asserted"),
            "negated": d.get("negated"), "first": d.get("first"), "last": d.get("last"),
            "evidence": [dict(e) for e in d.get("evidence", ())],
        })  # fmt: skip
    rows.sort(key=lambda r: (-r["mentions"], str(r["source"]), r["relation"],
                             str(r["target"])))  # fmt: skip
    return rows


def quad_name(quad: int | None) -> str:
    """The name of a quad class (``materialCooperation``), or ``unclassified``.

    Examples:
        >>> quad_name(2), quad_name(None)
        ('materialCooperation', 'unclassified')
    """
    return QUAD_NAMES.get(quad or 0, "unclassified")


__all__ = [
    "ANALYSIS_GRAPH", "CENTRALITIES", "MEASURES", "actor_graph", "balance",
    "centrality", "collapse", "communities", "community_map", "edge_rows", "ego",
    "filter_graph", "format_table", "pagerank", "paths", "quad_name", "rank",
    "read_actors", "read_events", "scores", "signed_graph", "timeline", "write_scores",
]  # fmt: skip
