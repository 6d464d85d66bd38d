"""Names written in lower or odd case: "president obama", "houthi rebels", "the
israeli military", "ISRAEL" in a headline. The entity ruler matches names as they
are written; this rule looks the lower-cased words up in the registry's names, in
sentences written without case (no capitalised word at all, or all in capitals):
in a sentence with proper capitals a lower-case word is a word ("an austrian
florin"), unless a title comes right before it ("talks with president obama").

A one-word name must have four letters or more and not be a common English word
(``common_words`` of ``actor_words.yaml``: "turkey", "chad" and "us" stay words;
a person's one-word name that is an English word of the model's lemmatizer, "bush",
"rice", "macron", needs a title right before it: "president bush"); names of several
words match whatever their case. The imported
officials (``Lexicon.people``) are not looked up: without case there is no title to
tell an official from a namesake (see ``rules/people``).
"""

from __future__ import annotations

from kg.nlp.actors.context import LEADER, Candidate, DocContext
from kg.registry.lexicon import Alias

#: The longest name looked up, in words.
MAX_WORDS = 4
#: Shorter one-word names are not matched in lower case.
MIN_LETTERS = 4
#: Parts of speech a lower-case name may have been given.
_POS = frozenset({"PROPN", "NOUN", "ADJ", "X"})


def lowered(aliases: dict[str, Alias], common: frozenset[str]) -> dict[str, Alias]:
    """The lower-case names that may match in any case (see the module)."""
    out: dict[str, Alias] = {}
    for text, alias in aliases.items():
        low = text.lower()
        if not text[:1].isupper() or low in out:
            continue
        if " " not in text and (len(text) < MIN_LETTERS or low in common):
            continue
        out[low] = alias
    return out


def _needs_title(ctx: DocContext, text: str, alias: Alias) -> bool:
    """Whether a name is a person's one word that is also an English word."""
    return alias.kind == LEADER and " " not in text and text in ctx.tables.english


def _odd_case(ctx: DocContext, i: int) -> bool:
    """Whether token i is written in lower case or all capitals."""
    text = ctx.toks[i].text
    return text.islower() or (text.isupper() and len(text) > 1)


def _caseless(ctx: DocContext, i: int) -> bool:
    """Whether the sentence of token i is written without case: no capitalised
    word (not even the first), or every word in capitals."""
    lo, hi = ctx.sent_bounds(i)
    words = [t.text for t in ctx.toks[lo:hi] if t.is_alpha and len(t.text) > 1]
    if all(w.isupper() for w in words):
        return True
    return not any(w[0].isupper() for w in words)


def _match(ctx: DocContext, i: int) -> tuple[int, Alias] | None:
    """The longest lower-case name starting at token i: (end, alias)."""
    table = ctx.tables.lowered
    for k in range(min(ctx.n, i + MAX_WORDS), i, -1):
        if ctx.any_taken(i, k):
            continue
        text = ctx.text(i, k).lower()
        alias = table.get(text)
        if alias is None:
            continue
        if _needs_title(ctx, text, alias) and ctx.title_before(i) is None:
            return None
        return k, alias
    return None


def apply(ctx: DocContext, cands: list[Candidate]) -> list[Candidate]:
    """Add a candidate per name written in odd case; mark it taken."""
    firsts = ctx.tables.lowered_firsts
    out: list[Candidate] = []
    caseless: dict[int, bool] = {}  # per sentence start
    i = 0
    while i < ctx.n:
        tok = ctx.toks[i]
        hit = None
        if (
            not ctx.taken[i]
            and ctx.folds[i] in firsts
            and _odd_case(ctx, i)
            and tok.pos_ in _POS
        ):
            lo = ctx.sent_bounds(i)[0]
            if lo not in caseless:
                caseless[lo] = _caseless(ctx, i)
            titled = ctx.title_before(i) is not None
            hit = _match(ctx, i) if caseless[lo] or titled else None
        if hit is None:
            i += 1
            continue
        end, alias = hit
        c = Candidate(i, end, alias.actor, alias.kind, alias.sector, alias.code)
        out.append(c)
        ctx.take([c])
        i = end
    return cands + out
