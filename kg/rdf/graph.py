"""Assertions -> RDF: one named graph per article, written to a store in batches.

Each article becomes a named graph ``<https://w3id.org/kg-news/graph/{id}>`` holding
the article node (Dublin Core + PROV-O), the actors it mentions, one ``kg:Event``
node per assertion (with its provenance) and, for asserted non-negated
relations, the direct triple ``actor:US kg:sharesIntelligenceWith actor:SYR``.
:mod:`kg.rdf.nquads` writes those triples as N-Triples text straight from the
records; :func:`article_graph` reads them into an rdflib Graph for callers that
want one.

IRIs are stable hashes of the content, never blank nodes, so the same input gives
the same graph. The only time-dependent triple is ``prov:generatedAtTime`` on the
article node; an article whose graph is unchanged (same ``kg:graphHash``) is not
rewritten, so its timestamp is kept.

:func:`build` writes the graphs in batches (Oxigraph's bulk loader), each batch
with a build record (a ``kg:Batch`` in a named graph of its own: every graph it
wrote with its hash and triple count), which :func:`check_store` compares with
the store. :func:`input_hash` and :func:`pending` let a job skip an unchanged
article before any language processing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import datetime, timezone

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV

from kg.rdf.derived import Derived
from kg.rdf.namespaces import BATCH, EVENT, KG, ONTOLOGY_IRI
from kg.rdf.nquads import (
    GENERATED,
    TYPE,
    ArticleQuads,
    Triple,
    article_quads,
    event_key,
    quote,
    sha256,
    version,
)
from kg.rdf.ontology import (
    article_iri,
    graph_iri,
    load_ontology,
    ontology_hash,
    plain,
)
from kg.rdf.store import (
    compact,
    open_store,
    replace_graph,
    update,
    values_of,
    write_graphs,
)
from kg.types import Actor, Article, Assertion

log = logging.getLogger("kg")

#: The counts :func:`build` reports.
_COUNTS = (
    "articles", "added", "replaced", "unchanged", "events", "direct", "negated",
    "batches",
)  # fmt: skip
#: Articles per written batch (one bulk load and one build record each).
WRITE_BATCH = 256


def event_iri(a: Assertion) -> URIRef:
    """Stable IRI of an assertion: a hash of (article, source, relation, target,
    sentence, start).

    Examples:
        >>> from kg.types import Mention
        >>> m1, m2 = Mention("US", "US", 0, 2), Mention("SYR", "Syria", 10, 15)
        >>> a = Assertion("seed", m1, m2, "supports", 0, 0, 20, "US backs Syria.")
        >>> event_iri(a) == event_iri(a)
        True
        >>> str(event_iri(a)).startswith("https://w3id.org/kg-news/event/")
        True
    """
    return EVENT[event_key(a)]


def input_hash(article: Article, fingerprint: str = "") -> str:
    """SHA-256 of what an article's graph is made from (``kg:inputHash``).

    Args:
        article: The article (id, text, title, date, URL and publisher count).
        fingerprint: The versions of what extracts it (kg, the model, the
            registries, the patterns: ``kg.pipeline.extraction_fingerprint``).

    Examples:
        >>> a = Article("a1", "Iran condemned Israel.")
        >>> input_hash(a) == input_hash(Article("a1", "Iran condemned Israel."))
        True
        >>> input_hash(a) == input_hash(a, "model 3.8.1")
        False
    """
    fields = (
        version(), fingerprint, article.id, article.text, article.title,
        article.date, article.url, article.source,
    )  # fmt: skip
    return sha256("\x1f".join("" if f is None else f for f in fields))


def graph_digest(graph: Graph) -> str:
    """SHA-256 of a graph's sorted triples, ignoring its timestamp and hashes.

    The triples are written as rdflib's ``n3()`` writes them; the graph has no
    blank nodes, so the sorted lines are canonical: two graphs with the same
    digest have the same triples. Equal to the digest :mod:`kg.rdf.nquads` wrote
    into the graph (``kg:graphHash``).
    """
    skip = {PROV.generatedAtTime, KG.graphHash, KG.inputHash}
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
    input_hash: str | None = None,
) -> Graph:
    """Return one article's triples as a Graph named after the article.

    Args:
        article: The article.
        assertions: Its relation assertions (from ``kg.nlp.relations.extract``).
        registry: Actor registry (``kg.registry.load_registry()``) used for
            labels, aliases, Wikidata links and classes; actors it lacks (and all
            actors when it is None) are described by what their mentions carry.
        generated_at: Extraction time (``prov:generatedAtTime``); default now (UTC).
        input_hash: The article's :func:`input_hash` (``kg:inputHash``), or None.

    Returns:
        An ``rdflib.Graph`` whose identifier is the article's named-graph IRI.

    Raises:
        KGError: on an empty article id, a bad relation name or modality.

    Examples:
        >>> from kg.rdf.ontology import actor_iri
        >>> from kg.types import Mention
        >>> us = Mention("US", "The United States", 0, 17, label="United States")
        >>> syr = Mention("SYR", "Syria", 33, 38, label="Syria", cls="State")
        >>> a = Assertion("a1", us, syr, "sharesIntelligenceWith", 0, 0, 39,
        ...               "The United States shares intel with Syria.")
        >>> g = article_graph(Article("a1", a.evidence), [a], registry={})
        >>> (actor_iri("US"), KG.sharesIntelligenceWith, actor_iri("SYR")) in g
        True
    """
    q = article_quads(
        article,
        assertions,
        registry=registry,
        generated_at=generated_at,
        input_hash=input_hash,
    )
    from kg.rdf.namespaces import bind

    g = bind(Graph(identifier=URIRef(q.graph)))
    return g.parse(data=q.ntriples(), format="nt")


# ----------------------------------------------------------------- writing to stores
def ensure_ontology(dataset: Dataset) -> bool:
    """Keep a copy of the ontology in the named graph ``<…/ontology>``.

    With it, property paths such as ``?a ?p ?b . ?p rdfs:subPropertyOf*
    kg:materialCooperation`` work inside the store. Rewritten only when kg.ttl
    changed.

    Returns:
        True when the graph was (re)written.
    """
    digest = ontology_hash()
    key = (str(ONTOLOGY_IRI), str(ONTOLOGY_IRI))
    if values_of(dataset, [key], str(KG.graphHash)).get(key[1]) == digest:
        return False
    onto = load_ontology()
    g = Graph(identifier=ONTOLOGY_IRI)
    g += onto
    g.add((ONTOLOGY_IRI, KG.graphHash, Literal(digest)))
    replace_graph(dataset, g)
    return True


def pending(
    dataset: Dataset,
    articles: Iterable[Article],
    *,
    fingerprint: str = "",
    skipped: Callable[[Article], None] | None = None,
    chunk: int = WRITE_BATCH,
) -> Iterator[Article]:
    """The articles whose input changed since the store last took them.

    An article whose stored ``kg:inputHash`` equals its :func:`input_hash` is
    left out (and passed to ``skipped``): its graph is already the one a new
    extraction would give, so no language processing is needed.

    Args:
        dataset: The store.
        articles: The articles (streamed; looked up ``chunk`` at a time).
        fingerprint: The extraction fingerprint (see :func:`input_hash`).
        skipped: Called with each article left out.
        chunk: Articles per store look-up.
    """
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= chunk:
            yield from _changed(dataset, batch, fingerprint, skipped)
            batch = []
    yield from _changed(dataset, batch, fingerprint, skipped)


def _changed(
    dataset: Dataset,
    batch: Sequence[Article],
    fingerprint: str,
    skipped: Callable[[Article], None] | None,
) -> Iterator[Article]:
    if not batch:
        return
    keys = [(str(graph_iri(a.id)), str(article_iri(a.id))) for a in batch]
    stored = values_of(dataset, keys, str(KG.inputHash))
    for article, (_, node) in zip(batch, keys, strict=True):
        if stored.get(node) == input_hash(article, fingerprint):
            if skipped is not None:
                skipped(article)
        else:
            yield article


def build(
    results: Iterable[tuple[Article, list[Assertion]]],
    *,
    dataset: Dataset | None = None,
    registry: Mapping[str, Actor] | None = None,
    progress: Callable[[Article, str], None] | None = None,
    stats: dict | None = None,
    fingerprint: str = "",
    batch_size: int = WRITE_BATCH,
    event_window: int | None = None,
) -> Dataset:
    """Write each article's graph into a dataset, replacing what was there.

    Articles are written ``batch_size`` at a time (on Oxigraph with the bulk
    loader): the graphs of a batch, then its build record. An article whose
    graph would be identical (same ``kg:graphHash``) is skipped, so building the
    same input twice changes nothing. At the end the derived edges and events of
    the dyads the build touched are recomputed (:mod:`kg.rdf.derived`) and the
    store is flushed and compacted (:func:`kg.rdf.store.compact`).

    Args:
        results: ``(article, assertions)`` pairs (``kg.nlp.extract.extract_articles``).
        dataset: Where to write (``kg.rdf.store.open_store``); default a new in-memory
            dataset.
        registry: Actor registry (see :func:`article_graph`).
        progress: Called as ``progress(article, status)`` after each article's
            batch is committed, with status ``"added"``, ``"replaced"`` or
            ``"unchanged"``.
        stats: A dict that receives the counts: ``articles``, ``added``,
            ``replaced``, ``unchanged``, ``events``, ``direct``, ``negated``,
            ``batches``.
        fingerprint: The extraction fingerprint that goes into each article's
            ``kg:inputHash`` (see :func:`input_hash`).
        batch_size: Articles per written batch.
        event_window: Days within which mentions of an edge are one event
            (:mod:`kg.rdf.events`); None keeps the store's (default 1).

    Returns:
        The dataset.

    Examples:
        >>> from kg.types import Mention
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
    writer = BatchWriter(dataset, progress=progress, event_window=event_window)
    articles: dict[str, Article] = {}
    batch: list[ArticleQuads] = []
    for article, assertions in results:
        ih = input_hash(article, fingerprint)
        batch.append(
            article_quads(article, assertions, registry=registry, input_hash=ih)
        )
        articles[article.id] = article
        if len(batch) >= batch_size:
            writer.write(batch, articles)
            batch, articles = [], {}
    writer.write(batch, articles)
    writer.close()
    log.debug("build: %s", writer.counts)
    if stats is not None:
        stats.update(writer.counts)
    return dataset


