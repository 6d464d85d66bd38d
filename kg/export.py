"""Export the graph to files, and read RDF files back.

RDF formats: ``turtle`` (diff-friendly ``longturtle``; the union of the article
graphs), ``trig`` and ``nquads`` (one named graph per article, provenance kept),
``nt`` and ``json-ld`` (inline context, nothing fetched). Network formats for
Gephi and other tools: ``graphml`` and ``gexf`` (the actor graph: one node per
actor, one edge per (source, relation, target) with counts). Tables: ``csv`` (edge
list with article and mention counts) and ``events`` (a tab-separated
CAMEO/GDELT-style event table).

Files are written atomically (temporary file + rename) and never overwritten
without ``force=True``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from urllib.parse import unquote

from rdflib import Dataset, Graph, URIRef

from kg.files import write_atomic
from kg.rdf.ontology import ACTOR, KG, ONTOLOGY_IRI, PREFIXES, all_quads, bind, plain
from kg.types import KGError

#: Export formats and their usual file extensions.
FORMATS: dict[str, tuple[str, ...]] = {
    "turtle": (".ttl", ".turtle"),
    "trig": (".trig",),
    "nt": (".nt",),
    "nquads": (".nq", ".nquads"),
    "json-ld": (".jsonld", ".json-ld", ".json"),
    "graphml": (".graphml",),
    "gexf": (".gexf",),
    "csv": (".csv",),
    "events": (".tsv", ".events"),
}
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

EVENTS_QUERY = """
PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?article ?source ?relation ?target ?negated (MIN(?date) AS ?day)
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


def _local(term) -> str:
    """``actor:C%C3%B4te`` -> ``Côte``; ``kg:opposes`` -> ``opposes``."""
    text = str(term) if term is not None else ""
    if text.startswith(str(ACTOR)):
        return unquote(text[len(str(ACTOR)) :])
    if text.startswith(str(KG._NS)):
        return text[len(str(KG._NS)) :]
    return text


def _value(term) -> str:
    return "" if term is None else str(term)


def _int(term) -> int:
    try:
        return int(term.toPython()) if term is not None else 0
    except (TypeError, ValueError):
        return 0


def _copy(dataset: Graph, *, include_ontology: bool) -> Dataset:
    """In-memory copy of a graph or dataset (plain literals normalised)."""
    out = bind(Dataset(default_union=True))
    if isinstance(dataset, Dataset):
        quads = []
        for s, p, o, name in all_quads(dataset):
            if name == ONTOLOGY_IRI and not include_ontology:
                continue
            quads.append(
                (s, p, plain(o), out.graph(name) if name else out.default_graph)
            )
        out.addN(quads)
    else:
        target = (
            out.graph(dataset.identifier)
            if isinstance(dataset.identifier, URIRef)
            else out.default_graph
        )
        out.addN((s, p, plain(o), target) for s, p, o in dataset)
    return out


def _union(ds: Dataset) -> Graph:
    g = bind(Graph())
    g += ((s, p, o) for s, p, o, _ in ds.quads((None, None, None, None)))
    return g


def _serialize_rdf(ds: Dataset, fmt: str) -> str:
    if fmt == "turtle":
        return _union(ds).serialize(format="longturtle")
    if fmt == "nt":
        return _union(ds).serialize(format="nt")
    if fmt == "json-ld":
        return ds.serialize(format="json-ld", context=dict(PREFIXES), indent=2)
    return ds.serialize(format=fmt)


def edge_rows(dataset: Graph) -> list[dict]:
    """Rows of the edge list: one per (source, relation, target) with counts."""
    from kg.query import named_query, run_query

    rows = []
    for r in run_query(dataset, named_query("edges")):
        rows.append(
            {
                "source": _local(r["source"]),
                "source_label": _value(r["sourceLabel"]),
                "relation": _local(r["relation"]),
                "target": _local(r["target"]),
                "target_label": _value(r["targetLabel"]),
                "quad_class": _int(r["quadClass"]),
                "articles": _int(r["articles"]),
                "mentions": _int(r["mentions"]),
                "asserted": _int(r["asserted"]),
                "negated": _int(r["negated"]),
            }
        )
    return rows


