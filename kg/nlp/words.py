"""The word lists both extraction components read, once, from ``resources/words.yaml``.

The quotation marks and the speech verbs (:mod:`kg.nlp.doc` finds quotations and
their speakers with them; the relation rules' reporting verbs include them) and the
head nouns of a description (the actor rules resolve "the group" to an antecedent;
the relation rules lower the confidence of a relation with a short mention headed
by an *uncertain* one). The lists of one component only are in
``actor_words.yaml`` and ``relation_words.yaml``.

Examples:
    >>> w = shared_words()
    >>> w.coref_heads["organisation"], "party" in w.coref_heads
    (('org', 'igo'), False)
    >>> "party" in w.uncertain_heads, "troops" in w.uncertain_heads
    (True, False)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kg.resources import read_yaml
from kg.types import KGError


@dataclass(frozen=True)
class SharedWords:
    """The data of ``words.yaml``.

    Attributes:
        quote_marks: Opening quotation mark -> the mark that closes it.
        speech_verbs: Lemmas of the verbs that attribute a quotation ("say").
        coref_heads: Head noun of a description -> the kinds of antecedent it
            takes (org, igo, reb, gov, mil, state); only heads that take one.
        uncertain_heads: The heads whose short mentions make a relation less
            certain (``coref_heads.uncertain`` in the file, resolved or not).
        place_preps: The prepositions of place ("in", "near").
        state_sectors: The sectors of the state itself (GOV, MIL, ...).
    """

    quote_marks: dict[str, str]
    speech_verbs: frozenset[str]
    coref_heads: dict[str, tuple[str, ...]]
    uncertain_heads: frozenset[str]
    place_preps: frozenset[str]
    state_sectors: frozenset[str]


def _heads(groups: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    """Head -> antecedent kinds, over the groups of ``coref_heads``."""
    out: dict[str, tuple[str, ...]] = {}
    for group, heads in groups.items():
        for head, kinds in heads.items():
            if head in out:
                raise KGError(f"words.yaml coref_heads: {head!r} is in two groups")
            if not isinstance(kinds, list):
                raise KGError(f"words.yaml coref_heads.{group}.{head}: not a list")
            out[str(head)] = tuple(map(str, kinds))
    return out


def parse_shared_words(data: dict[str, Any]) -> SharedWords:
    """Turn the parsed ``words.yaml`` mapping into :class:`SharedWords`.

    Raises:
        KGError: when a head is listed twice or its kinds are not a list.
    """
    heads = _heads(data["coref_heads"])
    return SharedWords(
        quote_marks={str(k): str(v) for k, v in data["quote_marks"].items()},
        speech_verbs=frozenset(map(str, data["speech_verbs"])),
        coref_heads={h: kinds for h, kinds in heads.items() if kinds},
        uncertain_heads=frozenset(map(str, data["coref_heads"]["uncertain"])),
        place_preps=frozenset(map(str, data["place_preps"])),
        state_sectors=frozenset(map(str, data["state_sectors"])),
    )


@lru_cache(maxsize=1)
def shared_words() -> SharedWords:
    """The packaged shared word lists (parsed once per process)."""
    return parse_shared_words(read_yaml("words.yaml"))
