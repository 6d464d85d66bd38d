"""Where the graph lives, and the one adapter over the three kinds of store.

:func:`open_store` opens one of:

- ``"memory"``: an rdflib in-memory ``Dataset`` (throw-away runs, tests).
- a directory: an embedded, persistent, transactional Oxigraph store through
  ``oxrdflib`` (the default, ``./kg-store``).
- an ``http(s)://`` URL: any SPARQL 1.1 endpoint, e.g. ``oxigraph serve``; queries
  go to ``{url}/query`` and updates to ``{url}/update``.

Every dataset is returned with ``default_union=True``: a query without ``GRAPH``
sees the union of the article graphs. (A remote endpoint decides this itself;
start Oxigraph with ``oxigraph serve --union-default-graph``.)

The kinds differ in how they take updates, parameters and bulk data. The
functions here hide that: :func:`query`, :func:`update`, :func:`replace_graph`,
:func:`quads` and :func:`bulk_load` work on any kind, and :func:`store_kind` is the
only place that looks at the type of a store. No other module touches a store's
internals: the readers that use Oxigraph's own API get its store from
:func:`oxigraph_store`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result
from rdflib.term import Node

from kg.rdf.namespaces import bind
from kg.rdf.sparql import inject_values
from kg.types import KGError

if TYPE_CHECKING:  # the one home of the triple type (importing it loads more)
    from kg.rdf.nquads import Triple

#: A quad as :func:`quads` yields it: subject, predicate, object, graph name.
Quad = tuple[Node, Node, Node, Node | None]

#: Files that mark a directory as an Oxigraph (RocksDB) store.
_MARKERS = ("CURRENT", "IDENTITY")


def _is_url(location: str) -> bool:
    return location.startswith(("http://", "https://"))


def _open_endpoint(
    url: str, *, read_only: bool, timeout: float | None = None
) -> Dataset:
    from kg.rdf.endpoint import endpoint_classes, endpoint_timeout

    seconds = endpoint_timeout(timeout)
    reader, writer = endpoint_classes()
    base = url.rstrip("/")
    for suffix in ("/query", "/sparql"):
        if base.endswith(suffix):
            base = base[: -len(suffix)]
            query_url = url.rstrip("/")
            break
    else:
        query_url = base + "/query"
    update_url = base + "/update"
    if read_only:
        store = reader(
            query_endpoint=query_url, method="POST_FORM", returnFormat="json"
        )
    else:
        store = writer(
            query_endpoint=query_url,
            update_endpoint=update_url,
            method="POST_FORM",
            returnFormat="json",
            autocommit=True,
        )
    store.timeout = seconds
    ds = Dataset(store=store, default_union=True)
    try:
        ds.query("ASK { ?s ?p ?o }")
    except KGError as exc:  # "the SPARQL endpoint URL did not answer ..."
        raise KGError(f"cannot reach {exc}") from None
    except Exception as exc:  # a body that is not SPARQL results
        raise KGError(f"cannot reach the SPARQL endpoint {query_url}: {exc}") from None
    return bind(ds)


def _check_store_dir(path: Path, *, must_exist: bool) -> None:
    """Refuse a file, a directory that is not a store, or a missing store."""
    if path.exists() and not path.is_dir():
        raise KGError(
            f"store {str(path)!r} is a file, not a directory; give a directory"
        )
    exists = path.is_dir() and any(path.iterdir())
    if exists and not any((path / m).exists() for m in _MARKERS):
        raise KGError(
            f"{str(path)!r} is a non-empty directory but not an Oxigraph store; "
            "give an empty or new directory"
        )
    if not exists and must_exist:
        raise KGError(
            f"store {str(path)!r} does not exist; build it first with kg build"
        )


def _open_error(path: Path, exc: OSError) -> KGError:
    text = str(exc)
    if "current process" in text:
        return KGError(
            f"store {str(path)!r} is already open in this Python process; close "
            "the other dataset first (dataset.close())"
        )
    if "lock" in text.lower():
        return KGError(
            f"store {str(path)!r} is in use by another process (locked); wait for "
            "it to finish or use another store"
        )
    return KGError(f"cannot open store {str(path)!r}: {text.splitlines()[0]}")


def _damaged(path: Path, exc: Exception) -> KGError:
    """A store RocksDB cannot read (a truncated CURRENT, MANIFEST or .sst)."""
    text = str(exc).strip()
    first = text.splitlines()[0] if text else type(exc).__name__
    return KGError(
        f"store {str(path)!r} is damaged ({first}); recover by rebuilding it from "
        f"the articles (kg build ARTICLES --store NEW-DIR) or by loading an export "
        f"into a new store (oxigraph load --location NEW-DIR --file EXPORT.nq)"
    )


def _open_oxigraph(path: Path, *, read_only: bool, create: bool) -> Dataset:
    from oxrdflib import OxigraphStore

    _check_store_dir(path, must_exist=read_only or not create)
    try:
        inner = _open_inner(path, read_only=read_only)
    except OSError as exc:
        if "lock" in str(exc).lower():
            raise _open_error(path, exc) from None
        raise _damaged(path, exc) from None
    except RuntimeError as exc:  # RocksDB: "Corruption: ...", "Invalid argument"
        raise _damaged(path, exc) from None
    return bind(Dataset(store=OxigraphStore(store=inner), default_union=True))


def _open_inner(path: Path, *, read_only: bool) -> Any:
    """Open the pyoxigraph store; again after a garbage collection if this
    process holds its lock (a dataset dropped without ``close()`` is a reference
    cycle: its store stays open until the collector runs).
    """
    import gc

    import pyoxigraph as ox

    def open_() -> Any:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))

    try:
        return open_()
    except OSError as exc:
        if "current process" not in str(exc):
            raise
    gc.collect()  # frees the stores only unreachable cycles still hold
    return open_()


def open_store(
    location: str | Path = "kg-store",
    *,
    read_only: bool = False,
    create: bool = True,
    timeout: float | None = None,
) -> Dataset:
    """Open the graph store.

    Args:
        location: ``"memory"``, a directory (embedded Oxigraph) or an
            ``http(s)://`` SPARQL endpoint URL.
        read_only: Open without write access (Oxigraph read-only mode, or a
            query-only endpoint). Several readers may open one directory.
        create: Create the directory store when it does not exist.
        timeout: Seconds an endpoint may take to answer one request (default
            ``$KG_ENDPOINT_TIMEOUT`` or 60); queries are retried twice after a
            lost connection or a 502/503/504 answer.

    Returns:
        An ``rdflib.Dataset`` with the kg prefixes bound and ``default_union=True``.

    Raises:
        KGError: when the path is a file, not a store, missing (``create=False``),
            locked by another writer or damaged (the message says how to
            recover), or the endpoint cannot be reached.

    Examples:
        >>> ds = open_store("memory")
        >>> ds.default_union, len(ds)
        (True, 0)
    """
    location = str(location)
    if location == "memory":
        return bind(Dataset(default_union=True))
    if _is_url(location):
        return _open_endpoint(location, read_only=read_only, timeout=timeout)
    if not location:
        raise KGError("empty store location; expected 'memory', a directory or a URL")
    return _open_oxigraph(Path(location), read_only=read_only, create=create)


def store_kind(dataset: Graph) -> str:
    """The kind of store behind a graph: ``oxigraph``, ``sparql`` or ``rdflib``.

    Examples:
        >>> store_kind(open_store("memory"))
        'rdflib'
    """
    names = {c.__name__ for c in type(dataset.store).__mro__}
    if "OxigraphStore" in names:
        return "oxigraph"
    if "SPARQLStore" in names:  # and SPARQLUpdateStore, kg's endpoint stores
        return "sparql"
    return "rdflib"


def _run_update(dataset: Graph, text: str) -> None:
    """Send SPARQL Update text straight to Oxigraph or the endpoint."""
    if store_kind(dataset) == "oxigraph":
        # one update is one Oxigraph transaction (oxrdflib would split it)
        oxigraph_store(dataset).update(text)
    else:
        cast(Any, dataset.store).update(text)


def _bindings(bindings: Mapping[str, Node] | None) -> Any:
    """Bindings as rdflib's ``initBindings`` takes them (its stubs want Identifiers)."""
    return dict(bindings or {})


