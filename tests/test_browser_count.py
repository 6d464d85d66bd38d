"""The view's count toggle in Chromium: widths, tooltips and the legend count
mentions or events (kg.rdf.events), with and without a date range."""

from __future__ import annotations

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


@pytest.fixture(scope="module")
def count_page(browser, tmp_path_factory):  # noqa: F811
    """Four reports of one attack edge: three in March (one event), one in May."""
    text = "The Zemblan Front attacked Borovia near the border."
    arts = []
    for i, day in enumerate(["2025-03-04", "2025-03-04", "2025-03-05", "2025-05-01"]):
        a = Assertion(f"z{i}", ZLF, BRV, "attacks", 0, 0, len(text), text, date=day)
        arts.append((Article(f"z{i}", text, date=day), [a]))
    path = tmp_path_factory.mktemp("count") / "count.html"
    to_html(build(arts, registry={}), path)
    page = Page(browser, path)
    yield page
    page.page.close()


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
    p.page.fill("#kg-until", "2025-03-31")
    p.page.dispatch_event("#kg-until", "change")
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
    text = "The Zemblan Front attacked Borovia near the border."
    arts = []
    for i, day in enumerate(["1996-06-01", "2001-06-01"]):
        a = Assertion(f"d{i}", ZLF, BRV, "attacks", 0, 0, len(text), text, date=day)
        arts.append((Article(f"d{i}", text, date=day), [a]))
    path = tmp_path_factory.mktemp("decades") / "decades.html"
    to_html(build(arts, registry={}), path)
    page = Page(browser, path)
    yield page
    page.page.close()


def test_events_in_a_range_are_ordered_by_day_not_by_its_digits(decades_page):
    p = decades_page
    p.page.check("#kg-events")
    p.page.fill("#kg-until", "2010-01-01")
    p.page.dispatch_event("#kg-until", "change")
    assert p.eval("edges.get()[0].mentions") == 2  # two events, years apart
    p.page.fill("#kg-until", "1999-01-01")
    p.page.dispatch_event("#kg-until", "change")
    assert p.eval("edges.get()[0].mentions") == 1  # the twin: one event left
    assert p.errors == []
