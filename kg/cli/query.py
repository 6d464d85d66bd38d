"""``kg query``: run a SPARQL query (text, a file or a named query) on the graph."""

from __future__ import annotations

import argparse
import logging
import sys

from kg.cli.options import open_graph, store_argument
from kg.types import KGError

log = logging.getLogger("kg")

#: Default ``--timeout`` of ``kg query``, in seconds.
QUERY_TIMEOUT = 300.0


HELP = "run a SPARQL query (text, -f file.rq or --named NAME)"

DESCRIPTION = (
    "Run a SPARQL query on the store (or an RDF file given as "
    "--store). Read-only unless --update; SERVICE and LOAD are refused unless "
    "--allow-network. Parameters are bound as RDF terms: --param actor=HTS binds "
    "?actor to actor:HTS; actor parameters also take names, aliases and codes "
    "(a=Washington). `kg query --list` describes the named queries; `--as-of DATE` "
    "answers the state of every dyad (designations, sanctions, occupations, "
    "recognitions) at a date."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Add the arguments of ``kg query``."""
    store_argument(p)
    what = p.add_mutually_exclusive_group()
    what.add_argument("query", nargs="?", metavar="QUERY", help="SPARQL text")
    what.add_argument("-f", "--file", metavar="Q.rq", help="read the query from a file")
    what.add_argument("--named", metavar="NAME", help="run a named query")
    what.add_argument(
        "--list", action="store_true", help="list the named queries and their params"
    )
    what.add_argument(
        "--as-of",
        metavar="DATE",
        help="the state of every dyad at DATE (YYYY-MM-DD): the named query "
        "state-as-of (--param source=A, target=B, relation=R narrow it)",
    )
    p.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="K=V",
        help="bind ?K to V (actor ids, relation names, <iri>, prefix:name, "
        "literals); repeatable",
    )
    p.add_argument(
        "--format",
        choices=["table", "csv", "json", "turtle"],
        default="table",
        help="output format (turtle for CONSTRUCT/DESCRIBE)",
    )
    p.add_argument("--update", action="store_true", help="allow SPARQL Update")
    p.add_argument(
        "--allow-network",
        action="store_true",
        help="allow SERVICE, LOAD, FROM/FROM NAMED that load their IRI, and "
        "remote @context of a .jsonld --store",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=QUERY_TIMEOUT,
        metavar="SECONDS",
        help=f"stop a query that runs longer (default {QUERY_TIMEOUT:g}; 0: no limit)",
    )


def run(args: argparse.Namespace) -> int:
    """Run ``kg query``: print the result, or list the named queries."""
    from kg.query import stream_query, write_result

    if args.list:
        _print_named_queries()
        return 0
    if not args.timeout >= 0:
        raise KGError(f"bad --timeout {args.timeout:g}; expected seconds (0: no limit)")
    text = _query_text(args)
    params = parse_params(args.param)
    if args.as_of:
        params["date"] = args.as_of
    write = "--update" if args.update else None
    with open_graph(
        args.store, write=write, allow_network=args.allow_network
    ) as dataset:
        if args.as_of:
            from kg.analysis.states import check_states

            check_states(dataset)
        result = stream_query(
            dataset,
            text,
            params=params,
            allow_update=args.update,
            allow_network=args.allow_network,
            timeout=args.timeout or None,
        )
        if result is None:
            log.info("update applied to %s", args.store)
            return 0
        write_result(result, args.format, sys.stdout, dataset=dataset)
    return 0


def _print_named_queries() -> None:
    from kg.query import named_queries

    for q in named_queries().values():
        print(f"{q.name}\n    {q.description}\n    params: {q.params or '(none)'}")


def _query_text(args: argparse.Namespace) -> str:
    """The SPARQL text from ``--named``, ``-f`` or the argument."""
    from kg.query import named_query, read_query_file

    if args.as_of:
        return "state-as-of"
    if args.named:
        named_query(args.named)  # an unknown name fails here
        return str(args.named)  # run_query reads it and checks its parameters
    if args.file:
        return read_query_file(args.file)
    if args.query:
        return str(args.query)
    raise KGError(
        "no query given; pass QUERY, -f FILE.rq, --named NAME, --as-of DATE or --list"
    )


def parse_params(items: list[str]) -> dict[str, str]:
    """Turn ``--param NAME=VALUE`` options into a mapping.

    Raises:
        KGError: for an item without ``=`` or without a name.

    Examples:
        >>> parse_params(["actor=HTS", " since =2024-01-01"])
        {'actor': 'HTS', 'since': '2024-01-01'}
    """
    params = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise KGError(f"bad --param {item!r}; expected NAME=VALUE")
        params[key.strip()] = value
    return params
