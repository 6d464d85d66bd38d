"""SPARQL results as text: aligned tables, CSV, SPARQL JSON, Turtle; row by row.

:func:`format_result` renders a whole ``rdflib.query.Result``; :func:`write_select`
writes the rows of a SELECT as they come (the CSV and JSON writers hold one row at a
time, the table the first 1,000 for its column widths), which is how ``kg query``
prints a large result (:func:`kg.query.stream_query`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import IO

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import NamespaceManager
from rdflib.query import Result
from rdflib.term import Node, Variable

from kg.rdf.namespaces import bind
from kg.tables import fit, stream_table
from kg.types import KGError

#: Output formats of :func:`format_result`.
FORMATS = ("table", "csv", "json", "turtle")

_CELL_WIDTH = 80  # characters of one table cell at most


def bindings_of(result: Result) -> Iterator[Mapping[Variable, Node]]:
    """The solutions of a SELECT, without rdflib keeping each one it hands out."""
    generator = getattr(result, "_genbindings", None)  # rdflib's lazy solutions
    if generator is None:
        yield from result.bindings
        return
    result._genbindings = None  # consumed here; Result.__iter__ would keep them
    for solution in generator:
        if solution:
            yield solution


#: Rendered terms remembered per result (cleared when full): a listing repeats the
#: same actors, relations and small numbers row after row.
_TERM_CACHE = 1 << 16


def per_term(
    render: Callable[[Node | None], str],
) -> Callable[[Sequence[Node | None]], list[str]]:
    """The texts of a row's terms by ``render``, each remembered per term object.

    The readers hand out one object per distinct term of a result
    (:mod:`kg.rdf.oxresults`, :mod:`kg.rdf.listings`), so a lookup by identity
    skips both the rendering and the hashing of an rdflib term, and a row whose
    terms were all seen is looked up without a Python call per cell. The terms
    seen are kept alive beside their texts, so no other object takes their ids.

    Examples:
        >>> calls = []
        >>> upper = per_term(lambda t: calls.append(t) or str(t).upper())
        >>> term = Literal("x")
        >>> upper([term, None]), upper([term]), len(calls)
        (['X', 'NONE'], ['X'], 2)
    """
    seen: dict[int, str] = {}
    alive: list[Node | None] = []
    known = seen.__getitem__

    def texts(row: Sequence[Node | None]) -> list[str]:
        try:
            return list(map(known, map(id, row)))
        except KeyError:  # a term not seen yet
            pass
        if len(alive) >= _TERM_CACHE:
            seen.clear()
            alive.clear()
        for term in row:
            if id(term) not in seen:
                alive.append(term)
                seen[id(term)] = render(term)
        return [seen[id(term)] for term in row]

    return texts


def _cell(term: Node | None, nsm: NamespaceManager) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        try:
            return nsm.normalizeUri(term) if "%" not in str(term) else term.n3(nsm)
        except Exception:  # noqa: BLE001
            return str(term)
    return str(term)


def _format_graph(result: Result, format: str) -> str:
    """A CONSTRUCT or DESCRIBE result: Turtle (also ``table``), JSON-LD or N-Triples."""
    graph = bind(Graph())
    graph += result.graph or Graph()
    if format in ("turtle", "table"):
        return graph.serialize(format="turtle")
    if format == "json":
        return graph.serialize(format="json-ld", auto_compact=True)
    return graph.serialize(format="nt")


def _format_ask(result: Result, format: str) -> str:
    if format == "json":
        return json.dumps({"head": {}, "boolean": bool(result.askAnswer)})
    return "true" if result.askAnswer else "false"


def _json_term(term: Node) -> dict[str, str]:
    """A term in the SPARQL 1.1 JSON results format."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None:
            out["datatype"] = str(term.datatype)
        return out
    return {"type": "bnode", "value": str(term)}


