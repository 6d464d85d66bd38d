"""Assertions -> RDF: one named graph per article, written transactionally.

Each article becomes a named graph ``<https://w3id.org/kg-news/graph/{id}>`` holding
the article node (Dublin Core + PROV-O), the actors it mentions, one ``kg:Event``
node per assertion (with its provenance) and, for asserted non-negated
relations, the direct triple ``actor:US kg:sharesIntelligenceWith actor:SYR``.

IRIs are stable hashes of the content, never blank nodes, so the same input gives
the same graph. The only time-dependent triple is ``prov:generatedAtTime`` on the
article node; an article whose graph is unchanged (same ``kg:graphHash``) is not
rewritten, so its timestamp is kept.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timezone
from functools import lru_cache
from importlib import metadata

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from kg.dates import normalise_date
from kg.rdf.ontology import (
    EVENT,
    KG,
    ONTOLOGY_IRI,
    WD,
    actor_iri,
    article_iri,
    bind,
    class_iri,
    graph_iri,
    load_ontology,
    ontology_hash,
    plain,
    relation_iri,
)
from kg.rdf.store import open_store, replace_graph
from kg.types import Actor, Article, Assertion, KGError, Mention
from kg.vocab import ACTOR_CLASSES, MODALITIES, load_vocabulary, quad_class

log = logging.getLogger("kg")

_QUAD_PROPS = {
    1: KG.verbalCooperation,
    2: KG.materialCooperation,
    3: KG.verbalConflict,
    4: KG.materialConflict,
}
#: The counts :func:`build` reports.
_COUNTS = ("articles", "added", "replaced", "unchanged", "events", "direct", "negated")


@lru_cache(maxsize=1)
def _version() -> str:
    """The installed kg version (``kg:extractorVersion``)."""
    try:
        return metadata.version("kg")
    except metadata.PackageNotFoundError:  # running from a bare checkout
        return "unknown"


def _date_literal(value: str | None) -> Literal | None:
    """A date (or a timestamp) as an ``xsd:date`` literal; None when missing or bad."""
    try:
        day = normalise_date(value)
    except KGError:
        log.warning("ignoring unparseable date %r", value)
        return None
    return None if day is None else Literal(day, datatype=XSD.date)


def sha256(text: str) -> str:
    """Hex SHA-256 of a UTF-8 string.

    Examples:
        >>> sha256("")[:12]
        'e3b0c44298fc'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def event_iri(a: Assertion) -> URIRef:
    """Stable IRI of an assertion: a hash of (article, source, relation, target,
    sentence, start).

    Examples:
        >>> m1, m2 = Mention("US", "US", 0, 2), Mention("SYR", "Syria", 10, 15)
        >>> a = Assertion("seed", m1, m2, "supports", 0, 0, 20, "US backs Syria.")
        >>> event_iri(a) == event_iri(a)
        True
        >>> str(event_iri(a)).startswith("https://w3id.org/kg-news/event/")
        True
    """
    key = "\x1f".join(
        [
            a.article,
            a.source.actor,
            a.relation,
            a.target.actor,
            str(a.sentence),
            str(a.start),
        ]
    )
    return EVENT[sha256(key)[:32]]


def _describe_entry(g: Graph, node: URIRef, entry: Actor) -> None:
    """Labels, aliases, codes, Wikidata link, validity and lineage of an actor."""
    g.add((node, RDFS.label, Literal(entry.label)))
    g.add((node, SKOS.prefLabel, Literal(entry.label)))
    for alias in entry.aliases:
        if alias != entry.label:
            g.add((node, SKOS.altLabel, Literal(alias)))
    for prop, text in (
        (KG.country, entry.country),
        (KG.sector, entry.sector),
        (KG.cameoCode, entry.code),
    ):
        if text:
            g.add((node, prop, Literal(text)))
    if entry.wikidata:
        g.add((node, OWL.sameAs, WD[entry.wikidata]))
    for prop, day in ((KG.validFrom, entry.valid_from), (KG.validTo, entry.valid_to)):
        lit = _date_literal(day)
        if lit is not None:
            g.add((node, prop, lit))
    for prop, other in ((KG.predecessor, entry.predecessor), (KG.partOf, entry.parent)):
        if other:
            g.add((node, prop, actor_iri(other)))


def _describe_mention(g: Graph, node: URIRef, m: Mention) -> None:
    """Label and country of an actor known only from its mention."""
    label = m.label or m.text or m.actor
    g.add((node, RDFS.label, Literal(label)))
    g.add((node, SKOS.prefLabel, Literal(label)))
    if m.country:
        g.add((node, KG.country, Literal(m.country)))


