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
(``window.kgStable`` becomes true), so the page stays responsive at 2,000 actors;
``top`` (by PageRank) and ``actor``/``depth`` (an ego network) make smaller views.
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

from kg.analysis import actor_graph, centrality, ego
from kg.files import write_text_atomic
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
_EDGE_LABELS_UP_TO = 40  # edges; bigger views show relation names on hover only
_TEMPLATE_NAME = "kg_view.html"
_MAX_TIP = 400  # characters of one evidence sentence in a tooltip

_TEMPLATE = r"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none';
  script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:;
  font-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>kg: actors and relations</title>
<style>{% include 'lib/vis-9.1.2/vis-network.css' %}</style>
<script>{% include 'lib/vis-9.1.2/vis-network.min.js' %}</script>
<style>
html, body { margin: 0; padding: 0; font: 13px/1.35 system-ui, sans-serif;
  color: #222; }
#mynetwork { width: {{width}}; height: {{height}}; background: {{bgcolor}};
  position: relative; }
.kg-box { position: absolute; top: 8px; z-index: 10; padding: 8px 10px;
  background: rgba(255, 255, 255, .94); border: 1px solid #ccc;
  border-radius: 6px; max-height: calc(100% - 40px); overflow: auto; }
#kg-panel { left: 8px; max-width: 270px; }
#kg-legend { right: 8px; max-width: 240px; }
.kg-box h2 { font-size: 13px; margin: 6px 0 3px; }
#kg-panel label { display: block; white-space: nowrap; }
#kg-panel select, #kg-panel input[type=search] { width: 100%;
  box-sizing: border-box; }
#kg-panel input[type=date] { width: 48%; }
.kg-swatch { display: inline-block; width: 11px; height: 11px;
  border-radius: 50%; margin-right: 5px; vertical-align: -1px; }
.kg-line { display: inline-block; width: 26px; height: 0; margin-right: 5px;
  vertical-align: 3px; border-top: 3px solid #555; }
.kg-line.dashed { border-top-style: dashed; }
#kg-status { position: absolute; bottom: 6px; left: 8px; z-index: 10;
  color: #555; font-size: 12px; background: rgba(255, 255, 255, .85);
  padding: 1px 4px; }
div.vis-tooltip { max-width: 480px; white-space: normal;
  font: 12px/1.35 system-ui, sans-serif; }
.kg-tip { white-space: pre-wrap; word-break: break-word; }
#kg-loading { position: absolute; top: 50%; left: 50%; z-index: 5;
  transform: translate(-50%, -50%); background: rgba(255, 255, 255, .9);
  padding: 6px 10px; border-radius: 4px; }
</style>
</head>
<body>
<div id="mynetwork"></div>
<div id="kg-panel" class="kg-box">
  <h2>Find an actor</h2>
  <input type="search" id="kg-search" list="kg-actor-names"
         placeholder="name or id, then Enter">
  <datalist id="kg-actor-names"></datalist>
  <div id="kg-search-result"></div>
  <h2>Relations</h2>
  <select id="kg-relation" multiple size="5"
          title="none selected: all relations"></select>
  <h2>Quad class</h2><div id="kg-quads"></div>
  <h2>Actor class</h2><div id="kg-classes"></div>
  <h2>Dates</h2>
  <input type="date" id="kg-since" title="from">
  <input type="date" id="kg-until" title="until">
  <label><input type="checkbox" id="kg-isolated">
    hide actors without shown relations</label>
  <button type="button" id="kg-reset">Reset</button>
</div>
<div id="kg-legend" class="kg-box">
  <h2>Actor class</h2><div id="kg-legend-classes"></div>
  <h2>Relation (quad class)</h2><div id="kg-legend-quads"></div>
  <div><span class="kg-line"></span>stated as fact</div>
  <div><span class="kg-line dashed"></span>negated, reported or hypothetical only</div>
  <div>node size: PageRank</div>
