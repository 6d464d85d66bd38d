"""Derived actor summaries: what the readers need of an actor, kept at build time.

Part of the derived data of :mod:`kg.rdf.events`. Each actor that has a
mention gets a named graph ``<https://w3id.org/kg-news/derived/actor/H>`` with
one ``kg:ActorSummary`` node: the actor (``kg:actor``), its label and class as
the readers choose them (:func:`choose`), its country, the number of mentions,
events and articles it appears in, and ``kg:actorRecord`` (the facts of every
article graph about it, as JSON) so that the analysis reads every actor with
one row each instead of one row per article describing it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from typing import Any

from rdflib import Graph
from rdflib.namespace import RDF, RDFS, SKOS

from kg.rdf.events import DERIVED, actor_graph, lit_int
from kg.rdf.namespaces import ACTOR, KG
from kg.rdf.nquads import TYPE, Triple, quote, sha256
from kg.rdf.reading import local_name, query_rows, read_records, values_blocks

#: Order in which a class wins when an actor has several kg types.
CLASS_ORDER = (
    "Person", "Military", "Agency", "Government", "Party", "ArmedGroup", "Media",
    "InternationalOrganisation", "State", "Place", "Group", "Organisation", "Actor",
)  # fmt: skip

#: The facts of an actor the readers use, by predicate IRI.
ACTOR_PROPS = {
    str(RDF.type): "type",
    str(RDFS.label): "rdfs",
    str(SKOS.prefLabel): "pref",
    str(KG.country): "country",
    str(KG.sector): "sector",
    str(KG.cameoCode): "code",
}
_KG = str(KG._NS)
_ACTOR = str(ACTOR)
#: The quad class is written as stored (lit_int would rewrite a code like "03").
_INT = "^^<http://www.w3.org/2001/XMLSchema#integer>"


def choose(aid: str, facts: Mapping[str, Iterable[str]]) -> dict[str, Any]:
    """An actor's label, class, country, sector and code from all its facts.

    The smallest value wins (a stable choice when articles disagree); the class
    is the first of :data:`CLASS_ORDER` among its kg types.

    Examples:
        >>> choose("SYR", {"type": [_KG + "State"], "rdfs": ["Syria"]})["cls"]
        'State'
    """
    types = {t[len(_KG) :] for t in facts.get("type", ()) if t.startswith(_KG)}

    def first(key: str) -> str | None:
        values = list(facts.get(key, ()))
        return min(values) if values else None

    return {
        "id": aid,
        "label": first("pref") or first("rdfs") or aid,
        "cls": next((c for c in CLASS_ORDER if c in types), "Actor"),
        "country": first("country"),
        "sector": first("sector"),
        "code": first("code"),
    }


#: An actor's facts by key (:data:`ACTOR_PROPS`), and articles per actor.
Facts = tuple[dict[str, dict[str, set[str]]], dict[str, int]]
_PROPS = "VALUES ?p { " + " ".join(f"<{p}>" for p in ACTOR_PROPS) + " }"
_ONLY = f'FILTER(STRSTARTS(STR(?a), "{_ACTOR}"))'


def fact_query(block: str) -> str:
    """The query of the facts (``?a ?p ?v``, ``?p`` in :data:`ACTOR_PROPS`) of
    the actors of a ``VALUES`` block over ``?a`` ("": of every actor)."""
    return (
        f"SELECT DISTINCT ?a ?p ?v WHERE {{ {block} {_PROPS} "
        f"GRAPH ?g {{ ?a ?p ?v }} {_ONLY} }}"
    )


def about_query(block: str) -> str:
    """The query of the number of article graphs about each actor (``?a ?n``)
    of a ``VALUES`` block over ``?a`` ("": of every actor)."""
    return (
        f"SELECT ?a (COUNT(DISTINCT ?g) AS ?n) WHERE {{ {block} GRAPH ?g {{ "
        f"?a <{RDFS.label}> ?l . ?art a kg:Article }} {_ONLY} }} GROUP BY ?a"
    )


def read_facts(dataset: Graph, actors: Iterable[str] | None) -> Facts:
    """The facts of some actors (None: every actor) and the articles about each."""
    facts: dict[str, dict[str, set[str]]] = {}
    articles: dict[str, int] = {}
    for block in values_blocks(["a"], actors):
        for row in query_rows(dataset, fact_query(block)):
            key = ACTOR_PROPS[row["p"] or ""]
            facts.setdefault(row["a"] or "", {}).setdefault(key, set()).add(
                row["v"] or ""
            )
        for row in query_rows(dataset, about_query(block)):
            articles[row["a"] or ""] = int(row["n"] or 0)
    return facts, articles


def _stored_edges(
    dataset: Graph, actors: Iterable[str], skip: Container[tuple[str, str]]
) -> list[dict[str, Any]]:
    """The stored edge records of some actors, but those of the dyads in ``skip``."""
    seen: dict[tuple[str, str, str], dict[str, Any]] = {}
    either = "{ ?x kg:edgeSource ?a } UNION { ?x kg:edgeTarget ?a }"
    for block in values_blocks(["a"], actors):
        for rec in read_records(dataset, "edgeRecord", block, where=either):
            if (rec["source"], rec["target"]) not in skip:
                seen[(rec["source"], rec["relation"], rec["target"])] = rec
    return list(seen.values())


def _summary(
    actor: str, facts: Mapping[str, set[str]], counts: Mapping[str, int]
) -> list[Triple]:
    chosen = choose(local_name(actor, _ACTOR), facts)
    node = f"<{actor_graph(actor)}>"
    record = {"actor": actor, "facts": {k: sorted(v) for k, v in sorted(facts.items())},
              **counts}  # fmt: skip
    out: list[Triple] = [
        (node, TYPE, f"<{KG.ActorSummary}>"),
        (node, f"<{KG.actor}>", f"<{actor}>"),
        (node, f"<{RDFS.label}>", quote(chosen["label"])),
        (node, f"<{KG.actorClass}>", f"<{_KG}{chosen['cls']}>"),
        (node, f"<{KG.mentionCount}>", lit_int(counts["mentions"])),
        (node, f"<{KG.eventCount}>", lit_int(counts["events"])),
        (node, f"<{KG.articleCount}>", lit_int(counts["articles"])),
        (node, f"<{KG.actorRecord}>", quote(json.dumps(record, sort_keys=True))),
    ]
    if chosen["country"]:
        out.append((node, f"<{KG.country}>", quote(chosen["country"])))
    return out


def actor_summaries(
    dataset: Graph,
    counts: Mapping[str, Sequence[int]],
    touched: Container[tuple[str, str]] | None,
    *,
    facts: Callable[[Sequence[str]], Facts] | None = None,
) -> dict[str, list[Triple]]:
    """The summary triples of some actors (a chunk of them at a time).

    Args:
        dataset: The store (its article graphs and untouched derived graphs).
        counts: Actor IRI -> (edges, mentions, events) of its new edge records
            (zeros for an actor of a touched dyad that has none).
        touched: The dyads whose records are new: the stored records of the
            other dyads of these actors count too. None: every record is new.
        facts: Reads the facts of some actors (default :func:`read_facts` on
            the store).

    Returns:
        Actor IRI -> the triples of its summary graph, for the actors with an
        edge.
    """
    totals = {actor: list(c) for actor, c in counts.items()}
    if touched is not None:
        for rec in _stored_edges(dataset, totals, touched):
            for actor in {rec["source"], rec["target"]} & totals.keys():
                t = totals[actor]
                t[0] += 1
                t[1] += rec["mentions"]
                t[2] += rec["event_count"]
    actors = sorted(actor for actor, t in totals.items() if t[0])
    found, articles = (facts or (lambda a: read_facts(dataset, a)))(actors)
    out = {}
    for actor in actors:
        _, mentions, events = totals[actor]
        c = {"mentions": mentions, "events": events,
             "articles": articles.get(actor, 0)}  # fmt: skip
        out[actor] = _summary(actor, found.get(actor, {}), c)
    return out


def read_summaries(dataset: Graph) -> dict[str, dict[str, Any]]:
    """Every actor summary record: actor IRI -> facts and counts."""
    return {rec["actor"]: rec for rec in read_records(dataset, "actorRecord")}


__all__ = [
    "ACTOR_PROPS",
    "CLASS_ORDER",
    "about_query",
    "actor_summaries",
    "choose",
    "fact_query",
    "read_facts",
    "read_summaries",
]


# ------------------------------------------------------------------ relations
def stored_relations(dataset: Graph) -> dict[str, dict[str, Any]]:
    """The sums of the stored relation summaries (relation IRI -> counts and
    codes), to count on from in a refresh of some dyads."""
    text = (
        "SELECT ?rel ?m ?a ?p ?e ?q ?c WHERE { GRAPH ?d { ?x a kg:RelationSummary ; "
        "kg:edgeRelation ?rel ; kg:mentionCount ?m ; kg:articleCount ?a ; "
        "kg:pairCount ?p ; kg:eventCount ?e } "
        "OPTIONAL { GRAPH ?d { ?x kg:quadClass ?q } } "
        "OPTIONAL { GRAPH ?d { ?x kg:cameoCode ?c } } }"
    )
    return {
        row["rel"] or "": {
            "mentions": int(row["m"] or 0),
            "articles": int(row["a"] or 0),
            "pairs": int(row["p"] or 0),
            "events": int(row["e"] or 0),
            "quad_class": row["q"] or "",
            "cameo": row["c"] or "",
        }  # fmt: skip
        for row in query_rows(dataset, text)
    }


def stored_edge_records(dataset: Graph, graphs: Iterable[str]) -> list[dict[str, Any]]:
    """The edge records in some derived dyad graphs (before they are rewritten)."""
    out: list[dict[str, Any]] = []
    for block in values_blocks(["g"], graphs):
        out.extend(read_records(dataset, "edgeRecord", block))
    return out


def add_relation_records(
    sums: dict[str, dict[str, Any]], records: Iterable[Mapping[str, Any]], sign: int
) -> None:
    """Add (``sign`` 1) or take away (-1) edge records to or from relation sums."""
    for rec in records:
        c = sums.setdefault(rec["relation"], dict.fromkeys(
            ("mentions", "articles", "pairs", "events"), 0))  # fmt: skip
        c["mentions"] += sign * rec["mentions"]
        c["events"] += sign * rec["event_count"]
        c["pairs"] += sign
        for key in ("quad_class", "cameo"):
            if sign > 0 and rec[key]:
                c[key] = min(c.get(key) or "99999", str(rec[key]))


def relation_triples(
    sums: dict[str, dict[str, Any]], articles: Mapping[str, int], *, delta: bool
) -> list[Triple]:
    """The triples of the relation summaries from their sums
    (:func:`add_relation_records`) and the articles per relation IRI (the
    counts, or when ``delta`` the change)."""
    for rel, n in articles.items():
        sums.setdefault(
            rel, dict.fromkeys(("mentions", "articles", "pairs", "events"), 0)
        )
        sums[rel]["articles"] = sums[rel]["articles"] + n if delta else n
    out: list[Triple] = []
    for rel, c in sorted(sums.items()):
        if c["mentions"] <= 0:
            continue
        node = f"<{DERIVED}relation/{sha256(rel)[:32]}>"
        out += [
            (node, TYPE, f"<{KG.RelationSummary}>"),
            (node, f"<{KG.edgeRelation}>", f"<{rel}>"),
            (node, f"<{KG.mentionCount}>", lit_int(c["mentions"])),
            (node, f"<{KG.articleCount}>", lit_int(c["articles"])),
            (node, f"<{KG.pairCount}>", lit_int(c["pairs"])),
            (node, f"<{KG.eventCount}>", lit_int(c["events"])),
        ]
        if str(c.get("quad_class", "")).isdigit():
            out.append((node, f"<{KG.quadClass}>", f'"{c["quad_class"]}"{_INT}'))
        if c.get("cameo"):
            out.append((node, f"<{KG.cameoCode}>", quote(c["cameo"])))
    return out


__all__ += [
    "add_relation_records",
    "relation_triples",
    "stored_edge_records",
    "stored_relations",
]
