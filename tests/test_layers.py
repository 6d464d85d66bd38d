"""The import layers of kg (README, "Development"), checked with import-linter.

Each contract of ``.importlinter`` runs as its own test, so a broken rule names
itself.
"""

from __future__ import annotations

import configparser
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

CONFIG = ROOT / ".importlinter"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

#: The base layer: what every other module may import.
BASE = {"kg.types", "kg.dates", "kg.files", "kg.tables", "kg.resources"}

#: Third-party packages each base module (and kg.vocab) may import, besides the
#: standard library.
BASE_EXTERNAL = {
    "kg.types": set(),
    "kg.files": set(),
    "kg.resources": {"yaml"},
    "kg.dates": {"yaml", "dateutil"},
    "kg.tables": {"yaml"},
    "kg.vocab": {"yaml"},
}


def _contract_ids() -> list[str]:
    parser = configparser.ConfigParser()
    parser.read(CONFIG, encoding="utf-8")
    prefix = "importlinter:contract:"
    return [s[len(prefix) :] for s in parser.sections() if s.startswith(prefix)]


def test_every_layer_rule_has_a_contract():
    assert set(_contract_ids()) >= {
        "layers",
        "faces",
        "outputs-not-nlp",
        "rdf-not-registry",
        "nlp-not-rdflib",
        "rdf-not-spacy",
        "base-stdlib",
    }


@pytest.mark.parametrize("contract", _contract_ids())
def test_contract_is_kept(contract):
    out = subprocess.run(
        [str(LINT_IMPORTS), "--config", str(CONFIG), "--contract", contract],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert "Contracts: 1 kept, 0 broken." in out.stdout, out.stdout + out.stderr
    assert out.returncode == 0


def test_a_broken_layer_is_reported(tmp_path):
    """The linter really checks: a config that forbids a real import fails."""
    config = tmp_path / "broken.ini"
    config.write_text(
        "[importlinter]\nroot_package = kg\n"
        "[importlinter:contract:x]\nname = x\ntype = forbidden\n"
        "source_modules =\n    kg.articles\nforbidden_modules =\n    kg.types\n",
        encoding="utf-8",
    )
    out = subprocess.run(
        [str(LINT_IMPORTS), "--config", str(config)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 1
    assert "kg.articles is not allowed to import kg.types" in out.stdout


@pytest.mark.parametrize("module", sorted(BASE_EXTERNAL))
def test_base_imports_only_the_standard_library(module):
    """Base modules (and kg.vocab) import the standard library, yaml (dateutil in
    kg.dates) and other base modules only."""
    import grimp

    graph = grimp.build_graph("kg", include_external_packages=True)
    assert module in graph.modules
    imported = graph.find_modules_directly_imported_by(module)
    roots = {m.split(".")[0] for m in imported}
    external = roots - set(sys.stdlib_module_names) - {"kg", "__future__"}
    assert external <= BASE_EXTERNAL[module]
    internal = {".".join(m.split(".")[:2]) for m in imported if m.startswith("kg.")}
    assert internal <= BASE, f"{module} imports {sorted(internal - BASE)}"
