"""``kg extract``: write the extracted events as JSON Lines (no store)."""

from __future__ import annotations

import argparse
import logging

from kg.cli.options import articles_arguments

log = logging.getLogger("kg")


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Add the ``extract`` command."""
    p = sub.add_parser(
        "extract",
        help="write the extracted events as JSON Lines (no store)",
        description="Extract events from articles and write one JSON object per "
        'article: {"id": …, "events": [...]} (the contract in PRODUCT.md).',
    )
    articles_arguments(p)
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT.jsonl",
        help="output file ('-' for stdout)",
    )
    p.add_argument("--force", action="store_true", help="overwrite the output file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``kg extract``."""
    from kg.pipeline import extract_events

    counts = extract_events(
        args.articles,
        output=args.output,
        model=args.model,
        actors=args.actors,
        batch_size=args.batch_size,
        processes=args.processes,
        force=args.force,
        quiet=args.quiet,
    )
    if counts.output != "-":
        log.info(
            "wrote %d events from %d articles to %s",
            counts.events,
            counts.articles,
            counts.output,
        )
    return 0
