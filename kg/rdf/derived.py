"""The derived data of a store: its state, and its refresh at the end of a build.

:func:`refresh` recomputes the derived graphs (:mod:`kg.rdf.events`: a
``kg:Edge`` per edge and a ``kg:NewsEvent`` per event in one graph per dyad;
:mod:`kg.rdf.pages`: the dyads' counts by page; :mod:`kg.rdf.summaries`: actor
and relation summaries) of some dyads, or of all,
in memory that does not grow with the corpus: :data:`DYADS` dyads at a time,
the graphs staged to disk (:mod:`kg.rdf.staging`) and the counts the summaries
need kept on disk (:mod:`kg.rdf.tally`) until one load at the end.
:class:`Derived` follows one build: what it touched (at most :data:`TOUCHED`
dyads; past that it recomputes every dyad), and the refresh at its end.
The state node ``<https://w3id.org/kg-news/derived/state>`` says ``stale`` from a
build's first write until its derived graphs are written, so a killed build leaves
it stale, readers fall back to grouping the mentions (:func:`is_fresh`), and the
next build recomputes every dyad; it also keeps the event window (days).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rdflib import ConjunctiveGraph, Graph

from kg.rdf.events import (
    DEFAULT_WINDOW,
    DERIVED,
    actor_graph,
    dyad_graph,
    dyad_triples,
    lit_int,
)
from kg.rdf.namespaces import ACTOR, KG
from kg.rdf.nquads import Triple, quote
from kg.rdf.pages import (
    PAGE,
    dyad_counts,
    dyad_key,
    page_graph,
    page_triples,
    stored_page,
)
from kg.rdf.reading import (
    Mention,
    kg_term,
    local_name,
    read_mentions,
    read_records,
    values_blocks,
)
from kg.rdf.staging import Staged
from kg.rdf.store import select, update, values_of
from kg.rdf.summaries import (
    actor_summaries,
    add_relation_records,
    relation_triples,
    stored_edge_records,
)
from kg.rdf.tally import Tally
from kg.types import KGError

log = logging.getLogger("kg")
_KG = str(KG._NS)
_ACTOR = str(ACTOR)

#: The named graph and node that say whether the derived graphs are up to date.
STATE = DERIVED + "state"
#: The named graph of the relation summaries.
RELATIONS = DERIVED + "relations"
#: Dyads whose mentions a refresh holds in memory at a time.
DYADS = 1000
#: Touched dyads a build remembers; past this many its refresh recomputes every
#: dyad instead (which holds no list of dyads).
TOUCHED = 100_000


# ---------------------------------------------------------------------- state
#: The version of the derived graphs' shape (``kg:derivedFormat``): derived graphs
#: of another version are stale. 2: edges carry ``kg:edgeCounts``; 3: each dyad
#: carries ``kg:dyadCounts`` instead (with the quad class and asserted mentions);
#: 4: each edge carries ``kg:dayCounts`` (its mentions per day and polarity);
#: 5: ``kg:dyadCounts`` also holds what the edge listings show (publishers,
#: negated mentions, articles and events of the asserted mentions); 6: each edge
#: carries ``kg:mentionRows`` (every field of each of its mentions); 7: the
#: dyads' counts are also kept in pages (``kg:pageCounts``, :mod:`kg.rdf.pages`).
FORMAT = "7"


def _state(dataset: Graph) -> dict[str, str]:
    """The derived state: ``state`` (fresh or stale), ``window`` (days) and
    ``format`` (:data:`FORMAT`)."""
    out: dict[str, str] = {}
    if not isinstance(dataset, ConjunctiveGraph):  # a plain graph: no named graphs
        return out
    props = (("state", "derivedState"), ("window", "eventWindow"),
             ("format", "derivedFormat"))  # fmt: skip
    for key, prop in props:
        found = values_of(dataset, [(STATE, STATE)], _KG + prop)
        if STATE in found:
            out[key] = found[STATE]
    return out


def _set_state(dataset: Graph, state: str, window: int) -> None:
    update(
        dataset,
        f"DROP SILENT GRAPH <{STATE}> ;\n"
        f"INSERT DATA {{ GRAPH <{STATE}> {{ <{STATE}> {kg_term('derivedState')} "
        f"{quote(state)} ; {kg_term('eventWindow')} {lit_int(window)} ; "
        f"{kg_term('derivedFormat')} {quote(FORMAT)} }} }}",
    )


def _current(state: Mapping[str, str]) -> bool:
    """Whether a derived state is fresh and of this version's shape."""
    return state.get("state") == "fresh" and state.get("format") == FORMAT


