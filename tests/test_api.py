"""The public API of STYLE.md: every name in kg.__all__ imports."""

from __future__ import annotations

import importlib
import re

import pytest

import kg


@pytest.mark.parametrize("name", sorted(set(kg.__all__) - {"__version__"}))
def test_public_name_resolves(name):
    value = getattr(kg, name)
    home = importlib.import_module(kg._EXPORTS[name])
    assert value is getattr(home, name)
    assert not isinstance(value, type(importlib)), f"kg.{name} is a module"


def test_version_is_a_release_number():
    assert re.fullmatch(r"\d+\.\d+\.\d+", kg.__version__)


def test_unknown_name_raises():
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        kg.nope  # noqa: B018


def test_design_names_are_exported():
    design = {
        "Article",
        "Mention",
        "Assertion",
        "load_articles",
        "load_nlp",
        "mentions",
        "extract",
        "build",
        "run_query",
        "actor_graph",
        "centrality",
        "to_html",
        "load_graph",
        "save_graph",
        "validate",
        "KG",
        "ACTOR",
    }
    assert design <= set(kg.__all__)
