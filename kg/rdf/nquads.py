"""Assertions -> N-Triples text: one article's named graph without rdflib objects.

:func:`article_quads` writes the triples of an article's graph straight from the
records as N-Triples strings, so that building a store costs string formatting,
not one rdflib term per triple. The graph is the one :mod:`kg.rdf.graph`
documents: the article node (Dublin Core + PROV-O), the actors it mentions, one
``kg:Event`` per assertion and, for asserted non-negated relations, the direct
triple. :func:`kg.rdf.graph.article_graph` parses this text into an rdflib Graph.

``kg:graphHash`` is the SHA-256 of the graph's sorted triples without its
timestamp, its input hash and itself, written as rdflib's ``n3()`` writes them
(the definition the stores built before kept), so a graph written here and one
read back through rdflib have the same digest (:func:`kg.rdf.graph.graph_digest`).

Examples:
    >>> from kg.types import Article, Assertion, Mention
    >>> us, isis = Mention("US", "US", 0, 2), Mention("ISIS", "Daesh", 12, 17)
    >>> a = Assertion("a1", us, isis, "opposes", 0, 0, 18, "US opposes Daesh.")
    >>> q = article_quads(Article("a1", a.evidence), [a])
    >>> q.events, q.direct, q.graph
    (1, 1, 'https://w3id.org/kg-news/graph/a1')
    >>> us_opposes = "<https://w3id.org/kg-news/actor/US> " + _iri(KG.opposes)
    >>> us_opposes in q.ntriples()
    True
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from importlib import metadata

from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.dates import normalise_date
from kg.rdf.namespaces import EVENT, KG, WD
from kg.rdf.ontology import actor_iri, article_iri, class_iri, graph_iri, relation_iri
from kg.types import Actor, Article, Assertion, KGError, Mention
from kg.vocab import ACTOR_CLASSES, MODALITIES, load_vocabulary, quad_class

log = logging.getLogger("kg")

#: A triple as N-Triples terms: subject, predicate, object (each already written).
Triple = tuple[str, str, str]


def _iri(term: object) -> str:
    return f"<{term}>"


# the predicates and classes, written once
TYPE, LABEL, PREF, ALT = (
    _iri(t) for t in (RDF.type, RDFS.label, SKOS.prefLabel, SKOS.altLabel)
)
SAME_AS, SUBPROP, OBJPROP = (
    _iri(OWL.sameAs),
    _iri(RDFS.subPropertyOf),
    _iri(OWL.ObjectProperty),
)
GENERATED, DERIVED = _iri(PROV.generatedAtTime), _iri(PROV.wasDerivedFrom)
GRAPH_HASH, INPUT_HASH = _iri(KG.graphHash), _iri(KG.inputHash)
EVENT_CLASS, ARTICLE_CLASS = _iri(KG.Event), _iri(KG.Article)
_EVENT_BASE = str(EVENT)
_K = {name: _iri(getattr(KG, name)) for name in (
    "country", "sector", "cameoCode", "validFrom", "validTo", "predecessor",
    "partOf", "known", "quadClass", "ploverCategory", "source", "target",
    "relation", "negated", "modality", "evidence", "sentenceIndex", "startOffset",
    "endOffset", "sourceText", "targetText", "confidence", "attribution", "date",
    "sourceCode", "targetCode", "trigger", "url", "contentHash", "extractorVersion",
)}  # fmt: skip
_DC = {name: _iri(getattr(DCTERMS, name)) for name in (
    "identifier", "title", "date", "publisher")}  # fmt: skip
_QUAD_PROPS = {
    1: _iri(KG.verbalCooperation),
    2: _iri(KG.materialCooperation),
    3: _iri(KG.verbalConflict),
    4: _iri(KG.materialConflict),
}
_RELATED = _iri(KG.relatedTo)
_INT, _DEC, _DATE = (f"^^<{XSD.integer}>", f"^^<{XSD.decimal}>", f"^^<{XSD.date}>")
_BOOL, _DATETIME, _ANYURI = (f"^^<{XSD.boolean}>", f"^^<{XSD.dateTime}>",
                             f"^^<{XSD.anyURI}>")  # fmt: skip
TRUE, FALSE = f'"true"{_BOOL}', f'"false"{_BOOL}'
#: Triples the digest leaves out: the time and the hash are written after it, and
#: the input hash says what the graph was made from, not what it holds.
_UNHASHED = frozenset({GENERATED, GRAPH_HASH, INPUT_HASH})
#: N-Triples string escapes (the four characters a quoted literal may not hold).
_NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def quote(text: str) -> str:
    r"""A string literal in N-Triples.

    Examples:
        >>> print(quote('say "hi"\nC:\\'))
        "say \"hi\"\nC:\\"
    """
    return '"' + text.translate(_NT_ESCAPES) + '"'


def n3_quote(text: str) -> str:
    r"""A string literal as rdflib's ``Literal.n3()`` writes it (the digest form).

    Without a newline it is the N-Triples form; with one, a triple-quoted string.

    Examples:
        >>> n3_quote("a\nb") == 3 * '"' + "a\nb" + 3 * '"'
        True
        >>> n3_quote('x"') == quote('x"')
        True
    """
    if "\n" not in text:
        return quote(text)
    encoded = text.replace("\\", "\\\\")
    if '"""' in text:
        encoded = encoded.replace('"""', '\\"\\"\\"')
    if encoded[-1] == '"' and encoded[-2] != "\\":
        encoded = encoded[:-1] + '\\"'
    return '"""' + encoded.replace("\r", "\\r") + '"""'