def query(
    dataset: Graph, text: str, *, bindings: Mapping[str, Node] | None = None
) -> Result:
    """Run a SPARQL query with variable bindings on any kind of store.

    rdflib's own engine takes the bindings as ``initBindings``; Oxigraph and
    endpoints get them as a ``VALUES`` block (:func:`kg.rdf.sparql.inject_values`),
    and run the query on their own engine (Oxigraph's through :mod:`kg.rdf.oxresults`).
    """
    kind = store_kind(dataset)
    if kind == "rdflib":
        return dataset.query(text, initBindings=_bindings(bindings))
    text = inject_values(text, bindings) if bindings else text
    if kind == "oxigraph" and getattr(dataset, "default_union", False):
        from kg.rdf.oxresults import query as union_query

        return union_query(dataset, text)
    return dataset.query(text)


def update(
    dataset: Graph, text: str, *, bindings: Mapping[str, Node] | None = None
) -> None:
    """Run a SPARQL Update with variable bindings on any kind of store."""
    if store_kind(dataset) == "rdflib":
        dataset.update(text, initBindings=_bindings(bindings))
    else:
        _run_update(dataset, inject_values(text, bindings) if bindings else text)


def _nt(graph: Graph) -> str:
    return "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in graph)


def replace_graph(dataset: Dataset, graph: Graph) -> None:
    """Replace the named graph ``graph.identifier`` in the dataset, all or nothing.

    On Oxigraph (embedded or behind a SPARQL endpoint) the drop and the insert run
    as one SPARQL update, which the store applies in a single transaction.

    Raises:
        KGError: when the store refuses the update.
    """
    name = graph.identifier
    if store_kind(dataset) == "rdflib":
        target = dataset.graph(name)
        rows = [(s, p, o, target) for s, p, o in graph]
        dataset.remove_graph(name)
        dataset.graph(name)
        dataset.addN(rows)
        return
    text = f"DROP SILENT GRAPH <{name}> ;\n"
    text += f"INSERT DATA {{ GRAPH <{name}> {{\n{_nt(graph)}\n}} }}"
    try:
        _run_update(dataset, text)
    except (OSError, SyntaxError, ValueError) as exc:
        raise KGError(f"cannot write graph <{name}>: {exc}") from exc
    except Exception as exc:  # HTTP errors of the endpoint
        raise KGError(
            f"cannot write graph <{name}> to the SPARQL endpoint: {exc}"
        ) from exc