def _add_actor(g: Graph, m: Mention, registry: Mapping[str, Actor]) -> URIRef:
    node = actor_iri(m.actor)
    entry = registry.get(m.actor)
    cls = entry.cls if entry is not None else m.cls
    if cls not in ACTOR_CLASSES:
        log.warning("actor %r has unknown class %r; typed kg:Actor", m.actor, cls)
        cls = "Actor"
    g.add((node, RDF.type, class_iri(cls)))
    if entry is not None:
        _describe_entry(g, node, entry)
    else:
        _describe_mention(g, node, m)
    if not m.known:
        g.add((node, KG.known, Literal(False)))
    return node


def _declare_relation(g: Graph, a: Assertion, prop: URIRef, quad: int) -> None:
    """Declare a relation that is not in the packaged vocabulary in the graph."""
    g.add((prop, RDF.type, OWL.ObjectProperty))
    g.add((prop, RDFS.label, Literal(a.relation)))
    g.add((prop, RDFS.subPropertyOf, _QUAD_PROPS.get(quad, KG.relatedTo)))
    if quad in _QUAD_PROPS:
        g.add((prop, KG.quadClass, Literal(quad)))
    if a.cameo:
        g.add((prop, KG.cameoCode, Literal(a.cameo)))
    if a.plover:
        g.add((prop, KG.ploverCategory, Literal(a.plover)))


def _relation(g: Graph, a: Assertion) -> tuple[URIRef, str, str, int]:
    """The property, CAMEO code, PLOVER category and quad class of an assertion.

    Codes the assertion lacks come from the vocabulary; a relation the vocabulary
    does not know is declared in the graph.
    """
    if a.modality not in MODALITIES:
        raise KGError(
            f"assertion in {a.article!r} has modality {a.modality!r}; "
            f"expected one of {list(MODALITIES)}"
        )
    vocab = load_vocabulary().get(a.relation)
    prop = relation_iri(a.relation)
    cameo = a.cameo or (vocab.cameo if vocab else "")
    plover = a.plover or (vocab.plover if vocab else "")
    quad = a.quad_class or (vocab.quad_class if vocab else 0)
    if not quad and cameo:
        quad = quad_class(cameo)
    if vocab is None:
        _declare_relation(g, a, prop, quad)
    return prop, cameo, plover, quad


def _optional(a: Assertion, cameo: str, plover: str, quad: int) -> list[tuple]:
    """(property, literal) pairs of the event facts that may be missing."""
    pairs: list[tuple[URIRef, Literal | None]] = [
        (KG.attribution, Literal(a.attribution) if a.attribution else None),
        (KG.date, _date_literal(a.date)),
    ]
    texts = (
        (KG.sourceCode, a.source.code),
        (KG.targetCode, a.target.code),
        (KG.cameoCode, cameo),
        (KG.ploverCategory, plover),
    )
    pairs += [(prop, Literal(text)) for prop, text in texts if text]
    pairs.append((KG.quadClass, Literal(int(quad)) if quad else None))
    pairs.append((KG.trigger, Literal(a.trigger) if a.trigger else None))
    return [(p, o) for p, o in pairs if o is not None]


def _add_event(
    g: Graph, a: Assertion, art: URIRef, registry: Mapping[str, Actor]
) -> None:
    prop, cameo, plover, quad = _relation(g, a)
    src = _add_actor(g, a.source, registry)
    tgt = _add_actor(g, a.target, registry)
    ev = event_iri(a)
    facts: list[tuple[URIRef, Node]] = [
        (RDF.type, KG.Event),
        (KG.source, src),
        (KG.target, tgt),
        (KG.relation, prop),
        (KG.negated, Literal(bool(a.negated))),
        (KG.modality, Literal(a.modality)),
        (KG.evidence, Literal(a.evidence)),
        (KG.sentenceIndex, Literal(int(a.sentence))),
        (KG.startOffset, Literal(int(a.start))),
        (KG.endOffset, Literal(int(a.end))),
        (KG.sourceText, Literal(a.source.text)),
        (KG.targetText, Literal(a.target.text)),
        (KG.confidence, Literal(_decimal(a.confidence), datatype=XSD.decimal)),
        (PROV.wasDerivedFrom, art),
    ]
    facts += _optional(a, cameo, plover, quad)
    for p, o in facts:
        g.add((ev, p, o))
    if a.asserted:
        g.add((src, prop, tgt))


