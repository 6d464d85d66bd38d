"""The antecedent search the coreference rules share (:mod:`.coref` for
descriptions, :mod:`.pronouns` for pronouns): the kinds of actor a mention may be
referred to as, the nearest candidate of a kind before a reference, and the
candidates a reference may not take because they are arguments of its own verb.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from kg.nlp.actors.context import (
    CAPITAL,
    COREF,
    LEADER,
    NAME,
    PLACE,
    ROLE,
    Candidate,
    DocContext,
)
from kg.registry.lexicon import ORG_CLASSES

#: What a reference to a person ("he", "the emir") wants.
PERSON_WANTS = ("person",)
#: The dependencies of a subject, and of an object of a verb or preposition.
SUBJECT_DEPS = ("nsubj", "nsubjpass")
OBJECT_DEPS = ("dobj", "pobj", "dative")
#: How many sentences back a pronoun looks for its antecedent.
PRONOUN_WINDOW = 1
#: How many sentences back an antecedent sharing the description's head may be.
_SAME_HEAD_WINDOW = 5


def kinds(ctx: DocContext, c: Candidate) -> set[str]:
    """The kinds of antecedent ``c`` is (org, igo, reb, gov, mil, state, people,
    person); media and places are none, a person only "person"; a state's own
    bodies and forces are the state, its other people ("American citizens", "a
    hospital in Gaza") only "people"."""
    actor = ctx.actor(c.actor)
    cls = actor.cls if actor is not None else "Organisation"
    out = {"person"} if _person(ctx, c, cls) else set()
    if cls in ("Media", "Person") or c.kind == PLACE:
        return out
    sector = c.sector or (actor.sector if actor else None)
    if (cls in ORG_CLASSES or not c.known) and cls != "Group":
        out.add("org")
    if cls == "InternationalOrganisation":
        out.add("igo")
    if cls == "ArmedGroup" or sector in ("REB", "IMG"):
        out.add("reb")
    if sector in ctx.words.state_sectors:
        out.add("gov" if sector == "GOV" else "mil")  # police and spies are forces
    if cls == "State" and c.kind in (NAME, CAPITAL, ROLE, COREF):
        state = sector is None or sector in ctx.words.state_sectors
        out.add("state" if state else "people")
    return out


def _person(ctx: DocContext, c: Candidate, cls: str) -> bool:
    """A person: a leader ("President X", "X" resolved to the state they lead), a
    person actor, one holder of a title ("the German chancellor"), or the one
    person an actor names with a title of theirs ("Hezbollah's leader", "the head
    of the IAEA")."""
    if c.kind == LEADER or cls == "Person" or _titled(ctx, c):
        return True
    if c.kind != ROLE or c.sector != "GOV":
        return False
    return ctx.doc[c.start : c.end].root.tag_ in ("NN", "NNP")


def _titled(ctx: DocContext, c: Candidate) -> bool:
    """Whether a mention is the possessor or "of" object of a person's title
    ("Hezbollah's leader", "the head of the IAEA")."""
    root = ctx.doc[c.start : c.end].root
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        root = root.head
    return (
        root.dep_ in ("poss", "prep")
        and root.head.lower_ in ctx.words.person_heads
        and root.head.tag_ == "NN"
    )


def of_state(ctx: DocContext, cands: list[Candidate], person: Candidate) -> Candidate:
    """ "King X of Y ... he": the state named after the person's title is theirs."""
    for c in cands:
        if ctx.named_after_of(person.end, c) and "state" in kinds(ctx, c):
            return c
    return person


def state_of_titled(
    ctx: DocContext, pool: list[Candidate], pos: int
) -> Candidate | None:
    """ "King X of Y spoke. He ...": when the person is no candidate of their own
    (an imported name yields to the state named with it), the state after "of"
    of a subject named as a person is what "he"/"she" refers to."""
    for c in sorted(pool, key=lambda c: c.end, reverse=True):
        if c.end > pos or not ctx.named_after_of(c.start - 1, c):
            continue
        if ctx.sent_of[pos] - ctx.sent_of[c.start] > PRONOUN_WINDOW:
            break
        named = ctx.toks[c.start - 1].head
        if (
            named.ent_type_ == "PERSON"
            and named.dep_ in ("nsubj", "nsubjpass")
            and "state" in kinds(ctx, c)
        ):
            return c
    return None


def _subject_root(root: Token, person: bool) -> Token:
    """The token whose dependency says whether a mention is a subject: a person's
    name may be the compound of the rest of it ("President Xi Jinping") or in
    apposition to a title ("Ukraine's president Volodymyr Zelenskiy"), and an
    actor may be the "of" object of a person's title ("the head of the IAEA")."""
    while person and root.dep_ in ("compound", "appos") and root.head.i != root.i:
        root = root.head
    if person and root.dep_ == "pobj" and root.head.lower_ == "of":
        root = root.head.head  # "the head of the IAEA said": the head
    return root


def _number_agrees(
    ctx: DocContext, c: Candidate, root: Token, plural: bool | None
) -> bool:
    """ "they" wants a plural or a group; "it" anything but a plural role."""
    if plural is None:
        return True
    is_pl = root.tag_ in ("NNS", "NNPS")
    actor = ctx.actor(c.actor)
    group = actor is not None and actor.cls in ("ArmedGroup", "Group")
    if plural and not is_pl and not group:
        return False
    return not (plural is False and is_pl and c.kind in (ROLE, COREF))


def _shares_head(ctx: DocContext, c: Candidate, head: str | None) -> bool:
    return head is None or any(
        t.lemma_.lower() == head for t in ctx.toks[c.start : c.end]
    )


def _fits(
    ctx: DocContext,
    c: Candidate,
    pos: int,
    wants: Sequence[str],
    window: int,
    *,
    plural: bool | None,
    subject: bool,
) -> bool:
    """Whether ``c`` may be the antecedent of the reference at token ``pos`` (a
    reference that wants a person may have the head of their name as subject:
    :func:`_subject_root`)."""
    if c.end > pos or ctx.sent_of[pos] - ctx.sent_of[c.start] > window:
        return False
    if not kinds(ctx, c).intersection(wants):
        return False
    root = ctx.doc[c.start : c.end].root
    if subject and c.kind == COREF and c.end - c.start == 1:
        return False  # no pronoun chains
    head = _subject_root(root, tuple(wants) == PERSON_WANTS)
    if subject and not _in_subject(head):
        return False
    return _number_agrees(ctx, c, root, plural)


def _in_subject(head: Token) -> bool:
    """Whether a mention headed by ``head`` may be taken as a subject: a subject,
    or a possessor ("Peru's army said ...", "It was X's first trip"), but not the
    possessor of an object ("Peru condemned Chile's raid. It urged ...": "it" is
    Peru)."""
    if head.dep_ == "poss":
        return head.head.dep_ not in OBJECT_DEPS
    return head.dep_ in SUBJECT_DEPS


def antecedent(
    ctx: DocContext,
    pool: list[Candidate],
    pos: int,
    wants: Sequence[str],
    window: int,
    *,
    plural: bool | None = None,
    head: str | None = None,
    subject: bool = False,
    any_head: bool = True,
) -> Candidate | None:
    """The nearest candidate of ``pool`` before token ``pos`` that may be referred
    to: first one sharing ``head`` (within five sentences), then (``any_head``) any
    (within ``window`` sentences)."""
    ordered = sorted(pool, key=lambda c: c.end, reverse=True)
    passes: list[tuple[int, str | None]] = [(_SAME_HEAD_WINDOW, head)] if head else []
    if any_head or not head:
        passes.append((window, None))
    for win, same_head in passes:
        for c in ordered:
            if not _shares_head(ctx, c, same_head):
                continue
            if _fits(ctx, c, pos, wants, win, plural=plural, subject=subject):
                return c
    return None


#: The dependencies climbed from an argument to the verb it belongs to.
_ARGUMENT_DEPS = frozenset(
    {*("nsubj", "nsubjpass", "dobj", "pobj", "dative"), "prep", "agent", "poss"}
    | {"conj", "appos", "compound"}
)


def _clause_verb(ctx: DocContext, tok: Token) -> Token | None:
    """The verb ``tok`` is an argument of, through the nouns and prepositions
    between ("imposed sanctions on the country": imposed; "France and Britain
    warned": warned), or None; a place ("summoned the envoy in London") is no
    argument, and a verb whose subject is its head's ("vowed to punish the
    country") is its head's clause."""
    for _ in range(6):
        if tok.dep_ not in _ARGUMENT_DEPS or tok.head.i == tok.i:
            return None
        if tok.dep_ == "prep" and tok.lower_ in ctx.words.place_preps:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            while tok.dep_ == "xcomp" and tok.head.i != tok.i:
                tok = tok.head
            return tok
    return None


def not_clausemates(
    ctx: DocContext, pool: list[Candidate], pos: int, head: Token
) -> list[Candidate]:
    """The candidates a reference headed by ``head`` (from token ``pos``) may take:
    not an actor named as another argument of its own verb ("Moscow accused the
    country": not Moscow; "It urged Israel": not Israel)."""
    verb = _clause_verb(ctx, head)
    if verb is None:
        return pool
    mates = {
        c.actor
        for c in pool
        if not c.start <= pos < c.end
        and _clause_verb(ctx, ctx.doc[c.start : c.end].root) == verb
    }
    return [c for c in pool if c.actor not in mates] if mates else pool
