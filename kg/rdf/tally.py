"""What a refresh of the derived data counts and groups, on disk.

:class:`Tally` holds, in a private SQLite file (deleted when it is closed; SQLite
keeps a few MiB of it in memory), everything of a refresh that grows with the
corpus: per actor its new edges, mentions and events; the distinct (relation,
article) pairs of the mentions; and, for a refresh of every dyad, the mentions
themselves (grouped by dyad on disk instead of in memory), the articles, the
actors' facts and the number of article graphs about each actor; and the new
counts of each dyad, by page (:mod:`kg.rdf.pages`). Only the
relation sums (a few dozen relations) are kept in memory. The file goes to the
temporary directory (``$SQLITE_TMPDIR``, else ``$TMPDIR``, else ``/tmp``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from rdflib import Graph

from kg.rdf.pages import dyad_key, page_graph
from kg.rdf.reading import (
    ARTICLE_KEYS,
    Mention,
    article_rows,
    make_mention,
    mention_rows,
    query_rows,
)
from kg.rdf.summaries import (
    ACTOR_PROPS,
    about_query,
    add_relation_records,
    fact_query,
    stored_relations,
)

_TABLES = """
CREATE TABLE actor (a TEXT PRIMARY KEY, edges INT, mentions INT, events INT);
CREATE TABLE pair (rel TEXT, art TEXT, PRIMARY KEY (rel, art)) WITHOUT ROWID;
CREATE TABLE mention (e TEXT PRIMARY KEY, s TEXT, t TEXT, art TEXT, row TEXT);
CREATE TABLE article (iri TEXT PRIMARY KEY, id TEXT, date TEXT, url TEXT, pub TEXT);
CREATE TABLE fact (a TEXT, k TEXT, v TEXT, PRIMARY KEY (a, k, v)) WITHOUT ROWID;
CREATE TABLE about (a TEXT PRIMARY KEY, n INT);
CREATE TABLE counts (page TEXT, dyad TEXT, counts TEXT, PRIMARY KEY (page, dyad))
    WITHOUT ROWID;
