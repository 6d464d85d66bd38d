"""Phrase expansion: a name grows into the phrase that names the actor.

- a country and a role: "Syrian security forces" (MIL), "Syria's new authorities"
  (GOV), "the president of Armenia", "the government in Damascus", each state of
  "the ambassadors of Peru, Chile and Bolivia"; a title and a person's name after
  it: "British Foreign Secretary Jack Straw";
- a country followed by an organisation NER found: "Baghdad University" (an unknown
  organisation of IRQ), as is a place followed by an organisation head word;
- a leader with a title before ("President Putin") or a government noun after ("the
  Bush administration");
- an organisation and a role: "Hamas fighters", "the HTS leader"; a people takes
  the role's sector ("Kurdish fighters": REB).

Overlapping results keep the longest; "anti-Syria" is a stance, not a mention.
"""

from __future__ import annotations

from kg.nlp.actors.context import (
    CAPITAL,
    DEMONYM,
    LEADER,
    NAME,
    PLACE,
    ROLE,
    Candidate,
    DocContext,
    unknown_org,
)
from kg.registry.lexicon import ORG_CLASSES
from kg.types import Actor

#: Parts of speech that may stand between a name and its role ("Syria's new ...").
_MODIFIER_POS = {"ADJ", "NOUN", "PROPN", "NUM"}
#: How many words a role may lie after the name.
_ROLE_WINDOW = 4
#: How many words a role's owner named right before it may have ("Islamic Jihad").
_OWNER_WORDS = 3
#: How many words before "of"/"in" a role may start ("the acting president of").
_ROLE_BEFORE = 5


def _state_then_org(ctx: DocContext, c: Candidate, actor: Actor) -> Candidate | None:
    """A state right before an ORG entity NER found: one unknown organisation
    ("Baghdad University"), unless a longer role phrase starts there."""
    toks, n = ctx.toks, ctx.n
    nxt = toks[c.end]
    if not (nxt.ent_iob_ == "B" and nxt.ent_type_ == "ORG" and not nxt.ent_id_):
        return None
    e = c.end
    while e < n and (e == c.end or toks[e].ent_iob_ == "I"):
        e += 1
    role = ctx.role_at(c.end)
    if role is None or role[0] < e:
        return unknown_org(c.start, e, ctx.text(c.start, e), actor.country)
    return None


def _title_person(ctx: DocContext, c: Candidate) -> Candidate:
    """Country + title followed by a person's name: the phrase covers the name, as
    it does a name the registry lists for the same actor (a dictionary that codes
    its people as their state: "Ruritania Prime Minister Rudolf")."""
    toks, n = ctx.toks, ctx.n
    j = c.end
    if j >= n:
        return c
    label = toks[j].ent_type_
    if label != "PERSON" and not (label and toks[j].ent_id_ == c.actor):
        return c
    end = j
    while (
        end < n
        and toks[end].ent_type_ == label
        and (end == j or toks[end].ent_iob_ == "I")
    ):
        end += 1
    alias = ctx.lookup(ctx.text(j, end))
    if alias is not None and alias.kind == LEADER:
        return Candidate(c.start, end, alias.actor, LEADER, None, None)
    return Candidate(c.start, end, c.actor, ROLE, c.sector, c.code)


def _role_hit(ctx: DocContext, c: Candidate, j: int) -> tuple[int, str] | None:
    """The role phrase at token j when it heads the phrase started by ``c``."""
    hit = ctx.role_at(j)
    if hit is None:
        return None
    end = hit[0]
    nxt = ctx.toks[end] if end < ctx.n else None
    heads = nxt is None or nxt.pos_ not in ("NOUN", "PROPN") or bool(nxt.ent_type_)
    if not heads and ctx.role_at(end) is None:
        return None  # "Syrian army positions": the role modifies another noun
    if ctx.any_taken(c.end, end):
        return None
    return hit


def _stops_modifiers(ctx: DocContext, j: int) -> bool:
    """Whether token j ends the modifiers between a name and its role."""
    t = ctx.toks[j]
    return (
        (t.pos_ not in _MODIFIER_POS and t.tag_ != "VBG")
        or t.ent_type_ in ("PERSON", "DATE")
        or ctx.taken[j]
    )


