"""Arguments: the source and targets of an event, as a sequence of small rules.

Subject (or the "by" agent of a passive) -> source; direct object, dative,
attribute or prepositional object -> target; the subject of a passive -> target;
possessor / "by" -> source of a nominal event. An unresolved pronoun subject falls
back to the speaker of the reporting clause ("Syria says it will ...") or the
nearest preceding actor; an agentless infinitive or gerund inside a quotation takes
the quotation's speaker. "A and B agreed" with no target is a mutual event.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from kg.nlp.relations.context import Event, Rules, SentContext
from kg.nlp.relations.counter import counter_target, is_counter
from kg.nlp.relations.search import actors, find, open_heads
from kg.nlp.relations.syntax import (
    agent_objects,
    child,
    crosses_clause,
    passive_subject,
    subject,
)
from kg.nlp.relations.triggers import undergone

Keys = set[tuple[str, str]]


@dataclass
class _Args:
    """The arguments of one event while they are resolved."""

    ev: Event
    subj: Token | None = None
    how: str = ""
    passive: Token | None = None
    sources: list[Span] = field(default_factory=list)
    targets: list[Span] = field(default_factory=list)
    skip: set[int] = field(default_factory=set)


# ------------------------------------------------------------------------ sources
def noun_source(tok: Token) -> tuple[Token | None, str]:
    """The source of a nominal event: "X's attack", "the attack by X"."""
    poss = child(tok, "poss")
    if poss is not None:
        return poss, "poss"
    for c in tok.children:
        by = child(c, "pobj") if c.dep_ == "prep" and c.lower_ == "by" else None
        if by is not None:
            return by, "agent"
        if (
            c.dep_ in ("amod", "compound")
            and c.i < tok.i
            and c.ent_type_ in ("NORP", "GPE", "ORG")
        ):
            return c, "poss"
    for c in tok.children:  # "the attack carried out / posed by Y"
        if c.dep_ == "acl" and c.tag_ == "VBN":
            agents = agent_objects(c)
            if agents:
                return agents[0], "agent"
    # "X's attack on Y" only: the subject of an unrelated verb is not the source
    if tok.dep_ == "attr" and tok.head.lemma_ == "be":
        return subject(tok.head)
    return None, ""


def _place_source(ctx: SentContext, a: _Args) -> bool:
    """ "X were killed by a bomb near <place>": material conflict takes the place
    or group named in the clause as its source."""
    ev = a.ev
    if (
        not ctx.rules.in_category(ev.relation, "place_acts")
        or not a.targets
        or is_counter(ctx, ev)
    ):
        return False
    tgt_ids = {ctx.key(m) for m in a.targets}
    places = ctx.rules.words["place_preps"]
    # "was put under investigation in Italy": the verb or its noun
    for c in (c for w in ev.words[:2] for c in w.children):
        if (
            c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in places)
        ) and c.i not in a.skip:
            a.sources = actors(ctx, c, tgt_ids)
            if a.sources:
                ev.fallback = True
                return True
    return False


def _passive_sources(ctx: SentContext, a: _Args, passive: Token) -> bool:
    """A passive: the agent is the source, the passive subject the target."""
    agent = a.subj if a.how == "agent" else None
    a.sources = actors(ctx, agent, set())
    a.skip.add(passive.i)
    a.targets = actors(ctx, passive, {ctx.key(m) for m in a.sources})
    return bool(a.sources) or _place_source(ctx, a)


def _undergone_agent(noun: Token, verb: Token) -> tuple[Token | None, str]:
    """Who does what a subject undergoes: "under attack from/by X" (on the noun or
    the verb), or "under X's fire", "under Russian fire"."""
    for t in (noun, verb):
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in ("from", "by"):
                obj = child(c, "pobj")
                if obj is not None:
                    return obj, "agent"
    src, _ = noun_source(noun)
    return (src, "agent") if src is not None else (None, "")


def _actor_participle(ctx: SentContext, tok: Token) -> bool:
    """True for a present participle modifying an actor ("sanctions on firms
    supplying Y", "rebels attacking Y"): the actor it modifies is its subject,
    not the subject of the clause around it."""
    return tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.i in ctx.index


def _subject_sources(ctx: SentContext, a: _Args) -> bool:
    """The subject of the trigger, or the possessor of a nominal event."""
    tok = a.ev.trigger
    demand = a.ev.extra.get("demand_head")
    # "X demanded that Y ...", "Y was urged by X to ...": the demand's parties
    pred = tok if demand is None else ctx.sent.doc[int(demand)]
    a.subj, a.how = subject(pred)
    if _actor_participle(ctx, tok):
        a.subj, a.how = tok.head, "subj"
    a.passive = passive_subject(pred) if a.ev.kind != "noun" else None
    if len(a.ev.words) > 1 and undergone(ctx.rules, tok, a.ev.words[1]):
        # "Y came under attack from X": Y undergoes what X does
        a.passive, (a.subj, a.how) = a.subj, _undergone_agent(a.ev.words[1], tok)
    if (
        a.passive is not None
        and a.how != "agent"
        and tok.lower_ in ctx.rules.patterns.copula
    ):  # "X and Y are opposed to Z": an adjective, not a passive
        a.subj, a.how, a.passive = a.passive, "subj", None
    if a.passive is not None:
        return _passive_sources(ctx, a, a.passive)
    if a.ev.kind == "noun":
        a.subj, a.how = noun_source(tok)
    a.sources = actors(ctx, a.subj, set()) if a.subj is not None else []
    if a.subj is not None and a.how == "subj":
        a.skip.add(a.subj.i)
    return True


def _speaker_or_prior(ctx: SentContext, a: _Args) -> None:
    """An unresolved pronoun subject: the reporting clause's speaker, or the
    nearest preceding actor."""
    rules = ctx.rules
    subj = a.subj
    if not (subj is None or rules.is_pronoun(subj) or a.how in ("relcl", "relcl_inf")):
        return
    speaker = a.ev.extra.get("speaker")
    if speaker is not None:
        a.sources = actors(ctx, ctx.sent.doc[int(speaker)], set())
        a.ev.fallback = bool(a.sources)
    if not a.sources and subj is not None and rules.is_pronoun(subj):
        prior = [m for m in ctx.mentions if m.end <= subj.i]
        if prior:
            a.sources = [prior[-1]]
            a.ev.fallback = True


def _co_agents(ctx: SentContext, a: _Args) -> None:
    """ "X, alongside/together with/along with Y, struck Z" and "X as well as Y
    struck Z": Y acts too (a second subject, or a co-agent phrase on the subject
    or the verb)."""
    words, verb, subj = ctx.rules.words, a.ev.trigger, a.subj
    if subj is None or subj.head.i != verb.i:
        return  # "X demanded that Y ...": the subject is the demand's
    found = [c for c in verb.children if c.dep_ == "nsubj" and c.i != subj.i]
    for c in (*subj.children, *verb.children):
        if c.dep_ != "prep":
            continue
        w = c.lower_
        if w in words["co_agent_adverbs"]:  # "along with Y": on to "with"
            c = next((x for x in c.children if x.lower_ == "with"), c)
        elif w == "with" and any(
            x.lower_ in words["co_agent_adverbs"] for x in c.children
        ):
            pass  # "together with Y"
        elif w not in words["co_agent_preps"]:
            continue
        found.extend(x for x in c.children if x.dep_ == "pobj")
    keys = {ctx.key(m) for m in a.sources}
    for tok in found:
        a.sources.extend(actors(ctx, tok, keys))  # never a mention of ``keys``
        a.skip.add(tok.i)


def _pair_reference(ctx: SentContext, a: _Args) -> None:
    """ "A and B signed a treaty. The two countries also agreed ...": a subject "the
    two"/"both" + a plural head (``pair_heads``) is the pair named as "A and B" in
    the same or the two sentences before."""
    words, subj = ctx.rules.words, a.subj
    if (
        subj is None
        or subj.lower_ not in words["pair_heads"]
        or not any(c.lower_ in words["pair_words"] for c in subj.children)
    ):
        return
    first = subj.sent.start
    for _ in range(2):  # the start of the sentence two before
        first = subj.doc[first - 1].sent.start if first > 0 else 0
    for m in reversed(ctx.doc.spans):
        if m.end > subj.i or m.start < first or m.root.dep_ != "conj":
            continue
        head = ctx.index.get(m.root.head.i)
        if head is not None and ctx.key(head) != ctx.key(m):
            a.sources = [head, m]
            return


def implicit_agent(ev: Event) -> bool:
    """True when the event's agent is not expressed in its own phrase.

    An infinitive or gerund of a noun without its own subject ("the effort
    to develop ties with X"). A bare nominal event ("the sanctions on X") is
    not: it as often names another party's act as the speaker's.
    """
    tok = ev.trigger
    if ev.kind == "noun":
        return False
    if not (tok.tag_ in ("VB", "VBG") or tok.dep_ in ("acl", "xcomp")):
        return False
    t = tok
    for _ in range(4):
        if any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in t.children):
            return False
        if t.dep_ == "conj" and t.head.pos_ in ("VERB", "AUX"):
            t = t.head
            continue
        break
    if t.tag_ not in ("VB", "VBG"):
        return False
    # infinitive/gerund of a noun ("effort to", "outgrowth of developing")
    return t.dep_ in ("acl", "relcl", "pcomp") or (
        t.dep_ == "xcomp" and t.head.pos_ == "NOUN"
    )


def _quote_speaker(ctx: SentContext, a: _Args) -> None:
    """ "“... the effort to cultivate a relationship with HTS”, said the
    official": an agentless event inside a quotation is the speaker's."""
    if not implicit_agent(a.ev):
        return
    speaker = ctx.doc.quote_speaker(a.ev.trigger.i)
    if speaker is not None:
        a.sources = [speaker]
        a.ev.fallback = True
        a.ev.extra["source_from"] = "quote_speaker"


def _thing_participle(ctx: SentContext, tok: Token) -> bool:
    """True for a present participle modifying a noun that is neither an actor nor
    an event ("a resolution calling for X", "a letter condemning Y"): the thing is
    its subject, so no actor acts ("a strike killing X" is the striker's act, and
    a document its issuer signs or adopts is the issuer's act)."""
    head = tok.head
    return (
        tok.dep_ == "acl"
        and tok.tag_ == "VBG"
        and head.pos_ == "NOUN"
        and head.i not in ctx.index
        and ctx.rules.noun_relation(head) is None
        and not (
            head.dep_ in ("dobj", "nsubjpass")
            and ctx.rules.lemma(head.head) in ctx.rules.words["issuing_verbs"]
        )  # "signed an order lifting sanctions on X": the signer's act
    )


def _sources(ctx: SentContext, a: _Args) -> bool:
    """Resolve the sources; False when the event has none."""
    if not _subject_sources(ctx, a):
        return False
    if a.how == "relcl" and a.subj is not None and a.subj.i not in ctx.index:
        return False  # "a resolution that aims to impose sanctions": no actor acts
    if _thing_participle(ctx, a.ev.trigger):
        return False  # "a resolution calling for sanctions": the same
    if a.sources and a.how == "subj":
        _co_agents(ctx, a)
    if not a.sources:
        _pair_reference(ctx, a)
    if not a.sources:
        _speaker_or_prior(ctx, a)
    if not a.sources:
        _quote_speaker(ctx, a)
    return bool(a.sources)


def _addressed(ctx: SentContext, a: _Args, src_ids: Keys) -> bool:
    """ "urging the counterpart to ...": an addressed object must be an actor."""
    tok = a.ev.trigger
    if ctx.rules.lemma(tok) not in ctx.rules.words["addressee_verbs"]:
        return True
    return all(
        actors(ctx, c, src_ids) for c in tok.children if c.dep_ in ("dobj", "dative")
    )


# ------------------------------------------------------------------------ targets
def _chain(ev: Event) -> list[Token]:
    """The trigger and the tokens above it up to the top of its clause chain."""
    chain = [ev.trigger]
    t = ev.trigger
    while (ev.top is None or t.i != ev.top.i) and t.head.i != t.i:
        t = t.head
        chain.append(t)
    return chain


def _demand_targets(ctx: SentContext, a: _Args, src_ids: Keys) -> list[Span] | None:
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
    ctx: SentContext, a: _Args, noun: Token, src_ids: Keys, *, own_actor: bool
) -> None:
    """The targets a noun names with a preposition of its own (``noun_preps``):
    the first such preposition with an actor (the last one tried otherwise). With
    ``own_actor``, only a preposition whose object is itself an actor ("with
    Jordan"), not a phrase that holds one ("with Albania's help")."""
    preps = ctx.rules.words["noun_preps"]
    for c in noun.children:
        if (
            c.dep_ == "prep"
            and c.lower_ in preps
            and (
                not own_actor
                or any(o.dep_ == "pobj" and o.i in ctx.index for o in c.children)
            )
        ):
            a.targets = actors(ctx, c, src_ids)
            if a.targets:
                return


