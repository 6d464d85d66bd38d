"""Helpers of the relation tests: run a sentence through the pipeline, read triples.

Each table of the relation tests is ``(text, expected)`` where ``expected`` is a set
of ``(source id, relation, target id)`` that must be extracted as asserted events
(or, in the negation tables, as negated ones). The sentences are written for the
tests; known limitations are xfail with a reason.
"""

from __future__ import annotations

DATE = "2025-01-15"  # a Wednesday


def run(nlp, text: str, date: str | None = DATE):
    doc = nlp.make_doc(text)
    doc._.kg_article_id = "t"
    doc._.kg_article_date = date
    return nlp(doc)


def triples(doc, *, negated: bool = False) -> set[tuple[str, str, str]]:
    return {
        (a.source.actor, a.relation, a.target.actor)
        for a in doc._.kg_assertions
        if a.negated == negated and (negated or a.asserted or a.modality != "asserted")
    }


def asserted(doc) -> set[tuple[str, str, str]]:
    return {
        (a.source.actor, a.relation, a.target.actor)
        for a in doc._.kg_assertions
        if not a.negated
    }


def check(nlp, text, expected):
    got = asserted(run(nlp, text))
    assert expected <= got, f"{text!r}: missing {expected - got}, got {got}"