def oxigraph_store(dataset: Graph) -> Any:
    """The pyoxigraph ``Store`` behind an embedded Oxigraph dataset, for the kg.rdf
    readers that use Oxigraph's own API (:mod:`kg.rdf.oxresults`,
    :mod:`kg.rdf.dump`, :mod:`kg.analysis.mentions`)."""
    return cast(Any, dataset.store)._inner


def values_of(
    dataset: Graph, keys: Sequence[tuple[str, str]], predicate: str
) -> dict[str, str]:
    """The value of one predicate of many subjects, each in its own named graph.

    Args:
        dataset: Any kind of store.
        keys: ``(graph IRI, subject IRI)`` pairs.
        predicate: The predicate IRI.

    Returns:
        Subject IRI -> the lexical form of its value, for the subjects that have
        one. Oxigraph is read through its quad index (no SPARQL); other stores get
        one query with a ``VALUES`` block.
    """
    if not keys:
        return {}
    if store_kind(dataset) == "oxigraph":
        import pyoxigraph as ox

        inner, pred = oxigraph_store(dataset), ox.NamedNode(predicate)
        found: dict[str, str] = {}
        for graph, subject in keys:
            for q in inner.quads_for_pattern(
                ox.NamedNode(subject), pred, None, ox.NamedNode(graph)
            ):
                found[subject] = q.object.value
        return found
    rows = " ".join(f"(<{g}> <{s}>)" for g, s in keys)
    text = (
        f"SELECT ?s ?v WHERE {{ VALUES (?g ?s) {{ {rows} }} "
        f"GRAPH ?g {{ ?s <{predicate}> ?v }} }}"
    )
    return {str(s): str(v) for s, v in cast(Any, dataset.query(text))}


