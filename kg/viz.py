"""The interactive view: one self-contained, offline HTML page of the actor graph.

:func:`to_html` builds a fresh :class:`pyvis.network.Network` from the actor graph
(the analysis graph is never modified). The page answers questions, not only shows:

- channels that do not share colours: the actor class is the node *shape* (and a
  dashed border for people, media, places and other groups), the quad class is the
  edge *colour* (Okabe–Ito, safe for colour-blind readers); nodes are one neutral
  colour, sized by PageRank; an edge is dashed when no event states it as a plain
  fact (negated, reported, intended, hypothetical);
- parallel edges are aggregated: one arrow per source, target and quad class, as wide
  as its mentions, labelled with its relations and counts on hover or when zoomed
  in; a toggle expands them into one arrow per relation;
- a tooltip (above the legend, always the hovered edge's) and a side panel that opens
  on click: an actor's relations grouped with counts and dates, or an edge's first
  mentions (date, sentence, article title and link; "N of M mentions shown" when it
  has more), as selectable, copyable text;
- filters (relation, quad class, actor class) and a from–to date range with sliders
  and *play* over the events' dates (ISO dates), all applied to the same edges;
- search by id, name or alias (the graph's ``skos:altLabel``: "Daesh" finds ISIS);
- the current view saved as PNG or SVG.

Positions are computed in Python (:func:`kg.analysis.layout.layout`) and shipped with
the page: big views draw at once with physics off, small ones settle from them a
little; ``layout="physics"`` (the browser lays out) is the benchmark's baseline.

The page loads nothing from the network: vis-network is inlined and the kg template
replaces pyvis's (which links Bootstrap from a CDN); a Content-Security-Policy forbids
any fetch. Article text
reaches the page only as JSON inside a script (Jinja's ``tojson`` escapes ``<``,
``>``, ``&`` and quotes) and is shown with ``textContent``: tooltips and the panel
are DOM elements built from text, so ``<script>`` in an article is displayed, not
run. ``window.kgStable`` becomes true once the view is drawn and still.

Only the :data:`DEFAULT_TOP` actors by PageRank and the :data:`DEFAULT_EDGES`
strongest relations among them are drawn by default (the page says so; ``top``,
``by`` and ``max_edges`` change the caps, ``actor``/``depth`` draw an ego network).
Edges are read aggregated and count mentions or events (``count``); of the edges
drawn only the first :data:`DEFAULT_SAMPLES` mentions (``samples``) and the number of
mentions per day and polarity (for the date range) are read
(:mod:`kg.analysis.drawn`), so a view costs about the same at any corpus size.
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

from kg.analysis.drawn import (
    Drawn,
    attach_samples,
    cap_text,
    day_counts,
    edge_cap_text,
    read_drawn,
    read_extras,
)
from kg.analysis.layout import layout as force_layout
from kg.files import check_writable, write_text_atomic
from kg.rdf.derived import event_window
from kg.rdf.events import DEFAULT_WINDOW, SAMPLES
from kg.resources import read_text
from kg.tables import plural
from kg.types import KGError

#: Node shape per actor class, and whether its border is dashed: the class is
#: drawn as a shape, never as a colour (colour is the quad class of the edges).
CLASS_SHAPES: dict[str, tuple[str, bool]] = {
    "State": ("dot", False),
    "Government": ("square", False),
    "Military": ("triangle", False),
    "Agency": ("triangleDown", False),
    "ArmedGroup": ("diamond", False),
    "Party": ("star", False),
    "InternationalOrganisation": ("hexagon", False),
    "Person": ("dot", True),
    "Media": ("square", True),
    "Place": ("triangle", True),
    "Organisation": ("hexagon", True),
    "Group": ("diamond", True),
    "Actor": ("triangleDown", True),
}

#: The one node colour: grey fill and border, black border when selected or hovered
#: (greys and black are no quad class's colour).
NODE_COLOR: dict[str, Any] = {
    "background": "#e8e8e8",
    "border": "#4d4d4d",
    "highlight": {"background": "#e8e8e8", "border": "#000000"},
    "hover": {"background": "#f5f5f5", "border": "#000000"},
}

#: Edge colour per quad class (0 = unclassified): the Okabe–Ito palette, safe for
#: colour-blind readers; cooperation blues, conflict orange and vermilion.
QUAD_COLORS: dict[int, str] = {
    1: "#56b4e9",  # verbal cooperation: sky blue
    2: "#0072b2",  # material cooperation: blue
    3: "#e69f00",  # verbal conflict: orange
    4: "#d55e00",  # material conflict: vermilion
    0: "#999999",  # unclassified: grey
}

_QUAD_TEXT = {1: "verbal cooperation", 2: "material cooperation",
              3: "verbal conflict", 4: "material conflict"}  # fmt: skip
#: Actors a view draws by default (the top ones by PageRank).
DEFAULT_TOP = 300
#: Relations a view draws by default (the strongest among its actors).
DEFAULT_EDGES = 2000
#: Mentions of each relation shipped with the page for its panel (the first ones;
#: the derived data keep this many per edge, so a view reads no other mention).
DEFAULT_SAMPLES = SAMPLES
_TEMPLATE_NAME = "view.html"  # in kg/resources
_MAX_TIP = 400  # characters of one evidence sentence in a tooltip
_PHYSICS_UP_TO = 300  # actors; bigger views are drawn still at the Python layout
#: How a page lays out its actors (``layout=``).
LAYOUTS = ("auto", "physics")


def _environment(
    timeout_ms: int, cap: str = "", count: tuple[str, int] = ("mentions", 1)
) -> Environment:
    """A Jinja environment that knows the kg template and pyvis's vendored files."""
    loaders = [
        DictLoader({_TEMPLATE_NAME: read_text(_TEMPLATE_NAME)}),
        FileSystemLoader(str(Path(pyvis.__file__).parent / "templates")),
    ]
    env = Environment(loader=ChoiceLoader(loaders), autoescape=False)  # fmt: skip
    env.globals["kg_timeout_ms"] = int(timeout_ms)
    env.globals["kg_cap"] = cap
    env.globals["kg_count"], env.globals["kg_window"] = count
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
    what = "event" if G.graph.get("count") == "events" else "mention"
    lines = [
        f"{src} → {d.get('relation', '')} → {dst}",
        " · ".join(codes),
        f"{plural(mentions, what)} in {plural(articles, 'article')} · {_when(d)}",
        _status(d),
    ]
    evidence = d.get("evidence") or []
    if evidence:
        lines += ["", "Evidence:"]
    for ev in evidence:
        lines += _evidence_lines(ev)
    return "\n".join(lines)


