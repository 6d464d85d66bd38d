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
of events. A build recomputes only the dyads it touched (:class:`Derived`),
within the build's guarantees: the state node ``<…/derived/state>`` says
``stale`` from a build's first write until its derived graphs are written, so
a killed build leaves it stale, readers fall back to grouping the events
(:func:`is_fresh`), and the next build recomputes every dyad.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rdflib import ConjunctiveGraph, Graph

from kg.rdf.namespaces import BASE, KG, sparql_prefixes
from kg.rdf.nquads import TYPE, Triple, quote, sha256
from kg.rdf.store import select, update, values_of, write_graphs
from kg.types import KGError

log = logging.getLogger("kg")

#: Days after an event's first mention within which a mention is the same event.
DEFAULT_WINDOW = 1
#: Evidence samples (mentions) kept per edge.
SAMPLES = 5
#: Base of the derived graphs and nodes.
DERIVED = BASE + "derived/"
#: The named graph and node that say whether the derived graphs are up to date.
STATE = DERIVED + "state"
#: The named graph of the relation summaries.
RELATIONS = DERIVED + "relations"
#: Dyads per query when reading the mentions of some dyads.
_CHUNK = 400

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INT = f"^^<{_XSD}integer>"
_DATE = f"^^<{_XSD}date>"
_KG = str(KG._NS)

#: What is read of each mention (``kg:Event`` node), and of each article.
_VARS = "?e ?s ?rel ?t ?neg ?mod ?date ?art ?sent ?quad ?cameo ?plover"
_PATTERN = """
    ?e a kg:Event ; kg:source ?s ; kg:target ?t ; kg:relation ?rel .
    OPTIONAL { ?e kg:negated ?neg }
    OPTIONAL { ?e kg:modality ?mod }
    OPTIONAL { ?e kg:date ?date }
    OPTIONAL { ?e kg:sentenceIndex ?sent }
    OPTIONAL { ?e kg:quadClass ?quad }
    OPTIONAL { ?e kg:cameoCode ?cameo }
    OPTIONAL { ?e kg:ploverCategory ?plover }
    OPTIONAL { ?e prov:wasDerivedFrom ?art }
"""
_ARTICLES = """
    ?art a kg:Article .
    OPTIONAL { ?art dcterms:identifier ?artid }
    OPTIONAL { ?art dcterms:date ?adate }
    OPTIONAL { ?art dcterms:publisher ?pub }
"""


def _p(name: str) -> str:
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


def _mention(row: Mapping[str, str | None], art: Mapping[str, Any]) -> Mention:
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
    )  # fmt: skip


def _select_rows(dataset: Graph, variables: str, pattern: str) -> Iterator[dict]:
    """Rows of a pattern matched inside the named graphs (kg writes no other)."""
    text = f"{sparql_prefixes()}SELECT {variables} WHERE {{ GRAPH ?g {{ {pattern} }} }}"
    names, rows = select(dataset, text)
    return (dict(zip(names, row, strict=True)) for row in rows)


def _articles(dataset: Graph, iris: Iterable[str] | None) -> dict[str, dict]:
    """Identifier, day and publisher of some articles (None: of every article)."""
    out: dict[str, dict] = {}
    chunks: list[list[str] | None] = [None]
    if iris is not None:
        todo = sorted(set(iris))
        chunks = [todo[i : i + _CHUNK] for i in range(0, len(todo), _CHUNK)]
    for chunk in chunks:
        pattern = _ARTICLES
        if chunk is not None:
            pattern = (
                "VALUES ?art { " + " ".join(f"<{a}>" for a in chunk) + " }" + pattern
            )
        for row in _select_rows(dataset, "?art ?artid ?adate ?pub", pattern):
            rec = out.setdefault(row["art"], {})
            for key, var in (("id", "artid"), ("date", "adate"), ("pub", "pub")):
                if row[var] and (key not in rec or row[var] < rec[key]):
                    rec[key] = row[var]
    return out


