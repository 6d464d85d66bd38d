"""The interactive view: one self-contained, offline HTML page of the actor graph.

:func:`to_html` builds a fresh :class:`pyvis.network.Network` from the actor graph
(the analysis graph is never modified): nodes coloured by actor class and sized by
PageRank, edges coloured by quad class with arrows, dashed when no event states the
relation as a plain fact (negated, reported, intended, hypothetical), a tooltip with
the relation, dates, counts and evidence sentences with their article ids, a legend,
filters (relation, quad class, actor class, dates) and an actor search.

The page loads nothing from the network: vis-network is inlined
(``cdn_resources="in_line"``) and the kg template replaces pyvis's, which links
Bootstrap from a CDN; a Content-Security-Policy forbids any fetch. Article text
reaches the page only as JSON inside a script (Jinja's ``tojson`` escapes ``<``,
``>``, ``&`` and quotes) and is shown with ``textContent``: the tooltips are DOM
elements built from text, so ``<script>`` in an article is displayed, not run.

Physics stabilises for a bounded number of iterations and is then switched off
(``window.kgStable`` becomes true), so the page stays responsive at 2,000 actors.
By default only the :data:`DEFAULT_TOP` actors by PageRank are drawn (the page says
so), so the view stays usable at any corpus size; ``top``/``by`` change the cap,
``actor``/``depth`` draw an ego network. A dataset is read as aggregated edges,
and the events (evidence, dates) only of the edges drawn.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import pyvis
from jinja2 import ChoiceLoader, DictLoader, Environment, FileSystemLoader
from pyvis.network import Network
from rdflib import Graph

from kg.analysis import actor_graph, as_actor_graph, attach_events, centrality, ego
from kg.files import check_writable, write_text_atomic
from kg.resources import read_text
from kg.types import KGError

#: Node colour per actor class.
CLASS_COLORS: dict[str, str] = {
    "State": "#1f77b4",
    "Government": "#4e9bd6",
    "Military": "#17456b",
    "Agency": "#6a51a3",
    "ArmedGroup": "#d62728",
    "Party": "#e377c2",
    "InternationalOrganisation": "#2ca02c",
    "Media": "#bcbd22",
    "Person": "#ff7f0e",
    "Place": "#8c564b",
    "Organisation": "#17becf",
    "Group": "#9467bd",
    "Actor": "#7f7f7f",
}

#: Edge colour per quad class (0 = unclassified).
QUAD_COLORS: dict[int, str] = {
    1: "#74c476",  # verbal cooperation
    2: "#1a7f37",  # material cooperation
    3: "#f28e2b",  # verbal conflict
    4: "#c0161d",  # material conflict
    0: "#999999",
}

_QUAD_TEXT = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
#: Actors a view draws by default (the top ones by PageRank).
DEFAULT_TOP = 300
_EDGE_LABELS_UP_TO = 40  # edges; bigger views show relation names on hover only
_TEMPLATE_NAME = "view.html"  # in kg/resources
_MAX_TIP = 400  # characters of one evidence sentence in a tooltip


def _environment(timeout_ms: int, cap: str = "") -> Environment:
    """A Jinja environment that knows the kg template and pyvis's vendored files."""
    env = Environment(
        loader=ChoiceLoader(
            [
                DictLoader({_TEMPLATE_NAME: read_text(_TEMPLATE_NAME)}),
                FileSystemLoader(str(Path(pyvis.__file__).parent / "templates")),
            ]
        ),
        autoescape=False,
    )
    env.globals["kg_timeout_ms"] = int(timeout_ms)
    env.globals["kg_cap"] = cap
    return env


def _truncate(text: str, limit: int = _MAX_TIP) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _node_title(n: str, d: Mapping[str, Any], pr: float, degree: float) -> str:
    lines = [f"{d.get('label') or n} ({n})"]
    facts = [f"class: {d.get('cls') or 'Actor'}"]
    if d.get("country"):
        facts.append(f"country: {d['country']}")
    if d.get("code"):
        facts.append(f"code: {d['code']}")
    lines.append(" · ".join(facts))
    lines.append(f"PageRank {pr:.4f} · {degree} partners")
    return "\n".join(lines)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _when(d: Mapping[str, Any]) -> str:
    when = d.get("first") or "undated"
    if d.get("last") and d.get("last") != d.get("first"):
        when += f" to {d['last']}"
    return when


