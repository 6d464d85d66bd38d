"""The ``kg_relations`` component and :func:`extract`: Docs -> ``Assertion`` records.

Each document gets its own :class:`~kg.nlp.relations.context.DocContext`; the
component holds only the (immutable) rules, so generators of several documents
may be consumed interleaved or in threads. A sentence is read when it has two
actors, or one actor and the speaker of a quotation it lies in (the quotations and
their speakers are found once, by ``kg_actors``: ``doc._.kg_quotes``). Each event gives
one assertion per (source, target) pair, never an actor with itself ("Nigerian
authorities" NGAGOV and a Nigerian group are two actors: their codes differ).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.nlp import doc as _doc  # noqa: F401  (registers the Doc extensions)
from kg.nlp.relations.anaphora import names_an_act, remember
from kg.nlp.relations.context import (
    DocContext,
    Event,
    Rules,
    SentContext,
    default_rules,
    make_rules,
    verb_exceptions,
)
from kg.nlp.relations.patterns import load_patterns
from kg.nlp.relations.qualifiers import confidence, event_date
from kg.nlp.relations.sentence import sentence_events
from kg.nlp.relations.triggers import CAMEO_KEY
from kg.types import Assertion
from kg.vocab import relation_of_code

log = logging.getLogger("kg")

#: Longest sentence (in tokens) read for relations. News sentences stay far below
#: it (the longest of the sample and gold data has about 100); a longer "sentence"
#: is a list, a table or repeated text, where the work per sentence (mentions,
#: argument search, candidate pairs) would grow with its square.
MAX_SENTENCE_TOKENS = 250


def quote_speakers(doc: Doc, spans: Sequence[Span]) -> list[tuple[int, int, Span]]:
    """The attributed quotations the actor component found (``doc._.kg_quotes``),
    each with the mention of ``spans`` that speaks for its speaker."""
    at = {(s.start, s.end): s for s in spans}
    out = []
    for qs, qe, ss, se in doc._.kg_quotes or ():
        speaker = at.get((ss, se))
        if speaker is not None:
            out.append((qs, qe, speaker))
    return out


def doc_context(rules: Rules, doc: Doc) -> DocContext | None:
    """The context of a document, or None when it has no actor mentions."""
    spans = doc.spans.get("kg_actors") if doc.spans is not None else None
    if not spans:
        return None
    index: dict[int, Span] = {}
    for span in spans:
        for i in range(span.start, span.end):
            index[i] = span
    return DocContext(
        rules=rules,
        doc=doc,
        spans=list(spans),
        index=index,
        dates=[e for e in doc.ents if e.label_ == "DATE"],
        quotes=quote_speakers(doc, spans),
    )


def _quoted_speaker(ctx: DocContext, sent: Span) -> Span | None:
    """The speaker of a quotation overlapping the sentence, or None."""
    return next(
        (sp for qs, qe, sp in ctx.quotes if qs < sent.end and sent.start < qe), None
    )


def _sentences(ctx: DocContext) -> Iterator[SentContext]:
    """The sentences worth reading: two actors, or one and a quotation's speaker."""
    sents = list(ctx.doc.sents)
    starts = [s.start for s in sents]
    by_sentence = ctx.keys_by_sentence(starts)
    pairs = ctx.pair_sentences(starts)
    for s_i in pairs:  # "The two countries ...": the pair named before
        by_sentence.setdefault(s_i, set())
    for s_i, keys in sorted(by_sentence.items()):
        sent = sents[s_i]
        if len(sent) > MAX_SENTENCE_TOKENS:  # bounds the work per sentence
            log.warning(
                "%s: sentence %d has %d tokens (over %d); not read for relations",
                ctx.doc._.kg_article_id or "article", s_i, len(sent),
                MAX_SENTENCE_TOKENS,
            )  # fmt: skip
            continue
        if len(keys) < 2 and s_i not in pairs and not _reacts(ctx, sent, keys):
            # a quoted sentence also has its speaker as a (fallback) actor
            speaker = _quoted_speaker(ctx, sent)
            if speaker is None or ctx.key(speaker) in keys:
                continue
        yield SentContext(ctx, sent, s_i)


def _reacts(ctx: DocContext, sent: Span, keys: set) -> bool:
    """An actor reacting to an act reported before ("France condemned the attack")."""
    return bool(keys) and names_an_act(ctx.rules, list(sent))


def _pairs(ctx: SentContext, ev: Event) -> list[tuple[Span, Span]]:
    """(source, target) pairs of an event, never a mention with itself."""
    return [
        (s, t)
        for s in ev.sources
        for t in ev.targets
        if not (s.start == t.start or ctx.doc.same_actor(s, t, ctx.number))
    ]


