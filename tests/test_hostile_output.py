"""Hostile output paths and terminal-bound text (issue 11).

``--force`` overwrites regular files only, ``-o -`` is standard output, a full disk
is one line and leaves nothing, a killed writer's temporary is removed by the next
write, spreadsheet formulas and terminal escapes are neutralised.
"""

from __future__ import annotations

import csv
import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import main
from kg.export import neutralise, save_graph
from kg.files import check_writable, remove_stale_temporaries, write_atomic
from kg.rdf.graph import build
from kg.summary import BuildSummary, format_summary
from kg.tables import format_table, terminal_safe
from kg.types import Article, Assertion, KGError, Mention
from tests.data.graph_sample import results


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    """A small graph as a TriG file, used as --store (no spaCy needed)."""
    path = tmp_path_factory.mktemp("g") / "graph.trig"
    save_graph(build(results(), registry={}), path, format="trig")
    return path


# ---------------------------------------------------------------- special files
@pytest.mark.parametrize("kind", ["fifo", "symlink", "device"])
def test_force_never_replaces_a_special_file(tmp_path, capsys, graph_file, kind):
    target = tmp_path / "real.nt"
    target.write_text("keep")
    path = tmp_path / "out.nt"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "symlink":
        path.symlink_to(target)
    else:
        path = Path("/dev/null")
    code, _, err = run(
        capsys, "export", "--store", graph_file, "-o", path, "--format", "nt", "--force"
    )
    assert code == 1 and err.startswith("kg: error:") and "regular files only" in err
    assert target.read_text() == "keep"
    if kind == "fifo":
        assert path.is_fifo()
    elif kind == "symlink":
        assert path.is_symlink()
    else:
        assert path.is_char_device()


def test_force_replaces_a_regular_file(tmp_path, capsys, graph_file):
    path = tmp_path / "out.nt"
    path.write_text("old")
    assert run(capsys, "export", "--store", graph_file, "-o", path, "--force")[0] == 0
    assert "actor/US" in path.read_text() and not path.is_symlink()


@pytest.mark.parametrize("command", ["export", "view"])
def test_dash_writes_to_standard_output(
    tmp_path, capfd, graph_file, monkeypatch, command
):
    monkeypatch.chdir(tmp_path)
    extra = ["--format", "nt"] if command == "export" else []
    code = main([command, "--store", str(graph_file), "-o", "-", *extra])
    out, err = capfd.readouterr()
    assert code == 0, err
    assert ("actor/US" in out) if command == "export" else ("<html" in out.lower())
    assert not (tmp_path / "-").exists() and list(tmp_path.iterdir()) == []


