"""Quotation speakers: "we"/"our"/"us" inside a quotation attributed to a speaker
are the speaker's actor ("“We will not recognise them”, said the official").

A quotation that follows the attribution of the previous one ("...”, said X.
“More...”) is X's too. The quotations and their speakers are found by
:func:`kg.nlp.doc.quotations` and :func:`kg.nlp.doc.quote_speaker`.
"""

from __future__ import annotations

from kg.nlp.actors.context import Candidate, DocContext
from kg.nlp.doc import continues_quote, quote_speaker


def apply(ctx: DocContext, cands: list[Candidate]) -> list[Candidate]:
    """Add a mention of the speaker for every free first-person plural pronoun
    inside an attributed quotation; the new mentions come after the others."""
    if not ctx.has_sents or not cands:
        return cands
    say = ctx.words.speech_verbs
    covered = ctx.covered(cands)
    new: list[Candidate] = []
    last: tuple[int, Candidate] | None = None
    for qs, qe in ctx.quotes:
        speaker = quote_speaker(
            ctx.doc, qs, qe, cands + new, sent_of=ctx.sent_of, say=say
        )
        if (
            speaker is None
            and last is not None
            and continues_quote(ctx.doc, last[0], qs, say=say)
        ):
            speaker = last[1]
        if speaker is None:
            last = None
            continue
        last = (qe, speaker)
        for i in range(qs, qe):
            tok = ctx.toks[i]
            if tok.lower_ in ctx.words.we and not covered[i] and tok.text != "US":
                new.append(speaker.refer(i, i + 1))
                covered[i] = True
    return cands + new