"""
#: The article fields kept (as the mentions' reader names them), and the row
#: variables they are read from.
_ARTICLE_COLUMNS = tuple(key for key, _ in ARTICLE_KEYS)
_ARTICLE_VARS = tuple(var for _, var in ARTICLE_KEYS)
#: Keep the smallest non-empty value of an article field (as a dict of the
#: mentions' reader would).
_SMALLEST = ", ".join(
    f"{c} = CASE WHEN excluded.{c} IS NOT NULL AND ({c} IS NULL OR excluded.{c} < {c})"
    f" THEN excluded.{c} ELSE {c} END"
    for c in _ARTICLE_COLUMNS
)


class Tally:
    """The on-disk counts of one refresh (see the module docstring).

    Args:
        dataset: The store.
        delta: Count on from the stored relation summaries (a refresh of some
            dyads) instead of afresh.
    """

    def __init__(self, dataset: Graph, *, delta: bool) -> None:
        self.dataset = dataset
        self.db = sqlite3.connect("")  # "": a temporary file, deleted on close
        self.db.executescript(_TABLES)
        self.relations = stored_relations(dataset) if delta else {}
        self._facts_read = False

    def close(self) -> None:
        """Delete the file."""
        self.db.close()

    def __enter__(self) -> Tally:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -------------------------------------------------------------- counts
    def actors(self, actors: Iterable[str]) -> None:
        """Note actors whose summaries are rewritten (a touched dyad's ends)."""
        self.db.executemany(
            "INSERT OR IGNORE INTO actor VALUES (?, 0, 0, 0)", ((a,) for a in actors)
        )

    def records(self, records: Sequence[Mapping[str, Any]]) -> None:
        """Count new edge records for their relation and both their actors."""
        add_relation_records(self.relations, records, 1)
        self.db.executemany(
            "INSERT INTO actor VALUES (?, 1, ?, ?) ON CONFLICT (a) DO UPDATE SET "
            "edges = edges + 1, mentions = mentions + excluded.mentions, "
            "events = events + excluded.events",
            ((a, r["mentions"], r["event_count"])
             for r in records for a in {r["source"], r["target"]}),
        )  # fmt: skip

    def pairs(self, mentions: Iterable[Mention]) -> None:
        """Note the (relation, article) of mentions."""
        self.db.executemany(
            "INSERT OR IGNORE INTO pair VALUES (?, ?)",
            ((m.relation, m.article) for m in mentions),
        )

    def articles(self) -> dict[str, int]:
        """The articles per relation IRI among the noted pairs."""
        rows = self.db.execute("SELECT rel, COUNT(*) FROM pair GROUP BY rel")
        return {rel: int(n) for rel, n in rows}

    def actor_chunks(self, size: int) -> Iterator[dict[str, tuple[int, int, int]]]:
        """The noted actors, ``size`` at a time: (edges, mentions, events) each."""
        cursor = self.db.execute(
            "SELECT a, edges, mentions, events FROM actor ORDER BY a"
        )
        while rows := cursor.fetchmany(size):
            yield {a: (e, m, n) for a, e, m, n in rows}

    def dyad_counts(self, graph: str, counts: Sequence[Sequence[Any]]) -> None:
        """Note the new ``kg:dyadCounts`` of a dyad (its graph IRI) for its page."""
        key = dyad_key(graph)
        self.db.execute(
            "INSERT OR REPLACE INTO counts VALUES (?, ?, ?)",
            (page_graph(key), key, json.dumps(counts, ensure_ascii=False)),
        )

    def pages(self) -> Iterator[str]:
        """The pages (graph IRIs) with new counts, in order."""
        return (p for (p,) in self.db.execute("SELECT DISTINCT page FROM counts"))

    def page(self, page: str) -> dict[str, Any]:
        """The new counts of a page's dyads, by dyad key."""
        rows = self.db.execute(
            "SELECT dyad, counts FROM counts WHERE page = ? ORDER BY dyad", (page,)
        )
        return {key: json.loads(counts) for key, counts in rows}

    # ------------------------------------------------------ every mention
    def dyads(self, size: int) -> Iterator[dict[tuple[str, str], list[Mention]]]:
        """Every mention of the store, grouped by dyad, ``size`` dyads at a time.

        The mentions and the articles are streamed from the store to disk,
        then read back in dyad order (an event matched twice counts once, as
        the first row says; an article field is its smallest value).
        """
        self.db.executemany(
            "INSERT OR IGNORE INTO mention VALUES (?, ?, ?, ?, ?)",
            ((r["e"], r["s"] or "", r["t"] or "", r["art"], json.dumps(r))
             for r in mention_rows(self.dataset)),
        )  # fmt: skip
        self.db.executemany(
            f"INSERT INTO article VALUES (?, ?, ?, ?, ?) ON CONFLICT (iri) DO UPDATE "
            f"SET {_SMALLEST}",
            ((r["art"], *(r[v] or None for v in _ARTICLE_VARS))
             for r in article_rows(self.dataset)),
        )  # fmt: skip
        self.db.execute("CREATE INDEX mention_dyad ON mention (s, t)")
        cursor = self.db.execute(
            "SELECT m.s, m.t, m.row, a.id, a.date, a.url, a.pub FROM mention m "
            "LEFT JOIN article a ON a.iri = m.art ORDER BY m.s, m.t"
        )
        chunk: dict[tuple[str, str], list[Mention]] = {}
        for s, t, row, *values in cursor:
            if (s, t) not in chunk and len(chunk) >= size:
                yield chunk
                chunk = {}
            art = {k: v for k, v in zip(_ARTICLE_COLUMNS, values, strict=True) if v}
            chunk.setdefault((s, t), []).append(make_mention(json.loads(row), art))
        if chunk:
            yield chunk

    # --------------------------------------------------------- every actor
    def read_facts(
        self, actors: Sequence[str]
    ) -> tuple[dict[str, dict[str, set[str]]], dict[str, int]]:
        """The facts of some actors and the article graphs about each, as
        :func:`kg.rdf.summaries.read_facts` gives them, from the copy of every
        actor's facts this tally takes from the store (once, at the first call).
        """
        if not self._facts_read:
            self._read_all_facts()
        facts: dict[str, dict[str, set[str]]] = {}
        articles: dict[str, int] = {}
        for actor in actors:
            for k, v in self.db.execute("SELECT k, v FROM fact WHERE a = ?", (actor,)):
                facts.setdefault(actor, {}).setdefault(k, set()).add(v)
            n = self.db.execute("SELECT n FROM about WHERE a = ?", (actor,)).fetchone()
            if n:
                articles[actor] = n[0]
        return facts, articles

    def _read_all_facts(self) -> None:
        self._facts_read = True
        self.db.executemany(
            "INSERT OR IGNORE INTO fact VALUES (?, ?, ?)",
            ((r["a"] or "", ACTOR_PROPS[r["p"] or ""], r["v"] or "")
             for r in query_rows(self.dataset, fact_query(""))),
        )  # fmt: skip
        self.db.executemany(
            "INSERT INTO about VALUES (?, ?)",
            ((r["a"] or "", int(r["n"] or 0))
             for r in query_rows(self.dataset, about_query(""))),
        )  # fmt: skip


__all__ = ["Tally"]
