"""Triggers: the words of a sentence that name an event, and its relation.

A verb whose lemma is in the verb lexicon (its particle, object or preposition may
refine it: "withdraw troops" vs "withdraw aid", "call on"), a light verb whose
object is an event noun ("held talks", "imposed sanctions"), an event noun with its
own arguments ("X's attack on Y"), a copula predicate ("X is against Y"), and
"X said Y must Z" (an obligation: a demand even when Z is no trigger).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.nlp.relations.context import Event, Rules
from kg.nlp.relations.patterns import VerbEntry
from kg.nlp.relations.syntax import content_clause

#: A trigger found: (relation or None, kind, trigger words).
Found = tuple[str | None, str, list[Token]]


@dataclass(frozen=True)
class _Verb:
    """A verb being looked up: its repaired lemma, lexicon entry and objects."""

    tok: Token
    lemma: str
    entry: VerbEntry | None
    objs: list[Token]
    overrides: dict[str, str]


def _objects(tok: Token) -> list[Token]:
    """The objects of a verb, with the head noun of headline and reduced parses."""
    objs = [c for c in tok.children if c.dep_ in ("dobj", "obj", "attr")]
    if objs:
        return objs
    if tok.dep_ == "amod" and any(
        c.dep_ in ("npadvmod", "nsubj") for c in tok.children
    ):  # headline parse "US shared intelligence with ..."
        return [tok.head]
    if (
        tok.dep_ in ("acl", "relcl")
        and tok.head.pos_ in ("NOUN", "PROPN")
        and any(c.dep_ == "agent" for c in tok.children)
    ):  # "the aid deliveries suspended by X" -> the head noun is the object
        return [tok.head]
    return []


def _by_particle(_rules: Rules, v: _Verb) -> Found | None:
    """ "call off", "cut off": a particle of the entry decides."""
    if v.entry is None:
        return None
    for c in v.tok.children:
        if c.dep_ in ("prt", "advmod", "prep") and c.lower_ in v.entry.prt:
            return v.entry.prt[c.lower_], "verb", [v.tok, c]
    return None


def _by_object(_rules: Rules, v: _Verb) -> Found | None:
    """ "withdraw troops" vs "withdraw aid": the object (or its modifier) decides."""
    if v.entry is None:
        return None
    for o in v.objs:
        mods = [c for c in o.children if c.dep_ in ("compound", "amod")]
        for key in [m.lower_ for m in mods] + [o.lower_, o.lemma_.lower()]:
            if key in v.entry.obj:
                return v.entry.obj[key], "light", [v.tok, o]
    return None


def _by_override(_rules: Rules, v: _Verb) -> Found | None:
    """ "lift the curfew": a light-verb override of the object noun."""
    for o in v.objs:
        for key in (o.lower_, o.lemma_.lower()):
            if key in v.overrides:
                return v.overrides[key], "light", [v.tok, o]
    return None


def _by_event_noun(rules: Rules, v: _Verb) -> Found | None:
    """ "held talks", "launched a mediation effort", "ten days of war games"."""
    if v.lemma not in rules.patterns.light_verbs:
        return None
    for o in v.objs + [c for x in v.objs for c in x.conjuncts]:
        rel = rules.noun_relation(o)
        if rel:
            return rel, "light", [v.tok, o]
    for o in v.objs:
        inner = [c for c in o.children if c.dep_ == "compound"] + [
            g
            for c in o.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj"
        ]
        for n in inner:
            rel = rules.noun_relation(n)
            if rel:
                return rel, "light", [v.tok, n]
    return None


def _by_light_preposition(rules: Rules, v: _Verb) -> Found | None:
    """ "put under investigation", "called for sanctions"."""
    if v.lemma not in rules.patterns.light_verbs:
        return None
    words = rules.words
    for c in v.tok.children:
        if c.dep_ != "prep" or c.lower_ in words["when_preps"]:
            continue
        for o in c.children:
            if o.dep_ != "pobj":
                continue
            rel = v.overrides.get(o.lemma_.lower()) or rules.noun_relation(o)
            if rel and (
                v.entry is None
                or v.entry.default is None
                or c.lower_ in words["light_preps"]
            ):
                return rel, "light", [v.tok, o]
    return None


def _by_preposition(_rules: Rules, v: _Verb) -> Found | None:
    """ "called on Iran" (but not "called on Tuesday"), "pushing for X to ..."."""
    if v.entry is None:
        return None
    for c in v.tok.children:
        if (
            c.dep_ == "prep"
            and c.lower_ in v.entry.prep
            and not any(o.ent_type_ in ("DATE", "TIME") for o in c.children)
        ):
            return v.entry.prep[c.lower_], "verb", [v.tok, c]
        if c.dep_ == "advcl":  # "pushing for the US (to) support ..."
            for m in c.children:
                if m.dep_ == "mark" and m.lower_ in v.entry.prep:
                    return v.entry.prep[m.lower_], "verb", [v.tok, m]
    return None


#: The lookups of a verb's relation, in order: the first match decides.
_VERB_RULES: tuple[Callable[[Rules, _Verb], Found | None], ...] = (
    _by_particle,
    _by_object,
    _by_override,
    _by_event_noun,
    _by_light_preposition,
    _by_preposition,
)


def verb_relation(rules: Rules, tok: Token) -> Found:
    """Relation of a verb token: (relation, kind, trigger words)."""
    lemma = rules.lemma(tok)
    entry = rules.patterns.verbs.get(lemma)
    v = _Verb(
        tok, lemma, entry, _objects(tok), rules.patterns.light_overrides.get(lemma, {})
    )
    for rule in _VERB_RULES:
        found = rule(rules, v)
        if found is not None:
            return found
    return (entry.default if entry is not None else None), "verb", [tok]


def copula_event(rules: Rules, tok: Token) -> Event | None:
    """ "X is against Y", "X is opposed to Y": a copula predicate, or None."""
    copula = rules.patterns.copula
    for c in tok.children:
        if c.dep_ in ("prep", "acomp") and c.lower_ in copula:
            return Event(tok, copula[c.lower_], "copula", [tok, c])
    return None


def _is_verbal(rules: Rules, tok: Token) -> bool:
    verbal_noun = (
        tok.dep_ == "xcomp"
        and tok.pos_ == "NOUN"
        and tok.lower_ in rules.patterns.verbs
    )  # "declined to sanction Russia" (sanction tagged as a noun)
    return tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB") or verbal_noun


def _no_clause(tok: Token) -> bool:
    """True when a verb form heads no clause of its own."""
    if any(c.dep_ == "det" for c in tok.children):
        return True  # "the wounded", "the killing": not a clause
    if tok.dep_ == "amod" and not (
        tok.head.dep_ in ("ROOT", "dep", "nsubj", "ccomp")
        and any(c.dep_ in ("npadvmod", "nsubj") for c in tok.children)
    ):
        return True  # "alleged bombers", "the besieged town"
    if (
        tok.dep_ == "acl"
        and tok.tag_ == "VBN"
        and not any(c.dep_ == "agent" for c in tok.children)
    ):
        return True  # "a letter handed over to the UN"
    return content_clause(tok)  # "an admission that X murdered Y": not asserted


def _verbal_event(rules: Rules, tok: Token) -> Event | None:
    if tok.lemma_ == "be":
        return copula_event(rules, tok)
    if _no_clause(tok):
        return None
    rel, kind, words = verb_relation(rules, tok)
    return Event(tok, rel, kind, words) if rel else None


def triggers(rules: Rules, sent: Span) -> list[Event]:
    """The events a sentence's words trigger (arguments not yet resolved).

    Verbal triggers come first; an event noun is a trigger of its own only when
    no verbal trigger took it as its word ("held talks").
    """
    events: list[Event] = []
    consumed: set[int] = set()
    nouns = rules.patterns.nouns
    toks = [t for t in sent if rules.lemma(t) in rules.candidates or t.lower_ in nouns]
    for tok in toks:
        if not _is_verbal(rules, tok):
            continue
        ev = _verbal_event(rules, tok)
        if ev is not None:
            events.append(ev)
            if ev.kind != "copula":
                consumed.update(w.i for w in ev.words)
    for tok in toks:
        if tok.i in consumed or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        rel = rules.noun_relation(tok)
        if rel:
            events.append(Event(tok, rel, "noun", [tok]))
    return events


def obligations(rules: Rules, sent: Span, events: list[Event]) -> list[Event]:
    """ "X said Y must Z": a demand of X on Y even when Z is no trigger."""
    out: list[Event] = []
    have = {e.trigger.i for e in events}
    for aux in sent:
        if aux.lower_ not in rules.control("obligation") or aux.dep_ != "aux":
            continue
        tok = aux.head
        if tok.i in have or tok.pos_ not in ("VERB", "AUX"):
            continue
        if tok.dep_ in ("ccomp", "conj", "xcomp"):
            ev = Event(tok, rules.words.role("demand"), "verb", [tok, aux])
            ev.extra["obligation"] = aux.lower_
            out.append(ev)
    return out
