"""The kg ontology in Python: namespaces, IRIs, prefixes and SHACL validation.

``KG`` is a closed :class:`rdflib.namespace.DefinedNamespace`: a typo such as
``KG.sharesIntelligence`` raises ``AttributeError`` instead of minting an IRI. Every
term is declared in ``ontology/kg.ttl`` (a test checks it). Actor, article, event and
named-graph IRIs are built here so that they are stable and valid for any id.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    OWL,
    PROV,
    RDF,
    RDFS,
    SH,
    SKOS,
    XSD,
    DefinedNamespace,
)
from rdflib.term import Node

from kg.types import KGError
from kg.vocab import ACTOR_CLASSES

#: Base of every kg IRI.
BASE = "https://w3id.org/kg-news/"
#: The ontology document (and the named graph the store keeps a copy of it in).
ONTOLOGY_IRI = URIRef(BASE + "ontology")
ACTOR = Namespace(BASE + "actor/")
ARTICLE = Namespace(BASE + "article/")
EVENT = Namespace(BASE + "event/")
GRAPH = Namespace(BASE + "graph/")
WD = Namespace("http://www.wikidata.org/entity/")


class KG(DefinedNamespace):
    """The closed kg vocabulary (``https://w3id.org/kg-news/ontology#``).

    Examples:
        >>> str(KG.sharesIntelligenceWith)
        'https://w3id.org/kg-news/ontology#sharesIntelligenceWith'
        >>> KG.sharesIntelligence
        Traceback (most recent call last):
        ...
        AttributeError: term 'sharesIntelligence' not in namespace 'https://w3id.org/kg-news/ontology#'
    """

    _NS = Namespace("https://w3id.org/kg-news/ontology#")
    _fail = True

    # classes
    Actor: URIRef
    State: URIRef
    Government: URIRef
    Military: URIRef
    Agency: URIRef
    ArmedGroup: URIRef
    Party: URIRef
    InternationalOrganisation: URIRef
    Media: URIRef
    Person: URIRef
    Place: URIRef
    Organisation: URIRef
    Group: URIRef
    Article: URIRef
    Event: URIRef
    # annotations of relations (also used on events and actors)
    cameoCode: URIRef
    ploverCategory: URIRef
    quadClass: URIRef
    # actors
    country: URIRef
    sector: URIRef
    known: URIRef
    validFrom: URIRef
    validTo: URIRef
    predecessor: URIRef
    partOf: URIRef
    # articles
    url: URIRef
    contentHash: URIRef
    graphHash: URIRef
    extractorVersion: URIRef
    # events
    source: URIRef
    target: URIRef
    relation: URIRef
    negated: URIRef
    modality: URIRef
    attribution: URIRef
    date: URIRef
    evidence: URIRef
    sentenceIndex: URIRef
    startOffset: URIRef
    endOffset: URIRef
    sourceText: URIRef
    targetText: URIRef
    sourceCode: URIRef
    targetCode: URIRef
    trigger: URIRef
    confidence: URIRef
    pageRank: URIRef
    betweenness: URIRef
    degree: URIRef
    community: URIRef
    mentionCount: URIRef
    articleCount: URIRef
    # the relation hierarchy
    relatedTo: URIRef
    verbalCooperation: URIRef
    materialCooperation: URIRef
    verbalConflict: URIRef
    materialConflict: URIRef
    # relations (kg/resources/relations.yaml)
    appealsTo: URIRef
    urges: URIRef
    intendsToCooperateWith: URIRef
    offersAidTo: URIRef
    promisesTo: URIRef
    meetsWith: URIRef
    phones: URIRef
    visits: URIRef
    hosts: URIRef
    mediates: URIRef
    negotiatesWith: URIRef
    supports: URIRef
    praises: URIRef
    defends: URIRef
    recognises: URIRef
    apologisesTo: URIRef
    signsAgreementWith: URIRef
    agreesWith: URIRef
    cooperatesWith: URIRef
    tradesWith: URIRef
    cooperatesMilitarilyWith: URIRef
    extradites: URIRef
    sharesIntelligenceWith: URIRef
    aids: URIRef
    givesEconomicAidTo: URIRef
    givesMilitaryAidTo: URIRef
    givesHumanitarianAidTo: URIRef
    protects: URIRef
    grantsAsylumTo: URIRef
    concedesTo: URIRef
    easesRestrictionsOn: URIRef
    releases: URIRef
    liftsSanctionsOn: URIRef
    allowsAccessTo: URIRef
    withdrawsFrom: URIRef
    investigates: URIRef
    demands: URIRef
    opposes: URIRef
    condemns: URIRef
    accuses: URIRef
    sues: URIRef
    convicts: URIRef
    rejects: URIRef
    defies: URIRef
    vetoes: URIRef
    threatens: URIRef
    threatensForceAgainst: URIRef
    protestsAgainst: URIRef
    mobilisesAgainst: URIRef
    reducesRelationsWith: URIRef
    cutsAidTo: URIRef
    sanctions: URIRef
    designates: URIRef
    expels: URIRef
    coerces: URIRef
    arrests: URIRef
    deports: URIRef
    assaults: URIRef
    abducts: URIRef
    assassinates: URIRef
    attacks: URIRef
    blockades: URIRef
    occupies: URIRef
    fights: URIRef
    bombs: URIRef
    violatesCeasefireWith: URIRef
    massacres: URIRef

#: The prefixes bound on every graph kg creates.
PREFIXES: dict[str, str] = {
    "kg": str(KG._NS),
    "actor": str(ACTOR),
    "article": str(ARTICLE),
    "event": str(EVENT),
    "graph": str(GRAPH),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "sh": str(SH),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "xsd": str(XSD),
    "wd": str(WD),
}


_NAME = re.compile(r"^[a-z][A-Za-z0-9]*$")


def bind(graph: Graph) -> Graph:
    """Bind the kg prefixes (kg, actor, article, event, prov, rdfs, owl, sh, ...).

    Returns:
        The same graph, for chaining.

    Examples:
        >>> from rdflib import Graph
        >>> dict(bind(Graph()).namespaces())["actor"]
        rdflib.term.URIRef('https://w3id.org/kg-news/actor/')
    """
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


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
    path = Path(str(resources.files("kg.resources"))) / "ontology"
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


def all_quads(dataset: Dataset) -> Iterator[tuple[Node, Node, Node, Node | None]]:
    """Every quad ``(s, p, o, graph name)`` of a dataset, on any kind of store.

    A SPARQL endpoint cannot list quads through rdflib's store API, so its named
    graphs are read with one ``GRAPH ?g`` query.
    """
    if type(dataset.store).__name__ in ("SPARQLStore", "SPARQLUpdateStore"):
        rows = dataset.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        for s, p, o, g in rows:
            yield s, p, o, g
        return
    for s, p, o, g in dataset.quads((None, None, None, None)):
        yield s, p, o, (g.identifier if isinstance(g, Graph) else g)


def _union(graph: Graph) -> Graph:
    """Copy every triple of a graph or dataset (all named graphs) into one Graph."""
    out = bind(Graph())
    if isinstance(graph, Dataset):
        triples = ((s, p, o) for s, p, o, _ in all_quads(graph))
    else:
        triples = iter(graph)
    out += ((s, p, plain(o)) for s, p, o in triples)
    return out


def _short(graph: Graph, node) -> str:
    if node is None:
        return "?"
    try:
        return node.n3(graph.namespace_manager)
    except Exception:  # noqa: BLE001 - a display helper must not fail
        return str(node)


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
    lines = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(result, SH.resultSeverity)
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        value = results.value(result, SH.value)
        sev = str(severity).rsplit("#", 1)[-1] if severity else "Violation"
        line = f"{sev}: {_short(data, focus)} {_short(data, path)}: {message or ''}"
        if value is not None and value != focus:
            line += f" (value {_short(data, value)})"
        lines.append(line.rstrip())
    lines.sort()
    if conforms and not lines:
        head = f"Conforms: {n_triples} triples satisfy ontology/shapes.ttl"
    elif conforms:
        head = f"Conforms with {len(lines)} warning(s) ({n_triples} triples)"
    else:
        head = f"Does not conform: {len(lines)} problem(s) in {n_triples} triples"
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
    "all_quads",
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
