"""open_store(): where the graph lives.

- ``"memory"``: an rdflib in-memory ``Dataset`` (throw-away runs, tests).
- a directory: an embedded, persistent, transactional Oxigraph store through
  ``oxrdflib`` (the default, ``./kg-store``).
- an ``http(s)://`` URL: any SPARQL 1.1 endpoint, e.g. ``oxigraph serve``; queries
  go to ``{url}/query`` and updates to ``{url}/update``.

Every dataset is returned with ``default_union=True``: a query without ``GRAPH``
sees the union of the article graphs. (A remote endpoint decides this itself;
start Oxigraph with ``oxigraph serve --union-default-graph``.)
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

from kg.rdf.ontology import bind
from kg.types import KGError

#: Files that mark a directory as an Oxigraph (RocksDB) store.
_MARKERS = ("CURRENT", "IDENTITY")


def _is_url(location: str) -> bool:
    return location.startswith(("http://", "https://"))


def _open_endpoint(url: str, *, read_only: bool) -> Dataset:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore

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
        store = SPARQLStore(
            query_endpoint=query_url, method="POST_FORM", returnFormat="json"
        )
    else:
        store = SPARQLUpdateStore(
            query_endpoint=query_url,
            update_endpoint=update_url,
            method="POST_FORM",
            returnFormat="json",
            autocommit=True,
        )
    ds = Dataset(store=store, default_union=True)
    try:
        ds.query("ASK { ?s ?p ?o }")
    except Exception as exc:  # urllib errors, HTTP errors
        raise KGError(f"cannot reach the SPARQL endpoint {query_url}: {exc}") from None
    return bind(ds)


def _open_oxigraph(path: Path, *, read_only: bool, create: bool) -> Dataset:
    import pyoxigraph as ox
    from oxrdflib import OxigraphStore

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
    if not exists and (read_only or not create):
        raise KGError(
            f"store {str(path)!r} does not exist; build it first with kg build"
        )
    try:
        inner = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as exc:
        text = str(exc)
        if "lock" in text.lower():
            raise KGError(
                f"store {str(path)!r} is in use by another process (locked); wait for "
                "it to finish or use another store"
            ) from None
        raise KGError(
            f"cannot open store {str(path)!r}: {text.splitlines()[0]}"
        ) from None
    return bind(Dataset(store=OxigraphStore(store=inner), default_union=True))


def open_store(
    location: str | Path = "kg-store", *, read_only: bool = False, create: bool = True
) -> Dataset:
    """Open the graph store.

    Args:
        location: ``"memory"``, a directory (embedded Oxigraph) or an
            ``http(s)://`` SPARQL endpoint URL.
        read_only: Open without write access (Oxigraph read-only mode, or a
            query-only endpoint). Several readers may open one directory.
        create: Create the directory store when it does not exist.

    Returns:
        An ``rdflib.Dataset`` with the kg prefixes bound and ``default_union=True``.

    Raises:
        KGError: when the path is a file, not a store, missing (``create=False``),
            locked by another writer, or the endpoint cannot be reached.

    Examples:
        >>> ds = open_store("memory")
        >>> ds.default_union, len(ds)
        (True, 0)
    """
    location = str(location)
    if location == "memory":
        return bind(Dataset(default_union=True))
    if _is_url(location):
        return _open_endpoint(location, read_only=read_only)
    if not location:
        raise KGError("empty store location; expected 'memory', a directory or a URL")
    return _open_oxigraph(Path(location), read_only=read_only, create=create)


def bulk_load(dataset: Dataset, path: str | Path, *, format: str | None = None) -> None:
    """Load a large RDF file (N-Quads, TriG, Turtle, N-Triples) into a dataset fast.

    On Oxigraph this uses the bulk loader (not transactional: use it for fresh
    stores); on other stores it parses with rdflib.
    """
    path = Path(path)
    if type(dataset.store).__name__ == "OxigraphStore":
        import pyoxigraph as ox

        fmt = ox.RdfFormat.from_extension(format or path.suffix.lstrip("."))
        if fmt is None:
            raise KGError(f"unknown RDF format of {str(path)!r}")
        dataset.store._inner.bulk_load(path=str(path), format=fmt)
        dataset.store._inner.flush()
    else:
        from rdflib.util import guess_format

        dataset.parse(str(path), format=format or guess_format(str(path)))


__all__ = ["bulk_load", "open_store"]
