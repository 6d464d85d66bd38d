"""The summary of a graph that ``kg build --summary`` prints: totals and top edges.

Examples:
    >>> summary = BuildSummary(articles=2, store="memory")
    >>> format_summary(summary)
    '0 articles, 0 actors, 0 relation events (0 negated)'
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO

from kg.tables import plural

# Both queries name the graph (GRAPH ?g): on Oxigraph that is much faster than
# matching the union default graph.
# (run with kg.rdf.namespaces.sparql_prefixes() in front)
SUMMARY_QUERY = """
SELECT ?s ?sl ?rel ?o ?ol (COUNT(DISTINCT ?e) AS ?n) (SAMPLE(?ev) AS ?evidence)
WHERE {
  GRAPH ?g {
    ?e a kg:Event ; kg:source ?s ; kg:target ?o ; kg:relation ?rel ;
       kg:negated false ; kg:evidence ?ev .
    OPTIONAL { ?s rdfs:label ?sl } OPTIONAL { ?o rdfs:label ?ol }
  }
}
GROUP BY ?s ?sl ?rel ?o ?ol
ORDER BY DESC(?n) ?sl ?rel ?ol
"""

COUNT_QUERY = """
SELECT
  (COUNT(DISTINCT ?a) AS ?articles)
  (COUNT(DISTINCT ?actor) AS ?actors)
  (COUNT(DISTINCT ?e) AS ?events)
  (COUNT(DISTINCT ?neg) AS ?negated)
WHERE {
  GRAPH ?g {
    { ?a a kg:Article } UNION { ?x kg:source ?actor } UNION { ?x kg:target ?actor }
    UNION { ?e a kg:Event } UNION { ?neg a kg:Event ; kg:negated true }
  }
}
"""

#: Longest evidence text :func:`format_summary` prints before cutting it.
EVIDENCE_WIDTH = 160


@dataclass
class BuildSummary:
    """What :func:`kg.pipeline.build_store` did.

    Attributes:
        articles: Articles read and built.
        store: Where the graph was written.
        stats: The counts of :func:`kg.rdf.graph.build` (``added``, ``replaced``,
            ``unchanged``, ``events``, ``direct``, ``negated``).
        counts: Graph totals (``articles``, ``actors``, ``events``, ``negated``),
            filled when the job was asked for a summary.
        edges: The most-mentioned asserted edges with one evidence sentence each,
            filled when the job was asked for a summary.
        rejected: Bad records skipped (``on_error="skip"``).
        rejects: The JSON Lines file that lists them with their reasons.
    """

    articles: int
    store: str
    stats: dict[str, int] = field(default_factory=dict)
    rejected: int = 0
    rejects: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    edges: list[dict[str, Any]] = field(default_factory=list)
    count: str = "mentions"  # what the top edges count: mentions or events


def summary_rows(
    dataset: Any, *, top: int = 10, count: str = "mentions"
) -> tuple[dict[str, int], list[dict[str, Any]]]:
    """Return graph counts and the ``top`` asserted edges with the most mentions
    (or, with ``count="events"``, events: :func:`kg.rdf.derived.event_summary`)."""
    from kg.query import run_query
    from kg.rdf.namespaces import sparql_prefixes

    counts: dict[str, int] = {}
    for row in _rows(run_query(dataset, sparql_prefixes() + COUNT_QUERY)):
        counts = {k: int(row[k].toPython()) for k in row.labels}
    if count == "events":
        from kg.rdf.derived import event_summary

        counts["news_events"], by_events = event_summary(dataset, top)
        return counts, by_events
    edges: list[dict[str, Any]] = []
    for row in _rows(run_query(dataset, sparql_prefixes() + SUMMARY_QUERY)):
        edges.append(
            {
                "source": str(row["sl"] or row["s"]),
                "relation": str(row["rel"]).rsplit("#", 1)[-1],
                "target": str(row["ol"] or row["o"]),
                "count": int(row["n"].toPython()),
                "evidence": str(row["evidence"]),
            }
        )
        if len(edges) >= top:
            break
    return counts, edges


def _rows(result: Any) -> Iterator[Any]:
    """The rows of a SELECT result (rdflib types them loosely)."""
    yield from result or ()


def format_summary(summary: BuildSummary) -> str:
    """The totals line, then each top edge with its evidence (cut to 160 chars).

    Labels and evidence come from article text: terminal escapes are removed.
    """
    from kg.tables import terminal_safe

    c = summary.counts
    lines = [
        f"{plural(c.get('articles', 0), 'article')}, "
        f"{plural(c.get('actors', 0), 'actor')}, "
        f"{plural(c.get('events', 0), 'relation event')} "
        f"({c.get('negated', 0)} negated)"
    ]
    if summary.count == "events":
        lines[0] = lines[0].replace("relation event", "relation mention")
        lines[0] += f", {plural(c.get('news_events', 0), 'event')}"
    if summary.edges:
        lines.append(f"\nTop {len(summary.edges)} relations, by {summary.count}:")
    for e in summary.edges:
        evidence = " ".join(terminal_safe(e["evidence"]).split())
        if len(evidence) > EVIDENCE_WIDTH:
            evidence = evidence[: EVIDENCE_WIDTH - 3] + "..."
        edge = f"{e['source']} --{e['relation']}--> {e['target']}"
        lines.append(f"  {terminal_safe(edge)}  (x{e['count']})")
        lines.append(f"      “{evidence}”")
    return "\n".join(lines)


def print_summary(dataset: Any, *, top: int = 10, file: TextIO | None = None) -> None:
    """Print actors, relations and the top edges of a graph with their evidence."""
    counts, edges = summary_rows(dataset, top=top)
    summary = BuildSummary(
        articles=counts.get("articles", 0), store="", counts=counts, edges=edges
    )
    print(format_summary(summary), file=file or sys.stdout)
