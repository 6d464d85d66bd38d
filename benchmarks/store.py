"""Benchmark: Oxigraph (embedded, on disk) vs rdflib's in-memory store.

Generates a synthetic graph shaped like kg's (actors, relation events and articles,
one named graph per article), loads it into both stores through kg's own code
(``kg.rdf.store.open_store`` + ``kg.rdf.store.bulk_load``) and runs the named queries of
``ontology/queries`` on both. Prints a markdown table of load and query times and
their ratios.

Usage::

    python benchmarks/store.py                 # 1,000,000 triples (a few minutes)
    python benchmarks/store.py --triples 2000  # a quick smoke run

Each rdflib query runs in a forked child so that a query slower than
``--timeout`` seconds can be stopped (reported as ``> timeout``).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.query import named_queries, run_query  # noqa: E402
from kg.rdf.graph import ensure_ontology  # noqa: E402
from kg.rdf.ontology import KG, PREFIXES, actor_iri  # noqa: E402
from kg.rdf.store import bulk_load, open_store  # noqa: E402
from kg.vocab import ACTOR_CLASSES, load_vocabulary  # noqa: E402


def generate(path: Path, n_triples: int, *, seed: int = 7) -> tuple[int, int]:
    """Write a synthetic kg-shaped N-Quads file; return (quads, articles)."""
    rng = random.Random(seed)
    vocab = list(load_vocabulary().values())
    classes = sorted(ACTOR_CLASSES - {"Actor"})
    n_actors = max(20, n_triples // 500)
    actors = []
    for i in range(n_actors):
        aid = "US" if i == 0 else "SYR" if i == 1 else f"A{i:05d}"
        actors.append(
            (
                f"<{actor_iri(aid)}>",
                f"Actor {aid}",
                classes[i % len(classes)],
                f"C{i % 190:02d}".ljust(3, "X")[:3],
            )
        )
    kg = PREFIXES["kg"]
    rdf_type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    pref = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
    derived = "<http://www.w3.org/ns/prov#wasDerivedFrom>"
    gen_at = "<http://www.w3.org/ns/prov#generatedAtTime>"
    dct = "http://purl.org/dc/terms/"
    xsd = "http://www.w3.org/2001/XMLSchema#"
    n = 0
    art_no = 0
    with path.open("w", encoding="utf-8") as fh:
        while n < n_triples:
            art_no += 1
            aid = f"art{art_no:07d}"
            g = f"<https://w3id.org/kg-news/graph/{aid}>"
            art = f"<https://w3id.org/kg-news/article/{aid}>"
            day = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            lines = [
                f"{art} {rdf_type} <{kg}Article> {g} .",
                f'{art} <{dct}identifier> "{aid}" {g} .',
                f'{art} <{dct}title> "Synthetic article {art_no}" {g} .',
                f'{art} <{dct}date> "{day}"^^<{xsd}date> {g} .',
                f'{art} <{dct}publisher> "kg benchmark" {g} .',
                f'{art} <{kg}url> "https://example.org/{aid}"^^<{xsd}anyURI> {g} .',
                f'{art} <{kg}contentHash> "{rng.getrandbits(256):064x}" {g} .',
                f'{art} <{kg}graphHash> "{rng.getrandbits(256):064x}" {g} .',
                f'{art} <{kg}extractorVersion> "0.1.0" {g} .',
                f'{art} {gen_at} "2025-12-01T00:00:00Z"^^<{xsd}dateTime> {g} .',
            ]
            used = set()
            for k in range(rng.randint(3, 7)):
                # a skewed pick so that some actors are hubs (like US and SYR)
                s = actors[min(int(rng.paretovariate(1.2)) - 1, n_actors - 1)]
                t = actors[rng.randrange(n_actors)]
                r = rng.choice(vocab)
                neg = "true" if rng.random() < 0.1 else "false"
                ev = f"<https://w3id.org/kg-news/event/{aid}-{k}>"
                start = k * 200
                lines += [
                    f"{ev} {rdf_type} <{kg}Event> {g} .",
                    f"{ev} <{kg}source> {s[0]} {g} .",
                    f"{ev} <{kg}target> {t[0]} {g} .",
                    f"{ev} <{kg}relation> <{kg}{r.name}> {g} .",
                    f'{ev} <{kg}negated> "{neg}"^^<{xsd}boolean> {g} .',
                    f'{ev} <{kg}modality> "asserted" {g} .',
                    f'{ev} <{kg}date> "{day}"^^<{xsd}date> {g} .',
                    f'{ev} <{kg}evidence> "{s[1]} {r.label} {t[1]}." {g} .',
                    f'{ev} <{kg}sentenceIndex> "{k}"^^<{xsd}integer> {g} .',
                    f'{ev} <{kg}startOffset> "{start}"^^<{xsd}integer> {g} .',
                    f'{ev} <{kg}endOffset> "{start + 150}"^^<{xsd}integer> {g} .',
                    f'{ev} <{kg}sourceText> "{s[1]}" {g} .',
                    f'{ev} <{kg}targetText> "{t[1]}" {g} .',
                    f'{ev} <{kg}sourceCode> "{s[3]}GOV" {g} .',
                    f'{ev} <{kg}targetCode> "{t[3]}GOV" {g} .',
                    f'{ev} <{kg}cameoCode> "{r.cameo}" {g} .',
                    f'{ev} <{kg}ploverCategory> "{r.plover}" {g} .',
                    f'{ev} <{kg}quadClass> "{r.quad_class}"^^<{xsd}integer> {g} .',
                    f'{ev} <{kg}confidence> "0.8"^^<{xsd}decimal> {g} .',
                    f"{ev} {derived} {art} {g} .",
                ]
                if neg == "false":
                    lines.append(f"{s[0]} <{kg}{r.name}> {t[0]} {g} .")
                used.update((s, t))
            for iri, name, cls, country in used:
                lines += [
                    f"{iri} {rdf_type} <{kg}{cls}> {g} .",
                    f'{iri} {label} "{name}" {g} .',
                    f'{iri} {pref} "{name}" {g} .',
                    f'{iri} <{kg}country> "{country}" {g} .',
                ]
            fh.write("\n".join(lines) + "\n")
            n += len(lines)
    return n, art_no


def _timed_query(ds, query: str, params: dict, conn) -> None:
    t0 = time.perf_counter()
    rows = len(list(run_query(ds, query, params=params)))
    conn.send((time.perf_counter() - t0, rows))
    conn.close()


def time_query(ds, query: str, params: dict, *, timeout: float, fork: bool):
    """Return (seconds or None on timeout, rows)."""
    if not fork:
        t0 = time.perf_counter()
        rows = len(list(run_query(ds, query, params=params)))
        return time.perf_counter() - t0, rows
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_timed_query, args=(ds, query, params, child))
    proc.start()
    child.close()
    if parent.poll(timeout):
        seconds, rows = parent.recv()
        proc.join()
        return seconds, rows
    proc.kill()
    proc.join()
    return None, None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument(
        "--timeout", type=float, default=45.0, help="seconds per rdflib query"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temp folder")
    args = parser.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        data = tmp / "synthetic.nq"
        t0 = time.perf_counter()
        n, art_count = generate(data, args.triples)
        gen_s = time.perf_counter() - t0
        print(f"generated {n:,} quads in {gen_s:.1f} s", file=sys.stderr)

        t0 = time.perf_counter()
        ox_ds = open_store(tmp / "oxigraph")
        bulk_load(ox_ds, data)
        ensure_ontology(ox_ds)
        ox_load = time.perf_counter() - t0
        print(f"oxigraph load {ox_load:.1f} s", file=sys.stderr)

        t0 = time.perf_counter()
        mem_ds = open_store("memory")
        bulk_load(mem_ds, data)
        ensure_ontology(mem_ds)
        mem_load = time.perf_counter() - t0
        print(f"rdflib load {mem_load:.1f} s", file=sys.stderr)

        params = {
            "between": {"a": "US", "b": "SYR"},
            "timeline": {"a": "US", "b": "SYR"},
            "evidence": {"source": "US", "relation": KG.opposes, "target": "SYR"},
            "actors": {"class": "State"},
            "cooperation": {"actor": "SYR"},
            "state-as-of": {"date": "2025-06-01"},
        }
        rows = [
            ("load", f"{n:,} quads", mem_load, ox_load, "", ""),
        ]
        for name in named_queries():
            p = params.get(name, {})
            label = name + (
                "(" + ", ".join(f"{k}={v}" for k, v in p.items()) + ")" if p else ""
            )
            label = label.replace(str(KG._NS), "kg:")
            ox_s, ox_rows = time_query(ox_ds, name, p, timeout=args.timeout, fork=False)
            mem_s, mem_rows = time_query(
                mem_ds, name, p, timeout=args.timeout, fork=True
            )
            print(f"{label}: rdflib {mem_s} oxigraph {ox_s}", file=sys.stderr)
            rows.append(("query", label, mem_s, ox_s, mem_rows, ox_rows))

        print(
            f"\nSynthetic kg graph: {n:,} triples in {art_count:,}"
            f" named graphs; rdflib query timeout {args.timeout:.0f} s\n"
        )
        print(
            "| step | what | rdflib (memory) s | Oxigraph (disk) s | speed-up | rows |"
        )
        print("|---|---|---:|---:|---:|---:|")
        for kind, what, mem_s, ox_s, mem_rows, ox_rows in rows:
            if mem_s is None:
                mem_txt, ratio = (
                    f"> {args.timeout:.0f}",
                    f"> {args.timeout / ox_s:.0f}x",
                )
            else:
                mem_txt, ratio = f"{mem_s:.3f}", f"{mem_s / max(ox_s, 1e-6):.1f}x"
            rows_txt = "" if kind == "load" else f"{ox_rows}"
            if kind == "query" and mem_rows is not None and mem_rows != ox_rows:
                rows_txt += f" (rdflib {mem_rows})"
            print(
                f"| {kind} | {what} | {mem_txt} | {ox_s:.3f} | {ratio} | {rows_txt} |"
            )
        ox_ds.close()
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
