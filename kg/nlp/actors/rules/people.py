"""Imported leaders and officials: a person NER found that ``Lexicon.people`` knows
("Angela Dorothea Merkel", "Muammar Gadhafi") is a ``LEADER`` mention of that person;
the phrase expansion then takes a title before it, and the leaders rule resolves the
person by the article date.

The imported names are many (eighteen thousand) and most look like anybody's name,
so a match must be precise; otherwise namesakes and former officials become false
actors:

- the name comes with a title or a form of address before it ("Defence Minister
  Kari Nordmann", "Gen. Ali Musa", "Prince Hassan"; ``honorifics`` of
  ``actor_words.yaml`` and the registry's title and role phrases), inside the
  entity or right before it: a bare name ("Ali Musa said") is too often somebody
  else's, and the imported names are those of officials, who are written with their
  office;
- the name is what follows the titles, never a name found inside a longer one
  ("Prince Ahmed Karim Hassan" is not "Hassan");
- with an article date, one of the person's roles must hold on that date (the
  dictionary's undated role always holds): a person out of office is not the
  state's voice; without a date the latest role counts, as for kg's own leaders;
- a country named with the person ("Morocco's King Hassan", "Mexican official Ali
  Musa", "King Hassan of Morocco") that is none of the person's countries wins: the
  name is left to the phrase expansion, which codes it by that country.

kg's own leaders (``actors_leaders.yaml``) are names of the entity ruler and do not
pass here; the misspelling and odd-case rules look at kg's own leaders only.
"""

from __future__ import annotations

from kg.nlp.actors.context import LEADER, MAX_ROLE_WORDS, Candidate, DocContext
from kg.nlp.actors.rules.leaders import role_on


def _title_end(ctx: DocContext, i: int, end: int) -> int | None:
    """The end of the title or role phrase of the registry (the longest: "Secretary
    of State"), else of the form of address, at token i (before ``end``), or None."""
    hit = ctx.title_at(i, end) or ctx.role_at(i, end)
    if hit is not None:
        return hit[0]
    return i + 1 if ctx.toks[i].text in ctx.words.honorifics else None


def _address_before(ctx: DocContext, start: int) -> int | None:
    """The start of a title, role or form of address that ends right before token
    ``start``, or None (wider than :meth:`DocContext.title_before`, which takes
    titles only: an imported name needs some office before it, see the module)."""
    for s in range(max(0, start - MAX_ROLE_WORDS), start):
        if _title_end(ctx, s, start) == start:
            return s
    return None


def _name_start(ctx: DocContext, start: int, end: int) -> tuple[int, int | None]:
    """The first token of the name inside an entity after its leading titles, and
    the first token of those titles (None when the name has no title)."""
    title = _address_before(ctx, start)
    i = start
    while i < end - 1:
        nxt = _title_end(ctx, i, end)
        if nxt is None or nxt >= end:
            break
        title = i if title is None else title
        i = nxt
    return i, title


def _country_named(
    ctx: DocContext, cands: list[Candidate], first: int, end: int
) -> str | None:
    """The country of a state named with the person: before the title ("Morocco's
    King X", "Moroccan King X") or after the name ("King X of Morocco")."""
    before = first
    if before > 0 and ctx.toks[before - 1].text in ctx.words.possessives:
        before -= 1
    for c in cands:
        if c.end == before and ctx.state_of(c):
            return ctx.state_of(c)
        if ctx.named_after_of(end, c):
            return ctx.state_of(c)
    return None


def _person(
    ctx: DocContext, cands: list[Candidate], start: int, end: int
) -> Candidate | None:
    """The imported person the entity ``[start, end)`` names, when the match is
    precise (see the module)."""
    s, title = _name_start(ctx, start, end)
    name = ctx.text(s, end)
    pid = ctx.lex.people.get(name)
    if pid is None or title is None:  # no title: maybe a namesake
        return None
    roles = ctx.lex.person_roles.get(pid, [])
    if not roles or (ctx.date and role_on(roles, ctx.date) is None):
        return None
    named = _country_named(ctx, cands, title, end)
    countries = {
        ctx.lex.actors[r.actor].country for r in roles if r.actor in ctx.lex.actors
    }
    if named is not None and named not in countries:
        return None
    return Candidate(s, end, pid, LEADER)


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
        found = _person(ctx, cands, ent.start, ent.end)
        if found is not None:
            out.append(found)
    ctx.take(out)
    return cands + out
