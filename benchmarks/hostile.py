"""Benchmark: hostile input stays linear and small (issue 11).

Each case runs in its own process (peak memory is per process) and is compared
with a baseline of ordinary news text of the same length, in the same run:

- ``us``: ``"US " * N`` (one "sentence" of N actor mentions);
- ``runon``: ``"US condemned Iran and " * N`` (one sentence, N candidate events);
- ``query``: a SELECT of ``--rows`` rows written as CSV by ``kg query`` (streamed),
  against the memory of an ASK on the same store.

Usage::

    python benchmarks/hostile.py                 # N = 100,000 and 3,000; 140,000 rows
    python benchmarks/hostile.py --quick         # a smoke run
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEWS = "The minister said the talks with Iran would resume on Monday in Geneva. "

EXTRACT = """
import json, resource, sys, time
from kg.nlp.model import load_nlp
from kg.nlp.extract import extract_articles
from kg.types import Article
nlp = load_nlp()
text = sys.argv[1] * int(sys.argv[2])
start = time.perf_counter()
[(_, found)] = list(extract_articles([Article("b", text, date="2025-01-25")], nlp))
print(json.dumps({"seconds": time.perf_counter() - start, "events": len(found),
    "mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


QUERY = """
import resource, sys
from kg.cli import main
code = main(["query", "--store", sys.argv[1], "--format", "csv", sys.argv[2]])
sys.stdout.flush()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, file=sys.stderr)
sys.exit(code)
"""


def _extract(unit: str, repeat: int) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", EXTRACT, unit, str(repeat)],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def _same_length(unit: str, repeat: int) -> int:
    return max(1, len(unit) * repeat // len(NEWS))


def _query_case(rows: int) -> tuple[dict, dict]:
    import pyoxigraph as ox

    folder = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    store = ox.Store(str(folder / "store"))
    g = ox.NamedNode("http://e/graph")
    store.bulk_extend(
        ox.Quad(ox.NamedNode(f"http://e/s{i}"), ox.NamedNode("http://e/p"),
                ox.Literal(f"a longer literal value of row {i} " * 3), g)
        for i in range(rows)
    )  # fmt: skip
    store.flush()
    del store

    def kg(query: str) -> dict:
        start = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", QUERY, str(folder / "store"), query],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True,
            cwd=ROOT,
        )  # fmt: skip
        mb = float(out.stderr.strip().splitlines()[-1])
        return {"seconds": time.perf_counter() - start, "mb": mb}

    baseline = kg("ASK { ?s ?p ?o }")
    return kg("SELECT ?s ?o WHERE { ?s ?p ?o }"), baseline


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true")
    p.add_argument("--rows", type=int, default=140_000)
    args = p.parse_args()
    us_n, runon_n = (10_000, 500) if args.quick else (100_000, 3_000)
    rows = 5_000 if args.quick else args.rows
    print("| case | time (s) | baseline (s) | ratio | peak MB | baseline MB | ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, unit, n in (("US x N", "US ", us_n),
                          ("US condemned Iran and x N", "US condemned Iran and ",
                           runon_n)):  # fmt: skip
        case = _extract(unit, n)
        base = _extract(NEWS, _same_length(unit, n))
        print(f"| {name} (N={n:,}) | {case['seconds']:.1f} | {base['seconds']:.1f} | "
              f"{case['seconds'] / base['seconds']:.2f} | {case['mb']:.0f} | "
              f"{base['mb']:.0f} | {case['mb'] / base['mb']:.2f} |")  # fmt: skip
    case, base = _query_case(rows)
    print(
        f"| kg query, {rows:,} rows as CSV | {case['seconds']:.1f} | "
        f"{base['seconds']:.1f} | {case['seconds'] / base['seconds']:.2f} | "
        f"{case['mb']:.0f} | {base['mb']:.0f} | {case['mb'] / base['mb']:.2f} |"
    )


if __name__ == "__main__":
    main()