def read_mentions(
    dataset: Graph, dyads: Iterable[tuple[str, str]] | None = None
) -> list[Mention]:
    """The mentions of some dyads (source IRI, target IRI), or of every dyad."""
    chunks: list[list[tuple[str, str]] | None] = [None]
    if dyads is not None:
        todo = sorted(set(dyads))
        chunks = [todo[i : i + _CHUNK] for i in range(0, len(todo), _CHUNK)]
    rows: dict[str, dict] = {}
    for chunk in chunks:
        pattern = _PATTERN
        if chunk is not None:
            values = " ".join(f"(<{s}> <{t}>)" for s, t in chunk)
            pattern = f"VALUES (?s ?t) {{ {values} }}\n" + pattern
        for row in _select_rows(dataset, _VARS, pattern):
            rows.setdefault(row["e"], row)  # an event matched twice: the first
    arts = _articles(
        dataset,
        None if dyads is None else (r["art"] for r in rows.values() if r["art"]),
    )
    return [_mention(r, arts.get(r["art"] or "", {})) for r in rows.values()]


# ------------------------------------------------------------------- triples
def dyad_graph(source: str, target: str) -> str:
    """The named graph of a dyad's derived data (source and target IRIs)."""
    return f"{DERIVED}dyad/{sha256(source + ' ' + target)[:32]}"


def actor_graph(actor: str) -> str:
    """The named graph of an actor's summary (actor IRI)."""
    return f"{DERIVED}actor/{sha256(actor)[:32]}"


def _lit_int(n: int) -> str:
    return f'"{int(n)}"{_INT}'


def _record(value: Any) -> str:
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


def _edge_triples(
    node: str, rec: Mapping[str, Any], samples: Sequence[Mention]
) -> list[Triple]:
    p = _p
    out: list[Triple] = [
        (node, TYPE, p("Edge")),
        (node, p("edgeSource"), f"<{rec['source']}>"),
        (node, p("edgeRelation"), f"<{rec['relation']}>"),
        (node, p("edgeTarget"), f"<{rec['target']}>"),
        (node, p("mentionCount"), _lit_int(rec["mentions"])),
        (node, p("articleCount"), _lit_int(rec["articles"])),
        (node, p("sourceCount"), _lit_int(rec["sources"])),
        (node, p("eventCount"), _lit_int(rec["event_count"])),
        (node, p("assertedCount"), _lit_int(rec["asserted"])),
        (node, p("negatedCount"), _lit_int(rec["negated"])),
        (node, p("edgeRecord"), _record(rec)),
    ]
    if rec["first"]:
        out.append((node, p("firstDate"), f'"{rec["first"]}"{_DATE}'))
        out.append((node, p("lastDate"), f'"{rec["last"]}"{_DATE}'))
    if str(rec["quad_class"]).isdigit():
        out.append((node, p("quadClass"), _lit_int(int(rec["quad_class"]))))
    out.extend((node, p("sample"), f"<{m.iri}>") for m in samples[:SAMPLES])
    return out


def _event_triples(edge: str, mentions: Sequence[Mention]) -> list[Triple]:
    first, p = mentions[0], _p
    node = f"<{DERIVED}event/{sha256(first.iri)[:32]}>"
    days = sorted({m.day for m in mentions if m.day})
    out: list[Triple] = [
        (node, TYPE, p("NewsEvent")),
        (node, p("edge"), edge),
        (node, p("polarity"), quote("negative" if first.negated else "positive")),
        (node, p("mentionCount"), _lit_int(len(mentions))),
        (node, p("articleCount"), _lit_int(len({m.article for m in mentions}))),
        (node, p("sourceCount"), _lit_int(len({m.publisher for m in mentions}))),
    ]
    if days:
        out.append((node, p("firstDate"), f'"{days[0]}"{_DATE}'))
        out.append((node, p("lastDate"), f'"{days[-1]}"{_DATE}'))
    out.extend((node, p("mention"), f"<{m.iri}>") for m in mentions)
    return out


