"""Derived data kept up to date at build time: aggregated edges, and events vs mentions.

Every ``kg:Event`` node of an article graph is one *mention*: one sentence of one
article stating a relation. Analysts of event data count *events* as GDELT does:
the mentions of the same source, relation, target and polarity (negated or not)
whose dates lie within the **event window** are one event, reported by that many
mentions, sources (publishers) and articles. The window is anchored at the
event's first day: with the default of 1 day, mentions dated D and D+1 are one
event and a mention dated D+2 starts the next one (window 0: the same day only).
A mention without a date (neither an event date nor an article date) is an
event of its own article.

:func:`refresh` writes, for each directed dyad (source, target), a named graph
``<https://w3id.org/kg-news/derived/dyad/H>`` holding

- one ``kg:Edge`` per relation of the dyad: its counts (mentions, articles,
  sources, events, asserted, negated, stated), first and last day, the days,
  the modalities, the codes, and a few evidence samples (``kg:sample``); and
- one ``kg:NewsEvent`` per event: its edge, polarity, first and last day,
  counts, and every mention (``kg:mention`` to the ``kg:Event`` node, which keeps
  its named graph, sentence and offsets).

The readers (:mod:`kg.analysis.edges`) and the named queries read these instead
of grouping every event: the cost of a read follows the number of edges, not
of events. :mod:`kg.rdf.derived` writes them at the end of each build, for the
dyads the build touched, and keeps their state.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import unquote

from rdflib import Graph

from kg.rdf.namespaces import BASE, KG, sparql_prefixes
from kg.rdf.nquads import TYPE, Triple, quote, sha256
from kg.rdf.store import select

#: Days after an event's first mention within which a mention is the same event.
DEFAULT_WINDOW = 1
#: Evidence samples (mentions) kept per edge.
SAMPLES = 5
#: Base of the derived graphs and nodes.
DERIVED = BASE + "derived/"
#: Dyads per query when reading the mentions of some dyads.
CHUNK = 400

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INT = f"^^<{_XSD}integer>"
_DATE = f"^^<{_XSD}date>"
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
_ARTICLE_KEYS = (("id", "artid"), ("date", "adate"), ("url", "url"), ("pub", "pub"))
_ARTICLE_VARS = " ".join(f"?{v}" for v in ("art", *_ARTICLE))
_ARTICLES = "\n".join(
    ["", "?art a kg:Article .", *_optionals("art", ARTICLE_FIELDS, _ARTICLE), ""]
)


def local_name(iri: Any, ns: str) -> str:
    """The id of an IRI in a namespace (percent-decoded), else its last segment.

    Examples:
        >>> local_name("https://w3id.org/kg-news/actor/C%C3%B4te", BASE + "actor/")
        'Côte'
        >>> local_name("https://w3id.org/kg-news/ontology#opposes", BASE + "actor/")
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


# ------------------------------------------------------------------ the window
def event_keys(
    mentions: Iterable[tuple[bool, str | None, str]], window: int = DEFAULT_WINDOW
) -> list[int]:
    """The event (a number) of each mention of one edge: GDELT's events.

    Args:
        mentions: ``(negated, ISO day or None, article)`` per mention.
        window: Days after an event's first day that are the same event.

    Returns:
        One event number per mention, in the order given; mentions with the same
        number are one event.

    Examples:
        >>> event_keys([(False, "2025-01-01", "a"), (False, "2025-01-02", "b"),
        ...             (False, "2025-01-03", "c"), (True, "2025-01-01", "d")])
        [0, 0, 1, 2]
        >>> event_keys([(False, None, "a"), (False, None, "a"), (False, None, "b")])
        [0, 0, 1]
    """
    items = list(mentions)
    order = sorted(
        range(len(items)),
        key=lambda i: (items[i][0], items[i][1] is None, items[i][1] or items[i][2]),
    )
    out = [0] * len(items)
    n, current, start = -1, None, date.min
    for i in order:
        negated, day, article = items[i]
        if day is None:
            key: tuple = (negated, None, article)
            if key != current:
                n, current = n + 1, key
        else:
            d = date.fromisoformat(day)
            if current != (negated, "dated") or (d - start).days > window:
                n, current, start = n + 1, (negated, "dated"), d
        out[i] = n
    return out


def count_events(
    mentions: Iterable[tuple[bool, str | None, str]], window: int = DEFAULT_WINDOW
) -> int:
    """The number of events of one edge's mentions (see :func:`event_keys`).

    Examples:
        >>> count_events([(False, "2025-01-01", "a"), (False, "2025-01-09", "a")])
        2
    """
    keys = event_keys(mentions, window)
    return len(set(keys))


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
    fields = {**row, **{var: art.get(key) for key, var in _ARTICLE_KEYS}}
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
            for key, var in _ARTICLE_KEYS:
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


