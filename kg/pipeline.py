"""The jobs behind ``kg build`` and ``kg extract``: articles in, a store or JSON out.

A job takes keyword arguments (never an argparse ``Namespace``), glues the public
API together (``load_articles`` → ``load_nlp`` → ``extract_articles`` → ``build`` /
``event_record``) and returns what it did; the command line turns its options into
one call and prints the result.

Examples:
    >>> summary = BuildSummary(articles=2, store="memory")
    >>> format_summary(summary)
    '0 articles, 0 actors, 0 relation events (0 negated)'
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TextIO

from kg.types import Article, Assertion, KGError

log = logging.getLogger("kg")

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

#: Default ``nlp.pipe`` batch size of the jobs.
BATCH_SIZE = 32

#: What a job does with a bad input record: stop (listing every one) or skip it.
ON_ERROR = ("fail", "skip")

#: Longest evidence text :func:`format_summary` prints before cutting it.
EVIDENCE_WIDTH = 160


@dataclass
class BuildSummary:
    """What :func:`build_store` did.

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


@dataclass(frozen=True)
class ExtractCounts:
    """What :func:`extract_events` wrote.

    Attributes:
        articles: Articles read.
        events: Events written.
        output: The file written, or ``"-"`` for standard output.
        rejected: Bad records skipped (``on_error="skip"``).
        rejects: The JSON Lines file that lists them with their reasons.
    """

    articles: int
    events: int
    output: str
    rejected: int = 0
    rejects: str | None = None


# --------------------------------------------------------------------------- input
def count_articles(paths: Iterable[str | Path]) -> int:
    """Read every article once, without keeping it, to validate the input.

    A build checks all of its input before it writes anything, so a bad file
    further down the list cannot leave a half-built store.

    Raises:
        KGError: on the first bad path or record, or when there is no article.
    """
    return check_input(list(paths)).articles


@dataclass(frozen=True)
class Input:
    """The articles of a job, checked once before any work (:func:`check_input`).

    Attributes:
        paths: Article files and folders.
        encoding: Their text encoding.
        on_error: ``"fail"`` (stop, listing every bad record) or ``"skip"``.
        articles: Good articles found.
        rejected: Bad records (skipped with ``"skip"``).
        rejects: The JSON Lines file listing the bad records, when skipping.
    """

    paths: Sequence[str | Path]
    encoding: str = "utf-8"
    on_error: str = "fail"
    articles: int = 0
    rejected: int = 0
    rejects: str | None = None

    def load(self) -> Iterator[Article]:
        """The good articles, read again (bad records are left out silently:
        :func:`check_input` has listed them)."""
        from kg.articles import load_articles

        skip = (lambda _reject: None) if self.on_error == "skip" else None
        return load_articles(self.paths, encoding=self.encoding, on_error=skip)


def check_input(
    paths: Sequence[str | Path],
    *,
    encoding: str = "utf-8",
    on_error: str = "fail",
    rejects: str | Path | None = None,
    force: bool = False,
) -> Input:
    """Read every article once, without keeping it, and collect the bad records.

    With ``on_error="fail"`` any bad record stops the job before it writes
    anything, and the error lists every bad record, not only the first. With
    ``"skip"`` each bad record is written with its reason to ``rejects`` (JSON
    Lines: ``where``, ``error``, ``record``), and the job goes on without them.

    Raises:
        KGError: for bad records (``fail``), an unknown ``on_error`` or encoding,
            an existing rejects file without ``force``, or no good article.
    """
    from kg.articles import Reject, load_articles
    from kg.files import check_writable

    if on_error not in ON_ERROR:
        raise KGError(f"bad on_error {on_error!r}; expected one of {list(ON_ERROR)}")
    if on_error == "skip":
        rejects = rejects or _default_rejects()
        check_writable(rejects, force=force)
    bad: list[Reject] = []
    paths = list(paths)
    n = sum(1 for _ in load_articles(paths, encoding=encoding, on_error=bad.append))
    if bad and on_error == "fail":
        raise KGError(_bad_records(bad))
    if bad:
        _write_rejects(bad, rejects, force=force)
        log.warning(
            "kg: skipped %d bad record%s; each is listed with its reason in %s",
            len(bad), "s" if len(bad) != 1 else "", rejects,
        )  # fmt: skip
    if n == 0:
        raise KGError(f"no articles found in {', '.join(map(str, paths))}")
    return Input(paths, encoding, on_error, n, len(bad), str(rejects) if bad else None)


def _default_rejects() -> str:
    from datetime import datetime, timezone

    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return f"kg-rejects-{stamp}.jsonl"


def _bad_records(bad: Sequence[Any]) -> str:
    """One bad record's message, or the list of all of them."""
    if len(bad) == 1:
        return str(bad[0].error)
    lines = "\n".join(f"  {r.error}" for r in bad)
    return (
        f"{len(bad)} bad records; nothing was written (pass --on-error skip to "
        f"go on without them):\n{lines}"
    )


