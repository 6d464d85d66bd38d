"""What the derived step reads of the store: the mentions and the JSON records.

Every ``kg:Event`` node of an article graph is one *mention*. The readers match
them with one SPARQL pattern built from one table of fields
(:data:`MENTION_FIELDS`, :data:`ARTICLE_FIELDS`: :func:`mention_pattern`);
:func:`read_mentions` reads the mentions of some dyads (or of all) as
:class:`Mention` records for :mod:`kg.rdf.events`, each with its row of every
field (:data:`ROW_FIELDS`), which the derived edges keep. :func:`read_records`
reads the JSON records the derived graphs keep (one literal per row, decoded in
batches), :func:`stored_mentions` the mention rows of some derived edges.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from rdflib import Graph

from kg.rdf.namespaces import KG, sparql_prefixes
from kg.rdf.store import select

#: Dyads per query when reading the mentions of some dyads.
CHUNK = 400

_KG = str(KG._NS)

#: The optional facts of a mention (``kg:Event`` node), by SPARQL variable, and of its
#: article (``?art``): the one table the readers' patterns are built from.
MENTION_FIELDS = {
    "neg": "kg:negated",
    "mod": "kg:modality",
    "attr": "kg:attribution",
    "date": "kg:date",
    "ev": "kg:evidence",
    "sent": "kg:sentenceIndex",
    "quad": "kg:quadClass",
    "cameo": "kg:cameoCode",
    "plover": "kg:ploverCategory",
    "conf": "kg:confidence",
}
ARTICLE_FIELDS = {
    "artid": "dcterms:identifier",
    "adate": "dcterms:date",
    "url": "kg:url",
    "pub": "dcterms:publisher",
}


def _optionals(
    subject: str, table: Mapping[str, str], keys: Sequence[str]
) -> list[str]:
    """``OPTIONAL`` patterns binding the ``keys`` of ``table`` (variable ->
    property) on ``?subject``."""
    return [f"OPTIONAL {{ ?{subject} {table[v]} ?{v} }}" for v in keys]


def mention_pattern(fields: Sequence[str], article: Sequence[str] = ()) -> str:
    """The SPARQL pattern of the mentions (``?e ?s ?rel ?t``) with the optional
    ``fields`` (keys of :data:`MENTION_FIELDS`), their article ``?art`` and its
    ``article`` fields (keys of :data:`ARTICLE_FIELDS`)."""
    lines = ["?e a kg:Event ; kg:source ?s ; kg:target ?t ; kg:relation ?rel ."]
    lines += _optionals("e", MENTION_FIELDS, fields)
    inner = "".join(" " + p for p in _optionals("art", ARTICLE_FIELDS, article))
    lines.append(f"OPTIONAL {{ ?e prov:wasDerivedFrom ?art .{inner} }}")
    return "\n".join(lines) + "\n"


def mention_vars(fields: Sequence[str], article: Sequence[str] = ()) -> str:
    """The variables :func:`mention_pattern` binds with the same arguments.

    Examples:
        >>> mention_vars(("neg",), ("pub",))
        '?e ?s ?rel ?t ?neg ?art ?pub'
    """
    return " ".join(f"?{v}" for v in ("e", "s", "rel", "t", *fields, "art", *article))


#: What is read of each mention (``kg:Event`` node), and of each article: every field.
_FIELDS = tuple(MENTION_FIELDS)
_VARS = mention_vars(_FIELDS)
_PATTERN = mention_pattern(_FIELDS)
_ARTICLE = tuple(ARTICLE_FIELDS)
#: The fields of each mention in an edge's ``kg:mentionRows`` array, in order: the
#: variables :func:`mention_pattern` binds with every field and article field.
ROW_FIELDS = ("e", "s", "rel", "t", *MENTION_FIELDS, "art", *ARTICLE_FIELDS)
#: The article fields of a mention's row, by the key of its article's dict.
ARTICLE_KEYS = (("id", "artid"), ("date", "adate"), ("url", "url"), ("pub", "pub"))
_ARTICLE_VARS = " ".join(f"?{v}" for v in ("art", *_ARTICLE))
_ARTICLES = "\n".join(
    ["", "?art a kg:Article .", *_optionals("art", ARTICLE_FIELDS, _ARTICLE), ""]
)


def local_name(iri: Any, ns: str) -> str:
    """The id of an IRI in a namespace (percent-decoded), else its last segment.

    Examples:
        >>> actors = "https://w3id.org/kg-news/actor/"
        >>> local_name(actors + "C%C3%B4te", actors)
        'Côte'
        >>> local_name("https://w3id.org/kg-news/ontology#opposes", actors)
        'opposes'
    """
    text = str(iri)
    if text.startswith(ns):
        return unquote(text[len(ns) :])
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def kg_term(name: str) -> str:
    """A kg term as N-Triples (the closed namespace refuses a typo)."""
    return _TERMS.get(name) or _TERMS.setdefault(name, f"<{getattr(KG, name)}>")


_TERMS: dict[str, str] = {}


# ------------------------------------------------------------------- mentions
@dataclass
class Mention:
    """One ``kg:Event`` node as the derived step reads it."""

    iri: str
    source: str
    relation: str
    target: str
    negated: bool
    modality: str
    day: str | None
    article: str
    publisher: str
    sentence: int
    quad: str
    cameo: str
    plover: str
    #: Its row of the mention pattern, every field (:data:`ROW_FIELDS`).
    row: tuple[str | None, ...] = field(default=(), compare=False, repr=False)

    @property
    def key(self) -> str:
        """Sort key: day (undated last), article, sentence, relation, IRI."""
        sentence = str(self.sentence)
        return "\t".join((
            self.day or "9999-99-99", self.article,
            "0" * (11 - len(sentence)) + sentence,
            self.relation.rsplit("#", 1)[-1], self.iri,
        ))  # fmt: skip

    @property
    def asserted(self) -> bool:
        """Asserted or reported, and not negated."""
        return not self.negated and self.modality in ("asserted", "reported")


def make_mention(row: Mapping[str, str | None], art: Mapping[str, Any]) -> Mention:
    """A mention from its row (:func:`mention_rows`) and its article's ``id``,
    ``date``, ``url`` and ``pub`` (the smallest of each)."""
    day = row["date"] or art.get("date")
    article = art.get("id") or row["art"] or ""
    try:
        sentence = int(row["sent"] or -1)
    except ValueError:
        sentence = -1
    return Mention(
        iri=row["e"] or "", source=row["s"] or "", relation=row["rel"] or "",
        target=row["t"] or "",
        negated=(row["neg"] or "").strip().lower() in ("true", "1"),
        modality=row["mod"] or "asserted", day=day[:10] if day else None,
        article=article, publisher=art.get("pub") or article, sentence=sentence,
        quad=row["quad"] or "", cameo=row["cameo"] or "", plover=row["plover"] or "",
        row=_full_row(row, art),
    )  # fmt: skip


def _full_row(
    row: Mapping[str, str | None], art: Mapping[str, Any]
) -> tuple[str | None, ...]:
    """A mention's row with its article's fields, in :data:`ROW_FIELDS` order."""
    fields = {**row, **{var: art.get(key) for key, var in ARTICLE_KEYS}}
    return tuple(fields.get(f) for f in ROW_FIELDS)


def values_blocks(variables: Sequence[str], items: Iterable[Any] | None) -> list[str]:
    """``VALUES`` blocks binding ``variables`` to the distinct items, sorted,
    :data:`CHUNK` items per block (so that no query grows without bound).

    An item is an IRI (one variable) or a tuple of IRIs (several variables).
    None gives one empty block (nothing restricted); no items give no block.

    Examples:
        >>> values_blocks(["a"], ["http://x/b", "http://x/a", "http://x/b"])
        ['VALUES ?a { <http://x/a> <http://x/b> }']
        >>> values_blocks(["s", "t"], [("http://x/s", "http://x/t")])
        ['VALUES (?s ?t) { (<http://x/s> <http://x/t>) }']
        >>> values_blocks(["a"], None), values_blocks(["a"], [])
        ([''], [])
    """
    if items is None:
        return [""]
    todo = sorted(set(items))
    if len(variables) == 1:
        head = f"?{variables[0]}"
        terms = [f"<{item}>" for item in todo]
    else:
        head = "(" + " ".join(f"?{v}" for v in variables) + ")"
        terms = ["(" + " ".join(f"<{x}>" for x in item) + ")" for item in todo]
    return [
        f"VALUES {head} {{ {' '.join(terms[i : i + CHUNK])} }}"
        for i in range(0, len(terms), CHUNK)
    ]


def query_rows(dataset: Graph, text: str) -> Iterator[dict[str, str | None]]:
    """The rows of a SELECT query (the kg prefixes put in front) as dicts."""
    names, rows = select(dataset, sparql_prefixes() + text)
    return (dict(zip(names, row, strict=True)) for row in rows)


def select_rows(dataset: Graph, variables: str, pattern: str) -> Iterator[dict]:
    """Rows of a pattern matched inside the named graphs (kg writes no other)."""
    text = f"SELECT {variables} WHERE {{ GRAPH ?g {{ {pattern} }} }}"
    return query_rows(dataset, text)


def read_records(
    dataset: Graph, prop: str, block: str = "", *, where: str = ""
) -> Iterator[Any]:
    """The JSON records (``kg:edgeRecord``, ``kg:actorRecord``: objects;
    ``kg:dyadCounts``: arrays) of the store.

    One column read straight from the result rows (on Oxigraph: one literal per
    row through ``pyoxigraph``), decoded by the C JSON parser: cheaper per edge
    than joining a literal per field.

    Args:
        dataset: The store.
        prop: The record property (a kg term).
        block: A ``VALUES`` block in front of the graph pattern ("": every record).
        where: More of the graph pattern, on the record's node ``?x``.
    """
    text = f"SELECT ?r WHERE {{ {block} GRAPH ?g {{ {where} ?x {kg_term(prop)} ?r }} }}"
    _, rows = select(dataset, sparql_prefixes() + text)
    chunk: list[str] = []
    for (record,) in rows:
        chunk.append(record or "null")
        if len(chunk) >= _DECODED:
            yield from _decoded(chunk)
            chunk = []
    yield from _decoded(chunk)


def stored_mentions(
    dataset: Graph, variable: str, items: Iterable[str]
) -> Iterator[dict[str, str | None]]:
    """The rows of the mention pattern (every field, :data:`ROW_FIELDS`) that the
    derived edges keep (``kg:mentionRows``) of some edge nodes (``variable``
    ``x``) or dyad graphs (``g``)."""
    for block in values_blocks([variable], items):
        for rows in read_records(dataset, "mentionRows", block):
            yield from (dict(zip(ROW_FIELDS, row, strict=True)) for row in rows)


#: Records decoded by one call of the JSON parser (one call per record costs
#: more than the parsing: a third of the read of 290,000 edges).
_DECODED = 4096


def _decoded(records: list[str]) -> list[Any]:
    """The JSON texts ``records``, decoded as one array.

    Examples:
        >>> _decoded(['[1,"a"]', 'null', '{"b":2}'])
        [[1, 'a'], None, {'b': 2}]
    """
    return json.loads("[" + ",".join(records) + "]") if records else []


def _articles(dataset: Graph, iris: Iterable[str] | None) -> dict[str, dict]:
    """Identifier, day and publisher of some articles (None: of every article)."""
    out: dict[str, dict] = {}
    for block in values_blocks(["art"], iris):
        for row in article_rows(dataset, block):
            rec = out.setdefault(row["art"] or "", {})  # bound: ?art a kg:Article
            for key, var in ARTICLE_KEYS:
                if row[var] and (key not in rec or row[var] < rec[key]):
                    rec[key] = row[var]
    return out


def mention_rows(dataset: Graph, block: str = "") -> Iterator[dict[str, str | None]]:
    """The rows of the mentions (of a ``VALUES`` block over ``?s ?t``; "": of
    every mention), streamed (a mention matched twice: twice)."""
    return select_rows(dataset, _VARS, block + "\n" + _PATTERN)


def article_rows(dataset: Graph, block: str = "") -> Iterator[dict[str, str | None]]:
    """The rows of the articles (of a ``VALUES`` block over ``?art``; "": of
    every article): ``art``, ``artid``, ``adate``, ``url``, ``pub``, streamed."""
    return select_rows(dataset, _ARTICLE_VARS, block + _ARTICLES)


def read_mentions(
    dataset: Graph, dyads: Iterable[tuple[str, str]] | None = None
) -> list[Mention]:
    """The mentions of some dyads (source IRI, target IRI), or of every dyad."""
    rows: dict[str, dict] = {}
    for block in values_blocks(["s", "t"], dyads):
        for row in mention_rows(dataset, block):
            rows.setdefault(row["e"] or "", row)  # an event matched twice: the first
    arts = _articles(
        dataset,
        None if dyads is None else (r["art"] for r in rows.values() if r["art"]),
    )
    return [make_mention(r, arts.get(r["art"] or "", {})) for r in rows.values()]


__all__ = [
    "ARTICLE_FIELDS",
    "ARTICLE_KEYS",
    "CHUNK",
    "MENTION_FIELDS",
    "ROW_FIELDS",
    "Mention",
    "article_rows",
    "kg_term",
    "local_name",
    "make_mention",
    "mention_pattern",
    "mention_rows",
    "mention_vars",
    "query_rows",
    "read_mentions",
    "read_records",
    "select_rows",
    "stored_mentions",
    "values_blocks",
]