def test_dot_slash_dash_is_a_file(tmp_path, capsys, graph_file, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert (
        run(capsys, "export", "--store", graph_file, "-o", "./-", "--format", "nt")[0]
        == 0
    )
    assert (tmp_path / "-").is_file()


# ---------------------------------------------------------------------- ENOSPC
def _full_disk(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("command", ["export", "view"])
def test_a_full_disk_is_one_line_and_leaves_nothing(
    tmp_path, capsys, graph_file, monkeypatch, command
):
    monkeypatch.setattr(Path, "write_text", _full_disk)
    out = tmp_path / ("g.ttl" if command == "export" else "g.html")
    code, _, err = run(capsys, command, "--store", graph_file, "-o", out)
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "No space left on device" in err and "nothing was written" in err
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_during_extract(tmp_path, capsys, monkeypatch):
    import kg.pipeline

    article = tmp_path / "a.txt"
    article.write_text("Iran condemns Israel\n\nIran condemned Israel.\n")
    monkeypatch.setattr(kg.pipeline, "_write_records", _full_disk)
    code, _, err = run(capsys, "-q", "extract", article, "-o", tmp_path / "e.jsonl")
    assert code == 1 and "No space left on device" in err
    assert len(err.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_a_full_standard_output_is_one_line(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Iran condemns Israel\n\nIran condemned Israel.\n")
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "kg", "-q", "extract", str(article), "-o", "-"],
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=300,
        )  # fmt: skip
    assert proc.returncode == 1
    assert proc.stderr.startswith("kg: error: No space left on device")
    assert "Traceback" not in proc.stderr


# --------------------------------------------------------- killed writers' temps
WRITER = """
import sys, time
from kg.files import write_atomic
def slow(tmp):
    tmp.write_text("half")
    print("writing", flush=True)
    time.sleep(60)
write_atomic(sys.argv[1], slow, force=True)
"""


def test_a_killed_writer_leaves_a_temporary_the_next_write_removes(tmp_path):
    out = tmp_path / "events.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(out)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline() == "writing\n"
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    stale = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(stale) == 1 and not out.exists()
    live = tmp_path / f".events.jsonl.{os.getppid()}.abcd.tmp"  # a live process's
    live.write_text("busy")
    write_atomic(out, lambda p: p.write_text("done"), force=False)
    assert out.read_text() == "done"
    assert sorted(p.name for p in tmp_path.iterdir()) == [live.name, "events.jsonl"]


def test_temporaries_of_other_files_are_left_alone(tmp_path):
    other = tmp_path / ".other.txt.999999999.x.tmp"
    other.write_text("x")
    assert remove_stale_temporaries(tmp_path / "events.jsonl") == []
    assert other.exists()


def test_check_writable_names_the_kind(tmp_path):
    fifo = tmp_path / "f"
    os.mkfifo(fifo)
    with pytest.raises(KGError, match="is a FIFO"):
        check_writable(fifo, force=True)
    assert check_writable("-", force=False) == Path("-")


# ------------------------------------------------------------------ CSV formulas
@pytest.mark.parametrize(
    "cell", ['=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx"]
)
def test_formula_cells_are_neutralised(cell):
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Syria", "2025-01-25", "", "a=b", 3, -1])
def test_other_cells_are_kept(cell):
    assert neutralise(cell) == cell


def _formula_graph(dataset=None):
    evil = Mention(
        "EVIL",
        "=cmd|' /C calc'!A0",
        0,
        18,
        label="=cmd|' /C calc'!A0",
        cls="ArmedGroup",
        code="@SUM(1+1)",
    )
    syr = Mention("SYR", "Syria", 28, 33, label="Syria", cls="State", country="SYR")
    a = Assertion(
        "x", evil, syr, "attacks", 0, 0, 34, "=cmd|' /C calc'!A0 attacked Syria."
    )
    return build(
        [(Article("x", a.evidence, date="2025-01-25"), [a])],
        dataset=dataset,
        registry={},
    )


@pytest.mark.parametrize("fmt", ["csv", "events"])
def test_csv_and_event_exports_neutralise_formulas(tmp_path, fmt):
    path = tmp_path / "out.tsv"
    save_graph(_formula_graph(), path, format=fmt)
    rows = list(csv.reader(path.open(), delimiter="," if fmt == "csv" else "\t"))
    cells = [c for row in rows[1:] for c in row]
    assert "'=cmd|' /C calc'!A0" in cells
    assert not any(c.startswith(("=", "+", "@")) for c in cells)
    assert "Syria" in cells  # plain text untouched


# -------------------------------------------------------------- terminal escapes
EVIL = "Iran \x1b[2J\x1b]0;pwned\x07condemned\x9b31m Israel\x07\x00."


def test_terminal_safe_strips_escapes():
    assert terminal_safe(EVIL) == "Iran condemned Israel."
    assert terminal_safe("Côte d’Ivoire — “quoted”") == "Côte d’Ivoire — “quoted”"


def test_tables_and_the_summary_carry_no_control_characters():
    table = format_table(["evidence"], [[EVIL]])
    assert "\x1b" not in table and "\x07" not in table and "Iran condemned" in table
    summary = BuildSummary(
        articles=1, store="memory", counts={"articles": 1},
        edges=[{"source": "Iran\x1b[31m", "relation": "condemns", "target": "Israel",
                "count": 1, "evidence": EVIL}],
    )  # fmt: skip
    text = format_summary(summary)
    assert not any(ord(c) < 32 and c != "\n" or 0x7F <= ord(c) <= 0x9F for c in text)
    assert "Iran --condemns--> Israel" in text and "Iran condemned Israel." in text


def test_query_tables_strip_escapes_from_article_text(tmp_path, capsys):
    m1 = Mention("IRN", "Iran", 0, 4, label="Iran", cls="State", country="IRN")
    m2 = Mention("ISR", "Israel", 30, 36, label="Israel", cls="State", country="ISR")
    a = Assertion("e", m1, m2, "condemns", 0, 0, len(EVIL), EVIL)
    path = tmp_path / "g.trig"
    save_graph(build([(Article("e", EVIL), [a])], registry={}), path, format="trig")
    query = (
        "PREFIX kg: <https://w3id.org/kg-news/ontology#> "
        "SELECT ?e WHERE { ?x kg:evidence ?e }"
    )
    code, out, err = run(capsys, "query", "--store", path, query)
    assert code == 0, err
    assert "Iran condemned Israel." in out and "\x1b" not in out and "\x07" not in out
    code, out, _ = run(capsys, "query", "--store", path, "--format", "json", query)
    assert "\\u001b" in out  # JSON keeps the data exactly, escaped


def test_analyze_paths_print_no_control_characters(capsys):
    from kg.cli.analyze import _print_paths

    _print_paths({
        "hops": 1, "source": "A", "target": "B", "shortest": [["Iran\x1b[2J", "B"]],
        "cost": 1.0, "strongest": ["Iran\x1b]0;x\x07", "B"],
        "steps": [{"from": "A", "to": "B", "mentions": 1, "relations": ["opposes"]}],
    })  # fmt: skip
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "Iran - B" in out


# ------------------------------------------- streamed exports of an Oxigraph store
@pytest.fixture(scope="module")
def oxigraph_store(tmp_path_factory):
    """A small Oxigraph store directory (its RDF exports are streamed)."""
    from kg.rdf.store import open_store

    path = tmp_path_factory.mktemp("ox") / "store"
    build(results(), dataset=open_store(path), registry={}).close()
    return path


@pytest.mark.parametrize("fmt", ["turtle", "nt", "nquads", "trig"])
def test_streamed_exports_write_to_standard_output(
    tmp_path, capfd, oxigraph_store, monkeypatch, fmt
):
    monkeypatch.chdir(tmp_path)
    code = main(["export", "--store", str(oxigraph_store), "-o", "-", "--format", fmt])
    out, err = capfd.readouterr()
    assert code == 0, err
    assert "actor/US" in out or "actor:US" in out
    assert list(tmp_path.iterdir()) == []  # no file named "-", no temporary
    # the twin: the same export to a file holds the same text
    path = tmp_path / f"g.{fmt}"
    code = main(
        ["export", "--store", str(oxigraph_store), "-o", str(path), "--format", fmt]
    )
    assert code == 0 and path.read_text(encoding="utf-8") == out


@pytest.mark.parametrize("kind", ["fifo", "symlink"])
def test_streamed_exports_never_replace_a_special_file(
    tmp_path, capsys, oxigraph_store, kind
):
    target = tmp_path / "real.nt"
    target.write_text("keep")
    path = tmp_path / "out.nt"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to(target)
    code, _, err = run(
        capsys, "export", "--store", oxigraph_store, "-o", path, "--format", "nt",
        "--force",
    )  # fmt: skip
    assert code == 1 and "regular files only" in err
    assert target.read_text() == "keep"
    assert path.is_fifo() if kind == "fifo" else path.is_symlink()


@pytest.mark.parametrize("fmt", ["csv", "events"])
def test_table_exports_of_an_oxigraph_store_neutralise_formulas(tmp_path, fmt):
    """The store's aggregated edges (kg.analysis.edges) go through the same cells."""
    from kg.rdf.store import open_store

    store = _formula_graph(open_store(tmp_path / "store"))
    path = tmp_path / "out.tsv"
    try:
        save_graph(store, path, format=fmt)
    finally:
        store.close()
    rows = list(csv.reader(path.open(), delimiter="," if fmt == "csv" else "\t"))
    cells = [c for row in rows[1:] for c in row]
    assert "'=cmd|' /C calc'!A0" in cells
    assert not any(c.startswith(("=", "+", "@")) for c in cells)
    assert "Syria" in cells  # plain text untouched
