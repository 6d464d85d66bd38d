"""Coreference, deliberately conservative.

- :func:`descriptions`: a definite description ("the group", "the former rebel
  group", "the militants", "these guys", "the official", "the army") that is not
  followed by a name takes the nearest preceding mention of a compatible kind
  (organisation for "group", armed group or rebels for "militants", a GOV mention for
  "official", MIL for "army", a state for "the country", a person for a title such
  as "the emir" or "the president") in the same sentence or the two before it,
  preferring one that shares the head ("the former rebels" -> "the former rebel
  group"; a title: the person named with it, ahead of a subject of another title);
  "the country", "the government" with no state before take the state of a people
  named before ("protesters ... the government's plan");
- :func:`pronouns`: "its"/"it" (subject) take the nearest singular organisation or
  state mention and "their"/"they" the nearest plural or group mention that is a
  subject or possessor, in the same or the previous sentence, outside quotations;
  "he"/"she" (subject) and "him" (object) the nearest person named as a leader or
  by a singular title ("President X", "the German chancellor") that is a subject;
  "them" (object) the nearest plural of the sentence before, in any role.

A subject pronoun never takes an actor named as another argument of its own verb
("It urged Israel": not Israel), and a description prefers another ("The country
accused Israel", "Moscow accused the country"; :func:`_not_clausemates`).

"we"/"our"/"us" inside a quotation are :mod:`.quotes`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Token

from kg.nlp.actors.context import (
    CAPITAL,
    COREF,
    DEMONYM,
    LEADER,
    NAME,
    PLACE,
    ROLE,
    Candidate,
    DocContext,
)
from kg.registry.lexicon import ORG_CLASSES

#: What "its"/"it" and "their"/"they" may refer to.
_SINGULAR_WANTS = ("org", "igo", "state")
_PLURAL_WANTS = ("reb", "gov", "mil", "org", "igo")
_PERSON_WANTS = ("person",)
#: "them": a plural named before, people of a state too ("three American citizens").
_THEM_WANTS = (*_PLURAL_WANTS, "state", "people")
#: How many sentences back a description (a pronoun) looks for its antecedent.
_DESCRIPTION_WINDOW, _PRONOUN_WINDOW = 2, 1
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


def _of_state(ctx: DocContext, cands: list[Candidate], person: Candidate) -> Candidate:
    """ "King X of Y ... he": the state named after the person's title is theirs."""
    for c in cands:
        if ctx.named_after_of(person.end, c) and "state" in kinds(ctx, c):
            return c
    return person


def _state_of_titled(
    ctx: DocContext, pool: list[Candidate], pos: int
) -> Candidate | None:
    """ "King X of Y spoke. He ...": when the person is no candidate of their own
    (an imported name yields to the state named with it), the state after "of"
    of a subject named as a person is what "he"/"she" refers to."""
    for c in sorted(pool, key=lambda c: c.end, reverse=True):
        if c.end > pos or not ctx.named_after_of(c.start - 1, c):
            continue
        if ctx.sent_of[pos] - ctx.sent_of[c.start] > _PRONOUN_WINDOW:
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
    head = _subject_root(root, tuple(wants) == _PERSON_WANTS)
    if subject and not _in_subject(head):
        return False
    return _number_agrees(ctx, c, root, plural)


def _in_subject(head: Token) -> bool:
    """Whether a mention headed by ``head`` may be taken as a subject: a subject,
    or a possessor ("Peru's army said ...", "It was X's first trip"), but not the
    possessor of an object ("Peru condemned Chile's raid. It urged ...": "it" is
    Peru)."""
    if head.dep_ == "poss":
        return head.head.dep_ not in _OBJECTS
    return head.dep_ in _SUBJECT


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
    subj = ("nsubj", "nsubjpass")
    return tok.dep_ in subj or (tok.dep_ == "poss" and tok.head.dep_ in subj)


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


def _not_clausemates(
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
        others = _not_clausemates(ctx, pool, i, ctx.toks[head])
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
    if tuple(wants) == _PERSON_WANTS and lemma:
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
        return self.wants == _PERSON_WANTS


def _not_empty_it(ctx: DocContext, head: Token) -> bool:
    """ "it" is no reference as the subject of an empty verb ("it seems")."""
    return head.lemma_ not in ctx.words.empty_it_verbs


def _description(ctx: DocContext, head: Token) -> bool:
    """ "his country", "her government": the leader's state."""
    return head.lower_ in ctx.words.coref_heads


_SUBJECT = ("nsubj", "nsubjpass")
#: The dependencies of an object of a verb or preposition.
_OBJECTS = ("dobj", "pobj", "dative")
_PERSON = _Pronoun(_PERSON_WANTS, False, _SUBJECT)
_OBJECT = _Pronoun(_PERSON_WANTS, False, _OBJECTS, earlier=True)
_POSSESSOR = _Pronoun(_PERSON_WANTS, False, ("poss",), head=_description)

#: The pronouns resolved: word -> what it may refer to.
_PRONOUN_TABLE: dict[str, _Pronoun] = {
    "its": _Pronoun(_SINGULAR_WANTS, False),
    "it": _Pronoun(_SINGULAR_WANTS, False, ("nsubj",), head=_not_empty_it),
    "their": _Pronoun(_PLURAL_WANTS, True),
    "they": _Pronoun(_PLURAL_WANTS, True),
    "them": _Pronoun(_THEM_WANTS, True, _OBJECTS, earlier=True, any_role=True),
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
    subjects = [t.i for t in ctx.toks[i].head.children if t.dep_ in _SUBJECT]
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


def pronouns(ctx: DocContext, cands: list[Candidate]) -> list[Candidate]:
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
            pool = _not_clausemates(ctx, pool, i, ctx.toks[i])
        ante = antecedent(
            ctx,
            pool,
            i,
            query.wants,
            _PRONOUN_WINDOW,
            plural=query.plural,
            subject=subject,
        )
        if query.person:
            ante = (
                _of_state(ctx, cands, ante)
                if ante is not None
                else _state_of_titled(ctx, pool, i)
            )
        if ante is not None:
            new.append(ante.refer(i, i + 1))
            covered[i] = True
    return sorted(cands + new, key=lambda c: c.start)