def _json_text(term: Node | None) -> str:
    """A term in the SPARQL 1.1 JSON results format, as text ("": unbound).

    Examples:
        >>> _json_text(URIRef("https://e.org/a")), _json_text(None)
        ('{"type": "uri", "value": "https://e.org/a"}', '')
    """
    return "" if term is None else json.dumps(_json_term(term), ensure_ascii=False)


def _write_json(
    variables: list[str], rows: Iterator[list[Node | None]], out: IO[str]
) -> int:
    out.write(json.dumps({"head": {"vars": variables}})[:-1])
    out.write(', "results": {"bindings": [')
    n = 0
    # each cell as '"var": {...}', the way json.dumps writes it in the row's object
    keys = [json.dumps(v, ensure_ascii=False) + ": " for v in variables]
    texts = per_term(_json_text)
    for row in rows:
        members = [k + t for k, t in zip(keys, texts(row), strict=False) if t]
        out.write((",\n{" if n else "\n{") + ", ".join(members) + "}")
        n += 1
    out.write("\n]}}\n")
    return n


def _write_csv(
    variables: list[str], rows: Iterator[list[Node | None]], out: IO[str]
) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(variables)
    n = 0
    for row in rows:
        writer.writerow(["" if t is None else str(t) for t in row])
        n += 1
    return n


def _write_table(
    variables: list[str],
    rows: Iterator[list[Node | None]],
    out: IO[str],
    nsm: NamespaceManager,
) -> int:
    """An aligned table, IRIs shortened with the prefixes, and a row count."""
    n = 0
    texts = per_term(lambda term: fit(_cell(term, nsm), _CELL_WIDTH))

    def cells() -> Iterator[list[str]]:
        nonlocal n
        for row in rows:
            n += 1
            yield texts(row)

    for line in stream_table(variables, cells(), max_width=_CELL_WIDTH, fitted=True):
        out.write(line + "\n")
    out.write(f"({n} row{'s' if n != 1 else ''})\n")
    return n


def write_select(
    variables: list[str],
    rows: Iterator[list[Node | None]],
    format: str,
    out: IO[str],
    nsm: NamespaceManager,
) -> int:
    if format == "json":
        return _write_json(variables, rows, out)
    if format == "csv":
        return _write_csv(variables, rows, out)
    return _write_table(variables, rows, out, nsm)


def _format_select(result: Result, format: str, dataset: Graph | None) -> str:
    variables = [str(v) for v in result.vars or []]
    keys = [Variable(v) for v in variables]
    rows = ([b.get(k) for k in keys] for b in bindings_of(result))
    nsm = (dataset if dataset is not None else bind(Graph())).namespace_manager
    buf = io.StringIO()
    write_select(variables, rows, format, buf, nsm)
    return buf.getvalue()


def check_select_format(format: str) -> None:
    if format not in FORMATS:
        raise KGError(f"unknown format {format!r}; expected one of {list(FORMATS)}")
    if format == "turtle":
        raise KGError("turtle output needs a CONSTRUCT or DESCRIBE query, not SELECT")


def format_result(
    result: Result, format: str = "table", *, dataset: Graph | None = None
) -> str:
    """Render a query result as an aligned table, CSV, SPARQL JSON or Turtle.

    Args:
        result: What :func:`run_query` returned.
        format: ``table`` (IRIs shortened with the kg prefixes), ``csv`` (full
            IRIs), ``json`` (SPARQL 1.1 results JSON) or ``turtle`` (CONSTRUCT and
            DESCRIBE only).
        dataset: The queried graph, for its prefixes.

    Raises:
        KGError: for an unknown format or Turtle output of a SELECT.
    """
    if format not in FORMATS:
        raise KGError(f"unknown format {format!r}; expected one of {list(FORMATS)}")
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return _format_graph(result, format)
    if format == "turtle":
        raise KGError(
            f"turtle output needs a CONSTRUCT or DESCRIBE query, not {result.type}"
        )
    if result.type == "ASK":
        return _format_ask(result, format)
    return _format_select(result, format, dataset)


__all__ = [
    "FORMATS",
    "bindings_of",
    "check_select_format",
    "format_result",
    "write_select",
]