def is_fresh(dataset: Graph) -> bool:
    """Whether the derived graphs hold every article graph of the store, in this
    version's shape."""
    return _current(_state(dataset))


def _state_window(state: Mapping[str, str]) -> int:
    """The event window of a derived state (else the default)."""
    try:
        return int(state.get("window", DEFAULT_WINDOW))
    except ValueError:
        return DEFAULT_WINDOW


def _fresh(state: Mapping[str, str], window: int) -> bool:
    """Whether a derived state is fresh, of this shape and uses this event window."""
    return _current(state) and state.get("window") == str(window)


def event_window(dataset: Graph) -> int:
    """The event window the store's derived data uses (else the default)."""
    return _state_window(_state(dataset))


# -------------------------------------------------------------------- refresh
def refresh(
    dataset: Graph,
    dyads: Iterable[tuple[str, str]] | None = None,
    *,
    window: int = DEFAULT_WINDOW,
    articles: Mapping[str, int] | None = None,
    chunk: int | None = None,
) -> int:
    """Recompute the derived graphs of some dyads (None: of every dyad), of
    their actors, and the relation summaries, in bounded memory.

    The dyads are taken ``chunk`` at a time: their mentions are read (for
    every dyad: grouped on disk first), their graphs computed and staged to
    disk (:class:`kg.rdf.staging.Staged`), and what the summaries need of them
    counted on disk (:class:`kg.rdf.tally.Tally`); then the actor summaries,
    ``chunk`` actors at a time, and the relation summaries. Nothing is written
    until all is staged; then the old graphs are dropped and the staged ones
    loaded in one step, which the state brackets: ``stale`` from before the
    first drop until the last load, then ``fresh``. A refresh that fails or is
    killed leaves the store as before or stale (readers fall back to grouping
    the mentions, and the next build recomputes every dyad). The graphs do not
    depend on ``chunk``.

    Args:
        dataset: The store.
        dyads: (source IRI, target IRI) pairs; None recomputes everything.
        window: The event window in days.
        articles: With ``dyads``: per relation IRI, the article graphs written
            minus those dropped that mention it (:class:`Derived` counts them).
        chunk: Dyads (and actors) whose data is held in memory at a time
            (default :data:`DYADS`).

    Returns:
        The number of dyad graphs written.
    """
    if window < 0:
        raise KGError(f"bad event window {window}; expected 0 or more days")
    chunk = DYADS if chunk is None else chunk
    if chunk < 1:
        raise KGError(f"bad chunk size {chunk}; expected 1 or more dyads")
    touched = None if dyads is None else set(dyads)
    if _state(dataset).get("state") != "stale":
        _set_state(dataset, "stale", window)
    with Tally(dataset, delta=touched is not None) as tally, Staged(dataset) as stage:
        n = _stage_dyads(dataset, stage, tally, touched, window, chunk)
        _stage_pages(dataset, stage, tally, touched)
        facts = tally.read_facts if touched is None else None
        for counts in tally.actor_chunks(chunk):
            summaries = actor_summaries(dataset, counts, touched, facts=facts)
            for actor, triples in summaries.items():
                stage.add(actor_graph(actor), triples)
            if touched is not None:
                stage.drop(actor_graph(a) for a in counts)
        per_relation = tally.articles() if touched is None else articles or {}
        stage.add(RELATIONS, relation_triples(
            tally.relations, per_relation, delta=touched is not None))  # fmt: skip
        stage.drop([RELATIONS] if touched is not None else _derived_graphs(dataset))
        stage.commit()
    _set_state(dataset, "fresh", window)
    return n


