"""Pronouns: "its"/"it" (subject) take the nearest singular organisation or
state mention and "their"/"they" the nearest plural or group mention that is a
subject or possessor, in the same or the previous sentence, outside quotations;
"he"/"she" (subject) and "him" (object) the nearest person named as a leader or by a
singular title ("President X", "the German chancellor") that is a subject; "them"
(object) the nearest plural of the sentence before, in any role. A subject pronoun
never takes an actor named as another argument of its own verb ("It urged Israel":
not Israel; :func:`.antecedents.not_clausemates`).

"we"/"our"/"us" inside a quotation are :mod:`.quotes`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from kg.nlp.actors.context import COREF, Candidate, DocContext
from kg.nlp.actors.rules.antecedents import (
    OBJECT_DEPS,
    PERSON_WANTS,
    PRONOUN_WINDOW,
    SUBJECT_DEPS,
    antecedent,
    not_clausemates,
    of_state,
    state_of_titled,
)

#: What "its"/"it" and "their"/"they" may refer to.
_SINGULAR_WANTS = ("org", "igo", "state")
_PLURAL_WANTS = ("reb", "gov", "mil", "org", "igo")
#: "them": a plural named before, people of a state too ("three American citizens").
_THEM_WANTS = (*_PLURAL_WANTS, "state", "people")


@dataclass(frozen=True)
class _Pronoun:
    """What a pronoun may refer to.

    Attributes:
        wants: The kinds of antecedent.
        plural: Whether the pronoun is plural.
        deps: The dependencies it is resolved in (None: any).
        earlier: Whether the antecedent must be in an earlier sentence ("him": an
            object is not its own clause's subject).
        head: A test of the pronoun's head, or None.
        any_role: Whether an earlier antecedent may have any role ("them": the
            plural named before, a subject or not); else it was a subject.
    """

    wants: tuple[str, ...]
    plural: bool
    deps: tuple[str, ...] | None = None
    earlier: bool = False
    head: Callable[[DocContext, Token], bool] | None = None
    any_role: bool = False

    @property
    def person(self) -> bool:
        """Whether the pronoun refers to a person ("he", "him", "his")."""
        return self.wants == PERSON_WANTS


def _not_empty_it(ctx: DocContext, head: Token) -> bool:
    """ "it" is no reference as the subject of an empty verb ("it seems")."""
    return head.lemma_ not in ctx.words.empty_it_verbs


def _description(ctx: DocContext, head: Token) -> bool:
    """ "his country", "her government": the leader's state."""
    return head.lower_ in ctx.words.coref_heads


_PERSON = _Pronoun(PERSON_WANTS, False, SUBJECT_DEPS)
_OBJECT = _Pronoun(PERSON_WANTS, False, OBJECT_DEPS, earlier=True)
_POSSESSOR = _Pronoun(PERSON_WANTS, False, ("poss",), head=_description)

#: The pronouns resolved: word -> what it may refer to.
_PRONOUN_TABLE: dict[str, _Pronoun] = {
    "its": _Pronoun(_SINGULAR_WANTS, False),
    "it": _Pronoun(_SINGULAR_WANTS, False, ("nsubj",), head=_not_empty_it),
    "their": _Pronoun(_PLURAL_WANTS, True),
    "they": _Pronoun(_PLURAL_WANTS, True),
    "them": _Pronoun(_THEM_WANTS, True, OBJECT_DEPS, earlier=True, any_role=True),
    "he": _PERSON,
    "she": _PERSON,
    "him": _OBJECT,
    "his": _POSSESSOR,
    "her": _POSSESSOR,
}
_PRONOUNS = frozenset(_PRONOUN_TABLE)


def _pronoun_query(ctx: DocContext, tok: Token) -> _Pronoun | None:
    """What a pronoun may refer to (None: not resolved)."""
    query = _PRONOUN_TABLE.get(tok.lower_)
    if query is None or (query.deps is not None and tok.dep_ not in query.deps):
        return None
    if query.head is not None and not query.head(ctx, tok.head):
        return None
    return query


def _person_pronoun(ctx: DocContext, c: Candidate) -> bool:
    """Whether a mention is "he"/"she" resolved to a person."""
    query = _PRONOUN_TABLE.get(ctx.toks[c.start].lower_)
    return c.kind == COREF and query is not None and query.person


def _object_pool(
    ctx: DocContext, pool: list[Candidate], i: int
) -> tuple[list[Candidate], bool]:
    """What an object pronoun at token i may refer to: a mention of an earlier
    sentence, and whether it must have been a subject there: the subject before,
    unless its own clause's subject is "he"/"she", which took that subject
    ("Erdogan spoke with Putin. He urged him ..."): then "him" is somebody else,
    in any role."""
    earlier = [c for c in pool if ctx.sent_of[c.start] < ctx.sent_of[i]]
    subjects = [t.i for t in ctx.toks[i].head.children if t.dep_ in SUBJECT_DEPS]
    own = next(
        (
            c
            for c in pool
            if any(c.start <= j < c.end for j in subjects) and _person_pronoun(ctx, c)
        ),
        None,
    )
    if own is None:
        return earlier, True
    return [c for c in earlier if c.actor != own.actor], False


def apply(ctx: DocContext, cands: list[Candidate]) -> list[Candidate]:
    """Resolve "its"/"it"/"their"/"they"/"he"/"she"/"him" (and "his"/"her" before a
    description head, "his country") outside quotations;
    sorted by start."""
    if not ctx.has_sents or not cands:
        return cands
    covered = ctx.covered(cands)
    for qs, qe in ctx.quotes:
        for i in range(qs, qe):
            covered[i] = True
    new: list[Candidate] = []
    for i in ctx.where_lower(_PRONOUNS):
        query = None if covered[i] else _pronoun_query(ctx, ctx.toks[i])
        if query is None:
            continue
        pool, subject = cands + new, True
        if query.earlier:
            pool, subject = _object_pool(ctx, pool, i)
            subject = subject and not query.any_role
        if ctx.toks[i].dep_ != "poss":  # "its" may be its own clause's subject
            pool = not_clausemates(ctx, pool, i, ctx.toks[i])
        ante = antecedent(
            ctx,
            pool,
            i,
            query.wants,
            PRONOUN_WINDOW,
            plural=query.plural,
            subject=subject,
        )
        if query.person:
            ante = (
                of_state(ctx, cands, ante)
                if ante is not None
                else state_of_titled(ctx, pool, i)
            )
        if ante is not None:
            new.append(ante.refer(i, i + 1))
            covered[i] = True
    return sorted(cands + new, key=lambda c: c.start)
