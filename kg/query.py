"""SPARQL over the kg graph: safe by default, named queries, parameters, formatting.

- Read-only by default: updates need ``allow_update=True`` (``kg query --update``).
- ``SERVICE`` and ``LOAD`` (network access) are refused unless ``allow_network=True``.
- Parameters (``--param actor=HTS``) become RDF terms (``actor:HTS``; actor
  parameters also take names, aliases and codes, :mod:`kg.params`) and are bound,
  never pasted into the query text: the store adapter (:mod:`kg.rdf.store`) binds
  them natively on rdflib's in-memory store and as a ``VALUES`` block of
  serialised terms on Oxigraph and SPARQL endpoints.
- ``FROM`` and ``FROM NAMED`` make rdflib load the IRI (a URL, a local file), and
  an endpoint may do the same: they are refused unless ``allow_network=True``,
  except on the embedded Oxigraph store, where they only pick graphs of the store.
- A query may be given a ``timeout``; it then runs in a worker thread, so that a
  timeout (and Ctrl-C) stops the wait within a tenth of a second.
  :func:`stream_query` and :func:`write_result` send rows to the output as they
  come (a 140,000-row result is never held in memory).
- Named queries live in ``ontology/queries/*.rq`` (:mod:`kg.rdf.queries`); each
  starts with a ``# description:`` comment (and ``# params:``).
"""

from __future__ import annotations

import queue
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from rdflib import Graph
from rdflib.query import Result
from rdflib.term import Node, Variable

