"""Triggers: the words of a sentence that name an event, and its relation.

A verb whose lemma is in the verb lexicon (its particle, object or preposition may
refine it: "withdraw troops" vs "withdraw aid", "call on"), a light verb whose
object is an event noun ("held talks", "imposed sanctions"), an event noun with its
own arguments ("X's attack on Y"), a copula predicate ("X is against Y"), and
"X said Y must Z" (an obligation: a demand even when Z is no trigger).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Token

from kg.nlp.relations.context import Event, Rules, noun_forms
from kg.nlp.relations.endings import by_ending
from kg.nlp.relations.goods import by_destination, by_goods, show_of_force
from kg.nlp.relations.naming import by_naming, by_phone
from kg.nlp.relations.patterns import Patterns
from kg.nlp.relations.syntax import content_clause, headline_subject, prep_objects
from kg.nlp.relations.verbs import Found, Verb, by_object, object_keys
from kg.nlp.relations.words import Words

#: The key of ``Event.extra`` that carries an event's fine CAMEO code; the
#: assertion takes it as its ``cameo`` while the relation is still the one it
#: was found for (kg.nlp.relations.component).
CAMEO_KEY = "cameo"


def _objects(tok: Token) -> list[Token]:
    """The objects of a verb, with the head noun of headline and reduced parses."""
    objs = [c for c in tok.children if c.dep_ in ("dobj", "obj", "attr")]
    if objs:
        return objs
    passive = [
        c
        for c in tok.children
        if c.dep_ == "nsubjpass" and _common(c) or misread_subject(c)
    ]
    if passive:  # "a blockade was imposed on Y", "sanctions were lifted"
        return passive
    if tok.dep_ == "amod" and headline_subject(tok) is not None:
        return [tok.head]  # headline parse "US shared intelligence with ..."
    if (
        tok.dep_ in ("acl", "relcl")
        and tok.head.pos_ in ("NOUN", "PROPN")
        and any(c.dep_ == "agent" for c in tok.children)
    ):  # "the aid deliveries suspended by X" -> the head noun is the object
        return [tok.head]
    return []


def _common(tok: Token) -> bool:
    """True for a common noun, or a capitalised one the tagger took for a name
    but no entity ("Airstrikes were launched ..." at the start of a sentence)."""
    return tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and not tok.ent_type_)


def misread_subject(tok: Token) -> bool:
    """True for a noun the tagger read as a bare verb and the parser made the
    subject of a passive ("Aid to Y was blocked by X", "Aid convoys were ...")."""
    return (
        tok.tag_ == "VB"
        and tok.dep_ in ("nsubjpass", "csubjpass")
        and not any(c.dep_ in ("aux", "auxpass") for c in tok.children)
    )


def _by_force(rules: Rules, v: Verb) -> Found | None:
    """ "artillery pounded the city", "slammed the port with missiles": the force
    sense of a verb whose subject is an armed force or a weapon; "protesters
    blocked the avenue": the crowd sense of a verb whose subject is a crowd."""
    if v.entry is None or (v.entry.force is None and v.entry.crowd is None):
        return None
    senses = rules.patterns.senses
    agents = [g for c in v.tok.children if c.dep_ == "agent" for g in c.children] + [
        c for c in v.tok.children if c.dep_ == "nsubj"
    ]
    heads = agents + [m for a in agents for m in a.children if m.dep_ == "compound"]
    subjects = {a.lower_ for a in heads} | {a.lemma_.lower() for a in heads}
    weapons = {
        o.lemma_.lower()
        for c in v.tok.children
        if c.dep_ == "prep" and c.lower_ == "with"
        for o in c.children
    }
    armed = subjects & rules.force_subjects or weapons & senses["force.weapons"]
    if v.entry.force is not None and armed:
        return v.entry.force, "verb", [v.tok], None
    if v.entry.crowd is not None and any(_crowd(rules, a) for a in agents):
        return v.entry.crowd, "verb", [v.tok], None
    return None


def _crowd(rules: Rules, tok: Token) -> bool:
    """True for a crowd of people: a crowd word ("protesters"), a people by its
    name ("Serbs"), or a number of people ("thousands of farmers")."""
    if tok.lower_ in rules.crowd_subjects:
        return True
    if tok.ent_type_ == "NORP" and tok.tag_ in ("NNS", "NNPS"):
        return True
    return rules.lemma(tok) in rules.words["quantity_nouns"] and tok.tag_ == "NNS"


def _by_particle(_rules: Rules, v: Verb) -> Found | None:
    """ "call off", "cut off": a particle of the entry decides."""
    if v.entry is None:
        return None
    for c in v.tok.children:
        if c.dep_ in ("prt", "advmod", "prep") and c.lower_ in v.entry.prt:
            code = v.entry.code(f"prt.{c.lower_}")
            return v.entry.prt[c.lower_], "verb", [v.tok, c], code
    return None


