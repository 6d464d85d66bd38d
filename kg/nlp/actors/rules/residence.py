"""Where groups of people live: code them by that country, as CAMEO does.

"Bosnian Serbs" -> BIH, "Kurds in Syria" -> SYR, "ethnic Albanians" -> the other
country of the sentence, "Moslem forces in east Bosnia" -> BIH, "doctors from two
American aid groups" -> USA, "a terror group based in Trinidad" -> TTO, "Jane Roe,
Algeria's leading activist" -> DZA, bare "police" or "protesters" -> the only
country their sentence names. The steps run in this order over one
:class:`_Residence` state.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from kg.nlp.actors.context import (
    CAPITAL,
    DEMONYM,
    NAME,
    PLACE,
    ROLE,
    Candidate,
    DocContext,
)

#: How many words may stand between "based in" and the country.
_BASED_IN_WINDOW = 4


@dataclass
class _Residence:
    """The candidates, the tokens they cover, the candidate starting at each token
    (before the steps that add groups) and the groups added."""

    cands: list[Candidate]
    covered: list[bool]
    state_at: dict[int, Candidate]
    new: list[Candidate] = field(default_factory=list)

    def add(self, c: Candidate) -> None:
        self.new.append(c)
        for x in c.spans():
            self.covered[x] = True


def _ethnic(ctx: DocContext, c: Candidate) -> bool:
    """A people named by descent: "Albanians", "ethnic Turks", the Kurds."""
    actor = ctx.actor(c.actor)
    if actor is not None and actor.cls == "Group":
        return True
    return (
        c.kind in (DEMONYM, ROLE) and ctx.toks[c.start].text in ctx.words.ethnic_nouns
    )


def _locator(ctx: DocContext, end: int, by_start: dict[int, Candidate]) -> str | None:
    """Country of "[operating|living] in|of [the] [southern] X" after token end."""
    toks, n = ctx.toks, ctx.n
    k = end
    if (
        k < n
        and toks[k].tag_ in ("VBG", "VBN")
        and toks[k].lower_ not in ctx.words.not_locators
    ):
        k += 1
    if k >= n or toks[k].lower_ not in ("in", "of"):
        return None
    k += 1
    while k < n and (
        toks[k].lower_ in ("the", "a") or toks[k].lower_ in ctx.words.compass
    ):
        k += 1
    return ctx.state_of(by_start.get(k))


def _country_id(ctx: DocContext, alpha3: str) -> str:
    return ctx.lex.by_alpha3.get(alpha3, alpha3)


# 1. ------------------------------------------------------------ the place first
def _merge_places(ctx: DocContext, cands: list[Candidate]) -> list[Candidate]:
    """ "Bosnian Serbs", "Iraqi Kurds", "Kosovo Albanians": a state right before a
    people of another state is where the people live."""
    merged: list[Candidate] = []
    for c in cands:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.end == c.start
            and prev.kind in (NAME, DEMONYM, PLACE)
            and ctx.state_of(prev) is not None
            and _ethnic(ctx, c)
            and ctx.state_of(prev) != ctx.lex.actors[c.actor].country
        ):
            merged[-1] = Candidate(
                prev.start, c.end, prev.actor, ROLE, c.sector or "CVL", None
            )
            continue
        merged.append(c)
    return merged


# 2. ------------------------------------------------------- ethnic communities
def _other_state(ctx: DocContext, cands: list[Candidate], c: Candidate) -> str | None:
    """The first state of the sentence of ``c`` other than the people's own."""
    own = ctx.lex.actors[c.actor].country
    lo, hi = ctx.sent_bounds(c.start)
    others = [
        ctx.state_of(o)
        for o in cands
        if o is not c and lo <= o.start < hi and ctx.state_of(o)
    ]
    return next((x for x in others if x != own), None)


def _communities(ctx: DocContext, cands: list[Candidate], covered: list[bool]) -> None:
    """Ethnic communities: "in|of X" after them, else (when marked "ethnic") the
    other country of the sentence. Replaces the candidates in place."""
    by_start = {c.start: c for c in cands}
    for idx, c in enumerate(cands):
        marked = c.start > 0 and ctx.toks[c.start - 1].text in ctx.words.ethnic_marks
        ethnic = _ethnic(ctx, c)
        if not (marked or (ethnic and c.kind in (DEMONYM, NAME))):
            continue
        if not ethnic and not (marked and c.kind in (DEMONYM, ROLE)):
            continue
        own = ctx.lex.actors[c.actor].country
        where = _locator(ctx, c.end, by_start)
        if where is None and marked:
            where = _other_state(ctx, cands, c)
        if where is None or where == own:
            continue
        start = c.start - 1 if marked else c.start
        cands[idx] = Candidate(
            start, c.end, _country_id(ctx, where), ROLE, c.sector or "CVL", None
        )
        covered[start] = True


