"""Control words: the chain that folds a trigger under the verbs that govern it.

A trigger under a control word is folded into one event: intent ("will", "ready
to", "vowed to") turns cooperative events into intents to cooperate (CAMEO 03,
PLOVER AGREE) and hostile ones into threats (CAMEO 13); "threatened to X" is a
threat; "agreed to X" an agreement; "decided to X" is X (planned when X is force);
"refused to X" a rejection with X kept as a negated event; "not allowed to X",
"did not allow (let) Y to X" (the permission stays an act of its own),
"failed to X" /
"reluctance to X" / "refrained from X" negate X; "denied X" / "denied that X"
negate X and are no event of their own; "urged Y to X" is a demand of Y (the
negation of X is X's own); "prepared to resume shelling" is military posture
(MOBILIZE); "will X unless Y" is a threat; "vowed not to X" and "will not X" (a
cooperative X) are rejections.
Auxiliaries and condition marks set the modality, and a reporting verb above the
chain ("X said (that) ...") names the speaker. Coordinated complements share their
control word ("urged Y to A and B").

What an event is the content of (no event at all) is told by
:mod:`kg.nlp.relations.content`.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from kg.nlp.relations.context import Event, Rules
from kg.nlp.relations.endings import ending_of, ending_verb
from kg.nlp.relations.syntax import has_mark, has_neg, prep_objects, subject
from kg.nlp.relations.triggers import intent_of, threat_of, verb_relation

#: Dependencies through which a trigger climbs to the verb that governs it.
_CHAIN_DEPS = frozenset(
    {"xcomp", "ccomp", "acl", "acomp", "pcomp", "prep", "pobj", "conj"}
)
_UP, _STOP, _DONE = "up", "stop", "done"
#: Control classes of an act intended, not done ("ready for talks", "prepared to").
INTENT_CLASSES = frozenset({"intent", "posture"})


# ----------------------------------------------------------------- control classes
def apply_intent(rules: Rules, ev: Event, word: Token) -> None:
    """Intent: a cooperative event becomes an intent, a hostile one a threat."""
    rel = ev.relation
    if ev.extra.get("control"):
        return
    if rules.hostile(rel):
        if rel not in rules.words.threats:
            ev.extra["embedded"] = rel
            ev.relation = threat_of(rules, rel)
    else:
        if rel != intent_of(rules, rel):
            ev.extra["embedded"] = rel
        ev.relation = intent_of(rules, rel)
    ev.modality = "intended" if ev.modality == "asserted" else ev.modality
    ev.extra["control"] = "intent"
    ev.words.append(word)


def _intent(rules: Rules, ev: Event, head: Token, rel: str) -> None:
    apply_intent(rules, ev, head)
    if head.lemma_.lower() in rules.words["commitment_verbs"]:
        ev.modality = "asserted"
        if ev.negated:  # "vowed not to return the land": a refusal
            _as_refusal(rules, ev, rel)


def _as_refusal(rules: Rules, ev: Event, rel: str) -> None:
    """A negated intent stated by its actor is a refusal (CAMEO 12): the act
    kept as a negated event of its own."""
    ev.secondary.append((ev.extra.get("embedded", rel), True))
    ev.relation = rules.words.role("rejection")
    ev.negated = False
    ev.modality = "asserted"


def _posture(rules: Rules, ev: Event, head: Token, rel: str) -> None:
    """ "prepared to resume shelling": military posture (CAMEO 15)."""
    if rules.in_category(rel, "force") and head.pos_ == "VERB":
        ev.extra["embedded"] = rel
        ev.relation = rules.words.role("posture")
        ev.extra["control"] = "posture"
    else:
        apply_intent(rules, ev, head)


def _agree(rules: Rules, ev: Event, _head: Token, rel: str) -> None:
    agreement = rules.words.role("agreement")
    if not rules.hostile(rel):
        if rel != agreement:
            ev.extra["embedded"] = rel
        ev.relation = agreement
    else:
        ev.modality = "planned"
    ev.extra["control"] = "agree"


def _decision(rules: Rules, ev: Event, _head: Token, rel: str) -> None:
    """ "decided to lift its sanctions": the decided act itself; a decision to
    use force is planned, not yet done."""
    if rules.hostile(rel):
        ev.modality = "planned"
    ev.extra["control"] = "decision"


def _threat(rules: Rules, ev: Event, _head: Token, rel: str) -> None:
    ev.extra.setdefault("embedded", rel)
    ev.relation = (
        threat_of(rules, rel) if rules.hostile(rel) else rules.words.role("threat")
    )
    ev.extra["control"] = "threat"


def _refusal(rules: Rules, ev: Event, _head: Token, rel: str) -> None:
    kept = None if ev.negated else _kept_act(rules, ev.trigger)
    if kept is not None:  # "refused to rule out X": X kept open
        _open_act(rules, ev, kept)
    elif not ev.negated:
        ev.secondary.append((rel, True))
        ev.extra["embedded"] = rel
        ev.relation = rules.words.role("rejection")
    ev.extra["control"] = "refusal"


def _negator(rules: Rules, ev: Event, head: Token, rel: str) -> None:
    """ "failed to X": X negated; but an act of cooperation an ending verb stops
    is ended, as its noun would be ("stopped cooperating with Y" reduces ties,
    CAMEO 16, as "halted cooperation with Y" does), the act kept negated."""
    ending = not ev.negated and ending_verb(rules, head)
    ended = ending_of(rules, rel) if ending else None
    if ended is not None:
        ev.secondary.append((rel, True))
        ev.relation = ended
        ev.extra["control"] = "ending"
        return
    ev.negated = not ev.negated
    ev.extra["control"] = "negator"


def _permission(rules: Rules, ev: Event, head: Token, _rel: str) -> None:
    """ "X must not be allowed to threaten Y": what is not permitted is negated."""
    if has_neg(head, rules.patterns.negations):
        ev.negated = True
    ev.extra["control"] = "permission"


def _demand(rules: Rules, ev: Event, head: Token, rel: str) -> None:
    """ "urged Y (not) to X": a demand of Y, asserted unless the demand verb itself
    is negated; what was demanded (a refusal, a negation) is its content."""
    ev.extra["embedded"] = rel
    ev.relation = rules.words.role(_demand_role(rules, head))
    ev.extra["control"] = "demand"
    ev.extra["demand_head"] = str(head.i)
    ev.negated = has_neg(head, rules.patterns.negations)
    ev.secondary.clear()


def _demand_role(rules: Rules, head: Token) -> str:
    """The role of a demand verb: an urging, an invitation or a demand."""
    lemma = head.lemma_.lower()
    if lemma in rules.words["urging_verbs"]:
        return "urging"
    return "invitation" if lemma in rules.words["invitation_verbs"] else "demand"


def _denial(rules: Rules, ev: Event, head: Token, _rel: str) -> None:
    """ "denied selling drones to X": the act is negated; the denier speaks."""
    ev.negated = True
    ev.extra["control"] = "denial"
    report(rules, ev, head)


_CONTROL: dict[str, Callable[[Rules, Event, Token, str], None]] = {
    "intent": _intent,
    "posture": _posture,
    "agree": _agree,
    "decision": _decision,
    "threat": _threat,
    "refusal": _refusal,
    "negator": _negator,
    "permission": _permission,
    "demand": _demand,
    "denial": _denial,
}


def apply_control(rules: Rules, ev: Event, cls: str, head: Token) -> None:
    """Fold the event under a control word of class ``cls`` (in place)."""
    rel = ev.relation
    ev.words.append(head)
    rule = _CONTROL.get(cls)
    if rule is not None:
        rule(rules, ev, head, rel)


def report(rules: Rules, ev: Event, verb: Token) -> None:
    """A reporting verb governs the event: its subject is the speaker."""
    subj, _ = subject(verb)
    if subj is not None:
        ev.extra["speaker"] = str(subj.i)
        phrase = subj.doc[subj.left_edge.i : subj.right_edge.i + 1].text
        ev.attribution = ev.attribution or phrase
    ev.extra["reporting"] = rules.lemma(verb)


# ------------------------------------------------------------------- the chain
def _negated_phrase(rules: Rules, tok: Token) -> bool:
    """True when the noun phrase around an event noun is negated or denied: "had no
    part in the raid on X", "did not take part in the raid", "denied any role in it"."""
    negs = rules.patterns.negations
    t = tok
    for _ in range(4):
        if has_neg(t, negs):
            return True
        if t.dep_ == "pobj" and t.head.dep_ == "prep":
            t = t.head.head
            continue
        if t.dep_ in ("dobj", "attr") and t.head.pos_ in ("VERB", "AUX"):
            verb = t.head
            return has_neg(verb, negs) or (
                rules.control_class(rules.lemma(verb)) == "denial"
            )
        return t.dep_ == "nsubj" and _denied_occurrence(rules, t.head)
    return False


