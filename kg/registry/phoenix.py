"""Leaders and officials imported from the Phoenix actor dictionary.

``resources/actors_phoenix.json`` is written by :mod:`kg.convert.phoenix` (see
there): one row per person, ``[id, label, [surface forms], [[CAMEO code, from,
to], ...]]``, the forms already in their final spellings, so reading it is one pass
with no text processing. The forms go to ``Lexicon.people`` (matched on the names
NER finds, not by the entity ruler, so that start-up stays fast) and the dated roles
to ``Lexicon.person_roles``; an imported official is not an actor record of its
own (a mention of the person stands for the state of the role held at the article
date, see ``kg.nlp.actors.rules.people``), which keeps the load light. The rows are
added after kg's own registry and never replace it: a person kg already knows (by
the row's label) gains the new forms only, kg's dated roles staying the ones that
count; a form that already names something keeps its meaning.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kg.registry.lexicon import LEADER, Lexicon, Role, with_aliases
from kg.types import KGError


def _roles(lex: Lexicon, rows: list[Any]) -> list[Role]:
    """The roles of a row whose country the registry knows."""
    out = []
    for code, start, end in rows:
        aid = lex.by_alpha3.get(str(code)[:3])
        if aid is not None:
            out.append(Role(aid, str(code)[3:] or None, start, end))
    return out


def _known(lex: Lexicon, label: str) -> str | None:
    """The id of the person of kg's own leaders list the label names, if any."""
    alias = lex.aliases.get(label)
    if alias is not None and alias.kind == LEADER:
        return alias.actor
    return None


def _add_forms(lex: Lexicon, pid: str, forms: list[str]) -> None:
    """The forms name the person where kg's names and earlier rows do not."""
    for f in forms:
        if f not in lex.aliases and f not in lex.people:
            lex.people[f] = pid


def _add_row(
    lex: Lexicon, pid: str, label: str, forms: list[str], raw_roles: list[Any]
) -> None:
    known = _known(lex, label)
    if known is not None:  # kg's roles stay; the spellings are added
        lex.actors[known] = with_aliases(lex.actors[known], forms)
        _add_forms(lex, known, forms)
        return
    if pid in lex.actors or pid in lex.person_roles:
        return  # kg's own person of that name stays
    roles = _roles(lex, raw_roles)
    if roles:
        lex.person_roles[pid] = roles
        _add_forms(lex, pid, forms)


def load_phoenix(lex: Lexicon, path: Path) -> None:
    """Add the persons of a converted Phoenix file to ``lex`` (never replacing).

    Raises:
        KGError: when the file is not the converter's JSON.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        rows = data["persons"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        msg = f"actor registry {str(path)!r} is not a Phoenix file: {exc}"
        raise KGError(msg) from None
    for pid, label, forms, raw_roles in rows:
        _add_row(lex, pid, label, forms, raw_roles)
