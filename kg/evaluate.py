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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from kg.tables import format_table as render_table
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


#: Substrings of an actor's ``sector`` or ``type`` and the class they name, in the
#: order they are tried (the class codes themselves first).
CLASS_HINTS = (
    ("IGO", "IGO"), ("IMG", "IMG"), ("NGO", "NGO"),
    ("INTERGOVERNMENTAL", "IGO"), ("INTERNATIONALORG", "IGO"),
    ("MILITANT", "IMG"), ("TERROR", "IMG"), ("ARMED", "IMG"),
)  # fmt: skip


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
    if isinstance(actor, str):
        return _norm(actor)
    if not isinstance(actor, Mapping):
        return None
    value = next((actor[k] for k in _ACTOR_KEYS if actor.get(k)), None)
    if value:
        return _norm(value)
    kind = str(actor.get("sector") or actor.get("type") or "").upper()
    return next((cls for word, cls in CLASS_HINTS if word in kind), None)


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
class _Item(NamedTuple):
    """One event reduced to what the levels compare."""

    source: str
    target: str
    cls: str | None  # PLOVER category or two-digit CAMEO root
    quad: int | None
    plover: bool = False  # gold only: the class is a PLOVER category

    @property
    def pair(self) -> tuple[str, str]:
        return (self.source, self.target)


def _gold_items(record: Mapping, *, aliases: bool) -> list[_Item]:
    """The usable gold events of a record (both actors known)."""
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
        items.append(_Item(s, t, cls, quad, bool(plover)))
    return items


def _predicted_items(
    record: Mapping, *, plover_mode: bool, aliases: bool
) -> list[_Item]:
    """The non-negated predicted events of a record (both actors coded)."""
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
        items.append(_Item(s, t, cls, quad))
    return items


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _level_key(level: str, item: _Item) -> tuple:
    if level == "L0":
        return tuple(sorted(item.pair))
    if level == "L1":
        return item.pair
    return (*item.pair, item.cls if level == "L2" else item.quad)


def _level_counts(
    level: str, gold: list[_Item], pred: list[_Item]
) -> tuple[int, int, int]:
    """(tp, fp, fn) of one sentence at one level.

    At L2/L3 gold items without a class are left out, and so are the predictions
    of their pair.
    """
    if level in ("L0", "L1"):
        gold_keys = [_level_key(level, x) for x in gold]
        pred_keys = {_level_key(level, x) for x in pred}
    else:
        classed = (lambda x: x.cls) if level == "L2" else (lambda x: x.quad)
        gold_keys = [_level_key(level, x) for x in gold if classed(x)]
        unclassed = {x.pair for x in gold if not classed(x)}
        pred_keys = {_level_key(level, x) for x in pred if x.pair not in unclassed}
    tp = len(pred_keys & set(gold_keys))
    return tp, len(pred_keys) - tp, len(gold_keys) - tp


