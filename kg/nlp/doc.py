"""The Doc and Span extensions kg uses, registered once, here.

- ``doc._.kg_article_id`` / ``doc._.kg_article_date``: the article a Doc was made
  from (set by :func:`kg.nlp.extract.extract_articles`); leaders resolve by that
  date and relative dates are normalised against it.
- ``doc._.kg_mention_rows`` (set by ``kg_actors``) and ``span._.kg_mention``: the
  :class:`kg.types.Mention` of each actor span.
- ``doc._.kg_assertions`` (set by ``kg_relations``): the :class:`kg.types.Assertion`
  records, kept in the Doc as plain rows (``kg_assertion_rows``) so that Docs cross
  process boundaries (spaCy serialises ``doc.user_data`` with msgpack).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields

from spacy.tokens import Doc, Span

from kg.types import Assertion, Mention

#: The fields of a Mention, in order (a mention row is their values).
MENTION_FIELDS = tuple(f.name for f in fields(Mention))


def _span_mention(span: Span) -> Mention | None:
    """Getter of ``span._.kg_mention``: the Mention the resolver recorded."""
    rows = span.doc._.kg_mention_rows
    row = rows.get(f"{span.start_char}:{span.end_char}") if rows else None
    return Mention(*row) if row else None


def _pack(a: Assertion) -> list:
    """An assertion as plain lists (msgpack-safe, for ``nlp.pipe(n_process=2)``)."""
    row = [getattr(a, f.name) for f in fields(Assertion)]
    row[1] = [getattr(a.source, f) for f in MENTION_FIELDS]
    row[2] = [getattr(a.target, f) for f in MENTION_FIELDS]
    row[-1] = [list(kv) for kv in a.extra]
    return row


def _unpack(row: list) -> Assertion:
    args = list(row)
    args[1] = Mention(*args[1])
    args[2] = Mention(*args[2])
    args[-1] = tuple(tuple(kv) for kv in args[-1])
    return Assertion(*args)


def _get_assertions(doc: Doc) -> list[Assertion] | None:
    rows = doc._.kg_assertion_rows
    return None if rows is None else [_unpack(r) for r in rows]


def _set_assertions(doc: Doc, value: Iterable[Assertion] | None) -> None:
    doc._.kg_assertion_rows = None if value is None else [_pack(a) for a in value]


Doc.set_extension("kg_article_id", default="", force=True)
Doc.set_extension("kg_article_date", default=None, force=True)
Doc.set_extension("kg_mention_rows", default=None, force=True)
Span.set_extension("kg_mention", getter=_span_mention, force=True)
Doc.set_extension("kg_assertion_rows", default=None, force=True)
Doc.set_extension(
    "kg_assertions", getter=_get_assertions, setter=_set_assertions, force=True
)
