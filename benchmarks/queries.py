"""Benchmark the read side at scale: named queries, analyze measures, view, GraphML.

Builds synthetic stores of N articles without any language processing: each
article's assertions are generated (diverse actors from the packaged registry,
a few hub actors reported much more often than the rest, relations of the
vocabulary, dates over two years, some negated, reported or planned events,
twenty publishers, the same event often reported by several articles) and
written through kg's own store code (:func:`kg.rdf.graph.build`: the N-Quads of
:mod:`kg.rdf.nquads`, Oxigraph's bulk loader, the build records and the derived
edges and events of :mod:`kg.rdf.events`). About 5.6 events per article, as
kg extracts from the sample articles (560,000 events at 100,000 articles).

Then, for each store in the same run, each step in a fresh process (wall, CPU,
peak RSS; imports included): every named query, every ``kg analyze`` measure,
``kg view`` and ``kg export --format graphml``. The table gives each step's
time at every size and its ratio to the smallest size.

Usage::

    .venv/bin/python benchmarks/queries.py --articles 10000 100000 [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from scale import CLI, MEASURES, QUERIES, step  # noqa: E402

from kg.registry import load_registry  # noqa: E402
from kg.types import Actor, Article, Assertion, Mention  # noqa: E402
from kg.vocab import load_vocabulary  # noqa: E402

#: Actors every article is likely to involve (the sample's story), then the rest.
HUBS = ("US", "SYR", "ISIS", "HTS", "RUS", "TUR", "ISR", "EU", "IRN", "IRQ")
#: Events per article (what kg extracts from the sample, on average).
EVENTS_PER_ARTICLE = 5.6
PUBLISHERS = tuple(f"Publisher {i}" for i in range(20))
MODALITIES = (("asserted", 0.82), ("reported", 0.1), ("planned", 0.03),
              ("intended", 0.03), ("hypothetical", 0.02))  # fmt: skip

BUILD = """
sys.path.insert(0, {bench!r})
from queries import build_store
n = build_store({n}, {store!r})
print(json.dumps({{"events": n}}), file=sys.stderr)
"""


def kg(*argv: str, cwd: Path = ROOT) -> dict[str, Any]:
    """A kg command in a fresh interpreter: wall, CPU and peak RSS."""
    return step(CLI.format(argv=["-q", *argv]), cwd)


def _actors(rng: random.Random) -> list[Actor]:
    """The hubs, then a sample of states, groups, organisations and people."""
    registry = load_registry()
    others = sorted(
        a.id for a in registry.values() if a.id not in HUBS and a.cls != "Person"
    )
    people = sorted(a.id for a in registry.values() if a.cls == "Person")
    chosen = list(HUBS) + others + rng.sample(people, min(2000, len(people)))
    return [registry[a] for a in chosen if a in registry]


def _pick(rng: random.Random, actors: list[Actor]) -> Actor:
    """Zipf-like: hubs often, the long tail rarely."""
    i = min(int((rng.paretovariate(0.9) - 1) * 3), len(actors) - 1)
    return actors[i] if rng.random() < 0.6 else rng.choice(actors)


def _mention(actor: Actor, start: int) -> Mention:
    return Mention(
        actor.id, actor.label, start, start + len(actor.label), label=actor.label,
        cls=actor.cls, country=actor.country, sector=actor.sector, code=actor.code,
    )  # fmt: skip


def _day(rng: random.Random) -> str:
    ordinal = 738886 + rng.randrange(730)  # 2024-01-01 + two years
    from datetime import date

    return date.fromordinal(ordinal).isoformat()


def articles(n: int, *, seed: int = 11) -> Iterator[tuple[Article, list[Assertion]]]:
    """N synthetic articles with their assertions (see the module docstring)."""
    rng = random.Random(seed)
    actors = _actors(rng)
    relations = sorted(load_vocabulary())
    stories: list[tuple[Actor, str, Actor, str]] = []
    for i in range(n):
        aid, day = f"syn-{i}", _day(rng)
        k = max(1, round(rng.gauss(EVENTS_PER_ARTICLE, 2)))
        sentences, assertions, offset = [], [], 0
        for j in range(k):
            if stories and rng.random() < 0.3:  # another report of a recent event
                src, rel, tgt, day_j = rng.choice(stories[-200:])
            else:
                src, tgt = _pick(rng, actors), _pick(rng, actors)
                rel, day_j = rng.choice(relations), day
                stories.append((src, rel, tgt, day_j))
            text = (f"{src.label} said on {day_j} it would {rel} {tgt.label}, "
                    f"officials told reporters in sentence {j}.")  # fmt: skip
            modality = rng.choices(*zip(*MODALITIES, strict=True))[0]
            assertions.append(Assertion(
                aid, _mention(src, offset), _mention(tgt, offset + len(text) - 30),
                rel, j, offset, offset + len(text), text,
                negated=rng.random() < 0.08, modality=modality, date=day_j,
                confidence=0.8, trigger=rel,
            ))  # fmt: skip
            sentences.append(text)
            offset += len(text) + 1
        body = " ".join(sentences) + " " + " ".join(["Filler words."] * 60)
        yield (
            Article(aid, body, title=f"Report {i}", date=day,
                    url=f"https://example.org/{aid}", source=rng.choice(PUBLISHERS)),
            assertions,
        )  # fmt: skip


def build_store(n: int, store: str) -> int:
    """Write N synthetic articles into an Oxigraph store; return the events."""
    from kg.rdf.graph import build
    from kg.rdf.store import open_store

    registry = load_registry()
    stats: dict[str, int] = {}
    dataset = open_store(store, create=True)
    try:
        build(articles(n), dataset=dataset, registry=registry, stats=stats)
    finally:
        dataset.close()
    return stats["events"]


class Results(dict):
    """Step results, each printed (stderr) and saved (JSON) as soon as it is done."""

    def __init__(self, n: int, path: Path) -> None:
        super().__init__(articles=n)
        self.path = path

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value)
        print(f"{self['articles']:,} {key}: {value}", file=sys.stderr, flush=True)
        self.path.write_text(json.dumps(self, indent=1))


def _steps(store: str, work: Path, n: int) -> dict[str, list[str]]:
    """Every timed command: the named queries, the measures, view, GraphML."""
    steps = {f"query {name}": ["query", "--store", store, "--named", name, *params,
                               "--format", "csv"]
             for name, params in QUERIES.items()}  # fmt: skip
    for name, params in MEASURES.items():
        steps[f"analyze {name}"] = ["analyze", "--store", store, "--measure", name,
                                    *params]  # fmt: skip
    steps["view"] = ["view", "--store", store, "-o", str(work / f"g{n}.html"),
                     "--force"]  # fmt: skip
    graphml = str(work / f"g{n}.graphml")
    steps["export graphml"] = ["export", "--store", store, "--format", "graphml",
                               "-o", graphml, "--force"]  # fmt: skip
    return steps


def run(
    n: int, work: Path, *, reuse: bool = False, baseline: Path | None = None
) -> dict[str, Any]:
    store = str(work / f"store-{n}")
    res = Results(n, work / f"results-{n}.json")
    if reuse and Path(store).is_dir():
        res["build"] = {"events": 0, "wall": 0.0, "cpu": 0.0, "rss_mib": 0.0,
                        "reused": True}  # fmt: skip
    else:
        shutil.rmtree(store, ignore_errors=True)
        bench = str(ROOT / "benchmarks")
        res["build"] = step(BUILD.format(bench=bench, n=n, store=store))
    for key, argv in _steps(store, work, n).items():
        if baseline is not None:  # the code before, on the same store, just before
            res[f"{key} (baseline)"] = kg(*argv, cwd=baseline)
        res[key] = kg(*argv)
    return dict(res)


def _cell(r: dict[str, Any], key: str) -> str:
    v = r.get(key)
    return "" if not v else f"{v['cpu']:.2f} ({v['wall']:.1f})"


def table(runs: list[dict[str, Any]]) -> str:
    """CPU s (wall s) of each step at each size; ratios of CPU times."""
    base = runs[0]
    sizes = [f"{r['articles']:,}" for r in runs]
    head = " | ".join(f"{n} CPU s (wall)" for n in sizes)
    head += "".join(f" | {n} / {sizes[0]}" for n in sizes[1:])
    has_baseline = any(k.endswith("(baseline)") for k in base)
    if has_baseline:
        head += " | " + " | ".join(f"before at {n}: CPU s, × now" for n in sizes)
    lines = [f"| step | {head} |", "|---|" + "---:|" * (head.count("|") + 1)]
    for key, val in base.items():
        if not isinstance(val, dict) or key.endswith("(baseline)") or key == "build":
            continue
        cells = [_cell(r, key) for r in runs]
        cells += [f"{r[key]['cpu'] / max(val['cpu'], 1e-9):.1f}×" for r in runs[1:]]
        for r in runs if has_baseline else ():
            old = r.get(f"{key} (baseline)")
            ratio = old["cpu"] / max(r[key]["cpu"], 1e-9) if old else 0
            cells.append(f"{old['cpu']:.2f}, {ratio:.1f}×" if old else "")
        lines.append(f"| {key} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--keep", metavar="DIR", help="work here and keep the stores")
    ap.add_argument("--json", action="store_true", help="also print JSON")
    ap.add_argument("--reuse", action="store_true",
                    help="time the stores of --keep DIR again (no build)")  # fmt: skip
    ap.add_argument("--baseline", metavar="DIR", type=Path,
                    help="a checkout of kg before: each step also runs with it, "
                    "on the same store, in the same run")  # fmt: skip
    args = ap.parse_args()
    work = Path(args.keep or tempfile.mkdtemp(prefix="kg-queries-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    runs = []
    for n in sorted(args.articles):
        runs.append(run(n, work, reuse=args.reuse, baseline=args.baseline))
        print(f"({n:,} articles done after {time.perf_counter() - started:.0f} s)",
              file=sys.stderr)  # fmt: skip
    print(table(runs))
    print(f"\n(total {time.perf_counter() - started:.0f} s)")
    if args.json:
        print(json.dumps(runs, indent=1))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
