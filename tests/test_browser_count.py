"""The view's count toggle in Chromium: widths, tooltips and the legend count
mentions or events (kg.rdf.events), with and without a date range."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg.rdf.graph import build
from kg.types import Article, Assertion, Mention
from kg.viz import to_html
from tests.test_browser import Page, browser  # noqa: F401 (the browser fixture)
from tests.test_browser import pytestmark as browser_marks

pytestmark = [*browser_marks, pytest.mark.slow]

ZLF = Mention("ZLF", "the Zemblan Front", 0, 17, label="Zemblan Front",
              cls="ArmedGroup")  # fmt: skip
BRV = Mention("BRV", "Borovia", 30, 37, label="Borovia", cls="State")


def _attack_page(
    chromium, tmp_path_factory, name: str, prefix: str, days: list[str], **view
) -> Iterator[Page]:
    """The view of one attack edge, reported once on each day (article ids
    ``prefix0``, ``prefix1``, ...), in a Chromium page (``view``: options of
    :func:`kg.viz.to_html`)."""
    text = "The Zemblan Front attacked Borovia near the border."
    arts = []
    for i, day in enumerate(days):
        aid = f"{prefix}{i}"
        a = Assertion(aid, ZLF, BRV, "attacks", 0, 0, len(text), text, date=day)
        arts.append((Article(aid, text, date=day), [a]))
    path = tmp_path_factory.mktemp(name) / f"{name}.html"
    to_html(build(arts, registry={}), path, **view)
    page = Page(chromium, path)
    yield page
    page.page.close()


def _until(p: Page, day: str) -> None:
    """Set the end of the date range, as a user does."""
    p.page.fill("#kg-until", day)
    p.page.dispatch_event("#kg-until", "change")


@pytest.fixture(scope="module")
def count_page(browser, tmp_path_factory):  # noqa: F811
    """Four reports of one attack edge: three in March (one event), one in May."""
    days = ["2025-03-04", "2025-03-04", "2025-03-05", "2025-05-01"]
    yield from _attack_page(browser, tmp_path_factory, "count", "z", days)


def _width(p) -> float:
    return p.eval("edges.get()[0].width")


def test_the_toggle_counts_events_instead_of_mentions(count_page):
    p = count_page
    assert p.eval("kgApplyFilters()")["edges"] == 1
    assert p.page.inner_text("#kg-width-what") == "mentions"
    assert p.eval("edges.get()[0].mentions") == 4
    four = _width(p)
    p.page.check("#kg-events")
    assert p.page.inner_text("#kg-width-what") == "events"
    assert p.eval("edges.get()[0].mentions") == 2
    assert _width(p) < four
    assert "2 events" in p.hover_edge(p.eval("edges.get()[0].id"))


def test_events_in_a_date_range_are_counted_from_its_mentions(count_page):
    p = count_page
    p.page.check("#kg-events")
    _until(p, "2025-03-31")
    assert p.eval("edges.get()[0].mentions") == 1  # three mentions, one event
    p.page.uncheck("#kg-events")
    assert p.eval("edges.get()[0].mentions") == 3
    p.page.click("#kg-reset")
    assert p.eval("edges.get()[0].mentions") == 4
    assert not p.page.is_checked("#kg-events")
    assert p.errors == []


@pytest.fixture(scope="module")
def decades_page(browser, tmp_path_factory):  # noqa: F811
    """Two reports five years apart, on either side of day 10,000 of the epoch."""
    days = ["1996-06-01", "2001-06-01"]
    yield from _attack_page(browser, tmp_path_factory, "decades", "d", days)


def test_events_in_a_range_are_ordered_by_day_not_by_its_digits(decades_page):
    p = decades_page
    p.page.check("#kg-events")
    _until(p, "2010-01-01")
    assert p.eval("edges.get()[0].mentions") == 2  # two events, years apart
    _until(p, "1999-01-01")
    assert p.eval("edges.get()[0].mentions") == 1  # the twin: one event left
    assert p.errors == []


@pytest.fixture(scope="module")
def sampled_page(browser, tmp_path_factory):  # noqa: F811
    """The four reports of count_page, of which the page carries only the first."""
    days = ["2025-03-04", "2025-03-04", "2025-03-05", "2025-05-01"]
    yield from _attack_page(browser, tmp_path_factory, "sampled", "s", days,
                            samples=1)  # fmt: skip


def _shown(p: Page) -> list[str]:
    """The "N of M mentions shown" lines of the open panel."""
    return p.eval("[...document.querySelectorAll('#kg-panel-body .kg-shown')]"
                  ".map(x => x.innerText)")  # fmt: skip


def test_a_date_range_counts_every_mention_when_the_page_carries_one(sampled_page):
    p = sampled_page
    assert p.eval("[+document.getElementById('kg-from-range').max]") == [2]
    assert p.page.inner_text("#kg-range-text") == "2025-03-04 – 2025-05-01"
    _until(p, "2025-03-31")
    assert p.eval("edges.get()[0].mentions") == 3  # as count_page: every mention
    p.page.check("#kg-events")
    assert p.eval("edges.get()[0].mentions") == 1
    p.page.click("#kg-reset")
    assert p.eval("edges.get()[0].mentions") == 4
    assert p.errors == []


def test_the_panel_says_how_many_mentions_it_shows(sampled_page, count_page):
    p = sampled_page
    p.eval("kgOpenArrow(edges.get()[0].id)")
    body = p.page.inner_text("#kg-panel-body")
    assert "4 mentions · 2025-03-04 to 2025-05-01" in body
    assert _shown(p) == [
        "1 of 4 mentions shown (the page keeps the first 1 of 4; every one: kg "
        "query --named evidence --param source=ZLF --param relation=attacks "
        "--param target=BRV)"
    ]
    assert p.eval("document.querySelectorAll('#kg-panel-body li').length") == 1
    _until(p, "2025-03-31")
    p.eval("kgOpenArrow(edges.get()[0].id)")
    assert _shown(p)[0].startswith("1 of 3 mentions shown (the page keeps the "
                                   "first 1 of 4;")  # fmt: skip
    assert "3 mentions · 2025-03-04 to 2025-03-05" in p.page.inner_text(
        "#kg-panel-body"
    )
    p.page.click("#kg-reset")
    p.eval("kgClosePanel()")
    # the twin: a page that carries every mention says nothing
    q = count_page
    q.eval("kgOpenArrow(edges.get()[0].id)")
    assert _shown(q) == []
    assert q.eval("document.querySelectorAll('#kg-panel-body li').length") == 4
    q.eval("kgClosePanel()")
    assert p.errors == [] and q.errors == []