def _write_rejects(bad: Sequence[Any], path: Any, *, force: bool) -> None:
    from dataclasses import asdict

    from kg.files import write_atomic

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", errors="backslashreplace") as fh:
            for r in bad:
                fh.write(json.dumps(asdict(r), ensure_ascii=False) + "\n")

    write_atomic(path, write, force=force)


def _progress(iterable: Iterable, *, total: int, quiet: bool, desc: str) -> Iterator:
    if quiet or not sys.stderr.isatty():
        yield from iterable
        return
    from tqdm import tqdm

    yield from tqdm(iterable, total=total, desc=desc, unit="article", file=sys.stderr)


@dataclass(frozen=True)
class _Extraction:
    """The extraction options a job was given (see :func:`extract_events`)."""

    model: str | None
    actors: Sequence[str | Path]
    batch_size: int
    processes: int
    quiet: bool

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise KGError(f"bad --batch-size {self.batch_size}; expected 1 or more")
        if self.processes == 0 or self.processes < -1:
            raise KGError(
                f"bad --processes {self.processes}; expected 1 or more "
                "(-1: one per CPU)"
            )

    def results(
        self, source: Input, *, total: int
    ) -> Iterator[tuple[Article, list[Assertion]]]:
        """Stream ``(article, assertions)`` pairs; ``total`` sizes the progress bar."""
        from kg.nlp.extract import extract_articles
        from kg.nlp.model import load_nlp

        nlp = load_nlp(self.model, actors=self.actors)
        results = extract_articles(
            source.load(),
            nlp,
            batch_size=self.batch_size,
            n_process=self.processes,
        )
        yield from _progress(results, total=total, quiet=self.quiet, desc="extract")


# --------------------------------------------------------------------------- extract
def extract_events(
    paths: Sequence[str | Path],
    *,
    output: str | Path,
    model: str | None = None,
    actors: Sequence[str | Path] = (),
    batch_size: int = BATCH_SIZE,
    processes: int = 1,
    force: bool = False,
    quiet: bool = False,
    encoding: str = "utf-8",
    on_error: str = "fail",
    rejects: str | Path | None = None,
) -> ExtractCounts:
    """Write one JSON line per article with its events (the ``kg extract`` contract).

    Args:
        paths: Article files and folders.
        output: The JSON Lines file, written atomically, or ``"-"`` for standard
            output.
        model: spaCy pipeline name.
        actors: Extra actor registry files.
        batch_size: ``nlp.pipe`` batch size.
        processes: Worker processes.
        force: Overwrite an existing output file (and rejects file).
        quiet: No progress bar.
        encoding: Text encoding of the article files.
        on_error: ``"fail"`` or ``"skip"`` bad records (see :func:`check_input`).
        rejects: Where skipped records are listed (default
            ``kg-rejects-TIME.jsonl``).

    Returns:
        The articles and events written.

    Raises:
        KGError: on bad input, or when the output exists and ``force`` is false.
    """
    from kg.files import check_writable, write_atomic

    extraction = _Extraction(model, actors, batch_size, processes, quiet)
    if str(output) != "-":
        check_writable(output, force=force)
    source = check_input(
        paths, encoding=encoding, on_error=on_error, rejects=rejects, force=force
    )
    total = source.articles
    results = extraction.results(source, total=total)
    if str(output) == "-":
        events = _write_records(results, sys.stdout)
        return ExtractCounts(total, events, "-", source.rejected, source.rejects)
    n_events = 0

    def write(tmp: Path) -> None:
        nonlocal n_events
        with tmp.open("w", encoding="utf-8") as fh:
            n_events = _write_records(results, fh)

    path = write_atomic(output, write, force=force)
    return ExtractCounts(total, n_events, str(path), source.rejected, source.rejects)


def _write_records(
    results: Iterable[tuple[Article, list[Assertion]]], fh: IO[str]
) -> int:
    """Write ``{"id", "events"}`` per article; return the number of events."""
    from kg.nlp.extract import event_record

    n_events = 0
    for article, assertions in results:
        events = [event_record(a) for a in assertions]
        n_events += len(events)
        record = {"id": article.id, "events": events}
        fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return n_events


