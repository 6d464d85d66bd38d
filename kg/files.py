"""Files out: the one check before writing, and atomic writes.

Every command that writes a file calls :func:`check_writable` before doing any work
and writes through :func:`write_atomic`, so an existing file is never replaced
without ``--force`` and a failed write leaves nothing behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from kg.types import KGError


def check_writable(path: str | Path, *, force: bool) -> Path:
    """Refuse a path that is a directory, or an existing file without ``force``.

    Raises:
        KGError: when the path is a directory or exists and ``force`` is false.

    Examples:
        >>> check_writable("/", force=True)
        Traceback (most recent call last):
        ...
        kg.types.KGError: / is a directory; give a file name
    """
    path = Path(path)
    if path.is_dir():
        raise KGError(f"{path} is a directory; give a file name")
    if path.exists() and not force:
        raise KGError(f"{path} exists; pass --force to overwrite it")
    return path


def write_atomic(
    path: str | Path, write: Callable[[Path], object], *, force: bool
) -> Path:
    """Write a file through a temporary file and a rename: all or nothing.

    ``write`` receives the temporary path and fills it. The file gets the usual
    permissions (``0666`` less the umask), never replaces a directory, and never
    overwrites an existing file unless ``force``.

    Raises:
        KGError: when the file exists (without ``force``) or is a directory.
    """
    path = check_writable(path, force=force)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private (0600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_text_atomic(path: str | Path, text: str, *, force: bool) -> Path:
    """Write ``text`` (UTF-8) atomically; see :func:`write_atomic`."""
    return write_atomic(
        path, lambda p: p.write_text(text, encoding="utf-8"), force=force
    )


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