def _status(d: Mapping[str, Any]) -> str:
    """``asserted 2 · negated 1 · reported 1``: how the events state the relation."""
    status = [f"asserted {d.get('asserted', 0)}"]
    if d.get("negated"):
        status.append(f"negated {d['negated']}")
    mods = d.get("modalities") or {}
    status += [f"{m} {c}" for m, c in sorted(mods.items()) if m != "asserted"]
    return " · ".join(status)


def _evidence_lines(ev: Mapping[str, Any]) -> list[str]:
    """``[article] (date, negated, modality) “sentence”`` and the URL below."""
    modality = ev.get("modality")
    flags = [
        ev.get("date"),
        "negated" if ev.get("negated") else "",
        modality if modality not in (None, "asserted") else "",
    ]
    head = f"[{ev.get('article') or '?'}]"
    if any(flags):
        head += " (" + ", ".join(f for f in flags if f) + ")"
    lines = [f"{head} “{_truncate(ev.get('sentence', ''))}”"]
    if ev.get("url"):
        lines.append(f"    {ev['url']}")
    return lines


def _edge_title(G: nx.MultiDiGraph, u: str, v: str, d: Mapping[str, Any]) -> str:
    src = G.nodes[u].get("label") or u
    dst = G.nodes[v].get("label") or v
    quad = d.get("quad_class") or 0
    cameo = f"CAMEO {d['cameo']}" if d.get("cameo") else ""
    codes = [c for c in (cameo, d.get("plover") or "", _QUAD_TEXT.get(quad)) if c]
    mentions, articles = d.get("mentions", 0), d.get("articles", 0)
    lines = [
        f"{src} → {d.get('relation', '')} → {dst}",
        " · ".join(codes),
        f"{_plural(mentions, 'mention')} in {_plural(articles, 'article')} · "
        f"{_when(d)}",
        _status(d),
    ]
    evidence = d.get("evidence") or []
    if evidence:
        lines += ["", "Evidence:"]
    for ev in evidence:
        lines += _evidence_lines(ev)
    return "\n".join(lines)


def _select(
    G: nx.MultiDiGraph,
    rank: Mapping[str, float],
    *,
    top: int | None,
    actor: str | None,
    depth: int,
) -> nx.MultiDiGraph:
    H = G
    if actor is not None:
        H = ego(G, actor, depth=depth)
    if top is not None:
        if top < 1:
            raise KGError(f"bad --top {top}; expected 1 or more")
        keep = sorted(H.nodes, key=lambda n: (-rank.get(n, 0.0), str(n)))[:top]
        H = H.subgraph(keep)
    return H


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


def _options(n_nodes: int, n_edges: int, iterations: int | None) -> dict[str, Any]:
    big = n_nodes > 300
    if iterations is None:
        iterations = 1000 if n_nodes <= 100 else 400 if n_nodes <= 500 else 200
    physics = n_nodes > 0  # an empty page has nothing to lay out
    return {
        "autoResize": True,
        "nodes": {
            "shape": "dot",
            "borderWidth": 1,
            "font": {"size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
            "scaling": {"label": {"enabled": False}},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "smooth": False if big else {"enabled": True, "type": "continuous"},
            "selectionWidth": 2,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": n_edges > 3000,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "multiselect": True,
        },
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -6000 if not big else -3000,
                "springLength": 140,
                "springConstant": 0.03,
                "damping": 0.25,
                "avoidOverlap": 0.1,
            },
            "minVelocity": 1.0,
            "stabilization": {
                "enabled": True,
                "iterations": int(iterations),
                "updateInterval": 50,
                "fit": True,
            },
        },
        "layout": {"improvedLayout": n_nodes <= 150, "randomSeed": 7},
    }