from kg.params import ACTOR_PARAMS, actor_param, bind_param, param_term
from kg.rdf import store
from kg.rdf.listings import listing_of
from kg.rdf.ontology import bind
from kg.rdf.pairs import pair_listing_of
from kg.rdf.queries import NamedQuery, named_queries, named_query
from kg.rdf.results import (
    FORMATS,
    bindings_of,
    check_select_format,
    format_result,
    write_select,
)
from kg.rdf.sparql import inject_values, sparql_term
from kg.types import QUERY_THREAD, KGError

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_VARIABLE = re.compile(r"[?$]([A-Za-z_][A-Za-z0-9_]*)")
_UPDATE_WORDS = re.compile(
    r"\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY)\b", re.I
)
_QUERY_WORDS = re.compile(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", re.I)
_CELL_WIDTH = 80  # characters of one table cell at most


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
    query: str,
    *,
    allow_update: bool = False,
    allow_network: bool = False,
    from_fetches: bool = True,
) -> str:
    """Refuse updates and network access unless allowed; return the query kind.

    Args:
        query: SPARQL text.
        allow_update: Allow SPARQL Update.
        allow_network: Allow ``SERVICE``, ``LOAD``, ``FROM`` and ``FROM NAMED``.
        from_fetches: Whether the store loads the IRIs of ``FROM`` (rdflib and
            endpoints may; embedded Oxigraph only picks its own graphs).

    Raises:
        KGError: on a syntax error, an update without ``allow_update`` or a
            ``SERVICE``/``LOAD`` (or a ``FROM`` that may fetch) without
            ``allow_network``.

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
    if "DatasetClause" in names and from_fetches and not allow_network:
        raise KGError(
            "FROM / FROM NAMED load their IRI (a URL or a local file) on this "
            "store; refused (pass --allow-network, or use GRAPH <iri> { ... } "
            "for a graph of the store)"
        )
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
        bindings[name] = bind_param(dataset, name, value)
    return bindings


def _execute(
    dataset: Graph, query: str, kind: str, bindings: Mapping[str, Node]
) -> Result | None:
    if kind == "update":
        store.update(dataset, query, bindings=bindings)
        from kg.rdf.derived import after_update

        after_update(dataset)  # the derived edges and events follow the update
        return None
    result = store.query(dataset, query, bindings=bindings)
    if result.type == "SELECT":
        result.bindings  # noqa: B018 - materialise now, so errors surface here
    return result


def _prepare(
    dataset: Graph,
    query: str,
    params: Mapping[str, str | Node] | None,
    *,
    allow_update: bool,
    allow_network: bool,
) -> tuple[str, str, dict[str, Node]]:
    """The query text, its kind and its bindings, after the safety checks."""
    missing = missing_params(query, params)
    if missing:
        raise KGError(
            f"named query {query.strip()!r} needs the parameter"
            f"{'s' if len(missing) > 1 else ''} {', '.join(missing)}; pass "
            + " ".join(f"--param {m}=VALUE" for m in missing)
        )
    query = _resolve(query)
    kind = check_query(
        query,
        allow_update=allow_update,
        allow_network=allow_network,
        from_fetches=store.store_kind(dataset) != "oxigraph",
    )
    return query, kind, _bindings(query, params, dataset)


def _store_error(exc: Exception) -> KGError:
    """One line for an error of the store (Oxigraph, an endpoint, rdflib)."""
    if isinstance(exc, KGError):
        return exc
    if isinstance(exc, SyntaxError):  # Oxigraph's parser
        return KGError(f"SPARQL syntax error: {exc}")
    text = str(exc).strip()
    first = text.splitlines()[0] if text else type(exc).__name__
    return KGError(f"query failed: {first}")


def _timeout_error(timeout: float) -> KGError:
    return KGError(
        f"the query took longer than {timeout:g} s and was stopped (give "
        "--timeout SECONDS to wait longer, 0 for no limit)"
    )


def _in_thread(call: Callable[[], Any], timeout: float | None) -> Any:
    """Run ``call`` in a worker thread; wait in slices so Ctrl-C lands at once.

    Raises:
        KGError: when ``timeout`` seconds pass first (the worker is abandoned).
    """
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["value"] = call()
        except BaseException as exc:  # noqa: BLE001 - handed to the caller
            box["error"] = exc

    worker = threading.Thread(target=work, name=QUERY_THREAD, daemon=True)
    worker.start()
    deadline = None if not timeout else time.monotonic() + timeout
    while worker.is_alive():
        worker.join(0.1)  # KeyboardInterrupt is raised here
        if deadline is not None and time.monotonic() > deadline:
            raise _timeout_error(timeout or 0)
    if "error" in box:
        raise box["error"]
    return box.get("value")


def run_query(
    dataset: Graph,
    query: str,
    *,
    params: Mapping[str, str | Node] | None = None,
    allow_update: bool = False,
    allow_network: bool = False,
    timeout: float | None = None,
) -> Result | None:
    """Run a SPARQL query (or, when allowed, an update) on a graph or dataset.

    Args:
        dataset: What ``kg.rdf.store.open_store`` or ``kg.export.load_graph`` returned.
        query: SPARQL text, or the name of a named query (``"cooperation"``).
        params: Variable bindings (``{"actor": "HTS"}``), turned into RDF terms by
            :func:`param_term`; each must be a variable of the query.
        allow_update: Allow SPARQL Update.
        allow_network: Allow ``SERVICE``, ``LOAD`` and (where they fetch)
            ``FROM``/``FROM NAMED``.
        timeout: Stop waiting after this many seconds (None or 0: no limit).

    Returns:
        The ``rdflib.query.Result`` of a query; None for an update.

    Raises:
        KGError: on syntax errors (message and position), refused operations,
            unknown parameters, errors of the store, or a timeout.

    Examples:
        >>> from kg.rdf.store import open_store
        >>> rows = run_query(open_store("memory"), "actors", params={"country": "SYR"})
        >>> list(rows)
        []
    """
    query, kind, bindings = _prepare(
        dataset, query, params, allow_update=allow_update, allow_network=allow_network
    )
    try:
        if timeout:
            return _in_thread(lambda: _execute(dataset, query, kind, bindings), timeout)
        return _execute(dataset, query, kind, bindings)
    except Exception as exc:  # store errors (Oxigraph, HTTP endpoint, rdflib)
        raise _store_error(exc) from None


# ---------------------------------------------------------------------- streaming
@dataclass
class Streamed:
    """A query result whose rows arrive from a worker thread (:func:`stream_query`).

    Attributes:
        type: ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``.
        vars: The variables of a SELECT.
        rows: The rows of a SELECT (terms or None), read once, as they come.
        result: The whole result of an ASK, CONSTRUCT or DESCRIBE.
    """

    type: str
    vars: list[str] = field(default_factory=list)
    rows: Iterator[list[Node | None]] = field(default_factory=lambda: iter(()))
    result: Result | None = None


#: Rows handed over from the worker thread at a time (a lock round trip per row
#: cost more than writing the row).
_BATCH = 256


class _Pipe:
    """A bounded queue from the worker thread to the caller, with a deadline."""

    def __init__(self, timeout: float | None) -> None:
        self.items: queue.Queue = queue.Queue(maxsize=16)
        self.stop = threading.Event()
        self.timeout = timeout
        self.deadline = None if not timeout else time.monotonic() + timeout

    def put(self, item: tuple[str, Any]) -> bool:
        """Hand over one item; False when the caller has gone."""
        while not self.stop.is_set():
            try:
                self.items.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def get(self) -> tuple[str, Any]:
        """The next item; Ctrl-C lands within 0.1 s, a timeout is a KGError."""
        while True:
            if self.deadline is not None and time.monotonic() > self.deadline:
                self.stop.set()
                raise _timeout_error(self.timeout or 0)
            try:
                return self.items.get(timeout=0.1)
            except queue.Empty:
                continue


def _produce(pipe: _Pipe, dataset: Graph, query: str, bindings: dict) -> None:
    try:
        result = store.query(dataset, query, bindings=bindings)
        if result.type != "SELECT":
            pipe.put(("head", Streamed(result.type, result=result)))
            return
        names = [str(v) for v in result.vars or []]
        if not pipe.put(("head", Streamed("SELECT", names))):
            return
        keys = [Variable(v) for v in names]
        batch: list[list[Node | None]] = []
        for solution in bindings_of(result):
            batch.append([solution.get(k) for k in keys])
            if len(batch) >= _BATCH:
                if not pipe.put(("rows", batch)):
                    return
                batch = []
        if batch and not pipe.put(("rows", batch)):
            return
        pipe.put(("end", None))
    except BaseException as exc:  # noqa: BLE001 - handed to the caller
        pipe.put(("error", exc))


def _rows_of(pipe: _Pipe) -> Iterator[list[Node | None]]:
    try:
        while True:
            kind, item = pipe.get()
            if kind == "end":
                return
            if kind == "error":
                raise _store_error(item)
            yield from item
    finally:
        pipe.stop.set()


def _until(
    rows: Iterator[list[Node | None]], deadline: float | None, timeout: float | None
) -> Iterator[list[Node | None]]:
    """The rows, stopped by a timeout (looked at every 4,096 rows)."""
    for n, row in enumerate(rows):
        if deadline is not None and not n % 4096 and time.monotonic() > deadline:
            raise _timeout_error(timeout or 0)
        yield row


def stream_query(
    dataset: Graph,
    query: str,
    *,
    params: Mapping[str, str | Node] | None = None,
    allow_update: bool = False,
    allow_network: bool = False,
    timeout: float | None = None,
) -> Streamed | None:
    """Run a query in a worker thread and hand its rows over as they come.

    Arguments as for :func:`run_query`. At most 16 batches of 256 rows wait in
    between, so a large result is never held in memory; Ctrl-C stops the wait within a
    tenth of a second, and ``timeout`` bounds the whole run, rows included. The
    edge listings (named queries ``edges``, ``conflict``, ``cooperation``) are read
    from the derived counts when they can be (:mod:`kg.rdf.listings`): the same
    rows, without Oxigraph's join per edge.

    Returns:
        A :class:`Streamed` result; None for an update.

    Raises:
        KGError: as :func:`run_query` (errors while rows are read, too).
    """
    name = query
    query, kind, bindings = _prepare(
        dataset, query, params, allow_update=allow_update, allow_network=allow_network
    )
    if kind == "update":
        run_query(dataset, query, params=params, allow_update=True, timeout=timeout)
        return None
    deadline = None if not timeout else time.monotonic() + timeout
    listed = listing_of(dataset, name, bindings) or pair_listing_of(
        dataset, name, bindings
    )
    if listed is not None:  # an edge or pair listing, read from the derived data
        return Streamed("SELECT", listed[0], _until(listed[1], deadline, timeout))
    pipe = _Pipe(timeout)
    threading.Thread(
        target=_produce,
        args=(pipe, dataset, query, bindings),
        name=QUERY_THREAD,
        daemon=True,
    ).start()
    kind, head = pipe.get()
    if kind == "error":
        pipe.stop.set()
        raise _store_error(head)
    if head.type == "SELECT":
        head.rows = _rows_of(pipe)
    return head


def write_result(
    result: Streamed, format: str, out: IO[str], *, dataset: Graph | None = None
) -> int:
    """Write a streamed result to ``out`` row by row; return the rows written.

    Formats as :func:`format_result`.

    Raises:
        KGError: for an unknown format, Turtle output of a SELECT, or an error
            (or the timeout) while the rows come in.
    """
    if result.type != "SELECT":
        if result.result is None:
            raise KGError(f"no result to write for a {result.type} query")
        out.write(format_result(result.result, format, dataset=dataset))
        return 0
    check_select_format(format)
    nsm = (dataset if dataset is not None else bind(Graph())).namespace_manager
    return write_select(result.vars, result.rows, format, out, nsm)


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
    "ACTOR_PARAMS",
    "NamedQuery",
    "Streamed",
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
    "stream_query",
    "write_result",
]
