"""``kg view``: write the interactive HTML view of the actor graph."""

from __future__ import annotations

import argparse
import logging

from kg.cli.options import (
    count_argument,
    counting,
    filter_kwargs,
    graph_filters,
    open_graph,
    store_argument,
)
from kg.tables import plural
from kg.vocab import CENTRALITIES

log = logging.getLogger("kg")


HELP = "write the interactive HTML view"

DESCRIPTION = (
    "Write one self-contained HTML page (works offline, loads nothing from the "
    "network) of the actor graph: node shape by actor class, arrow colour by quad "
    "class, a side panel with the first mentions of a clicked edge, filters, a "
    "date range with play, alias search and PNG/SVG export. Draws the top 300 "
    "actors by PageRank and the 2,000 strongest relations among them unless "
    "--top, --by, --edges or --all say otherwise (the page says so)."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Add the arguments of ``kg view``."""
    store_argument(p)
    p.add_argument(
        "-o", "--output", required=True, metavar="graph.html", help="- for stdout"
    )
    p.add_argument(
        "--top",
        type=int,
        default=300,
        metavar="N",
        help="draw only the N top actors by --by (default 300; the page says so)",
    )
    p.add_argument(
        "--edges",
        type=int,
        default=2000,
        metavar="N",
        help="draw only the N strongest relations among the drawn actors "
        "(default 2000; the page says so)",
    )
    p.add_argument(
        "--samples",
        type=int,
        default=5,
        metavar="N",
        help="mentions of each drawn relation the page carries for its panel, the "
        "first ones (default 5; more reads every mention of the drawn relations)",
    )
    p.add_argument(
        "--all",
        action="store_true",
        help="draw every actor and relation (no --top or --edges cap)",
    )
    p.add_argument(
        "--by",
        choices=CENTRALITIES,
        default="pagerank",
        help="the measure that ranks actors for --top (default pagerank)",
    )
    p.add_argument("--actor", metavar="X", help="only the ego network of X")
    p.add_argument("--depth", type=int, default=2, metavar="N", help="ego radius")
    p.add_argument("--force", action="store_true", help="overwrite the output")
    count_argument(p)
    graph_filters(p)


def run(args: argparse.Namespace) -> int:
    """Run ``kg view``."""
    from kg.files import check_writable
    from kg.viz import to_html

    out = check_writable(args.output, force=args.force)
    with open_graph(args.store) as dataset:
        net = to_html(
            dataset,
            out,
            top=None if args.all else args.top,
            by=args.by,
            actor=args.actor,
            depth=args.depth,
            force=args.force,
            count=args.count,
            max_edges=None if args.all else args.edges,
            samples=args.samples,
            **filter_kwargs(args),
        )
    log.info(counting(args.count))
    log.info(
        "wrote %s: %s, %s",
        out,
        plural(len(net.nodes), "actor"),
        plural(len(net.edges), "relation"),
    )
    return 0
