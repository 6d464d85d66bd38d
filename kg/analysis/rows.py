"""Rows for printing and files: the edge list of an actor graph, and text tables.

:func:`edge_rows` is the one edge list of kg: ``kg analyze --measure ego`` prints
it and ``kg export --format csv`` writes it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx

from kg.tables import format_table as aligned_table
from kg.vocab import QUAD_NAMES


def edge_rows(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """The edges of an actor graph as rows, without their event lists.

    Each row: ``source``, ``source_label``, ``relation``, ``target``,
    ``target_label``, ``quad_class``, ``mentions``, ``event_count`` (None when not
    counted), ``articles``, ``asserted``, ``negated``, ``first``, ``last`` and
    ``evidence``. The most mentioned edges (with the most events, when the graph
    counts events: :func:`kg.analysis.graph.counted`) come first, then those in
    the most articles, then by source, relation, target.

    Examples:
        >>> G = nx.MultiDiGraph()
        >>> G.add_edge("A", "B", key="aids", relation="aids", mentions=2)
        'aids'
        >>> row = edge_rows(G)[0]
        >>> row["relation"], row["source_label"]
        ('aids', 'A')
    """
    by = "event_count" if G.graph.get("count") == "events" else "mentions"
    labels = dict(G.nodes(data="label"))
    rows = [edge_row(u, v, key, d, labels)
            for u, v, key, d in G.edges(keys=True, data=True)]  # fmt: skip
    rows.sort(key=lambda r: row_order(r, by))
    return rows


def edge_row(
    u: str, v: str, key: str, d: Mapping[str, Any], labels: Mapping[str, Any]
) -> dict[str, Any]:
    """The row of :func:`edge_rows` of one edge (``u``, ``v``, ``key``, its
    attributes ``d``), its ends labelled from ``labels`` (actor id -> label).

    Examples:
        >>> edge_row("A", "B", "aids", {"mentions": 2}, {"A": "Aland"})["source_label"]
        'Aland'
    """
    return {
        "source": u, "source_label": labels.get(u) or u,
        "relation": d.get("relation", key),
        "target": v, "target_label": labels.get(v) or v,
        "quad_class": d.get("quad_class"),
        "mentions": d.get("mention_count", d.get("mentions", 1)),
        "event_count": d.get("event_count"), "articles": d.get("articles"),
        "asserted": d.get("asserted"),
        "negated": d.get("negated"), "first": d.get("first"), "last": d.get("last"),
        "evidence": [dict(e) for e in d.get("evidence", ())],
    }  # fmt: skip


def row_order(row: Mapping[str, Any], by: str = "mentions") -> tuple:
    """The sort key of :func:`edge_rows`: the most mentions (or events: ``by``
    is ``event_count``) first, then the most articles, then by source, relation,
    target. An aggregated edge dict (:func:`kg.analysis.graph.aggregated_edges`)
    has the keys it reads, so its rows can be chosen before they are made.

    Examples:
        >>> rows = [{"source": "A", "relation": "aids", "target": "B",
        ...          "mentions": 1, "articles": 1},
        ...         {"source": "C", "relation": "aids", "target": "B",
        ...          "mentions": 2, "articles": 1}]
        >>> [r["source"] for r in sorted(rows, key=row_order)]
        ['C', 'A']
    """
    return (-(row[by] or 0), -(row["articles"] or 0), str(row["source"]),
            row["relation"], str(row["target"]))  # fmt: skip


def quad_name(quad: int | None) -> str:
    """The name of a quad class (``materialCooperation``), or ``unclassified``.

    Examples:
        >>> quad_name(2), quad_name(None)
        ('materialCooperation', 'unclassified')
    """
    return QUAD_NAMES.get(quad or 0, "unclassified")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}"
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return str(value)


def _numeric(rows: Sequence[Mapping[str, Any]], column: str) -> bool:
    values = [r.get(column) for r in rows if r.get(column) is not None]
    return all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)


def format_table(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None
) -> str:
    """Rows as an aligned text table (numbers right-aligned, floats 4 digits).

    Examples:
        >>> print(format_table([{"id": "US", "pagerank": 0.25}, {"id": "HTS",
        ...     "pagerank": 0.125}]))
        id   pagerank
        ---  --------
        US     0.2500
        HTS    0.1250
    """
    if not rows:
        return "(no rows)"
    columns = list(columns or rows[0].keys())
    right = {i for i, c in enumerate(columns) if _numeric(rows, c)}
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    return aligned_table(columns, cells, right=right)


__all__ = ["edge_row", "edge_rows", "format_table", "quad_name", "row_order"]
