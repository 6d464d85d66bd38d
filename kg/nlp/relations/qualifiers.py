"""Qualifiers of an event: attribution, the reported modality, date and confidence.

Negation and the modality set by control words and modals are folded in
:mod:`kg.nlp.relations.control`; here a claim "according to X" or marked
"reportedly" becomes reported, the event date is the date phrase of its clause
normalised against the article date (the article date otherwise, with
``extra["date_explicit"] = "false"``), and the confidence follows the documented
weights of ``relation_words.yaml``.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.dates import resolve_date_phrase
from kg.nlp.relations.context import Event, Rules


# -------------------------------------------------------------------- attribution
def _source_phrase(o: Token) -> str:
    """The head noun phrase of an "according to" object, without relative clauses."""
    end = o.i + 1
    for c in o.children:
        if c.dep_ in ("relcl", "acl", "punct") or c.i < o.i:
            continue
        if c.dep_ in ("prep", "compound", "appos"):
            end = max(end, c.right_edge.i + 1)
    return o.doc[o.left_edge.i : end].text


def _according_to(sent: Span) -> str | None:
    """The source of the last "according to X" of a sentence, or None."""
    according = None
    for tok in sent:
        if not (
            tok.lower_ == "according"
            and tok.i + 1 < sent.end
            and tok.nbor().lower_ == "to"
        ):
            continue
        obj = [c for c in tok.nbor().children if c.dep_ == "pobj"] or [
            c for c in tok.children if c.dep_ == "pobj"
        ]
        if obj:
            according = _source_phrase(obj[0])
    return according


def _speaker_is_source(ev: Event) -> bool:
    speaker = ev.extra.get("speaker")
    return speaker is not None and any(
        s.start <= int(speaker) < s.end for s in ev.sources
    )


def attribute(rules: Rules, sent: Span, events: list[Event]) -> None:
    """Attribution and the reported modality of a sentence's events (in place).

    "According to X" attributes every event of the sentence to X; an attributed
    or "reportedly" claim is reported, unless its speaker is its own source ("Iran
    said it attacked ...").
    """
    if not events:
        return
    according = _according_to(sent)
    markers = rules.patterns.reported_markers
    reported = any(tok.lower_ in markers for tok in sent)
    for ev in events:
        if according and not ev.attribution:
            ev.attribution = according
        if (
            (ev.attribution or reported)
            and ev.modality == "asserted"
            and (not _speaker_is_source(ev) or according or reported)
        ):
            ev.modality = "reported"


# ---------------------------------------------------------------------------- date
def resolve_date(text: str | None, date: str | None) -> tuple[str | None, dict]:
    """The event date and its ``extra`` fields from a date phrase (or None)."""
    article_day = date[:10] if date else None
    if text is None:
        return article_day, {"date_explicit": "false"}
    iso, gran = resolve_date_phrase(text, date)
    if iso:
        return iso, {
            "date_explicit": "true",
            "date_text": text,
            "date_granularity": gran,
        }
    return article_day, {"date_explicit": "false", "date_text": text}


#: Dependencies of a date phrase that modifies a noun ("the 1974 agreement").
_NOUN_MODIFIER_DEPS = frozenset(
    {"compound", "amod", "nummod", "nmod", "poss", "npadvmod", "quantmod"}
)


def dates_other_noun(ent: Span, ev: Event) -> bool:
    """True when a date phrase modifies a noun other than the event's own words:
    "reaffirmed the 1974 agreement" is not dated 1974, "the June strikes on X"
    (the event noun itself) is dated June."""
    root = ent.root
    return (
        root.dep_ in _NOUN_MODIFIER_DEPS
        and root.head.pos_ in ("NOUN", "PROPN")
        and all(root.head.i != w.i for w in ev.words)
    )


def event_date(
    dates: list[Span], ev: Event, date: str | None
) -> tuple[str | None, dict]:
    """The date of an event: the date phrase of its clause nearest the trigger,
    never one that names another thing (:func:`dates_other_noun`).

    Args:
        dates: The DATE entities of the document.
        ev: The event (its clause is the subtree of ``ev.top``).
        date: The article date (ISO) or None.

    Returns:
        ``(iso date or None, extra fields)``.
    """
    top = ev.top if ev.top is not None else ev.trigger
    lo, hi = top.left_edge.i, top.right_edge.i
    trigger = ev.trigger.i
    best = None
    for ent in dates:
        if (
            lo <= ent.start <= hi
            and (best is None or abs(ent.start - trigger) < abs(best.start - trigger))
            and not dates_other_noun(ent, ev)
        ):
            best = ent
    return resolve_date(best.text if best is not None else None, date)


# ---------------------------------------------------------------------- confidence
def confidence(rules: Rules, ev: Event, src: Span, tgt: Span) -> float:
    """The confidence of an assertion (weights of ``relation_words.yaml``).

    A base per trigger kind (verb, light verb with its noun, other); minus a
    penalty when the source or target came from a fallback (speaker or nearest
    actor), for a coreferent mention (a pronoun, or a short mention headed by an
    uncertain head of ``words.yaml``: "the group"), and for a hypothetical event.
    """
    w = rules.words.confidence
    heads = rules.words["uncertain_heads"]
    base = w.kind.get(ev.kind, w.other)
    if ev.fallback:
        base -= w.fallback
    if any(
        rules.is_pronoun(s.root)
        or s.root.lower_ in heads
        and len(s) <= w.coreferent_length
        for s in (src, tgt)
    ):
        base -= w.coreferent
    if ev.modality == "hypothetical":
        base -= w.hypothetical
    return round(max(w.min, min(w.max, base)), 2)
