"""An act reacted to: "Russia shelled Kharkiv. France condemned the attack."

A reaction (praise, condemnation, rejection, demand: ``reactions`` in
relation_words.yaml) whose object is a definite act noun with no actor of its own
("the attack", "these strikes", "the move", "this decision"), or a pronoun that is
no actor ("condemned it", ``act_pronouns``), targets the author of the latest act
reported before it in the article: of the noun's own kind (same quad class) for an
event noun, of any kind for a plain act noun (``act_nouns``) or a pronoun. A
reaction to an act whose author is named with it targets that author ("condemned
the attack on X by Y": Y).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.nlp.relations.context import DocContext, Event, Rules, SentContext
from kg.nlp.relations.counter import act_author
from kg.nlp.relations.search import actors
from kg.nlp.relations.syntax import OBJ_DEPS


def _definite_det(tok: Token) -> bool:
    """True for "the", "this", "these", "that", "those" (by the tagger's features)."""
    morph = tok.morph
    return "Def" in morph.get("Definite", []) or "Dem" in morph.get("PronType", [])


def _definite(tok: Token) -> bool:
    """True for a noun with "the", "this", "these" ... and no owner of its own."""
    det = any(c.dep_ == "det" and _definite_det(c) for c in tok.children)
    return det and not any(c.dep_ in ("poss", "compound") for c in tok.children)


def _act_kind(rules: Rules, tok: Token) -> tuple[bool, str | None]:
    """Whether ``tok`` names an act, and its relation (None: an act of any kind)."""
    if tok.pos_ == "PRON":  # "condemned it": no actor, so the act
        return tok.lower_ in rules.words["act_pronouns"], None
    if not _definite(tok):
        return False, None
    rel = rules.noun_relation(tok)
    if rel is not None:
        return True, rel
    return tok.lemma_.lower() in rules.words["act_nouns"], None


def named_act(rules: Rules, tok: Token) -> tuple[Token, str | None] | None:
    """The definite act noun (or pronoun) that is the object of ``tok`` and its
    relation."""
    for c in tok.children:
        if c.dep_ in OBJ_DEPS:
            is_act, rel = _act_kind(rules, c)
            if is_act:
                return c, rel
    return None


def names_an_act(rules: Rules, tokens: list[Token]) -> bool:
    """True when a sentence reacts to an act named before (worth reading with one
    actor)."""
    return any(t.pos_ == "VERB" and named_act(rules, t) for t in tokens)


def remember(ctx: DocContext, events: list[Event]) -> None:
    """Keep the asserted acts of a sentence (relation, author) for later ones."""
    ctx.acts.extend(
        (ev.relation, ev.sources[0])
        for ev in events
        if ev.sources and not ev.negated and ev.modality == "asserted"
    )


def named_author(
    ctx: SentContext, ev: Event, exclude: set[tuple[str, str]]
) -> list[Span]:
    """ "condemned the attack on X by Y", "praised Y's mediation": a reaction to an
    act whose author is named with it targets the author, not the act's target."""
    rules = ctx.rules
    if ev.kind == "noun" or not rules.in_category(ev.relation, "reactions"):
        return []
    verb = ev.trigger
    for c in verb.children:
        if c.dep_ in OBJ_DEPS and rules.noun_relation(c) is not None:
            found = act_author(ctx, c, exclude) or _misplaced_agent(ctx, verb, exclude)
            if found:
                ev.extra["target_from"] = "act_author"
                return found
    return []


def _misplaced_agent(
    ctx: SentContext, verb: Token, exclude: set[tuple[str, str]]
) -> list[Span]:
    """The "by" phrase of the object the parser hung on an active verb
    ("condemned the attack on X by Y")."""
    if any(c.dep_ == "auxpass" for c in verb.children):
        return []
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "by":
            found = actors(ctx, c, exclude)
            if found:
                return found
    return []


def earlier_author(
    ctx: SentContext, ev: Event, exclude: set[tuple[str, str]]
) -> list[Span]:
    """The author of the act a reaction names again, or []."""
    rules = ctx.rules
    if ev.kind == "noun" or not rules.in_category(ev.relation, "reactions"):
        return []
    found = named_act(rules, ev.trigger)
    if found is None:
        return []
    noun, rel = found
    quad = rules.vocab[rel].quad_class if rel is not None else None
    for act, author in reversed(ctx.doc.acts):
        if ctx.key(author) in exclude:
            continue
        if quad is None or rules.vocab[act].quad_class == quad:
            ev.words.append(noun)
            ev.extra["target_from"] = "earlier_act"
            return [author]
    return []
