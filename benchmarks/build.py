"""Build throughput: ``kg build`` against plain ``nlp.pipe``, a rebuild, and Dask.

In one run, on one synthetic corpus (the sample articles of ``data/articles``
repeated under new ids to ``--articles`` articles, as one JSON Lines file):

1. plain spaCy: ``spacy.load`` + ``nlp.pipe`` over the texts (wall and CPU);
2. ``kg extract`` of the corpus (kg's pipeline alone, JSON lines out);
3. ``kg build`` into a fresh store, one process (the extraction, the graphs,
   the bulk loads, the compaction);
4. ``kg build`` again on the unchanged corpus (every article skipped before
   parsing);
5. ``kg build --dask local:N`` into another fresh store: the LocalCluster is
   started (and its workers load the model) first, timed apart, then the build
   runs on it (``dask=`` its scheduler address).

and reports the ratios: build CPU / plain CPU (target ≤ 1.15), extract CPU /
plain CPU and build CPU / extract CPU (what the build adds to extraction),
rebuild wall / first build wall (target ≤ 0.05), and one-process build wall /
Dask wall (target ≥ 1.7 with two workers on two cores) with and without the
cluster's start-up, the CPU of every process of the Dask run (driver and
workers) against the one-process build, and the load average of the machine
before and after (the other processes of the machine take their share of the
cores: a wall-time speed-up is only meaningful on an idle machine; the CPU
figures are less sensitive to it). CPU is this process plus its finished
children. Not run in CI.

Usage::

    python benchmarks/build.py --articles 1000 --dask ''
    python benchmarks/build.py --articles 2000 --dask local:2
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
from kg.pipeline import build_store, extract_events  # noqa: E402


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


def _worker_cpu(client) -> float:
    """CPU seconds used so far by the cluster's worker processes."""

    def cpu() -> float:
        t = os.times()
        return t.user + t.system

    return sum(client.run(cpu).values())


def dask_run(jsonl: Path, store: str, scheduler: str, kw: dict) -> dict:
    """Start a cluster (workers warm), then build on it; times of both."""
    from kg.distributed import _worker_state, connect

    row: dict = {"dask": scheduler}
    t, c = time.perf_counter(), _cpu()
    with connect(scheduler) as client:  # the driver's CPU + the workers' own
        client.run(_worker_state, kw["model"], (), ())  # each worker loads once
        row["dask_startup_s"] = round(time.perf_counter() - t, 2)
        start_cpu = _worker_cpu(client)
        row["dask_startup_cpu_s"] = round(_cpu() - c + start_cpu, 2)
        address = client.scheduler.address
        d_wall, d_cpu, out = timed(build_store, [jsonl], store=store,
                                   dask=address, **kw)  # fmt: skip
        row["dask_wall_s"] = round(d_wall, 2)
        row["dask_driver_cpu_s"] = round(d_cpu, 2)
        row["dask_workers_cpu_s"] = round(_worker_cpu(client) - start_cpu, 2)
        row["dask_events"] = out.stats["events"]  # type: ignore[attr-defined]
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--model", default=DEFAULT_MODEL)
    ap.add_argument("--dask", default="local:2", help="'' to skip the Dask run")
    ap.add_argument("--no-extract", action="store_true", help="skip kg extract")
    args = ap.parse_args(argv)

    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "corpus.jsonl"
        texts = corpus(args.articles, jsonl)
        words = sum(len(t.split()) for t in texts)
        kw = {"model": args.model, "batch_size": args.batch_size, "quiet": True}
        p_wall, p_cpu, _ = timed(plain, texts, args.model, args.batch_size)
        row = {"articles": args.articles, "words": words, "plain_wall_s":
               round(p_wall, 2), "plain_cpu_s": round(p_cpu, 2)}  # fmt: skip
        if not args.no_extract:
            e_wall, e_cpu, _ = timed(
                extract_events, [jsonl], output=Path(tmp) / "e.jsonl", **kw
            )
            row["extract_cpu_s"] = round(e_cpu, 2)
            row["extract_cpu_ratio"] = round(e_cpu / p_cpu, 3)
        b_wall, b_cpu, first = timed(
            build_store, [jsonl], store=str(Path(tmp) / "one"), **kw
        )
        r_wall, r_cpu, again = timed(
            build_store, [jsonl], store=str(Path(tmp) / "one"), **kw
        )
        row.update({
            "build_wall_s": round(b_wall, 2),
            "build_cpu_s": round(b_cpu, 2),
            "build_cpu_ratio": round(b_cpu / p_cpu, 3),
            "build_wall_ratio": round(b_wall / p_wall, 3),
            "events": first.stats["events"],  # type: ignore[attr-defined]
            "rebuild_wall_s": round(r_wall, 2),
            "rebuild_ratio": round(r_wall / b_wall, 4),
            "rebuild_extracted": again.stats["extracted"],  # type: ignore[attr-defined]
        })  # fmt: skip
        if "extract_cpu_s" in row:
            row["build_over_extract_cpu"] = round(b_cpu / row["extract_cpu_s"], 3)
        if args.dask:
            d = dask_run(jsonl, str(Path(tmp) / "dask"), args.dask, kw)
            row.update(d)
            row["dask_speedup"] = round(b_wall / d["dask_wall_s"], 3)
            row["dask_speedup_with_startup"] = round(
                b_wall / (d["dask_wall_s"] + d["dask_startup_s"]), 3
            )
            row["dask_cpu_over_one"] = round(
                (d["dask_driver_cpu_s"] + d["dask_workers_cpu_s"]) / b_cpu, 3
            )
    row["loadavg_before"] = [round(x, 2) for x in load_before]
    row["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    row["cpus"] = os.cpu_count()
    print(json.dumps(row), flush=True)
    ok = row["build_cpu_ratio"] <= 1.15 and row["rebuild_ratio"] <= 0.05
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