def _denied_occurrence(rules: Rules, verb: Token) -> bool:
    """True for a negated verb of occurrence ("did not take place", "never
    happened"): the event noun that is its subject did not happen."""
    return has_neg(verb, rules.patterns.negations) and occurs(rules, verb)


def occurs(rules: Rules, verb: Token) -> bool:
    """True for a verb of occurrence (``occurrence_verbs``: "happened", "took
    place", "broke out"), which says that its subject, an event noun, happened."""
    for word in rules.words["occurrence_verbs"]:
        lemma, _, child = word.partition(":")
        if rules.lemma(verb) == lemma and (
            not child or any(c.lower_ == child for c in verb.children)
        ):
            return True
    return False


def _negated_adverb(rules: Rules, tok: Token) -> bool:
    """True for a verb under an adverb that "no" negates: "no longer supplies X"
    (the end of the act, or no act when ending it is no event)."""
    negs = rules.patterns.negations
    return any(
        c.dep_ == "advmod"
        and c.lower_ in rules.words["negated_adverbs"]
        and has_neg(c, negs)
        for c in tok.children
    )


def _negated_subject(tok: Token, negs: frozenset[str]) -> bool:
    """True for a verb whose subject is denied by its determiner or is a negation
    itself: "Neither X nor Y signed the accord", "no state recognised it", "nobody
    from X met Y" (not "not only X")."""
    return any(
        s.dep_ in ("nsubj", "nsubjpass") and (has_neg(s, negs) or s.lower_ in negs)
        for s in tok.children
    )


