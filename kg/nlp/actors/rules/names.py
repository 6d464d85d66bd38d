"""Registry names: the entity ruler's matches (``ent.ent_id_``) become candidates."""

from __future__ import annotations

from kg.nlp.actors.context import NAME, Candidate, DocContext
from kg.registry.lexicon import Alias


def apply(ctx: DocContext, cands: list[Candidate]) -> list[Candidate]:
    """Add a candidate per entity with an actor id, with the kind of its alias
    (a demonym, a capital, ...); mark their tokens taken."""
    out = list(cands)
    for ent in ctx.doc.ents:
        if not ent.ent_id_:
            continue
        alias = ctx.lookup(ent.text)
        if alias is None or alias.actor != ent.ent_id_:
            alias = Alias(ent.ent_id_, NAME)
        out.append(
            Candidate(
                ent.start, ent.end, alias.actor, alias.kind, alias.sector, alias.code
            )
        )
    ctx.take(out)
    return out
