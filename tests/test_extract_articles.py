"""extract_articles carries each article's date into the pipeline."""

from __future__ import annotations

import pytest

from kg.nlp.extract import extract_articles
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


def test_two_processes_give_the_same_assertions_in_order(nlp):
    from kg.articles import load_articles
    from tests.conftest import ROOT

    articles = list(load_articles([ROOT / "data" / "articles"]))
    one = list(extract_articles(articles, nlp, batch_size=4, n_process=1))
    two = list(extract_articles(articles, nlp, batch_size=4, n_process=2))
    assert [a.id for a, _ in two] == [a.id for a in articles]
    assert two == one
    assert sum(len(found) for _, found in two) > 20


def test_a_failing_worker_is_a_one_line_error(nlp):
    from kg.types import KGError

    bad = Article(id="bad", text=None)  # type: ignore[arg-type]
    with pytest.raises(KGError, match="worker process"):
        list(extract_articles([bad], nlp, n_process=2))


def test_stopping_early_leaves_no_worker_behind(nlp):
    import multiprocessing

    arts = [Article(id=str(i), text=TEXT, date="2023-03-15") for i in range(40)]
    gen = extract_articles(arts, nlp, batch_size=2, n_process=2)
    first = next(gen)
    assert first[0].id == "0"
    gen.close()
    assert multiprocessing.active_children() == []
