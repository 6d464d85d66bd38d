"""A verb being looked up for a trigger, and the keys of its objects.

:class:`Verb` is what the trigger rules of :mod:`kg.nlp.relations.triggers` (and
of :mod:`.endings`, :mod:`.goods`, :mod:`.naming`, which it calls) are given;
:func:`by_object` is the rule of a verb's object table ("withdraw troops" vs
"withdraw aid"), which :mod:`.endings` defers to as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Token

from kg.nlp.relations.context import Rules
from kg.nlp.relations.patterns import VerbEntry

#: A trigger found: (relation or None, kind, trigger words, fine CAMEO code or None).
Found = tuple[str | None, str, list[Token], str | None]


@dataclass(frozen=True)
class Verb:
    """A verb being looked up: its repaired lemma, lexicon entry and objects.

    ``all_objs`` are the objects and their conjuncts ("sent tanks and jets"), each
    with its keys: the words of its modifiers, then its word and lemma.
    """

    tok: Token
    lemma: str
    entry: VerbEntry | None
    objs: list[Token]
    overrides: dict[str, str]

    @cached_property
    def all_objs(self) -> list[tuple[Token, list[str]]]:
        """Built only if a rule that reads the objects is reached: each object and
        its keys (its modifiers, its word and lemma, ``PLACE`` for a named place)."""
        return [
            (o, object_keys(o))
            for o in self.objs + [c for x in self.objs for c in x.conjuncts]
        ]


def object_keys(o: Token) -> list[str]:
    """The keys of an object in a verb's tables: the words of its modifiers, its
    word and lemma, ``PLACE`` for a named place, ``ORG`` for a named organisation,
    ``MONEY`` for an amount of money ("$300 million")."""
    return (
        [m.lower_ for m in o.children if m.dep_ in ("compound", "amod")]
        + [o.lower_, o.lemma_.lower()]
        + ([PLACE_KEY] if o.ent_type_ in _PLACE_ENTS else [])
        + ([ORG_KEY] if o.ent_type_ == "ORG" else [])
        + ([MONEY_KEY] if o.ent_type_ == "MONEY" else [])
    )


#: The object key of a named place in patterns.yaml ("seize": {PLACE: occupies}).
PLACE_KEY = "PLACE"
#: The object key of a named organisation ("withdraw": {"from:ORG": ...}).
ORG_KEY = "ORG"
#: The object key of an amount of money (``money_goods``: "sent $5 million to Y").
MONEY_KEY = "MONEY"
#: Entity labels of a named place.
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})


def by_object(_rules: Rules, v: Verb) -> Found | None:
    """ "withdraw troops" vs "withdraw aid": the object (or its modifier) decides,
    or a noun predicated of the object ("took Y hostage")."""
    if v.entry is None:
        return None
    predicated = [
        (c, object_keys(c))
        for c in v.tok.children
        if c.dep_ in ("xcomp", "oprd") and c.pos_ == "NOUN"
    ]
    for o, keys in v.all_objs + predicated:
        for key in keys:
            if key in v.entry.obj:
                code = v.entry.code(f"obj.{key}")
                return v.entry.obj[key], "light", [v.tok, o], code
    return None


__all__ = ["ORG_KEY", "PLACE_KEY", "Found", "Verb", "by_object", "object_keys"]
