"""What the relation rules read and the state of one document and one sentence.

- :class:`Rules`: the immutable data every rule reads (patterns, vocabulary, word
  lists) with the lexicon lookups built on it; one per pattern set, shared.
- :class:`Event`: a relation event under construction.
- :class:`DocContext`: the state of one document (mention index, dates, quotation
  speakers, and the caches of mention keys and records). A new one is made for
  every document, so the component keeps no state across documents.
- :class:`SentContext`: one sentence of a document and its mentions.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.nlp.relations.patterns import Patterns, load_patterns
from kg.nlp.relations.words import Words, load_words
from kg.registry import lexicon
from kg.types import Mention
from kg.vocab import Relation, code_relations, load_vocabulary

#: Inflections tried to repair a verb lemma ("staged" -> "stag" -> "stage").
_INFLECTIONS = (
    ("ed", ""),
    ("d", ""),
    ("ing", ""),
    ("ing", "e"),
    ("s", ""),
    ("es", ""),
    ("ied", "y"),
    ("ies", "y"),
)

#: Entries of the cache of repaired lemmas (``Rules.lemmas``) before it is emptied.
_MAX_LEMMAS = 200_000

#: Dependencies of a phrase that modifies a noun ("Haiti's opposition", "rebels in
#: Ivory Coast": the preposition), as opposed to heading an argument.
_MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod", "prep"})


#: The children of a verb that make a control word with it ("rule_out").
_CONTROL_DEPS = ("prt", "advmod", "prep")


@dataclass(frozen=True, eq=False)
class Rules:
    """The data the relation rules read, with the lookups built on it (the
    derived word sets are cached properties, computed on first use).

    Attributes:
        patterns: The trigger lexicons.
        vocab: The relation vocabulary.
        words: The word lists, roles and weights.
        candidates: Lemmas that may trigger an event (verbs, nouns, light verbs).
        known: Control and reporting words (their lemmas are repaired too).
        irregular: Irregular verb forms -> their lemma (the pipeline
            lemmatiser's exception table, :func:`verb_exceptions`): a form the
            tagger took for a present ("retook" as VBP, lemma "retook") is read
            as its verb.
        lemmas: The repaired lemma and :meth:`may_trigger` of each (form, lemma,
            tag) met so far (a cache: every token of every sentence is looked up).
    """

    patterns: Patterns
    vocab: dict[str, Relation]
    words: Words
    candidates: frozenset[str]
    known: frozenset[str]
    irregular: Mapping[str, str] = field(default_factory=dict)
    lemmas: dict[tuple[int, int, int], tuple[str, bool]] = field(default_factory=dict)

    @cached_property
    def control_classes(self) -> dict[str, str]:
        """Lemma -> control class (see :func:`control_classes`)."""
        return control_classes(self.patterns, self.words)

    @cached_property
    def modals(self) -> frozenset[str]:
        """The words of the intent and hypothetical control classes (the
        auxiliaries of a modal verb: "will send", "would send")."""
        return self.control("intent") | self.control("hypothetical")

    @cached_property
    def by_code(self) -> dict[str, str]:
        """CAMEO code -> relation (:func:`kg.vocab.code_relations`)."""
        return code_relations(self.vocab)

    @cached_property
    def state_forces(self) -> frozenset[str]:
        """Head words of a mention that make its source a state force."""
        return self.words["force_words"] | self.words["other_force_words"]

    @cached_property
    def force_subjects(self) -> frozenset[str]:
        """The state forces and patterns.yaml's ``senses.force.subjects``."""
        return self.patterns.senses["force.subjects"] | self.state_forces

    @cached_property
    def crowd_subjects(self) -> frozenset[str]:
        """Subjects that make a verb's ``crowd`` sense: the one-word roles of the
        registry's sectors in patterns.yaml's ``senses.crowd.sectors``
        ("protesters", CVL; "workers", LAB) and ``senses.crowd.subjects``."""
        sectors = self.patterns.senses["crowd.sectors"]
        roles = {words[0] for words, sector in lexicon().roles.items()
                 if len(words) == 1 and sector in sectors}  # fmt: skip
        return self.patterns.senses["crowd.subjects"] | roles

    @cached_property
    def military_goods(self) -> frozenset[str]:
        """``military_goods``, ``force_words`` and patterns.yaml's force weapons
        and subjects."""
        w, senses = self.words, self.patterns.senses
        return (
            w["military_goods"]
            | w["force_words"]
            | senses["force.weapons"]
            | senses["force.subjects"]
        )

    @cached_property
    def goods(self) -> frozenset[str]:
        """The words of goods handed over: :attr:`military_goods` and the
        relief, money and aid goods."""
        w = self.words
        return (
            self.military_goods | w["relief_goods"] | w["money_goods"] | w["aid_goods"]
        )

    def lemma(self, tok: Token) -> str:
        """The lemma, repaired for verbs the lemmatiser gets wrong ("staged" ->
        "stag"): a regular inflection of a lexicon verb is taken as that verb."""
        return self._looked_up(tok)[0]

    def may_trigger(self, tok: Token) -> bool:
        """Whether the token's repaired lemma or its word is in a trigger lexicon."""
        return self._looked_up(tok)[1]

    def _looked_up(self, tok: Token) -> tuple[str, bool]:
        """:meth:`lemma` and :meth:`may_trigger` of a token, cached by (form,
        lemma, tag): every token of every read sentence is asked."""
        key = (tok.orth, tok.lemma, tok.tag)
        found = self.lemmas.get(key)
        if found is None:
            if len(self.lemmas) >= _MAX_LEMMAS:  # bounded on an endless stream
                self.lemmas.clear()
            lemma = self._lemma(tok)
            triggers = lemma in self.candidates or tok.lower_ in self.patterns.nouns
            found = self.lemmas[key] = (lemma, triggers)
        return found

    def _lemma(self, tok: Token) -> str:
        lemma = tok.lemma_.lower()
        if lemma in self.candidates or not tok.tag_.startswith("VB"):
            return lemma
        low = tok.lower_
        stems = [low[: -len(suffix)] + add for suffix, add in _INFLECTIONS
                 if low.endswith(suffix)]  # fmt: skip
        for stem in [*stems, self.irregular.get(low, "")]:
            if stem in self.candidates or stem in self.known:
                return stem
        return lemma

    def control_word(self, tok: Token) -> str:
        """The lemma under which a governing verb is a control word: a phrasal verb
        listed with its particle ("rule_out": "ruled out sending troops" is a
        refusal), adverb ("have_yet": "has yet to condemn X" withholds it) or
        preposition ("decide_against": "decided against sending X") before the
        bare lemma."""
        lemma = self.lemma(tok)
        for c in tok.children:
            if c.dep_ in _CONTROL_DEPS and f"{lemma}_{c.lower_}" in self.known:
                return f"{lemma}_{c.lower_}"
        return lemma

    def noun_relation(self, tok: Token) -> str | None:
        """The relation of an event noun ("talks", "sanctions"), or None; a noun
        with a modifier (:data:`_MODIFIER_DEPS`) just before it is first looked up
        hyphenated ("a drone strike" as "drone-strike", an attack, where "a strike"
        is a protest; "an arms package" as "arms-package", where a package alone is
        no event), one with a preposition right after it with an underscore ("a
        strike on Y" as "strike_on")."""
        nouns = self.patterns.nouns
        return next((nouns[k] for k in noun_forms(tok) if k in nouns), None)

    def control_class(self, word: str) -> str | None:
        """The control class of a lemma, or None (see :func:`control_classes`)."""
        return self.control_classes.get(word)

    def control(self, name: str) -> frozenset[str]:
        """The words of a control class ("intent", "obligation", ...)."""
        return self.patterns.control.get(name, frozenset())

    def plover(self, relation: str) -> str:
        """The PLOVER category of a relation."""
        return self.vocab[relation].plover

    def in_category(self, relation: str, name: str) -> bool:
        """True when the relation's category is in the rule category ``name``."""
        return self.vocab[relation].plover in self.words.categories[name]

    def hostile(self, relation: str) -> bool:
        """True for conflict (quad class 3 or 4)."""
        return self.vocab[relation].quad_class >= 3

    def is_pronoun(self, tok: Token) -> bool:
        """True for a pronoun or relative word."""
        return tok.lower_ in self.words["pronouns"] or tok.pos_ == "PRON"


def noun_forms(tok: Token) -> list[str]:
    """The keys of a noun in the noun lexicons, the most specific first: with the
    modifier just before it, hyphenated ("drone-strike"; a word written with a
    hyphen, "go-ahead", "counter-attack", is one too), with the preposition right
    after it and its object ("ban_on:imports"), with the preposition alone
    ("strike_on"), then its word and lemma.

    Examples:
        >>> import spacy
        >>> doc = spacy.blank("en")("a counter-attack")
        >>> noun_forms(doc[3])
        ['counter-attack', 'attack', 'attack']
    """
    doc, lemma = tok.doc, (tok.lemma_ or tok.lower_).lower()
    forms = []
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if (
        prev is not None
        and prev.text == "-"
        and tok.i > 1
        and not (prev.whitespace_ or doc[tok.i - 2].whitespace_)
    ):
        forms.append(f"{doc[tok.i - 2].lower_}-{lemma}")  # written as one word
    elif prev is not None and prev.head.i == tok.i and prev.dep_ in _MODIFIER_DEPS:
        forms.append(f"{prev.lower_}-{lemma}")
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and nxt.head.i == tok.i and nxt.dep_ == "prep":
        forms += [f"{lemma}_{nxt.lower_}:{o.lower_}" for o in nxt.children]
        forms.append(f"{lemma}_{nxt.lower_}")
    return [*forms, tok.lower_, lemma]


def control_classes(p: Patterns, words: Words) -> dict[str, str]:
    """Lemma -> control class, decided once.

    A denial verb of ``relation_words.yaml`` ("deny") is ``denial`` before any
    class of ``patterns.yaml``; a word in several classes there takes the first of
    ``control_priority``; a lemma with no class that withholds its act ("refrain
    from") is a ``negator``.
    """
    out: dict[str, str] = {}
    for w in words["denial_verbs"]:
        out[w] = "denial"
    for name in words.control_priority:
        for w in p.control.get(name, ()):
            out.setdefault(w, name)
    for w in words["abstention_verbs"]:
        out.setdefault(w, "negator")
    return out


def make_rules(
    patterns: Patterns | None = None, vocabulary: dict[str, Relation] | None = None
) -> Rules:
    """The rules over a pattern set (default: the packaged patterns)."""
    p = patterns or load_patterns()
    words = load_words()
    from kg.nlp.relations.triggers import trigger_lemmas  # it imports this module

    return Rules(
        patterns=p,
        vocab=vocabulary or load_vocabulary(),
        words=words,
        candidates=trigger_lemmas(p, words),
        known=frozenset(set().union(*p.control.values()) | p.reporting),
    )


def verb_exceptions(nlp: Language) -> dict[str, str]:
    """Irregular verb form -> lemma from the pipeline's lemmatiser (the
    ``lemma_exc`` table of spaCy's rule lemmatiser: "retook" -> "retake"), or {}
    for a pipeline without one."""
    if "lemmatizer" not in nlp.pipe_names:
        return {}
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_exc"):
        return {}
    verbs = lookups.get_table("lemma_exc").get("verb", {})
    return {form: lemmas[0] for form, lemmas in verbs.items() if lemmas}


@lru_cache(maxsize=1)
def default_rules() -> Rules:
    """The rules over the packaged patterns (made once)."""
    return make_rules()


@dataclass
class Event:
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


def span_key(span: Span) -> tuple[str, str]:
    """Identity of a mention for pairing: actor id and actor code."""
    m = span._.kg_mention if Span.has_extension("kg_mention") else None
    return span.id_, (getattr(m, "code", None) or "")


def _build_mention(span: Span, s_i: int) -> Mention:
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


@dataclass
class DocContext:
    """The state of one document while its relations are extracted.

    Attributes:
        rules: The rules.
        doc: The document.
        spans: Its actor mentions (``doc.spans["kg_actors"]``).
        index: Token index -> the mention covering it.
        dates: The DATE entities of the document.
        quotes: ``(start, end, speaker mention)`` per quotation with a known speaker.
        acts: ``(relation, author mention, target mentions)`` of the asserted acts
            of the sentences read so far (:mod:`kg.nlp.relations.anaphora`).
    """

    rules: Rules
    doc: Doc
    spans: list[Span]
    index: dict[int, Span]
    dates: list[Span]
    quotes: list[tuple[int, int, Span]]
    acts: list[tuple[str, Span, list[Span]]] = field(default_factory=list)
    _keys: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)
    _mentions: dict[tuple[int, int], Mention] = field(default_factory=dict)

    def key(self, span: Span) -> tuple[str, str]:
        """Identity of a mention for pairing: actor id and actor code (cached)."""
        k = (span.start, span.end)
        hit = self._keys.get(k)
        if hit is None:
            hit = self._keys[k] = span_key(span)
        return hit

    def mention_of(self, span: Span, s_i: int) -> Mention:
        """The mention record of a span (cached; ``s_i`` is used when built)."""
        k = (span.start, span.end)
        hit = self._mentions.get(k)
        if hit is None:
            hit = self._mentions[k] = _build_mention(span, s_i)
        return hit

    def same_actor(self, a: Span, b: Span, s_i: int) -> bool:
        """Same actor: never paired with itself.

        A country, its government and its forces are one actor (the ``state``
        sectors of ``relation_words.yaml``: "Israel" and "the Israeli army");
        other sectors of one country are different actors ("Nigerian authorities"
        NGAGOV and rebels NGAREB).
        """
        if a.id_ != b.id_:
            return False
        ma, mb = self.mention_of(a, s_i), self.mention_of(b, s_i)
        if self.rules.is_pronoun(a.root) or self.rules.is_pronoun(b.root):
            return True
        if (ma.code or "") == (mb.code or ""):
            return True
        return self._is_state(a, ma) and self._is_state(b, mb)

    def _is_state(self, span: Span, m: Mention) -> bool:
        """True when a mention stands for the state: a state sector, the bare
        country heading its phrase or naming the author of an act ("Libya's
        strikes"); a country that only says where or whose a group or thing is
        ("rebels in Ivory Coast", "Haiti's opposition") is not."""
        if m.sector:
            return m.sector in self.rules.words.sectors["state"]
        root = span.root
        if root.dep_ == "pobj" and root.head.dep_ == "prep":
            root = root.head
        head = root.head
        return not (
            root.dep_ in _MODIFIER_DEPS
            and head.i != root.i
            and head.pos_ in ("NOUN", "PROPN")
            and not span.start <= head.i < span.end
            and head.i not in self.index
            and not self.rules.noun_relation(head)
        )

    def countries(self, spans: list[Span]) -> set[str]:
        """The countries (or actors without one) of mentions."""
        out = set()
        for sp in spans:
            m = self.mention_of(sp, 0)
            out.add(m.country or m.actor)
        return out

    def quote_speaker(self, i: int) -> Span | None:
        """The speaker's mention of the quotation holding token ``i``, or None."""
        for qs, qe, span in self.quotes:
            if qs <= i < qe:
                return span
        return None

    def keys_by_sentence(self, starts: list[int]) -> dict[int, set[tuple[str, str]]]:
        """Sentence number (by the sentences' first tokens) -> its mention keys."""
        out: dict[int, set[tuple[str, str]]] = {}
        for span in self.spans:
            s_i = bisect_right(starts, span.start) - 1
            out.setdefault(s_i, set()).add(self.key(span))
        return out

    def pair_sentences(self, starts: list[int]) -> set[int]:
        """Numbers of the sentences (by their first tokens) with a ``pair_heads``
        and a ``pair_words`` word ("the two countries") or a ``former_words`` or
        ``latter_words`` word ("the latter"), whose subject may be a pair named
        before or one of it (one array lookup per document)."""
        strings, words = self.doc.vocab.strings, self.rules.words
        lower = self.doc.to_array(LOWER)

        def having(name: str) -> set[int]:
            wanted = [strings.add(w) for w in words[name]]
            hits = numpy.flatnonzero(numpy.isin(lower, wanted))
            return {bisect_right(starts, int(i)) - 1 for i in hits}

        ordinals = having("former_words") | having("latter_words")
        return (having("pair_heads") & having("pair_words")) | ordinals


@dataclass
class SentContext:
    """One sentence of a document.

    Attributes:
        doc: The document's context.
        sent: The sentence.
        number: Its number in the document.
    """

    doc: DocContext
    sent: Span
    number: int

    @property
    def rules(self) -> Rules:
        """The rules."""
        return self.doc.rules

    @property
    def index(self) -> dict[int, Span]:
        """Token index -> the mention covering it."""
        return self.doc.index

    def key(self, span: Span) -> tuple[str, str]:
        """Identity of a mention for pairing (see :meth:`DocContext.key`)."""
        return self.doc.key(span)

    @cached_property
    def tokens(self) -> list[Token]:
        """The tokens of the sentence (iterating the Span makes new ones each time)."""
        return list(self.sent)

    @cached_property
    def mentions(self) -> list[Span]:
        """The distinct mentions of the sentence, in text order."""
        out: list[Span] = []
        for i in range(self.sent.start, self.sent.end):
            m = self.index.get(i)
            if m is not None and (not out or out[-1] is not m):
                out.append(m)
        return out
