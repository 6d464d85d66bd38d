"""Relations between actors: dependency-parse patterns -> ``Assertion`` records.

The ``kg_relations`` spaCy component reads the actor mentions of
``doc.spans["kg_actors"]`` (set by ``kg.nlp.actors``) and writes
``doc._.kg_assertions``: one :class:`kg.types.Assertion` per (source, relation,
target) stated in a sentence; the speaker of a quotation (``doc._.kg_quotes``, also
set by ``kg.nlp.actors``) is the fallback source of its events. The rules read
data: the trigger lexicons of ``kg/resources/patterns.yaml``, the word lists, roles
and weights of ``kg/resources/relation_words.yaml`` and the shared words of
``kg/resources/words.yaml``.

How a sentence is coded, module by module:

- :mod:`~kg.nlp.relations.patterns` — the pattern data model, parsing, loading.
- :mod:`~kg.nlp.relations.words` — the word lists, relation roles and weights.
- :mod:`~kg.nlp.relations.context` — the rules, the event under construction, and
  the per-document and per-sentence contexts (the component keeps no state).
- :mod:`~kg.nlp.relations.syntax` — dependency helpers (subjects, passives, depth).
- :mod:`~kg.nlp.relations.triggers` — verb, light verb + noun, noun and copula
  triggers, and obligations ("X said Y must Z"); its verb rules of naming
  (:mod:`~kg.nlp.relations.naming`), goods handed over or deployed
  (:mod:`~kg.nlp.relations.goods`) and endings (:mod:`~kg.nlp.relations.endings`).
- :mod:`~kg.nlp.relations.control` — control verbs and modals folded over a trigger.
- :mod:`~kg.nlp.relations.content` — what an event is the content of (no event).
- :mod:`~kg.nlp.relations.search` — the actor mentions of a phrase, target phrases.
- :mod:`~kg.nlp.relations.sources` — who acts in an event (its sources).
- :mod:`~kg.nlp.relations.arguments` — source and targets of an event.
- :mod:`~kg.nlp.relations.counter` — countering a hostile act targets its author.
- :mod:`~kg.nlp.relations.qualifiers` — attribution, reported modality, date,
  confidence.
- :mod:`~kg.nlp.relations.sentence` — the events of a sentence (main events kept).
- :mod:`~kg.nlp.relations.component` — the ``kg_relations`` factory,
  :func:`extract`, and the quotation speakers read from the Doc.
"""

from __future__ import annotations

from kg.nlp.relations.component import RelationComponent, extract, make_relations
from kg.nlp.relations.patterns import Patterns, VerbEntry, load_patterns, parse_patterns

__all__ = [
    "Patterns",
    "RelationComponent",
    "VerbEntry",
    "extract",
    "load_patterns",
    "make_relations",
    "parse_patterns",
]
