"""The only lists: relations, actor classes, modalities, quad names, and the names
the command line offers (analysis measures, export formats).

The relation vocabulary is data (``kg/resources/relations.yaml``); this module reads it
once. Every relation is declared as an object property in ``ontology/kg.ttl`` with the
same annotations (a test checks that the two agree). The module imports only the base
layer, so the command line can build its parser from these lists without loading
rdflib, networkx or spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg.resources import read_yaml
from kg.types import KGError

#: Local names of the actor classes: ``kg:Actor`` and its subclasses in ontology/kg.ttl.
ACTOR_CLASSES: frozenset[str] = frozenset(
    {
        "Actor",
        "State",
        "Government",
        "Military",
        "Agency",
        "ArmedGroup",
        "Party",
        "InternationalOrganisation",
        "Media",
        "Person",
        "Place",
        "Organisation",
        "Group",
    }
)

#: How an event is stated: as fact, reported by a speaker, intended, planned, or
#: only hypothetical (a condition or question).
MODALITIES = ("asserted", "reported", "intended", "planned", "hypothetical")

#: The quad class of each CAMEO root (GDELT scheme).
QUAD_NAMES = {
    1: "verbalCooperation",
    2: "materialCooperation",
    3: "verbalConflict",
    4: "materialConflict",
}

#: Centrality measures of the actor graph (``kg analyze --measure``).
CENTRALITIES = ("degree", "in-degree", "out-degree", "pagerank", "betweenness")

#: What the actor graph's edges can count (``--count``): mentions (sentences
#: stating a relation) or events (mentions of one edge and polarity within the
#: event window, kg.rdf.events).
COUNTS = ("mentions", "events")

#: Everything ``kg analyze --measure`` accepts.
MEASURES = CENTRALITIES + ("communities", "balance", "paths", "ego", "timeline")

#: Export formats (``kg export --format``) and their usual file extensions.
EXPORT_FORMATS: dict[str, tuple[str, ...]] = {
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

#: The 18 PLOVER event categories of the gold data.
PLOVER_CATEGORIES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "COOPERATE",
    "AID",
    "CONCEDE",
    "RETREAT",
    "INVESTIGATE",
    "DEMAND",
    "DISAPPROVE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "MOBILIZE",
    "SANCTION",
    "FIGHT",
    "COERCE",
    "ASSAULT",
)


def quad_class(cameo: str) -> int:
    """Return the quad class of a CAMEO code (GDELT scheme).

    Examples:
        >>> quad_class("064"), quad_class("110"), quad_class("190")
        (2, 3, 4)
    """
    try:
        root = int(str(cameo)[:2])
    except ValueError:
        raise KGError(
            f"bad CAMEO code {cameo!r}; expected digits such as '064'"
        ) from None
    if not 1 <= root <= 20:
        raise KGError(f"bad CAMEO code {cameo!r}; the root must be 01 to 20")
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


@dataclass(frozen=True)
class Relation:
    """One relation of the vocabulary.

    Attributes:
        name: lowerCamel property name (``sharesIntelligenceWith``).
        label: English label ("shares intelligence with").
        definition: One-sentence definition.
        cameo: CAMEO event code (``"064"``).
        plover: PLOVER category (``"COOPERATE"``); empty for the public
            statements of CAMEO root 01, which PLOVER does not code.
        quad_class: 1 to 4, from the CAMEO root.
        symmetric: "A and B <verb>" means both A→B and B→A.
        state: The relation is a state that starts and lasts until an event of
            one of its ending relations (``designates`` until
            ``revokesDesignationOf``); ``endedBy`` in relations.yaml.
        ended_by: The relations whose events (same source, same target) end
            the state; empty for a state that no extracted relation ends yet.
        broader: The relation this one narrows (``rdfs:subPropertyOf`` in the
            ontology: ``seversRelationsWith`` under ``reducesRelationsWith``),
            with the same PLOVER category and CAMEO root; empty for a broad one.
    """

    name: str
    label: str
    definition: str
    cameo: str
    plover: str
    quad_class: int
    symmetric: bool = False
    state: bool = False
    ended_by: tuple[str, ...] = ()
    broader: str = ""

    @property
    def root(self) -> str:
        """The two-digit CAMEO root."""
        return self.cameo[:2]


def parse_vocabulary(data: dict) -> dict[str, Relation]:
    """Turn the parsed YAML mapping into ``Relation`` records.

    Raises:
        KGError: when an entry lacks a field or names an unknown PLOVER category.

    Examples:
        >>> v = parse_vocabulary({"relations": {"opposes": {"cameo": "110",
        ...     "plover": "DISAPPROVE", "label": "opposes", "definition": "."}}})
        >>> v["opposes"].quad_class
        3
    """
    out: dict[str, Relation] = {}
    for name, entry in (data.get("relations") or {}).items():
        statement = str(entry.get("cameo", "")).startswith("01")
        missing = {"cameo", "label"} | (set() if statement else {"plover"})
        missing -= set(entry)
        if missing:
            raise KGError(f"relation {name!r} lacks {sorted(missing)}")
        plover = entry.get("plover") or ""
        if plover not in PLOVER_CATEGORIES and not (statement and not plover):
            raise KGError(
                f"relation {name!r} has unknown PLOVER category {entry['plover']!r}; "
                f"expected one of {sorted(PLOVER_CATEGORIES)}"
            )
        cameo = str(entry["cameo"])
        out[name] = Relation(
            name=name,
            label=entry["label"],
            definition=entry.get("definition", ""),
            cameo=cameo,
            plover=plover,
            quad_class=quad_class(cameo),
            symmetric=bool(entry.get("symmetric", False)),
            state="endedBy" in entry,
            ended_by=tuple(entry.get("endedBy") or ()),
            broader=str(entry.get("broader") or ""),
        )
    _check_states(out)
    _check_broader(out)
    return out


def _check_broader(vocab: dict[str, Relation]) -> None:
    """A narrower relation names a broad relation of the vocabulary and keeps its
    PLOVER category and CAMEO root (the classes the scorer and the quad class read)."""
    for rel in vocab.values():
        if not rel.broader:
            continue
        parent = vocab.get(rel.broader)
        if parent is None or parent.broader:
            raise KGError(
                f"relation {rel.name!r} is narrower than {rel.broader!r}, which is "
                "no broad relation of the vocabulary"
            )
        if (rel.plover, rel.root) != (parent.plover, parent.root):
            raise KGError(
                f"relation {rel.name!r} (PLOVER {rel.plover}, CAMEO {rel.cameo}) "
                f"differs in class from its broader relation {parent.name!r} "
                f"(PLOVER {parent.plover}, CAMEO {parent.cameo}); expected the same "
                "PLOVER category and CAMEO root"
            )


def _check_states(vocab: dict[str, Relation]) -> None:
    """Every ending relation of a state is a relation of the vocabulary."""
    for rel in vocab.values():
        unknown = [e for e in rel.ended_by if e not in vocab]
        if unknown:
            raise KGError(
                f"relation {rel.name!r} is ended by unknown relation(s) {unknown}; "
                "expected relations of the vocabulary"
            )


def state_relations(
    vocab: dict[str, Relation] | None = None,
) -> dict[str, tuple[str, ...]]:
    """The relations that are states, each with its ending relations.

    Examples:
        >>> state_relations()["designates"]
        ('revokesDesignationOf',)
        >>> "meetsWith" in state_relations()
        False
    """
    vocab = load_vocabulary() if vocab is None else vocab
    return {r.name: r.ended_by for r in vocab.values() if r.state}


def code_relations(vocab: dict[str, Relation]) -> dict[str, str]:
    """CAMEO code -> relation: the first broad relation of the vocabulary with that
    code. A narrower relation (``broader``) is never the relation of a code: the
    CAMEO verb dictionary's "161" stays ``reducesRelationsWith``, and only kg's own
    patterns give ``seversRelationsWith``.

    Examples:
        >>> by_code = code_relations(load_vocabulary())
        >>> by_code["163"], "161" in by_code
        ('sanctions', False)
    """
    out: dict[str, str] = {}
    for rel in vocab.values():
        if not rel.broader:
            out.setdefault(rel.cameo, rel.name)
    return out


def relation_of_code(code: str, by_code: dict[str, str] | None = None) -> str | None:
    """The kg relation of a (fine) CAMEO code: the relation with that code, else
    that of its nearest coded parent ("0871" -> "087"), else that of its root
    ("0311" -> "030"); None for a code outside roots 01-20.

    Args:
        code: A CAMEO event code.
        by_code: :func:`code_relations` of the vocabulary (default: the packaged one).

    Examples:
        >>> relation_of_code("072"), relation_of_code("0871"), relation_of_code("0311")
        ('givesMilitaryAidTo', 'withdrawsFrom', 'intendsToCooperateWith')
        >>> relation_of_code("1721"), relation_of_code("215") is None
        ('coerces', True)
    """
    if by_code is None:
        by_code = _packaged_code_relations()
    code = str(code)
    for n in range(len(code), 2, -1):
        if code[:n] in by_code:
            return by_code[code[:n]]
    root = code[:2]
    if root + "0" in by_code:
        return by_code[root + "0"]
    return next((r for c, r in sorted(by_code.items()) if c[:2] == root), None)


@lru_cache(maxsize=1)
def load_vocabulary() -> dict[str, Relation]:
    """Load the packaged relation vocabulary.

    Examples:
        >>> v = load_vocabulary()
        >>> v["sharesIntelligenceWith"].cameo, v["sharesIntelligenceWith"].quad_class
        ('064', 2)
    """
    return parse_vocabulary(read_yaml("relations.yaml"))


@lru_cache(maxsize=1)
def _packaged_code_relations() -> dict[str, str]:
    """:func:`code_relations` of the packaged vocabulary (built once; read only)."""
    return code_relations(load_vocabulary())