def write_graphs(
    dataset: Graph,
    graphs: Mapping[str, Iterable[Triple]],
    *,
    drop: Iterable[str] = (),
) -> None:
    """Drop some named graphs, then write whole named graphs, on any kind of store.

    On Oxigraph the drops are one transaction and the graphs one call of the bulk
    loader (N-Quads straight to sorted files, no write-ahead log); a SPARQL
    endpoint gets one update (``DROP`` and ``INSERT DATA``), which Oxigraph
    applies in one transaction; rdflib's memory store parses the N-Quads.

    Args:
        dataset: The store.
        graphs: Graph IRI -> its triples as N-Triples terms.
        drop: Graph IRIs to empty first (the graphs being replaced).

    Raises:
        KGError: when the store refuses the data.
    """
    drop = list(drop)
    kind = store_kind(dataset)
    try:
        if kind == "sparql":
            _run_update(dataset, _update_text(graphs, drop))
            return
        text = "".join(
            f"{s} {p} {o} <{g}> .\n"
            for g, triples in graphs.items()
            for s, p, o in triples
        )
        if kind == "oxigraph":
            _bulk_write(dataset, text, drop)
        else:
            ds = cast(Dataset, dataset)
            for name in drop:
                ds.remove_graph(URIRef(name))
            ds.parse(data=text, format="nquads")
    except (OSError, SyntaxError, ValueError) as exc:
        raise KGError(f"cannot write {len(graphs)} graphs to the store: {exc}") from exc
    except KGError:
        raise
    except Exception as exc:  # HTTP errors of the endpoint
        raise KGError(
            f"cannot write {len(graphs)} graphs to the SPARQL endpoint: {exc}"
        ) from exc


def _bulk_write(dataset: Graph, text: str, drop: Sequence[str]) -> None:
    import pyoxigraph as ox

    inner = oxigraph_store(dataset)
    if drop:
        inner.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in drop))
    inner.bulk_load(text.encode("utf-8"), ox.RdfFormat.N_QUADS)


def _update_text(graphs: Mapping[str, Iterable[Triple]], drop: Sequence[str]) -> str:
    parts = [f"DROP SILENT GRAPH <{g}>" for g in drop]
    for g, triples in graphs.items():
        body = "\n".join(f"{s} {p} {o} ." for s, p, o in triples)
        parts.append(f"INSERT DATA {{ GRAPH <{g}> {{\n{body}\n}} }}")
    return " ;\n".join(parts)


def compact(dataset: Graph) -> None:
    """Flush and compact an embedded Oxigraph store (other stores: nothing to do).

    After it the write-ahead log is empty, so the next open (read-only too) does
    not replay it, and the files of many bulk loads are merged.

    Raises:
        KGError: when Oxigraph cannot write its files.
    """
    if store_kind(dataset) != "oxigraph":
        return
    inner = oxigraph_store(dataset)
    try:
        inner.flush()
        inner.optimize()
    except OSError as exc:
        raise KGError(f"cannot compact the store: {exc}") from exc


