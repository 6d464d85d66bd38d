"""kg: turn English news articles into a knowledge graph of political actors.

The public API (everything in ``__all__``)::

    from kg import (Article, Mention, Assertion, load_articles, load_nlp, mentions,
                    extract, extract_articles, event_record, build, open_store,
                    run_query, states_as_of, actor_graph, centrality,
                    pair_timeline, to_html, load_graph, save_graph, validate,
                    KG, ACTOR)

Names are imported lazily, so ``import kg`` is cheap and the command line starts
fast; the first use of a name loads its module.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "Article": "kg.types",
    "Actor": "kg.types",
    "Mention": "kg.types",
    "Assertion": "kg.types",
    "KGError": "kg.types",
    "load_articles": "kg.articles",
    "load_nlp": "kg.nlp.model",
    "load_registry": "kg.registry",
    "mentions": "kg.nlp.actors",
    "extract": "kg.nlp.relations",
    "extract_articles": "kg.nlp.extract",
    "event_record": "kg.nlp.extract",
    "load_vocabulary": "kg.vocab",
    "build": "kg.rdf.graph",
    "open_store": "kg.rdf.store",
    "run_query": "kg.query",
    "actor_graph": "kg.analysis",
    "signed_graph": "kg.analysis",
    "centrality": "kg.analysis",
    "states_as_of": "kg.analysis.states",
    "pair_timeline": "kg.analysis.timelines",
    "to_html": "kg.viz",
    "load_graph": "kg.export",
    "save_graph": "kg.export",
    "validate": "kg.rdf.ontology",
    "KG": "kg.rdf.ontology",
    "ACTOR": "kg.rdf.ontology",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
