"""Build throughput: ``kg build`` against plain ``nlp.pipe``, a rebuild, and Dask.

In one run, on one synthetic corpus (the sample articles of ``data/articles``
repeated under new ids to ``--articles`` articles, as one JSON Lines file):

1. plain spaCy: ``spacy.load`` + ``nlp.pipe`` over the texts (wall and CPU);
2. ``kg build`` into a fresh store, one process (the extraction, the graphs,
   the bulk loads, the compaction);
3. ``kg build`` again on the unchanged corpus (every article skipped before
   parsing);
4. ``kg build --dask local:N`` into another fresh store (a LocalCluster of N
   worker processes, started inside the measurement);

and reports the ratios: build CPU / plain CPU (target ≤ 1.15), rebuild wall /
first build wall (target ≤ 0.05), one-process wall / Dask wall (target ≥ 1.7 with
two workers on two cores), and the load average of the machine before and after.
CPU is this process plus its finished children (the Dask workers' CPU is not
counted; their ratio is wall time). Not run in CI.

Usage::

    python benchmarks/build.py --articles 1000
    python benchmarks/build.py --articles 300 --dask local:2
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.articles import load_articles  # noqa: E402
from kg.nlp.model import DEFAULT_MODEL  # noqa: E402
from kg.pipeline import build_store  # noqa: E402


def corpus(n: int, path: Path) -> list[str]:
    """Write ``n`` articles (the samples under new ids) as JSON Lines; their texts."""
    base = list(load_articles([ROOT / "data" / "articles"]))
    texts = []
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            a = base[i % len(base)]
            rec = {"id": f"{a.id}-{i}", "text": a.text, "title": a.title,
                   "date": a.date}  # fmt: skip
            fh.write(json.dumps(rec) + "\n")
            texts.append(a.text)
    return texts


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def timed(fn, *args, **kwargs) -> tuple[float, float, object]:
    """Wall seconds, CPU seconds and the result of one call."""
    t, c = time.perf_counter(), _cpu()
    out = fn(*args, **kwargs)
    return time.perf_counter() - t, _cpu() - c, out


def plain(texts: list[str], model: str, batch: int) -> int:
    import spacy

    nlp = spacy.load(model)
    return sum(1 for _ in nlp.pipe(texts, batch_size=batch))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--model", default=DEFAULT_MODEL)
    ap.add_argument("--dask", default="local:2", help="'' to skip the Dask run")
    args = ap.parse_args(argv)

    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "corpus.jsonl"
        texts = corpus(args.articles, jsonl)
        words = sum(len(t.split()) for t in texts)
        kw = {"model": args.model, "batch_size": args.batch_size, "quiet": True}
        p_wall, p_cpu, _ = timed(plain, texts, args.model, args.batch_size)
        b_wall, b_cpu, first = timed(
            build_store, [jsonl], store=str(Path(tmp) / "one"), **kw
        )
        r_wall, r_cpu, again = timed(
            build_store, [jsonl], store=str(Path(tmp) / "one"), **kw
        )
        row = {
            "articles": args.articles,
            "words": words,
            "plain_wall_s": round(p_wall, 2),
            "plain_cpu_s": round(p_cpu, 2),
            "build_wall_s": round(b_wall, 2),
            "build_cpu_s": round(b_cpu, 2),
            "build_cpu_ratio": round(b_cpu / p_cpu, 3),
            "build_wall_ratio": round(b_wall / p_wall, 3),
            "events": first.stats["events"],  # type: ignore[attr-defined]
            "rebuild_wall_s": round(r_wall, 2),
            "rebuild_ratio": round(r_wall / b_wall, 4),
            "rebuild_extracted": again.stats["extracted"],  # type: ignore[attr-defined]
        }
        if args.dask:
            d_wall, _, spread = timed(
                build_store, [jsonl], store=str(Path(tmp) / "dask"), dask=args.dask,
                **kw,
            )  # fmt: skip
            row["dask"] = args.dask
            row["dask_wall_s"] = round(d_wall, 2)
            row["dask_speedup"] = round(b_wall / d_wall, 3)
            row["dask_events"] = spread.stats["events"]  # type: ignore[attr-defined]
    row["loadavg_before"] = [round(x, 2) for x in load_before]
    row["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    row["cpus"] = os.cpu_count()
    print(json.dumps(row), flush=True)
    ok = row["build_cpu_ratio"] <= 1.15 and row["rebuild_ratio"] <= 0.05
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
