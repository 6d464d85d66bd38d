"""Names whose state depends on the document or on the date.

- A name of several states (``Lexicon.ambiguous``: "Congo", "Tripoli") takes the
  state the other mentions of the document point to ("Congo" with Goma, Kinshasa
  or M23 is the DRC, with Brazzaville the Republic of the Congo; "Tripoli" with
  Lebanon is Tripoli in Lebanon), else the most usual one, listed first.
- A state named in an article dated before the state existed stands for the state
  that held the territory then ("South Sudan" in 1995 is Sudan, "Ukraine" in 1985
  the Soviet Union): the registry's ``valid_from`` and ``predecessor``.
"""

from __future__ import annotations

from collections import Counter

from kg.nlp.actors.context import Candidate, DocContext


def _country(ctx: DocContext, actor_id: str) -> str | None:
    actor = ctx.actor(actor_id)
    return actor.country if actor is not None else None


def _choose(ctx: DocContext, options: tuple[str, ...], votes: Counter[str]) -> str:
    """The option the document's other mentions point to most (ties: the first)."""
    best = options[0]
    for option in options[1:]:
        if votes[_country(ctx, option) or option] > votes[_country(ctx, best) or best]:
            best = option
    return best


def _ambiguous(ctx: DocContext, cands: list[Candidate]) -> None:
    """Resolve the names of several states by the document's other mentions."""
    named: list[tuple[Candidate, tuple[str, ...]]] = []
    for c in cands:
        options = ctx.lex.ambiguous.get(ctx.text(c.start, c.end))
        if options:
            named.append((c, options))
    if not named:
        return
    votes: Counter[str] = Counter(
        _country(ctx, c.actor) or c.actor
        for c in cands
        if all(c is not d for d, _ in named)
    )
    for c, options in named:
        c.actor = _choose(ctx, options, votes)


def _predecessor(ctx: DocContext, actor_id: str) -> str | None:
    """The state that held a state's territory at the article date, if it differs."""
    actor = ctx.actor(actor_id)
    if actor is None or not actor.valid_from or not actor.predecessor:
        return None
    if actor.valid_from <= str(ctx.date)[:10]:
        return None
    pred = actor.predecessor
    return pred if pred in ctx.lex.actors else ctx.lex.by_alpha3.get(pred)


def apply(ctx: DocContext, cands: list[Candidate]) -> list[Candidate]:
    """Resolve ambiguous names, then states named before they existed."""
    _ambiguous(ctx, cands)
    if ctx.date:
        for c in cands:
            pred = _predecessor(ctx, c.actor)
            if pred is not None:
                c.actor = pred
    return cands
