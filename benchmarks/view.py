"""Benchmark the HTML view: write time and time until the page is usable in Chromium.

For synthetic graphs of 200 and 2,000 actors (about three relation edges per actor,
each with dated events and evidence sentences) this measures, for both layouts of
:func:`kg.viz.to_html` in the same run:

- ``physics`` (the baseline, the view before issue 12): no positions, vis-network
  lays the graph out in the browser and stops after a bounded number of iterations;
- ``auto`` (the default): positions computed in Python
  (:func:`kg.analysis.layout.layout`), physics off above 300 actors and a short
  settling below.

Columns: read (:func:`kg.analysis.actor_graph` from an in-memory Oxigraph dataset),
write (:func:`kg.viz.to_html` building the page, layout included, and writing it),
and "usable": in Debian Chromium (network blocked), the time from navigation until
the page is drawn and still (``window.kgStable``: physics stabilised and switched
off, or the first drawing when there is no physics), then the ratio of the baseline
to the default.

Every actor and relation is drawn (as ``kg view --all``) unless ``--top`` or
``--edges`` cap them. ``--pages FILE...`` times pages written before instead (such
as those of ``kg view`` on a big store): their size and the time until usable.

Usage::

    .venv/bin/python benchmarks/view.py [--sizes 200 2000] [--edges-per-actor 3]
    .venv/bin/python benchmarks/view.py --pages before.html after.html

Prints a markdown table.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Dataset, Literal
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.analysis import actor_graph  # noqa: E402
from kg.rdf.ontology import ACTOR, ARTICLE, EVENT, GRAPH, KG  # noqa: E402
from kg.viz import to_html  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CLASSES = ["State", "Government", "ArmedGroup", "InternationalOrganisation", "Person"]
RELATIONS = [
    ("meetsWith", 1),
    ("supports", 1),
    ("sharesIntelligenceWith", 2),
    ("aids", 2),
    ("condemns", 3),
    ("accuses", 3),
    ("attacks", 4),
    ("sanctions", 4),
]


def synthetic(n_actors: int, edges_per_actor: int, *, seed: int = 1) -> Dataset:
    """A dataset in the kg shape: n actors, ~edges_per_actor events per actor."""
    rng = random.Random(seed)
    ds = Dataset(store="Oxigraph")
    n_articles = max(1, n_actors // 10)
    for a in range(n_articles):
        g = ds.graph(GRAPH[f"a{a}"])
        art = ARTICLE[f"a{a}"]
        g.add((art, RDF.type, KG.Article))
        g.add((art, DCTERMS.identifier, Literal(f"a{a}")))
        day = f"2025-{1 + a % 12:02d}-{1 + a % 28:02d}"
        g.add((art, DCTERMS.date, Literal(day, datatype=XSD.date)))
    for i in range(n_actors):
        g = ds.graph(GRAPH[f"a{i % n_articles}"])
        actor = ACTOR[f"A{i}"]
        g.add((actor, RDF.type, KG[CLASSES[i % len(CLASSES)]]))
        g.add((actor, RDFS.label, Literal(f"Actor {i}")))
        g.add((actor, KG.country, Literal(f"C{i % 50:02d}")))
    for e in range(n_actors * edges_per_actor):
        # preferential attachment-ish: low ids are hubs
        s = int(rng.paretovariate(1.2)) % n_actors
        t = rng.randrange(n_actors)
        if s == t:
            t = (t + 1) % n_actors
        rel, quad = rng.choice(RELATIONS)
        a = rng.randrange(n_articles)
        g = ds.graph(GRAPH[f"a{a}"])
        ev = EVENT[f"e{e}"]
        for p, o in (
            (RDF.type, KG.Event),
            (KG.source, ACTOR[f"A{s}"]),
            (KG.target, ACTOR[f"A{t}"]),
            (KG.relation, KG[rel]),
            (KG.negated, Literal(rng.random() < 0.05)),
            (KG.modality, Literal(rng.choice(["asserted", "asserted", "reported"]))),
            (KG.quadClass, Literal(quad)),
            (KG.evidence, Literal(f"Actor {s} {rel} Actor {t}, sources said ({e}).")),
            (KG.sentenceIndex, Literal(e % 40)),
            (PROV.wasDerivedFrom, ARTICLE[f"a{a}"]),
        ):
            g.add((ev, p, o))
    return ds


def stable_time(page, path: Path, timeout_s: float) -> tuple[float, str, int, int]:
    blocked: list[str] = []

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    t0 = time.perf_counter()
    page.goto(path.as_uri())
    # poll with evaluate (CDP): wait_for_function would eval(), which the page's
    # Content-Security-Policy forbids
    while not page.evaluate("window.kgStable === true"):
        if time.perf_counter() - t0 > timeout_s:
            raise SystemExit(f"{path.name}: not stable after {timeout_s} s")
        time.sleep(0.02)
    seconds = time.perf_counter() - t0
    reason = page.evaluate("window.kgStableReason")
    n, m = page.evaluate("[nodes.length, edges.length]")
    if blocked:
        raise SystemExit(f"the page tried to load {blocked}")
    return seconds, reason, n, m


def _measure(browser, G, path: Path, layout: str, args) -> tuple:
    t0 = time.perf_counter()
    to_html(G, path, top=args.top, max_edges=args.edges, layout=layout, force=True)
    write = time.perf_counter() - t0
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    seconds, reason, nodes, edges = stable_time(page, path, args.timeout)
    if args.screenshot_dir:
        args.screenshot_dir.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.screenshot_dir / f"{path.stem}_{layout}.png"))
    page.close()
    return write, seconds, reason, nodes, edges, path.stat().st_size / 1e6


def _pages(paths: list[Path], timeout_s: float) -> int:
    """Time pages written before: size, usable in Chromium, what is drawn."""
    from playwright.sync_api import sync_playwright

    print("| page | HTML MB | usable in Chromium s | stopped by | actors | arrows |")
    print("|---|---:|---:|---|---:|---:|")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for path in paths:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            seconds, reason, n, m = stable_time(page, path.resolve(), timeout_s)
            page.close()
            print(f"| {path.name} | {path.stat().st_size / 1e6:.2f} | {seconds:.2f} "
                  f"| {reason} | {n:,} | {m:,} |")  # fmt: skip
        browser.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--edges-per-actor", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds")
    parser.add_argument("--screenshot-dir", type=Path, default=None)
    parser.add_argument(
        "--top",
        type=int,
        default=None,
        help="draw the top N actors (default: all, to measure the uncapped page; "
        "kg view draws the top 300)",
    )
    parser.add_argument(
        "--edges",
        type=int,
        default=None,
        help="draw the N strongest relations (default: all; kg view draws 2,000)",
    )
    parser.add_argument("--pages", type=Path, nargs="+", help="time these pages")
    args = parser.parse_args(argv)
    if args.pages:
        return _pages(args.pages, args.timeout)
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n in args.sizes:
            ds = synthetic(n, args.edges_per_actor)
            t0 = time.perf_counter()
            G = actor_graph(ds)
            read = time.perf_counter() - t0
            path = Path(tmp) / f"view_{n}.html"
            base = _measure(browser, G, path, "physics", args)
            new = _measure(browser, G, path, "auto", args)
            rows.append((n, G.graph["events"], read, base, new))
        browser.close()
    print("| actors | drawn | edges | events | layout | HTML MB | read s | write s "
          "| usable in Chromium s | stopped by | baseline / default |")  # fmt: skip
    print("|---:|---:|---:|---:|---|---:|---:|---:|---:|---|---:|")
    for n, events, read, base, new in rows:
        for name, (write, seconds, reason, nodes, edges, mb) in (
            ("physics (baseline)", base),
            ("auto (default)", new),
        ):
            ratio = f"{base[1] / new[1]:.1f}x" if name.startswith("auto") else ""
            print(f"| {n:,} | {nodes:,} | {edges:,} | {events:,} | {name} | {mb:.2f} "
                  f"| {read:.2f} | {write:.2f} | {seconds:.2f} | {reason} "
                  f"| {ratio} |")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