</div>
<div id="kg-loading">laying out…</div>
<div id="kg-status"></div>
<script>
var nodes, edges, network, options, data;
window.kgStable = false;
(function () {
  "use strict";
  var QUADS = {1: "verbal cooperation", 2: "material cooperation",
               3: "verbal conflict", 4: "material conflict", 0: "unclassified"};
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function tip(text) { return el("div", text, "kg-tip"); }
  function add(parent, child) { parent.appendChild(child); return child; }
  function textOf(parent, text) { add(parent, document.createTextNode(text)); }

  var nodeData = {{ nodes|tojson }};
  var edgeData = {{ edges|tojson }};
  // tooltips are elements built from text: article text is never parsed as HTML
  [nodeData, edgeData].forEach(function (items) {
    items.forEach(function (x) {
      if (typeof x.title === "string") { x.title = tip(x.title); }
    });
  });
  nodes = new vis.DataSet(nodeData);
  edges = new vis.DataSet(edgeData);
  data = { nodes: nodes, edges: edges };
  options = {{ options|safe }};
  var t0 = performance.now();
  network = new vis.Network(document.getElementById("mynetwork"), data, options);
  window.network = network; window.nodes = nodes; window.edges = edges;

  // physics runs a bounded number of iterations, then stops for good
  function stable(reason) {
    if (window.kgStable) { return; }
    network.setOptions({ physics: { enabled: false } });
    window.kgStable = true;
    window.kgStableReason = reason;
    window.kgStableMs = performance.now() - t0;
    document.getElementById("kg-loading").style.display = "none";
  }
  if (options.physics && options.physics.enabled !== false) {
    network.once("stabilizationIterationsDone", function () {
      stable("iterations");
    });
    setTimeout(function () { stable("timeout"); }, __KG_TIMEOUT_MS__);
  } else {
    stable("no physics");
  }

  // legend and filter choices, from the data on the page
  var classes = {}, quads = {}, relations = {};
  nodeData.forEach(function (n) { classes[n.cls] = n.color; });
  edgeData.forEach(function (e) {
    quads[e.quad] = e.color.color || e.color;
    relations[e.relation] = true;
  });
  function checkbox(parent, cls, value, text) {
    var lab = add(parent, el("label"));
    var box = add(lab, el("input"));
    box.type = "checkbox"; box.checked = true; box.value = value;
    box.className = cls;
    textOf(lab, " " + text);
  }
  var legendClasses = document.getElementById("kg-legend-classes");
  Object.keys(classes).sort().forEach(function (c) {
    var row = add(legendClasses, el("div"));
    add(row, el("span", null, "kg-swatch")).style.background = classes[c];
    textOf(row, c);
    checkbox(document.getElementById("kg-classes"), "kg-class", c, c);
  });
  var legendQuads = document.getElementById("kg-legend-quads");
  Object.keys(quads).sort().forEach(function (q) {
    var row = add(legendQuads, el("div"));
    add(row, el("span", null, "kg-line")).style.borderTopColor = quads[q];
    textOf(row, QUADS[q] || q);
    checkbox(document.getElementById("kg-quads"), "kg-quad", q, QUADS[q] || q);
  });
  var relSelect = document.getElementById("kg-relation");
  Object.keys(relations).sort().forEach(function (r) {
    add(relSelect, el("option", r)).value = r;
  });
  var names = document.getElementById("kg-actor-names");
  nodeData.forEach(function (n) { add(names, el("option")).value = n.label; });

  // filters: relation, quad class, actor class, dates
  function checked(cls) {
    var out = {};
    document.querySelectorAll("input." + cls).forEach(function (b) {
      if (b.checked) { out[b.value] = true; }
    });
    return out;
  }
  function inRange(dates, since, until) {
    return (dates || []).some(function (d) {
      return (!since || d >= since) && (!until || d <= until);
    });
  }
  function apply() {
    var rel = {}, anyRel = false;
    Array.prototype.forEach.call(relSelect.selectedOptions, function (o) {
      rel[o.value] = true; anyRel = true;
    });
    var qs = checked("kg-quad"), cs = checked("kg-class");
    var since = document.getElementById("kg-since").value;
    var until = document.getElementById("kg-until").value;
    var hideIsolated = document.getElementById("kg-isolated").checked;
    var nodeOk = {}, used = {}, shownEdges = 0, shownNodes = 0;
    nodeData.forEach(function (n) { nodeOk[n.id] = !!cs[n.cls]; });
    var edgeUpdates = edgeData.map(function (e) {
      var ok = nodeOk[e.from] && nodeOk[e.to] && !!qs[String(e.quad)] &&
        (!anyRel || !!rel[e.relation]);
      if (ok && (since || until)) { ok = inRange(e.dates, since, until); }
      if (ok) { used[e.from] = true; used[e.to] = true; shownEdges++; }
      return { id: e.id, hidden: !ok };
    });
    var nodeUpdates = nodeData.map(function (n) {
      var ok = nodeOk[n.id] && (!hideIsolated || !!used[n.id]);
      if (ok) { shownNodes++; }
      return { id: n.id, hidden: !ok };
    });
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
    document.getElementById("kg-status").textContent =
      shownNodes + " of " + nodeData.length + " actors, " + shownEdges + " of " +
      edgeData.length + " relations shown";
    return { nodes: shownNodes, edges: shownEdges };
  }
  window.kgApplyFilters = apply;
  document.querySelectorAll("#kg-panel input, #kg-panel select").forEach(
    function (x) { if (x.id !== "kg-search") { x.addEventListener("change", apply); } }
  );
  document.getElementById("kg-reset").addEventListener("click", function () {
    document.querySelectorAll("#kg-panel input[type=checkbox]").forEach(
      function (b) { b.checked = b.id !== "kg-isolated"; }
    );
    Array.prototype.forEach.call(relSelect.options, function (o) {
      o.selected = false;
    });
    document.getElementById("kg-since").value = "";
    document.getElementById("kg-until").value = "";
    apply();
  });

  // search an actor by id or name (exact first, then substring)
  function find(text) {
    var q = String(text || "").trim().toLowerCase();
    var out = document.getElementById("kg-search-result");
    if (!q) { out.textContent = ""; return null; }
    function exact(n) {
      return String(n.id).toLowerCase() === q || String(n.label).toLowerCase() === q;
    }
    function part(n) { return String(n.label).toLowerCase().indexOf(q) >= 0; }
    var hit = nodeData.filter(exact)[0] || nodeData.filter(part)[0];
    if (!hit) { out.textContent = "no actor matches"; return null; }
    out.textContent = hit.label + " (" + hit.id + ")";
    network.selectNodes([hit.id]);
    network.focus(hit.id, { scale: 1.2, animation: { duration: 400 } });
    return hit.id;
  }
  window.kgFind = find;
  var search = document.getElementById("kg-search");
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { find(search.value); }
  });
  search.addEventListener("change", function () { find(search.value); });
  apply();
})();
</script>
</body>
</html>
"""


def _environment(timeout_ms: int) -> Environment:
    """A Jinja environment that knows the kg template and pyvis's vendored files."""
    source = _TEMPLATE.replace("__KG_TIMEOUT_MS__", str(int(timeout_ms)))
    return Environment(
        loader=ChoiceLoader(
            [
                DictLoader({_TEMPLATE_NAME: source}),
                FileSystemLoader(str(Path(pyvis.__file__).parent / "templates")),
            ]
        ),
        autoescape=False,
    )


