"""PETRARCH dictionaries (converted to JSON) as registry files.

``{"actors": {CODE: [PHRASE, ...]}, "agents": {"~GOV": [PHRASE, ...]}}``: an actor
code names a known state (``SYR``), a state with a sector (``SYRGOV``) or a new actor
(``IGO...``, ``IMG...``, ``NGO...``, a new three-letter state); phrases are upper-case
and match case-insensitively. Agent phrases become role and title phrases.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from kg.registry.lexicon import NAME, Alias, Lexicon
from kg.types import Actor, KGError


def petr_phrases(phrase: str) -> list[str]:
    """Natural-case forms of a PETRARCH phrase and its plural.

    ``{}`` marks a phrase without plural, ``{X}`` an irregular plural; phrases with
    ``!`` substitutions are not supported and skipped.

    Examples:
        >>> petr_phrases("ARMED FORCES {}")
        ['armed forces']
        >>> petr_phrases("ATTORNEY GENERAL {ATTORNEYS GENERAL}")
        ['attorney general', 'attorneys general']
        >>> petr_phrases("SOLDIER")
        ['soldier', 'soldiers']
    """
    if "!" in phrase:
        return []
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


def _add_phrases(lex: Lexicon, phrases: list[Any], alias: Alias) -> None:
    """Add phrases, matched case-insensitively; kg's own names keep their meaning
    (``lex.kept``), and the first user file to use a phrase keeps it."""
    for p in phrases:
        for form in petr_phrases(str(p)):
            if form not in lex.folded and form not in lex.kept:
                lex.folded[form] = alias


def _load_actors(lex: Lexicon, actors: dict[str, Any], where: str) -> None:
    by_code = {a.code: a.id for a in lex.actors.values() if a.cls == "State" and a.code}
    for raw_code, phrases in actors.items():
        code = str(raw_code).split("/")[0].upper()
        if not re.fullmatch(r"[A-Z0-9]{3,}", code):
            continue  # '---' (null actor), '+++' (skip)
        if not isinstance(phrases, list):
            raise KGError(f"{where}: phrases of {raw_code!r} must be a list")
        target, sector = _target(lex, code, phrases, by_code)
        _add_phrases(lex, phrases, Alias(target, NAME, sector, code))


def _load_agents(lex: Lexicon, agents: Any, where: str) -> None:
    if not isinstance(agents, dict):
        raise KGError(f"{where}: 'agents' must map an agent code to phrases")
    for raw, phrases in agents.items():
        sector = str(raw).strip("~")
        if not re.fullmatch(r"[A-Z0-9]+", sector):
            raise KGError(f"{where}: bad agent code {raw!r}")
        for p in phrases or []:
            for form in petr_phrases(str(p)):
                lex.add_phrase(lex.roles, tuple(form.split()), sector)
                lex.add_phrase(lex.titles, tuple(form.split()), sector)


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
    _load_actors(lex, actors, where)
    _load_agents(lex, data.get("agents") or {}, where)
