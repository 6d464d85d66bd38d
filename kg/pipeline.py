"""The jobs behind ``kg build`` and ``kg extract``: articles in, a store or JSON out.

A job takes keyword arguments (never an argparse ``Namespace``), glues the public
API together (``load_articles`` → ``load_nlp`` → ``extract_articles`` → ``build`` /
``event_record``) and returns what it did; the command line turns its options into
one call and prints the result.

The summary a build prints is :mod:`kg.summary`.
"""

from __future__ import annotations

import itertools
import logging
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from kg.intake import Input, check_input
from kg.progress import Progress
from kg.summary import BuildSummary, summary_rows
from kg.tables import plural
from kg.types import Article, Assertion, KGError

log = logging.getLogger("kg")

#: Default ``nlp.pipe`` batch size of the jobs.
BATCH_SIZE = 32

#: Default articles per partition of a distributed (``--dask``) job.
PARTITION_SIZE = 64


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
class _Extraction:
    """The extraction options a job was given (see :func:`extract_events`)."""

    model: str | None
    actors: Sequence[str | Path]
    batch_size: int
    processes: int
    quiet: bool
    patterns: Sequence[str | Path] = ()
    dask: str | None = None
    partition_size: int = PARTITION_SIZE

    def __post_init__(self) -> None:
        """Refuse bad options before anything is read or written."""
        if self.batch_size < 1:
            raise KGError(f"bad --batch-size {self.batch_size}; expected 1 or more")
        if self.processes == 0 or self.processes < -1:
            raise KGError(
                f"bad --processes {self.processes}; expected 1 or more "
                "(-1: one per CPU)"
            )
        if self.partition_size < 1:
            raise KGError(
                f"bad --partition-size {self.partition_size}; expected 1 or more"
            )
        if self.patterns:  # a bad patterns file fails before anything is written
            from kg.nlp.relations.patterns import load_patterns

            load_patterns(tuple(str(p) for p in self.patterns))

    def results(
        self, articles: Iterable[Article], *, progress: Progress | None = None
    ) -> Iterator[tuple[Article, list[Assertion]]]:
        """Stream ``(article, assertions)`` pairs, each counted on ``progress``.

        The model is loaded only when the first article arrives, so a job whose
        articles are all unchanged loads nothing.
        """
        articles = iter(articles)
        first = next(articles, None)
        if first is None:
            return
        from kg.nlp.extract import extract_articles
        from kg.nlp.model import load_nlp

        nlp = load_nlp(self.model, actors=self.actors, patterns=self.patterns)
        for pair in extract_articles(
            itertools.chain([first], articles),
            nlp,
            batch_size=self.batch_size,
            n_process=self.processes,
        ):
            yield pair
            if progress is not None:
                progress.update()

    def fingerprint(self) -> str:
        """The extraction fingerprint of these options (kg.fingerprint)."""
        from kg.fingerprint import extraction_fingerprint

        return extraction_fingerprint(self.model, self.actors, self.patterns)


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
    patterns: Sequence[str | Path] = (),
    dask: str | None = None,
    partition_size: int = PARTITION_SIZE,
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
        patterns: Extra relation pattern files (they add to kg's patterns).
        dask: Run on this ``dask.distributed`` scheduler (an address, or
            ``local:N`` for a local cluster of N worker processes); see
            :mod:`kg.distributed`.
        partition_size: Articles per partition with ``dask``.
        encoding: Text encoding of the article files.
        on_error: ``"fail"`` or ``"skip"`` bad records (see :func:`check_input`).
        rejects: Where skipped records are listed (default
            ``kg-rejects-TIME.jsonl``).

    Returns:
        The articles and events written.

    Raises:
        KGError: on bad input, when the output exists and ``force`` is false, or
            when partitions failed on the cluster (nothing is written then).
    """
    from kg.files import check_writable, write_atomic

    extraction = _Extraction(
        model, actors, batch_size, processes, quiet, patterns, dask, partition_size
    )
    if str(output) != "-":
        check_writable(output, force=force)
    source = check_input(
        paths, encoding=encoding, on_error=on_error, rejects=rejects, force=force
    )
    total = source.articles

    def write_to(fh: IO[str]) -> int:
        with Progress(total, desc="extract", quiet=quiet) as progress:
            if dask:
                from kg.distributed import extract_distributed

                return extract_distributed(
                    source.load(), fh, extraction, progress=progress.update
                )
            return _write_records(
                extraction.results(source.load(), progress=progress), fh
            )

    if str(output) == "-":
        events = write_to(sys.stdout)
        return ExtractCounts(total, events, "-", source.rejected, source.rejects)
    n_events = 0

    def write(tmp: Path) -> None:
        nonlocal n_events
        with tmp.open("w", encoding="utf-8") as fh:
            n_events = write_to(fh)

    path = write_atomic(output, write, force=force)
    return ExtractCounts(total, n_events, str(path), source.rejected, source.rejects)


def _write_records(
    results: Iterable[tuple[Article, list[Assertion]]], fh: IO[str]
) -> int:
    """Write ``{"id", "events"}`` per article; return the number of events."""
    from kg.distributed import event_line

    n_events = 0
    for article, assertions in results:
        line, n = event_line(article, assertions)
        n_events += n
        fh.write(line)
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
    patterns: Sequence[str | Path] = (),
    dask: str | None = None,
    partition_size: int = PARTITION_SIZE,
    encoding: str = "utf-8",
    on_error: str = "fail",
    rejects: str | Path | None = None,
    event_window: int | None = None,
    count: str = "mentions",
) -> BuildSummary:
    """Extract every changed article and write its named graph into the store.

    All input is read once before anything is written, and the ``ttl``/``html``
    outputs are checked first, so bad input leaves the store as it was. An
    article whose input (text, metadata and the extraction fingerprint) is
    unchanged since the store took it is skipped before any language
    processing. The graphs are written in batches; the store is flushed and
    compacted at the end.

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
        patterns: Extra relation pattern files (they add to kg's patterns).
        dask: Extract on this ``dask.distributed`` scheduler (an address, or
            ``local:N``); the graphs come back to this process, which writes
            them (see :mod:`kg.distributed`).
        partition_size: Articles per partition with ``dask``.
        encoding: Text encoding of the article files.
        on_error: ``"fail"`` or ``"skip"`` bad records (see :func:`check_input`).
        rejects: Where skipped records are listed (default
            ``kg-rejects-TIME.jsonl``).

    Returns:
        What was built (see :class:`BuildSummary`); ``stats["extracted"]`` counts
        the articles that went through the language pipeline.

    Raises:
        KGError: on bad input, an existing output without ``force``, a store
            that lost graphs (:func:`require_intact`), a graph that does not
            conform to the shapes (with ``validate``), or partitions that failed
            on the cluster (the others are kept).
    """
    from kg.files import check_writable
    from kg.rdf.store import open_store, store_kind

    extraction = _Extraction(
        model, actors, batch_size, processes, quiet, patterns, dask, partition_size
    )
    for out in (ttl, html):
        if out:
            check_writable(out, force=force)
    source = check_input(
        paths, encoding=encoding, on_error=on_error, rejects=rejects, force=force
    )
    total = source.articles
    result = BuildSummary(
        total, store, rejected=source.rejected, rejects=source.rejects
    )
    dataset = open_store(store, create=True)
    try:
        if store_kind(dataset) == "oxigraph":  # an endpoint keeps its own log
            require_intact(dataset, store)
        with Progress(total, desc="build", quiet=quiet) as progress:
            _write_graphs(dataset, source, extraction, progress, stats=result.stats,
                          event_window=event_window)  # fmt: skip
        log.info("built %s into %s", plural(total, "article"), store)
        if validate:
            _validate(dataset)
        _write_outputs(dataset, ttl=ttl, html=html, force=force)
        if summary:
            result.counts, result.edges = summary_rows(dataset, count=count)
            result.count = count
    finally:
        dataset.close()
    return result


def require_intact(
    dataset: Any, store: str, problems: Sequence[str] | None = None
) -> None:
    """Refuse a store that lost part of what its builds wrote (a truncated log).

    :func:`kg.rdf.graph.check_store` compares the build records with the store
    (unless its ``problems`` are given); a build on a damaged store would skip
    the damaged articles and keep the loss.

    Raises:
        KGError: one line: the damaged graphs, the first one, how to recover.
    """
    if problems is None:
        from kg.rdf.graph import check_store

        problems = check_store(dataset)
    if problems:
        lost = sum(p.startswith("lost") for p in problems)
        raise KGError(
            f"store {store!r} lost data its builds wrote ({lost} graphs lost, "
            f"{len(problems) - lost} incomplete; {problems[0]}); recover by "
            "rebuilding it from the articles into a new store (kg build ARTICLES "
            "--store NEW-DIR) or by loading an export into a new store; kg "
            "validate lists every damaged graph"
        )


def _write_graphs(
    dataset: Any,
    source: Input,
    extraction: _Extraction,
    progress: Progress,
    *,
    stats: dict[str, int],
    event_window: int | None = None,
) -> None:
    """Skip the unchanged articles, extract the others and write their graphs."""
    from kg.rdf.graph import BatchWriter, build, pending

    fingerprint = extraction.fingerprint()
    skipped = 0

    def skip(_article: Article) -> None:
        nonlocal skipped
        skipped += 1
        progress.update()

    todo = pending(dataset, source.load(), fingerprint=fingerprint, skipped=skip)
    todo = _warn_replaced(dataset, todo)
    if extraction.dask:
        from kg.distributed import build_distributed

        writer = BatchWriter(dataset, event_window=event_window)
        build_distributed(
            todo, writer, extraction, fingerprint, progress=progress.update
        )
        writer.close()
        stats.update(writer.counts)
    else:
        results = extraction.results(todo, progress=progress)
        build(results, dataset=dataset, registry=_Registry(extraction.actors),
              stats=stats, fingerprint=fingerprint,
              event_window=event_window)  # fmt: skip
    stats["extracted"] = stats.get("articles", 0)
    stats["articles"] = stats.get("articles", 0) + skipped
    stats["unchanged"] = stats.get("unchanged", 0) + skipped


class _Registry(Mapping[str, Any]):
    """The actor registry, loaded when the first graph asks for an actor."""

    def __init__(self, actors: Sequence[str | Path]) -> None:
        self.actors = actors
        self._data: dict[str, Any] | None = None

    @property
    def data(self) -> dict[str, Any]:
        if self._data is None:
            from kg.registry import load_registry

            self._data = load_registry(self.actors)
        return self._data

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)


def _warn_replaced(dataset: Any, articles: Iterable[Article]) -> Iterator[Article]:
    """Pass the articles on; warn when one replaces another article of the store.

    An article whose id is already in the store under another title is most
    likely another article read from a file of the same name in another folder
    (its id is the file stem): the build replaces it, and says so. The stored
    titles are looked up a batch of articles at a time.
    """
    from rdflib.namespace import DCTERMS

    from kg.rdf.graph import WRITE_BATCH
    from kg.rdf.ontology import article_iri, graph_iri
    from kg.rdf.store import values_of

    articles = iter(articles)
    while batch := list(itertools.islice(articles, WRITE_BATCH)):
        keys = [(str(graph_iri(a.id)), str(article_iri(a.id))) for a in batch]
        titles = values_of(dataset, keys, str(DCTERMS.title))
        for article, (_, node) in zip(batch, keys, strict=True):
            old = titles.get(node)
            if old is not None and article.title and article.title != old:
                log.warning(
                    "kg: %s: article %r replaces the article of the same id "
                    "already in the store (%r); give one of them another id "
                    "(front matter id:, or \"id\" in JSON Lines) to keep both",
                    article.path or article.id, article.id, old,
                )  # fmt: skip
        yield from batch


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
