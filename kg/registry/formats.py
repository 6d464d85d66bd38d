"""Registry files: YAML and JSON here, PETRARCH and Turtle in their own modules.

:func:`load_user_file` picks the reader by the file suffix; every reader adds to a
:class:`~kg.registry.lexicon.Lexicon` and raises :class:`~kg.types.KGError` with a
one-line message naming the file on bad input.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from kg.registry.countries import add_places
from kg.registry.entries import add_actor, add_leaders, add_roles, parse_actor
from kg.registry.lexicon import Lexicon, fold_text
from kg.registry.petrarch import load_petrarch
from kg.registry.turtle import load_turtle
from kg.types import KGError

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: The sections a YAML registry may have.
SECTIONS = frozenset(
    {
        "actors",
        "leaders",
        "roles",
        "titles",
        "countries",
        "places",
        "drop",
        "ignore",
        "things",
    }
)


def _where(path: Path) -> str:
    return f"actor registry {str(path)!r}"


def _parse_yaml(path: Path) -> Any:
    """The parsed YAML of ``path``, or KGError naming the file (and line)."""
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_YAML_LOADER)  # noqa: S506 - a safe loader
    except FileNotFoundError:
        raise KGError(f"{_where(path)} does not exist") from None
    except UnicodeDecodeError:
        raise KGError(f"{_where(path)} is not UTF-8 text") from None
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        at = f" (line {line + 1})" if line is not None else ""
        raise KGError(f"{_where(path)} is not valid YAML{at}") from None


def read_yaml_file(path: Path) -> dict[str, Any]:
    """A registry YAML file as a mapping.

    Raises:
        KGError: when the file is missing, not UTF-8, not YAML, empty or not a mapping.
    """
    data = _parse_yaml(path)
    if data is None:
        raise KGError(f"{_where(path)} is empty")
    if not isinstance(data, dict):
        raise KGError(
            f"{_where(path)} must be a mapping with 'actors' "
            f"(and optionally 'leaders', 'roles', 'titles', 'places', 'countries')"
        )
    return data


def _add_entries(lex: Lexicon, entries: Any, where: str) -> None:
    if not isinstance(entries, list):
        raise KGError(f"{where}: 'actors' must be a list of entries")
    for entry in entries:
        add_actor(lex, parse_actor(entry, where))


def load_yaml(lex: Lexicon, path: Path, *, packaged: bool = False) -> None:
    """Add a YAML registry (the shape of ``resources/actors.yaml``) to ``lex``.

    Args:
        lex: The lexicon to extend.
        path: The file.
        packaged: A file of kg itself: other sections are allowed, and ``places``
            were already added with the country data.

    Raises:
        KGError: on a bad file, an unknown section (user files) or a bad entry.
    """
    data = read_yaml_file(path)
    where = _where(path)
    unknown = set(data) - SECTIONS
    if unknown and not packaged:
        raise KGError(
            f"{where}: unknown section(s) {sorted(unknown)}; "
            f"expected some of {sorted(SECTIONS)}"
        )
    _add_entries(lex, data.get("actors") or [], where)
    if "leaders" in data:
        add_leaders(lex, data["leaders"], where)
    if "roles" in data:
        add_roles(lex, data["roles"], lex.roles, where)
    if "titles" in data:
        add_roles(lex, data["titles"], lex.titles, where)
    if not packaged and ("countries" in data or "places" in data):
        add_places(lex, data.get("places") or {})
    lex.ignore.update(str(phrase) for phrase in data.get("ignore") or [])
    lex.things.update(fold_text(str(word)) for word in data.get("things") or [])


def load_json(lex: Lexicon, path: Path) -> None:
    """Add a JSON registry: a PETRARCH dictionary or a list of actor entries.

    Raises:
        KGError: when the file is not UTF-8 JSON, not an object, or has bad entries.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise KGError(f"{_where(path)} is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise KGError(f"{_where(path)} is not valid JSON (line {exc.lineno})") from None
    if not isinstance(data, dict):
        raise KGError(f"{_where(path)} must be a JSON object")
    if isinstance(data.get("actors"), dict):
        load_petrarch(lex, path, data)
        return
    for entry in data.get("actors") or []:
        add_actor(lex, parse_actor(entry, _where(path)))


#: The reader of each file suffix.
READERS: dict[str, Callable[[Lexicon, Path], None]] = {
    ".json": load_json,
    ".ttl": load_turtle,
    ".turtle": load_turtle,
    ".yaml": load_yaml,
    ".yml": load_yaml,
}


def load_user_file(lex: Lexicon, path: Path) -> None:
    """Add a user registry file to ``lex``, reading it by its suffix.

    Raises:
        KGError: when the file is missing, a directory, of an unknown format or bad.
    """
    suffix = path.suffix.lower()
    if not path.exists():
        raise KGError(f"{_where(path)} does not exist")
    if path.is_dir():
        raise KGError(f"{_where(path)} is a directory, not a file")
    reader = READERS.get(suffix)
    if reader is None:
        raise KGError(
            f"{_where(path)} has unknown format {suffix or '(none)'!r}; "
            f"expected one of ['.json', '.ttl', '.yaml', '.yml']"
        )
    reader(lex, path)
