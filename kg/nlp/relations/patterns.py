"""The pattern data model: trigger lexicons of ``patterns.yaml`` and user files.

:func:`load_patterns` reads the packaged ``kg/resources/patterns.yaml`` and merges
user files of the same shape over it; :func:`parse_patterns` checks every relation
against the vocabulary and refuses YAML booleans where a word was meant.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from kg.nlp.words import shared_words
from kg.resources import read_yaml
from kg.types import KGError
from kg.vocab import Relation, load_vocabulary


@dataclass(frozen=True)
class VerbEntry:
    """One verb of the lexicon: default relation and refinements."""

    default: str | None
    obj: dict[str, str | None] = field(default_factory=dict)
    prep: dict[str, str | None] = field(default_factory=dict)
    prt: dict[str, str | None] = field(default_factory=dict)
    prefer: tuple[str, ...] = ()
    no_obj: bool = False
    force: str | None = None
    crowd: str | None = None
    #: Fine CAMEO codes of imported entries: "default", "obj.<word>",
    #: "prep.<word>" or "prt.<word>" -> code (kg.nlp.relations.lexicon).
    cameo: dict[str, str] = field(default_factory=dict)

    def code(self, key: str) -> str | None:
        """The fine CAMEO code of one of the entry's keys ("obj.weapons"), or None."""
        return self.cameo.get(key)


@dataclass(frozen=True)
class Senses:
    """Word sense set by the subject, object and place (``senses`` of
    ``patterns.yaml``): section name -> word list, and the relations they give."""

    words: dict[str, frozenset[str]] = field(default_factory=dict)
    relations: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, name: str) -> frozenset[str]:
        """The words of ``section.list`` ("force.subjects", "naming.verbs")."""
        return self.words.get(name, frozenset())


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
        reporting: Reporting verbs: the speech verbs of ``words.yaml`` ("say")
            and the ``reporting`` words ("report", "confirm").
        reported_markers: Adverbs marking a claim as reported.
        negations: Negation words.
        sports: Words that make a sentence about sport.
        sports_verbs: Verbs dropped in a sentence about sport.
        counter_relation: The relation of countering a hostile act.
        counter_triggers: Verbs and nouns of countering ("foil", "thwarting").
        counter_objects: Hostile acts that can be countered ("plot", "attack").
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
    senses: Senses = field(default_factory=Senses)
    lexicon: dict[str, str] = field(default_factory=dict)


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


def _refuse_booleans(data: dict) -> None:
    """Booleans anywhere but a verb's ``no_obj`` flag are unquoted words."""
    for key, value in data.items():
        if key != "verbs":
            _no_bools(value, str(key))
    for lemma, entry in (data.get("verbs") or {}).items():
        if isinstance(entry, dict):
            for k in ("obj", "prep", "prt", "prefer", "force", "crowd"):
                _no_bools(entry.get(k), f"verbs.{lemma}.{k}")


def _verb(lemma: str, entry: Any, vocab: dict[str, Relation]) -> VerbEntry:
    if not isinstance(entry, dict):
        return VerbEntry(_check(entry, f"verbs.{lemma}", vocab))
    tables = {
        k: {
            str(w): _check(r, f"verbs.{lemma}.{k}.{w}", vocab)
            for w, r in (entry.get(k) or {}).items()
        }
        for k in ("obj", "prep", "prt")
    }
    return VerbEntry(
        _check(entry.get("default"), f"verbs.{lemma}", vocab),
        obj=tables["obj"],
        prep=tables["prep"],
        prt=tables["prt"],
        prefer=tuple(map(str, entry.get("prefer") or ())),
        no_obj=bool(entry.get("no_obj", False)),
        force=_check(entry.get("force"), f"verbs.{lemma}.force", vocab),
        crowd=_check(entry.get("crowd"), f"verbs.{lemma}.crowd", vocab),
    )


def _table(table: Any, where: str, vocab: dict[str, Relation]) -> dict[str, str]:
    """A word -> relation table, every relation checked."""
    return {
        str(w): str(_check(r, f"{where}.{w}", vocab)) for w, r in (table or {}).items()
    }


def _words(data: dict, key: str) -> frozenset[str]:
    return frozenset(map(str, data.get(key) or ()))


def _senses(data: Any, vocab: dict[str, Relation]) -> Senses:
    """The ``senses`` section: word lists, and a ``relation`` per section."""
    words: dict[str, frozenset[str]] = {}
    relations: dict[str, str] = {}
    for name, section in (data or {}).items():
        for key, value in (section or {}).items():
            if key == "relation":
                relations[str(name)] = str(_check(value, f"senses.{name}", vocab))
            else:
                words[f"{name}.{key}"] = frozenset(map(str, value or ()))
    return Senses(words, relations)


#: What ``cameo_lexicon`` may say of each table of the imported dictionary.
LEXICON_SCOPES = ("all", "own_sense", "kg_verbs", "none")


def _lexicon_policy(data: Any) -> dict[str, str]:
    """The ``cameo_lexicon`` section: table -> all | own_sense | kg_verbs | none."""
    out = {str(k): str(v) for k, v in (data or {}).items()}
    bad = {k: v for k, v in out.items() if v not in LEXICON_SCOPES}
    if bad:
        raise KGError(
            f"patterns cameo_lexicon has {bad}; expected one of {LEXICON_SCOPES}"
        )
    return out