def _stage_dyads(
    dataset: Graph,
    stage: Staged,
    tally: Tally,
    touched: set[tuple[str, str]] | None,
    window: int,
    chunk: int,
) -> int:
    """Stage the graphs of the dyads, ``chunk`` at a time, and count their records.

    Every dyad (``touched`` None): the mentions grouped on disk by
    :meth:`Tally.dyads`. Touched dyads: their mentions read from the store; their
    stored records leave the relation sums, their actors are noted, and their
    graphs staged to be dropped.
    """
    if touched is None:
        return sum(_stage_chunk(stage, tally, by_dyad, window, pairs=True)
                   for by_dyad in tally.dyads(chunk))  # fmt: skip
    n = 0
    todo = sorted(touched)
    for i in range(0, len(todo), chunk):
        dyads = todo[i : i + chunk]
        by_dyad: dict[tuple[str, str], list[Mention]] = {}
        for m in read_mentions(dataset, dyads):
            by_dyad.setdefault((m.source, m.target), []).append(m)
        n += _stage_chunk(stage, tally, by_dyad, window, pairs=False)
        graphs = [dyad_graph(s, t) for s, t in dyads]
        add_relation_records(tally.relations, stored_edge_records(dataset, graphs), -1)
        tally.actors(a for pair in dyads for a in pair)
        stage.drop(graphs)
    return n


def _stage_chunk(
    stage: Staged,
    tally: Tally,
    by_dyad: Mapping[tuple[str, str], list[Mention]],
    window: int,
    *,
    pairs: bool,
) -> int:
    """Stage the graphs of some dyads' mentions and count their records (and,
    with ``pairs``, their (relation, article) pairs); return how many."""
    records: list[dict[str, Any]] = []
    for (s, t), ms in by_dyad.items():
        triples, recs, counts = dyad_triples(ms, window)
        graph = dyad_graph(s, t)
        stage.add(graph, triples)
        tally.dyad_counts(graph, counts)
        records += recs
    tally.records(records)
    if pairs:
        tally.pairs(m for ms in by_dyad.values() for m in ms)
    return len(by_dyad)


def _stage_pages(
    dataset: Graph, stage: Staged, tally: Tally, touched: set[tuple[str, str]] | None
) -> None:
    """Stage the pages of the dyads' counts (:mod:`kg.rdf.pages`): every page
    afresh, or the pages of the touched dyads, each stored page with their
    counts replaced (a page left empty is dropped), one page at a time."""
    if touched is None:
        for page in tally.pages():
            stage.add(page, page_triples(page, tally.page(page)))
        return
    keys: dict[str, set[str]] = {}
    for s, t in touched:
        key = dyad_key(dyad_graph(s, t))
        keys.setdefault(page_graph(key), set()).add(key)
    for page in sorted(keys):
        counts = stored_page(dataset, page)
        for key in keys[page]:
            counts.pop(key, None)
        counts.update(tally.page(page))
        if counts:
            stage.add(page, page_triples(page, counts))
    stage.drop(sorted(keys))


