"""The events of one sentence: triggers folded, arguments resolved, the main
event of each clause kept, sport dropped, attribution set.

Verbal triggers are coded deepest first: when one yields an event, the control
verbs folded into it are consumed ("agreed to X" is one event). A nominal event is
coded only when no emitted event governs its noun. A purpose or participle
sub-event with the same source and target country is a detail of the main event
and is dropped ("offered troops to Lebanon to help it"); when the main verb has no
target, its category wins and the sub-event lends the target ("staged rallies to
demand reforms from the government" is a protest). Sentences about sport (sport
verbs in a sentence with sport words) are no political events.
"""

from __future__ import annotations

import re

from kg.nlp.relations.arguments import resolve
from kg.nlp.relations.content import denies_act, embedded
from kg.nlp.relations.context import Event, Rules, SentContext
from kg.nlp.relations.control import fold
from kg.nlp.relations.qualifiers import attribute
from kg.nlp.relations.syntax import DETAIL_DEPS, depth, prep_objects
from kg.nlp.relations.triggers import obligations, triggers


def _absorbed(main: Event | None, ev: Event, src: set[str]) -> bool:
    """True when a failed main event lends its category to ``ev`` (in place)."""
    if (
        main is None
        or ev.trigger.dep_ not in ("advcl", "xcomp", "acl")
        or ev.trigger.head.i not in {w.i for w in main.words}
        or not {m.id_ for m in main.sources_found} & src
    ):
        return False
    ev.extra["embedded"] = ev.relation
    ev.relation = main.relation
    ev.words.extend(main.words)
    return True


def _detail_of(ctx: SentContext, other: Event | None, ev: Event, src: set[str]) -> bool:
    """True when ``ev`` details ``other``: same source, same target country."""
    return (
        other is not None
        and other is not ev
        and bool({m.id_ for m in other.sources} & src)
        and bool(ctx.doc.countries(other.targets) & ctx.doc.countries(ev.targets))
    )


def _is_detail(
    ctx: SentContext, ev: Event, by_tok: dict[int, Event], failed: dict[int, Event]
) -> bool:
    src = {m.id_ for m in ev.sources}
    t = ev.trigger
    steps = 0
    while t.head.i != t.i and steps < 8 and t.dep_ in DETAIL_DEPS:
        steps += 1
        t = t.head
        if _absorbed(failed.get(t.i), ev, src):
            return False
        if _detail_of(ctx, by_tok.get(t.i), ev, src):
            return True
    return False


def main_events(
    ctx: SentContext, events: list[Event], failed: dict[int, Event] | None = None
) -> list[Event]:
    """Keep the main event of a clause: drop purpose/participle sub-events.

    An event whose trigger hangs (through xcomp, advcl, acl, prep, ...) under
    the trigger of another event with the same source is a detail of it
    ("staged demonstrations to demand reforms", "offered troops to help him").
    When the main verb had no target of its own (it is in ``failed``), its
    category wins and the sub-event lends its target ("staged demonstrations to
    demand reforms from the government" is a protest against the government).
    """
    failed = failed or {}
    by_tok = {e.trigger.i: e for e in events}
    return [ev for ev in events if not _is_detail(ctx, ev, by_tok, failed)]


def _claimed_act(rules: Rules, ev: Event) -> None:
    """ "X claimed responsibility for the missile attack on Y", "X claimed a strike
    on Y": the claimed act is asserted (or negated) as the claim is, beside it (in
    place)."""
    if ev.relation != rules.words.role("claim") or len(ev.words) < 2:
        return
    noun = ev.words[1]
    for o in [noun, *prep_objects(noun, "for")]:
        rel = rules.noun_relation(o)
        if rel is not None and rules.hostile(rel):
            ev.secondary.append((rel, ev.negated))
            return


def _verbal(
    ctx: SentContext, verbal: list[Event]
) -> tuple[list[Event], set[int], dict[int, Event]]:
    """Code verbal events deepest first: (events, consumed tokens, failed)."""
    rules = ctx.rules
    consumed: set[int] = set()
    out: list[Event] = []
    failed: dict[int, Event] = {}
    for ev in sorted(verbal, key=lambda e: -depth(e.trigger)):
        if ev.trigger.i in consumed or denies_act(rules, ev.trigger):
            continue
        fold(rules, ev)
        if embedded(rules, ev):
            continue
        _claimed_act(rules, ev)
        if resolve(ctx, ev):
            out.append(ev)
            consumed.update(w.i for w in ev.words)
        elif ev.sources_found and not rules.control_class(ev.trigger.lemma_.lower()):
            failed[ev.trigger.i] = ev
    return out, consumed, failed


def _nominal(
    ctx: SentContext, nominal: list[Event], out: list[Event], consumed: set[int]
) -> list[Event]:
    """Code nominal events no coded event governs."""
    governors = {w.i for e in out for w in e.words}
    found = []
    for ev in nominal:
        own_source = ev.trigger.dep_ == "conj" and any(
            c.dep_ == "poss" for c in ev.trigger.children
        )
        if ev.trigger.i in consumed or (
            not own_source and any(a.i in governors for a in ev.trigger.ancestors)
        ):
            continue
        fold(ctx.rules, ev)
        if not embedded(ctx.rules, ev) and resolve(ctx, ev):
            found.append(ev)
    return found


#: A score ("2-1", "3–0") in a sentence with a sports verb makes it sport.
_SCORE = re.compile(r"(?<![\d.])\d{1,2}\s?[-–]\s?\d{1,2}(?!\d|\.\d)")


def _no_sport(ctx: SentContext, events: list[Event]) -> list[Event]:
    """ "Brazil beat Argentina in the semi-final", "... beat Y 2-1": sport, not
    politics (a sports word or a score in the sentence, and a sports verb)."""
    p = ctx.rules.patterns
    if not events:
        return events
    text = ctx.sent.text.lower()
    if (p.sports and any(w in p.sports for w in re.findall(r"[\w-]+", text))) or (
        _SCORE.search(text)
    ):
        return [e for e in events if ctx.rules.lemma(e.trigger) not in p.sports_verbs]
    return events


def sentence_events(ctx: SentContext) -> list[Event]:
    """All events of one sentence with their arguments resolved."""
    rules = ctx.rules
    events = triggers(rules, ctx.tokens)
    events.extend(obligations(rules, ctx.tokens, events))
    if not events:
        return []
    out, consumed, failed = _verbal(ctx, [e for e in events if e.kind != "noun"])
    out += _nominal(ctx, [e for e in events if e.kind == "noun"], out, consumed)
    out = _no_sport(ctx, main_events(ctx, out, failed))
    attribute(rules, ctx.sent, out)
    return out
