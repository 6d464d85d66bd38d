"""The kg namespaces: the closed ``KG`` vocabulary, IRI bases and prefixes.

``KG`` is a closed :class:`rdflib.namespace.DefinedNamespace`: a typo such as
``KG.sharesIntelligence`` raises ``AttributeError`` instead of minting an IRI. Every
term is declared in ``ontology/kg.ttl`` (a test checks it). :data:`PREFIXES` is the
one prefix table: :func:`bind` puts it on graphs and :func:`sparql_prefixes` writes
it as the ``PREFIX`` block of SPARQL text.
"""

from __future__ import annotations

from typing import TypeVar

from rdflib import Graph, Namespace, URIRef
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

_G = TypeVar("_G", bound=Graph)

#: Base of every kg IRI.
BASE = "https://w3id.org/kg-news/"
#: The ontology document (and the named graph the store keeps a copy of it in).
ONTOLOGY_IRI = URIRef(BASE + "ontology")
ACTOR = Namespace(BASE + "actor/")
ARTICLE = Namespace(BASE + "article/")
EVENT = Namespace(BASE + "event/")
GRAPH = Namespace(BASE + "graph/")
#: The build records (one named graph per written batch, see kg.rdf.graph).
BATCH = Namespace(BASE + "batch/")
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
    # relations that are states (kg query --as-of)
    StateRelation: URIRef
    endedBy: URIRef
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
    inputHash: URIRef
    tripleCount: URIRef
    Batch: URIRef
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
    # derived data (kg.rdf.events): aggregated edges, events vs mentions
    Edge: URIRef
    NewsEvent: URIRef
    edgeSource: URIRef
    edgeTarget: URIRef
    edgeRelation: URIRef
    edge: URIRef
    mention: URIRef
    sample: URIRef
    polarity: URIRef
    eventCount: URIRef
    sourceCount: URIRef
    assertedCount: URIRef
    negatedCount: URIRef
    firstDate: URIRef
    lastDate: URIRef
    edgeRecord: URIRef
    dyadCounts: URIRef
    pageCounts: URIRef
    CountsPage: URIRef
    dayCounts: URIRef
    mentionRows: URIRef
    assertedArticleCount: URIRef
    assertedEventCount: URIRef
    ActorSummary: URIRef
    actor: URIRef
    actorClass: URIRef
    actorRecord: URIRef
    RelationSummary: URIRef
    pairCount: URIRef
    eventWindow: URIRef
    derivedState: URIRef
    derivedFormat: URIRef
    # the relation hierarchy
    relatedTo: URIRef
    verbalCooperation: URIRef
    materialCooperation: URIRef
    verbalConflict: URIRef
    materialConflict: URIRef
    # relations (kg/resources/relations.yaml)
    makesStatement: URIRef
    commentsPessimisticallyOn: URIRef
    commentsOptimisticallyOn: URIRef
    considersPolicyOn: URIRef
    claimsResponsibilityFor: URIRef
    deniesResponsibilityFor: URIRef
    expressesSympathyWith: URIRef
    expressesAccordWith: URIRef
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
    alliesWith: URIRef
    restoresRelationsWith: URIRef
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
    revokesDesignationOf: URIRef
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
    seversRelationsWith: URIRef
    withdrawsRecognitionOf: URIRef
    breaksAllianceWith: URIRef
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
    "batch": str(BATCH),
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


def bind(graph: _G) -> _G:
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


def sparql_prefixes() -> str:
    """The kg prefixes as the ``PREFIX`` block of a SPARQL query (one per line).

    Examples:
        >>> sparql_prefixes().splitlines()[0]
        'PREFIX kg: <https://w3id.org/kg-news/ontology#>'
    """
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


__all__ = [
    "ACTOR", "ARTICLE", "BASE", "BATCH", "EVENT", "GRAPH", "KG", "ONTOLOGY_IRI",
    "PREFIXES", "WD", "bind", "sparql_prefixes",
]  # fmt: skip