def sha256(text: str) -> str:
    """Hex SHA-256 of a UTF-8 string.

    Examples:
        >>> sha256("")[:12]
        'e3b0c44298fc'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def version() -> str:
    """The installed kg version (``kg:extractorVersion``)."""
    try:
        return metadata.version("kg")
    except metadata.PackageNotFoundError:  # running from a bare checkout
        return "unknown"


def _date(value: str | None) -> str | None:
    """A date (or a timestamp) as an ``xsd:date`` literal; None when missing or bad."""
    try:
        day = normalise_date(value)
    except KGError:
        log.warning("ignoring unparseable date %r", value)
        return None
    return None if day is None else f'"{day}"{_DATE}'


def decimal(value: float) -> str:
    """Canonical ``xsd:decimal`` lexical form with 4 digits at most.

    Examples:
        >>> decimal(1), decimal(0.8), decimal(0.123456)
        ('1.0', '0.8', '0.1235')
    """
    text = f"{float(value):.4f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


@lru_cache(maxsize=65536)
def actor_node(actor_id: str) -> str:
    """The written IRI of an actor (cached: actors recur in every article)."""
    return _iri(actor_iri(actor_id))


@lru_cache(maxsize=4096)
def relation_node(name: str) -> str:
    """The written IRI of a relation property."""
    return _iri(relation_iri(name))


@lru_cache(maxsize=65536)
def _entry_terms(entry: Actor) -> tuple[tuple[str, str, str | None], ...]:
    """An actor's registry description as ``(predicate, object, object's n3()
    form or None)``: written once per actor, not once per article that names it.
    """
    out: list[tuple[str, str, str | None]] = []

    def text(p: str, value: str) -> None:
        out.append((p, quote(value), n3_quote(value) if "\n" in value else None))

    text(LABEL, entry.label)
    text(PREF, entry.label)
    for alias in entry.aliases:
        if alias != entry.label:
            text(ALT, alias)
    for prop, value in (
        ("country", entry.country), ("sector", entry.sector),
        ("cameoCode", entry.code),
    ):  # fmt: skip
        if value:
            text(_K[prop], value)
    if entry.wikidata:
        out.append((SAME_AS, _iri(WD[entry.wikidata]), None))
    for prop, day in (("validFrom", entry.valid_from), ("validTo", entry.valid_to)):
        lit = _date(day)
        if lit is not None:
            out.append((_K[prop], lit, None))
    for prop, other in (("predecessor", entry.predecessor), ("partOf", entry.parent)):
        if other:
            out.append((_K[prop], actor_node(other), None))
    return tuple(out)


def event_key(a: Assertion) -> str:
    """The hex digest in an assertion's event IRI (``kg.rdf.graph.event_iri``)."""
    key = "\x1f".join(
        [a.article, a.source.actor, a.relation, a.target.actor, str(a.sentence),
         str(a.start)]
    )  # fmt: skip
    return sha256(key)[:32]


@dataclass(frozen=True)
class ArticleQuads:
    """One article's named graph as N-Triples terms, with what it holds.

    Attributes:
        id: The article id.
        graph: The named graph's IRI (unbracketed).
        triples: The triples, each ``(s, p, o)`` written in N-Triples.
        digest: The ``kg:graphHash`` of the graph.
        input_hash: The ``kg:inputHash`` of the article's input, or None.
        events: Event nodes in the graph.
        negated: Negated events.
        direct: Direct ``actor relation actor`` triples.
    """

    id: str
    graph: str
    triples: tuple[Triple, ...]
    digest: str
    input_hash: str | None = None
    events: int = 0
    negated: int = 0
    direct: int = 0

    def ntriples(self) -> str:
        """The graph as N-Triples text."""
        return "".join(f"{s} {p} {o} .\n" for s, p, o in self.triples)

    def nquads(self) -> str:
        """The graph as N-Quads text (every triple in the article's named graph)."""
        g = _iri(self.graph)
        return "".join(f"{s} {p} {o} {g} .\n" for s, p, o in self.triples)


