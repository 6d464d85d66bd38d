"""Benchmark the store side of a build: peak memory against corpus size.

Builds synthetic stores of N articles (the generator of ``benchmarks/queries.py``:
no language processing, so only what the store side of a build keeps in memory
grows) through kg's own code (:func:`kg.rdf.graph.build`: the article graphs,
the build records, the derived graphs of :mod:`kg.rdf.derived`, the flush and
compaction), each in a fresh process, and reports wall, CPU and peak RSS per
size and the ratio of each size's peak RSS to the smallest one's.

With ``--baseline DIR`` (a checkout of the code before a change, e.g. ``git
worktree add /tmp/derived-base main``) the same builds run on that code too, in
the same run, and the derived graphs of both stores are compared: each store's
derived graphs are dumped as sorted N-Quads (they hold no timestamps) and their
SHA-256 must be equal.

Usage::

    .venv/bin/python benchmarks/derived.py --articles 1000 10000 30000 \
        [--baseline /tmp/derived-base] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from scale import _size_mib, step  # noqa: E402

# a build in a fresh process (scale.step: wall, CPU and peak RSS): the kg package
# of CODE, the generator of this checkout; the clock starts again after the
# imports, so that wall and CPU are those of the build
CHILD = """
sys.path.insert(0, {code!r})
import kg, kg.rdf.graph, kg.rdf.store  # this code's kg, before queries.py's path
assert kg.__file__.startswith({code!r}), kg.__file__
sys.path.insert(0, {bench!r})
from queries import build_store
t0 = time.perf_counter(); c0 = os.times()
events = build_store({n}, {store!r})
print(json.dumps({{"events": events}}), file=sys.stderr)
"""

# the derived graphs of a store as sorted N-Quads: their SHA-256 and line count
DUMP = """
import hashlib, json, sys
import pyoxigraph as ox
store = ox.Store.read_only({store!r})
prefix = "https://w3id.org/kg-news/derived/"
lines = sorted(str(q) for g in store.named_graphs() if g.value.startswith(prefix)
               for q in store.quads_for_pattern(None, None, None, g))
digest = hashlib.sha256("\\n".join(lines).encode()).hexdigest()
print(json.dumps({{"sha256": digest, "quads": len(lines)}}), file=sys.stderr)
"""


def _child(code: str) -> dict[str, Any]:
    return step(code, env=dict(os.environ, PYTHONHASHSEED="0"))


def run(n: int, code: Path, work: Path) -> dict[str, Any]:
    """Build a store of N articles with the kg of CODE; measure and dump it."""
    store = work / f"store-{code.name}-{n}"
    shutil.rmtree(store, ignore_errors=True)
    res = _child(CHILD.format(code=str(code), bench=str(ROOT / "benchmarks"), n=n,
                              store=str(store)))  # fmt: skip
    res["store_mib"] = _size_mib(store)
    dump = _child(DUMP.format(store=str(store)))
    res.update(sha256=dump["sha256"], quads=dump["quads"])
    print(f"{code} {n:,}: {res}", file=sys.stderr, flush=True)
    return res


def table(sizes: list[int], runs: dict[str, dict[int, dict[str, Any]]]) -> str:
    """The markdown table: per size and code, wall, CPU, peak RSS and its ratio."""
    lines = ["| articles | code | events | wall s | CPU s | peak RSS MiB | RSS / "
             f"{sizes[0]:,} | store MiB | derived quads |",
             "|---:|---|---:|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    for n in sizes:
        for name, by_n in runs.items():
            r, first = by_n[n], by_n[sizes[0]]
            lines.append(
                f"| {n:,} | {name} | {r['events']:,} | {r['wall']:.1f} | "
                f"{r['cpu']:.1f} | {r['rss_mib']:.0f} | "
                f"{r['rss_mib'] / first['rss_mib']:.2f}× | {r['store_mib']:.0f} | "
                f"{r['quads']:,} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--baseline", type=Path, help="a checkout of the code before")
    ap.add_argument("--keep", type=Path, help="keep the stores in this directory")
    args = ap.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="kg-derived-"))
    work.mkdir(parents=True, exist_ok=True)
    codes = {"this": ROOT}
    if args.baseline is not None:
        codes = {"baseline": args.baseline.resolve(), **codes}
    runs: dict[str, dict[int, dict[str, Any]]] = {name: {} for name in codes}
    try:
        for n in args.articles:
            for name, code in codes.items():
                runs[name][n] = run(n, code, work)
                if args.keep is None:
                    shutil.rmtree(work / f"store-{code.name}-{n}", ignore_errors=True)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(table(args.articles, runs))
    if args.baseline is not None:
        same = all(runs["baseline"][n]["sha256"] == runs["this"][n]["sha256"]
                   for n in args.articles)  # fmt: skip
        print(f"\nderived graphs identical to the baseline's: {same}")
        if not same:
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
