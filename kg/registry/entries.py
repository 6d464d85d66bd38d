"""Registry entries (the shape of ``resources/actors.yaml``) into the lexicon.

An actor entry is a mapping (``id``, ``label``, ``class``, ``country``, ``sector``,
``code``, ``aliases``, ``wikidata``, ``valid_from``/``valid_to``, ``predecessor``,
``parent``); a leader is a row ``[name, [aliases], actor, sector, from, to, ...more
roles]``; roles and titles map a sector to phrases. The YAML, JSON and Turtle formats
all arrive here.
"""

from __future__ import annotations

import re
from typing import Any

from kg.registry.lexicon import (
    CLASSES,
    INSTITUTION,
    INSTITUTION_CLASSES,
    LEADER,
    NAME,
    Alias,
    Lexicon,
    Role,
    fold_text,
    slug,
    with_aliases,
)
from kg.types import Actor, KGError


def _check_entry(entry: Any, where: str) -> None:
    """Raise KGError unless ``entry`` is a well-formed actor mapping."""
    if not isinstance(entry, dict):
        raise KGError(f"{where}: an actor entry must be a mapping, got {entry!r}")
    aid = entry.get("id")
    if not aid or not isinstance(aid, str):
        raise KGError(f"{where}: actor entry without an 'id': {entry!r}")
    if not entry.get("label"):
        raise KGError(f"{where}: actor {aid!r} has no 'label'")
    cls = entry.get("class", entry.get("cls", "Organisation"))
    if cls not in CLASSES:
        raise KGError(
            f"{where}: actor {aid!r} has unknown class {cls!r}; expected one of "
            f"{sorted(CLASSES)}"
        )
    aliases = entry.get("aliases") or []
    if isinstance(aliases, str) or not isinstance(aliases, list):
        raise KGError(f"{where}: actor {aid!r}: 'aliases' must be a list")
    for key in ("valid_from", "valid_to"):
        v = entry.get(key)
        if v is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(v)):
            raise KGError(f"{where}: actor {aid!r}: {key} {v!r} is not an ISO date")


def _entry_code(country: str | None, sector: str | None) -> str | None:
    """The CAMEO code of an entry without one: country + sector, or the sector."""
    if country:
        return country + (sector or "")
    return sector or None


def parse_actor(entry: Any, where: str) -> Actor:
    """An :class:`Actor` from a registry entry.

    Raises:
        KGError: when the entry is not a mapping, lacks an id or label, has an
            unknown class, aliases that are not a list, or dates that are not ISO.

    Examples:
        >>> parse_actor({"id": "ZLF", "label": "Zemblan Front", "class": "ArmedGroup",
        ...              "country": "NOR", "sector": "REB"}, "test").code
        'NORREB'
    """
    _check_entry(entry, where)
    country = entry.get("country")
    sector = entry.get("sector")
    return Actor(
        id=entry["id"],
        label=str(entry["label"]),
        cls=entry.get("class", entry.get("cls", "Organisation")),
        country=country,
        sector=sector,
        code=entry.get("code") or _entry_code(country, sector),
        aliases=tuple(str(a) for a in entry.get("aliases") or []),
        wikidata=entry.get("wikidata"),
        valid_from=str(entry["valid_from"]) if entry.get("valid_from") else None,
        valid_to=str(entry["valid_to"]) if entry.get("valid_to") else None,
        predecessor=entry.get("predecessor"),
        parent=entry.get("parent"),
    )