def _noun_targets(ctx: SentContext, a: _Args, src_ids: Keys) -> None:
    """A nominal event names its target itself ("attack on Y")."""
    _prep_targets(ctx, a, a.ev.trigger, src_ids, own_actor=False)


def light_noun_targets(ctx: SentContext, a: _Args, src_ids: Keys) -> None:
    """ "signed an accord with Y", "held a call with Y": the event noun of a light
    verb names the target with a preposition of its own, whose object is itself
    an actor."""
    ev = a.ev
    if ev.kind != "light" or len(ev.words) < 2:
        return
    _prep_targets(ctx, a, ev.words[1], src_ids, own_actor=True)


def _open_targets(
    ctx: SentContext, a: _Args, chain: list[Token], src_ids: Keys
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
    for head in open_heads(rules, chain, a.skip, a.subj, places_ok):
        targets = actors(ctx, head, src_ids, places=deep_ok)
        if not deep_ok:  # "returned to Geneva for talks": a venue
            targets = [m for m in targets if m.label_ != "PLACE"]
        if targets and not any(ctx.key(m)[1] for m in targets):
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


def _targets(ctx: SentContext, a: _Args, src_ids: Keys) -> bool:
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
        light_noun_targets(ctx, a, src_ids)
    if not a.targets:
        a.targets = _open_targets(ctx, a, chain, src_ids)
    if not a.targets and ev.kind == "copula":
        a.targets = copula_target(ctx, ev, src_ids)
    return True


def _obligation(ctx: SentContext, a: _Args, src_ids: Keys) -> None:
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


def _mutual(ctx: SentContext, a: _Args) -> bool:
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
    if a.targets and mutual and all(crosses_clause(t.root, own) for t in a.targets):
        # "A and B launched war games, joined later by C": the compound
        # subject is the dyad; a party named deep inside is not the target
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
    for w in ev.words[:2]:
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
    a = _Args(ev)
    if not _sources(ctx, a):
        return _between(ctx, ev)
    ev.sources_found = a.sources
    src_ids = {ctx.key(m) for m in a.sources}
    if not _addressed(ctx, a, src_ids):
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
    _giver_first(ctx, ev)
    refine(ctx, ev)
    return True


def _giver_first(ctx: SentContext, ev: Event) -> None:
    """ "X received weapons from Y": aid received is aid given, by the "from"
    object (the giver is the source, the recipient the target); so is another act
    received ("got a warning from Y"), but hosting ("received the envoy")."""
    rules = ctx.rules
    if (
        rules.lemma(ev.trigger) not in rules.words["recipient_verbs"]
        or ev.relation in rules.words["recipient_acts"]
    ):
        return
    root = ev.targets[0].root
    if (
        root.dep_ == "pobj"
        and root.head.lower_ == "from"
        and root.head.head.i in {w.i for w in ev.words}
    ):
        ev.sources, ev.targets = ev.targets, ev.sources
        ev.extra["recipient"] = "true"


# ------------------------------------------------------------------ categories
def refine(ctx: SentContext, ev: Event) -> None:
    """CAMEO 18 vs 19: who uses force decides between assault and fight.

    Killing or wounding by state forces (military, police, aircraft) is the use
    of conventional force (FIGHT, 190); an attack by irregulars on civilians or
    refugees is unconventional violence (ASSAULT, 180).
    """
    words = ctx.rules.words
    assault, fight = words.role("assault"), words.role("fight")
    src = ctx.doc.mention_of(ev.sources[0], 0)
    forces = (src.sector or "") in words.sectors["force"] or any(
        w in ctx.rules.state_forces for w in ev.sources[0].text.lower().split()
    )
    if (
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
