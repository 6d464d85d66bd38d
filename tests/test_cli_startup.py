"""``import kg.cli``, ``kg --help`` and ``kg COMMAND --help`` load no heavy library.

Each check runs in a fresh interpreter so that nothing the test session imported
hides an import; the command modules import spaCy, rdflib and networkx only when
they run.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("spacy", "rdflib", "networkx", "pyvis", "pyshacl", "pyoxigraph", "thinc")

COMMANDS = (
    "build",
    "extract",
    "evaluate",
    "query",
    "analyze",
    "view",
    "export",
    "validate",
)

PROBE = """
import contextlib, io, json, sys
{setup}
print(json.dumps(sorted({{m.split(".")[0] for m in sys.modules}})))
"""


def _loaded(setup: str) -> set[str]:
    """Top-level modules loaded by a fresh interpreter after running ``setup``."""
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(setup=setup)],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def _heavy(setup: str) -> set[str]:
    return _loaded(setup) & set(HEAVY)


def test_the_probe_sees_heavy_imports():
    """Positive twin: the probe does report rdflib when it is imported."""
    assert "rdflib" in _heavy("import rdflib")


def test_import_kg_cli_and_build_the_parser():
    assert _heavy("import kg.cli; kg.cli.build_parser()") == set()


def test_import_kg_is_lazy():
    assert _heavy("import kg; kg.__all__; kg.__version__") == set()


@pytest.mark.parametrize("argv", [["--help"], *[[c, "--help"] for c in COMMANDS]])
def test_help_loads_no_heavy_library(argv):
    setup = (
        "import kg.cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = kg.cli.main({argv!r})\n"
        "assert code == 0, code"
    )
    assert _heavy(setup) == set()


def test_every_command_is_listed():
    from kg.cli import COMMANDS as modules

    assert [m.__name__.rsplit(".", 1)[-1] for m in modules] == list(COMMANDS)


def test_choice_lists_are_the_ones_the_library_accepts():
    """The parser's lists live in kg.vocab; analysis and export accept the same."""
    from kg import analysis, export, vocab

    assert tuple(analysis.MEASURES) == vocab.MEASURES
    assert tuple(analysis.CENTRALITIES) == vocab.CENTRALITIES
    assert dict(export.FORMATS) == vocab.EXPORT_FORMATS