def _options(
    n_nodes: int, n_edges: int, iterations: int | None, *, physics: bool, placed: bool
) -> dict[str, Any]:
    """vis-network options; ``placed``: the nodes come with Python positions."""
    big = n_nodes > _PHYSICS_UP_TO
    if iterations is None:
        if placed:  # from a good start, a short settling spreads the labels
            iterations = 150
        else:
            iterations = 1000 if n_nodes <= 100 else 400 if n_nodes <= 500 else 200
    return {
        "autoResize": True,
        "nodes": {
            "borderWidth": 1.5,
            "borderWidthSelected": 3,
            "color": NODE_COLOR,
            "font": {"size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
            "scaling": {"label": {"enabled": False}},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "smooth": False,
            "selectionWidth": 2,
            "hoverWidth": 1.5,
            "font": {
                "size": 11,
                "color": "#333333",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
                "align": "middle",
            },  # fmt: skip
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
            "enabled": physics and n_nodes > 0,
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
        "layout": {"improvedLayout": not placed and n_nodes <= 150, "randomSeed": 7},
    }


def _add_nodes(
    net: Network,
    view: nx.MultiDiGraph,
    pr: Mapping[str, float],
    *,
    degree: Mapping[str, float],
    aliases: Mapping[str, list[str]],
    positions: Mapping[Any, tuple[float, float]],
) -> None:
    """One shape per actor: the shape says the class, the size the PageRank."""
    top_pr = max(pr.values(), default=0.0) or 1.0
    # big views get smaller marks, so that the layout is not a wall of discs
    small, span = (8, 32) if view.number_of_nodes() <= _PHYSICS_UP_TO else (3, 20)
    for n, d in view.nodes(data=True):
        cls = d.get("cls") or "Actor"
        shape, dashed = CLASS_SHAPES.get(cls, CLASS_SHAPES["Actor"])
        p = pr.get(n, 0.0)
        extra: dict[str, Any] = {}
        if n in positions:
            extra["x"], extra["y"] = positions[n]
        names = d.get("aliases") or aliases.get(str(n)) or []
        net.add_node(
            str(n),
            label=str(d.get("label") or n),
            title=_node_title(n, d, p, degree.get(n, 0)),
            shape=shape,
            color=NODE_COLOR,
            shapeProperties={"borderDashes": [4, 3] if dashed else False},
            size=round(small + span * math.sqrt(p / top_pr), 2),
            cls=cls,
            country=d.get("country") or "",
            code=d.get("code") or "",
            pagerank=round(p, 6),
            aliases=sorted({str(a) for a in names}),
            **extra,
        )


def _stated_as_fact(d: Mapping[str, Any]) -> int:
    """The number of events that state the relation as a plain, unnegated fact."""
    events = d.get("events") or []
    # aggregated edges carry the count (with "days", the event list is a sample)
    if "stated" in d and ("days" in d or not events):
        return int(d["stated"])
    if not events:  # a graph without event lists: use the counts
        mods = d.get("modalities") or {}
        return d.get("asserted", 1) - sum(c for m, c in mods.items() if m != "asserted")
    return sum(
        1
        for e in events
        if not e.get("negated") and e.get("modality", "asserted") == "asserted"
    )


def _events(d: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The mentions an edge carries: its event list, else its evidence sample."""
    return d.get("events") or [
        {**ev, "evidence": ev.get("sentence")} for ev in d.get("evidence") or []
    ]


def _mentions(
    d: Mapping[str, Any], titles: Mapping[str, str], samples: int
) -> list[dict[str, Any]]:
    """The first ``samples`` mentions of an edge for the panel: date, sentence,
    article, title, link."""
    events = _events(d)[:samples]
    return [
        {
            "date": e.get("date"),
            "sentence": " ".join(str(e.get("evidence") or "").split()),
            "article": e.get("article"),
            "title": titles.get(str(e.get("article"))) or "",
            "url": e.get("url") or "",
            "negated": bool(e.get("negated")),
            "modality": e.get("modality") or "asserted",
            "attribution": e.get("attribution") or "",
        }
        for e in events
    ]


def _edge(
    G: nx.MultiDiGraph,
    u: str,
    v: str,
    key: str,
    d: Mapping[str, Any],
    titles: Mapping[str, str],
    samples: int,
) -> dict:
    """The vis-network edge of one (source, relation, target)."""
    quad = d.get("quad_class") or 0
    mentions = d.get("mentions", 1)
    color = QUAD_COLORS.get(quad, QUAD_COLORS[0])
    return {
        "from": str(u),
        "to": str(v),
        "id": f"{u}|{key}|{v}",
        "title": _edge_title(G, u, v, d),
        "color": {"color": color, "highlight": color, "hover": color},
        "arrows": "to",
        "dashes": _stated_as_fact(d) <= 0,
        "relation": str(d.get("relation", key)),
        "quad": quad,
        "cameo": d.get("cameo") or "",
        "mentions": mentions,
        "mention_count": d.get("mention_count", mentions),
        "event_count": d.get("event_count", mentions),
        "articles": d.get("articles", 0),
        "dates": _dates(d),
        "days": _days(d),
        "evidence": _mentions(d, titles, samples),
    }


def _dates(d: Mapping[str, Any]) -> list[str]:
    """The days of an edge's events (its event list may be a sample)."""
    if "dates" in d or not d.get("events"):
        return list(d.get("dates") or [])
    return sorted({e["date"] for e in d["events"] if e.get("date")})


def _days(d: Mapping[str, Any]) -> list[list[Any]]:
    """``[day, mentions not negated, negated]`` per day of an edge (for the
    page's date range): read with the samples, else from the mentions it has."""
    days = d["days"] if "days" in d else day_counts(_events(d))
    return [[day, pos, neg] for day, (pos, neg) in sorted(days.items())]


def _add_edges(
    net: Network,
    G: nx.MultiDiGraph,
    view: nx.MultiDiGraph,
    titles: Mapping[str, str],
    samples: int,
) -> None:
    """One record per (source, relation, target); the page aggregates them."""
    ordered = sorted(
        view.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), e[2])
    )
    for u, v, key, d in ordered:  # endpoints are view nodes
        net.edges.append(_edge(G, u, v, key, d, titles, samples))


def _extras(
    source: Any, view: nx.MultiDiGraph, samples: int
) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Aliases (``skos:altLabel``) of the drawn actors, titles of their articles."""
    if not isinstance(source, Graph) or not view.number_of_nodes():
        return {}, {}
    ids = {
        str(e["article"])
        for _, _, d in view.edges(data=True)
        for e in _events(d)[:samples]
        if e.get("article")
    }
    return read_extras(source, view, ids)


def _display_network(
    read: Drawn,
    source: Any,
    *,
    height: str,
    iterations: int | None,
    timeout_ms: int,
    layout: str,
    cap: str = "",
    samples: int = DEFAULT_SAMPLES,
) -> Network:
    G, view, pr = read.G, read.view, read.pagerank
    net = Network(
        height=height,
        width="100%",
        directed=True,
        cdn_resources="in_line",
        bgcolor="#ffffff",
    )
    window = event_window(source) if isinstance(source, Graph) else DEFAULT_WINDOW
    env = _environment(timeout_ms, cap, (G.graph.get("count", "mentions"), window))
    net.templateEnv = env
    net.path = _TEMPLATE_NAME
    net.template = env.get_template(_TEMPLATE_NAME)
    aliases, titles = _extras(source, view, samples)
    placed = layout != "physics"
    positions = force_layout(view) if placed else {}
    _add_nodes(net, view, pr, degree=read.degree, aliases=aliases, positions=positions)
    _add_edges(net, G, view, titles, samples)
    n = view.number_of_nodes()
    physics = not placed or n <= _PHYSICS_UP_TO
    net.options = _options(
        n, view.number_of_edges(), iterations, physics=physics, placed=placed
    )
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
    layout: str = "auto",
    count: str = "mentions",
    max_edges: int | None = DEFAULT_EDGES,
    samples: int = DEFAULT_SAMPLES,
    **filters: Any,
) -> Network:
    """Build the interactive view of the actor graph; write it when ``path`` is set.

    Args:
        source: A dataset (read with :func:`kg.analysis.actor_graph`; its actors'
            ``skos:altLabel`` become searchable aliases and its articles' titles
            show in the panel) or the graph :func:`~kg.analysis.actor_graph`
            returned (not modified; a node's ``aliases`` list is used).
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
        layout: ``auto``: positions from :func:`kg.analysis.layout.layout`, physics
            only to settle views of up to 300 actors; ``physics``: the browser lays
            out the graph from scratch (slow on big graphs; a baseline).
        count: Edge widths and labels count ``mentions`` or ``events``.
        max_edges: Draw only the ``max_edges`` strongest relations (by
            ``count``) among the drawn actors; the page says so. None draws
            every relation.
        samples: Mentions of each drawn relation shipped with the page for its
            panel (the first ones by date, article and sentence; the page says
            "N of M mentions shown"). Up to :data:`DEFAULT_SAMPLES` they are
            read from the store's derived data; more read every mention of
            the drawn relations.
        **filters: ``since``, ``until``, ``relations``, ``classes``, ``countries``,
            ``asserted_only`` (see :func:`kg.analysis.actor_graph`).

    Returns:
        The pyvis network; ``net.generate_html()`` returns the page.

    Raises:
        KGError: when ``path`` exists and not ``force``, on an unknown actor,
            layout or a bad filter.
    """
    if layout not in LAYOUTS:
        raise KGError(f"unknown layout {layout!r}; expected one of {list(LAYOUTS)}")
    if samples < 0:
        raise KGError(f"bad --samples {samples}; expected 0 or more")
    if path is not None:
        check_writable(path, force=force)
    read = read_drawn(source, top=top, by=by, actor=actor, depth=depth, count=count,
                      max_edges=max_edges, filters=filters)  # fmt: skip
    view = read.view
    if isinstance(source, Graph):  # a few mentions of each drawn edge (the panel)
        attach_samples(view, source, samples=samples)  # on the view: maybe a copy
    cap = cap_text(view.number_of_nodes(), read.pool, top, by)
    more = edge_cap_text(view.number_of_edges(), read.relations)
    cap += f"{' · ' if cap and more else ''}{more}"
    cap += f"{' · ' if cap else ''}edges count events" if count == "events" else ""
    net = _display_network(
        read, source, height=height, iterations=iterations,
        timeout_ms=timeout_ms, layout=layout, cap=cap, samples=samples,
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
    "CLASS_SHAPES", "DEFAULT_EDGES", "DEFAULT_SAMPLES", "DEFAULT_TOP", "LAYOUTS",
    "NODE_COLOR", "QUAD_COLORS", "cap_text", "edge_cap_text", "render", "to_html",
    "write_html",
]  # fmt: skip
