"""The view in a real browser: Debian chromium driven by playwright, network blocked.

Checks that the page's vis network holds exactly the nodes and edges of the graph
(aggregated per pair and quad class, or expanded), that hovering an edge shows its
evidence in a tooltip above the legend, that clicking opens a panel with every
mention, that markup in article text is shown and not run, that filters, the date
range and alias search work, that the view saves as PNG and SVG, and takes a
screenshot.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from rdflib import Dataset

from kg.analysis import actor_graph
from kg.viz import NODE_COLOR, QUAD_COLORS, to_html
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


def four_with_aliases() -> Dataset:
    """The four-actor fixture, with aliases as the registry writes them."""
    from rdflib import Literal
    from rdflib.namespace import SKOS

    from kg.rdf.ontology import ACTOR, GRAPH

    ds = load("analysis_four.trig")
    g = ds.graph(GRAPH["a1"])
    for actor, alias in (("ISIS", "Daesh"), ("ISIS", "ISIL"), ("US", "Washington")):
        g.add((ACTOR[actor], SKOS.altLabel, Literal(alias)))
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

    def edge_point(self, edge_id: str, *, only: bool = True) -> tuple[float, float]:
        """The page coordinates of the middle of an arrow (the others hidden)."""
        return self.eval(
            """([id, only]) => {
                network.fit({animation: false});  // ends a running focus animation
                // only this edge can be hovered (parallel edges may overlap)
                if (only) {
                    edges.update(edges.getIds().map(i => ({id: i, hidden: i !== id})));
                }
                const e = network.body.edges[id];
                const p = network.canvasToDOM(e.edgeType.getPoint(0.5));
                const r = document.getElementById("mynetwork").getBoundingClientRect();
                return [r.left + p.x, r.top + p.y];
            }""",
            [edge_id, only],
        )

    def hover_edge(self, edge_id: str, *, keep: bool = False) -> str:
        """Move the mouse onto the middle of an edge; return the tooltip text."""
        x, y = self.edge_point(edge_id)
        self.page.mouse.move(1200, 700)
        self.page.mouse.move(x, y, steps=5)
        tip = self.page.locator("#kg-tip")
        tip.wait_for(state="visible", timeout=5_000)
        text = tip.inner_text()
        if not keep:
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
    p = four_page
    G = actor_graph(load("analysis_four.trig"))
    assert sorted(p.eval("nodes.getIds()")) == sorted(G.nodes)
    # by default: one arrow per source, target and quad class, relations inside
    arrows = p.eval("edges.get().map(e => [e.id, e.rels.length, e.mentions])")
    quads = {(u, v, d["quad_class"]) for u, v, d in G.edges(data=True)}
    assert sorted(a[0] for a in arrows) == sorted(f"{u}>{v}|{q}" for u, v, q in quads)
    assert sum(a[1] for a in arrows) == G.number_of_edges()
    mentions = sum(d["mentions"] for *_, d in G.edges(data=True))
    assert sum(a[2] for a in arrows) == mentions
    # expanded: one arrow per relation
    p.page.check("#kg-expand")
    try:
        edge_ends = p.eval("edges.get().map(e => [e.from, e.to, e.relation])")
        assert sorted(map(tuple, edge_ends)) == sorted(G.edges(keys=True))
        assert len(p.eval("network.body.edgeIndices")) == G.number_of_edges()
    finally:
        p.page.uncheck("#kg-expand")
    # and vis drew them all
    assert sorted(p.eval("Object.keys(network.body.nodes)")) == sorted(G.nodes)
    assert len(p.eval("network.body.edgeIndices")) == len(quads)


def test_tooltip_shows_the_evidence(four_page):
    text = four_page.hover_edge("US>SYR|2")
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
    assert shown == {"nodes": 4, "edges": 2, "arrows": 2}
    shown_ids = p.eval("edges.get().filter(e => !e.hidden).map(e => e.id).sort()")
    assert shown_ids == ["HTS>ISIS|3", "US>ISIS|3"]
    p.page.fill("#kg-since", "2025-01-20")
    p.page.dispatch_event("#kg-since", "change")
    assert p.eval("kgApplyFilters()") == {"nodes": 4, "edges": 0, "arrows": 0}
    p.page.click("#kg-reset")
    assert p.eval("kgApplyFilters()") == {"nodes": 4, "edges": 6, "arrows": 6}
    p.page.uncheck("input.kg-class[value=ArmedGroup]")
    assert p.eval("kgApplyFilters()") == {"nodes": 2, "edges": 2, "arrows": 2}
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
    four_page.eval("kgClosePanel()")
    four_page.page.screenshot(path=str(shot))
    image = Image.open(shot).convert("RGB")

    def rgb(colour: str) -> tuple[int, ...]:
        return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))

    grey = rgb(NODE_COLOR["background"])
    conflict = rgb(QUAD_COLORS[4])
    colours = image.getcolors(maxcolors=image.width * image.height)

    def painted(ref) -> int:
        return sum(
            n
            for n, c in colours
            if sum(abs(a - b) for a, b in zip(c, ref, strict=True)) < 30
        )

    # the nodes and the material-conflict arrows are painted (not a blank page)
    assert painted(grey) > 2000
    assert painted(conflict) > 100


def test_injected_markup_is_shown_not_run(browser, tmp_path):
    path = tmp_path / "xss.html"
    to_html(load("viz_xss.trig"), path)
    p = Page(browser, path)
    try:
        assert p.requests == [] and p.errors == []
        assert p.eval("typeof window.__pwned") == "undefined"
        assert p.eval("document.querySelectorAll('#mynetwork img').length") == 0
        text = p.hover_edge("IRN>ORG_evil|3")
        assert text.startswith("Iran → condemns → Evil <b onmouseover=")
        assert "<script>window.__pwned=1</script>" in text
        assert '<img src=x onerror="window.__pwned=1">' in text
        assert p.eval("typeof window.__pwned") == "undefined"
        # no element was created from the text inside the tooltip
        assert p.eval("document.getElementById('kg-tip').children.length") == 0
        assert p.eval("document.querySelectorAll('div.vis-tooltip').length") == 0
        # nor inside the panel: the sentence is text, links only http(s)
        p.eval("kgOpenArrow('IRN>ORG_evil|3')")
        panel = p.page.inner_text("#kg-panel-body")
        assert "<script>window.__pwned=1</script>" in panel
        assert (
            p.eval(
                "document.querySelectorAll('#kg-panel-body script, "
                "#kg-panel-body img, #kg-panel-body b').length"
            )
            == 0
        )
        hrefs = p.eval("[...document.querySelectorAll('#kg-panel-body a')]"
                       ".map(a => a.href)")  # fmt: skip
        assert all(h.startswith(("http://", "https://")) for h in hrefs)
        # the actor label with markup is shown as text by the search
        p.page.fill("#kg-search", "evil")
        p.page.press("#kg-search", "Enter")
        found = p.page.inner_text("#kg-search-result")
        assert '<b onmouseover="window.__pwned=1">Org</b>' in found
        p.eval("kgClosePanel()")
        text = p.hover_edge("ORG_evil>IRN|1")
        assert "→ meetsWith → Iran" in text
        assert "</script><script>window.__pwned=1</script>" in text
        assert p.eval("typeof window.__pwned") == "undefined"
        assert p.requests == []
    finally:
        p.page.close()


# --------------------------------------------------------------- issue 12 view
@pytest.fixture(scope="module")
def alias_page(browser, tmp_path_factory):
    path = tmp_path_factory.mktemp("view") / "aliases.html"
    to_html(four_with_aliases(), path)
    page = Page(browser, path)
    yield page
    page.page.close()


def test_clicking_an_edge_opens_a_panel_with_every_mention(alias_page):
    p = alias_page
    x, y = p.edge_point("US>SYR|2")
    p.page.mouse.click(x, y)
    p.page.locator("#kg-panel.open").wait_for(state="visible", timeout=5_000)
    assert p.page.inner_text("#kg-panel-title") == "United States → Syria"
    body = p.page.inner_text("#kg-panel-body")
    assert "United States → sharesIntelligenceWith → Syria" in body
    assert ("CAMEO 064 · material cooperation · 2 mentions · "
            "2025-01-11 to 2025-01-24") in body  # fmt: skip
    items = p.eval("[...document.querySelectorAll('#kg-panel-body li')]"
                   ".map(li => li.innerText)")  # fmt: skip
    assert len(items) == 2
    assert items[0].startswith(
        "2025-01-11 · reported · according to the Washington Post"
    )
    assert "The US shared intelligence with Syria, the Post reported." in items[0]
    assert "Intelligence [a1]" in items[0]  # the article's title and id
    assert "Washington shares intelligence with Damascus." in items[1]
    link = p.eval("document.querySelector('#kg-panel-body a').href")
    assert link == "https://example.org/a1"
    # the text can be selected (and so copied)
    assert p.eval("getComputedStyle(document.getElementById('kg-panel-body'))"
                  ".userSelect") in ("text", "auto")  # fmt: skip
    selected = p.eval("""() => {
        const r = document.createRange();
        r.selectNodeContents(document.getElementById('kg-panel-body'));
        const s = getSelection(); s.removeAllRanges(); s.addRange(r);
        return s.toString();
    }""")
    assert "The US shared intelligence with Syria" in selected
    p.eval("getSelection().removeAllRanges(); kgApplyFilters()")
    p.page.click("#kg-close")
    assert (
        p.eval("document.getElementById('kg-panel').classList.contains('open')")
        is False
    )


def test_clicking_an_actor_lists_its_relations_grouped(alias_page):
    p = alias_page
    p.eval("kgOpenActor('US')")
    body = p.page.inner_text("#kg-panel-body")
    assert "State · USA · code USA" in body and "also: Washington" in body
    assert "3 partners, 4 relations" in body
    # grouped by partner, most mentions first, with counts and dates
    heads = p.eval("[...document.querySelectorAll('#kg-panel-body h3')]"
                   ".map(h => h.innerText)")  # fmt: skip
    assert heads[1:] == ["Syria", "Hay'at Tahrir al-Sham", "Islamic State"]
    assert ("→ sharesIntelligenceWith · material cooperation · 2 mentions · "
            "2025-01-11 to 2025-01-24") in body  # fmt: skip
    assert "→ designates · material conflict · 1 mention · 2025-01-24" in body
    # a relation of the list opens its mentions
    p.page.click("#kg-panel-body .kg-link >> text=designates")
    assert "The US designated HTS a terrorist organisation." in p.page.inner_text(
        "#kg-panel-body"
    )
    p.eval("kgClosePanel()")


def test_the_date_range_hides_edges_outside_it(alias_page):
    p = alias_page
    assert p.eval("kgApplyFilters()")["edges"] == 6
    # the sliders run over the events' dates, shown as ISO dates
    assert p.eval("[+document.getElementById('kg-from-range').max]") == [2]
    assert p.page.inner_text("#kg-range-text") == "2025-01-11 – 2025-02-01"
    p.eval("""() => {
        const r = document.getElementById('kg-to-range');
        r.value = '0'; r.dispatchEvent(new Event('input'));
    }""")
    assert p.page.input_value("#kg-until") == "2025-01-11"
    shown = p.eval("edges.get().filter(e => !e.hidden).map(e => e.id).sort()")
    assert shown == ["HTS>ISIS|3", "US>ISIS|3", "US>SYR|2"]
    # the arrow counts only the mentions in range
    assert p.eval("edges.get('US>SYR|2').mentions") == 1
    assert "2025-01-11 – 2025-01-11" in p.page.inner_text("#kg-range-text")
    p.eval("""() => {
        const f = document.getElementById('kg-from-range');
        const t = document.getElementById('kg-to-range');
        t.value = '2'; t.dispatchEvent(new Event('input'));
        f.value = '2'; f.dispatchEvent(new Event('input'));
    }""")
    assert p.page.input_value("#kg-since") == "2025-02-01"
    shown = p.eval("edges.get().filter(e => !e.hidden).map(e => e.id)")
    assert shown == ["SYR>ISIS|4"]
    # a bad date is marked and ignored, not applied
    p.page.fill("#kg-since", "02/01/2025")
    p.page.dispatch_event("#kg-since", "change")
    assert p.eval("document.getElementById('kg-since').classList.contains('bad')")
    assert p.eval("kgApplyFilters()")["edges"] == 6
    p.page.click("#kg-reset")
    # play walks the "until" date over the event dates
    p.eval("kgPlay(30)")
    deadline = time.monotonic() + 10
    while p.page.inner_text("#kg-play") != "▶ play":
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert p.page.input_value("#kg-until") == "2025-02-01"
    p.page.click("#kg-reset")
    assert p.eval("kgApplyFilters()")["edges"] == 6


@pytest.mark.parametrize(
    "text, actor, shown",
    [
        ("Daesh", "ISIS", "Islamic State (ISIS) — alias “Daesh”"),
        ("washington", "US", "United States (US) — alias “Washington”"),
        ("isil", "ISIS", "alias “ISIL”"),
        ("Syria", "SYR", "Syria (SYR)"),
    ],
)
def test_search_finds_aliases(alias_page, text, actor, shown):
    p = alias_page
    p.page.fill("#kg-search", text)
    p.page.press("#kg-search", "Enter")
    assert p.eval("network.getSelectedNodes()") == [actor]
    assert shown in p.page.inner_text("#kg-search-result")
    p.eval("kgClosePanel()")


def test_search_without_a_match_says_so(alias_page):
    p = alias_page
    p.page.fill("#kg-search", "Atlantis")
    p.page.press("#kg-search", "Enter")
    assert p.page.inner_text("#kg-search-result") == "no actor matches"


def _top_element_is(p, selector: str, over: str) -> bool:
    """Whether, in the overlap of two boxes, the element on top is ``selector``'s."""
    return p.eval(
        """([sel, over]) => {
            const a = document.querySelector(sel).getBoundingClientRect();
            const b = document.querySelector(over).getBoundingClientRect();
            const x0 = Math.max(a.left, b.left), x1 = Math.min(a.right, b.right);
            const y0 = Math.max(a.top, b.top), y1 = Math.min(a.bottom, b.bottom);
            if (x1 - x0 < 4 || y1 - y0 < 4) { return "no overlap"; }
            const hit = document.elementFromPoint((x0 + x1) / 2, (y0 + y1) / 2);
            return document.querySelector(sel).contains(hit);
        }""",
        [selector, over],
    )


