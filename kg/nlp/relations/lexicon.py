"""The imported verb lexicon: PETRARCH2's CAMEO verb dictionary, added under kg's own.

``kg/resources/cameo_verbs.json`` is written by ``python -m kg.convert.cameo`` (it
carries the dictionary's MIT licence). :func:`add_lexicon` adds its entries to a
:class:`~kg.nlp.relations.patterns.Patterns` under these rules:

- kg's patterns are authoritative: an imported entry never replaces a verb's
  default or a word kg already lists; it only adds. A verb kg codes as a material
  act stays one: an object, preposition or particle added to it never makes it a
  statement or an intent ("supply" aids: "supply weapons" 072 is taken, the
  dictionary's 03 intent for "supply drones" is not); a verbal default may become
  material ("receive" hosts: "receive weapons" is military aid). A hostile verb
  stays hostile ("protest detention" is not the dictionary's 053 support).
- ``cameo_lexicon`` in ``patterns.yaml`` says, per table (``verbs``, ``objects``,
  ``preps``, ``particles``, ``pobjs``, ``phrasal``; a table it does not name:
  ``all``), what is added: ``all``, ``own_sense`` (for verbs kg lists, and for
  the verbs it lacks the entries of the verb's own sense, :func:`_own_sense`),
  ``kg_verbs`` (only for verbs kg lists) or ``none`` (only the fine codes of
  entries that agree with kg's).
- kg's light, control, reporting, negation and counter verbs keep their logic:
  nothing is imported for them ("held talks" stays a meeting, "agreed to" an
  agreement to act).
- A verb the dictionary gives a code of its own triggers that code's relation; a
  verb without one triggers only with the objects, prepositions and particles
  listed for it ("abandon a ceasefire"). ``pobjs`` (a preposition with its
  object, "abstain from violence", "accuse of genocide") go to the verb's
  ``prep`` table under the key ``"from:violence"``; ``phrasal`` (a phrasal verb
  of a conflict block, with the block's code: "cordon off", "wipe out") to its
  ``prt`` table.
- Every imported entry keeps its fine CAMEO code (``VerbEntry.cameo``); a code
  without a kg relation of its own takes the relation of its nearest coded parent
  or of its root (:func:`kg.vocab.relation_of_code`). Null codes ("no event") are
  not imported.

The JSON is read once per process (about 0.05 s).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from typing import Any

from kg.nlp.relations.patterns import Patterns, VerbEntry
from kg.resources import read_text
from kg.vocab import Relation, code_relations, quad_class, relation_of_code

#: The packaged lexicon file.
LEXICON = "cameo_verbs.json"

#: Tables of the lexicon: JSON key -> VerbEntry field (and code key prefix).
_TABLES = {
    "objects": "obj",
    "preps": "prep",
    "particles": "prt",
    "pobjs": "prep",
    "phrasal": "prt",
}


@lru_cache(maxsize=1)
def read_lexicon() -> dict[str, Any]:
    """The packaged, converted CAMEO verb lexicon (parsed once).

    Examples:
        >>> lex = read_lexicon()
        >>> lex["verbs"]["rescind"], "MIT" in lex["licence"]
        ('160', True)
    """
    data: dict[str, Any] = json.loads(read_text(LEXICON))
    return data


def protected_verbs(p: Patterns) -> frozenset[str]:
    """The verbs whose logic is kg's own: nothing is imported for them."""
    control = set().union(*p.control.values()) if p.control else set()
    return frozenset(
        p.light_verbs | control | p.reporting | p.negations | p.counter_triggers
    )


def _merge_table(
    entry: VerbEntry,
    field: str,
    words: dict[str, str | None],
    rel_of: dict[str, str],
    add: bool,
    default_quad: int = 0,
) -> VerbEntry:
    """Add the words kg's entry lacks (when ``add``) and the codes of those that
    agree with it."""
    table: dict[str, str | None] = dict(getattr(entry, field))
    cameo = dict(entry.cameo)
    for word, code in words.items():
        rel = rel_of.get(code) if code else None
        if code is None or rel is None or (word not in table and not add):
            continue
        if word not in table and not _sharpens(code, default_quad):
            continue
        if word not in table:
            table[word] = rel
        if table[word] == rel:
            cameo.setdefault(f"{field}.{word}", code)
    tables = {"obj": entry.obj, "prep": entry.prep, "prt": entry.prt, field: table}
    return replace(
        entry, obj=tables["obj"], prep=tables["prep"], prt=tables["prt"], cameo=cameo
    )


