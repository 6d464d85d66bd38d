"""Sources: who acts in an event, as a sequence of small rules.

The subject (or the "by" agent of a passive, or the possessor of a nominal event)
is the source. An unresolved pronoun subject falls back to the speaker of the
reporting clause ("Syria says it will ...") or the nearest preceding actor; an
agentless infinitive or gerund inside a quotation takes the quotation's speaker;
"the two countries" refers back to a pair named just before. :mod:`.arguments`
resolves the targets after these.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from kg.nlp.relations.context import Event, SentContext
from kg.nlp.relations.control import INTENT_CLASSES
from kg.nlp.relations.counter import is_counter
from kg.nlp.relations.search import actors
from kg.nlp.relations.syntax import (
    agent_objects,
    child,
    named_modifier,
    passive_subject,
    subject,
)
from kg.nlp.relations.triggers import undergone
from kg.nlp.relations.words import Words

Keys = set[tuple[str, str]]


@dataclass
class Args:
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
    named = named_modifier(tok)  # before the noun: ahead of any "by" phrase
    if named is not None:
        return named, "poss"
    for c in tok.children:
        by = child(c, "pobj") if c.dep_ == "prep" and c.lower_ == "by" else None
        if by is not None:
            return by, "agent"
    for c in tok.children:  # "the attack carried out / posed by Y"
        if c.dep_ == "acl" and c.tag_ == "VBN":
            agents = agent_objects(c)
            if agents:
                return agents[0], "agent"
    # "X's attack on Y" only: the subject of an unrelated verb is not the source
    if tok.dep_ == "attr" and tok.head.lemma_ == "be":
        return subject(tok.head)
    return None, ""


def _place_source(ctx: SentContext, a: Args) -> bool:
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
    seats = ctx.rules.words["seat_phrases"]
    verb = ctx.rules.lemma(ev.trigger)
    # "was put under investigation in Italy": the verb or its noun
    for c in (c for w in ev.words[:2] for c in w.children):
        seat = f"{verb}_{c.lower_}" in seats
        if (
            c.dep_ == "agent" or (c.dep_ == "prep" and (c.lower_ in places or seat))
        ) and c.i not in a.skip:
            a.sources = actors(ctx, c, tgt_ids)
            if a.sources:
                ev.fallback = True
                return True
    return False


def _passive_sources(ctx: SentContext, a: Args, passive: Token) -> bool:
    """A passive: the agent is the source, the passive subject the target."""
    agent = a.subj if a.how == "agent" else None
    a.sources = actors(ctx, agent, set())
    a.skip.add(passive.i)
    a.targets = actors(ctx, passive, {ctx.key(m) for m in a.sources})
    return bool(a.sources) or _instrument_source(ctx, a) or _place_source(ctx, a)


def _instrument_source(ctx: SentContext, a: Args) -> bool:
    """ "was killed in Beirut in an Israeli drone strike": the author of the act
    of force through which an agentless passive happened is its source, ahead of
    the place."""
    rules, ev = ctx.rules, a.ev
    if not rules.in_category(ev.relation, "force"):
        return False
    tgt_ids = {ctx.key(m) for m in a.targets}
    for c in ev.trigger.children:
        obj = child(c, "pobj") if c.dep_ == "prep" else None
        if obj is None:
            continue
        rel = rules.noun_relation(obj)
        if rel is None or not rules.in_category(rel, "force"):
            continue
        author, _ = noun_source(obj)
        a.sources = actors(ctx, author, tgt_ids) if author is not None else []
        if a.sources:
            return True
    return False


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


def _intending_subject(noun: Token) -> tuple[Token | None, str]:
    """ "X is ready for talks with Y": the subject of the adjective of intent."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.dep_ == "prep" and prep.head.pos_ == "ADJ":
        return subject(prep.head)
    return None, ""


def _thing(ctx: SentContext, subj: Token | None, nouns: str) -> bool:
    """True for a subject that is no actor but a noun of the word list ``nouns``."""
    return (
        subj is not None
        and subj.pos_ == "NOUN"
        and subj.i not in ctx.index
        and subj.lemma_.lower() in ctx.rules.words[nouns]
    )


def _located_thing(ctx: SentContext, subj: Token) -> bool:
    """True for a subject that is a natural hazard or a mishap, not an actor
    ("floods in X killed 200"): its place phrase says where, not who."""
    return _thing(ctx, subj, "hazard_nouns")


def _subject_sources(ctx: SentContext, a: Args) -> bool:
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
        if a.subj is None and a.ev.extra.get("control") in INTENT_CLASSES:
            a.subj, a.how = _intending_subject(tok)
    if a.subj is not None:
        where_only = a.how == "subj" and _located_thing(ctx, a.subj)
        a.sources = actors(ctx, a.subj, set(), places=not where_only)
    if a.subj is not None and a.how == "subj":
        a.skip.add(a.subj.i)
    return True


def _speaker_or_prior(ctx: SentContext, a: Args) -> None:
    """An unresolved pronoun subject: the reporting clause's speaker, or the
    nearest preceding actor."""
    rules = ctx.rules
    subj = a.subj
    if not (subj is None or rules.is_pronoun(subj) or a.how in ("relcl", "relcl_inf")):
        return
    if a.ev.kind == "noun" and _responded_to(rules.words, a.ev.trigger):
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