class BatchWriter:
    """Writes batches of article graphs into a store and counts what it wrote.

    The first write keeps the ontology graph up to date; :meth:`close`
    recomputes the derived edges and events of the dyads the writes touched
    (:class:`kg.rdf.derived.Derived`), then flushes and compacts the store. Used by
    :func:`build` and by the distributed driver (:mod:`kg.distributed`), which
    receives the graphs from its workers.

    Args:
        dataset: The store.
        progress: Called as ``progress(article, status)`` after each write.
        event_window: The event window in days (None: the store's, else 1).
    """

    def __init__(
        self,
        dataset: Dataset,
        *,
        progress: Callable[[Article, str], None] | None = None,
        event_window: int | None = None,
    ) -> None:
        self.dataset = dataset
        self.progress = progress
        self.counts = dict.fromkeys(_COUNTS, 0)
        self._ontology = False
        self.derived = Derived(dataset, event_window)

    def write(
        self, batch: Sequence[ArticleQuads], articles: Mapping[str, Article]
    ) -> list[str]:
        """Write one batch; return each article's status in order.

        Args:
            batch: The graphs (:func:`kg.rdf.nquads.article_quads`).
            articles: The articles by id (passed to ``progress``).

        Returns:
            ``"added"``, ``"replaced"`` or ``"unchanged"`` per graph.
        """
        if not self._ontology:
            ensure_ontology(self.dataset)
            self._ontology = True
        statuses = write_batch(self.dataset, batch, derived=self.derived)
        for q, status in zip(batch, statuses, strict=True):
            self.counts["articles"] += 1
            self.counts[status] += 1
            if status != "unchanged":
                self.counts["events"] += q.events
                self.counts["negated"] += q.negated
                self.counts["direct"] += q.direct
            if self.progress is not None:
                self.progress(articles[q.id], status)
        self.counts["batches"] += any(s != "unchanged" for s in statuses)
        return statuses

    def close(self) -> None:
        """Bring the derived data up to date, then flush and compact the store
        (Oxigraph), so that it opens at once."""
        self.derived.finish()
        compact(self.dataset)