def _add_nodes(
    net: Network, G: nx.MultiDiGraph, view: nx.MultiDiGraph, pr: Mapping[str, float]
) -> None:
    """One dot per actor: coloured by class, sized by PageRank."""
    top_pr = max(pr.values(), default=0.0) or 1.0
    degree = centrality(G, "degree") if G.number_of_nodes() else {}
    # big views get smaller dots, so that the layout is not a wall of discs
    small, span = (8, 32) if view.number_of_nodes() <= 300 else (3, 20)
    for n, d in view.nodes(data=True):
        cls = d.get("cls") or "Actor"
        p = pr.get(n, 0.0)
        net.add_node(
            str(n),
            label=str(d.get("label") or n),
            title=_node_title(n, d, p, degree.get(n, 0)),
            color=CLASS_COLORS.get(cls, CLASS_COLORS["Actor"]),
            size=round(small + span * math.sqrt(p / top_pr), 2),
            cls=cls,
            country=d.get("country") or "",
            code=d.get("code") or "",
            pagerank=round(p, 6),
        )


def _stated_as_fact(d: Mapping[str, Any]) -> int:
    """The number of events that state the relation as a plain, unnegated fact."""
    events = d.get("events") or []
    if not events and "stated" in d:  # aggregated edges carry the count
        return int(d["stated"])
    if not events:  # a graph without event lists: use the counts
        mods = d.get("modalities") or {}
        return d.get("asserted", 1) - sum(c for m, c in mods.items() if m != "asserted")
    return sum(
        1
        for e in events
        if not e.get("negated") and e.get("modality", "asserted") == "asserted"
    )


def _edge(G: nx.MultiDiGraph, u: str, v: str, key: str, d: Mapping[str, Any]) -> dict:
    """The vis-network edge of one (source, relation, target)."""
    quad = d.get("quad_class") or 0
    mentions = d.get("mentions", 1)
    return {
        "from": str(u),
        "to": str(v),
        "id": f"{u}|{key}|{v}",
        "title": _edge_title(G, u, v, d),
        "color": {
            "color": QUAD_COLORS.get(quad, QUAD_COLORS[0]),
            "highlight": "#000000",
            "hover": "#333333",
        },
        "arrows": "to",
        "dashes": _stated_as_fact(d) <= 0,
        "width": round(1 + 1.5 * math.log2(max(mentions, 1)), 2),
        "relation": str(d.get("relation", key)),
        "quad": quad,
        "mentions": mentions,
        "asserted": d.get("asserted", 0),
        "negated": d.get("negated", 0),
        "dates": _dates(d),
    }


def _dates(d: Mapping[str, Any]) -> list[str]:
    """The days of an edge's events (from its event list when it has one)."""
    if d.get("events"):
        return sorted({e["date"] for e in d["events"] if e.get("date")})
    return list(d.get("dates") or [])


