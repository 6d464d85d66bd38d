"""PETRARCH dictionaries (converted to JSON) as registry files.

``{"actors": {CODE: [PHRASE, ...]}, "agents": {"~GOV": [PHRASE, ...]},
"substitutions"?: {"PERSON": [WORD, ...]}}``: an actor code names a known state
(``SYR``), a state with a sector (``SYRGOV``), a new actor (``IGO...``, ``IMG...``,
``NGO...``, a new three-letter state) or several actors (``FRO/BIL``: the first one
is taken); phrases are upper-case and match case-insensitively, in the format of
PETRARCH's ``dictionaries.rst``:

- ``{}`` after a phrase: no plural; ``{X}``: the irregular plural X; otherwise the
  regular plural is added;
- ``!NAME!`` is replaced by every word of the substitution set NAME (no plural is
  formed): the sets the format documents (``!PERSON!``, ``!MINST!``), and those of
  the file's ``substitutions`` mapping;
- an agent code with ``~`` before it (``~GOV``) is added after the country code
  (``ARNGOV``), one with ``~`` after it (``NGO~``) before it (``NGOARN``). Agent
  phrases become role and title phrases.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from kg.registry.lexicon import NAME, Alias, Lexicon
from kg.types import Actor, KGError

#: The substitution sets of PETRARCH's agent format (``dictionaries.rst``).
SUBSTITUTIONS: dict[str, tuple[str, ...]] = {
    "PERSON": ("MAN", "MEN", "WOMAN", "WOMEN", "PERSON"),
    "MINST": ("MINISTER", "MINISTERS", "MINISTRY", "MINISTRIES"),
}

_MARKER = re.compile(r"!([A-Z0-9_]+)!")


def petr_phrases(
    phrase: str, substitutions: dict[str, tuple[str, ...]] | None = None
) -> list[str]:
    """Natural-case forms of a PETRARCH phrase and its plural.

    ``{}`` marks a phrase without plural, ``{X}`` an irregular plural; a ``!NAME!``
    marker stands for every word of the substitution set NAME (``SUBSTITUTIONS``
    and ``substitutions``), with no plural formed; a phrase with an unknown
    marker is skipped.

    Examples:
        >>> petr_phrases("ARMED FORCES {}")
        ['armed forces']
        >>> petr_phrases("ATTORNEY GENERAL {ATTORNEYS GENERAL}")
        ['attorney general', 'attorneys general']
        >>> petr_phrases("SOLDIER")
        ['soldier', 'soldiers']
        >>> petr_phrases("CONGRESS!PERSON!")[:2], petr_phrases("!NOSUCH! OF X")
        (['congressman', 'congressmen'], [])
    """
    if "!" in phrase:
        return _substituted(phrase, {**SUBSTITUTIONS, **(substitutions or {})})
    m = re.match(r"^(.*?)\s*\{(.*)\}\s*$", phrase)
    base, plural = (m.group(1), m.group(2)) if m else (phrase, None)
    base = " ".join(base.replace("_", " ").split()).lower()
    if not base:
        return []
    out = [base]
    if plural:
        out.append(" ".join(plural.split()).lower())
    elif m is None:
        out.append(_regular_plural(base))
    return out


def _substituted(phrase: str, sets: dict[str, tuple[str, ...]]) -> list[str]:
    """The forms of a phrase with ``!NAME!`` markers (none when a set is unknown)."""
    m = _MARKER.search(phrase)
    if m is None:
        if "!" in phrase:
            return []
        return petr_phrases(re.sub(r"\s*\{[^}]*\}\s*$", "", phrase) + " {}")
    words = sets.get(m.group(1))
    if not words:
        return []
    out: list[str] = []
    for word in words:
        for form in _substituted(phrase[: m.start()] + word + phrase[m.end() :], sets):
            if form not in out:
                out.append(form)
    return out


def _regular_plural(base: str) -> str:
    last = base.split()[-1]
    if last.endswith("y") and last[-2:-1] not in "aeiou":
        return base[:-1] + "ies"
    if last.endswith(("s", "sh", "ch", "x")):
        return base + "es"
    return base + "s"


def _class_of(code: str) -> str:
    """The actor class a PETRARCH code implies (``IGO...`` an international body)."""
    if code.startswith("IGO"):
        return "InternationalOrganisation"
    if code.startswith("IMG"):
        return "ArmedGroup"
    if code.startswith(("NGO", "NGM")):
        return "Organisation"
    return "State" if len(code) == 3 else "Organisation"


def _new_actor(lex: Lexicon, code: str, phrases: list[Any]) -> Actor:
    """A new actor for a code the registry lacks, labelled by its first phrase."""
    cls = _class_of(code)
    actor = Actor(
        id=code,
        label=str(phrases[0]).title() if phrases else code,
        cls=cls,
        country=code if cls == "State" else None,
        sector=None,
        code=code,
        aliases=tuple(str(p) for p in phrases),
    )
    lex.actors[code] = actor
    return actor


def _target(
    lex: Lexicon, code: str, phrases: list[Any], by_code: dict[str, str]
) -> tuple[str, str | None]:
    """The actor id and sector a code stands for (a new actor when unknown)."""
    country, rest = code[:3], code[3:]
    if code in by_code:
        return by_code[code], None
    if rest and country in by_code:
        return by_code[country], rest
    if code not in lex.actors and _new_actor(lex, code, phrases).cls == "State":
        by_code.setdefault(code, code)
    return code, None


def _add_phrases(
    lex: Lexicon,
    phrases: list[Any],
    alias: Alias,
    subs: dict[str, tuple[str, ...]] | None = None,
) -> None:
    """Add phrases, matched case-insensitively; kg's own names keep their meaning
    (``lex.kept``), and the first user file to use a phrase keeps it."""
    for p in phrases:
        for form in petr_phrases(str(p), subs):
            lex.add_alias(form, alias, fold=True)


def _load_actors(
    lex: Lexicon, actors: dict[str, Any], where: str, subs: dict[str, tuple[str, ...]]
) -> None:
    by_code = {a.code: a.id for a in lex.actors.values() if a.cls == "State" and a.code}
    for raw_code, phrases in actors.items():
        code = str(raw_code).split("/")[0].upper()
        if not re.fullmatch(r"[A-Z0-9]{3,}", code):
            continue  # '---' (null actor), '+++' (skip)
        if not isinstance(phrases, list):
            raise KGError(f"{where}: phrases of {raw_code!r} must be a list")
        target, sector = _target(lex, code, phrases, by_code)
        _add_phrases(lex, phrases, Alias(target, NAME, sector, code), subs)


def agent_sector(raw: object) -> str | None:
    """The sector an agent code adds: ``~GOV`` -> ``GOV`` (after the country code),
    ``NGO~`` -> ``NGO~`` (a trailing ``~`` puts it before: ``NGOARN``); None when
    malformed.

    Examples:
        >>> agent_sector("~GOV"), agent_sector("NGO~"), agent_sector("~G-V")
        ('GOV', 'NGO~', None)
    """
    code = str(raw).strip()
    prefix = code.endswith("~") and not code.startswith("~")
    sector = code.strip("~")
    if not re.fullmatch(r"[A-Z0-9]+", sector):
        return None
    return sector + "~" if prefix else sector


def _load_agents(
    lex: Lexicon, agents: Any, where: str, subs: dict[str, tuple[str, ...]]
) -> None:
    if not isinstance(agents, dict):
        raise KGError(f"{where}: 'agents' must map an agent code to phrases")
    for raw, phrases in agents.items():
        sector = agent_sector(raw)
        if sector is None:
            raise KGError(f"{where}: bad agent code {raw!r}")
        for p in phrases or []:
            for form in petr_phrases(str(p), subs):
                lex.add_phrase(lex.roles, tuple(form.split()), sector)
                lex.add_phrase(lex.titles, tuple(form.split()), sector)


def _substitution_sets(data: Any, where: str) -> dict[str, tuple[str, ...]]:
    """The file's ``substitutions``: NAME -> words (``!NAME!`` in a phrase)."""
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(
        isinstance(v, list) for v in data.values()
    ):
        raise KGError(f"{where}: 'substitutions' must map a NAME to a list of words")
    return {
        str(k).strip("!").upper(): tuple(str(w).strip().upper() for w in v)
        for k, v in data.items()
    }


def load_petrarch(lex: Lexicon, path: Path, data: dict[str, Any]) -> None:
    """Add a parsed PETRARCH dictionary (``data``, read from ``path``) to ``lex``.

    Raises:
        KGError: when ``actors`` is not a mapping of code -> phrases or an agent
            code is malformed.
    """
    where = f"actor registry {str(path)!r}"
    actors = data.get("actors")
    if not isinstance(actors, dict):
        raise KGError(
            f"{where}: a PETRARCH dictionary needs an 'actors' mapping code -> phrases"
        )
    subs = _substitution_sets(data.get("substitutions"), where)
    _load_actors(lex, actors, where, subs)
    _load_agents(lex, data.get("agents") or {}, where, subs)