def _own_negation(rules: Rules, ev: Event) -> None:
    """ "did not", "has no contact with", "held no talks", "without consulting",
    "had no part in the raid"."""
    tok = ev.trigger
    negs = rules.patterns.negations
    ev.negated = (
        has_neg(tok, negs)
        or any(w.pos_ in ("NOUN", "PROPN") and has_neg(w, negs) for w in ev.words[1:2])
        or _negated_subject(tok, negs)
    )
    if ev.kind == "noun" and _negated_phrase(rules, tok):
        ev.negated = True
    if _negated_adverb(rules, tok):  # "no longer supplies X": the act has ended
        end = ending_of(rules, ev.relation)
        if end is None:
            ev.negated = True
        else:
            ev.extra["embedded"] = ev.relation
            ev.relation = end
    if tok.dep_ in ("pcomp", "pobj") and tok.head.lower_ == "without":
        ev.negated = True  # "acted without consulting X"
    if rules.control_class(rules.lemma(tok)) == "intent" and any(
        c.dep_ == "xcomp" and has_neg(c, negs) for c in tok.children
    ):  # "vowed not to return the land": a refusal (CAMEO 12)
        ev.extra["embedded"] = ev.relation
        ev.relation = rules.words.role("rejection")
    if ev.negated:
        _kept_open(rules, ev)


def _kept_open(rules: Rules, ev: Event) -> None:
    """ "did not rule out X", "won't rule out using X": an option kept open is a
    threat of a hostile X, an intent of a cooperative one (CAMEO 13 / 03)."""
    rel = _kept_act(rules, ev.trigger)
    if rel is not None:
        ev.negated = False
        _open_act(rules, ev, rel)


def _kept_act(rules: Rules, tok: Token) -> str | None:
    """The act a possibility refusal ("rule out", "exclude") names as its object or
    complement, or None (another verb, or no act named)."""
    if rules.control_word(tok) not in rules.words["possibility_refusals"]:
        return None
    for c in tok.children:
        rel = None
        if c.dep_ == "dobj":
            rel = _kept_relation(rules, c)
        elif c.dep_ == "xcomp":
            rel = verb_relation(rules, c)[0]
        if rel is not None:
            return rel
    return None