def _curve(k: int) -> dict[str, Any]:
    """The bend of the k-th parallel edge of a pair: alternate sides, more each pair."""
    return {
        "enabled": True,
        "type": "curvedCW" if k % 2 else "curvedCCW",
        "roundness": round(min(0.2 * ((k + 1) // 2), 0.8), 2),
    }


def _add_edges(net: Network, G: nx.MultiDiGraph, view: nx.MultiDiGraph) -> None:
    """One arrow per edge of the view; small views label them with the relation."""
    pair_index: dict[frozenset, int] = {}
    ordered = sorted(
        view.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), e[2])
    )
    label_edges = len(ordered) <= _EDGE_LABELS_UP_TO
    for u, v, key, d in ordered:
        edge = _edge(G, u, v, key, d)
        if label_edges:
            edge["label"] = edge["relation"]
            edge["font"] = {"size": 10, "color": "#555555", "align": "middle"}
        pair = frozenset((u, v))
        k = pair_index.get(pair, 0)
        pair_index[pair] = k + 1
        if k:  # parallel edges between the same pair curve apart
            edge["smooth"] = _curve(k)
        net.edges.append(edge)  # endpoints are view nodes (added before)


def _display_network(
    G: nx.MultiDiGraph,
    view: nx.MultiDiGraph,
    pr: Mapping[str, float],
    *,
    height: str,
    iterations: int | None,
    timeout_ms: int,
    cap: str = "",
) -> Network:
    net = Network(
        height=height,
        width="100%",
        directed=True,
        cdn_resources="in_line",
        bgcolor="#ffffff",
    )
    env = _environment(timeout_ms, cap)
    net.templateEnv = env
    net.path = _TEMPLATE_NAME
    net.template = env.get_template(_TEMPLATE_NAME)
    _add_nodes(net, G, view, pr)
    _add_edges(net, G, view)
    net.options = _options(view.number_of_nodes(), view.number_of_edges(), iterations)
    return net


def to_html(
    source: Graph | nx.MultiDiGraph,
    path: str | Path | None = None,
    *,
    top: int | None = DEFAULT_TOP,
    by: str = "pagerank",
    actor: str | None = None,
    depth: int = 2,
    force: bool = False,
    height: str = "100vh",
    iterations: int | None = None,
    timeout_ms: int = 60000,
    **filters: Any,
) -> Network:
    """Build the interactive view of the actor graph; write it when ``path`` is set.

    Args:
        source: A dataset (read with :func:`kg.analysis.actor_graph`) or the
            graph :func:`~kg.analysis.actor_graph` returned (not modified).
        path: Where to write the HTML (atomically); None writes nothing.
        top: Draw only the ``top`` actors by the measure ``by`` (computed on the
            whole graph); the page says so. None draws every actor.
        by: A node measure of :data:`kg.vocab.CENTRALITIES` that ranks the actors.
        actor: Show only this actor's ego network (id or exact label) ...
        depth: ... up to this many steps away.
        force: Overwrite ``path`` if it exists.
        height: CSS height of the canvas.
        iterations: Physics stabilisation iterations (default from the size).
        timeout_ms: Physics stops after this long even if not stabilised.
        **filters: ``since``, ``until``, ``relations``, ``classes``, ``countries``,
            ``asserted_only`` (see :func:`kg.analysis.actor_graph`).

    Returns:
        The pyvis network; ``net.generate_html()`` returns the page.

    Raises:
        KGError: when ``path`` exists and not ``force``, on an unknown actor or
            a bad filter.
    """
    if path is not None:
        check_writable(path, force=force)
    if isinstance(source, Graph):  # counts aggregated by the store
        G = actor_graph(source, events=False, **filters)
    else:
        G = as_actor_graph(source, verb="draw", **filters)
    pr = centrality(G, "pagerank") if G.number_of_nodes() else {}
    rank = pr if by == "pagerank" or not G.number_of_nodes() else centrality(G, by)
    view = _select(G, rank, top=top, actor=actor, depth=depth)
    if isinstance(source, Graph):  # evidence of the drawn edges only
        attach_events(G, source, list(view.edges(keys=True)))
    cap = cap_text(view.number_of_nodes(), G.number_of_nodes(), top, by)
    net = _display_network(
        G, view, pr, height=height, iterations=iterations, timeout_ms=timeout_ms,
        cap=cap,
    )  # fmt: skip
    if path is not None:
        write_html(net, path, force=force)
    return net


def render(net: Network) -> str:
    """The page of a network made by :func:`to_html` (no http(s) resource).

    Raises:
        KGError: if the page would load anything from the network.
    """
    html = net.generate_html()
    lowered = html.lower()
    for bad in ('src="http', "src='http", 'href="http', "href='http", "@import"):
        if bad in lowered:
            raise KGError(
                f"the page would load a remote resource ({bad!r}); not written"
            )
    return html


def write_html(net: Network, path: str | Path, *, force: bool = False) -> Path:
    """Write the page atomically (temp file + rename); refuse to overwrite.

    Raises:
        KGError: when the file exists and not ``force``.
    """
    html = render(net)
    out = write_text_atomic(path, html, force=force)
    return out


__all__ = [
    "CLASS_COLORS", "DEFAULT_TOP", "QUAD_COLORS", "cap_text", "render", "to_html",
    "write_html",
]  # fmt: skip
