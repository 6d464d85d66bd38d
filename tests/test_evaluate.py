"""kg.evaluate: the L0-L3 scorer agrees with eval/score.py; predict; the CLI."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import EVAL, ROOT, requires_eval
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.cli import main
from kg.evaluate import (
    LEVELS,
    PLOVER_QUAD,
    actor_code,
    format_table,
    read_jsonl,
    score,
)
from kg.types import KGError
from kg.vocab import PLOVER_CATEGORIES

GOLD_FILES = ("seed_gold.jsonl", "plover_dev.jsonl", "petrarch_unit.jsonl")
needs_eval = requires_eval("score.py", *GOLD_FILES)


def _load_reference():
    spec = importlib.util.spec_from_file_location("eval_score", EVAL / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def reference():
    """eval/score.py, imported by path (never copied into the repository)."""
    return _load_reference()


def _gold(name: str) -> list[dict]:
    return [json.loads(line) for line in (EVAL / name).open() if line.strip()]


def write_jsonl(path: Path, records) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def reference_score(reference, gold, preds) -> dict:
    with tempfile.TemporaryDirectory() as d:
        g = write_jsonl(Path(d) / "gold.jsonl", gold)
        p = write_jsonl(Path(d) / "pred.jsonl", preds)
        return reference.score(g, p)


def as_events(record, *, style="dict", reverse=False, negated=False, times=1):
    """Predictions that restate a gold record's expected events."""
    events = []
    for e in record.get("expected") or []:
        s, t = e.get("source"), e.get("target")
        if reverse:
            s, t = t, s
        if style == "dict":
            s, t = {"id": "x", "code": s}, {"id": "y", "code": t}
        event = {
            "source": s,
            "target": t,
            "plover": e.get("plover"),
            "cameo": e.get("code"),
            "negated": negated,
        }
        events += [event] * times
    return {"id": record["id"], "events": events}


# ----------------------------------------------------------- agreement: scenarios
SCENARIOS = {
    "perfect-dicts": lambda g: [as_events(r) for r in g],
    "perfect-strings": lambda g: [as_events(r, style="str") for r in g],
    "reversed": lambda g: [as_events(r, reverse=True) for r in g],
    "negated": lambda g: [as_events(r, negated=True) for r in g],
    "duplicates": lambda g: [as_events(r, times=3) for r in g],
    "missing-every-other": lambda g: [as_events(r) for r in g[::2]],
    "nothing": lambda _gold: [],
    "unknown-ids": lambda g: [
        {"id": f"zz-{r['id']}", "events": as_events(r)["events"]} for r in g
    ],
    "last-record-wins": lambda g: (
        [as_events(r) for r in g] + [as_events(r, reverse=True) for r in g[::3]]
    ),
    "everything-everywhere": lambda g: [
        {"id": r["id"], "events": [e for x in g[:25] for e in as_events(x)["events"]]}
        for r in g
    ],
    "no-plover-names": lambda g: [
        {
            "id": r["id"],
            "events": [{**e, "plover": None} for e in as_events(r)["events"]],
        }
        for r in g
    ],
    "class-actors": lambda g: [
        {
            "id": r["id"],
            "events": [
                {
                    "source": {"sector": "IGO"},
                    "target": {"type": "ArmedGroup"},
                    "plover": "FIGHT",
                    "cameo": "190",
                },
                {
                    "source": {"code": None, "country": "usa"},
                    "target": "jap",
                    "plover": "request",
                    "cameo": "020",
                    "quad_class": 1,
                },
                {"source": "---", "target": "---", "cameo": "010"},
                {"source": {"id": "ORG_x"}, "target": "USA", "cameo": "111"},
            ],
        }
        for r in g
    ],
}


@needs_eval
@pytest.mark.parametrize("gold_file", GOLD_FILES)
@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_agrees_with_reference_scorer(reference, gold_file, scenario):
    gold = _gold(gold_file)
    preds = SCENARIOS[scenario](gold)
    assert score(gold, preds) == reference_score(reference, gold, preds)