# 3. ------------------------------------------- unnamed religious or ethnic groups
_NATIONS = ("NORP", "GPE")


def _creed_at(ctx: DocContext, i: int) -> bool:
    """A creed ("Moslem") or a one-word nationality entity at token i."""
    tok, n = ctx.toks[i], ctx.n
    return tok.text in ctx.words.creeds or (
        tok.ent_type_ in _NATIONS
        and tok.ent_iob_ == "B"
        and tok.is_title
        and (i + 1 >= n or ctx.toks[i + 1].ent_iob_ != "I")
    )


def _role_after(ctx: DocContext, st: _Residence, i: int) -> tuple[int, str] | None:
    """A role phrase within three modifier words after token i."""
    role = None
    for k in range(i + 1, min(ctx.n, i + 4)):
        if st.covered[k]:
            break
        role = ctx.role_at(k)
        if role is not None:
            break
        if ctx.toks[k].pos_ not in ("ADJ", "NOUN", "PROPN"):
            break
    return role


def _only_state(
    ctx: DocContext, cands: list[Candidate], i: int, act: int | None = None
) -> str | None:
    """The country of the sentence of token i when it names only one; with
    ``act``, leaving out the countries of the act's other parties
    (:func:`_party`)."""
    lo, hi = ctx.sent_bounds(i)
    here = [o for o in cands if lo <= o.start < hi]
    seen = {ctx.state_of(o) for o in here}
    if act is not None:
        seen -= {ctx.state_of(o) for o in here if _party(ctx, o, act)}
    seen.discard(None)
    return seen.pop() if len(seen) == 1 else None


def _creed_group(ctx: DocContext, st: _Residence, i: int) -> int | None:
    """Add the group starting at creed token i; return the token after its role
    (None when there is no group)."""
    role = _role_after(ctx, st, i)
    if role is None:
        return None
    end, sector = role
    if end < ctx.n and ctx.toks[end].pos_ in ("NOUN", "PROPN") and not st.covered[end]:
        return None  # "Karen guerrilla stronghold": not a group of people
    marked = i > 0 and ctx.toks[i - 1].text in ctx.words.ethnic_marks
    start = i - 1 if marked else i
    where = _locator(ctx, end, st.state_at)
    if where is None:
        where = _only_state(ctx, st.cands, i)
    if where is not None:
        st.add(Candidate(start, end, _country_id(ctx, where), ROLE, sector))
    return end


def _creed_starts(ctx: DocContext) -> list[int]:
    """The tokens :func:`_creed_at` may accept: creeds and one-word nationality
    entities, in order."""
    ents = (e.start for e in ctx.doc.ents if len(e) == 1 and e.label_ in _NATIONS)
    return sorted({*ctx.where(ctx.words.creeds), *ents})


def _creed_groups(ctx: DocContext, st: _Residence) -> None:
    """Unnamed religious or ethnic groups: "Moslem forces", "Shona rebels"."""
    after = 0  # tokens before it are inside a group already found
    for i in _creed_starts(ctx):
        if i < after or st.covered[i] or not _creed_at(ctx, i):
            continue
        nxt = _creed_group(ctx, st, i)
        if nxt is not None:
            after = nxt


# 4. ----------------------------------------------- "doctors from two American ..."
def _origin(ctx: DocContext, st: _Residence, end: int) -> Candidate | None:
    """The state mention after "from" at token end ("officials from [two] Iran")."""
    toks, n = ctx.toks, ctx.n
    if end >= n or toks[end].lower_ != "from" or toks[end].head.i != end - 1:
        return None
    if toks[end - 1].tag_ not in ("NNS", "NNPS"):
        return None
    k = end + 1
    while k < n and k <= end + 3 and toks[k].pos_ in ("DET", "NUM", "ADJ"):
        if k in st.state_at:
            break
        k += 1
    c = st.state_at.get(k)
    if c is None or ctx.state_of(c) is None or c.kind not in (NAME, DEMONYM, ROLE):
        return None
    return c


def _from_groups(ctx: DocContext, st: _Residence) -> None:
    """ "doctors from two American aid groups", "officials from Iran": one mention
    of the origin's state, replacing the state's own mention."""
    toks = ctx.toks
    for i in ctx.role_starts:
        if st.covered[i] or toks[i].pos_ != "NOUN":
            continue
        role = ctx.role_at(i)
        if role is None:
            continue
        end, sector = role
        c = _origin(ctx, st, end)
        if c is None:
            continue
        stop = c.end
        while stop < ctx.n and toks[stop].pos_ == "NOUN" and not st.covered[stop]:
            stop += 1
        st.cands = [x for x in st.cands if x is not c]
        st.add(Candidate(i, stop, c.actor, ROLE, sector))


