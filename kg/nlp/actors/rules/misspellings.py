"""Misspelled names: a capitalised non-word one edit away from a known name.

- Countries, demonyms (five letters or more) and organisations (six or more): one
  token ("Ethopia", "Hezbolah"); the index is built once per resolver
  (:func:`fuzzy_index`, symmetric deletes of the one-word names).
- Leaders and officials: a person NER found whose name (six letters or more) is
  one edit or one swap of two letters from exactly one known person ("Angela
  Merkle", "Vladimir Putn"), or two for a name of nine letters or more when none
  is one away ("Netanyahoo"); the index groups the names by first letter and length
  (:func:`person_index`). Short tokens are never corrected.

English words of the model's lemmatizer (:func:`english_words`) are never taken
for a misspelling ("Grenade").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Span, Token

from kg.nlp.actors.context import DEMONYM, LEADER, NAME, Candidate, DocContext
from kg.registry.lexicon import ORG_CLASSES, Lexicon

#: Entity types a misspelled country name may have been given by NER.
_ENT_TYPES = ("", "GPE", "NORP", "ORG", "LOC", "PERSON")
#: Shorter words are not checked (too many near misses).
MIN_LENGTH = 6
#: Shorter names are not indexed (countries; organisations and people: six).
MIN_INDEXED = 5
#: A person's name this long may be misspelt by two edits ("Netanyahoo").
LONG_NAME = 9
#: Classes of the organisations whose one-word names are indexed.
_ORGS = ORG_CLASSES | {"InternationalOrganisation"}


def english_words(nlp: Language) -> frozenset[str]:
    """Lower-case English words of the model's lemmatizer index (empty if none)."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    table = lookups.get_table("lemma_index")
    return frozenset(w for key in table for w in table[key])


def deletes(word: str) -> set[str]:
    """The words one deletion away from ``word``.

    Examples:
        >>> sorted(deletes("Iran"))
        ['Ian', 'Ira', 'Irn', 'ran']
    """
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def edit1(a: str, b: str) -> bool:
    """True when a and b differ by one insertion, deletion or substitution.

    Examples:
        >>> edit1("Ethopia", "Ethiopia"), edit1("Quatar", "Qatar")
        (True, True)
        >>> edit1("Pakestan", "Pakistan"), edit1("Austria", "Australia")
        (True, False)
    """
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return short in deletes(long_)