def _kept_relation(rules: Rules, noun: Token) -> str | None:
    """The act an option kept open names: its event noun ("sanctions"), the act
    of its "of" object ("the use of sanctions"), or force when the noun, its "of"
    object or their modifiers say so ("military action", "the use of force")."""
    rel = rules.noun_relation(noun)
    if rel is not None:
        return rel
    named = [noun, *prep_objects(noun, "of")]
    words = {w.lemma_.lower() for n in named for w in (n, *n.children)}
    if words & rules.words["force_marks"]:
        return rules.words.role("fight")
    return next(filter(None, map(rules.noun_relation, named[1:])), None)


def _open_act(rules: Rules, ev: Event, rel: str) -> None:
    """The act ``rel`` kept open: a threat if hostile, else an intent (in place)."""
    ev.extra["embedded"] = rel
    ev.relation = threat_of(rules, rel) if rules.hostile(rel) else intent_of(rules, rel)


def _auxiliaries(rules: Rules, ev: Event) -> None:
    """Modals of the trigger ("could", "will", "must") and condition marks."""
    intent = rules.control("intent")
    for c in ev.trigger.children:
        if c.dep_ in ("aux", "auxpass"):
            w = c.lower_
            if w in rules.control("hypothetical"):
                ev.modality = "hypothetical"
            elif w in intent or c.lemma_ in intent:
                rel = ev.relation
                apply_intent(rules, ev, c)
                if ev.negated and not rules.hostile(rel):
                    _as_refusal(rules, ev, rel)  # "X will not accept Y"
            elif w in rules.control("obligation"):
                ev.extra["obligation"] = w
        if c.dep_ == "mark" and c.lower_ in rules.words["condition_marks"]:
            ev.modality = "hypothetical"


def _shared_modal(rules: Rules, ev: Event, top: Token, head: Token) -> None:
    """Coordinated verbs share the modal context of the first verb."""
    for c in head.children:
        if (
            c.dep_ == "aux"
            and c.lower_ in rules.control("intent")
            and not any(a.dep_ == "aux" and a.lower_ != "to" for a in top.children)
        ):
            apply_intent(rules, ev, c)


def _govern(rules: Rules, ev: Event, top: Token, head: Token) -> tuple[Token, str]:
    """One step from ``top`` to the content word governing it."""
    p = rules.patterns
    dep = top.dep_
    hl = rules.control_word(head)
    cls = rules.control_class(hl)
    if dep == "ccomp" and hl in p.reporting and cls != "denial":
        ev.top = top
        report(rules, ev, head)
        if has_neg(head, p.negations):  # "did not confirm that X hit Y": not stated
            ev.negated = not ev.negated
        return top, _DONE
    if dep == "ccomp" and cls not in rules.words.clause_control:
        return top, _STOP
    if cls == "demand" and head.pos_ in ("NOUN", "PROPN"):
        cls = None  # "an executive order ending X": a document, not an ordering
    if hl in rules.control("aspect"):
        ev.words.append(head)  # "resume shelling", "began to attack": transparent
        _shared_modal(rules, ev, top, head)  # "will keep fighting X": its modal
        return head, _UP
    if cls is None:
        if dep == "acomp" or head.pos_ == "AUX" or hl == "be":
            return head, _UP
        return top, _STOP
    if has_neg(head, p.negations):
        if hl in rules.words["possibility_refusals"]:  # "won't rule out using X"
            ev.words.append(head)
            _open_act(rules, ev, ev.relation)
            return head, _UP
        ev.negated = not ev.negated
    apply_control(rules, ev, cls, head)
    if cls == "permission" and dep == "ccomp":
        # "(did not) allow Y to X": X is Y's act, nothing above governs it, and
        # the permission stays an act of its own (not consumed by X)
        ev.words.remove(head)
        return head, _STOP
    return head, (_STOP if cls == "demand" else _UP)


def _called_off(rules: Rules, ev: Event, top: Token) -> None:
    """An intent whose plan is the object of an ending verb (``ending_verbs``)
    is called off: negated ("abandoned plans to deploy troops to X", "plans to
    X were shelved") (in place)."""
    if (
        top.dep_ in ("dobj", "nsubjpass")
        and ev.extra.get("control") == "intent"
        and ending_verb(rules, top.head)
    ):
        ev.negated = True


def _shares_control(top: Token, head: Token) -> bool:
    """ "urged Y to A and B": a conjunct without its own subject is governed by
    what governs the first conjunct."""
    return head.dep_ in ("xcomp", "ccomp", "pcomp") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "expl") for c in top.children
    )


