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
from datetime import date, datetime, timezone

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

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
from kg.types import Actor, Article, Assertion, KGError, Mention
from kg.vocab import ACTOR_CLASSES, MODALITIES

log = logging.getLogger("kg")

_QUAD_PROPS = {
    1: KG.verbalCooperation,
    2: KG.materialCooperation,
    3: KG.verbalConflict,
    4: KG.materialConflict,
}


def _version() -> str:
    from kg import __version__

    return __version__


def _iso_date(value: str | None) -> Literal | None:
    """``"2025-01-25"`` (or a datetime string) -> ``xsd:date`` literal; else None."""
    if not value:
        return None
    try:
        day = date.fromisoformat(str(value)[:10])
    except ValueError:
        log.warning("ignoring unparseable date %r", value)
        return None
    return Literal(day.isoformat(), datatype=XSD.date)


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


def _default_registry() -> Mapping[str, Actor]:
    try:
        from kg.registry import load_registry
    except ImportError:  # the actor registry module is optional for the graph
        return {}
    try:
        return load_registry()
    except Exception as exc:  # noqa: BLE001 - never fail a build over labels
        log.warning("actor registry not available (%s); using mention data only", exc)
        return {}


def _add_actor(g: Graph, m: Mention, registry: Mapping[str, Actor]) -> URIRef:
    node = actor_iri(m.actor)
    entry = registry.get(m.actor)
    cls = entry.cls if entry is not None else m.cls
    if cls not in ACTOR_CLASSES:
        log.warning("actor %r has unknown class %r; typed kg:Actor", m.actor, cls)
        cls = "Actor"
    g.add((node, RDF.type, class_iri(cls)))
    if entry is not None:
        g.add((node, RDFS.label, Literal(entry.label)))
        g.add((node, SKOS.prefLabel, Literal(entry.label)))
        for alias in entry.aliases:
            if alias != entry.label:
                g.add((node, SKOS.altLabel, Literal(alias)))
        if entry.country:
            g.add((node, KG.country, Literal(entry.country)))
        if entry.sector:
            g.add((node, KG.sector, Literal(entry.sector)))
        if entry.code:
            g.add((node, KG.cameoCode, Literal(entry.code)))
        if entry.wikidata:
            g.add((node, OWL.sameAs, WD[entry.wikidata]))
        for prop, value in (
            (KG.validFrom, entry.valid_from),
            (KG.validTo, entry.valid_to),
        ):
            lit = _iso_date(value)
            if lit is not None:
                g.add((node, prop, lit))
        if entry.predecessor:
            g.add((node, KG.predecessor, actor_iri(entry.predecessor)))
        if entry.parent:
            g.add((node, KG.partOf, actor_iri(entry.parent)))
    else:
        label = m.label or m.text or m.actor
        g.add((node, RDFS.label, Literal(label)))
        g.add((node, SKOS.prefLabel, Literal(label)))
        if m.country:
            g.add((node, KG.country, Literal(m.country)))
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


def _add_event(
    g: Graph, a: Assertion, art: URIRef, registry: Mapping[str, Actor]
) -> None:
    from kg.vocab import load_vocabulary, quad_class

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
    src = _add_actor(g, a.source, registry)
    tgt = _add_actor(g, a.target, registry)
    ev = event_iri(a)
    add = g.add
    add((ev, RDF.type, KG.Event))
    add((ev, KG.source, src))
    add((ev, KG.target, tgt))
    add((ev, KG.relation, prop))
    add((ev, KG.negated, Literal(bool(a.negated))))
    add((ev, KG.modality, Literal(a.modality)))
    if a.attribution:
        add((ev, KG.attribution, Literal(a.attribution)))
    day = _iso_date(a.date)
    if day is not None:
        add((ev, KG.date, day))
    add((ev, KG.evidence, Literal(a.evidence)))
    add((ev, KG.sentenceIndex, Literal(int(a.sentence))))
    add((ev, KG.startOffset, Literal(int(a.start))))
    add((ev, KG.endOffset, Literal(int(a.end))))
    add((ev, KG.sourceText, Literal(a.source.text)))
    add((ev, KG.targetText, Literal(a.target.text)))
    if a.source.code:
        add((ev, KG.sourceCode, Literal(a.source.code)))
    if a.target.code:
        add((ev, KG.targetCode, Literal(a.target.code)))
    if cameo:
        add((ev, KG.cameoCode, Literal(cameo)))
    if plover:
        add((ev, KG.ploverCategory, Literal(plover)))
    if quad:
        add((ev, KG.quadClass, Literal(int(quad))))
    if a.trigger:
        add((ev, KG.trigger, Literal(a.trigger)))
    add((ev, KG.confidence, Literal(_decimal(a.confidence), datatype=XSD.decimal)))
    add((ev, PROV.wasDerivedFrom, art))
    if a.asserted:
        add((src, prop, tgt))


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
        registry: Actor registry used for labels, aliases, Wikidata links and
            classes; ``None`` loads the packaged registry when ``kg.nlp.actors`` is
            available, ``{}`` uses only what the mentions carry.
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
    if registry is None:
        registry = _default_registry()
    art = article_iri(article.id)
    g = bind(Graph(identifier=graph_iri(article.id)))
    g.add((art, RDF.type, KG.Article))
    g.add((art, DCTERMS.identifier, Literal(article.id)))
    if article.title:
        g.add((art, DCTERMS.title, Literal(article.title)))
    day = _iso_date(article.date)
    if day is not None:
        g.add((art, DCTERMS.date, day))
    if article.source:
        g.add((art, DCTERMS.publisher, Literal(article.source)))
    if article.url:
        g.add((art, KG.url, Literal(article.url, datatype=XSD.anyURI)))
    g.add((art, KG.contentHash, Literal(sha256(article.text))))
    g.add((art, KG.extractorVersion, Literal(_version())))
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
def _store_kind(dataset: Dataset) -> str:
    store = dataset.store
    name = type(store).__name__
    if name == "OxigraphStore":
        return "oxigraph"
    if name in ("SPARQLUpdateStore", "SPARQLStore"):
        return "sparql"
    return "rdflib"