class _Writer:
    """Collects one article's triples (a set in first-seen order) and their digest
    forms."""

    def __init__(self, registry: Mapping[str, Actor]) -> None:
        self.registry = registry
        self.triples: dict[Triple, None] = {}
        self.n3: dict[str, str] = {}  # object -> its n3() form, where that differs
        self.actors: dict[Mention, str] = {}
        self.direct: set[Triple] = set()

    def add(self, s: str, p: str, o: str) -> None:
        self.triples[(s, p, o)] = None

    def text(self, s: str, p: str, value: str) -> None:
        """Add a plain string literal."""
        lit = quote(value)
        if "\n" in value:
            self.n3[lit] = n3_quote(value)
        self.triples[(s, p, lit)] = None

    def digest(self) -> str:
        n3 = self.n3
        triples = self.triples
        lines = sorted(
            f"{s} {p} {n3.get(o, o)} ." for s, p, o in triples if p not in _UNHASHED
        )
        return sha256("\n".join(lines))

    # ------------------------------------------------------------------ actors
    def actor(self, m: Mention) -> str:
        node = self.actors.get(m)
        if node is None:
            node = self.actors[m] = self._describe(m)
        return node

    def _describe(self, m: Mention) -> str:
        node = actor_node(m.actor)
        entry = self.registry.get(m.actor)
        cls = entry.cls if entry is not None else m.cls
        if cls not in ACTOR_CLASSES:
            log.warning("actor %r has unknown class %r; typed kg:Actor", m.actor, cls)
            cls = "Actor"
        self.add(node, TYPE, _iri(class_iri(cls)))
        if entry is not None:
            self._entry(node, entry)
        else:
            label = m.label or m.text or m.actor
            self.text(node, LABEL, label)
            self.text(node, PREF, label)
            if m.country:
                self.text(node, _K["country"], m.country)
        if not m.known:
            self.add(node, _K["known"], FALSE)
        return node

    def _entry(self, node: str, entry: Actor) -> None:
        """Labels, aliases, codes, Wikidata link, validity and lineage of an actor."""
        triples, n3 = self.triples, self.n3
        for p, o, o_n3 in _entry_terms(entry):
            triples[(node, p, o)] = None
            if o_n3 is not None:
                n3[o] = o_n3

    # ------------------------------------------------------------------ events
    def relation(self, a: Assertion) -> tuple[str, str, str, int]:
        """The property, CAMEO code, PLOVER category and quad class of an assertion.

        Codes the assertion lacks come from the vocabulary; a relation the
        vocabulary does not know is declared in the graph.
        """
        if a.modality not in MODALITIES:
            raise KGError(
                f"assertion in {a.article!r} has modality {a.modality!r}; "
                f"expected one of {list(MODALITIES)}"
            )
        vocab = load_vocabulary().get(a.relation)
        prop = relation_node(a.relation)
        cameo = a.cameo or (vocab.cameo if vocab else "")
        plover = a.plover or (vocab.plover if vocab else "")
        quad = a.quad_class or (vocab.quad_class if vocab else 0)
        if not quad and cameo:
            quad = quad_class(cameo)
        if vocab is None:
            self._declare(a, prop, quad)
        return prop, cameo, plover, quad

    def _declare(self, a: Assertion, prop: str, quad: int) -> None:
        """Declare a relation that is not in the packaged vocabulary."""
        self.add(prop, TYPE, OBJPROP)
        self.text(prop, LABEL, a.relation)
        self.add(prop, SUBPROP, _QUAD_PROPS.get(quad, _RELATED))
        if quad in _QUAD_PROPS:
            self.add(prop, _K["quadClass"], f'"{int(quad)}"{_INT}')
        if a.cameo:
            self.text(prop, _K["cameoCode"], a.cameo)
        if a.plover:
            self.text(prop, _K["ploverCategory"], a.plover)

    def event(self, a: Assertion, art: str, ev: str) -> bool:
        """Add one event node (and its direct triple); return whether it is negated."""
        prop, cameo, plover, quad = self.relation(a)
        src, tgt = self.actor(a.source), self.actor(a.target)
        k = _K
        add, text = self.add, self.text
        add(ev, TYPE, EVENT_CLASS)
        add(ev, k["source"], src)
        add(ev, k["target"], tgt)
        add(ev, k["relation"], prop)
        add(ev, k["negated"], TRUE if a.negated else FALSE)
        text(ev, k["modality"], a.modality)
        text(ev, k["evidence"], a.evidence)
        add(ev, k["sentenceIndex"], f'"{int(a.sentence)}"{_INT}')
        add(ev, k["startOffset"], f'"{int(a.start)}"{_INT}')
        add(ev, k["endOffset"], f'"{int(a.end)}"{_INT}')
        text(ev, k["sourceText"], a.source.text)
        text(ev, k["targetText"], a.target.text)
        add(ev, k["confidence"], f'"{decimal(a.confidence)}"{_DEC}')
        add(ev, DERIVED, art)
        self._optional(a, ev, cameo, plover, quad)
        if a.asserted:
            add(src, prop, tgt)
            self.direct.add((src, prop, tgt))
        return bool(a.negated)

    def _optional(
        self, a: Assertion, ev: str, cameo: str, plover: str, quad: int
    ) -> None:
        """The event facts that may be missing."""
        if a.attribution:
            self.text(ev, _K["attribution"], a.attribution)
        day = _date(a.date)
        if day is not None:
            self.add(ev, _K["date"], day)
        for prop, value in (
            ("sourceCode", a.source.code), ("targetCode", a.target.code),
            ("cameoCode", cameo), ("ploverCategory", plover),
        ):  # fmt: skip
            if value:
                self.text(ev, _K[prop], value)
        if quad:
            self.add(ev, _K["quadClass"], f'"{int(quad)}"{_INT}')
        if a.trigger:
            self.text(ev, _K["trigger"], a.trigger)

    # ----------------------------------------------------------------- article
    def article(self, article: Article) -> str:
        """The article node: identifier, title, date, publisher, URL, content hash."""
        art = _iri(article_iri(article.id))
        self.add(art, TYPE, ARTICLE_CLASS)
        self.text(art, _DC["identifier"], article.id)
        if article.title:
            self.text(art, _DC["title"], article.title)
        day = _date(article.date)
        if day is not None:
            self.add(art, _DC["date"], day)
        if article.source:
            self.text(art, _DC["publisher"], article.source)
        if article.url:
            self.add(art, _K["url"], quote(article.url) + _ANYURI)
        self.text(art, _K["contentHash"], sha256(article.text))
        self.text(art, _K["extractorVersion"], version())
        return art