def _truncate(text: str, limit: int = _MAX_TIP) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _node_title(n: str, d: Mapping[str, Any], pr: float, degree: int) -> str:
    lines = [f"{d.get('label') or n} ({n})"]
    facts = [f"class: {d.get('cls') or 'Actor'}"]
    if d.get("country"):
        facts.append(f"country: {d['country']}")
    if d.get("code"):
        facts.append(f"code: {d['code']}")
    lines.append(" · ".join(facts))
    lines.append(f"PageRank {pr:.4f} · {degree} partners")
    return "\n".join(lines)


def _edge_title(G: nx.MultiDiGraph, u: str, v: str, d: Mapping[str, Any]) -> str:
    rel = d.get("relation", "")
    quad = d.get("quad_class") or 0
    src = G.nodes[u].get("label") or u
    dst = G.nodes[v].get("label") or v
    lines = [f"{src} → {rel} → {dst}"]
    cameo = f"CAMEO {d['cameo']}" if d.get("cameo") else ""
    codes = [c for c in (cameo, d.get("plover") or "", _QUAD_TEXT.get(quad)) if c]
    lines.append(" · ".join(codes))
    mentions, articles = d.get("mentions", 0), d.get("articles", 0)
    when = d.get("first") or "undated"
    if d.get("last") and d.get("last") != d.get("first"):
        when += f" to {d['last']}"
    lines.append(
        f"{mentions} mention{'s' if mentions != 1 else ''} in {articles} "
        f"article{'s' if articles != 1 else ''} · {when}"
    )
    mods = d.get("modalities") or {}
    status = [f"asserted {d.get('asserted', 0)}"]
    if d.get("negated"):
        status.append(f"negated {d['negated']}")
    status += [f"{m} {c}" for m, c in sorted(mods.items()) if m != "asserted"]
    lines.append(" · ".join(status))
    evidence = d.get("evidence") or []
    if evidence:
        lines.append("")
        lines.append("Evidence:")
        for ev in evidence:
            flags = [
                x
                for x in (
                    ev.get("date"),
                    "negated" if ev.get("negated") else "",
                    ev.get("modality")
                    if ev.get("modality") not in (None, "asserted")
                    else "",
                )
                if x
            ]
            head = f"[{ev.get('article') or '?'}]"
            if flags:
                head += " (" + ", ".join(flags) + ")"
            lines.append(f"{head} “{_truncate(ev.get('sentence', ''))}”")
            if ev.get("url"):
                lines.append(f"    {ev['url']}")
    return "\n".join(lines)


