"""The word lists of the actor rules, read once from ``resources/actor_words.yaml``.

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

from kg.resources import read_yaml


@dataclass(frozen=True)
class Words:
    """One frozen set per list of ``actor_words.yaml`` (see the file for each use).

    ``coref_heads`` maps a head noun to the kinds of antecedent it takes and
    ``international`` is a pattern that finds one of its words in a name.
    """

    ethnic_marks: frozenset[str]
    ethnic_nouns: frozenset[str]
    creeds: frozenset[str]
    group_nouns: frozenset[str]
    media_nouns: frozenset[str]
    violent: frozenset[str]
    compass: frozenset[str]
    not_locators: frozenset[str]
    org_heads: frozenset[str]
    international: re.Pattern[str]
    name_connectors: frozenset[str]
    possessives: frozenset[str]
    stance_prefixes: frozenset[str]
    leader_government: frozenset[str]
    determiners: frozenset[str]
    coref_heads: dict[str, tuple[str, ...]]
    empty_it_verbs: frozenset[str]
    we: frozenset[str]
    speech_verbs: frozenset[str]


def _parse(data: dict[str, Any]) -> Words:
    values: dict[str, Any] = {}
    for f in fields(Words):
        raw = data[f.name]
        if f.name == "coref_heads":
            values[f.name] = {str(k): tuple(v) for k, v in raw.items()}
        elif f.name == "international":  # a pattern that finds one in a name
            values[f.name] = re.compile(r"\b(" + "|".join(map(re.escape, raw)) + r")\b")
        else:
            values[f.name] = frozenset(str(w) for w in raw)
    return Words(**values)


@lru_cache(maxsize=1)
def words() -> Words:
    """The packaged word lists (parsed once per process)."""
    return _parse(read_yaml("actor_words.yaml"))
