"""Relations between actors: dependency-parse patterns -> ``Assertion`` records.

The ``kg_relations`` spaCy component reads the actor mentions of
``doc.spans["kg_actors"]`` (set by ``kg.nlp.actors``) and writes
``doc._.kg_assertions``: one :class:`kg.types.Assertion` per (source, relation,
target) stated in a sentence.

How a sentence is coded (the patterns are data, ``kg/resources/patterns.yaml``):

1. **Triggers.** A verb whose lemma is in the verb lexicon (the object, particle or
   preposition may refine it: "withdraw troops" vs "withdraw aid", "call on"), a light
   verb whose object is an event noun ("held talks", "imposed sanctions", "launched
   strikes"), an event noun with its own arguments ("X's attack on Y", "the sharing of
   intelligence with Y"), or a copula predicate ("X is against Y", "opposed to").
2. **Main event of the clause.** A trigger under a control word is folded into one
   event: intent ("will", "ready to", "vowed to") turns cooperative events into intents
   to cooperate (CAMEO 03, PLOVER AGREE) and hostile ones into threats (CAMEO 13);
   "threatened to X" is a threat; "agreed to X" an agreement; "decided to X" is
   X (planned when X is force); "refused to X" a
   rejection with X kept as a negated event; "failed to X" / "reluctance to X" negate
   X; "urged Y to X" is a demand of Y. "X said Y must Z" is a demand of Y by X;
   "prepared to resume shelling" is military posture (MOBILIZE); "will X unless Y"
   is a threat; "vowed not to X" a rejection. A purpose or participle sub-event with
   the same source and target country is a detail of the main event and is dropped
   ("offered troops to Lebanon to help it"); when the main verb has no target, its
   category wins and the sub-event lends the target ("staged rallies to demand
   reforms from the government" is a protest). A nominal event is coded only when
   no coded event governs its noun. Clauses that are the content of a claim,
   demand or admission ("an admission that X killed Y") are not asserted, nor
   sentences about sport (sport verbs in a sentence with sport words).
3. **Arguments.** Subject (or the "by" agent of a passive) -> source; direct object,
   dative, attribute or prepositional object -> target; the subject of a passive ->
   target; possessor / "by" -> source of a nominal event. Each argument is the actor
   mention found first (breadth first) in its phrase ("representatives from HTS" ->
   HTS), and conjuncts expand to one event per pair ("A and B agreed" gives A->B and
   B->A). An unresolved pronoun subject falls back to the speaker of the reporting
   clause ("Syria says it will ...") or the nearest preceding actor. An agentless
   infinitive or gerund of a noun inside a quotation ("“... the effort to cultivate
   a relationship with HTS”, said the official") takes the quotation's speaker
   (``extra["source_from"] = "quote_speaker"``); the speaker is the actor the
   actor resolver gave to "we"/"our" in the quotation, or the actor named with the
   reporting verb after it. Countering a hostile act ("X foiled a plot by Y",
   "X's thwarting of an attack planned by Y") is X opposes Y: the target is the
   author of the act, or of a hostile act named earlier in the sentence ("threats
   posed by Y"), never its victim.
4. **Qualifiers.** Negation ("not", "never", "no" also on the event noun: "has no
   contact with", "held no talks"; "without consulting X"), modality (asserted,
   reported, intended, planned, hypothetical), attribution ("according to X",
   "X said"), and the event date (a date phrase of the clause normalised against
   the article date; the article date otherwise, with
   ``extra["date_explicit"] = "false"``).
5. **Category refinements.** Killing or wounding by state forces (MIL/police sector
   or "troops", "aircraft", ...) is FIGHT (CAMEO 19), by irregulars ASSAULT (18); an
   attack by irregulars on civilians or refugees is ASSAULT. A place ("in Syria") is a
   target only for categories where the place is what is acted on (not CONSULT,
   AGREE, SUPPORT, COOPERATE, DEMAND, DISAPPROVE, REJECT, INVESTIGATE). Two mentions
   of one country pair only when their CAMEO codes differ ("Nigerian authorities"
   NGAGOV -> a Nigerian group), never a mention with itself or its pronoun.

``extract_articles`` makes one Doc per article carrying its id and date (so leaders
resolve by the article date and relative dates are normalised against it); with
several processes, forked workers run the whole pipeline and return only the
assertions.

Confidence is a documented heuristic: 0.85 for a verb trigger, 0.8 for a light verb
with its noun, 0.7 for a nominal event or copula predicate; minus 0.15 when the source
or target came from a fallback (speaker or nearest actor), minus 0.1 for a coreferent
mention (a pronoun or "the group"), minus 0.1 for a hypothetical event.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.dates import resolve_date_phrase
from kg.nlp import doc as _doc  # noqa: F401  (registers the Doc extensions)
from kg.types import Assertion, KGError, Mention
from kg.vocab import Relation, load_vocabulary

__all__ = [
    "Patterns",
    "RelationExtractor",
    "extract",
    "load_patterns",
]


_PRONOUNS = frozenset(
    "it they he she we its their his her our them him us i you this that which "
    "who".split()
)
_COREF_HEADS = frozenset(
    "group militants organisation organization movement government regime country "
    "state army rebels guerrillas alliance party authorities officials".split()
)
# Prepositions whose object can be the target of an event.
_TARGET_PREPS = frozenset(
    "with against to on upon at into in from over toward towards for between of "
    "onto across around near within inside outside about".split()
)
# Nouns whose "that"-clause is a claim, demand or fear, not a statement of fact.
_CONTENT_NOUNS = frozenset(
    "claim claims admission allegation allegations accusation accusations demand "
    "call rumour rumor suggestion suggestions denial fear fears speculation "
    "possibility idea assertion assertions charge charges scepticism skepticism "
    "report reports".split()
)
# Prepositions that open a circumstance (another event), never an argument.
_ASIDE_PREPS = frozenset(
    "despite because although during amid amidst while unlike besides except without "
    "notwithstanding".split()
)
# Subordinators of a circumstance clause, never searched for a target ("if" and
# "unless" are not: "threatened to X if Y goes ahead" names Y).
_ASIDE_MARKS = frozenset(
    "as while when whenever because since although though after before until once "
    "whereas".split()
)
# Subordinators of a clause about another event ("when" and "after" may still
# name where the same event happened: "killed 23 when they blew themselves up in X").
_CONTRAST_MARKS = frozenset("as while because although though whereas".split())
# Prepositions of time or circumstance: "announced after a meeting" is no meeting.
_WHEN_PREPS = _ASIDE_PREPS | frozenset(
    "after before following since until till ahead prior throughout".split()
)
# Verbs whose direct object is the party addressed ("urged Iran to ...").
_ADDRESSEE_VERBS = frozenset(
    "urge ask press pressure persuade encourage tell instruct order force compel "
    "invite implore beg".split()
)
_RELATIVES = frozenset({"that", "which", "who", "whom", "whose"})
# Prepositions of place: their object is where an event happened, a target only
# for material conflict and protest ("shelled positions in Rafah").
_PLACE_PREPS = frozenset("in at near inside outside within around across".split())
# Head words of a mention that make its source a state force.
_FORCE_WORDS = frozenset(
    "forces troops army soldiers military police aircraft "
    "jets warplanes helicopters tanks navy warships artillery "
    "gunboats drones marines".split()
)
# Nouns naming another party by its relation to the possessor ("Israel's ally",
# "a proxy of Iran"): the possessor is not the party.
_RELATIONAL_NOUNS = frozenset(
    "ally allies proxy proxies partner partners friend friends enemy enemies rival "
    "rivals foe foes neighbour neighbours neighbor neighbors client clients "
    "surrogate surrogates affiliate affiliates backer backers patron sponsor "
    "sponsors".split()
)
# People who carry out hostile acts ("thwarted the fighters of X").
_FIGHTER_NOUNS = frozenset(
    "militants fighters rebels insurgents jihadists terrorists gunmen attackers "
    "bombers cell cells".split()
)
# Categories where a passive with no agent takes the place as the actor ("was
# arrested in Egypt", "were killed near Samarra").
_PLACE_ACTS = frozenset(
    {"INVESTIGATE", "COERCE", "ASSAULT", "FIGHT", "SANCTION", "MOBILIZE", "DISAPPROVE"}
)
# Prepositions that introduce the target of a nominal event ("attack on Y").
_NOUN_PREPS = frozenset(
    "of with against on upon to toward towards between from over into".split()
)
# Categories whose target is never the place where it happened ("met in Syria").
_NO_PLACE = frozenset(
    {
        "CONSULT",
        "AGREE",
        "SUPPORT",
        "COOPERATE",
        "DEMAND",
        "DISAPPROVE",
        "REJECT",
        "INVESTIGATE",
    }
)
# Dependents that open a new clause: searched last for targets.
_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj"})
# Dependents never searched for a target.
_SKIP_DEPS = frozenset(
    {
        "nsubj",
        "nsubjpass",
        "agent",
        "punct",
        "aux",
        "auxpass",
        "neg",
        "mark",
        "cc",
        "npadvmod",
        "expl",
        "csubjpass",
    }
)
_SUBJ_DEPS = frozenset({"nsubj", "csubj"})
_OBJ_DEPS = frozenset({"dobj", "dative", "attr", "oprd", "obj"})
# Dependencies through which a sub-event hangs under the main event of its clause.
_DETAIL_DEPS = frozenset(
    {"xcomp", "advcl", "acl", "pcomp", "prep", "pobj", "dobj", "npadvmod"}
)
# Purely verbal cooperation that "will"/"would" leaves as intent (CAMEO 03).
_INTENT_RELATIONS = {"AID": "offersAidTo"}


# --------------------------------------------------------------------------- patterns
@dataclass(frozen=True)
class VerbEntry:
    """One verb of the lexicon: default relation and refinements."""

    default: str | None
    obj: dict[str, str | None] = field(default_factory=dict)
    prep: dict[str, str | None] = field(default_factory=dict)
    prt: dict[str, str | None] = field(default_factory=dict)
    prefer: tuple[str, ...] = ()
    no_obj: bool = False


@dataclass(frozen=True)
class Patterns:
    """The pattern data of ``patterns.yaml``, checked against the vocabulary.

    Attributes:
        verbs: Verb lemma -> :class:`VerbEntry`.
        light_verbs: Verbs that take their relation from an event-noun object.
        nouns: Event noun -> relation (light-verb objects and nominal events).
        light_overrides: Light verb -> noun -> relation ("lift" + "curfew").
        copula: Predicate adjective or preposition after "be" -> relation.
        control: Control class (intent, agree, threat, refusal, negator, demand,
            hypothetical, obligation) -> words.
        reporting: Reporting verbs ("say", "report").
        reported_markers: Adverbs marking a claim as reported.
        negations: Negation words.
    """

    verbs: dict[str, VerbEntry]
    light_verbs: frozenset[str]
    nouns: dict[str, str]
    light_overrides: dict[str, dict[str, str]]
    copula: dict[str, str]
    control: dict[str, frozenset[str]]
    reporting: frozenset[str]
    reported_markers: frozenset[str]
    negations: frozenset[str]
    sports: frozenset[str] = frozenset()
    sports_verbs: frozenset[str] = frozenset()
    counter_relation: str | None = None
    counter_triggers: frozenset[str] = frozenset()
    counter_objects: frozenset[str] = frozenset()

    def control_class(self, word: str) -> str | None:
        """Return the control class of a lemma ("intent", "threat", ...) or None."""
        for name in (
            "threat",
            "refusal",
            "agree",
            "decision",
            "negator",
            "demand",
            "posture",
            "intent",
        ):
            if word in self.control.get(name, ()):
                return name
        return None


def _check(rel: Any, where: str, vocab: dict[str, Relation]) -> str | None:
    if rel is None:
        return None
    if rel not in vocab:
        raise KGError(
            f"pattern {where} names unknown relation {rel!r}; "
            f"expected one of kg/resources/relations.yaml"
        )
    return str(rel)


def _no_bools(value: Any, where: str) -> None:
    """YAML reads unquoted on/off/yes/no as booleans: refuse them with a hint."""
    if isinstance(value, bool):
        raise KGError(
            f"patterns {where} has the boolean {value}; quote words such as "
            f"'on', 'off', 'no' in YAML"
        )
    if isinstance(value, dict):
        for k, v in value.items():
            _no_bools(k, where)
            _no_bools(v, f"{where}.{k}")
    elif isinstance(value, list):
        for v in value:
            _no_bools(v, where)


def parse_patterns(data: dict, vocab: dict[str, Relation] | None = None) -> Patterns:
    """Turn the parsed ``patterns.yaml`` mapping into :class:`Patterns`.

    Raises:
        KGError: when an entry names a relation absent from the vocabulary.

    Examples:
        >>> p = parse_patterns({"verbs": {"slam": "condemns"}})
        >>> p.verbs["slam"].default
        'condemns'
    """
    vocab = vocab if vocab is not None else load_vocabulary()
    for key, value in data.items():
        if key != "verbs":
            _no_bools(value, str(key))
    for lemma, entry in (data.get("verbs") or {}).items():
        if isinstance(entry, dict):
            for k in ("obj", "prep", "prt", "prefer"):
                _no_bools(entry.get(k), f"verbs.{lemma}.{k}")
    verbs: dict[str, VerbEntry] = {}
    for lemma, entry in (data.get("verbs") or {}).items():
        lemma = str(lemma)
        if not isinstance(entry, dict):
            verbs[lemma] = VerbEntry(_check(entry, f"verbs.{lemma}", vocab))
            continue
        verbs[lemma] = VerbEntry(
            _check(entry.get("default"), f"verbs.{lemma}", vocab),
            prefer=tuple(map(str, entry.get("prefer") or ())),
            no_obj=bool(entry.get("no_obj", False)),
            **{
                k: {
                    str(w): _check(r, f"verbs.{lemma}.{k}.{w}", vocab)
                    for w, r in (entry.get(k) or {}).items()
                }
                for k in ("obj", "prep", "prt")
            },
        )
    nouns = {
        str(n): str(_check(r, f"nouns.{n}", vocab))
        for n, r in (data.get("nouns") or {}).items()
    }
    overrides = {
        str(v): {
            str(n): str(_check(r, f"light_overrides.{v}.{n}", vocab))
            for n, r in m.items()
        }
        for v, m in (data.get("light_overrides") or {}).items()
    }
    copula = {
        str(w): str(_check(r, f"copula.{w}", vocab))
        for w, r in (data.get("copula") or {}).items()
    }
    control = {
        str(k): frozenset(map(str, v or ()))
        for k, v in (data.get("control") or {}).items()
    }
    counter = data.get("counter") or {}
    counter_rel = _check(counter.get("relation"), "counter.relation", vocab)
    counter_verbs = frozenset(map(str, counter.get("verbs") or ()))
    counter_nouns = frozenset(map(str, counter.get("nouns") or ()))
    if counter_rel is not None:
        for v in counter_verbs:
            verbs.setdefault(v, VerbEntry(counter_rel))
        for n in counter_nouns:
            nouns.setdefault(n, counter_rel)
    return Patterns(
        verbs=verbs,
        light_verbs=frozenset(map(str, data.get("light_verbs") or ())),
        nouns=nouns,
        light_overrides=overrides,
        copula=copula,
        control=control,
        reporting=frozenset(map(str, data.get("reporting") or ())),
        reported_markers=frozenset(map(str, data.get("reported_markers") or ())),
        negations=frozenset(map(str, data.get("negations") or ())),
        sports=frozenset(map(str, data.get("sports") or ())),
        sports_verbs=frozenset(map(str, data.get("sports_verbs") or ())),
        counter_relation=counter_rel,
        counter_triggers=counter_verbs | counter_nouns,
        counter_objects=frozenset(map(str, counter.get("objects") or ())),
    )


def _merge(base: dict, extra: dict) -> dict:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}
        elif isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = list(out[key]) + value
        else:
            out[key] = value
    return out


@lru_cache(maxsize=8)
def load_patterns(extra: tuple[str, ...] = ()) -> Patterns:
    """Load the packaged patterns, merged with user files of the same shape.

    Args:
        extra: Paths of YAML files whose entries override or extend the packaged ones.

    Raises:
        KGError: when a file is missing or not valid pattern data.

    Examples:
        >>> load_patterns().verbs["condemn"].default
        'condemns'
    """
    text = resources.files("kg.resources").joinpath("patterns.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    for path in extra:
        try:
            user = yaml.safe_load(Path(path).read_text("utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise KGError(f"cannot read patterns file {path!r}: {exc}") from None
        if not isinstance(user, dict):
            raise KGError(f"patterns file {path!r} is not a mapping")
        data = _merge(data, user)
    return parse_patterns(data)


# ---------------------------------------------------------------------------- helpers
@dataclass
class _Event:
    """A relation event under construction."""

    trigger: Token
    relation: str
    kind: str  # verb, light, noun, copula
    words: list[Token]
    sources: list[Span] = field(default_factory=list)
    targets: list[Span] = field(default_factory=list)
    negated: bool = False
    modality: str = "asserted"
    attribution: str | None = None
    fallback: bool = False
    top: Token | None = None  # highest token of the clause chain
    extra: dict[str, str] = field(default_factory=dict)
    secondary: list[tuple[str, bool]] = field(default_factory=list)
    sources_found: list[Span] = field(default_factory=list)


def _key(span: Span) -> tuple[str, str]:
    """Identity of a mention for pairing: actor id and actor code."""
    m = span._.kg_mention if Span.has_extension("kg_mention") else None
    return span.id_, (getattr(m, "code", None) or "")


def _crosses_clause(tok: Token, heads: set[int]) -> bool:
    """True when the path from ``tok`` up to ``heads`` enters another clause."""
    n = 0
    while tok.i not in heads:
        if tok.head.i == tok.i or n > 20:
            return True
        if tok.dep_ in ("agent", "acl", "relcl", "advcl", "ccomp"):
            return True
        tok = tok.head
        n += 1
    return False


def _depth(tok: Token) -> int:
    n = 0
    while tok.head.i != tok.i and n < 50:
        tok = tok.head
        n += 1
    return n


def _is_pronoun(tok: Token) -> bool:
    return tok.lower_ in _PRONOUNS or tok.pos_ == "PRON"


def _has_neg(tok: Token, negs: frozenset[str]) -> bool:
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and c.lower_ in negs):
            if c.lower_ not in ("without",):
                return True
    return False


class RelationExtractor:
    """Extract assertions from a parsed ``Doc`` with actor mentions.

    Args:
        patterns: The pattern data (default: the packaged ``patterns.yaml``).
        vocabulary: The relation vocabulary (default: the packaged one).
    """

    def __init__(
        self,
        patterns: Patterns | None = None,
        vocabulary: dict[str, Relation] | None = None,
    ) -> None:
        self.p = patterns or load_patterns()
        self.vocab = vocabulary or load_vocabulary()
        ctl = self.p.control
        self._intent = ctl.get("intent", frozenset())
        self._hypo = ctl.get("hypothetical", frozenset())
        self._oblig = ctl.get("obligation", frozenset())
        self._keys: dict[tuple[int, int], tuple[str, str]] = {}
        self._mentions: dict[tuple[int, int], Mention] = {}
        self._dates: list[Span] = []
        self._quotes: list[tuple[int, int, Span]] = []
        p = self.p
        self._cand = (
            set(p.verbs)
            | set(p.nouns)
            | p.light_verbs
            | set(p.light_overrides)
            | {"be"}
        )
        self._known = set().union(*p.control.values()) | p.reporting

    # --------------------------------------------------------------- relation logic
    def _hostile(self, rel: str) -> bool:
        return self.vocab[rel].quad_class >= 3

    def _threat(self, rel: str) -> str:
        plover = self.vocab[rel].plover
        return (
            "threatensForceAgainst" if plover in ("FIGHT", "ASSAULT") else "threatens"
        )

    def _intent_of(self, rel: str) -> str:
        if rel in ("agreesWith", "promisesTo", "offersAidTo", "intendsToCooperateWith"):
            return rel
        return _INTENT_RELATIONS.get(self.vocab[rel].plover, "intendsToCooperateWith")

    def _lemma(self, tok: Token) -> str:
        """The lemma, repaired for verbs the lemmatiser gets wrong ("staged" ->
        "stag"): a regular inflection of a lexicon verb is taken as that verb."""
        lemma = tok.lemma_.lower()
        if lemma in self._cand or not tok.tag_.startswith("VB"):
            return lemma
        low = tok.lower_
        for suffix, add in (
            ("ed", ""),
            ("d", ""),
            ("ing", ""),
            ("ing", "e"),
            ("s", ""),
            ("es", ""),
            ("ied", "y"),
            ("ies", "y"),
        ):
            if low.endswith(suffix):
                stem = low[: -len(suffix)] + add
                if stem in self._cand or stem in self._known:
                    return stem
        return lemma

    # ------------------------------------------------------------------- triggers
    def _noun_relation(self, tok: Token) -> str | None:
        nouns = self.p.nouns
        return nouns.get(tok.lower_) or nouns.get(tok.lemma_.lower())

    def _verb_relation(self, tok: Token) -> tuple[str | None, str, list[Token]]:
        """Relation of a verb token: (relation, kind, trigger words)."""
        lemma = self._lemma(tok)
        entry = self.p.verbs.get(lemma)
        objs = [c for c in tok.children if c.dep_ in ("dobj", "obj", "attr")]
        if (
            not objs
            and tok.dep_ == "amod"
            and any(c.dep_ in ("npadvmod", "nsubj") for c in tok.children)
        ):  # headline parse "US shared intelligence with ..."
            objs = [tok.head]
        if (
            not objs
            and tok.dep_ in ("acl", "relcl")
            and tok.head.pos_ in ("NOUN", "PROPN")
        ):
            # "the aid deliveries suspended by X" -> the head noun is the object
            if any(c.dep_ == "agent" for c in tok.children):
                objs = [tok.head]
        if entry is not None:
            for c in tok.children:
                if c.dep_ in ("prt", "advmod", "prep") and c.lower_ in entry.prt:
                    return entry.prt[c.lower_], "verb", [tok, c]
            for o in objs:
                mods = [c for c in o.children if c.dep_ in ("compound", "amod")]
                for key in [m.lower_ for m in mods] + [o.lower_, o.lemma_.lower()]:
                    if key in entry.obj:
                        return entry.obj[key], "light", [tok, o]
        over = self.p.light_overrides.get(lemma, {})
        for o in objs:
            for key in (o.lower_, o.lemma_.lower()):
                if key in over:
                    return over[key], "light", [tok, o]
        if lemma in self.p.light_verbs:
            for o in objs + [c for x in objs for c in x.conjuncts]:
                rel = self._noun_relation(o)
                if rel:
                    return rel, "light", [tok, o]
            for o in objs:
                # "launched a mediation effort", "ten days of war games"
                inner = [c for c in o.children if c.dep_ == "compound"] + [
                    g
                    for c in o.children
                    if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children
                    if g.dep_ == "pobj"
                ]
                for n in inner:
                    rel = self._noun_relation(n)
                    if rel:
                        return rel, "light", [tok, n]
            for c in tok.children:  # "put under investigation", "called for sanctions"
                if c.dep_ == "prep" and c.lower_ not in _WHEN_PREPS:
                    for o in c.children:
                        if o.dep_ == "pobj":
                            rel = over.get(o.lemma_.lower()) or self._noun_relation(o)
                            if rel and (
                                entry is None
                                or entry.default is None
                                or c.lower_ in ("under", "for", "on", "into")
                            ):
                                return rel, "light", [tok, o]
        if entry is not None:
            for c in tok.children:
                if (
                    c.dep_ == "prep"
                    and c.lower_ in entry.prep
                    and not any(o.ent_type_ in ("DATE", "TIME") for o in c.children)
                ):  # "called on Iran" but not "called on Tuesday"
                    return entry.prep[c.lower_], "verb", [tok, c]
                if c.dep_ == "advcl":  # "pushing for the US (to) support ..."
                    for m in c.children:
                        if m.dep_ == "mark" and m.lower_ in entry.prep:
                            return entry.prep[m.lower_], "verb", [tok, m]
            return entry.default, "verb", [tok]
        return None, "verb", [tok]

    def _triggers(self, sent: Span) -> list[_Event]:
        events: list[_Event] = []
        consumed: set[int] = set()
        cand = self._cand
        nouns = self.p.nouns
        toks = [t for t in sent if self._lemma(t) in cand or t.lower_ in nouns]
        for tok in toks:
            verbal_noun = (
                tok.dep_ == "xcomp"
                and tok.pos_ == "NOUN"
                and tok.lower_ in self.p.verbs
            )  # "declined to sanction Russia" (sanction tagged as a noun)
            if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB") or verbal_noun:
                if tok.lemma_ == "be":
                    ev = self._copula(tok)
                    if ev:
                        events.append(ev)
                    continue
                if any(c.dep_ == "det" for c in tok.children):
                    continue  # "the wounded", "the killing": not a clause
                if tok.dep_ == "amod" and not (
                    tok.head.dep_ in ("ROOT", "dep", "nsubj", "ccomp")
                    and any(c.dep_ in ("npadvmod", "nsubj") for c in tok.children)
                ):
                    continue  # "alleged bombers", "the besieged town"
                if (
                    tok.dep_ == "acl"
                    and tok.tag_ == "VBN"
                    and not any(c.dep_ == "agent" for c in tok.children)
                ):
                    continue  # "a letter handed over to the UN"
                if self._content_clause(tok):
                    continue  # "an admission that X murdered Y": not asserted
                rel, kind, words = self._verb_relation(tok)
                if rel:
                    events.append(_Event(tok, rel, kind, words))
                    consumed.update(w.i for w in words)
            elif (
                tok.pos_ == "ADJ"
                and tok.lower_ in self.p.copula
                and tok.dep_ in ("acomp", "amod")
                and tok.head.lemma_ == "be"
            ):
                continue
        for tok in toks:
            if tok.i in consumed or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            rel = self._noun_relation(tok)
            if rel:
                events.append(_Event(tok, rel, "noun", [tok]))
        return events

    def _content_clause(self, tok: Token) -> bool:
        """True when the verb heads a clause that is the content of a noun."""
        t = tok
        for _ in range(3):
            if t.dep_ in ("acl", "ccomp", "relcl") and t.head.pos_ == "NOUN":
                if any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children):
                    return t.head.lemma_.lower() in _CONTENT_NOUNS
            if t.dep_ == "ccomp" and any(  # "reiterated its demand that X ..."
                c.dep_ == "dobj" and c.lemma_.lower() in _CONTENT_NOUNS
                for c in t.head.children
            ):
                return True
            if t.dep_ not in ("conj", "xcomp"):
                return False
            t = t.head
        return False

    def _copula(self, tok: Token) -> _Event | None:
        for c in tok.children:
            key = c.lower_
            if c.dep_ in ("prep", "acomp") and key in self.p.copula:
                return _Event(tok, self.p.copula[key], "copula", [tok, c])
        return None

    # ------------------------------------------------------------------ arguments
    def _mention(self, tok: Token, index: dict[int, Span]) -> Span | None:
        return index.get(tok.i)

    def _find(
        self,
        tok: Token,
        index: dict[int, Span],
        exclude: set[tuple[str, str]],
        *,
        clauses: bool = True,
        conj: bool = False,
        places: bool = True,
    ) -> list[Span]:
        """Actor mentions for the phrase headed by ``tok`` (breadth first)."""
        found: list[Span] = []
        heads = [tok] + (list(tok.conjuncts) if conj else [])
        for head in heads:
            queue = [head]
            parent: dict[int, Token] = {}
            seen = 0
            while queue and seen < 60:
                t = queue.pop(0)
                seen += 1
                m = index.get(t.i)
                if m is not None and self._key(m) not in exclude:
                    if all((m.start, m.end) != (f.start, f.end) for f in found):
                        found.append(m)
                    if conj:  # "to Iran, Libya and Cuba": every conjunct
                        inner = [c for w in m for c in w.conjuncts]
                        up = t
                        while up.i in parent:  # "a movement and the PLO"
                            up = parent[up.i]
                            if up.i != head.i:
                                inner.extend(up.conjuncts)
                        for c in inner + list(t.conjuncts):
                            if m.start <= c.i < m.end:
                                continue
                            if self._noun_relation(c) and any(
                                x.dep_ == "poss" for x in c.children
                            ):
                                continue  # "... and its designation of HTS"
                            for other in self._find(
                                c, index, exclude, clauses=clauses, places=places
                            ):
                                if all(other.start != f.start for f in found):
                                    found.append(other)
                    break
                for c in t.children:
                    if c.dep_ in ("punct", "cc", "mark", "case"):
                        continue
                    if c.dep_ == "conj" and t.i == head.i:
                        continue
                    if not clauses and c.dep_ in _CLAUSE_DEPS:
                        continue
                    if c.dep_ == "prep" and c.lower_ == "according":
                        continue
                    if not places and c.dep_ == "prep" and c.lower_ in _PLACE_PREPS:
                        continue
                    if t.lemma_.lower() in _RELATIONAL_NOUNS and (
                        c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of")
                    ):
                        continue  # "Israel's militia ally" is not Israel
                    parent[c.i] = t
                    if c.dep_ == "prep" and c.lower_ in _ASIDE_PREPS:
                        continue  # "despite X's reluctance to ...": another event
                    if c.dep_ == "advcl" and any(
                        m.dep_ in ("mark", "advmod") and m.lower_ in _ASIDE_MARKS
                        for m in c.children
                    ):
                        continue  # "... if war starts in Iraq": a circumstance
                    queue.append(c)
        return found

    def _subject(self, tok: Token, depth: int = 0) -> tuple[Token | None, str]:
        """The subject token of a predicate, climbing control and coordination.

        Returns (token, how) with how in {"subj", "agent", "poss", "relcl", ""}.
        """
        if depth > 6:
            return None, ""
        for c in tok.children:
            if c.dep_ in _SUBJ_DEPS:
                if tok.dep_ == "relcl" and c.lower_ in _RELATIVES:
                    return tok.head, "relcl"
                return c, "subj"
            if c.dep_ in ("aux", "auxpass"):  # parser slip: subject on the auxiliary
                for cc in c.children:
                    if cc.dep_ in _SUBJ_DEPS:
                        return cc, "subj"
        if tok.dep_ == "amod":  # headline parse "US shared intelligence"
            for c in tok.children:
                if c.dep_ == "npadvmod":
                    return c, "subj"
        for c in tok.children:
            if c.dep_ == "agent":
                for o in c.children:
                    if o.dep_ == "pobj":
                        return o, "agent"
        if tok.pos_ in ("NOUN", "PROPN"):
            for c in tok.children:
                if c.dep_ == "poss":
                    return c, "poss"
        dep = tok.dep_
        head = tok.head
        if head.i == tok.i:
            return None, ""
        if dep == "acl" and tok.tag_ == "VBD":  # a main verb parsed as a modifier
            return head, "subj"
        if dep == "relcl":  # "intelligence to counter Daesh": infinitival relative
            return head, "relcl_inf"
        if dep in (
            "xcomp",
            "conj",
            "advcl",
            "pcomp",
            "acomp",
            "ccomp",
            "prep",
            "pobj",
            "dobj",
            "acl",
            "oprd",
            "attr",
            "nsubjpass",
            "compound",
            "amod",
            "appos",
            "npadvmod",
            "advmod",
        ):
            if dep == "conj" and any(c.dep_ == "nsubjpass" for c in head.children):
                # "X was indicted ... and will resign": the passive subject acts
                for c in head.children:
                    if c.dep_ == "nsubjpass":
                        return c, "subj"
            return self._subject(head, depth + 1)
        return None, ""

    def _passive(self, tok: Token) -> Token | None:
        for c in tok.children:
            if c.dep_ in ("nsubjpass", "csubjpass"):
                return c
        return None

    def _open_heads(
        self,
        chain: list[Token],
        skip: set[int],
        subj: Token | None,
        places_ok: bool,
    ) -> Iterator[Token]:
        """The tokens that may hold a target along a verb chain, in search order:
        never the subject, and no place preposition unless places may be targets."""
        skip = skip | {c.i for c in chain}
        for t in chain:
            for head in self._target_heads(t, skip):
                if subj is not None and head.i == subj.i:
                    continue
                if (
                    head.dep_ == "prep"
                    and head.lower_ in _PLACE_PREPS
                    and not places_ok
                ):
                    continue
                yield head

    def _target_heads(self, tok: Token, skip: set[int]) -> list[Token]:
        """Candidate target phrases of a predicate, best first."""
        first: list[Token] = []
        later: list[Token] = []
        if tok.dep_ == "amod" and tok.pos_ == "VERB":  # headline parse
            first.extend(c for c in tok.head.children if c.dep_ == "prep")
        entry = self.p.verbs.get(self._lemma(tok))
        if entry is not None and entry.prefer:
            first.extend(
                c for c in tok.children if c.dep_ == "prep" and c.lower_ in entry.prefer
            )
        for c in tok.children:
            if c.i in skip:
                continue
            if entry is not None and entry.no_obj and c.dep_ in _OBJ_DEPS:
                continue  # "signed a treaty": the object is the document
            if (
                c.dep_ == "conj"
                and c.pos_ in ("VERB", "AUX")
                and any(x.dep_ in ("nsubj", "nsubjpass", "expl") for x in c.children)
            ):
                continue  # "X denounced the attack, and Y urged ...": another clause
            if c.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in _CONTRAST_MARKS for m in c.children
            ):
                continue  # "promised to help as fighting raged near X"
            if c.dep_ in _OBJ_DEPS and c.lemma_.lower() in _CONTENT_NOUNS:
                # "dismissed claims by X that Y ...": X made the claims; Y is content
                first.extend(
                    x
                    for x in [c, *c.conjuncts]
                    for x in x.children
                    if x.dep_ == "prep" and x.lower_ in ("by", "from")
                )
                continue
            if c.dep_ in _OBJ_DEPS or c.dep_ == "nsubjpass":
                first.append(c)
            elif c.dep_ == "prep" and c.lower_ in _TARGET_PREPS:
                first.append(c)
            elif c.dep_ in ("xcomp", "prt", "acomp", "pcomp", "pobj"):
                first.append(c)
            elif c.dep_ == "prep" and c.lower_ in ("after", "following"):
                later.append(c)  # "called off the strike after talks with X"
            elif (
                c.dep_ == "conj"
                and c.pos_ == "VERB"
                and not any(x.dep_ in _OBJ_DEPS for x in tok.children)
            ):  # "donated and delivered goods to X": the shared object
                later.extend(
                    x
                    for x in c.children
                    if x.dep_ in _OBJ_DEPS
                    or (x.dep_ == "prep" and x.lower_ in _TARGET_PREPS)
                )
                later.append(c)
            elif c.dep_ in _CLAUSE_DEPS or c.dep_ == "conj":
                later.append(c)
        return first + later

    # ------------------------------------------------------------------ clauses
    def _chain(self, ev: _Event) -> None:
        """Fold control verbs, modals and negation over the event (in place)."""
        p = self.p
        tok = ev.trigger
        negs = p.negations
        ev.negated = _has_neg(tok, negs) or any(
            w.pos_ in ("NOUN", "PROPN") and _has_neg(w, negs) for w in ev.words[1:2]
        )  # "has no contact with", "held no talks"
        if tok.dep_ in ("pcomp", "pobj") and tok.head.lower_ == "without":
            ev.negated = True  # "acted without consulting X"
        if p.control_class(self._lemma(tok)) == "intent" and any(
            c.dep_ == "xcomp" and _has_neg(c, negs) for c in tok.children
        ):  # "vowed not to return the land": a refusal (CAMEO 12)
            ev.extra["embedded"] = ev.relation
            ev.relation = "rejects"
        for c in tok.children:
            if c.dep_ in ("aux", "auxpass"):
                w = c.lower_
                if w in self._hypo:
                    ev.modality = "hypothetical"
                elif w in self._intent or c.lemma_ in self._intent:
                    self._apply_intent(ev, c)
                elif w in self._oblig:
                    ev.extra["obligation"] = w
            if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
                ev.modality = "hypothetical"
        top = tok
        steps = 0
        while steps < 6:
            steps += 1
            head = top.head
            if head.i == top.i:
                break
            dep = top.dep_
            if dep == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in top.children
            ):
                ev.modality = "hypothetical"
                break
            if dep not in (
                "xcomp",
                "ccomp",
                "acl",
                "acomp",
                "pcomp",
                "prep",
                "pobj",
                "conj",
            ):
                break
            if dep == "conj":
                # coordinated verbs share the modal context of the first verb
                for c in head.children:
                    if (
                        c.dep_ == "aux"
                        and c.lower_ in self._intent
                        and not any(a.dep_ == "aux" for a in top.children)
                    ):
                        self._apply_intent(ev, c)
                break
            hl = self._lemma(head)
            if dep in ("prep", "pobj"):
                top = head
                continue
            cls = p.control_class(hl)
            if dep == "ccomp" and hl in p.reporting:
                ev.top = top
                self._reporting(ev, head)
                return
            if dep == "ccomp" and cls not in (
                "demand",
                "agree",
                "decision",
                "intent",
                "refusal",
                "threat",
                "posture",
            ):
                break
            if hl in self.p.control.get("aspect", ()):
                top = head  # "resume shelling", "began to attack": transparent
                ev.words.append(head)
                continue
            if cls is None and dep == "acomp":
                top = head
                continue
            if cls is None:
                if head.pos_ == "AUX" or hl == "be":
                    top = head
                    continue
                break
            if _has_neg(head, negs):
                ev.negated = not ev.negated
            self._apply_control(ev, cls, head)
            top = head
            if cls == "demand":
                break
        ev.top = top
        # "will X unless Y": a conditional intent is a threat (CAMEO 13)
        if ev.extra.get("control") == "intent" and any(
            c.dep_ == "advcl"
            and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
            for c in tok.children
        ):
            ev.relation = "threatens"
            ev.modality = "asserted"
        # "X said (that) ...": reporting verb above the clause
        head = top.head
        if (
            top.dep_ in ("ccomp", "parataxis", "conj")
            and self._lemma(head) in p.reporting
        ):
            self._reporting(ev, head)

    def _apply_intent(self, ev: _Event, word: Token) -> None:
        rel = ev.relation
        if ev.extra.get("control"):
            return
        if self._hostile(rel):
            if rel not in ("threatens", "threatensForceAgainst"):
                ev.extra["embedded"] = rel
                ev.relation = self._threat(rel)
        else:
            if rel != self._intent_of(rel):
                ev.extra["embedded"] = rel
            ev.relation = self._intent_of(rel)
        ev.modality = "intended" if ev.modality == "asserted" else ev.modality
        ev.extra["control"] = "intent"
        ev.words.append(word)

    def _apply_control(self, ev: _Event, cls: str, head: Token) -> None:
        rel = ev.relation
        ev.words.append(head)
        if cls == "intent":
            self._apply_intent(ev, head)
            if head.lemma_.lower() in (
                "vow",
                "pledge",
                "promise",
                "swear",
                "offer",
                "commit",
            ):
                ev.modality = "asserted"
                if ev.negated:  # "vowed not to return the land": a refusal
                    ev.secondary.append((ev.extra.get("embedded", rel), True))
                    ev.relation = "rejects"
                    ev.negated = False
        elif cls == "posture":
            # "prepared to resume shelling": military posture (CAMEO 15)
            if self.vocab[rel].plover in ("FIGHT", "ASSAULT") and head.pos_ == "VERB":
                ev.extra["embedded"] = rel
                ev.relation = "mobilisesAgainst"
                ev.extra["control"] = "posture"
            else:
                self._apply_intent(ev, head)
        elif cls == "agree":
            if not self._hostile(rel):
                if rel != "agreesWith":
                    ev.extra["embedded"] = rel
                ev.relation = "agreesWith"
            else:
                ev.modality = "planned"
            ev.extra["control"] = "agree"
        elif cls == "decision":
            # "decided to lift its sanctions": the decided act itself; a decision
            # to use force is planned, not yet done
            if self._hostile(rel):
                ev.modality = "planned"
            ev.extra["control"] = "decision"
        elif cls == "threat":
            ev.extra.setdefault("embedded", rel)
            ev.relation = self._threat(rel) if self._hostile(rel) else "threatens"
            ev.extra["control"] = "threat"
        elif cls == "refusal":
            if not ev.negated:
                ev.secondary.append((rel, True))
                ev.extra["embedded"] = rel
                ev.relation = "rejects"
            ev.extra["control"] = "refusal"
        elif cls == "negator":
            ev.negated = not ev.negated
            ev.extra["control"] = "negator"
        elif cls == "demand":
            ev.extra["embedded"] = rel
            ev.relation = "demands" if head.lemma_.lower() != "urge" else "urges"
            ev.extra["control"] = "demand"
            ev.extra["demand_head"] = str(head.i)

    def _reporting(self, ev: _Event, verb: Token) -> None:
        subj, _ = self._subject(verb)
        if subj is not None:
            ev.extra["speaker"] = str(subj.i)
            phrase = subj.doc[subj.left_edge.i : subj.right_edge.i + 1].text
            ev.attribution = ev.attribution or phrase
        ev.extra["reporting"] = self._lemma(verb)

    # ------------------------------------------------------------------ the core
    def sentence_events(self, sent: Span, index: dict[int, Span]) -> list[_Event]:
        """All events of one sentence with their arguments resolved.

        Verbal triggers are coded deepest first: when one yields an event, the
        control verbs folded into it are consumed ("agreed to X" is one event).
        A nominal event is coded only when no emitted event governs its noun.
        """
        events = self._triggers(sent)
        events.extend(self._obligations(sent, events))
        if not events:
            return []
        verbal = sorted(
            (e for e in events if e.kind != "noun"), key=lambda e: -_depth(e.trigger)
        )
        nominal = [e for e in events if e.kind == "noun"]
        consumed: set[int] = set()
        out: list[_Event] = []
        failed: dict[int, _Event] = {}
        for ev in verbal:
            if ev.trigger.i in consumed:
                continue
            self._chain(ev)
            if self._arguments(ev, sent, index):
                out.append(ev)
                consumed.update(w.i for w in ev.words)
            elif ev.sources_found and not self.p.control_class(
                ev.trigger.lemma_.lower()
            ):
                failed[ev.trigger.i] = ev
        governors = {w.i for e in out for w in e.words}
        for ev in nominal:
            own_source = ev.trigger.dep_ == "conj" and any(
                c.dep_ == "poss" for c in ev.trigger.children
            )
            if ev.trigger.i in consumed or (
                not own_source and any(a.i in governors for a in ev.trigger.ancestors)
            ):
                continue
            self._chain(ev)
            if self._arguments(ev, sent, index):
                out.append(ev)
        out = self._main_events(out, failed)
        if self.p.sports and any(
            w in self.p.sports for w in re.findall(r"[\w-]+", sent.text.lower())
        ):  # "Brazil beat Argentina in the semi-final": sport, not politics
            out = [e for e in out if self._lemma(e.trigger) not in self.p.sports_verbs]
        self._attribution(sent, out)
        return out

    def _obligations(self, sent: Span, events: list[_Event]) -> list[_Event]:
        """ "X said Y must Z": a demand of X on Y even when Z is no trigger."""
        out: list[_Event] = []
        have = {e.trigger.i for e in events}
        for aux in sent:
            if aux.lower_ not in self._oblig or aux.dep_ != "aux":
                continue
            tok = aux.head
            if tok.i in have or tok.pos_ not in ("VERB", "AUX"):
                continue
            if tok.dep_ in ("ccomp", "conj", "xcomp"):
                ev = _Event(tok, "demands", "verb", [tok, aux])
                ev.extra["obligation"] = aux.lower_
                out.append(ev)
        return out

    def _countries(self, spans: list[Span]) -> set[str]:
        out = set()
        for sp in spans:
            m = self._mention_of(sp, 0)
            out.add(m.country or m.actor)
        return out

    def _main_events(
        self, events: list[_Event], failed: dict[int, _Event] | None = None
    ) -> list[_Event]:
        """Keep the main event of a clause: drop purpose/participle sub-events.

        An event whose trigger hangs (through xcomp, advcl, acl, prep, ...) under
        the trigger of another event with the same source is a detail of it
        ("staged demonstrations to demand reforms", "offered troops to help him").
        When the main verb had no target of its own, its category wins and the
        sub-event lends its target ("staged demonstrations to demand reforms from
        the government" is a protest against the government).
        """
        failed = failed or {}
        keep: list[_Event] = []
        by_tok = {e.trigger.i: e for e in events}
        for ev in events:
            src = {m.id_ for m in ev.sources}
            t = ev.trigger
            drop = False
            steps = 0
            while t.head.i != t.i and steps < 8 and t.dep_ in _DETAIL_DEPS:
                steps += 1
                t = t.head
                main = failed.get(t.i)
                if (
                    main is not None
                    and ev.trigger.dep_ in ("advcl", "xcomp", "acl")
                    and ev.trigger.head.i in {w.i for w in main.words}
                    and {m.id_ for m in main.sources_found} & src
                ):
                    ev.extra["embedded"] = ev.relation
                    ev.relation = main.relation
                    ev.words.extend(main.words)
                    break
                other = by_tok.get(t.i)
                if (
                    other is not None
                    and other is not ev
                    and ({m.id_ for m in other.sources} & src)
                    and self._countries(other.targets) & self._countries(ev.targets)
                ):
                    drop = True
                    break
            if not drop:
                keep.append(ev)
        return keep

    def _actors(
        self,
        tok: Token | None,
        index: dict[int, Span],
        exclude: set[tuple[str, str]],
        *,
        conj: bool = True,
        places: bool = True,
    ) -> list[Span]:
        if tok is None:
            return []
        return self._find(tok, index, exclude, clauses=False, conj=conj, places=places)

    def _arguments(self, ev: _Event, sent: Span, index: dict[int, Span]) -> bool:
        tok = ev.trigger
        doc = tok.doc
        skip: set[int] = set()
        # --- source
        subj, how = self._subject(tok)
        passive = self._passive(tok) if ev.kind != "noun" else None
        if passive is not None and how != "agent" and tok.lower_ in self.p.copula:
            # "X and Y are opposed to Z": an adjective, not a passive
            subj, how, passive = passive, "subj", None
        if passive is not None:
            agent = subj if how == "agent" else None
            sources = self._actors(agent, index, set())
            skip.add(passive.i)
            targets = self._actors(passive, index, {self._key(m) for m in sources})
            if not sources:
                # "X were killed by a bomb near <place>": only material conflict
                # takes the place or group named in the clause as its source
                if (
                    self.vocab[ev.relation].plover not in _PLACE_ACTS
                    or not targets
                    or self._is_counter(ev)
                ):
                    return False
                tgt_ids = {self._key(m) for m in targets}
                # "was put under investigation in Italy": the verb or its noun
                near = [c for w in ev.words[:2] for c in w.children]
                for c in near:
                    if (
                        c.dep_ == "agent"
                        or (c.dep_ == "prep" and c.lower_ in _PLACE_PREPS)
                    ) and c.i not in skip:
                        sources = self._actors(c, index, tgt_ids)
                        if sources:
                            ev.fallback = True
                            break
                if not sources:
                    return False
        else:
            if ev.kind == "noun":
                subj, how = self._noun_source(tok)
            sources = self._actors(subj, index, set()) if subj is not None else []
            if subj is not None and how == "subj":
                skip.add(subj.i)
            targets = []
        # speaker / nearest-actor fallback for pronoun or empty subjects
        if how == "relcl" and subj is not None and subj.i not in index:
            # "a resolution that aims to impose sanctions": not an actor acting
            return False
        if not sources and (
            subj is None or _is_pronoun(subj) or how in ("relcl", "relcl_inf")
        ):
            speaker = ev.extra.get("speaker")
            if speaker is not None:
                sources = self._actors(doc[int(speaker)], index, set())
                ev.fallback = bool(sources)
            if not sources and subj is not None and _is_pronoun(subj):
                prior = [m for m in index_values(index, sent) if m.end <= subj.i]
                if prior:
                    sources = [prior[-1]]
                    ev.fallback = True
        if not sources and self._implicit_agent(ev):
            # "“... the effort to cultivate a relationship with HTS”, said the
            # official": an agentless nominal or infinitival event inside a
            # quotation is the speaker's (the actor of "we"/"our" in the quote)
            speaker_span = self._quote_speaker(tok.i)
            if speaker_span is not None:
                sources = [speaker_span]
                ev.fallback = True
                ev.extra["source_from"] = "quote_speaker"
        if not sources:
            return False
        ev.sources_found = sources
        src_ids = {self._key(m) for m in sources}
        if self._lemma(tok) in _ADDRESSEE_VERBS:
            for c in tok.children:
                if c.dep_ in ("dobj", "dative") and not self._actors(c, index, src_ids):
                    return False  # "urging the counterpart to ...": no actor addressed
        # --- target
        if not targets:
            demand_head = ev.extra.get("demand_head")
            chain = [tok]
            t = tok
            while (ev.top is None or t.i != ev.top.i) and t.head.i != t.i:
                t = t.head
                chain.append(t)
            if demand_head is not None:
                dh = doc[int(demand_head)]
                for c in dh.children:
                    if c.dep_ in ("dobj", "dative") or (
                        c.dep_ == "prep" and c.lower_ in ("on", "upon", "to")
                    ):
                        targets = self._actors(c, index, src_ids)
                        if targets:
                            break
                        if c.dep_ in ("dobj", "dative") and c.pos_ in ("NOUN", "PROPN"):
                            return False  # "urging the counterpart to ...": no actor
                if not targets:
                    s2, how2 = self._subject(tok)
                    if (
                        s2 is not None
                        and how2 == "subj"
                        and s2.i not in {m.start for m in sources}
                    ):
                        targets = self._actors(s2, index, src_ids)
            places_ok = (
                self.vocab[ev.relation].plover not in _NO_PLACE
                or ev.relation == "visits"  # "arrived in Gondor": the host
            )
            # meetings happen somewhere: "held talks in Syria" is no dyad
            deep_ok = places_ok or self.vocab[ev.relation].plover != "CONSULT"
            if self._is_counter(ev):
                # "foiled an attack by Y": the author of the foiled act
                targets = self._counter_target(ev, sent, index, src_ids)
                if not targets:
                    return False
                chain = []
            elif ev.kind == "noun":  # a nominal event names its target itself
                chain = []
                for c in tok.children:
                    if c.dep_ == "prep" and c.lower_ in _NOUN_PREPS:
                        targets = self._actors(c, index, src_ids)
                        if targets:
                            break
            if not targets:
                for head in self._open_heads(chain, skip, subj, places_ok):
                    targets = self._actors(head, index, src_ids, places=deep_ok)
                    if not deep_ok:  # "returned to Geneva for talks": a venue
                        targets = [m for m in targets if m.label_ != "PLACE"]
                    if targets:
                        break
            second = ev.extra.get("control") in (
                "threat",
                "intent",
                "demand",
                "refusal",
            ) or (self.vocab[ev.relation].plover in ("THREATEN", "DEMAND"))
            if not targets and second and ev.kind != "noun":
                # second pass: inside subordinate clauses too
                for head in self._open_heads(chain, skip, subj, places_ok):
                    targets = self._find(
                        head, index, src_ids, clauses=True, conj=True, places=deep_ok
                    )
                    if targets:
                        ev.extra["target_in_clause"] = "true"
                        break
            if not targets and ev.kind == "copula":
                targets = self._copula_target(ev, sent, index, src_ids)
        # "X said Y must Z" -> X demands of Y
        if ev.extra.get("obligation") and ev.extra.get("speaker") and passive is None:
            speaker = self._actors(doc[int(ev.extra["speaker"])], index, set())
            if speaker and self._key(speaker[0]) not in src_ids:
                if ev.relation != "demands":
                    ev.extra["embedded"] = ev.relation
                ev.relation = "demands"
                targets = sources
                sources = speaker
                ev.fallback = False
        elif (
            not targets
            and ev.extra.get("obligation") is None
            and subj is not None
            and ev.extra.get("speaker")
            and ev.extra.get("reporting")
            in ("declare", "say", "insist", "conclude", "reiterate")
            and any(c.dep_ == "aux" and c.lower_ in self._oblig for c in tok.children)
        ):
            pass
        own = {w.i for w in ev.words} | {ev.trigger.i}
        own_subject = subj is not None and (
            subj.head.i in own or subj.head.head.i in own
        )
        rel = self.vocab[ev.relation]
        if (
            targets
            and len(sources) >= 2
            and own_subject
            and (rel.symmetric or rel.quad_class <= 2)
            and all(_crosses_clause(t.root, own) for t in targets)
        ):
            # "A and B launched war games, joined later by C": the compound
            # subject is the dyad; a party named deep inside is not the target
            targets = []
        if not targets:
            if (
                len(sources) >= 2
                and own_subject
                and (
                    self.vocab[ev.relation].symmetric
                    or self.vocab[ev.relation].quad_class <= 2
                )
            ):
                ev.extra["mutual"] = "true"
                ev.sources = sources
                ev.targets = sources
                return True
            return False
        ev.sources = sources
        ev.targets = targets
        self._refine(ev)
        return True

    def _is_counter(self, ev: _Event) -> bool:
        tok = ev.trigger
        trig = self.p.counter_triggers
        return ev.relation == self.p.counter_relation and (
            tok.lower_ in trig or self._lemma(tok) in trig
        )

    def _counter_target(
        self,
        ev: _Event,
        sent: Span,
        index: dict[int, Span],
        exclude: set[tuple[str, str]],
    ) -> list[Span]:
        """The author of the act a counter event foils ("thwarted a plot by Y")."""
        tok = ev.trigger
        if ev.kind == "noun":
            objs = [
                o
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for o in c.children
                if o.dep_ == "pobj"
            ]
        else:
            objs = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
        acts = self.p.counter_objects
        for o in objs:
            m = index.get(o.i)
            if m is not None:  # "thwarted the militants"
                return [m] if self._key(m) not in exclude else []
            if o.lower_ in _FIGHTER_NOUNS:  # "thwarted the fighters of Y"
                return self._actors(o, index, exclude)[:1]
            if o.lower_ not in acts and o.lemma_.lower() not in acts:
                continue
            ev.words.append(o)
            found = self._act_author(o, index, exclude)
            if found:
                return found
            # "threats posed by Y, ... the foiling of a planned attack": the
            # author of a hostile act named earlier in the sentence
            for m in reversed(index_values(index, sent)):
                if m.end > tok.i or self._key(m) in exclude:
                    continue
                root = m.root
                act = None
                if root.dep_ == "pobj" and root.head.lower_ == "by":
                    act = root.head.head
                    if act.dep_ == "acl":
                        act = act.head
                elif root.dep_ == "poss":
                    act = root.head
                if act is not None and (
                    act.lower_ in acts or act.lemma_.lower() in acts
                ):
                    ev.extra["target_from"] = "prior_act"
                    return [m]
        return []

    def _act_author(
        self, noun: Token, index: dict[int, Span], exclude: set[tuple[str, str]]
    ) -> list[Span]:
        """Who carried out (or planned) the act named by ``noun``."""
        for c in noun.children:
            heads: list[Token] = []
            if c.dep_ == "poss" or (c.dep_ in ("compound", "amod") and c.i in index):
                heads = [c]
            elif c.dep_ == "prep" and c.lower_ == "by":
                heads = [o for o in c.children if o.dep_ == "pobj"]
            elif c.dep_ == "acl":  # "an attack planned/posed by Y"
                heads = [
                    o
                    for a in c.children
                    if a.dep_ == "agent"
                    for o in a.children
                    if o.dep_ == "pobj"
                ]
            for h in heads:
                found = self._actors(h, index, exclude)
                if found:
                    return found
        return []

    def _implicit_agent(self, ev: _Event) -> bool:
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

    def _quote_speaker(self, i: int) -> Span | None:
        """The speaker's mention of the quotation holding token ``i``, or None."""
        for qs, qe, span in self._quotes:
            if qs <= i < qe:
                return span
        return None

    def _refine(self, ev: _Event) -> None:
        """CAMEO 18 vs 19: who uses force decides between assault and fight.

        Killing or wounding by state forces (military, police, aircraft) is the use
        of conventional force (FIGHT, 190); an attack by irregulars on civilians or
        refugees is unconventional violence (ASSAULT, 180).
        """
        src = self._mention_of(ev.sources[0], 0)
        forces = (src.sector or "") in ("MIL", "COP", "SPY") or any(
            w in _FORCE_WORDS for w in ev.sources[0].text.lower().split()
        )
        if (
            ev.relation == "assaults"
            and forces
            and ev.trigger.lemma_.lower()
            in ("kill", "wound", "injure", "maim", "shoot")
        ):
            ev.extra["refined_from"] = ev.relation
            ev.relation = "attacks"
        elif ev.relation == "attacks" and not forces:
            tgt = self._mention_of(ev.targets[0], 0)
            if (tgt.sector or "") in ("CVL", "REF"):
                ev.extra["refined_from"] = ev.relation
                ev.relation = "assaults"

    def _noun_source(self, tok: Token) -> tuple[Token | None, str]:
        for c in tok.children:
            if c.dep_ == "poss":
                return c, "poss"
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "by":
                for o in c.children:
                    if o.dep_ == "pobj":
                        return o, "agent"
            if (
                c.dep_ in ("amod", "compound")
                and c.i < tok.i
                and c.ent_type_ in ("NORP", "GPE", "ORG")
            ):
                return c, "poss"
        for c in tok.children:  # "the attack carried out / posed by Y"
            if c.dep_ == "acl" and c.tag_ == "VBN":
                for a in c.children:
                    if a.dep_ == "agent":
                        for o in a.children:
                            if o.dep_ == "pobj":
                                return o, "agent"
        # "X's attack on Y" only: the subject of an unrelated verb is not the source
        if tok.dep_ == "attr" and tok.head.lemma_ == "be":
            return self._subject(tok.head)
        return None, ""

    def _copula_target(
        self,
        ev: _Event,
        sent: Span,
        index: dict[int, Span],
        exclude: set[tuple[str, str]],
    ) -> list[Span]:
        """ "something both the US and HTS are against": the antecedent before."""
        for c in ev.words[1].children:
            if (
                c.dep_ == "pobj"
                and c.i < c.head.i
                or c.lower_ in ("something", "which")
            ):
                break
        prior = [
            m
            for m in index_values(index, sent)
            if m.end <= ev.trigger.i and self._key(m) not in exclude
        ]
        subj, _ = self._subject(ev.trigger)
        if subj is not None:
            prior = [m for m in prior if m.end <= subj.left_edge.i]
        return prior[-1:] if prior else []

    def _attribution(self, sent: Span, events: list[_Event]) -> None:
        according = None
        reported = False
        for tok in sent:
            if (
                tok.lower_ == "according"
                and tok.i + 1 < sent.end
                and tok.nbor().lower_ == "to"
            ):
                obj = [c for c in tok.nbor().children if c.dep_ == "pobj"] or [
                    c for c in tok.children if c.dep_ == "pobj"
                ]
                if obj:
                    o = obj[0]
                    # the head noun phrase, without relative clauses
                    end = o.i + 1
                    for c in o.children:
                        if c.dep_ in ("relcl", "acl", "punct") or c.i < o.i:
                            continue
                        if c.dep_ in ("prep", "compound", "appos"):
                            end = max(end, c.right_edge.i + 1)
                    according = sent.doc[o.left_edge.i : end].text
            if tok.lower_ in self.p.reported_markers:
                reported = True
        for ev in events:
            if according and not ev.attribution:
                ev.attribution = according
            if ev.attribution or reported:
                if ev.modality == "asserted":
                    speaker_is_source = ev.extra.get("speaker") is not None and any(
                        s.start <= int(ev.extra["speaker"]) < s.end for s in ev.sources
                    )
                    if not speaker_is_source or according or reported:
                        ev.modality = "reported"

    # ---------------------------------------------------------------- assertions
    def __call__(
        self, doc: Doc, article_id: str, date: str | None
    ) -> Iterator[Assertion]:
        spans = doc.spans.get("kg_actors") if doc.spans is not None else None
        if not spans:
            return
        self._keys = {}
        self._mentions = {}
        index: dict[int, Span] = {}
        for span in spans:
            for i in range(span.start, span.end):
                index[i] = span
        sents = list(doc.sents)
        starts = [s.start for s in sents]
        keys_by_sent: dict[int, set[tuple[str, str]]] = {}
        for span in spans:
            s_i = bisect_right(starts, span.start) - 1
            keys_by_sent.setdefault(s_i, set()).add(self._key(span))
        self._dates = [e for e in doc.ents if e.label_ == "DATE"]
        self._quotes = _quote_speakers(doc, spans, self.p.reporting)
        for s_i, keys in sorted(keys_by_sent.items()):
            sent = sents[s_i]
            if len(keys) < 2:
                # a quoted sentence also has its speaker as a (fallback) actor
                speaker = next(
                    (
                        sp
                        for qs, qe, sp in self._quotes
                        if qs < sent.end and sent.start < qe
                    ),
                    None,
                )
                if speaker is None or self._key(speaker) in keys:
                    continue
            for ev in self.sentence_events(sent, index):
                yield from self._assertions(ev, sent, s_i, article_id, date)

    def _key(self, span: Span) -> tuple[str, str]:
        """Identity of a mention for pairing: actor id and actor code (cached)."""
        k = (span.start, span.end)
        hit = self._keys.get(k)
        if hit is None:
            hit = self._keys[k] = _key(span)
        return hit

    def _same_actor(self, a: Span, b: Span, s_i: int) -> bool:
        """Same actor in the same role: never paired with itself.

        Different mentions of one country in different sectors ("Nigerian
        authorities" NGAGOV and rebels NGAREB) are different actors.
        """
        if a.id_ != b.id_:
            return False
        ma, mb = self._mention_of(a, s_i), self._mention_of(b, s_i)
        if _is_pronoun(a.root) or _is_pronoun(b.root):
            return True
        return (ma.code or "") == (mb.code or "")

    def _mention_of(self, span: Span, s_i: int) -> Mention:
        k = (span.start, span.end)
        hit = self._mentions.get(k)
        if hit is not None:
            return hit
        hit = self._mentions[k] = self._build_mention(span, s_i)
        return hit

    def _build_mention(self, span: Span, s_i: int) -> Mention:
        m = (
            getattr(span._, "kg_mention", None)
            if Span.has_extension("kg_mention")
            else None
        )
        if isinstance(m, Mention):
            return m
        return Mention(
            actor=span.id_ or span.label_,
            text=span.text,
            start=span.start_char,
            end=span.end_char,
            sentence=s_i,
            label=span.id_ or span.text,
        )

    def _date(
        self, ev: _Event, sent: Span, date: str | None
    ) -> tuple[str | None, dict]:
        top = ev.top or ev.trigger
        lo, hi = top.left_edge.i, top.right_edge.i
        best = None
        for ent in self._dates:
            if not (lo <= ent.start <= hi):
                continue
            # skip dates inside other actors' relative clauses far from the trigger
            best = (
                ent
                if best is None
                or abs(ent.start - ev.trigger.i) < abs(best.start - ev.trigger.i)
                else best
            )
        return _resolve_date(best.text if best is not None else None, date)

    def _confidence(self, ev: _Event, src: Span, tgt: Span) -> float:
        base = {"verb": 0.85, "light": 0.8}.get(ev.kind, 0.7)
        if ev.fallback:
            base -= 0.15
        if any(
            _is_pronoun(s.root) or s.root.lower_ in _COREF_HEADS and len(s) <= 3
            for s in (src, tgt)
        ):
            base -= 0.1
        if ev.modality == "hypothetical":
            base -= 0.1
        return round(max(0.05, min(1.0, base)), 2)

    def _assertions(
        self, ev: _Event, sent: Span, s_i: int, article_id: str, date: str | None
    ) -> Iterator[Assertion]:
        iso, date_extra = self._date(ev, sent, date)
        pairs: list[tuple[Span, Span]] = []
        for s in ev.sources:
            for t in ev.targets:
                if s.start == t.start or self._same_actor(s, t, s_i):
                    continue
                pairs.append((s, t))
        trigger = " ".join(w.text for w in sorted(set(ev.words), key=lambda w: w.i))
        extra = dict(ev.extra)
        extra.update(date_extra)
        extra.pop("speaker", None)
        extra.pop("demand_head", None)
        rels = [(ev.relation, ev.negated)] + [
            (r, True) for r, _ in ev.secondary if r != ev.relation
        ]
        seen: set[tuple[str, str, str, bool]] = set()
        # the sentence without the blank lines after a headline or paragraph
        evidence = sent.text.rstrip()
        for s, t in pairs:
            src = self._mention_of(s, s_i)
            tgt = self._mention_of(t, s_i)
            for rel_name, neg in rels:
                key = (src.actor, tgt.actor, rel_name, neg)
                if key in seen:
                    continue
                seen.add(key)
                rel = self.vocab[rel_name]
                yield Assertion(
                    article=article_id,
                    source=src,
                    target=tgt,
                    relation=rel_name,
                    sentence=s_i,
                    start=sent.start_char,
                    end=sent.start_char + len(evidence),
                    evidence=evidence,
                    negated=neg,
                    modality=ev.modality,
                    attribution=ev.attribution,
                    date=iso,
                    confidence=self._confidence(ev, s, t),
                    trigger=trigger,
                    cameo=rel.cameo,
                    plover=rel.plover,
                    quad_class=rel.quad_class,
                    extra=tuple(sorted((k, str(v)) for k, v in extra.items())),
                )


def _resolve_date(text: str | None, date: str | None) -> tuple[str | None, dict]:
    """The event date and its ``extra`` fields from a date phrase (or None)."""
    if text is not None:
        iso, gran = resolve_date_phrase(text, date)
        if iso:
            return iso, {
                "date_explicit": "true",
                "date_text": text,
                "date_granularity": gran,
            }
        return (date[:10] if date else None), {
            "date_explicit": "false",
            "date_text": text,
        }
    return (date[:10] if date else None), {"date_explicit": "false"}


_QUOTE_MARKS = {"“": "”", '"': '"', "``": "''"}
_WE = frozenset({"we", "our", "us", "ours"})


def _quote_speakers(
    doc: Doc, spans: Iterable[Span], reporting: frozenset[str] = frozenset()
) -> list[tuple[int, int, Span]]:
    """Quotations (token ranges) whose speaker is known, with the speaker's mention.

    ``kg.nlp.actors`` resolves "we"/"our"/"us" inside a quotation attributed to a
    speaker to the speaker's actor: such a mention stands for the speaker. A
    quotation without one takes the actor named with a reporting verb right after
    it ("...”, said the Turkish minister"), or continues the previous quotation
    when only an attribution lies between them ("...”, X said. “More ...”).
    Returns ``(start, end, mention)`` per quotation with a known speaker.
    """
    spans = list(spans)
    if not spans:
        return []
    we = [s for s in spans if len(s) == 1 and s[0].lower_ in _WE and s[0].text != "US"]
    out: list[tuple[int, int, Span]] = []
    n = len(doc)
    i = 0
    last: tuple[int, Span] | None = None
    while i < n:
        close = _QUOTE_MARKS.get(doc[i].text)
        if close is None:
            i += 1
            continue
        j = next((k for k in range(i + 1, min(n, i + 400)) if doc[k].text == close), n)
        if j >= n:
            break
        speaker = next((s for s in we if i < s.start < j), None)
        if speaker is None:  # "...”, said the Turkish minister
            after = doc[j + 1 : min(n, j + 10)]
            if any(t.lemma_ in reporting for t in after):
                speaker = next(
                    (s for s in spans if j < s.start < j + 10 and s not in we), None
                )
        if speaker is None and last is not None and i - last[0] <= 15:
            if any(t.lemma_ in reporting for t in doc[last[0] : i]):
                speaker = last[1]
        if speaker is not None:
            out.append((i + 1, j, speaker))
            last = (j, speaker)
        else:
            last = None
        i = j + 1
    return out


def index_values(index: dict[int, Span], sent: Span) -> list[Span]:
    """The distinct mentions of a sentence, in text order."""
    out: list[Span] = []
    for i in range(sent.start, sent.end):
        m = index.get(i)
        if m is not None and (not out or out[-1] is not m):
            out.append(m)
    return out


# ------------------------------------------------------------------- public functions
@lru_cache(maxsize=1)
def _default_extractor() -> RelationExtractor:
    return RelationExtractor()


def extract(
    doc: Doc, article_id: str, *, date: str | None = None
) -> Iterator[Assertion]:
    """Yield the assertions of a parsed document with actor mentions.

    Args:
        doc: A ``Doc`` processed by the kg pipeline up to ``kg_actors``.
        article_id: Id of the article (copied into each assertion).
        date: Article date (ISO); relative dates are normalised against it.

    Yields:
        One :class:`Assertion` per (source, relation, target) in a sentence.
    """
    yield from _default_extractor()(doc, article_id, date)


@Language.factory("kg_relations", default_config={"patterns": []})
def make_relations(nlp: Language, name: str, patterns: list[str]) -> RelationComponent:
    """spaCy factory: ``nlp.add_pipe("kg_relations")``.

    Args:
        nlp: The pipeline.
        name: Component name.
        patterns: Extra pattern files merged over the packaged ``patterns.yaml``.
    """
    return RelationComponent(name, patterns=tuple(patterns))


class RelationComponent:
    """The ``kg_relations`` pipeline component: sets ``doc._.kg_assertions``."""

    def __init__(
        self, name: str = "kg_relations", *, patterns: Sequence[str] = ()
    ) -> None:
        self.name = name
        self.extractor = (
            RelationExtractor(load_patterns(tuple(patterns)))
            if patterns
            else _default_extractor()
        )

    def __call__(self, doc: Doc) -> Doc:
        doc._.kg_assertions = list(
            self.extractor(doc, doc._.kg_article_id or "", doc._.kg_article_date)
        )
        return doc