def dyad_triples(
    mentions: Sequence[Mention], window: int
) -> tuple[list[Triple], list[dict[str, Any]]]:
    """The derived triples of one dyad's mentions (its edges and their events),
    and the record of each edge."""
    by_edge: dict[str, list[Mention]] = {}
    for m in mentions:
        by_edge.setdefault(m.relation, []).append(m)
    out: list[Triple] = []
    records = []
    for relation, group in sorted(by_edge.items()):
        group.sort(key=lambda m: m.key)
        first = group[0]
        key = f"{first.source} {relation} {first.target}"
        node = f"<{DERIVED}edge/{sha256(key)[:32]}>"
        keys = event_keys([(m.negated, m.day, m.article) for m in group], window)
        events: dict[int, list[Mention]] = {}
        for k, m in zip(keys, group, strict=True):
            events.setdefault(k, []).append(m)
        rec = edge_record(group, len(events))
        rec["positive_events"] = sum(not ms[0].negated for ms in events.values())
        records.append(rec)
        asserted = [m for m in group if m.asserted]
        out.extend(_edge_triples(node, rec, group))
        out.append((node, _p("assertedArticleCount"),
                    _lit_int(len({m.article for m in asserted}))))  # fmt: skip
        out.append((node, _p("assertedEventCount"),
                    _lit_int(sum(any(m.asserted for m in ms)
                                 for ms in events.values()))))  # fmt: skip
        for members in events.values():
            out.extend(_event_triples(node, members))
    return out, records


# ---------------------------------------------------------------------- state
def _state(dataset: Graph) -> dict[str, str]:
    """The derived state: ``state`` (fresh or stale) and ``window`` (days)."""
    out: dict[str, str] = {}
    if not isinstance(dataset, ConjunctiveGraph):  # a plain graph: no named graphs
        return out
    for key, prop in (("state", "derivedState"), ("window", "eventWindow")):
        found = values_of(dataset, [(STATE, STATE)], _KG + prop)
        if STATE in found:
            out[key] = found[STATE]
    return out


def _set_state(dataset: Graph, state: str, window: int) -> None:
    update(
        dataset,
        f"DROP SILENT GRAPH <{STATE}> ;\n"
        f"INSERT DATA {{ GRAPH <{STATE}> {{ <{STATE}> {_p('derivedState')} "
        f"{quote(state)} ; {_p('eventWindow')} {_lit_int(window)} }} }}",
    )


def is_fresh(dataset: Graph) -> bool:
    """Whether the derived graphs hold every article graph of the store."""
    return _state(dataset).get("state") == "fresh"


def event_window(dataset: Graph) -> int:
    """The event window the store's derived data uses (else the default)."""
    try:
        return int(_state(dataset).get("window", DEFAULT_WINDOW))
    except ValueError:
        return DEFAULT_WINDOW


def read_records(dataset: Graph, prop: str) -> Iterator[dict[str, Any]]:
    """The JSON records (``kg:edgeRecord``, ``kg:actorRecord``) of the store."""
    for row in _select_rows(dataset, "?r", f"?x {_p(prop)} ?r"):
        yield json.loads(row["r"])


