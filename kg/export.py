"""Export the graph to files, and read RDF files back.

RDF formats: ``turtle`` (diff-friendly ``longturtle``; the union of the article
graphs), ``trig`` and ``nquads`` (one named graph per article, provenance kept),
``nt`` and ``json-ld`` (inline context, nothing fetched). Network formats for
Gephi and other tools: ``graphml`` and ``gexf`` (the actor graph of
:func:`kg.analysis.actor_graph`: one node per actor, one edge per (source,
relation, target) with counts; written line by line by :mod:`kg.graphxml` from the
aggregated edges, the documents networkx writes of that graph). Tables: ``csv``
(the edge list of :func:`kg.analysis.edge_rows`, with article and mention counts)
and ``events`` (a tab-separated CAMEO/GDELT-style event table).

From an Oxigraph store, Turtle, N-Triples, N-Quads and TriG are streamed by
Oxigraph's serialiser in bounded memory (:func:`kg.rdf.dump.dump`); other stores,
and JSON-LD (meant for small graphs), are serialised in rdflib memory. Files are
written atomically (temporary file + rename) and never overwritten without
``force=True``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

from rdflib import Dataset, Graph, URIRef

from kg.analysis.graph import aggregated_edges, check_filters, graph_order, node_attrs
from kg.analysis.read import local_name
from kg.analysis.rows import edge_row, row_order
from kg.files import check_writable, write_atomic, write_text_atomic
from kg.graphxml import Edge, Node, write_gexf, write_graphml
from kg.progress import progress
from kg.query import run_query
from kg.rdf.dump import dump
from kg.rdf.namespaces import sparql_prefixes
from kg.rdf.ontology import ACTOR, KG, ONTOLOGY_IRI, PREFIXES, actor_iri, bind, plain
from kg.rdf.store import quads, store_kind
from kg.types import KGError
from kg.vocab import EXPORT_FORMATS

#: Export formats and their usual file extensions.
FORMATS = EXPORT_FORMATS
#: Formats that hold RDF (``load_graph`` reads them back).
RDF_FORMATS = ("turtle", "trig", "nt", "nquads", "json-ld")
_RDFLIB_READ = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".trig": "trig",
    ".nt": "nt",
    ".nq": "nquads",
    ".nquads": "nquads",
    ".jsonld": "json-ld",
    ".json-ld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
    ".n3": "n3",
}
_QUADS = {"trig", "nquads", "json-ld"}
#: Formats streamed by Oxigraph's serialiser from an Oxigraph store.
_STREAMED = ("turtle", "nt", "nquads", "trig")
#: First characters that make a spreadsheet read a cell as a formula (OWASP, "CSV
#: Injection"): such cells of the ``csv`` and ``events`` tables get a leading ``'``.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Columns of the ``csv`` edge list.
CSV_FIELDS = (
    "source", "source_label", "relation", "target", "target_label",
    "quad_class", "articles", "mentions", "asserted", "negated",
)  # fmt: skip
#: Columns of the ``events`` table.
EVENT_FIELDS = (
    "date", "source_code", "source_name", "target_code", "target_name",
    "cameo", "root", "quad_class", "negated", "mentions", "article", "url",
    "source", "relation", "target",
)  # fmt: skip
#: Node attributes of the network formats and their types (GraphML, GEXF).
NODE_KEYS = (("label", "string"), ("cls", "string"), ("country", "string"),
             ("sector", "string"), ("code", "string"), ("iri", "string"))  # fmt: skip
#: Edge attributes of the network formats and their types.
EDGE_KEYS = (
    ("relation", "string"), ("quad_class", "long"), ("cameo", "string"),
    ("plover", "string"), ("articles", "long"), ("mentions", "long"),
    ("asserted", "long"), ("negated", "long"), ("first", "string"),
    ("last", "string"),
)  # fmt: skip

EVENTS_QUERY = (
    sparql_prefixes()
    + """SELECT ?article ?source ?relation ?target ?negated (MIN(?date) AS ?day)
       (SAMPLE(?sc) AS ?sourceCode) (SAMPLE(?tc) AS ?targetCode)
       (SAMPLE(?sl) AS ?sourceLabel) (SAMPLE(?tl) AS ?targetLabel)
       (SAMPLE(?code) AS ?cameo) (SAMPLE(?q) AS ?quadClass)
       (COUNT(DISTINCT ?event) AS ?mentions) (SAMPLE(?id) AS ?articleId)
       (SAMPLE(?u) AS ?url)
