"""Acronyms defined in the text: "Some Long Name (SLN)" makes SLN name the same actor
for the rest of the document (an unknown organisation when the registry lacks the
name); the acronym in brackets is part of the definition, not a second mention."""

from __future__ import annotations

import re

from kg.nlp.actors.context import (
    ACRONYM,
    COREF,
    DEMONYM,
    PLACE,
    Candidate,
    DocContext,
    unknown_org,
)

#: The bracket that opens an acronym's definition.
_OPEN = frozenset({"("})
_ACRONYM = re.compile(r"[A-Z][A-Za-z0-9&.\-]{1,11}")


def _acronym_at(ctx: DocContext, i: int) -> str | None:
    """The acronym in brackets at token i ("(", ACR, ")"), or None."""
    toks = ctx.toks
    if toks[i].text != "(" or i == 0 or i + 2 >= ctx.n or toks[i + 2].text != ")":
        return None
    acr = toks[i + 1].text
    if not _ACRONYM.fullmatch(acr) or sum(ch.isupper() for ch in acr) < 2:
        return None
    return acr


def _name_start(ctx: DocContext, i: int, acr: str) -> int | None:
    """Start of a capitalised name ending before token i whose initials fit acr."""
    toks = ctx.toks
    j = i
    while j > 0 and (
        toks[j - 1].is_title or toks[j - 1].lower_ in ctx.words.name_connectors
    ):
        j -= 1
    while j < i and (not toks[j].is_title or toks[j].lower_ == "the"):
        j += 1
    words = [t.text for t in toks[j:i] if t.is_title]
    if len(words) < 2:
        return None
    initials = "".join(w[0] for w in words).upper()
    letters = "".join(ch for ch in acr.upper() if ch.isalpha())
    it = iter(initials)
    if letters and all(ch in it for ch in letters):
        return j
    return None


def _definitions(
    ctx: DocContext, cands: list[Candidate]
) -> tuple[list[tuple[int, str, Candidate]], list[Candidate]]:
    """The definitions (bracket position, acronym, named candidate) and the
    candidates with the unknown organisations the definitions name."""
    ends = {c.end: c for c in cands}
    defs: list[tuple[int, str, Candidate]] = []
    for i in ctx.where(_OPEN):
        acr = _acronym_at(ctx, i)
        if acr is None:
            continue
        prev = ends.get(i)
        if prev is None:
            start = _name_start(ctx, i, acr)
            if start is None:
                continue
            country = ctx.country_inside(start, i)
            prev = unknown_org(start, i, ctx.text(start, i), country)
            cands = [c for c in cands if c.end <= start or c.start >= i]
            cands.append(prev)
        elif prev.kind in (DEMONYM, PLACE, COREF):
            continue
        defs.append((i, acr, prev))
    return defs, cands


def _uses(
    ctx: DocContext, cands: list[Candidate], pos: int, acr: str, target: Candidate
) -> list[Candidate]:
    """Every later use of ``acr`` names ``target`` (replacing a one-token mention)."""
    # the acronym in brackets is part of the definition, not another mention
    cands = [c for c in cands if not (c.start == pos + 1 and c.end == pos + 2)]
    covered = {x for c in cands for x in c.spans()}
    for j in ctx.where({acr}):
        if j < pos + 3:
            continue
        hit = next((c for c in cands if c.start == j and c.end == j + 1), None)
        if hit is not None:
            cands.remove(hit)
        elif j in covered:
            continue
        cands.append(
            Candidate(
                j,
                j + 1,
                target.actor,
                ACRONYM,
                target.sector,
                target.code,
                target.known,
                target.label,
            )
        )
    return cands


def apply(ctx: DocContext, cands: list[Candidate]) -> list[Candidate]:
    """Resolve every acronym defined in the document; sorted by start."""
    defs, cands = _definitions(ctx, sorted(cands, key=lambda c: c.start))
    if not defs:
        return cands
    for pos, acr, target in defs:
        cands = _uses(ctx, cands, pos, acr, target)
    return sorted(cands, key=lambda c: c.start)
