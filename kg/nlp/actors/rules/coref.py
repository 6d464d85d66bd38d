"""Definite descriptions, deliberately conservative (the antecedent search is
:mod:`.antecedents`, shared with :mod:`.pronouns`).

:func:`descriptions`: a definite description ("the group", "the former rebel group",
"the militants", "these guys", "the official", "the army") that is not followed by a
name takes the nearest preceding mention of a compatible kind (organisation for
"group", armed group or rebels for "militants", a GOV mention for "official", MIL for
"army", a state for "the country", a person for a title such as "the emir" or "the
president") in the same sentence or the two before it, preferring one that shares the
head ("the former rebels" -> "the former rebel group"; a title: the person named with
it, ahead of a subject of another title); "the country", "the government" with no
state before take the state of a people named before ("protesters ... the
government's plan"). A description prefers an actor that is no other argument of its
own verb ("The country accused Israel", "Moscow accused the country";
:func:`.antecedents.not_clausemates`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from spacy.tokens import Token

from kg.nlp.actors.context import DEMONYM, Candidate, DocContext
from kg.nlp.actors.rules.antecedents import (
    PERSON_WANTS,
    SUBJECT_DEPS,
    antecedent,
    not_clausemates,
)

#: How many sentences back a description looks for its antecedent.
_DESCRIPTION_WINDOW = 2


def _modifier(tok: Token) -> bool:
    """A word that may modify a description's head: a common word, or a place or
    people that names no actor ("the Gulf state", "the Jewish state"); another
    name names something else ("the Azov group")."""
    if not tok.ent_type_:
        return tok.pos_ in ("ADJ", "NOUN", "VERB", "ADV")
    return tok.ent_type_ in ("NORP", "LOC") and tok.pos_ in ("ADJ", "PROPN")


def _description_head(
    ctx: DocContext, i: int, covered: list[bool], demonyms: Mapping[int, Candidate]
) -> int | None:
    """The head noun of a description opened by the determiner at token i
    (modifiers between; "the rebel group": the last of two heads; a hyphenated
    modifier, "the 27-member bloc", "the Iran-backed rebels", whatever its parts;
    a place or people that names no actor, "the Gulf state"; a people that names
    one, "the Lebanese group" (:func:`_of_people`); a name after a past mark, "the
    former Soviet republic")."""
    toks, n, heads = ctx.toks, ctx.n, ctx.words.coref_heads
    j = i + 1
    head = None
    while j < n and j <= i + 6:
        if _hyphenated(toks, j) or (j in demonyms and toks[j].pos_ == "ADJ"):
            j += 1
            continue
        if covered[j]:
            break
        if toks[j].lower_ in heads and toks[j].pos_ in ("NOUN", "PROPN"):
            head = j
            nxt = toks[j + 1] if j + 1 < n else None
            if nxt is None or nxt.lower_ not in heads or nxt.pos_ != "NOUN":
                break
        elif not (_modifier(toks[j]) or ctx.past_marked(j)):
            break  # a name after a past mark is what the actor was: a modifier
        j += 1
    return head


def _of_people(
    ctx: DocContext, pool: list[Candidate], peoples: Sequence[Candidate]
) -> list[Candidate]:
    """The antecedents a description may take: with a people that names a
    state among its modifiers ("the Lebanese group"), only actors of that state
    other than the state itself (a group of Lebanon named before)."""
    if not peoples:
        return pool
    states = {ctx.state_of(c) for c in peoples}
    return [
        c
        for c in pool
        if ctx.state_of(c) is None
        and (actor := ctx.actor(c.actor)) is not None
        and actor.country in states
    ]


def _hyphenated(toks: Sequence[Token], j: int) -> bool:
    """True for a part of a hyphenated modifier: a hyphen written without spaces,
    or the word just before it ("27-member", "Iran-backed")."""
    if toks[j].text == "-":
        return j > 0 and not toks[j - 1].whitespace_ and not toks[j].whitespace_
    return j + 1 < len(toks) and toks[j + 1].text == "-" and not toks[j].whitespace_


def _named_after(ctx: DocContext, end: int, starts: set[int]) -> bool:
    """ "the group Hay'at Tahrir al-Sham": an apposition, not a reference; "the
    government of Syria" is left to the role rules, but an "of" that names no
    party is no name ("accused the country of a massacre": the country)."""
    toks, n = ctx.toks, ctx.n
    nxt = end + 1 if end < n and toks[end].text == "#" else end
    if nxt < n and (nxt in starts or toks[nxt].ent_type_ in ("ORG", "PERSON")):
        return True
    return end < n and toks[end].lower_ == "of" and _of_names(ctx, toks[end], starts)


def _of_names(ctx: DocContext, of: Token, starts: set[int]) -> bool:
    """Whether an "of" phrase may name what the noun before it is: its object is
    a mention, a name or a description ("of Syria", "of the group"), or the
    parser found no object (a gerund, "of violating the truce", names none)."""
    if any(c.dep_ == "pcomp" for c in of.children):
        return False
    objects = [c for c in of.children if c.dep_ == "pobj"]
    return not objects or any(
        o.left_edge.i in starts
        or o.i in starts
        or o.ent_type_
        or o.pos_ == "PROPN"
        or o.lower_ in ctx.words.coref_heads
        for o in objects
    )


def _head_lemma(ctx: DocContext, i: int, end: int) -> str | None:
    """The first word of the description that is (the singular of) a head."""
    heads = ctx.words.coref_heads
    for t in ctx.toks[i + 1 : end]:
        lemma = t.lemma_.lower()
        if lemma in heads or lemma + "s" in heads:
            return lemma
    return None


def _subject_like(tok: Token) -> bool:
    """A subject, or the possessor of one ("the country's president said")."""
    return tok.dep_ in SUBJECT_DEPS or (
        tok.dep_ == "poss" and tok.head.dep_ in SUBJECT_DEPS
    )


def descriptions(ctx: DocContext, cands: list[Candidate]) -> list[Candidate]:
    """Resolve definite descriptions (see the module docstring); the new mentions
    come after the others."""
    if not ctx.has_sents or not cands:
        return cands
    covered = ctx.covered(cands)
    starts = {c.start for c in cands}
    demonyms = {c.start: c for c in cands if c.kind == DEMONYM and c.end == c.start + 1}
    new: list[Candidate] = []
    for i, tok in enumerate(ctx.toks):
        if tok.text not in ctx.words.determiners or covered[i]:
            continue
        head = _description_head(ctx, i, covered, demonyms)
        if head is None or _named_after(ctx, head + 1, starts):
            continue
        end = head + 1
        wants = ctx.words.coref_heads[ctx.toks[head].lower_]
        lemma = _head_lemma(ctx, i, end)
        pool = _of_people(
            ctx, cands + new, [demonyms[x] for x in range(i, end) if x in demonyms]
        )
        subject = _subject_like(ctx.toks[head])
        others = not_clausemates(ctx, pool, i, ctx.toks[head])
        ante = _described(ctx, others, i, wants, lemma, subject)
        if ante is None and others != pool:  # "The country's troops shot at
            ante = _described(ctx, pool, i, wants, lemma, subject)  # Peruvians"
        if ante is None and "state" in wants:  # a people of its clause too
            ante = _their_state(ctx, pool, i, lemma, subject)
        if ante is None:
            continue
        s = i + 1 if tok.lower_ == "the" else i
        s = max([s] + [x + 1 for x in range(s, end) if covered[x]])  # "Iran-backed"
        new.append(_own_sector(ctx, ante.refer(s, end), head))
        for x in range(s, end):
            covered[x] = True
    return cands + new


def _described(
    ctx: DocContext,
    pool: list[Candidate],
    pos: int,
    wants: Sequence[str],
    lemma: str | None,
    subject: bool,
) -> Candidate | None:
    """The antecedent of a description: for a subject, a subject it continues,
    then any mention that fits, each sharing its head first. A title ("the
    president") names a person by their office, so a person sharing it comes
    before any subject ("Qatar's emir met Iran's president. The president ...":
    Iran's)."""
    if tuple(wants) == PERSON_WANTS and lemma:
        tries = [(lemma, subject), (lemma, False), (None, subject), (None, False)]
    else:
        tries = [(lemma, True), (None, True)] if subject else []
        tries += [(lemma, False), (None, False)]
    for same_head, subj in tries:
        ante = antecedent(ctx, pool, pos, wants, _DESCRIPTION_WINDOW,
                          head=same_head, subject=subj, any_head=False)  # fmt: skip
        if ante is not None:
            return ante
    return None


def _their_state(
    ctx: DocContext, pool: list[Candidate], pos: int, lemma: str | None, subject: bool
) -> Candidate | None:
    """ "Protesters blocked the avenue to denounce the government's decision": with
    no state named before, a description of a state refers to the state of a
    people named before."""
    people = _described(ctx, pool, pos, ("people",), lemma, subject)
    return None if people is None else replace(people, sector=None, code=None)


def _own_sector(ctx: DocContext, ref: Candidate, head: int) -> Candidate:
    """A description of a state whose head is a role of its own keeps that role's
    sector ("Israeli soldiers ... the government": the government is ISRGOV)."""
    actor = ctx.actor(ref.actor)
    role = ctx.role_at(head, head + 1)
    if actor is None or actor.cls != "State" or role is None or role[1] == ref.sector:
        return ref
    return replace(ref, sector=role[1], code=None)  # the code follows the sector
