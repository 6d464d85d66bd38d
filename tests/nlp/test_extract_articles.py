"""kg.nlp.extract: articles through the pipeline (one or two processes), and the
event record of the ``kg extract`` contract."""

from __future__ import annotations

import json

import pytest

from kg.nlp.extract import event_record, extract_articles
from kg.types import Article, KGError
from tests.nlp.relation_cases import run

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


def test_event_record_matches_the_contract(nlp):
    doc = run(nlp, "According to Reuters, Egypt sent aid to Sudan on Tuesday.")
    rec = event_record(doc._.kg_assertions[0])
    for key in (
        "source",
        "target",
        "relation",
        "plover",
        "cameo",
        "quad_class",
        "negated",
        "modality",
        "attribution",
        "date",
        "sentence",
        "start",
        "end",
        "evidence",
        "confidence",
    ):
        assert key in rec
    for key in ("id", "label", "country", "sector", "code", "text"):
        assert key in rec["source"]
    assert rec["source"]["id"] == "EGY" and rec["target"]["country"] == "SDN"
    assert rec["date"] == "2025-01-14"
    json.dumps(rec)  # serialisable


ARTICLES = [
    Article(id="a1", text="Russia attacked Ukraine on Monday.", date="2025-01-15"),
    Article(id="a2", text="Tourists visited Rome.", date="2025-01-15"),
    Article(id="a3", text="Egypt and Jordan signed an agreement.", date=None),
    Article(id="a4", text="Iran did not recognise Israel.", date="2024-05-01"),
]


def _flat(results):
    return [
        (
            art.id,
            [
                (
                    a.article,
                    a.source.actor,
                    a.relation,
                    a.target.actor,
                    a.negated,
                    a.date,
                )
                for a in asserts
            ],
        )
        for art, asserts in results
    ]


def test_extract_articles_sets_article_id_and_date(nlp):
    out = _flat(extract_articles(ARTICLES, nlp, batch_size=2))
    assert [i for i, _ in out] == ["a1", "a2", "a3", "a4"]
    assert out[0][1] == [("a1", "RUS", "attacks", "UKR", False, "2025-01-13")]
    assert out[1][1] == []
    assert {x[1:4] for x in out[2][1]} == {
        ("EGY", "signsAgreementWith", "JOR"),
        ("JOR", "signsAgreementWith", "EGY"),
    }
    assert out[3][1][0][4] is True


@pytest.mark.slow
def test_two_processes_give_the_same_assertions(nlp):
    one = _flat(extract_articles(ARTICLES, nlp, batch_size=2, n_process=1))
    two = _flat(extract_articles(ARTICLES, nlp, batch_size=2, n_process=2))
    assert one == two


def test_extract_articles_normalises_explicit_dates_per_article(nlp):
    arts = [
        Article(id="x1", text="Iran attacked Iraq on Monday.", date="2025-01-15"),
        Article(id="x2", text="Iran attacked Iraq on Monday.", date="2024-06-05"),
    ]
    out = {art.id: a for art, (a, *_) in extract_articles(arts, nlp)}
    assert out["x1"].date == "2025-01-13" and out["x2"].date == "2024-06-03"
    assert dict(out["x2"].extra)["date_text"] == "Monday"
    assert out["x1"].article == "x1"


def test_extract_articles_needs_the_component():
    import spacy

    with pytest.raises(KGError, match="kg_relations"):
        list(extract_articles(ARTICLES, spacy.blank("en")))
