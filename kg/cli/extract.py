"""``kg extract``: write the extracted events as JSON Lines (no store)."""

from __future__ import annotations

import argparse
import logging

from kg.cli.options import (
    articles_arguments,
    extraction_kwargs,
)
from kg.tables import plural

log = logging.getLogger("kg")


HELP = "write the extracted events as JSON Lines (no store)"

DESCRIPTION = (
    "Extract events from articles and write one JSON object per "
    'article: {"id": …, "events": [...]} (the contract in PRODUCT.md).'
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Add the arguments of ``kg extract``."""
    articles_arguments(p)
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT.jsonl",
        help="output file ('-' for stdout)",
    )
    p.add_argument("--force", action="store_true", help="overwrite the output file")


def run(args: argparse.Namespace) -> int:
    """Run ``kg extract``."""
    from kg.pipeline import extract_events

    counts = extract_events(
        args.articles, output=args.output, force=args.force, **extraction_kwargs(args)
    )
    if counts.output != "-":
        log.info(
            "wrote %s from %s to %s",
            plural(counts.events, "event"),
            plural(counts.articles, "article"),
            counts.output,
        )
    return 0
