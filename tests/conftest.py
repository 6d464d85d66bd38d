"""Shared fixtures: the real English pipeline is loaded once per test session.

The gold data of the quality and scorer tests lives in ``../shared/eval`` (beside the
repository, as CI has it); ``KG_EVAL=DIR`` points elsewhere (a git worktree, for
example). Tests that need it are skipped without it, with the path in the reason,
unless ``KG_REQUIRE_EVAL=1`` (set by ``.ci/run``) turns the skip into a failure.

Hypothesis profiles: ``ci`` (the default, a short run) and ``long`` (at least
10,000 examples per property; run by hand with ``--hypothesis-profile long``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile(
    "ci", max_examples=40, deadline=None, suppress_health_check=_SLOW_OK
)
settings.register_profile(
    "long", max_examples=10_000, deadline=None, suppress_health_check=_SLOW_OK
)
settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EVAL = Path(os.environ.get("KG_EVAL") or SHARED / "eval")
DATA = Path(__file__).resolve().parent / "data"


def requires_eval(*names: str) -> pytest.MarkDecorator:
    """Skip a test when a gold file is missing, saying which and where.

    With ``KG_REQUIRE_EVAL=1`` (CI) nothing is skipped: a missing file fails the
    test, so the quality floors cannot silently stop running.
    """
    missing = [n for n in names if not (EVAL / n).is_file()]
    required = os.environ.get("KG_REQUIRE_EVAL") == "1"
    return pytest.mark.skipif(
        bool(missing) and not required,
        reason=f"gold data missing: {', '.join(missing)} not in {EVAL} "
        "(set KG_EVAL to the folder)",
    )


@pytest.fixture(scope="session")
def nlp():
    """The English model with the kg components (loaded once)."""
    from kg.nlp.model import load_nlp

    return load_nlp()