def article_quads(
    article: Article,
    assertions: Iterable[Assertion],
    *,
    registry: Mapping[str, Actor] | None = None,
    generated_at: datetime | None = None,
    input_hash: str | None = None,
) -> ArticleQuads:
    """One article's named graph as N-Triples terms (see :class:`ArticleQuads`).

    Args:
        article: The article.
        assertions: Its relation assertions.
        registry: Actor registry for labels, aliases, Wikidata links and classes;
            actors it lacks are described by what their mentions carry.
        generated_at: Extraction time (``prov:generatedAtTime``); default now (UTC).
        input_hash: The article's input hash (``kg:inputHash``), or None for none.

    Raises:
        KGError: on an empty article id, an assertion of another article, a bad
            relation name or modality.
    """
    w = _Writer(registry or {})
    art = w.article(article)
    if input_hash is not None:
        w.text(art, INPUT_HASH, input_hash)
    seen: set[str] = set()
    events = negated = 0
    for a in assertions:
        if a.article and a.article != article.id:
            raise KGError(
                f"assertion of article {a.article!r} given with article {article.id!r}"
            )
        key = event_key(a)
        if key in seen:  # the same statement twice in one sentence: keep the first
            continue
        seen.add(key)
        neg = w.event(a, art, f"<{_EVENT_BASE}{key}>")
        events += 1
        negated += neg
    digest = w.digest()
    w.text(art, GRAPH_HASH, digest)
    when = generated_at or datetime.now(timezone.utc).replace(microsecond=0)
    w.add(art, GENERATED, f'"{when.isoformat()}"{_DATETIME}')
    return ArticleQuads(
        id=article.id,
        graph=str(graph_iri(article.id)),
        triples=tuple(w.triples),
        digest=digest,
        input_hash=input_hash,
        events=events,
        negated=negated,
        direct=len(w.direct),
    )
