"""Turtle registry files: ``kg:Actor`` resources (or a subclass) as actor entries.

Each resource typed ``kg:Actor`` or a subclass becomes an entry: the id is the local
name of its IRI (``actor:NWC`` -> ``NWC``), the label ``skos:prefLabel`` or
``rdfs:label``, aliases the labels and ``skos:altLabel``; ``kg:country``,
``kg:sector`` and ``kg:cameoCode`` give the codes and ``owl:sameAs`` a Wikidata QID.
rdflib is imported only when such a file is read.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from kg.registry.entries import add_actor, parse_actor
from kg.registry.lexicon import CLASSES, Lexicon
from kg.types import KGError

_KG_NS = "https://w3id.org/kg-news/ontology#"
_ACTOR_NS = "https://w3id.org/kg-news/actor/"


def _local(iri: str) -> str:
    """The kg class local name of an IRI ('' for other IRIs)."""
    return iri[len(_KG_NS) :] if iri.startswith(_KG_NS) else ""


def _actor_id(iri: str) -> str:
    """The actor id of a resource IRI: its local name, percent-decoded."""
    if iri.startswith(_ACTOR_NS):
        return unquote(iri[len(_ACTOR_NS) :])
    return unquote(re.split(r"[/#]", iri)[-1])


def _actor_subjects(g: Any, path: Path) -> list[Any]:
    """The resources typed kg:Actor or a subclass, sorted (KGError when none)."""
    from rdflib.namespace import RDF

    subjects = {
        s
        for s, o in g.subject_objects(RDF.type)
        if _local(str(o)) in CLASSES | {"Actor"}
    }
    if not subjects:
        raise KGError(
            f"actor registry {str(path)!r} declares no kg:Actor (expected resources "
            f"typed kg:Actor or a subclass such as kg:State in <{_KG_NS}>)"
        )
    return sorted(subjects)


def _entry(g: Any, s: Any, path: Path) -> dict[str, Any]:
    """The registry entry of resource ``s``."""
    from rdflib import Namespace
    from rdflib.namespace import OWL, RDF, RDFS, SKOS

    kg = Namespace(_KG_NS)
    cls = "Organisation"
    for o in g.objects(s, RDF.type):
        if _local(str(o)) in CLASSES:
            cls = _local(str(o))
    label = g.value(s, SKOS.prefLabel) or g.value(s, RDFS.label)
    if label is None:
        raise KGError(f"actor registry {str(path)!r}: <{s}> has no rdfs:label")
    aliases = [str(label)] + sorted(str(o) for o in g.objects(s, SKOS.altLabel))
    aliases += sorted(str(o) for o in g.objects(s, RDFS.label) if str(o) != str(label))
    qid = None
    for o in g.objects(s, OWL.sameAs):
        if "wikidata.org/entity/" in str(o):
            qid = str(o).rsplit("/", 1)[-1]
    values = {key: g.value(s, kg[key]) for key in ("country", "sector", "cameoCode")}
    return {
        "id": _actor_id(str(s)),
        "label": str(label),
        "class": cls,
        "country": str(values["country"]) if values["country"] else None,
        "sector": str(values["sector"]) if values["sector"] else None,
        "code": str(values["cameoCode"]) if values["cameoCode"] else None,
        "aliases": list(dict.fromkeys(aliases)),
        "wikidata": qid,
    }


def load_turtle(lex: Lexicon, path: Path) -> None:
    """Add the actors of a Turtle file to ``lex``.

    Raises:
        KGError: when the file is not valid Turtle, declares no actor, or an actor
            has no label or a bad entry.
    """
    import rdflib

    g = rdflib.Graph()
    try:
        g.parse(str(path), format="turtle")
    except Exception as exc:  # rdflib raises many parser exception types
        msg = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise KGError(
            f"actor registry {str(path)!r} is not valid Turtle: {msg}"
        ) from None
    for s in _actor_subjects(g, path):
        add_actor(lex, parse_actor(_entry(g, s, path), f"actor registry {str(path)!r}"))
