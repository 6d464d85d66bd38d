"""``kg export``: write the graph to a file (RDF, GraphML/GEXF, CSV, event table)."""

from __future__ import annotations

import argparse
import logging

from kg.cli.options import open_graph, store_argument
from kg.vocab import EXPORT_FORMATS

log = logging.getLogger("kg")


HELP = "export the graph to a file (RDF, GraphML/GEXF, CSV, event table)"

DESCRIPTION = (
    "Export the graph: turtle, trig, nt, nquads, json-ld (RDF; TriG "
    "and N-Quads keep one named graph per article; from a store directory the "
    "first four are streamed in bounded memory, json-ld is built in memory and "
    "is meant for small graphs), graphml and gexf (actor "
    "network for Gephi), csv (edge list with article and mention counts) or "
    "events (tab-separated CAMEO/GDELT-style event table). The format is "
    "guessed from the extension when --format is omitted."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Add the arguments of ``kg export``."""
    store_argument(p)
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="output file (- for stdout)",
    )
    p.add_argument("--format", choices=list(EXPORT_FORMATS), help="output format")
    p.add_argument("--force", action="store_true", help="overwrite OUT")
    p.add_argument(
        "--include-ontology",
        action="store_true",
        help="also export the ontology graph kept in the store",
    )


def run(args: argparse.Namespace) -> int:
    """Run ``kg export``."""
    from kg.analysis.edges import paused_gc
    from kg.export import guess_format, save_graph
    from kg.files import check_writable

    fmt = args.format or guess_format(args.output)
    out = check_writable(args.output, force=args.force)
    # no cycles among the records and rows read: see kg.cli.analyze.run
    with open_graph(args.store) as dataset, paused_gc():
        save_graph(
            dataset,
            out,
            format=fmt,
            force=args.force,
            include_ontology=args.include_ontology,
        )
    log.info("wrote %s (%s)", out, fmt)
    return 0