def _forward_role(ctx: DocContext, c: Candidate, is_state: bool) -> Candidate | None:
    """[’s] modifiers* ROLE after the name, the role being the head of the phrase."""
    k = c.end
    if k < ctx.n and ctx.toks[k].text in ctx.words.possessives and c.kind != DEMONYM:
        k += 1
    for j in range(k, min(k + _ROLE_WINDOW, ctx.n)):
        hit = _role_hit(ctx, c, j)
        if hit is not None:
            end, sector = hit
            new = Candidate(c.start, end, c.actor, ROLE, sector, c.code)
            if not is_state:
                new.sector = c.sector
            return _title_person(ctx, new)
        if _stops_modifiers(ctx, j):
            break
    return None


def _owned(ctx: DocContext, s: int) -> bool:
    """Whether the role starting at token s already names its owner before it
    ("the Turkish embassy", "Kenya's envoy", "a Hezbollah commander": a known
    actor's proper name ending right before the role)."""
    k = s - 1
    if k >= 0 and ctx.toks[k].text in ctx.words.possessives:
        k -= 1
    if k < 0:
        return False
    if ctx.toks[k].ent_type_ in ("NORP", "GPE"):
        return True
    return ctx.toks[k].pos_ == "PROPN" and any(
        ctx.lookup(ctx.text(j, k + 1)) is not None
        for j in range(max(0, k - _OWNER_WORDS + 1), k + 1)
    )


def _role_of_state(ctx: DocContext, c: Candidate) -> Candidate | None:
    """'the president of Armenia', 'the government in Damascus' (a capital)."""
    prep = c.start - 1
    if c.start < 2 or ctx.toks[prep].lower_ not in ("of", "in"):
        return None
    for s in range(max(0, c.start - _ROLE_BEFORE), prep):
        hit = ctx.role_at(s, prep)
        if hit is None or hit[0] != prep or ctx.any_taken(s, prep):
            continue
        if ctx.toks[prep].lower_ == "in" and c.kind != CAPITAL:
            continue
        if _owned(ctx, s):
            return None  # "the Turkish embassy in Nairobi" is Turkey's
        return Candidate(s, c.end, c.actor, ROLE, hit[1], c.code)
    return None


def _role_of_conjunct(ctx: DocContext, c: Candidate) -> Candidate | None:
    """'the ambassadors of Peru, Chile and Bolivia': a state coordinated after the
    state of a role phrase ('the ROLE of X') takes the role's sector too."""
    first = ctx.toks[c.end - 1]
    if first.dep_ != "conj":
        return None
    while first.dep_ == "conj":
        first = first.head
    prep = first.head
    if first.dep_ != "pobj" or prep.lower_ != "of":
        return None
    for s in range(max(0, prep.i - _ROLE_BEFORE), prep.i):
        hit = ctx.role_at(s, prep.i)
        if hit is not None and hit[0] == prep.i and not _owned(ctx, s):
            return Candidate(c.start, c.end, c.actor, ROLE, hit[1], c.code)
    return None


def _named_after_place(ctx: DocContext, c: Candidate, actor: Actor) -> Candidate | None:
    """An unknown organisation named after the place ("Baghdad University")."""
    toks, j = ctx.toks, c.end
    while (
        j < ctx.n and toks[j].is_title and toks[j].pos_ == "PROPN" and not ctx.taken[j]
    ):
        j += 1
    if any(t.text in ctx.words.org_heads for t in toks[c.end : j]):
        return unknown_org(c.start, j, ctx.text(c.start, j), actor.country)
    return None


def _state_phrase(ctx: DocContext, c: Candidate, actor: Actor) -> Candidate | None:
    """The phrase a country name, demonym or capital (or a coded alias) heads."""
    is_state = actor.cls == "State"
    found = _forward_role(ctx, c, is_state)
    if found is None and is_state:
        found = _role_of_state(ctx, c) or _role_of_conjunct(ctx, c)
    if found is None and is_state and c.kind in (NAME, CAPITAL):
        found = _named_after_place(ctx, c, actor)
    return found


