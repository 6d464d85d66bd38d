"""Relations over time: the state of every dyad at a date.

Some relations are states that start and end (``endedBy`` in
``kg/resources/relations.yaml``, ``kg:StateRelation`` and ``kg:endedBy`` in the
ontology): ``designates`` until ``revokesDesignationOf``, ``sanctions`` until
``liftsSanctionsOn``, ``recognises`` until ``withdrawsRecognitionOf``, ``occupies``
until ``withdrawsFrom``, ``alliesWith`` until ``breaksAllianceWith``,
``seversRelationsWith`` until ``restoresRelationsWith``. The rule lives in one
place, the named query ``state-as-of`` (``kg query --as-of DATE`` runs it);
:func:`states_as_of` runs it and returns plain dicts.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

from rdflib import ConjunctiveGraph, Graph
from rdflib.term import Node

from kg.query import run_query
from kg.rdf import store
from kg.rdf.namespaces import ARTICLE, sparql_prefixes
from kg.rdf.ontology import ACTOR, KG
from kg.types import KGError

_HAS_STATES = "ASK { GRAPH ?o { ?r a kg:StateRelation } }"


def check_states(dataset: Graph) -> None:
    """Fail unless the graph holds the ontology's state relations.

    Raises:
        KGError: when no ``kg:StateRelation`` is in the graph (a file exported
            without ``--include-ontology``, or a store built by an older kg).
    """
    named = isinstance(dataset, ConjunctiveGraph)  # a plain Graph has no GRAPH ?o
    if not named or not store.query(dataset, sparql_prefixes() + _HAS_STATES).askAnswer:
        raise KGError(
            "the graph holds no kg:StateRelation (no copy of the ontology): "
            "rebuild the store with kg build, or export with --include-ontology"
        )


def states_as_of(
    dataset: Graph,
    date: str,
    *,
    source: str | None = None,
    target: str | None = None,
    relation: str | None = None,
) -> list[dict[str, Any]]:
    """The state of every dyad at a date: the named query ``state-as-of``.

    A state relation (``designates``, ``sanctions``, ``recognises``, ``occupies``,
    ``alliesWith``, ``seversRelationsWith``: ``endedBy`` in relations.yaml,
    ``kg:StateRelation`` in the ontology) is active from an event of the
    relation until an event of an ending relation between the same source and
    target; events count when dated on or before ``date``, asserted or reported
    and not negated.

    Args:
        dataset: A store or a graph that holds the ontology (:func:`check_states`).
        date: The day (``YYYY-MM-DD``).
        source: Only this source actor (id, name, alias or code).
        target: Only this target actor.
        relation: Only this state relation.

    Returns:
        One dict per dyad and state relation: ``source``, ``relation``,
        ``target`` (ids), ``status`` (``active`` or ``ended``), ``since`` (the
        start; for an ended state the last start, None when unknown), ``until``
        (the end), and the event that started (active) or ended (ended) it:
        ``event`` (IRI), ``event_relation``, ``article`` (id), ``sentence``,
        ``evidence``.

    Raises:
        KGError: for a bad date or actor, or a graph without the ontology.
    """
    check_states(dataset)
    given = {"source": source, "target": target, "relation": relation}
    params: dict[str, str | Node] = {k: v for k, v in given.items() if v is not None}
    params["date"] = date
    result = run_query(dataset, "state-as-of", params=params)
    return [_state_row(row) for row in result or ()]


def _state_row(row: Any) -> dict[str, Any]:
    def local(term: Any) -> str | None:
        if term is None:
            return None
        text = str(term)
        for ns in (str(ACTOR), str(KG._NS), str(ARTICLE)):
            if text.startswith(ns):
                return unquote(text[len(ns) :])
        return text

    def value(term: Any) -> Any:
        return None if term is None else term.toPython()

    return {
        "source": local(row.source),
        "relation": local(row.relation),
        "target": local(row.target),
        "status": str(row.status),
        "since": None if row.since is None else str(row.since),
        "until": None if row.until is None else str(row.until),
        "event": str(row.event),
        "event_relation": local(row.eventRelation),
        "article": local(row.article),
        "sentence": value(row.sentence),
        "evidence": None if row.evidence is None else str(row.evidence),
    }


__all__ = ["check_states", "states_as_of"]