def undergone(rules: Rules, tok: Token, noun: Token) -> bool:
    """True when ``noun`` is what the subject of ``tok`` undergoes: "came under
    attack" (an ``undergo_verbs`` verb and its "under" object)."""
    return (
        rules.lemma(tok) in rules.words["undergo_verbs"]
        and noun.dep_ == "pobj"
        and noun.head.lower_ == "under"
        and noun.head.head.i == tok.i
    )


def _by_undergoing(rules: Rules, v: Verb) -> Found | None:
    """ "Y came under attack from X": the event noun of the "under" phrase."""
    if v.lemma not in rules.words["undergo_verbs"]:
        return None
    for c in v.tok.children:
        if c.dep_ == "prep" and c.lower_ == "under":
            for o in c.children:
                rel = rules.noun_relation(o) if o.dep_ == "pobj" else None
                if rel is not None:
                    return rel, "light", [v.tok, o], None
    return None


def threat_of(rules: Rules, rel: str) -> str:
    """The threat of a hostile relation: of force for FIGHT and ASSAULT."""
    role = "threat_of_force" if rules.in_category(rel, "force") else "threat"
    return rules.words.role(role)


def intent_of(rules: Rules, rel: str) -> str:
    """The intent relation of a cooperative relation ("will aid" -> offersAidTo)."""
    words = rules.words
    if rel in words.intent_kept:
        return rel
    return words.intent_by_category.get(rules.plover(rel), words.role("intent"))


def _by_announcement(rules: Rules, v: Verb) -> Found | None:
    """ "announced new military aid for Y", "unveiled a package of weapons for Y":
    aid announced is still to come, an offer of it (CAMEO 033) as pledged aid is;
    an event noun of aid or goods handed over (the object or what its quantity
    measures) decide."""
    words = rules.words
    if v.lemma not in words["announcing_verbs"]:
        return None
    for o, keys in v.all_objs:
        rel = rules.noun_relation(o)
        if rel is None and set(keys) & rules.goods:
            rel = words.role("aid")  # "unveiled a tranche of weapons"
        if rel is not None and rules.in_category(rel, "announced"):
            return intent_of(rules, rel), "light", [v.tok, o], None
    return None


def _by_promised_harm(rules: Rules, v: Verb) -> Found | None:
    """ "vowed retaliation against Y", "warned of reprisals against Y": a pledge or
    warning of a hostile act is a threat of it (CAMEO 13); weapons pledged
    ("promised Y more missiles") are goods, not an act."""
    if not (
        v.lemma in rules.words["commitment_verbs"] or v.lemma in rules.control("threat")
    ):
        return None
    named = v.objs + prep_objects(v.tok, "of")
    for o in named:
        if rules.lemma(o) in rules.military_goods or o.lower_ in rules.military_goods:
            continue
        rel = rules.noun_relation(o)
        authored = any(  # "warned of an attack by Z", "of Z's attack": Z's act
            c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by")
            for c in o.children
        )
        if rel is not None and rules.hostile(rel) and not authored:
            return threat_of(rules, rel), "light", [v.tok, o], None
    return None


def _by_override(_rules: Rules, v: Verb) -> Found | None:
    """ "lift the curfew", "gave the go-ahead": a light-verb override of the
    object noun (its forms as :func:`noun_forms` gives them)."""
    for o in v.objs:
        for key in noun_forms(o):
            if key in v.overrides:
                return v.overrides[key], "light", [v.tok, o], None
    return None


def _by_event_noun(rules: Rules, v: Verb) -> Found | None:
    """ "held talks", "launched a mediation effort", "ten days of war games"."""
    if v.lemma not in rules.patterns.light_verbs:
        return None
    for o, _keys in v.all_objs:
        rel = rules.noun_relation(o)
        if rel:
            return show_of_force(rules, v.tok, o, rel), "light", [v.tok, o], None
    for o in v.objs:
        inner = [c for c in o.children if c.dep_ == "compound"] + prep_objects(o, "of")
        for n in inner:
            rel = rules.noun_relation(n)
            if rel:
                return rel, "light", [v.tok, n], None
    return None


def _by_instrument(rules: Rules, v: Verb) -> Found | None:
    """ "hit Y with sanctions", "Y was hit by new sanctions": a sanction named as
    the instrument ("with") or passive agent ("by") of any verb is the act, before
    the verb's own sense (hitting with sanctions is no attack)."""
    for c in v.tok.children:
        if c.dep_ not in ("prep", "agent") or c.lower_ not in ("with", "by"):
            continue
        for o in c.children:
            rel = rules.noun_relation(o) if o.dep_ == "pobj" else None
            if rel is not None and rules.plover(rel) == "SANCTION":
                return rel, "light", [v.tok, o], None
    return None


