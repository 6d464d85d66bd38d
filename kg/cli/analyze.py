"""``kg analyze``: network measures of the actor graph, as a table or JSON."""

from __future__ import annotations

import argparse
import json
import logging
from collections.abc import Callable
from typing import Any

from kg.cli.options import (
    count_argument,
    counting,
    filter_kwargs,
    graph_filters,
    open_graph,
    store_argument,
)
from kg.tables import plural
from kg.types import KGError
from kg.vocab import CENTRALITIES, MEASURES

log = logging.getLogger("kg")

#: The scores ``--write`` stores, and the extra columns of a centrality table.
SCORES = ("pagerank", "degree", "betweenness", "community")

TIMELINE_COLUMNS = [
    "date", "source", "relation", "target", "negated", "modality", "article",
    "evidence",
]  # fmt: skip

EGO_COLUMNS = [
    "source", "relation", "target", "quad_class", "mentions", "event_count", "articles",
    "first", "last",
]  # fmt: skip

#: A measure's rows and the table columns (None: all of them).
Measured = tuple[Any, list[str] | None]


HELP = "network measures of the actor graph"

DESCRIPTION = (
    "Read the actor graph (the edges aggregated by the store) and print a "
    "measure as a table (top N) or JSON: "
    "degree, in-degree, out-degree, pagerank, betweenness, communities, "
    "balance (signed triads: cooperation +, conflict -), paths (--source, "
    "--target), ego (--actor, --depth) or timeline (--source, --target). "
    "`kg analyze timeline --actor A --actor B` counts a pair's events by month and "
    "quad class, with the cooperation-vs-conflict balance on the Goldstein scale."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Add the arguments of ``kg analyze``."""
    store_argument(p)
    p.add_argument(
        "view",
        nargs="?",
        choices=["timeline"],
        help="timeline: the events of two actors (--actor A --actor B) by month, "
        "with quad classes and the cooperation-vs-conflict balance (Goldstein)",
    )
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
    p.add_argument(
        "--actor",
        action="append",
        metavar="X",
        help="the actor of an ego network; twice for `kg analyze timeline`",
    )
    p.add_argument("--depth", type=int, default=2, metavar="N", help="ego radius")
    p.add_argument("--seed", type=int, default=42, help="community detection seed")
    count_argument(p)
    graph_filters(p)


def run(args: argparse.Namespace) -> int:
    """Run ``kg analyze``: compute the measure, print it.

    Python's cyclic garbage collector is paused for the command
    (:func:`kg.analysis.edges.paused_gc`): it reads and builds hundreds of
    thousands of records, graphs and rows that form no cycles, and the
    collector would scan them again and again (a quarter of ``balance``'s time
    at 290,000 edges, for no memory)."""
    from kg.analysis.edges import paused_gc

    if args.top is not None and args.top < 1:
        raise KGError(f"bad --top {args.top}; expected 1 or more")
    with paused_gc():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from kg import analysis as an
    from kg.analysis.graph import counted
    from kg.progress import stage

    if args.view == "timeline":
        return _pair_timeline(args)
    if args.measure in (*CENTRALITIES, "communities"):
        return _run_collapsed(args)
    if args.measure == "balance" and not args.write:
        return _run_balance(args)
    if args.measure in ("paths", "ego", "timeline") and not args.write:
        return _run_near(args)
    # the store (and its lock) is released before printing
    with open_graph(args.store, write="--write" if args.write else None) as dataset:
        # counts per edge come aggregated from the store; events only where needed
        with stage("read the actor graph"):
            G = an.actor_graph(dataset, events=False, **filter_kwargs(args))
            _attach_events(args, dataset, G)
        G = counted(G, args.count)
        log.info(counting(args.count))
        log.info(
            "%s, %s",
            plural(G.number_of_nodes(), "actor"),
            plural(G.number_of_edges(), "edge"),
        )
        if args.write:
            _write_scores(dataset, an.scores(G, seed=args.seed))
    return _print_measure(args, G)


def _run_collapsed(args: argparse.Namespace) -> int:
    """The centralities and communities: only the pairs' summed weights are read
    (:func:`kg.analysis.collapsed.collapsed_graph`), not every edge's attributes.
    With ``--write`` the scores are computed once, stored, and ranked."""
    from kg import analysis as an
    from kg.analysis.collapsed import collapsed_graph
    from kg.progress import stage

    with open_graph(args.store, write="--write" if args.write else None) as dataset:
        with stage("read the actor graph"):
            D = collapsed_graph(dataset, count=args.count, **filter_kwargs(args))
        log.info(counting(args.count))
        log.info(
            "%s, %s",
            plural(D.number_of_nodes(), "actor"),
            plural(D.graph["edges"], "edge"),
        )
        rows = an.collapsed_scores(D, seed=args.seed) if args.write else None
        if rows is not None:
            _write_scores(dataset, rows)
    return _print_measure(args, D, rows)


def _run_balance(args: argparse.Namespace) -> int:
    """Structural balance: the signed graph is read from the aggregated edges
    (:func:`kg.analysis.structure.signed_graph`), without the multi-digraph; a
    table lists only the triads it prints."""
    from kg import analysis as an
    from kg.progress import stage

    with open_graph(args.store) as dataset, stage("read the signed graph"):
        S = an.signed_graph(dataset, **filter_kwargs(args))
    log.info(counting(args.count))
    log.info(
        "%s, %s",
        plural(S.number_of_nodes(), "actor"),
        plural(S.number_of_edges(), "signed pair"),
    )
    limit = None if args.format == "json" else args.top
    with stage("computed balance"):
        result = an.balance(S, limit=limit)
    if args.format == "json":
        print(json.dumps(result, indent=2, ensure_ascii=False, default=str))
    else:
        _print_balance(result, top=args.top)
    return 0


def _print_measure(
    args: argparse.Namespace, G: Any, rows: list[dict[str, Any]] | None = None
) -> int:
    """Compute the measure of the actor graph (a collapsed graph for the
    centralities and communities), print it; ``rows``: the scores, when the
    caller has them already."""
    from kg.progress import stage

    m = args.measure
    with stage(f"computed {m}"):
        if m in CENTRALITIES:
            result, columns = _centrality(args, G, rows)
        else:
            result, columns = _MEASURES[m](args, G)
    return _show(args, result, columns)


def _show(args: argparse.Namespace, result: Any, columns: list[str] | None) -> int:
    """Print a measure's result: JSON, or its table or text."""
    from kg import analysis as an

    if args.format == "json":
        print(json.dumps(result, indent=2, ensure_ascii=False, default=str))
    elif args.measure == "balance":
        _print_balance(result, top=args.top)
    elif args.measure == "paths":
        _print_paths(result)
    else:
        print(an.format_table(result, columns))
    return 0


def _run_near(args: argparse.Namespace) -> int:
    """Paths, ego networks and a pair's timeline, without the actor graph of
    every edge: paths and ego networks are found in the collapsed graph
    (:mod:`kg.analysis.collapsed`; only the edges an ego network lists become a
    multi-digraph, and only theirs are read for evidence, in JSON); a timeline
    reads the pair's edges (:func:`kg.analysis.timelines.store_timeline`)."""
    from kg import analysis as an
    from kg.analysis.collapsed import store_ego, store_paths
    from kg.analysis.timelines import store_timeline
    from kg.progress import stage

    filters = filter_kwargs(args)
    ego = args.measure == "ego"
    pair = ("", "") if ego else _pair(args)
    actor = _ego_actor(args) if ego else ""
    log.info(counting(args.count))
    result: Any
    with open_graph(args.store) as dataset, stage(f"computed {args.measure}"):
        if args.measure == "paths":
            result = store_paths(dataset, *pair, count=args.count, **filters)
        elif args.measure == "timeline":
            result = store_timeline(dataset, *pair, **filters)
        else:
            E = store_ego(
                dataset, actor, depth=args.depth, count=args.count, top=args.top,
                evidence=args.format == "json", **filters,
            )  # fmt: skip
            result = an.edge_rows(E)[: args.top]
    columns = {"ego": EGO_COLUMNS, "timeline": TIMELINE_COLUMNS}
    return _show(args, result, columns.get(args.measure))


def _attach_events(args: argparse.Namespace, dataset: Any, G: Any) -> None:
    """Read the events the measure shows: a timeline's pair, an ego network's
    evidence (JSON only); the other measures need only the counts."""
    from kg import analysis as an
    from kg.analysis.graph import actor_node

    if args.measure == "timeline":
        a, b = (actor_node(G, x, "timeline") for x in _pair(args))
        edges = [(u, v, k) for u, v in {(a, b), (b, a)} if G.has_edge(u, v)
                 for k in G[u][v]]  # fmt: skip
        an.attach_events(G, dataset, edges)
    elif args.measure == "ego" and args.format == "json" and args.actor:
        E = an.ego(G, _ego_actor(args), depth=args.depth)
        an.attach_events(G, dataset, list(E.edges(keys=True)))


def _write_scores(dataset: Any, rows: list[dict[str, Any]]) -> None:
    from kg import analysis as an

    values = {name: {r["id"]: r[name] for r in rows} for name in SCORES}
    count = an.write_scores(dataset, values)
    log.info("wrote %s to <%s>", plural(count, "score"), an.ANALYSIS_GRAPH)


# ----------------------------------------------------------------------- measures
def _centrality(
    args: argparse.Namespace, D: Any, rows: list[dict[str, Any]] | None
) -> Measured:
    """A centrality of the collapsed graph, ranked from its scores."""
    from kg import analysis as an

    m = args.measure
    key = m.replace("-", "_")
    costly = tuple(c for c in an.COSTLY if c == key)  # the others are not shown
    columns = ["id", "label", "cls", "country", key]
    columns += [c for c in SCORES if c != key and (c not in an.COSTLY or rows)]
    if rows is None:
        rows = an.collapsed_scores(D, seed=args.seed, costly=costly)
    return an.rank(rows, m, top=args.top), columns


def _communities(args: argparse.Namespace, D: Any) -> Measured:
    """The communities of the collapsed graph's partner graph."""
    from kg.analysis.measures import partners
    from kg.analysis.structure import partition

    parts = partition(partners(D), seed=args.seed)
    rows = [
        {
            "community": i,
            "size": len(p),
            "members": [D.nodes[n].get("label", n) for n in p],
        }
        for i, p in enumerate(parts[: args.top])
    ]
    return rows, None


def _balance(args: argparse.Namespace, G: Any) -> Measured:  # noqa: ARG001
    from kg import analysis as an

    return an.balance(an.signed_graph(G)), None


def _pair(args: argparse.Namespace) -> tuple[str, str]:
    if not (args.source and args.target):
        raise KGError(f"--measure {args.measure} needs --source A and --target B")
    return args.source, args.target


def _paths(args: argparse.Namespace, G: Any) -> Measured:
    from kg import analysis as an

    return an.paths(G, *_pair(args)), None


def _timeline(args: argparse.Namespace, G: Any) -> Measured:
    from kg import analysis as an

    return an.timeline(G, *_pair(args)), TIMELINE_COLUMNS


def _ego(args: argparse.Namespace, G: Any) -> Measured:
    from kg import analysis as an

    E = an.ego(G, _ego_actor(args), depth=args.depth)
    return an.edge_rows(E)[: args.top], EGO_COLUMNS


def _ego_actor(args: argparse.Namespace) -> str:
    if not args.actor:
        raise KGError("--measure ego needs --actor X")
    if len(args.actor) > 1:
        raise KGError(f"--measure ego takes one --actor X, not {len(args.actor)}")
    return str(args.actor[0])


def _pair_timeline(args: argparse.Namespace) -> int:
    """``kg analyze timeline --actor A --actor B``: months, then the balance."""
    from kg.analysis import format_table
    from kg.analysis.timelines import MONTH_COLUMNS, pair_timeline

    if not args.actor or len(args.actor) != 2:
        raise KGError("kg analyze timeline needs two actors: --actor A --actor B")
    with open_graph(args.store) as dataset:
        t = pair_timeline(dataset, *args.actor)
    if args.format == "json":
        print(json.dumps(t, indent=2, ensure_ascii=False, default=str))
        return 0
    months = t["months"]
    print(format_table(months, MONTH_COLUMNS) if months else "(no dated events)")
    coop = sum(r["cooperation"] for r in months)
    conflict = sum(r["conflict"] for r in months)
    print(
        f"{t['a']} - {t['b']}: {plural(coop + conflict, 'mention')} in "
        f"{plural(len(months), 'month')} ({coop} cooperation, {conflict} conflict), "
        f"Goldstein total {t['goldstein']:+g}; {t['undated']} undated, "
        f"{t['left_out']} negated or not asserted left out"
    )
    return 0


_MEASURES: dict[str, Callable[[argparse.Namespace, Any], Measured]] = {
    "communities": _communities,
    "balance": _balance,
    "paths": _paths,
    "timeline": _timeline,
    "ego": _ego,
}


# ----------------------------------------------------------------------- printing
def _print_balance(b: dict[str, Any], *, top: int) -> None:
    from kg import analysis as an

    share = b["share_balanced"]
    print(
        f"{plural(b['total'], 'signed triad')}: {b['balanced']} balanced, "
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
        for t in b["triads"][:top]
    ]
    if rows:
        print(an.format_table(rows))


def _print_paths(p: dict[str, Any]) -> None:
    from kg.tables import terminal_safe

    def say(text: str) -> None:  # actor names come from article text
        print(terminal_safe(text))

    if p["hops"] is None:
        say(f"no path between {p['source']} and {p['target']}")
        return
    say(f"shortest ({plural(p['hops'], 'step')}):")
    for path in p["shortest"]:
        say("  " + " - ".join(path))
    say(f"strongest (cost {p['cost']:.3f} = sum of 1/mentions):")
    say("  " + " - ".join(p["strongest"]))
    for step in p["steps"]:
        say(
            f"    {step['from']} - {step['to']} "
            f"({plural(step['mentions'], 'mention')}): {'; '.join(step['relations'])}"
        )