def test_panel_and_tooltip_are_drawn_above_the_legend(alias_page):
    p = alias_page
    p.eval("kgOpenArrow('US>SYR|2')")
    assert _top_element_is(p, "#kg-panel", "#kg-legend") is True
    p.eval("kgClosePanel()")
    assert _top_element_is(p, "#kg-legend", "#kg-legend") is True
    # the tooltip of a hovered edge, with the legend moved under it
    text = p.hover_edge("US>SYR|2", keep=True)
    assert "United States → sharesIntelligenceWith → Syria" in text
    p.eval("""() => {
        const t = document.getElementById('kg-tip').getBoundingClientRect();
        const l = document.getElementById('kg-legend');
        l.style.left = t.left + 'px'; l.style.top = t.top + 'px';
        l.style.right = 'auto';
    }""")
    assert _top_element_is(p, "#kg-tip", "#kg-legend") is True
    p.page.mouse.move(1200, 700)
    p.eval("""() => {
        const l = document.getElementById('kg-legend');
        l.style.left = ''; l.style.top = ''; l.style.right = '';
        kgApplyFilters();
    }""")


def test_hovering_an_edge_shows_its_own_tooltip(alias_page):
    p = alias_page
    # every arrow, hovered at its middle, shows its own relations, never another's
    p.page.check("#kg-expand")
    try:
        for edge_id in p.eval("edges.getIds()"):
            source, relation, target = edge_id.split("|")
            text = p.hover_edge(edge_id)
            assert f"→ {relation} → " in text.splitlines()[0], (edge_id, text)
    finally:
        p.page.uncheck("#kg-expand")


def test_the_view_saves_as_png_and_svg(alias_page):
    import base64
    import xml.etree.ElementTree as ET

    p = alias_page
    url = p.eval("kgSavePNG(false)")
    assert url.startswith("data:image/png;base64,")
    png = base64.b64decode(url.split(",", 1)[1])
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5_000
    svg = p.eval("kgSaveSVG(false)")
    root = ET.fromstring(svg)  # well-formed
    ns = "{http://www.w3.org/2000/svg}"
    labels = sorted(t.text for t in root.iter(f"{ns}text"))
    assert labels == [
        "Hay'at Tahrir al-Sham", "Islamic State", "Syria", "United States"
    ]  # fmt: skip
    paths = [e for e in root.iter(f"{ns}path") if e.get("marker-end")]
    assert len(paths) == 6  # one per arrow shown
    assert {e.get("stroke") for e in paths} <= set(QUAD_COLORS.values())
    # the saved view is the current one: a filter shows in the file
    p.page.uncheck("input.kg-class[value=ArmedGroup]")
    svg = p.eval("kgSaveSVG(false)")
    assert "Islamic State" not in svg and "Syria" in svg
    p.page.click("#kg-reset")
