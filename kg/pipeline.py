"""The main jobs behind ``kg build`` and ``kg extract``: articles in, graph or JSON out.

These functions glue the public API together (``load_articles`` → ``load_nlp`` →
``extract_articles`` → ``build`` / ``event_record``); the command line calls them.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.types import Article, Assertion, KGError

log = logging.getLogger("kg")

# Both queries name the graph (GRAPH ?g): on Oxigraph that is much faster than
# matching the union default graph.
SUMMARY_QUERY = """
PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
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
PREFIX kg: <https://w3id.org/kg-news/ontology#>
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


def count_articles(paths: Iterable[str]) -> int:
    """Read every article once, without keeping it, to validate the input.

    A build checks all of its input before it writes anything, so a bad file
    further down the list cannot leave a half-built store.

    Raises:
        KGError: on the first bad path or record.
    """
    from kg.articles import load_articles

    n = 0
    for _ in load_articles(paths):
        n += 1
    if n == 0:
        raise KGError(f"no articles found in {', '.join(map(str, paths))}")
    return n


def _progress(iterable: Iterable, *, total: int, quiet: bool, desc: str) -> Iterator:
    if quiet or not sys.stderr.isatty():
        yield from iterable
        return
    from tqdm import tqdm

    yield from tqdm(iterable, total=total, desc=desc, unit="article", file=sys.stderr)


def extracted(
    paths: Iterable[str], args: argparse.Namespace, *, total: int
) -> Iterator[tuple[Article, list[Assertion]]]:
    """Stream ``(article, assertions)`` pairs for the given paths."""
    from kg.articles import load_articles
    from kg.nlp.extract import extract_articles
    from kg.nlp.model import load_nlp

    nlp = load_nlp(args.model, actors=args.actors)
    results = extract_articles(
        load_articles(paths),
        nlp,
        batch_size=args.batch_size,
        n_process=args.processes,
    )
    quiet = getattr(args, "quiet", False)
    yield from _progress(results, total=total, quiet=quiet, desc="extract")


def run_extract(args: argparse.Namespace) -> int:
    """``kg extract``: write one JSON line per article with its events."""
    from kg.files import write_atomic
    from kg.nlp.extract import event_record

    total = count_articles(args.articles)
    out = args.output
    if out == "-":
        for article, assertions in extracted(args.articles, args, total=total):
            record = {"id": article.id, "events": [event_record(a) for a in assertions]}
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        return 0
    n_events = 0

    def write(tmp: Path) -> None:
        nonlocal n_events
        with tmp.open("w", encoding="utf-8") as fh:
            for article, assertions in extracted(args.articles, args, total=total):
                events = [event_record(a) for a in assertions]
                n_events += len(events)
                record = {"id": article.id, "events": events}
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")

    path = write_atomic(out, write, force=args.force)
    log.info("wrote %d events from %d articles to %s", n_events, total, path)
    return 0


def summary_rows(dataset, *, top: int = 10) -> tuple[dict, list[dict]]:
    """Return graph counts and the ``top`` most-mentioned asserted edges."""
    from kg.query import run_query

    counts = {}
    for row in run_query(dataset, COUNT_QUERY):
        counts = {k: int(row[k].toPython()) for k in row.labels}
    edges = []
    for row in run_query(dataset, SUMMARY_QUERY):
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


def print_summary(dataset, *, top: int = 10, file=None) -> None:
    """Print actors, relations and the top edges with their evidence."""
    file = file or sys.stdout
    counts, edges = summary_rows(dataset, top=top)
    print(
        f"{counts.get('articles', 0)} articles, {counts.get('actors', 0)} actors, "
        f"{counts.get('events', 0)} relation events "
        f"({counts.get('negated', 0)} negated)",
        file=file,
    )
    if edges:
        print(f"\nTop {len(edges)} relations:", file=file)
    for e in edges:
        evidence = " ".join(e["evidence"].split())
        if len(evidence) > 160:
            evidence = evidence[:157] + "..."
        print(
            f"  {e['source']} --{e['relation']}--> {e['target']}  (x{e['count']})",
            file=file,
        )
        print(f"      “{evidence}”", file=file)


def run_build(args: argparse.Namespace) -> int:
    """``kg build``: extract every article and write its named graph to the store."""
    from kg.rdf.graph import build
    from kg.rdf.store import open_store

    total = count_articles(args.articles)
    for out in (args.ttl, args.html):
        if out and Path(out).exists() and not args.force:
            raise KGError(f"{out} exists; pass --force to overwrite it")
    dataset = open_store(args.store, create=True)
    try:
        build(extracted(args.articles, args, total=total), dataset=dataset)
        log.info("built %d articles into %s", total, args.store)
        if args.validate:
            from kg.rdf.ontology import validate

            conforms, report = validate(dataset)
            if not conforms:
                print(report, file=sys.stderr)
                raise KGError("the graph does not conform to ontology/shapes.ttl")
            log.info("the graph conforms to the SHACL shapes")
        if args.ttl:
            from kg.export import save_graph

            save_graph(dataset, args.ttl, format="turtle", force=args.force)
            log.info("wrote %s", args.ttl)
        if args.html:
            from kg.viz import to_html

            to_html(dataset, args.html, force=args.force)
            log.info("wrote %s", args.html)
        if args.summary:
            print_summary(dataset)
    finally:
        dataset.close()
    return 0
