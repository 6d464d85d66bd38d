"""Where arguments are looked for: the actor mentions of a phrase, and the phrases
of a predicate that may hold its target.

:func:`find` searches a phrase breadth first for the first actor mention ("the
representatives from HTS" -> HTS), never entering an aside ("despite X's ..."), a
circumstance clause ("... as fighting raged near X") or the possessor of a
relational noun ("Israel's ally" is not Israel); with ``conj`` every conjunct of
the mention is an argument too ("to Iran, Libya and Cuba").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.nlp.relations.context import Rules, SentContext
from kg.nlp.relations.patterns import VerbEntry
from kg.nlp.relations.syntax import CLAUSE_DEPS, OBJ_DEPS
from kg.nlp.relations.words import Words

#: Tokens a breadth-first search visits at most per phrase.
_MAX_VISITS = 60


@dataclass(frozen=True)
class _Search:
    """Options of one search: excluded keys, clause and place phrases allowed."""

    exclude: set[tuple[str, str]]
    clauses: bool
    places: bool


def _blocked(rules: Rules, s: _Search, t: Token, c: Token, head: Token) -> bool:
    """True when the child ``c`` of ``t`` is not searched nor a path to a parent."""
    words = rules.words
    if c.dep_ in ("punct", "cc", "mark", "case"):
        return True
    if c.dep_ == "conj" and t.i == head.i:
        return True
    if not s.clauses and c.dep_ in CLAUSE_DEPS:
        return True
    if c.dep_ == "prep" and c.lower_ == "according":
        return True
    if not s.places and c.dep_ == "prep" and c.lower_ in words["place_preps"]:
        return True
    if c.dep_ == "amod" and c.lower_ in words["sponsor_participles"]:
        return True  # "the Iran-backed rebels" are not Iran
    if c.dep_ == "acl" and c.lemma_.lower() in words["charge_participles"]:
        return True  # "a man convicted of spying for X": the charge
    if topic_phrase(rules, c):
        return True  # "talks on Ukraine": the topic
    # "Israel's militia ally" is not Israel
    return t.lemma_.lower() in words["relational_nouns"] and (
        c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of")
    )


def topic_phrase(rules: Rules, prep: Token) -> bool:
    """True for the "on"/"about" phrase of a noun of talk or information, hung on
    the noun or on the verb it is the object of: its topic, not a party ("held
    talks on Y", "shared intelligence on Y")."""
    words = rules.words
    if prep.dep_ != "prep" or prep.lower_ not in words["topic_preps"]:
        return False
    nouns = words["topic_nouns"]
    head = prep.head
    if head.pos_ in ("NOUN", "PROPN"):
        return head.lemma_.lower() in nouns
    return any(c.dep_ in OBJ_DEPS and c.lemma_.lower() in nouns for c in head.children)


def response_phrase(rules: Rules, c: Token) -> bool:
    """True for "in response to X", "in retaliation for X": X is the act responded
    to, another event, never an argument of the response."""
    return c.dep_ == "prep" and any(
        o.dep_ == "pobj" and o.lemma_.lower() in rules.words["response_nouns"]
        for o in c.children
    )


def _aside(rules: Rules, c: Token) -> bool:
    """True for another event: "despite X's reluctance", "... if war starts in X",
    "in response to strikes on X" (the act responded to)."""
    words = rules.words
    if c.dep_ == "prep" and c.lower_ in words["aside_preps"]:
        return True
    if response_phrase(rules, c):
        return True
    return c.dep_ == "advcl" and any(
        m.dep_ in ("mark", "advmod") and m.lower_ in words["aside_marks"]
        for m in c.children
    )


#: Dependencies of the modifiers of a name ("the Greek-flagged tanker X").
_NAME_MODIFIERS = frozenset({"compound", "amod", "npadvmod", "nmod"})


def _coded_modifier(
    ctx: SentContext, t: Token, s: _Search
) -> tuple[Span, Token] | None:
    """For a mention at ``t`` of no known country, a mention of a state among its
    modifiers ("the Greek-flagged tanker X" is Greece's); None otherwise."""
    m = ctx.index[t.i]
    if ctx.key(m)[1]:
        return None
    queue = [c for c in t.children if c.dep_ in _NAME_MODIFIERS]
    while queue:
        c = queue.pop(0)
        x = ctx.index.get(c.i)
        key = ctx.key(x) if x is not None and x is not m else None
        if x is not None and key is not None and key[1] and key not in s.exclude:
            return x, c
        queue.extend(g for g in c.children if g.dep_ in _NAME_MODIFIERS)
    return None


#: Mention labels of a place named as the venue of an event noun.
_VENUE_LABELS = frozenset({"CAPITAL", "PLACE"})


def _venue(ctx: SentContext, t: Token, c: Token) -> bool:
    """True for a city naming the venue of an event noun ("the Paris climate
    accord", "the Minsk agreements"): not a party to it."""
    m = ctx.index.get(c.i)
    return (
        m is not None
        and c.dep_ == "compound"
        and m.label_ in _VENUE_LABELS
        and ctx.rules.noun_relation(t) is not None
    )


def _first_mention(
    ctx: SentContext, head: Token, s: _Search, parent: dict[int, Token]
) -> tuple[Span, Token] | None:
    """The first mention (breadth first) under ``head`` and the token it covers."""
    queue = [head]
    seen = 0
    while queue and seen < _MAX_VISITS:
        t = queue.pop(0)
        seen += 1
        m = ctx.index.get(t.i)
        if m is not None and ctx.key(m) not in s.exclude:
            return _coded_modifier(ctx, t, s) or (m, t)
        for c in t.children:
            if _blocked(ctx.rules, s, t, c, head) or _venue(ctx, t, c):
                continue
            parent[c.i] = t
            if not _aside(ctx.rules, c):
                queue.append(c)
    return None


#: Dependencies a misparsed member of a list of names hangs from ("Arnor and the
#: old Vale": nmod or compound of the last member; "Arnor, the Vale, and Bree":
#: appos).
_LIST_DEPS = frozenset({"appos", "nmod", "compound"})


def _list_member(c: Token, t: Token) -> bool:
    """Whether the child ``c`` of ``t`` is a list member the parser misplaced: a
    modifier with a coordination of its own ("Arnor" with "and" under "Vale"),
    or an apposition followed by a conjunct of ``t`` or of its own ("Arnor, the
    Vale, and Bree", where "Bree" may hang from "Vale"); an apposition that closes
    the phrase is one ("Arnor, the old foe,")."""
    if c.dep_ == "appos":
        kids = [*t.children, *c.children]
        return any(g.dep_ == "conj" and g.i > c.i for g in kids)
    return c.dep_ in _LIST_DEPS and any(g.dep_ in ("cc", "conj") for g in c.children)


def _list_members(ctx: SentContext, m: Span, t: Token) -> list[Token]:
    """Other actors' mentions the parser hung under the mention at ``t`` instead
    of coordinating them (:func:`_list_member`), with their conjuncts."""
    out: list[Token] = []
    for c in t.children:
        x = ctx.index.get(c.i) if _list_member(c, t) else None
        if x is not None and (x.start, x.end) != (m.start, m.end):
            out.extend([c, *c.conjuncts])
    return out


def _conjuncts(
    ctx: SentContext, m: Span, t: Token, head: Token, parent: dict[int, Token]
) -> list[Token]:
    """The conjuncts of a mention, of its phrase and of the phrases above it, and
    the names of a misparsed list (:func:`_list_members`)."""
    inner = [c for w in m for c in w.conjuncts] + _list_members(ctx, m, t)
    up = t
    while up.i in parent:  # "a movement and the PLO"
        up = parent[up.i]
        if up.i != head.i:
            inner.extend(up.conjuncts)
    out = []
    for c in inner + list(t.conjuncts):
        if m.start <= c.i < m.end:
            continue
        if ctx.rules.noun_relation(c) and any(x.dep_ == "poss" for x in c.children):
            continue  # "... and its designation of HTS"
        out.append(c)
    return out


def _search(ctx: SentContext, tok: Token, s: _Search, conj: bool) -> list[Span]:
    found: list[Span] = []
    heads = [tok] + (list(tok.conjuncts) if conj else [])
    for head in heads:
        parent: dict[int, Token] = {}
        hit = _first_mention(ctx, head, s, parent)
        if hit is None:
            continue
        m, t = hit
        if all((m.start, m.end) != (f.start, f.end) for f in found):
            found.append(m)
        if not conj:
            continue
        for c in _conjuncts(ctx, m, t, head, parent):
            for other in _search(ctx, c, s, False):
                if all(other.start != f.start for f in found):
                    found.append(other)
    return found


def find(
    ctx: SentContext,
    tok: Token,
    exclude: set[tuple[str, str]],
    *,
    clauses: bool = True,
    conj: bool = False,
    places: bool = True,
) -> list[Span]:
    """Actor mentions for the phrase headed by ``tok`` (breadth first).

    Args:
        ctx: The sentence.
        tok: The head of the phrase.
        exclude: Keys of mentions never taken (the other side of the event).
        clauses: Search subordinate clauses too.
        conj: Take every conjunct of a mention found, and of ``tok``.
        places: Search place prepositions ("in", "near") too.
    """
    return _search(ctx, tok, _Search(exclude, clauses, places), conj)


def actors(
    ctx: SentContext,
    tok: Token | None,
    exclude: set[tuple[str, str]],
    *,
    conj: bool = True,
    places: bool = True,
) -> list[Span]:
    """The actor mentions of an argument phrase, outside subordinate clauses."""
    if tok is None:
        return []
    return find(ctx, tok, exclude, clauses=False, conj=conj, places=places)


# ----------------------------------------------------------------- target phrases
def _skipped(entry: VerbEntry | None, c: Token, skip: set[int]) -> bool:
    if c.i in skip:
        return True
    if entry is not None and entry.no_obj and c.dep_ in OBJ_DEPS:
        return True  # "signed a treaty": the object is the document
    # "X denounced the attack, and Y urged ...": another clause
    return (
        c.dep_ == "conj"
        and c.pos_ in ("VERB", "AUX")
        and any(x.dep_ in ("nsubj", "nsubjpass", "expl") for x in c.children)
    )


def _first_choice(rules: Rules, c: Token) -> bool:
    """An object, a target preposition or a complement: searched first; a name
    right after the verb the parser took for an adverb is an object ("warned
    Washington" parsed as npadvmod)."""
    return (
        c.dep_ in OBJ_DEPS
        or c.dep_ == "nsubjpass"
        or (c.dep_ == "prep" and c.lower_ in rules.words["target_preps"])
        or c.dep_ in ("xcomp", "prt", "acomp", "pcomp", "pobj")
        or (c.dep_ == "npadvmod" and c.pos_ == "PROPN" and c.i == c.head.i + 1)
    )


def _later_choices(rules: Rules, tok: Token, c: Token) -> list[Token]:
    """Phrases searched after the direct ones (or none)."""
    words = rules.words
    if c.dep_ == "prep" and c.lower_ in words["later_preps"]:
        return [c]  # "called off the strike after talks with X"
    if (
        c.dep_ == "conj"
        and c.pos_ == "VERB"
        and not any(x.dep_ in OBJ_DEPS for x in tok.children)
    ):  # "donated and delivered goods to X": the shared object
        shared = [
            x
            for x in c.children
            if x.dep_ in OBJ_DEPS
            or (x.dep_ == "prep" and x.lower_ in words["target_preps"])
        ]
        return [*shared, c]
    if c.dep_ in CLAUSE_DEPS or c.dep_ == "conj":
        return [c]
    return []


def _preferred(tok: Token, entry: VerbEntry | None) -> list[Token]:
    """The headline parse's prepositions, and those the verb entry prefers."""
    out: list[Token] = []
    if tok.dep_ == "amod" and tok.pos_ == "VERB":  # headline parse
        out.extend(c for c in tok.head.children if c.dep_ == "prep")
    if entry is not None and entry.prefer:
        # "discussed the border with Y": on the object of a verb whose object is
        # what is talked about, never a party (``no_obj``)
        objects = [o for o in tok.children if entry.no_obj and o.dep_ in OBJ_DEPS]
        heads = [tok, *objects, *(_of_object(o) for o in objects)]
        out.extend(
            c
            for h in heads
            for c in h.children
            if c.dep_ == "prep" and c.lower_ in entry.prefer
        )
    return out


def _of_object(noun: Token) -> Token:
    """The "of" object of a noun ("a memorandum of understanding with Y": where
    its own phrases hang), else the noun."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            return next((o for o in c.children if o.dep_ == "pobj"), noun)
    return noun


def _prefers(rules: Rules, verb: Token, prep: Token) -> bool:
    """True when the verb's entry names the preposition as its target's ("balked
    at Y": "at" is no place there)."""
    entry = rules.patterns.verbs.get(rules.lemma(verb))
    return entry is not None and prep.lower_ in entry.prefer


def _of_light_noun(rules: Rules, verb: Token, prep: Token) -> bool:
    """True when the parser hung on a light verb a ``light_noun_preps`` preposition
    that follows its event noun and has a name as its object or the object's
    possessor ("voiced anger [at Y]", "[at Y's move]"): it is the noun's, as in
    "expressed [anger at Y]", and names its target, not a place (as "voiced anger
    at the summit in Y" and "held talks at the Y" do)."""
    if prep.lower_ not in rules.words["light_noun_preps"] or not any(
        n.pos_ == "PROPN"
        for o in prep.children
        if o.dep_ == "pobj"
        for n in (o, *(p for p in o.children if p.dep_ == "poss"))
    ):
        return False
    if rules.lemma(verb) not in rules.patterns.light_verbs:
        return False
    return any(
        c.dep_ == "dobj"
        and c.right_edge.i + 1 == prep.i
        and (rel := rules.noun_relation(c)) is not None
        and not rules.in_category(rel, "meeting")
        for c in verb.children
    )


def _claimant(words: Words, x: Token) -> bool:
    """True for the part of a content noun that names who made the claim or demand:
    its possessor ("X's demand"), a modifier before it ("a French demand") or a
    claimant preposition ("calls from X")."""
    if x.dep_ == "poss" or (x.dep_ in ("amod", "compound") and x.i < x.head.i):
        return True
    return x.dep_ == "prep" and x.lower_ in words["claimant_preps"]


def target_heads(rules: Rules, tok: Token, skip: set[int]) -> list[Token]:
    """Candidate target phrases of a predicate, best first."""
    words = rules.words
    entry = rules.patterns.verbs.get(rules.lemma(tok))
    first = _preferred(tok, entry)
    later: list[Token] = []
    for c in tok.children:
        if _skipped(entry, c, skip):
            continue
        if c.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in words["contrast_marks"] for m in c.children
        ):
            continue  # "promised to help as fighting raged near X"
        if c.dep_ in OBJ_DEPS and c.lemma_.lower() in words["content_nouns"]:
            # "dismissed claims by X that Y ...", "rejected X's demand that Y ...":
            # X made the claim or demand; Y is content
            first.extend(
                x for n in [c, *c.conjuncts] for x in n.children if _claimant(words, x)
            )
        elif _first_choice(rules, c):
            first.append(c)
        else:
            later.extend(_later_choices(rules, tok, c))
    return first + later


def open_heads(
    rules: Rules,
    chain: list[Token],
    skip: set[int],
    subj: Token | None,
    places_ok: bool,
) -> Iterator[Token]:
    """The tokens that may hold a target along a verb chain, in search order:
    never the subject, and no place preposition unless places may be targets."""
    skip = skip | {c.i for c in chain}
    places = rules.words["place_preps"]
    for t in chain:
        for head in target_heads(rules, t, skip):
            if subj is not None and head.i == subj.i:
                continue
            if (
                head.dep_ == "prep"
                and head.lower_ in places
                and not places_ok
                and not _prefers(rules, t, head)
                and not _of_light_noun(rules, t, head)
            ):
                continue
            if topic_phrase(rules, head) or response_phrase(rules, head):
                continue
            yield head
