"""The actor entity ruler and the wiring of the actor components into a pipeline.

:func:`add_actor_pipes` adds an ``entity_ruler`` (``kg_actor_ruler``) before ``ner``
whose pattern ids are actor ids (matching is case-sensitive, ``ORTH``, so that "us"
never becomes the US; PETRARCH phrases match on ``LOWER``), and the resolver
``kg_actors`` after ``ner``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

from spacy.language import Language
from spacy.pipeline import EntityRuler

from kg.nlp.actors import component  # noqa: F401  (registers the kg_actors factory)
from kg.registry import lexicon
from kg.registry.lexicon import CAPITAL, DEMONYM, LEADER, NAME, PLACE, Alias, Lexicon


def ruler_label(lex: Lexicon, alias: Alias) -> str:
    """The NER label of an alias pattern (GPE, NORP, PERSON or ORG)."""
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


def folded_tokens(text: str) -> list[list[str]]:
    """The token sequences a case-folded phrase may be written as: word by word,
    and with its abbreviations whole, with or without their final dot (the
    tokenizer reads "K.U." as one token, "k.u." as "k.u" and ".").

    Examples:
        >>> folded_tokens("al-qaeda")
        [['al', '-', 'qaeda']]
        >>> folded_tokens("the k.u.")
        [['the', 'k', '.', 'u', '.'], ['the', 'k.u.'], ['the', 'k.u', '.']]
    """
    split = re.findall(r"\w+|[^\w\s]", text)
    whole = re.findall(r"\w+(?:\.\w+)+\.?|\b\w\.|\w+|[^\w\s]", text)
    if whole == split:
        return [split]
    bare = [
        p
        for t in whole
        for p in ([t[:-1], "."] if "." in t[:-1] and t[-1] == "." else [t])
    ]
    return [split, whole] + ([bare] if bare != whole else [])


def ruler_patterns(lex: Lexicon) -> list[dict[str, Any]]:
    """Entity-ruler patterns of a lexicon: phrase patterns with id = actor id.

    Case-folded (PETRARCH) aliases become ``LOWER`` token patterns; ignored
    phrases are ``LOC`` patterns without an id (they win over a shorter name).

    Examples:
        >>> from kg.registry.lexicon import Alias, Lexicon
        >>> lex = Lexicon()
        >>> lex.add_alias("Daesh", Alias("ISIS"))
        >>> ruler_patterns(lex)
        [{'label': 'ORG', 'pattern': 'Daesh', 'id': 'ISIS'}]
    """
    pats: list[dict[str, Any]] = []
    for text, alias in lex.aliases.items():
        if text in lex.drop:
            continue
        pats.append(
            {"label": ruler_label(lex, alias), "pattern": text, "id": alias.actor}
        )
    for text, alias in lex.folded.items():
        for toks in folded_tokens(text):
            pats.append(
                {
                    "label": ruler_label(lex, alias),
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
        extra_registries: User registry files (see :func:`kg.registry.load_registry`).

    Returns:
        The same ``nlp``, for chaining.
    """
    extra = [str(p) for p in extra_registries]
    has_ner = "ner" in nlp.pipe_names
    ruler = cast(
        EntityRuler,
        nlp.add_pipe(
            "entity_ruler",
            name="kg_actor_ruler",
            config={
                "validate": False,
                "overwrite_ents": True,
                "phrase_matcher_attr": "ORTH",
            },
            before="ner" if has_ner else None,
        ),
    )
    # tokenise the thousands of phrase patterns with the tokenizer only
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(ruler_patterns(lexicon(tuple(extra))))
    nlp.add_pipe(
        "kg_actors",
        config={"extra_registries": extra},
        after="ner" if has_ner else None,
    )
    return nlp
