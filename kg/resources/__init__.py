"""Packaged data files, read one way (``importlib.resources``).

Examples:
    >>> "relations" in read_yaml("relations.yaml")
    True
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def resource_path(name: str) -> Path:
    """The path of a packaged file or folder (``kg/resources/NAME``)."""
    return Path(str(resources.files(__name__).joinpath(name)))


def read_text(name: str) -> str:
    """The UTF-8 text of a packaged file."""
    return resources.files(__name__).joinpath(name).read_text("utf-8")


def read_yaml(name: str) -> Any:
    """A packaged YAML file, parsed (the C loader when PyYAML has it)."""
    return yaml.load(read_text(name), Loader=_LOADER)  # noqa: S506 - a safe loader