def _by_light_preposition(rules: Rules, v: Verb) -> Found | None:
    """ "put under investigation", "called for sanctions"; a verb with overrides of
    its own takes only those ("said in a warning to Y")."""
    light = v.lemma in rules.patterns.light_verbs
    if not light and not v.overrides:
        return None
    words = rules.words
    for c in v.tok.children:
        if c.dep_ != "prep" or c.lower_ in words["when_preps"]:
            continue
        for o in c.children:
            if o.dep_ != "pobj":
                continue
            rel = v.overrides.get(o.lemma_.lower()) or (
                rules.noun_relation(o) if light else None
            )
            if rel and (
                v.entry is None
                or v.entry.default is None
                or c.lower_ in words["light_preps"]
            ):
                return rel, "light", [v.tok, o], None
    return None


def _by_prepositional_object(_rules: Rules, v: Verb) -> Found | None:
    """ "withdrew from the treaty", "pulled out of the ICC": a ``prep`` key
    "PREP:KEY" of the entry names the object of the preposition (its keys as
    :func:`object_keys` gives them)."""
    if v.entry is None or not any(":" in k for k in v.entry.prep):
        return None
    preps = [c for c in v.tok.children if c.dep_ == "prep"]
    preps += [p for c in preps for p in c.children if p.dep_ == "prep"]  # "out of"
    for c in preps:
        for o in (o for o in c.children if o.dep_ == "pobj"):
            for key in (f"{c.lower_}:{k}" for k in object_keys(o)):
                if key in v.entry.prep:
                    code = v.entry.code(f"prep.{key}")
                    return v.entry.prep[key], "verb", [v.tok, c, o], code
    return None


def _by_preposition(_rules: Rules, v: Verb) -> Found | None:
    """ "called on Iran" (but not "called on Tuesday"), "pushing for X to ..."."""
    if v.entry is None:
        return None
    for c in v.tok.children:
        if (
            c.dep_ == "prep"
            and c.lower_ in v.entry.prep
            and not any(o.ent_type_ in ("DATE", "TIME") for o in c.children)
        ):
            code = v.entry.code(f"prep.{c.lower_}")
            return v.entry.prep[c.lower_], "verb", [v.tok, c], code
        if c.dep_ == "advcl":  # "pushing for the US (to) support ..."
            for m in c.children:
                if m.dep_ == "mark" and m.lower_ in v.entry.prep:
                    code = v.entry.code(f"prep.{m.lower_}")
                    return v.entry.prep[m.lower_], "verb", [v.tok, m], code
    return None


def _by_statement(rules: Rules, v: Verb) -> Found | None:
    """ "insisted (that) it had not attacked Y": a reporting verb whose demand
    (``mandative`` categories) has a statement for its clause only reports it; a
    demand's clause says what must be done ("insisted that Y leave", "Y must
    leave")."""
    if (
        v.entry is None
        or not v.entry.default
        or v.lemma not in rules.patterns.reporting
    ):
        return None
    if not rules.in_category(v.entry.default, "mandative"):
        return None
    clauses = [c for c in v.tok.children if c.dep_ == "ccomp"]
    if clauses and all(_statement(rules, c) for c in clauses):
        return None, "verb", [v.tok], None
    return None