def _decimal(value: float) -> str:
    """Canonical ``xsd:decimal`` lexical form with 4 digits at most.

    Examples:
        >>> _decimal(1), _decimal(0.8), _decimal(0.123456)
        ('1.0', '0.8', '0.1235')
    """
    text = f"{float(value):.4f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def graph_digest(graph: Graph) -> str:
    """SHA-256 of a graph's sorted N-Triples, ignoring its timestamp and hash.

    The graph has no blank nodes, so sorted N-Triples are canonical: two graphs
    with the same digest have the same triples.
    """
    skip = {PROV.generatedAtTime, KG.graphHash}
    lines = sorted(
        f"{s.n3()} {p.n3()} {plain(o).n3()} ." for s, p, o in graph if p not in skip
    )
    return sha256("\n".join(lines))


def _add_article(g: Graph, article: Article) -> URIRef:
    """The article node: identifier, title, date, publisher, URL, content hash."""
    art = article_iri(article.id)
    facts: list[tuple[URIRef, Node | None]] = [
        (RDF.type, KG.Article),
        (DCTERMS.identifier, Literal(article.id)),
        (DCTERMS.title, Literal(article.title) if article.title else None),
        (DCTERMS.date, _date_literal(article.date)),
        (DCTERMS.publisher, Literal(article.source) if article.source else None),
        (KG.url, Literal(article.url, datatype=XSD.anyURI) if article.url else None),
        (KG.contentHash, Literal(sha256(article.text))),
        (KG.extractorVersion, Literal(_version())),
    ]
    for p, o in facts:
        if o is not None:
            g.add((art, p, o))
    return art


def article_graph(
    article: Article,
    assertions: Iterable[Assertion],
    *,
    registry: Mapping[str, Actor] | None = None,
    generated_at: datetime | None = None,
) -> Graph:
    """Return one article's triples as a Graph named after the article.

    Args:
        article: The article.
        assertions: Its relation assertions (from ``kg.nlp.relations.extract``).
        registry: Actor registry (``kg.registry.load_registry()``) used for
            labels, aliases, Wikidata links and classes; actors it lacks (and all
            actors when it is None) are described by what their mentions carry.
        generated_at: Extraction time (``prov:generatedAtTime``); default now (UTC).

    Returns:
        An ``rdflib.Graph`` whose identifier is the article's named-graph IRI.

    Raises:
        KGError: on an empty article id, a bad relation name or modality.

    Examples:
        >>> from kg.types import Article, Assertion, Mention
        >>> us = Mention("US", "The United States", 0, 17, label="United States")
        >>> syr = Mention("SYR", "Syria", 33, 38, label="Syria", cls="State")
        >>> a = Assertion("a1", us, syr, "sharesIntelligenceWith", 0, 0, 39,
        ...               "The United States shares intel with Syria.")
        >>> g = article_graph(Article("a1", a.evidence), [a], registry={})
        >>> (actor_iri("US"), KG.sharesIntelligenceWith, actor_iri("SYR")) in g
        True
    """
    g = bind(Graph(identifier=graph_iri(article.id)))
    art = _add_article(g, article)
    registry = registry or {}
    seen: set[URIRef] = set()
    for a in assertions:
        if a.article and a.article != article.id:
            raise KGError(
                f"assertion of article {a.article!r} given with article {article.id!r}"
            )
        ev = event_iri(a)
        if ev in seen:  # the same statement twice in one sentence: keep the first
            continue
        seen.add(ev)
        _add_event(g, a, art, registry)
    g.add((art, KG.graphHash, Literal(graph_digest(g))))
    when = generated_at or datetime.now(timezone.utc).replace(microsecond=0)
    g.add((art, PROV.generatedAtTime, Literal(when, datatype=XSD.dateTime)))
    return g


# ----------------------------------------------------------------- writing to stores
def stored_hash(dataset: Dataset, article_id: str) -> str | None:
    """The ``kg:graphHash`` of the article's graph in the dataset, or None."""
    q = (
        f"SELECT ?h WHERE {{ GRAPH <{graph_iri(article_id)}> "
        f"{{ <{article_iri(article_id)}> <{KG.graphHash}> ?h }} }}"
    )
    for row in dataset.query(q):
        return str(row[0])  # type: ignore[index]
    return None