def _addressed_reason(rules: Rules, top: Token, head: Token) -> bool:
    """True for the reason phrase of a control verb with an addressee: "warned Y
    against attacking X", "Y was warned against ..." is a warning to Y, the attack
    its content."""
    return top.lower_ in rules.words["reason_preps"] and any(
        c.dep_ in ("dobj", "nsubjpass") for c in head.children
    )


def _negated_noun(rules: Rules, top: Token, head: Token) -> bool:
    """True when ``top`` is the "of" phrase or infinitive of a noun negated by "no"
    that is no control word of its own ("no intention of attacking X")."""
    return (
        top.dep_ in ("prep", "acl")
        and head.pos_ == "NOUN"
        and has_neg(head, rules.patterns.negations)
        and rules.control_class(rules.lemma(head)) is None
    )


def _no_intention(rules: Rules, ev: Event) -> None:
    """ "had no intention of attacking X", "no desire to fight X": the act is not
    done (negated); a cooperative act so withheld by its actor is a refusal (CAMEO
    12: "has no intention of resuming talks with X"), as "will not accept X" is."""
    ev.negated = True
    if not rules.hostile(ev.relation):
        _as_refusal(rules, ev, ev.relation)


def _governed_phrase(rules: Rules, prep: Token, head: Token) -> bool:
    """True for a prepositional phrase a control word governs: a gerund after a
    control verb ("refrained from criticising X", "called for lifting sanctions"),
    or an act after an adjective of intent ("ready for talks with X")."""
    cls = rules.control_class(rules.control_word(head))
    if any(c.dep_ == "pcomp" for c in prep.children):
        return cls is not None
    return head.pos_ == "ADJ" and cls in INTENT_CLASSES


def _step(rules: Rules, ev: Event, top: Token) -> tuple[Token, str]:
    """One step up the chain: the new top and whether to go on."""
    head = top.head
    if head.i == top.i:
        return top, _STOP
    dep = top.dep_
    if dep == "advcl" and has_mark(top, rules.words["condition_clause_marks"]):
        ev.modality = "hypothetical"
        return top, _STOP
    if dep == "advmod" and rules.control_word(head).endswith(f"_{top.lower_}"):
        return _govern(rules, ev, top, head)  # "shied away from condemning X"
    if dep not in _CHAIN_DEPS:
        _called_off(rules, ev, top)
        return top, _STOP
    if dep == "conj":
        _shared_modal(rules, ev, top, head)
        return (head, _UP) if _shares_control(top, head) else (top, _STOP)
    if dep == "pcomp" and head.pos_ == "ADP":
        if head.lower_ in rules.words["when_preps"]:
            return top, _STOP  # "without consulting X", "after meeting X"
        return head, _UP  # "refrained from criticising": on to the verb
    if dep == "prep" and _governed_phrase(rules, top, head):
        if _addressed_reason(rules, top, head):
            return top, _STOP
        return _govern(rules, ev, top, head)
    if _negated_noun(rules, top, head):
        _no_intention(rules, ev)
    if dep in ("prep", "pobj"):
        return head, _UP
    return _govern(rules, ev, top, head)


def _conditional_threat(rules: Rules, ev: Event) -> None:
    """ "will X unless Y": a conditional intent is a threat (CAMEO 13)."""
    marks = rules.words["threat_condition_marks"]
    if ev.extra.get("control") == "intent" and any(
        c.dep_ == "advcl" and has_mark(c, marks) for c in ev.trigger.children
    ):
        ev.relation = rules.words.role("threat")
        ev.modality = "asserted"


def fold(rules: Rules, ev: Event) -> None:
    """Fold control verbs, modals and negation over the event (in place).

    Sets the negation and modality, climbs the chain of governing words (at most
    six steps) folding each control word, and records ``ev.top``, the highest
    token of the chain; a reporting verb above it names the speaker.
    """
    _own_negation(rules, ev)
    _auxiliaries(rules, ev)
    top = ev.trigger
    for _ in range(6):
        top, verdict = _step(rules, ev, top)
        if verdict == _DONE:
            return
        if verdict == _STOP:
            break
    ev.top = top
    _conditional_threat(rules, ev)
    # "X said (that) ...": reporting verb above the clause
    head = top.head
    if (
        top.dep_ in ("ccomp", "parataxis", "conj")
        and rules.lemma(head) in rules.patterns.reporting
    ):
        report(rules, ev, head)
