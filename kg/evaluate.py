"""Score extracted events against gold sentences (the levels of ``eval/README.md``).

A gold record is ``{"id", "text", "expected": [{"source", "target", "plover"?,
"code"?}], "noevents", "date"?, "negated"?, "valid_flag"?}``; a prediction is what
``kg extract`` writes, ``{"id", "events": [{"source": {...}, "target": {...},
"plover", "cameo", "quad_class", "negated", ...}]}``.

Actors are compared by their first three code letters (country or class: ``USA``,
``SYR``, ``IGO``, ``IMG``). The levels (micro precision / recall / F1, matched per
sentence; a pair predicted twice in one sentence counts once, a gold pair listed
twice counts twice):

- ``L0``: unordered actor pair;
- ``L1``: ordered pair (source, target);
- ``L2``: ordered pair + event class (PLOVER category when the sentence's gold has
  one, else the two-digit CAMEO root);
- ``L3``: ordered pair + quad class (1 verbal cooperation ... 4 material conflict).

Gold items without a class count at L0/L1 only (and predictions of their pair are
then ignored at L2/L3). Negated predictions are not events. ``silence`` is the share
of ``noevents`` sentences without a predicted event; ``negation_leaks`` counts gold
``negated`` pairs that were predicted as events. The figures are those of the
reference scorer ``eval/score.py``; a test checks that the two agree.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from kg.types import Article, KGError

#: The scored levels, in order.
LEVELS = ("L0", "L1", "L2", "L3")

#: Old or non-ISO country codes found in event data sets -> ISO-3166 alpha-3.
CODE_FIXES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "KSV": "XKX"}

#: Quad class of each PLOVER category (the newer names REQUEST and ACCUSE included).
PLOVER_QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "REQUEST": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "INVESTIGATE": 3, "DEMAND": 3, "DISAPPROVE": 3, "ACCUSE": 3, "REJECT": 3,
    "THREATEN": 3, "SANCTION": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4, "FIGHT": 4,
}  # fmt: skip

#: Newer PLOVER names (used by ``cameo_codes.json``) -> the gold's 18 categories.
PLOVER_ALIASES = {"REQUEST": "DEMAND", "ACCUSE": "DISAPPROVE"}

_ACTOR_KEYS = ("code", "country", "country_code")


# --------------------------------------------------------------------------- codes
def actor_code(actor: object) -> str | None:
    """Reduce an actor (a code string or an actor dict) to its 3-letter key.

    A dict is reduced by its ``code``, else ``country``, else ``country_code``
    (the first one present decides), else a class (``IGO``, ``IMG``, ``NGO``)
    read from its ``sector`` or ``type``.

    Examples:
        >>> actor_code("SYRGOV"), actor_code({"id": "US", "code": "USAGOV"})
        ('SYR', 'USA')
        >>> actor_code({"country": None, "sector": "IGO"}), actor_code("jap")
        ('IGO', 'JPN')
        >>> actor_code({"type": "ArmedGroup"}), actor_code({"id": "X"}) is None
        ('IMG', True)
    """
    if actor is None:
        return None
    if isinstance(actor, str):
        return _norm(actor)
    if not isinstance(actor, Mapping):
        return None
    for key in _ACTOR_KEYS:
        value = actor.get(key)
        if value:
            return _norm(value)
    kind = str(actor.get("sector") or actor.get("type") or "").upper()
    for cls in ("IGO", "IMG", "NGO"):
        if cls in kind:
            return cls
    if "INTERGOVERNMENTAL" in kind or "INTERNATIONALORG" in kind:
        return "IGO"
    if "MILITANT" in kind or "TERROR" in kind or "ARMED" in kind:
        return "IMG"
    return None


def _norm(code: object) -> str | None:
    if not code:
        return None
    c = str(code).strip().upper()[:3]
    return CODE_FIXES.get(c, c) or None


def _cameo_quad(code: object) -> int | None:
    """Quad class of a CAMEO code (root 01-05 -> 1, 06-09 -> 2, 10-14 -> 3, else 4)."""
    if not code:
        return None
    try:
        root = int(str(code)[:2])
    except ValueError:
        return None
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


def _plover(name: object, *, aliases: bool) -> str | None:
    value = str(name or "").upper() or None
    return PLOVER_ALIASES.get(value, value) if aliases and value else value


# --------------------------------------------------------------------------- items
def _gold_items(record: Mapping, *, aliases: bool) -> list[tuple]:
    """(source, target, class, quad, has_plover) of each usable gold event."""
    items = []
    for e in record.get("expected") or []:
        s, t = _norm(e.get("source")), _norm(e.get("target"))
        if not s or not t:
            continue
        plover = e.get("plover")
        if aliases and plover:
            plover = PLOVER_ALIASES.get(plover, plover)
        cls = plover or str(e.get("code") or "")[:2] or None
        quad = PLOVER_QUAD.get(plover) if plover else _cameo_quad(e.get("code"))
        items.append((s, t, cls, quad, bool(plover)))
    return items


def _predicted_items(
    record: Mapping, *, plover_mode: bool, aliases: bool
) -> list[tuple]:
    """(source, target, class, quad) of each non-negated predicted event."""
    items = []
    for e in record.get("events") or []:
        if e.get("negated"):
            continue
        s, t = actor_code(e.get("source")), actor_code(e.get("target"))
        if not s or not t or s == t == "---":
            continue
        cameo = str(e.get("cameo") or e.get("code") or "")
        plover = _plover(e.get("plover"), aliases=aliases)
        cls = plover if plover_mode else (cameo[:2] or None)
        quad = e.get("quad_class") or (
            PLOVER_QUAD.get(plover) if plover else _cameo_quad(cameo)
        )
        items.append((s, t, cls, quad))
    return items


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _level_keys(level: str, item: tuple) -> tuple:
    s, t = item[0], item[1]
    if level == "L0":
        return tuple(sorted((s, t)))
    if level == "L1":
        return (s, t)
    return (s, t, item[2] if level == "L2" else item[3])


# --------------------------------------------------------------------------- score
def score(
    gold_records: Iterable[Mapping],
    predictions: Iterable[Mapping] | Mapping[str, Mapping],
    *,
    map_plover: bool = False,
) -> dict[str, Any]:
    """Score predictions against gold records.

    Args:
        gold_records: Gold records (``id``, ``expected``, ``noevents``, ...).
            Records with ``valid_flag: false`` are counted but not scored.
        predictions: Prediction records ``{"id", "events"}`` (the last record of
            an id wins) or a mapping id -> record. A gold record without a
            prediction counts as predicting nothing.
        map_plover: Read the newer PLOVER names REQUEST and ACCUSE as DEMAND and
            DISAPPROVE on both sides. Off by default, as in ``eval/score.py``; kg's
            own predictions (``predict``) already use the 18 gold categories.

    Returns:
        ``{"records", "missing_predictions", "L0".."L3": {"P", "R", "F1", "tp",
        "fp", "fn"}, "silence", "negation_leaks"}``, the keys and figures of
        ``eval/score.py`` (P/R/F1 rounded to 3 places; ``silence`` None without
        ``noevents`` records; ``negation_leaks`` ``"leaked/total"`` or None).

    Examples:
        >>> gold = [{"id": "s1", "expected": [{"source": "USA", "target": "SYRGOV",
        ...          "plover": "COOPERATE"}]}]
        >>> pred = [{"id": "s1", "events": [
        ...     {"source": {"code": "USAGOV"}, "target": {"code": "SYR"},
        ...      "plover": "COOPERATE"},
        ...     {"source": {"code": "SYR"}, "target": {"code": "USA"},
        ...      "plover": "AGREE"}]}]
        >>> r = score(gold, pred)
        >>> r["L0"]["tp"], r["L1"]["P"], r["L2"]["F1"], r["L3"]["fp"]
        (1, 0.5, 0.667, 1)
    """
    gold = list(gold_records)
    if isinstance(predictions, Mapping):
        by_id = {str(k): v for k, v in predictions.items()}
    else:
        by_id = {str(p.get("id")): p for p in predictions}
    counts = {lv: [0, 0, 0] for lv in LEVELS}
    silent = noevent = leaked = negated_total = missing = 0
    for record in gold:
        if record.get("valid_flag") is False:
            continue
        pred = by_id.get(str(record.get("id")))
        if pred is None:
            missing += 1
            pred = {}
        g = _gold_items(record, aliases=map_plover)
        plover_mode = any(x[4] for x in g)
        p = _predicted_items(pred, plover_mode=plover_mode, aliases=map_plover)

        gold_pairs = {x[:2] for x in g}
        negated = {
            (_norm(e.get("source")), _norm(e.get("target")))
            for e in record.get("negated") or []
        } - gold_pairs
        negated_total += len(negated)
        leaked += len(negated & {x[:2] for x in p})
        if record.get("noevents"):
            noevent += 1
            silent += not p

        for lv in LEVELS:
            if lv in ("L0", "L1"):
                gold_keys = [_level_keys(lv, x) for x in g]
                pred_keys = {_level_keys(lv, x) for x in p}
            else:
                field = 2 if lv == "L2" else 3
                gold_keys = [_level_keys(lv, x) for x in g if x[field]]
                unclassed = {x[:2] for x in g if not x[field]}
                pred_keys = {
                    _level_keys(lv, x) for x in p if x[:2] not in unclassed
                }
            tp = len(pred_keys & set(gold_keys))
            counts[lv][0] += tp
            counts[lv][1] += len(pred_keys) - tp
            counts[lv][2] += len(gold_keys) - tp

    result: dict[str, Any] = {"records": len(gold), "missing_predictions": missing}
    for lv, (tp, fp, fn) in counts.items():
        prec, rec, f1 = _prf(tp, fp, fn)
        result[lv] = {
            "P": round(prec, 3), "R": round(rec, 3), "F1": round(f1, 3),
            "tp": tp, "fp": fp, "fn": fn,
        }  # fmt: skip
    result["silence"] = round(silent / noevent, 3) if noevent else None
    result["negation_leaks"] = f"{leaked}/{negated_total}" if negated_total else None
    return result


# --------------------------------------------------------------------------- files
def read_jsonl(path: str | Path, *, what: str = "gold") -> list[dict]:
    """Read a JSON Lines file of records that each have an ``id``.

    Args:
        path: The file.
        what: "gold" (records also need a ``text``) or "predictions" (records
            need an ``events`` list).

    Raises:
        KGError: for a missing, empty, binary or non-UTF-8 file, bad JSON on a
            line, or a record without the required fields (with its line number).
    """
    path = Path(path)
    if not path.is_file():
        raise KGError(f"no such {what} file: {str(path)!r}")
    records = []
    with path.open("rb") as fh:
        offset = 0
        for lineno, raw in enumerate(fh, start=1):
            where = f"{path}:{lineno}"
            if b"\x00" in raw:
                at = offset + raw.index(b"\x00")
                raise KGError(f"{where}: binary file (NUL byte at offset {at})")
            try:
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError as e:
                at = offset + e.start
                raise KGError(f"{where}: not UTF-8 (byte offset {at})") from None
            offset += len(raw)
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                raise KGError(f"{where}: bad JSON ({e.msg})") from None
            if not isinstance(rec, dict) or rec.get("id") in (None, ""):
                raise KGError(f"{where}: {what} record without an 'id'")
            if what == "gold" and not isinstance(rec.get("text"), str):
                raise KGError(f"{where}: gold record {rec['id']!r} without a 'text'")
            if what == "gold" and not isinstance(rec.get("expected", []), list | None):
                raise KGError(f"{where}: 'expected' of {rec['id']!r} is not a list")
            if what != "gold" and not isinstance(rec.get("events", []), list | None):
                raise KGError(f"{where}: 'events' of {rec['id']!r} is not a list")
            records.append(rec)
    if not records:
        raise KGError(f"{path}: empty {what} file")
    return records


# --------------------------------------------------------------------------- predict
def predict(
    gold_records: Iterable[Mapping],
    nlp: Any,
    *,
    batch_size: int = 32,
    context: bool = False,
) -> list[dict]:
    """Run the kg pipeline on each gold record's text.

    Each record becomes an ``Article`` (its ``date``, "19950101" or "2025-01-25",
    anchors relative dates); ``kg.nlp.extract.extract_articles`` extracts the
    assertions and ``event_record`` turns each into an event of the ``kg extract``
    contract. Records with ``valid_flag: false`` are skipped (they are not scored).

    With ``context=True``, consecutive records whose ids share a prefix
    (``seed-s01``, ``seed-s02``: the id up to its last ``-``) are the sentences of
    one article: they are joined with blank lines (each stays its own sentence),
    extracted as one document, as ``kg build`` reads an article, so coreference
    and quotations that span sentences resolve; each event goes back to the
    record that holds its sentence.

    Returns:
        One ``{"id", "events": [...]}`` per scored record, in input order.
    """
    from kg.dates import normalise_date
    from kg.nlp.extract import event_record, extract_articles

    articles = []
    for r in gold_records:
        if r.get("valid_flag") is False:
            continue
        try:
            date = normalise_date(r.get("date"))
        except KGError as e:
            raise KGError(f"gold record {r.get('id')!r}: {e}") from None
        articles.append(Article(id=str(r["id"]), text=str(r["text"]), date=date))
    # spans[document id] = [(record id, start, end)] of the records it joins
    spans: dict[str, list[tuple[str, int, int]]] = {}
    if context:
        articles = _join_documents(articles, spans)
    out = []
    for article, assertions in extract_articles(articles, nlp, batch_size=batch_size):
        parts = spans.get(article.id) or [(article.id, 0, len(article.text))]
        events: dict[str, list[dict]] = {rid: [] for rid, _, _ in parts}
        for a in assertions:
            event = event_record(a)
            plover = event.get("plover")
            if plover in PLOVER_ALIASES:
                event["plover"] = PLOVER_ALIASES[plover]
            rid = parts[0][0]
            if len(parts) > 1:  # the record that holds the event's sentence
                rid = next((r for r, b, e in parts if b <= a.start < e), parts[-1][0])
            events[rid].append(event)
        out.extend({"id": rid, "events": events[rid]} for rid, _, _ in parts)
    return out


def _join_documents(
    articles: list[Article], spans: dict[str, list[tuple[str, int, int]]]
) -> list[Article]:
    """Join consecutive records with a common id prefix into one document each.

    Fills ``spans`` with the character span of every record in its document.
    """
    docs: list[Article] = []
    group: list[Article] = []

    def flush() -> None:
        if not group:
            return
        doc_id = f"{_prefix(group[0].id)}#{len(docs)}"
        text, parts = "", []
        for a in group:
            if text:
                text += "\n\n"
            parts.append((a.id, len(text), len(text) + len(a.text)))
            text += a.text
        spans[doc_id] = parts
        docs.append(Article(id=doc_id, text=text, date=group[0].date))
        group.clear()

    for a in articles:
        if group and _prefix(a.id) != _prefix(group[0].id):
            flush()
        group.append(a)
    flush()
    return docs


def _prefix(record_id: str) -> str:
    return record_id.rsplit("-", 1)[0]


def evaluate(
    gold_path: str | Path,
    *,
    nlp: Any = None,
    predictions: str | Path | Sequence[Mapping] | None = None,
    model: str | None = None,
    actors: Sequence[str | Path] = (),
    batch_size: int = 32,
    context: bool = False,
) -> dict[str, Any]:
    """Score kg (or given predictions) against a gold JSON Lines file.

    Args:
        gold_path: The gold file (see ``eval/README.md``).
        nlp: A loaded pipeline (``kg.load_nlp()``); loaded from ``model`` and
            ``actors`` when None and no predictions are given.
        predictions: Predictions to score instead of running the pipeline: a
            JSON Lines file or a list of ``{"id", "events"}`` records.
        model: spaCy pipeline name for ``load_nlp``.
        actors: Extra actor registry files for ``load_nlp`` (for example the
            PETRARCH dictionaries for ``petrarch_unit.jsonl``).
        batch_size: ``nlp.pipe`` batch size.
        context: Read consecutive records with a common id prefix as one
            article (see :func:`predict`).

    Returns:
        The ``score`` result.
    """
    gold = read_jsonl(gold_path, what="gold")
    if predictions is None:
        if nlp is None:
            from kg.nlp.model import load_nlp

            nlp = load_nlp(model, actors=actors)
        preds: Sequence[Mapping] = predict(
            gold, nlp, batch_size=batch_size, context=context
        )
    elif isinstance(predictions, str | Path):
        preds = read_jsonl(predictions, what="predictions")
    else:
        preds = predictions
    return score(gold, preds)


# --------------------------------------------------------------------------- output
def format_table(result: Mapping[str, Any], *, title: str | None = None) -> str:
    """Render a ``score`` result as an aligned text table.

    Examples:
        >>> r = score([{"id": 1, "expected": [{"source": "USA", "target": "SYR"}]},
        ...            {"id": 2, "expected": [], "noevents": True}],
        ...           [{"id": 1, "events": [{"source": "USA", "target": "SYR"}]}])
        >>> print(format_table(r))
        level      P      R     F1    tp   fp   fn
        L0     1.000  1.000  1.000     1    0    0
        L1     1.000  1.000  1.000     1    0    0
        L2     0.000  0.000  0.000     0    0    0
        L3     0.000  0.000  0.000     0    0    0
        records 2, missing predictions 1
        silence 1.000 (share of no-event sentences with no predicted event)
        negation leaks: none to check
    """
    header = "level      P      R     F1    tp   fp   fn"
    lines = [title, header] if title else [header]
    for lv in LEVELS:
        m = result[lv]
        lines.append(
            f"{lv:<5}  {m['P']:5.3f}  {m['R']:5.3f}  {m['F1']:5.3f}  "
            f"{m['tp']:>4} {m['fp']:>4} {m['fn']:>4}"
        )
    lines.append(
        f"records {result['records']}, missing predictions "
        f"{result['missing_predictions']}"
    )
    silence = result.get("silence")
    lines.append(
        "silence "
        + (f"{silence:.3f}" if silence is not None else "n/a (no no-event sentences)")
        + (" (share of no-event sentences with no predicted event)"
           if silence is not None else "")
    )  # fmt: skip
    leaks = result.get("negation_leaks")
    lines.append(
        f"negation leaks {leaks} (negated gold pairs predicted as events)"
        if leaks
        else "negation leaks: none to check"
    )
    return "\n".join(lines)