def _select(
    G: nx.MultiDiGraph,
    pr: Mapping[str, float],
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
        keep = sorted(H.nodes, key=lambda n: (-pr.get(n, 0.0), str(n)))[:top]
        H = H.subgraph(keep)
    return H


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


def _display_network(
    G: nx.MultiDiGraph,
    view: nx.MultiDiGraph,
    pr: Mapping[str, float],
    *,
    height: str,
    iterations: int | None,
    timeout_ms: int,
) -> Network:
    net = Network(
        height=height,
        width="100%",
        directed=True,
        cdn_resources="in_line",
        bgcolor="#ffffff",
    )
    env = _environment(timeout_ms)
    net.templateEnv = env
    net.path = _TEMPLATE_NAME
    net.template = env.get_template(_TEMPLATE_NAME)
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
    pair_index: dict[frozenset, int] = {}
    ordered = sorted(
        view.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), e[2])
    )
    label_edges = len(ordered) <= _EDGE_LABELS_UP_TO
    for u, v, key, d in ordered:
        pair = frozenset((u, v))
        k = pair_index.get(pair, 0)
        pair_index[pair] = k + 1
        quad = d.get("quad_class") or 0
        events = d.get("events") or []
        dates = sorted({e["date"] for e in events if e.get("date")})
        plain = sum(
            1
            for e in events
            if not e.get("negated") and e.get("modality", "asserted") == "asserted"
        )
        if not events:  # a graph without event lists: use the counts
            plain = d.get("asserted", 1) - sum(
                c for m, c in (d.get("modalities") or {}).items() if m != "asserted"
            )
        mentions = d.get("mentions", 1)
        edge: dict[str, Any] = {
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
            "dashes": plain <= 0,
            "width": round(1 + 1.5 * math.log2(max(mentions, 1)), 2),
            "relation": str(d.get("relation", key)),
            "quad": quad,
            "mentions": mentions,
            "asserted": d.get("asserted", 0),
            "negated": d.get("negated", 0),
            "dates": dates,
        }
        if label_edges:
            edge["label"] = edge["relation"]
            edge["font"] = {"size": 10, "color": "#555555", "align": "middle"}
        if k:  # parallel edges between the same pair curve apart
            edge["smooth"] = {  # alternate sides, bend more for each pair
                "enabled": True,
                "type": "curvedCW" if k % 2 else "curvedCCW",
                "roundness": round(min(0.2 * ((k + 1) // 2), 0.8), 2),
            }
        net.edges.append(edge)  # endpoints are view nodes (checked above)
    net.options = _options(view.number_of_nodes(), view.number_of_edges(), iterations)
    return net


def to_html(
    source: Graph | nx.MultiDiGraph,
    path: str | Path | None = None,
    *,
    top: int | None = None,
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
        top: Keep the ``top`` actors by PageRank (computed on the whole graph).
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
    if isinstance(source, nx.MultiDiGraph):
        G = source
        if any(v for v in filters.values()):
            from kg.analysis import filter_graph

            G = filter_graph(G, **filters)
    elif isinstance(source, Graph):
        G = actor_graph(source, **filters)
    else:
        raise KGError(
            f"cannot draw a {type(source).__name__}; expected an rdflib Dataset/Graph "
            "or the nx.MultiDiGraph of actor_graph()"
        )
    if path is not None:
        out = Path(path)
        if out.exists() and not force:
            raise KGError(f"{out} exists; pass --force to overwrite it")
    pr = centrality(G, "pagerank") if G.number_of_nodes() else {}
    view = _select(G, pr, top=top, actor=actor, depth=depth)
    net = _display_network(
        G, view, pr, height=height, iterations=iterations, timeout_ms=timeout_ms
    )
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


__all__ = ["CLASS_COLORS", "QUAD_COLORS", "render", "to_html", "write_html"]