def write_batch(
    dataset: Dataset, batch: Sequence[ArticleQuads], *, derived: Derived | None = None
) -> list[str]:
    """Write the changed graphs of a batch and its build record, in one load.

    The graphs being replaced are dropped first (one transaction); the new
    graphs and the batch's build record are then loaded together (Oxigraph's
    bulk loader), so a batch that finished is kept whole. A graph whose content
    is unchanged (same ``kg:graphHash``) keeps its triples and timestamp; only
    its ``kg:inputHash`` is brought up to date, so that the next build skips it.
    ``derived`` (when given) is told the dyads of the graphs written and dropped.

    Returns:
        ``"added"``, ``"replaced"`` or ``"unchanged"`` per graph.
    """
    keys = [(q.graph, str(article_iri(q.id))) for q in batch]
    old = values_of(dataset, keys, str(KG.graphHash)) if batch else {}
    statuses: list[str] = []
    graphs: dict[str, Sequence[Triple]] = {}
    drop: list[str] = []
    stale: list[tuple[str, str, str]] = []  # (graph, article, input hash)
    for q, (graph, node) in zip(batch, keys, strict=True):
        before = old.get(node)
        if before == q.digest:
            statuses.append("unchanged")
            if q.input_hash is not None:
                stale.append((graph, node, q.input_hash))
            continue
        statuses.append("added" if before is None else "replaced")
        if before is not None:
            drop.append(graph)
        graphs[graph] = q.triples
    _refresh_input_hashes(dataset, stale)
    if graphs:
        if derived is not None:
            derived.begin()
            derived.touch_graphs(drop)
            for triples in graphs.values():
                derived.touch_triples(triples)
        written = [q for q in batch if q.graph in graphs]
        name, record = batch_record(written)
        graphs[name] = record
        write_graphs(dataset, graphs, drop=drop)
    return statuses


