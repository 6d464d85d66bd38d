"""Countering a hostile act: "X foiled a plot by Y" is X opposes Y.

The target is the author of the foiled act (possessor, "by" agent, "planned/posed
by"), or of a hostile act named earlier in the sentence ("threats posed by Y, ...
the foiling of a planned attack"), never its victim. An actor as object
("thwarted the militants") is the target itself.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.nlp.relations.context import Event, SentContext
from kg.nlp.relations.search import actors
from kg.nlp.relations.syntax import agent_objects, prep_objects


def is_counter(ctx: SentContext, ev: Event) -> bool:
    """True for an event of countering ("foiled", "the thwarting of")."""
    rules = ctx.rules
    trig = rules.patterns.counter_triggers
    tok = ev.trigger
    return ev.relation == rules.patterns.counter_relation and (
        tok.lower_ in trig or rules.lemma(tok) in trig
    )


def _is_act(ctx: SentContext, tok: Token) -> bool:
    acts = ctx.rules.patterns.counter_objects
    return tok.lower_ in acts or tok.lemma_.lower() in acts


def _foiled(ev: Event) -> list[Token]:
    """What the event counters: the object, or "of" object of a noun."""
    tok = ev.trigger
    if ev.kind == "noun":
        return prep_objects(tok, "of")
    return [c for c in tok.children if c.dep_ in ("dobj", "obj")]


def act_author(
    ctx: SentContext, noun: Token, exclude: set[tuple[str, str]]
) -> list[Span]:
    """Who carried out (or planned) the act named by ``noun``."""
    for c in noun.children:
        heads: list[Token] = []
        if c.dep_ == "poss" or (c.dep_ in ("compound", "amod") and c.i in ctx.index):
            heads = [c]
        elif c.dep_ == "prep" and c.lower_ == "by":
            heads = [o for o in c.children if o.dep_ == "pobj"]
        elif c.dep_ == "acl":  # "an attack planned/posed by Y"
            heads = agent_objects(c)
        for h in heads:
            found = actors(ctx, h, exclude)
            if found:
                return found
    return []


def _authored(m: Span) -> Token | None:
    """The noun a mention is the author of ("posed by Y", "Y's attack")."""
    root = m.root
    if root.dep_ == "pobj" and root.head.lower_ == "by":
        act = root.head.head
        return act.head if act.dep_ == "acl" else act
    if root.dep_ == "poss":
        return root.head
    return None


def _prior_author(
    ctx: SentContext, ev: Event, exclude: set[tuple[str, str]]
) -> list[Span]:
    """The author of a hostile act named before the trigger in the sentence."""
    for m in reversed(ctx.mentions):
        if m.end > ev.trigger.i or ctx.key(m) in exclude:
            continue
        act = _authored(m)
        if act is not None and _is_act(ctx, act):
            ev.extra["target_from"] = "prior_act"
            return [m]
    return []


def counter_target(
    ctx: SentContext, ev: Event, exclude: set[tuple[str, str]]
) -> list[Span]:
    """The author of the act a counter event foils ("thwarted a plot by Y")."""
    for o in _foiled(ev):
        m = ctx.index.get(o.i)
        if m is not None:  # "thwarted the militants"
            return [m] if ctx.key(m) not in exclude else []
        if o.lower_ in ctx.rules.words["fighter_nouns"]:  # "the fighters of Y"
            return actors(ctx, o, exclude)[:1]
        if not _is_act(ctx, o):
            continue
        ev.words.append(o)
        found = act_author(ctx, o, exclude) or _prior_author(ctx, ev, exclude)
        if found:
            return found
    return []
