"""The view in a real browser: Debian chromium driven by playwright, network blocked.

Checks that the page's vis network holds exactly the nodes and edges of the graph,
that hovering an edge shows its evidence, that markup in article text is shown and
not run, that filters and search work, and takes a screenshot.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from rdflib import Dataset

from kg.analysis import actor_graph
from kg.viz import CLASS_COLORS, to_html
from tests.conftest import DATA

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and shutil.which("chromium") is None,
        reason="Debian chromium (/usr/bin/chromium) is not installed",
    ),
]


def load(name: str) -> Dataset:
    ds = Dataset()
    ds.parse(DATA / name, format="trig")
    return ds


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Page:
    """A loaded view: the playwright page plus the requests it tried."""

    def __init__(self, browser, path: Path):
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.page.route("**/*", self._route)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(path.as_uri())
        # poll with evaluate (CDP): wait_for_function would eval(), which the
        # page's Content-Security-Policy forbids
        deadline = time.monotonic() + 60
        while not self.eval("window.kgStable === true"):
            assert time.monotonic() < deadline, "the layout never stabilised"
            time.sleep(0.02)

    def _route(self, route):
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def eval(self, js: str, arg=None):
        return self.page.evaluate(js, arg)

    def hover_edge(self, edge_id: str) -> str:
        """Move the mouse onto the middle of an edge; return the tooltip text."""
        x, y = self.eval(
            """id => {
                // only this edge can be hovered (parallel edges may overlap)
                edges.update(edges.getIds().map(i => ({id: i, hidden: i !== id})));
                const e = network.body.edges[id];
                const p = network.canvasToDOM(e.edgeType.getPoint(0.5));
                const r = document.getElementById("mynetwork").getBoundingClientRect();
                return [r.left + p.x, r.top + p.y];
            }""",
            edge_id,
        )
        self.page.mouse.move(1200, 700)
        self.page.mouse.move(x, y, steps=5)
        tip = self.page.locator("div.vis-tooltip")
        tip.wait_for(state="visible", timeout=5_000)
        text = tip.inner_text()
        self.page.mouse.move(1200, 700)
        self.eval("kgApplyFilters()")  # shows the edges again
        return text


@pytest.fixture(scope="module")
def four_page(browser, tmp_path_factory):
    path = tmp_path_factory.mktemp("view") / "four.html"
    to_html(load("analysis_four.trig"), path)
    page = Page(browser, path)
    yield page
    page.page.close()


def test_no_network_request_and_no_script_error(four_page):
    assert four_page.requests == []
    assert four_page.errors == []
    assert four_page.eval("window.kgStableReason") == "iterations"
    assert four_page.eval("network.physics.physicsEnabled") is False


def test_network_holds_exactly_the_graph(four_page):
    G = actor_graph(load("analysis_four.trig"))
    node_ids = four_page.eval("nodes.getIds()")
    edge_ends = four_page.eval("edges.get().map(e => [e.from, e.to, e.relation])")
    assert sorted(node_ids) == sorted(G.nodes)
    assert sorted(map(tuple, edge_ends)) == sorted(G.edges(keys=True))
    # and vis drew them all
    assert sorted(four_page.eval("Object.keys(network.body.nodes)")) == sorted(G.nodes)
    drawn = four_page.eval("network.body.edgeIndices")
    assert len(drawn) == G.number_of_edges()


def test_tooltip_shows_the_evidence(four_page):
    text = four_page.hover_edge("US|sharesIntelligenceWith|SYR")
    assert "United States → sharesIntelligenceWith → Syria" in text
    assert "2 mentions in 2 articles" in text
    assert "[a1]" in text and "The US shared intelligence with Syria" in text


def test_filters_and_search(four_page):
    p = four_page
    shown = p.eval(
        """() => {
            const sel = document.getElementById("kg-relation");
            for (const o of sel.options) { o.selected = o.value === "opposes"; }
            return kgApplyFilters();
        }"""
    )
    assert shown == {"nodes": 4, "edges": 2}
    hidden = p.eval("edges.get().filter(e => !e.hidden).map(e => e.id).sort()")
    assert hidden == ["HTS|opposes|ISIS", "US|opposes|ISIS"]
    p.page.fill("#kg-since", "2025-01-20")
    p.page.dispatch_event("#kg-since", "change")
    assert p.eval("kgApplyFilters()") == {"nodes": 4, "edges": 0}
    p.page.click("#kg-reset")
    assert p.eval("kgApplyFilters()") == {"nodes": 4, "edges": 6}
    p.page.uncheck("input.kg-class[value=ArmedGroup]")
    assert p.eval("kgApplyFilters()") == {"nodes": 2, "edges": 2}
    p.page.click("#kg-reset")
    p.page.fill("#kg-search", "islamic")
    p.page.press("#kg-search", "Enter")
    assert p.eval("network.getSelectedNodes()") == ["ISIS"]
    assert "Islamic State (ISIS)" in p.page.inner_text("#kg-search-result")


def test_legend_lists_classes_and_quads(four_page):
    legend = four_page.page.inner_text("#kg-legend")
    for text in (
        "ArmedGroup",
        "State",
        "material cooperation",
        "verbal conflict",
        "material conflict",
        "negated, reported or hypothetical only",
    ):
        assert text in legend


def test_screenshot(four_page, tmp_path):
    from PIL import Image

    shot = tmp_path / "four.png"
    four_page.page.screenshot(path=str(shot))
    image = Image.open(shot).convert("RGB")
    blue = tuple(int(CLASS_COLORS["State"][i : i + 2], 16) for i in (1, 3, 5))
    red = tuple(int(CLASS_COLORS["ArmedGroup"][i : i + 2], 16) for i in (1, 3, 5))
    colours = image.getcolors(maxcolors=image.width * image.height)

    def painted(ref) -> int:
        return sum(
            n
            for n, c in colours
            if sum(abs(a - b) for a, b in zip(c, ref, strict=True)) < 30
        )

    # the State and ArmedGroup nodes are painted (not a blank page)
    assert painted(blue) > 500
    assert painted(red) > 500


def test_injected_markup_is_shown_not_run(browser, tmp_path):
    path = tmp_path / "xss.html"
    to_html(load("viz_xss.trig"), path)
    p = Page(browser, path)
    try:
        assert p.requests == [] and p.errors == []
        assert p.eval("typeof window.__pwned") == "undefined"
        assert p.eval("document.querySelectorAll('#mynetwork img').length") == 0
        text = p.hover_edge("IRN|condemns|ORG_evil")
        assert text.startswith("Iran → condemns → Evil <b onmouseover=")
        assert "<script>window.__pwned=1</script>" in text
        assert '<img src=x onerror="window.__pwned=1">' in text
        assert p.eval("typeof window.__pwned") == "undefined"
        # no element was created from the text inside the tooltip
        assert p.eval("document.querySelector('div.vis-tooltip').children.length") == 1
        assert p.eval("document.querySelector('.kg-tip').children.length") == 0
        # the actor label with markup is shown as text by the search
        p.page.fill("#kg-search", "evil")
        p.page.press("#kg-search", "Enter")
        found = p.page.inner_text("#kg-search-result")
        assert '<b onmouseover="window.__pwned=1">Org</b>' in found
        text = p.hover_edge("ORG_evil|meetsWith|IRN")
        assert "→ meetsWith → Iran" in text
        assert "</script><script>window.__pwned=1</script>" in text
        assert p.eval("typeof window.__pwned") == "undefined"
        assert p.requests == []
    finally:
        p.page.close()