def _responded_to(words: Words, tok: Token) -> bool:
    """ "in response to strikes on Y", "in retaliation for the raid": the act
    responded to is another party's, not the speaker's."""
    prep = tok.head
    return (
        tok.dep_ == "pobj"
        and prep.lower_ in words["response_preps"]
        and prep.head.lemma_.lower() in words["response_nouns"]
    )


def _co_agents(ctx: SentContext, a: Args) -> None:
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


def _pair_reference(ctx: SentContext, a: Args) -> None:
    """ "A and B signed a treaty. The two countries also agreed ...": a subject "the
    two"/"both" + a plural head (``pair_heads``) is the pair named as "A and B" in
    the same or the two sentences before, else the two actors of the sentence
    before when it names no other."""
    words, subj = ctx.rules.words, a.subj
    if subj is None:
        return
    one = _pair_ordinal(words, subj)
    if one is not None:  # "the latter": one of the pair
        pair = _named_pair(ctx, subj, False)
        a.sources = pair[one : one + 1] if len(pair) == 2 else a.sources
        return
    if subj.lower_ not in words["pair_heads"] or not any(
        c.lower_ in words["pair_words"] for c in subj.children
    ):
        return
    states = subj.lower_ in words["state_pair_heads"]
    a.sources = _named_pair(ctx, subj, states) or a.sources


def _pair_ordinal(words: Words, subj: Token) -> int | None:
    """0 for "the former", 1 for "the latter", else None."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children):
        return None
    if subj.lower_ in words["former_words"]:
        return 0
    return 1 if subj.lower_ in words["latter_words"] else None


def _named_pair(ctx: SentContext, subj: Token, states: bool) -> list[Span]:
    """The pair named as "A and B" in the sentence of ``subj`` (before it) or the
    two before, else the two actors of the sentence before when it names no
    other (:func:`_two_named_before`); with ``states``, two states only."""
    first = subj.sent.start
    for _ in range(2):  # the start of the sentence two before
        first = subj.doc[first - 1].sent.start if first > 0 else 0
    for m in reversed(ctx.doc.spans):
        if m.end > subj.i or m.start < first or m.root.dep_ != "conj":
            continue
        head = ctx.index.get(m.root.head.i)
        pair = [head, m] if head is not None and ctx.key(head) != ctx.key(m) else []
        if pair and (not states or _states(ctx, pair)):
            return pair
    return _two_named_before(ctx, subj, states)


def _states(ctx: SentContext, spans: list[Span]) -> bool:
    """True when every mention names a state (or its government or forces)."""
    return all(ctx.doc.mention_of(m, 0).cls == "State" for m in spans)


def _two_named_before(ctx: SentContext, subj: Token, states: bool) -> list[Span]:
    """The two actors (with ``states``, the two states) of the sentence before
    ``subj``'s when it names exactly two ("X met Y in Z. The two leaders signed
    ..."; the place of a party counts as that party), else none."""
    start = subj.sent.start
    if start == 0:
        return []
    before = subj.doc[start - 1].sent
    named: dict[str, Span] = {}
    for m in ctx.doc.spans:
        if states and not _states(ctx, [m]):
            continue
        if before.start <= m.start and m.end <= before.end:
            actor = ctx.key(m)[0]
            # "Chinese President Xi": the person, not the adjective before
            if actor not in named or named[actor].root.dep_ in ("amod", "compound"):
                named[actor] = m
    return list(named.values()) if len(named) == 2 else []


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


def _quote_speaker(ctx: SentContext, a: Args) -> None:
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


def _vehicle(ctx: SentContext, a: Args) -> bool:
    """True for a vehicle or its cargo that arrives or visits ("the grain ship arrived
    in X"): no visitor."""
    return a.ev.relation == ctx.rules.words.role("visit") and _thing(
        ctx, a.subj, "vehicle_nouns"
    )


def _measure_subject(ctx: SentContext, a: Args) -> bool:
    """True for force done by a measure, not by an actor: a non-violent event noun
    as the subject of a verb of force ("X's ban on rice exports hit Y", "the
    sanctions hit Y"); a violent one is X's own force ("X's shelling hit Y")."""
    subj, rules = a.subj, ctx.rules
    if a.how != "subj" or subj is None or subj.pos_ != "NOUN" or subj.i in ctx.index:
        return False
    rel = rules.noun_relation(subj)
    return (
        rel is not None
        and rules.in_category(a.ev.relation, "force")
        and not rules.in_category(rel, "force")
    )


def sources(ctx: SentContext, a: Args) -> bool:
    """Resolve the sources; False when the event has none."""
    if not _subject_sources(ctx, a) or _measure_subject(ctx, a) or _vehicle(ctx, a):
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


def addressed(ctx: SentContext, a: Args, src_ids: Keys) -> bool:
    """ "urging the counterpart to ...": an addressed object must be an actor."""
    tok = a.ev.trigger
    if ctx.rules.lemma(tok) not in ctx.rules.words["addressee_verbs"]:
        return True
    return all(
        actors(ctx, c, src_ids) for c in tok.children if c.dep_ in ("dobj", "dative")
    )