def _refresh_input_hashes(
    dataset: Dataset, stale: Sequence[tuple[str, str, str]]
) -> None:
    """Set the input hash of unchanged graphs whose stored one differs."""
    if not stale:
        return
    stored = values_of(dataset, [(g, a) for g, a, _ in stale], str(KG.inputHash))
    todo = [(g, a, h) for g, a, h in stale if stored.get(a) != h]
    if not todo:
        return
    p = f"<{KG.inputHash}>"
    text = " ;\n".join(
        f"DELETE WHERE {{ GRAPH <{g}> {{ <{a}> {p} ?h }} }} ;\n"
        f"INSERT DATA {{ GRAPH <{g}> {{ <{a}> {p} {quote(h)} }} }}"
        for g, a, h in todo
    )
    update(dataset, text)


def batch_record(
    batch: Sequence[ArticleQuads], *, when: datetime | None = None
) -> tuple[str, list[Triple]]:
    """The build record of a batch: its named graph and triples.

    ``<batch/H> a kg:Batch`` with its time, total triple count and each graph it
    wrote (``prov:hadMember``), and each graph's ``kg:graphHash`` and
    ``kg:tripleCount``.
    """
    when = when or datetime.now(timezone.utc)
    members = sorted((q.graph, q.digest, len(q.triples)) for q in batch)
    key = sha256(when.isoformat() + "".join(f"{g}{d}" for g, d, _ in members))
    node = f"<{BATCH[key[:32]]}>"
    xsd = "http://www.w3.org/2001/XMLSchema#"
    total = sum(n for _, _, n in members)
    triples: list[Triple] = [
        (node, TYPE, f"<{KG.Batch}>"),
        (node, GENERATED, f'"{when.isoformat()}"^^<{xsd}dateTime>'),
        (node, f"<{KG.tripleCount}>", f'"{total}"^^<{xsd}integer>'),
    ]
    for graph, digest, n in members:
        triples.append((node, f"<{PROV.hadMember}>", f"<{graph}>"))
        triples.append((f"<{graph}>", f"<{KG.graphHash}>", quote(digest)))
        triples.append((f"<{graph}>", f"<{KG.tripleCount}>", f'"{n}"^^<{xsd}integer>'))
    return node[1:-1], triples


_RECORDS = """
SELECT ?g ?h ?n WHERE { GRAPH ?b {
  ?batch a <%(batch)s> ; <%(member)s> ?g . ?g <%(hash)s> ?h ; <%(count)s> ?n } }
"""
_COUNTS_PER_GRAPH = (
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
)
_HASHES = "SELECT ?g ?h WHERE { GRAPH ?g { ?a a <%(article)s> ; <%(hash)s> ?h } }"


def check_store(dataset: Dataset) -> list[str]:
    """Compare the store with the build records its builds left.

    Returns:
        One line per problem: a graph a record lists that is missing from the
        store (``lost``), or a graph whose triple count differs from the record of
        its current ``kg:graphHash`` (``incomplete``). Empty when the store holds
        what its builds wrote.
    """
    from kg.rdf.store import select

    terms = {
        "batch": KG.Batch, "member": PROV.hadMember, "hash": KG.graphHash,
        "count": KG.tripleCount, "article": KG.Article,
    }  # fmt: skip
    records: dict[str, dict[str, int]] = {}
    for g, h, written in select(dataset, _RECORDS % terms)[1]:
        records.setdefault(str(g), {})[str(h)] = int(str(written))
    sizes = {str(g): int(str(c)) for g, c in select(dataset, _COUNTS_PER_GRAPH)[1]}
    present: dict[str, tuple[str, int]] = {}
    for g, h in select(dataset, _HASHES % terms)[1]:
        present[str(g)] = (str(h), sizes.get(str(g), 0))
    problems = []
    for graph in sorted(records):
        if graph not in present:
            problems.append(f"lost: the graph <{graph}> a build wrote is missing")
            continue
        digest, n = present[graph]
        want = records[graph].get(digest)
        if want is not None and want != n:
            problems.append(
                f"incomplete: the graph <{graph}> has {n} triples; its build "
                f"wrote {want}"
            )
    return problems


__all__ = [
    "BatchWriter",
    "article_graph",
    "batch_record",
    "build",
    "check_store",
    "ensure_ontology",
    "event_iri",
    "graph_digest",
    "input_hash",
    "pending",
    "write_batch",
]