def _statement(rules: Rules, verb: Token) -> bool:
    """True for a clause that states (a tensed verb, "had", "would"), not one that
    says what must be done (a bare verb, "must", "should")."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in rules.control("obligation") for a in auxes):
        return False
    return verb.tag_ != "VB" or bool(auxes)


#: The lookups of a verb's relation, in order: the first match decides.
_VERB_RULES: tuple[Callable[[Rules, Verb], Found | None], ...] = (
    _by_statement,
    by_naming,
    by_phone,
    _by_instrument,
    _by_force,
    _by_undergoing,
    _by_promised_harm,
    by_ending,
    _by_prepositional_object,
    _by_particle,
    by_destination,
    by_object,
    by_goods,
    _by_announcement,
    _by_override,
    _by_event_noun,
    _by_light_preposition,
    _by_preposition,
)


#: The word lists the verb rules look a lemma up in, besides the lexicon of
#: patterns.yaml (verbs, nouns, light verbs and their overrides): what a verb of
#: a sentence must be to be read at all. (source, name): ``senses`` lists of
#: patterns.yaml, ``control`` classes, ``words`` of relation_words.yaml.
TRIGGER_LISTS: tuple[tuple[str, str], ...] = (
    ("senses", "naming.verbs"),  # by_naming
    ("senses", "phone.verbs"),  # by_phone
    ("words", "undergo_verbs"),  # _by_undergoing
    ("words", "commitment_verbs"),  # _by_promised_harm
    ("control", "threat"),  # _by_promised_harm
    ("words", "ending_verbs"),  # by_ending (a phrasal verb by its verb)
    ("words", "ending_noun_verbs"),  # by_ending ("brought a halt to")
    ("words", "transfer_verbs"),  # by_goods
    ("words", "deployment_verbs"),  # by_destination
    ("words", "recipient_verbs"),  # by_goods ("received jets from Y")
    ("words", "announcing_verbs"),  # _by_announcement
)


def trigger_lemmas(patterns: Patterns, words: Words) -> frozenset[str]:
    """The lemmas that may trigger an event: the lexicon of ``patterns`` (with the
    head of a hyphenated noun: "sales" of "arms-sales") and the words of
    :data:`TRIGGER_LISTS`, with "be" (a copula predicate)."""
    out = (
        set(patterns.verbs)
        | set(patterns.nouns)
        | {n.rsplit("-", 1)[-1] for n in patterns.nouns if "-" in n}
        | patterns.light_verbs
        | set(patterns.light_overrides)
        | {"be"}
    )
    for source, name in TRIGGER_LISTS:
        if source == "senses":
            listed = patterns.senses[name]
        elif source == "control":
            listed = patterns.control.get(name, frozenset())
        else:
            listed = words[name]
        out |= {w.split("_")[0] for w in listed}
    return frozenset(out)


def _measured(rules: Rules, objs: list[Token]) -> list[Token]:
    """Objects with what a quantity noun measures after them ("sent thousands of
    troops", "a shipment of arms"): the goods decide, not the quantity."""
    quantities = rules.words["quantity_nouns"]
    return objs + [
        g for o in objs if o.lemma_.lower() in quantities for g in prep_objects(o, "of")
    ]


def verb_relation(rules: Rules, tok: Token) -> Found:
    """Relation of a verb token: (relation, kind, trigger words, fine CAMEO code)."""
    lemma = rules.lemma(tok)
    entry = rules.patterns.verbs.get(lemma)
    overrides = rules.patterns.light_overrides.get(lemma, {})
    v = Verb(tok, lemma, entry, _measured(rules, _objects(tok)), overrides)
    for rule in _VERB_RULES:
        found = rule(rules, v)
        if found is not None:
            return found
    if entry is None:
        return None, "verb", [tok], None
    return entry.default, "verb", [tok], entry.code("default")


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
    if misread_subject(tok):
        return False
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
    rel, kind, words, code = verb_relation(rules, tok)
    if not rel:
        return None
    ev = Event(tok, rel, kind, words)
    if code:
        ev.extra[CAMEO_KEY] = code
    return ev


def triggers(rules: Rules, sent: Sequence[Token]) -> list[Event]:
    """The events a sentence's words trigger (arguments not yet resolved).

    Verbal triggers come first; an event noun is a trigger of its own only when
    no verbal trigger took it as its word ("held talks").
    """
    events: list[Event] = []
    consumed: set[int] = set()
    toks = [t for t in sent if rules.may_trigger(t)]
    for tok in toks:
        if not _is_verbal(rules, tok):
            continue
        ev = _verbal_event(rules, tok)
        if ev is not None:
            events.append(ev)
            if ev.kind != "copula":
                consumed.update(w.i for w in ev.words)
    for tok in toks:
        if tok.i in consumed or not (
            tok.pos_ in ("NOUN", "PROPN") or misread_subject(tok)
        ):
            continue
        rel = rules.noun_relation(tok)
        if rel:
            rel = show_of_force(rules, None, tok, rel)
            events.append(Event(tok, rel, "noun", [tok]))
    return events


def obligations(
    rules: Rules, sent: Sequence[Token], events: list[Event]
) -> list[Event]:
    """ "X said Y must Z": a demand of X on Y even when Z is no trigger."""
    out: list[Event] = []
    have = {e.trigger.i for e in events}
    obligation = rules.control("obligation")
    for aux in sent:
        if aux.lower_ not in obligation or aux.dep_ != "aux":
            continue
        tok = aux.head
        if tok.i in have or tok.pos_ not in ("VERB", "AUX"):
            continue
        if tok.dep_ in ("ccomp", "conj", "xcomp"):
            ev = Event(tok, rules.words.role("demand"), "verb", [tok, aux])
            ev.extra["obligation"] = aux.lower_
            out.append(ev)
    return out
