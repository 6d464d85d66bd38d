"""SPARQL over the kg graph: safe by default, named queries, parameters, formatting.

- Read-only by default: updates need ``allow_update=True`` (``kg query --update``).
- ``SERVICE`` and ``LOAD`` (network access) are refused unless ``allow_network=True``.
- Parameters (``--param actor=HTS``) become RDF terms (``actor:HTS``) and are bound,
  never pasted into the query text: through ``initBindings`` on rdflib's in-memory
  store, and as a ``VALUES`` block of serialised terms at the top of the ``WHERE``
  clause on Oxigraph and SPARQL endpoints (Oxigraph's own substitutions only accept
  variables of the ``SELECT`` projection).
- Named queries live in ``ontology/queries/*.rq``; each starts with a
  ``# description:`` comment (and ``# params:``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD, NamespaceManager
from rdflib.query import Result
from rdflib.term import BNode, Node, Variable

from kg.rdf.ontology import (
    PREFIXES,
    actor_iri,
    article_iri,
    bind,
    class_iri,
    ontology_dir,
    relation_iri,
)
from kg.types import KGError

#: Output formats of :func:`format_result`.
FORMATS = ("table", "csv", "json", "turtle")

_ACTOR_PARAMS = {"actor", "a", "b", "source", "target"}
_DATE_PARAMS = {"date", "since", "until"}
_IRIREF = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


@dataclass(frozen=True)
class NamedQuery:
    """A query of the library in ``ontology/queries``.

    Attributes:
        name: File stem (``cooperation``).
        description: The ``# description:`` header.
        params: The ``# params:`` header ("" when none).
        text: The SPARQL text.
    """

    name: str
    description: str
    params: str
    text: str


def named_queries() -> dict[str, NamedQuery]:
    """Return the library of named queries, by name.

    Examples:
        >>> sorted(named_queries())[:3]
        ['actors', 'between', 'conflict']
    """
    out = {}
    for path in sorted((ontology_dir() / "queries").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        desc = re.search(r"^#\s*description:\s*(.+)$", text, re.M)
        params = re.search(r"^#\s*params:\s*(.+)$", text, re.M)
        out[path.stem] = NamedQuery(
            name=path.stem,
            description=desc.group(1).strip() if desc else "",
            params=params.group(1).strip() if params else "",
            text=text,
        )
    return out


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


def param_term(name: str, value: str | Node) -> Node:
    """Turn a ``--param name=value`` into an RDF term.

    ``<iri>`` and ``prefix:local`` (kg prefixes) are IRIs; for ``actor``, ``a``,
    ``b``, ``source``, ``target`` a bare value is an actor id, for ``relation`` a
    relation name, for ``class`` an actor class, for ``article`` an article id;
    ``date``/``since``/``until`` are ``xsd:date``; anything else a plain literal.

    Raises:
        KGError: on a malformed IRI, date or name.

    Examples:
        >>> param_term("actor", "HTS")
        rdflib.term.URIRef('https://w3id.org/kg-news/actor/HTS')
        >>> param_term("relation", "kg:opposes")
        rdflib.term.URIRef('https://w3id.org/kg-news/ontology#opposes')
        >>> param_term("country", "SYR")
        rdflib.term.Literal('SYR')
    """
    if isinstance(value, Node):
        return value
    value = str(value)
    if value.startswith("<") and value.endswith(">"):
        if not _IRIREF.fullmatch(value):
            raise KGError(f"bad IRI {value!r} for parameter {name!r}")
        return URIRef(value[1:-1])
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return URIRef(PREFIXES[prefix] + local)
    if name in _ACTOR_PARAMS:
        return actor_iri(value)
    if name == "relation":
        return relation_iri(value)
    if name == "class":
        return class_iri(value)
    if name == "article":
        return article_iri(value)
    if name in _DATE_PARAMS:
        try:
            return Literal(date.fromisoformat(value).isoformat(), datatype=XSD.date)
        except ValueError:
            raise KGError(
                f"bad date {value!r} for parameter {name!r}; expected YYYY-MM-DD"
            ) from None
    return Literal(value)


# ----------------------------------------------------------------- safety analysis
def _walk(node, names: set[str]) -> None:
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        names.add(node.name)
        for v in node.values():
            _walk(v, names)
    elif isinstance(node, ParseResults | list | tuple):
        for v in node:
            _walk(v, names)
    elif isinstance(node, Mapping):
        for v in node.values():
            _walk(v, names)


def _syntax_error(exc: Exception) -> KGError:
    msg = getattr(exc, "msg", str(exc))
    line = getattr(exc, "lineno", None)
    col = getattr(exc, "col", None)
    where = f" at line {line}, column {col}" if line is not None else ""
    text = getattr(exc, "line", "")
    snippet = f": {text.strip()[:80]!r}" if text else ""
    return KGError(f"SPARQL syntax error{where}: {msg}{snippet}")


def _oxigraph_syntax_error(query: str) -> str | None:
    """Oxigraph's (precise) parser message for a bad query, if it has one."""
    try:
        import pyoxigraph as ox

        ox.Store().query(query)
    except SyntaxError as exc:
        text = str(exc).strip().splitlines()[0]
        m = re.match(r"error at (\d+):(\d+): (.*)", text)
        return f"at line {m[1]}, column {m[2]}: {m[3]}" if m else text
    except Exception:  # noqa: BLE001 - only the syntax message matters here
        return None
    return None


