"""Naming and phone verbs: "X called Y a terrorist group" and "spoke by phone with Y".

A naming verb ("call", "label", "brand", "dub", ...) whose name marks Y as a
terrorist body designates Y; another pejorative name condemns Y; any other name is
no event. "call" stays a phone call when the phone is named. Both are rules of
:mod:`kg.nlp.relations.triggers`, which passes them the verb being looked up.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.nlp.relations.context import Rules
from kg.nlp.relations.verbs import Found, Verb


def _words_of(tok: Token, deps: tuple[str, ...]) -> list[Token]:
    """A token's children of the given dependencies with their own modifiers, and
    what an "of" after it names ("an act of aggression")."""
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ in deps:
            out.append(c)
            out.extend(m for m in c.children if m.dep_ in ("compound", "amod"))
        if c.dep_ == "prep" and c.lower_ == "of":
            out.extend(o for o in c.children if o.dep_ == "pobj")
    return out


def _naming_complements(v: Verb) -> list[Token]:
    """The name a naming verb gives, in each parse of "X called Y a Z": the
    complement ("Y" object, "a Z" oprd|xcomp|acomp), the object after a dative or
    another object ("branded [Y] [a Z]"), the object of "as" ("labelled Y as a
    Z") and a name inside the object (:func:`_names_in_object`)."""
    tok = v.tok
    kids = list(tok.children)
    comps = [
        c
        for c in kids
        if c.dep_ in ("oprd", "xcomp", "acomp") and c.pos_ in ("NOUN", "ADJ", "PROPN")
    ]
    dobjs = [c for c in kids if c.dep_ == "dobj"]
    if any(c.dep_ == "dative" for c in kids):
        comps += [c for c in dobjs if c.pos_ == "NOUN"]
    else:  # "branded [Y] [a Z]" parsed as two objects
        comps += [c for c in dobjs[1:] if c.pos_ == "NOUN"]
    comps += [
        o
        for c in kids
        if c.dep_ == "prep" and c.lower_ == "as" and v.objs
        for o in c.children
        if o.dep_ == "pobj" and o.pos_ == "NOUN"
    ]
    return comps + _names_in_object(v)


def _names_in_object(v: Verb) -> list[Token]:
    """A name the parser hangs inside the object: "branded [the Y terrorists]"
    (Y a compound of the name), "called [Y a terrorist]" (the name in apposition,
    with no comma: "called Y, the leader, ..." names nobody)."""
    out = []
    for o in v.objs:
        if o.pos_ == "NOUN" and any(
            m.dep_ == "compound" and m.pos_ == "PROPN" for m in o.children
        ):
            out.append(o)
        out += [
            a
            for a in o.children
            if a.dep_ == "appos"
            and a.pos_ == "NOUN"
            and a.left_edge.i > 0
            and a.doc[a.left_edge.i - 1].text != ","
        ]
    return out


def by_naming(rules: Rules, v: Verb) -> Found | None:
    """ "X called Y a terrorist group": naming, never a phone call. A name that
    marks Y as a terrorist body designates Y ("labelled Y a terrorist
    organisation", "branded Y terrorists"); another pejorative name is a
    condemnation, any other no event ("called the deal a success")."""
    senses = rules.patterns.senses
    if v.lemma not in senses["naming.verbs"]:
        return None
    if any(c.dep_ == "mark" and c.lower_ == "as" for c in v.tok.children) or any(
        o.lower_ == "what" for o in v.objs
    ):  # "Daesh, as Ankara calls the Islamic State", "what Tehran calls its axis"
        return None, "verb", [v.tok], None
    named = v.objs or [c for c in v.tok.children if c.dep_ == "dative"]
    comps = _naming_complements(v) if named else []
    if not comps:  # "called Y's leader" (parsed as a complement): a call
        return None
    names = {w.lower_ for c in comps for w in [c, *_words_of(c, ("amod", "compound"))]}
    heads = {c.lower_ for c in comps}
    if names & senses["designating.marks"] and heads & senses["designating.heads"]:
        return senses.relations["designating"], "verb", [v.tok, comps[0]], None
    if names & senses["naming.pejorative"]:
        return senses.relations["naming"], "verb", [v.tok, comps[0]], None
    return None, "verb", [v.tok], None


def by_phone(rules: Rules, v: Verb) -> Found | None:
    """ "spoke by telephone with Y", "talked on the phone": a phone call."""
    senses = rules.patterns.senses
    if v.lemma not in senses["phone.verbs"]:
        return None
    for c in v.tok.children:
        if c.dep_ != "prep" or c.lower_ not in senses["phone.preps"]:
            continue
        for o in c.children:
            words = {o.lower_, o.lemma_.lower()} | {m.lower_ for m in o.children}
            if words & senses["phone.nouns"] and o.dep_ == "pobj":
                return senses.relations["phone"], "verb", [v.tok, o], None
    return None