def _nt(graph: Graph) -> str:
    return "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in graph)


def replace_graph(dataset: Dataset, graph: Graph) -> None:
    """Replace the named graph ``graph.identifier`` in the dataset, all or nothing.

    On Oxigraph (embedded or behind a SPARQL endpoint) the drop and the insert run
    as one SPARQL update, which the store applies in a single transaction.
    """
    name = graph.identifier
    kind = _store_kind(dataset)
    if kind == "rdflib":
        quads = [(s, p, o, dataset.graph(name)) for s, p, o in graph]
        dataset.remove_graph(name)
        dataset.graph(name)
        dataset.addN(quads)
        return
    update = (
        f"DROP SILENT GRAPH <{name}> ;\n"
        f"INSERT DATA {{ GRAPH <{name}> {{\n{_nt(graph)}\n}} }}"
    )
    try:
        if kind == "oxigraph":
            dataset.store._inner.update(update)
        else:
            dataset.store.update(update)
    except (OSError, SyntaxError, ValueError) as exc:
        raise KGError(f"cannot write graph <{name}>: {exc}") from exc
    except Exception as exc:  # HTTP errors of the endpoint
        raise KGError(
            f"cannot write graph <{name}> to the SPARQL endpoint: {exc}"
        ) from exc


def stored_hash(dataset: Dataset, article_id: str) -> str | None:
    """The ``kg:graphHash`` of the article's graph in the dataset, or None."""
    q = (
        f"SELECT ?h WHERE {{ GRAPH <{graph_iri(article_id)}> "
        f"{{ <{article_iri(article_id)}> <{KG.graphHash}> ?h }} }}"
    )
    for row in dataset.query(q):
        return str(row[0])
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
    if dataset is None:
        from kg.rdf.store import open_store

        dataset = open_store("memory")
    if registry is None:
        registry = _default_registry()
    counts = {
        k: 0
        for k in (
            "articles",
            "added",
            "replaced",
            "unchanged",
            "events",
            "direct",
            "negated",
        )
    }
    ensure_ontology(dataset)
    for article, assertions in results:
        assertions = list(assertions)
        g = article_graph(article, assertions, registry=registry)
        digest = str(g.value(article_iri(article.id), KG.graphHash))
        old = stored_hash(dataset, article.id)
        counts["articles"] += 1
        if old == digest:
            status = "unchanged"
        else:
            replace_graph(dataset, g)
            status = "added" if old is None else "replaced"
            counts["events"] += sum(1 for _ in g.subjects(RDF.type, KG.Event))
            counts["negated"] += sum(1 for _ in g.subjects(KG.negated, Literal(True)))
            counts["direct"] += sum(
                1
                for _, p, _ in g
                if str(p).startswith(str(KG._NS)) and _is_relation(g, p)
            )
        counts[status] += 1
        if progress is not None:
            progress(article, status)
    log.debug("build: %s", counts)
    if stats is not None:
        stats.update(counts)
    return dataset


def _is_relation(g: Graph, p: URIRef) -> bool:
    from kg.vocab import load_vocabulary

    name = str(p)[len(str(KG._NS)) :]
    return name in load_vocabulary() or (p, RDF.type, OWL.ObjectProperty) in g


__all__ = [
    "article_graph",
    "build",
    "ensure_ontology",
    "event_iri",
    "graph_digest",
    "replace_graph",
    "stored_hash",
]