def quads(dataset: Graph) -> Iterator[Quad]:
    """Every quad ``(s, p, o, graph name)`` of a dataset, on any kind of store.

    A SPARQL endpoint cannot list quads through rdflib's store API, so its named
    graphs are read with one ``GRAPH ?g`` query.
    """
    if store_kind(dataset) == "sparql":
        rows = dataset.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        for s, p, o, g in cast(Any, rows):
            yield s, p, o, g
        return
    for s, p, o, g in cast(Dataset, dataset).quads((None, None, None, None)):
        yield s, p, o, (g.identifier if isinstance(g, Graph) else g)


def bulk_load(dataset: Dataset, path: str | Path, *, format: str | None = None) -> None:
    """Load a large RDF file (N-Quads, TriG, Turtle, N-Triples) into a dataset fast.

    On Oxigraph this uses the bulk loader (not transactional: use it for fresh
    stores); on other stores it parses with rdflib.

    Raises:
        KGError: when the format cannot be told from the file name.
    """
    path = Path(path)
    if store_kind(dataset) != "oxigraph":
        from rdflib.util import guess_format

        dataset.parse(str(path), format=format or guess_format(str(path)))
        return
    import pyoxigraph as ox

    fmt = ox.RdfFormat.from_extension(format or path.suffix.lstrip("."))
    if fmt is None:
        raise KGError(f"unknown RDF format of {str(path)!r}")
    inner = oxigraph_store(dataset)
    inner.bulk_load(path=str(path), format=fmt)
    inner.flush()


__all__ = [
    "Quad", "bulk_load", "compact", "open_store", "oxigraph_store", "query", "quads",
    "replace_graph", "store_kind", "update", "values_of", "write_graphs",
]  # fmt: skip


# --------------------------------------------------------------- fast reads
#: A row of :func:`select`: the value of each variable as text (IRI, literal's
#: lexical form, blank node id), or None when unbound.
Row = tuple[str | None, ...]


def union_default_graph(dataset: Graph) -> bool:
    """Whether :func:`select` sees every named graph in the default graph.

    True for Oxigraph (queried with the union default graph); rdflib datasets and
    endpoints may keep the named graphs out of it, so readers add ``GRAPH ?g``.
    """
    return store_kind(dataset) == "oxigraph"


@lru_cache(maxsize=256)
def _prepared(text: str, namespaces: tuple[tuple[str, Any], ...]) -> Any:
    """A SPARQL query parsed once by rdflib (the readers run the same few)."""
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(text, initNs=dict(namespaces))


def select(dataset: Graph, text: str) -> tuple[list[str], Iterator[Row]]:
    """Run a SELECT query and return its variables and rows of plain text.

    On Oxigraph the query runs on ``pyoxigraph`` directly (no rdflib term objects,
    the default graph is the union of all graphs); other stores go through rdflib.
    This is the read path of the analysis: thousands of rows a second more than
    rdflib result rows.

    Examples:
        >>> ds = open_store("memory")
        >>> names, rows = select(ds, 'SELECT ?x ?y WHERE { BIND("a" AS ?x) }')
        >>> names, list(rows)
        (['x', 'y'], [('a', None)])
    """
    if store_kind(dataset) == "oxigraph":
        result = oxigraph_store(dataset).query(text, use_default_graph_as_union=True)
        names = [v.value for v in result.variables]
        return names, (
            tuple([None if t is None else t.value for t in sol]) for sol in result
        )
    if store_kind(dataset) == "rdflib":  # parsing is most of a small query's time
        res = dataset.query(_prepared(text, tuple(dataset.namespaces())))
    else:
        res = dataset.query(text)
    names = [str(v) for v in res.vars or ()]
    return names, (
        tuple(None if t is None else str(t) for t in row) for row in cast(Any, res)
    )


__all__ += ["Row", "select", "union_default_graph"]
