"""kg.analysis.timelines: a pair's events by month, quad classes, Goldstein balance."""

from __future__ import annotations

import json

import pytest

from kg.analysis.timelines import (
    MONTH_COLUMNS,
    goldstein,
    goldstein_weights,
    month_rows,
    pair_timeline,
)
from kg.cli import main
from kg.rdf.graph import build
from kg.rdf.store import open_store
from kg.types import Article, Assertion, KGError, Mention
from kg.vocab import load_vocabulary

RUR = Mention("RUR", "Ruritania", 0, 9, label="Ruritania", cls="State")
BLK = Mention("BLK", "the Black Hand", 20, 34, label="Black Hand", cls="ArmedGroup")
GRN = Mention("GRN", "Grand Fenwick", 40, 53, label="Grand Fenwick", cls="State")


def _a(art, n, s, rel, t, date, **kw):
    return Assertion(art, s, t, rel, n, n * 10, n * 10 + 9, f"{s.text} {rel} {t.text}.",
                     date=date, **kw)  # fmt: skip


def records():
    one = Article("tl-1", "Ruritania and the Black Hand.", date="2020-03-15")
    two = Article("tl-2", "The Black Hand strikes back.", date="2022-05-20")
    return [
        (one, [_a("tl-1", 0, RUR, "designates", BLK, "2020-03-01"),       # -6.5
               _a("tl-1", 1, RUR, "meetsWith", BLK, "2020-03-15"),        # +1.0
               _a("tl-1", 2, RUR, "attacks", BLK, "2020-03-15", negated=True),
               _a("tl-1", 3, RUR, "meetsWith", GRN, "2020-03-15")]),      # not the pair
        (two, [_a("tl-2", 0, BLK, "attacks", RUR, "2022-05-20"),          # -10.0
               _a("tl-2", 1, RUR, "revokesDesignationOf", BLK, "2022-05-02"),  # +7
               _a("tl-2", 2, RUR, "visits", BLK, "2022-06-01", modality="planned")]),
    ]  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("tl") / "store"
    ds = build(records(), dataset=open_store(path), registry={})
    ds.close()
    return path


def test_goldstein_weights_of_the_scale():
    w = goldstein_weights()
    got = (w["01"], w["057"], w["0874"], w["163"], w["20"])
    assert got == (0.0, 8.0, 10.0, -6.5, -10.0)
    assert all(-10.0 <= v <= 10.0 for v in w.values())
    assert {f"{r:02d}" for r in range(1, 21)} <= set(w)


def test_goldstein_falls_back_to_parent_then_root():
    assert goldstein("0871") == 9.0  # listed
    assert goldstein("0879") == goldstein("087") == 9.0  # parent
    assert goldstein("1999") == goldstein("19") == -10.0  # root
    assert goldstein("21") is None and goldstein("") is None


def test_every_relation_of_the_vocabulary_has_a_weight():
    for rel in load_vocabulary().values():
        assert goldstein(rel.cameo) is not None, rel.name


def test_month_rows_count_quads_and_sum_weights():
    rows = month_rows([
        {"date": "2024-01-02", "quad_class": 1, "goldstein": 1.0},
        {"date": "2024-01-30", "quad_class": 3, "goldstein": -2.0},
        {"date": None, "quad_class": 4, "goldstein": -10.0},
    ])  # fmt: skip
    assert len(rows) == 1 and list(rows[0]) == MONTH_COLUMNS
    r = rows[0]
    assert (r["mentions"], r["verbalCooperation"], r["verbalConflict"]) == (2, 1, 1)
    assert (r["goldstein"], r["mean_goldstein"]) == (-1.0, -0.5)


def test_pair_timeline_by_month_both_directions(store):
    ds = open_store(store, read_only=True)
    try:
        t = pair_timeline(ds, "ruritania", "Black Hand")
    finally:
        ds.close()
    assert (t["a"], t["b"]) == ("RUR", "BLK")
    months = {r["month"]: r for r in t["months"]}
    assert sorted(months) == ["2020-03", "2022-05"]
    march, may = months["2020-03"], months["2022-05"]
    assert (
        march["mentions"],
        march["materialConflict"],
        march["verbalCooperation"],
    ) == (2, 1, 1)
    assert march["goldstein"] == -5.5
    # the Black Hand's attack on Ruritania counts too (the other direction)
    assert (may["mentions"], may["materialConflict"], may["materialCooperation"]) == (
        2,
        1,
        1,
    )
    assert may["goldstein"] == -3.0
    assert t["goldstein"] == -8.5
    # the negated attack and the planned visit are left out; Grand Fenwick is not
    assert t["left_out"] == 2 and t["undated"] == 0
    assert {e["relation"] for e in t["events"]} == {
        "designates", "meetsWith", "attacks", "revokesDesignationOf"}  # fmt: skip


def test_pair_timeline_errors(store):
    ds = open_store(store, read_only=True)
    try:
        with pytest.raises(KGError, match="no actor 'Atlantis'"):
            pair_timeline(ds, "Atlantis", "RUR")
        with pytest.raises(KGError, match="the same actor RUR"):
            pair_timeline(ds, "RUR", "ruritania")
        assert pair_timeline(ds, "GRN", "RUR")["months"][0]["mentions"] == 1
    finally:
        ds.close()


def test_cli_timeline_table_and_json(store, capsys):
    code = main(["analyze", "timeline", "--store", str(store), "--actor", "RUR",
                 "--actor", "Black Hand"])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "2020-03" in out and "2022-05" in out and "materialConflict" in out
    assert "RUR - BLK: 4 mentions in 2 months (2 cooperation, 2 conflict)" in out
    assert "Goldstein total -8.5" in out
    code = main(["analyze", "timeline", "--store", str(store), "--actor", "BLK",
                 "--actor", "RUR", "--format", "json"])  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and [m["month"] for m in data["months"]] == ["2020-03", "2022-05"]


@pytest.mark.parametrize("actors", [[], ["RUR"], ["RUR", "BLK", "GRN"]])
def test_cli_timeline_needs_two_actors(store, capsys, actors):
    argv = ["analyze", "timeline", "--store", str(store)]
    for a in actors:
        argv += ["--actor", a]
    assert main(argv) == 1
    err = capsys.readouterr().err.strip().splitlines()
    need = "kg: error: kg analyze timeline needs two actors: --actor A --actor B"
    assert err == [need]
