"""Imported leaders and officials: a person NER found that ``Lexicon.people`` knows
("Angela Dorothea Merkel", "Muammar Gadhafi") is a ``LEADER`` mention of that person;
a title inside the entity ("Chancellor Angela Merkel") is left for the phrase
expansion to take. The leaders rule then resolves the person by the article date.
"""

from __future__ import annotations

from kg.nlp.actors.context import LEADER, Candidate, DocContext

#: How many leading words of an entity may be a title or a first name skipped.
_SKIP = 3


def _person_in(ctx: DocContext, start: int, end: int) -> Candidate | None:
    """The longest known name ending the tokens ``[start, end)``."""
    for s in range(start, min(end, start + _SKIP + 1)):
        pid = ctx.lex.people.get(ctx.text(s, end))
        if pid is not None:
            return Candidate(s, end, pid, LEADER)
    return None


def apply(ctx: DocContext, cands: list[Candidate]) -> list[Candidate]:
    """Add a candidate per free entity that names an imported person; mark it
    taken."""
    if not ctx.lex.people:
        return cands
    out = []
    for ent in ctx.doc.ents:
        if ent.ent_id_ or ent.label_ != "PERSON":
            continue
        if ctx.any_taken(ent.start, ent.end):
            continue
        found = _person_in(ctx, ent.start, ent.end)
        if found is not None:
            out.append(found)
    ctx.take(out)
    return cands + out