def actor_network(dataset: Graph):
    """The actor graph as a ``networkx.MultiDiGraph`` (edge key = relation name).

    Nodes carry ``label``, ``cls``, ``country`` and ``iri``; edges ``relation``,
    ``quad_class``, ``articles``, ``mentions``, ``asserted`` and ``negated``.
    """
    import networkx as nx

    from kg.query import named_query, run_query

    G = nx.MultiDiGraph()
    for r in run_query(dataset, named_query("actors")):
        node = _local(r["actor"])
        if node in G:
            continue
        G.add_node(
            node,
            label=_value(r["label"]) or node,
            cls=_local(r["class"]),
            country=_value(r["actorCountry"]),
            iri=str(r["actor"]),
        )
    for e in edge_rows(dataset):
        for end, label in (
            (e["source"], e["source_label"]),
            (e["target"], e["target_label"]),
        ):
            if end not in G:
                G.add_node(end, label=label or end, cls="Actor", country="", iri="")
        G.add_edge(
            e["source"],
            e["target"],
            key=e["relation"],
            relation=e["relation"],
            quad_class=e["quad_class"],
            articles=e["articles"],
            mentions=e["mentions"],
            asserted=e["asserted"],
            negated=e["negated"],
        )
    return G


def _csv_text(dataset: Graph) -> str:
    buf = io.StringIO()
    fields = [
        "source", "source_label", "relation", "target", "target_label",
        "quad_class", "articles", "mentions", "asserted", "negated",
    ]  # fmt: skip
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(edge_rows(dataset))
    return buf.getvalue()


def _events_text(dataset: Graph) -> str:
    from kg.query import run_query

    header = [
        "date", "source_code", "source_name", "target_code", "target_name",
        "cameo", "root", "quad_class", "negated", "mentions", "article", "url",
        "source", "relation", "target",
    ]  # fmt: skip
    lines = ["\t".join(header)]
    for r in run_query(dataset, EVENTS_QUERY):
        cameo = _value(r["cameo"])
        negated = _value(r["negated"]).lower() in ("true", "1")
        cells = [
            _value(r["day"]),
            _value(r["sourceCode"]),
            _value(r["sourceLabel"]),
            _value(r["targetCode"]),
            _value(r["targetLabel"]),
            cameo,
            cameo[:2],
            str(_int(r["quadClass"]) or ""),
            "1" if negated else "0",
            str(_int(r["mentions"])),
            _value(r["articleId"]),
            _value(r["url"]),
            _local(r["source"]),
            _local(r["relation"]),
            _local(r["target"]),
        ]
        lines.append("\t".join(" ".join(c.split()) for c in cells))
    return "\n".join(lines) + "\n"


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
    path = Path(path)
    fmt = format or guess_format(path)
    if fmt not in FORMATS:
        raise KGError(f"unknown format {fmt!r}; expected one of {list(FORMATS)}")
    if path.exists() and not force:
        raise KGError(f"{path} exists; pass --force to overwrite it")
    if fmt in RDF_FORMATS:
        text = _serialize_rdf(_copy(dataset, include_ontology=include_ontology), fmt)
        write_atomic(path, lambda p: p.write_text(text, encoding="utf-8"), force=force)
    elif fmt == "csv":
        text = _csv_text(dataset)
        write_atomic(path, lambda p: p.write_text(text, encoding="utf-8"), force=force)
    elif fmt == "events":
        text = _events_text(dataset)
        write_atomic(path, lambda p: p.write_text(text, encoding="utf-8"), force=force)
    else:
        import networkx as nx

        G = actor_network(dataset)
        writer = nx.write_graphml if fmt == "graphml" else nx.write_gexf
        write_atomic(path, lambda p: writer(G, str(p)), force=force)
    return path


def load_graph(path: str | Path, *, format: str | None = None) -> Dataset:
    """Read an RDF file (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML).

    Triples of single-graph formats go into a named graph named after the file,
    so both plain queries (the default graph is the union) and the named queries
    (``GRAPH ?g``) see them.

    Raises:
        KGError: when the file is missing, its extension unknown, or it does not
            parse.
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


__all__ = [
    "FORMATS",
    "RDF_FORMATS",
    "actor_network",
    "edge_rows",
    "guess_format",
    "load_graph",
    "save_graph",
]
