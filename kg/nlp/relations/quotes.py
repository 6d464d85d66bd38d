"""Quotations of a document and their speakers, as the relation rules need them.

``kg.nlp.actors`` resolves "we"/"our"/"us" inside a quotation attributed to a
speaker to the speaker's actor: such a mention stands for the speaker. A quotation
without one takes the actor named with a reporting verb right after it ("...”,
said the Turkish minister"), or continues the previous quotation when only an
attribution lies between them ("...”, X said. “More ...”).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span

from kg.nlp.relations.words import load_words

#: How far a closing mark is looked for, and how near a speaker must be.
_QUOTE_LENGTH = 400
_AFTER = 10
_CONTINUED = 15


def _closing(doc: Doc, i: int, close: str) -> int:
    """The index of the mark closing the quotation opened at ``i`` (or len(doc))."""
    n = len(doc)
    return next(
        (k for k in range(i + 1, min(n, i + _QUOTE_LENGTH)) if doc[k].text == close), n
    )


def _speaker_after(
    doc: Doc, j: int, spans: list[Span], we: list[Span], reporting: frozenset[str]
) -> Span | None:
    """ "...”, said the Turkish minister": the actor named with a reporting verb."""
    n = len(doc)
    after = doc[j + 1 : min(n, j + _AFTER)]
    if not any(t.lemma_ in reporting for t in after):
        return None
    return next((s for s in spans if j < s.start < j + _AFTER and s not in we), None)


def _continued(
    doc: Doc, i: int, last: tuple[int, Span] | None, reporting: frozenset[str]
) -> Span | None:
    """The previous quotation's speaker when only an attribution lies between."""
    if last is None or i - last[0] > _CONTINUED:
        return None
    if any(t.lemma_ in reporting for t in doc[last[0] : i]):
        return last[1]
    return None


def quote_speakers(
    doc: Doc, spans: Iterable[Span], reporting: frozenset[str] = frozenset()
) -> list[tuple[int, int, Span]]:
    """Quotations (token ranges) whose speaker is known, with the speaker's mention.

    Args:
        doc: The document.
        spans: Its actor mentions.
        reporting: Reporting verb lemmas ("say", "tell").

    Returns:
        ``(start, end, mention)`` per quotation with a known speaker.
    """
    spans = list(spans)
    if not spans:
        return []
    words = load_words()
    we = [
        s
        for s in spans
        if len(s) == 1 and s[0].lower_ in words["we"] and s[0].text != "US"
    ]
    out: list[tuple[int, int, Span]] = []
    n = len(doc)
    i = 0
    last: tuple[int, Span] | None = None
    while i < n:
        close = words.quote_marks.get(doc[i].text)
        if close is None:
            i += 1
            continue
        j = _closing(doc, i, close)
        if j >= n:
            break
        speaker = next((s for s in we if i < s.start < j), None)
        if speaker is None:
            speaker = _speaker_after(doc, j, spans, we, reporting)
        if speaker is None:
            speaker = _continued(doc, i, last, reporting)
        if speaker is not None:
            out.append((i + 1, j, speaker))
            last = (j, speaker)
        else:
            last = None
        i = j + 1
    return out
