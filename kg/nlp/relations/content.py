"""Asserted or content: what an event is the content of, and so no event itself.

What a demand, intent, threat or denial governs beyond the act folded into it
(:mod:`kg.nlp.relations.control`), the reason of a verbal act ("praised X for
lifting ..."), the plan a verbal act is about ("condemned X's plan to send troops"),
the condition of an event, an imagined event noun ("a war between X and Y would
...", "fears of a war") and the act a denial denies are no events.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.nlp.relations.context import Event, Rules
from kg.nlp.relations.syntax import OBJ_DEPS, has_mark
from kg.nlp.relations.triggers import verb_relation
from kg.nlp.relations.verbs import object_keys

#: Dependencies climbed to find what an event is the content of (a past participle
#: "acl" is not: "a deal brokered by X" is asserted even inside what was agreed; a
#: present one is, through the object it describes: "refused to sign a statement
#: condemning X" condemns no one).
_CONTENT_CLIMB = frozenset({"xcomp", "ccomp", "pcomp", "prep", "pobj", "conj", "advcl"})


def _reason_act(rules: Rules, verb: Token) -> bool:
    """True for a verbal act whose "for"/"of" phrase is its reason ("praised",
    "accused", "sanctioned": the ``reason_acts`` categories)."""
    if verb.pos_ != "VERB":
        return False
    rel = verb_relation(rules, verb)[0]
    return rel is not None and rules.in_category(rel, "reason_acts")


def _modal(rules: Rules, verb: Token) -> bool:
    """True for a verb with an intent or hypothetical auxiliary ("will send")."""
    return any(c.dep_ == "aux" and c.lower_ in rules.modals for c in verb.children)


def _infinitive(t: Token) -> bool:
    """True for a "to"-infinitive clause ("... to halt the offensive")."""
    return t.dep_ in ("acl", "advcl") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in t.children
    )


def _content_head(rules: Rules, t: Token) -> bool:
    """True when the infinitive ``t`` completes a content noun or a content control
    verb the parser did not link as a complement: "X's call to halt Y", "rejected
    calls from X to halt Y" (the infinitive hung on the verb)."""
    head = t.head
    if head.pos_ == "NOUN":
        lemma = head.lemma_.lower()
        return lemma in rules.words["content_nouns"] or (
            rules.control_class(lemma) in rules.words["content_control"]
        )
    if t.dep_ != "advcl":
        return False
    cls = rules.control_class(rules.control_word(head))
    if cls == "demand" and any(c.dep_ == "nsubjpass" for c in head.children):
        return True  # "Y was asked by X to expel Z": what Y was asked to do
    return cls in rules.words["content_control"] and any(
        c.dep_ in OBJ_DEPS and c.lemma_.lower() in rules.words["content_nouns"]
        for c in head.children
    )


def _content_edge(rules: Rules, t: Token) -> bool:
    """True when ``t`` enters content of its head: the complement of a demand,
    intent, threat, refusal or denial, the complement or purpose of an intended
    act ("will send troops to fight X"), or the reason phrase of a verbal act."""
    head = t.head
    if t.dep_ in ("xcomp", "ccomp"):
        lemma = rules.control_word(head)
        cls = rules.control_class(lemma)
        reported = t.dep_ == "ccomp" and lemma in rules.patterns.reporting
        if cls in rules.words["content_control"] and (cls == "denial" or not reported):
            return True  # "X told Y (that) Z ...": reported speech, coded
    if t.dep_ in ("xcomp", "advcl") and _modal(rules, head):
        return True
    if _infinitive(t) and _content_head(rules, t):
        return True
    return (
        t.dep_ == "prep"
        and t.lower_ in rules.words["reason_preps"]
        and (_reason_act(rules, head) or _object_reason(rules, t))
    )


def _object_reason(rules: Rules, prep: Token) -> bool:
    """True for a reason phrase the parser hung on the verbal act's object ("accused
    Z's forces of shelling Y" read as "forces of shelling"): a gerund act under
    the object of a reason act."""
    noun = prep.head
    return (
        noun.dep_ in OBJ_DEPS
        and any(c.dep_ == "pcomp" and c.tag_ == "VBG" for c in prep.children)
        and _reason_act(rules, noun.head)
    )


