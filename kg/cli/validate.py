"""``kg validate``: check the graph against the SHACL shapes."""

from __future__ import annotations

import argparse

from kg.cli.options import open_graph, store_argument

HELP = "validate the graph against the SHACL shapes"

DESCRIPTION = (
    "Check the graph against ontology/shapes.ttl (with the "
    "ontology, so actor subclasses count as actors), after checking that the "
    "store holds every graph its builds recorded (whole). Prints one line per "
    "problem; exits 1 when a graph is lost or the graph does not conform."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Add the arguments of ``kg validate``."""
    store_argument(p)


def run(args: argparse.Namespace) -> int:
    """Run ``kg validate``: print the report; 1 when the graph does not conform."""
    from kg.pipeline import require_intact
    from kg.rdf.graph import check_store
    from kg.rdf.ontology import validate

    with open_graph(args.store) as dataset:
        problems = check_store(dataset)  # what the build records say is stored
        if problems:
            print("\n".join(problems))
            require_intact(dataset, args.store, problems)
        conforms, report = validate(dataset)
    print(report)
    return 0 if conforms else 1
