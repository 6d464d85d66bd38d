"""Ending an act or a tie: "cancelled a visit to Y", "put an end to X", "announced
the suspension of X".

Ending a cooperative act or a tie reduces relations, ending sanctions lifts them,
ending aid cuts it, ending a state is its ending relation; the verb's own entry
decides an object it names. A rule of :mod:`kg.nlp.relations.triggers`, which
passes it the verb being looked up; :func:`ending_of` is read by the control rules
too.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.nlp.relations.context import Rules
from kg.nlp.relations.syntax import prep_objects
from kg.nlp.relations.verbs import Found, Verb, by_object


def ending_verb(rules: Rules, verb: Token) -> bool:
    """Whether a verb ends what it names: an ``ending_verbs`` lemma, or a phrasal
    verb listed with its particle ("called off")."""
    lemma = rules.lemma(verb)
    prt = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    ending = rules.words["ending_verbs"]
    return lemma in ending or f"{lemma}_{prt}" in ending


def _ended(rules: Rules, v: Verb) -> list[Token]:
    """What an ending verb ends: its objects, or the "to" object of an ending noun
    ("put an end to X") and the "of" object of a noun of ending ("announced the
    suspension of X"); none for another verb."""
    words = rules.words
    ending = ending_verb(rules, v.tok)
    out: list[Token] = []
    for o in v.objs:
        if o.lemma_.lower() in words["ending_of_nouns"] and v.entry is None:
            out.extend(prep_objects(o, "of"))  # a verb's own entry decides
        if o.lemma_.lower() in words["ending_nouns"]:
            out.extend(  # the "to" phrase may hang on the noun or on the verb
                g
                for c in (*o.children, *v.tok.children)
                if c.dep_ == "prep" and c.lower_ == "to"
                for g in c.children
                if g.dep_ == "pobj"
            )
        elif ending:
            out.append(o)
    return out


def by_ending(rules: Rules, v: Verb) -> Found | None:
    """ "cancelled a visit to Y", "put an end to its partnership with Y": ending a
    cooperative act or a tie (``tie_nouns``) reduces relations, ending sanctions
    lifts them, ending aid cuts it; ending another hostile act is left to the verb's
    entry ("called off the strike" concedes); an object the verb's own entry gives a
    relation is left to that entry ("abandoned the ceasefire" violates it; a verb
    that ends by itself takes it at once: "cut off aid"; an entry of another sense,
    "call a strike", is passed over for "called off the strike"). Ending a state is
    its ending relation ("ended the alliance" breaks it)."""
    words = rules.words
    own = v.entry.obj if v.entry is not None else {}
    for o in _ended(rules, v):
        if own.get(o.lower_) or own.get(o.lemma_.lower()):
            if v.lemma in words["ending_verbs"]:
                return by_object(rules, v)
            continue
        if o.lower_ in words["tie_nouns"]:  # "broke ties with Y"
            return words.role("reduce"), "light", [v.tok, o], None
        rel = rules.noun_relation(o)
        end = ending_of(rules, rel) if rel is not None else None
        if end is not None:
            return end, "light", [v.tok, o], None
    return None


def ending_of(rules: Rules, rel: str) -> str | None:
    """What ending an act of ``rel`` is (its ending relation, lifting a sanction,
    cutting aid, reducing ties), or None (a truce: the verb decides; hostile acts)."""
    words = rules.words
    if len(rules.vocab[rel].ended_by) == 1:
        return rules.vocab[rel].ended_by[0]
    category = rules.plover(rel)
    if category == "RETREAT":  # ending a truce is no cut in ties: the verb decides
        return None
    if category == "SANCTION":
        return words.role("lift")
    if category == "AID":
        return words.role("cut_aid")
    if rules.vocab[rel].quad_class <= 2:
        return words.role("reduce")
    return None


__all__ = ["by_ending", "ending_of", "ending_verb"]