# -------------------------------------------------------------------- refresh
def refresh(
    dataset: Graph,
    dyads: Iterable[tuple[str, str]] | None = None,
    *,
    window: int = DEFAULT_WINDOW,
    articles: Mapping[str, int] | None = None,
) -> int:
    """Recompute the derived graphs of some dyads (None: of every dyad), of
    their actors, and the relation summaries.

    The graphs are dropped and written again in one write
    (:func:`kg.rdf.store.write_graphs`), then the state is set fresh.

    Args:
        dataset: The store.
        dyads: (source IRI, target IRI) pairs; None recomputes everything.
        window: The event window in days.
        articles: With ``dyads``: per relation IRI, the article graphs written
            minus those dropped that mention it (:class:`Derived` counts them).

    Returns:
        The number of dyad graphs written.
    """
    from kg.rdf.summaries import (
        actor_summaries,
        relation_summaries,
        stored_edge_records,
    )

    if window < 0:
        raise KGError(f"bad event window {window}; expected 0 or more days")
    everything = dyads is None
    touched = None if dyads is None else sorted(set(dyads))
    by_dyad: dict[tuple[str, str], list[Mention]] = {}
    for m in read_mentions(dataset, touched):
        by_dyad.setdefault((m.source, m.target), []).append(m)
    graphs: dict[str, list[Triple]] = {}
    records: list[dict[str, Any]] = []
    for (s, t), ms in by_dyad.items():
        graphs[dyad_graph(s, t)], recs = dyad_triples(ms, window)
        records.extend(recs)
    if everything:
        drop = _derived_graphs(dataset)
        actors = None
    else:
        drop = [dyad_graph(s, t) for s, t in touched or ()]
        actors = {a for pair in touched or () for a in pair}
    summaries = actor_summaries(dataset, records, actors, set(touched or ()))
    for actor, triples in summaries.items():
        graphs[actor_graph(actor)] = triples
    drop += [actor_graph(a) for a in actors or ()]
    if everything:
        pairs = {(m.relation, m.article) for ms in by_dyad.values() for m in ms}
        per_relation = Counter(rel for rel, _ in pairs)
        graphs[RELATIONS] = relation_summaries(
            dataset, records, None, per_relation, delta=False
        )
    else:
        old = stored_edge_records(dataset, drop)
        graphs[RELATIONS] = relation_summaries(
            dataset, records, old, articles or {}, delta=True
        )
    drop.append(RELATIONS)
    if graphs or drop:
        write_graphs(dataset, graphs, drop=drop)
    _set_state(dataset, "fresh", window)
    return len(by_dyad)


def _derived_graphs(dataset: Graph) -> list[str]:
    text = (
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?x a ?c } "
        f'FILTER(STRSTARTS(STR(?g), "{DERIVED}dyad/") '
        f'|| STRSTARTS(STR(?g), "{DERIVED}actor/") || ?g = <{RELATIONS}>) }}'
    )
    _, rows = select(dataset, text)
    return [g for (g,) in rows if g]


