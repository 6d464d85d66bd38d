"""mypy on the whole kg package (config in setup.cfg) reports no error.

mypy runs once; each top-level module or package of kg is its own test, so an
error names its place.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import defaultdict

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

PARTS = sorted(
    p.stem if p.suffix == ".py" else p.name
    for p in (ROOT / "kg").iterdir()
    if (p.suffix == ".py" or (p / "__init__.py").is_file())
)


@pytest.fixture(scope="module")
def errors() -> dict[str, list[str]]:
    """mypy's error lines, by part of kg."""
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "kg"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    by_part: dict[str, list[str]] = defaultdict(list)
    for line in out.stdout.splitlines():
        m = re.match(r"kg/([A-Za-z_]+)[/.][^:]*:\d+: error:", line)
        if m:
            by_part[m.group(1)].append(line)
    assert out.returncode in (0, 1), out.stdout + out.stderr
    assert out.returncode == 0 or by_part, out.stdout  # errors were parsed
    return by_part


def test_parts_are_found():
    assert {"cli", "pipeline", "types", "nlp", "rdf"} <= set(PARTS)


@pytest.mark.parametrize("part", PARTS)
def test_mypy_reports_no_error(errors, part):
    assert errors.get(part, []) == []
