"""SPARQL text: RDF terms written for a query, and a ``VALUES`` block bound in.

Oxigraph and SPARQL endpoints take no ``initBindings``; the store adapter
(:mod:`kg.rdf.store`) binds parameters there by writing them, escaped and
validated, as a ``VALUES`` block at the top of the query's ``WHERE`` clause.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rdflib import Literal, URIRef
from rdflib.term import BNode, Node

from kg.types import KGError

#: An IRI reference as SPARQL allows it (``<...>`` without spaces, quotes, braces).
IRIREF = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_WORD = re.compile(r"[A-Za-z]+")
_FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE", "INSERT", "DELETE")
_ESCAPES = str.maketrans(
    {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
)


def sparql_term(term: Node) -> str:
    """Serialise an RDF term for SPARQL text (escaped; IRIs validated).

    Raises:
        KGError: for blank nodes or IRIs with characters not allowed in SPARQL.

    Examples:
        >>> sparql_term(Literal('say "hi"'))
        '"say \\\\"hi\\\\""'
        >>> sparql_term(URIRef("https://w3id.org/kg-news/actor/HTS"))
        '<https://w3id.org/kg-news/actor/HTS>'
    """
    if isinstance(term, URIRef):
        text = f"<{term}>"
        if not IRIREF.fullmatch(text):
            raise KGError(f"IRI {str(term)!r} cannot be used in a SPARQL query")
        return text
    if isinstance(term, Literal):
        out = f'"{str(term).translate(_ESCAPES)}"'
        if term.language:
            out += "@" + term.language
        elif term.datatype is not None:
            out += "^^" + sparql_term(term.datatype)
        return out
    if isinstance(term, BNode):
        raise KGError("blank nodes cannot be query parameters")
    raise KGError(f"cannot use {term!r} as a query parameter")


def _skip_string(query: str, i: int) -> int:
    """Index after the string literal (short or long form) that starts at ``i``."""
    quote = query[i] * 3 if query.startswith(query[i] * 3, i) else query[i]
    j = i + len(quote)
    while j < len(query) and not query.startswith(quote, j):
        j += 2 if query[j] == "\\" else 1
    return j + len(quote)


def _skip_token(query: str, i: int) -> int | None:
    """Index after the comment, string or IRI at ``i``; None for anything else."""
    c = query[i]
    if c == "#":
        j = query.find("\n", i)
        return len(query) if j < 0 else j
    if c in "\"'":
        return _skip_string(query, i)
    if c == "<":
        m = IRIREF.match(query, i)
        return m.end() if m else None
    return None


def _opens_where(words: Sequence[str], groups: int) -> bool:
    """Whether a top-level ``{`` opens the WHERE group, not a template.

    ``CONSTRUCT {template} {pattern}`` may leave out the ``WHERE`` keyword; an
    update (``DELETE {…} INSERT {…} WHERE {…}``) may not.
    """
    if "WHERE" in words:
        return True
    form = next((w for w in words if w in _FORMS), None)
    if form == "CONSTRUCT":
        return groups >= 1
    return form not in ("INSERT", "DELETE")


def _where_brace(query: str) -> int:
    """Index of the ``{`` that opens the outermost WHERE group."""
    i, depth, groups = 0, 0, 0
    words: list[str] = []  # the keywords outside any group, in order
    while i < len(query):
        end = _skip_token(query, i)
        word = _WORD.match(query, i) if end is None and depth == 0 else None
        if word is not None:
            words.append(word.group(0).upper())
            end = word.end()
        if end is not None:
            i = end
            continue
        if query[i] == "{":
            if depth == 0 and _opens_where(words, groups):
                return i
            groups += depth == 0
            depth += 1
        elif query[i] == "}":
            depth -= 1
        i += 1
    raise KGError("cannot find the WHERE clause to bind the parameters in")


def inject_values(query: str, bindings: Mapping[str, Node]) -> str:
    """Bind variables with a ``VALUES`` block at the top of the WHERE clause.

    Examples:
        >>> q = "SELECT ?e WHERE { ?e <http://x.org/p> ?w }"
        >>> print(inject_values(q, {"w": URIRef("http://x.org/a")}))
        SELECT ?e WHERE { VALUES (?w) { (<http://x.org/a>) } ?e <http://x.org/p> ?w }
    """
    if not bindings:
        return query
    names = list(bindings)
    values = " ".join(sparql_term(bindings[k]) for k in names)
    block = f" VALUES ({' '.join('?' + k for k in names)}) {{ ({values}) }}"
    at = _where_brace(query) + 1
    return query[:at] + block + query[at:]


__all__ = ["IRIREF", "inject_values", "sparql_term"]
