"""The ``kg_actors`` spaCy components: actor mentions from names, roles and context.

``add_actor_pipes(nlp)`` (:mod:`.ruler`) adds an entity ruler of the registry's names
before ``ner`` and the resolver ``kg_actors`` (:mod:`.component`) after it. The
resolver writes ``doc.spans["kg_actors"]``: one span per actor mention, ``span.id_`` =
canonical actor id, ``span._.kg_mention`` = a :class:`kg.types.Mention`, and
``span.label_`` = how the mention was found:

``NAME`` a registry name ("Syria", "HTS", "#Daesh"), ``CAPITAL`` a capital or seat of
government used for the government ("Washington", "the Kremlin"), ``DEMONYM``
("Syrian"), ``ROLE`` a country with a role noun ("Syrian security forces", "Syria's
new authorities", "the president of Armenia", "British Foreign Secretary Jack
Straw"), ``INSTITUTION`` a body that speaks for its state ("the Pentagon"), ``LEADER``
a person of the leaders list ("Putin"), ``ACRONYM`` an acronym defined in the text
("Some Long Name (SLN)"), ``PLACE`` a city or region standing for its country
("Samarra", "Gaza Strip"), ``UNKNOWN`` an organisation NER found that the registry
lacks (``Mention.known`` is False, id ``ORG_<slug>``), ``COREF`` a description or
pronoun resolved to an antecedent ("the group", "these guys", "its", "we" in a
quotation attributed to a speaker).

Modules: :mod:`.ruler` (patterns, wiring), :mod:`.context` (candidates and the
per-document context), :mod:`.rules` (one module per family of rules),
:mod:`.component` (the rules in order, the output), :mod:`.words` (the word lists of
``resources/actor_words.yaml``).
"""

from __future__ import annotations

from kg.nlp.actors.component import (
    RULES,
    SPAN_KEY,
    ActorResolver,
    make_actor_resolver,
    mentions,
)
from kg.nlp.actors.ruler import add_actor_pipes, ruler_patterns

__all__ = [
    "RULES",
    "SPAN_KEY",
    "ActorResolver",
    "add_actor_pipes",
    "make_actor_resolver",
    "mentions",
    "ruler_patterns",
]