def _leader(ctx: DocContext, c: Candidate) -> Candidate:
    """A leader with a title before, or the leader's government after."""
    start = ctx.title_before(c.start, free=True)
    c = Candidate(c.start if start is None else start, c.end, c.actor, LEADER)
    # "the Bush administration", "the Assad regime": the leader's government
    hit = ctx.role_at(c.end)
    if (
        hit is not None
        and hit[1] == "GOV"
        and ctx.toks[c.end].lower_ in ctx.words.leader_government
    ):
        return Candidate(c.start, hit[0], c.actor, LEADER, "GOV", c.code)
    return c


def _org_role(ctx: DocContext, c: Candidate, actor: Actor) -> Candidate:
    """'Hamas fighters', 'the HTS leader': widen the span, keep the actor."""
    if not (actor.cls in ORG_CLASSES or actor.sector == "IGO"):
        return c
    hit = ctx.role_at(c.end)
    if hit is None:
        return c
    end = hit[0]
    nxt = ctx.toks[end] if end < ctx.n else None
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN"):
        return c
    # a people takes the sector of the role ("Kurdish fighters": REB)
    sector = hit[1] if actor.cls == "Group" and hit[1] != "GOV" else c.sector
    return Candidate(c.start, end, c.actor, c.kind, sector, c.code)


def expand(ctx: DocContext, c: Candidate) -> Candidate:
    """The widest phrase ``c`` heads (``c`` itself when none)."""
    if c.kind == LEADER:  # an imported official has roles but no actor record
        return _leader(ctx, c)
    actor = ctx.actor(c.actor)
    if actor is None:
        return c
    is_state = actor.cls == "State"
    if c.kind in (NAME, CAPITAL, PLACE) and is_state and c.end < ctx.n:
        found = _state_then_org(ctx, c, actor)
        if found is not None:
            return found
    if c.kind in (NAME, DEMONYM, CAPITAL) and (is_state or c.code):
        found = _state_phrase(ctx, c, actor)
        if found is not None:
            return found
    if c.kind == NAME and not is_state:
        return _org_role(ctx, c, actor)
    return c


def non_overlapping(cands: list[Candidate]) -> list[Candidate]:
    """Keep the longest of overlapping candidates (then the earliest)."""
    order = sorted(cands, key=lambda c: (-(c.end - c.start), c.start))
    used: set[int] = set()
    kept = []
    for c in order:
        if any(i in used for i in c.spans()):
            continue
        kept.append(c)
        used.update(c.spans())
    return sorted(kept, key=lambda c: c.start)


def _stance(ctx: DocContext, c: Candidate) -> bool:
    """'anti-Syria', 'pro-American': a stance, not a mention of the actor."""
    return (
        c.start >= 2
        and ctx.toks[c.start - 1].text == "-"
        and ctx.toks[c.start - 2].lower_ in ctx.words.stance_prefixes
    )


def _past(ctx: DocContext, c: Candidate) -> bool:
    """'a former Soviet republic', 'post-Soviet states': one word modifying a noun
    that says what the actor was, not a mention of the state ("the former Soviet
    Union" names it; "the former Syrian president" is a role, read whole)."""
    after = ctx.toks[c.end] if c.end < ctx.n else None
    if c.end - c.start != 1 or after is None or after.pos_ != "NOUN":
        return False
    return ctx.past_marked(c.start)


def _currency(ctx: DocContext, c: Candidate) -> bool:
    """'the Turkish lira', 'the US dollar': a currency, not a mention of the state."""
    return c.end < ctx.n and ctx.toks[c.end].lower_ in ctx.words.currencies


def apply(ctx: DocContext, cands: list[Candidate]) -> list[Candidate]:
    """Expand every candidate, keep the longest of overlaps, drop stances,
    currencies and past demonyms; mark the tokens of the result taken."""
    out = non_overlapping([expand(ctx, c) for c in cands])
    out = [
        c for c in out if not (_stance(ctx, c) or _currency(ctx, c) or _past(ctx, c))
    ]
    ctx.take(out)
    return out
