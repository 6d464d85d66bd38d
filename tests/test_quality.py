"""Extraction quality on the gold files of ../shared/eval (issue 3's measured figures).

The floors sit just under the figures measured when they were set (see README,
"Extraction quality"): a change that makes extraction worse fails here. Without the
gold data the tests are skipped with the missing path in the reason; CI sets
``KG_REQUIRE_EVAL=1`` so that there they fail instead.
"""

from __future__ import annotations

import pytest

from tests.conftest import EVAL, requires_eval

pytestmark = [
    pytest.mark.slow,
    requires_eval(
        "plover_dev.jsonl",
        "seed_gold.jsonl",
        "petrarch_unit.jsonl",
        "petr_validate_dictionaries.json",
    ),
]


@pytest.fixture(scope="module")
def evaluate(nlp):
    from kg.evaluate import evaluate

    def run(name: str, **kw):
        return evaluate(EVAL / name, nlp=nlp, **kw)

    return run


def test_plover_dev(evaluate):
    r = evaluate("plover_dev.jsonl")
    assert r["L1"]["F1"] >= 0.85
    assert r["L2"]["F1"] >= 0.80
    assert r["L1"]["P"] >= 0.90


def test_seed_article_read_as_an_article(evaluate):
    r = evaluate("seed_gold.jsonl", context=True)
    assert r["L1"]["R"] >= 0.9
    assert r["silence"] == 1.0
    assert r["negation_leaks"] == "0/1"


def test_seed_sentences_one_at_a_time(evaluate):
    r = evaluate("seed_gold.jsonl")
    assert r["L1"]["P"] == 1.0
    assert r["L1"]["R"] >= 0.7
    assert r["silence"] == 1.0
    assert r["negation_leaks"] == "0/1"


@pytest.mark.xfail(
    reason="four seed sentences name their source only in other sentences ('We' "
    "with no speaker, 'the former official', 'these guys'); one at a time they "
    "cannot be coded (0.714; read as one article: 0.929)",
    strict=True,
)
def test_seed_sentences_one_at_a_time_reach_the_target(evaluate):
    assert evaluate("seed_gold.jsonl")["L1"]["R"] >= 0.8


def test_seed_reluctance_to_recognise_is_not_asserted(nlp):
    from kg.evaluate import predict, read_jsonl

    gold = read_jsonl(EVAL / "seed_gold.jsonl")
    found = [
        (rec["id"], e["negated"])
        for rec in predict(gold, nlp, context=True)
        for e in rec["events"]
        if (e["source"]["id"], e["relation"], e["target"]["id"])
        == ("US", "recognises", "SYR")
    ]
    assert found, "no US recognises SYR event extracted at all"
    assert all(negated for _, negated in found), found


def test_petrarch_unit_with_its_dictionary():
    from kg.evaluate import evaluate
    from kg.nlp.model import load_nlp

    nlp = load_nlp(actors=[EVAL / "petr_validate_dictionaries.json"])
    r = evaluate(EVAL / "petrarch_unit.jsonl", nlp=nlp)
    assert r["L1"]["P"] >= 0.85
    assert r["L1"]["F1"] >= 0.68
    assert r["silence"] >= 0.9


@requires_eval("modern_dev.jsonl")
def test_modern_dev_asserted_vs_embedded(evaluate):
    """Issue 9: the content of another act, denials and negated event nouns are
    no events (silence 0.976, leaks 0/12, L1 0.912 when set)."""
    r = evaluate("modern_dev.jsonl")
    assert r["negation_leaks"] == "0/12"
    assert r["silence"] >= 0.97
    assert r["L1"]["F1"] >= 0.90


@requires_eval("modern_dev.jsonl")
def test_modern_dev(evaluate):
    """Modern wire sentences (issue 9): L1 0.912 / L2 0.821 when set."""
    r = evaluate("modern_dev.jsonl")
    assert r["L1"]["F1"] >= 0.90
    assert r["L2"]["F1"] >= 0.81
    assert r["L1"]["P"] >= 0.96
