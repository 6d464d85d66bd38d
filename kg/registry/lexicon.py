"""The lexicon: what every surface form of the registry means.

A :class:`Lexicon` is built once per registry (the packaged data plus user files) and
read by the spaCy components: actor records, case-sensitive and case-folded aliases,
role and title phrases, the dated roles of persons, cities, and the words that never
name an actor. This module also holds the text folding that makes "Hay’at" match
"Hay'at" (quotes, hyphens, diacritics) and the slug of minted actor ids.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from kg.types import Actor
from kg.vocab import ACTOR_CLASSES

#: Classes a registry entry may have (every actor class but the abstract Actor).
CLASSES = ACTOR_CLASSES - {"Actor"}

#: Classes whose entries speak for their parent state ("the Pentagon" -> US, MIL).
INSTITUTION_CLASSES = frozenset({"Government", "Military", "Agency"})

#: Classes of non-state organisations (armed groups, parties, peoples, the rest).
ORG_CLASSES = frozenset({"ArmedGroup", "Organisation", "Party", "Group"})

# What an alias stands for (the label of the mention span it yields).
NAME, CAPITAL, DEMONYM, INSTITUTION, LEADER, PLACE = (
    "NAME",
    "CAPITAL",
    "DEMONYM",
    "INSTITUTION",
    "LEADER",
    "PLACE",
)


@dataclass(frozen=True)
class Alias:
    """What one surface form means: an actor, found as ``kind``, with a sector."""

    actor: str
    kind: str = NAME
    sector: str | None = None
    code: str | None = None


class Role(NamedTuple):
    """One role of a person: speaks for ``actor`` with ``sector`` between two dates.

    A named tuple of strings: tens of thousands of them (the imported officials)
    stay out of the garbage collector's work.
    """

    actor: str
    sector: str | None
    start: str | None = None
    end: str | None = None


@dataclass
class Lexicon:
    """Everything the components need; built once per registry.

    Attributes:
        actors: Actor id -> record.
        aliases: Case-sensitive surface form -> alias (matched on ``ORTH``).
        folded: Lower-case surface form -> alias (PETRARCH phrases, matched on
            ``LOWER``).
        ignore: Phrases that contain a name but do not name the actor.
        roles: Folded role phrase (tuple of words) -> sector ("foreign minister").
        titles: Folded title phrase -> sector ("President" before a name).
        person_roles: Person id -> the dated roles of the person (kg's own
            persons, which are actors, and the imported officials, which are
            not: their mentions stand for the state of their role).
        cities: City name -> the id of its country (matched on proper nouns).
        ambiguous: A name shared by several states -> their ids, the most usual
            first ("Congo": the DRC, then the Republic of the Congo); the other
            mentions of the document decide.
        people: Name of an imported leader or official -> the person's id (matched
            on the names NER finds, not by the entity ruler: thousands of them
            would slow the start-up); the id has dated roles in ``person_roles``.
        by_alpha3: ISO alpha-3 code -> the id of the state actor.
        drop: Generated aliases never to match.
        things: Folded head nouns of named things ("accords"), not actors.
        additive: True while user and imported files are read: they add aliases,
            actors, roles and titles and never replace what is already there
            (kg's own registry stays authoritative).
        kept: Lower-case forms of kg's own aliases, which no case-folded user
            phrase may take over.
    """

    actors: dict[str, Actor] = field(default_factory=dict)
    aliases: dict[str, Alias] = field(default_factory=dict)
    folded: dict[str, Alias] = field(default_factory=dict)
    ignore: set[str] = field(default_factory=set)
    roles: dict[tuple[str, ...], str] = field(default_factory=dict)
    titles: dict[tuple[str, ...], str] = field(default_factory=dict)
    person_roles: dict[str, list[Role]] = field(default_factory=dict)
    cities: dict[str, str] = field(default_factory=dict)
    people: dict[str, str] = field(default_factory=dict)
    ambiguous: dict[str, tuple[str, ...]] = field(default_factory=dict)
    by_alpha3: dict[str, str] = field(default_factory=dict)
    drop: set[str] = field(default_factory=set)
    things: set[str] = field(default_factory=set)
    additive: bool = False
    kept: frozenset[str] = frozenset()

    def add_alias(self, text: str, alias: Alias, *, fold: bool = False) -> None:
        """Register ``text`` (and its quote/hyphen/diacritic variants); in
        ``additive`` mode a surface form already taken keeps its meaning."""
        text = " ".join(text.split())
        if not text:
            return
        if fold:
            key = fold_text(text)
            if not (self.additive and (key in self.folded or key in self.kept)):
                self.folded[key] = alias
            return
        for variant in variants(text):
            if not (self.additive and variant in self.aliases):
                self.aliases[variant] = alias

    def add_phrase(
        self, table: dict[tuple[str, ...], str], phrase: tuple[str, ...], sector: str
    ) -> None:
        """Add a role or title phrase; in ``additive`` mode never replace one."""
        if not (self.additive and phrase in table):
            table[phrase] = sector

    def code_for(self, actor_id: str, sector: str | None) -> str | None:
        """CAMEO-style code of a mention of ``actor_id`` with ``sector`` (a sector
        ending in ``~``, PETRARCH's ``NGO~``, goes before the country code)."""
        actor = self.actors.get(actor_id)
        if actor is None:
            return None
        base = actor.code or actor.country
        if actor.cls == "State" and sector and base and len(base) == 3:
            if sector.endswith("~"):
                return sector[:-1] + base
            return base + sector
        return base

    def shield_the(self) -> None:
        """Give "the X Y" to the name "X Y" wherever "the X" names something else,
        so that the longer match wins ("the West Bank" is not "the West")."""
        heads = {k[4:] + " " for k in self.aliases if k.startswith("the ")}
        if not heads:
            return
        firsts = {h.split()[0] for h in heads}
        for key, alias in list(self.aliases.items()):
            if key.split(" ", 1)[0] not in firsts:
                continue
            if any(key.startswith(h) for h in heads):
                for the in ("the ", "The "):
                    self.aliases.setdefault(the + key, alias)

    def copy(self) -> Lexicon:
        """A copy whose tables can be extended without touching this one."""
        return Lexicon(
            actors=dict(self.actors),
            aliases=dict(self.aliases),
            folded=dict(self.folded),
            ignore=set(self.ignore),
            roles=dict(self.roles),
            titles=dict(self.titles),
            person_roles=dict(self.person_roles),
            cities=dict(self.cities),
            people=dict(self.people),
            ambiguous=dict(self.ambiguous),
            by_alpha3=dict(self.by_alpha3),
            drop=set(self.drop),
            things=set(self.things),
            additive=self.additive,
            kept=self.kept,
        )


def with_aliases(
    actor: Actor, more: Iterable[str], *, first: Iterable[str] = ()
) -> Actor:
    """``actor`` with the aliases ``first``, its own, then ``more``, each once."""
    return replace(actor, aliases=tuple(dict.fromkeys((*first, *actor.aliases, *more))))


def fold_text(text: str) -> str:
    """The case-folded, quote- and hyphen-normalised form of ``text``.

    Examples:
        >>> fold_text("Hay’at Tahrir")
        "hay'at tahrir"
    """
    return normalise(text).lower()


#: Typographic quotes and hyphens -> their ASCII twins.
_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "‐": "-", "‑": "-", "–": "-"})


