"""kg.progress: plain lines when stderr is not a terminal, nothing under ``kg -q``."""

from __future__ import annotations

import logging

from kg.progress import progress, stage


def test_plain_lines_every_n_items_and_at_the_end(caplog):
    with caplog.at_level(logging.INFO, logger="kg"):
        items = list(progress(range(25), total=25, desc="export", unit="graph",
                              every=10))  # fmt: skip
    assert items == list(range(25))
    lines = [r.getMessage() for r in caplog.records]
    assert [line.split(" (")[0] for line in lines] == [
        "export: 10/25 graphs", "export: 20/25 graphs", "export: 25/25 graphs",
    ]  # fmt: skip


def test_quiet_shows_nothing(caplog):
    with caplog.at_level(logging.ERROR, logger="kg"):
        assert list(progress(range(5), total=5, desc="x", every=1)) == list(range(5))
        with stage("step"):
            pass
    assert caplog.records == []


def test_stage_says_how_long(caplog):
    with caplog.at_level(logging.INFO, logger="kg"), stage("read the actor graph"):
        pass
    assert caplog.records[0].getMessage().startswith("read the actor graph in ")
