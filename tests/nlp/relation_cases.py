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


#: Components that would overwrite a hand-made parse (and the paragraph splitter).
_PARSING = frozenset(
    {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "kg_paragraphs"}
)


def hand_parsed(nlp, words, heads, deps, pos, lemmas=None) -> list[tuple[str, ...]]:
    """The asserted (source code, target code, relation) of a parse written by hand
    (``lemmas``: word -> lemma, else the word), sorted: only the components after
    the parser run, so a test checks a rule, not the parser of the day."""
    from spacy.tokens import Doc

    lemma_list = [(lemmas or {}).get(w, w) for w in words]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos,
              lemmas=lemma_list)  # fmt: skip
    for name, proc in nlp.pipeline:
        if name not in _PARSING:
            doc = proc(doc)
    return sorted(
        (a.source.code, a.target.code, a.relation)
        for a in doc._.kg_assertions
        if not a.negated
    )