def distance(a: str, b: str, limit: int = 2) -> int:
    """The edit distance of a and b (insertions, deletions, substitutions and
    swaps of neighbouring letters), or ``limit + 1`` when it is over ``limit``.

    Examples:
        >>> distance("Netanyahoo", "Netanyahu"), distance("Merkle", "Merkel")
        (2, 1)
        >>> distance("Erdogan", "Erdogan"), distance("Macron", "Mahmoud")
        (0, 3)
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                row[j] = min(row[j], prev2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        prev2, prev = prev, row
    return min(prev[-1], limit + 1)


def _indexed(lex: Lexicon, text: str, kind: str, actor_id: str) -> bool:
    """Whether an alias is a one-word, capitalised country name or demonym, or
    the name of an organisation of six letters or more."""
    actor = lex.actors.get(actor_id)
    if actor is None or kind not in (NAME, DEMONYM):
        return False
    if actor.cls != "State" and not (actor.cls in _ORGS and len(text) >= MIN_LENGTH):
        return False
    return (
        len(text) >= MIN_INDEXED
        and text.isalpha()
        and text[0].isupper()
        and text[1:].islower()
        and text not in lex.drop
    )


def person_index(lex: Lexicon) -> dict[tuple[str, int], list[str]]:
    """The names of kg's own persons (six letters or more), by first letter and
    length (not the imported officials: one edit from one of eighteen thousand
    names is too often another person)."""
    names = [t for t, a in lex.aliases.items() if a.kind == LEADER]
    index: dict[tuple[str, int], list[str]] = {}
    for name in names:
        if len(name) >= MIN_LENGTH and (" " in name or name.isalpha()):
            index.setdefault((name[0], len(name)), []).append(name)
    return index


def fuzzy_index(lex: Lexicon) -> dict[str, set[str]]:
    """Symmetric-delete index of one-word country names and demonyms (>= 5 letters)
    and organisation names (>= 6 letters)."""
    index: dict[str, set[str]] = {}
    for text, alias in lex.aliases.items():
        if not _indexed(lex, text, alias.kind, alias.actor):
            continue
        for key in deletes(text) | {text}:
            index.setdefault(key, set()).add(text)
    return index


def _checked(ctx: DocContext, tok: Token) -> bool:
    """Whether a token may be a misspelled country: a capitalised proper noun or
    entity, alone (not part of a longer name), not a word and not a known name."""
    i, text, toks = tok.i, tok.text, ctx.toks
    nxt = toks[i + 1] if i + 1 < ctx.n else None
    return not (
        ctx.taken[i]
        or len(text) < MIN_LENGTH
        or not text.isalpha()
        or not tok.is_title
        or tok.ent_type_ not in _ENT_TYPES
        or tok.ent_iob_ == "I"
        or (nxt is not None and nxt.ent_iob_ == "I")
        # part of a longer name ("Annette Bening")
        or (i > 0 and toks[i - 1].pos_ == "PROPN")
        or (nxt is not None and nxt.pos_ == "PROPN")
        or not (tok.pos_ == "PROPN" or tok.ent_type_)
        or tok.lower_ in ctx.tables.english
        or tok.lemma_.lower() in ctx.tables.english
        or text in ctx.lex.aliases
        or text in ctx.lex.cities
    )


def _correction(ctx: DocContext, tok: Token) -> Candidate | None:
    """The country a token misspells, when exactly one actor is one edit away."""
    text = tok.text
    hits: set[str] = set()
    for key in deletes(text) | {text}:
        hits |= ctx.tables.fuzzy.get(key, set())
    aliases = [ctx.lex.aliases[h] for h in sorted(hits) if edit1(text, h)]
    if len({a.actor for a in aliases}) != 1:
        return None
    alias = min(aliases, key=lambda a: a.kind != NAME)
    return Candidate(tok.i, tok.i + 1, alias.actor, alias.kind, alias.sector)


def _person(ctx: DocContext, text: str) -> str | None:
    """The id of the one known person whose name is nearest to text: one edit or
    swap away, or two for a name of ``LONG_NAME`` letters or more ("Netanyahoo"),
    when no name is one away."""
    limit = 2 if len(text) >= LONG_NAME else 1
    found: dict[int, set[str]] = {1: set(), 2: set()}
    for n in range(len(text) - limit, len(text) + limit + 1):
        for name in ctx.tables.persons.get((text[0], n), ()):
            d = distance(text, name, limit)
            if 0 < d <= limit:
                found[d].add(ctx.lex.aliases[name].actor)
    nearest = found[1] or found[2]
    return nearest.pop() if len(nearest) == 1 else None


def _named_like_person(ent: Span) -> bool:
    """A person entity, or two or more proper nouns of another entity kind."""
    if ent.label_ == "PERSON":
        return True
    return len(ent) >= 2 and all(t.pos_ == "PROPN" for t in ent)


def people(ctx: DocContext, cands: list[Candidate]) -> list[Candidate]:
    """Add a candidate for every free person entity that misspells a known
    person's name (or a name of two or more proper nouns NER took for another kind:
    "Benjamin Netanyhu" as an organisation); mark it taken."""
    out: list[Candidate] = []
    for ent in ctx.doc.ents:
        text = ent.text
        if not _named_like_person(ent) or ent.ent_id_ or len(text) < MIN_LENGTH:
            continue
        if ctx.any_taken(ent.start, ent.end) or (
            " " not in text and text.lower() in ctx.tables.english
        ):
            continue
        pid = _person(ctx, text)
        if pid is not None:
            out.append(Candidate(ent.start, ent.end, pid, LEADER))
    ctx.take(out)
    return cands + out


def apply(ctx: DocContext, cands: list[Candidate]) -> list[Candidate]:
    """Add a candidate for every misspelled country or organisation name, then
    every misspelled person's name; mark them taken."""
    if not ctx.tables.fuzzy:
        return cands
    out: list[Candidate] = []
    for i in ctx.titled:  # _checked wants a capitalised word of six letters
        tok = ctx.toks[i]
        if len(ctx.texts[i]) < MIN_LENGTH or not _checked(ctx, tok):
            continue
        found = _correction(ctx, tok)
        if found is not None:
            out.append(found)
            ctx.taken[tok.i] = True
    return people(ctx, cands + out)
