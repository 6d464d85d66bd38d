"""Query parameters: ``--param NAME=VALUE`` values as RDF terms.

:func:`param_term` reads a value by its parameter's name (an actor id for
``actor``/``a``/``b``/``source``/``target``, a relation name for ``relation``, an
``xsd:date`` for ``date``/``since``/``until``, ...); ``<iri>`` and ``prefix:name``
are IRIs. :func:`actor_param` resolves a bare actor value by the names the graph
and the packaged registry know (``a=Washington``, ``a=syr``), with close matches
when none fits; :func:`bind_param` picks between the two, as :func:`kg.query.run_query`
does for every parameter.
"""

from __future__ import annotations

import difflib
import logging
from typing import Any
from urllib.parse import unquote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.dates import normalise_date
from kg.rdf import store
from kg.rdf.namespaces import sparql_prefixes
from kg.rdf.ontology import (
    ACTOR,
    PREFIXES,
    actor_iri,
    article_iri,
    class_iri,
    relation_iri,
)
from kg.rdf.sparql import IRIREF
from kg.types import KGError

log = logging.getLogger("kg")

#: Parameters whose bare value names an actor.
ACTOR_PARAMS = frozenset({"actor", "a", "b", "source", "target"})
_DATE_PARAMS = {"date", "since", "until"}
_ID_PARAMS = {"relation": relation_iri, "class": class_iri, "article": article_iri}


def bind_param(dataset: Graph | None, name: str, value: str | Node) -> Node:
    """The RDF term of a parameter: a bare actor value is resolved by
    :func:`actor_param` (with ``dataset``), anything else by :func:`param_term`.

    Examples:
        >>> bind_param(None, "actor", "HTS")
        rdflib.term.URIRef('https://w3id.org/kg-news/actor/HTS')
    """
    if (
        dataset is not None
        and name in ACTOR_PARAMS
        and not isinstance(value, Node)
        and not _explicit(value)
    ):
        return actor_param(dataset, name, value)
    return param_term(name, value)


def param_term(name: str, value: str | Node) -> Node:
    """Turn a ``--param name=value`` into an RDF term.

    ``<iri>`` and ``prefix:local`` (kg prefixes) are IRIs; for ``actor``, ``a``,
    ``b``, ``source``, ``target`` a bare value is an actor id, for ``relation`` a
    relation name, for ``class`` an actor class, for ``article`` an article id;
    ``date``/``since``/``until`` are ``xsd:date``; anything else a plain literal.

    Raises:
        KGError: on a malformed IRI, date or name.

    Examples:
        >>> param_term("actor", "HTS")
        rdflib.term.URIRef('https://w3id.org/kg-news/actor/HTS')
        >>> param_term("relation", "kg:opposes")
        rdflib.term.URIRef('https://w3id.org/kg-news/ontology#opposes')
        >>> param_term("country", "SYR")
        rdflib.term.Literal('SYR')
    """
    if isinstance(value, Node):
        return value
    value = str(value)
    if value.startswith("<") and value.endswith(">"):
        if not IRIREF.fullmatch(value):
            raise KGError(f"bad IRI {value!r} for parameter {name!r}")
        return URIRef(value[1:-1])
    expanded = _prefixed(value)
    if expanded is not None:
        return URIRef(expanded)
    if name in ACTOR_PARAMS:
        return actor_iri(value)
    if name in _ID_PARAMS:
        return _ID_PARAMS[name](value)
    if name in _DATE_PARAMS:
        return _date_term(name, value)
    return Literal(value)


def _date_term(name: str, value: str) -> Literal:
    try:
        day = normalise_date(value)
    except KGError:
        day = None
    if day is None:
        raise KGError(f"bad date {value!r} for parameter {name!r}; expected YYYY-MM-DD")
    return Literal(day, datatype=XSD.date)


#: How an actor parameter matched, best first: the rank of each way.
_MATCH_RANK = {"id": 0, "name": 1, "code": 2, "alias": 3}
_NAME_PROPERTY = {"label": "name", "prefLabel": "name", "cameoCode": "code",
                  "altLabel": "alias", "type": "id"}  # fmt: skip
_ACTOR_NAMES = """SELECT DISTINCT ?a ?p ?v WHERE {
  VALUES ?p { rdf:type rdfs:label skos:prefLabel skos:altLabel kg:cameoCode }
  { ?a ?p ?v } UNION { GRAPH ?g { ?a ?p ?v } }
  FILTER(STRSTARTS(STR(?a), STR(?ns)))
  FILTER(?all || LCASE(STR(?a)) = ?iri || (?p != rdf:type && LCASE(STR(?v)) = ?name))
}"""


def _graph_actors(dataset: Graph, value: str | None) -> list[tuple[str, str, str]]:
    """``(actor id, how, name)`` of the graph's actors named ``value`` (all: None)."""
    bindings = {
        "ns": Literal(str(ACTOR)),
        "all": Literal(value is None),
        "iri": Literal(str(actor_iri(value or "-")).lower()),
        "name": Literal((value or "").lower()),
    }
    out = []
    text = sparql_prefixes() + _ACTOR_NAMES
    rows: Any = store.query(dataset, text, bindings=bindings)
    for a, p, v in rows:
        aid = unquote(str(a)[len(str(ACTOR)) :])
        how = _NAME_PROPERTY.get(str(p).rsplit("#", 1)[-1].rsplit("/", 1)[-1], "alias")
        out.append((aid, how, aid if how == "id" else str(v)))
    return out


