"""SPARQL over the kg graph: safe by default, named queries, parameters, formatting.

- Read-only by default: updates need ``allow_update=True`` (``kg query --update``).
- ``SERVICE`` and ``LOAD`` (network access) are refused unless ``allow_network=True``.
- Parameters (``--param actor=HTS``) become RDF terms (``actor:HTS``) and are bound,
  never pasted into the query text: the store adapter (:mod:`kg.rdf.store`) binds
  them natively on rdflib's in-memory store and as a ``VALUES`` block of
  serialised terms on Oxigraph and SPARQL endpoints.
- Named queries live in ``ontology/queries/*.rq`` (:mod:`kg.rdf.queries`); each
  starts with a ``# description:`` comment (and ``# params:``).
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import logging
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD, NamespaceManager
from rdflib.query import Result
from rdflib.term import Node, Variable

from kg.dates import normalise_date
from kg.rdf import store
from kg.rdf.namespaces import sparql_prefixes
from kg.rdf.ontology import (
    ACTOR,
    PREFIXES,
    actor_iri,
    article_iri,
    bind,
    class_iri,
    relation_iri,
)
from kg.rdf.queries import NamedQuery, named_queries, named_query
from kg.rdf.sparql import IRIREF, inject_values, sparql_term
from kg.tables import format_table
from kg.types import KGError

#: Output formats of :func:`format_result`.
FORMATS = ("table", "csv", "json", "turtle")

_ACTOR_PARAMS = {"actor", "a", "b", "source", "target"}
_DATE_PARAMS = {"date", "since", "until"}
_ID_PARAMS = {"relation": relation_iri, "class": class_iri, "article": article_iri}
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_VARIABLE = re.compile(r"[?$]([A-Za-z_][A-Za-z0-9_]*)")
_UPDATE_WORDS = re.compile(
    r"\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY)\b", re.I
)
_QUERY_WORDS = re.compile(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", re.I)
_CELL_WIDTH = 80  # characters of one table cell at most

log = logging.getLogger("kg")


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
        if not IRIREF.fullmatch(value):
            raise KGError(f"bad IRI {value!r} for parameter {name!r}")
        return URIRef(value[1:-1])
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return URIRef(PREFIXES[prefix] + local)
    if name in _ACTOR_PARAMS:
        return actor_iri(value)
    if name in _ID_PARAMS:
        return _ID_PARAMS[name](value)
    if name in _DATE_PARAMS:
        return _date_term(name, value)
    return Literal(value)


# --------------------------------------------------------------- actor parameters
#: How an actor parameter matched, best first: the rank of each way.
_MATCH_RANK = {"id": 0, "name": 1, "code": 2, "alias": 3}
_NAME_PROPERTY = {"label": "name", "prefLabel": "name", "cameoCode": "code",
                  "altLabel": "alias", "type": "id"}  # fmt: skip
_ACTOR_NAMES = """SELECT DISTINCT ?a ?p ?v WHERE {
  VALUES ?p { rdf:type rdfs:label skos:prefLabel skos:altLabel kg:cameoCode }
  { ?a ?p ?v } UNION { GRAPH ?g { ?a ?p ?v } }
  FILTER(STRSTARTS(STR(?a), STR(?ns)))
  FILTER(?all || LCASE(STR(?a)) = ?iri || (?p != rdf:type && LCASE(STR(?v)) = ?name))
}"""


def _graph_actors(dataset: Graph, value: str | None) -> list[tuple[str, str, str]]:
    """``(actor id, how, name)`` of the graph's actors named ``value`` (all: None)."""
    bindings = {
        "ns": Literal(str(ACTOR)),
        "all": Literal(value is None),
        "iri": Literal(str(actor_iri(value or "-")).lower()),
        "name": Literal((value or "").lower()),
    }
    out = []
    text = sparql_prefixes() + _ACTOR_NAMES
    rows: Any = store.query(dataset, text, bindings=bindings)
    for a, p, v in rows:
        aid = unquote(str(a)[len(str(ACTOR)) :])
        how = _NAME_PROPERTY.get(str(p).rsplit("#", 1)[-1].rsplit("/", 1)[-1], "alias")
        out.append((aid, how, aid if how == "id" else str(v)))
    return out


