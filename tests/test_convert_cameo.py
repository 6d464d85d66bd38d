"""kg.convert.cameo: the CAMEO verb dictionary -> kg/resources/cameo_verbs.json."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.convert.cameo import OUTPUT, convert, parse
from tests.conftest import ROOT, SHARED

SRC = Path(os.environ.get("KG_DICTIONARIES") or SHARED / "dictionaries" / "petrarch2")
needs_source = pytest.mark.skipif(
    not (SRC / "CAMEO.2.0.txt").is_file(),
    reason=f"PETRARCH2 dictionaries missing in {SRC} (set KG_DICTIONARIES)",
)

SAMPLE = """
&WEAPON
+RIFLE
+GUN_

---  GRANT   [060]  ---
GRANT
ACCORD
BESTOW [070]
- * ASYLUM                       [075]     # GRANT
- * &WEAPON                      [072]     # BESTOW
- * (TO)                         [---]     # GRANT
- TROOPS *                       [190]     # GRANT
- * {HUMANITARIAN AID}           [073]     # GRANT
- * (FOR &WEAPON)                [062]     # GRANT
- * (IN {FULL VIEW})             [010]     # GRANT

---  CALL   [041:041]  ---
CALL
+CORDON_OFF {+CORDONED_OFF} [191]
- * OFF                          [160]     # CALL
- * DICTATOR                     [111]     # CALL

---  DEPORT   [174]  ---
DEPORT
+KICK_OUT {+KICKED_OUT}

---  COMPROMISE   [080]  ---
COMPROMISE
+TALK_OVER
"""


def test_a_verb_keeps_only_its_own_code():
    """ "accord", in a block of granting, has no code of its own: no trigger."""
    lex = parse(SAMPLE)
    assert lex.verbs == {"bestow": "070"}
    assert "accord" not in lex.verbs and "grant" not in lex.verbs


def test_patterns_belong_to_the_verb_their_comment_names():
    lex = parse(SAMPLE)
    assert lex.objects["grant"] == {"asylum": "075"}
    # a synonym set is expanded, with regular plurals unless the word ends in "_"
    assert lex.objects["bestow"] == {"rifle": "072", "rifles": "072", "gun": "072"}
    assert "accord" not in lex.objects
    # a null code is kept as null; words before the verb and phrases are left out
    assert lex.preps["grant"] == {"to": None}
    assert lex.particles["call"] == {"off": "160"}
    assert lex.objects["call"] == {"dictator": "111"}


def test_a_preposition_with_its_object_is_one_key():
    """ "(FOR &WEAPON)": the preposition and each word of its object, as kg's
    ``prep`` tables key them ("for:rifle"); a phrase of several words is left out."""
    lex = parse(SAMPLE)
    assert lex.pobjs["grant"] == {
        "for:rifle": "062",
        "for:rifles": "062",
        "for:gun": "062",
    }
    assert "for" not in lex.preps["grant"] and "in" not in lex.preps["grant"]


def test_phrasal_verbs_are_particles_with_their_code():
    lex = parse(SAMPLE)
    assert lex.particles["cordon"] == {"off": "191"}


def test_the_roots_of_a_verbs_own_sense_are_its_code_or_its_blocks():
    lex = parse(SAMPLE)
    assert lex.roots["grant"] == {"06"} and lex.roots["accord"] == {"06"}
    assert lex.roots["bestow"] == {"07"}  # its own code, not the block's
    assert lex.roots["call"] == {"04"}


def test_a_phrasal_verb_of_a_conflict_block_takes_the_blocks_code():
    """ "+KICK_OUT" under DEPORT [174] is expelling; "+TALK_OVER" under COMPROMISE
    [080] is no concession: only the blocks of conflict lend their code."""
    lex = parse(SAMPLE)
    assert lex.phrasal == {"kick": {"out": "174"}}
    assert "kick" not in lex.verbs and "kick" not in lex.particles
    assert "cordon" not in lex.phrasal  # its own code is in particles


@needs_source
def test_rerunning_the_converter_reproduces_the_committed_file(tmp_path):
    out = tmp_path / "cameo_verbs.json"
    convert(SRC, out)
    assert out.read_bytes() == OUTPUT.read_bytes()
    data = json.loads(out.read_text("utf-8"))
    assert "Permission is hereby granted" in data["licence"]
    assert data["verbs"]["rescind"] == "160"
    for verb in ("accord", "die", "rule"):  # no code of their own
        assert verb not in data["verbs"]


def _convert(src, out) -> subprocess.CompletedProcess:
    """``python -m kg.convert.cameo SRC -o OUT``, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "kg.convert.cameo", str(src), "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def test_a_bad_source_folder_is_one_line_and_writes_nothing(tmp_path):
    out = tmp_path / "out.json"
    r = _convert(tmp_path / "nope", out)
    assert r.returncode == 1
    assert r.stderr.strip().count("\n") == 0
    assert "cannot read" in r.stderr and "Traceback" not in r.stderr
    assert not out.exists()
    # the twin: a readable folder is converted
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "CAMEO.2.0.txt").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "src" / "LICENSE").write_text("MIT", encoding="utf-8")
    r = _convert(tmp_path / "src", out)
    assert r.returncode == 0, r.stderr
    assert json.loads(out.read_text("utf-8"))["verbs"] == {"bestow": "070"}
