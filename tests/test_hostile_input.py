"""Hostile and unlucky input (issue 11): every case is one line or a skipped record.

Each negative check has its positive twin: the good record beside the bad one is
still read, the good date still parses, the folder read once still yields its
article.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kg.articles import load_articles
from kg.cli import main
from kg.dates import normalise_date, resolve_date_phrase
from kg.pipeline import check_input
from kg.types import KGError

GOOD = "Iran condemns Israel\n\nIran condemned Israel on Tuesday.\n"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> bool:
    return err.startswith("kg: error:") and len(err.strip().splitlines()) == 1


# ------------------------------------------------------------------------ dates
@pytest.mark.parametrize(
    "bad", ["2025-13-45", "2025-02-30", "-2025-01-01", "+2025-01-01"]
)
def test_impossible_front_matter_dates_are_one_line(tmp_path, capsys, bad):
    path = tmp_path / "a.txt"
    path.write_text(f"---\ndate: {bad}\n---\n{GOOD}")
    code, _, err = run(capsys, "build", path, "--store", "memory")
    assert code == 1 and one_line(err)
    assert "a.txt" in err and repr(bad) in err and "Traceback" not in err


def test_a_real_front_matter_date_is_read(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"---\ndate: 2024-02-29\n---\n{GOOD}")
    assert [a.date for a in load_articles([path])] == ["2024-02-29"]
    assert normalise_date("2025-01-01") == "2025-01-01"


@pytest.mark.parametrize(
    "phrase, ref",
    [("tomorrow", "9999-12-31"), ("next week", "9999-12-31"),
     ("yesterday", "0001-01-01"), ("in December", "0001-01-01"),
     ("99999999999 days ago", "2025-01-25")],
)  # fmt: skip
def test_relative_dates_at_the_ends_of_the_calendar(phrase, ref):
    assert resolve_date_phrase(phrase, ref) == (None, "none")


def test_relative_dates_inside_the_calendar_still_resolve():
    assert resolve_date_phrase("yesterday", "9999-12-31") == ("9999-12-30", "day")
    assert resolve_date_phrase("tomorrow", "0001-01-01") == ("0001-01-02", "day")


def test_extreme_article_dates_extract_without_a_traceback(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(
        "---\ndate: 9999-12-31\n---\nIran condemns Israel\n\n"
        "Iran condemned Israel tomorrow, and Russia attacked Ukraine last week.\n"
    )
    code, out, err = run(capsys, "-q", "extract", path, "-o", "-")
    assert code == 0, err
    assert json.loads(out)["id"] == "a"


# ------------------------------------------------------------------ surrogates
def test_a_lone_surrogate_is_a_bad_record(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"id": "bad", "text": "Iran condemned Israel \\ud800 today."}\n'
        '{"id": "ok", "text": "Iran condemned Israel \\ud83d\\ude00 today."}\n'
    )
    with pytest.raises(KGError, match=r"feed.jsonl:1: 'text' holds a lone surrogate"):
        list(load_articles([path]))
    bad = []
    articles = list(load_articles([path], on_error=bad.append))
    assert [a.id for a in articles] == ["ok"] and "\U0001f600" in articles[0].text
    assert [r.where for r in bad] == [f"{path}:1"] and bad[0].record is not None


# -------------------------------------------------------------------- --on-error
@pytest.fixture
def feed(tmp_path):
    """Three good records and three bad ones, in a JSON Lines feed and a file."""
    path = tmp_path / "feed.jsonl"
    lines = [
        {"id": "a1", "text": "Iran condemned Israel."},
        {"id": "a2", "text": ""},
        {"id": "a3", "text": "Russia attacked Ukraine.", "date": "2025-02-30"},
        {"id": "a4", "text": "Turkey hosted Syria."},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n{not json\n")
    (tmp_path / "b.txt").write_text(f"---\ndate: 2025-13-45\n---\n{GOOD}")
    (tmp_path / "c.txt").write_text(GOOD)
    return tmp_path


def test_on_error_fail_lists_every_bad_record(feed, capsys):
    code, _, err = run(capsys, "build", feed, "--store", feed / "store")
    assert code == 1 and "Traceback" not in err
    assert err.startswith("kg: error: 4 bad records; nothing was written")
    for where in ("b.txt", "feed.jsonl:2", "feed.jsonl:3", "feed.jsonl:5"):
        assert where in err
    assert not (feed / "store").exists()


def test_on_error_skip_builds_the_rest_and_writes_the_rejects(feed, capsys, caplog):
    rejects = feed / "rejects.jsonl"
    with caplog.at_level("WARNING", logger="kg"):
        code, out, err = run(
            capsys, "build", feed, "--store", "memory", "--on-error", "skip",
            "--rejects", rejects, "--summary",
        )  # fmt: skip
    assert code == 0, err
    assert "skipped 4 bad records" in caplog.text and str(rejects) in caplog.text
    assert out.startswith("3 articles")  # a1, a4, c: none of the bad ones
    rows = [json.loads(x) for x in rejects.read_text().splitlines()]
    assert [r["where"].rsplit("/", 1)[-1] for r in rows] == [
        "b.txt", "feed.jsonl:2", "feed.jsonl:3", "feed.jsonl:5",
    ]  # fmt: skip
    assert all(r["error"] for r in rows)
    assert json.loads(rows[1]["record"])["id"] == "a2"
    assert rows[3]["record"].strip() == "{not json"


def test_skip_never_overwrites_a_rejects_file(feed, capsys):
    rejects = feed / "rejects.jsonl"
    rejects.write_text("keep")
    code, _, err = run(
        capsys, "extract", feed, "-o", "-", "--on-error", "skip", "--rejects", rejects
    )
    assert code == 1 and "--force" in err and rejects.read_text() == "keep"


def test_skip_with_nothing_left_is_an_error(tmp_path):
    (tmp_path / "a.txt").write_text("")
    with pytest.raises(KGError, match="no articles found"):
        check_input([tmp_path], on_error="skip", rejects=tmp_path / "r.jsonl")
    assert (tmp_path / "r.jsonl").exists()


@pytest.mark.parametrize(
    "option, value", [("--batch-size", "-1"), ("--batch-size", "0"),
                      ("--processes", "0"), ("--processes", "-2")],
)  # fmt: skip
def test_bad_batch_size_and_processes_are_one_line(tmp_path, capsys, option, value):
    path = tmp_path / "a.txt"
    path.write_text(GOOD)
    code, _, err = run(capsys, "extract", path, "-o", "-", option, value)
    assert code == 1 and one_line(err) and option in err


# --------------------------------------------------------------------- encoding
def test_encoding_option_reads_latin_1(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_bytes(
        "Iran condemns Isra\xebl\n\nIran condemned Isra\xebl.\n".encode("latin-1")
    )
    code, _, err = run(capsys, "-q", "extract", path, "-o", "-")
    assert code == 1 and "not utf-8 text" in err and one_line(err)
    code, out, err = run(
        capsys, "-q", "extract", path, "-o", "-", "--encoding", "latin-1"
    )
    assert code == 0, err
    assert [a.title for a in load_articles([path], encoding="latin-1")] == [
        "Iran condemns Israël"
    ]
    code, _, err = run(capsys, "extract", path, "-o", "-", "--encoding", "klingon")
    assert code == 1 and "unknown encoding 'klingon'" in err


# ----------------------------------------------------------------- folder walks
def test_a_symlink_to_the_folder_itself_reads_each_article_once(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    os.symlink(".", tmp_path / "self")
    os.symlink(tmp_path / "a.txt", tmp_path / "again.txt")
    assert [a.id for a in load_articles([tmp_path, tmp_path / "a.txt"])] == ["a"]


def test_a_branching_symlink_loop_ends(tmp_path):
    sub = tmp_path / "x"
    sub.mkdir()
    (sub / "a.txt").write_text(GOOD)
    for name in ("l1", "l2", "l3"):
        os.symlink("..", sub / name)
    done: list = []
    thread = threading.Thread(
        target=lambda: done.append([a.id for a in load_articles([tmp_path])]),
        daemon=True,
    )
    thread.start()
    thread.join(30)
    assert done == [["a"]]


def test_a_symlinked_folder_elsewhere_is_read(tmp_path):
    """The twin: a symlink to another real folder is followed."""
    other = tmp_path / "other"
    other.mkdir()
    (other / "b.txt").write_text(GOOD)
    top = tmp_path / "top"
    top.mkdir()
    (top / "a.txt").write_text(GOOD)
    os.symlink(other, top / "link")
    assert [a.id for a in load_articles([top])] == ["a", "b"]


def test_1100_nested_folders(tmp_path):
    folders = [tmp_path / "d"]
    for _ in range(1099):
        folders.append(folders[-1] / "d")
    for folder in folders:
        folder.mkdir()
    (folders[-1] / "deep.txt").write_text(GOOD)
    (tmp_path / "top.txt").write_text(GOOD)
    try:
        assert [a.id for a in load_articles([tmp_path])] == ["deep", "top"]
    finally:  # shutil.rmtree (pytest's clean-up) recurses: remove them here
        (folders[-1] / "deep.txt").unlink()
        for folder in reversed(folders):
            folder.rmdir()


def test_folder_order_is_depth_first_and_sorted(tmp_path):
    for rel in ("a/x.txt", "a/b/y.txt", "c.txt", "b.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(GOOD)
    assert [a.id for a in load_articles([tmp_path])] == ["y", "x", "b", "c"]


def test_an_unreadable_subfolder(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(GOOD)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(GOOD)
    real = os.scandir

    def scandir(path):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    with pytest.raises(
        KGError, match=r"locked: cannot read folder \(Permission denied\)"
    ):
        list(load_articles([tmp_path]))
    bad = []
    assert [a.id for a in load_articles([tmp_path], on_error=bad.append)] == ["a"]
    assert [r.where for r in bad] == [str(locked)]


def test_a_fifo_is_refused_at_once(tmp_path, capsys):
    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)
    result: list = []

    def read():
        try:
            list(load_articles([fifo]))
        except KGError as e:
            result.append(str(e))

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    thread.join(10)
    assert result and "a FIFO, not a regular file" in result[0]
    code, _, err = run(capsys, "extract", fifo, "-o", "-")
    assert code == 1 and one_line(err)


# ----------------------------------------------------------------- id collisions
def test_the_same_stem_in_two_folders_is_visible(tmp_path, caplog):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "news.txt").write_text(GOOD)
    with caplog.at_level("WARNING", logger="kg"):
        ids = [a.id for a in load_articles([tmp_path / "a", tmp_path / "b"])]
    assert ids == ["news", "news-2"]
    assert "the id 'news' is taken by" in caplog.text and "'news-2'" in caplog.text


def kg_process(*argv) -> subprocess.CompletedProcess:
    """``kg`` in its own process, as a user runs one build after another."""
    return subprocess.run(
        [sys.executable, "-m", "kg", *map(str, argv)],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_later_build_replacing_another_article_warns(tmp_path):
    store = tmp_path / "store"
    for folder, title in (("a", "Iran condemns Israel"), ("b", "Turkey hosts Syria")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "news.txt").write_text(f"{title}\n\n{title}.\n")
    first = kg_process("build", tmp_path / "a", "--store", store)
    assert first.returncode == 0 and "replaces" not in first.stderr
    second = kg_process("build", tmp_path / "b", "--store", store)
    assert second.returncode == 0, second.stderr
    assert "article 'news' replaces" in second.stderr  # without -v
    assert "'Iran condemns Israel'" in second.stderr
    # the twin: re-building the same file, edited, does not warn
    edited = "Turkey hosts Syria\n\nTurkey hosted Syria.\n"
    (tmp_path / "b" / "news.txt").write_text(edited)
    third = kg_process("build", tmp_path / "b", "--store", store)
    assert third.returncode == 0 and "replaces" not in third.stderr


# ----------------------------------------------------------------- long articles
def test_an_article_over_max_length_is_read_in_chunks(nlp, monkeypatch):
    from kg.nlp import extract
    from kg.nlp.extract import extract_articles
    from kg.types import Article

    sentence = "Iran condemned Israel on Tuesday. "
    text = "Iran condemns Israel\n\n" + sentence * 40
    monkeypatch.setattr(extract, "CHUNK_CHARS", 300)
    monkeypatch.setattr(nlp, "max_length", 400)  # the whole text is over it
    assert len(text) > nlp.max_length
    [(article, found)] = list(extract_articles([Article("long", text)], nlp))
    assert len(found) == 41  # the headline and each sentence, in every chunk
    assert len({a.sentence for a in found}) == 41
    for a in found:
        assert text[a.start : a.end] == a.evidence
        assert text[a.source.start : a.source.end] == a.source.text
        assert text[a.target.start : a.target.end] == a.target.text


def test_split_text_cuts_at_paragraphs_then_sentences():
    from kg.nlp.extract import split_text

    text = "A a.\n\nB b. C c. D d."
    pieces = [(0, "A a.\n\n"), (6, "B b. C c. "), (16, "D d.")]
    assert split_text(text, size=10) == pieces
    assert "".join(p for _, p in split_text("x" * 25, size=10)) == "x" * 25


def test_a_run_on_sentence_is_not_read_for_relations(nlp, caplog):
    from kg.nlp.extract import extract_articles
    from kg.nlp.relations.component import MAX_SENTENCE_TOKENS
    from kg.types import Article

    run_on = "US condemned Iran and " * 200
    with caplog.at_level("WARNING", logger="kg"):
        [(_, found)] = list(extract_articles([Article("r", run_on)], nlp))
    assert found == [] and f"over {MAX_SENTENCE_TOKENS}" in caplog.text
    [(_, found)] = list(extract_articles([Article("s", "US condemned Iran.")], nlp))
    assert [a.relation for a in found] == ["condemns"]