def _registry_actor(value: str) -> tuple[str, str] | None:
    """``(actor id, how)`` of ``value`` in the packaged actor registry, or None."""
    from kg.registry import lexicon

    lex = lexicon()
    want = value.casefold()
    for aid, actor in lex.actors.items():
        if aid.casefold() == want:
            return aid, "id"
        if actor.label.casefold() == want:
            return aid, "name"
    alias = lex.aliases.get(value) or next(
        (a for text, a in lex.aliases.items() if text.casefold() == want), None
    )
    if alias is not None and alias.actor in lex.actors:
        return alias.actor, "alias"
    # an ISO alpha-3 code, or a CAMEO code of a country and a sector (SYRGOV)
    code = lex.by_alpha3.get(value.upper()) or (
        lex.by_alpha3.get(value[:3].upper()) if len(value) == 6 else None
    )
    return (code, "code") if code else None


def _close_matches(dataset: Graph, value: str) -> list[str]:
    """Up to five actors of the graph whose id or a name is close to ``value``."""
    names: dict[str, str] = {}
    for aid, how, name in _graph_actors(dataset, None):
        if how in ("id", "name"):
            names.setdefault(aid.lower(), aid)
        names.setdefault(name.lower(), aid)
    close = difflib.get_close_matches(value.lower(), list(names), n=12, cutoff=0.6)
    close += [n for n in names if value.lower() in n and n not in close]
    return list(dict.fromkeys(names[n] for n in close))[:5]


def actor_param(dataset: Graph, name: str, value: str) -> URIRef:
    """Resolve the value of an actor parameter (``a=Washington``) to an actor IRI.

    The graph's actors are matched first, case-insensitively, by id, by name
    (``rdfs:label``, ``skos:prefLabel``), by CAMEO code and by alias
    (``skos:altLabel``); then the packaged registry (ids, names, aliases, ISO
    alpha-3 codes). Which actor was used is logged (``kg query`` prints it on
    stderr).

    Raises:
        KGError: when nothing matches (the message lists close matches), or when
            the best match names several actors.
    """
    hits = _graph_actors(dataset, value)
    if hits:
        best = min(_MATCH_RANK[how] for _, how, _ in hits)
        ids = sorted({aid for aid, how, _ in hits if _MATCH_RANK[how] == best})
        how = next(h for h, r in _MATCH_RANK.items() if r == best)
        if len(ids) > 1:
            raise KGError(
                f"{name}={value!r} is the {how} of several actors: "
                f"{', '.join(ids)}; pass one of these ids"
            )
        log.info("%s=%s: actor %s (by %s, in the graph)", name, value, ids[0], how)
        return actor_iri(ids[0])
    found = _registry_actor(value)
    if found is not None:
        aid, how = found
        known = any(h == "id" for _, h, _ in _graph_actors(dataset, aid))
        where = "the registry" if known else "the registry; not in the graph"
        log.info("%s=%s: actor %s (by %s, in %s)", name, value, aid, how, where)
        return actor_iri(aid)
    close = _close_matches(dataset, value)
    hint = f"; close matches: {', '.join(close)}" if close else (
        "; `kg query --named actors` lists the actors")  # fmt: skip
    raise KGError(f"no actor {value!r} (parameter {name!r}) in the graph or the "
                  f"registry{hint}")  # fmt: skip


def _explicit(value: str) -> bool:
    """Whether a parameter value is written as an IRI or a prefixed name."""
    prefix, sep, local = value.partition(":")
    return value.startswith("<") or (
        bool(sep) and prefix in PREFIXES and not local.startswith("//")
    )


def missing_params(query: str, params: Mapping[str, object] | None) -> list[str]:
    """The required parameters of a named query that ``params`` leaves out.

    Examples:
        >>> missing_params("between", {"a": "US"})
        ['b']
        >>> missing_params("cooperation", {}), missing_params("SELECT ...", {})
        ([], [])
    """
    named = named_queries().get(query.strip()) if _NAME.match(query.strip()) else None
    given = set(params or ())
    return [p for p in (named.required if named else ()) if p not in given]


def _date_term(name: str, value: str) -> Literal:
    try:
        day = normalise_date(value)
    except KGError:
        day = None
    if day is None:
        raise KGError(f"bad date {value!r} for parameter {name!r}; expected YYYY-MM-DD")
    return Literal(day, datatype=XSD.date)


# ----------------------------------------------------------------- safety analysis
def _walk(node: Any, names: set[str]) -> None:
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


