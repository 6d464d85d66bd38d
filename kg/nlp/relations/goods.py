"""Goods and forces handed over, received or deployed: what they are and where
they go.

Military goods sent or deployed near a party, or to its border, are a show of force
(CAMEO 154); forces deployed to a party are military aid (072); goods handed over
are military or humanitarian aid by what they are; exercises held alone near a
party are a show of force. Rules of :mod:`kg.nlp.relations.triggers`, which passes
them the verb being looked up.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.nlp.actors.component import SPAN_KEY
from kg.nlp.relations.context import Rules
from kg.nlp.relations.syntax import prep_objects
from kg.nlp.relations.verbs import Found, Verb, object_keys


def show_of_force(rules: Rules, verb: Token | None, noun: Token, rel: str) -> str:
    """Exercises held alone near another party are a show of force, with a
    partner ("joint drills with Y", "A and B held drills") cooperation."""
    senses = rules.patterns.senses
    if noun.lower_ not in senses["show_of_force.nouns"]:
        return rel
    heads = [t for t in (noun, verb) if t is not None]
    near = senses["show_of_force.near_preps"]
    if any(
        c.lower_ in senses["show_of_force.partner_words"]
        for t in heads
        for c in t.children
    ) or any(c.dep_ == "nsubj" and c.conjuncts for t in heads for c in t.children):
        return rel
    if any(
        c.dep_ == "prep" and (c.lower_ in near or _on_border(rules, c))
        for t in heads
        for c in t.children
    ):  # "drills near Y", "drills on the border with Y"
        return senses.relations["show_of_force"]
    return rel


def _goods_preps(verb: Token, goods: Token) -> list[Token]:
    """The prepositions of a verb that sends goods and of the goods."""
    deps = ("prep", "dative")
    return [c for t in (verb, goods) for c in t.children if c.dep_ in deps]


def _on_border(rules: Rules, prep: Token) -> bool:
    """True for a preposition of a border ("on the border with Y", "at the Y
    frontier"): a place near a party."""
    borders = rules.words["border_nouns"]
    return any(o.dep_ == "pobj" and o.lemma_.lower() in borders for o in prep.children)


def _to_border(rules: Rules, prep: Token) -> bool:
    """True for "to the border (with Y)": a destination near a party."""
    return prep.lower_ == "to" and _on_border(rules, prep)


def _sent_near(rules: Rules, verb: Token, goods: Token) -> bool:
    """True when what is sent goes near a party, not to it ("sent warships near
    Y", "sent troops to the border with Y"): a show of force."""
    near = rules.patterns.senses["show_of_force.sent_near_preps"]
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    preps = [  # "was given tanks by X": the agent, parsed as a preposition
        c for c in _goods_preps(verb, goods) if not (passive and c.lower_ == "by")
    ]
    if any(_to_border(rules, c) for c in preps):
        return True
    return any(c.lower_ in near for c in preps) and not any(
        c.lower_ == "to" for c in preps
    )


def by_destination(rules: Rules, v: Verb) -> Found | None:
    """Where forces or arms are sent or deployed decides first: near a party or
    to its border a show of force ("sent warships near Y"); deployed to a party,
    military aid ("deployed troops to Y"); with no "to", the verb's own sense."""
    words = rules.words
    deploy = v.lemma in words["deployment_verbs"]
    if not deploy and v.lemma not in words["transfer_verbs"]:
        return None
    for o, keys in v.all_objs:
        if not set(keys) & rules.military_goods:
            continue
        if _sent_near(rules, v.tok, o):
            show = rules.patterns.senses.relations["show_of_force"]
            return show, "light", [v.tok, o], None
        if deploy and any(c.lower_ == "to" for c in _goods_preps(v.tok, o)):
            return words.role("military_aid"), "light", [v.tok, o], None
    return None


def by_goods(rules: Rules, v: Verb) -> Found | None:
    """ "sent tanks to Y", "shipped food to Y", "supplied Y with arms": a verb that
    hands goods over (or receives them: "received jets from Y") gives military or
    humanitarian aid by what the goods are (the object, its "with" phrase or a
    modifier); military goods sent near a party are a show of force, decided
    before (:func:`by_destination`)."""
    words = rules.words
    if not any(v.lemma in words[k] for k in ("transfer_verbs", "recipient_verbs")):
        return None
    military = rules.military_goods
    sale = v.lemma in words["sale_verbs"]
    given = [(g, object_keys(g)) for g in prep_objects(v.tok, "with")]
    for o, key_list in v.all_objs + given:  # "supplied Y with weapons"
        keys = set(key_list)
        if _a_party(o):  # "received Y's army chief": a visitor, not army goods;
            keys = {o.lower_, o.lemma_.lower()}  # "Y's jets" are goods still
        if keys & military:
            return words.role("military_aid"), "light", [v.tok, o], None
        if sale:
            continue  # selling or buying anything else is trade, not aid
        for goods, role in _GOODS:
            if keys & words[goods]:
                return words.role(role), "light", [v.tok, o], None
    return None


def _a_party(o: Token) -> bool:
    """Whether an object heads an actor mention ("Y's army chief", "Chinese
    jets"): its modifiers then name the party, not the goods."""
    return any(m.root.i == o.i for m in o.doc.spans.get(SPAN_KEY, ()))


#: The kinds of goods other than military ones, in order, and the role they give.
_GOODS = (
    ("relief_goods", "relief"),
    ("money_goods", "economic_aid"),
    ("aid_goods", "aid"),
)


__all__ = ["by_destination", "by_goods", "show_of_force"]
