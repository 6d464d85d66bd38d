"""``kg validate``: check the graph against the SHACL shapes."""

from __future__ import annotations

import argparse

from kg.cli.options import open_graph, store_argument

HELP = "validate the graph against the SHACL shapes"

DESCRIPTION = (
    "Check the graph against ontology/shapes.ttl (with the "
    "ontology, so actor subclasses count as actors). Prints one line per "
    "problem; exits 1 when the graph does not conform."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Add the arguments of ``kg validate``."""
    store_argument(p)


def run(args: argparse.Namespace) -> int:
    """Run ``kg validate``: print the report; 1 when the graph does not conform."""
    from kg.rdf.ontology import validate

    with open_graph(args.store) as dataset:
        conforms, report = validate(dataset)
    print(report)
    return 0 if conforms else 1
