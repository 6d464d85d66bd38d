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
dyads the build touched, and keeps their state; it reads the mentions with
:mod:`kg.rdf.reading`.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from kg.rdf.namespaces import BASE
from kg.rdf.nquads import TYPE, Triple, quote, sha256
from kg.rdf.reading import Mention, kg_term

#: Days after an event's first mention within which a mention is the same event.
DEFAULT_WINDOW = 1
#: Evidence samples (mentions) kept per edge.
SAMPLES = 5
#: Base of the derived graphs and nodes.
DERIVED = BASE + "derived/"

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INT = f"^^<{_XSD}integer>"
_DATE = f"^^<{_XSD}date>"


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
    return [(int(rec[k] or 0) if k == "quad_class" else rec[k]) for k in COUNTS_FIELDS]


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
    "COUNTS_FIELDS",
    "DEFAULT_WINDOW",
    "DERIVED",
    "SAMPLES",
    "actor_graph",
    "count_events",
    "day_counts",
    "dyad_graph",
    "dyad_triples",
    "edge_node",
    "edge_record",
    "event_keys",
    "lit_int",
    "record_literal",
]