# --------------------------------------------------------------------------- build
def build_store(
    paths: Sequence[str | Path],
    *,
    store: str,
    model: str | None = None,
    actors: Sequence[str | Path] = (),
    batch_size: int = BATCH_SIZE,
    processes: int = 1,
    ttl: str | Path | None = None,
    html: str | Path | None = None,
    force: bool = False,
    validate: bool = False,
    summary: bool = False,
    quiet: bool = False,
    encoding: str = "utf-8",
    on_error: str = "fail",
    rejects: str | Path | None = None,
) -> BuildSummary:
    """Extract every article and write its named graph into the store.

    All input is read once before anything is written, and the ``ttl``/``html``
    outputs are checked first, so bad input leaves the store as it was.

    Args:
        paths: Article files and folders.
        store: Store directory, ``memory`` or SPARQL endpoint URL.
        model: spaCy pipeline name.
        actors: Extra actor registry files (also used for the actors' labels,
            classes and codes in the graph).
        batch_size: ``nlp.pipe`` batch size.
        processes: Worker processes.
        ttl: Also export the whole graph as Turtle to this file.
        html: Also write the interactive view to this file.
        force: Overwrite the ``ttl``/``html`` files.
        validate: Validate the graph with the SHACL shapes after building.
        summary: Also collect the graph totals and the top edges.
        quiet: No progress bar.
        encoding: Text encoding of the article files.
        on_error: ``"fail"`` or ``"skip"`` bad records (see :func:`check_input`).
        rejects: Where skipped records are listed (default
            ``kg-rejects-TIME.jsonl``).

    Returns:
        What was built (see :class:`BuildSummary`).

    Raises:
        KGError: on bad input, an existing output without ``force``, or a graph
            that does not conform to the shapes (with ``validate``).
    """
    from kg.files import check_writable
    from kg.rdf.store import open_store

    extraction = _Extraction(model, actors, batch_size, processes, quiet)
    for out in (ttl, html):
        if out:
            check_writable(out, force=force)
    source = check_input(
        paths, encoding=encoding, on_error=on_error, rejects=rejects, force=force
    )
    total = source.articles
    results = extraction.results(source, total=total)
    result = BuildSummary(
        total, store, rejected=source.rejected, rejects=source.rejects
    )
    dataset = open_store(store, create=True)
    try:
        _write_graphs(dataset, results, actors=actors, stats=result.stats)
        log.info("built %d articles into %s", total, store)
        if validate:
            _validate(dataset)
        _write_outputs(dataset, ttl=ttl, html=html, force=force)
        if summary:
            result.counts, result.edges = summary_rows(dataset)
    finally:
        dataset.close()
    return result


def _write_graphs(
    dataset: Any,
    results: Iterable[tuple[Article, list[Assertion]]],
    *,
    actors: Sequence[str | Path],
    stats: dict[str, int],
) -> None:
    from kg.rdf.graph import build
    from kg.registry import load_registry

    results = _warn_replaced(dataset, results)
    build(results, dataset=dataset, registry=load_registry(actors), stats=stats)


TITLE_QUERY = "SELECT ?title WHERE { GRAPH ?g { ?article dcterms:title ?title } }"


def _warn_replaced(
    dataset: Any, results: Iterable[tuple[Article, list[Assertion]]]
) -> Iterator[tuple[Article, list[Assertion]]]:
    """Pass the results on; warn when one replaces another article of the store.

    An article whose id is already in the store under another title is most
    likely another article read from a file of the same name in another folder
    (its id is the file stem): the build replaces it, and says so.
    """
    from kg.query import run_query
    from kg.rdf.namespaces import sparql_prefixes

    query = sparql_prefixes() + TITLE_QUERY
    for article, assertions in results:
        rows = _rows(run_query(dataset, query, params={"article": article.id}))
        old = [str(r["title"]) for r in rows]
        if old and article.title and article.title not in old:
            log.warning(
                "kg: %s: article %r replaces the article of the same id already "
                "in the store (%r); give one of them another id (front matter "
                "id:, or \"id\" in JSON Lines) to keep both",
                article.path or article.id, article.id, old[0],
            )  # fmt: skip
        yield article, assertions


def _validate(dataset: Any) -> None:
    from kg.rdf.ontology import validate

    conforms, report = validate(dataset)
    if not conforms:
        print(report, file=sys.stderr)
        raise KGError("the graph does not conform to ontology/shapes.ttl")
    log.info("the graph conforms to the SHACL shapes")


def _write_outputs(
    dataset: Any,
    *,
    ttl: str | Path | None,
    html: str | Path | None,
    force: bool,
) -> None:
    if ttl:
        from kg.export import save_graph

        save_graph(dataset, ttl, format="turtle", force=force)
        log.info("wrote %s", ttl)
    if html:
        from kg.viz import to_html

        to_html(dataset, html, force=force)
        log.info("wrote %s", html)


# --------------------------------------------------------------------------- summary
def summary_rows(
    dataset: Any, *, top: int = 10
) -> tuple[dict[str, int], list[dict[str, Any]]]:
    """Return graph counts and the ``top`` most-mentioned asserted edges."""
    from kg.query import run_query
    from kg.rdf.namespaces import sparql_prefixes

    counts: dict[str, int] = {}
    for row in _rows(run_query(dataset, sparql_prefixes() + COUNT_QUERY)):
        counts = {k: int(row[k].toPython()) for k in row.labels}
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
        f"{c.get('articles', 0)} articles, {c.get('actors', 0)} actors, "
        f"{c.get('events', 0)} relation events ({c.get('negated', 0)} negated)"
    ]
    if summary.edges:
        lines.append(f"\nTop {len(summary.edges)} relations:")
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
