"""``kg view``: write the interactive HTML view of the actor graph."""

from __future__ import annotations

import argparse
import logging

from kg.cli.options import filter_kwargs, graph_filters, open_graph, store_argument

log = logging.getLogger("kg")


HELP = "write the interactive HTML view"

DESCRIPTION = (
    "Write one self-contained HTML page (works offline, loads "
    "nothing from the network) of the actor graph: colours by actor class and "
    "quad class, sizes by PageRank, evidence in tooltips, filters and search."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Add the arguments of ``kg view``."""
    store_argument(p)
    p.add_argument(
        "-o", "--output", required=True, metavar="graph.html", help="- for stdout"
    )
    p.add_argument("--top", type=int, metavar="N", help="only the N top actors")
    p.add_argument("--actor", metavar="X", help="only the ego network of X")
    p.add_argument("--depth", type=int, default=2, metavar="N", help="ego radius")
    p.add_argument("--force", action="store_true", help="overwrite the output")
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
            top=args.top,
            actor=args.actor,
            depth=args.depth,
            force=args.force,
            **filter_kwargs(args),
        )
    log.info("wrote %s: %d actors, %d relations", out, len(net.nodes), len(net.edges))
    return 0