# 5. ------------------------------------------------ "a group based in Trinidad"
_BASED = frozenset({"based"})


def _based_in_country(ctx: DocContext, st: _Residence, i: int) -> str | None:
    """The country after "based in" at token i ("based in Muslim west Beirut")."""
    toks = ctx.toks
    k = i + 2
    while k < min(ctx.n, i + 2 + _BASED_IN_WINDOW) and (
        toks[k].lower_ in ("the", "a")
        or toks[k].lower_ in ctx.words.compass
        or toks[k].pos_ == "ADJ"
        or toks[k].ent_type_ == "NORP"
    ):
        k += 1
    return ctx.state_of(st.state_at.get(k))


def _based_group(ctx: DocContext, st: _Residence, j: int, where: str) -> None:
    """A group or news noun at token j based in ``where``: the noun phrase it ends."""
    toks = ctx.toks
    media = toks[j].lower_ in ctx.words.media_nouns
    if st.covered[j] or not (media or toks[j].lower_ in ctx.words.group_nouns):
        return
    s = j
    while s > 0 and toks[s - 1].pos_ in ("ADJ", "NOUN") and not st.covered[s - 1]:
        s -= 1
    violent = any(t.lower_ in ctx.words.violent for t in toks[s : j + 1])
    sector = "MED" if media else "REB" if violent else None
    st.add(Candidate(s, j + 1, _country_id(ctx, where), ROLE, sector))


def _based_in(ctx: DocContext, st: _Residence) -> None:
    """ "a terror group based in Trinidad", "the XYZ Foundation, based in Iraq":
    an unknown organisation takes the country; a group noun becomes a mention."""
    toks = ctx.toks
    for i in ctx.where_lower(_BASED):
        if i == 0 or i + 1 >= ctx.n or toks[i + 1].lower_ != "in":
            continue
        where = _based_in_country(ctx, st, i)
        j = i - 1 if toks[i - 1].text != "," else i - 2
        if where is None or j < 0:
            continue
        prev = next((c for c in st.cands + st.new if c.end == j + 1), None)
        if prev is None:
            _based_group(ctx, st, j, where)
        elif not prev.known and not prev.code:
            prev.code = where


# 6. ------------------------------------------- "Jane Roe, Algeria's leading activist"
def _apposition(ctx: DocContext, st: _Residence, end: int) -> Candidate | None:
    """The state role in apposition after a person ending at token end."""
    toks, n = ctx.toks, ctx.n
    k = end
    if k >= n - 1 or toks[k].text != ",":
        return None
    k += 1
    if k < n and toks[k].lower_ in ("a", "an", "the"):
        k += 1
    c = st.state_at.get(k)
    if c is None or c.kind != ROLE or ctx.state_of(c) is None:
        return None
    if c.end < n and toks[c.end].text not in (",", ".", ";"):
        return None
    return c


def _appositions(ctx: DocContext, st: _Residence) -> None:
    """A person followed by a state role in apposition speaks for the role."""
    for ent in ctx.doc.ents:
        if ent.label_ != "PERSON" or any(
            st.covered[x] for x in range(ent.start, ent.end)
        ):
            continue
        c = _apposition(ctx, st, ent.end)
        if c is not None:
            st.add(Candidate(ent.start, ent.end, c.actor, ROLE, c.sector, c.code))


# 7. --------------------------------------------- "police", "protesters" bare
#: The parts of speech of a word that may come before a bare group (no owner).
_BEFORE_BARE = ("DET", "ADJ", "NUM", "ADP", "PUNCT", "VERB", "AUX", "CCONJ", "ADV")


def _bare_start(ctx: DocContext, st: _Residence, i: int) -> bool:
    """Whether the role at token i starts its phrase with no owner before it
    ("police", "the protesters", "hundreds of demonstrators", "arrested
    protesters")."""
    if i == 0:
        return True
    prev = ctx.toks[i - 1]
    return not st.covered[i - 1] and prev.pos_ in _BEFORE_BARE


def _informant(ctx: DocContext, start: int, end: int) -> bool:
    """Whether the group is the subject of a speech verb ("residents said"): a
    source of the news, not a party to it."""
    root = ctx.doc[start:end].root
    return root.dep_ == "nsubj" and root.head.lemma_.lower() in ctx.words.speech_verbs


def _act_of(ctx: DocContext, i: int) -> int | None:
    """The verb whose party the phrase headed by token i is, through subjects,
    objects, possessors and prepositions ("condemned [the rule of] Norway"), an
    act its subject is to do being the act of the verb it completes ("[are about|
    want] to meet Norway"); None when the phrase only says where ("in Lima") or no
    verb governs it."""
    tok = ctx.toks[i]
    while tok.head.i != tok.i:
        if tok.dep_ == "prep" and tok.lower_ in ctx.words.place_preps:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") and not _completes(tok):
            return tok.i
    return None


