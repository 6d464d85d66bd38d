"""Quotation speakers: "we"/"our"/"us" (and "I"/"my") inside a quotation attributed
to a speaker are the speaker's actor ("“We will not recognise them”, said the
official"; "“My government will arm them”, the minister said").

A quotation that follows the attribution of the previous one ("...”, said X.
“More...”) is X's too. The quotations and their speakers are found by
:func:`kg.nlp.doc.attributed_quotations`; this rule records them in
``ctx.quote_speakers`` (the component writes them to ``doc._.kg_quotes`` for the
relation rules), each with the mention that speaks for the speaker inside it: its
first "we", else that of the quotation it continues, else the attribution's
mention.
"""

from __future__ import annotations

from kg.nlp.actors.context import Candidate, DocContext
from kg.nlp.doc import attributed_quotations


def _we(ctx: DocContext, start: int, end: int, covered: list[bool]) -> list[int]:
    """The free first-person pronouns of tokens ``[start, end)``."""
    return [
        i
        for i in range(start, end)
        if ctx.toks[i].lower_ in ctx.words.we
        and not covered[i]
        and ctx.toks[i].text != "US"
    ]


def apply(ctx: DocContext, cands: list[Candidate]) -> list[Candidate]:
    """Add a mention of the speaker for every free first-person pronoun
    inside an attributed quotation; the new mentions come after the others."""
    if not ctx.has_sents or not cands:
        return cands
    covered = ctx.covered(cands)
    pool = list(cands)  # speakers are looked for among the new mentions too
    voice: Candidate | None = None  # who speaks in the previous quotation
    for qs, qe, speaker, continued in attributed_quotations(
        ctx.doc,
        pool,
        sent_of=ctx.sent_of,
        say=ctx.words.speech_verbs,
        quotes=ctx.quotes,
    ):
        new = [speaker.refer(i, i + 1) for i in _we(ctx, qs, qe, covered)]
        for c in new:
            covered[c.start] = True
        pool.extend(new)
        if new:
            voice = new[0]
        elif not continued or voice is None:
            voice = speaker
        ctx.quote_speakers.append((qs, qe, voice))
    return pool
