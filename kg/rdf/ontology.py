"""The kg ontology in Python: IRIs of actors, articles and graphs; the ontology and
SHACL shapes files; validation.

The namespaces and the closed ``KG`` vocabulary live in :mod:`kg.rdf.namespaces`
and are importable from here too. Actor, article and named-graph IRIs are built
here so that they are stable and valid for any id.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD
from rdflib.term import Node

from kg.rdf.namespaces import (
    ACTOR,
    ARTICLE,
    BASE,
    EVENT,
    GRAPH,
    KG,
    ONTOLOGY_IRI,
    PREFIXES,
    WD,
    bind,
)
from kg.rdf.store import quads
from kg.resources import resource_path
from kg.types import KGError
from kg.vocab import ACTOR_CLASSES

_NAME = re.compile(r"^[a-z][A-Za-z0-9]*$")


def _segment(value: str, what: str) -> str:
    """Percent-encode one IRI path segment (NFC-normalised, UTF-8)."""
    if not isinstance(value, str) or not value.strip():
        raise KGError(f"empty {what} id {value!r}; expected a non-empty string")
    text = unicodedata.normalize("NFC", value)
    seg = quote(text, safe="")
    if seg in (".", ".."):  # would be removed by IRI path normalisation
        seg = seg.replace(".", "%2E")
    return seg


def actor_iri(actor_id: str) -> URIRef:
    """Return the IRI of an actor id; any id gives a valid, distinct IRI.

    Ids are percent-encoded (UTF-8), so different ids never collide.

    Raises:
        KGError: when the id is empty.

    Examples:
        >>> actor_iri("US")
        rdflib.term.URIRef('https://w3id.org/kg-news/actor/US')
        >>> actor_iri("Côte d'Ivoire") == actor_iri("Cote d Ivoire")
        False
        >>> str(actor_iri("Côte d'Ivoire")).rsplit("/", 1)[1]
        'C%C3%B4te%20d%27Ivoire'
    """
    return ACTOR[_segment(actor_id, "actor")]


def article_iri(article_id: str) -> URIRef:
    """Return the IRI of an article id.

    Examples:
        >>> article_iri("seed")
        rdflib.term.URIRef('https://w3id.org/kg-news/article/seed')
    """
    return ARTICLE[_segment(article_id, "article")]


def graph_iri(article_id: str) -> URIRef:
    """Return the name of the article's named graph.

    Examples:
        >>> graph_iri("syria-01")
        rdflib.term.URIRef('https://w3id.org/kg-news/graph/syria-01')
    """
    return GRAPH[_segment(article_id, "article")]


def relation_iri(name: str) -> URIRef:
    """Return the property IRI of a relation name (lowerCamel).

    Relations of the packaged vocabulary are terms of ``KG``; other well-formed
    names (a user's own vocabulary) get an IRI in the same namespace.

    Raises:
        KGError: when the name is not a lowerCamel identifier.

    Examples:
        >>> relation_iri("designates")
        rdflib.term.URIRef('https://w3id.org/kg-news/ontology#designates')
    """
    if not isinstance(name, str) or not _NAME.match(name):
        raise KGError(f"bad relation name {name!r}; expected a lowerCamel identifier")
    return URIRef(str(KG._NS) + name)


def class_iri(cls: str) -> URIRef:
    """Return the IRI of an actor class local name (``State`` -> ``kg:State``).

    Raises:
        KGError: for a name that is not an actor class.

    Examples:
        >>> class_iri("ArmedGroup")
        rdflib.term.URIRef('https://w3id.org/kg-news/ontology#ArmedGroup')
    """
    if cls not in ACTOR_CLASSES:
        raise KGError(
            f"unknown actor class {cls!r}; expected one of {sorted(ACTOR_CLASSES)}"
        )
    return URIRef(str(KG._NS) + cls)


def ontology_dir() -> Path:
    """Return the folder that holds ``kg.ttl``, ``shapes.ttl`` and ``queries/``.

    The files live in the package (``kg/resources/ontology``); the repository's
    ``ontology/`` is a link to that folder, so a checkout, an editable install and
    a wheel read the same files.

    Raises:
        KGError: when the files are missing from the installation.
    """
    path = resource_path("ontology")
    if not (path / "kg.ttl").is_file():
        raise KGError(f"ontology files not found in {path}")
    return path


@lru_cache(maxsize=1)
def _ontology_nt() -> tuple[str, ...]:
    g = Graph().parse(ontology_dir() / "kg.ttl", format="turtle")
    return tuple(sorted(g.serialize(format="nt").splitlines()))


def load_ontology() -> Graph:
    """Return a fresh copy of the ontology (``ontology/kg.ttl``) as a Graph."""
    g = bind(Graph())
    g.parse(data="\n".join(_ontology_nt()), format="nt")
    return g


def ontology_hash() -> str:
    """SHA-256 of the ontology's sorted N-Triples (changes when kg.ttl changes)."""
    return hashlib.sha256("\n".join(_ontology_nt()).encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def _shapes_nt() -> str:
    g = Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")
    return g.serialize(format="nt")


def load_shapes() -> Graph:
    """Return the SHACL shapes (``ontology/shapes.ttl``) as a Graph."""
    return bind(Graph()).parse(data=_shapes_nt(), format="nt")


def plain(term: Node) -> Node:
    """Drop the explicit ``xsd:string`` datatype that Oxigraph puts on plain literals.

    In RDF 1.1 ``"x"`` and ``"x"^^xsd:string`` are the same literal, but rdflib
    compares them as different terms.

    Examples:
        >>> from rdflib import Literal
        >>> plain(Literal("x", datatype=XSD.string)) == Literal("x")
        True
        >>> str(plain(Literal("1", datatype=XSD.decimal)))
        '1.0'
    """
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    if isinstance(term, Literal) and term.datatype == XSD.decimal:
        text = str(term)
        if "." not in text and "e" not in text.lower():  # Oxigraph writes 1.0 as 1
            return Literal(text + ".0", datatype=XSD.decimal)
    return term


def _union(graph: Graph) -> Graph:
    """Copy every triple of a graph or dataset (all named graphs) into one Graph."""
    out = bind(Graph())
    if isinstance(graph, Dataset):
        triples = ((s, p, o) for s, p, o, _ in quads(graph))
    else:
        triples = iter(graph)
    out += ((s, p, plain(o)) for s, p, o in triples)
    return out


def _short(graph: Graph, node: Node | None) -> str:
    if node is None:
        return "?"
    try:
        return node.n3(graph.namespace_manager)
    except Exception:  # noqa: BLE001 - a display helper must not fail
        return str(node)


def _result_line(results: Graph, result: Node, data: Graph) -> str:
    """One line of the report: severity, focus node, path, message (and value)."""
    severity = results.value(result, SH.resultSeverity)
    focus = results.value(result, SH.focusNode)
    path = results.value(result, SH.resultPath)
    message = results.value(result, SH.resultMessage)
    value = results.value(result, SH.value)
    sev = str(severity).rsplit("#", 1)[-1] if severity else "Violation"
    line = f"{sev}: {_short(data, focus)} {_short(data, path)}: {message or ''}"
    if value is not None and value != focus:
        line += f" (value {_short(data, value)})"
    return line.rstrip()


def _report_head(conforms: bool, problems: int, n_triples: int) -> str:
    if conforms and not problems:
        return f"Conforms: {n_triples} triples satisfy ontology/shapes.ttl"
    if conforms:
        return f"Conforms with {problems} warning(s) ({n_triples} triples)"
    return f"Does not conform: {problems} problem(s) in {n_triples} triples"


def validate(graph: Graph) -> tuple[bool, str]:
    """Validate a graph (or every named graph of a dataset) against the SHACL shapes.

    The ontology is added to the data graph (what pyshacl's ``ont_graph`` is
    for), so actors typed with a subclass (``kg:State``) are checked as
    ``kg:Actor`` and relation properties are known. Warnings are reported but
    do not make the graph non-conforming.

    Args:
        graph: An rdflib Graph or Dataset (the union of its graphs is validated).

    Returns:
        ``(conforms, report)`` where ``report`` is a readable summary with one line
        per problem: severity, focus node, path and message.
    """
    import pyshacl

    data = _union(graph)
    n_triples = len(data)
    data += load_ontology()  # class and property declarations the shapes rely on
    conforms, results, _text = pyshacl.validate(
        data,
        shacl_graph=load_shapes(),
        inference="none",
        allow_warnings=True,
        advanced=True,
    )
    bind(results)
    lines = sorted(
        _result_line(results, r, data)
        for r in results.subjects(RDF.type, SH.ValidationResult)
    )
    head = _report_head(bool(conforms), len(lines), n_triples)
    return bool(conforms), "\n".join([head, *lines])


__all__ = [
    "ACTOR",
    "ARTICLE",
    "BASE",
    "EVENT",
    "GRAPH",
    "KG",
    "ONTOLOGY_IRI",
    "PREFIXES",
    "WD",
    "actor_iri",
    "article_iri",
    "bind",
    "class_iri",
    "graph_iri",
    "load_ontology",
    "load_shapes",
    "plain",
    "ontology_dir",
    "ontology_hash",
    "relation_iri",
    "validate",
]