def _bare_infinitive(verb: Token) -> bool:
    """True for a base-form verb heading the sentence (or coordinated with one)
    with no auxiliary: an imperative, or an item of a list whose governor the
    parser lost ("urged him to join X, deport Y, help Z"); never asserted."""
    t = verb
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    return (
        verb.tag_ == "VB"
        and t.tag_ == "VB"
        and t.dep_ == "ROOT"
        and not any(c.dep_ in ("aux", "auxpass") for c in (*verb.children, *t.children))
    )


def _imagined(rules: Rules, noun: Token) -> bool:
    """True for an indefinite event noun that is the subject of a modal or of a
    predicate of likelihood ("a war between X and Y would ...", "a deal between X
    and Y is unlikely"): an imagined event. "The deal between X and Y would ..."
    names a real one."""
    definite = rules.words["definite_determiners"]
    if noun.dep_ != "nsubj" or any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in definite)
        for c in noun.children
    ):
        return False
    return any(
        (c.dep_ == "aux" and c.lower_ in rules.modals)
        or (c.dep_ == "acomp" and c.lower_ in rules.words["imagined_predicates"])
        for c in noun.head.children
    )


def _possible(rules: Rules, noun: Token) -> bool:
    """True for an event noun in the "of" phrase of a noun of possibility or fear
    ("fears of a war between X and Y", "the prospect of talks with Y")."""
    prep = noun.head
    return (
        noun.dep_ == "pobj"
        and prep.lower_ == "of"
        and prep.head.lemma_.lower() in rules.words["possibility_nouns"]
    )


def embedded(rules: Rules, ev: Event) -> bool:
    """True when the event is the content of another act, not an event itself.

    Climbing from the trigger through complements, prepositions and coordination:
    a condition ("if X attacks Y"), the complement of a control word the event was
    not folded into ("urged X to help Y prevent Z": Z), the reason phrase of a
    verbal act ("praised X for lifting sanctions on Y", "accused X of bombing Y"),
    or anything under a bare infinitive with no governor (:func:`_bare_infinitive`).
    """
    own = {w.i for w in ev.words}
    marks = rules.words["condition_clause_marks"]
    t = ev.trigger
    if ev.kind == "noun" and (_imagined(rules, t) or _possible(rules, t)):
        return True
    for _ in range(10):
        head = t.head
        if _bare_infinitive(t):
            return True
        if head.i == t.i:
            return False
        if t.dep_ == "advcl" and has_mark(t, marks):
            return True
        if head.i not in own and _content_edge(rules, t):
            return True
        if (
            t.dep_ == "acl"
            and (t.tag_ == "VBG" or _infinitive(t))
            and head.dep_ in ("dobj", "pobj")
        ):  # "a statement condemning X", "cancel plans to sell arms to X": on to
            if _infinitive(t) and _reason_act(rules, head.head):
                return True  # "condemned X's plan to send troops to Y": content
            t = head  # what the noun is the object of
        elif t.dep_ not in _CONTENT_CLIMB:
            return False
        t = t.head
    return False


def denies_act(rules: Rules, tok: Token) -> bool:
    """True for a denial of an act, no event of its own: "denied selling drones",
    "denied that its jets struck X", "denied any role in the raid"; not a refusal
    of what the verb's object table lists ("denied a request from X"), nor a
    claim denied ("denied the accusations by X": a rejection of X)."""
    if rules.control_class(rules.lemma(tok)) != "denial":
        return False
    entry = rules.patterns.verbs.get(rules.lemma(tok))
    claims = rules.words["content_nouns"]
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp", "pcomp"):
            return True
        if (
            c.dep_ == "dobj"
            and entry is not None
            and set(object_keys(c)) & set(entry.obj)
        ):
            return False
        if c.dep_ in ("dobj", "prep") and any(
            x.tag_ == "VBG"
            or (rules.noun_relation(x) and x.lemma_.lower() not in claims)
            for x in c.subtree
        ):
            return True
    return False