# ------------------------------------------------------------------- triples
def dyad_graph(source: str, target: str) -> str:
    """The named graph of a dyad's derived data (source and target IRIs)."""
    return f"{DERIVED}dyad/{sha256(source + ' ' + target)[:32]}"


def actor_graph(actor: str) -> str:
    """The named graph of an actor's summary (actor IRI)."""
    return f"{DERIVED}actor/{sha256(actor)[:32]}"


def edge_node(source: str, relation: str, target: str) -> str:
    """The node of an edge's derived ``kg:Edge`` (source, relation, target IRIs)."""
    return f"{DERIVED}edge/{sha256(f'{source} {relation} {target}')[:32]}"


def lit_int(n: int) -> str:
    return f'"{int(n)}"{_INT}'


#: The fields of each edge in a dyad's ``kg:dyadCounts`` array, in order: what
#: the network measures read of every edge (:func:`kg.analysis.edges.read_edges`)
#: and what the edge listings show (:mod:`kg.rdf.listings`).
COUNTS_FIELDS = ("source", "relation", "target", "mentions", "event_count",
                 "articles", "first_event", "quad_class", "asserted", "sources",
                 "negated", "asserted_articles", "asserted_events")  # fmt: skip


def _edge_counts(rec: Mapping[str, Any]) -> list[Any]:
    """The :data:`COUNTS_FIELDS` of an edge record, the quad class as a number
    (0: none), as readers of the full record get it.

    Examples:
        >>> rec = dict.fromkeys(COUNTS_FIELDS, 1) | {"quad_class": "3"}
        >>> _edge_counts(rec)[7:9]  # quad_class, asserted
        [3, 1]
    """
    return [
        (int(rec[k] or 0) if k == "quad_class" else rec[k]) for k in COUNTS_FIELDS
    ]


def record_literal(value: Any) -> str:
    """A JSON record as an N-Triples string literal (keys sorted, compact)."""
    return quote(json.dumps(value, ensure_ascii=False, sort_keys=True,
                            separators=(",", ":")))  # fmt: skip


def edge_record(mentions: Sequence[Mention], events: int) -> dict[str, Any]:
    """What the readers need of an edge (its mentions sorted by their key)."""
    first = mentions[0]
    days = sorted({m.day for m in mentions if m.day})
    codes = {}
    for name, values in (("quad_class", [m.quad for m in mentions]),
                         ("cameo", [m.cameo for m in mentions]),
                         ("plover", [m.plover for m in mentions])):  # fmt: skip
        present = [v for v in values if v]
        codes[name] = min(present) if present else ""
    return {
        "source": first.source, "relation": first.relation, "target": first.target,
        **codes,
        "mentions": len(mentions),
        "articles": len({m.article for m in mentions}),
        "sources": len({m.publisher for m in mentions}),
        "event_count": events,
        "first": days[0] if days else None, "last": days[-1] if days else None,
        "asserted": sum(m.asserted for m in mentions),
        "negated": sum(m.negated for m in mentions),
        "stated": sum(not m.negated and m.modality == "asserted" for m in mentions),
        "modalities": dict(sorted(Counter(m.modality for m in mentions).items())),
        "dates": days,
        "first_event": first.key,
    }  # fmt: skip


def day_counts(mentions: Iterable[Mention]) -> list[list[Any]]:
    """``[day, mentions not negated, negated]`` per day of some mentions, by day
    (undated ones left out): an edge's ``kg:dayCounts``.

    Examples:
        >>> m = Mention("e", "s", "r", "t", False, "asserted", "2025-01-02", "a",
        ...             "p", 0, "4", "190", "FIGHT")
        >>> day_counts([m, m, Mention(**{**vars(m), "negated": True}),
        ...             Mention(**{**vars(m), "day": None})])
        [['2025-01-02', 2, 1]]
    """
    days: dict[str, list[int]] = {}
    for m in mentions:
        if m.day:
            days.setdefault(m.day, [0, 0])[m.negated] += 1
    return [[day, *counts] for day, counts in sorted(days.items())]


