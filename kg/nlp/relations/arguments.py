"""Arguments: the source and targets of an event, as a sequence of small rules.

The sources come first (:mod:`.sources`: the subject, the "by" agent of a passive,
the possessor of a nominal event, or a speaker or earlier actor for a pronoun).
Then direct object, dative, attribute or prepositional object -> target; the
subject of a passive -> target. "A and B agreed" with no target is a mutual event.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.nlp.relations.anaphora import earlier_target, named_author
from kg.nlp.relations.context import Event, Rules, SentContext
from kg.nlp.relations.control import occurs
from kg.nlp.relations.counter import counter_target, is_counter
from kg.nlp.relations.search import actors, find, open_heads, topic_phrase
from kg.nlp.relations.sources import Args, Keys, addressed, sources
from kg.nlp.relations.syntax import crosses_clause, subject
from kg.nlp.relations.triggers import CAMEO_KEY
from kg.registry.lexicon import CAPITAL, PLACE
from kg.types import Mention

#: Mention labels of places (a capital or another place of a state).
_PLACES = (CAPITAL, PLACE)


# ------------------------------------------------------------------------ targets
def _chain(ev: Event) -> list[Token]:
    """The trigger and the tokens above it up to the top of its clause chain."""
    chain = [ev.trigger]
    t = ev.trigger
    while (ev.top is None or t.i != ev.top.i) and t.head.i != t.i:
        t = t.head
        chain.append(t)
    return chain


def _demand_targets(ctx: SentContext, a: Args, src_ids: Keys) -> list[Span] | None:
    """The party a demand is made of ("urged Iran to"); None for a non-actor."""
    dh = ctx.sent.doc[int(a.ev.extra["demand_head"])]
    preps = ctx.rules.words["demand_preps"]
    for c in dh.children:
        obj = c.dep_ in ("dobj", "dative")
        if obj or (c.dep_ == "prep" and c.lower_ in preps):
            targets = actors(ctx, c, src_ids)
            if targets:
                return targets
            if obj and c.pos_ in ("NOUN", "PROPN"):
                return None  # "urging the counterpart to ...": no actor
    s2, how2 = subject(a.ev.trigger)
    if s2 is not None and how2 == "subj" and s2.i not in {m.start for m in a.sources}:
        return actors(ctx, s2, src_ids)
    return []


def _prep_targets(
    ctx: SentContext, a: Args, noun: Token, src_ids: Keys, *, own_actor: bool
) -> None:
    """The targets a noun names with a preposition of its own (``noun_preps``):
    the first such preposition with an actor (the last one tried otherwise). With
    ``own_actor``, only a preposition whose object is itself an actor ("with
    Jordan"), not a phrase that holds one ("with Albania's help")."""
    preps = ctx.rules.words["noun_preps"]
    if ctx.rules.in_category(a.ev.relation, "benefit"):
        preps = preps | ctx.rules.words["benefit_preps"]  # "support for Y"
    for c in noun.children:
        if (
            c.dep_ == "prep"
            and c.lower_ in preps
            and not topic_phrase(ctx.rules, c)
            and (
                not own_actor
                or any(o.dep_ == "pobj" and o.i in ctx.index for o in c.children)
            )
        ):
            a.targets = actors(ctx, c, src_ids)
            if a.targets:
                return


def _noun_targets(ctx: SentContext, a: Args, src_ids: Keys) -> None:
    """A nominal event names its target itself ("attack on Y")."""
    _prep_targets(ctx, a, a.ev.trigger, src_ids, own_actor=False)


def light_noun_targets(ctx: SentContext, a: Args, src_ids: Keys) -> None:
    """ "signed an accord with Y", "held a call with Y": the event noun of a light
    verb names the target with a preposition of its own, whose object is itself
    an actor."""
    ev = a.ev
    if ev.kind != "light" or len(ev.words) < 2:
        return
    _prep_targets(ctx, a, ev.words[1], src_ids, own_actor=True)


def _open_targets(
    ctx: SentContext, a: Args, chain: list[Token], src_ids: Keys
) -> list[Span]:
    """The first actor in the target phrases of the chain, in search order."""
    rules = ctx.rules
    rel = a.ev.relation
    places_ok = (
        not rules.in_category(rel, "no_place")
        or rel == rules.words.role("visit")  # "arrived in Gondor": the host
    )
    # meetings happen somewhere: "held talks in Syria" is no dyad
    deep_ok = places_ok or not rules.in_category(rel, "meeting")
    uncoded: list[Span] = []
    sided = rules.plover(rel) != "MOBILIZE"  # "massed troops on Y's border": Y
    for head in open_heads(rules, chain, a.skip, a.subj, places_ok):
        targets = actors(ctx, head, src_ids, places=deep_ok)
        if not deep_ok:  # "returned to Geneva for talks": a venue
            targets = [m for m in targets if m.label_ != "PLACE"]
        if sided:
            targets = [m for m in targets if not _border_side(rules, m)]
        if targets and _uncoded(ctx, targets):
            # "extradited <a person of no known country> to Y": Y, if named
            uncoded = uncoded or targets
        elif targets:
            return targets
    if uncoded:
        return uncoded
    if a.ev.kind == "noun" or not _second_pass(ctx, a.ev):
        return []
    # second pass: inside subordinate clauses too
    for head in open_heads(rules, chain, a.skip, a.subj, places_ok):
        targets = find(ctx, head, src_ids, clauses=True, conj=True, places=deep_ok)
        if targets:
            a.ev.extra["target_in_clause"] = "true"
            return targets
    return []


def _uncoded(ctx: SentContext, mentions: list[Span]) -> bool:
    """True when no mention has a code (a party of no known country)."""
    return not any(ctx.key(m)[1] for m in mentions)


def _border_side(rules: Rules, m: Span) -> bool:
    """True for a state named only as the side of a border in a phrase of place
    ("shelled positions near the Turkish border", "a camp on the border with
    Turkey": ``border_place_preps``): where the act happened, not a party to it."""
    root = m.root
    if root.dep_ == "pobj" and root.head.lower_ == "with":
        border = root.head.head  # "the border with Turkey"
    elif root.dep_ in ("amod", "compound"):
        border = root.head  # "the Turkish border"
    else:
        return False
    if border.dep_ != "pobj":
        return False
    if border.lemma_.lower() not in rules.words["border_nouns"]:
        return False
    prep = border.head
    preps = rules.words["border_place_preps"]
    return prep.lower_ in preps or f"{prep.head.lower_}_{prep.lower_}" in preps


def _second_pass(ctx: SentContext, ev: Event) -> bool:
    """Threats, intents, demands and refusals may name the target in a clause."""
    return ev.extra.get(
        "control"
    ) in ctx.rules.words.second_pass_control or ctx.rules.in_category(
        ev.relation, "second_pass"
    )


def copula_target(ctx: SentContext, ev: Event, exclude: Keys) -> list[Span]:
    """ "something both the US and HTS are against": the antecedent before."""
    prior = [
        m for m in ctx.mentions if m.end <= ev.trigger.i and ctx.key(m) not in exclude
    ]
    subj, _ = subject(ev.trigger)
    if subj is not None:
        prior = [m for m in prior if m.end <= subj.left_edge.i]
    return prior[-1:] if prior else []


def _deal_parties(ctx: SentContext, ev: Event, src_ids: Keys) -> list[Span]:
    """ "A and B signed a truce brokered by Y", "agreed ... in a deal mediated by Y":
    the parties of the act whose deal the mediator brokered."""
    tok = ev.trigger
    if ev.relation != ctx.rules.words.role("mediation") or tok.dep_ != "acl":
        return []
    noun = tok.head
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    if noun.dep_ not in ("dobj", "pobj") or verb.pos_ not in ("VERB", "AUX"):
        return []
    subj, _ = subject(verb)
    return actors(ctx, subj, src_ids) if subj is not None else []


def _targets(ctx: SentContext, a: Args, src_ids: Keys) -> bool:
    """Resolve the targets (when the passive did not); False to drop the event."""
    ev = a.ev
    chain = _chain(ev)
    if ev.extra.get("demand_head") is not None:
        found = _demand_targets(ctx, a, src_ids)
        if found is None:
            return False
        a.targets = found
    if is_counter(ctx, ev):
        # "foiled an attack by Y": the author of the foiled act
        a.targets = counter_target(ctx, ev, src_ids)
        if not a.targets:
            return False
        chain = []
    elif ev.kind == "noun":
        chain = []
        _noun_targets(ctx, a, src_ids)
    elif not a.targets:
        a.targets = named_author(ctx, ev, src_ids)
        if not a.targets:
            light_noun_targets(ctx, a, src_ids)
    if not a.targets:
        a.targets = _open_targets(ctx, a, chain, src_ids)
    if not a.targets and ev.kind == "copula":
        a.targets = copula_target(ctx, ev, src_ids)
    if not a.targets:
        a.targets = _deal_parties(ctx, ev, src_ids)
    if not a.targets:  # "France condemned the attack.", "Y vowed to retaliate."
        a.targets = earlier_target(ctx, ev, src_ids)
    return True


def _obligation(ctx: SentContext, a: Args, src_ids: Keys) -> None:
    """ "X said Y must Z" -> X demands of Y."""
    ev = a.ev
    if a.passive is not None or not (
        ev.extra.get("obligation") and ev.extra.get("speaker")
    ):
        return
    speaker = actors(ctx, ctx.sent.doc[int(ev.extra["speaker"])], set())
    if speaker and ctx.key(speaker[0]) not in src_ids:
        demand = ctx.rules.words.role("demand")
        if ev.relation != demand:
            ev.extra["embedded"] = ev.relation
        ev.relation = demand
        a.targets = a.sources
        a.sources = speaker
        ev.fallback = False


def _mutual(ctx: SentContext, a: Args) -> bool:
    """ "A and B launched war games": a compound subject of a symmetric or
    cooperative event is the dyad when no other party is named nearby."""
    ev = a.ev
    own = {w.i for w in ev.words} | {ev.trigger.i}
    subj = a.subj
    rel = ctx.rules.vocab[ev.relation]
    # the subject of the act itself; a passive's "by" agents act on the passive
    # subject ("X was welcomed by A and B"), on each other only in a joint act ("an
    # accord was signed by A and B")
    own_subject = (
        subj is not None
        and (a.how != "agent" or rel.symmetric)
        and (subj.head.i in own or subj.head.head.i in own)
    )
    mutual = (
        len(a.sources) >= 2
        and own_subject
        and (rel.symmetric or rel.quad_class <= 2 or reciprocal(ctx.rules, ev.trigger))
    )
    if (
        a.targets
        and mutual
        and (
            all(crosses_clause(t.root, own) for t in a.targets)
            or _uncoded(ctx, a.targets)
        )
    ):
        # "A and B launched war games, joined later by C": the compound
        # subject is the dyad; a party named deep inside is not the target, nor
        # one of no known country ("A and B clashed near the town of Z")
        a.targets = []
    return mutual


def reciprocal(rules: Rules, tok: Token) -> bool:
    """True for an act done to each other: a reciprocal verb ("exchanged
    accusations") or an "each other"/"one another" object ("accused each other")."""
    if rules.lemma(tok) in rules.words["reciprocal_verbs"]:
        return True
    return any(
        (c.lower_ == "other" and any(d.lower_ == "each" for d in c.children))
        or (c.lower_ == "one" and any(d.lower_ == "another" for d in c.children))
        for c in tok.children
        if c.dep_ in ("dobj", "dative", "pobj")
    )


def _between(ctx: SentContext, ev: Event) -> bool:
    """ "Talks were held between A and B": a joint act with no actor of its own is
    the act of the parties its "between" phrase names, both ways (in place)."""
    if not ctx.rules.vocab[ev.relation].symmetric:
        return False
    words = ev.words[:2]
    tok = ev.trigger
    if ev.kind == "noun" and tok.dep_ == "nsubj" and occurs(ctx.rules, tok.head):
        words = [*words, tok.head]  # "clashes erupted between A and B"
    for w in words:
        for c in w.children:
            if c.dep_ == "prep" and c.lower_ == "between":
                parties = actors(ctx, c, set())
                if len(parties) >= 2:
                    ev.sources_found = ev.sources = ev.targets = parties
                    ev.extra["mutual"] = "true"
                    return True
    return False


def resolve(ctx: SentContext, ev: Event) -> bool:
    """Find the source and targets of an event (in place); False when it has none.

    Sets ``ev.sources_found`` (the sources, even when no target is found) and,
    on success, ``ev.sources`` and ``ev.targets``.
    """
    a = Args(ev)
    if not sources(ctx, a):
        return _between(ctx, ev)
    ev.sources_found = a.sources
    src_ids = {ctx.key(m) for m in a.sources}
    if not addressed(ctx, a, src_ids):
        return False
    if not a.targets and not _targets(ctx, a, src_ids):
        return False
    _obligation(ctx, a, src_ids)
    mutual = _mutual(ctx, a)
    if not a.targets:
        if not mutual:
            return False
        ev.extra["mutual"] = "true"
        ev.sources = a.sources
        ev.targets = a.sources
        return True
    ev.sources = a.sources
    ev.targets = a.targets
    _taken_from(ctx, ev, src_ids)
    _giver_first(ctx, ev)
    refine(ctx, ev)
    return True


def _taken_from(ctx: SentContext, ev: Event, src_ids: Keys) -> None:
    """ "X's army retook X's capital from Y", "took control of X's capital from
    Y": a place of the source's own, taken from a party, stands for no other
    state; the party it was taken from is the target (where a place of another
    state is the state: "X seized Y's port")."""
    own = [
        t for t in ev.targets
        if t.label_ in _PLACES
        and any(s.id_ == t.id_ for s in ev.sources)
    ]  # fmt: skip
    if not own:
        return
    for c in (c for w in ev.words[:2] for c in w.children):
        if c.dep_ == "prep" and c.lower_ == "from":
            found = actors(ctx, c, src_ids)
            if found:
                ev.targets = [t for t in ev.targets if t not in own] + found
                return


def _giver_first(ctx: SentContext, ev: Event) -> None:
    """ "X received weapons from Y": aid received is aid given, by the "from"
    object or, for aid, the owner named on the goods ("received Y's jets",
    "received Y-made drones"; not "accepted Y's offer"). The giver is the source,
    the recipient the target; so is another act received ("got a warning from
    Y", "drew criticism from Y": ``act_recipient_verbs``), but hosting ("received
    the envoy"). A noun of aid names its giver with "from" too ("X's loans from
    Y")."""
    rules = ctx.rules
    lemma = rules.lemma(ev.trigger)
    aid_noun = ev.kind == "noun" and rules.in_category(ev.relation, "benefit")
    if (
        lemma not in rules.words["recipient_verbs"]
        and lemma not in rules.words["act_recipient_verbs"]
        and not aid_noun
    ) or ev.relation in rules.words["recipient_acts"]:
        return
    root = ev.targets[0].root
    giver = root.dep_ == "pobj" and root.head.lower_ == "from"
    if (giver and root.head.head.i in {w.i for w in ev.words}) or (
        len(ev.words) > 1
        and rules.in_category(ev.relation, "benefit")
        and _on_goods(root, ev.words[1])
    ):
        ev.sources, ev.targets = ev.targets, ev.sources
        ev.extra["recipient"] = "true"


def _on_goods(root: Token, goods: Token) -> bool:
    """Whether a mention headed by ``root`` names the goods' owner: the goods
    themselves ("Y's jets" as "[Chinese jets]") or a modifier of them ("[German]
    air defence systems")."""
    return root.i == goods.i or (
        root.head.i == goods.i and root.dep_ in ("amod", "compound", "poss", "nmod")
    )


# ------------------------------------------------------------------ categories
#: The CAMEO code of violent repression ("use tactics of violent repression").
_REPRESSION = "175"


def _represses(ctx: SentContext, ev: Event, src: Mention) -> bool:
    """Whether force is used on a crowd of protesters of the source's own country
    (``protest_crowds``: "police fired tear gas at protesters")."""
    tgt = ctx.doc.mention_of(ev.targets[0], 0)
    crowds = ctx.rules.words["protest_crowds"]
    crowd = any(t.lower_ in crowds for t in ev.targets[0])
    return crowd and tgt.country is not None and tgt.country == src.country


def refine(ctx: SentContext, ev: Event) -> None:
    """CAMEO 18 vs 19: who uses force decides between assault and fight.

    Killing or wounding by state forces (military, police, aircraft) is the use
    of conventional force (FIGHT, 190); an attack by irregulars on civilians or
    refugees is unconventional violence (ASSAULT, 180); force of a state's forces
    on its own protesters is repression (COERCE, 175).
    """
    words = ctx.rules.words
    assault, fight = words.role("assault"), words.role("fight")
    src = ctx.doc.mention_of(ev.sources[0], 0)
    forces = (src.sector or "") in words.sectors["force"] or any(
        w in ctx.rules.state_forces for w in ev.sources[0].text.lower().split()
    )
    force_used = ctx.rules.plover(ev.relation) in ("FIGHT", "ASSAULT")
    if forces and force_used and _represses(ctx, ev, src):
        ev.extra["refined_from"] = ev.relation
        ev.relation = words.role("repression")
        ev.extra[CAMEO_KEY] = _REPRESSION
    elif (
        ev.relation == assault
        and forces
        and ev.trigger.lemma_.lower() in words["kill_verbs"]
    ):
        ev.extra["refined_from"] = ev.relation
        ev.relation = fight
    elif ev.relation == fight and not forces:
        tgt = ctx.doc.mention_of(ev.targets[0], 0)
        if (tgt.sector or "") in words.sectors["civilian"]:
            ev.extra["refined_from"] = ev.relation
            ev.relation = assault