# --------------------------------------------------------------------------- score
@dataclass
class _Tally:
    """Running counts of a scoring run."""

    levels: dict[str, list[int]] = field(
        default_factory=lambda: {lv: [0, 0, 0] for lv in LEVELS}
    )
    silent: int = 0
    noevent: int = 0
    leaked: int = 0
    negated: int = 0
    missing: int = 0

    def add(self, record: Mapping, pred: Mapping, *, aliases: bool) -> None:
        """Count one scored gold record against its prediction."""
        gold = _gold_items(record, aliases=aliases)
        plover_mode = any(x.plover for x in gold)
        items = _predicted_items(pred, plover_mode=plover_mode, aliases=aliases)
        negated = {
            (_norm(e.get("source")), _norm(e.get("target")))
            for e in record.get("negated") or []
        } - {x.pair for x in gold}
        self.negated += len(negated)
        self.leaked += len(negated & {x.pair for x in items})
        if record.get("noevents"):
            self.noevent += 1
            self.silent += not items
        for lv, counts in self.levels.items():
            for i, n in enumerate(_level_counts(lv, gold, items)):
                counts[i] += n

    def result(self, records: int) -> dict[str, Any]:
        """The figures of ``score``."""
        result: dict[str, Any] = {
            "records": records,
            "missing_predictions": self.missing,
        }
        for lv, (tp, fp, fn) in self.levels.items():
            prec, rec, f1 = _prf(tp, fp, fn)
            result[lv] = {
                "P": round(prec, 3), "R": round(rec, 3), "F1": round(f1, 3),
                "tp": tp, "fp": fp, "fn": fn,
            }  # fmt: skip
        result["silence"] = (
            round(self.silent / self.noevent, 3) if self.noevent else None
        )
        result["negation_leaks"] = (
            f"{self.leaked}/{self.negated}" if self.negated else None
        )
        return result


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
    tally = _Tally()
    for record in gold:
        if record.get("valid_flag") is False:
            continue
        pred = by_id.get(str(record.get("id")))
        if pred is None:
            tally.missing += 1
        tally.add(record, pred or {}, aliases=map_plover)
    return tally.result(len(gold))


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
    for where, line in _lines(path):
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise KGError(f"{where}: bad JSON ({e.msg})") from None
        _check_record(rec, where, what)
        records.append(rec)
    if not records:
        raise KGError(f"{path}: empty {what} file")
    return records


def _lines(path: Path) -> Iterator[tuple[str, str]]:
    """Yield ``(file:line, text)`` of the non-blank lines of a UTF-8 file."""
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
            if line.strip():
                yield where, line


def _check_record(rec: object, where: str, what: str) -> None:
    """Refuse a record that lacks an ``id`` or has a malformed field."""
    if not isinstance(rec, dict) or rec.get("id") in (None, ""):
        raise KGError(f"{where}: {what} record without an 'id'")
    if what == "gold":
        if not isinstance(rec.get("text"), str):
            raise KGError(f"{where}: gold record {rec['id']!r} without a 'text'")
        if not isinstance(rec.get("expected", []), list | None):
            raise KGError(f"{where}: 'expected' of {rec['id']!r} is not a list")
    elif not isinstance(rec.get("events", []), list | None):
        raise KGError(f"{where}: 'events' of {rec['id']!r} is not a list")


def write_jsonl(path: str | Path, records: Iterable[Mapping], *, force: bool) -> Path:
    """Write records as JSON Lines, atomically; never over a file without ``force``."""
    from kg.files import write_text_atomic

    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    return write_text_atomic(path, text, force=force)


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
    from kg.nlp.extract import extract_articles

    articles = [_article(r) for r in gold_records if r.get("valid_flag") is not False]
    # spans[document id] = [(record id, start, end)] of the records it joins
    spans: dict[str, list[tuple[str, int, int]]] = {}
    if context:
        articles = _join_documents(articles, spans)
    out: list[dict] = []
    for article, assertions in extract_articles(articles, nlp, batch_size=batch_size):
        parts = spans.get(article.id) or [(article.id, 0, len(article.text))]
        events = _events_by_record(assertions, parts)
        out.extend({"id": rid, "events": events[rid]} for rid, _, _ in parts)
    return out


def _article(record: Mapping) -> Article:
    """The article of a gold record (its date normalised)."""
    from kg.dates import normalise_date

    try:
        date = normalise_date(record.get("date"))
    except KGError as e:
        raise KGError(f"gold record {record.get('id')!r}: {e}") from None
    return Article(id=str(record["id"]), text=str(record["text"]), date=date)


def _events_by_record(
    assertions: Iterable[Any], parts: list[tuple[str, int, int]]
) -> dict[str, list[dict]]:
    """Events of a document, each under the record that holds its sentence."""
    from kg.nlp.extract import event_record

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
    return events


