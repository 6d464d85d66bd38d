"""The library of named SPARQL queries (``ontology/queries/*.rq``).

Each file starts with ``# description:`` and ``# params:`` comments. The files
declare no prefixes: the kg prefix block (:func:`kg.rdf.namespaces.sparql_prefixes`)
is put after the header comments when a file is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.rdf.namespaces import sparql_prefixes
from kg.resources import resource_path
from kg.types import KGError

_DESCRIPTION = re.compile(r"^#\s*description:\s*(.+)$", re.M)
_PARAMS = re.compile(r"^#\s*params:\s*(.+)$", re.M)
# one parameter of the header: a name, then an optional note in parentheses
_PARAM = re.compile(r"(?:^|,)\s*([A-Za-z_][\w-]*)\s*(?:\(([^()]*)\))?")


@dataclass(frozen=True)
class NamedQuery:
    """A query of the library in ``ontology/queries``.

    Attributes:
        name: File stem (``cooperation``).
        description: The ``# description:`` header.
        params: The ``# params:`` header ("" when none).
        text: The SPARQL text, with the kg prefixes declared.
    """

    name: str
    description: str
    params: str
    text: str

    @property
    def required(self) -> tuple[str, ...]:
        """The parameters of ``# params:`` whose note does not say ``optional``.

        Examples:
            >>> named_queries()["between"].required
            ('a', 'b')
            >>> named_queries()["actors"].required, named_queries()["edges"].required
            ((), ())
        """
        return tuple(
            name
            for name, note in _PARAM.findall(self.params)
            if not note.strip().lower().startswith("optional")
        )


def _with_prefixes(text: str) -> str:
    """Put the kg prefix block after the leading comment lines of a query."""
    lines = text.splitlines(keepends=True)
    n = next((i for i, line in enumerate(lines) if not line.startswith("#")), 0)
    return "".join(lines[:n]) + sparql_prefixes() + "".join(lines[n:])


def _header(pattern: re.Pattern[str], text: str) -> str:
    match = pattern.search(text)
    return match.group(1).strip() if match else ""


@lru_cache(maxsize=1)
def _library() -> tuple[NamedQuery, ...]:
    out = []
    for path in sorted((resource_path("ontology") / "queries").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        out.append(
            NamedQuery(
                name=path.stem,
                description=_header(_DESCRIPTION, text),
                params=_header(_PARAMS, text),
                text=_with_prefixes(text),
            )
        )
    return tuple(out)


def named_queries() -> dict[str, NamedQuery]:
    """Return the library of named queries, by name.

    Examples:
        >>> sorted(named_queries())[:3]
        ['actors', 'between', 'conflict']
        >>> "PREFIX kg:" in named_queries()["edges"].text
        True
    """
    return {q.name: q for q in _library()}


def named_query(name: str) -> str:
    """Return the text of a named query.

    Raises:
        KGError: for an unknown name.
    """
    queries = named_queries()
    if name not in queries:
        raise KGError(
            f"unknown named query {name!r}; expected one of {sorted(queries)}"
        )
    return queries[name].text


__all__ = ["NamedQuery", "named_queries", "named_query"]
