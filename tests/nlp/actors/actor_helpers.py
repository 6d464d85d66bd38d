"""Helpers of the actor tests: the mentions of a text as tuples."""

from __future__ import annotations

from kg.nlp.actors import SPAN_KEY


def spans(nlp, text: str, date: str | None = None) -> list[tuple[str, str, str | None]]:
    """(surface text, actor id, code) of every actor mention of ``text``."""
    doc = nlp.make_doc(text)
    doc._.kg_article_date = date
    doc = nlp(doc)
    return [(s.text, s.id_, s._.kg_mention.code) for s in doc.spans[SPAN_KEY]]


def resolved(nlp, text: str, date: str | None = None) -> dict[str, tuple[str, str]]:
    """Surface text -> (actor id, code) of the mentions of ``text``."""
    return {t: (a, c) for t, a, c in spans(nlp, text, date)}