def _graph_actor_id(dataset: Graph, value: str) -> list[tuple[str, str, str]]:
    """``[(value, "id", value)]`` when ``value`` is exactly the id of an actor of
    the graph (an index look-up: the name search reads every actor's names)."""
    iri = f"<{actor_iri(value)}>"
    text = f"ASK {{ {{ {iri} a ?t }} UNION {{ GRAPH ?g {{ {iri} a ?t }} }} }}"
    return [(value, "id", value)] if store.query(dataset, text).askAnswer else []


def _registry_actor(value: str) -> tuple[str, str] | None:
    """``(actor id, how)`` of ``value`` in the packaged actor registry, or None."""
    from kg.registry import lexicon

    lex = lexicon()
    want = value.casefold()
    for aid, actor in lex.actors.items():
        if aid.casefold() == want:
            return aid, "id"
        if actor.label.casefold() == want:
            return aid, "name"
    alias = lex.aliases.get(value) or next(
        (a for text, a in lex.aliases.items() if text.casefold() == want), None
    )
    if alias is not None and alias.actor in lex.actors:
        return alias.actor, "alias"
    # an ISO alpha-3 code, or a CAMEO code of a country and a sector (SYRGOV)
    code = lex.by_alpha3.get(value.upper()) or (
        lex.by_alpha3.get(value[:3].upper()) if len(value) == 6 else None
    )
    return (code, "code") if code else None


def _close_matches(dataset: Graph, value: str) -> list[str]:
    """Up to five actors of the graph whose id or a name is close to ``value``."""
    names: dict[str, str] = {}
    for aid, how, name in _graph_actors(dataset, None):
        if how in ("id", "name"):
            names.setdefault(aid.lower(), aid)
        names.setdefault(name.lower(), aid)
    close = difflib.get_close_matches(value.lower(), list(names), n=12, cutoff=0.6)
    close += [n for n in names if value.lower() in n and n not in close]
    return list(dict.fromkeys(names[n] for n in close))[:5]


def actor_param(dataset: Graph, name: str, value: str) -> URIRef:
    """Resolve the value of an actor parameter (``a=Washington``) to an actor IRI.

    The graph's actors are matched first, case-insensitively, by id, by name
    (``rdfs:label``, ``skos:prefLabel``), by CAMEO code and by alias
    (``skos:altLabel``); then the packaged registry (ids, names, aliases, ISO
    alpha-3 codes). Which actor was used is logged (``kg query`` prints it on
    stderr).

    Raises:
        KGError: when nothing matches (the message lists close matches), or when
            the best match names several actors.
    """
    hits = _graph_actor_id(dataset, value) or _graph_actors(dataset, value)
    if hits:
        best = min(_MATCH_RANK[how] for _, how, _ in hits)
        ids = sorted({aid for aid, how, _ in hits if _MATCH_RANK[how] == best})
        how = next(h for h, r in _MATCH_RANK.items() if r == best)
        if len(ids) > 1:
            raise KGError(
                f"{name}={value!r} is the {how} of several actors: "
                f"{', '.join(ids)}; pass one of these ids"
            )
        log.info("%s=%s: actor %s (by %s, in the graph)", name, value, ids[0], how)
        return actor_iri(ids[0])
    found = _registry_actor(value)
    if found is not None:
        aid, how = found
        known = bool(_graph_actor_id(dataset, aid))
        where = "the registry" if known else "the registry; not in the graph"
        log.info("%s=%s: actor %s (by %s, in %s)", name, value, aid, how, where)
        return actor_iri(aid)
    close = _close_matches(dataset, value)
    hint = f"; close matches: {', '.join(close)}" if close else (
        "; `kg query --named actors` lists the actors")  # fmt: skip
    raise KGError(f"no actor {value!r} (parameter {name!r}) in the graph or the "
                  f"registry{hint}")  # fmt: skip


def actor_id(dataset: Graph, name: str, value: str) -> str:
    """The id of the actor an actor parameter names (``Washington`` -> ``US``),
    resolved as :func:`actor_param` resolves it; ``<iri>`` and ``actor:X`` too.

    Raises:
        KGError: as :func:`actor_param`, or for an IRI outside the actor namespace.
    """
    term = bind_param(dataset, name, value)
    text = str(term)
    if not text.startswith(str(ACTOR)):
        raise KGError(f"{name}={value!r} is not an actor (expected an id or a name)")
    return unquote(text[len(str(ACTOR)) :])


def _prefixed(value: str) -> str | None:
    """The IRI of a value written as a prefixed name (``kg:attacks``), else None
    (``http://…`` is no prefixed name)."""
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return None


def _explicit(value: str) -> bool:
    """Whether a parameter value is written as an IRI or a prefixed name."""
    return value.startswith("<") or _prefixed(value) is not None


__all__ = ["ACTOR_PARAMS", "actor_id", "actor_param", "bind_param", "param_term"]
