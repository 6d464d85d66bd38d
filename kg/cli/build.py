"""``kg build``: extract relations from articles into the graph store."""

from __future__ import annotations

import argparse

from kg.cli.options import (
    articles_arguments,
    count_argument,
    extraction_kwargs,
    store_argument,
)

HELP = "extract relations from articles into the graph store"

DESCRIPTION = (
    "Read articles (.txt, .md, .html, .jsonl files or folders), extract "
    "actors and relations, and write one named graph per article into the store. "
    "Re-building an unchanged article changes nothing; a changed article replaces "
    "its graph."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Add the arguments of ``kg build``."""
    articles_arguments(p)
    store_argument(p, graph_file=False)
    p.add_argument("--validate", action="store_true", help="validate with SHACL after")
    p.add_argument(
        "--summary",
        action="store_true",
        help="print actors, relations and the top edges with evidence",
    )
    p.add_argument("--ttl", metavar="OUT.ttl", help="also export the graph as Turtle")
    p.add_argument("--html", metavar="OUT.html", help="also write the interactive view")
    p.add_argument("--force", action="store_true", help="overwrite --ttl/--html files")
    count_argument(p)
    p.add_argument(
        "--event-window",
        type=_days,
        metavar="DAYS",
        help="mentions of one edge and polarity at most DAYS after an event's first "
        "day are that event (default: the store's, else 1)",
    )


def _days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        days = -1
    if days < 0:
        raise argparse.ArgumentTypeError(f"bad number of days {text!r}")
    return days


def run(args: argparse.Namespace) -> int:
    """Run ``kg build``; print the summary when asked."""
    from kg.pipeline import build_store
    from kg.summary import format_summary

    result = build_store(
        args.articles,
        store=args.store,
        ttl=args.ttl,
        html=args.html,
        force=args.force,
        validate=args.validate,
        summary=args.summary,
        event_window=args.event_window,
        count=args.count,
        **extraction_kwargs(args),
    )
    if args.summary:
        print(format_summary(result))
    return 0