def _parse_error(query: str, query_exc: Exception, update_exc: Exception) -> KGError:
    """The syntax error of the form (query or update) the text most looks like."""
    looks_update = bool(_UPDATE_WORDS.search(query)) and not _QUERY_WORDS.search(query)
    if looks_update:
        return _syntax_error(update_exc)
    message = _oxigraph_syntax_error(query)
    if message:
        return KGError(f"SPARQL syntax error {message}")
    return _syntax_error(query_exc)


def _parse(query: str) -> tuple[str, Any]:
    """``("query" | "update", parse tree)`` of a SPARQL text."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        return "query", parseQuery(query)
    except ParseException as exc:
        query_exc = exc
    try:
        return "update", parseUpdate(query)
    except ParseException as exc:
        raise _parse_error(query, query_exc, exc) from None


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
    kind, tree = _parse(query)
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


# ------------------------------------------------------------------------ running
def _resolve(query: str) -> str:
    """The text of a named query, or the query itself."""
    name = query.strip()
    if _NAME.match(name) and name in named_queries():
        return named_query(name)
    return query


def _bindings(
    query: str, params: Mapping[str, str | Node] | None, dataset: Graph | None = None
) -> dict[str, Node]:
    """The parameters as RDF terms; each must be a variable of the query.

    With ``dataset``, bare actor values are resolved by :func:`actor_param`.
    """
    bindings: dict[str, Node] = {}
    for name, value in (params or {}).items():
        if not _NAME.match(name) or not re.search(rf"[?$]{re.escape(name)}\b", query):
            used = sorted(set(_VARIABLE.findall(query)))
            raise KGError(
                f"unknown parameter {name!r}; the query's variables are {used}"
            )
        if (
            dataset is not None
            and name in _ACTOR_PARAMS
            and not isinstance(value, Node)
            and not _explicit(value)
        ):
            bindings[name] = actor_param(dataset, name, value)
        else:
            bindings[name] = param_term(name, value)
    return bindings


def _execute(
    dataset: Graph, query: str, kind: str, bindings: Mapping[str, Node]
) -> Result | None:
    if kind == "update":
        store.update(dataset, query, bindings=bindings)
        return None
    result = store.query(dataset, query, bindings=bindings)
    if result.type == "SELECT":
        result.bindings  # noqa: B018 - materialise now, so errors surface here
    return result


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
    missing = missing_params(query, params)
    if missing:
        raise KGError(
            f"named query {query.strip()!r} needs the parameter"
            f"{'s' if len(missing) > 1 else ''} {', '.join(missing)}; pass "
            + " ".join(f"--param {m}=VALUE" for m in missing)
        )
    query = _resolve(query)
    kind = check_query(query, allow_update=allow_update, allow_network=allow_network)
    bindings = _bindings(query, params, dataset)
    try:
        return _execute(dataset, query, kind, bindings)
    except KGError:
        raise
    except SyntaxError as exc:  # Oxigraph's parser
        raise KGError(f"SPARQL syntax error: {exc}") from None
    except Exception as exc:  # store errors (Oxigraph, HTTP endpoint, rdflib)
        text = str(exc).strip()
        first = text.splitlines()[0] if text else type(exc).__name__
        raise KGError(f"query failed: {first}") from None


# --------------------------------------------------------------------- formatting
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


def _format_csv(variables: list[str], rows: list[list[Node | None]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow(["" if t is None else str(t) for t in row])
    return buf.getvalue()


def _format_table(
    variables: list[str], rows: list[list[Node | None]], nsm: NamespaceManager
) -> str:
    """An aligned table, IRIs shortened with the prefixes, and a row count."""
    cells = [[_cell(t, nsm).replace("\n", " ") for t in row] for row in rows]
    text = format_table(variables, cells, max_width=_CELL_WIDTH)
    return f"{text}\n({len(rows)} row{'s' if len(rows) != 1 else ''})\n"


def _format_select(result: Result, format: str, dataset: Graph | None) -> str:
    if format == "json":
        return (result.serialize(format="json") or b"").decode("utf-8")
    variables = [str(v) for v in result.vars or []]
    rows: list[list[Node | None]] = [
        [row.get(Variable(v)) for v in variables] for row in result.bindings
    ]
    if format == "csv":
        return _format_csv(variables, rows)
    nsm = (dataset if dataset is not None else bind(Graph())).namespace_manager
    return _format_table(variables, rows, nsm)


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
    "actor_param",
    "analyse",
    "check_query",
    "format_result",
    "inject_values",
    "missing_params",
    "named_queries",
    "named_query",
    "param_term",
    "read_query_file",
    "run_query",
    "sparql_term",
]
