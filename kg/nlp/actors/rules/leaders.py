"""Leaders: a person of the leaders list stands for the actor they led at the
article date ("Assad" in 2020 -> SYR, GOV), or in their latest role without a date.
The mention's label keeps the person's id."""

from __future__ import annotations

from collections.abc import Sequence

from kg.nlp.actors.context import LEADER, Candidate, DocContext
from kg.registry.lexicon import Role


def role_on(roles: Sequence[Role], date: str | None) -> Role | None:
    """The role held on ``date`` (ISO), or the latest role when there is no date.

    Examples:
        >>> roles = [Role("SYR", "GOV", "2000-07-17", "2024-12-08")]
        >>> role_on(roles, "2020-05-01").actor, role_on(roles, "2025-01-01")
        ('SYR', None)
    """
    if not date:
        return max(roles, key=lambda r: r.start or "")
    d = str(date)[:10]
    return next(
        (
            r
            for r in roles
            if (r.start or "0000") <= d and (r.end is None or d <= r.end)
        ),
        None,
    )


def apply(ctx: DocContext, cands: list[Candidate]) -> list[Candidate]:
    """Resolve every leader candidate to the actor of the role valid at the date."""
    for c in cands:
        if c.kind != LEADER or c.actor not in ctx.lex.person_roles:
            continue
        role = role_on(ctx.lex.person_roles[c.actor], ctx.date)
        if role is not None and role.actor in ctx.lex.actors:
            c.label = c.actor  # remember the person
            c.actor = role.actor
            c.sector = role.sector
    return cands
