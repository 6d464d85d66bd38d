"""The ``kg`` command line: build, extract, evaluate, query, analyze, view, export.

Each command lives in its own module (``kg.cli.build``, ``kg.cli.query``, ...),
named after it, with ``HELP``, ``DESCRIPTION``, ``add_arguments(parser)`` and
``run(args)`` (one call to a job or the public API, then printing). Results go to
stdout, logs and progress to stderr. A user error prints one line (``kg: error: …``)
and exits with status 1; a usage error exits with status 2.

Building the parser imports no heavy library: spaCy, rdflib and networkx are
imported by the commands that run.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
import threading
from collections.abc import Sequence
from typing import NoReturn

from kg import __version__
from kg.cli import (
    analyze,
    build,
    evaluate,
    export,
    extract,
    query,
    validate,
    view,
)
from kg.types import QUERY_THREAD, KGError

#: The commands, in the order ``kg --help`` lists them.
COMMANDS = (build, extract, evaluate, query, analyze, view, export, validate)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _verbosity(parser: argparse.ArgumentParser, *, default: object) -> None:
    """Add ``-v/--verbose`` and ``-q/--quiet`` (before or after the command)."""
    parser.add_argument(
        "-v", "--verbose", action="store_true", default=default, help="log more"
    )
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=default,
        help="no progress bar, only errors",
    )


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``kg`` command."""
    parser = _Parser(
        prog="kg",
        description="Turn English news articles into a knowledge graph of political "
        "actors and their relations, then query, analyse, view and export it.",
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    _verbosity(parser, default=False)
    # -q/-v also after the command; SUPPRESS keeps a value given before it
    common = _Parser(add_help=False)
    _verbosity(common, default=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for command in COMMANDS:
        name = command.__name__.rsplit(".", 1)[-1]
        p = sub.add_parser(
            name,
            help=command.HELP,
            description=command.DESCRIPTION,
            parents=[common],
        )
        command.add_arguments(p)
        p.set_defaults(func=command.run)
    return parser


def _log_level(args: argparse.Namespace) -> int:
    if args.verbose:
        return logging.DEBUG
    return logging.ERROR if args.quiet else logging.INFO


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``kg`` command; return the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # usage error or --help: return, don't exit
        return exc.code if isinstance(exc.code, int) else 1
    logging.basicConfig(level=_log_level(args), format="%(message)s", stream=sys.stderr)
    try:
        return int(args.func(args) or 0)
    except KGError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a full disk or a dead stdout while printing
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"kg: error: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1


def console() -> NoReturn:
    """The ``kg`` executable: run :func:`main` and exit with its status.

    A query stopped by Ctrl-C or ``--timeout`` leaves its worker thread inside
    Oxigraph, still reading the store. The normal exit would run the C exit
    handlers (RocksDB's static destructors among them) under that thread, which can
    hang, so kg then flushes its output and ends the process at once.
    """
    code = main()
    if any(t.name == QUERY_THREAD for t in threading.enumerate()):
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):  # a closed pipe
                stream.flush()
        os._exit(code)
    sys.exit(code)


__all__ = ["main", "build_parser", "console"]