def _extra(ev: Event, date_extra: dict) -> tuple[tuple[str, str], ...]:
    """The ``extra`` fields of an event's assertions (internal ones removed)."""
    extra = dict(ev.extra)
    extra.update(date_extra)
    extra.pop("speaker", None)
    extra.pop("demand_head", None)
    extra.pop(CAMEO_KEY, None)  # the assertion's cameo
    return tuple(sorted((k, str(v)) for k, v in extra.items()))


def fine_code(rules: Rules, ev: Event, relation: str) -> str:
    """The CAMEO code of an event's relation: the fine code of its trigger entry
    ("072", "0871") while the relation is still the one the code maps to (a
    control rule may have turned it into an intent or a threat), else the
    relation's own code."""
    code = ev.extra.get(CAMEO_KEY)
    if code and relation_of_code(code, rules.by_code) == relation:
        return code
    return rules.vocab[relation].cameo


def assertions(
    ctx: SentContext, ev: Event, article_id: str, date: str | None
) -> Iterator[Assertion]:
    """The assertions of one event: one per pair and relation (the event's, and
    the events it keeps: the refused act of a refusal, negated; the act whose
    responsibility is claimed, as the claim is)."""
    rules = ctx.rules
    iso, date_extra = event_date(ctx.doc.dates, ev, date)
    pairs = _pairs(ctx, ev)
    trigger = " ".join(w.text for w in sorted(set(ev.words), key=lambda w: w.i))
    extra = _extra(ev, date_extra)
    rels = [
        (r, neg, rules.vocab[r], fine_code(rules, ev, r))
        for r, neg in [(ev.relation, ev.negated)]
        + [(r, neg) for r, neg in ev.secondary if r != ev.relation]
    ]
    seen: set[tuple[str, str, str, bool]] = set()
    sent = ctx.sent
    # the sentence without the blank lines after a headline or paragraph
    evidence = sent.text.rstrip()
    for s, t in pairs:
        src = ctx.doc.mention_of(s, ctx.number)
        tgt = ctx.doc.mention_of(t, ctx.number)
        for rel_name, neg, rel, code in rels:
            key = (src.actor, tgt.actor, rel_name, neg)
            if key in seen:
                continue
            seen.add(key)
            yield Assertion(
                article=article_id,
                source=src,
                target=tgt,
                relation=rel_name,
                sentence=ctx.number,
                start=sent.start_char,
                end=sent.start_char + len(evidence),
                evidence=evidence,
                negated=neg,
                modality=ev.modality,
                attribution=ev.attribution,
                date=iso,
                confidence=confidence(rules, ev, s, t),
                trigger=trigger,
                cameo=code,
                plover=rel.plover,
                quad_class=rel.quad_class,
                extra=extra,
            )


def extract_with(
    rules: Rules, doc: Doc, article_id: str, date: str | None
) -> Iterator[Assertion]:
    """The assertions of a document under the given rules (see :func:`extract`)."""
    ctx = doc_context(rules, doc)
    if ctx is None:
        return
    for sent in _sentences(ctx):
        events = sentence_events(sent)
        remember(ctx, events)
        for ev in events:
            yield from assertions(sent, ev, article_id, date)


def extract(
    doc: Doc, article_id: str, *, date: str | None = None
) -> Iterator[Assertion]:
    """Yield the assertions of a parsed document with actor mentions.

    Args:
        doc: A ``Doc`` processed by the kg pipeline up to ``kg_actors``.
        article_id: Id of the article (copied into each assertion).
        date: Article date (ISO); relative dates are normalised against it.

    Yields:
        One :class:`Assertion` per (source, relation, target) in a sentence.
    """
    yield from extract_with(default_rules(), doc, article_id, date)


@Language.factory("kg_relations", default_config={"patterns": []})
def make_relations(
    nlp: Language,
    name: str,
    patterns: list[str],
) -> RelationComponent:
    """spaCy factory: ``nlp.add_pipe("kg_relations")``.

    Args:
        nlp: The pipeline (its lemmatiser's irregular verbs repair lemmas).
        name: Component name.
        patterns: Extra pattern files merged over the packaged ``patterns.yaml``.
    """
    return RelationComponent(name, patterns=tuple(patterns), nlp=nlp)


class RelationComponent:
    """The ``kg_relations`` pipeline component: sets ``doc._.kg_assertions``.

    It holds only the rules (patterns, vocabulary, word lists); every document
    is read with a context of its own.
    """

    def __init__(
        self,
        name: str = "kg_relations",
        *,
        patterns: Sequence[str] = (),
        nlp: Language | None = None,
    ) -> None:
        self.name = name
        rules = (
            make_rules(load_patterns(tuple(patterns))) if patterns else default_rules()
        )
        irregular = verb_exceptions(nlp) if nlp is not None else {}
        if irregular:
            rules = replace(rules, irregular=irregular, lemmas={})
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        doc._.kg_assertions = list(
            extract_with(
                self.rules, doc, doc._.kg_article_id or "", doc._.kg_article_date
            )
        )
        return doc