def _completes(verb: Token) -> bool:
    """Whether a verb is the act of the verb it hangs from, with that verb's
    subject: "want to meet", "about to restore", "rallied to denounce"."""
    if verb.dep_ == "xcomp":
        return True
    return verb.dep_ == "advcl" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    )


def _party(ctx: DocContext, c: Candidate, act: int) -> bool:
    """Whether candidate ``c`` is a party of the act at token ``act`` by its own
    name: a city as the owner of a thing ("blocked Lima's avenues") and a group
    it places ("protesters in Lima") name the setting instead."""
    root = ctx.doc[c.start : c.end].root
    if c.kind in (PLACE, CAPITAL) and root.dep_ == "poss":
        return False
    if any(ctx.toks[k].lower_ in ctx.words.place_preps for k in c.spans()):
        return False
    return _act_of(ctx, root.i) == act


def _home_state(
    ctx: DocContext, cands: list[Candidate], i: int, end: int
) -> str | None:
    """The only country of the sentence of the group at tokens [i, end) that is not
    the other party of an act the group does: "activists condemned Norway" does not
    make them Norway's (the group has no country then), while a group an act is
    done to is the doer's ("Norway's police detained activists": Norway's, as
    CAMEO codes domestic acts), and "police fired on protesters in Lima" makes both
    Peru's. A country named in a clause that describes the group ("a journalist
    accused of working for Norway") is no home of it."""
    root = ctx.doc[i:end].root
    clauses = [c for c in root.children if c.dep_ in ("acl", "relcl")]
    outside = [
        o
        for o in cands
        if not any(c.left_edge.i <= o.start <= c.right_edge.i for c in clauses)
    ]
    act = _act_of(ctx, root.i)
    return _only_state(ctx, outside, i, None if _done_to(root, act) else act)


#: The dependencies of the doer of an act on its verb (the subject, the "by" agent).
_DOER_DEPS = ("nsubj", "csubj", "agent")


def _done_to(root: Token, act: int | None) -> bool:
    """Whether the plural group headed by ``root`` ("protesters"; not "the court",
    an institution that may be one named before) is a party the act at token
    ``act`` is done to, not its doer (its subject or "by" agent)."""
    if act is None or root.tag_ != "NNS":
        return False
    tok = root
    while tok.head.i != act and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ not in _DOER_DEPS


def _bare_groups(ctx: DocContext, st: _Residence) -> None:
    """A bare group of people of a ``bare_sectors`` sector takes the country of
    "in|of X" after it, else the only country its sentence names but the other
    party of its act (:func:`_home_state`; "police fired on protesters in Lima":
    both Peru's)."""
    after = 0  # tokens before it are inside a role already read
    bare = ctx.words.bare_sectors | ctx.words.unnamed_sectors
    for i in ctx.role_starts:
        role = None if i < after or st.covered[i] else ctx.role_at(i)
        if role is None or role[1] not in bare:
            continue
        end, sector = role
        nxt = ctx.toks[end] if end < ctx.n else None
        noun_after = nxt is not None and nxt.pos_ in ("NOUN", "PROPN")
        if _bare_start(ctx, st, i) and not noun_after and not _informant(ctx, i, end):
            actor = _bare_actor(ctx, st, i, end, sector)
            if actor is not None:
                st.add(Candidate(i, end, actor, ROLE, sector))
        after = end


def _bare_actor(
    ctx: DocContext, st: _Residence, i: int, end: int, sector: str
) -> str | None:
    """The actor of a bare group at tokens [i, end): the country of "in|of X"
    after it, else the only country of its sentence (:func:`_home_state`) for a
    ``bare_sectors`` group and the unnamed groups of the sector (the registry
    actor whose id is the sector) for an ``unnamed_sectors`` one."""
    where = _locator(ctx, end, st.state_at)
    if where is None and sector in ctx.words.unnamed_sectors:
        return sector if ctx.actor(sector) is not None else None
    where = where or _home_state(ctx, st.cands, i, end)
    return None if where is None else _country_id(ctx, where)


def apply(ctx: DocContext, cands: list[Candidate]) -> list[Candidate]:
    """Code the groups of people by where they live; sorted by start."""
    cands = _merge_places(ctx, sorted(cands, key=lambda c: c.start))
    covered = ctx.covered(cands)
    _communities(ctx, cands, covered)
    st = _Residence(cands, covered, {c.start: c for c in cands})
    _creed_groups(ctx, st)
    _from_groups(ctx, st)
    _based_in(ctx, st)
    _appositions(ctx, st)
    _bare_groups(ctx, st)
    return sorted(st.cands + st.new, key=lambda c: c.start)
