"""The ``kg_actors`` component: the rules in the order they run, and the output.

The resolver holds only what it derives once from its registry (:class:`Tables`);
each call makes a :class:`DocContext` for the document, runs :data:`RULES` over a
list of candidates and writes ``doc.spans["kg_actors"]`` and the mention rows. It
keeps no state between documents, so one resolver serves documents in any order and
from several threads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.nlp.actors.context import UNKNOWN, Candidate, DocContext, Tables
from kg.nlp.actors.rules import (
    acronyms,
    case,
    coref,
    disambiguate,
    expand,
    hashtags,
    leaders,
    misspellings,
    names,
    people,
    places,
    pronouns,
    quotes,
    residence,
    unknown,
)
from kg.nlp.doc import MENTION_FIELDS
from kg.registry import lexicon
from kg.registry.lexicon import normalise
from kg.types import Actor, Mention

#: Key of the SpanGroup the resolver writes.
SPAN_KEY = "kg_actors"

Rule = Callable[[DocContext, list[Candidate]], list[Candidate]]

#: The resolution rules, in the order they run (each sees the previous ones' result).
RULES: tuple[Rule, ...] = (
    names.apply,  # the entity ruler's registry names
    people.apply,  # imported leaders and officials NER found
    case.apply,  # "president obama", "houthi rebels"
    disambiguate.apply,  # "Congo" with Goma is the DRC; states before they existed
    misspellings.apply,  # "Ethopia", "Hezbolah", "Angela Merkle"
    expand.apply,  # "Syria's new authorities", "President Putin"; longest wins
    unknown.apply,  # organisations the registry lacks
    places.apply,  # "Samarra" -> IRQ
    unknown.join_of_place,  # "Movement for ... of" + "Biafra"
    acronyms.apply,  # "Some Long Name (SLN)"
    leaders.apply,  # the role a person held at the article date
    residence.apply,  # "Bosnian Serbs", "a group based in Mali"
    coref.descriptions,  # "the group"
    quotes.apply,  # "we" in an attributed quotation
    pronouns.apply,  # "its", "they"
    hashtags.apply,  # "#Daesh"
)


class ActorResolver:
    """The ``kg_actors`` component: ruler ents + NER -> ``doc.spans["kg_actors"]``.

    Args:
        nlp: The pipeline (its lemmatizer gives the English words).
        name: The component name.
        extra_registries: User registry files.
        english: The English words, when already known (a resolver rebuilt in
            another process has no lemmatizer).
    """

    def __init__(
        self,
        nlp: Language,
        name: str,
        extra_registries: Sequence[str],
        *,
        english: frozenset[str] | None = None,
    ) -> None:
        self.name = name
        self.extra = tuple(extra_registries)
        lex = lexicon(self.extra)
        self.tables = Tables(
            lex,
            english=misspellings.english_words(nlp) if english is None else english,
            fuzzy=misspellings.fuzzy_index(lex),
            persons=misspellings.person_index(lex),
        )

    def __reduce__(self) -> tuple[Any, ...]:  # pragma: no cover - multiprocessing
        return (_rebuild_resolver, (self.name, self.extra, self.tables.english))

    def __call__(self, doc: Doc) -> Doc:
        ctx = DocContext(doc, self.tables)
        cands: list[Candidate] = []
        for rule in RULES:
            cands = rule(ctx, cands)
        write(ctx, cands)
        return doc


def _rebuild_resolver(
    name: str, extra: tuple[str, ...], english: frozenset[str] = frozenset()
) -> ActorResolver:  # pragma: no cover
    import spacy

    return ActorResolver(spacy.blank("en"), name, extra, english=english)


# ------------------------------------------------------------------ the output
def _kept(cands: list[Candidate]) -> list[Candidate]:
    """The candidates in text order, without empty ones and overlaps (the longest
    of those starting together wins)."""
    kept: list[Candidate] = []
    last = 0
    for c in sorted(cands, key=lambda c: (c.start, -(c.end - c.start))):
        if c.start < last or c.end <= c.start:
            continue
        kept.append(c)
        last = c.end
    return kept


def write(ctx: DocContext, cands: list[Candidate]) -> None:
    """Set ``doc.spans["kg_actors"]``, ``doc._.kg_mention_rows`` and
    ``doc._.kg_quotes`` (the attributed quotations)."""
    doc = ctx.doc
    spans = []
    rows: dict[str, list[Any]] = {}
    for c in _kept(cands):
        span = Span(doc, c.start, c.end, label=c.kind)
        span.id_ = c.actor
        m = mention(ctx, span, c, ctx.sent_of[c.start])
        # plain values in doc.user_data, so that docs survive Doc.to_bytes
        # (nlp.pipe with n_process > 1); span._.kg_mention rebuilds the record
        rows[f"{span.start_char}:{span.end_char}"] = [
            getattr(m, f) for f in MENTION_FIELDS
        ]
        spans.append(span)
    doc._.kg_mention_rows = rows
    doc.spans[SPAN_KEY] = spans
    doc._.kg_quotes = [[qs, qe, c.start, c.end] for qs, qe, c in ctx.quote_speakers]


def _mention_at(span: Span, sentence: int, **fields: Any) -> Mention:
    """A Mention of ``span`` (its text and offsets) with the other ``fields``."""
    return Mention(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        sentence=sentence,
        **fields,
    )


def _unknown_mention(
    ctx: DocContext, span: Span, c: Candidate, sentence: int
) -> Mention:
    """An organisation the registry lacks: labelled by its name, coded by the
    country found for it (NGO when transnational and of no country)."""
    label = normalise(c.label or span.text)
    if label.lower().startswith("the "):
        label = label[4:]
    code, sector = c.code, None
    if code is None and ctx.words.international.search(label):
        code = sector = "NGO"  # a transnational body CAMEO would code NGO
    return _mention_at(
        span,
        sentence,
        actor=c.actor,
        label=label,
        cls="Organisation",
        country=c.code,
        sector=sector,
        code=code,
        known=False,
    )


def _code(
    ctx: DocContext, actor: Actor, c: Candidate, sector: str | None
) -> str | None:
    """The CAMEO code of a mention of a registry actor."""
    if c.code and c.code != actor.code and c.kind != UNKNOWN:
        return c.code if len(c.code) > 3 or not c.sector else c.code + c.sector
    if actor.cls == "State":
        return ctx.lex.code_for(actor.id, sector)
    if actor.cls == "Group":  # a people: its country, or none ("---")
        return (actor.country or "---") + (sector or "")
    return actor.code


def mention(ctx: DocContext, span: Span, c: Candidate, sentence: int) -> Mention:
    """The :class:`Mention` record of candidate ``c`` written as ``span``."""
    actor = ctx.actor(c.actor)
    if actor is None or not c.known:
        return _unknown_mention(ctx, span, c, sentence)
    sector = c.sector
    if sector is None and actor.cls != "State":
        sector = actor.sector
    code = _code(ctx, actor, c, sector)
    return _mention_at(
        span,
        sentence,
        actor=actor.id,
        label=actor.label,
        cls=actor.cls,
        country=actor.country,
        # a PETRARCH prefix agent ("NGO~") is the sector NGO
        sector=None if actor.cls == "Person" or not sector else sector.rstrip("~"),
        code=code,
        known=True,
    )


@Language.factory(
    "kg_actors",
    default_config={"extra_registries": []},
    requires=["doc.ents"],
    assigns=["doc.spans"],
)
def make_actor_resolver(
    nlp: Language, name: str, extra_registries: list[str]
) -> ActorResolver:
    """spaCy factory of the ``kg_actors`` resolver (see :mod:`kg.nlp.actors`)."""
    return ActorResolver(nlp, name, extra_registries)


def mentions(doc: Doc) -> Iterator[Mention]:
    """The actor mentions of a processed doc, in text order.

    Examples:
        >>> import spacy
        >>> from kg.nlp.actors import add_actor_pipes
        >>> nlp = add_actor_pipes(spacy.blank("en"))
        >>> [(m.actor, m.code) for m in mentions(nlp("Hamas and the UN met in Syria."))]
        [('HAMAS', 'PSEREBHMS'), ('UN', 'IGOUNO'), ('SYR', 'SYR')]
    """
    for span in doc.spans.get(SPAN_KEY, []):
        yield span._.kg_mention