def ensure_ontology(dataset: Dataset) -> bool:
    """Keep a copy of the ontology in the named graph ``<…/ontology>``.

    With it, property paths such as ``?a ?p ?b . ?p rdfs:subPropertyOf*
    kg:materialCooperation`` work inside the store. Rewritten only when kg.ttl
    changed.

    Returns:
        True when the graph was (re)written.
    """
    digest = ontology_hash()
    q = (
        f"ASK {{ GRAPH <{ONTOLOGY_IRI}> {{ <{ONTOLOGY_IRI}> <{KG.graphHash}> ?h "
        f'FILTER(STR(?h) = "{digest}") }} }}'
    )
    if bool(dataset.query(q).askAnswer):
        return False
    onto = load_ontology()
    g = Graph(identifier=ONTOLOGY_IRI)
    g += onto
    g.add((ONTOLOGY_IRI, KG.graphHash, Literal(digest)))
    replace_graph(dataset, g)
    return True


def build(
    results: Iterable[tuple[Article, list[Assertion]]],
    *,
    dataset: Dataset | None = None,
    registry: Mapping[str, Actor] | None = None,
    progress: Callable[[Article, str], None] | None = None,
    stats: dict | None = None,
) -> Dataset:
    """Write each article's graph into a dataset, replacing what was there.

    Each article's named graph is replaced in one transaction; an article whose
    graph would be identical (same ``kg:graphHash``) is skipped, so building the
    same input twice changes nothing.

    Args:
        results: ``(article, assertions)`` pairs (``kg.nlp.extract.extract_articles``).
        dataset: Where to write (``kg.rdf.store.open_store``); default a new in-memory
            dataset.
        registry: Actor registry (see :func:`article_graph`).
        progress: Called as ``progress(article, status)`` after each article is
            committed, with status ``"added"``, ``"replaced"`` or ``"unchanged"``.
        stats: A dict that receives the counts: ``articles``, ``added``,
            ``replaced``, ``unchanged``, ``events``, ``direct``, ``negated``.

    Returns:
        The dataset.

    Examples:
        >>> from kg.types import Article, Assertion, Mention
        >>> us, isis = Mention("US", "US", 0, 2), Mention("ISIS", "Daesh", 12, 17)
        >>> a = Assertion("a1", us, isis, "opposes", 0, 0, 18, "US opposes Daesh.")
        >>> counts = {}
        >>> ds = build([(Article("a1", a.evidence), [a])], registry={}, stats=counts)
        >>> ds = build([(Article("a1", a.evidence), [a])], dataset=ds, registry={},
        ...            stats=counts)
        >>> counts["unchanged"], counts["events"]
        (1, 0)
    """
    dataset = open_store("memory") if dataset is None else dataset
    counts = dict.fromkeys(_COUNTS, 0)
    ensure_ontology(dataset)
    for article, assertions in results:
        status = _write_article(dataset, article, assertions, registry, counts)
        counts["articles"] += 1
        counts[status] += 1
        if progress is not None:
            progress(article, status)
    log.debug("build: %s", counts)
    if stats is not None:
        stats.update(counts)
    return dataset


def _write_article(
    dataset: Dataset,
    article: Article,
    assertions: Iterable[Assertion],
    registry: Mapping[str, Actor] | None,
    counts: dict[str, int],
) -> str:
    """Replace one article's graph unless it is unchanged; count what was written.

    Returns:
        ``"added"``, ``"replaced"`` or ``"unchanged"``.
    """
    g = article_graph(article, assertions, registry=registry)
    digest = str(g.value(article_iri(article.id), KG.graphHash))
    old = stored_hash(dataset, article.id)
    if old == digest:
        return "unchanged"
    replace_graph(dataset, g)
    counts["events"] += len(set(g.subjects(RDF.type, KG.Event)))
    counts["negated"] += len(set(g.subjects(KG.negated, Literal(True))))
    counts["direct"] += sum(1 for _, p, _ in g if _is_relation(g, p))
    return "added" if old is None else "replaced"


def _is_relation(g: Graph, p: Node) -> bool:
    """Whether a predicate is a kg relation (of the vocabulary or declared in g)."""
    ns = str(KG._NS)
    if not str(p).startswith(ns):
        return False
    declared = (p, RDF.type, OWL.ObjectProperty) in g
    return str(p)[len(ns) :] in load_vocabulary() or declared


__all__ = [
    "article_graph",
    "build",
    "ensure_ontology",
    "event_iri",
    "graph_digest",
    "stored_hash",
]