# -------------------------------------------------------------------- a build
@dataclass
class Derived:
    """What one build touched, and the derived step at its end.

    :meth:`begin` is called before the build's first write (it marks the derived
    data stale), :meth:`touch_triples` and :meth:`touch_graphs` with each graph
    written or dropped, and :meth:`finish` once after the last batch.

    Args:
        dataset: The store.
        window: The event window in days (None: the store's, else the default).
    """

    dataset: Graph
    window: int | None = None
    dyads: set[tuple[str, str]] = field(default_factory=set)
    articles: Counter[str] = field(default_factory=Counter)
    _begun: bool = False
    _everything: bool = False

    def __post_init__(self) -> None:
        if self.window is not None and self.window < 0:
            raise KGError(f"bad event window {self.window}; expected 0 or more days")

    def begin(self) -> None:
        """Mark the derived data stale before the first write of a build."""
        if self._begun:
            return
        self._begun = True
        state = _state(self.dataset)
        window = self._window(state)
        self._everything = state.get("state") != "fresh" or state.get("window") != str(
            window
        )
        _set_state(self.dataset, "stale", window)

    def _window(self, state: Mapping[str, str]) -> int:
        if self.window is not None:
            return self.window
        try:
            return int(state.get("window", DEFAULT_WINDOW))
        except ValueError:
            return DEFAULT_WINDOW

    def touch_triples(self, triples: Iterable[Triple]) -> None:
        """Note the dyads of the events among the triples of a new graph."""
        ends: dict[str, list[str]] = {}
        relations: set[str] = set()
        src, tgt, rel = _p("source"), _p("target"), _p("relation")
        for s, p, o in triples:
            if p in (src, tgt):
                ends.setdefault(s, ["", ""])[p == tgt] = o[1:-1]
            elif p == rel:
                relations.add(o[1:-1])
        self.dyads.update((s, t) for s, t in ends.values() if s and t)
        self.articles.update(relations)

    def touch_graphs(self, graphs: Sequence[str]) -> None:
        """Note the dyads of the events of graphs about to be dropped."""
        for i in range(0, len(graphs), _CHUNK):
            names = " ".join(f"<{g}>" for g in graphs[i : i + _CHUNK])
            text = (
                f"SELECT DISTINCT ?s ?t WHERE {{ VALUES ?g {{ {names} }} GRAPH ?g "
                f"{{ ?e a {_p('Event')} ; {_p('source')} ?s ; {_p('target')} ?t }} }}"
            )
            _, rows = select(self.dataset, text)
            self.dyads.update((s, t) for s, t in rows if s and t)
            text = (
                f"SELECT DISTINCT ?g ?r WHERE {{ VALUES ?g {{ {names} }} GRAPH ?g "
                f"{{ ?e a {_p('Event')} ; {_p('relation')} ?r }} }}"
            )
            _, rows = select(self.dataset, text)
            self.articles.subtract(r for _, r in rows if r)

    def finish(self) -> int:
        """Recompute what the build touched (everything after a failed build).

        Returns:
            The number of dyad graphs written.
        """
        state = _state(self.dataset)
        window = self._window(state)
        if not self._begun:
            if state.get("state") == "fresh" and state.get("window") == str(window):
                return 0
            self._everything = True
        dyads = None if self._everything else sorted(self.dyads)
        n = refresh(self.dataset, dyads, window=window, articles=self.articles)
        log.info("derived edges and events: %d dyad graphs written", n)
        return n


def count_all(dataset: Graph) -> int:
    """The number of events (``kg:NewsEvent``) in the store's derived data."""
    return sum(rec["event_count"] for rec in read_records(dataset, "edgeRecord"))


def top_edges(dataset: Graph, top: int = 10) -> list[dict[str, Any]]:
    """The edges with the most events (not negated), for the build summary.

    Returns:
        Dicts with ``source`` and ``target`` (labels), ``relation`` (name),
        ``count`` (events) and ``evidence`` (the sentence of its first mention).
    """
    from kg.rdf.summaries import choose, local_id, read_summaries

    labels = {
        iri: choose(local_id(iri), rec["facts"])["label"]
        for iri, rec in read_summaries(dataset).items()
    }
    rows = []
    for rec in read_records(dataset, "edgeRecord"):
        n = rec.get("positive_events", 0)
        if n:
            rows.append({
                "source": labels.get(rec["source"], local_id(rec["source"])),
                "relation": rec["relation"].rsplit("#", 1)[-1],
                "target": labels.get(rec["target"], local_id(rec["target"])),
                "count": n, "first": rec["first_event"].rsplit("\t", 1)[-1],
            })  # fmt: skip
    rows.sort(key=lambda r: (-r["count"], r["source"], r["relation"], r["target"]))
    rows = rows[:top]
    found: dict[str, str] = {}
    if rows:
        names = " ".join(f"<{r['first']}>" for r in rows)
        text = (
            f"SELECT ?e ?ev WHERE {{ VALUES ?e {{ {names} }} "
            f"GRAPH ?g {{ ?e {_p('evidence')} ?ev }} }}"
        )
        _, found_rows = select(dataset, text)
        found = {e: ev for e, ev in found_rows if e}
    for r in rows:
        r["evidence"] = found.get(r.pop("first"), "")
    return rows


__all__ = [
    "DEFAULT_WINDOW",
    "count_all",
    "top_edges",
    "DERIVED",
    "Derived",
    "Mention",
    "actor_graph",
    "count_events",
    "dyad_graph",
    "dyad_triples",
    "edge_record",
    "event_keys",
    "event_window",
    "is_fresh",
    "read_mentions",
    "read_records",
    "refresh",
]
