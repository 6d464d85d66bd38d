"""The word lists, relation roles and weights of the relation rules, as data.

Everything here is read once from ``kg/resources/relation_words.yaml``: word sets
(prepositions, content nouns, pronouns, ...), the PLOVER categories rules single
out, the relation each rule produces (its *role*), control-class priorities and the
confidence weights. Relation names are checked against the vocabulary. The head
nouns of a description come from ``words.yaml`` (:mod:`kg.nlp.words`), which the
actor rules read too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kg.nlp.words import shared_words
from kg.resources import read_yaml
from kg.types import KGError
from kg.vocab import load_vocabulary


@dataclass(frozen=True)
class Confidence:
    """The confidence heuristic: a base per trigger kind, minus penalties."""

    kind: dict[str, float]
    other: float
    fallback: float
    coreferent: float
    coreferent_length: int
    hypothetical: float
    min: float
    max: float


@dataclass(frozen=True)
class Words:
    """The data of ``relation_words.yaml``.

    Attributes:
        sets: Word-set name -> words (``words`` in the file, plus ``when_preps``,
            the union of ``aside_preps`` and ``time_preps``, and
            ``uncertain_heads``, the heads of ``words.yaml`` whose short mentions
            make a relation less certain, and ``place_preps`` of ``words.yaml``).
        sectors: ``force`` and ``civilian`` CAMEO sector codes, and ``state``
            (``words.yaml``'s ``state_sectors``).
        categories: Rule name -> PLOVER categories.
        roles: Rule role -> relation name.
        intent_kept: Relations an intent leaves as they are.
        intent_by_category: PLOVER category -> its intent relation.
        threats: Relations that already are threats.
        control_priority: Control classes in the order a word's class is decided.
        clause_control: Control classes that take a "that"-clause.
        second_pass_control: Control classes whose target may be in a subclause.
        confidence: The confidence weights.
    """

    sets: dict[str, frozenset[str]]
    sectors: dict[str, frozenset[str]]
    categories: dict[str, frozenset[str]]
    roles: dict[str, str]
    intent_kept: frozenset[str]
    intent_by_category: dict[str, str]
    threats: frozenset[str]
    control_priority: tuple[str, ...]
    clause_control: frozenset[str]
    second_pass_control: frozenset[str]
    confidence: Confidence

    def __getitem__(self, name: str) -> frozenset[str]:
        """The word set called ``name`` ("place_preps", "pronouns", ...)."""
        return self.sets[name]

    def role(self, name: str) -> str:
        """The relation of a rule role ("threat" -> "threatens")."""
        return self.roles[name]


def _strings(value: Any, where: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise KGError(f"relation_words.yaml {where} must be a list of quoted words")
    return frozenset(value)


def _groups(data: dict, key: str) -> dict[str, frozenset[str]]:
    return {str(k): _strings(v, f"{key}.{k}") for k, v in (data.get(key) or {}).items()}


def _check_relations(names: list[str], where: str) -> None:
    vocab = load_vocabulary()
    unknown = sorted(n for n in names if n not in vocab)
    if unknown:
        raise KGError(
            f"relation_words.yaml {where} names unknown relations {unknown}; "
            f"expected names of kg/resources/relations.yaml"
        )


def parse_words(data: dict) -> Words:
    """Turn the parsed ``relation_words.yaml`` mapping into :class:`Words`.

    Raises:
        KGError: when a list holds a non-word or a relation is not in the vocabulary.
    """
    sets = _groups(data, "words")
    sets["when_preps"] = sets["aside_preps"] | sets["time_preps"]
    sets["uncertain_heads"] = shared_words().uncertain_heads
    sets["place_preps"] = shared_words().place_preps
    roles = {str(k): str(v) for k, v in data["roles"].items()}
    by_category = {str(k): str(v) for k, v in data["intent_by_category"].items()}
    kept = _strings(data["intent_kept"], "intent_kept")
    threats = _strings(data["threats"], "threats")
    _check_relations([*roles.values(), *by_category.values()], "roles")
    _check_relations([*kept, *threats], "intent_kept/threats")
    return Words(
        sets=sets,
        sectors=_groups(data, "sectors") | {"state": shared_words().state_sectors},
        categories=_groups(data, "categories"),
        roles=roles,
        intent_kept=kept,
        intent_by_category=by_category,
        threats=threats,
        control_priority=tuple(data["control_priority"]),
        clause_control=_strings(data["clause_control"], "clause_control"),
        second_pass_control=_strings(
            data["second_pass_control"], "second_pass_control"
        ),
        confidence=Confidence(**data["confidence"]),
    )


@lru_cache(maxsize=1)
def load_words() -> Words:
    """The packaged word lists (read once).

    Examples:
        >>> w = load_words()
        >>> "against" in w["target_preps"], w.role("threat")
        (True, 'threatens')
    """
    return parse_words(read_yaml("relation_words.yaml"))