@needs_eval
def test_agrees_with_reference_scorer_command_line(tmp_path):
    """The same figures as ``python score.py GOLD PRED`` (run as a subprocess)."""
    gold = _gold("seed_gold.jsonl")
    preds = [as_events(r, reverse=i % 2 == 0) for i, r in enumerate(gold)]
    pred_path = write_jsonl(tmp_path / "pred.jsonl", preds)
    out = subprocess.run(
        [
            sys.executable,
            str(EVAL / "score.py"),
            str(EVAL / "seed_gold.jsonl"),
            str(pred_path),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert score(gold, preds) == json.loads(out.stdout)


# --------------------------------------------------------- agreement: generated
def _codes() -> list[str]:
    codes = {"USA", "USAGOV", "RUSMIL", "IGOUNO", "IMGMUSISI", "---", "JAP", "ITLGOV"}
    for name in GOLD_FILES:
        if (EVAL / name).is_file():
            for r in _gold(name):
                for e in (r.get("expected") or []) + (r.get("negated") or []):
                    codes.update(c for c in (e.get("source"), e.get("target")) if c)
    return sorted(codes)


CODES = _codes()
code = st.sampled_from(CODES)
actor = st.one_of(
    code,
    st.builds(lambda c: {"id": "a", "code": c}, code),
    st.builds(lambda c: {"code": "", "country": c[:3]}, code),
    st.builds(lambda c: {"country_code": c}, code),
    st.sampled_from(
        [
            {"sector": "IGO"},
            {"type": "InternationalOrganisation"},
            {"type": "Person"},
            {"sector": "MIL"},
            {"type": "TerrorGroup"},
            {"code": "  "},
            {},
            None,
        ]
    ),
)
plover = st.sampled_from(
    [*PLOVER_CATEGORIES, "REQUEST", "ACCUSE", "agree", "fight", "", None]
)
cameo = st.sampled_from(
    [
        "010",
        "020",
        "036",
        "042",
        "064",
        "0874",
        "110",
        "111",
        "138",
        "173",
        "190",
        "1",
        "",
        None,
    ]
)
event = st.fixed_dictionaries(
    {"source": actor, "target": actor},
    optional={
        "plover": plover,
        "cameo": cameo,
        "code": cameo,
        "quad_class": st.sampled_from([None, 0, 1, 2, 3, 4]),
        "negated": st.booleans(),
    },
)
gold_event = st.fixed_dictionaries(
    {"source": st.one_of(code, st.none()), "target": code},
    optional={"plover": plover, "code": cameo},
)
synthetic_gold = st.lists(
    st.fixed_dictionaries(
        {"text": st.just("A sentence."), "expected": st.lists(gold_event, max_size=4)},
        optional={
            "noevents": st.booleans(),
            "negated": st.lists(gold_event, max_size=2),
            "valid_flag": st.sampled_from([True, True, True, False]),
        },
    ),
    min_size=1,
    max_size=8,
).map(lambda rs: [{"id": f"g{i % 6}", **r} for i, r in enumerate(rs)])


REAL_GOLD = [r for name in GOLD_FILES if (EVAL / name).is_file() for r in _gold(name)]


@st.composite
def gold_and_predictions(draw):
    if REAL_GOLD and draw(st.booleans()):
        gold = draw(st.lists(st.sampled_from(REAL_GOLD), min_size=1, max_size=12))
    else:
        gold = draw(synthetic_gold)
    preds = []
    for r in gold:
        if draw(st.integers(0, 4)) == 0:
            continue  # a missing prediction
        # events restating this record's gold and negated pairs (possibly reversed,
        # negated, as strings), so that most cases have true positives and leaks
        both = {
            "id": r["id"],
            "expected": (r.get("expected") or []) + (r.get("negated") or []),
        }
        restated = [
            e
            for style in ("dict", "str")
            for e in as_events(
                both,
                style=style,
                reverse=draw(st.booleans()),
                negated=draw(st.booleans()),
            )["events"]
        ]
        some_event = st.sampled_from(restated) | event if restated else event
        preds.append({"id": r["id"], "events": draw(st.lists(some_event, max_size=6))})
    # records for unknown ids and repeated ids (the last one wins)
    ids = [r["id"] for r in gold] + ["not-in-gold"]
    preds += draw(
        st.lists(
            st.fixed_dictionaries(
                {"id": st.sampled_from(ids), "events": st.lists(event, max_size=4)}
            ),
            max_size=3,
        )
    )
    return gold, preds


@needs_eval
@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(gold_and_predictions())
def test_agrees_with_reference_scorer_on_random_predictions(reference, case):
    gold, preds = case
    assert score(gold, preds) == reference_score(reference, gold, preds)


# ------------------------------------------------------------ hand-computed cases
def test_levels_by_hand():
    gold = [
        {
            "id": "a",
            "expected": [
                {"source": "USA", "target": "SYRGOV", "plover": "COOPERATE"},
                {"source": "USA", "target": "IMGMUSISI", "plover": "DISAPPROVE"},
            ],
        },
        {"id": "b", "expected": [{"source": "ISR", "target": "SYR", "code": "190"}]},
        {"id": "c", "expected": [], "noevents": True},
        {"id": "d", "expected": [], "noevents": True},
    ]
    preds = [
        {
            "id": "a",
            "events": [
                # right pair, right class; predicted twice: counts once
                {
                    "source": {"code": "USAGOV"},
                    "target": {"code": "SYRMIL"},
                    "plover": "COOPERATE",
                    "quad_class": 2,
                },
                {
                    "source": {"code": "USA"},
                    "target": {"code": "SYR"},
                    "plover": "COOPERATE",
                    "quad_class": 2,
                },
                # reversed pair, wrong class
                {
                    "source": {"code": "IMGMUSISI"},
                    "target": {"code": "USA"},
                    "plover": "FIGHT",
                    "quad_class": 4,
                },
            ],
        },
        # CAMEO gold: class = root "19", quad from the root
        {"id": "b", "events": [{"source": "ISR", "target": "SYR", "cameo": "193"}]},
        {"id": "c", "events": [{"source": "USA", "target": "RUS", "negated": True}]},
        {"id": "d", "events": [{"source": "USA", "target": "RUS"}]},
    ]
    r = score(gold, preds)
    assert r["L0"] == {"P": 0.75, "R": 1.0, "F1": 0.857, "tp": 3, "fp": 1, "fn": 0}
    assert r["L1"] == {"P": 0.5, "R": 0.667, "F1": 0.571, "tp": 2, "fp": 2, "fn": 1}
    assert r["L2"] == {"P": 0.5, "R": 0.667, "F1": 0.571, "tp": 2, "fp": 2, "fn": 1}
    assert (r["L3"]["tp"], r["L3"]["fp"], r["L3"]["fn"]) == (2, 2, 1)
    assert r["silence"] == 0.5  # c: the negated event is not an event
    assert r["negation_leaks"] is None
    assert r["missing_predictions"] == 0


def test_negation_leaks_and_unclassed_gold():
    gold = [
        {
            "id": 1,
            "text": "…",
            "expected": [
                {
                    "source": "USA",
                    "target": "HTS",
                    "relation": "designates",
                },  # no class
            ],
            "negated": [{"source": "USA", "target": "SYRGOV"}],
        }
    ]
    leak = [
        {
            "id": 1,
            "events": [
                {"source": "USA", "target": "SYR", "plover": "SUPPORT"},
                {"source": "USA", "target": "HTS", "plover": "SANCTION"},
            ],
        }
    ]
    r = score(gold, leak)
    assert r["negation_leaks"] == "1/1"
    assert (r["L1"]["tp"], r["L1"]["fp"]) == (1, 1)
    # the unclassed gold pair is scored at L0/L1 only; its prediction is ignored
    assert (r["L2"]["tp"], r["L2"]["fp"], r["L2"]["fn"]) == (0, 1, 0)
    held = [
        {
            "id": 1,
            "events": [
                {"source": "USA", "target": "SYR", "plover": "SUPPORT", "negated": True}
            ],
        }
    ]
    assert score(gold, held)["negation_leaks"] == "0/1"


def test_invalid_records_are_not_scored():
    gold = [
        {
            "id": "x",
            "valid_flag": False,
            "expected": [{"source": "ARN", "target": "GON", "code": "064"}],
        }
    ]
    r = score(gold, [])
    assert r["records"] == 1
    assert r["missing_predictions"] == 0
    assert r["L1"]["fn"] == 0


def test_plover_mapping_is_optional():
    gold = [
        {
            "id": 1,
            "expected": [{"source": "USA", "target": "IRN", "plover": "DISAPPROVE"}],
        }
    ]
    preds = [
        {"id": 1, "events": [{"source": "USA", "target": "IRN", "plover": "accuse"}]}
    ]
    assert score(gold, preds)["L2"]["tp"] == 0  # as eval/score.py
    mapped = score(gold, preds, map_plover=True)
    assert (mapped["L2"]["tp"], mapped["L3"]["tp"]) == (1, 1)
    assert PLOVER_QUAD["ACCUSE"] == PLOVER_QUAD["DISAPPROVE"]


@pytest.mark.parametrize(
    "actor, code",
    [
        ("SYRGOV", "SYR"),
        (" usa ", "USA"),
        ("JAPGOV", "JPN"),
        ("KSV", "XKX"),
        ({"id": "US", "code": "USAGOV", "country": "USA"}, "USA"),
        ({"id": "UN", "code": None, "country": None, "sector": "IGO"}, "IGO"),
        ({"id": "HTS", "country": "SYR", "sector": "REB"}, "SYR"),
        ({"id": "ORG_x", "type": "Organisation"}, None),
        ({"type": "militant group"}, "IMG"),
        ("", None),
        (None, None),
        (7, None),
    ],
)
def test_actor_code(actor, code):
    assert actor_code(actor) == code


# --------------------------------------------------------------------- files, table
@pytest.mark.parametrize(
    "content, message",
    [
        ("", "empty gold file"),
        (
            '{"id": "a", "text": "x"}\n{"id": "b", "text": \n',
            r"gold\.jsonl:2: bad JSON",
        ),
        ('{"text": "x"}\n', r"gold\.jsonl:1: gold record without an 'id'"),
        ('{"id": "a"}\n', r"gold\.jsonl:1: gold record 'a' without a 'text'"),
        (
            '{"id": "a", "text": "x", "expected": {}}\n',
            "'expected' of 'a' is not a list",
        ),
        (b'{"id": "a", "text": "\xff"}\n', r"not UTF-8 \(byte offset 21\)"),
        (b"\x00\x01", r"binary file \(NUL byte at offset 0\)"),
    ],
)
def test_read_gold_errors(tmp_path, content, message):
    path = tmp_path / "gold.jsonl"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    with pytest.raises(KGError, match=message):
        read_jsonl(path)


def test_read_predictions_errors(tmp_path):
    with pytest.raises(KGError, match="no such predictions file"):
        read_jsonl(tmp_path / "nope.jsonl", what="predictions")
    path = write_jsonl(tmp_path / "p.jsonl", [{"id": "a", "events": "none"}])
    with pytest.raises(KGError, match=r"p\.jsonl:1: 'events' of 'a' is not a list"):
        read_jsonl(path, what="predictions")


def test_format_table_aligned():
    gold = [
        {
            "id": 1,
            "expected": [{"source": "USA", "target": "SYR", "code": "064"}],
            "negated": [{"source": "USA", "target": "RUS"}],
        },
        {"id": 2, "expected": [], "noevents": True},
    ]
    preds = [
        {
            "id": 1,
            "events": [
                {"source": "USA", "target": "SYR", "cameo": "064"},
                {"source": "USA", "target": "RUS"},
            ],
        },
        {"id": 2, "events": [{"source": "USA", "target": "SYR"}]},
    ]
    text = format_table(score(gold, preds), title="demo")
    lines = text.splitlines()
    assert lines[0] == "demo"
    assert lines[1].split() == ["level", "P", "R", "F1", "tp", "fp", "fn"]
    assert set(lines[2]) == {"-", " "}  # the rule under the header
    assert [line.split()[0] for line in lines[3:7]] == list(LEVELS)
    assert lines[3].split() == ["L0", "0.333", "1.000", "0.500", "1", "2", "0"]
    assert len({len(line) for line in lines[1:7]}) == 1  # aligned columns
    assert "silence 0.000" in text
    assert "negation leaks 1/1" in text


# ------------------------------------------------------------------------- the CLI
@needs_eval
def test_cli_scores_given_predictions(tmp_path, capsys):
    gold = _gold("plover_dev.jsonl")
    preds = [as_events(r, reverse=i % 3 == 0) for i, r in enumerate(gold)]
    pred_path = write_jsonl(tmp_path / "pred.jsonl", preds)
    gold_path = str(EVAL / "plover_dev.jsonl")
    assert (
        main(
            ["evaluate", gold_path, "--predictions", str(pred_path), "--format", "json"]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out) == score(gold, preds)
    assert main(["evaluate", gold_path, "--predictions", str(pred_path)]) == 0
    out = capsys.readouterr().out
    assert [line.split()[0] for line in out.splitlines()[3:7]] == list(LEVELS)
    # copying the predictions through --save-predictions keeps them
    saved = tmp_path / "saved.jsonl"
    assert (
        main(
            [
                "evaluate",
                gold_path,
                "--predictions",
                str(pred_path),
                "--save-predictions",
                str(saved),
            ]
        )
        == 0
    )
    assert read_jsonl(saved, what="predictions") == preds
    capsys.readouterr()
    assert (
        main(
            [
                "evaluate",
                gold_path,
                "--predictions",
                str(pred_path),
                "--save-predictions",
                str(saved),
            ]
        )
        == 1
    )
    assert "exists; pass --force" in capsys.readouterr().err


def test_cli_bad_gold(tmp_path, capsys):
    assert main(["evaluate", str(tmp_path / "nope.jsonl"), "--predictions", "x"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("kg: error: no such gold file") and err.count("\n") == 1


# ------------------------------------------------------------ predict (mechanics)
def test_predict_builds_articles_and_event_records(monkeypatch):
    import kg.nlp.extract as extract
    from kg.evaluate import predict

    seen = []

    def fake_extract(articles, nlp, *, batch_size=32, n_process=1):  # noqa: ARG001 - the real signature
        for article in articles:
            seen.append((article.id, article.date, article.text, batch_size, nlp))
            yield article, [f"{article.id}-a", f"{article.id}-b"]

    def fake_record(assertion):
        plover = "ACCUSE" if assertion.endswith("a") else "FIGHT"
        return {
            "source": {"code": "USA"},
            "target": {"code": "IRN"},
            "plover": plover,
            "cameo": "112",
            "negated": False,
            "x": assertion,
        }

    monkeypatch.setattr(extract, "extract_articles", fake_extract)
    monkeypatch.setattr(extract, "event_record", fake_record)
    gold = [
        {"id": 7, "text": "A.", "date": "19950101"},
        {"id": "b", "text": "B.", "date": "2025-01-25", "valid_flag": False},
        {"id": "c", "text": "C."},
    ]
    preds = predict(gold, "NLP", batch_size=5)
    assert seen == [("7", "1995-01-01", "A.", 5, "NLP"), ("c", None, "C.", 5, "NLP")]
    assert [p["id"] for p in preds] == ["7", "c"]
    # the newer PLOVER names are mapped to the gold's 18 categories
    assert [e["plover"] for e in preds[0]["events"]] == ["DISAPPROVE", "FIGHT"]
    assert preds[0]["events"][0]["x"] == "7-a"
    with pytest.raises(KGError, match="gold record 'z': bad date 'soon'"):
        predict([{"id": "z", "text": "Z.", "date": "soon"}], "NLP")


# -------------------------------------------------------- predict (real pipeline)
@needs_eval
def test_predict_gives_one_record_per_scored_gold_record(nlp, reference):
    from kg.evaluate import predict

    gold = _gold("seed_gold.jsonl")[:4] + [
        {
            "id": "p1",
            "text": "Arnor attacked Gondor on Tuesday.",
            "date": "19950101",
            "expected": [],
        },
        {"id": "p2", "text": "Not scored.", "valid_flag": False, "expected": []},
    ]
    preds = predict(gold, nlp, batch_size=4)
    assert [p["id"] for p in preds] == [r["id"] for r in gold[:5]]
    for p in preds:
        for e in p["events"]:
            assert {"source", "target", "plover", "cameo", "negated"} <= set(e)
            assert e["plover"] in PLOVER_CATEGORIES
    r = score(gold, preds)
    assert r["missing_predictions"] == 0
    # kg's real predictions are scored as eval/score.py scores them
    assert r == reference_score(reference, gold, preds)


@pytest.mark.slow
@needs_eval
def test_cli_evaluate_seed_gold_prints_the_level_table():
    out = subprocess.run(
        [sys.executable, "-m", "kg", "evaluate", str(EVAL / "seed_gold.jsonl")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[1].split() == ["level", "P", "R", "F1", "tp", "fp", "fn"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[3:7]}
    assert list(rows) == list(LEVELS)
    empty = score(_gold("seed_gold.jsonl"), [])
    for lv, values in rows.items():
        assert all(0.0 <= float(v) <= 1.0 for v in values[:3])
        # every gold item is either found or missed
        assert int(values[3]) + int(values[5]) == empty[lv]["fn"]
    assert any(line.startswith("silence") for line in lines)
    assert any(line.startswith("negation leaks") for line in lines)


def test_context_reads_consecutive_records_as_one_article(nlp):
    """With context, 'the group' in the second record finds its antecedent."""
    from kg.evaluate import predict

    gold = [
        {
            "id": "art-1",
            "text": "Hamas fighters attacked Israel on Monday.",
            "date": "2024-01-10",
            "expected": [],
        },
        {
            "id": "art-2",
            "text": "The group also threatened Egypt.",
            "date": "2024-01-10",
            "expected": [],
        },
        {"id": "other-1", "text": "Egypt hosted talks.", "expected": []},
    ]
    alone = {p["id"]: p["events"] for p in predict(gold, nlp)}
    joined = {p["id"]: p["events"] for p in predict(gold, nlp, context=True)}
    assert list(joined) == ["art-1", "art-2", "other-1"]
    assert alone["art-2"] == []
    assert [(e["source"]["id"], e["target"]["id"]) for e in joined["art-2"]] == [
        ("HAMAS", "EGY")
    ]
    assert joined["art-2"][0]["evidence"] == "The group also threatened Egypt."
    assert {(e["source"]["id"], e["target"]["id"]) for e in joined["art-1"]} == {
        ("HAMAS", "ISR")
    }