WHERE {
  GRAPH ?g {
    ?event a kg:Event ; kg:source ?source ; kg:target ?target ; kg:relation ?relation ;
           kg:negated ?negated ; prov:wasDerivedFrom ?article .
    OPTIONAL { ?event kg:date ?ed }
    OPTIONAL { ?article dcterms:date ?ad }
    OPTIONAL { ?article dcterms:identifier ?id }
    OPTIONAL { ?article kg:url ?u }
    OPTIONAL { ?event kg:cameoCode ?code }
    OPTIONAL { ?event kg:quadClass ?q }
    OPTIONAL { ?event kg:sourceCode ?esc }
    OPTIONAL { ?event kg:targetCode ?etc }
    OPTIONAL { ?source kg:cameoCode ?asc }
    OPTIONAL { ?target kg:cameoCode ?atc }
    OPTIONAL { ?source rdfs:label ?sl }
    OPTIONAL { ?target rdfs:label ?tl }
  }
  BIND(COALESCE(?ed, ?ad) AS ?date)
  BIND(COALESCE(?esc, ?asc) AS ?sc)
  BIND(COALESCE(?etc, ?atc) AS ?tc)
}
GROUP BY ?article ?source ?relation ?target ?negated
ORDER BY ?day ?articleId ?source ?relation ?target
"""
)


def guess_format(path: str | Path) -> str:
    """Return the export format of a file name from its extension.

    Raises:
        KGError: for an extension no format uses.

    Examples:
        >>> guess_format("out/graph.ttl"), guess_format("edges.csv")
        ('turtle', 'csv')
    """
    suffix = Path(path).suffix.lower()
    for fmt, exts in FORMATS.items():
        if suffix in exts:
            return fmt
    known = sorted(e for exts in FORMATS.values() for e in exts)
    raise KGError(
        f"cannot tell the format of {str(path)!r} from its extension; "
        f"pass --format or use one of {known}"
    )


# ---------------------------------------------------------------------------- RDF
def _copy(dataset: Graph, *, include_ontology: bool) -> Dataset:
    """In-memory copy of a graph or dataset (plain literals normalised)."""
    out = bind(Dataset(default_union=True))
    if isinstance(dataset, Dataset):
        out.addN(
            (
                s,
                p,
                plain(o),
                out.graph(cast(URIRef, name)) if name else out.default_graph,
            )
            for s, p, o, name in quads(dataset)
            if include_ontology or name != ONTOLOGY_IRI
        )
    else:
        name = dataset.identifier
        target = out.graph(name) if isinstance(name, URIRef) else out.default_graph
        out.addN((s, p, plain(o), target) for s, p, o in dataset)
    return out


def _union(ds: Dataset) -> Graph:
    g = bind(Graph())
    g += ((s, p, o) for s, p, o, _ in ds.quads((None, None, None, None)))
    return g


def _rdf_text(dataset: Graph, fmt: str, *, include_ontology: bool) -> str:
    ds = _copy(dataset, include_ontology=include_ontology)
    if fmt == "turtle":
        return _union(ds).serialize(format="longturtle")
    if fmt == "nt":
        return _union(ds).serialize(format="nt")
    if fmt == "json-ld":
        return ds.serialize(format="json-ld", context=dict(PREFIXES), indent=2)
    return ds.serialize(format=fmt)


class _SparqlPrefixes:
    r"""A binary writer that turns the leading ``@prefix p: <iri> .`` lines into
    ``PREFIX p: <iri>`` (the style rdflib's Turtle had), passing the rest through.

    Examples:
        >>> import io
        >>> buf = io.BytesIO(); w = _SparqlPrefixes(buf)
        >>> _ = w.write(b"@prefix kg: <https://w3id.org/kg-news/ontology#> .\n@pre")
        >>> _ = w.write(b"fix a: <b#> .\n<x> a <y> .\n")
        >>> buf.getvalue().decode()
        'PREFIX kg: <https://w3id.org/kg-news/ontology#>\nPREFIX a: <b#>\n<x> a <y> .\n'
    """

    _LINE = re.compile(rb"@prefix ([^:\s]*): (<[^>]*>) \.")

    def __init__(self, out: Any) -> None:
        self._out = out
        self._head: bytes | None = b""

    def write(self, data: bytes) -> int:
        if self._head is None:
            return int(self._out.write(data))
        self._head += data
        lines = self._head.split(b"\n")
        done: list[bytes] = []
        for i, line in enumerate(lines[:-1]):
            m = self._LINE.fullmatch(line)
            if m is None:  # the header ends: write it and everything after
                self._out.write(b"".join(done) + b"\n".join(lines[i:]))
                self._head = None
                return len(data)
            done.append(b"PREFIX " + m[1] + b": " + m[2] + b"\n")
        self._out.write(b"".join(done))
        self._head = lines[-1]
        return len(data)

    def flush(self) -> None:
        self._out.flush()

    def close(self) -> None:
        if self._head:
            self._out.write(self._head)
        self._head = None


# ------------------------------------------------------------------------- tables
def neutralise(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula, made plain text.

    Following OWASP's CSV injection guidance, a text beginning with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return gets a leading single quote;
    numbers and other texts are unchanged.

    Examples:
        >>> neutralise("=1+2"), neutralise("@SUM(A1)"), neutralise("Syria")
        ("'=1+2", "'@SUM(A1)", 'Syria')
        >>> neutralise(-1)
        -1
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_text(dataset: Graph) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(
        buf, fieldnames=CSV_FIELDS, lineterminator="\n", extrasaction="ignore"
    )
    writer.writeheader()
    writer.writerows(
        {k: neutralise(v) for k, v in row.items()} for row in _rows(dataset)
    )
    return buf.getvalue()


def _rows(dataset: Graph) -> list[dict[str, Any]]:
    """The rows of :func:`kg.analysis.edge_rows` of the actor graph, made from
    its aggregated edges without building it."""
    counts = ("quad_class", "articles", "mentions", "asserted", "negated")
    edges, actors = aggregated_edges(
        dataset, check_filters(), asserted_only=False, fields=counts
    )
    labels = {n: node_attrs(n, actors)["label"]
              for e in edges for n in (e["source"], e["target"])}  # fmt: skip
    rows = [edge_row(e["source"], e["target"], e["relation"], e, labels)
            for e in edges]  # fmt: skip
    rows.sort(key=row_order)
    return rows


def _text(term: Any) -> str:
    return "" if term is None else str(term)


def _number(term: Any) -> int:
    try:
        return int(term.toPython()) if term is not None else 0
    except (TypeError, ValueError):
        return 0


def _event_cells(r: Any) -> list[str]:
    """The cells of one row of the event table (see :data:`EVENT_FIELDS`)."""
    cameo = _text(r["cameo"])
    negated = _text(r["negated"]).lower() in ("true", "1")
    return [
        _text(r["day"]),
        _text(r["sourceCode"]),
        _text(r["sourceLabel"]),
        _text(r["targetCode"]),
        _text(r["targetLabel"]),
        cameo,
        cameo[:2],
        str(_number(r["quadClass"]) or ""),
        "1" if negated else "0",
        str(_number(r["mentions"])),
        _text(r["articleId"]),
        _text(r["url"]),
        local_name(r["source"], str(ACTOR)),
        local_name(r["relation"], str(KG._NS)),
        local_name(r["target"], str(ACTOR)),
    ]


def _events_text(dataset: Graph) -> str:
    lines = ["\t".join(EVENT_FIELDS)]
    for r in run_query(dataset, EVENTS_QUERY) or ():
        cells = (neutralise(" ".join(c.split())) for c in _event_cells(r))
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------ network
def _network(dataset: Graph) -> tuple[list[Node], Iterator[Edge]]:
    """The nodes and edges of the actor graph, with text and number attributes.

    Nodes carry :data:`NODE_KEYS` (``label``, ``cls``, ``country``, ``sector``,
    ``code``, ``iri``); edges (key = relation name) :data:`EDGE_KEYS`
    (``relation``, ``quad_class``, ``cameo``, ``plover``, ``articles``,
    ``mentions``, ``asserted``, ``negated``, ``first``, ``last``); missing
    values are empty strings. They come from the aggregated edges
    (:func:`kg.analysis.graph.aggregated_edges`) in the order of the
    multi-digraph ``actor_graph(dataset, events=False)``: nodes as first met,
    edges by source node, then target, then relation as first met.
    """
    edges, actors = aggregated_edges(
        dataset, check_filters(), asserted_only=False,
        fields=[k for k, _ in EDGE_KEYS if k != "relation"],
    )  # fmt: skip
    attrs, ordered = graph_order(edges, actors)
    nodes: list[Node] = [
        (n, {**{k: "" if v is None else v for k, v in d.items()},
             "iri": str(actor_iri(n))})
        for n, d in attrs.items()
    ]  # fmt: skip
    flat = (
        (e["source"], e["target"], e["relation"],
         {k: "" if e[k] is None else e[k] for k, _ in EDGE_KEYS})
        for e in ordered
    )  # fmt: skip
    return nodes, flat


def _write_network(dataset: Graph, path: Path, fmt: str) -> None:
    """Write the actor network as GraphML or GEXF (:mod:`kg.graphxml`)."""
    nodes, edges = _network(dataset)
    write = write_graphml if fmt == "graphml" else write_gexf
    with path.open("w", encoding="utf-8", errors="xmlcharrefreplace") as out:
        write(out, nodes, edges, node_keys=NODE_KEYS, edge_keys=EDGE_KEYS)


def _file_text(dataset: Graph, fmt: str, *, include_ontology: bool) -> str:
    """The text of a file in an RDF format, ``csv`` or ``events``."""
    if fmt == "csv":
        return _csv_text(dataset)
    if fmt == "events":
        return _events_text(dataset)
    return _rdf_text(dataset, fmt, include_ontology=include_ontology)


def save_graph(
    dataset: Graph,
    path: str | Path,
    *,
    format: str | None = None,
    force: bool = False,
    include_ontology: bool = False,
) -> Path:
    """Write the graph to a file in one of :data:`FORMATS`.

    Args:
        dataset: A Dataset (store) or Graph.
        path: Output file.
        format: One of ``turtle``, ``trig``, ``nt``, ``nquads``, ``json-ld``,
            ``graphml``, ``gexf``, ``csv``, ``events``; guessed from the extension
            when None.
        force: Overwrite an existing file.
        include_ontology: Also export the store's copy of the ontology graph.

    Returns:
        The path written.

    Raises:
        KGError: for an unknown format or an existing file without ``force``.
    """
    fmt = format or guess_format(path)
    if fmt not in FORMATS:
        raise KGError(f"unknown format {fmt!r}; expected one of {list(FORMATS)}")
    path = check_writable(path, force=force)  # before the (long) work
    if fmt in ("graphml", "gexf"):
        return write_atomic(
            path, lambda p: _write_network(dataset, p, fmt), force=force
        )
    if fmt in _STREAMED and store_kind(dataset) == "oxigraph":
        return write_atomic(
            path,
            lambda p: _stream(dataset, p, fmt, include_ontology=include_ontology),
            force=force,
        )
    text = _file_text(dataset, fmt, include_ontology=include_ontology)
    return write_text_atomic(path, text, force=force)


def _stream(dataset: Graph, path: Path, fmt: str, *, include_ontology: bool) -> None:
    """Stream an RDF format from an Oxigraph store to ``path`` (bounded memory)."""
    exclude = frozenset() if include_ontology else frozenset({str(ONTOLOGY_IRI)})
    with path.open("wb") as raw:
        out = _SparqlPrefixes(raw) if fmt in ("turtle", "trig") else raw
        dump(
            dataset, out, format=fmt, exclude=exclude,
            union=fmt in ("turtle", "nt"), prefixes=PREFIXES,
            wrap=lambda graphs, n: progress(graphs, total=n, desc=fmt, unit="graph"),
        )  # fmt: skip
        if isinstance(out, _SparqlPrefixes):
            out.close()


def load_graph(
    path: str | Path, *, format: str | None = None, allow_network: bool = False
) -> Dataset:
    """Read an RDF file (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML).

    Triples of single-graph formats go into a named graph named after the file,
    so both plain queries (the default graph is the union) and the named queries
    (``GRAPH ?g``) see them. A JSON-LD file whose ``@context`` (or ``@import``)
    names a document to load is refused unless ``allow_network``: nothing is
    fetched.

    Raises:
        KGError: when the file is missing, its extension unknown, it does not
            parse, or it needs a remote context (without ``allow_network``).
    """
    path = Path(path)
    if not path.is_file():
        raise KGError(f"graph file {str(path)!r} not found")
    fmt = format or _RDFLIB_READ.get(path.suffix.lower())
    if fmt is None:
        raise KGError(
            f"cannot tell the RDF format of {str(path)!r}; "
            f"expected one of {sorted(_RDFLIB_READ)}"
        )
    if fmt == "json-ld" and not allow_network:
        _refuse_remote_context(path)
    ds = bind(Dataset(default_union=True))
    try:
        if fmt in _QUADS:
            ds.parse(str(path), format=fmt)
        else:
            ds.graph(URIRef(path.resolve().as_uri())).parse(str(path), format=fmt)
    except Exception as exc:  # parser errors of every kind
        first = (
            str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        )
        raise KGError(f"cannot parse {str(path)!r} as {fmt}: {first}") from None
    return ds


def _refuse_remote_context(path: Path) -> None:
    """Refuse a JSON-LD document that names a context to load (URL or file)."""
    import json

    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return  # the parser reports it
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                remote = _remote(value) if key in ("@context", "@import") else None
                if remote:
                    raise KGError(
                        f"{path} loads the JSON-LD context {remote!r}; refused, "
                        "nothing is fetched (inline the context, or pass "
                        "--allow-network)"
                    )
                stack.append(value)


def _remote(value: Any) -> str | None:
    """The first context a ``@context``/``@import`` value names to load."""
    values = value if isinstance(value, list) else [value]
    return next((v for v in values if isinstance(v, str)), None)


__all__ = [
    "CSV_FIELDS",
    "EVENT_FIELDS",
    "FORMATS",
    "RDF_FORMATS",
    "guess_format",
    "load_graph",
    "save_graph",
]