def parse_patterns(data: dict, vocab: dict[str, Relation] | None = None) -> Patterns:
    """Turn the parsed ``patterns.yaml`` mapping into :class:`Patterns`.

    Raises:
        KGError: when an entry names a relation absent from the vocabulary, or
            holds a YAML boolean where a word was meant.

    Examples:
        >>> p = parse_patterns({"verbs": {"slam": "condemns"}})
        >>> p.verbs["slam"].default
        'condemns'
    """
    vocab = vocab if vocab is not None else load_vocabulary()
    _refuse_booleans(data)
    verbs = {
        str(lemma): _verb(str(lemma), entry, vocab)
        for lemma, entry in (data.get("verbs") or {}).items()
    }
    nouns = _table(data.get("nouns"), "nouns", vocab)
    overrides = {
        str(v): _table(m, f"light_overrides.{v}", vocab)
        for v, m in (data.get("light_overrides") or {}).items()
    }
    control = {
        str(k): frozenset(map(str, v or ()))
        for k, v in (data.get("control") or {}).items()
    }
    counter = data.get("counter") or {}
    counter_rel = _check(counter.get("relation"), "counter.relation", vocab)
    counter_verbs = _words(counter, "verbs")
    counter_nouns = _words(counter, "nouns")
    if counter_rel is not None:
        for v in counter_verbs:
            verbs.setdefault(v, VerbEntry(counter_rel))
        for n in counter_nouns:
            nouns.setdefault(n, counter_rel)
    return Patterns(
        verbs=verbs,
        light_verbs=_words(data, "light_verbs"),
        nouns=nouns,
        light_overrides=overrides,
        copula=_table(data.get("copula"), "copula", vocab),
        control=control,
        reporting=shared_words().speech_verbs | _words(data, "reporting"),
        reported_markers=_words(data, "reported_markers"),
        negations=_words(data, "negations"),
        sports=_words(data, "sports"),
        sports_verbs=_words(data, "sports_verbs"),
        counter_relation=counter_rel,
        counter_triggers=counter_verbs | counter_nouns,
        counter_objects=_words(counter, "objects"),
        senses=_senses(data.get("senses"), vocab),
        lexicon=_lexicon_policy(data.get("cameo_lexicon")),
    )


def _as_table(value: Any) -> Any:
    """A verb given as a bare relation ("slam: condemns") as its table."""
    return {"default": value} if not isinstance(value, (dict, list)) else value


def merge_added(base: Any, extra: Any) -> Any:
    """``extra`` added to ``base``: new keys and list items are added, nothing
    that ``base`` has is replaced (kg's patterns stay authoritative).

    Examples:
        >>> merge_added({"verbs": {"snub": "rejects"}, "negations": ["not"]},
        ...     {"verbs": {"snub": "condemns", "rebuke": "condemns"},
        ...      "negations": ["never", "not"]})
        {'verbs': {'snub': 'rejects', 'rebuke': 'condemns'}, 'negations': ['not', \
'never']}
        >>> merge_added({"lift": "eases"}, {"lift": {"obj": {"ban": "x"}}})
        {'lift': {'default': 'eases', 'obj': {'ban': 'x'}}}
    """
    if isinstance(base, list) and isinstance(extra, list):
        return list(base) + [v for v in extra if v not in base]
    if isinstance(extra, dict) and isinstance(base, dict):
        out = dict(base)
        for key, value in extra.items():
            if key not in out:
                out[key] = value
            elif isinstance(value, dict) or isinstance(out[key], dict):
                out[key] = merge_added(_as_table(out[key]), _as_table(value))
            else:
                out[key] = merge_added(out[key], value)
        return out
    return base


def _read_user_patterns(path: str) -> dict:
    try:
        user = yaml.safe_load(Path(path).read_text("utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise KGError(f"cannot read patterns file {path!r}: {exc}") from None
    if not isinstance(user, dict):
        raise KGError(f"patterns file {path!r} is not a mapping")
    return user


@lru_cache(maxsize=8)
def load_patterns(extra: tuple[str, ...] = ()) -> Patterns:
    """Load the packaged patterns, merged with user files of the same shape.

    User files add entries and never replace kg's (:func:`merge_added`); then
    the imported CAMEO verb lexicon adds its entries under the same rule
    (:mod:`kg.nlp.relations.lexicon`).

    Args:
        extra: Paths of YAML files of the shape of ``patterns.yaml`` whose entries
            are added to the packaged ones.

    Raises:
        KGError: when a file is missing or not valid pattern data.

    Examples:
        >>> load_patterns().verbs["condemn"].default
        'condemns'
    """
    from kg.nlp.relations.lexicon import add_lexicon

    data = read_yaml("patterns.yaml")
    vocab = load_vocabulary()
    for path in extra:
        user = _read_user_patterns(path)
        _check_entries(user, vocab)  # an entry kg's own shadows is checked too
        data = merge_added(data, user)
    return add_lexicon(parse_patterns(data, vocab), vocab)


def _check_entries(user: dict, vocab: dict[str, Relation]) -> None:
    """Check every verb and noun entry of a user's file, also those kg's own
    entries of the same word take precedence over.

    Raises:
        KGError: for a relation not in the vocabulary.
    """
    for lemma, entry in (user.get("verbs") or {}).items():
        _verb(str(lemma), entry, vocab)
    _table(user.get("nouns"), "nouns", vocab)
