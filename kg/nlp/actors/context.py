"""What the actor rules read and share: candidates, the tables, a per-document context.

- :class:`Candidate`: a mention being built (token range, actor, kind, sector, code).
- :class:`Tables`: what a resolver computes once from its registry (the lexicon, the
  English words of the model, the misspelling index, the first words of role phrases);
  read-only, shared by every document.
- :class:`DocContext`: everything one document needs (its tokens, their folded texts,
  the sentence index, the quotations and their speakers, the ``taken`` flags of
  tokens already in a mention) with the lookups the rules use. It is made for one
  call of the component and dropped after it: the component keeps no state between
  documents.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Token

from kg.nlp.actors.words import Words, words
from kg.nlp.doc import quotations, sentence_index
from kg.registry.lexicon import (
    CAPITAL,
    DEMONYM,
    INSTITUTION,
    LEADER,
    NAME,
    PLACE,
    Alias,
    Lexicon,
    normalise,
    slug,
)
from kg.types import Actor

# Kinds of mention the rules add to the alias kinds of the lexicon (span labels).
ROLE, ACRONYM, UNKNOWN, COREF = "ROLE", "ACRONYM", "UNKNOWN", "COREF"

__all__ = [
    "ACRONYM",
    "CAPITAL",
    "COREF",
    "DEMONYM",
    "INSTITUTION",
    "LEADER",
    "NAME",
    "PLACE",
    "ROLE",
    "UNKNOWN",
    "Candidate",
    "DocContext",
    "Tables",
    "unknown_org",
]

#: The longest role or title phrase, in words.
MAX_ROLE_WORDS = 4


@dataclass
class Candidate:
    """A mention being resolved: tokens ``[start, end)`` stand for ``actor``.

    ``known`` is False for an organisation the registry lacks (then ``label`` is its
    name and ``code`` its country); for a leader resolved to the state they lead,
    ``label`` keeps the person's id.
    """

    start: int
    end: int
    actor: str
    kind: str
    sector: str | None = None
    code: str | None = None
    known: bool = True
    label: str | None = None

    def spans(self) -> range:
        """The token indices of the candidate."""
        return range(self.start, self.end)

    def refer(self, start: int, end: int) -> Candidate:
        """A coreferent mention at tokens ``[start, end)`` of this candidate's actor."""
        return Candidate(
            start,
            end,
            self.actor,
            COREF,
            self.sector,
            self.code,
            self.known,
            self.label,
        )


def unknown_org(start: int, end: int, text: str, country: str | None) -> Candidate:
    """An organisation the registry lacks: a minted ``ORG_<slug>`` actor, coded by
    the country named in or around it (None when there is none)."""
    return Candidate(
        start, end, "ORG_" + slug(text), UNKNOWN, None, country, False, text
    )


def _firsts(table: Iterable[tuple[str, ...]]) -> frozenset[str]:
    return frozenset(k[0] for k in table if k)


@dataclass(frozen=True, eq=False)
class Tables:
    """What a resolver derives once from its registry; shared, never modified.

    Attributes:
        lex: The lexicon (packaged data plus the user files).
        english: Lower-case English words (not misspellings of a country).
        fuzzy: Symmetric-delete index of country and organisation names (see
            ``rules/misspellings``).
        persons: Names of persons by first letter and length (misspellings).
        words: The word lists of ``actor_words.yaml``.
    """

    lex: Lexicon
    english: frozenset[str] = frozenset()
    fuzzy: dict[str, set[str]] = field(default_factory=dict)
    persons: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    words: Words = field(default_factory=words)

    @cached_property
    def role_firsts(self) -> frozenset[str]:
        """First words of the role phrases (most tokens start none)."""
        return _firsts(self.lex.roles)

    @cached_property
    def lowered(self) -> dict[str, Alias]:
        """Lower-case names that match in any case (see ``rules/case``)."""
        from kg.nlp.actors.rules.case import lowered

        return lowered(self.lex.aliases, self.words.common_words)

    @cached_property
    def lowered_firsts(self) -> frozenset[str]:
        """First words of :attr:`lowered`."""
        return frozenset(k.split(" ", 1)[0] for k in self.lowered)

    @cached_property
    def title_firsts(self) -> frozenset[str]:
        """First words of the title phrases."""
        return _firsts(self.lex.titles)


