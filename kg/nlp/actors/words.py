"""The word lists of the actor rules, read once from ``resources/actor_words.yaml``.

``coref_heads``, ``speech_verbs``, ``place_preps`` and ``state_sectors`` are the
shared lists of
``words.yaml`` (:func:`kg.nlp.words.shared_words`), which the relation rules read
too.

Examples:
    >>> w = words()
    >>> "Kurds" in w.ethnic_nouns, w.coref_heads["organisation"]
    (True, ('org', 'igo'))
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any

from kg.nlp.words import shared_words
from kg.resources import read_yaml


@dataclass(frozen=True)
class Words:
    """One frozen set per list of ``actor_words.yaml`` (see the file for each use).

    ``international`` is a pattern that finds one of its words in a name;
    ``coref_heads`` (a head noun -> the kinds of antecedent it takes),
    ``speech_verbs``, ``place_preps`` and ``state_sectors`` come from ``words.yaml``.
    """

    ethnic_marks: frozenset[str]
    bare_sectors: frozenset[str]
    unnamed_sectors: frozenset[str]
    ethnic_nouns: frozenset[str]
    creeds: frozenset[str]
    group_nouns: frozenset[str]
    media_nouns: frozenset[str]
    violent: frozenset[str]
    compass: frozenset[str]
    not_locators: frozenset[str]
    common_words: frozenset[str]
    honorifics: frozenset[str]
    org_heads: frozenset[str]
    international: re.Pattern[str]
    name_connectors: frozenset[str]
    possessives: frozenset[str]
    stance_prefixes: frozenset[str]
    past_marks: frozenset[str]
    currencies: frozenset[str]
    place_nouns: frozenset[str]
    leader_government: frozenset[str]
    determiners: frozenset[str]
    coref_heads: dict[str, tuple[str, ...]]
    empty_it_verbs: frozenset[str]
    person_heads: frozenset[str]
    we: frozenset[str]
    speech_verbs: frozenset[str]
    place_preps: frozenset[str]
    state_sectors: frozenset[str]


#: The fields of :class:`Words` that come from ``words.yaml``.
_SHARED = ("coref_heads", "speech_verbs", "place_preps", "state_sectors")


def _parse(data: dict[str, Any]) -> Words:
    shared = shared_words()
    values: dict[str, Any] = {name: getattr(shared, name) for name in _SHARED}
    for f in fields(Words):
        if f.name in _SHARED:
            continue
        raw = data[f.name]
        if f.name == "international":  # a pattern that finds one in a name
            values[f.name] = re.compile(r"\b(" + "|".join(map(re.escape, raw)) + r")\b")
        else:
            values[f.name] = frozenset(str(w) for w in raw)
    return Words(**values)


@lru_cache(maxsize=1)
def words() -> Words:
    """The packaged word lists (parsed once per process)."""
    return _parse(read_yaml("actor_words.yaml"))
