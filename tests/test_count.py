"""--count mentions|events: kg analyze, kg view and kg build --summary count either."""

from __future__ import annotations

import json
import logging

import pytest

from kg.cli import main
from kg.rdf.graph import build
from kg.rdf.store import open_store
from kg.summary import BuildSummary, format_summary
from kg.types import Article, Assertion, Mention

ZLF = Mention("ZLF", "the Zemblan Front", 0, 17, label="Zemblan Front",
              cls="ArmedGroup")  # fmt: skip
BRV = Mention("BRV", "Borovia", 30, 37, label="Borovia", cls="State")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """Four reports of the Front attacking Borovia: two events (March, May)."""
    path = tmp_path_factory.mktemp("count") / "store"
    text = "The Zemblan Front attacked Borovia near the border."
    arts = []
    for i, day in enumerate(["2025-03-04", "2025-03-04", "2025-03-05", "2025-05-01"]):
        a = Assertion(f"z{i}", ZLF, BRV, "attacks", 0, 0, len(text), text, date=day)
        arts.append((Article(f"z{i}", text, date=day), [a]))
    ds = open_store(path, create=True)
    build(arts, dataset=ds, registry={})
    ds.close()
    return str(path)


def _ego(store, capsys, caplog, *count):
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="kg"):
        assert main(["analyze", "--store", store, "--measure", "ego", "--actor",
                     "ZLF", "--format", "json", *count]) == 0  # fmt: skip
    return json.loads(capsys.readouterr().out)[0], caplog.text


def test_analyze_counts_mentions_by_default_and_events_when_asked(
    store, capsys, caplog
):
    row, said = _ego(store, capsys, caplog)
    assert (row["mentions"], row["event_count"]) == (4, 2)
    assert "counting mentions" in said and "counting events" not in said
    row, said = _ego(store, capsys, caplog, "--count", "events")
    assert (row["mentions"], row["event_count"]) == (4, 2)
    assert "counting events" in said


def test_paths_weigh_by_what_is_counted(store, capsys):
    for count, n in (("mentions", 4), ("events", 2)):
        assert main(["analyze", "--store", store, "--measure", "paths", "--source",
                     "ZLF", "--target", "BRV", "--format", "json", "--count",
                     count]) == 0  # fmt: skip
        steps = json.loads(capsys.readouterr().out)["steps"]
        assert [s["mentions"] for s in steps] == [n]


def test_the_view_says_what_its_edges_count(store, tmp_path, caplog):
    for count, word in (("mentions", "4 mentions in 4 articles"),
                        ("events", "2 events in 4 articles")):  # fmt: skip
        out = tmp_path / f"{count}.html"
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="kg"):
            assert main(["view", "--store", store, "-o", str(out),
                         "--count", count]) == 0  # fmt: skip
        page = out.read_text()
        assert word in page
        assert ("edges count events" in page) == (count == "events")
        assert f"counting {count}" in caplog.text


def test_a_bad_count_or_window_is_a_usage_error(store, capsys):
    assert main(["analyze", "--store", store, "--count", "articles"]) == 2
    assert "invalid choice: 'articles'" in capsys.readouterr().err
    assert main(["build", "x.txt", "--store", store, "--event-window", "-1"]) == 2
    assert "bad number of days '-1'" in capsys.readouterr().err
    assert (
        main(
            [
                "build",
                "x.txt",
                "--store",
                store,
                "--event-window",
                "2",
                "--count",
                "events",
            ]
        )
        == 1
    )  # a good window: on to the next error
    assert "x.txt" in capsys.readouterr().err


def test_the_summary_says_what_it_counts():
    counts = {"articles": 2, "actors": 2, "events": 4, "negated": 0, "news_events": 2}
    edge = {"source": "A", "relation": "aids", "target": "B", "count": 2,
            "evidence": "A aids B."}  # fmt: skip
    by_mentions = format_summary(BuildSummary(2, "", counts=counts, edges=[edge]))
    assert "4 relation events (0 negated)" in by_mentions
    assert "Top 1 relations, by mentions:" in by_mentions
    by_events = format_summary(
        BuildSummary(2, "", counts=counts, edges=[edge], count="events")
    )
    assert "4 relation mentions (0 negated), 2 events" in by_events
    assert "Top 1 relations, by events:" in by_events
