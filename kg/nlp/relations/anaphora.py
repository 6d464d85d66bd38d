"""An act reacted to: "Russia shelled Kharkiv. France condemned the attack."

A reaction (praise, condemnation, rejection, demand: ``reactions`` in
relation_words.yaml) whose object is a definite act noun with no actor of its own
("the attack", "these strikes", "the move", "this decision"), or a pronoun that is
no actor ("condemned it", ``act_pronouns``), targets the author of the latest act
reported before it in the article: of the noun's own kind (same quad class) for an
event noun, of any kind for a plain act noun (``act_nouns``) or a pronoun. A
reaction to an act whose author is named with it targets that author ("condemned
the attack on X by Y": Y). An act done by one actor alone is no event, so it is not
remembered; when no remembered act fits, the sentences just before are read for one
("North Korea fired a missile. Japan condemned the launch.": North Korea).

Retaliation with no target named (``retaliation`` words: "The group vowed to
retaliate") targets the author of the latest hostile act done to its source.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.nlp.relations.context import DocContext, Event, Rules, SentContext
from kg.nlp.relations.counter import act_author
from kg.nlp.relations.search import actors
from kg.nlp.relations.syntax import OBJ_DEPS
from kg.nlp.relations.triggers import triggers

#: How many sentences back an act done by one actor alone is looked for.
LOOKBACK = 2


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
    """True when a sentence reacts or retaliates to an act named before (worth
    reading with one actor)."""
    retaliation = rules.words["retaliation"]
    return any(
        (t.pos_ == "VERB" and named_act(rules, t)) or t.lemma_.lower() in retaliation
        for t in tokens
    )


def remember(ctx: DocContext, events: list[Event]) -> None:
    """Keep the asserted acts of a sentence (relation, author, targets) for later
    ones."""
    ctx.acts.extend(
        (ev.relation, ev.sources[0], ev.targets)
        for ev in events
        if ev.sources and not ev.negated and ev.modality == "asserted"
    )


def earlier_target(
    ctx: SentContext, ev: Event, exclude: set[tuple[str, str]]
) -> list[Span]:
    """The target an earlier sentence gives an event that names none: the author of
    the act it reacts to or retaliates for, or []."""
    return earlier_author(ctx, ev, exclude) or retaliated_author(ctx, ev, exclude)


def retaliated_author(
    ctx: SentContext, ev: Event, exclude: set[tuple[str, str]]
) -> list[Span]:
    """The author of the latest hostile act done to the sources of a retaliation
    that names no target ("X killed a commander of Y. Y vowed to retaliate": X)."""
    rules = ctx.rules
    words = rules.words["retaliation"]
    if not any(w.lemma_.lower() in words for w in [ev.trigger, *ev.words]):
        return []
    ids = {key[0] for key in exclude}  # actors, whatever their sector
    for act, author, targets in reversed(ctx.doc.acts):
        hit = any(ctx.key(t)[0] in ids for t in targets)
        if hit and rules.hostile(act) and ctx.key(author)[0] not in ids:
            ev.extra["target_from"] = "earlier_act"
            return [author]
    return []


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
    if rules.control_class(rules.lemma(ev.trigger)) == "denial":
        return []  # "Y denied the charge": Y denies the act charged, no event
    found = named_act(rules, ev.trigger)
    if found is None:
        return []
    noun, rel = found
    quads = _kinds(rules, noun, rel)
    author = _remembered_author(ctx, quads, exclude) or _lone_author(
        ctx, quads, exclude
    )
    if author is None:
        return []
    ev.words.append(noun)
    ev.extra["target_from"] = "earlier_act"
    return [author]


def _kinds(rules: Rules, noun: Token, rel: str | None) -> frozenset[int] | None:
    """The quad classes of the acts a noun of ``rel`` names again (None: any act).
    Drills named alone are either kind ("condemned the drills": a show of force),
    and so is a noun whose preposition settles its sense ("condemned the strike":
    a strike on a party, ``strike_on``, is an attack)."""
    if rel is None:
        return None
    lemma = noun.lemma_.lower() + "_"
    rels = {rel} | {r for k, r in rules.patterns.nouns.items() if k.startswith(lemma)}
    if noun.lower_ in rules.patterns.senses["show_of_force.nouns"]:
        rels.add(rules.patterns.senses.relations["show_of_force"])
    return frozenset(rules.vocab[r].quad_class for r in rels)


def _fits(rules: Rules, relation: str, quads: frozenset[int] | None) -> bool:
    """True when an act of ``relation`` is one a noun of these quad classes names."""
    return quads is None or rules.vocab[relation].quad_class in quads


def _remembered_author(
    ctx: SentContext, quads: frozenset[int] | None, exclude: set[tuple[str, str]]
) -> Span | None:
    """The author of the latest remembered act that fits, or None."""
    for act, author, _targets in reversed(ctx.doc.acts):
        if ctx.key(author) not in exclude and _fits(ctx.rules, act, quads):
            return author
    return None


def _lone_author(
    ctx: SentContext, quads: frozenset[int] | None, exclude: set[tuple[str, str]]
) -> Span | None:
    """The subject of an asserted act that fits in one of the :data:`LOOKBACK`
    sentences before, done with no other actor ("North Korea fired a missile")."""
    sents = list(ctx.doc.doc.sents)
    for s_i in range(ctx.number - 1, max(ctx.number - 1 - LOOKBACK, -1), -1):
        earlier = SentContext(ctx.doc, sents[s_i], s_i)
        for ev in triggers(ctx.rules, earlier.tokens):
            verb = _verb_of(ev)
            if verb is None or not _fits(ctx.rules, ev.relation, quads):
                continue
            if _withheld(ctx.rules, verb):
                continue
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
            found = actors(earlier, subjects[0], exclude) if subjects else []
            if found:
                return found[0]
    return None


def _verb_of(ev: Event) -> Token | None:
    """The verb whose subject did an act: the trigger, or the verb an event noun is
    the object of ("tested a missile"), or None."""
    if ev.kind != "noun":
        return ev.trigger
    return ev.trigger.head if ev.trigger.dep_ in OBJ_DEPS else None


def _withheld(rules: Rules, verb: Token) -> bool:
    """True for a negated or modal verb ("did not fire", "may launch")."""
    return any(
        c.dep_ == "neg" or (c.dep_ == "aux" and c.lemma_.lower() in rules.modals)
        for c in verb.children
    )
