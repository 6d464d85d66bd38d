"""``--patterns FILE`` (kg extract/build/evaluate, load_nlp): a user's patterns add
entries to kg's and never replace them."""

from __future__ import annotations

import json

import pytest

from kg.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def article(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(
        "Peru upbraided Chile on Monday. Peru snubbed Bolivia.\n", encoding="utf-8"
    )
    return f


def _relations(path) -> set[tuple[str, str, str]]:
    rec = json.loads(path.read_text("utf-8").splitlines()[0])
    return {
        (e["source"]["id"], e["relation"], e["target"]["id"]) for e in rec["events"]
    }


@pytest.mark.slow
def test_extract_with_a_patterns_file_adds_a_verb(capsys, tmp_path, article):
    patterns = tmp_path / "p.yaml"
    patterns.write_text("verbs:\n  upbraid: condemns\n  snub: praises\n", "utf-8")
    out = tmp_path / "with.jsonl"
    code, _, err = run(
        capsys, "--quiet", "extract", article, "-o", out, "--patterns", patterns
    )
    assert code == 0, err
    got = _relations(out)
    assert ("PER", "condemns", "CHL") in got  # added by the user's file
    assert ("PER", "rejects", "BOL") in got  # kg's "snub" is not replaced
    assert ("PER", "praises", "BOL") not in got
    # the twin: without the file, "upbraid" is no trigger
    plain = tmp_path / "without.jsonl"
    assert run(capsys, "--quiet", "extract", article, "-o", plain)[0] == 0
    assert ("PER", "condemns", "CHL") not in _relations(plain)


def test_a_bad_patterns_file_is_one_line_and_writes_nothing(capsys, tmp_path, article):
    bad = tmp_path / "bad.yaml"
    bad.write_text("verbs:\n  upbraid: befriends\n", "utf-8")
    out = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "extract", article, "-o", out, "--patterns", bad)
    assert code == 1
    assert err.strip().count("\n") == 0 and "unknown relation 'befriends'" in err
    assert not out.exists()
    # an entry kg's own entry of the same verb takes precedence over is checked too
    bad.write_text("verbs:\n  snub: befriends\n", "utf-8")
    code, _, err = run(capsys, "extract", article, "-o", out, "--patterns", bad)
    assert code == 1 and "unknown relation 'befriends'" in err
    assert not out.exists()
    code, _, err = run(
        capsys, "extract", article, "-o", out, "--patterns", tmp_path / "missing.yaml"
    )
    assert code == 1 and "cannot read patterns file" in err
    assert not out.exists()