def normalise(text: str) -> str:
    """Straight quotes and ASCII hyphens for their typographic twins.

    Examples:
        >>> normalise("Hay’at Tahrir al‑Sham")
        "Hay'at Tahrir al-Sham"
    """
    return text.translate(_TYPOGRAPHIC)


def strip_accents(text: str) -> str:
    """``text`` without combining diacritics ("Côte" -> "Cote")."""
    return "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    )


def _forms(base: str) -> set[str]:
    """The spellings of one normalised alias ("al-" / "al ", "the"/"The", quotes)."""
    forms = {base}
    if re.search(r"\b[aA]l-", base):
        forms.add(re.sub(r"\b([aA]l)-", r"\1 ", base))
    if base.startswith("the "):
        forms.add("The " + base[4:])
    if base.startswith(("al-", "al ")):
        forms |= {"A" + f[1:] for f in list(forms)}  # sentence-initial "Al-"
    for f in list(forms):
        if "'" in f:
            forms.add(f.replace("'", "’"))
    return forms


def variants(text: str) -> set[str]:
    """Surface variants of an alias: curly/straight quotes, hyphens, diacritics.

    Examples:
        >>> sorted(variants("Hay'at Tahrir al-Sham"))[:2]
        ["Hay'at Tahrir al Sham", "Hay'at Tahrir al-Sham"]
        >>> "Hay’at Tahrir al-Sham" in variants("Hay'at Tahrir al-Sham")
        True
    """
    out: set[str] = set()
    for base in {normalise(text), strip_accents(normalise(text))}:
        out |= _forms(base)
    return {o for o in out if o.strip()}


def slug(text: str) -> str:
    """An IRI-safe slug of a name.

    Examples:
        >>> slug("Baghdad University Medical School")
        'baghdad_university_medical_school'
        >>> slug("Hay’at Tahrir al-Sham")
        'hayat_tahrir_al_sham'
    """
    s = strip_accents(normalise(text)).lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_") or "x"


def plural(word: str) -> str | None:
    """The regular plural of a one-word demonym, or None ("Syrian" -> "Syrians").

    Examples:
        >>> plural("Syrian"), plural("Swiss"), plural("South African")
        ('Syrians', None, None)
    """
    if (
        not word
        or " " in word
        or word.endswith(("sh", "ch", "ese", "ss", "s", "x", "z"))
    ):
        return None
    return word + "s"
