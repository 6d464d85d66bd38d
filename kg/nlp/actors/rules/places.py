"""Cities and regions: a city of the registry on proper-noun tokens stands for its
country ("Gunmen attacked Samarra" -> IRQ, kind ``PLACE``)."""

from __future__ import annotations

from kg.nlp.actors.context import PLACE, Candidate, DocContext

#: The longest city name, in tokens.
MAX_CITY_TOKENS = 4


def _city_at(ctx: DocContext, i: int) -> tuple[int, str] | None:
    """The longest city name starting at token i: (end, country actor id) or None."""
    toks, text = ctx.toks, ctx.chars
    for k in range(min(ctx.n, i + MAX_CITY_TOKENS), i, -1):
        if ctx.any_taken(i, k):
            continue
        last = toks[k - 1]
        name = text[toks[i].idx : last.idx + len(last.text)]  # doc[i:k].text
        if name in ctx.lex.cities:
            return k, ctx.lex.cities[name]
    return None


def _is_place(ctx: DocContext, i: int, e: int) -> bool:
    """Whether tokens ``[i, e)`` are a place: not a person, organisation, date or
    title; a geographic entity, or proper nouns not preceded by another one."""
    toks = ctx.toks[i:e]
    if any(t.ent_type_ in ("PERSON", "ORG", "DATE", "WORK_OF_ART") for t in toks):
        return False
    if all(t.ent_type_ in ("GPE", "LOC", "FAC", "NORP") for t in toks):
        return True
    prev = ctx.toks[i - 1] if i > 0 else None
    return all(t.pos_ == "PROPN" for t in toks) and not (
        prev is not None and prev.is_title and prev.pos_ == "PROPN"
    )


def apply(ctx: DocContext, cands: list[Candidate]) -> list[Candidate]:
    """Add a ``PLACE`` candidate per city on free capitalised tokens; mark it taken."""
    out = []
    after = 0  # tokens before it are inside a city already read
    for i in ctx.titled:
        if i < after or ctx.taken[i]:
            continue
        hit = _city_at(ctx, i)
        if hit is None:
            continue
        e, aid = hit
        if _is_place(ctx, i, e):
            place = Candidate(i, e, aid, PLACE)
            out.append(place)
            ctx.take([place])
        after = e
    return cands + out