class DocContext:
    """The state of one document while the rules run (see the module docstring).

    Attributes:
        doc: The document.
        tables: The resolver's tables.
        lex: ``tables.lex``.
        words: ``tables.words``.
        toks: The tokens as a list (``doc[i]`` makes a new Token on every call).
        folds: The folded text of every token.
        n: The number of tokens.
        taken: Per token, True once it is inside a mention.
        date: The article date (leaders resolve by it), or None.
        quote_speakers: The attributed quotations (tokens inside the marks) with
            the mention that speaks for the speaker (set by ``rules/quotes``).
    """

    def __init__(self, doc: Doc, tables: Tables) -> None:
        self.doc = doc
        self.tables = tables
        self.lex = tables.lex
        self.words = tables.words
        self.toks: list[Token] = list(doc)
        # fold_text of every token (its lower case is the lexeme's, already made)
        self.folds = [normalise(t.lower_) for t in self.toks]
        self.n = len(self.toks)
        self.taken = [False] * self.n
        self.date: str | None = doc._.kg_article_date
        self.quote_speakers: list[tuple[int, int, Candidate]] = []

    # -- per-document indexes, computed when first asked for ---------------------
    @cached_property
    def texts(self) -> list[str]:
        """The text of every token (a list: cheaper than a Token's attribute)."""
        return [t.text for t in self.toks]

    def where(self, words: frozenset[str] | set[str]) -> list[int]:
        """The indices of the tokens whose text is one of ``words``, in order."""
        return [i for i, t in enumerate(self.texts) if t in words]

    def where_lower(self, words: frozenset[str] | set[str]) -> list[int]:
        """The indices of the tokens whose folded text is one of ``words``."""
        return [i for i, t in enumerate(self.folds) if t in words]

    @cached_property
    def role_starts(self) -> list[int]:
        """The indices of the tokens that may start a role ("police", "doctors"):
        :meth:`where_lower` of the tables' ``role_firsts``, read by two rules."""
        return self.where_lower(self.tables.role_firsts)

    @cached_property
    def titled(self) -> list[int]:
        """The indices of the tokens written in title case ("Samarra", "Iran")."""
        return [i for i, t in enumerate(self.texts) if t.istitle()]

    @cached_property
    def chars(self) -> str:
        """The text of the document (``doc.text`` builds it anew on every call)."""
        return self.doc.text

    @cached_property
    def has_sents(self) -> bool:
        """Whether the document has sentence boundaries."""
        return self.doc.has_annotation("SENT_START")

    @cached_property
    def sent_of(self) -> list[int]:
        """The sentence number of every token."""
        return sentence_index(self.doc)

    @cached_property
    def quotes(self) -> list[tuple[int, int]]:
        """Token ranges inside quotation marks."""
        return quotations(self.doc)

    def sent_bounds(self, i: int) -> tuple[int, int]:
        """The token range of the sentence of token i (the doc without sentences)."""
        if not self.has_sents:
            return 0, self.n
        s = self.toks[i].sent
        return s.start, s.end

    def take(self, cands: Iterable[Candidate]) -> None:
        """Mark the tokens of ``cands`` as taken."""
        for c in cands:
            for i in c.spans():
                self.taken[i] = True

    def covered(self, cands: Iterable[Candidate]) -> list[bool]:
        """Per token, whether it is inside one of ``cands``."""
        flags = [False] * self.n
        for c in cands:
            for i in c.spans():
                flags[i] = True
        return flags

    def any_taken(self, start: int, end: int) -> bool:
        """Whether a token of ``[start, end)`` is taken."""
        return any(self.taken[x] for x in range(start, end))

    def text(self, start: int, end: int) -> str:
        """The text of tokens ``[start, end)``."""
        return self.doc[start:end].text

    def past_marked(self, i: int) -> bool:
        """Whether a ``past_marks`` word comes right before token i, or before a
        hyphen before it ("former Soviet", "post-Soviet")."""
        k = i - 2 if i >= 2 and self.toks[i - 1].text == "-" else i - 1
        return k >= 0 and self.toks[k].lower_ in self.words.past_marks

    # -- lexicon lookups -----------------------------------------------------------
    def lookup(self, text: str) -> Alias | None:
        """The alias of a surface form (as written, normalised, then case-folded)."""
        t = normalise(text)
        a = self.lex.aliases.get(t) or self.lex.aliases.get(text)
        if a is None:
            a = self.lex.folded.get(t.lower())
        return a

    def actor(self, actor_id: str) -> Actor | None:
        """The registry record of an actor id (None for minted ids)."""
        return self.lex.actors.get(actor_id)

    def named_after_of(self, end: int, c: Candidate) -> bool:
        """Whether ``c`` is named right after an "of" at token ``end``: the
        person of a state ("King X of Morocco", the title ending at ``end``)."""
        return (
            c.start == end + 1 and 0 <= end < self.n and self.toks[end].lower_ == "of"
        )

    def state_of(self, c: Candidate | None) -> str | None:
        """The country of a candidate that names a state (not by coreference)."""
        if c is None:
            return None
        actor = self.lex.actors.get(c.actor)
        if actor is None or actor.cls != "State" or c.kind == COREF:
            return None
        return actor.country

    def _phrase_at(
        self,
        i: int,
        table: dict[tuple[str, ...], str],
        firsts: frozenset[str],
        limit: int,
    ) -> tuple[int, str] | None:
        if i >= limit or i >= self.n or self.folds[i] not in firsts:
            return None
        best = None
        for n in range(1, MAX_ROLE_WORDS + 1):
            if i + n > limit:
                break
            key = tuple(self.folds[i : i + n])
            if key in table:
                best = (i + n, table[key])
        return best

    def role_at(self, i: int, limit: int | None = None) -> tuple[int, str] | None:
        """The longest role phrase starting at token i, ending by ``limit``:
        ``(end, sector)`` or None ("foreign minister" -> GOV)."""
        lim = self.n if limit is None else limit
        return self._phrase_at(i, self.lex.roles, self.tables.role_firsts, lim)

    def title_at(self, i: int, limit: int | None = None) -> tuple[int, str] | None:
        """The longest title phrase starting at token i ("President")."""
        lim = self.n if limit is None else limit
        return self._phrase_at(i, self.lex.titles, self.tables.title_firsts, lim)

    def title_before(self, i: int, free: bool = False) -> int | None:
        """The first token of the longest title phrase that ends right before token
        i ("Vice President" before a name), or None; with ``free``, only a title
        whose tokens no mention has taken."""
        for s in range(max(0, i - MAX_ROLE_WORDS), i):
            hit = self.title_at(s, i)
            if hit is not None and hit[0] == i and not (free and self.any_taken(s, i)):
                return s
        return None

    def country_inside(self, start: int, end: int) -> str | None:
        """The country of the first name or city inside tokens ``[start, end)``."""
        for i in range(start, end):
            for k in range(min(end, i + 4), i, -1):
                text = self.text(i, k)
                a = self.lookup(text)
                if a is not None:
                    actor = self.lex.actors.get(a.actor)
                    if actor is not None and actor.country:
                        return actor.country
                if text in self.lex.cities:
                    return self.lex.actors[self.lex.cities[text]].country
        return None