def analyse(query: str) -> tuple[str, set[str]]:
    """Parse a SPARQL query or update and return its kind and grammar rule names.

    Returns:
        ``("query" | "update", names)`` where ``names`` holds the parse-tree rules
        (``ServiceGraphPattern``, ``Load``, ``SelectQuery``, ...).

    Raises:
        KGError: on a syntax error, with the parser's message and position.

    Examples:
        >>> analyse("SELECT * WHERE { ?s ?p ?o }")[0]
        'query'
        >>> analyse("LOAD <http://example.org/x>")[0]
        'update'
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        tree = parseQuery(query)
        kind = "query"
    except ParseException as qexc:
        try:
            tree = parseUpdate(query)
            kind = "update"
        except ParseException as uexc:
            # report the error of the form the text most looks like
            looks_update = re.search(
                r"\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY)\b", query, re.I
            ) and not re.search(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", query, re.I)
            if not looks_update:
                message = _oxigraph_syntax_error(query)
                if message:
                    raise KGError(f"SPARQL syntax error {message}") from None
            raise _syntax_error(uexc if looks_update else qexc) from None
    names: set[str] = set()
    _walk(tree, names)
    return kind, names


def check_query(
    query: str, *, allow_update: bool = False, allow_network: bool = False
) -> str:
    """Refuse updates and network access unless allowed; return the query kind.

    Raises:
        KGError: on a syntax error, an update without ``allow_update`` or a
            ``SERVICE``/``LOAD`` without ``allow_network``.

    Examples:
        >>> check_query("SELECT * { SERVICE <http://x.org/sparql> { ?s ?p ?o } }")
        Traceback (most recent call last):
        ...
        kg.types.KGError: SERVICE makes network calls; refused (pass --allow-network)
    """
    kind, names = analyse(query)
    if "ServiceGraphPattern" in names and not allow_network:
        raise KGError("SERVICE makes network calls; refused (pass --allow-network)")
    if "Load" in names and not allow_network:
        raise KGError("LOAD makes network calls; refused (pass --allow-network)")
    if kind == "update" and not allow_update:
        raise KGError("the query is an update; kg query is read-only (pass --update)")
    return kind


# ---------------------------------------------------------------------- VALUES
def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
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
        if not _IRIREF.fullmatch(text):
            raise KGError(f"IRI {str(term)!r} cannot be used in a SPARQL query")
        return text
    if isinstance(term, Literal):
        out = f'"{_escape(str(term))}"'
        if term.language:
            out += "@" + term.language
        elif term.datatype is not None:
            out += "^^" + sparql_term(term.datatype)
        return out
    if isinstance(term, BNode):
        raise KGError("blank nodes cannot be query parameters")
    raise KGError(f"cannot use {term!r} as a query parameter")


def _where_brace(query: str) -> int:
    """Index of the ``{`` that opens the outermost WHERE group."""
    i, n, depth = 0, len(query), 0
    saw_where = False
    form = None
    groups_seen = 0
    while i < n:
        c = query[i]
        if c == "#":
            j = query.find("\n", i)
            i = n if j < 0 else j
            continue
        if c in "\"'":
            for quote in (c * 3, c):
                if query.startswith(quote, i):
                    j = i + len(quote)
                    while j < n and not query.startswith(quote, j):
                        j += 2 if query[j] == "\\" else 1
                    i = j + len(quote)
                    break
            continue
        if c == "<":
            m = _IRIREF.match(query, i)
            if m:
                i = m.end()
                continue
        if c.isalpha() and depth == 0:
            m = re.match(r"[A-Za-z]+", query[i:])
            word = m.group(0).upper()
            if word == "WHERE":
                saw_where = True
            elif word in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE") and form is None:
                form = word
            i += len(word)
            continue
        if c == "{":
            if depth == 0:
                if saw_where or (form != "CONSTRUCT") or groups_seen >= 1:
                    return i
                groups_seen += 1
            depth += 1
        elif c == "}":
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


# ------------------------------------------------------------------------ running
def _store_kind(dataset: Graph) -> str:
    name = type(dataset.store).__name__
    if name == "OxigraphStore":
        return "oxigraph"
    if name in ("SPARQLStore", "SPARQLUpdateStore"):
        return "sparql"
    return "rdflib"


def run_query(
    dataset: Graph,
    query: str,
    *,
    params: Mapping[str, str | Node] | None = None,
    allow_update: bool = False,
    allow_network: bool = False,
) -> Result | None:
    """Run a SPARQL query (or, when allowed, an update) on a graph or dataset.

    Args:
        dataset: What ``kg.rdf.store.open_store`` or ``kg.export.load_graph`` returned.
        query: SPARQL text, or the name of a named query (``"cooperation"``).
        params: Variable bindings (``{"actor": "HTS"}``), turned into RDF terms by
            :func:`param_term`; each must be a variable of the query.
        allow_update: Allow SPARQL Update.
        allow_network: Allow ``SERVICE`` and ``LOAD``.

    Returns:
        The ``rdflib.query.Result`` of a query; None for an update.

    Raises:
        KGError: on syntax errors (message and position), refused operations,
            unknown parameters or errors of the store.

    Examples:
        >>> from kg.rdf.store import open_store
        >>> rows = run_query(open_store("memory"), "actors", params={"country": "SYR"})
        >>> list(rows)
        []
    """
    if _NAME.match(query.strip()) and query.strip() in named_queries():
        query = named_query(query.strip())
    kind = check_query(query, allow_update=allow_update, allow_network=allow_network)
    bindings: dict[str, Node] = {}
    for name, value in (params or {}).items():
        if not _NAME.match(name) or not re.search(rf"[?$]{re.escape(name)}\b", query):
            used = sorted(set(re.findall(r"[?$]([A-Za-z_][A-Za-z0-9_]*)", query)))
            raise KGError(
                f"unknown parameter {name!r}; the query's variables are {used}"
            )
        bindings[name] = param_term(name, value)
    store = _store_kind(dataset)
    try:
        if kind == "update":
            if bindings:
                query = inject_values(query, bindings) if store != "rdflib" else query
            if store == "oxigraph":
                dataset.store._inner.update(query)
            elif store == "sparql":
                dataset.store.update(query)
            else:
                dataset.update(query, initBindings=bindings)
            return None
        if store == "rdflib":
            result = dataset.query(query, initBindings=bindings)
        else:
            result = dataset.query(
                inject_values(query, bindings) if bindings else query
            )
        if result.type == "SELECT":
            result.bindings  # noqa: B018 - materialise now, so errors surface here
        return result
    except KGError:
        raise
    except SyntaxError as exc:  # Oxigraph's parser
        raise KGError(f"SPARQL syntax error: {exc}") from None
    except Exception as exc:  # store errors (Oxigraph, HTTP endpoint, rdflib)
        first = (
            str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        )
        raise KGError(f"query failed: {first}") from None


# --------------------------------------------------------------------- formatting
def _namespaces(dataset: Graph | None) -> NamespaceManager:
    return (
        bind(Graph()).namespace_manager
        if dataset is None
        else dataset.namespace_manager
    )


def _cell(term: Node | None, nsm: NamespaceManager) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        try:
            return nsm.normalizeUri(term) if "%" not in str(term) else term.n3(nsm)
        except Exception:  # noqa: BLE001
            return str(term)
    return str(term)


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
    nsm = _namespaces(dataset)
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        graph = bind(Graph())
        graph += result.graph
        if format in ("turtle", "table"):
            return graph.serialize(format="turtle")
        if format == "json":
            return graph.serialize(format="json-ld", auto_compact=True)
        return graph.serialize(format="nt")
    if format == "turtle":
        raise KGError(
            f"turtle output needs a CONSTRUCT or DESCRIBE query, not {result.type}"
        )
    if result.type == "ASK":
        if format == "json":
            return json.dumps({"head": {}, "boolean": bool(result.askAnswer)})
        return "true" if result.askAnswer else "false"
    variables = [str(v) for v in result.vars or []]
    rows = [[row.get(Variable(v)) for v in variables] for row in result.bindings]
    if format == "json":
        return result.serialize(format="json").decode("utf-8")
    if format == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(variables)
        for row in rows:
            writer.writerow(["" if t is None else str(t) for t in row])
        return buf.getvalue()
    cells = [[_cell(t, nsm).replace("\n", " ") for t in row] for row in rows]
    widths = [len(v) for v in variables]
    for row in cells:
        widths = [max(w, min(len(c), 80)) for w, c in zip(widths, row, strict=False)]

    def line(values: list[str]) -> str:
        out = []
        for v, w in zip(values, widths, strict=False):
            v = v if len(v) <= 80 else v[:77] + "..."
            out.append(v.ljust(w))
        return "  ".join(out).rstrip()

    lines = [line(variables), line(["-" * w for w in widths])]
    lines += [line(row) for row in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def read_query_file(path: str | Path) -> str:
    """Read a ``.rq`` file.

    Raises:
        KGError: when it is missing, not UTF-8 or empty.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KGError(f"query file {str(path)!r} not found") from None
    except (UnicodeDecodeError, IsADirectoryError, PermissionError) as exc:
        raise KGError(f"cannot read query file {str(path)!r}: {exc}") from None
    if not text.strip():
        raise KGError(f"query file {str(path)!r} is empty")
    return text


__all__ = [
    "FORMATS",
    "NamedQuery",
    "analyse",
    "check_query",
    "format_result",
    "inject_values",
    "named_queries",
    "named_query",
    "param_term",
    "read_query_file",
    "run_query",
    "sparql_term",
]