def _join_documents(
    articles: list[Article], spans: dict[str, list[tuple[str, int, int]]]
) -> list[Article]:
    """Join consecutive records with a common id prefix into one document each.

    Fills ``spans`` with the character span of every record in its document.
    """
    groups: list[list[Article]] = []
    for a in articles:
        if groups and _prefix(a.id) == _prefix(groups[-1][0].id):
            groups[-1].append(a)
        else:
            groups.append([a])
    docs = []
    for n, group in enumerate(groups):
        doc_id = f"{_prefix(group[0].id)}#{n}"
        text, spans[doc_id] = _joined(group)
        docs.append(Article(id=doc_id, text=text, date=group[0].date))
    return docs


def _joined(group: list[Article]) -> tuple[str, list[tuple[str, int, int]]]:
    """The texts joined by blank lines, and the span of each record in it."""
    text, parts = "", []
    for a in group:
        if text:
            text += "\n\n"
        parts.append((a.id, len(text), len(text) + len(a.text)))
        text += a.text
    return text, parts


def _prefix(record_id: str) -> str:
    return record_id.rsplit("-", 1)[0]


# --------------------------------------------------------------------------- job
def evaluate(
    gold_path: str | Path,
    *,
    nlp: Any = None,
    predictions: str | Path | Sequence[Mapping] | None = None,
    model: str | None = None,
    actors: Sequence[str | Path] = (),
    batch_size: int = 32,
    context: bool = False,
    save_predictions: str | Path | None = None,
    force: bool = False,
    patterns: Sequence[str | Path] = (),
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
        save_predictions: Also write the predictions to this JSON Lines file
            (checked before the pipeline runs).
        force: Overwrite the ``save_predictions`` file.
        patterns: Extra relation pattern files for ``load_nlp`` (they add to
            kg's patterns).

    Returns:
        The ``score`` result.

    Raises:
        KGError: for a bad gold or predictions file, or an existing
            ``save_predictions`` file without ``force``.
    """
    from kg.files import check_writable

    gold = read_jsonl(gold_path, what="gold")
    if save_predictions is not None:
        check_writable(save_predictions, force=force)
    if predictions is None:
        if nlp is None:
            from kg.nlp.model import load_nlp

            nlp = load_nlp(model, actors=actors, patterns=patterns)
        preds: Sequence[Mapping] = predict(
            gold, nlp, batch_size=batch_size, context=context
        )
    elif isinstance(predictions, str | Path):
        preds = read_jsonl(predictions, what="predictions")
    else:
        preds = predictions
    if save_predictions is not None:
        write_jsonl(save_predictions, preds, force=force)
    return score(gold, preds)


# --------------------------------------------------------------------------- output
def format_table(result: Mapping[str, Any], *, title: str | None = None) -> str:
    """Render a ``score`` result as an aligned text table.

    Examples:
        >>> r = score([{"id": 1, "expected": [{"source": "USA", "target": "SYR"}]},
        ...            {"id": 2, "expected": [], "noevents": True}],
        ...           [{"id": 1, "events": [{"source": "USA", "target": "SYR"}]}])
        >>> print(format_table(r))
        level      P      R     F1  tp  fp  fn
        -----  -----  -----  -----  --  --  --
        L0     1.000  1.000  1.000   1   0   0
        L1     1.000  1.000  1.000   1   0   0
        L2     0.000  0.000  0.000   0   0   0
        L3     0.000  0.000  0.000   0   0   0
        records 2, missing predictions 1
        silence 1.000 (share of no-event sentences with no predicted event)
        negation leaks: none to check
    """
    rows = [
        [lv, *(f"{result[lv][k]:.3f}" for k in ("P", "R", "F1")),
         *(str(result[lv][k]) for k in ("tp", "fp", "fn"))]
        for lv in LEVELS
    ]  # fmt: skip
    table = render_table(
        ["level", "P", "R", "F1", "tp", "fp", "fn"], rows, right=range(1, 7)
    )
    lines = [title, table] if title else [table]
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
