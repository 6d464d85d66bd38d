"""``kg evaluate``: score extraction against a gold JSON Lines file."""

from __future__ import annotations

import argparse
import json

from kg.cli.options import batch_argument, model_arguments

HELP = "score extraction against a gold JSONL file"

DESCRIPTION = (
    "Print precision, recall and F1 at levels L0-L3, silence and "
    "negation leaks (see ../shared/eval/README.md)."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Add the arguments of ``kg evaluate``."""
    p.add_argument("gold", metavar="GOLD.jsonl")
    model_arguments(p)
    p.add_argument(
        "--predictions",
        metavar="PRED.jsonl",
        help="score these predictions instead of running the extractor",
    )
    p.add_argument(
        "--save-predictions", metavar="OUT.jsonl", help="also write the predictions"
    )
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.add_argument(
        "--context",
        action="store_true",
        help="read consecutive records whose ids share a prefix (seed-s01, "
        "seed-s02) as the sentences of one article, as kg build reads it, so "
        "coreference and quotes across sentences resolve",
    )
    batch_argument(p)
    p.add_argument(
        "--force", action="store_true", help="overwrite the --save-predictions file"
    )


def run(args: argparse.Namespace) -> int:
    """Run ``kg evaluate`` and print the scores as a table or JSON."""
    from kg.evaluate import evaluate, format_table

    result = evaluate(
        args.gold,
        predictions=args.predictions or None,
        model=args.model,
        actors=args.actors,
        patterns=args.patterns,
        batch_size=args.batch_size,
        context=args.context,
        save_predictions=args.save_predictions or None,
        force=args.force,
    )
    if args.format == "json":
        print(json.dumps(result, indent=1))
    else:
        print(format_table(result, title=f"{args.gold} ({result['records']} records)"))
    return 0
