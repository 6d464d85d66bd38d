"""Hashtags: "#Daesh" is a mention of ISIS including its "#"."""

from __future__ import annotations

from kg.nlp.actors.context import Candidate, DocContext


def apply(ctx: DocContext, cands: list[Candidate]) -> list[Candidate]:
    """Widen every candidate right after a "#" (with no space) over the "#"."""
    for c in cands:
        prev = ctx.toks[c.start - 1] if c.start > 0 else None
        if prev is not None and prev.text == "#" and not prev.whitespace_:
            c.start -= 1
    return cands