def add_actor(lex: Lexicon, actor: Actor) -> None:
    """Add ``actor`` and its aliases; an institution's aliases speak for its state.

    In ``lex.additive`` mode (user and imported files) an actor already known keeps
    its record and gains the new aliases; no alias already taken changes meaning.
    """
    prev = lex.actors.get(actor.id)
    if prev is not None and lex.additive:
        actor = with_aliases(prev, actor.aliases)
    elif prev is not None and prev.cls == "State" and actor.cls == "State":
        # a file re-declaring a country extends it
        actor = with_aliases(actor, (), first=prev.aliases)
    lex.actors[actor.id] = actor
    parent = lex.actors.get(actor.parent or "")
    speaks_for_state = (
        actor.cls in INSTITUTION_CLASSES
        and parent is not None
        and parent.cls == "State"
    )
    for a in actor.aliases:
        if speaks_for_state and parent is not None:
            lex.add_alias(a, Alias(parent.id, INSTITUTION, actor.sector))
        else:
            lex.add_alias(a, Alias(actor.id, NAME))


def _date(v: Any) -> str | None:
    return str(v) if v else None


def _leader_roles(row: list[Any], where: str) -> list[Role]:
    """The roles of a leader row: the first in the row, then the extra ones."""
    name, _, target, sector, start, end = row[:6]
    roles = [Role(str(target), sector, _date(start), _date(end))]
    for extra in row[6:]:
        if not isinstance(extra, list) or len(extra) != 4:
            raise KGError(
                f"{where}: extra role {extra!r} of {name!r} must have 4 items"
            )
        roles.append(Role(str(extra[0]), extra[1], _date(extra[2]), _date(extra[3])))
    return roles


def add_person(
    lex: Lexicon, pid: str, name: str, aliases: list[str], roles: list[Role]
) -> None:
    """One person coded by their latest role; in ``lex.additive`` mode a person
    already known keeps their roles first and gains the new ones after them."""
    if lex.additive and pid in lex.person_roles:
        known = lex.person_roles[pid]
        lex.person_roles[pid] = known + [r for r in roles if r not in known]
        prev = lex.actors[pid]
        lex.actors[pid] = with_aliases(prev, aliases)
        for a in aliases:
            lex.add_alias(a, Alias(pid, LEADER))
        return
    primary = max(roles, key=lambda r: r.start or "")
    tgt = lex.actors.get(primary.actor)
    actor = Actor(
        id=pid,
        label=name,
        cls="Person",
        country=tgt.country if tgt else None,
        sector=primary.sector,
        code=tgt.country if tgt else None,
        aliases=tuple(aliases),
        valid_from=primary.start,
        valid_to=primary.end,
        parent=primary.actor,
    )
    lex.actors[pid] = actor
    lex.person_roles[pid] = roles
    for a in actor.aliases:
        lex.add_alias(a, Alias(pid, LEADER))


def _add_leader(lex: Lexicon, row: Any, where: str) -> None:
    """One person of a ``leaders`` row (id ``P_<SLUG>``)."""
    if not isinstance(row, list) or len(row) < 6:
        raise KGError(
            f"{where}: leader row {row!r} must be [name, [aliases], actor, sector, "
            f"from, to, ...more roles]"
        )
    name, aliases = str(row[0]), row[1]
    roles = _leader_roles(row, where)
    pid = "P_" + slug(name).upper()
    add_person(lex, pid, name, [name, *map(str, aliases or [])], roles)


def add_leaders(lex: Lexicon, rows: Any, where: str) -> None:
    """Add the persons of a ``leaders`` section.

    Raises:
        KGError: when the section is not a list of well-formed rows.
    """
    if not isinstance(rows, list):
        raise KGError(f"{where}: 'leaders' must be a list of rows")
    for row in rows:
        _add_leader(lex, row, where)


def add_roles(
    lex: Lexicon, table: Any, target: dict[tuple[str, ...], str], where: str
) -> None:
    """Add a ``roles``/``titles`` section (sector -> phrases) to ``target`` (one
    of ``lex``'s tables; in additive mode no phrase changes its sector).

    Raises:
        KGError: when the section is not a mapping.
    """
    if not isinstance(table, dict):
        raise KGError(
            f"{where}: 'roles'/'titles' must map a sector to a list of phrases"
        )
    for sector, phrases in table.items():
        for p in phrases or []:
            lex.add_phrase(target, tuple(fold_text(str(p)).split()), str(sector))