def _edge_triples(
    node: str, rec: Mapping[str, Any], samples: Sequence[Mention]
) -> list[Triple]:
    p = kg_term
    out: list[Triple] = [
        (node, TYPE, p("Edge")),
        (node, p("edgeSource"), f"<{rec['source']}>"),
        (node, p("edgeRelation"), f"<{rec['relation']}>"),
        (node, p("edgeTarget"), f"<{rec['target']}>"),
        (node, p("mentionCount"), lit_int(rec["mentions"])),
        (node, p("articleCount"), lit_int(rec["articles"])),
        (node, p("sourceCount"), lit_int(rec["sources"])),
        (node, p("eventCount"), lit_int(rec["event_count"])),
        (node, p("assertedCount"), lit_int(rec["asserted"])),
        (node, p("negatedCount"), lit_int(rec["negated"])),
        (node, p("edgeRecord"), record_literal(rec)),
        (node, p("dayCounts"), record_literal(day_counts(samples))),
    ]
    if rec["first"]:
        out.append((node, p("firstDate"), f'"{rec["first"]}"{_DATE}'))
        out.append((node, p("lastDate"), f'"{rec["last"]}"{_DATE}'))
    if str(rec["quad_class"]).isdigit():
        out.append((node, p("quadClass"), lit_int(int(rec["quad_class"]))))
    out.extend((node, p("sample"), f"<{m.iri}>") for m in samples[:SAMPLES])
    return out


def _event_triples(edge: str, mentions: Sequence[Mention]) -> list[Triple]:
    first, p = mentions[0], kg_term
    node = f"<{DERIVED}event/{sha256(first.iri)[:32]}>"
    days = sorted({m.day for m in mentions if m.day})
    out: list[Triple] = [
        (node, TYPE, p("NewsEvent")),
        (node, p("edge"), edge),
        (node, p("polarity"), quote("negative" if first.negated else "positive")),
        (node, p("mentionCount"), lit_int(len(mentions))),
        (node, p("articleCount"), lit_int(len({m.article for m in mentions}))),
        (node, p("sourceCount"), lit_int(len({m.publisher for m in mentions}))),
    ]
    if days:
        out.append((node, p("firstDate"), f'"{days[0]}"{_DATE}'))
        out.append((node, p("lastDate"), f'"{days[-1]}"{_DATE}'))
    out.extend((node, p("mention"), f"<{m.iri}>") for m in mentions)
    return out


def _asserted_counts(
    mentions: Sequence[Mention], events: Iterable[Sequence[Mention]]
) -> dict[str, int]:
    """The articles of an edge's asserted mentions, and its events with one."""
    return {
        "asserted_articles": len({m.article for m in mentions if m.asserted}),
        "asserted_events": sum(any(m.asserted for m in ms) for ms in events),
    }


def dyad_triples(
    mentions: Sequence[Mention], window: int
) -> tuple[list[Triple], list[dict[str, Any]], list[list[Any]]]:
    """The derived triples of one dyad's mentions (its edges and their events),
    the record of each edge, and its ``kg:dyadCounts`` (:data:`COUNTS_FIELDS`
    of each edge)."""
    by_edge: dict[str, list[Mention]] = {}
    for m in mentions:
        by_edge.setdefault(m.relation, []).append(m)
    out: list[Triple] = []
    records, counts = [], []
    for relation, group in sorted(by_edge.items()):
        group.sort(key=lambda m: m.key)
        first = group[0]
        node = f"<{edge_node(first.source, relation, first.target)}>"
        keys = event_keys([(m.negated, m.day, m.article) for m in group], window)
        events: dict[int, list[Mention]] = {}
        for k, m in zip(keys, group, strict=True):
            events.setdefault(k, []).append(m)
        rec = edge_record(group, len(events))
        rec["positive_events"] = sum(not ms[0].negated for ms in events.values())
        records.append(rec)
        asserted = _asserted_counts(group, events.values())
        counts.append(_edge_counts(rec | asserted))
        out.extend(_edge_triples(node, rec, group))
        out.append((node, kg_term("assertedArticleCount"),
                    lit_int(asserted["asserted_articles"])))  # fmt: skip
        out.append((node, kg_term("assertedEventCount"),
                    lit_int(asserted["asserted_events"])))  # fmt: skip
        rows = [m.row for m in group]
        out.append((node, kg_term("mentionRows"), record_literal(rows)))
        for members in events.values():
            out.extend(_event_triples(node, members))
    if records:  # one literal per dyad: a fraction of the rows to read
        dyad = f"<{dyad_graph(records[0]['source'], records[0]['target'])}>"
        out.append((dyad, kg_term("dyadCounts"), record_literal(counts)))
    return out, records, counts


__all__ = [
    "CHUNK",
    "COUNTS_FIELDS",
    "DEFAULT_WINDOW",
    "DERIVED",
    "Mention",
    "ROW_FIELDS",
    "actor_graph",
    "count_events",
    "day_counts",
    "dyad_graph",
    "dyad_triples",
    "edge_node",
    "edge_record",
    "event_keys",
    "kg_term",
    "lit_int",
    "article_rows",
    "make_mention",
    "mention_pattern",
    "mention_rows",
    "mention_vars",
    "local_name",
    "query_rows",
    "read_mentions",
    "read_records",
    "record_literal",
    "select_rows",
    "stored_mentions",
    "values_blocks",
]