def _derived_graphs(dataset: Graph) -> Iterator[str]:
    text = (
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?x a ?c } "
        f'FILTER(STRSTARTS(STR(?g), "{DERIVED}dyad/") '
        f'|| STRSTARTS(STR(?g), "{PAGE}") '
        f'|| STRSTARTS(STR(?g), "{DERIVED}actor/") || ?g = <{RELATIONS}>) }}'
    )
    _, rows = select(dataset, text)
    return (g for (g,) in rows if g)


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
        self._everything = not _fresh(state, window)
        _set_state(self.dataset, "stale", window)

    def _window(self, state: Mapping[str, str]) -> int:
        return _state_window(state) if self.window is None else self.window

    def touch_triples(self, triples: Iterable[Triple]) -> None:
        """Note the dyads of the events among the triples of a new graph."""
        if self._everything:  # every dyad is recomputed: nothing to remember
            return
        ends: dict[str, list[str]] = {}
        relations: set[str] = set()
        src, tgt, rel = kg_term("source"), kg_term("target"), kg_term("relation")
        for s, p, o in triples:
            if p in (src, tgt):
                ends.setdefault(s, ["", ""])[p == tgt] = o[1:-1]
            elif p == rel:
                relations.add(o[1:-1])
        self.dyads.update((s, t) for s, t in ends.values() if s and t)
        self.articles.update(relations)
        self._bound()

    def _bound(self) -> None:
        """Past :data:`TOUCHED` dyads, forget them and recompute every dyad."""
        if len(self.dyads) > TOUCHED:
            self._everything = True
            self.dyads.clear()
            self.articles.clear()

    def touch_graphs(self, graphs: Sequence[str]) -> None:
        """Note the dyads of the events of graphs about to be dropped."""
        if self._everything:
            return
        for block in values_blocks(["g"], graphs):
            text = (
                f"SELECT DISTINCT ?s ?t WHERE {{ {block} GRAPH ?g "
                f"{{ ?e a {kg_term('Event')} ; {kg_term('source')} ?s ; "
                f"{kg_term('target')} ?t }} }}"
            )
            _, rows = select(self.dataset, text)
            self.dyads.update((s, t) for s, t in rows if s and t)
            text = (
                f"SELECT DISTINCT ?g ?r WHERE {{ {block} GRAPH ?g "
                f"{{ ?e a {kg_term('Event')} ; {kg_term('relation')} ?r }} }}"
            )
            _, rows = select(self.dataset, text)
            self.articles.subtract(r for _, r in rows if r)
        self._bound()

    def finish(self) -> int:
        """Recompute what the build touched (everything after a failed build).

        Returns:
            The number of dyad graphs written.
        """
        state = _state(self.dataset)
        window = self._window(state)
        if not self._begun:
            if _fresh(state, window):
                return 0
            self._everything = True
        dyads = None if self._everything else sorted(self.dyads)
        n = refresh(self.dataset, dyads, window=window, articles=self.articles)
        log.info("derived edges and events: %d dyad graphs written", n)
        return n


def after_update(dataset: Graph) -> None:
    """Recount every derived graph after a SPARQL update changed the store.

    An update may change any article graph, and it does not say which, so every
    dyad is recomputed (with the store's event window).
    """
    if not isinstance(dataset, ConjunctiveGraph):  # a plain graph has none
        return
    log.info("updating the derived edges and events after the update")
    refresh(dataset, window=event_window(dataset))


def event_summary(dataset: Graph, top: int = 10) -> tuple[int, list[dict[str, Any]]]:
    """The number of events (``kg:NewsEvent``) in the store's derived data, and
    the edges with the most events (not negated), for the build summary.

    The edge records are read once for both.

    Returns:
        The number of events, and dicts with ``source`` and ``target``
        (labels), ``relation`` (name), ``count`` (events) and ``evidence`` (the
        sentence of its first mention).
    """
    from kg.rdf.summaries import choose, read_summaries

    labels = {
        iri: choose(local_name(iri, _ACTOR), rec["facts"])["label"]
        for iri, rec in read_summaries(dataset).items()
    }
    rows = []
    events = 0
    for rec in read_records(dataset, "edgeRecord"):
        events += rec["event_count"]
        n = rec.get("positive_events", 0)
        if n:
            rows.append({
                "source": labels.get(rec["source"], local_name(rec["source"], _ACTOR)),
                "relation": rec["relation"].rsplit("#", 1)[-1],
                "target": labels.get(rec["target"], local_name(rec["target"], _ACTOR)),
                "count": n, "first": rec["first_event"].rsplit("\t", 1)[-1],
            })  # fmt: skip
    rows.sort(key=lambda r: (-r["count"], r["source"], r["relation"], r["target"]))
    rows = rows[:top]
    found: dict[str, str] = {}
    if rows:
        names = " ".join(f"<{r['first']}>" for r in rows)
        text = (
            f"SELECT ?e ?ev WHERE {{ VALUES ?e {{ {names} }} "
            f"GRAPH ?g {{ ?e {kg_term('evidence')} ?ev }} }}"
        )
        _, found_rows = select(dataset, text)
        found = {e: ev or "" for e, ev in found_rows if e}
    for r in rows:
        r["evidence"] = found.get(r.pop("first"), "")
    return events, rows


__all__ = [
    "RELATIONS",
    "STATE",
    "Derived",
    "after_update",
    "dyad_counts",
    "event_summary",
    "event_window",
    "is_fresh",
    "read_records",
    "refresh",
]
