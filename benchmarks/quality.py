"""Extraction quality on both fixed halves of each dev file (issue 9's working rule).

Each gold file of ``../shared/eval`` is split into two fixed halves by a hash of the
record id: half ``A`` is the one rules may be written against, half ``B`` is held out
and estimates quality on unseen text. A gap between the halves is a sign of tuning.

    python benchmarks/quality.py [--files plover_dev ...] [--json] [--by-category]

``--by-category`` adds, for files whose records carry a ``category`` (``modern_dev``'s
construction types, the PLOVER classes and PETRARCH test groups of the others), the
record count, L1, L2 and silence of each category in each half: aggregates only, so
the held-out half's sentences and predictions are never shown.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.evaluate import predict, read_jsonl, score  # noqa: E402
from kg.nlp.model import load_nlp  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
FILES = ("plover_dev", "modern_dev", "petrarch_unit", "seed_gold")
#: Files whose records need a user dictionary (PETRARCH's fictional actors).
DICTIONARIES = {"petrarch_unit": EVAL / "petr_validate_dictionaries.json"}


def half(record_id: object) -> str:
    """The fixed half of a record: ``A`` (tuned) or ``B`` (held out).

    Examples:
        >>> half("x-5"), half("x-2")
        ('B', 'A')
    """
    digest = hashlib.sha256(str(record_id).encode("utf-8")).digest()
    return "A" if digest[0] % 2 == 0 else "B"


def figures(result: dict) -> dict:
    """The headline figures of a score result."""
    return {
        "records": result["records"],
        "L1": result["L1"]["F1"],
        "L2": result["L2"]["F1"],
        "L1_P": result["L1"]["P"],
        "L1_R": result["L1"]["R"],
        "silence": result["silence"],
        "negation_leaks": result["negation_leaks"],
    }


def by_category(gold: list[dict], preds: list[dict]) -> dict:
    """Per-``category`` figures of each half: ``{category: {half: {n, L1, L2}}}``.

    Records without a ``category`` are left out; an empty result means the file has
    none.

    Examples:
        >>> gold = [
        ...     {"id": "x-2", "category": "SIMPLE",
        ...      "expected": [{"source": "USA", "target": "IRN"}]},
        ...     {"id": "x-5", "category": "SIMPLE", "expected": [], "noevents": True},
        ... ]
        >>> preds = [{"id": "x-2", "events": [
        ...     {"source": {"code": "USA"}, "target": {"code": "IRN"}}]}]
        >>> r = by_category(gold, preds)["SIMPLE"]
        >>> r["A"]["n"], r["A"]["L1"], r["B"]["n"], r["B"]["silence"]
        (1, 1.0, 1, 1.0)
    """
    out: dict = {}
    for cat in sorted({str(r["category"]) for r in gold if r.get("category")}):
        out[cat] = {}
        for h in "AB":
            part = [r for r in gold if r.get("category") == cat and half(r["id"]) == h]
            res = score(part, preds)
            out[cat][h] = {
                "n": len(part),
                "L1": res["L1"]["F1"],
                "L2": res["L2"]["F1"],
                "silence": res["silence"],
            }
    return out


def measure(name: str, nlps: dict, *, categories: bool = False) -> dict:
    """Score one gold file: whole, half A and half B (and per category if asked)."""
    gold = read_jsonl(EVAL / f"{name}.jsonl", what="gold")
    extra = DICTIONARIES.get(name)
    key = str(extra) if extra else ""
    if key not in nlps:
        nlps[key] = load_nlp(actors=[extra] if extra else ())
    preds = predict(gold, nlps[key])
    out = {"all": figures(score(gold, preds))}
    for h in "AB":
        part = [r for r in gold if half(r["id"]) == h]
        out[h] = figures(score(part, preds))
    if categories:
        out["categories"] = by_category(gold, preds)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", nargs="+", default=list(FILES), choices=FILES)
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument(
        "--by-category",
        action="store_true",
        help="add n, L1, L2 per category per half (aggregates only)",
    )
    args = parser.parse_args(argv)
    nlps: dict = {}
    results = {
        name: measure(name, nlps, categories=args.by_category) for name in args.files
    }
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(
        f"{'file':15} {'half':5} {'n':>4} {'L1':>6} {'L2':>6} {'P':>6} {'R':>6} "
        f"{'silence':>8} {'leaks':>6}"
    )
    for name, parts in results.items():
        cats = parts.pop("categories", None)
        for h, f in parts.items():
            sil = "-" if f["silence"] is None else f"{f['silence']:.3f}"
            print(
                f"{name:15} {h:5} {f['records']:>4} {f['L1']:>6.3f} {f['L2']:>6.3f} "
                f"{f['L1_P']:>6.3f} {f['L1_R']:>6.3f} {sil:>8} "
                f"{f['negation_leaks'] or '-':>6}"
            )
        if cats:
            print(_category_table(name, cats))
    return 0


def _category_table(name: str, cats: dict) -> str:
    """The per-category lines of one file: n, L1, L2 and silence of half A, then of
    half B, and the L1 gap (A - B)."""
    lines = [
        f"  {name} by category: {'n A':>5} {'L1 A':>6} {'L2 A':>6} {'sil A':>6}   "
        f"{'n B':>4} {'L1 B':>6} {'L2 B':>6} {'sil B':>6} {'gap L1':>7}"
    ]
    for cat, halves in cats.items():
        a, b = halves["A"], halves["B"]
        lines.append(
            f"  {cat:>22} {a['n']:>4} {a['L1']:>6.3f} {a['L2']:>6.3f} {_sil(a):>6}   "
            f"{b['n']:>4} {b['L1']:>6.3f} {b['L2']:>6.3f} {_sil(b):>6} "
            f"{a['L1'] - b['L1']:>+7.3f}"
        )
    return "\n".join(lines)


def _sil(figures: dict) -> str:
    """Silence as printed: three places, or "-" without ``noevents`` records."""
    return "-" if figures["silence"] is None else f"{figures['silence']:.3f}"


if __name__ == "__main__":
    raise SystemExit(main())