def _sharpens(code: str, default_quad: int) -> bool:
    """Whether ``code`` may refine a verb whose default has ``default_quad`` (0:
    no default): a material default (quad 2 or 4) never turns verbal (1 or 3), and
    a conflict default (3 or 4) never turns cooperative (1 or 2): the dictionary
    codes such objects for a beneficiary kg does not take as the target
    ("protested X's detention of Y" is support for Y there, 053; kg's target is X).

    Examples:
        >>> _sharpens("072", 2), _sharpens("0332", 2), _sharpens("072", 1)
        (True, False, True)
        >>> _sharpens("053", 3), _sharpens("111", 3)
        (False, True)
    """
    quad = quad_class(code)
    if default_quad in (3, 4) and quad in (1, 2):
        return False
    return not (default_quad in (2, 4) and quad in (1, 3))


def _own_sense(
    words: dict[str, str | None], roots: Iterable[str]
) -> dict[str, str | None]:
    """The entries of a verb kg lacks whose code has a root of the verb's own
    sense in the dictionary (its own code, or its synonym blocks' codes): the
    object confirms the sense ("reassert friendship", REASSERT [051] + 051; "quell
    a disturbance", 175), where an idiom of another root is left out ("need
    evidence" 0214 of a verb of demand, 10), and so is every entry of a verb with
    no coded sense ("identify hostages" 181, "pick a minister" 060).

    Examples:
        >>> _own_sense({"friendship": "051", "ties": "160", "x": None}, ["05"])
        {'friendship': '051'}
    """
    keep = frozenset(roots)
    return {w: c for w, c in words.items() if c and c[:2] in keep}


def _quad(entry: VerbEntry, vocab: dict[str, Relation]) -> int:
    """The quad class of a verb's default relation (0 when it has none)."""
    rel = vocab.get(entry.default) if entry.default else None
    return quad_class(rel.cameo) if rel is not None else 0


def _codes(lex: dict[str, Any]) -> set[str]:
    codes = {c for c in lex["verbs"].values() if c}
    for key in _TABLES:
        for words in lex.get(key, {}).values():
            codes.update(c for c in words.values() if c)
    return codes


def add_lexicon(
    p: Patterns, vocab: dict[str, Relation], lex: dict[str, Any] | None = None
) -> Patterns:
    """``p`` with the lexicon's entries added (kg's entries win; see the module).

    Examples:
        >>> from kg.nlp.relations.patterns import parse_patterns
        >>> from kg.vocab import load_vocabulary
        >>> v = load_vocabulary()
        >>> p = parse_patterns({"verbs": {"lift": "easesRestrictionsOn"}}, v)
        >>> lex = {"verbs": {"rescind": "160", "die": None}, "objects": {"lift":
        ...     {"embargo": "085"}}, "preps": {}, "particles": {}}
        >>> q = add_lexicon(p, v, lex)
        >>> q.verbs["rescind"].default, q.verbs["lift"].obj, "die" in q.verbs
        ('reducesRelationsWith', {'embargo': 'liftsSanctionsOn'}, False)
        >>> q.verbs["lift"].cameo
        {'obj.embargo': '085'}
    """
    lex = lex if lex is not None else read_lexicon()
    by_code = code_relations(vocab)
    rel_of = {c: r for c in _codes(lex) if (r := relation_of_code(c, by_code))}
    skip = protected_verbs(p)
    scope = {k: p.lexicon.get(k, "all") for k in ("verbs", *_TABLES)}
    verbs = dict(p.verbs)
    for verb, code in lex["verbs"].items():
        rel = rel_of.get(code) if code else None
        if verb in skip or rel is None:
            continue
        entry = verbs.get(verb)
        if entry is None and scope["verbs"] == "all":
            verbs[verb] = VerbEntry(rel, cameo={"default": code})
        elif entry is not None and entry.default == rel:
            verbs[verb] = replace(entry, cameo={"default": code, **entry.cameo})
    for key, field in _TABLES.items():
        for verb, words in lex.get(key, {}).items():
            if verb not in p.verbs and scope[key] == "own_sense":
                words = _own_sense(words, lex.get("roots", {}).get(verb, ()))
            elif verb not in p.verbs and scope[key] != "all":
                continue
            if verb in skip or not words:
                continue
            entry = verbs.get(verb) or VerbEntry(None)
            merged = _merge_table(
                entry, field, words, rel_of, scope[key] != "none", _quad(entry, vocab)
            )
            if getattr(merged, field) or verb in verbs:
                verbs[verb] = merged
    return replace(p, verbs=verbs)
