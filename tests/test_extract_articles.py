"""extract_articles carries each article's date into the pipeline."""

from __future__ import annotations

import pytest

from kg.relations import extract_articles
from kg.types import Article

TEXT = "Assad met Putin in Moscow on Tuesday."


@pytest.mark.parametrize("n_process", [1, 2])
def test_leaders_resolve_by_the_article_date(nlp, n_process):
    """Assad spoke for Syria's government until 8 December 2024, not after."""
    arts = [
        Article(id="before", text=TEXT, date="2023-03-15"),
        Article(id="after", text=TEXT, date="2025-03-15"),
    ]
    got = {
        art.id: [(a.source.actor, a.source.code, a.target.actor, a.date) for a in asr]
        for art, asr in extract_articles(arts, nlp, n_process=n_process)
    }
    assert got["before"] == [("SYR", "SYRGOV", "RUS", "2023-03-14")]
    assert got["after"][0][0] != "SYR"
    assert got["after"][0][1:] == ("SYR", "RUS", "2025-03-11")
