"""Dependency helpers: subjects, passive subjects, clause crossing, depth, negation.

Functions over spaCy tokens that know nothing of actors or relations. The sets of
dependency labels below are the parser's vocabulary (ClearNLP labels of the English
models), not word lists.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.nlp.relations.words import load_words

#: Dependents that open a new clause: searched last for targets.
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj"})
SUBJ_DEPS = frozenset({"nsubj", "csubj"})
OBJ_DEPS = frozenset({"dobj", "dative", "attr", "oprd", "obj"})
#: Dependencies through which a sub-event hangs under the main event of its clause.
DETAIL_DEPS = frozenset(
    {"xcomp", "advcl", "acl", "pcomp", "prep", "pobj", "dobj", "npadvmod"}
)
#: Dependencies through which a predicate takes the subject of its head.
_CLIMB_DEPS = frozenset(
    {
        "xcomp",
        "conj",
        "advcl",
        "pcomp",
        "acomp",
        "ccomp",
        "prep",
        "pobj",
        "dobj",
        "acl",
        "oprd",
        "attr",
        "nsubjpass",
        "compound",
        "amod",
        "appos",
        "npadvmod",
        "advmod",
    }
)
#: Dependencies on the way up that enter another clause.
_CLAUSE_ENTRY_DEPS = ("agent", "acl", "relcl", "advcl", "ccomp")


def crosses_clause(tok: Token, heads: set[int]) -> bool:
    """True when the path from ``tok`` up to ``heads`` enters another clause."""
    n = 0
    while tok.i not in heads:
        if tok.head.i == tok.i or n > 20:
            return True
        if tok.dep_ in _CLAUSE_ENTRY_DEPS:
            return True
        tok = tok.head
        n += 1
    return False


def depth(tok: Token) -> int:
    """The number of steps from ``tok`` up to the root of its sentence."""
    n = 0
    while tok.head.i != tok.i and n < 50:
        tok = tok.head
        n += 1
    return n


def has_neg(tok: Token, negs: frozenset[str]) -> bool:
    """True when a child negates ``tok`` ("not", "never", "no talks").

    "without" is a negation word for the preposition's object, not a child here;
    "not only X but also Y" is no negation.
    """
    for c in tok.children:
        if (
            (
                c.dep_ == "neg"
                or (c.dep_ in ("advmod", "det", "preconj") and c.lower_ in negs)
            )
            and c.lower_ not in ("without",)
            and not any(g.lower_ == "only" for g in c.children)
        ):
            return True
    return False


def has_mark(
    tok: Token, marks: frozenset[str], deps: tuple[str, ...] = ("mark",)
) -> bool:
    """True when a child of ``tok`` with one of ``deps`` is one of ``marks``."""
    return any(c.dep_ in deps and c.lower_ in marks for c in tok.children)


def passive_subject(tok: Token) -> Token | None:
    """The subject of a passive predicate ("Iran was accused"), or None; the noun
    a reduced passive relative with an agent modifies ("prisoners freed by X")."""
    for c in tok.children:
        if c.dep_ in ("nsubjpass", "csubjpass"):
            return c
    if (
        tok.dep_ == "acl"
        and tok.tag_ == "VBN"
        and tok.head.pos_ in ("NOUN", "PROPN")
        and any(c.dep_ == "agent" for c in tok.children)
    ):
        return tok.head
    return None


#: Complements of a passive verb under which the parser may hang its ``by`` agent.
_AGENT_SLIP_DEPS = ("dobj", "oprd", "attr", "xcomp")


def agent_objects(tok: Token) -> list[Token]:
    """The objects of the ``by`` agents of a passive ("accused by Israel").

    A passive verb without an agent of its own takes a ``by`` phrase the parser hung
    on its complement: "X was designated a terrorist group by Y", "X were ordered to
    leave by Y" (not when the complement is a passive of its own), on the object of
    one of its prepositions: "X was supplied with drones by Y", or on the verb as a
    plain preposition: "X was given tanks by Y".
    """
    own = [
        o
        for c in tok.children
        if c.dep_ == "agent"
        for o in c.children
        if o.dep_ == "pobj"
    ]
    if own or not any(c.dep_ == "auxpass" for c in tok.children):
        return own
    heads = [tok] + [
        c
        for c in tok.children
        if c.dep_ in _AGENT_SLIP_DEPS
        and not any(x.dep_ == "auxpass" for x in c.children)
    ] + [o for c in tok.children if c.dep_ == "prep" for o in c.children
         if o.dep_ == "pobj"]  # fmt: skip
    return [
        o
        for c in heads
        for p in c.children
        if p.dep_ == "prep" and p.lower_ == "by"
        for o in p.children
        if o.dep_ == "pobj"
    ]


def agent_object(tok: Token) -> Token | None:
    """The first object of a ``by`` agent child, or None."""
    return next(iter(agent_objects(tok)), None)


def _direct_subject(tok: Token) -> tuple[Token, str] | None:
    for c in tok.children:
        if c.dep_ in SUBJ_DEPS:
            if tok.dep_ == "relcl" and c.lower_ in load_words()["relatives"]:
                return tok.head, "relcl"
            return c, "subj"
        if c.dep_ in ("aux", "auxpass"):  # parser slip: subject on the auxiliary
            for cc in c.children:
                if cc.dep_ in SUBJ_DEPS:
                    return cc, "subj"
    return None


def child(tok: Token, dep: str) -> Token | None:
    """The first child of ``tok`` with the dependency ``dep``, or None."""
    return next((c for c in tok.children if c.dep_ == dep), None)


def prep_objects(tok: Token, word: str) -> list[Token]:
    """The objects of the ``word`` prepositions of ``tok`` ("of" in "thousands of
    troops": troops)."""
    return [
        o
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ == word
        for o in c.children
        if o.dep_ == "pobj"
    ]


def _other_subject(tok: Token) -> tuple[Token, str] | None:
    """A headline subject, a passive agent or a possessor of a noun."""
    c = headline_subject(tok)  # headline parse "US shared intelligence"
    if c is not None:
        return c, "subj"
    agent = agent_object(tok)
    if agent is not None:
        return agent, "agent"
    if tok.pos_ in ("NOUN", "PROPN"):
        c = child(tok, "poss")
        if c is not None:
            return c, "poss"
        c = named_modifier(tok)  # "the US decision to ...", "the Peruvian plan"
        if c is not None:
            return c, "poss"
    return None


def headline_subject(tok: Token) -> Token | None:
    """The subject of a verb the parser took for an adjective in a headline ("US
    shared intelligence with ..."), or whose name it took for an adverb ("US
    shared intelligence with Y." as a sentence); not the first half of a
    hyphenated adjective ("the Chinese-built railway", "Iran-backed militias")."""
    if tok.dep_ == "amod":
        c = child(tok, "npadvmod") or child(tok, "nsubj")
    elif tok.dep_ == "ROOT" and tok.tag_ in ("VBD", "VBN"):
        c = child(tok, "npadvmod")
        c = c if c is not None and c.pos_ == "PROPN" and c.i < tok.i else None
    else:
        return None
    if c is None or (c.i + 2 == tok.i and tok.doc[c.i + 1].text in ("-", "–")):
        return None
    return c


def named_modifier(tok: Token) -> Token | None:
    """A nationality or name modifying a noun before it ("the Russian attack",
    "the US decision"): whose the noun is, as a possessor."""
    for c in tok.children:
        if (
            c.dep_ in ("amod", "compound")
            and c.i < tok.i
            and c.ent_type_ in ("NORP", "GPE", "ORG")
        ):
            return c
    return None


def subject(tok: Token, level: int = 0) -> tuple[Token | None, str]:
    """The subject token of a predicate, climbing control and coordination.

    Returns:
        ``(token, how)`` with how in {"subj", "agent", "poss", "relcl",
        "relcl_inf", ""}.
    """
    if level > 6:
        return None, ""
    own = _direct_subject(tok) or _other_subject(tok)
    if own is not None:
        return own
    dep = tok.dep_
    head = tok.head
    if head.i == tok.i:
        return None, ""
    if dep == "acl" and tok.tag_ == "VBD":  # a main verb parsed as a modifier
        return head, "subj"
    if dep == "relcl":  # "intelligence to counter Daesh": infinitival relative
        return head, "relcl_inf"
    if dep not in _CLIMB_DEPS:
        return None, ""
    if dep in ("conj", "xcomp"):
        # "X was indicted ... and will resign", "X is expected to meet Y", "X was
        # asked to leave": the passive subject acts
        shared = child(head, "nsubjpass")
        if shared is not None:
            return shared, "subj"
    return subject(head, level + 1)


def content_clause(tok: Token) -> bool:
    """True when the verb heads a clause that is the content of a noun.

    "an admission that X murdered Y", "reiterated its demand that X ...": the
    clause is a claim or demand, not asserted.
    """
    nouns = load_words()["content_nouns"]
    t = tok
    for _ in range(3):
        if (
            t.dep_ in ("acl", "ccomp", "relcl")
            and t.head.pos_ == "NOUN"
            and any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children)
        ):
            return t.head.lemma_.lower() in nouns
        if t.dep_ == "ccomp" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in nouns for c in t.head.children
        ):
            return True
        if t.dep_ not in ("conj", "xcomp"):
            return False
        t = t.head
    return False
